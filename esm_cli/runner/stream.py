"""What Lambda does with batches from a Kinesis or DynamoDB stream (docs/run.md, "Streams").

Each shard is read in order. With ParallelizationFactor N a shard feeds N lanes, records of one
partition key always to the same lane, so their order holds while N batches run at once.
A lane's head batch is retried until it succeeds, its records are too old
(MaximumRecordAgeInSeconds) or its retries run out (MaximumRetryAttempts); then it is discarded
and described to the on-failure destination. A partial batch response checkpoints before the
lowest failed sequence number. BisectBatchOnFunctionError splits a failed batch in two before
retrying, without counting a retry. TumblingWindowInSeconds groups records by arrival time into
windows whose state travels from one invocation to the next, closed by a final invocation.
"""

from __future__ import annotations

import json
import time
import zlib
from itertools import islice
from typing import Any, Callable

from esm_cli.filters.evaluate import evaluate
from esm_cli.runner import batching, events
from esm_cli.runner.config import MappingConfig
from esm_cli.runner.counters import Counters
from esm_cli.runner.destinations import (
    RECORD_TOO_OLD,
    RETRIES_EXHAUSTED,
    Sink,
    invocation_record,
)
from esm_cli.runner.invoke import Invocation
from esm_cli.runner.items import Item
from esm_cli.runner.lanes import Lane
from esm_cli.runner.semantics import (
    FAILED,
    OK,
    PARTIAL,
    split_at_checkpoint,
    state_of,
    verdict,
)
from esm_cli.runner.sources import StreamSource

MAX_STATE_BYTES = 1024 * 1024  # "Your state can be a maximum of 1 MB per shard"

class StreamProcessor:
    def __init__(
        self,
        cfg: MappingConfig,
        source: StreamSource,
        invoke: Callable[[dict[str, Any]], Invocation],
        counters: Counters,
        report: Callable[[dict[str, Any]], None],
        sink: Sink | None,
        *,
        replay: bool,
        concurrent: bool,
        flush_on_end: bool = False,
    ) -> None:
        self.cfg, self.source, self.invoke, self.counters, self.report, self.sink = cfg, source, invoke, counters, report, sink
        self.replay = replay
        # A replay, or a run told to stop once drained, invokes what a shard's end leaves without
        # waiting for the batching window or a tumbling window's end.
        self.flush_on_end = replay or flush_on_end
        self.concurrent = concurrent
        self.batches = 0
        self.shards = source.shards()
        self.lanes = {shard: [Lane(shard, i) for i in range(max(1, cfg.parallelization))] for shard in self.shards}

    # -- reading ---------------------------------------------------------------------------
    def _poll(self) -> bool:
        read = False
        room = self.cfg.batch_size * max(1, self.cfg.parallelization)
        for shard in self.shards:
            lanes = self.lanes[shard]
            if sum(len(lane.pending) for lane in lanes) >= room or self.source.at_end(shard) and self.replay:
                continue
            items = self.source.fetch(shard, room)
            if not items:
                continue
            read = True
            self.counters.count("PolledEventCount", len(items))
            if self.cfg.patterns:
                kept = [i for i in items if evaluate(self.cfg.patterns, i.record, self.cfg.family)[0].kept]
                self.counters.count("FilteredOutEventCount", len(items) - len(kept))  # skipped: the iterator moves on
                items = kept
            now = time.monotonic()
            count = len(lanes)
            for item in items:
                lane = lanes[zlib.crc32(item.key.encode()) % count] if count > 1 else lanes[0]
                if lane.first_seen is None:
                    lane.first_seen = now
                lane.pending.append(item)
        return read

    # -- choosing batches ------------------------------------------------------------------
    def _window_of(self, item: Item) -> tuple[float, float]:
        size = self.cfg.tumbling
        start = (int(item.arrival) // size) * size
        return float(start), float(start + size)

    def _ready(self, lane: Lane, now: float) -> bool:
        if lane.splits:
            return True
        if self.flush_on_end and self.source.at_end(lane.shard):
            return True
        size = self.cfg.batch_size
        if len(lane.pending) >= size:
            return True
        return batching.payload_full(list(lane.pending), size) or batching.window_elapsed(lane.first_seen, self.cfg.window, now)

    def _expire(self, lane: Lane) -> None:
        """Discard head records older than MaximumRecordAgeInSeconds, before invoking."""
        if self.cfg.max_age >= 0:
            expired = lane.take_expired(time.time() - self.cfg.max_age)
            if expired:
                self._discard(lane, expired, RECORD_TOO_OLD)

    def _next(self, lane: Lane, now: float) -> tuple[str, list[Item]] | None:
        """("records", batch) or ("final", []) for a window's last invocation, or None to wait."""
        self._expire(lane)
        if self.cfg.tumbling and lane.window is not None:
            head = lane.splits[0][0] if lane.splits else (lane.pending[0] if lane.pending else None)
            closes = lane.early or (head is not None and self._window_of(head) != lane.window)
            if head is None:
                closes = self.source.at_end(lane.shard) and (self.flush_on_end or time.time() >= lane.window[1])
            if closes:
                return "final", []
        if lane.splits:
            return "records", lane.splits[0]
        if not lane.pending or not self._ready(lane, now):
            return None
        pending = list(islice(lane.pending, self.cfg.batch_size))
        taken = batching.fitting(pending, self.cfg.batch_size)
        batch = pending[:taken]
        if self.cfg.tumbling:
            # A batch holds records of one window only: the open one, or the head record's.
            window = lane.window = lane.window or self._window_of(batch[0])
            end = 0
            while end < len(batch) and self._window_of(batch[end]) == window:
                end += 1
            batch = batch[:end]
        return "records", batch

    # -- one round -------------------------------------------------------------------------
    def step(self, budget: int) -> bool:
        read = self._poll()
        now = time.monotonic()
        work: list[tuple[Lane, str, list[Item]]] = []
        for shard in self.shards:
            for lane in self.lanes[shard]:
                if len(work) >= budget:
                    break
                chosen = self._next(lane, now)
                if chosen is not None:
                    work.append((lane, *chosen))
        if not work:
            return read
        payloads = [self._event(lane, kind, batch) for lane, kind, batch in work]
        if self.concurrent and len(work) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=len(work)) as pool:
                invocations = list(pool.map(self.invoke, payloads))
        else:
            invocations = []
            for payload in payloads:
                invocations.append(self.invoke(payload))
                if invocations[-1].interrupted:
                    break
        for (lane, kind, batch), invocation in zip(work, invocations):
            if invocation.interrupted:
                raise KeyboardInterrupt  # the batch was not settled: it is read again next time
            self.batches += 1
            self._settle(lane, kind, batch, invocation)
        return True

    def _event(self, lane: Lane, kind: str, batch: list[Item]) -> dict[str, Any]:
        if not self.cfg.tumbling:
            return events.event(batch)
        assert lane.window is not None
        return events.window_event(
            batch, arn=self.cfg.arn, shard=lane.shard, start=lane.window[0], end=lane.window[1],
            state=lane.state, final=kind == "final", early=lane.early and kind == "final",
        )

    # -- after the invocation --------------------------------------------------------------
    def _settle(self, lane: Lane, kind: str, batch: list[Item], invocation: Invocation) -> None:
        cfg, counters = self.cfg, self.counters
        from_splits = bool(lane.splits)
        counters.count("Invocations", 1)
        counters.count("InvokedEventCount", len(batch))
        counters.duration(invocation.duration_ms)
        if invocation.error is not None:
            counters.count("Errors", 1)
        lane.last = invocation
        result = verdict(invocation, batch, report_failures=cfg.report_failures, tumbling=bool(cfg.tumbling))
        line: dict[str, Any] = {
            "Shard": lane.shard,
            "Records": len(batch),
            "Result": result.status,
            "Attempt": lane.retries + 1,
            "RequestId": invocation.request_id,
            "DurationMs": round(invocation.duration_ms, 3),
        }
        if cfg.parallelization > 1:
            line["Lane"] = lane.index
        if batch:
            line["FirstSequenceNumber"] = batch[0].ident
        if kind == "final":
            line["FinalInvokeForWindow"] = True
        if result.status != FAILED and cfg.tumbling:
            self._carry_state(lane, kind, invocation)
        if result.status == OK:
            lane.remove_head(len(batch), from_splits)
            lane.retries = 0
            line["Action"] = "checkpointed"
        elif result.status == PARTIAL:
            done, rest = split_at_checkpoint(batch, result.failed)
            lane.remove_head(len(done), from_splits)
            counters.count("FailedInvokeEventCount", len(rest))
            line["Action"] = self._retry_or_discard(lane, rest, from_splits, invocation)
            line["CheckpointedRecords"] = len(done)
        else:
            counters.count("FailedInvokeEventCount", len(batch))
            line["Error"] = result.reason
            if cfg.bisect and len(batch) > 1:
                half = len(batch) // 2
                lane.remove_head(len(batch), from_splits)
                lane.splits.appendleft(batch[half:])
                lane.splits.appendleft(batch[:half])
                line["Action"] = "bisected"
            else:
                line["Action"] = self._retry_or_discard(lane, batch, from_splits, invocation, final=kind == "final")
        if batch and result.status != FAILED:
            counters.iterator_age(max(0.0, (time.time() - batch[-1].arrival) * 1000))
        self.report(line)

    def _carry_state(self, lane: Lane, kind: str, invocation: Invocation) -> None:
        if kind == "final":
            lane.window, lane.state, lane.early = None, {}, False
            return
        lane.state = state_of(invocation)
        if len(json.dumps(lane.state)) > MAX_STATE_BYTES:
            lane.early = True  # "If it exceeds that size, Lambda terminates the window early"

    def _retry_or_discard(self, lane: Lane, batch: list[Item], from_splits: bool, invocation: Invocation,
                          final: bool = False) -> str:
        lane.retries += 1
        if self.cfg.max_retries < 0 or lane.retries <= self.cfg.max_retries:
            return "retrying"
        if final:  # a window whose final invocation keeps failing is given up
            lane.window, lane.state, lane.early, lane.retries = None, {}, False, 0
            return "discarded"
        lane.remove_head(len(batch), from_splits)
        self._discard(lane, batch, RETRIES_EXHAUSTED)
        return "discarded"

    def _discard(self, lane: Lane, batch: list[Item], condition: str) -> None:
        invoke_count = lane.retries
        lane.retries = 0
        self.counters.count("DroppedEventCount", len(batch))
        if self.sink is None or not batch:
            return
        record = invocation_record(
            self.cfg, batch, condition=condition, invocation=lane.last if invoke_count else None,
            invoke_count=invoke_count,
        )
        self.sink.send(record, batch)
        self.counters.count("OnFailureDestinationDeliveredEventCount", len(batch))

    # -- the run's end ---------------------------------------------------------------------
    def drained(self) -> bool:
        return all(self.source.at_end(shard) for shard in self.shards) and not any(
            lane.busy() for lanes in self.lanes.values() for lane in lanes
        )

    def abort(self) -> None:
        """Ctrl-C: nothing to give back; unsettled records were never checkpointed."""

    def describe_lanes(self) -> list[dict[str, Any]]:
        rows = []
        for shard in self.shards:
            for lane in self.lanes[shard]:
                rows.append({
                    "Group": shard if len(self.lanes[shard]) == 1 else f"{shard}/{lane.index}",
                    "Pending": len(lane.pending) + sum(len(s) for s in lane.splits),
                    "Retries": lane.retries,
                })
        return rows

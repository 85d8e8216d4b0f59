"""What Lambda does with a batch from an SQS queue (docs/run.md, "SQS").

Filtered-out messages are deleted. After the invocation, successful messages are deleted; a
failed batch (or the messages a partial batch response names) is left in the queue, to be
received again after the visibility timeout — so the queue's redrive policy, if any, moves a
message that keeps failing to its dead-letter queue. In a FIFO queue a failed message holds
back the rest of its message group.
"""

from __future__ import annotations

from typing import Any, Callable

from esm_cli.filters.evaluate import evaluate
from esm_cli.runner import batching, events
from esm_cli.runner.config import MappingConfig
from esm_cli.runner.counters import Counters
from esm_cli.runner.invoke import Invocation
from esm_cli.runner.items import Item
from esm_cli.runner.semantics import FAILED, OK, PARTIAL, verdict
from esm_cli.runner.sources import QueueSource


class QueueProcessor:
    def __init__(
        self,
        cfg: MappingConfig,
        source: QueueSource,
        invoke: Callable[[dict[str, Any]], Invocation],
        counters: Counters,
        report: Callable[[dict[str, Any]], None],
        warn: Callable[[str], None],
    ) -> None:
        self.cfg, self.source, self.invoke = cfg, source, invoke
        self.counters, self.report, self.warn = counters, report, warn
        self.batches = 0
        self.in_flight: list[Item] = []
        self._fifo_warned = False

    def step(self, budget: int) -> bool:
        """Receive one batch and settle it; False when nothing was received."""
        cfg, counters = self.cfg, self.counters
        received = self.source.receive(cfg.batch_size, cfg.window)
        if not received:
            return False
        self.in_flight = received
        counters.count("PolledEventCount", len(received))
        batch = received
        if cfg.patterns:
            batch, dropped = self._filter(received)
            if dropped:
                self.source.delete(dropped)  # Lambda deletes messages its filters drop
                counters.count("FilteredOutEventCount", len(dropped))
                counters.count("DeletedEventCount", len(dropped))
        taken = batching.fitting(batch, cfg.batch_size)
        if taken < len(batch):  # past the payload limit: back to the queue for the next batch
            self.source.release(batch[taken:], now=True)
            batch = batch[:taken]
        if not batch:
            self.in_flight = []
            self.report({"Records": 0, "Received": len(received), "Result": "filtered", "Deleted": len(received)})
            return True
        invocation = self.invoke(events.event(batch))
        if invocation.interrupted:
            raise KeyboardInterrupt
        self.batches += 1
        self._settle(batch, invocation)
        self.in_flight = []
        return True

    def _filter(self, items: list[Item]) -> tuple[list[Item], list[Item]]:
        kept, dropped = [], []
        for item in items:
            (kept if evaluate(self.cfg.patterns, item.record, "sqs")[0].kept else dropped).append(item)
        return kept, dropped

    def _settle(self, batch: list[Item], invocation: Invocation) -> None:
        counters = self.counters
        counters.count("Invocations", 1)
        counters.count("InvokedEventCount", len(batch))
        counters.duration(invocation.duration_ms)
        if invocation.error is not None:
            counters.count("Errors", 1)
        result = verdict(invocation, batch, report_failures=self.cfg.report_failures)
        if result.status == OK:
            failed: list[Item] = []
        elif result.status == PARTIAL:
            failed = [item for item in batch if item.ident in result.failed]
            self._check_fifo_order(batch, result.failed)
        else:
            failed = list(batch)
        done = [item for item in batch if item.ident not in {f.ident for f in failed}] if failed else batch
        if done:
            self.source.delete(done)
            counters.count("DeletedEventCount", len(done))
        if failed:
            counters.count("FailedInvokeEventCount", len(failed))
            self.source.release(failed)
        line: dict[str, Any] = {
            "Records": len(batch),
            "Result": result.status,
            "Deleted": len(done),
            "Returned": len(failed),
            "RequestId": invocation.request_id,
            "DurationMs": round(invocation.duration_ms, 3),
        }
        groups = sorted({item.group for item in batch if item.group})
        if groups:
            line["MessageGroups"] = groups
        if result.status == FAILED:
            line["Error"] = result.reason
        self.report(line)

    def _check_fifo_order(self, batch: list[Item], failed: frozenset[str]) -> None:
        """Warn once when a FIFO partial response deletes a message behind a failed one of its group."""
        if not self.cfg.fifo or self._fifo_warned:
            return
        blocked: set[str] = set()
        for item in batch:
            if item.ident in failed:
                blocked.add(item.group)
            elif item.group in blocked:
                self._fifo_warned = True
                self.warn(
                    f"esm run: warning: message {item.ident} of group {item.group!r} succeeded after a failed one "
                    "of its group and is deleted, so the group's order is lost: with a FIFO queue, stop at the "
                    "first failure and report it and every message after it in batchItemFailures"
                )
                return

    def abort(self) -> None:
        """Ctrl-C: the messages of the unsettled batch go back to the queue at once."""
        if self.in_flight:
            self.source.release(self.in_flight, now=True)
            self.in_flight = []

    def drained(self) -> bool:
        return self.source.drained()

    def describe_lanes(self) -> list[dict[str, Any]]:
        """The batch in flight, by message group (a standard queue has none)."""
        groups: dict[str, int] = {}
        for item in self.in_flight:
            groups[item.group or "(queue)"] = groups.get(item.group or "(queue)", 0) + 1
        return [{"Group": group, "InFlight": count} for group, count in groups.items()]

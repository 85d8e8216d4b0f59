"""A lane: one ordered line of stream records (a shard, or a ParallelizationFactor part of one)."""

from __future__ import annotations

from collections import deque
from typing import Any

from esm_cli.runner.invoke import Invocation
from esm_cli.runner.items import Item


class Lane:
    """One ordered line of records: a shard, or one of its ParallelizationFactor parts."""

    def __init__(self, shard: str, index: int) -> None:
        self.shard = shard
        self.index = index
        self.pending: deque[Item] = deque()  # read, kept by the filters, not yet settled
        self.splits: deque[list[Item]] = deque()  # halves of a bisected batch, head first
        self.retries = 0  # failed invocations of the head records
        self.first_seen: float | None = None  # when the batching window started
        self.last: Invocation | None = None
        self.window: tuple[float, float] | None = None  # the open tumbling window
        self.state: dict[str, Any] = {}
        self.early = False  # the state outgrew 1 MB: close the window now

    def busy(self) -> bool:
        return bool(self.pending or self.splits or self.window)

    def remove_head(self, count: int, from_splits: bool) -> None:
        """The first ``count`` records of the head batch are settled."""
        if from_splits:
            rest = self.splits[0][count:]
            if rest:
                self.splits[0] = rest
            else:
                self.splits.popleft()
        else:
            for _ in range(count):
                self.pending.popleft()
        if not self.pending:
            self.first_seen = None

    def take_expired(self, oldest_allowed: float) -> list[Item]:
        """Remove and return the head records that arrived before ``oldest_allowed``."""
        head = self.splits[0] if self.splits else self.pending
        old = 0
        for item in head:
            if item.arrival >= oldest_allowed:
                break
            old += 1
        expired = [head[i] for i in range(old)]
        if old:
            self.remove_head(old, bool(self.splits))
        return expired

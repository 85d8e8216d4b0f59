"""Where records come from: a replay file, or the real source polled through botocore.

Two shapes, because Lambda treats them differently (docs/run.md):

``QueueSource`` (SQS): ``receive(limit, window)`` hands out messages, which stay in the
queue until ``delete``; ``release`` leaves failed ones to reappear (``now=True`` makes them
visible at once, for Ctrl-C); ``drained()`` says no message is visible, in flight or delayed.

``StreamSource`` (Kinesis, DynamoDB Streams): ``shards()`` names the shards; ``fetch(shard,
limit)`` reads the next records of a shard in order; ``at_end(shard)`` says the last read found
the shard's end (for an open shard, its tip).
"""

from __future__ import annotations

from typing import Protocol

from esm_cli.runner.items import Item


class QueueSource(Protocol):
    label: str

    def receive(self, limit: int, window: float) -> list[Item]: ...

    def delete(self, items: list[Item]) -> None: ...

    def release(self, items: list[Item], *, now: bool = False) -> None: ...

    def drained(self) -> bool: ...


class StreamSource(Protocol):
    label: str

    def shards(self) -> list[str]: ...

    def fetch(self, shard: str, limit: int) -> list[Item]: ...

    def at_end(self, shard: str) -> bool: ...

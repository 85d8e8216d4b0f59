"""One record as the local poller holds it: what the function sees, plus what Lambda tracks."""

from __future__ import annotations

from typing import Any


class Item:
    """A record in flight.

    ``record`` is the record exactly as it goes into the event's ``Records`` list; ``ident`` is the
    ``itemIdentifier`` a partial batch response names (the SQS messageId, or the stream record's
    sequence number); ``group`` is the shard or FIFO message group; ``key`` the partition key
    (streams, for ParallelizationFactor); ``arrival`` when the source received it (epoch seconds);
    ``size`` its JSON size in bytes; ``handle`` source-specific data (an SQS receipt handle);
    ``receives`` how many times it has been handed to the function.
    A plain class with slots: a replay moves 100,000 of these a second.
    """

    __slots__ = ("record", "ident", "group", "key", "arrival", "size", "exact", "handle", "receives", "order")

    def __init__(
        self,
        record: dict[str, Any],
        ident: str,
        *,
        group: str = "",
        key: str = "",
        arrival: float = 0.0,
        size: int = 0,
        handle: Any = None,
        order: int = 0,
    ) -> None:
        self.record = record
        self.ident = ident
        self.group = group
        self.key = key
        self.arrival = arrival
        self.size = size  # an estimate on the high side until ``exact`` (see esm_cli.runner.batching)
        self.exact = False
        self.handle = handle
        self.receives = 0
        self.order = order  # position in its shard (sequence order), for sorting and checkpoints

    def __repr__(self) -> str:
        return f"Item({self.ident!r}, group={self.group!r})"

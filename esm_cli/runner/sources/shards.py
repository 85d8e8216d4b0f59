"""What the two polled streams share: one iterator per shard, read on with GetRecords.

Kinesis and DynamoDB Streams differ in how the shards are listed, how an iterator is asked
for and how a record becomes an event; reading a shard and telling its end are the same
(docs/run.md, "Streams"): a shard is at its end when a read returns nothing.
"""

from __future__ import annotations

from typing import Any

from esm_cli.runner.config import MappingConfig
from esm_cli.runner.items import Item


class PolledShards:
    """A StreamSource over a botocore client; subclasses name the shards and make the items."""

    label = ""
    read_limit = 1000  # GetRecords' Limit maximum for the service

    def __init__(self, client: Any, cfg: MappingConfig) -> None:
        self.client = client
        self.cfg = cfg
        self._iterators: dict[str, str | None] = {}
        self._ended: dict[str, bool] = {}

    def _start(self, shard_id: str, iterator: str | None) -> None:
        self._iterators[shard_id] = iterator
        self._ended[shard_id] = False

    def item(self, raw: dict[str, Any], shard: str) -> Item:
        raise NotImplementedError

    def shards(self) -> list[str]:
        return sorted(self._iterators)

    def fetch(self, shard: str, limit: int) -> list[Item]:
        iterator = self._iterators[shard]
        if iterator is None:
            self._ended[shard] = True
            return []
        answer = self.client.get_records(ShardIterator=iterator, Limit=min(self.read_limit, limit))
        self._iterators[shard] = answer.get("NextShardIterator")
        records = answer.get("Records") or []
        self._ended[shard] = not records
        return [self.item(raw, shard) for raw in records]

    def at_end(self, shard: str) -> bool:
        return self._ended[shard]

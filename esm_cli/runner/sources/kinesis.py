"""A Kinesis data stream polled through botocore, shard by shard (docs/run.md, "Streams").

Every shard gets an iterator at the mapping's StartingPosition (LATEST, TRIM_HORIZON or
AT_TIMESTAMP); GetRecords reads on from there. A shard is at its end when a read returns
nothing (caught up with an open shard, or the end of a closed one).
"""

from __future__ import annotations

from typing import Any

from esm_cli.runner import events
from esm_cli.runner.config import MappingConfig
from esm_cli.runner.items import Item


class KinesisStream:
    def __init__(self, client: Any, cfg: MappingConfig, *, role: str) -> None:
        self.client = client
        self.cfg = cfg
        self.role = role
        self.label = "kinesis"
        self.name = cfg.arn.split(":stream/", 1)[1].split("/", 1)[0]
        shards = client.list_shards(StreamName=self.name)["Shards"]
        self._iterators: dict[str, str | None] = {}
        self._ended: dict[str, bool] = {}
        for shard in shards:
            shard_id = shard["ShardId"]
            request: dict[str, Any] = {"StreamName": self.name, "ShardId": shard_id,
                                       "ShardIteratorType": cfg.starting_position}
            if cfg.starting_position == "AT_TIMESTAMP" and cfg.starting_timestamp is not None:
                request["Timestamp"] = cfg.starting_timestamp
            self._iterators[shard_id] = client.get_shard_iterator(**request)["ShardIterator"]
            self._ended[shard_id] = False

    def shards(self) -> list[str]:
        return sorted(self._iterators)

    def fetch(self, shard: str, limit: int) -> list[Item]:
        iterator = self._iterators[shard]
        if iterator is None:
            self._ended[shard] = True
            return []
        answer = self.client.get_records(ShardIterator=iterator, Limit=min(10000, limit))
        self._iterators[shard] = answer.get("NextShardIterator")
        records = answer.get("Records") or []
        self._ended[shard] = not records
        return [
            events.kinesis_item(events.kinesis_record(shard, raw, self.cfg.arn, self.cfg.region, self.role), shard)
            for raw in records
        ]

    def at_end(self, shard: str) -> bool:
        return self._ended[shard]

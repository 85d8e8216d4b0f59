"""A DynamoDB stream polled through botocore, shard by shard (docs/run.md, "Streams").

DescribeStream names the shards; each gets an iterator at LATEST or TRIM_HORIZON (DynamoDB
Streams has no AT_TIMESTAMP); GetRecords reads on. A shard is at its end when a read returns
nothing.
"""

from __future__ import annotations

from typing import Any

from esm_cli.runner import events
from esm_cli.runner.config import MappingConfig
from esm_cli.runner.items import Item


class DynamoDBStream:
    def __init__(self, client: Any, cfg: MappingConfig) -> None:
        self.client = client
        self.cfg = cfg
        self.label = "dynamodb"
        description = client.describe_stream(StreamArn=cfg.arn)["StreamDescription"]
        self._iterators: dict[str, str | None] = {}
        self._ended: dict[str, bool] = {}
        position = "LATEST" if cfg.starting_position == "LATEST" else "TRIM_HORIZON"
        for shard in description.get("Shards") or []:
            shard_id = shard["ShardId"]
            self._iterators[shard_id] = client.get_shard_iterator(
                StreamArn=cfg.arn, ShardId=shard_id, ShardIteratorType=position
            )["ShardIterator"]
            self._ended[shard_id] = False

    def shards(self) -> list[str]:
        return sorted(self._iterators)

    def fetch(self, shard: str, limit: int) -> list[Item]:
        iterator = self._iterators[shard]
        if iterator is None:
            self._ended[shard] = True
            return []
        answer = self.client.get_records(ShardIterator=iterator, Limit=min(1000, limit))
        self._iterators[shard] = answer.get("NextShardIterator")
        records = answer.get("Records") or []
        self._ended[shard] = not records
        return [events.dynamodb_item(events.dynamodb_record(raw, self.cfg.arn, self.cfg.region), shard) for raw in records]

    def at_end(self, shard: str) -> bool:
        return self._ended[shard]

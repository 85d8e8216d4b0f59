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
from esm_cli.runner.sources.shards import PolledShards


class DynamoDBStream(PolledShards):
    label = "dynamodb"

    def __init__(self, client: Any, cfg: MappingConfig) -> None:
        super().__init__(client, cfg)
        description = client.describe_stream(StreamArn=cfg.arn)["StreamDescription"]
        position = "LATEST" if cfg.starting_position == "LATEST" else "TRIM_HORIZON"
        for shard in description.get("Shards") or []:
            shard_id = shard["ShardId"]
            request = {"StreamArn": cfg.arn, "ShardId": shard_id, "ShardIteratorType": position}
            self._start(shard_id, client.get_shard_iterator(**request)["ShardIterator"])

    def item(self, raw: dict[str, Any], shard: str) -> Item:
        return events.dynamodb_item(events.dynamodb_record(raw, self.cfg.arn, self.cfg.region), shard)

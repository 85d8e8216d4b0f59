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
from esm_cli.runner.sources.shards import PolledShards


class KinesisStream(PolledShards):
    label = "kinesis"
    read_limit = 10000

    def __init__(self, client: Any, cfg: MappingConfig, *, role: str) -> None:
        super().__init__(client, cfg)
        self.role = role
        self.name = cfg.arn.split(":stream/", 1)[1].split("/", 1)[0]
        for shard in client.list_shards(StreamName=self.name)["Shards"]:
            shard_id = shard["ShardId"]
            request: dict[str, Any] = {"StreamName": self.name, "ShardId": shard_id,
                                       "ShardIteratorType": cfg.starting_position}
            if cfg.starting_position == "AT_TIMESTAMP" and cfg.starting_timestamp is not None:
                request["Timestamp"] = cfg.starting_timestamp
            self._start(shard_id, client.get_shard_iterator(**request)["ShardIterator"])

    def item(self, raw: dict[str, Any], shard: str) -> Item:
        return events.kinesis_item(events.kinesis_record(shard, raw, self.cfg.arn, self.cfg.region, self.role), shard)

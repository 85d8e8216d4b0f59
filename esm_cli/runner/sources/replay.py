"""A replay: the records of a file, held as the source would hold them, with no server at all.

The file is what ``esm test-filter --records-file`` reads (NDJSON, a JSON list, or a whole
event). Records are completed where fields are missing, so a list of message bodies or of
payloads replays too: for SQS an object without ``body`` becomes a message whose body is its
JSON; for Kinesis an object without ``kinesis`` becomes a record whose data is its JSON.

A queue replay keeps messages until they are deleted: a failed message is received again
(its ApproximateReceiveCount grows) — at once, as if its visibility timeout had run out —
at the back of a standard queue, or at the head of its FIFO queue so its group stays in
order. With ``max_receive_count`` the queue has a redrive policy: a message received that
many times without success goes to the dead-letter sink instead.

A stream replay keeps each shard's records in file order. StartingPosition: TRIM_HORIZON and
LATEST both read the whole file (its records arrive after the run starts); AT_TIMESTAMP skips
records that arrived before the timestamp.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid as uuidlib
from collections import deque
from typing import Any, Callable

from esm_cli.errors import ParamValidationError
from esm_cli.runner import events
from esm_cli.runner.items import Item

_IDS = uuidlib.UUID("2f1c7a52-3b8e-4f4e-9a53-7265706c6179")
_FIRST_SEQUENCE = 49590338271490256608559692538361571095921575989136588898  # the shape of Kinesis's numbers
DEFAULT_KINESIS_SHARD = "shardId-000000000000"
DEFAULT_DDB_SHARD = "shardId-00000001700000000000-00000000"


def load(text: str, family: str) -> list[dict[str, Any]]:
    """The records of a replay file; ParamValidationError (exit 252) when it does not parse."""
    from esm_cli.filters.records import load_records

    return load_records(record_texts=[], records_file_text=text, message_bodies=[], source=family)


def _sqs(raw: dict[str, Any], index: int, arn: str, region: str, fifo: bool, now_ms: int) -> dict[str, Any]:
    if "body" in raw:
        record = dict(raw)
    else:
        record = {"body": json.dumps(raw, ensure_ascii=False)}
    body = record["body"] if isinstance(record["body"], str) else json.dumps(record["body"], ensure_ascii=False)
    record["body"] = body
    record.setdefault("messageId", str(uuidlib.uuid5(_IDS, str(index))))
    record.setdefault("receiptHandle", "")
    attributes = dict(record.get("attributes") or {})
    attributes.setdefault("ApproximateReceiveCount", "0")
    attributes.setdefault("SentTimestamp", str(now_ms))
    attributes.setdefault("SenderId", "AIDAIENQZJOLO23YVJ4VO")
    attributes.setdefault("ApproximateFirstReceiveTimestamp", str(now_ms))
    if fifo:
        attributes.setdefault("MessageGroupId", "default")
        attributes.setdefault("MessageDeduplicationId", hashlib.sha256(body.encode()).hexdigest())
        attributes.setdefault("SequenceNumber", str(18849496460467696128 + index))
    record["attributes"] = attributes
    record.setdefault("messageAttributes", {})
    record.setdefault("md5OfBody", hashlib.md5(body.encode()).hexdigest())
    record.setdefault("eventSource", "aws:sqs")
    record.setdefault("eventSourceARN", arn)
    record.setdefault("awsRegion", region)
    # Lambda's order of members, whatever order the file used.
    order = ("messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody")
    return {**{k: record[k] for k in order}, **{k: v for k, v in record.items() if k not in order}}


class ReplayQueue:
    """An SQS queue (standard or FIFO) holding the file's messages."""

    label = "replay"

    def __init__(
        self,
        raws: list[dict[str, Any]],
        *,
        arn: str,
        region: str,
        fifo: bool,
        max_receive_count: int | None,
        dead_letter: Callable[[Item], None],
    ) -> None:
        now_ms = int(time.time() * 1000)
        self._fifo = fifo
        self._max_receives = max_receive_count
        self._dead_letter = dead_letter
        self._pending: deque[Item] = deque(
            events.sqs_item(_sqs(raw, index, arn, region, fifo, now_ms), index) for index, raw in enumerate(raws)
        )
        self.dead_lettered = 0

    def receive(self, limit: int, window: float) -> list[Item]:
        pending, batch = self._pending, []
        while pending and len(batch) < limit:
            item = pending.popleft()
            if self._max_receives is not None and item.receives >= self._max_receives:
                # The redrive policy moves it on the receive after its last allowed one.
                self.dead_lettered += 1
                self._dead_letter(item)
                continue
            item.receives += 1
            attributes = item.record["attributes"]
            attributes["ApproximateReceiveCount"] = str(item.receives)
            item.record["receiptHandle"] = f"esm-replay:{item.ident}:{item.receives}"
            batch.append(item)
        return batch

    def delete(self, items: list[Item]) -> None:
        """Deleted messages are simply never handed out again."""

    def release(self, items: list[Item], *, now: bool = False) -> None:
        if self._fifo or now:
            self._pending.extendleft(reversed(items))  # back at the head: the group stays in order
        else:
            self._pending.extend(items)

    def drained(self) -> bool:
        return not self._pending


def _kinesis(raw: dict[str, Any], seq: int, arn: str, region: str, role: str, now: float) -> tuple[dict[str, Any], str]:
    if isinstance(raw.get("kinesis"), dict):
        record = dict(raw)
        body = dict(record["kinesis"])
        data = body.get("data", "")
        if not isinstance(data, str):  # a decoded payload written into the file
            body["data"] = base64.b64encode(json.dumps(data).encode()).decode()
    else:
        record = {}
        body = {"partitionKey": str(raw.get("partitionKey", seq)), "data": base64.b64encode(json.dumps(raw).encode()).decode()}
    body.setdefault("kinesisSchemaVersion", "1.0")
    body.setdefault("partitionKey", "0")
    body.setdefault("sequenceNumber", str(seq))
    body.setdefault("approximateArrivalTimestamp", now)
    shard = str(record.get("eventID", "")).split(":", 1)[0] if ":" in str(record.get("eventID", "")) else DEFAULT_KINESIS_SHARD
    ordered = {
        "kinesis": {k: body[k] for k in ("kinesisSchemaVersion", "partitionKey", "sequenceNumber", "data", "approximateArrivalTimestamp")},
        "eventSource": record.get("eventSource", "aws:kinesis"),
        "eventVersion": record.get("eventVersion", "1.0"),
        "eventID": record.get("eventID", f"{shard}:{body['sequenceNumber']}"),
        "eventName": record.get("eventName", "aws:kinesis:record"),
        "invokeIdentityArn": record.get("invokeIdentityArn", role),
        "awsRegion": record.get("awsRegion", region),
        "eventSourceARN": record.get("eventSourceARN", arn),
    }
    return ordered, shard


def _dynamodb(raw: dict[str, Any], seq: int, arn: str, region: str, now: float) -> dict[str, Any]:
    if not isinstance(raw.get("dynamodb"), dict):
        raise ParamValidationError(
            "--records-file: a DynamoDB Streams record needs a dynamodb member (Keys, NewImage, OldImage …), "
            'as in {"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"S": "1"}}, "NewImage": {...}}}'
        )
    stream = dict(raw["dynamodb"])
    stream.setdefault("ApproximateCreationDateTime", float(int(now)))
    stream.setdefault("SequenceNumber", str(seq))
    stream.setdefault("SizeBytes", len(json.dumps({k: stream.get(k) for k in ("Keys", "NewImage", "OldImage") if k in stream})))
    stream.setdefault("StreamViewType", "NEW_AND_OLD_IMAGES")
    record = {**raw, "dynamodb": stream}
    record.setdefault("eventID", uuidlib.uuid5(_IDS, str(seq)).hex)
    record.setdefault("eventName", "INSERT")
    return events.dynamodb_record(record, record.get("eventSourceARN", arn), region)


class ReplayStream:
    """A Kinesis or DynamoDB stream whose shards hold the file's records."""

    label = "replay"

    def __init__(self, raws: list[dict[str, Any]], *, family: str, arn: str, region: str, role: str,
                 starting_timestamp: float | None = None) -> None:
        now = time.time()
        self._shards: dict[str, deque[Item]] = {}
        for index, raw in enumerate(raws):
            seq = _FIRST_SEQUENCE + index
            if family == "kinesis":
                record, shard = _kinesis(raw, seq, arn, region, role, now)
                item = events.kinesis_item(record, shard)
            else:
                shard = DEFAULT_DDB_SHARD
                item = events.dynamodb_item(_dynamodb(raw, seq, arn, region, now), shard)
            item.order = index  # file order is the shard's order
            if starting_timestamp is not None and item.arrival < starting_timestamp:
                continue  # AT_TIMESTAMP: records older than the timestamp are not read
            self._shards.setdefault(shard, deque()).append(item)
        if not self._shards:
            self._shards[DEFAULT_KINESIS_SHARD if family == "kinesis" else DEFAULT_DDB_SHARD] = deque()

    def shards(self) -> list[str]:
        return sorted(self._shards)

    def fetch(self, shard: str, limit: int) -> list[Item]:
        queue = self._shards[shard]
        return [queue.popleft() for _ in range(min(limit, len(queue)))]

    def at_end(self, shard: str) -> bool:
        return not self._shards[shard]

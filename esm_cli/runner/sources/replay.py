"""A replay: the records of a file, held as the source would hold them, with no server at all.

The file is NDJSON, a JSON list, or a whole event (``{"Records": [...]}``), as for
``esm test-filter --records-file``. Records are completed where fields are missing, so a list of message bodies or of
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
_SENDER = "AIDAIENQZJOLO23YVJ4VO"  # the SenderId of AWS's example events
_ID_PREFIX = "3f0c5e7a-e5a0-4d1b-8e5a-"  # message ids of a replay: this prefix and the record's number
_FIRST_SEQUENCE = 49590338271490256608559692538361571095921575989136588898  # the shape of Kinesis's numbers
DEFAULT_KINESIS_SHARD = "shardId-000000000000"
DEFAULT_DDB_SHARD = "shardId-00000001700000000000-00000000"


def load(text: str, family: str) -> list[dict[str, Any]]:
    """The records of a replay file; ParamValidationError (exit 252) when it does not parse.

    A whole JSON document (an event, a list, one record) or NDJSON. For SQS, a line that is not
    a message record keeps its own text as the message body.
    """
    stripped = text.strip()
    if not stripped:
        raise ParamValidationError("--records-file is empty")
    try:
        whole = json.loads(stripped)
    except ValueError:
        whole = None
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) < 2:
            _fail(stripped, "--records-file")
    else:
        return _records(whole, "--records-file")
    records: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            _fail(line, f"--records-file line {number}")
        if family == "sqs" and isinstance(value, dict) and "body" not in value and "Records" not in value:
            records.append({"body": line.strip()})  # the line's own text is the message body
        else:
            records.extend(_records(value, f"--records-file line {number}"))
    return records


def _fail(text: str, origin: str) -> None:
    try:
        json.loads(text)
    except ValueError as error:
        raise ParamValidationError(f"{origin} is not valid JSON: {error}") from None


def _records(value: Any, origin: str) -> list[dict[str, Any]]:
    if isinstance(value, dict) and isinstance(value.get("Records"), list):
        value = value["Records"]
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            where = f"{origin} item {index}" if isinstance(value, list) else origin
            raise ParamValidationError(f"{where} is a JSON {type(item).__name__}; a record must be a JSON object")
    return items


def _sqs(raw: dict[str, Any], index: int, arn: str, region: str, fifo: bool, now_ms: str) -> dict[str, Any]:
    body = raw.get("body") if "body" in raw else raw
    if not isinstance(body, str):
        body = json.dumps(body, ensure_ascii=False)
    attributes = {
        "ApproximateReceiveCount": "0",
        "SentTimestamp": now_ms,
        "SenderId": _SENDER,
        "ApproximateFirstReceiveTimestamp": now_ms,
    }
    given = raw.get("attributes") if "body" in raw else None
    if given:
        attributes.update(given)
    if fifo:
        attributes.setdefault("MessageGroupId", "default")
        attributes.setdefault("MessageDeduplicationId", hashlib.sha256(body.encode()).hexdigest())
        attributes.setdefault("SequenceNumber", str(18849496460467696128 + index))
    # Lambda's order of members, whatever order the file used.
    record = {
        "messageId": raw.get("messageId") or f"{_ID_PREFIX}{index + 1:012d}",
        "receiptHandle": "",
        "body": body,
        "attributes": attributes,
        "messageAttributes": raw.get("messageAttributes") or {},
        "md5OfBody": raw.get("md5OfBody") or hashlib.md5(body.encode()).hexdigest(),
        "eventSource": raw.get("eventSource", "aws:sqs"),
        "eventSourceARN": raw.get("eventSourceARN", arn),
        "awsRegion": raw.get("awsRegion", region),
    }
    if "body" in raw and len(raw) > 1:
        record.update({k: v for k, v in raw.items() if k not in record})
    return record


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
        now_ms = str(int(time.time() * 1000))
        self._fifo = fifo
        self._max_receives = max_receive_count
        self._dead_letter = dead_letter
        arrival = int(now_ms) / 1000
        pending: deque[Item] = deque()
        for index, raw in enumerate(raws):
            record = _sqs(raw, index, arn, region, fifo, now_ms)
            attributes = record["attributes"]
            sent = attributes["SentTimestamp"]
            item = Item(record, record["messageId"], group=attributes.get("MessageGroupId", ""),
                        arrival=int(sent) / 1000 if sent is not now_ms and str(sent).isdigit() else arrival,
                        size=events.estimate(record["body"], record.get("messageAttributes")), order=index)
            pending.append(item)
        self._pending = pending
        self.dead_lettered = 0

    def receive(self, limit: int, window: float) -> list[Item]:
        pending, batch, max_receives = self._pending, [], self._max_receives
        while pending and len(batch) < limit:
            item = pending.popleft()
            receives = item.receives
            if max_receives is not None and receives >= max_receives:
                # The redrive policy moves it on the receive after its last allowed one.
                self.dead_lettered += 1
                self._dead_letter(item)
                continue
            item.receives = receives = receives + 1
            record = item.record
            # A new receipt handle and count on every receive, as SQS gives.
            record["attributes"]["ApproximateReceiveCount"] = count = str(receives)
            record["receiptHandle"] = item.ident + "#" + count
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

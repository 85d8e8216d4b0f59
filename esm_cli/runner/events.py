"""Records and events exactly as Lambda builds them, per source (docs/run.md, "The event").

Record shapes follow AWS's example events on the with-sqs, with-kinesis and with-ddb pages of the
Lambda developer guide. The same builders serve the pollers (from the source APIs' answers)
and replays (records from a file, completed where fields are missing).
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid as uuidlib
from typing import Any

from esm_cli.runner.items import Item

# Lambda's SQS records carry the message's system attributes as strings.
_SQS_TIME_ATTRIBUTES = ("SentTimestamp", "ApproximateFirstReceiveTimestamp")


def exact_size(record: dict[str, Any]) -> int:
    """The record's size in the event, in bytes."""
    return len(json.dumps(record, ensure_ascii=False).encode("utf-8"))


# A record's size is first estimated cheaply, on the high side (twice its payload plus 2 KB for
# the envelope and attributes); batching computes exact sizes only when a batch's estimate
# comes near the payload limit (esm_cli.runner.batching). A replay loads 100,000 records.
def estimate(payload: str, extra: Any = None) -> int:
    return 2 * len(payload) + 2048 + (len(str(extra)) * 2 if extra else 0)


def _message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    """An SQS MessageAttributeValue in the lower-camel form Lambda's events use."""
    out: dict[str, Any] = {}
    if "StringValue" in value:
        out["stringValue"] = value["StringValue"]
    if "BinaryValue" in value:
        raw = value["BinaryValue"]
        out["binaryValue"] = base64.b64encode(raw).decode() if isinstance(raw, bytes) else raw
    out["stringListValues"] = list(value.get("StringListValues") or [])
    out["binaryListValues"] = list(value.get("BinaryListValues") or [])
    out["dataType"] = value.get("DataType", "String")
    return out


def sqs_record(message: dict[str, Any], arn: str, region: str) -> dict[str, Any]:
    """The event record for one message of a ReceiveMessage answer."""
    record: dict[str, Any] = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message.get("Body", ""),
        "attributes": {k: str(v) for k, v in (message.get("Attributes") or {}).items()},
        "messageAttributes": {k: _message_attribute(v) for k, v in (message.get("MessageAttributes") or {}).items()},
        "md5OfBody": message.get("MD5OfBody") or hashlib.md5(message.get("Body", "").encode()).hexdigest(),
    }
    if message.get("MD5OfMessageAttributes"):
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    record.update(eventSource="aws:sqs", eventSourceARN=arn, awsRegion=region)
    return record


def sqs_item(record: dict[str, Any], order: int, handle: Any = None) -> Item:
    attributes = record.get("attributes") or {}
    sent = attributes.get("SentTimestamp")
    return Item(
        record,
        record["messageId"],
        group=attributes.get("MessageGroupId", ""),
        arrival=int(sent) / 1000 if str(sent or "").isdigit() else 0.0,
        size=estimate(record["body"], record.get("messageAttributes")),
        handle=handle,
        order=order,
    )


def kinesis_record(shard: str, raw: dict[str, Any], arn: str, region: str, role: str) -> dict[str, Any]:
    """The event record for one record of a Kinesis GetRecords answer."""
    data = raw.get("Data", b"")
    arrival = raw.get("ApproximateArrivalTimestamp")
    seq = raw["SequenceNumber"]
    return {
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": raw.get("PartitionKey", ""),
            "sequenceNumber": seq,
            "data": base64.b64encode(data if isinstance(data, bytes) else str(data).encode()).decode(),
            "approximateArrivalTimestamp": arrival.timestamp() if hasattr(arrival, "timestamp") else float(arrival or 0),
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": f"{shard}:{seq}",
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": role,
        "awsRegion": region,
        "eventSourceARN": arn,
    }


def kinesis_item(record: dict[str, Any], shard: str) -> Item:
    body = record["kinesis"]
    seq = str(body["sequenceNumber"])
    return Item(
        record,
        seq,
        group=shard,
        key=str(body.get("partitionKey", "")),
        arrival=float(body.get("approximateArrivalTimestamp") or 0),
        size=estimate(body.get("data", "")),
        order=int(seq) if seq.isdigit() else 0,
    )


def dynamodb_record(raw: dict[str, Any], arn: str, region: str) -> dict[str, Any]:
    """The event record for one record of a DynamoDB Streams GetRecords answer."""
    stream = dict(raw.get("dynamodb") or {})
    created = stream.get("ApproximateCreationDateTime")
    if hasattr(created, "timestamp"):
        stream["ApproximateCreationDateTime"] = float(int(created.timestamp()))
    record = {
        "eventID": raw.get("eventID") or uuidlib.uuid4().hex,
        "eventName": raw.get("eventName", "INSERT"),
        "eventVersion": raw.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": raw.get("awsRegion") or region,
        "dynamodb": stream,
        "eventSourceARN": arn,
    }
    if raw.get("userIdentity"):
        record["userIdentity"] = raw["userIdentity"]
    return record


def dynamodb_item(record: dict[str, Any], shard: str) -> Item:
    stream = record["dynamodb"]
    seq = str(stream.get("SequenceNumber", ""))
    return Item(
        record,
        seq,
        group=shard,
        key=json.dumps(stream.get("Keys") or {}, sort_keys=True),
        arrival=float(stream.get("ApproximateCreationDateTime") or 0),
        size=estimate("", stream),
        order=int(seq) if seq.isdigit() else 0,
    )


def batch_info(items: list[Item], family: str, arn: str) -> tuple[str, dict[str, Any]]:
    """KinesisBatchInfo / DDBStreamBatchInfo for the records of a discarded batch."""
    from esm_cli.runner.clock import iso_millis, iso_seconds

    # AWS's examples print Kinesis arrivals with milliseconds, DynamoDB's (whole seconds) without.
    when = iso_millis if family == "kinesis" else iso_seconds
    first, last = items[0], items[-1]
    info = {
        "shardId": first.group,
        "startSequenceNumber": first.ident,
        "endSequenceNumber": last.ident,
        "approximateArrivalOfFirstRecord": when(first.arrival),
        "approximateArrivalOfLastRecord": when(last.arrival),
        "batchSize": len(items),
        "streamArn": arn,
    }
    return ("KinesisBatchInfo" if family == "kinesis" else "DDBStreamBatchInfo"), info


def event(items: list[Item]) -> dict[str, Any]:
    """The event for a batch: ``{"Records": [...]}`` (SQS, Kinesis and DynamoDB alike)."""
    return {"Records": [item.record for item in items]}


def window_event(
    items: list[Item], *, arn: str, shard: str, start: float, end: float, state: dict[str, Any], final: bool, early: bool
) -> dict[str, Any]:
    """A tumbling-window event: the records plus window, state, shardId and the final/early flags."""
    from esm_cli.runner.clock import iso_seconds

    return {
        "Records": [item.record for item in items],
        "window": {"start": iso_seconds(start), "end": iso_seconds(end)},
        "state": state,
        "shardId": shard,
        "eventSourceARN": arn,
        "isFinalInvokeForWindow": final,
        "isWindowTerminatedEarly": early,
    }

"""What a filter sees of a record, per event source (docs/filters.md#data-key-per-source).

A record as the function receives it is not what Lambda filters: Lambda filters first, then
decodes nothing further and adds some metadata. So for each source we rebuild the view the
filter had:

====================  =============  ====================================================
source                data key       view the pattern's top-level keys refer to
====================  =============  ====================================================
SQS                   ``body``       the message record; ``body`` parsed when it is JSON
Kinesis               ``data``       the record's ``kinesis`` object, ``data`` base64-decoded
                                     (the guide's example pattern puts ``partitionKey``
                                     and ``data`` side by side at the top)
DynamoDB Streams      ``dynamodb``   the stream record; images stay typed (``{"N": "42"}``)
MSK / self-managed    ``value``      the Kafka record, ``value`` base64-decoded
Amazon MQ             ``data``       the message, ``data`` base64-decoded
DocumentDB            (none)         "Lambda doesn't support event filtering for Amazon DocumentDB"
====================  =============  ====================================================

Decoded data counts as JSON when it parses to an object or array; anything else (including a
bare JSON scalar such as ``42``) is a plain string. AWS's guide only distinguishes "valid JSON"
from "plain string" and every example of JSON data is an object, so this is our reading.

Format checks (Lambda guide, "Properly filtering Amazon SQS messages" and the Kafka/MQ pages):
plain data + a pattern with fields under the data key ⇒ dropped; JSON data + a plain-string
(leaf array) pattern on the data key ⇒ dropped. For Kinesis and DynamoDB a plain-string
pattern is rejected at create time instead (see ``validate``).

Fields Lambda adds after filtering (``eventSource``, ``eventSourceARN``, ``awsRegion`` on SQS
records, per LocalStack's poller, which cites the EventBridge Pipes docs; the whole outer
Kinesis envelope) are left out of the view, so patterns on them never match, with a hint.
DynamoDB's own stream records carry ``eventSource`` and ``awsRegion`` (LocalStack's
AWS-validated case ``content_multiple_filters`` matches ``"eventSource": ["aws:dynamodb"]``),
so only ``eventSourceARN`` is hidden there.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

from esm_cli.filters.jsontext import dumps, loads, shorten, type_name
from esm_cli.sources import FAMILIES
from esm_cli.filters.pattern import Reason

SOURCES = FAMILIES  # the record shapes filters see: one per source family

DATA_KEYS = {"sqs": "body", "kinesis": "data", "dynamodb": "dynamodb", "kafka": "value", "mq": "data"}

LABELS = {
    "sqs": "SQS",
    "kinesis": "Kinesis",
    "dynamodb": "DynamoDB Streams",
    "kafka": "Kafka",
    "mq": "Amazon MQ",
    "docdb": "DocumentDB",
}

# Record fields Lambda fills in after filtering, so no pattern can see them.
ADDED_AFTER_FILTERING = {
    "sqs": frozenset({"eventSource", "eventSourceARN", "awsRegion"}),
    "kinesis": frozenset(
        {"eventSource", "eventVersion", "eventID", "eventName", "invokeIdentityArn", "awsRegion", "eventSourceARN"}
    ),
    "dynamodb": frozenset({"eventSourceARN"}),
    # Kafka and MQ events carry these at event level, not per record.
    "kafka": frozenset({"eventSource", "eventSourceArn", "bootstrapServers"}),
    "mq": frozenset({"eventSource", "eventSourceArn"}),
}

# Fields of a DynamoDB stream record and of its `dynamodb` member, for pattern linting.
DDB_RECORD_FIELDS = frozenset({"eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "userIdentity"})
DDB_STREAM_FIELDS = frozenset(
    {"ApproximateCreationDateTime", "Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes", "StreamViewType"}
)
DDB_TYPES = frozenset({"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"})

JSON, PLAIN, BINARY, ABSENT = "json", "plain", "binary", "absent"


@dataclass
class FilterView:
    """A record as the filter sees it."""

    source: str
    data: dict[str, Any]  # what the pattern's top-level keys refer to
    data_key: str | None
    data_format: str  # json | plain | binary | absent
    raw_data: Any = None  # the data field before decoding (for messages)
    notes: list[str] = field(default_factory=list)


def _as_json(text: str) -> tuple[str, Any]:
    """(format, value) for decoded text: JSON objects/arrays are parsed, anything else stays a string."""
    try:
        value = loads(text)
    except (ValueError, RecursionError):
        return PLAIN, text
    if isinstance(value, (dict, list)):
        return JSON, value
    return PLAIN, text


def _decode_base64(raw: Any, where: str, notes: list[str]) -> tuple[str, Any]:
    """Decode a base64 payload the way Lambda does before filtering (UTF-8 text, then JSON or plain)."""
    if raw is None:
        return ABSENT, None
    if isinstance(raw, (dict, list)):
        notes.append(f"{where} was given decoded (as JSON), not base64; esm used it as the payload")
        return JSON, raw
    if not isinstance(raw, str):
        notes.append(f"{where} is {type_name(raw)}, not a base64 string; nothing can match inside it")
        return BINARY, raw
    try:
        payload = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        fmt, value = _as_json(raw)
        if fmt == JSON:
            notes.append(f"{where} is not base64 but JSON text; esm used it as the decoded payload")
            return fmt, value
        notes.append(f"{where} is not valid base64; esm matched it as plain text")
        return PLAIN, raw
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(f"{where} is not UTF-8 text once decoded; Lambda can only filter UTF-8 JSON or strings")
        return BINARY, raw
    return _as_json(text)


def _sqs(record: dict[str, Any], notes: list[str]) -> FilterView:
    data = {k: v for k, v in record.items() if k not in ADDED_AFTER_FILTERING["sqs"]}
    body = record.get("body")
    if body is None and "body" not in record:
        fmt = ABSENT
    elif isinstance(body, str):
        fmt, data["body"] = _as_json(body)
    elif isinstance(body, (dict, list)):
        notes.append("body was given as JSON rather than as the message text; esm treated it as a JSON message")
        fmt = JSON
    else:
        fmt, data["body"] = PLAIN, dumps(body)
        notes.append(f"body is {type_name(body)}, not a string; SQS bodies are text")
    return FilterView("sqs", data, "body", fmt, body, notes)


def _kinesis(record: dict[str, Any], notes: list[str]) -> FilterView:
    inner = record.get("kinesis")
    if not isinstance(inner, dict):
        # A bare Kinesis record (as GetRecords or Pipes shows it) instead of the Lambda record.
        inner = {k: v for k, v in record.items() if k not in ADDED_AFTER_FILTERING["kinesis"]}
        if "data" in inner:
            notes.append('the record has no "kinesis" object; esm read it as the inner Kinesis record')
    data = dict(inner)
    raw = inner.get("data")
    fmt, decoded = _decode_base64(raw, "kinesis.data", notes)
    if fmt != ABSENT:
        data["data"] = decoded
    return FilterView("kinesis", data, "data", fmt, raw, notes)


def _dynamodb(record: dict[str, Any], notes: list[str]) -> FilterView:
    data = {k: v for k, v in record.items() if k not in ADDED_AFTER_FILTERING["dynamodb"]}
    member = record.get("dynamodb")
    fmt = JSON if isinstance(member, dict) else ABSENT if member is None else PLAIN
    return FilterView("dynamodb", data, "dynamodb", fmt, member, notes)


def _payload(source: str, key: str, record: dict[str, Any], notes: list[str]) -> FilterView:
    data = dict(record)
    raw = record.get(key)
    fmt, decoded = _decode_base64(raw, key, notes)
    if fmt != ABSENT:
        data[key] = decoded
    return FilterView(source, data, key, fmt, raw, notes)


def view_of(record: dict[str, Any], source: str) -> FilterView:
    """The filter's view of ``record`` for ``source`` (one of SOURCES except docdb)."""
    notes: list[str] = []
    if source == "sqs":
        return _sqs(record, notes)
    if source == "kinesis":
        return _kinesis(record, notes)
    if source == "dynamodb":
        return _dynamodb(record, notes)
    if source == "kafka":
        return _payload("kafka", "value", record, notes)
    if source == "mq":
        return _payload("mq", "data", record, notes)
    raise ValueError(f"no filtering for source {source!r}")


def format_mismatch(pattern: dict[str, Any], view: FilterView) -> Reason | None:
    """AWS's format check on the data key: drop before matching when pattern and data disagree."""
    key = view.data_key
    if key is None or key not in pattern:
        return None  # "If you don't include body as part of your FilterCriteria, Lambda skips this check."
    wanted = pattern[key]
    label = f"{LABELS[view.source]} {key}"
    shown = view.raw_data if isinstance(view.raw_data, str) else dumps(view.raw_data)
    if isinstance(wanted, dict) and view.data_format in (PLAIN, BINARY):
        return Reason(
            path=key,
            expected=wanted,
            actual=shorten(str(shown), 120),
            hint=(
                f"the {label} is not JSON, so a pattern with fields under \"{key}\" drops it "
                f"(Lambda's format check); to match plain text use a leaf array, e.g. "
                f"{{\"{key}\": [{{\"prefix\": \"...\"}}]}}"
            ),
        )
    if isinstance(wanted, list) and view.data_format == JSON:
        return Reason(
            path=key,
            expected=wanted,
            actual=view.data.get(key),
            hint=(
                f"the {label} is JSON, so a plain-string pattern on \"{key}\" drops it "
                f"(Lambda's format check); match its fields instead, e.g. {{\"{key}\": {{\"field\": [\"value\"]}}}}"
            ),
        )
    return None

"""Records for ``esm test-filter``: parsed from what the user gave, unwrapped from whole events.

Accepted shapes, so people can paste whatever they have at hand:

- one record (``--record``), exactly as the function receives it in its event;
- a whole event: ``{"Records": [...]}`` (SQS, Kinesis, DynamoDB), ``{"records": {"topic-0": [...]}}``
  (MSK and self-managed Kafka), ``{"messages": [...]}`` (ActiveMQ),
  ``{"rmqMessagesByQueue": {"queue::/": [...]}}`` (RabbitMQ);
- a JSON array of records or events, or NDJSON (one record or event per line);
- ``--message-body``: a raw SQS body, wrapped in an SQS record like the ones Lambda delivers.

Numbers keep their written text (see ``jsontext``), because plain equality compares it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from esm_cli.errors import ParamValidationError
from esm_cli.filters.jsontext import loads, type_name


def _parse(text: str, origin: str) -> Any:
    try:
        return loads(text)
    except RecursionError:
        raise ParamValidationError(f"{origin} is nested too deeply to read") from None
    except ValueError as error:
        raise ParamValidationError(f"{origin} is not valid JSON: {error}") from None


def _unwrap(value: Any, origin: str) -> list[dict[str, Any]]:
    """The records inside an event, a list, or a single record."""
    if isinstance(value, list):
        records: list[dict[str, Any]] = []
        for index, item in enumerate(value):
            records.extend(_unwrap(item, f"{origin} item {index}"))
        return records
    if not isinstance(value, dict):
        raise ParamValidationError(f"{origin} is a JSON {type_name(value)}; a record must be a JSON object")
    for key in ("Records", "messages"):
        if isinstance(value.get(key), list):
            return _unwrap(value[key], f"{origin} {key}")
    for key in ("records", "rmqMessagesByQueue"):  # Kafka topic-partitions, RabbitMQ queues
        grouped = value.get(key)
        if isinstance(grouped, dict) and all(isinstance(v, list) for v in grouped.values()):
            records = []
            for group, items in grouped.items():
                records.extend(_unwrap(items, f"{origin} {key}.{group}"))
            return records
    return [value]


def _parse_records_file(text: str) -> list[dict[str, Any]]:
    stripped = text.strip()
    if not stripped:
        raise ParamValidationError("--records-file is empty")
    try:
        whole = loads(stripped)
    except (ValueError, RecursionError):
        # Not one JSON document: read it as NDJSON, one record or event per non-blank line.
        lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) < 2:
            _parse(stripped, "--records-file")  # raises with the parser's own message
        records: list[dict[str, Any]] = []
        for number, line in lines:
            origin = f"--records-file line {number}"
            records.extend(_unwrap(_parse(line, origin), origin))
        return records
    return _unwrap(whole, "--records-file")


def sqs_record(body: str, index: int = 0) -> dict[str, Any]:
    """An SQS record around ``body``, shaped like the ones in Lambda's SQS events."""
    return {
        "messageId": f"00000000-0000-4000-8000-{index + 1:012d}",
        "receiptHandle": "esm-test-filter",
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": "1545082649183",
            "SenderId": "AIDAIENQZJOLO23YVJ4VO",
            "ApproximateFirstReceiveTimestamp": "1545082649185",
        },
        "messageAttributes": {},
        "md5OfBody": hashlib.md5(body.encode("utf-8")).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:esm-test-filter",
        "awsRegion": "us-east-1",
    }


def load_records(
    *,
    record_texts: list[str],
    records_file_text: str | None,
    message_bodies: list[str],
    source: str,
) -> list[dict[str, Any]]:
    """Every record given, in order: ``--record`` values, then the records file, then message bodies.

    Raises ParamValidationError (exit 252) for unreadable JSON, non-object records, a message
    body for a source other than SQS, or no records at all.
    """
    records: list[dict[str, Any]] = []
    for number, text in enumerate(record_texts, 1):
        origin = "--record" if len(record_texts) == 1 else f"--record #{number}"
        records.extend(_unwrap(_parse(text, origin), origin))
    if records_file_text is not None:
        records.extend(_parse_records_file(records_file_text))
    if message_bodies and source != "sqs":
        raise ParamValidationError(
            f"--message-body builds SQS records, but the source is {source}; use --record or --records-file"
        )
    for body in message_bodies:
        records.append(sqs_record(body, len(records)))
    if not records:
        raise ParamValidationError("no records to test: give --record, --records-file or --message-body")
    return records

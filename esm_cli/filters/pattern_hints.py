"""Hints and warnings about a pattern for a source, and telling a record's source from its shape.

What each source's records look like is stated in ``esm_cli.filters.envelopes``; this module
reads those tables to explain a drop, lint a pattern before it is used, and guess the source
of a bare record (test-filter without --source). See docs/filters.md.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from esm_cli.filters.envelopes import ADDED_AFTER_FILTERING, DATA_KEYS, LABELS, DDB_RECORD_FIELDS, DDB_STREAM_FIELDS
from esm_cli.filters.jsontext import dumps, shorten
from esm_cli.filters.pattern import Reason


def _foreign_data_key(key: str, source: str) -> str | None:
    owners = sorted({LABELS[s] for s, k in DATA_KEYS.items() if k == key and s != source})
    if key == DATA_KEYS.get(source) or not owners:
        return None
    return (
        f'"{key}" is the data key of {" and ".join(owners)}; {LABELS[source]} records keep their payload in '
        f'"{DATA_KEYS[source]}"'
    )


def top_key_hint(key: str, source: str) -> str:
    """Why a top-level pattern key finds nothing in this source's records ('' if no reason known)."""
    if key in ADDED_AFTER_FILTERING.get(source, ()):
        return f'"{key}" is added by Lambda after filtering, so no filter can see it'
    if source == "kinesis" and key == "kinesis":
        return 'Kinesis pattern keys refer to the inside of the record\'s "kinesis" object: write {"data": ...}, not {"kinesis": {"data": ...}}'
    return _foreign_data_key(key, source) or ""


def source_hint(reason: Reason, source: str) -> Reason:
    """Add a source-level hint to a reason whose path starts at a key this source never has."""
    top = reason.path.split(".", 1)[0].split("[", 1)[0]
    hint = top_key_hint(top, source)
    if not hint or (reason.present and reason.hint):
        return reason
    return replace(reason, hint=f"{hint}; {reason.hint}" if reason.hint else hint)


def lint_pattern(pattern: dict[str, Any], source: str) -> list[str]:
    """Warnings for a valid pattern that can never (or may never) match this source's records."""
    warnings: list[str] = []
    data_key = DATA_KEYS.get(source)
    for key in pattern:
        if key == "$or":
            continue
        hint = top_key_hint(key, source)
        if hint:
            warnings.append(hint)
        elif source == "dynamodb" and key not in DDB_RECORD_FIELDS:
            warnings.append(f'DynamoDB stream records have no "{key}" field; known fields: {", ".join(sorted(DDB_RECORD_FIELDS))}')
        elif source in ("sqs", "kinesis", "kafka", "mq") and key != data_key:
            warnings.append(
                f'AWS documents {LABELS[source]} filtering only on "{data_key}"; esm matches "{key}" as the record '
                "shows it, but AWS may not"
            )
    if source == "dynamodb" and isinstance(pattern.get("dynamodb"), dict):
        warnings.extend(_lint_dynamodb(pattern["dynamodb"]))
    return warnings


def _lint_dynamodb(stream: dict[str, Any]) -> list[str]:
    warnings: list[str] = []
    for key, value in stream.items():
        if key == "$or":
            continue
        if key not in DDB_STREAM_FIELDS:
            warnings.append(f'"dynamodb.{key}" is not a stream record field; expected one of {", ".join(sorted(DDB_STREAM_FIELDS))}')
        elif key in ("Keys", "NewImage", "OldImage") and isinstance(value, dict):
            for attribute, typed in value.items():
                where = f"dynamodb.{key}.{attribute}"
                if isinstance(typed, list):
                    warnings.append(
                        f'"{where}": DynamoDB attribute values are typed; write {{"S": {shorten(dumps(typed), 40)}}} '
                        "(or N, BOOL, …) under the attribute name, or it never matches"
                    )
                elif isinstance(typed, dict):
                    for kind, leaf in typed.items():
                        if kind in ("N", "NS") and isinstance(leaf, list) and any(
                            isinstance(m, dict) and "numeric" in m for m in leaf
                        ):
                            warnings.append(
                                f'"{where}.{kind}": DynamoDB N values are strings; numeric never matches them'
                            )
    return warnings


_EVENT_SOURCES = {
    "aws:sqs": "sqs",
    "aws:kinesis": "kinesis",
    "aws:dynamodb": "dynamodb",
    "aws:kafka": "kafka",
    "SelfManagedKafka": "kafka",
    "aws:mq": "mq",
    "aws:rmq": "mq",
}


def guess_source(record: dict[str, Any]) -> str | None:
    """Which source a record looks like it came from (for 'did you mean --source …' notes)."""
    tagged = _EVENT_SOURCES.get(str(record.get("eventSource", "")))
    if tagged:
        return tagged
    if isinstance(record.get("kinesis"), dict):
        return "kinesis"
    if isinstance(record.get("dynamodb"), dict):
        return "dynamodb"
    if "body" in record and ("messageId" in record or "receiptHandle" in record):
        return "sqs"
    if "topic" in record and "partition" in record:
        return "kafka"
    if "messageID" in record or "basicProperties" in record:
        return "mq"
    return None

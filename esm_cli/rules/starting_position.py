"""Starting position and timestamp (docs/rules.md, R-SP). All create-only: neither is an
Update member (R-SP-8, reported by R-UPD-2)."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

from esm_cli.rules.base import CREATE_ONLY, DDB, DOCDB, KAFKA, MSK, SQS, STREAMS, Context, Finding, as_str, rule_maker
from esm_cli.sources import Source

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Iterable

# Tests replace this to pin "now"; the rule compares with the clock at validation time.
clock = time.time

_NULL_MESSAGE = (
    "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: "
    "Member must not be null."
)
_TIMESTAMP_SOURCES = frozenset({Source.KINESIS, Source.KINESIS_CONSUMER, Source.DOCUMENTDB}) | KAFKA


def epoch_seconds(value: Any) -> float | None:
    """A StartingPositionTimestamp as epoch seconds (int/float, datetime, ISO text), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp()
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
        try:
            return epoch_seconds(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return None
    return None


def _position(ctx: Context) -> str | None:
    return as_str(ctx.request.get("StartingPosition")) or None


def _missing(ctx: Context) -> Iterable[Finding]:
    if _position(ctx) is None:
        yield Finding("StartingPosition")


def _ddb_at_timestamp(ctx: Context) -> Iterable[Finding]:
    if _position(ctx) == "AT_TIMESTAMP":
        yield Finding("StartingPosition", {"EventSourceArn": ctx.request.get("EventSourceArn", "")})


def _sqs_position(ctx: Context) -> Iterable[Finding]:
    if ctx.sent("StartingPosition"):
        yield Finding("StartingPosition")


def _timestamp_missing(ctx: Context) -> Iterable[Finding]:
    if _position(ctx) == "AT_TIMESTAMP" and ctx.request.get("StartingPositionTimestamp") is None:
        yield Finding("StartingPositionTimestamp")


def _timestamp_without_at(ctx: Context) -> Iterable[Finding]:
    if ctx.request.get("StartingPositionTimestamp") is not None and _position(ctx) != "AT_TIMESTAMP":
        yield Finding("StartingPositionTimestamp", {"StartingPosition": _position(ctx) or "(none)"})


def _timestamp_future(ctx: Context) -> Iterable[Finding]:
    seconds = epoch_seconds(ctx.request.get("StartingPositionTimestamp"))
    if _position(ctx) == "AT_TIMESTAMP" and seconds is not None and seconds > clock():
        moment = datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        yield Finding("StartingPositionTimestamp", {"timestamp": moment})


_rule = rule_maker("starting-position", operations=CREATE_ONLY)

RULES = (
    _rule(
        "R-SP-2", "StartingPosition", _missing, STREAMS, verbatim=True,
        message=_NULL_MESSAGE,
        hint="Streams need a starting position: add --starting-position LATEST, TRIM_HORIZON or (Kinesis only) "
        "AT_TIMESTAMP.",
        evidence="[S] test_lambda_api.snapshot.json :: test_create_event_source_validation → no_starting_position (DDB) "
        "and test_create_event_source_validation_kinesis → no_starting_position (25-11-2025). Note: "
        "InvalidParameterValueException with a validation-style text",
    ),
    _rule(
        "R-SP-3", "StartingPosition", _ddb_at_timestamp, DDB, verbatim=True,
        message="Unsupported starting position for arn type: <EventSourceArn>",
        hint="DynamoDB Streams start at LATEST or TRIM_HORIZON only.",
        evidence="[S] test_lambda_api.snapshot.json :: test_create_event_source_validation → incompatible_starting_position"
        " (25-11-2025); [D] \"AT_TIMESTAMP is supported only for Amazon Kinesis streams, Amazon DocumentDB, Amazon MSK, "
        "and self-managed Apache Kafka\"",
    ),
    _rule(
        "R-SP-4", "StartingPosition", _sqs_position, SQS, verbatim=True,
        message="StartingPosition is not valid for SQS event sources.",
        hint="SQS queues have no starting position: remove --starting-position.",
        evidence="[U] boto/boto3#1613 (2018), motdotla/node-lambda#466 (2018); [T] cfn-lint E3634",
    ),
    _rule(
        "R-SP-5", "StartingPosition", _missing, MSK, refs=("R-SP-5", "R-KAF-9"),
        message=_NULL_MESSAGE,
        hint="MSK mappings need a starting position: add --starting-position LATEST, TRIM_HORIZON or AT_TIMESTAMP.",
        evidence="[D] msk-esm-parameters marks StartingPosition required (no counter-evidence for MSK; self-managed "
        "Kafka defaults it to TRIM_HORIZON [S] test_create_event_source_self_managed, so it is not checked there). "
        "Message unknown: R-SP-2's text is assumed",
    ),
    _rule(
        "R-SP-7.timestamp-required",
        ("StartingPosition", "StartingPositionTimestamp"), _timestamp_missing, _TIMESTAMP_SOURCES,
        verbatim=True,
        message="Need to specify a timestamp",
        hint="With --starting-position AT_TIMESTAMP, add --starting-position-timestamp (ISO 8601 or epoch seconds).",
        evidence="[U] awsdocs/aws-cloudformation-user-guide#334 (2019, via CloudFormation); [D] msk-esm-parameters",
    ),
    _rule(
        "R-SP-7.timestamp-without-at",
        ("StartingPosition", "StartingPositionTimestamp"), _timestamp_without_at, STREAMS | KAFKA | DOCDB,
        message="StartingPositionTimestamp can be specified only when StartingPosition is AT_TIMESTAMP.",
        hint="Either set --starting-position AT_TIMESTAMP or remove --starting-position-timestamp "
        "(starting position is <StartingPosition>).",
        evidence="[D] services-kinesis-parameters \"Only valid if StartingPosition is set to AT_TIMESTAMP\"; [T] CDK "
        "rejects it client-side. Message unknown",
    ),
    _rule(
        "R-SP-7.future", "StartingPositionTimestamp", _timestamp_future, _TIMESTAMP_SOURCES,
        message="StartingPositionTimestamp cannot be in the future.",
        hint="Use a time in the past (<timestamp> is ahead of this machine's clock), or LATEST to read only new "
        "records.",
        evidence="[M] StartingPositionTimestamp doc \"cannot be in the future\"; [T] CDK. Message unknown",
    ),
)

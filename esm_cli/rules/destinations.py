"""On-success and on-failure destinations (docs/rules.md, R-DST)."""

from __future__ import annotations

from esm_cli.applicability import rejected_by_generic_rule

from esm_cli import spec
from esm_cli.rules.base import (
    DDB, KAFKA, STREAMS_AND_KAFKA, UPDATE_ONLY, Context, Finding, Phase, as_dict, as_list, as_str, is_neutral, rule_maker,
    unsupported_message,
)
from esm_cli.rules.javaregex import full_match

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

_KAFKA_SCHEME = "kafka://"
_ARN_SERVICES = ("sqs", "sns", "s3")


def _on_failure_destination(ctx: Context) -> str:
    on_failure = as_dict(as_dict(ctx.get("DestinationConfig")).get("OnFailure"))
    return as_str(on_failure.get("Destination")) or ""


def _well_formed(destination: str) -> bool:
    # A destination breaking the model pattern is reported as a ValidationException already.
    return full_match(spec.shape("DestinationArn")["pattern"], destination)


def _on_success(ctx: Context) -> Iterable[Finding]:
    config = ctx.request.get("DestinationConfig")
    if isinstance(config, dict) and not is_neutral(config.get("OnSuccess")):
        yield Finding("DestinationConfig", path="destinationConfig.onSuccess")


def _on_failure_unsupported(ctx: Context) -> Iterable[Finding]:
    config = ctx.request.get("DestinationConfig")
    if isinstance(config, dict) and not is_neutral(config.get("OnFailure")):
        yield Finding("DestinationConfig", path="destinationConfig.onFailure")


def _destination_type(ctx: Context) -> Iterable[Finding]:
    destination = _on_failure_destination(ctx)
    if not destination or not _well_formed(destination):
        return
    if destination.startswith(_KAFKA_SCHEME):
        if ctx.source not in KAFKA:
            yield Finding("DestinationConfig", {"Destination": destination, "kind": "a Kafka topic"})
        return
    service = destination.split(":")[2] if destination.count(":") >= 2 else ""
    if service not in _ARN_SERVICES:
        yield Finding("DestinationConfig", {"Destination": destination, "kind": f"a {service or 'non-ARN'} resource"})


def _ddb_fifo_destination(ctx: Context) -> Iterable[Finding]:
    destination = _on_failure_destination(ctx)
    service = destination.split(":")[2] if destination.count(":") >= 2 else ""
    if service in ("sqs", "sns") and destination.endswith(".fifo") and _well_formed(destination):
        yield Finding("DestinationConfig", {"Destination": destination})


def _kafka_loop(ctx: Context) -> Iterable[Finding]:
    destination = _on_failure_destination(ctx)
    if not destination.startswith(_KAFKA_SCHEME):
        return
    topic = destination[len(_KAFKA_SCHEME) :]
    if topic in [t for t in as_list(ctx.get("Topics")) if isinstance(t, str)]:
        yield Finding("DestinationConfig", {"topic": topic})


def _on_failure_without_destination(ctx: Context) -> Iterable[Finding]:
    # The stream default AWS reads back, {"OnFailure": {}}, is refused when sent back; removing a
    # destination is spelled {"OnFailure": {"Destination": ""}} (docs/limits.md, "Removing a destination").
    on_failure = as_dict(ctx.request.get("DestinationConfig")).get("OnFailure")
    if isinstance(on_failure, dict) and on_failure.get("Destination") is None:
        yield Finding("DestinationConfig", path="destinationConfig.onFailure")


_rule = rule_maker("destinations")

RULES = (
    _rule(
        "R-DST-1", "DestinationConfig", _on_success, verbatim=True, phase=Phase.ON_SUCCESS, refs=("R-DST-1", "R-ORD-1"),
        message="Unsupported DestinationConfig parameter for given event source mapping type.",
        hint="Event source mappings take only an on-failure destination: remove OnSuccess from --destination-config.",
        evidence="[S] test_lambda_api.snapshot.json :: …test_event_source_mapping_exceptions → destination_config_failure"
        " (27-11-2025, SQS source); [M] \"OnSuccess is not supported in CreateEventSourceMapping or "
        "UpdateEventSourceMapping requests\". Checked before the source and the function (R-ORD-1)",
    ),
    _rule(
        "R-DST-2", "DestinationConfig", _on_failure_unsupported, rejected_by_generic_rule("DestinationConfig"),
        verbatim=True, refs=("R-DST-2", "R-APP-1", "R-APP-2", "R-MQ-4"),
        message=unsupported_message("DestinationConfig"),
        hint="On-failure destinations are for Kinesis, DynamoDB Streams and Kafka; for <source> use the queue's or "
        "broker's own dead-letter handling.",
        evidence="[M] DestinationConfig doc \"(Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka)\"; "
        "text [U] aws/aws-cdk#19917 (2022, then for Kafka)",
    ),
    _rule(
        "R-DST-3.type", "DestinationConfig", _destination_type, STREAMS_AND_KAFKA, refs=("R-DST-3", "R-DST-5"),
        message="The provided destination config DestinationConfig.OnFailure.Destination is invalid: <Destination>",
        hint="An on-failure destination is an SQS queue, SNS topic or S3 bucket ARN; kafka://<topic> only for a Kafka "
        "source (this is <kind>).",
        evidence="[S] SQS, SNS and S3 accepted for Kinesis and DynamoDB (test_kinesis_event_source_mapping_with_*_"
        "destination*, 25-11-2025); [D] kafka-on-failure adds Kafka topics. Message unknown",
    ),
    _rule(
        "R-DST-3.ddb-fifo", "DestinationConfig", _ddb_fifo_destination, DDB, refs=("R-DST-3",),
        message="The provided destination config DestinationConfig.OnFailure.Destination is invalid: <Destination>",
        hint="DynamoDB Streams send failures to a standard SQS queue or standard SNS topic, not a FIFO one.",
        evidence="[D] services-ddb-params \"Standard Amazon SQS queue or standard Amazon SNS topic\". Message unknown",
    ),
    _rule(
        "R-DST-6.destination-required", "DestinationConfig", _on_failure_without_destination, STREAMS_AND_KAFKA,
        operations=UPDATE_ONLY, verbatim=True, refs=("R-DST-6",),
        message="The Destination field is required for an OnFailure configuration.",
        hint="To remove the on-failure destination send --destination-config '{\"OnFailure\": {\"Destination\": \"\"}}'; "
        "the {\"OnFailure\": {}} a get returns cannot be sent back.",
        evidence="[U] aws-controllers-k8s/community#2865 and cdk-real-drift#1611: updates sending back the read-back "
        "{\"OnFailure\": {}} answered InvalidParameterValueException with this text (docs/limits.md)",
    ),
    _rule(
        "R-DST-4", ("DestinationConfig", "Topics"), _kafka_loop, KAFKA, refs=("R-DST-4", "R-KAF-10"),
        message="The on-failure destination topic cannot be the same as the source topic.",
        hint="Send failed records to another topic than '<topic>' (Lambda blocks this to prevent an infinite loop).",
        evidence="[D] kafka-on-failure-destination \"Lambda prevents infinite loops by blocking configurations where the "
        "source and destination topics are the same\". Message unknown",
    ),
)

"""Which event source a create names (docs/rules.md, R-SRC)."""

from __future__ import annotations

from esm_cli import spec
from esm_cli.rules.base import CREATE_ONLY, Context, Finding, Phase, as_str, rule_maker, unsupported_message
from esm_cli.rules.javaregex import full_match
from esm_cli.sources import Source

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable


def _arn(ctx: Context) -> str:
    return as_str(ctx.request.get("EventSourceArn")) or ""


def _no_source(ctx: Context) -> Iterable[Finding]:
    if not _arn(ctx) and not ctx.request.get("SelfManagedEventSource"):
        yield Finding("EventSourceArn")


def _not_a_source(ctx: Context) -> Iterable[Finding]:
    arn = _arn(ctx)
    # An ARN that breaks the model pattern is already reported (ValidationException); only a
    # well-formed ARN of a service Lambda cannot read from is this rule's business.
    if arn and ctx.source is Source.UNKNOWN and full_match(spec.shape("Arn")["pattern"], arn):
        service = arn.split(":")[2]
        yield Finding("EventSourceArn", {"EventSourceArn": arn, "service": service})


def _both(ctx: Context) -> Iterable[Finding]:
    if _arn(ctx) and ctx.request.get("SelfManagedEventSource"):
        yield Finding("SelfManagedEventSource")


_rule = rule_maker("sources", operations=CREATE_ONLY, phase=Phase.SOURCE)

RULES = (
    _rule(
        "R-SRC-1", ("EventSourceArn", "SelfManagedEventSource"), _no_source, verbatim=True,
        message="Unrecognized event source.",
        hint="Give --event-source-arn (an SQS queue, Kinesis stream or consumer, DynamoDB stream, MQ broker, "
        "MSK cluster or DocumentDB cluster ARN), or --self-managed-event-source for your own Kafka cluster.",
        evidence="[S] test_lambda_api.snapshot.json :: TestLambdaEventSourceMappings::test_event_source_mapping_exceptions"
        " → create_no_event_source_arn (27-11-2025)",
    ),
    _rule(
        "R-SRC-2", "EventSourceArn", _not_a_source, refs=("R-SRC-2", "R-SRC-3"),
        message="Unrecognized event source.",
        hint="A <service> ARN is not an event source Lambda can read. Use an SQS queue, a Kinesis stream "
        "(stream/<name>) or consumer, a DynamoDB stream (table/<table>/stream/<label>, not the table), an MQ broker, "
        "an MSK cluster or a DocumentDB cluster (rds:…:cluster:<id>).",
        evidence="[D] API_CreateEventSourceMapping EventSourceArn; [M]. Message unknown: R-SRC-1's text is assumed "
        "(the 2016 text was `Unrecognized event source, must be kinesis or dynamodb stream` [U] boto/boto3#634)",
    ),
    _rule(
        "R-SRC-4", ("EventSourceArn", "SelfManagedEventSource"), _both,
        message=unsupported_message("SelfManagedEventSource"),
        hint="Give either --event-source-arn or --self-managed-event-source, not both.",
        evidence="[T] Terraform ExactlyOneOf(event_source_arn, self_managed_event_source). Message unknown: "
        "the R-APP-2 template is assumed",
    ),
)

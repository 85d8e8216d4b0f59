"""Stream error-handling knobs (docs/rules.md, R-STR). Their ranges are model rules; their
applicability is in ``applicability.py``. What remains are the semantic limits."""

from __future__ import annotations

from esm_cli.rules.base import KAFKA, STREAMS_AND_KAFKA, Context, Finding, as_dict, as_int, rule_maker

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

RECORD_AGE_MIN = 60

# Kafka's error-handling controls and their "not configured" values (R-STR-3/4/5 defaults).
_KAFKA_KNOBS = (
    ("BisectBatchOnFunctionError", False),
    ("MaximumRetryAttempts", -1),
    ("MaximumRecordAgeInSeconds", -1),
)


def _record_age(ctx: Context) -> Iterable[Finding]:
    age = as_int(ctx.request.get("MaximumRecordAgeInSeconds"))
    # Below -1 is a model error (botocore checks the minimum); 0…59 is the gap AWS refuses.
    if age is not None and -1 < age < RECORD_AGE_MIN:
        yield Finding("MaximumRecordAgeInSeconds", {"age": age})


def _kafka_needs_provisioned(ctx: Context) -> Iterable[Finding]:
    if ctx.get("ProvisionedPollerConfig"):
        return
    queue_mode = as_dict(ctx.get("SelfManagedKafkaEventSourceConfig")).get("ConsumptionMode") == "Queue"
    for index, (name, neutral) in enumerate(_KAFKA_KNOBS):
        if name == "MaximumRetryAttempts" and queue_mode:
            neutral = 0  # Queue mode's default (R-KAF-6)
        value = ctx.request.get(name)
        if value is not None and value != neutral:
            yield Finding(name, {"flag": name}, position=(index,))


_rule = rule_maker("streams")

RULES = (
    _rule(
        "R-STR-5", "MaximumRecordAgeInSeconds", _record_age, STREAMS_AND_KAFKA, verbatim=True,
        message="MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)",
        hint="Use -1 to keep records until they expire, or 60 or more (got <age>).",
        evidence="[U] hashicorp/terraform-provider-aws#16113 maintainer comment (2021-04); [M]/[D] \"The minimum valid "
        "value for maximum record age is 60s\"; 60 accepted [S] test_kinesis_maximum_record_age_exceeded",
    ),
    _rule(
        "R-STR-6",
        ("BisectBatchOnFunctionError", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds"), _kafka_needs_provisioned, KAFKA,
        refs=("R-STR-6", "R-KAF-10"),
        message="<flag> is supported for Kafka event sources only in provisioned mode.",
        hint="Add --provisioned-poller-config (e.g. MinimumPollers=1,MaximumPollers=200) to use Kafka error "
        "handling, or leave <flag> at its default.",
        evidence="[D] kafka-retry-configurations \"select provisioned mode to configure error handling controls\"; CLI "
        "examples always add --provisioned-poller-config. Medium confidence; message unknown",
    ),
)

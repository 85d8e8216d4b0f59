"""Provisioned mode (docs/rules.md, R-PPC). The model allows MinimumPollers 1–200 and
MaximumPollers 1–10000 for every source; the per-source ranges below are the docs'."""

from __future__ import annotations

from esm_cli.rules.base import KAFKA, SQS, Context, Finding, as_dict, as_int, as_str, rule_maker, unsupported_rule

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

SQS_MIN_POLLERS = 2
KAFKA_MAX_POLLERS = 2000
DEFAULT_MAX_POLLERS = 200


def _config(ctx: Context) -> dict:
    # The whole structure is replaced on update, so only what this request sends matters.
    return as_dict(ctx.request.get("ProvisionedPollerConfig"))


def _sqs_minimum(ctx: Context) -> Iterable[Finding]:
    for index, name in enumerate(("MinimumPollers", "MaximumPollers")):
        value = as_int(_config(ctx).get(name))
        if value is not None and value < SQS_MIN_POLLERS:
            yield Finding("ProvisionedPollerConfig", {"name": name, "value": value}, position=(index,))


def _kafka_maximum(ctx: Context) -> Iterable[Finding]:
    value = as_int(_config(ctx).get("MaximumPollers"))
    if value is not None and value > KAFKA_MAX_POLLERS:
        yield Finding("ProvisionedPollerConfig", {"value": value})


def _group_on_sqs(ctx: Context) -> Iterable[Finding]:
    if as_str(_config(ctx).get("PollerGroupName")):
        yield Finding("ProvisionedPollerConfig")


def _min_above_max(ctx: Context) -> Iterable[Finding]:
    config = _config(ctx)
    low, high = as_int(config.get("MinimumPollers")), as_int(config.get("MaximumPollers"))
    if low is None and high is None:
        return
    default_low = SQS_MIN_POLLERS if ctx.source in SQS else 1
    low = default_low if low is None else low
    high = DEFAULT_MAX_POLLERS if high is None else high
    if low > high:
        yield Finding("ProvisionedPollerConfig", {"low": low, "high": high})


_rule = rule_maker("pollers")

RULES = (
    unsupported_rule(
        "R-PPC-1",
        "ProvisionedPollerConfig",
        topic="pollers",
        evidence="[M] ProvisionedPollerConfig doc (Amazon SQS, Amazon MSK and self-managed Apache Kafka); R-APP-2 "
        "template, this combination not recorded",
        hint="Provisioned mode exists for SQS and Kafka sources only: remove --provisioned-poller-config.",
    ),
    _rule(
        "R-PPC-2.sqs-minimum", "ProvisionedPollerConfig", _sqs_minimum, SQS, refs=("R-PPC-2", "R-PPC-3"),
        message="<name> must be at least 2 for Amazon SQS event sources.",
        hint="SQS provisioned mode needs at least 2 pollers: set <name> to 2 or more (got <value>).",
        evidence="[M] ProvisionedPollerConfig: MinimumPollers \"For Amazon SQS events source mappings, default is 2, "
        "and minimum 2 required\"; MaximumPollers \"For Amazon SQS … between 2 and 10,000\". Message unknown",
    ),
    _rule(
        "R-PPC-3.kafka-maximum", "ProvisionedPollerConfig", _kafka_maximum, KAFKA,
        message="MaximumPollers must be between 1 and 2000 for Kafka event sources.",
        hint="Kafka provisioned mode allows up to 2000 pollers (got <value>).",
        evidence="[M] ProvisionedPollerConfig.MaximumPollers \"For Amazon MSK and self-managed Apache Kafka … between "
        "1 and 2,000\". Message unknown",
    ),
    _rule(
        "R-PPC-4", "ProvisionedPollerConfig", _group_on_sqs, SQS,
        message="PollerGroupName is supported only for Kafka event sources.",
        hint="Poller groups are for MSK and self-managed Kafka: remove PollerGroupName.",
        evidence="[M] ProvisionedPollerConfig.PollerGroupName \"(Amazon MSK and self-managed Apache Kafka)\". "
        "Message unknown; group size limits are checked by AWS only",
    ),
    _rule(
        "R-PPC-5", "ProvisionedPollerConfig", _min_above_max, SQS | KAFKA,
        message="MinimumPollers must be less than or equal to MaximumPollers.",
        hint="MinimumPollers is <low> but MaximumPollers is <high> (defaults fill what you leave out): raise the "
        "maximum or lower the minimum.",
        evidence="Inferred from the ProvisionedPollerConfig docs (minimum/maximum a source scales between). "
        "Message unknown",
    ),
)

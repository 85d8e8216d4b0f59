"""MetricsConfig and LoggingConfig (docs/rules.md, R-MET and R-LOG)."""

from __future__ import annotations

from esm_cli.rules.base import EVERY_SOURCE, KAFKA, Context, Finding, as_dict, as_list, rule_maker, unsupported_rule

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

KAFKA_ONLY_METRICS = ("ErrorCount", "KafkaMetrics")


def _kafka_metrics(ctx: Context) -> Iterable[Finding]:
    metrics = as_list(as_dict(ctx.request.get("MetricsConfig")).get("Metrics"))
    wrong = [m for m in KAFKA_ONLY_METRICS if m in metrics]
    if wrong:
        yield Finding("MetricsConfig", {"metrics": ", ".join(wrong)})


_rule = rule_maker("observability")

RULES = (
    _rule(
        "R-MET-2", "MetricsConfig", _kafka_metrics, EVERY_SOURCE - KAFKA,
        message="Unsupported metrics for given event source mapping type: <metrics>",
        hint="<metrics> are for MSK and self-managed Kafka only; <source> mappings take Metrics=EventCount.",
        evidence="[M]/[D] API_EventSourceMappingMetricsConfig: ErrorCount and KafkaMetrics \"(Amazon MSK and "
        "self-managed Apache Kafka)\". Message unknown",
    ),
    unsupported_rule(
        "R-LOG-1",
        "LoggingConfig",
        topic="observability",
        evidence="[M] LoggingConfig doc (Amazon MSK and self-managed Apache Kafka only); R-APP-2 template, this "
        "combination not recorded",
        hint="System log levels are a Kafka setting: remove --logging-config.",
        refs=("R-LOG-1", "R-APP-1", "R-APP-2"),
    ),
)

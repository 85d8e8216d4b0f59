"""ScalingConfig (docs/rules.md, R-SCL). MaximumConcurrency's range is a model rule
(its minimum of 2 is botocore's client-side check)."""

from __future__ import annotations

from esm_cli.rules.base import unsupported_rule

RULES = (
    unsupported_rule(
        "R-SCL-2",
        "ScalingConfig",
        topic="scaling",
        evidence="[M] ScalingConfig doc \"(Amazon SQS only)\"; R-APP-2 template, this combination not recorded",
        hint="Maximum concurrency is an SQS setting: remove --scaling-config (streams scale with "
        "--parallelization-factor, Kafka with --provisioned-poller-config).",
        refs=("R-SCL-2", "R-SCL-3", "R-APP-1", "R-APP-2", "R-MQ-4"),
    ),
)

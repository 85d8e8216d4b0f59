"""FunctionResponseTypes (docs/rules.md, R-FRT). The enum and list size are model rules."""

from __future__ import annotations

from esm_cli.rules.base import unsupported_rule

RULES = (
    unsupported_rule(
        "R-FRT-2",
        "FunctionResponseTypes",
        topic="response-types",
        evidence="[M] FunctionResponseTypes doc \"(Kinesis, DynamoDB Streams, and Amazon SQS)\" plus Kafka [M]; "
        "accepted for SQS FIFO, Kinesis and DynamoDB [S] test_*_report_batch_item_failures. "
        "Amazon MQ / DocumentDB rejection text not recorded (R-APP-2 template)",
        hint="Partial batch responses (ReportBatchItemFailures) are not available for <source>: remove "
        "--function-response-types.",
        refs=("R-FRT-2", "R-APP-1", "R-APP-2", "R-MQ-4"),
    ),
)

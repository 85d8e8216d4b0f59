"""Source type from the ARN (docs/aws-facts.md#source-types), shared with the backend and completion."""

from __future__ import annotations

import pytest

from esm_cli.sources import Source, classify, classify_arn
from test_rules_cases import BROKERS, DDB_ARN, DOCDB_ARN, EFO_ARN, FIFO_ARN, KINESIS_ARN, MQ_ARN, MSK_ARN, SQS_ARN


@pytest.mark.parametrize(
    ("arn", "source"),
    [
        (SQS_ARN, Source.SQS_STANDARD),
        (FIFO_ARN, Source.SQS_FIFO),
        (KINESIS_ARN, Source.KINESIS),
        (EFO_ARN, Source.KINESIS_CONSUMER),
        (DDB_ARN, Source.DYNAMODB),
        (MQ_ARN, Source.MQ),
        (MSK_ARN, Source.MSK),
        (DOCDB_ARN, Source.DOCUMENTDB),
        ("arn:aws-cn:sqs:cn-north-1:123456789012:q", Source.SQS_STANDARD),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/orders", Source.UNKNOWN),  # a table, not its stream
        ("arn:aws:sns:us-east-1:123456789012:topic", Source.UNKNOWN),
        ("arn:aws:rds:us-east-1:123456789012:db:orders", Source.UNKNOWN),
        ("not an arn", Source.UNKNOWN),
    ],
)
def test_classify_arn(arn: str, source: Source) -> None:
    assert classify_arn(arn) is source


def test_classify_request_or_mapping() -> None:
    assert classify({"EventSourceArn": SQS_ARN}) is Source.SQS_STANDARD
    assert classify({"SelfManagedEventSource": BROKERS}) is Source.SELF_MANAGED_KAFKA
    assert classify({"EventSourceArn": MSK_ARN, "SelfManagedEventSource": BROKERS}) is Source.MSK  # R-SRC-4 reports it
    assert classify({"FunctionName": "fn"}) is None
    assert classify({"EventSourceArn": 42}) is Source.UNKNOWN  # never an exception


def test_families_and_labels() -> None:
    assert {s.family for s in Source} == {"sqs", "kinesis", "dynamodb", "mq", "kafka", "docdb", "unknown"}
    assert all(s.label for s in Source)

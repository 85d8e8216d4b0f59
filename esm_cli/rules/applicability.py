"""Parameters a source type does not take (esm-rules.md §3: the R-APP-1 matrix, R-APP-2 text).

One rule per parameter, rejecting it for the ✗ cells of the matrix. Parameters whose
rejection the catalogue names separately live with their topic, built by the same helper:
DestinationConfig (R-DST-2), FunctionResponseTypes (R-FRT-2), FilterCriteria on DocumentDB
(R-FLT-7), ScalingConfig (R-SCL-2), ProvisionedPollerConfig (R-PPC-1), LoggingConfig
(R-LOG-1). StartingPosition on SQS has its own recorded text (R-SP-4) and
SelfManagedEventSource next to an ARN is R-SRC-4.

Only what the request itself sends is judged, and only non-neutral values (R-APP-3): a
stored mapping's defaults were accepted by AWS, and ``[]``/``{}`` mean "not set".
"""

from __future__ import annotations

from esm_cli.rules.base import (
    CREATE_ONLY,
    DOCDB,
    EVERY_SOURCE,
    KAFKA,
    MQ,
    MSK,
    SMK,
    SQS,
    STREAMS,
    STREAMS_AND_KAFKA,
    WRITE,
    flag,
    unsupported_rule,
)

_MATRIX = "[M] member docs; [D] services-*-parameters, msk-esm-parameters, kafka-esm-parameters, with-documentdb (R-APP-1)"
_TEMPLATE = (
    "template [U] observed verbatim: `Unsupported 'maximumBatchingWindowInSeconds' parameter for given event source "
    "mapping type.` pulumi/pulumi-aws#1418 (2021) and `… 'destinationConfig' …` aws/aws-cdk#19917 (2022); "
    "this combination not recorded"
)

# (parameter, sources that reject it, operations, what to do)
_TABLE = (
    ("StartingPosition", MQ, CREATE_ONLY, "Amazon MQ mappings have no starting position: remove {flag}."),
    (
        "StartingPositionTimestamp",
        SQS | MQ,
        CREATE_ONLY,
        "Only stream, Kafka and DocumentDB sources read from a timestamp: remove {flag}.",
    ),
    (
        "ParallelizationFactor",
        EVERY_SOURCE - STREAMS,
        WRITE,
        "{flag} is for Kinesis and DynamoDB Streams only: remove it.",
    ),
    (
        "TumblingWindowInSeconds",
        EVERY_SOURCE - STREAMS,
        WRITE,
        "{flag} is for Kinesis and DynamoDB Streams only: remove it.",
    ),
    (
        "BisectBatchOnFunctionError",
        EVERY_SOURCE - STREAMS_AND_KAFKA,
        WRITE,
        "{flag} is for Kinesis, DynamoDB Streams and Kafka only; for SQS use a redrive policy (dead-letter queue) "
        "on the queue.",
    ),
    (
        "MaximumRetryAttempts",
        EVERY_SOURCE - STREAMS_AND_KAFKA,
        WRITE,
        "{flag} is for Kinesis, DynamoDB Streams and Kafka only; for SQS set maxReceiveCount in the queue's "
        "redrive policy.",
    ),
    (
        "MaximumRecordAgeInSeconds",
        EVERY_SOURCE - STREAMS_AND_KAFKA,
        WRITE,
        "{flag} is for Kinesis, DynamoDB Streams and Kafka only; for SQS set the queue's message retention period.",
    ),
    ("Topics", EVERY_SOURCE - KAFKA, CREATE_ONLY, "{flag} is for MSK and self-managed Kafka only: remove it."),
    ("Queues", EVERY_SOURCE - MQ, CREATE_ONLY, "{flag} is for Amazon MQ only: remove it."),
    (
        "SourceAccessConfigurations",
        SQS | STREAMS,
        WRITE,
        "SQS, Kinesis and DynamoDB use the function's execution role, not {flag}: remove it.",
    ),
    (
        "AmazonManagedKafkaEventSourceConfig",
        EVERY_SOURCE - MSK,
        WRITE,
        "{flag} is for Amazon MSK only (self-managed Kafka uses --self-managed-kafka-event-source-config).",
    ),
    (
        "SelfManagedKafkaEventSourceConfig",
        EVERY_SOURCE - SMK,
        WRITE,
        "{flag} is for self-managed Kafka only (MSK uses --amazon-managed-kafka-event-source-config).",
    ),
    ("DocumentDBEventSourceConfig", EVERY_SOURCE - DOCDB, WRITE, "{flag} is for DocumentDB only: remove it."),
    (
        "KMSKeyArn",
        DOCDB,
        WRITE,
        "{flag} encrypts filter criteria, and DocumentDB mappings take no filters: remove it.",
    ),
)

# Catalogue entries that name a row of the matrix beyond R-APP itself.
_MORE_REFS = {
    "StartingPosition": ("R-MQ-4",),
    "BisectBatchOnFunctionError": ("R-STR-3",),
    "AmazonManagedKafkaEventSourceConfig": ("R-KAF-5",),
    "SelfManagedKafkaEventSourceConfig": ("R-KAF-5",),
}

RULES = tuple(
    unsupported_rule(
        f"R-APP-2.{param}",
        param,
        rejected,
        topic="applicability",
        evidence=f"{_MATRIX}; {_TEMPLATE}",
        hint=hint.format(flag=flag(param)),
        operations=operations,
        refs=("R-APP-1", "R-APP-2", "R-APP-3") + _MORE_REFS.get(param, ()),
    )
    for param, rejected, operations, hint in _TABLE
)

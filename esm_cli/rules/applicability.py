"""Parameters a source type does not take (docs/aws-facts.md#applicability, R-APP-1 and R-APP-2).

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

from esm_cli.rules.base import CREATE_ONLY, WRITE, flag, unsupported_rule

_MATRIX = "[M] member docs; [D] services-*-parameters, msk-esm-parameters, kafka-esm-parameters, with-documentdb (R-APP-1)"
_TEMPLATE = (
    "template [U] observed verbatim: `Unsupported 'maximumBatchingWindowInSeconds' parameter for given event source "
    "mapping type.` pulumi/pulumi-aws#1418 (2021) and `… 'destinationConfig' …` aws/aws-cdk#19917 (2022); "
    "this combination not recorded"
)

_STREAM_KNOB = "{flag} is for Kinesis, DynamoDB Streams and Kafka only; for SQS "

# (parameter, operations, what to do); the sources that reject it come from esm_cli.applicability.
_TABLE = (
    ("StartingPosition", CREATE_ONLY, "Amazon MQ mappings have no starting position: remove {flag}."),
    ("StartingPositionTimestamp", CREATE_ONLY, "Only stream, Kafka and DocumentDB sources read from a timestamp: remove {flag}."),
    ("ParallelizationFactor", WRITE, "{flag} is for Kinesis and DynamoDB Streams only: remove it."),
    ("TumblingWindowInSeconds", WRITE, "{flag} is for Kinesis and DynamoDB Streams only: remove it."),
    ("BisectBatchOnFunctionError", WRITE, _STREAM_KNOB + "use a redrive policy (dead-letter queue) on the queue."),
    ("MaximumRetryAttempts", WRITE, _STREAM_KNOB + "set maxReceiveCount in the queue's redrive policy."),
    ("MaximumRecordAgeInSeconds", WRITE, _STREAM_KNOB + "set the queue's message retention period."),
    ("Topics", CREATE_ONLY, "{flag} is for MSK and self-managed Kafka only: remove it."),
    ("Queues", CREATE_ONLY, "{flag} is for Amazon MQ only: remove it."),
    ("SourceAccessConfigurations", WRITE, "SQS, Kinesis and DynamoDB use the function's execution role, not {flag}: remove it."),
    ("AmazonManagedKafkaEventSourceConfig", WRITE,
     "{flag} is for Amazon MSK only (self-managed Kafka uses --self-managed-kafka-event-source-config)."),
    ("SelfManagedKafkaEventSourceConfig", WRITE,
     "{flag} is for self-managed Kafka only (MSK uses --amazon-managed-kafka-event-source-config)."),
    ("DocumentDBEventSourceConfig", WRITE, "{flag} is for DocumentDB only: remove it."),
    ("KMSKeyArn", WRITE, "{flag} encrypts filter criteria, and DocumentDB mappings take no filters: remove it."),
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
        topic="applicability",
        evidence=f"{_MATRIX}; {_TEMPLATE}",
        hint=hint.format(flag=flag(param)),
        operations=operations,
        refs=("R-APP-1", "R-APP-2", "R-APP-3") + _MORE_REFS.get(param, ()),
    )
    for param, operations, hint in _TABLE
)

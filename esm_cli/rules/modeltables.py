"""Hand-kept facts the generated model rules need beyond the spec: AWS's enum order, the
catalogue ids and entries each member's constraints implement, hints for unreadable patterns
(docs/rules.md)."""

from __future__ import annotations


# AWS lists StartingPosition's values in this order, not the model's (recorded, R-SP-1).
# Other enums' server-side order is not recorded; they use the model's order.
ENUM_ORDER = {"EventSourcePosition": ("LATEST", "AT_TIMESTAMP", "TRIM_HORIZON")}

# Patterns that accept every string: listed in constraint texts, never checked.
TRIVIAL_PATTERNS = frozenset({"[\\s\\S]*", ".*"})

# Generated rules that the catalogue already names keep the catalogue's id.
CATALOGUE_IDS = {
    ("StartingPosition", "enum"): "R-SP-1",
    ("FunctionName", "pattern"): "R-FN-4",
}

# Catalogue entries a member's model constraints implement (the longest matching path prefix wins).
REFS = {
    "EventSourceArn": ("R-SRC-2",),
    "FunctionName": ("R-FN-4",),
    "UUID": ("R-UUID-1",),
    "BatchSize": ("R-BS-2",),
    "MaximumBatchingWindowInSeconds": ("R-BW-1",),
    "StartingPosition": ("R-SP-1",),
    "ParallelizationFactor": ("R-STR-1",),
    "TumblingWindowInSeconds": ("R-STR-2",),
    "MaximumRetryAttempts": ("R-STR-4",),
    "MaximumRecordAgeInSeconds": ("R-STR-5",),
    "DestinationConfig": ("R-DST-5",),
    "FunctionResponseTypes": ("R-FRT-1",),
    "FilterCriteria": ("R-FLT-1",),
    "KMSKeyArn": ("R-FLT-8",),
    "ScalingConfig": ("R-SCL-1",),
    "ProvisionedPollerConfig.MinimumPollers": ("R-PPC-2",),
    "ProvisionedPollerConfig.MaximumPollers": ("R-PPC-3",),
    "ProvisionedPollerConfig.PollerGroupName": ("R-PPC-4",),
    "MetricsConfig": ("R-MET-1",),
    "LoggingConfig": ("R-LOG-1",),
    "Topics": ("R-KAF-1",),
    "SelfManagedEventSource": ("R-KAF-2",),
    "SourceAccessConfigurations": ("R-KAF-4",),
    "AmazonManagedKafkaEventSourceConfig.ConsumerGroupId": ("R-KAF-5",),
    "AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig": ("R-KAF-7",),
    "SelfManagedKafkaEventSourceConfig.ConsumerGroupId": ("R-KAF-5",),
    "SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig": ("R-KAF-7",),
    "SelfManagedKafkaEventSourceConfig.ConsumptionMode": ("R-KAF-6",),
    "Queues": ("R-MQ-1",),
    "DocumentDBEventSourceConfig": ("R-DOC-1",),
    "Tags": ("R-TAG-1",),
}


def refs_for(path_key: str) -> tuple[str, ...]:
    prefixes = [p for p in REFS if path_key == p or path_key.startswith(p + ".")]
    return REFS[max(prefixes, key=len)] if prefixes else ()


# What to do, for patterns a person cannot be expected to read.
PATTERN_HINTS = {
    "FunctionName": "Give a function name (my-function), name:qualifier (my-function:live), a partial ARN "
    "(123456789012:function:my-function) or a full function ARN.",
    "EventSourceArn": "Give the source's full ARN, e.g. arn:aws:sqs:us-east-1:123456789012:my-queue.",
    "KMSKeyArn": "Give a KMS key ARN, e.g. arn:aws:kms:us-east-1:123456789012:key/<key-id>.",
    "Destination": "Give an SQS queue, SNS topic or S3 bucket ARN (or kafka://<topic> for a Kafka source).",
    "Topics": "A topic name is 2–249 letters, digits, '-', '_' or '.', and does not start with '.'.",
    "Endpoints": "Give 1 to 10 brokers as host:port under KAFKA_BOOTSTRAP_SERVERS, e.g. "
    "KAFKA_BOOTSTRAP_SERVERS=b-1.example.com:9092.",
    "URI": "Use only letters, digits, spaces and - / * : _ + = . @ (a secret ARN, subnet or group id).",
    "ConsumerGroupId": "Use only letters, digits, spaces and - / * : _ + = . @ (1–200 characters).",
    "SchemaRegistryURI": "Give the Glue registry ARN or the Confluent registry URL.",
    "DatabaseName": "A database name has no spaces and no '/', '.', '$' or '\"'.",
    "CollectionName": "Start with a letter, digit or '_', not with 'system.', and do not use '$'.",
    "PollerGroupName": "Use only letters, digits, '-' and '_'.",
    "Queues": "Give the one queue name (1–1000 characters).",
    "Tags": "Tag keys (1–128) and values (up to 256) take letters, numbers, spaces and _ . : / = + - @.",
}

"""Rules only AWS can check: they need the account's functions, queues, streams, roles or
existing mappings. Never run offline; listed in docs/rules.md so users know what remains.

(The local backend plays some of them against its own state: unknown UUIDs, duplicates,
transitional states.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AwsOnlyRule:
    """A documented AWS check that needs the account, for the docs."""

    id: str
    sources: str  # catalogue tokens
    operations: str
    code: str
    message: str
    evidence: str


AWS_ONLY: tuple[AwsOnlyRule, ...] = (
    AwsOnlyRule(
        "R-FN-5",
        "all",
        "create, update",
        "InvalidParameterValueException",
        "Function does not exist",
        "[S] test_lambda_api … test_event_source_mapping_exceptions → create_unknown_params (27-11-2025)",
    ),
    AwsOnlyRule(
        "R-UUID-2",
        "all",
        "get, update, delete",
        "ResourceNotFoundException",
        "The resource you requested does not exist.",
        "[S] → get_unknown_uuid, delete_unknown_uuid, update_unknown_uuid (27-11-2025)",
    ),
    AwsOnlyRule(
        "R-EXIST-1",
        "sqs",
        "create",
        "InvalidParameterValueException",
        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. "
        "SQS Error Message: The specified queue does not exist.",
        "[S] test_lambda_integration_sqs … test_esm_with_not_existing_sqs_queue → error (25-11-2025)",
    ),
    AwsOnlyRule(
        "R-EXIST-2",
        "kinesis",
        "create",
        "InvalidParameterValueException",
        "Stream not found: <EventSourceArn>",
        "[S] test_esm_with_not_existing_kinesis_stream → error (25-11-2025)",
    ),
    AwsOnlyRule(
        "R-EXIST-3",
        "ddb",
        "create",
        "InvalidParameterValueException",
        "Stream not found: <EventSourceArn>",
        "[S] test_esm_with_not_existing_dynamodb_stream → error (25-11-2025)",
    ),
    AwsOnlyRule(
        "R-EXIST-4",
        "all",
        "create, update",
        "InvalidParameterValueException",
        "Cannot access stream <arn>. Please ensure the role can perform the GetRecords, GetShardIterator, "
        "DescribeStream, ListShards, and ListStreams Actions on your stream in IAM. (and other execution-role texts)",
        "[U] aws-samples/cross-account-amazon-dynamodb-replication#11 (2022); [T] Terraform retry substrings",
    ),
    AwsOnlyRule(
        "R-EXIST-5",
        "sqs",
        "create, update",
        "InvalidParameterValueException",
        "Queue visibility timeout: <n> seconds is less than Function timeout: <m> seconds",
        "[U] github-aws-runners/terraform-aws-github-runner#465 (2021); [T] cfn-lint E3505",
    ),
    AwsOnlyRule(
        "R-DUP-1",
        "sqs",
        "create",
        "ResourceConflictException",
        'An event source mapping with SQS arn (" <EventSourceArn> ") and function (" <FunctionName> ") already '
        "exists. Please update or delete the existing mapping with UUID <existing-uuid>",
        "[S] test_lambda_integration_sqs … test_duplicate_event_source_mappings → error (25-11-2025)",
    ),
    AwsOnlyRule(
        "R-DUP-2",
        "kinesis, ddb",
        "create",
        "ResourceConflictException",
        'The event source arn (" <EventSourceArn> ") and function (" <FunctionName> ") provided mapping already '
        "exists. Please update or delete the existing mapping with UUID <existing-uuid>",
        "[S] kinesis and dynamodbstreams test_duplicate_event_source_mappings → error (25-11-2025)",
    ),
    AwsOnlyRule(
        "R-DUP-3",
        "smk",
        "create",
        "ResourceConflictException",
        'An event source mapping with event source ("<brokers>"), function ("<FunctionArn>"), topics ("<topics>") '
        "already exists. Please update or delete the existing mapping with UUID <existing-uuid>",
        "[S] test_create_event_source_self_managed → duplicate-source (03-09-2024)",
    ),
    AwsOnlyRule(
        "R-DUP-5",
        "msk, mq, docdb",
        "create",
        "ResourceConflictException",
        "(text unknown)",
        "Duplicate texts for these sources, and whether qualifiers count, are not recorded",
    ),
    AwsOnlyRule(
        "R-UPD-5",
        "all",
        "update, delete",
        "ResourceInUseException",
        "(text unknown)",
        "[M]/[D] UpdateEventSourceMapping errors: a mapping in Creating, Enabling, Disabling, Updating or Deleting",
    ),
    AwsOnlyRule(
        "R-SRC-6",
        "docdb",
        "create",
        "InvalidParameterValueException",
        "(text unknown)",
        "[D] with-documentdb: DocumentDB 4.0/5.0 instance-based clusters, TLS on, same account and Region",
    ),
    AwsOnlyRule(
        "R-KAF-5.unique",
        "kafka",
        "create",
        "InvalidParameterValueException",
        "(text unknown)",
        "[M] ConsumerGroupId \"must be unique among all your Kafka event sources\"",
    ),
    AwsOnlyRule(
        "R-PPC-4.group-limits",
        "kafka",
        "create, update",
        "InvalidParameterValueException",
        "(text unknown)",
        "[M] PollerGroupName: up to 100 mappings per group, aggregate MaximumPollers up to 2000",
    ),
    AwsOnlyRule(
        "R-DST-4.same-cluster",
        "kafka",
        "create, update",
        "InvalidParameterValueException",
        "(text unknown)",
        "[D] kafka-on-failure-destination: a kafka:// destination topic must be in the source cluster",
    ),
    AwsOnlyRule(
        "R-MQ-2.rabbit",
        "mq",
        "create",
        "InvalidParameterValueException",
        "(text unknown)",
        "[D] services-mq-params: VIRTUAL_HOST is RabbitMQ only; the engine type needs DescribeBroker",
    ),
)

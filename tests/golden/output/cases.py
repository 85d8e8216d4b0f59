"""Responses of every source type, and the renderings the golden files hold.

Responses are wire-shaped, as botocore parses them: keys in model order, timestamps as
epoch numbers. Each case is rendered in every variant of ``VARIANTS``; the golden file
``<case>.<variant>`` holds what AWS CLI v2 prints for it.
"""

from __future__ import annotations

from typing import Any

ACCOUNT = "123456789012"
FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:process-orders"


def esm_arn(uuid: str) -> str:
    return f"arn:aws:lambda:us-east-1:{ACCOUNT}:event-source-mapping:{uuid}"


SQS_STD = {
    "UUID": "c4a71bc8-e7d9-47bc-a821-2080d543a243",
    "BatchSize": 10,
    "MaximumBatchingWindowInSeconds": 0,
    "EventSourceArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders",
    "FilterCriteria": {"Filters": [{"Pattern": '{"body": {"status": ["paid"]}}'}]},
    "ScalingConfig": {"MaximumConcurrency": 5},
    "FunctionArn": FN,
    "LastModified": 1795991779.0,
    "State": "Enabled",
    "StateTransitionReason": "USER_INITIATED",
    "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "EventSourceMappingArn": esm_arn("c4a71bc8-e7d9-47bc-a821-2080d543a243"),
}

SQS_FIFO = {
    "UUID": "0b4b6f1a-39f4-4c84-9e6c-2fd1c1f3b0d7",
    "BatchSize": 10,
    "EventSourceArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders.fifo",
    "MetricsConfig": {"Metrics": ["EventCount", "ErrorCount"]},
    "ScalingConfig": {},
    "FunctionArn": FN,
    "LastModified": 1569284520.333,
    "State": "Creating",
    "StateTransitionReason": "USER_INITIATED",
    "EventSourceMappingArn": esm_arn("0b4b6f1a-39f4-4c84-9e6c-2fd1c1f3b0d7"),
}

KINESIS = {
    "UUID": "07269e8d-678e-49fb-8dc1-512e16c03f73",
    "StartingPosition": "AT_TIMESTAMP",
    "StartingPositionTimestamp": 1735689600.5,
    "BatchSize": 100,
    "MaximumBatchingWindowInSeconds": 5,
    "ParallelizationFactor": 2,
    "EventSourceArn": f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clicks",
    "FilterCriteria": {"Filters": [{"Pattern": '{"data":[1]}'}, {"Pattern": '{"data": {"kind": ["view"]}}'}]},
    "MetricsConfig": {"Metrics": ["EventCount"]},
    "FunctionArn": FN,
    "LastModified": 1795991802.0,
    "LastProcessingResult": "No records processed",
    "State": "Disabled",
    "StateTransitionReason": "User action",
    "DestinationConfig": {"OnFailure": {"Destination": f"arn:aws:sqs:us-east-1:{ACCOUNT}:clicks-dlq"}},
    "MaximumRecordAgeInSeconds": 3600,
    "BisectBatchOnFunctionError": True,
    "MaximumRetryAttempts": 3,
    "TumblingWindowInSeconds": 60,
    "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "EventSourceMappingArn": esm_arn("07269e8d-678e-49fb-8dc1-512e16c03f73"),
    "ProvisionedPollerConfig": {"MinimumPollers": 1, "MaximumPollers": 3},
}

DYNAMODB = {
    "UUID": "5f0d8e3c-8a3b-4f7e-b0c5-6d2a9f4e1c3b",
    "StartingPosition": "TRIM_HORIZON",
    "BatchSize": 100,
    "MaximumBatchingWindowInSeconds": 0,
    "ParallelizationFactor": 1,
    "EventSourceArn": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders/stream/2024-01-01T00:00:00.000",
    "FunctionArn": FN,
    "LastModified": 1700000000,
    "LastProcessingResult": "OK",
    "State": "Updating",
    "StateTransitionReason": "USER_INITIATED",
    "DestinationConfig": {
        "OnSuccess": {"Destination": f"arn:aws:sns:us-east-1:{ACCOUNT}:ok"},
        "OnFailure": {"Destination": f"arn:aws:sqs:us-east-1:{ACCOUNT}:failed"},
    },
    "MaximumRecordAgeInSeconds": -1,
    "BisectBatchOnFunctionError": False,
    "MaximumRetryAttempts": -1,
    "TumblingWindowInSeconds": 0,
    "FunctionResponseTypes": [],
    "EventSourceMappingArn": esm_arn("5f0d8e3c-8a3b-4f7e-b0c5-6d2a9f4e1c3b"),
}

MQ = {
    "UUID": "9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
    "BatchSize": 100,
    "MaximumBatchingWindowInSeconds": 1,
    "EventSourceArn": f"arn:aws:mq:us-east-1:{ACCOUNT}:broker:orders-broker:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9",
    "FunctionArn": FN,
    "LastModified": 1795991779.25,
    "LastProcessingResult": "No records processed",
    "State": "Enabled",
    "StateTransitionReason": "USER_INITIATED",
    "Queues": ["orders"],
    "SourceAccessConfigurations": [
        {"Type": "BASIC_AUTH", "URI": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:mq-credentials"},
        {"Type": "VIRTUAL_HOST", "URI": "/prod"},
    ],
    "EventSourceMappingArn": esm_arn("9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"),
}

MSK = {
    "UUID": "3e7f9a2b-1c4d-4e5f-9a8b-7c6d5e4f3a2b",
    "StartingPosition": "LATEST",
    "BatchSize": 500,
    "MaximumBatchingWindowInSeconds": 1,
    "EventSourceArn": f"arn:aws:kafka:us-east-1:{ACCOUNT}:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-2",
    "LoggingConfig": {"SystemLogLevel": "INFO"},
    "FunctionArn": FN,
    "LastModified": 1795991779.0,
    "LastProcessingResult": "No records processed",
    "State": "Enabled",
    "StateTransitionReason": "USER_INITIATED",
    "DestinationConfig": {"OnFailure": {"Destination": "kafka://orders-failures"}},
    "Topics": ["orders"],
    "AmazonManagedKafkaEventSourceConfig": {
        "ConsumerGroupId": "orders-consumers",
        "SchemaRegistryConfig": {
            "SchemaRegistryURI": f"arn:aws:glue:us-east-1:{ACCOUNT}:registry/orders",
            "EventRecordFormat": "JSON",
            "AccessConfigs": [
                {"Type": "BASIC_AUTH", "URI": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:registry"}
            ],
            "SchemaValidationConfigs": [{"Attribute": "KEY"}, {"Attribute": "VALUE"}],
        },
    },
    "EventSourceMappingArn": esm_arn("3e7f9a2b-1c4d-4e5f-9a8b-7c6d5e4f3a2b"),
    "ProvisionedPollerConfig": {"MinimumPollers": 1, "MaximumPollers": 200, "PollerGroupName": "orders"},
}

KAFKA = {
    "UUID": "8b9c0d1e-2f3a-4b5c-8d6e-7f8a9b0c1d2e",
    "StartingPosition": "TRIM_HORIZON",
    "BatchSize": 100,
    "FunctionArn": FN,
    "LastModified": 1795991779.0,
    "LastProcessingResult": "PROBLEM: Connection error. Please check your event source connection configuration.",
    "State": "Enabled",
    "StateTransitionReason": "USER_INITIATED",
    "Topics": ["payments"],
    "SourceAccessConfigurations": [
        {"Type": "SASL_SCRAM_512_AUTH", "URI": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:kafka"},
        {"Type": "VPC_SUBNET", "URI": "subnet:subnet-0123456789abcdef0"},
        {"Type": "VPC_SECURITY_GROUP", "URI": "security_group:sg-0123456789abcdef0"},
    ],
    "SelfManagedEventSource": {
        "Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["broker-1.example.com:9092", "broker-2.example.com:9092"]}
    },
    "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "payments", "ConsumptionMode": "Stream"},
    "EventSourceMappingArn": esm_arn("8b9c0d1e-2f3a-4b5c-8d6e-7f8a9b0c1d2e"),
}

DOCDB = {
    "UUID": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    "StartingPosition": "LATEST",
    "BatchSize": 100,
    "MaximumBatchingWindowInSeconds": 0,
    "EventSourceArn": f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:docdb-orders",
    "FunctionArn": FN,
    "LastModified": 1795991779.0,
    "State": "Deleting",
    "StateTransitionReason": "USER_INITIATED",
    "DocumentDBEventSourceConfig": {"DatabaseName": "shop", "CollectionName": "orders", "FullDocument": "UpdateLookup"},
    "EventSourceMappingArn": esm_arn("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
}

# Strings a YAML or text writer could get wrong: unicode (ambiguous-width é, wide CJK, emoji),
# values YAML 1.1 and 1.2 type differently, quotes, colons, a newline, and long ones.
TRICKY = {
    "UUID": "e0e0e0e0-1111-4222-8333-444455556666",
    "BatchSize": 1,
    "EventSourceArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:commandes-été",
    "FilterCriteria": {
        "Filters": [
            {"Pattern": '{"body": {"ville": ["Zürich", "São Paulo", "東京"]}}'},
            {"Pattern": "yes"},
            {"Pattern": "null"},
            {"Pattern": "0o17"},
            {"Pattern": "1e3"},
            {"Pattern": "- dash: colon # hash"},
            {"Pattern": "it's \"quoted\""},
            {"Pattern": "line one\nline two"},
            {"Pattern": " leading and trailing "},
            {"Pattern": "🚀 rocket"},
            {"Pattern": ""},
        ]
    },
    "FunctionArn": FN,
    "LastModified": 1795991779.5,
    "LastProcessingResult": (
        "PROBLEM: Lambda internal error. Please contact Lambda customer support. "
        "This message is deliberately long so that YAML folds it and tables go vertical."
    ),
    "State": "On",
    "StateTransitionReason": "2026-11-29",
    "EventSourceMappingArn": esm_arn("e0e0e0e0-1111-4222-8333-444455556666"),
}

ERROR_DOC = {"Message": "The resource you requested does not exist.", "Code": "ResourceNotFoundException", "Type": "User"}
THROTTLE_DOC = {
    "Message": "Rate exceeded",
    "Code": "TooManyRequestsException",
    "retryAfterSeconds": "3",
    "Type": "User",
    "Reason": "CallerRateLimitExceeded",
}
TAGS = {"Tags": {"team": "orders", "env": "prod", "note": "vé", "x y": "z"}}

# name -> request without the format: operation plus data, or pages (+ next_token), + query.
CASES: dict[str, dict[str, Any]] = {
    "get-sqs-standard": {"operation": "GetEventSourceMapping", "data": SQS_STD},
    "create-sqs-fifo": {"operation": "CreateEventSourceMapping", "data": SQS_FIFO},
    "get-kinesis": {"operation": "GetEventSourceMapping", "data": KINESIS},
    "update-dynamodb": {"operation": "UpdateEventSourceMapping", "data": DYNAMODB},
    "get-mq": {"operation": "GetEventSourceMapping", "data": MQ},
    "get-msk": {"operation": "GetEventSourceMapping", "data": MSK},
    "get-kafka": {"operation": "GetEventSourceMapping", "data": KAFKA},
    "delete-docdb": {"operation": "DeleteEventSourceMapping", "data": DOCDB},
    "get-tricky": {"operation": "GetEventSourceMapping", "data": TRICKY},
    "get-kinesis-wire": {"operation": "GetEventSourceMapping", "data": KINESIS, "timestamp_format": "wire"},
    "list-empty": {"operation": "ListEventSourceMappings", "pages": [{"EventSourceMappings": []}]},
    "list-two-pages": {
        "operation": "ListEventSourceMappings",
        "pages": [
            {"NextMarker": "page-2", "EventSourceMappings": [SQS_STD, KINESIS]},
            {"EventSourceMappings": [MQ, KAFKA, DOCDB]},
        ],
    },
    "list-next-token": {
        "operation": "ListEventSourceMappings",
        "pages": [{"NextMarker": "abc", "EventSourceMappings": [SQS_FIFO]}],
        "next_token": "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
    },
    "list-query-rows": {
        "operation": "ListEventSourceMappings",
        "pages": [{"NextMarker": "p2", "EventSourceMappings": [SQS_STD, KINESIS]}, {"EventSourceMappings": [MSK]}],
        "next_token": "eyJNYXJrZXIiOiAicDIiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
        "query": "EventSourceMappings[].[UUID,State]",
    },
    "list-query-column": {
        "operation": "ListEventSourceMappings",
        "pages": [{"EventSourceMappings": [SQS_STD, KINESIS, MSK]}],
        "query": "EventSourceMappings[].UUID",
    },
    "list-query-object": {
        "operation": "ListEventSourceMappings",
        "pages": [{"EventSourceMappings": [SQS_STD, KINESIS]}],
        "next_token": "eyJNYXJrZXIiOiAicDIifQ==",
        "query": "{U:EventSourceMappings[].UUID,T:NextToken,B:EventSourceMappings[].{Batch:BatchSize,State:State}}",
    },
    "get-query-missing": {"operation": "GetEventSourceMapping", "data": SQS_STD, "query": "KMSKeyArn"},
    "get-query-scalar": {"operation": "GetEventSourceMapping", "data": KINESIS, "query": "State"},
    "get-query-number": {"operation": "GetEventSourceMapping", "data": KINESIS, "query": "BatchSize"},
    "get-query-filters": {"operation": "GetEventSourceMapping", "data": KINESIS, "query": "FilterCriteria.Filters"},
    "list-tags": {"operation": "ListTags", "data": TAGS},
    "error-not-found": {"operation": "error", "data": ERROR_DOC},
    "error-throttled": {"operation": "error", "data": THROTTLE_DOC},
    "empty-object": {"operation": "UntagResource", "data": {}},
}

# variant -> the formatting options it adds to a case
VARIANTS: dict[str, dict[str, Any]] = {
    "json": {"format": "json"},
    "text": {"format": "text"},
    "table": {"format": "table", "color": "auto", "isatty": False, "width": 80},
    "table-wide": {"format": "table", "color": "off", "isatty": True, "width": 220},
    "table-colour": {"format": "table", "color": "on", "width": 80},
    "table-colour-pager": {"format": "table", "color": "auto", "isatty": True, "width": 250, "pager": True},
    "yaml": {"format": "yaml"},
    "yaml-stream": {"format": "yaml-stream"},
}

AWSCLI_FORMATS = ("json", "text", "table")  # the installed awscli (v1) has no YAML
YAML_FORMATS = ("yaml", "yaml-stream")


def requests() -> list[tuple[str, dict[str, Any]]]:
    """Every (golden file name, request) pair."""
    pairs = []
    for case, request in CASES.items():
        for variant, options in VARIANTS.items():
            pairs.append((f"{case}.{variant}", {**request, **options}))
    return pairs

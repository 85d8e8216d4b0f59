"""esm's commands and options, flat, for completion: generated from the command table
(esm_cli.commands, esm_cli.options) by ``python -m esm_cli.regenerate``; do not edit (a test
checks it is fresh)."""

# Every distinct option once: (flag, dest, kind, values, traits, summary).
# kind: value, list, bool (--x and --no-x), flag, optional-value; values: its choices or model enum;
# traits: h hidden (parsed, never offered), r repeatable list, s structured value (JSON/shorthand).
OPTIONS = (
    ('--backend', 'backend', 'value', ('local', 'aws'), '', 'Where mappings live: local (SQLite state file) or aws (boto3)'),  # 0
    ('--state-file', 'state_file', 'value', (), '', "The local backend's SQLite state file"),  # 1
    ('--debug', 'debug', 'flag', (), '', 'Show debug logging and tracebacks on stderr'),  # 2
    ('--endpoint-url', 'endpoint_url', 'value', (), '', 'Send requests to this URL (implies --backend aws)'),  # 3
    ('--no-verify-ssl', 'no_verify_ssl', 'flag', (), '', 'Do not verify SSL certificates'),  # 4
    ('--no-paginate', 'no_paginate', 'flag', (), '', 'Make one call and show that page as it came'),  # 5
    ('--output', 'output', 'value', ('json', 'text', 'table', 'yaml', 'yaml-stream', 'off'), '', 'The output format'),  # 6
    ('--query', 'query', 'value', (), '', 'A JMESPath query to filter the response'),  # 7
    ('--profile', 'profile', 'value', (), '', 'Use a profile from your AWS config and credentials files'),  # 8
    ('--region', 'region', 'value', (), '', 'The AWS region'),  # 9
    ('--version', 'version', 'flag', (), '', 'Print the version and exit'),  # 10
    ('--color', 'color', 'value', ('on', 'off', 'auto'), '', 'Colour for table output'),  # 11
    ('--no-sign-request', 'no_sign_request', 'flag', (), '', 'Do not sign requests (aws backend)'),  # 12
    ('--ca-bundle', 'ca_bundle', 'value', (), '', 'CA certificate bundle for SSL verification'),  # 13
    ('--cli-read-timeout', 'cli_read_timeout', 'value', (), '', 'Socket read timeout in seconds (0 blocks)'),  # 14
    ('--cli-connect-timeout', 'cli_connect_timeout', 'value', (), '', 'Socket connect timeout in seconds (0 blocks)'),  # 15
    ('--cli-binary-format', 'cli_binary_format', 'value', ('base64', 'raw-in-base64-out'), '', 'Accepted for AWS CLI v2 compatibility (no blob members here)'),  # 16
    ('--no-cli-pager', 'no_cli_pager', 'flag', (), '', 'Accepted for AWS CLI v2 compatibility; esm never pages'),  # 17
    ('--no-cli-auto-prompt', 'no_cli_auto_prompt', 'flag', (), '', 'Accepted for AWS CLI v2 compatibility'),  # 18
    ('--cli-error-format', 'cli_error_format', 'value', ('legacy', 'json', 'yaml', 'text', 'table', 'enhanced'), '', 'How errors are printed'),  # 19
    ('--event-source-arn', 'EventSourceArn', 'value', (), '', 'The Amazon Resource Name (ARN) of the event source'),  # 20
    ('--function-name', 'FunctionName', 'value', (), '', 'The name or ARN of the Lambda function'),  # 21
    ('--enabled', 'Enabled', 'bool', (), '', 'When true, the event source mapping is active'),  # 22
    ('--batch-size', 'BatchSize', 'value', (), '', 'The maximum number of records in each batch that Lambda pulls from your strea...'),  # 23
    ('--filter-criteria', 'FilterCriteria', 'value', (), 's', 'An object that defines the filter criteria that determine whether Lambda shou...'),  # 24
    ('--kms-key-arn', 'KMSKeyArn', 'value', (), '', 'The ARN of the Key Management Service (KMS) customer managed key that Lambda...'),  # 25
    ('--metrics-config', 'MetricsConfig', 'value', (), 's', 'The metrics configuration for your event source'),  # 26
    ('--logging-config', 'LoggingConfig', 'value', (), 's', '(Amazon MSK, and self-managed Apache Kafka only) The logging configuration fo...'),  # 27
    ('--scaling-config', 'ScalingConfig', 'value', (), 's', '(Amazon SQS only) The scaling configuration for the event source'),  # 28
    ('--maximum-batching-window-in-seconds', 'MaximumBatchingWindowInSeconds', 'value', (), '', 'The maximum amount of time, in seconds, that Lambda spends gathering records...'),  # 29
    ('--parallelization-factor', 'ParallelizationFactor', 'value', (), '', '(Kinesis and DynamoDB Streams only) The number of batches to process from eac...'),  # 30
    ('--starting-position', 'StartingPosition', 'value', ('TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'), '', 'The position in a stream from which to start reading'),  # 31
    ('--starting-position-timestamp', 'StartingPositionTimestamp', 'value', (), '', 'With StartingPosition set to AT_TIMESTAMP, the time from which to start reading'),  # 32
    ('--destination-config', 'DestinationConfig', 'value', (), 's', '(Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) A conf...'),  # 33
    ('--maximum-record-age-in-seconds', 'MaximumRecordAgeInSeconds', 'value', (), '', '(Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discar...'),  # 34
    ('--bisect-batch-on-function-error', 'BisectBatchOnFunctionError', 'bool', (), '', '(Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) If the...'),  # 35
    ('--maximum-retry-attempts', 'MaximumRetryAttempts', 'value', (), '', '(Kinesis, DynamoDB Streams, Amazon MSK, and self-managed Apache Kafka) Discar...'),  # 36
    ('--tags', 'Tags', 'value', (), 's', 'A list of tags to apply to the event source mapping'),  # 37
    ('--tumbling-window-in-seconds', 'TumblingWindowInSeconds', 'value', (), '', '(Kinesis and DynamoDB Streams only) The duration in seconds of a processing w...'),  # 38
    ('--topics', 'Topics', 'list', (), 's', 'The name of the Kafka topic'),  # 39
    ('--queues', 'Queues', 'list', (), 's', '(MQ) The name of the Amazon MQ broker destination queue to consume'),  # 40
    ('--source-access-configurations', 'SourceAccessConfigurations', 'list', (), 's', 'An array of authentication protocols or VPC components required to secure you...'),  # 41
    ('--self-managed-event-source', 'SelfManagedEventSource', 'value', (), 's', 'The self-managed Apache Kafka cluster to receive records from'),  # 42
    ('--function-response-types', 'FunctionResponseTypes', 'list', ('ReportBatchItemFailures',), 's', '(Kinesis, DynamoDB Streams, Amazon MSK, self-managed Apache Kafka, and Amazon...'),  # 43
    ('--amazon-managed-kafka-event-source-config', 'AmazonManagedKafkaEventSourceConfig', 'value', (), 's', 'Specific configuration settings for an Amazon Managed Streaming for Apache Ka...'),  # 44
    ('--self-managed-kafka-event-source-config', 'SelfManagedKafkaEventSourceConfig', 'value', (), 's', 'Specific configuration settings for a self-managed Apache Kafka event source'),  # 45
    ('--document-db-event-source-config', 'DocumentDBEventSourceConfig', 'value', (), 's', 'Specific configuration settings for a DocumentDB event source'),  # 46
    ('--provisioned-poller-config', 'ProvisionedPollerConfig', 'value', (), 's', '(Amazon SQS, Amazon MSK, and self-managed Apache Kafka only) The provisioned...'),  # 47
    ('--cli-input-json', 'cli_input_json', 'value', (), '', 'Read arguments from a JSON string (or file://)'),  # 48
    ('--cli-input-yaml', 'cli_input_yaml', 'value', (), '', 'Read arguments from a YAML string (or file://)'),  # 49
    ('--generate-cli-skeleton', 'generate_cli_skeleton', 'optional-value', ('input', 'yaml-input', 'output'), '', 'Print a skeleton of the input (JSON or YAML) or of the output, and exit'),  # 50
    ('--no-validate', 'no_validate', 'flag', (), '', "Skip esm's offline rules (aws backend only): for rules AWS has relaxed since"),  # 51
    ('--uuid', 'UUID', 'value', (), '', 'The identifier of the event source mapping'),  # 52
    ('--logging-config', 'LoggingConfig', 'value', (), 's', ''),  # 53
    ('--amazon-managed-kafka-event-source-config', 'AmazonManagedKafkaEventSourceConfig', 'value', (), 's', ''),  # 54
    ('--self-managed-kafka-event-source-config', 'SelfManagedKafkaEventSourceConfig', 'value', (), 's', ''),  # 55
    ('--marker', 'Marker', 'value', (), 'h', 'A pagination token returned by a previous call'),  # 56
    ('--max-items', 'max_items', 'value', (), '', 'The total number of items to return'),  # 57
    ('--starting-token', 'starting_token', 'value', (), '', 'A NextToken from a previous truncated listing'),  # 58
    ('--page-size', 'page_size', 'value', (), '', 'The number of items each service call returns'),  # 59
    ('--file', 'file', 'value', (), '', 'A YAML or JSON file holding a list of mappings (API member names)'),  # 60
    ('--operation', 'operation', 'value', ('create', 'update'), '', 'Check as a create (default) or as an update'),  # 61
    ('--strict', 'strict', 'flag', (), '', "With PATH: also report esm doctor's best-practice warnings, and exit 1 on a w..."),  # 62
    ('--output', 'output', 'value', ('json', 'text', 'table', 'yaml', 'yaml-stream', 'off', 'sarif'), '', 'The output format (validate PATH also takes sarif)'),  # 63
    ('--filter-criteria', 'filter_criteria', 'value', (), '', 'FilterCriteria, as given to create-event-source-mapping'),  # 64
    ('--pattern', 'pattern', 'list', (), 'r', 'A filter pattern as raw JSON; several are OR-ed'),  # 65
    ('--uuid', 'uuid', 'value', (), '', 'Use the filter criteria of this stored mapping'),  # 66
    ('--record', 'record', 'list', (), 'r', 'A record as the function receives it (JSON or file://)'),  # 67
    ('--records-file', 'records_file', 'value', (), '', 'A whole event, a JSON list of records, or NDJSON'),  # 68
    ('--message-body', 'message_body', 'list', (), 'r', 'An SQS message body (builds the SQS record)'),  # 69
    ('--source', 'source', 'value', ('sqs', 'kinesis', 'dynamodb', 'kafka', 'mq', 'docdb'), '', 'The event source type (else taken from --event-source-arn or the mapping)'),  # 70
    ('--event-source-arn', 'event_source_arn', 'value', (), '', 'Tell the source type from this ARN'),  # 71
    ('--expect', 'expect', 'value', ('keep', 'drop'), '', 'Exit 1 unless every record is kept (or dropped)'),  # 72
    ('--function-name', 'function_name', 'value', (), '', 'Only the mappings of this function (name or ARN)'),  # 73
    ('--event-source-arn', 'event_source_arn', 'value', (), '', 'Only the mappings of this event source'),  # 74
    ('--format', 'format', 'value', ('mappings', 'cloudformation', 'terraform'), '', 'mappings (default: what validate, plan and apply read), cloudformation or ter...'),  # 75
    ('--file', 'file', 'value', (), '', 'A mappings file (YAML or JSON), as esm export writes it'),  # 76
    ('--prune', 'prune', 'flag', (), '', "Also delete mappings of the file's functions that it no longer lists"),  # 77
    ('--detailed-exitcode', 'detailed_exitcode', 'flag', (), '', "Exit 0 when nothing would change, 2 when something would (Terraform's convent..."),  # 78
    ('--yes', 'yes', 'flag', (), '', 'Apply without asking (needed when no one is at a terminal)'),  # 79
    ('--uuid', 'uuid', 'value', (), '', "The mapping's UUID"),  # 80
    ('--delay', 'delay', 'value', (), '', 'Seconds between two polls'),  # 81
    ('--max-attempts', 'max_attempts', 'value', (), '', 'Polls before giving up'),  # 82
    ('--resource', 'resource', 'value', (), '', "The mapping's ARN (EventSourceMappingArn)"),  # 83
    ('--tags', 'tags', 'value', (), '', 'Tags: k=v,k2=v2 or JSON'),  # 84
    ('--tag-keys', 'tag_keys', 'list', (), '', 'The keys to remove'),  # 85
    ('--function-name', 'function_name', 'value', (), '', 'Every mapping of this function'),  # 86
    ('--all', 'all', 'flag', (), '', 'Every mapping'),  # 87
    ('--offline', 'offline', 'flag', (), '', 'Only the checks that need no AWS account'),  # 88
    ('--strict', 'strict', 'flag', (), '', 'Warnings count as errors for the exit code'),  # 89
    ('--since', 'since', 'value', (), '', 'Start of the window: a duration ago (3h, 30m, 2d) or a timestamp'),  # 90
    ('--until', 'until', 'value', (), '', 'End of the window: a timestamp or a duration ago (default now)'),  # 91
    ('--period', 'period', 'value', (), '', 'Granularity: 1m, 5m, 1h … (seconds: 1, 5, 10, 30 or a multiple of 60)'),  # 92
    ('--watch', 'watch', 'value', (), '', 'Refresh every SECONDS until Ctrl-C'),  # 93
    ('--plot', 'plot', 'value', (), '', 'Write a PNG or SVG chart to this file (needs esm-cli[plot])'),  # 94
    ('--uuid', 'uuid', 'value', (), '', 'A stored mapping (either backend); else the create flags describe it'),  # 95
    ('--handler', 'handler', 'value', (), '', 'A Python handler, module:function'),  # 96
    ('--exec', 'exec', 'value', (), '', 'A command: the event JSON on stdin, the response JSON on stdout'),  # 97
    ('--timeout', 'timeout', 'value', (), '', 'The function timeout in seconds (default 3)'),  # 98
    ('--records-file', 'records_file', 'value', (), '', 'Replay these records (NDJSON, a JSON list, or a whole event)'),  # 99
    ('--source-endpoint-url', 'source_endpoint_url', 'value', (), '', 'Poll the real source at this endpoint'),  # 100
    ('--on-failure-file', 'on_failure_file', 'value', (), '', 'In a replay, append on-failure records here (NDJSON)'),  # 101
    ('--max-batches', 'max_batches', 'value', (), '', 'Stop after this many batches'),  # 102
    ('--until-empty', 'until_empty', 'flag', (), '', 'Stop when the source is drained and every retry settled'),  # 103
    ('--duration', 'duration', 'value', (), '', 'Stop after this many seconds'),  # 104
    ('--max-receive-count', 'max_receive_count', 'value', (), '', "In a replay of a queue, the redrive policy's maxReceiveCount (messages then g..."),  # 105
)

GLOBALS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)

# name: (API operation or None, positional argument names, summary, options, also an `aws lambda`
# command, the values a positional takes)
COMMANDS = {
    'create-event-source-mapping': (
        'CreateEventSourceMapping', (), 'Creates a mapping between an event source and an Lambda Event Function',
        (
            20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
            43, 44, 45, 46, 47, 48, 49, 50, 51,
        ), True, {},
    ),
    'update-event-source-mapping': (
        'UpdateEventSourceMapping', (), 'Updates an event source mapping',
        (
            52, 21, 22, 23, 24, 25, 26, 53, 28, 29, 30, 33, 34, 35, 36, 38, 41, 43, 54, 55, 46, 47, 48,
            49, 50, 51,
        ), True, {},
    ),
    'get-event-source-mapping': (
        'GetEventSourceMapping', (), 'Returns details about an event source mapping',
        (52, 48, 49, 50), True, {},
    ),
    'delete-event-source-mapping': (
        'DeleteEventSourceMapping', (), 'Deletes an event source mapping',
        (52, 48, 49, 50), True, {},
    ),
    'list-event-source-mappings': (
        'ListEventSourceMappings', (), 'Lists event source mappings',
        (20, 21, 56, 48, 49, 50, 57, 58, 59), True, {},
    ),
    'validate': (
        None, ('path...',), 'Check mappings against every documented AWS rule offline, touching no backend...',
        (
            20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
            43, 44, 45, 46, 47, 48, 49, 60, 61, 62, 63,
        ), False, {},
    ),
    'test-filter': (
        None, (), "Show which records a mapping's filter criteria keep or drop, offline",
        (64, 65, 66, 67, 68, 69, 70, 71, 72), False, {},
    ),
    'export': (
        None, (), 'Print mappings as a mappings file (YAML), or as CloudFormation or Terraform',
        (73, 74, 75), False, {},
    ),
    'plan': (
        None, (), 'Show what apply would change to make the backend match a mappings file',
        (76, 77, 78), False, {},
    ),
    'apply': (
        None, (), 'Create, update, replace (and with --prune delete) mappings until the backend...',
        (76, 77, 79), False, {},
    ),
    'wait': (
        None, ('waiter',), 'Wait until a mapping reaches a state (AWS has no waiter for mappings)',
        (80, 81, 82), True, {'waiter': ('mapping-enabled', 'mapping-disabled', 'mapping-updated', 'mapping-deleted')},
    ),
    'tag-resource': (
        None, (), 'Add tags to a mapping',
        (83, 84), True, {},
    ),
    'untag-resource': (
        None, (), 'Remove tags from a mapping',
        (83, 85), True, {},
    ),
    'list-tags': (
        None, (), "List a mapping's tags",
        (83,), True, {},
    ),
    'doctor': (
        None, (), 'Diagnose why a mapping does not work (role permissions, timeouts, states, poi...',
        (80, 86, 87, 88, 89), False, {},
    ),
    'metrics': (
        None, (), "Show a mapping's health: CloudWatch metrics as a table with sparklines, a cha...",
        (80, 90, 91, 92, 93, 94), False, {},
    ),
    'run': (
        None, (), "Run a mapping locally with Lambda's semantics: batching, filters, retries, bi...",
        (
            95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
        ), False, {},
    ),
    'completion': (
        None, ('shell',), 'Print the completion script for bash, zsh or fish',
        (), False, {'shell': ('bash', 'zsh', 'fish')},
    ),
}

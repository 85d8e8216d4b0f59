"""The one table of IAM actions a mapping's execution role needs, per source, destination and key.

Every row says which action, on which resource (a template filled from the mapping), whether
AWS refuses CreateEventSourceMapping without it (``checked_at_create``), how bad its absence
is for a running mapping, and the AWS page it comes from. docs/permissions.md is generated
from this table (``python -m esm_cli.regenerate``), and doctor's permission check and
``esm validate --strict`` read it, so the documentation and the checks cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from esm_cli.iam.resources import in_vpc, is_customer_key, on_failure_destination, resource_values, secrets
from esm_cli.sources import Source, classify

SQS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"
KINESIS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html"
DDB_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html"
MSK_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html"
SMK_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-kafka-permissions.html"
MQ_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html"
DOCDB_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-documentdb.html"
DEST_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html"
KMS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"
LOGS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html"


@dataclass(frozen=True)
class Rule:
    """One row of the table. ``topic`` groups rows (a source type, a destination, a key)."""

    topic: str
    action: str
    resource: str  # a template: {source} {stream} {consumer} {secret} {destination} {bucket} {key} {topic} {group} {dest_topic} or *
    checked_at_create: bool
    severity: str  # what a running mapping suffers without it: "error" (nothing flows) or "warning"
    why: str
    doc_url: str
    when: str = ""  # a condition on the mapping, in words ("" = always)
    alternatives: tuple[str, ...] = ()  # any one of action/alternatives is enough


@dataclass(frozen=True)
class Requirement:
    """One action the role needs on one resource, for one mapping."""

    action: str
    resource: str
    checked_at_create: bool
    why: str
    severity: str = "error"
    doc_url: str = ""
    alternatives: tuple[str, ...] = ()
    topic: str = ""


# fmt: off
_ENI = (
    "ec2:CreateNetworkInterface",
    "ec2:DeleteNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
)
_ENI_WHY = "Lambda's pollers reach the cluster through network interfaces it creates in your VPC"
_SECRET_WHY = "Lambda reads the credentials named in SourceAccessConfigurations"


def _eni(topic: str, doc: str, when: str = "") -> list[Rule]:
    return [Rule(topic, a, "*", False, "error", _ENI_WHY, doc, when) for a in _ENI]


_STREAM_CREATE = "AWS refuses the create: 'Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream'"

TABLE: tuple[Rule, ...] = (
    # -- Amazon SQS (standard and FIFO) ----------------------------------------------------
    Rule("sqs", "sqs:ReceiveMessage", "{source}", True, "error",
         "Lambda polls the queue; AWS refuses the create: 'The provided execution role does not have permissions to call ReceiveMessage on SQS'", SQS_DOC),
    Rule("sqs", "sqs:DeleteMessage", "{source}", True, "error",
         "Lambda deletes each message the function processed; AWS refuses the create: 'The provided execution role does not have permissions to call DeleteMessage on SQS'", SQS_DOC),
    Rule("sqs", "sqs:GetQueueAttributes", "{source}", True, "error",
         "Lambda reads the queue's attributes to poll it; AWS refuses the create: 'The provided execution role does not have permissions to call GetQueueAttributes on SQS'", SQS_DOC),
    # -- Kinesis ------------------------------------------------------------------------------
    Rule("kinesis", "kinesis:DescribeStream", "{stream}", True, "error", _STREAM_CREATE, KINESIS_DOC),
    Rule("kinesis", "kinesis:GetRecords", "{stream}", True, "error", _STREAM_CREATE, KINESIS_DOC),
    Rule("kinesis", "kinesis:GetShardIterator", "{stream}", True, "error", _STREAM_CREATE, KINESIS_DOC),
    Rule("kinesis", "kinesis:ListStreams", "*", True, "error", _STREAM_CREATE + " (ListStreams takes no resource: grant it on *)", KINESIS_DOC),
    Rule("kinesis", "kinesis:DescribeStreamSummary", "{stream}", False, "error", "Lambda reads the stream's summary to find its shards", KINESIS_DOC),
    Rule("kinesis", "kinesis:ListShards", "{stream}", False, "error", "Lambda lists the shards it reads (missing from some generated policies)", KINESIS_DOC),
    Rule("kinesis", "kinesis:SubscribeToShard", "{consumer}", False, "error",
         "an enhanced fan-out consumer receives records through SubscribeToShard", KINESIS_DOC, "the source is a stream consumer ARN"),
    # -- DynamoDB Streams ---------------------------------------------------------------------
    Rule("dynamodb", "dynamodb:DescribeStream", "{source}", True, "error", _STREAM_CREATE, DDB_DOC),
    Rule("dynamodb", "dynamodb:GetRecords", "{source}", True, "error", _STREAM_CREATE, DDB_DOC),
    Rule("dynamodb", "dynamodb:GetShardIterator", "{source}", True, "error", _STREAM_CREATE, DDB_DOC),
    Rule("dynamodb", "dynamodb:ListStreams", "*", True, "error", _STREAM_CREATE + " (ListStreams takes no resource: grant it on *)", DDB_DOC),
    # -- Amazon MSK ---------------------------------------------------------------------------
    Rule("msk", "kafka:DescribeClusterV2", "{source}", False, "error",
         "Lambda reads the cluster's configuration (either DescribeClusterV2 or DescribeCluster; serverless clusters need V2)",
         MSK_DOC, alternatives=("kafka:DescribeCluster",)),
    Rule("msk", "kafka:GetBootstrapBrokers", "{source}", False, "error", "Lambda asks MSK for the brokers to connect to", MSK_DOC),
    *_eni("msk", MSK_DOC),
    Rule("msk", "secretsmanager:GetSecretValue", "{secret}", False, "error", _SECRET_WHY, MSK_DOC, "SASL/SCRAM or mTLS secret configured"),
    Rule("msk", "kafka-cluster:Connect", "{source}", False, "warning", "with IAM access control Lambda connects as the execution role", MSK_DOC, "no secret configured (IAM authentication)"),
    Rule("msk", "kafka-cluster:DescribeClusterDynamicConfiguration", "{source}", False, "warning", "with IAM access control Lambda reads the cluster configuration", MSK_DOC, "no secret configured (IAM authentication)"),
    Rule("msk", "kafka-cluster:DescribeGroup", "{group}", False, "warning", "with IAM access control Lambda uses a consumer group named after the mapping", MSK_DOC, "no secret configured (IAM authentication)"),
    Rule("msk", "kafka-cluster:AlterGroup", "{group}", False, "warning", "with IAM access control Lambda commits offsets for its consumer group", MSK_DOC, "no secret configured (IAM authentication)"),
    Rule("msk", "kafka-cluster:DescribeTopic", "{topic}", False, "warning", "with IAM access control Lambda describes the topic it reads", MSK_DOC, "no secret configured (IAM authentication)"),
    Rule("msk", "kafka-cluster:ReadData", "{topic}", False, "warning", "with IAM access control Lambda reads the topic's records", MSK_DOC, "no secret configured (IAM authentication)"),
    # -- self-managed Apache Kafka ------------------------------------------------------------
    Rule("smk", "secretsmanager:GetSecretValue", "{secret}", False, "error", _SECRET_WHY, SMK_DOC, "a secret is configured"),
    *_eni("smk", SMK_DOC, "VPC_SUBNET/VPC_SECURITY_GROUP configured"),
    # -- Amazon MQ ----------------------------------------------------------------------------
    Rule("mq", "mq:DescribeBroker", "{source}", False, "error", "Lambda reads the broker's endpoints", MQ_DOC),
    Rule("mq", "secretsmanager:GetSecretValue", "{secret}", False, "error", _SECRET_WHY, MQ_DOC, "a secret is configured"),
    *_eni("mq", MQ_DOC),
    # -- Amazon DocumentDB --------------------------------------------------------------------
    Rule("docdb", "rds:DescribeDBClusters", "{source}", False, "error", "Lambda reads the cluster's endpoints", DOCDB_DOC),
    Rule("docdb", "rds:DescribeDBClusterParameters", "*", False, "error", "Lambda checks the cluster's change-stream parameters", DOCDB_DOC),
    Rule("docdb", "rds:DescribeDBSubnetGroups", "*", False, "error", "Lambda finds the cluster's subnets", DOCDB_DOC),
    Rule("docdb", "secretsmanager:GetSecretValue", "{secret}", False, "error", _SECRET_WHY, DOCDB_DOC, "a secret is configured"),
    *_eni("docdb", DOCDB_DOC),
    # -- on-failure destinations --------------------------------------------------------------
    Rule("destination-sqs", "sqs:SendMessage", "{destination}", False, "error", "Lambda sends discarded batches' records to the queue", DEST_DOC),
    Rule("destination-sns", "sns:Publish", "{destination}", False, "error", "Lambda publishes discarded batches' records to the topic", DEST_DOC),
    Rule("destination-s3", "s3:PutObject", "{bucket}/*", False, "error", "Lambda writes discarded batches' records as objects", DEST_DOC),
    Rule("destination-s3", "s3:ListBucket", "{bucket}", False, "error", "Lambda checks the bucket before writing", DEST_DOC),
    Rule("destination-kafka", "kafka-cluster:Connect", "{source}", False, "error", "Lambda connects to the cluster to write failed records", MSK_DOC),
    Rule("destination-kafka", "kafka-cluster:DescribeTopic", "{dest_topic}", False, "error", "Lambda describes the failure topic", MSK_DOC),
    Rule("destination-kafka", "kafka-cluster:WriteData", "{dest_topic}", False, "error", "Lambda writes failed records to the topic", MSK_DOC),
    # -- encryption with a customer managed key -----------------------------------------------
    Rule("kms-source", "kms:Decrypt", "{key}", False, "error",
         "the source is encrypted with a customer managed KMS key; without Decrypt records never reach the function (SQS sends them to the DLQ)",
         KMS_DOC, "the queue or stream uses a customer managed key"),
    Rule("kms-filter", "kms:Decrypt", "{filter_key}", False, "warning",
         "KMSKeyArn encrypts the mapping's filter criteria with a customer managed key", MSK_DOC, "KMSKeyArn is set"),
    # -- every source: the function's own logs ------------------------------------------------
    Rule("logs", "logs:CreateLogGroup", "*", False, "warning", "the function writes its logs to CloudWatch Logs", LOGS_DOC),
    Rule("logs", "logs:CreateLogStream", "*", False, "warning", "the function writes its logs to CloudWatch Logs", LOGS_DOC),
    Rule("logs", "logs:PutLogEvents", "*", False, "warning", "the function writes its logs to CloudWatch Logs", LOGS_DOC),
)
# fmt: on

TOPIC_TITLES = {
    "sqs": "Amazon SQS (standard and FIFO)",
    "kinesis": "Kinesis Data Streams",
    "dynamodb": "DynamoDB Streams",
    "msk": "Amazon MSK",
    "smk": "Self-managed Apache Kafka",
    "mq": "Amazon MQ",
    "docdb": "Amazon DocumentDB",
    "destination-sqs": "On-failure destination: SQS queue",
    "destination-sns": "On-failure destination: SNS topic",
    "destination-s3": "On-failure destination: S3 bucket",
    "destination-kafka": "On-failure destination: Kafka topic",
    "kms-source": "Source encrypted with a customer managed KMS key",
    "kms-filter": "Filter criteria encrypted with a customer managed KMS key (KMSKeyArn)",
    "logs": "Every source: the function's logs",
}

_SOURCE_TOPIC = {
    Source.SQS_STANDARD: "sqs",
    Source.SQS_FIFO: "sqs",
    Source.KINESIS: "kinesis",
    Source.KINESIS_CONSUMER: "kinesis",
    Source.DYNAMODB: "dynamodb",
    Source.MSK: "msk",
    Source.SELF_MANAGED_KAFKA: "smk",
    Source.MQ: "mq",
    Source.DOCUMENTDB: "docdb",
}


def source_topic(mapping: dict[str, Any]) -> str | None:
    """The table's topic for the mapping's source (None when the source is unknown)."""
    kind = classify(mapping)
    return _SOURCE_TOPIC.get(kind) if kind is not None else None


def destination_topic(destination: str) -> str | None:
    """The table's topic for an on-failure destination ARN (or ``kafka://topic``)."""
    if destination.startswith("kafka://"):
        return "destination-kafka"
    service = destination.split(":")[2] if destination.count(":") >= 5 else ""
    return {"sqs": "destination-sqs", "sns": "destination-sns", "s3": "destination-s3"}.get(service)


def _topics(mapping: dict[str, Any], source_kms_key: str | None) -> list[str]:
    topics = []
    topic = source_topic(mapping)
    if topic:
        topics.append(topic)
    destination = on_failure_destination(mapping)
    if destination:
        dest_topic = destination_topic(destination)
        if dest_topic:
            topics.append(dest_topic)
    if is_customer_key(source_kms_key):
        topics.append("kms-source")
    if mapping.get("KMSKeyArn"):
        topics.append("kms-filter")
    topics.append("logs")
    return topics


def _rule_applies(rule: Rule, mapping: dict[str, Any]) -> bool:
    if rule.topic == "msk" and rule.action.startswith("kafka-cluster:"):
        return not secrets(mapping)  # no secret: Lambda authenticates with IAM
    if rule.topic == "smk" and rule.action.startswith("ec2:"):
        return in_vpc(mapping)
    return True


def required_permissions(mapping: dict[str, Any], *, source_kms_key: str | None = None) -> list[Requirement]:
    """Every action the execution role of ``mapping`` (API-shaped) needs, on the resources it names.

    ``source_kms_key`` is the source's own encryption key when known (SQS ``KmsMasterKeyId``,
    Kinesis ``KeyId``); an AWS managed key (``alias/aws/sqs``) adds nothing.
    Rows whose resource the mapping does not name (no secret configured, say) are left out.
    """
    values = resource_values(mapping, source_kms_key)
    found: list[Requirement] = []
    for topic in _topics(mapping, source_kms_key):
        for rule in TABLE:
            if rule.topic != topic or not _rule_applies(rule, mapping):
                continue
            for resource in _fill(rule.resource, values):
                found.append(
                    Requirement(
                        action=rule.action,
                        resource=resource,
                        checked_at_create=rule.checked_at_create,
                        why=rule.why,
                        severity=rule.severity,
                        doc_url=rule.doc_url,
                        alternatives=rule.alternatives,
                        topic=topic,
                    )
                )
    return found


def _fill(template: str, values: dict[str, list[str]]) -> list[str]:
    if template == "*":
        return ["*"]
    name = template[1 : template.index("}")]
    suffix = template[template.index("}") + 1 :]
    return [value + suffix for value in values.get(name, [])]

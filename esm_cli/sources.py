"""What kind of event source a mapping reads from, told from its ARN alone.

Shared by the rules, the local backend (defaults, conflict texts) and completion
(which flags fit the source typed), so it stays dependency-free and cheap.
"""

from __future__ import annotations

import re
from enum import Enum

TYPE_CHECKING = False  # typing itself is not imported: completion reads this module on every TAB
if TYPE_CHECKING:
    from typing import Any


class Source(str, Enum):
    """Source types, as the rules catalogue names them (docs/aws-facts.md#source-types)."""

    SQS_STANDARD = "sqs-std"
    SQS_FIFO = "sqs-fifo"
    KINESIS = "kinesis"
    KINESIS_CONSUMER = "kinesis-efo"
    DYNAMODB = "ddb"
    MQ = "mq"
    MSK = "msk"
    SELF_MANAGED_KAFKA = "smk"
    DOCUMENTDB = "docdb"
    UNKNOWN = "unknown"  # an ARN Lambda does not accept as an event source

    @property
    def family(self) -> str:
        """Coarse family (one of ``FAMILIES``, or unknown): what the event's records look like."""
        return _FAMILY[self]

    @property
    def label(self) -> str:
        """Human name used in messages and docs."""
        return _LABEL[self]


# Source families: the granularity at which records look alike (event filtering, test-filter's
# --source, permissions per source). Each Source belongs to one.
FAMILIES = ("sqs", "kinesis", "dynamodb", "kafka", "mq", "docdb")

_FAMILY = {
    Source.SQS_STANDARD: "sqs",
    Source.SQS_FIFO: "sqs",
    Source.KINESIS: "kinesis",
    Source.KINESIS_CONSUMER: "kinesis",
    Source.DYNAMODB: "dynamodb",
    Source.MQ: "mq",
    Source.MSK: "kafka",
    Source.SELF_MANAGED_KAFKA: "kafka",
    Source.DOCUMENTDB: "docdb",
    Source.UNKNOWN: "unknown",
}

_LABEL = {
    Source.SQS_STANDARD: "Amazon SQS standard queue",
    Source.SQS_FIFO: "Amazon SQS FIFO queue",
    Source.KINESIS: "Kinesis data stream",
    Source.KINESIS_CONSUMER: "Kinesis stream consumer",
    Source.DYNAMODB: "DynamoDB stream",
    Source.MQ: "Amazon MQ broker",
    Source.MSK: "Amazon MSK cluster",
    Source.SELF_MANAGED_KAFKA: "self-managed Apache Kafka",
    Source.DOCUMENTDB: "Amazon DocumentDB cluster",
    Source.UNKNOWN: "unrecognized event source",
}

# Source groups, in the vocabulary of docs/rules.md.
EVERY_SOURCE = frozenset(s for s in Source if s is not Source.UNKNOWN)
STREAMS = frozenset({Source.KINESIS, Source.KINESIS_CONSUMER, Source.DYNAMODB})
KAFKA = frozenset({Source.MSK, Source.SELF_MANAGED_KAFKA})
SQS = frozenset({Source.SQS_STANDARD, Source.SQS_FIFO})

_ARN = re.compile(r"^arn:[^:]*:(?P<service>[^:]*):[^:]*:[^:]*:(?P<resource>.*)$")


def classify_arn(arn: str) -> Source:
    """Source type of an EventSourceArn (docs/aws-facts.md#source-types)."""
    match = _ARN.match(arn) if isinstance(arn, str) else None
    if not match:
        return Source.UNKNOWN
    service, resource = match["service"], match["resource"]
    if service == "sqs":
        return Source.SQS_FIFO if resource.endswith(".fifo") else Source.SQS_STANDARD
    if service == "kinesis" and resource.startswith("stream/"):
        return Source.KINESIS_CONSUMER if "/consumer/" in resource else Source.KINESIS
    if service == "dynamodb" and "/stream/" in resource:
        return Source.DYNAMODB
    if service == "mq" and resource.startswith("broker:"):
        return Source.MQ
    if service == "kafka":
        return Source.MSK
    if service == "rds" and resource.startswith("cluster:"):
        return Source.DOCUMENTDB
    return Source.UNKNOWN


def classify(config: dict[str, Any]) -> Source | None:
    """Source type of a request or stored mapping; None when it names no source at all."""
    arn = config.get("EventSourceArn")
    if arn:
        return classify_arn(arn)  # a non-string ARN is UNKNOWN, never an exception
    if config.get("SelfManagedEventSource"):
        return Source.SELF_MANAGED_KAFKA
    return None

"""Which request members each source type takes: the one statement of the matrix.

The rules (``esm_cli.rules``) derive their "Unsupported '<member>' parameter" rejections
from ``TAKES``; completion offers a flag only where ``offered`` says so. The facts and
their evidence are in docs/rules.md (R-APP-1, the applicability matrix, and the rules
cited below). Members not listed apply to every source.

This module is read on every TAB press, so it holds data only and imports nothing heavy.
"""

from __future__ import annotations

from esm_cli.sources import EVERY_SOURCE, KAFKA, SQS, STREAMS, Source

_MQ = frozenset({Source.MQ})
_DOCDB = frozenset({Source.DOCUMENTDB})

# API member → the source types Lambda accepts it for.
TAKES: dict[str, frozenset[Source]] = {
    # Exactly one of the two names the source (R-SRC-4): self-managed Kafka has no ARN.
    "EventSourceArn": EVERY_SOURCE - {Source.SELF_MANAGED_KAFKA},
    "SelfManagedEventSource": frozenset({Source.SELF_MANAGED_KAFKA}),
    "FilterCriteria": EVERY_SOURCE - _DOCDB,  # no event filtering for DocumentDB (R-FLT-7)
    "KMSKeyArn": EVERY_SOURCE - _DOCDB,  # it encrypts the filter criteria
    "StartingPosition": STREAMS | KAFKA | _DOCDB,
    "StartingPositionTimestamp": EVERY_SOURCE - SQS - _MQ,  # only with AT_TIMESTAMP (R-SP-7)
    "ParallelizationFactor": STREAMS,
    "TumblingWindowInSeconds": STREAMS,
    "BisectBatchOnFunctionError": STREAMS | KAFKA,
    "MaximumRetryAttempts": STREAMS | KAFKA,
    "MaximumRecordAgeInSeconds": STREAMS | KAFKA,
    "DestinationConfig": STREAMS | KAFKA,  # on-failure destinations (R-DST-2)
    "FunctionResponseTypes": SQS | STREAMS | KAFKA,  # not MQ, DocumentDB (R-FRT-2)
    "ScalingConfig": SQS,  # R-SCL-2
    "ProvisionedPollerConfig": SQS | KAFKA,  # R-PPC-1
    "LoggingConfig": KAFKA,  # R-LOG-1
    "Topics": KAFKA,
    "Queues": _MQ,
    "SourceAccessConfigurations": _MQ | KAFKA | _DOCDB,
    "AmazonManagedKafkaEventSourceConfig": frozenset({Source.MSK}),
    "SelfManagedKafkaEventSourceConfig": frozenset({Source.SELF_MANAGED_KAFKA}),
    "DocumentDBEventSourceConfig": _DOCDB,
}

# Sources refused a member by a rule with a text of its own, not the generic "Unsupported"
# one: the generic rule leaves them to it.
OWN_RULE: dict[str, frozenset[Source]] = {
    "StartingPosition": SQS,  # R-SP-4: "StartingPosition is not valid for SQS event sources."
}

# Sources that take a member but where no useful value passes a value rule, so completion
# does not offer it: a batching window above 0 on a FIFO queue (R-BW-3), a timestamp on
# DynamoDB Streams, which has no AT_TIMESTAMP (R-SP-3).
NOT_OFFERED: dict[str, frozenset[Source]] = {
    "MaximumBatchingWindowInSeconds": frozenset({Source.SQS_FIFO}),
    "StartingPositionTimestamp": frozenset({Source.DYNAMODB}),
}

# StartingPosition values per source, where not all apply: DynamoDB Streams has no AT_TIMESTAMP (R-SP-3).
STARTING_POSITIONS: dict[Source, tuple[str, ...]] = {Source.DYNAMODB: ("TRIM_HORIZON", "LATEST")}


def rejected_by_generic_rule(member: str) -> frozenset[Source]:
    """Sources for which AWS answers "Unsupported '<member>' parameter …" (R-APP-2)."""
    return EVERY_SOURCE - TAKES[member] - OWN_RULE.get(member, frozenset())


def offered(member: str, source: Source | None) -> bool:
    """True when completion should offer ``member`` for ``source`` (None or unknown: any source)."""
    if source is None or source is Source.UNKNOWN:
        return True
    if source in NOT_OFFERED.get(member, ()):
        return False
    takes = TAKES.get(member)
    return takes is None or source in takes

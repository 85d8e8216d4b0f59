"""Which parameters and values fit a source type: esm-rules.md §3, R-APP-1, as completion needs it.

The rules registry (``esm_cli.rules``) knows the same facts as rules that reject a request,
spread over a dozen topic modules that take tens of milliseconds to build; a TAB press cannot
pay that, so the matrix is restated here as data. ``tests/test_completion_engine.py`` checks
that nothing this table offers is something the registry rejects.

Completion offers a flag for the cells marked allowed (✓) or required (R) and hides the
not-applicable (✗) and forbidden (F) ones. Members not listed apply to every source.
Source tokens are ``esm_cli.sources.Source`` values.
"""

from __future__ import annotations

_SQS = frozenset({"sqs-std", "sqs-fifo"})
_STREAMS = frozenset({"kinesis", "kinesis-efo", "ddb"})
_KAFKA = frozenset({"msk", "smk"})
_MQ = frozenset({"mq"})
_DOCDB = frozenset({"docdb"})
_EVERY = _SQS | _STREAMS | _KAFKA | _MQ | _DOCDB

# API member → the source types that take it.
APPLIES_TO: dict[str, frozenset[str]] = {
    # Exactly one of the two names the source (R-SRC-4): smk is the one without an ARN.
    "EventSourceArn": _EVERY - {"smk"},
    "SelfManagedEventSource": frozenset({"smk"}),
    "FilterCriteria": _EVERY - _DOCDB,  # no event filtering for DocumentDB (R-FLT-7)
    "KMSKeyArn": _EVERY - _DOCDB,  # it encrypts the filter criteria
    # F on FIFO queues when above 0 (R-BW-3): 0 is the default, so the flag is useless there.
    "MaximumBatchingWindowInSeconds": _EVERY - {"sqs-fifo"},
    "StartingPosition": _STREAMS | _KAFKA | _DOCDB,  # F for SQS (R-SP-4), ✗ for MQ
    "StartingPositionTimestamp": _EVERY - _SQS - _MQ - {"ddb"},  # only with AT_TIMESTAMP (R-SP-3/7)
    "ParallelizationFactor": _STREAMS,
    "TumblingWindowInSeconds": _STREAMS,
    "BisectBatchOnFunctionError": _STREAMS | _KAFKA,
    "MaximumRetryAttempts": _STREAMS | _KAFKA,
    "MaximumRecordAgeInSeconds": _STREAMS | _KAFKA,
    "DestinationConfig": _STREAMS | _KAFKA,  # OnFailure only (R-DST-2)
    "FunctionResponseTypes": _SQS | _STREAMS | _KAFKA,  # not MQ, DocumentDB (R-FRT-2)
    "ScalingConfig": _SQS,  # R-SCL-2
    "ProvisionedPollerConfig": _SQS | _KAFKA,  # R-PPC-1
    "LoggingConfig": _KAFKA,  # R-LOG-1
    "Topics": _KAFKA,
    "Queues": _MQ,
    "SourceAccessConfigurations": _MQ | _KAFKA | _DOCDB,
    "AmazonManagedKafkaEventSourceConfig": frozenset({"msk"}),
    "SelfManagedKafkaEventSourceConfig": frozenset({"smk"}),
    "DocumentDBEventSourceConfig": _DOCDB,
}

# StartingPosition values per source, where not all of them apply: DynamoDB Streams has no
# AT_TIMESTAMP (R-SP-3).
STARTING_POSITIONS: dict[str, tuple[str, ...]] = {"ddb": ("TRIM_HORIZON", "LATEST")}


def applies(member: str, source: str | None) -> bool:
    """True when ``member`` may be sent for ``source`` (None or ``unknown``: any source)."""
    if source is None or source not in _EVERY:
        return True
    allowed = APPLIES_TO.get(member)
    return allowed is None or source in allowed

"""The mapping ``esm run`` runs: a stored one, or the one the create flags describe.

Either way the result is the configuration Lambda would hold, defaults filled in per source
(``esm_cli.backends.local.behaviour``), read into the few numbers the poller needs.
"""

from __future__ import annotations

import time
import uuid as uuidlib
from dataclasses import dataclass, field
from typing import Any

from esm_cli.errors import ParamValidationError
from esm_cli.sources import SQS, STREAMS, Source, classify

RUNNABLE = {
    Source.SQS_STANDARD: "sqs",
    Source.SQS_FIFO: "sqs",
    Source.KINESIS: "kinesis",
    Source.KINESIS_CONSUMER: "kinesis",  # read here with a shared iterator on its stream
    Source.DYNAMODB: "dynamodb",
}

# A namespace for the ids of runs that have no stored mapping: the same function and source
# give the same id, so `esm metrics --uuid` finds the points of every such run together.
_SYNTHETIC_NAMESPACE = uuidlib.UUID("6f0e2d4c-8a43-4d0a-9d1e-6573726e756e")


@dataclass
class MappingConfig:
    """What the poller needs to know about the mapping (docs/run.md, "Settings honoured")."""

    uuid: str
    synthetic: bool  # no stored mapping: the id is made up (see _SYNTHETIC_NAMESPACE)
    source: Source
    arn: str
    region: str
    account: str
    function_arn: str
    batch_size: int
    window: float  # MaximumBatchingWindowInSeconds
    report_failures: bool  # FunctionResponseTypes has ReportBatchItemFailures
    patterns: list[dict[str, Any]] = field(default_factory=list)
    parallelization: int = 1
    max_retries: int = -1  # -1: until the record expires
    max_age: int = -1  # seconds; -1: no limit but the stream's retention
    bisect: bool = False
    tumbling: int = 0
    starting_position: str = "TRIM_HORIZON"
    starting_timestamp: float | None = None
    on_failure: str | None = None
    document: dict[str, Any] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return RUNNABLE[self.source]

    @property
    def fifo(self) -> bool:
        return self.source is Source.SQS_FIFO

    @property
    def is_stream(self) -> bool:
        return self.source in STREAMS

    @property
    def function_name(self) -> str:
        return self.function_arn.split(":function:", 1)[-1].split(":", 1)[0]


def _epoch(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    try:
        return float(value)
    except (TypeError, ValueError):
        from datetime import datetime, timezone

        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).timestamp()


def function_arn(name: str, region: str, account: str) -> str:
    """The function's ARN from a name, a partial ARN or an ARN (the forms FunctionName takes)."""
    if name.startswith("arn:"):
        return name
    if ":" in name:  # account:function:name or name:qualifier
        parts = name.split(":")
        if len(parts) >= 3 and parts[1] == "function":
            return f"arn:aws:lambda:{region}:{parts[0]}:function:{':'.join(parts[2:])}"
    return f"arn:aws:lambda:{region}:{account}:function:{name}"


def from_document(doc: dict[str, Any], *, region: str, account: str, synthetic: bool) -> MappingConfig:
    """Read an EventSourceMappingConfiguration (API member names) into a MappingConfig."""
    from esm_cli.filters.dry_run import patterns_from_filter_criteria
    from esm_cli.filters.jsontext import loads

    source = classify(doc)
    if source not in RUNNABLE:
        label = source.label if source is not None else "no event source"
        raise ParamValidationError(
            f"esm run polls SQS queues, Kinesis data streams and DynamoDB streams; this mapping reads from {label}"
        )
    arn = doc["EventSourceArn"]
    arn_parts = arn.split(":")
    region = arn_parts[3] or region
    account = arn_parts[4] or account
    on_failure = ((doc.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination") or None
    return MappingConfig(
        uuid=doc["UUID"],
        synthetic=synthetic,
        source=source,
        arn=arn,
        region=region,
        account=account,
        function_arn=doc.get("FunctionArn") or function_arn(doc.get("FunctionName", "esm-run"), region, account),
        batch_size=int(doc.get("BatchSize") or (10 if source in SQS else 100)),
        window=float(doc.get("MaximumBatchingWindowInSeconds") or 0),
        report_failures="ReportBatchItemFailures" in (doc.get("FunctionResponseTypes") or []),
        patterns=[loads(text) for text in patterns_from_filter_criteria(doc.get("FilterCriteria"))],
        parallelization=int(doc.get("ParallelizationFactor") or 1),
        max_retries=int(doc.get("MaximumRetryAttempts", -1) if doc.get("MaximumRetryAttempts") is not None else -1),
        max_age=int(doc.get("MaximumRecordAgeInSeconds", -1) if doc.get("MaximumRecordAgeInSeconds") is not None else -1),
        bisect=bool(doc.get("BisectBatchOnFunctionError")),
        tumbling=int(doc.get("TumblingWindowInSeconds") or 0),
        starting_position=str(doc.get("StartingPosition") or "TRIM_HORIZON"),
        starting_timestamp=_epoch(doc.get("StartingPositionTimestamp")),
        on_failure=on_failure,
        document=doc,
    )


def from_flags(request: dict[str, Any], *, region: str, account: str) -> MappingConfig:
    """The mapping a CreateEventSourceMapping request would create, with Lambda's defaults."""
    from esm_cli.backends.local.behaviour import created_config

    source = classify(request)
    fn_arn = function_arn(str(request.get("FunctionName", "esm-run")), region, account)
    synthetic_id = str(uuidlib.uuid5(_SYNTHETIC_NAMESPACE, f"{fn_arn}|{request.get('EventSourceArn', '')}"))
    doc = created_config(
        request,
        uuid=synthetic_id,
        source=source,
        function_arn=fn_arn,
        mapping_arn=f"arn:aws:lambda:{region}:{account}:event-source-mapping:{synthetic_id}",
        now=time.time(),
    )
    return from_document(doc, region=region, account=account, synthetic=True)

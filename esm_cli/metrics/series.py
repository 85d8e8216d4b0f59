"""The result document of ``esm metrics``, shared by the aws and local backends.

``{"Metrics": [series…], "Hints": [text…]}`` where each series is shaped like one of
GetMetricData's ``MetricDataResults`` (Label, Id, Timestamps, Values) plus where it comes
from (Namespace), how it was aggregated (Statistic) and its Unit, so ``--query`` can pick
``Metrics[?Label=='IteratorAge'].Values[] | max(@)`` in a CI step. Timestamps are ISO 8601
in UTC, oldest first (GetMetricData's ``ScanBy=TimestampAscending``).
"""

from __future__ import annotations

from datetime import datetime, timezone

from esm_cli.metrics.catalogue import Metric


def iso(epoch: float) -> str:
    """Epoch seconds → ``2026-05-01T12:00:00+00:00`` (as the AWS CLI prints CloudWatch's timestamps)."""
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat()


def epoch(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def series(metric: Metric, index: int, timestamps: list[float], values: list[float]) -> dict[str, object]:
    """One metric's series; ``index`` makes its query Id (m0, m1 …, as GetMetricData needs)."""
    return {
        "Label": metric.name,
        "Id": query_id(index),
        "Namespace": metric.namespace,
        "Statistic": metric.statistic,
        "Unit": metric.unit,
        "Timestamps": [iso(t) for t in timestamps],
        "Values": [float(v) for v in values],
    }


def query_id(index: int) -> str:
    # GetMetricData Ids start with a lower-case letter: ^[a-z][a-zA-Z0-9_]*$
    return f"m{index}"


def has_data(document: dict[str, object]) -> bool:
    return any(s["Values"] for s in document["Metrics"])  # type: ignore[attr-defined, index]

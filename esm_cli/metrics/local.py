"""The local backend's metrics: the points ``esm run`` recorded, aggregated as CloudWatch would.

The same metric names, statistics and periods as on AWS (docs/metrics.md), read from the
state file's ``metric_points`` table (esm_cli/backends/local/metrics_store.py).
"""

from __future__ import annotations

from typing import Any

from esm_cli.backends.local.metrics_store import read_series
from esm_cli.metrics.catalogue import Metric
from esm_cli.metrics.series import series
from esm_cli.metrics.window import Window


def local_series(state_file: str, uuid: str, metrics: list[Metric], window: Window) -> list[dict[str, Any]]:
    """The series of ``metrics`` for mapping ``uuid`` over ``window``, in ``metrics``' order."""
    by_stat: dict[str, list[str]] = {}
    for metric in metrics:
        by_stat.setdefault(metric.statistic, []).append(metric.name)
    read: dict[str, tuple[list[float], list[float]]] = {}
    for stat, names in by_stat.items():  # one query per statistic, not per metric
        read.update(read_series(state_file, uuid, names, window.start, window.end, window.period, stat))
    for name, companion in ZERO_WITH.items():
        if name in read and companion in read:
            read[name] = _zero_filled(read[name], read[companion][0])
    return [series(metric, index, *read.get(metric.name, ([], []))) for index, metric in enumerate(metrics)]


# Lambda sends Errors with every invocation (1 for an error, else 0), so CloudWatch has an Errors
# point wherever it has an Invocations one; ``esm run`` records only the errors that happened.
ZERO_WITH = {"Errors": "Invocations"}


def _zero_filled(found: tuple[list[float], list[float]], times: list[float]) -> tuple[list[float], list[float]]:
    by_time = dict(zip(*found))
    for stamp in times:
        by_time.setdefault(stamp, 0.0)
    ordered = sorted(by_time)
    return ordered, [by_time[t] for t in ordered]

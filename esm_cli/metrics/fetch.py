"""The aws backend's metrics: every series of a mapping in as few GetMetricData calls as possible.

GetMetricData takes up to 500 metric queries per request and pages long answers with
NextToken (docs/metrics.md#how-esm-asks-cloudwatch). A mapping has at most ~25 metrics,
so one request (plus its pages) fetches them all.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from esm_cli.metrics.catalogue import FUNCTION, MAPPING, QUEUE, STREAM, Metric
from esm_cli.metrics.series import query_id, series
from esm_cli.metrics.window import Window

MAX_QUERIES = 500  # MetricDataQueries per GetMetricData request


def dimensions(metric: Metric, mapping: dict[str, Any]) -> list[dict[str, str]] | None:
    """The CloudWatch dimensions of ``metric`` for this mapping; None when it has no such resource."""
    if metric.dimension == MAPPING:
        return [{"Name": "EventSourceMappingUUID", "Value": mapping["UUID"]}]
    if metric.dimension == FUNCTION:
        # arn:aws:lambda:region:account:function:name[:qualifier]
        parts = str(mapping.get("FunctionArn", "")).split(":")
        if len(parts) < 7:
            return None
        found = [{"Name": "FunctionName", "Value": parts[6]}]
        if len(parts) > 7:  # an alias or version has its own series under Resource = name:qualifier
            found.append({"Name": "Resource", "Value": f"{parts[6]}:{parts[7]}"})
        return found
    arn = str(mapping.get("EventSourceArn") or "")
    if metric.dimension == QUEUE and arn.startswith("arn:") and ":sqs:" in arn:
        return [{"Name": "QueueName", "Value": arn.split(":")[-1]}]
    if metric.dimension == STREAM and ":stream/" in arn:
        # arn:aws:kinesis:region:account:stream/NAME[/consumer/…]
        return [{"Name": "StreamName", "Value": arn.split(":stream/", 1)[1].split("/")[0]}]
    return None


def queries(metrics: list[Metric], mapping: dict[str, Any], period: int) -> list[tuple[Metric, dict[str, Any]]]:
    """One MetricDataQuery per metric that has dimensions for this mapping."""
    found = []
    for metric in metrics:
        dims = dimensions(metric, mapping)
        if dims is None:
            continue
        query = {
            "Id": query_id(len(found)),
            "Label": metric.name,
            "MetricStat": {
                "Metric": {"Namespace": metric.namespace, "MetricName": metric.name, "Dimensions": dims},
                "Period": period,
                "Stat": metric.statistic,
            },
            "ReturnData": True,
        }
        found.append((metric, query))
    return found


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def fetch_series(ctx: Any, mapping: dict[str, Any], metrics: list[Metric], window: Window) -> list[dict[str, Any]]:
    """The series of ``metrics`` over ``window``, from CloudWatch, in ``metrics``' order."""
    planned = queries(metrics, mapping, window.period)
    if not planned:
        return []
    cloudwatch = ctx.aws_client("cloudwatch")
    points: dict[str, tuple[list[float], list[float]]] = {q["Id"]: ([], []) for _, q in planned}
    for first in range(0, len(planned), MAX_QUERIES):
        batch = [query for _, query in planned[first : first + MAX_QUERIES]]
        token = None
        while True:
            request: dict[str, Any] = {
                "MetricDataQueries": batch,
                "StartTime": _utc(window.start),
                "EndTime": _utc(window.end),
                "ScanBy": "TimestampAscending",
            }
            if token:
                request["NextToken"] = token
            response = cloudwatch.get_metric_data(**request)
            for result in response.get("MetricDataResults", []):
                times, values = points.setdefault(result["Id"], ([], []))
                times.extend(_epoch(t) for t in result.get("Timestamps", []))
                values.extend(result.get("Values", []))
            token = response.get("NextToken")
            if not token:
                break
    found = []
    for index, (metric, query) in enumerate(planned):
        times, values = points[query["Id"]]
        ordered = sorted(zip(times, values))  # pages each hold a slice of time: keep it oldest first
        found.append(series(metric, index, [t for t, _ in ordered], [v for _, v in ordered]))
    return found


def _epoch(value: Any) -> float:
    # botocore gives datetimes, or the wire text when esm's client keeps timestamps raw.
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
    return float(value)

"""``esm metrics`` on the aws backend against moto's CloudWatch: figures equal get_metric_statistics'.

Metric data is put with boto3 for a function (AWS/Lambda FunctionName), a queue (AWS/SQS
QueueName), a stream (AWS/Kinesis StreamName) and a mapping (AWS/Lambda
EventSourceMappingUUID); esm's series must equal what CloudWatch's GetMetricStatistics
returns for the same window, period and statistic.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import Esm, clean_env
from support import motoserver
from support.awscalls import recorded_clients

PERIOD = 300
POINTS = 12  # one hour of 5-minute periods


server = motoserver.server_fixture("moto-metrics")


@pytest.fixture
def moto(server: motoserver.MotoServer) -> motoserver.MotoServer:
    server.reset()
    return server


@pytest.fixture
def esm_aws(tmp_path: Path, server: motoserver.MotoServer) -> Esm:
    return Esm(clean_env(tmp_path, **motoserver.aws_variables(server.url)))


def window() -> tuple[datetime, datetime]:
    """The last whole hour of 5-minute periods, aligned as esm aligns windows."""
    now = int(time.time()) // PERIOD * PERIOD
    start = datetime.fromtimestamp(now - 2 * 3600, tz=timezone.utc)
    return start, start + timedelta(seconds=PERIOD * POINTS)


def put(
    cw: Any, namespace: str, name: str, dims: dict[str, str], start: datetime, values: list[float], unit: str
) -> None:
    """Two points per period (so Sum, Average and Maximum differ), the first at the period's start."""
    data = []
    for index, value in enumerate(values):
        for offset, part in ((0, value), (90, value / 2)):
            data.append(
                {
                    "MetricName": name,
                    "Dimensions": [{"Name": k, "Value": v} for k, v in dims.items()],
                    "Timestamp": start + timedelta(seconds=index * PERIOD + offset),
                    "Value": part,
                    "Unit": unit,
                }
            )
    for first in range(0, len(data), 20):
        cw.put_metric_data(Namespace=namespace, MetricData=data[first : first + 20])


def statistics(
    cw: Any, namespace: str, name: str, dims: dict[str, str], stat: str, start: datetime, end: datetime
) -> dict[str, float]:
    answer = cw.get_metric_statistics(
        Namespace=namespace,
        MetricName=name,
        Dimensions=[{"Name": k, "Value": v} for k, v in dims.items()],
        StartTime=start,
        EndTime=end,
        Period=PERIOD,
        Statistics=[stat],
    )
    return {p["Timestamp"].astimezone(timezone.utc).isoformat(): p[stat] for p in answer["Datapoints"]}


def esm_figures(document: dict[str, Any], label: str) -> dict[str, float]:
    (entry,) = [s for s in document["Metrics"] if s["Label"] == label]
    return dict(zip(entry["Timestamps"], entry["Values"]))


def test_sqs_mapping_figures_equal_get_metric_statistics(moto: motoserver.MotoServer, esm_aws: Esm) -> None:
    lam, cw = moto.client("lambda"), moto.client("cloudwatch")
    mapping = lam.create_event_source_mapping(
        FunctionName="fn1", EventSourceArn=moto.resources["queues"]["q1"], MetricsConfig={"Metrics": ["EventCount"]}
    )
    uuid = mapping["UUID"]
    start, end = window()
    series = {
        ("AWS/Lambda", "Invocations", (("FunctionName", "fn1"),), "Count"): [float(i) for i in range(POINTS)],
        ("AWS/Lambda", "Errors", (("FunctionName", "fn1"),), "Count"): [float(i % 3 == 0) for i in range(POINTS)],
        ("AWS/Lambda", "Duration", (("FunctionName", "fn1"),), "Milliseconds"): [100.0 + 7 * i for i in range(POINTS)],
        ("AWS/SQS", "ApproximateAgeOfOldestMessage", (("QueueName", "q1"),), "Seconds"): [
            5.0 * i for i in range(POINTS)
        ],
        ("AWS/Lambda", "PolledEventCount", (("EventSourceMappingUUID", uuid),), "Count"): [10.0] * POINTS,
    }
    for (namespace, name, dims, unit), values in series.items():
        put(cw, namespace, name, dict(dims), start, values, unit)
    with recorded_clients() as calls:
        document = esm_aws.ok(
            "metrics", "--uuid", uuid, "--since", start.isoformat(), "--until", end.isoformat(), "--period", "5m",
            "--output", "json",
        )

    for namespace, name, dims, _unit in series:
        from esm_cli.metrics.catalogue import BY_NAME

        stat = BY_NAME[name].statistic
        expected = statistics(cw, namespace, name, dict(dims), stat, start, end)
        assert len(expected) == POINTS
        assert esm_figures(document, name) == expected, name
    labels = [s["Label"] for s in document["Metrics"]]
    assert "PolledEventCount" in labels and "DeletedEventCount" in labels  # MetricsConfig EventCount is on
    assert "IteratorAge" not in labels  # a stream metric, not an SQS one
    errors = next(s for s in document["Metrics"] if s["Label"] == "Errors")
    assert (errors["Namespace"], errors["Statistic"], errors["Unit"]) == ("AWS/Lambda", "Sum", "Count")
    assert errors["Timestamps"] == sorted(errors["Timestamps"])
    assert not any("MetricsConfig" in hint for hint in document["Hints"])
    # Every metric of the mapping in one GetMetricData request (after the mapping's own lookup).
    operations = [op for client in calls for op in client.calls]
    assert operations == ["GetMetricData"]


def test_kinesis_mapping_reads_iterator_age_and_flags_growth(moto: motoserver.MotoServer, esm_aws: Esm) -> None:
    lam, cw = moto.client("lambda"), moto.client("cloudwatch")
    uuid = lam.create_event_source_mapping(
        FunctionName="fn2", EventSourceArn=moto.resources["stream"], StartingPosition="LATEST"
    )["UUID"]
    start, end = window()
    put(
        cw,
        "AWS/Lambda",
        "IteratorAge",
        {"FunctionName": "fn2"},
        start,
        [1000.0 * i for i in range(POINTS)],
        "Milliseconds",
    )
    put(
        cw,
        "AWS/Kinesis",
        "GetRecords.IteratorAgeMilliseconds",
        {"StreamName": "s1"},
        start,
        [50.0] * POINTS,
        "Milliseconds",
    )
    args = ("metrics", "--uuid", uuid, "--since", start.isoformat(), "--until", end.isoformat(), "--period", "300")

    document = esm_aws.ok(*args, "--output", "json")
    assert esm_figures(document, "IteratorAge") == statistics(
        cw, "AWS/Lambda", "IteratorAge", {"FunctionName": "fn2"}, "Maximum", start, end
    )
    assert esm_figures(document, "GetRecords.IteratorAgeMilliseconds") == statistics(
        cw, "AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", {"StreamName": "s1"}, "Maximum", start, end
    )
    (hint,) = [h for h in document["Hints"] if "MetricsConfig" in h]
    assert f"esm update-event-source-mapping --uuid {uuid} --metrics-config Metrics=EventCount" in hint

    # --query answers a CI step's question: the largest IteratorAge of the window.
    top = esm_aws("metrics", *args[1:], "--output", "text", "--query", "max(Metrics[?Label=='IteratorAge'].Values[])")
    assert (top.rc, top.stdout.strip()) == (0, str(1000.0 * (POINTS - 1)))

    report = esm_aws(*args)  # no --output typed: the report, plain text off a terminal
    assert report.rc == 0 and "\x1b[" not in report.stdout
    assert "! IteratorAge: the mapping is falling behind the stream" in report.stdout
    assert "! GetRecords.IteratorAgeMilliseconds" not in report.stdout  # flat: no trouble


def test_unknown_uuid_is_the_services_not_found_error(moto: motoserver.MotoServer, esm_aws: Esm) -> None:
    result = esm_aws("metrics", "--uuid", "00000000-0000-4000-8000-000000000000")
    assert result.rc == 254 and result.stdout == ""
    assert "(ResourceNotFoundException) when calling the GetEventSourceMapping operation" in result.stderr


def test_no_data_in_the_window_is_said(moto: motoserver.MotoServer, esm_aws: Esm) -> None:
    uuid = moto.client("lambda").create_event_source_mapping(
        FunctionName="fn3", EventSourceArn=moto.resources["queues"]["q2"]
    )["UUID"]
    document = esm_aws.ok("metrics", "--uuid", uuid, "--output", "json")
    assert all(s["Values"] == [] and s["Timestamps"] == [] for s in document["Metrics"])
    assert any("no data points" in hint for hint in document["Hints"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--period", "45"), "1, 5, 10, 30 or a multiple of 60"),
        (("--since", "460d", "--period", "1h"), "455 days"),
        (("--since", "20d", "--period", "1m"), "multiple of 300 seconds"),
        (("--since", "2026-01-01T00:00:00Z", "--until", "2025-12-31T00:00:00Z"), "--until must be later"),
        (("--since", "yesterday"), "Invalid value for --since"),
    ],
)
def test_refused_windows_fail_before_any_call(tmp_path: Path, argv: tuple[str, ...], message: str) -> None:
    # Nothing listens on port 9: a call would fail with 255, not 252.
    esm = Esm(
        clean_env(
            tmp_path,
            **motoserver.DUMMY_CREDENTIALS,
            AWS_DEFAULT_REGION="us-east-1",
            AWS_ENDPOINT_URL="http://127.0.0.1:9",
        )
    )
    result = esm("metrics", "--uuid", "00000000-0000-4000-8000-000000000000", *argv)
    assert result.rc == 252, result.stderr
    assert message in result.stderr and result.stdout == ""

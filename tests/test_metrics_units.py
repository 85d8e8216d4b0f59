"""The pieces of ``esm metrics`` on their own: catalogue, window, batching and paging, sparklines, docs."""

from __future__ import annotations

from typing import Any

import pytest

from esm_cli.errors import ParamValidationError
from esm_cli.metrics import catalogue, fetch, render, window
from esm_cli.metrics.window import Window, parse_window

NOW = 1_800_000_000.0  # a fixed "now" (2027-01-15T08:00:00Z)


# -- catalogue ------------------------------------------------------------------------------


def test_counts_are_summed_and_ages_maximised() -> None:
    for metric in catalogue.CATALOGUE:
        if (
            metric.name.endswith("Count")
            and metric.group != "KafkaMetrics"
            or metric.name in ("Invocations", "Errors", "Throttles")
        ):
            assert metric.statistic == "Sum", metric.name
        if "Age" in metric.name or "Lag" in metric.name:
            assert metric.statistic == "Maximum", metric.name
        assert metric.doc_url.startswith("https://docs.aws.amazon.com/"), metric.name
        assert bool(metric.trouble) == bool(metric.reading), metric.name
    assert len(catalogue.BY_NAME) == len(catalogue.CATALOGUE)  # names are unique


def test_selection_follows_the_source_and_metrics_config() -> None:
    names = lambda family, config: [m.name for m in catalogue.select(family, config)]
    assert names("sqs", None) == [
        "Invocations",
        "Errors",
        "Throttles",
        "Duration",
        "ConcurrentExecutions",
        "ApproximateNumberOfMessagesVisible",
        "ApproximateAgeOfOldestMessage",
    ]
    assert "IteratorAge" in names("kinesis", None) and "GetRecords.IteratorAgeMilliseconds" in names("kinesis", None)
    assert "IteratorAge" in names("dynamodb", None) and "GetRecords.IteratorAgeMilliseconds" not in names(
        "dynamodb", None
    )
    assert "OffsetLag" in names("kafka", None) and "IteratorAge" not in names("kafka", None)
    assert "DeletedEventCount" in names("sqs", ["EventCount"]) and "DroppedEventCount" not in names(
        "sqs", ["EventCount"]
    )
    assert "DroppedEventCount" in names("kinesis", ["EventCount"])
    assert "MaxOffsetLag" in names("kafka", ["KafkaMetrics"]) and "PollingErrorCount" not in names(
        "kafka", ["KafkaMetrics"]
    )
    assert catalogue.missing_groups("sqs", None) == ["EventCount"]
    assert catalogue.missing_groups("kafka", ["EventCount"]) == ["ErrorCount", "KafkaMetrics"]
    assert catalogue.missing_groups("kinesis", ["EventCount"]) == []


def test_trouble_readings() -> None:
    errors, age = catalogue.BY_NAME["Errors"], catalogue.BY_NAME["IteratorAge"]
    assert catalogue.is_trouble(errors, [0, 0, 1, 0])
    assert not catalogue.is_trouble(errors, [0, 0, 0]) and not catalogue.is_trouble(errors, [])
    assert catalogue.is_trouble(age, [10, 20, 15, 30, 40, 60])
    assert not catalogue.is_trouble(age, [60, 40, 30, 20])  # draining
    assert not catalogue.is_trouble(age, [50, 50, 50, 50])  # steady
    assert not catalogue.is_trouble(age, [10, 90, 20, 30])  # a spike that passed
    assert not catalogue.is_trouble(catalogue.BY_NAME["Invocations"], [1, 2, 3, 4])


def test_docs_page_names_every_metric_with_its_source() -> None:
    from esm_cli.metrics import docs

    for metric in catalogue.CATALOGUE:
        assert f"| `{metric.name}` |" in docs.page() and metric.doc_url in docs.page()


# -- window ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1", 1), ("5", 5), ("10s", 10), ("30", 30), ("60", 60), ("5m", 300), ("1h", 3600), ("2d", 172800), ("120", 120)],
)
def test_periods_cloudwatch_accepts(text: str, seconds: int) -> None:
    assert window.parse_period(text) == seconds


@pytest.mark.parametrize("text", ["0", "2", "45", "90", "61", "1.5m", "fast", "-60", "7s"])
def test_periods_cloudwatch_refuses(text: str) -> None:
    with pytest.raises(ParamValidationError):
        window.parse_period(text)


def test_window_forms_and_alignment() -> None:
    w = parse_window("3h", None, None, NOW)
    assert (w.period, w.end - w.start) == (300, 3 * 3600)  # default: finest nice period with ≤ 120 points
    assert w.start % 300 == 0 and w.end >= NOW
    w = parse_window("2027-01-15T06:00:00Z", "2027-01-15T07:00:00+00:00", "1m", NOW)
    assert (w.start, w.end, w.period) == (NOW - 7200, NOW - 3600, 60)
    assert parse_window("2027-01-15T06:00:00", "now", "5m", NOW).start == NOW - 7200  # no offset: UTC
    assert parse_window(str(int(NOW - 3600)), None, "60", NOW).start == NOW - 3600  # epoch seconds
    assert parse_window("2027-01-12", None, None, NOW).period == 3600  # 80 hours: 1h keeps ≤ 120 points
    assert parse_window("30d", None, None, NOW).period % 300 == 0
    assert parse_window("100d", None, None, NOW).period % 3600 == 0
    assert parse_window("2h", None, "10", NOW).period == 10  # high resolution within 3 hours


@pytest.mark.parametrize(
    ("since", "until", "period"),
    [
        ("456d", None, "1h"),  # beyond retention
        ("4h", None, "30"),  # high-resolution data is kept 3 hours
        ("16d", None, "2m"),  # 1-minute data is kept 15 days
        ("64d", None, "10m"),  # 5-minute data is kept 63 days
        ("1h", "2h", None),  # empty window
        ("soon", None, None),
    ],
)
def test_windows_cloudwatch_cannot_answer(since: str, until: str | None, period: str | None) -> None:
    with pytest.raises(ParamValidationError):
        parse_window(since, until, period, NOW)


# -- fetch: batching and paging ------------------------------------------------------------


class FakeCloudWatch:
    """Answers GetMetricData with one point per query per page, over ``pages`` pages."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.requests: list[dict[str, Any]] = []

    def get_metric_data(self, **request: Any) -> dict[str, Any]:
        self.requests.append(request)
        page = int(request.get("NextToken") or 0)
        results = [
            {"Id": q["Id"], "Label": q["Label"], "Timestamps": [f"2027-01-15T0{page}:00:00Z"], "Values": [float(page)]}
            for q in request["MetricDataQueries"]
        ]
        answer: dict[str, Any] = {"MetricDataResults": results}
        if page + 1 < self.pages:
            answer["NextToken"] = str(page + 1)
        return answer


class FakeContext:
    def __init__(self, client: FakeCloudWatch) -> None:
        self.client = client

    def aws_client(self, service: str) -> FakeCloudWatch:
        assert service == "cloudwatch"
        return self.client


MAPPING = {
    "UUID": "u-1",
    "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn:live",
    "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s1/consumer/c1:1",
}


def test_every_page_is_followed_and_merged_in_time_order() -> None:
    client = FakeCloudWatch(pages=3)
    metrics = catalogue.select("kinesis", ["EventCount"])
    found = fetch.fetch_series(FakeContext(client), MAPPING, metrics, Window(NOW - 3 * 3600, NOW, 3600))
    assert len(client.requests) == 3  # one request, three pages
    assert [r.get("NextToken") for r in client.requests] == [None, "1", "2"]
    assert all(r["ScanBy"] == "TimestampAscending" for r in client.requests)
    assert [s["Label"] for s in found] == [m.name for m in metrics]
    assert found[0]["Values"] == [0.0, 1.0, 2.0]
    assert found[0]["Timestamps"] == [
        "2027-01-15T00:00:00+00:00",
        "2027-01-15T01:00:00+00:00",
        "2027-01-15T02:00:00+00:00",
    ]


def test_queries_are_batched_at_the_api_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    client = FakeCloudWatch(pages=1)
    metrics = catalogue.select("kinesis", ["EventCount"]) * 50  # more queries than one request holds
    monkeypatch.setattr(fetch, "MAX_QUERIES", 500)
    found = fetch.fetch_series(FakeContext(client), MAPPING, metrics, Window(NOW - 3600, NOW, 300))
    sizes = [len(r["MetricDataQueries"]) for r in client.requests]
    assert sizes == [500] * (len(metrics) // 500) + ([len(metrics) % 500] if len(metrics) % 500 else [])
    assert len(found) == len(metrics)
    ids = [q["Id"] for r in client.requests for q in r["MetricDataQueries"]]
    assert len(set(ids)) == len(ids) and all(i[0].islower() for i in ids)


def test_dimensions_for_each_resource() -> None:
    dims = lambda name: fetch.dimensions(catalogue.BY_NAME[name], MAPPING)
    assert dims("Errors") == [{"Name": "FunctionName", "Value": "fn"}, {"Name": "Resource", "Value": "fn:live"}]
    assert dims("PolledEventCount") == [{"Name": "EventSourceMappingUUID", "Value": "u-1"}]
    assert dims("GetRecords.IteratorAgeMilliseconds") == [{"Name": "StreamName", "Value": "s1"}]
    sqs = {
        **MAPPING,
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
        "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders.fifo",
    }
    assert fetch.dimensions(catalogue.BY_NAME["ApproximateAgeOfOldestMessage"], sqs) == [
        {"Name": "QueueName", "Value": "orders.fifo"}
    ]
    assert fetch.dimensions(catalogue.BY_NAME["Errors"], sqs) == [{"Name": "FunctionName", "Value": "fn"}]


# -- rendering ------------------------------------------------------------------------------


def test_sparkline_and_numbers() -> None:
    w = Window(0, 600, 60)
    stamps = [f"1970-01-01T00:0{i}:00+00:00" for i in range(10)]
    assert render.sparkline(stamps, [float(i) for i in range(10)], w) == "▁▂▃▃▄▅▆▆▇█"
    assert render.sparkline(stamps[:3] + stamps[5:], [0.0] * 8, w) == "▁▁▁  ▁▁▁▁▁"  # gaps stay blank
    assert render.sparkline([], [], w) == ""
    assert len(render.sparkline(stamps, [1.0] * 10, Window(0, 6000, 60), width=20)) == 20  # folded
    assert [render.number(v) for v in (None, 3.0, 0.25, 1234567.0, 12.3456, 4567.8)] == [
        "–",
        "3",
        "0.25",
        "1,234,567",
        "12.35",
        "4,568",
    ]

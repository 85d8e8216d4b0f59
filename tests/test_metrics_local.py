"""``esm metrics`` on the local backend, and the metric-point store ``esm run`` writes to."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from conftest import KINESIS_ARN, SQS_ARN, Esm
from support.statefill import foreign_sqlite

from esm_cli.backends.local import metrics_store
from esm_cli.backends.local.store import StateFileError

PERIOD = 300


def aligned_start() -> int:
    return (int(time.time()) - 2 * 3600) // 3600 * 3600


def create(esm: Esm, *extra: str, arn: str = SQS_ARN) -> str:
    return str(
        esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", arn, *extra)["UUID"]
    )


# -- the store ---------------------------------------------------------------------------------


def test_record_and_read_aggregate_like_cloudwatch(tmp_path: Path) -> None:
    path = str(tmp_path / "deep" / "state.db")
    metrics_store.record_points(
        path,
        "u1",
        [
            ("Invocations", 1000, 1),
            ("Invocations", 1059, 2),
            ("Invocations", 1060, 4),  # two periods of 60 s
            ("Errors", 1010, 1),
            ("Invocations", 999, 100),
            ("Invocations", 1200, 100),  # outside [1000, 1200)
        ],
    )
    metrics_store.record_points(path, "u2", [("Invocations", 1000, 50)])  # another mapping
    read = metrics_store.read_series
    assert read(path, "u1", ["Invocations", "Errors", "Throttles"], 1000, 1200, 60, "Sum") == {
        "Invocations": ([1000.0, 1060.0], [3.0, 4.0]),
        "Errors": ([1000.0], [1.0]),
        "Throttles": ([], []),
    }
    assert read(path, "u1", ["Invocations"], 1000, 1200, 60, "Maximum")["Invocations"][1] == [2.0, 4.0]
    assert read(path, "u1", ["Invocations"], 1000, 1200, 60, "Minimum")["Invocations"][1] == [1.0, 4.0]
    assert read(path, "u1", ["Invocations"], 1000, 1200, 60, "Average")["Invocations"][1] == [1.5, 4.0]
    assert read(path, "u1", ["Invocations"], 1000, 1200, 60, "SampleCount")["Invocations"][1] == [2.0, 1.0]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with pytest.raises(ValueError):
        read(path, "u1", ["Invocations"], 1000, 1200, 60, "p99")


def test_reading_without_a_file_or_table_gives_empty_series(tmp_path: Path, esm: Esm) -> None:
    assert metrics_store.read_series(str(tmp_path / "none.db"), "u", ["Errors"], 0, 60, 60, "Sum") == {
        "Errors": ([], [])
    }
    uuid = create(esm)  # a state file with mappings but no metric_points table yet
    assert metrics_store.read_series(str(tmp_path / "state.db"), uuid, ["Errors"], 0, 60, 60, "Sum") == {
        "Errors": ([], [])
    }


def test_a_foreign_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    before = foreign_sqlite(path)
    with pytest.raises(StateFileError):
        metrics_store.record_points(str(path), "u", [("Errors", 1, 1)])
    assert path.read_bytes() == before


def test_the_store_keeps_the_mappings_schema_version(tmp_path: Path, esm: Esm) -> None:
    uuid = create(esm)
    path = str(tmp_path / "state.db")
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    metrics_store.record_points(path, uuid, [("Errors", 1, 1)])
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == version
    assert esm.ok("get-event-source-mapping", "--uuid", uuid)["UUID"] == uuid


# -- the command on the local backend ----------------------------------------------------------


def test_local_metrics_are_what_esm_run_recorded(tmp_path: Path, esm: Esm) -> None:
    uuid = create(esm)
    start = aligned_start()
    points = []
    for i in range(12):
        t = start + i * PERIOD
        points += [
            ("Invocations", t, 2),
            ("Invocations", t + 30, 3),
            ("Errors", t, float(i == 5)),
            ("Duration", t, 100 + i),
            ("Duration", t + 1, 200 + i),
            ("PolledEventCount", t, 20),
        ]
    metrics_store.record_points(str(tmp_path / "state.db"), uuid, points)
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start))
    until = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + 12 * PERIOD))

    document = esm.ok(
        "metrics", "--uuid", uuid, "--since", since, "--until", until, "--period", "5m", "--output", "json"
    )

    by_label = {s["Label"]: s for s in document["Metrics"]}
    assert by_label["Invocations"]["Values"] == [5.0] * 12  # Sum
    assert by_label["Duration"]["Values"] == [150.0 + i for i in range(12)]  # Average
    assert by_label["Duration"]["Statistic"] == "Average" and by_label["Duration"]["Unit"] == "Milliseconds"
    assert by_label["Errors"]["Values"][5] == 1.0
    assert by_label["Invocations"]["Timestamps"][0] == since.replace("Z", "+00:00")
    # esm run records the mapping's own counts whatever MetricsConfig says; they are shown …
    assert by_label["PolledEventCount"]["Values"] == [20.0] * 12
    # … and the hint still says how to get them on AWS.
    assert any("--metrics-config Metrics=EventCount" in hint for hint in document["Hints"])
    assert [s["Id"] for s in document["Metrics"]] == [f"m{i}" for i in range(len(document["Metrics"]))]

    text = esm("metrics", "--uuid", uuid, "--since", since, "--until", until, "--period", "5m")
    assert text.rc == 0 and text.stderr == ""
    assert "! Errors: the function failed on some batches" in text.stdout
    invocations = next(line for line in text.stdout.splitlines() if line.startswith("Invocations"))
    assert invocations.split()[:7] == ["Invocations", "Sum", "Count", "5", "5", "5", "5"]
    assert "▄" * 12 in invocations  # a flat, non-zero series: one mid-height bar per period

    yaml = esm("metrics", "--uuid", uuid, "--since", since, "--until", until, "--output", "yaml")
    assert yaml.rc == 0 and "  Label: Invocations\n" in yaml.stdout and yaml.stdout.startswith("Hints:")


def test_no_local_data_says_so_and_names_esm_run(esm: Esm) -> None:
    uuid = create(esm, "--starting-position", "LATEST", arn=KINESIS_ARN)
    result = esm("metrics", "--uuid", uuid)
    assert result.rc == 0
    assert f"No metrics recorded yet for mapping {uuid}" in result.stdout
    assert f"esm run --uuid {uuid}" in result.stdout
    document = esm.ok("metrics", "--uuid", uuid, "--output", "json")
    labels = [s["Label"] for s in document["Metrics"]]
    assert "IteratorAge" in labels and "ApproximateAgeOfOldestMessage" not in labels


def test_unknown_uuid_on_the_local_backend(esm: Esm) -> None:
    create(esm)
    result = esm("metrics", "--uuid", "00000000-0000-4000-8000-000000000000")
    assert result.rc == 254 and result.stdout == ""
    assert "ResourceNotFoundException" in result.stderr


def test_errors_read_zero_where_esm_run_recorded_invocations_only(tmp_path: Path, esm: Esm) -> None:
    uuid = create(esm)
    start = aligned_start()
    metrics_store.record_points(
        str(tmp_path / "state.db"),
        uuid,
        [("Invocations", start, 4), ("Invocations", start + PERIOD, 2), ("Errors", start + PERIOD, 1)],
    )
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start))
    document = esm.ok("metrics", "--uuid", uuid, "--since", since, "--period", "5m", "--output", "json")
    errors = next(s for s in document["Metrics"] if s["Label"] == "Errors")
    assert errors["Values"] == [0.0, 1.0]
    throttles = next(s for s in document["Metrics"] if s["Label"] == "Throttles")
    assert throttles["Values"] == []

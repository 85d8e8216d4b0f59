"""``esm metrics`` of a run with no stored mapping: the id ``esm run`` prints for a mapping its
create flags describe shows what that run recorded; an id nobody recorded stays not found (254).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import KINESIS_ARN, SQS_ARN, Esm, clean_env
from support import motoserver
from support.statefill import foreign_sqlite

from esm_cli.backends.local import metrics_store, recorded_runs
from esm_cli.backends.local.store import StateFileError

HANDLERS = "support.run_handlers"
NOBODY = "00000000-0000-4000-8000-000000000000"


def _sqs_file(tmp_path: Path, count: int) -> str:
    path = tmp_path / "records.ndjson"
    path.write_text("".join(json.dumps({"body": json.dumps({"n": i})}) + "\n" for i in range(count)))
    return str(path)


def _kinesis_file(tmp_path: Path, count: int) -> str:
    import base64

    path = tmp_path / "k.ndjson"
    path.write_text("".join(
        json.dumps({"kinesis": {"partitionKey": "k", "data": base64.b64encode(b'{"n": 1}').decode()}}) + "\n"
        for _ in range(count)))
    return str(path)


def _summary(stdout: str) -> dict[str, Any]:
    return json.loads("\n".join(line for line in stdout.splitlines() if not line.startswith('{"Batch"')))


def _totals(document: dict[str, Any]) -> dict[str, float]:
    """Each series' values summed over the window (a run may straddle a period boundary)."""
    return {s["Label"]: sum(s["Values"]) for s in document["Metrics"] if s["Values"]}


def _flag_run(esm: Esm, tmp_path: Path, *extra: str) -> dict[str, Any]:
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _sqs_file(tmp_path, 7),
                 "--event-source-arn", SQS_ARN, "--function-name", "fn-replay", "--batch-size", "2", *extra,
                 "--output", "json")
    assert result.rc == 0, result.stderr
    summary = _summary(result.stdout)
    assert summary["StoredMapping"] is False
    return summary


def test_metrics_of_a_flag_described_run_are_what_it_counted(esm: Esm, tmp_path: Path) -> None:
    summary = _flag_run(esm, tmp_path)
    uuid = summary["EventSourceMappingUUID"]
    assert summary["Metrics"]["Invocations"] == 4 and summary["Metrics"]["PolledEventCount"] == 7

    document = esm.ok("metrics", "--uuid", uuid, "--output", "json")

    totals = _totals(document)
    assert totals["Invocations"] == 4  # 7 records in batches of 2
    assert totals["PolledEventCount"] == totals["InvokedEventCount"] == totals["DeletedEventCount"] == 7
    assert totals["Errors"] == 0
    labels = [s["Label"] for s in document["Metrics"]]
    # Picked for an SQS source, as for a stored SQS mapping: the queue's metrics, no stream ones.
    assert "ApproximateAgeOfOldestMessage" in labels and "IteratorAge" not in labels
    assert [s["Id"] for s in document["Metrics"]] == [f"m{i}" for i in range(len(labels))]
    assert document["Hints"] == [
        (f"No mapping is stored under {uuid}: these are the counters `esm run` recorded for the mapping its "
         "create flags described.")
    ]

    text = esm("metrics", "--uuid", uuid)
    assert text.rc == 0 and text.stderr == ""
    assert text.stdout.startswith(f"Mapping {uuid} · q1 → fn-replay\n")


def test_a_second_run_adds_to_the_same_id(esm: Esm, tmp_path: Path) -> None:
    first = _flag_run(esm, tmp_path)
    second = _flag_run(esm, tmp_path)
    assert first["EventSourceMappingUUID"] == second["EventSourceMappingUUID"]
    document = esm.ok("metrics", "--uuid", first["EventSourceMappingUUID"], "--output", "json")
    assert _totals(document)["Invocations"] == 8


def test_a_stream_run_is_shown_with_stream_metrics(esm: Esm, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _kinesis_file(tmp_path, 5),
                 "--event-source-arn", KINESIS_ARN, "--starting-position", "TRIM_HORIZON", "--output", "json")
    assert result.rc == 0, result.stderr
    uuid = _summary(result.stdout)["EventSourceMappingUUID"]
    document = esm.ok("metrics", "--uuid", uuid, "--output", "json")
    labels = [s["Label"] for s in document["Metrics"]]
    assert "IteratorAge" in labels and "DeletedEventCount" not in labels
    assert "ApproximateAgeOfOldestMessage" not in labels
    assert _totals(document)["InvokedEventCount"] == 5


def test_the_run_report_names_the_metrics_command(esm: Esm, tmp_path: Path) -> None:
    """The real entry point in child processes: the report's line, then that very command."""
    import shlex

    tests_dir = str(Path(__file__).resolve().parent)
    result = esm.subprocess("run", "--handler", f"{HANDLERS}:ok", "--records-file", _sqs_file(tmp_path, 3),
                            "--event-source-arn", SQS_ARN, PYTHONPATH=tests_dir)
    assert result.rc == 0, result.stderr
    mapping = next(line for line in result.stdout.splitlines() if line.startswith("  mapping "))
    uuid = mapping.split()[1]
    assert f"\n  metrics   esm metrics --uuid {uuid}\n" in result.stdout
    words = shlex.split(f"esm metrics --uuid {uuid}")[1:]
    shown = esm.subprocess(*words, "--output", "json")
    assert shown.rc == 0, shown.stderr
    assert _totals(json.loads(shown.stdout))["Invocations"] == 1


def test_the_command_names_the_state_file_typed_on_the_line(esm: Esm, tmp_path: Path) -> None:
    state = tmp_path / "other place" / "s.db"
    result = esm("--state-file", str(state), "run", "--handler", f"{HANDLERS}:ok",
                 "--records-file", _sqs_file(tmp_path, 1), "--event-source-arn", SQS_ARN)
    assert result.rc == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("  metrics "))
    assert line.endswith(f"--state-file '{state}'")
    import shlex

    words = shlex.split(line.split(None, 1)[1])[1:]  # without the program name
    assert esm(*words).rc == 0
    assert not (tmp_path / "state.db").exists()  # the default state file was not used


def test_no_metrics_line_when_nothing_was_recorded(esm: Esm, tmp_path: Path) -> None:
    """A state file esm must not write (here a foreign SQLite file) is left as it was; the run goes on."""
    foreign = tmp_path / "foreign.db"
    before = foreign_sqlite(foreign)
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _sqs_file(tmp_path, 2),
                 "--event-source-arn", SQS_ARN, ESM_STATE_FILE=str(foreign))
    assert result.rc == 0
    assert "counters not recorded" in result.stderr
    assert "  metrics " not in result.stdout
    assert foreign.read_bytes() == before


def test_unknown_id_is_still_not_found(esm: Esm, tmp_path: Path) -> None:
    expected = esm("get-event-source-mapping", "--uuid", NOBODY)  # no state file at all
    assert expected.rc == 254 and "ResourceNotFoundException" in expected.stderr
    first = esm("metrics", "--uuid", NOBODY)
    assert (first.rc, first.stdout, first.stderr) == (254, "", expected.stderr)
    _flag_run(esm, tmp_path)  # now the state file has recorded runs and points, none under NOBODY
    again = esm("metrics", "--uuid", NOBODY)
    assert (again.rc, again.stdout, again.stderr) == (254, "", expected.stderr)


def test_a_stored_mapping_still_wins(esm: Esm, tmp_path: Path) -> None:
    created = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)
    result = esm("run", "--uuid", created["UUID"], "--handler", f"{HANDLERS}:ok",
                 "--records-file", _sqs_file(tmp_path, 3), "--output", "json")
    assert result.rc == 0, result.stderr
    document = esm.ok("metrics", "--uuid", created["UUID"], "--output", "json")
    assert _totals(document)["Invocations"] == 1
    assert not any("No mapping is stored" in hint for hint in document["Hints"])
    assert any("--metrics-config" in hint for hint in document["Hints"])  # the stored mapping's own hint

    esm.ok("delete-event-source-mapping", "--uuid", created["UUID"])
    after = esm.ok("metrics", "--uuid", created["UUID"], "--output", "json")  # the run's points remain
    assert _totals(after)["Invocations"] == 1
    assert "a mapping not stored in this state file" in after["Hints"][0]


def test_points_from_before_runs_were_recorded(esm: Esm, tmp_path: Path) -> None:
    """A state file where an older esm ran: points under an id, no row saying which mapping."""
    import time

    path = str(tmp_path / "state.db")
    now = time.time() - 60
    metrics_store.record_points(path, "legacy-id", [("Invocations", now, 3), ("PolledEventCount", now, 9),
                                                    ("Duration", now, 12.5)])
    document = esm.ok("metrics", "--uuid", "legacy-id", "--output", "json")
    # Errors reads 0 where invocations were recorded, as for any local mapping (esm_cli/metrics/local.py).
    assert _totals(document) == {"Invocations": 3, "Errors": 0, "PolledEventCount": 9, "Duration": 12.5}
    assert all(s["Values"] for s in document["Metrics"])  # only what was recorded: the source is unknown
    assert "did not record" in document["Hints"][0]
    text = esm("metrics", "--uuid", "legacy-id")
    assert text.rc == 0 and text.stdout.startswith("Mapping legacy-id · ? → ?\n")


def test_outside_the_window_says_so(esm: Esm, tmp_path: Path) -> None:
    uuid = _flag_run(esm, tmp_path)["EventSourceMappingUUID"]
    document = esm.ok("metrics", "--uuid", uuid, "--since", "2d", "--until", "1d", "--output", "json")
    assert not any(s["Values"] for s in document["Metrics"])
    assert document["Hints"][-1] == f"No metrics recorded for {uuid} in this window; try a longer --since."


# -- the table -----------------------------------------------------------------------------------


def test_the_table_keeps_the_schema_version_and_the_mappings(esm: Esm, tmp_path: Path) -> None:
    created = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)
    path = str(tmp_path / "state.db")
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    run = recorded_runs.RecordedRun("u1", "arn:aws:lambda:us-east-1:1:function:f", SQS_ARN, "sqs", stored=False)
    recorded_runs.record_run(path, run)
    recorded_runs.record_run(path, run)  # the latest run's row replaces the earlier one
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == version
    assert sqlite3.connect(path).execute("SELECT count(*) FROM recorded_runs").fetchone()[0] == 1
    assert recorded_runs.find(path, "u1") == run
    assert recorded_runs.find(path, "u2") is None
    assert esm.ok("get-event-source-mapping", "--uuid", created["UUID"])["UUID"] == created["UUID"]


def test_find_without_a_file_or_tables(esm: Esm, tmp_path: Path) -> None:
    assert recorded_runs.find(str(tmp_path / "none.db"), "u") is None
    assert not (tmp_path / "none.db").exists()
    esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)
    assert recorded_runs.find(str(tmp_path / "state.db"), "u") is None  # mappings only, no metric tables


def test_a_foreign_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    before = foreign_sqlite(path)
    with pytest.raises(StateFileError):
        recorded_runs.record_run(str(path), recorded_runs.RecordedRun("u", "f", "s", "sqs", stored=False))
    with pytest.raises(StateFileError):
        recorded_runs.find(str(path), "u")
    assert path.read_bytes() == before


# -- the aws backend -----------------------------------------------------------------------------

server = motoserver.server_fixture("moto-recorded-runs")


def test_on_the_aws_backend_metrics_still_asks_aws(server: motoserver.MotoServer, tmp_path: Path) -> None:
    """A run on the aws backend records locally too; its line asks for the local backend, and the
    aws backend's own answer for the made-up id is unchanged (the service's not-found)."""
    server.reset()
    esm_aws = Esm(clean_env(tmp_path, **motoserver.aws_variables(server.url)))
    result = esm_aws("run", "--handler", f"{HANDLERS}:ok", "--records-file", _sqs_file(tmp_path, 3),
                     "--event-source-arn", SQS_ARN)
    assert result.rc == 0, result.stderr
    uuid = next(line for line in result.stdout.splitlines() if line.startswith("  mapping ")).split()[1]
    assert f"\n  metrics   esm metrics --uuid {uuid} --backend local\n" in result.stdout

    on_aws = esm_aws("metrics", "--uuid", uuid)
    assert on_aws.rc == 254 and "ResourceNotFoundException" in on_aws.stderr
    local = esm_aws.ok("metrics", "--uuid", uuid, "--backend", "local", "--output", "json")
    assert _totals(local)["PolledEventCount"] == 3

"""esm run at its edges: bad input refused before polling (252), stored mappings, stopping,
Ctrl-C, output streams and the counters recorded in the state file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from support import run_handlers

SQS = "arn:aws:sqs:us-east-1:123456789012:q1"
KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/s1"
HANDLERS = "support.run_handlers"


def _file(tmp_path: Path, count: int = 3, *, bad: bool = False) -> str:
    path = tmp_path / "records.ndjson"
    path.write_text("".join(json.dumps({"body": json.dumps({"n": i, "bad": bad})}) + "\n" for i in range(count)))
    return str(path)


def _summary(stdout: str) -> dict[str, Any]:
    rest = [line for line in stdout.splitlines() if not line.startswith('{"Batch"')]
    return json.loads("\n".join(rest))


def test_handler_that_cannot_be_imported(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", "no_such_module_xyz:handler", "--records-file", _file(tmp_path), "--event-source-arn", SQS)
    assert result.rc == 252 and result.stdout == ""
    assert "cannot import 'no_such_module_xyz'" in result.stderr


def test_handler_function_missing(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:nope", "--records-file", _file(tmp_path), "--event-source-arn", SQS)
    assert result.rc == 252 and "has no function 'nope'" in result.stderr


def test_command_not_found(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--exec", "no-such-command-xyz --flag", "--records-file", _file(tmp_path), "--event-source-arn", SQS)
    assert result.rc == 252 and "command not found: no-such-command-xyz" in result.stderr


def test_records_file_that_does_not_parse(esm: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json\n")
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", str(path), "--event-source-arn", SQS)
    assert result.rc == 252 and "--records-file" in result.stderr and result.stdout == ""


def test_one_function_and_one_source_needed(esm: Any, tmp_path: Path) -> None:
    assert esm("run", "--records-file", _file(tmp_path), "--event-source-arn", SQS).rc == 252
    both = esm("run", "--handler", f"{HANDLERS}:ok", "--exec", "true", "--records-file", _file(tmp_path), "--event-source-arn", SQS)
    assert both.rc == 252
    nosource = esm("run", "--handler", f"{HANDLERS}:ok", "--event-source-arn", SQS)
    assert nosource.rc == 252 and "--records-file" in nosource.stderr


def test_unreachable_source(esm: Any) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--source-endpoint-url", "http://127.0.0.1:9",
                 "--event-source-arn", SQS, "--until-empty", AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x")
    assert result.rc == 252 and "not reachable" in result.stderr


def test_invalid_mapping_refused_by_the_create_rules(esm: Any, tmp_path: Path) -> None:
    # BatchSize above 10 needs a batching window on SQS: create would refuse it, so run does.
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _file(tmp_path), "--event-source-arn", SQS,
                 "--batch-size", "50")
    assert result.rc == 254 and "InvalidParameterValueException" in result.stderr and "batching-window" in result.stderr


def test_stored_mapping(esm: Any, tmp_path: Path) -> None:
    mapping = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS, "--batch-size", "2")
    result = esm("run", "--uuid", mapping["UUID"], "--handler", f"{HANDLERS}:ok", "--records-file", _file(tmp_path, 5),
                 "--output", "json")
    assert result.rc == 0, result.stderr
    summary = _summary(result.stdout)
    assert summary["EventSourceMappingUUID"] == mapping["UUID"] and summary["StoredMapping"] is True
    assert summary["Batches"] == 3  # BatchSize 2 from the stored mapping
    assert summary["FunctionArn"].endswith(":function:fn1")


def test_unknown_uuid(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--uuid", "00000000-0000-0000-0000-000000000000", "--handler", f"{HANDLERS}:ok",
                 "--records-file", _file(tmp_path))
    assert result.rc == 254 and "ResourceNotFoundException" in result.stderr


def test_counters_recorded_in_the_state_file(esm: Any, tmp_path: Path) -> None:
    from esm_cli.backends.local.metrics_store import read_series

    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _file(tmp_path, 7), "--event-source-arn", SQS,
                 "--output", "json")
    summary = _summary(result.stdout)
    series = read_series(str(tmp_path / "state.db"), summary["EventSourceMappingUUID"],
                         ["PolledEventCount", "DeletedEventCount", "Invocations", "Duration"], 0, 4e9, 4_000_000_000, "Sum")
    assert series["PolledEventCount"][1] == [7.0]
    assert series["DeletedEventCount"][1] == [7.0]
    assert series["Invocations"][1] == [1.0]
    assert len(series["Duration"][0]) == 1


def test_ctrl_c_gives_the_batch_back(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:interrupt", "--records-file", _file(tmp_path), "--event-source-arn", SQS,
                 "--output", "json")
    assert result.rc == 130
    summary = _summary(result.stdout)
    assert summary["StoppedBy"] == "interrupted"
    assert summary["Metrics"]["DeletedEventCount"] == 0 and summary["Metrics"]["Invocations"] == 0


def test_duration_stops_a_run_that_would_go_on(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:always_fail", "--records-file", _file(tmp_path, 1),
                 "--event-source-arn", SQS, "--duration", "0.3", "--output", "json")
    assert result.rc == 0
    assert _summary(result.stdout)["StoppedBy"] == "duration"
    assert "no redrive policy" in result.stderr


def test_plain_lines_and_report(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _file(tmp_path, 3), "--event-source-arn", SQS)
    assert result.rc == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("batch 1  queue  3 records  ok  deleted 3, returned 0")
    assert "PolledEventCount" in result.stdout and "stopped (replay-consumed)" in result.stdout
    uuid = next(line for line in result.stdout.splitlines() if line.startswith("  mapping ")).split()[1]
    assert f"\n  metrics   esm metrics --uuid {uuid}\n" in result.stdout  # where the counters went


def test_handler_output_goes_to_stderr(esm: Any, tmp_path: Path) -> None:
    tests_dir = str(Path(__file__).resolve().parent)
    result = esm.subprocess("run", "--handler", f"{HANDLERS}:chatty", "--records-file", _file(tmp_path, 2),
                            "--event-source-arn", SQS, "--output", "json", PYTHONPATH=tests_dir)
    assert result.rc == 0, result.stderr
    assert "a log line from the handler" in result.stderr
    assert "a log line" not in result.stdout
    json.loads(result.stdout.splitlines()[0])  # stdout holds only the batch lines and the summary


def test_stream_replay_two_shards_until_empty(esm: Any, tmp_path: Path) -> None:
    import base64

    path = tmp_path / "k.ndjson"
    lines = []
    for i in range(6):
        shard = f"shardId-00000000000{i % 2}"
        seq = str(100 + i)
        lines.append(json.dumps({"kinesis": {"sequenceNumber": seq, "partitionKey": "k",
                                             "data": base64.b64encode(b'{"n": 1}').decode()}, "eventID": f"{shard}:{seq}"}))
    path.write_text("\n".join(lines) + "\n")
    run_handlers.CALLS.clear()
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", str(path), "--event-source-arn", KINESIS,
                 "--starting-position", "TRIM_HORIZON", "--until-empty", "--output", "json")
    assert result.rc == 0, result.stderr
    summary = _summary(result.stdout)
    assert summary["StoppedBy"] == "until-empty" and summary["Batches"] == 2
    assert summary["Metrics"]["InvokedEventCount"] == 6


def test_ctrl_c_in_a_real_process(esm: Any, tmp_path: Path) -> None:
    """SIGINT mid-run: exit 130, the summary printed, every deleted message invoked exactly once."""
    import signal
    import subprocess
    import sys

    tests_dir = str(Path(__file__).resolve().parent)
    process = subprocess.Popen(
        [sys.executable, "-m", "esm_cli", "run", "--handler", f"{HANDLERS}:sleepy", "--records-file", _file(tmp_path, 200),
         "--event-source-arn", SQS, "--batch-size", "5", "--output", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**esm.env, "PYTHONPATH": tests_dir},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith('{"Batch": 1')
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    lines = [first] + [line for line in rest.splitlines() if line.startswith('{"Batch"')]
    summary = _summary(rest)
    assert summary["StoppedBy"] == "interrupted"
    assert summary["Batches"] == len(lines) < 40
    assert summary["Metrics"]["DeletedEventCount"] == summary["Metrics"]["InvokedEventCount"] == 5 * len(lines)


def test_disabled_mapping_is_run_with_a_note(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _file(tmp_path, 1), "--event-source-arn", SQS,
                 "--no-enabled", "--output", "json")
    assert result.rc == 0 and "the mapping is disabled" in result.stderr


def test_sources_esm_run_cannot_poll(esm: Any, tmp_path: Path) -> None:
    result = esm("run", "--handler", f"{HANDLERS}:ok", "--records-file", _file(tmp_path), "--event-source-arn",
                 "arn:aws:mq:us-east-1:123456789012:broker:b:b-1234", "--queues", "q", "--source-access-configurations",
                 "Type=BASIC_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s")
    assert result.rc == 252 and "esm run polls SQS queues, Kinesis data streams and DynamoDB streams" in result.stderr


def test_exec_lanes_run_together_and_keep_key_order(esm: Any, tmp_path: Path) -> None:
    """ParallelizationFactor with a command: the lanes' batches run at once, each key in order."""
    import base64
    import sys

    path = tmp_path / "k.ndjson"
    path.write_text("".join(
        json.dumps({"kinesis": {"partitionKey": key, "data": base64.b64encode(json.dumps({"n": i}).encode()).decode()}}) + "\n"
        for i, key in enumerate(["a", "d"] * 6)))
    log = tmp_path / "events.log"
    script = f"import sys, json; e = json.load(sys.stdin); open({str(log)!r}, 'a').write(json.dumps(e) + '\\n')"
    result = esm("run", "--exec", f"{sys.executable} -c \"{script}\"", "--records-file", str(path),
                 "--event-source-arn", KINESIS, "--starting-position", "TRIM_HORIZON", "--parallelization-factor", "2",
                 "--batch-size", "2", "--output", "json")
    assert result.rc == 0, result.stderr
    order: dict[str, list[int]] = {}
    for line in log.read_text().splitlines():
        for record in json.loads(line)["Records"]:
            data = json.loads(base64.b64decode(record["kinesis"]["data"]))
            order.setdefault(record["kinesis"]["partitionKey"], []).append(data["n"])
    assert order == {"a": [0, 2, 4, 6, 8, 10], "d": [1, 3, 5, 7, 9, 11]}
    assert _summary(result.stdout)["Batches"] == 6

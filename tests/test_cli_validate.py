"""`esm validate`: every rule offline, from flags, input files or a mappings file; exit 0, 1 or 252."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIFO_ARN, KINESIS_ARN, SQS_ARN, Esm


def test_a_clean_mapping_exits_0_and_touches_no_state(esm: Esm, tmp_path: Path) -> None:
    result = esm("validate", "--function-name", "f", "--event-source-arn", SQS_ARN, "--batch-size", "5")
    assert (result.rc, result.stdout, result.stderr) == (0, "mapping: ok\n", "")
    assert not (tmp_path / "state.db").exists()


def test_every_violation_is_reported_at_once_with_what_to_do(esm: Esm) -> None:
    result = esm(
        "validate", "--function-name", "f", "--event-source-arn", SQS_ARN,
        "--batch-size", "100", "--starting-position", "LATEST", "--parallelization-factor", "3",
    )
    assert result.rc == 1
    assert result.stdout.startswith("mapping: 3 violations\n")
    for rule in ("R-BS-4", "R-SP-4", "R-APP-2"):
        assert rule in result.stdout
    assert "what to do:" in result.stdout


def test_json_output_for_ci(esm: Esm) -> None:
    result = esm("validate", "--function-name", "f", "--event-source-arn", FIFO_ARN, "--batch-size", "20", "--output", "json")
    assert result.rc == 1
    (report,) = result.json()
    assert report["Valid"] is False
    assert {v["RuleId"] for v in report["Violations"]} >= {"R-BS-3"}
    assert all(set(v) >= {"RuleId", "Code", "Parameter", "Message", "Hint"} for v in report["Violations"])


def test_a_file_of_mappings_in_yaml_or_json(esm: Esm, tmp_path: Path) -> None:
    yaml_file = tmp_path / "mappings.yaml"
    yaml_file.write_text(
        f"- FunctionName: a\n  EventSourceArn: {SQS_ARN}\n"
        f"- FunctionName: b\n  EventSourceArn: {KINESIS_ARN}\n"
        f"- FunctionName: c\n  EventSourceArn: {SQS_ARN}\n  BatchSize: 0\n"
    )
    result = esm("validate", "--file", str(yaml_file), "--output", "json")
    assert result.rc == 1
    reports = result.json()
    assert [r["Valid"] for r in reports] == [True, False, False]
    assert reports[1]["Violations"][0]["RuleId"] == "R-SP-2"
    assert "Invalid value for parameter BatchSize, value: 0, valid min value: 1" in reports[2]["Violations"][0]["Message"]
    json_file = tmp_path / "one.json"
    json_file.write_text(json.dumps({"FunctionName": "a", "EventSourceArn": SQS_ARN}))
    assert esm("validate", "--file", f"file://{json_file}").rc == 0


def test_bad_command_lines_are_252(esm: Esm, tmp_path: Path) -> None:
    assert esm("validate", "--file", str(tmp_path / "missing.yaml")).rc == 252
    (tmp_path / "bad.yaml").write_text("[: nope")
    assert esm("validate", "--file", str(tmp_path / "bad.yaml")).rc == 252
    assert esm("validate", "--function-name", "f", "--batch-size", "abc").rc == 252
    assert esm("validate", "--file", str(tmp_path / "bad.yaml"), "--batch-size", "3").rc == 252
    assert esm("validate", "--bogus").rc == 252


def test_create_refuses_what_validate_reports_with_the_same_first_error(esm: Esm) -> None:
    argv = ["--function-name", "f", "--event-source-arn", SQS_ARN, "--batch-size", "100", "--starting-position", "LATEST"]
    report = esm("validate", *argv, "--output", "json").json()[0]["Violations"]
    created = esm("create-event-source-mapping", *argv)
    assert created.rc == 254 and created.stdout == ""
    lines = [line for line in created.stderr.splitlines() if line.startswith("esm: [ERROR]: ")]
    assert len(lines) == len(report)
    assert {v["Message"] for v in report} == {line.split("operation: ", 1)[1] for line in lines}


def test_create_and_update_name_the_offending_filter_operator_after_aws_text(esm: Esm) -> None:
    criteria = json.dumps({"Filters": [{"Pattern": '{"body": {"a": [{"wildcard": "x*"}]}}'}]})
    created = esm("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN, "--filter-criteria", criteria)
    assert created.rc == 254
    lines = created.stderr.splitlines()
    assert lines[1].endswith("CreateEventSourceMapping operation: Invalid filter pattern definition.")
    assert lines[-1].startswith("esm: hint: R-FLT-2: ") and '"wildcard"' in lines[-1] and '"body.a"' in lines[-1]
    uuid = esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)["UUID"]
    updated = esm("update-event-source-mapping", "--uuid", uuid, "--filter-criteria", criteria)
    assert updated.rc == 254 and '"wildcard"' in updated.stderr.splitlines()[-1]
    as_json = esm("update-event-source-mapping", "--uuid", uuid, "--filter-criteria", criteria, "--cli-error-format", "json")
    assert json.loads(as_json.stderr)["Message"] == "Invalid filter pattern definition."  # structured: AWS's document only


def test_every_output_format_and_query_work_for_validate(esm) -> None:  # type: ignore[no-untyped-def]
    """validate returns data through the output layer: every --output format, and --query alone."""
    line = ["validate", "--function-name", "f", "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:q", "--batch-size", "50"]
    for fmt in ("json", "yaml", "yaml-stream", "text", "table"):
        done = esm(*line, "--output", fmt)
        assert done.rc == 1 and "R-BS-4" in done.stdout, (fmt, done.stderr)
    queried = esm(*line, "--query", "[0].Violations[0].RuleId")
    assert (queried.rc, queried.stdout) == (1, '"R-BS-4"\n')
    assert esm(*line, "--output", "off").stdout == ""

"""`esm test-filter` through the command line: criteria from every place, records in every form."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from conftest import KINESIS_ARN, SQS_ARN, Esm

PATTERN = '{"body": {"status": ["paid"]}}'


def test_patterns_and_message_bodies_report_kept_and_dropped(esm: Esm) -> None:
    result = esm(
        "test-filter", "--pattern", PATTERN, "--message-body", '{"status": "paid"}', "--message-body", '{"status": "new"}', "--output", "json"
    )
    assert result.rc == 0, result.stderr
    report = result.json()
    assert [r["Result"] for r in report["Records"]] == ["kept", "dropped"]
    assert report["Records"][1]["Reason"]["Path"] == "body.status"


def test_expect_turns_a_surprise_into_exit_1(esm: Esm) -> None:
    assert esm("test-filter", "--pattern", PATTERN, "--message-body", '{"status": "paid"}', "--expect", "keep").rc == 0
    failed = esm("test-filter", "--pattern", PATTERN, "--message-body", '{"status": "new"}', "--expect", "keep")
    assert failed.rc == 1 and "DROPPED" in failed.stdout


def test_filter_criteria_take_the_create_syntax(esm: Esm) -> None:
    criteria = json.dumps({"Filters": [{"Pattern": PATTERN}, {"Pattern": '{"body": {"status": ["refunded"]}}'}]})
    result = esm("test-filter", "--filter-criteria", criteria, "--message-body", '{"status": "refunded"}', "--output", "json")
    assert result.json()["Records"][0] == {"Index": 0, "Result": "kept", "Filter": 1}


def test_criteria_and_source_come_from_a_stored_mapping(esm: Esm) -> None:
    pattern = '{"data": {"kind": ["order"]}}'
    uuid = esm.ok(
        "create-event-source-mapping", "--function-name", "f", "--event-source-arn", KINESIS_ARN,
        "--starting-position", "LATEST", "--filter-criteria", json.dumps({"Filters": [{"Pattern": pattern}]}),
    )["UUID"]
    record = {"kinesis": {"data": base64.b64encode(b'{"kind": "order"}').decode(), "partitionKey": "p"}}
    result = esm("test-filter", "--uuid", uuid, "--record", json.dumps(record), "--expect", "keep", "--output", "json")
    assert result.rc == 0, result.stdout + result.stderr
    assert result.json()["Source"] == "kinesis"


def test_records_file_as_ndjson_and_as_an_event(esm: Esm, tmp_path: Path) -> None:
    lines = tmp_path / "records.ndjson"
    lines.write_text('{"body": "{\\"status\\": \\"paid\\"}"}\n{"body": "nope"}\n')
    result = esm("test-filter", "--pattern", PATTERN, "--records-file", str(lines), "--event-source-arn", SQS_ARN, "--output", "json")
    assert [r["Result"] for r in result.json()["Records"]] == ["kept", "dropped"]
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"Records": [{"body": '{"status": "paid"}'}]}))
    result = esm("test-filter", "--pattern", f"file://{tmp_path / 'p.json'}", "--records-file", f"file://{event}", "--source", "sqs")
    assert result.rc == 252 and "Unable to load paramfile" in result.stderr  # p.json does not exist
    (tmp_path / "p.json").write_text(PATTERN)
    result = esm("test-filter", "--pattern", f"file://{tmp_path / 'p.json'}", "--records-file", f"file://{event}", "--source", "sqs", "--output", "json")
    assert result.json()["Summary"]["Kept"] == 1


def test_bad_input_is_a_clear_252(esm: Esm) -> None:
    invalid = esm("test-filter", "--pattern", '{"body": {"status": "paid"}}', "--message-body", "x")
    assert invalid.rc == 252 and "Invalid filter pattern definition." in invalid.stderr
    assert "Traceback" not in invalid.stderr
    nothing = esm("test-filter", "--message-body", "x")
    assert nothing.rc == 252 and "--pattern, --filter-criteria or --uuid" in nothing.stderr
    no_records = esm("test-filter", "--pattern", PATTERN, "--source", "sqs")
    assert no_records.rc == 252 and "no records to test" in no_records.stderr

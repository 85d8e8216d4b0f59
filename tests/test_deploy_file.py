"""The mappings file plan and apply read: bad input is exit 252 naming file, entry and member."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import KINESIS_ARN, SQS_ARN, Esm

SQS2 = SQS_ARN.replace("q1", "q2")


def run_both(esm: Esm, path: Path) -> list[tuple[int, str, str]]:
    return [
        (r.rc, r.stdout, r.stderr)
        for r in (esm("plan", "--file", str(path)), esm("apply", "--file", str(path), "--yes"))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("just words", "must hold a mapping or a non-empty list"),
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", "not a mappings file: expected a top-level 'mappings:' list"),
        (f"version: 1\nmappings:\n- FunctionName: fn1\n  EventSourceArn: {SQS_ARN}\n", "one top-level key, 'mappings'; found also: version"),
        ("mappings: []\n", "must hold a mapping or a non-empty list"),
        ("mappings:\n- 42\n", "Mapping 1 in the mappings file is a int"),
        ("mappings: [\n", "neither valid JSON nor valid YAML"),
        (f"mappings:\n- EventSourceArn: {SQS_ARN}\n", "entry 1: member 'FunctionName' is missing"),
        ("mappings:\n- FunctionName: fn1\n", "entry 1 (fn1): member 'EventSourceArn' (or 'SelfManagedEventSource') is missing"),
        (
            f"mappings:\n- FunctionName: fn1\n  EventSourceArn: {SQS_ARN}\n- FunctionName: fn1\n  EventSourceArn: {SQS2}\n  BatchSzie: 5\n",
            "entry 2: unknown member 'BatchSzie'",
        ),
        (
            f"mappings:\n- FunctionName: fn1\n  EventSourceArn: {SQS_ARN}\n  BatchSize: five\n",
            "entry 1 (fn1 ← " + SQS_ARN + "): Invalid type for parameter BatchSize",
        ),
        (
            f"mappings:\n- FunctionName: fn1\n  EventSourceArn: {SQS_ARN}\n- FunctionName: fn1\n  EventSourceArn: {SQS_ARN}\n  BatchSize: 3\n",
            f"entry 2 (fn1 ← {SQS_ARN}) duplicates entry 1 (fn1 ← {SQS_ARN})",
        ),
    ],
)
def test_bad_input_is_252_and_changes_nothing(esm: Esm, tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    for rc, stdout, stderr in run_both(esm, path):
        assert rc == 252, stderr
        assert stdout == ""
        assert f"{path}: " in stderr and expected in stderr
        assert "Traceback" not in stderr
    assert esm.ok("list-event-source-mappings") == {"EventSourceMappings": []}


def test_a_missing_file_is_252(esm: Esm, tmp_path: Path) -> None:
    result = esm("plan", "--file", str(tmp_path / "absent.yaml"))
    assert result.rc == 252 and "cannot read" in result.stderr


def test_function_arn_and_name_name_the_same_function(esm: Esm, tmp_path: Path) -> None:
    esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)
    path = tmp_path / "m.json"
    arn = "arn:aws:lambda:us-east-1:123456789012:function:fn1"
    path.write_text(json.dumps({"mappings": [{"FunctionName": arn, "EventSourceArn": SQS_ARN}]}))
    assert esm.ok("plan", "--file", str(path), "--output", "json")["Changes"] == []


def test_a_qualified_function_is_another_function(esm: Esm, tmp_path: Path) -> None:
    esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)
    path = tmp_path / "m.json"
    path.write_text(json.dumps([{"FunctionName": "fn1:live", "EventSourceArn": SQS_ARN}]))
    changes = esm.ok("plan", "--file", str(path), "--output", "json", "--prune")["Changes"]
    assert [c["Action"] for c in changes] == ["create"]  # fn1's mapping is not fn1:live's to prune


def test_timestamps_round_trip(esm: Esm, tmp_path: Path) -> None:
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", KINESIS_ARN,
        "--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp", "2025-01-02T03:04:05Z",
    )
    exported = esm("export")
    assert "StartingPositionTimestamp: '2025-01-02T03:04:05Z'" in exported.stdout
    path = tmp_path / "e.yaml"
    path.write_text(exported.stdout)
    assert esm.ok("plan", "--file", str(path), "--output", "json")["Changes"] == []
    path.write_text(exported.stdout.replace("03:04:05", "03:04:06"))
    change = esm.ok("plan", "--file", str(path), "--output", "json")["Changes"][0]
    assert change["Action"] == "replace" and change["Members"][0]["Name"] == "StartingPositionTimestamp"


def test_filters_and_destinations_reset_when_removed(esm: Esm, tmp_path: Path) -> None:
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", KINESIS_ARN,
        "--starting-position", "LATEST", "--filter-criteria", '{"Filters": [{"Pattern": "{\\"a\\": [1]}"}]}',
        "--destination-config", '{"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}',
        "--maximum-retry-attempts", "3",
    )
    path = tmp_path / "m.yaml"
    path.write_text(f"mappings:\n- FunctionName: fn1\n  EventSourceArn: {KINESIS_ARN}\n  StartingPosition: LATEST\n")
    change = esm.ok("plan", "--file", str(path), "--output", "json")["Changes"][0]
    assert change["Action"] == "update"
    assert [m["Name"] for m in change["Members"]] == ["FilterCriteria", "DestinationConfig", "MaximumRetryAttempts"]
    assert esm("apply", "--file", str(path), "--yes").rc == 0
    mapping = esm.ok("list-event-source-mappings")["EventSourceMappings"][0]
    assert "FilterCriteria" not in mapping
    assert mapping["DestinationConfig"] == {"OnFailure": {}} and mapping["MaximumRetryAttempts"] == -1
    assert esm.ok("plan", "--file", str(path), "--output", "json")["Changes"] == []

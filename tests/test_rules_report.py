"""The pieces ``esm validate`` uses: the violations report and the mappings-file reader."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support.imports import packages_loaded

from esm_cli.errors import ParamValidationError
from esm_cli.rules import load_mappings_file, render_violation_records, validate, violation_records
from test_rules_cases import BASES, KINESIS_ARN, SQS_ARN, req

CREATE = "CreateEventSourceMapping"


def test_text_report_lists_rule_parameter_message_and_what_to_do() -> None:
    violations = validate(req("sqs", BatchSize=20, ParallelizationFactor=20000), CREATE)
    text = render_violation_records(violation_records(violations))
    assert text.splitlines()[:3] == [
        "M-ParallelizationFactor-max  ParallelizationFactor (parallelizationFactor)",
        "  ValidationException: Value '20000' at 'parallelizationFactor' failed to satisfy constraint: "
        "Member must have value less than or equal to 10",
        "  what to do: Use a ParallelizationFactor of at most 10.",
    ]
    assert "R-BS-4  BatchSize" in text
    assert "what to do: With --batch-size above 10 (here 20)" in text
    assert text.endswith("\n")


def test_json_report_for_ci() -> None:
    violations = validate(req("sqs", StartingPosition="LATEST"), CREATE)
    records = violation_records(violations)  # what --output json prints
    assert records == [
        {
            "RuleId": "R-SP-4",
            "Code": "InvalidParameterValueException",
            "Parameter": "StartingPosition",
            "Path": "",
            "Message": "StartingPosition is not valid for SQS event sources.",
            "Hint": "SQS queues have no starting position: remove --starting-position.",
        }
    ]


def test_empty_reports() -> None:
    assert render_violation_records(violation_records([])) == ""
    assert violation_records([]) == []


def test_load_json_list_and_single_mapping() -> None:
    text = json.dumps([BASES["sqs"], BASES["kinesis"]])
    assert load_mappings_file(text) == [BASES["sqs"], BASES["kinesis"]]
    assert load_mappings_file(json.dumps(BASES["ddb"])) == [BASES["ddb"]]


def test_load_yaml_with_timestamps() -> None:
    text = f"""
- FunctionName: fn
  EventSourceArn: {KINESIS_ARN}
  StartingPosition: AT_TIMESTAMP
  StartingPositionTimestamp: 2024-01-02T03:04:05Z
- FunctionName: fn2
  EventSourceArn: {SQS_ARN}
  BatchSize: 20
"""
    first, second = load_mappings_file(text)
    assert first["StartingPositionTimestamp"] == 1704164645
    assert second == {"FunctionName": "fn2", "EventSourceArn": SQS_ARN, "BatchSize": 20}
    assert [v.rule_id for v in validate(second, CREATE)] == ["R-BS-4"]


def test_load_a_list_response_as_requests() -> None:
    response = {
        "EventSourceMappings": [
            {
                "UUID": "a1b2c3d4-5678-90ab-cdef-0123456789ab",
                "BatchSize": 10,
                "MaximumBatchingWindowInSeconds": 0,
                "EventSourceArn": SQS_ARN,
                "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
                "LastModified": "2025-11-25T10:00:00+00:00",
                "State": "Enabled",
                "StateTransitionReason": "USER_INITIATED",
                "FunctionResponseTypes": [],
                "EventSourceMappingArn": "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:a1b2",
            }
        ]
    }
    [mapping] = load_mappings_file(json.dumps(response))
    assert mapping == {
        "BatchSize": 10,
        "MaximumBatchingWindowInSeconds": 0,
        "EventSourceArn": SQS_ARN,
        "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:fn",
        "FunctionResponseTypes": [],
    }
    assert validate(mapping, CREATE) == []


@pytest.mark.parametrize("text", ["", "   ", "[]", "42", "- 1\n- 2\n", "{a: [1, 2", "[1, {]"])
def test_bad_files_are_parameter_errors(text: str) -> None:
    with pytest.raises(ParamValidationError):
        load_mappings_file(text)


def test_unknown_members_are_kept_for_the_client_side_checks() -> None:
    assert load_mappings_file('{"FunctionName": "fn", "BatchSizee": 5}') == [{"FunctionName": "fn", "BatchSizee": 5}]


def test_importing_and_validating_loads_nothing_heavy() -> None:
    code = (
        "import esm_cli.rules as r\n"
        "r.validate({'FunctionName': 'f', 'EventSourceArn': 'arn:aws:sqs:us-east-1:123456789012:q', 'BatchSize': 20},"
        " 'CreateEventSourceMapping')\n"
    )
    assert packages_loaded(code, {"yaml", "rich", "boto3", "botocore", "click", "jmespath"}) == []


def test_importing_the_package_builds_nothing() -> None:
    code = "import sys, esm_cli.rules; print(sorted(m for m in sys.modules if m.startswith('esm_cli')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['esm_cli', 'esm_cli.rules']"

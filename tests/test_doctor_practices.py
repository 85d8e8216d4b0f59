"""Offline best-practice checks, Lambda's status texts, and the checklist renderer."""

from __future__ import annotations

from typing import Any

import pytest

from esm_cli.doctor.check_state import check_mapping_state
from esm_cli.doctor.practices import best_practice_findings, needs_account, queue_url
from esm_cli.doctor.problems import explain_reason, explain_result
from esm_cli.doctor.render import plain, rich_text

SQS = "arn:aws:sqs:us-east-1:123456789012:q1"
KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/s1"
DDB = "arn:aws:dynamodb:us-east-1:123456789012:table/t1/stream/2024-01-01T00:00:00.000"
MSK = "arn:aws:kafka:us-east-1:123456789012:cluster/c1/abcd-1"


def ids(mapping: dict[str, Any], facts: dict[str, Any] | None = None) -> dict[str, str]:
    return {f.check_id: f.severity for f in best_practice_findings(mapping, facts)}


def test_sqs_batch_over_one_without_partial_responses() -> None:
    assert ids({"EventSourceArn": SQS, "UUID": "u"})["D-SQS-BATCH-ITEM-FAILURES"] == "warning"  # default batch 10
    assert "D-SQS-BATCH-ITEM-FAILURES" not in ids({"EventSourceArn": SQS, "BatchSize": 1})
    assert "D-SQS-BATCH-ITEM-FAILURES" not in ids(
        {"EventSourceArn": SQS, "BatchSize": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]}
    )
    fix = best_practice_findings({"EventSourceArn": SQS, "UUID": "u-1"})[0].fix
    assert fix.startswith(
        "esm update-event-source-mapping --uuid u-1 --function-response-types ReportBatchItemFailures"
    )


@pytest.mark.parametrize(
    "visibility, timeout, window, expected",
    [
        (30, 60, 0, "error"),
        (60, 60, 0, "warning"),
        (359, 60, 0, "warning"),
        (360, 60, 0, None),
        (370, 60, 20, "warning"),
    ],
)
def test_visibility_timeout(visibility: int, timeout: int, window: int, expected: str | None) -> None:
    mapping = {"EventSourceArn": SQS, "BatchSize": 1, "MaximumBatchingWindowInSeconds": window}
    found = ids(mapping, {"queue_visibility_timeout": visibility, "function_timeout": timeout})
    assert found.get("D-SQS-VISIBILITY") == expected


def test_visibility_fix_sets_six_times_plus_window() -> None:
    mapping = {"EventSourceArn": SQS, "BatchSize": 1, "MaximumBatchingWindowInSeconds": 5}
    finding = best_practice_findings(mapping, {"queue_visibility_timeout": 30, "function_timeout": 60})[0]
    assert (
        finding.fix == f"aws sqs set-queue-attributes --queue-url {queue_url(SQS)} --attributes VisibilityTimeout=365"
    )
    assert queue_url(SQS) == "https://sqs.us-east-1.amazonaws.com/123456789012/q1"


def test_redrive_needs_the_fact_and_is_quiet_with_a_destination() -> None:
    assert "D-SQS-REDRIVE" not in ids({"EventSourceArn": SQS})
    assert ids({"EventSourceArn": SQS}, {"redrive_policy": False})["D-SQS-REDRIVE"] == "warning"
    assert "D-SQS-REDRIVE" not in ids({"EventSourceArn": SQS}, {"redrive_policy": True})
    with_destination = {"EventSourceArn": SQS, "DestinationConfig": {"OnFailure": {"Destination": SQS + "-dlq"}}}
    assert "D-SQS-REDRIVE" not in ids(with_destination, {"redrive_policy": False})


@pytest.mark.parametrize(
    "extra, poisoned",
    [
        ({}, True),
        ({"MaximumRetryAttempts": -1, "MaximumRecordAgeInSeconds": -1}, True),
        ({"MaximumRetryAttempts": 3}, False),
        ({"BisectBatchOnFunctionError": True}, False),
        ({"DestinationConfig": {"OnFailure": {"Destination": SQS}}}, False),
        ({"MaximumRecordAgeInSeconds": 3600}, False),
    ],
)
@pytest.mark.parametrize("source", [KINESIS, DDB])
def test_stream_poison_pill(source: str, extra: dict[str, Any], poisoned: bool) -> None:
    assert ("D-STREAM-POISON" in ids({"EventSourceArn": source, **extra})) is poisoned


def test_stream_concurrency_is_shards_times_factor() -> None:
    finding = next(
        f
        for f in best_practice_findings({"EventSourceArn": KINESIS, "ParallelizationFactor": 4}, {"shard_count": 3})
        if f.check_id == "D-STREAM-CONCURRENCY"
    )
    assert finding.severity == "info" and "12 concurrent" in finding.message


def test_maximum_concurrency_above_reserved() -> None:
    mapping = {"EventSourceArn": SQS, "BatchSize": 1, "ScalingConfig": {"MaximumConcurrency": 50}}
    assert ids(mapping, {"reserved_concurrency": 10})["D-SCALING-RESERVED"] == "warning"
    assert "D-SCALING-RESERVED" not in ids(mapping, {"reserved_concurrency": 100})
    assert "D-SCALING-RESERVED" not in ids(mapping)


def test_kafka_function_timeout_over_fourteen_minutes() -> None:
    assert ids({"EventSourceArn": MSK}, {"function_timeout": 900})["D-POLLED-TIMEOUT"] == "error"
    assert "D-POLLED-TIMEOUT" not in ids({"EventSourceArn": MSK}, {"function_timeout": 840})
    assert "D-POLLED-TIMEOUT" not in ids({"EventSourceArn": SQS, "BatchSize": 1}, {"function_timeout": 900})


def test_needs_account_names_what_offline_cannot_check() -> None:
    skipped = " ".join(needs_account({"EventSourceArn": SQS}))
    assert "D-SQS-VISIBILITY" in skipped and "D-ROLE-PERMISSIONS" in skipped
    assert "D-SQS-VISIBILITY" not in " ".join(needs_account({"EventSourceArn": KINESIS}))


def test_unknown_source_has_no_findings() -> None:
    assert best_practice_findings({}) == []
    assert best_practice_findings({"EventSourceArn": "arn:aws:s3:::bucket"}) == []


@pytest.mark.parametrize(
    "text, fragment",
    [
        (
            "PROBLEM: Function not found: arn:aws:lambda:us-east-1:1:function:f (Service: AWSLambda; Status Code: 404)",
            "deleted",
        ),
        (
            "PROBLEM: Connection error. Your VPC must be able to connect to Lambda and STS, as well as Secrets Manager "
            "if authentication is required. You can provide access by configuring PrivateLink or a NAT Gateway.",
            "NAT",
        ),
        ("PROBLEM: Connection error. Please check your event source connection configuration.", "security groups"),
        ("PROBLEM: Cluster failed to authorize Lambda.", "ACLs"),
        ("PROBLEM: SASL authentication failed.", "password"),
        ("PROBLEM: Server failed to authenticate Lambda.", "client certificate"),
        ("PROBLEM: Lambda failed to authenticate server.", "CA"),
        ("PROBLEM: Provided certificate or private key is invalid.", "cannot be read"),
    ],
)
def test_problem_texts_are_explained(text: str, fragment: str) -> None:
    problem = explain_result(text)
    assert problem is not None and fragment in problem.meaning
    finding = next(
        f
        for f in check_mapping_state({"UUID": "u", "State": "Enabled", "LastProcessingResult": text})
        if f.check_id == "D-LAST-RESULT"
    )
    assert finding.severity == "error" and finding.fix


@pytest.mark.parametrize(
    "code",
    ["ESM_CONFIG_NOT_VALID", "EVENT_SOURCE_AUTHN_ERROR", "EVENT_SOURCE_AUTHZ_ERROR", "FUNCTION_CONFIG_NOT_VALID"],
)
def test_mq_and_kafka_state_codes(code: str) -> None:
    assert explain_reason(code) is not None
    found = check_mapping_state({"UUID": "u", "State": "Disabled", "StateTransitionReason": code})
    assert found[0].severity == "error"


def test_state_checks() -> None:
    assert check_mapping_state({"State": "Enabled", "LastProcessingResult": "OK"})[0].severity == "ok"
    disabled = check_mapping_state({"UUID": "u", "State": "Disabled", "StateTransitionReason": "USER_INITIATED"})[0]
    assert disabled.severity == "warning" and disabled.fix == "esm update-event-source-mapping --uuid u --enabled"
    assert check_mapping_state({"State": "Creating"})[0].severity == "info"
    unknown = check_mapping_state({"UUID": "u", "State": "Enabled", "LastProcessingResult": "PROBLEM: something new"})
    assert unknown[-1].severity == "error" and "something new" in unknown[-1].message


DOCUMENT = {
    "Mode": "aws",
    "Mappings": [
        {
            "UUID": "u-1",
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
            "EventSourceArn": SQS,
            "State": "Enabled",
            "Passed": [{"Id": "D-FUNCTION", "Message": "the function exists"}],
            "Findings": [
                {
                    "Id": "D-ROLE-PERMISSIONS",
                    "Severity": "error",
                    "Message": "role r lacks sqs:ReceiveMessage",
                    "Why": "Lambda polls",
                    "DocUrl": "https://docs.aws.amazon.com/x",
                    "Fix": "aws iam put-role-policy …",
                },
                {
                    "Id": "D-SOURCE",
                    "Severity": "info",
                    "Message": "could not check: reading q1",
                    "Why": "",
                    "DocUrl": "",
                    "Fix": "",
                    "Checked": False,
                },
            ],
            "NeedsAws": [],
        }
    ],
    "Summary": {"Mappings": 1, "Errors": 1, "Warnings": 0, "Info": 0, "Unchecked": 1},
}


def test_plain_checklist_puts_the_fix_under_the_finding() -> None:
    text = plain(DOCUMENT)
    lines = text.splitlines()
    assert "  ✓ the function exists [D-FUNCTION]" in lines
    at = lines.index("  ✗ role r lacks sqs:ReceiveMessage [D-ROLE-PERMISSIONS]")
    assert lines[at + 1] == "      why: Lambda polls (https://docs.aws.amazon.com/x)"
    assert lines[at + 2] == "      fix: aws iam put-role-policy …"
    assert "  ? could not check: reading q1 [D-SOURCE]" in lines
    assert lines[-1] == "1 mapping(s): 1 error(s), 0 warning(s), 0 note(s), 1 not checked"
    assert "\x1b[" not in text


def test_rich_checklist_has_colour_and_marks() -> None:
    text = rich_text(DOCUMENT, width=200)
    assert "\x1b[" in text and "✗" in text and "✓" in text and "fix:" in text
    assert "\x1b[3" not in rich_text(DOCUMENT, width=200, colour=False)


def test_fixes_name_real_queues_in_the_source_account() -> None:
    poison = best_practice_findings({"EventSourceArn": DDB, "UUID": "u"})[0]
    assert poison.fix.startswith(
        "aws sqs create-queue --queue-name t1-failures && esm update-event-source-mapping --uuid u "
    )
    assert '"Destination":"arn:aws:sqs:us-east-1:123456789012:t1-failures"' in poison.fix
    fifo = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"
    redrive = best_practice_findings({"EventSourceArn": fifo, "BatchSize": 1}, {"redrive_policy": False})[0]
    assert redrive.fix.startswith("aws sqs create-queue --queue-name orders-dlq.fifo --attributes FifoQueue=true && ")
    timeout = best_practice_findings(
        {"EventSourceArn": MSK, "FunctionArn": "arn:aws:lambda:us-east-1:1:function:f"}, {"function_timeout": 900}
    )
    assert (
        timeout[0].fix
        == "aws lambda update-function-configuration --function-name arn:aws:lambda:us-east-1:1:function:f --timeout 840"
    )


def test_stream_concurrency_above_reserved_concurrency() -> None:
    mapping = {"EventSourceArn": KINESIS, "UUID": "u", "ParallelizationFactor": 5}
    finding = next(
        f
        for f in best_practice_findings(mapping, {"shard_count": 4, "reserved_concurrency": 10})
        if f.check_id == "D-STREAM-CONCURRENCY"
    )
    assert finding.severity == "warning" and "20 concurrent" in finding.message
    assert "--reserved-concurrent-executions 20" in finding.fix and "--parallelization-factor 2" in finding.fix

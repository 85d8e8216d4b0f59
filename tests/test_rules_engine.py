"""The engine: AWS's check order, one combined ValidationException, the merged view on update."""

from __future__ import annotations

import io

import pytest

from esm_cli.errors import ServiceError, write_error
from esm_cli.rules import Violation, as_service_error, validate
from esm_cli.rules.engine import merged_config
from test_rules_cases import BASES, DDB_ARN, FIFO_ARN, SQS_ARN, STORED, UUID, req, upd

CREATE = "CreateEventSourceMapping"
UPDATE = "UpdateEventSourceMapping"
ON_SUCCESS = {"OnSuccess": {"Destination": SQS_ARN}}


def ids(violations: list[Violation]) -> list[str]:
    return [v.rule_id for v in violations]


# --- check order (docs/aws-facts.md#check-order) ---------------------------------------------


def test_no_source_alone_is_unrecognized_event_source() -> None:
    # [S] create_no_event_source_arn: the request had only FunctionName.
    error = as_service_error(validate({"FunctionName": "fn"}, CREATE), CREATE)
    assert error is not None
    assert (error.code, error.message) == ("InvalidParameterValueException", "Unrecognized event source.")
    assert error.details == {"Type": "User"} and error.also == []


def test_on_success_comes_before_everything_but_the_model() -> None:
    # [S] destination_config_failure: an SQS source, OnSuccess set, and other problems besides.
    found = validate(req("sqs", DestinationConfig=ON_SUCCESS, BatchSize=20, StartingPosition="LATEST"), CREATE)
    assert ids(found)[0] == "R-DST-1"
    assert {"R-BS-4", "R-SP-4"} <= set(ids(found))


def test_on_success_comes_before_a_missing_source() -> None:
    found = validate({"FunctionName": "fn", "DestinationConfig": ON_SUCCESS}, CREATE)
    assert ids(found) == ["R-DST-1", "R-SRC-1"]


def test_model_errors_come_first_and_travel_together() -> None:
    request = {"FunctionName": "fn", "StartingPosition": "BOGUS", "BatchSize": 20000, "DestinationConfig": ON_SUCCESS}
    found = validate(request, CREATE)
    assert ids(found) == ["M-BatchSize-max", "R-SP-1", "R-DST-1", "R-SRC-1"]
    error = as_service_error(found, CREATE)
    assert error is not None
    assert error.code == "ValidationException" and error.details == {}
    assert error.message == (
        "2 validation errors detected: "
        "Value '20000' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000; "
        "Value 'BOGUS' at 'startingPosition' failed to satisfy constraint: "
        "Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"
    )
    assert [(e.code, e.message) for e in error.also] == [
        ("InvalidParameterValueException", "Unsupported DestinationConfig parameter for given event source mapping type."),
        ("InvalidParameterValueException", "Unrecognized event source."),
    ]
    assert all(e.operation == CREATE and e.details == {"Type": "User"} for e in error.also)


def test_recorded_invalid_starting_position_text() -> None:
    # [S] invalid_starting_position (DynamoDB source).
    error = as_service_error(validate(req("ddb", StartingPosition="FOO"), CREATE), CREATE)
    assert error is not None
    assert error.message == (
        "1 validation error detected: Value 'FOO' at 'startingPosition' failed to satisfy constraint: "
        "Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]"
    )


def test_recorded_no_starting_position_text() -> None:
    # [S] no_starting_position: InvalidParameterValueException with a validation-style text.
    error = as_service_error(validate(req("kinesis", StartingPosition=None), CREATE), CREATE)
    assert error is not None
    assert (error.code, error.message) == (
        "InvalidParameterValueException",
        "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
    )


def test_recorded_incompatible_starting_position_text() -> None:
    error = as_service_error(validate(req("ddb", StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=1), CREATE), CREATE)
    assert error is not None and error.message == f"Unsupported starting position for arn type: {DDB_ARN}"


def test_source_semantics_follow_model_and_source_checks() -> None:
    found = validate(req("ddb", StartingPosition=None, BatchSize=20000, MaximumRecordAgeInSeconds=30), CREATE)
    assert ids(found) == ["M-BatchSize-max", "R-SP-2", "R-STR-5"]


def test_multiple_model_errors_follow_member_order_and_list_index() -> None:
    request = {
        **BASES["smk"],
        "SourceAccessConfigurations": [{"Type": "BASIC_AUTH", "URI": "ok"}, {"Type": "NOPE", "URI": "bad#"}],
        "BatchSize": 10001,
        "Topics": ["a", ".b"],
    }
    found = [v for v in validate(request, CREATE) if v.code == "ValidationException"]
    assert [v.rule_id for v in found][1:3] == ["M-Topics-max", "M-Topics-member"]  # length, then items
    assert [v.path for v in found] == [
        "batchSize",
        "topics",
        "topics",
        "sourceAccessConfigurations.2.member.type",
        "sourceAccessConfigurations.2.member.uRI",
    ]
    assert found[2].detail.startswith("Value '[a, .b]' at 'topics' failed to satisfy constraint: Member must satisfy "
                                      "constraint: [Member must have length less than or equal to 249")


def test_order_is_total_and_stable() -> None:
    request = req("fifo", BatchSize=20, MaximumBatchingWindowInSeconds=5, ParallelizationFactor=2, StartingPosition="X")
    assert validate(request, CREATE) == validate(dict(reversed(list(request.items()))), CREATE)


# --- the error AWS would return ---------------------------------------------------------------


def test_no_violations_no_error() -> None:
    assert as_service_error([], CREATE) is None


def test_single_validation_error_has_no_type_field() -> None:
    error = as_service_error(validate(req("sqs", BatchSize=10001), CREATE), CREATE)
    assert isinstance(error, ServiceError)
    assert error.message.startswith("1 validation error detected: Value '10001' at 'batchSize'")
    assert error.as_dict() == {"Message": error.message, "Code": "ValidationException"}


def test_printed_like_aws_cli_with_the_rest_after() -> None:
    error = as_service_error(validate(req("fifo", BatchSize=20, MaximumBatchingWindowInSeconds=5), CREATE), CREATE)
    assert error is not None
    stream = io.StringIO()
    write_error(error, stream)
    lines = stream.getvalue().splitlines()
    assert lines[1] == (
        "esm: [ERROR]: An error occurred (InvalidParameterValueException) when calling the CreateEventSourceMapping "
        "operation: Maximum batch size must be between 1 and 10 inclusive"
    )
    assert lines[2].endswith("operation: Batching window is not supported for FIFO queues")
    assert "Type: User" in stream.getvalue()


def test_resource_not_found_first_for_a_malformed_uuid() -> None:
    error = as_service_error(validate(upd(BatchSize=11) | {"UUID": "g" * 36}, UPDATE, stored=STORED["sqs"]), UPDATE)
    assert error is not None
    assert (error.code, error.message) == ("ResourceNotFoundException", "The resource you requested does not exist.")
    assert [e.code for e in error.also] == ["InvalidParameterValueException"]


# --- update: the merged configuration (R-UPD-4) -----------------------------------------------


def test_update_batch_size_alone_checks_the_stored_window() -> None:
    # [S] invalid-update-event-source-mapping: BatchSize 11 on a mapping whose window is 0.
    found = validate(upd(BatchSize=11), UPDATE, stored=STORED["sqs"])
    assert ids(found) == ["R-BS-4"] and found[0].param == "BatchSize"


def test_update_window_to_zero_blames_the_window() -> None:
    stored = dict(STORED["sqs"], BatchSize=100, MaximumBatchingWindowInSeconds=5)
    found = validate(upd(MaximumBatchingWindowInSeconds=0), UPDATE, stored=stored)
    assert ids(found) == ["R-BS-4"] and found[0].param == "MaximumBatchingWindowInSeconds"
    assert validate(upd(Enabled=False), UPDATE, stored=stored) == []


def test_update_uses_the_stored_source_type() -> None:
    assert ids(validate(upd(ParallelizationFactor=2), UPDATE, stored=STORED["sqs"])) == ["R-APP-2.ParallelizationFactor"]
    assert validate(upd(ParallelizationFactor=2), UPDATE, stored=STORED["kinesis"]) == []


def test_update_does_not_judge_stored_defaults() -> None:
    # A stream mapping's defaults (retries -1, {"OnFailure": {}}, …) were accepted by AWS.
    assert validate(upd(BatchSize=500), UPDATE, stored=STORED["kinesis"]) == []
    assert validate(upd(BatchSize=500), UPDATE, stored=STORED["smk"]) == []


def test_update_without_stored_mapping_checks_what_it_can() -> None:
    found = validate(upd(BatchSize=20000, ParallelizationFactor=2), UPDATE)
    assert ids(found) == ["M-BatchSize-max"]


def test_merged_config_replaces_structures_and_empty_removes() -> None:
    stored = {"UUID": UUID, "State": "Enabled", "EventSourceArn": SQS_ARN, "ScalingConfig": {"MaximumConcurrency": 5},
              "FilterCriteria": {"Filters": [{"Pattern": "{}"}]}, "BatchSize": 10}  # fmt: skip
    merged = merged_config(stored, {"UUID": UUID, "ScalingConfig": {}, "FilterCriteria": {"Filters": []}, "BatchSize": 20})
    assert merged == {"EventSourceArn": SQS_ARN, "FilterCriteria": {"Filters": []}, "BatchSize": 20}


def test_fifo_window_zero_is_accepted() -> None:
    # [S] test_report_batch_item_failures: window 0 on a FIFO queue (R-APP-3).
    assert validate({"FunctionName": "fn", "EventSourceArn": FIFO_ARN, "MaximumBatchingWindowInSeconds": 0,
                     "FunctionResponseTypes": ["ReportBatchItemFailures"], "BatchSize": 10}, CREATE) == []  # fmt: skip


@pytest.mark.parametrize(
    "request_",
    [
        req("kinesis", BatchSize=500),  # R-BS-5: not enforced for streams (the docs' own example)
        req("ddb", BatchSize=10000, DestinationConfig={"OnFailure": {}}),
        req("sqs", FilterCriteria={"Filters": []}, DestinationConfig={"OnFailure": {}}, FunctionResponseTypes=[]),
        req("smk", StartingPosition=None),  # R-SP-5: defaulted to TRIM_HORIZON by AWS
        req("kinesis", MaximumRetryAttempts=-1, MaximumRecordAgeInSeconds=-1, BisectBatchOnFunctionError=False),
        req("sqs", BatchSize=10000, MaximumBatchingWindowInSeconds=1, ScalingConfig={"MaximumConcurrency": 2}),
        req("mq", Queues=None),  # R-MQ-1: not rejected (behaviour unknown)
    ],
)
def test_documented_acceptances(request_: dict) -> None:
    assert validate({k: v for k, v in request_.items() if v is not None}, CREATE) == []


def test_get_delete_list_only_run_model_rules() -> None:
    assert ids(validate({"UUID": "x" * 37}, "GetEventSourceMapping")) == ["M-UUID-max"]
    assert ids(validate({"UUID": UUID}, "DeleteEventSourceMapping")) == []
    found = validate({"FunctionName": "bad name", "MaxItems": 10001, "EventSourceArn": "nope"}, "ListEventSourceMappings")
    assert ids(found) == ["M-EventSourceArn-pattern", "R-FN-4", "M-MaxItems-max"]


def test_violations_carry_evidence_hint_and_path() -> None:
    [violation] = validate(req("sqs", DestinationConfig=ON_SUCCESS), CREATE)
    assert violation.path == "destinationConfig.onSuccess"
    assert "[S]" in violation.evidence and "OnSuccess" in violation.hint


def test_the_per_operation_registry_finds_what_the_whole_registry_finds() -> None:
    """Reads use a smaller registry for speed; it must report exactly the same violations."""
    from esm_cli.rules.engine import run
    from esm_cli.rules.registry import registry, registry_for

    requests = [
        ("GetEventSourceMapping", {"UUID": "x" * 37}),
        ("GetEventSourceMapping", {"UUID": "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"}),
        ("DeleteEventSourceMapping", {"UUID": "3afa0d5d-3c94-47d1-aabd-0e24ba5aa53d"}),
        ("ListEventSourceMappings", {"FunctionName": "not a name!", "MaxItems": 20000, "EventSourceArn": "nope"}),
        ("ListEventSourceMappings", {"FunctionName": "f" * 300}),
    ]
    for operation, request in requests:
        assert run(registry_for(operation), request, operation) == run(registry(), request, operation)
    assert len(registry_for("GetEventSourceMapping")) < len(registry()) / 10

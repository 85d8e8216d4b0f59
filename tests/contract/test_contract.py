"""One contract, two backends: each scenario runs on the local backend and on moto through the aws backend.

The local backend must answer as real Lambda does. moto is a stand-in for Lambda with
known departures (``MOTO_DEPARTS``); where a scenario meets one, it asserts moto's own
answer explicitly, so a moto upgrade that changes it is noticed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Esm, clean_env

from .conftest import LOCAL_ARNS, MOTO_BUGS, MOTO_DEPARTS, Target, _server_arns, aws_env

UNKNOWN = "00000000-0000-0000-0000-000000000000"
NOT_FOUND = "The resource you requested does not exist."


def without(mapping: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k not in keys}


def uuids(target: Target, *argv: str) -> list[str]:
    return [m["UUID"] for m in target.ok("list-event-source-mappings", *argv)["EventSourceMappings"]]


# -- create / get -----------------------------------------------------------------------------


def test_create_then_get_returns_the_same_mapping(target: Target) -> None:
    created = target.create("--batch-size", "5", "--scaling-config", "MaximumConcurrency=5")
    got = target.ok("get-event-source-mapping", "--uuid", created["UUID"])
    assert without(got, "State") == without(created, "State")
    assert got["State"] == "Enabled"
    assert created["BatchSize"] == 5 and created["ScalingConfig"] == {"MaximumConcurrency": 5}
    assert created["FunctionArn"] == target.function_arn("fn1")
    assert created["EventSourceArn"] == target.arns["q1"]
    assert created["EventSourceMappingArn"].endswith(f":event-source-mapping:{created['UUID']}")
    assert created["LastModified"].endswith("+00:00")  # printed as ISO 8601 (TZ=UTC) by both


def test_a_new_mapping_is_creating_then_enabled(target: Target) -> None:
    created = target.create()
    if target.departs("create-state"):
        assert created["State"] == "Enabled"
    else:
        assert created["State"] == "Creating"
    assert target.create("--no-enabled", function="fn2")["State"] == "Disabled"


def test_state_transition_reason(target: Target) -> None:
    sqs = target.create()
    stream = target.create("--starting-position", "LATEST", source="kinesis")
    if target.departs("transition-reason"):
        assert sqs["StateTransitionReason"] == stream["StateTransitionReason"] == "User initiated"
    else:
        assert sqs["StateTransitionReason"] == "USER_INITIATED"
        assert stream["StateTransitionReason"] == "User action"


def test_the_service_fills_in_defaults(target: Target) -> None:
    sqs = target.create()
    kinesis = target.create("--starting-position", "LATEST", source="kinesis")
    assert sqs["BatchSize"] == 10 and kinesis["BatchSize"] == 100  # moto fills these two as well
    if target.departs("defaults"):
        assert "MaximumBatchingWindowInSeconds" not in sqs and "FunctionResponseTypes" not in sqs
        assert "ParallelizationFactor" not in kinesis and "MaximumRetryAttempts" not in kinesis
    else:
        assert sqs["MaximumBatchingWindowInSeconds"] == 0 and sqs["FunctionResponseTypes"] == []
        assert kinesis["ParallelizationFactor"] == 1 and kinesis["MaximumRetryAttempts"] == -1
        assert kinesis["DestinationConfig"] == {"OnFailure": {}}


@pytest.mark.parametrize("source", ["q1", "fifo", "kinesis", "ddb"])
def test_every_moto_backed_source_round_trips(target: Target, source: str) -> None:
    extra = ("--starting-position", "TRIM_HORIZON") if source in ("kinesis", "ddb") else ()
    created = target.create(*extra, source=source)
    assert target.ok("get-event-source-mapping", "--uuid", created["UUID"])["EventSourceArn"] == target.arns[source]


# -- list ---------------------------------------------------------------------------------------


def test_list_filters(target: Target) -> None:
    a = target.create()["UUID"]
    b = target.create(function="fn2")["UUID"]
    c = target.create(source="q2")["UUID"]
    assert uuids(target) == [a, b, c]
    assert uuids(target, "--function-name", "fn1") == [a, c]
    assert uuids(target, "--event-source-arn", target.arns["q1"]) == [a, b]
    assert uuids(target, "--function-name", "fn2", "--event-source-arn", target.arns["q1"]) == [b]
    assert uuids(target, "--function-name", "fn3") == []
    by_arn = uuids(target, "--function-name", target.function_arn("fn1"))
    if target.departs("function-arn-filter"):
        assert by_arn == []
    else:
        assert by_arn == [a, c]


def test_an_empty_listing(target: Target) -> None:
    result = target("list-event-source-mappings")
    assert (result.rc, result.stdout, result.stderr) == (0, '{\n    "EventSourceMappings": []\n}\n', "")


def _six(target: Target) -> list[str]:
    return [target.create(function=f, source=q)["UUID"] for f in ("fn1", "fn2", "fn3") for q in ("q1", "q2")]


@pytest.mark.parametrize("max_items", ["1", "2", "4", "6"])
def test_pagination_visits_each_item_once(target: Target, max_items: str) -> None:
    created = _six(target)
    seen: list[str] = []
    page = target.ok("list-event-source-mappings", "--max-items", max_items)
    while True:
        seen += [m["UUID"] for m in page["EventSourceMappings"]]
        if "NextToken" not in page:
            break
        page = target.ok("list-event-source-mappings", "--max-items", max_items, "--starting-token", page["NextToken"])
    assert seen == created


def test_page_size_changes_the_calls_not_the_output(target: Target) -> None:
    created = _six(target)
    assert uuids(target, "--page-size", "4") == created
    single = target.ok("list-event-source-mappings", "--no-paginate", "--max-items", "4")
    if target.departs("pagination"):
        assert [m["UUID"] for m in single["EventSourceMappings"]] == created and "NextMarker" not in single
        return
    assert [m["UUID"] for m in single["EventSourceMappings"]] == created[:4]
    rest = target.ok("list-event-source-mappings", "--marker", single["NextMarker"])
    assert [m["UUID"] for m in rest["EventSourceMappings"]] == created[4:]


def test_a_resume_token_names_the_page_and_the_items_shown(target: Target) -> None:
    import base64

    _six(target)
    token = target.ok("list-event-source-mappings", "--max-items", "2")["NextToken"]
    # botocore's TokenEncoder: base64 of JSON; moto's single page means the first page's marker (null).
    assert json.loads(base64.b64decode(token)) == {"Marker": None, "boto_truncate_amount": 2}


# -- update -------------------------------------------------------------------------------------


def test_update_changes_only_the_given_fields(target: Target) -> None:
    created = target.create("--batch-size", "5", "--maximum-batching-window-in-seconds", "2", "--scaling-config", "MaximumConcurrency=5")
    updated = target.ok("update-event-source-mapping", "--uuid", created["UUID"], "--batch-size", "7")
    assert updated["BatchSize"] == 7
    assert without(updated, "BatchSize", "State", "LastModified") == without(created, "BatchSize", "State", "LastModified")
    got = target.ok("get-event-source-mapping", "--uuid", created["UUID"])
    assert without(got, "State") == without(updated, "State")
    if target.departs("update-state"):
        assert updated["State"] == "Enabled"
    else:
        assert updated["State"] == "Updating" and got["State"] == "Enabled"
    if not target.departs("last-modified"):
        assert updated["LastModified"] >= created["LastModified"]


def test_disabling_and_enabling(target: Target) -> None:
    uuid = target.create()["UUID"]
    disabled = target.ok("update-event-source-mapping", "--uuid", uuid, "--no-enabled")
    assert disabled["State"] == ("Disabled" if target.departs("update-state") else "Disabling")
    assert target.ok("get-event-source-mapping", "--uuid", uuid)["State"] == "Disabled"
    target.ok("update-event-source-mapping", "--uuid", uuid, "--enabled")
    assert target.ok("get-event-source-mapping", "--uuid", uuid)["State"] == "Enabled"


def test_update_can_move_a_mapping_to_another_function(target: Target, request: pytest.FixtureRequest) -> None:
    if target.name == "aws":
        request.applymarker(pytest.mark.xfail(strict=True, reason=MOTO_BUGS["moved-function-listing"]))
    uuid = target.create()["UUID"]
    moved = target.ok("update-event-source-mapping", "--uuid", uuid, "--function-name", "fn3")
    assert moved["FunctionArn"] == target.function_arn("fn3")
    assert uuids(target, "--function-name", "fn3") == [uuid]


# -- delete and unknown UUIDs --------------------------------------------------------------------


def _not_found(operation: str) -> str:
    return (
        f"\nesm: [ERROR]: An error occurred (ResourceNotFoundException) when calling the {operation} operation: "
        f"{NOT_FOUND}\n\nAdditional error details:\nType: User\n"
    )


def test_delete_then_get_is_not_found(target: Target) -> None:
    uuid = target.create()["UUID"]
    deleted = target.ok("delete-event-source-mapping", "--uuid", uuid)
    assert deleted["UUID"] == uuid and deleted["State"] == "Deleting"
    result = target("get-event-source-mapping", "--uuid", uuid)
    assert (result.rc, result.stdout, result.stderr) == (254, "", _not_found("GetEventSourceMapping"))
    assert uuids(target) == []


@pytest.mark.parametrize("command", ["get", "update"])
def test_unknown_uuid_is_not_found(target: Target, command: str) -> None:
    operation = {"get": "GetEventSourceMapping", "update": "UpdateEventSourceMapping"}[command]
    extra = ("--batch-size", "3") if command == "update" else ()
    result = target(f"{command}-event-source-mapping", "--uuid", UNKNOWN, *extra)
    # An update is checked against the stored mapping first, so moto's 200 {} for an unknown
    # UUID on UpdateEventSourceMapping is never reached: esm reads it and gets moto's 404.
    assert (result.rc, result.stdout, result.stderr) == (254, "", _not_found(operation))


def test_delete_of_an_unknown_uuid(target: Target) -> None:
    result = target("delete-event-source-mapping", "--uuid", UNKNOWN)
    if target.departs("delete-unknown"):
        assert (result.rc, result.stdout, result.stderr) == (0, "", "")
    else:
        assert (result.rc, result.stdout, result.stderr) == (254, "", _not_found("DeleteEventSourceMapping"))


def test_error_formats_carry_the_code_and_details(target: Target) -> None:
    result = target("get-event-source-mapping", "--uuid", UNKNOWN, "--cli-error-format", "json")
    assert result.rc == 254
    assert json.loads(result.stderr) == {"Message": NOT_FOUND, "Code": "ResourceNotFoundException", "Type": "User"}


# -- conflicts ------------------------------------------------------------------------------------


def test_a_second_mapping_of_the_same_function_and_queue(target: Target) -> None:
    first = target.create()
    result = target("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", target.arns["q1"])
    if target.departs("duplicates"):
        assert result.rc == 0 and json.loads(result.stdout)["UUID"] != first["UUID"]
        return
    assert result.rc == 254 and result.stdout == ""
    assert "An error occurred (ResourceConflictException) when calling the CreateEventSourceMapping operation: " in result.stderr
    assert f"Please update or delete the existing mapping with UUID {first['UUID']}" in result.stderr


# -- checked before sending --------------------------------------------------------------------------


def test_parameter_validation_happens_before_sending(target: Target) -> None:
    result = target("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", target.arns["q1"], "--batch-size", "0")
    assert (result.rc, result.stdout) == (252, "")
    assert result.stderr == (
        "\nesm: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n"
        "Invalid value for parameter BatchSize, value: 0, valid min value: 1\n"
    )
    assert uuids(target) == []


def test_rule_violations_are_reported_as_the_service_would_before_sending(target: Target) -> None:
    result = target("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", target.arns["fifo"], "--batch-size", "11")
    assert (result.rc, result.stdout) == (254, "")
    assert (
        "esm: [ERROR]: An error occurred (InvalidParameterValueException) when calling the CreateEventSourceMapping "
        "operation: Maximum batch size must be between 1 and 10 inclusive\n"
    ) in result.stderr
    stream = target("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", target.arns["kinesis"])
    assert stream.rc == 254 and "Value null at 'startingPosition' failed to satisfy constraint" in stream.stderr
    assert uuids(target) == []  # nothing reached the service


def test_an_update_is_checked_against_the_merged_mapping(target: Target) -> None:
    uuid = target.create()["UUID"]
    result = target("update-event-source-mapping", "--uuid", uuid, "--batch-size", "11")
    assert result.rc == 254
    assert "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10" in result.stderr
    assert target.ok("get-event-source-mapping", "--uuid", uuid)["BatchSize"] == 10


def test_missing_required_flag_is_a_usage_error(target: Target) -> None:
    result = target("get-event-source-mapping")
    assert result.rc == 252 and result.stdout == ""
    assert "the following arguments are required: --uuid" in result.stderr


def test_departures_table_is_complete() -> None:
    # Every departure is asserted somewhere above; a stale entry would hide a moto fix.
    source = Path(__file__).read_text(encoding="utf-8")
    for aspect in MOTO_DEPARTS:
        assert f'departs("{aspect}")' in source, aspect


# -- every output format on both backends --------------------------------------------------------------


@pytest.fixture
def both(tmp_path: Path, moto_server: Any) -> tuple[Target, Target]:
    """The two backends side by side, for byte-for-byte comparisons."""
    moto_server.reset()
    local = Target("local", Esm(clean_env(tmp_path / "local")), dict(LOCAL_ARNS))
    aws = Target("aws", Esm(aws_env(tmp_path / "aws", moto_server.url)), _server_arns(moto_server), moto_server)
    return local, aws


FORMATS = ["json", "text", "table", "yaml", "yaml-stream", "off"]


@pytest.mark.parametrize("output", FORMATS)
def test_every_output_format_prints_the_same_on_both(both: tuple[Target, Target], output: str) -> None:
    outputs = []
    for target in both:
        uuid = target.create("--batch-size", "5")["UUID"]
        target.create(function="fn2")
        one = target("get-event-source-mapping", "--uuid", uuid, "--output", output, "--query", "{B:BatchSize,F:FunctionArn,S:EventSourceArn}")
        many = target("list-event-source-mappings", "--output", output, "--query", "EventSourceMappings[].{B:BatchSize,F:FunctionArn}")
        page = target("list-event-source-mappings", "--output", output, "--max-items", "1", "--query", "EventSourceMappings[].BatchSize")
        for result in (one, many, page):
            assert result.rc == 0 and result.stderr == ""
        outputs.append((one.stdout, many.stdout, page.stdout.replace(target.arns["q1"], "Q")))
    assert outputs[0] == outputs[1]
    one, many, _ = outputs[0]
    fn1 = "arn:aws:lambda:us-east-1:123456789012:function:fn1"
    expected = {
        "json": ('{\n    "B": 5,\n    "F": "' + fn1 + '",\n    "S": "arn:aws:sqs:us-east-1:123456789012:q1"\n}\n'),
        "text": f"5\t{fn1}\tarn:aws:sqs:us-east-1:123456789012:q1\n",
        "yaml": f"B: 5\nF: {fn1}\nS: arn:aws:sqs:us-east-1:123456789012:q1\n",
        "off": "",
    }
    if output in expected:
        assert one == expected[output]
    if output == "table":
        assert one.splitlines()[1].strip("|").strip() == "GetEventSourceMapping"
        assert many.splitlines()[1].strip("|").strip() == "ListEventSourceMappings"

"""The local backend through the real command line: behaves as the Lambda service does (docs/aws-facts.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DDB_ARN, FIFO_ARN, KINESIS_ARN, SQS_ARN, Esm, clean_env

FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn1"


def create(esm: Esm, *extra: str, function: str = "fn1", source: str = SQS_ARN) -> dict:
    return esm.ok("create-event-source-mapping", "--function-name", function, "--event-source-arn", source, *extra)


def test_sqs_create_fills_in_aws_defaults_in_model_order(esm: Esm) -> None:
    mapping = create(esm)
    assert list(mapping) == [
        "UUID",
        "BatchSize",
        "MaximumBatchingWindowInSeconds",
        "EventSourceArn",
        "FunctionArn",
        "LastModified",
        "State",
        "StateTransitionReason",
        "FunctionResponseTypes",
        "EventSourceMappingArn",
    ]
    assert mapping["BatchSize"] == 10
    assert mapping["MaximumBatchingWindowInSeconds"] == 0
    assert mapping["FunctionResponseTypes"] == []
    assert mapping["FunctionArn"] == FN_ARN
    assert mapping["State"] == "Creating"
    assert mapping["StateTransitionReason"] == "USER_INITIATED"
    assert mapping["EventSourceMappingArn"] == (
        f"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{mapping['UUID']}"
    )
    assert mapping["LastModified"].endswith("+00:00")  # ISO 8601 in the local zone (TZ=UTC here)


def test_kinesis_create_returns_the_stream_defaults(esm: Esm) -> None:
    mapping = create(esm, "--starting-position", "LATEST", source=KINESIS_ARN)
    for key, value in {
        "StartingPosition": "LATEST",
        "BatchSize": 100,
        "MaximumBatchingWindowInSeconds": 0,
        "ParallelizationFactor": 1,
        "MaximumRecordAgeInSeconds": -1,
        "BisectBatchOnFunctionError": False,
        "MaximumRetryAttempts": -1,
        "TumblingWindowInSeconds": 0,
        "DestinationConfig": {"OnFailure": {}},
        "FunctionResponseTypes": [],
        "LastProcessingResult": "No records processed",
        "StateTransitionReason": "User action",
    }.items():
        assert mapping[key] == value, key


def test_self_managed_kafka_defaults_starting_position_and_consumer_group(esm: Esm) -> None:
    mapping = esm.ok(
        "create-event-source-mapping",
        "--function-name",
        "fn1",
        "--topics",
        "orders",
        "--self-managed-event-source",
        "Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1:9092,b2:9092]}",
        "--source-access-configurations",
        "Type=BASIC_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s",
    )
    assert mapping["StartingPosition"] == "TRIM_HORIZON"
    assert mapping["SelfManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": mapping["UUID"]}
    assert "EventSourceArn" not in mapping and "MaximumBatchingWindowInSeconds" not in mapping


def test_states_settle_on_later_reads(esm: Esm) -> None:
    mapping = create(esm)
    uuid = mapping["UUID"]
    assert esm.ok("get-event-source-mapping", "--uuid", uuid)["State"] == "Enabled"
    assert esm.ok("update-event-source-mapping", "--uuid", uuid, "--no-enabled")["State"] == "Disabling"
    assert esm.ok("get-event-source-mapping", "--uuid", uuid)["State"] == "Disabled"
    assert esm.ok("update-event-source-mapping", "--uuid", uuid, "--batch-size", "7")["State"] == "Updating"
    assert esm.ok("get-event-source-mapping", "--uuid", uuid)["State"] == "Disabled"
    assert esm.ok("update-event-source-mapping", "--uuid", uuid, "--enabled")["State"] == "Enabling"
    assert esm.ok("get-event-source-mapping", "--uuid", uuid) | {"LastModified": None} == {
        **mapping,
        "BatchSize": 7,
        "State": "Enabled",
        "LastModified": None,
    }


def test_created_disabled_is_disabled_at_once(esm: Esm) -> None:
    assert create(esm, "--no-enabled")["State"] == "Disabled"


def test_delete_answers_deleting_then_the_mapping_is_gone(esm: Esm) -> None:
    uuid = create(esm)["UUID"]
    assert esm.ok("delete-event-source-mapping", "--uuid", uuid)["State"] == "Deleting"
    result = esm("get-event-source-mapping", "--uuid", uuid)
    assert result.rc == 254 and result.stdout == ""
    assert result.stderr == (
        "\nesm: [ERROR]: An error occurred (ResourceNotFoundException) when calling the GetEventSourceMapping "
        "operation: The resource you requested does not exist.\n\nAdditional error details:\nType: User\n"
    )


@pytest.mark.parametrize("command", ["get", "update", "delete"])
def test_unknown_uuid_is_resource_not_found(esm: Esm, command: str) -> None:
    create(esm)  # the state file exists
    result = esm(f"{command}-event-source-mapping", "--uuid", "00000000-0000-0000-0000-000000000000")
    assert result.rc == 254
    operation = {"get": "Get", "update": "Update", "delete": "Delete"}[command] + "EventSourceMapping"
    assert f"(ResourceNotFoundException) when calling the {operation} operation" in result.stderr


def test_reads_before_any_write_create_no_state_file(tmp_path: Path) -> None:
    esm = Esm(clean_env(tmp_path))
    assert esm.ok("list-event-source-mappings") == {"EventSourceMappings": []}
    assert esm("get-event-source-mapping", "--uuid", "0" * 8 + "-0000-0000-0000-" + "0" * 12).rc == 254
    assert not (tmp_path / "state.db").exists()


@pytest.mark.parametrize(
    "given, expected",
    [
        ("my-function", "arn:aws:lambda:us-east-1:123456789012:function:my-function"),
        ("my-function:$LATEST", "arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST"),
        ("my-function:1", "arn:aws:lambda:us-east-1:123456789012:function:my-function:1"),
        ("my-function:myalias", "arn:aws:lambda:us-east-1:123456789012:function:my-function:myalias"),
        ("111111111111:function:my-function", "arn:aws:lambda:us-east-1:111111111111:function:my-function"),
        ("arn:aws:lambda:eu-west-1:111111111111:function:f", "arn:aws:lambda:eu-west-1:111111111111:function:f"),
        ("arn:aws:lambda:eu-west-1:111111111111:function:f:3", "arn:aws:lambda:eu-west-1:111111111111:function:f:3"),
    ],
)
def test_function_arn_from_every_accepted_function_name_form(esm: Esm, given: str, expected: str) -> None:
    assert create(esm, function=given)["FunctionArn"] == expected


def test_account_and_region_come_from_the_environment(esm: Esm) -> None:
    mapping = create(esm, "--region", "eu-central-1")
    assert mapping["FunctionArn"] == "arn:aws:lambda:eu-central-1:123456789012:function:fn1"
    other = esm.ok(
        "create-event-source-mapping", "--function-name", "fn2", "--event-source-arn", SQS_ARN, ESM_ACCOUNT_ID="222222222222"
    )
    assert other["EventSourceMappingArn"].startswith("arn:aws:lambda:us-east-1:222222222222:event-source-mapping:")


def test_duplicate_sqs_mapping_is_a_conflict_in_aws_words(esm: Esm) -> None:
    first = create(esm)
    result = esm("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)
    assert result.rc == 254 and result.stdout == ""
    assert (
        "An error occurred (ResourceConflictException) when calling the CreateEventSourceMapping operation: "
        f'An event source mapping with SQS arn (" {SQS_ARN} ") and function (" fn1 ") already exists. '
        f"Please update or delete the existing mapping with UUID {first['UUID']}"
    ) in result.stderr
    # Another function on the same queue is fine (R-DUP-4).
    create(esm, function="fn2")


@pytest.mark.parametrize("source", [KINESIS_ARN, DDB_ARN])
def test_duplicate_stream_mapping_text(esm: Esm, source: str) -> None:
    first = create(esm, "--starting-position", "LATEST", source=source)
    result = esm("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", source, "--starting-position", "LATEST")
    assert result.rc == 254
    assert (
        f'The event source arn (" {source} ") and function (" fn1 ") provided mapping already exists. '
        f"Please update or delete the existing mapping with UUID {first['UUID']}"
    ) in result.stderr


def test_list_filters_by_function_and_source(esm: Esm) -> None:
    a = create(esm)["UUID"]
    b = create(esm, function="fn2")["UUID"]
    c = create(esm, source=FIFO_ARN)["UUID"]

    def uuids(*argv: str) -> list[str]:
        return [m["UUID"] for m in esm.ok("list-event-source-mappings", *argv)["EventSourceMappings"]]

    assert uuids() == [a, b, c]
    assert uuids("--function-name", "fn1") == [a, c]
    assert uuids("--function-name", FN_ARN) == [a, c]
    assert uuids("--event-source-arn", SQS_ARN) == [a, b]
    assert uuids("--function-name", "fn2", "--event-source-arn", SQS_ARN) == [b]
    assert uuids("--function-name", "nobody") == []
    assert all(m["State"] == "Enabled" for m in esm.ok("list-event-source-mappings")["EventSourceMappings"])


def test_listing_pages_like_the_service(esm: Esm) -> None:
    created = [create(esm, function=f"fn{i}")["UUID"] for i in range(105)]
    full = esm.ok("list-event-source-mappings")
    assert [m["UUID"] for m in full["EventSourceMappings"]] == created  # pages merged past 100
    first = esm.ok("list-event-source-mappings", "--max-items", "3")
    assert [m["UUID"] for m in first["EventSourceMappings"]] == created[:3]
    rest = esm.ok("list-event-source-mappings", "--starting-token", first["NextToken"])
    assert [m["UUID"] for m in rest["EventSourceMappings"]] == created[3:]
    assert "NextToken" not in rest
    one_page = esm.ok("list-event-source-mappings", "--no-paginate")
    assert len(one_page["EventSourceMappings"]) == 100 and one_page["NextMarker"]
    small = esm.ok("list-event-source-mappings", "--no-paginate", "--max-items", "2")
    second = esm.ok("list-event-source-mappings", "--marker", small["NextMarker"], "--max-items", "2")
    assert [m["UUID"] for m in second["EventSourceMappings"]] == created[2:4]
    paged = esm.ok("list-event-source-mappings", "--page-size", "7")
    assert [m["UUID"] for m in paged["EventSourceMappings"]] == created


def test_update_validates_the_merged_configuration(esm: Esm) -> None:
    uuid = create(esm)["UUID"]
    result = esm("update-event-source-mapping", "--uuid", uuid, "--batch-size", "11")
    assert result.rc == 254
    assert (
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"
        in result.stderr
    )
    assert esm.ok("get-event-source-mapping", "--uuid", uuid)["BatchSize"] == 10  # nothing changed


def test_update_can_change_the_function_and_checks_conflicts(esm: Esm) -> None:
    a = create(esm)["UUID"]
    create(esm, function="fn2")
    moved = esm.ok("update-event-source-mapping", "--uuid", a, "--function-name", "fn3")
    assert moved["FunctionArn"].endswith(":function:fn3") and moved["State"] == "Updating"
    clash = esm("update-event-source-mapping", "--uuid", a, "--function-name", "fn2")
    assert clash.rc == 254 and "ResourceConflictException" in clash.stderr


def test_empty_values_remove_optional_settings_on_update(esm: Esm) -> None:
    uuid = create(
        esm,
        "--scaling-config",
        "MaximumConcurrency=5",
        "--filter-criteria",
        '{"Filters": [{"Pattern": "{\\"body\\": {\\"a\\": [1]}}"}]}',
    )["UUID"]
    updated = esm.ok("update-event-source-mapping", "--uuid", uuid, "--scaling-config", "{}", "--filter-criteria", "{}")
    assert "ScalingConfig" not in updated and "FilterCriteria" not in updated


def test_tags_are_kept_but_not_returned(esm: Esm, tmp_path: Path) -> None:
    import json
    import sqlite3

    uuid = create(esm, "--tags", "team=payments,env=ci")["UUID"]
    with sqlite3.connect(tmp_path / "state.db") as db:
        (tags,) = db.execute("SELECT tags FROM mappings WHERE uuid = ?", (uuid,)).fetchone()
    assert json.loads(tags) == {"team": "payments", "env": "ci"}


def test_mapping_uuids_are_random_version_4_uuids() -> None:
    import uuid

    from esm_cli.backends.local import random_uuid

    seen = {random_uuid() for _ in range(2000)}
    assert len(seen) == 2000
    for text in list(seen)[:200]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122

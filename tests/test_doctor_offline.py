"""esm doctor on the local backend (and --offline): best-practice checks on the stored mappings."""

from __future__ import annotations

import json

import yaml
from conftest import KINESIS_ARN, SQS_ARN, Esm


def create(esm: Esm, *extra: str) -> str:
    return esm.ok("create-event-source-mapping", "--function-name", "fn1", *extra)["UUID"]


def test_clean_mapping_exits_zero_and_says_what_needs_aws(esm: Esm) -> None:
    uuid = create(esm, "--event-source-arn", SQS_ARN, "--function-response-types", "ReportBatchItemFailures")
    result = esm("doctor", "--uuid", uuid)
    assert result.rc == 0, result.stderr
    assert uuid in result.stdout
    assert "not checked offline (run with --backend aws)" in result.stdout
    assert "D-ROLE-PERMISSIONS" in result.stdout
    assert "--backend aws" in result.stderr


def test_warnings_count_only_with_strict(esm: Esm) -> None:
    uuid = create(esm, "--event-source-arn", SQS_ARN, "--batch-size", "5")
    result = esm("doctor", "--uuid", uuid)
    assert result.rc == 0
    assert "! batches of up to 5 messages without ReportBatchItemFailures" in result.stdout
    assert (
        f"fix: esm update-event-source-mapping --uuid {uuid} --function-response-types ReportBatchItemFailures"
        in result.stdout
    )
    assert esm("doctor", "--uuid", uuid, "--strict").rc == 1


def test_json_document_and_query(esm: Esm) -> None:
    create(esm, "--event-source-arn", KINESIS_ARN, "--starting-position", "LATEST")
    create(esm, "--event-source-arn", SQS_ARN)
    result = esm("doctor", "--all", "--output", "json")
    assert result.rc == 0
    document = json.loads(result.stdout)
    assert document["Mode"] == "offline"
    assert document["Summary"] == {"Mappings": 2, "Errors": 0, "Warnings": 2, "Info": 1, "Unchecked": 0}
    finding = next(f for m in document["Mappings"] for f in m["Findings"] if f["Id"] == "D-STREAM-POISON")
    assert set(finding) >= {"Id", "Severity", "Message", "Why", "DocUrl", "Fix"}
    assert finding["DocUrl"].startswith("https://docs.aws.amazon.com/")
    ids = esm("doctor", "--all", "--output", "json", "--query", "Mappings[].Findings[].Id").json()
    assert sorted(ids) == ["D-SQS-BATCH-ITEM-FAILURES", "D-STREAM-CONCURRENCY", "D-STREAM-POISON"]


def test_yaml_table_and_text_outputs(esm: Esm) -> None:
    create(esm, "--event-source-arn", SQS_ARN)
    assert yaml.safe_load(esm("doctor", "--all", "--output", "yaml").stdout)["Summary"]["Warnings"] == 1
    table = esm("doctor", "--all", "--output", "table")
    assert table.rc == 0 and "Doctor" in table.stdout and "D-SQS-BATCH-ITEM-FAILURES" in table.stdout
    text = esm("doctor", "--all", "--output", "text")
    assert text.rc == 0 and "D-SQS-BATCH-ITEM-FAILURES" in text.stdout


def test_function_name_selects_its_mappings(esm: Esm) -> None:
    create(esm, "--event-source-arn", SQS_ARN)
    esm.ok(
        "create-event-source-mapping",
        "--function-name",
        "other",
        "--event-source-arn",
        KINESIS_ARN,
        "--starting-position",
        "LATEST",
    )
    document = esm("doctor", "--function-name", "other", "--output", "json").json()
    assert [m["EventSourceArn"] for m in document["Mappings"]] == [KINESIS_ARN]


def test_unknown_uuid_is_aws_not_found(esm: Esm) -> None:
    result = esm("doctor", "--uuid", "00000000-0000-0000-0000-000000000000")
    assert result.rc == 254
    assert "ResourceNotFoundException" in result.stderr and result.stdout == ""


def test_exactly_one_selector(esm: Esm) -> None:
    for argv in (("doctor",), ("doctor", "--all", "--uuid", "x")):
        result = esm(*argv)
        assert result.rc == 252 and "--uuid, --function-name or --all" in result.stderr


def test_colour_checklist_when_asked(esm: Esm) -> None:
    create(esm, "--event-source-arn", SQS_ARN)
    result = esm("doctor", "--all", "--color", "on")
    assert "\x1b[" in result.stdout and "!" in result.stdout

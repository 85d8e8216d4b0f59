"""CloudFormation and Terraform exports: cfn-lint finds no error, python-hcl2 parses the blocks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import KINESIS_ARN, SQS_ARN, Esm

MSK_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/c1/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1"
DLQ = "arn:aws:sqs:us-east-1:123456789012:dlq"
MQ_ARN = "arn:aws:mq:us-east-1:123456789012:broker:b1:b-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
DOCDB_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:docdb1"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:s"


@pytest.fixture
def populated(esm: Esm) -> Esm:
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN, "--batch-size", "5",
        "--scaling-config", "MaximumConcurrency=4", "--function-response-types", "ReportBatchItemFailures",
        "--filter-criteria", '{"Filters": [{"Pattern": "{\\"body\\": {\\"a\\": [\\"${x}\\"]}}"}]}', "--tags", "team=a",
    )
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn2", "--event-source-arn", KINESIS_ARN,
        "--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp", "2025-01-02T03:04:05Z",
        "--destination-config", json.dumps({"OnFailure": {"Destination": DLQ}}), "--no-enabled",
    )
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn3",
        "--self-managed-event-source", '{"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092", "b2:9092"]}}',
        "--topics", "orders", "--starting-position", "TRIM_HORIZON",
        "--source-access-configurations", "Type=SASL_SCRAM_512_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s",
        "--self-managed-kafka-event-source-config", "ConsumerGroupId=grp",
    )
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn3", "--event-source-arn", MSK_ARN,
        "--topics", "clicks", "--starting-position", "LATEST",
    )
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn4", "--event-source-arn", MQ_ARN, "--queues", "orders",
        "--source-access-configurations", f"Type=BASIC_AUTH,URI={SECRET}",
    )
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn4", "--event-source-arn", DOCDB_ARN, "--starting-position", "LATEST",
        "--document-db-event-source-config", "DatabaseName=db,CollectionName=c,FullDocument=UpdateLookup",
        "--source-access-configurations", f"Type=BASIC_AUTH,URI={SECRET}",
    )
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn5", "--event-source-arn", MSK_ARN, "--topics", "views",
        "--starting-position", "TRIM_HORIZON", "--metrics-config", "Metrics=EventCount",
        "--provisioned-poller-config", "MinimumPollers=2,MaximumPollers=10",
        "--amazon-managed-kafka-event-source-config", json.dumps({
            "ConsumerGroupId": "g1",
            "SchemaRegistryConfig": {
                "SchemaRegistryURI": "https://registry.example.com", "EventRecordFormat": "JSON",
                "AccessConfigs": [{"Type": "BASIC_AUTH", "URI": SECRET}], "SchemaValidationConfigs": [{"Attribute": "VALUE"}],
            },
        }),
    )
    return esm


def test_cloudformation_passes_cfn_lint(populated: Esm) -> None:
    from cfnlint.api import lint

    result = populated("export", "--format", "cloudformation")
    assert result.rc == 0, result.stderr
    problems = [m for m in lint(result.stdout, regions=["us-east-1"]) if m.rule.id.startswith("E")]
    assert problems == []
    import yaml

    resources = yaml.safe_load(result.stdout)["Resources"]
    assert len(resources) == 7
    props = [r["Properties"] for r in resources.values()]
    sqs, stream, kafka, msk, mq, docdb, registry = props
    assert sqs["FilterCriteria"]["Filters"][0]["Pattern"] == '{"body": {"a": ["${x}"]}}'
    assert sqs["Tags"] == [{"Key": "team", "Value": "a"}] and sqs["ScalingConfig"] == {"MaximumConcurrency": 4}
    assert stream["StartingPositionTimestamp"] == 1735787045 and stream["Enabled"] is False
    assert stream["DestinationConfig"] == {"OnFailure": {"Destination": DLQ}}
    assert kafka["SelfManagedEventSource"] == {"Endpoints": {"KafkaBootstrapServers": ["b1:9092", "b2:9092"]}}
    assert kafka["SelfManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": "grp"}
    assert msk["Topics"] == ["clicks"] and "ConsumerGroupId" in msk["AmazonManagedKafkaEventSourceConfig"]
    assert mq["Queues"] == ["orders"] and mq["SourceAccessConfigurations"] == [{"Type": "BASIC_AUTH", "URI": SECRET}]
    assert docdb["DocumentDBEventSourceConfig"] == {"DatabaseName": "db", "CollectionName": "c", "FullDocument": "UpdateLookup"}
    assert registry["AmazonManagedKafkaEventSourceConfig"]["SchemaRegistryConfig"]["EventRecordFormat"] == "JSON"
    assert registry["ProvisionedPollerConfig"] == {"MinimumPollers": 2, "MaximumPollers": 10}


def unquoted(value: Any) -> Any:
    """python-hcl2 8 keeps the quotes of labels and strings as written; earlier versions drop them."""
    if isinstance(value, dict):
        return {unquoted(k): unquoted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unquoted(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value)
    return value


def test_terraform_parses_with_hcl2(populated: Esm) -> None:
    import hcl2

    result = populated("export", "--format", "terraform")
    assert result.rc == 0, result.stderr
    parsed: dict[str, Any] = unquoted(hcl2.loads(result.stdout))
    blocks = [next(iter(r["aws_lambda_event_source_mapping"].values())) for r in parsed["resource"]]
    assert len(blocks) == 7
    sqs, stream, kafka, msk, mq, docdb, registry = blocks
    assert sqs["function_name"] == "arn:aws:lambda:us-east-1:123456789012:function:fn1"
    assert stream["enabled"] is False
    assert len(kafka["source_access_configuration"]) == 1 and msk["topics"] == ["clicks"]
    text = result.stdout
    assert 'pattern = "{\\"body\\": {\\"a\\": [\\"$${x}\\"]}}"' in text  # escaped, not interpolated
    assert 'starting_position_timestamp = "2025-01-02T03:04:05Z"' in text
    assert "destination_arn = " in text and "enabled = false" in text
    assert 'endpoints = { "KAFKA_BOOTSTRAP_SERVERS" = "b1:9092,b2:9092" }' in text
    assert "source_access_configuration {" in text and "self_managed_kafka_event_source_config {" in text
    assert 'tags = { "team" = "a" }' in text
    assert mq["queues"] == ["orders"]
    assert docdb["document_db_event_source_config"][0]["full_document"] == "UpdateLookup"
    schema = registry["amazon_managed_kafka_event_source_config"][0]["schema_registry_config"][0]
    assert len(schema["access_config"]) == 1 and len(schema["schema_validation_config"]) == 1
    assert registry["provisioned_poller_config"][0]["maximum_pollers"] == 10


def test_mappings_export_round_trips_through_validate_and_plan(populated: Esm, tmp_path: Path) -> None:
    exported = populated("export")
    path = tmp_path / "e.yaml"
    path.write_text(exported.stdout)
    assert populated("validate", "--file", str(path)).rc == 0
    assert populated.ok("plan", "--file", str(path), "--output", "json")["Changes"] == []
    entries = populated.ok("export", "--output", "json")["mappings"]
    kafka = entries[2]
    # The consumer group the user chose is kept; MSK's default (the UUID) is left out.
    assert kafka["SelfManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": "grp"}
    assert "AmazonManagedKafkaEventSourceConfig" not in entries[3]


def test_export_filters_by_function(populated: Esm) -> None:
    entries = populated.ok("export", "--function-name", "fn3", "--output", "json")["mappings"]
    assert [e["FunctionName"] for e in entries] == ["fn3", "fn3"]


def test_terraform_json_syntax_matches_the_hcl(populated: Esm) -> None:
    import hcl2

    as_json = populated.ok("export", "--format", "terraform", "--output", "json")
    resources = as_json["resource"]["aws_lambda_event_source_mapping"]
    from_hcl = unquoted(hcl2.loads(populated("export", "--format", "terraform").stdout))["resource"]
    assert list(resources) == [next(iter(r["aws_lambda_event_source_mapping"])) for r in from_hcl]
    sqs = resources["fn1_q1"]
    assert sqs["filter_criteria"] == {"filter": [{"pattern": '{"body": {"a": ["$${x}"]}}'}]}  # not a template
    assert sqs["tags"] == {"team": "a"} and sqs["scaling_config"] == {"maximum_concurrency": 4}
    stream = next(body for name, body in resources.items() if name.startswith("fn2"))
    assert stream["destination_config"] == {"on_failure": {"destination_arn": DLQ}}

"""Units of esm_cli.iac: positions, intrinsics, and each tool's translation (SAM, Serverless, Terraform)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Esm

from esm_cli.iac.declared import Unknown
from esm_cli.iac.intrinsics import Template
from esm_cli.iac.positions import ParseError, load_json, load_yaml
from esm_cli.iac.sam import compile_sam
from esm_cli.iac.serverless import compile_serverless
from esm_cli.iac.terraform import compile_module


def test_yaml_keeps_positions_and_reads_short_form_intrinsics() -> None:
    doc = load_yaml('A:\n  b: !GetAtt Q.Arn.Extra\n  c: !Sub ["x-${v}", {v: 1}]\n  d: !Ref P\n', "t")
    assert doc == {
        "A": {"b": {"Fn::GetAtt": ["Q", "Arn.Extra"]}, "c": {"Fn::Sub": ["x-${v}", {"v": 1}]}, "d": {"Ref": "P"}}
    }
    assert doc["A"].key_pos == {"b": (2, 3), "c": (3, 3), "d": (4, 3)}


def test_json_keeps_positions_and_says_where_it_stops() -> None:
    doc = load_json('{\n  "a": [1, {"b": "\\u00e9"}],\n  "c": -2.5e1\n}', "t")
    assert doc == {"a": [1, {"b": "é"}], "c": -25.0}
    assert doc.key_pos == {"a": (2, 3), "c": (3, 3)} and doc["a"].item_pos == [(2, 9), (2, 12)]
    with pytest.raises(ParseError) as caught:
        load_json('{\n  "a": tru\n}', "t")
    assert (caught.value.line, caught.value.column) == (2, 8)


def test_intrinsics_resolve_what_the_template_decides() -> None:
    template = Template(
        {
            "Parameters": {"Env": {"Type": "String", "Default": "prod"}, "Free": {"Type": "String"}},
            "Mappings": {"Sizes": {"prod": {"Batch": 5}}},
            "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
            "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": True, "QueueName": "jobs"}}},
        }
    )
    resolve = template.resolve
    assert resolve({"Fn::GetAtt": ["Q", "Arn"]}) == "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"
    assert resolve({"Fn::Sub": "${AWS::Region}/${Q.QueueName}/${!Literal}"}) == "us-east-1/jobs.fifo/${Literal}"
    assert resolve({"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Batch"]}) == 5
    assert resolve({"Fn::If": ["IsProd", 1, 2]}) == 1
    assert resolve({"Fn::Join": ["-", ["a", {"Ref": "Env"}]]}) == "a-prod"
    assert resolve({"Ref": "Free"}) == Unknown("!Ref Free")
    assert isinstance(resolve({"Fn::ImportValue": "x"}), Unknown)
    assert isinstance(resolve("{{resolve:ssm:/arn}}"), Unknown)
    assert (
        resolve({"Ref": "Q"}) == "https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo"
    )  # a URL, as CloudFormation


def test_sam_translation_folds_properties_into_the_api_blocks() -> None:
    document = {
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            "F": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "FunctionName": "fn",
                    "Events": {
                        "K": {
                            "Type": "SelfManagedKafka",
                            "Properties": {
                                "KafkaBootstrapServers": ["b:9092"],
                                "Topics": ["t"],
                                "ConsumerGroupId": "g",
                            },
                        },
                        "D": {
                            "Type": "DocumentDB",
                            "Properties": {
                                "Cluster": "arn:aws:rds:us-east-1:123456789012:cluster:c",
                                "DatabaseName": "db",
                                "CollectionName": "c",
                                "SecretsManagerKmsKeyId": "k",
                            },
                        },
                        "S": {
                            "Type": "Kinesis",
                            "Properties": {
                                "Stream": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
                                "DestinationConfig": {"OnFailure": {"Type": "SNS", "Destination": "d"}},
                            },
                        },
                    },
                },
            }
        },
    }
    requests = {d.resource: d.request for d in compile_sam(document, "t.yaml")}
    assert requests["F.Events.K"] == {
        "FunctionName": "fn",
        "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b:9092"]}},
        "Topics": ["t"],
        "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "g"},
    }
    assert requests["F.Events.D"]["DocumentDBEventSourceConfig"] == {"DatabaseName": "db", "CollectionName": "c"}
    assert "SecretsManagerKmsKeyId" not in requests["F.Events.D"]
    assert requests["F.Events.S"]["DestinationConfig"] == {"OnFailure": {"Destination": "d"}}


def test_serverless_defaults_and_variables() -> None:
    document = {
        "service": "shop",
        "provider": {"name": "aws"},
        "custom": {"arn": "arn:aws:kinesis:us-east-1:123456789012:stream/s"},
        "functions": {
            "f": {
                "handler": "h",
                "events": [
                    {"stream": "${self:custom.arn}"},
                    {
                        "kafka": {
                            "accessConfigurations": {"vpcSubnet": ["subnet-1"], "saslScram512Auth": "arn:s"},
                            "bootstrapServers": ["b:9092"],
                            "topic": "t",
                        }
                    },
                    {
                        "sqs": {
                            "arn": "arn:aws:sqs:us-east-1:123456789012:q",
                            "filterPatterns": [{"body": {"a": ["x"]}}],
                            "functionResponseType": "ReportBatchItemFailures",
                        }
                    },
                ],
            }
        },
    }
    stream, kafka, sqs = (d.request for d in compile_serverless(document, "serverless.yml"))
    assert stream == {
        "BatchSize": 10,
        "StartingPosition": "TRIM_HORIZON",
        "Enabled": True,
        "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
        "FunctionName": "shop-dev-f",
    }
    assert kafka["SourceAccessConfigurations"] == [
        {"Type": "VPC_SUBNET", "URI": "subnet:subnet-1"},
        {"Type": "SASL_SCRAM_512_AUTH", "URI": "arn:s"},
    ]
    assert kafka["BatchSize"] == 100 and kafka["StartingPosition"] == "TRIM_HORIZON"
    assert sqs["FilterCriteria"] == {"Filters": [{"Pattern": '{"body": {"a": ["x"]}}'}]}
    assert sqs["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_terraform_provider_attribute_handling() -> None:
    text = """
variable "window" { default = "0" }
locals { pattern = { b = ["x"], a = 1 } }
resource "aws_lambda_event_source_mapping" "m" {
  function_name    = "f"
  event_source_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s"
  batch_size       = "50"
  enabled          = false
  bisect_batch_on_function_error = false
  maximum_batching_window_in_seconds = var.window
  maximum_retry_attempts = 0
  starting_position = "LATEST"
  filter_criteria {
    filter { pattern = jsonencode(local.pattern) }
    filter { pattern = jsonencode({ z = 1, y = [true] }) }
  }
}
"""
    (declared,), problems = compile_module([("main.tf", text)])
    assert problems == []
    assert declared.request == {
        "FunctionName": "f",
        "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
        "BatchSize": 50,
        "Enabled": False,
        "MaximumRetryAttempts": 0,
        "StartingPosition": "LATEST",
        "FilterCriteria": {"Filters": [{"Pattern": '{"a":1,"b":["x"]}'}, {"Pattern": '{"y":[true],"z":1}'}]},
    }
    assert declared.positions["BatchSize"] == (7, 3) and declared.where == (4, 1)


def test_strict_adds_the_doctors_warnings_and_fails_on_them(esm: Esm, tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n"
        "      EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q\n      FunctionName: f\n"
    )
    plain = esm("validate", str(tmp_path / "t.yaml"))
    assert plain.rc == 0 and " warning " not in plain.stdout
    strict = esm("validate", str(tmp_path / "t.yaml"), "--strict", "--output", "json")
    assert strict.rc == 1
    warnings = [f for f in strict.json()["Findings"] if f["Severity"] == "warning"]
    assert warnings and all(f["RuleId"].startswith("D-") for f in warnings)
    json.dumps(warnings)


def test_terraform_dynamic_blocks_are_not_checked_rather_than_misread() -> None:
    text = """
resource "aws_lambda_event_source_mapping" "m" {
  function_name    = "f"
  event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q"
  filter_criteria {
    dynamic "filter" {
      for_each = var.patterns
      content { pattern = filter.value }
    }
  }
}
"""
    (declared,), _ = compile_module([("main.tf", text)])
    from esm_cli.iac.check import check

    (finding,) = check(declared)
    assert (finding.rule_id, finding.severity, finding.member) == ("IAC-UNKNOWN", "info", "FilterCriteria")
    assert finding.message == 'not checked: the dynamic "filter" block is known only at deploy time'


def test_nested_paths_in_both_spellings() -> None:
    from esm_cli.iac.check import inner_path

    assert inner_path("filterCriteria.filters.2.member.pattern", aws_style=True) == ["Filters", 1, "Pattern"]
    assert inner_path("FilterCriteria.Filters[1].Pattern", aws_style=False) == ["Filters", 1, "Pattern"]


def test_a_cloudformation_role_with_attached_and_conditional_policies(tmp_path: Path) -> None:
    from esm_cli.iac import check, reader

    (tmp_path / "t.yaml").write_text("""
Resources:
  Stream: {Type: AWS::Kinesis::Stream}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn}
  Role:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  Read:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [kinesis:GetRecords, kinesis:GetShardIterator, kinesis:DescribeStream, kinesis:DescribeStreamSummary]
            Resource: !GetAtt Stream.Arn
          - Effect: Allow
            Action: kinesis:ListStreams
            Resource: "*"
          - Effect: Allow
            Action: kinesis:ListShards
            Resource: "*"
            Condition: {StringEquals: {aws:RequestedRegion: us-east-1}}
  M:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt Stream.Arn, FunctionName: !Ref Fn, StartingPosition: LATEST}
""")
    (declared,), _ = reader.declared_in([(str(tmp_path / "t.yaml"), True)])
    findings = check.check(declared)
    assert [(f.rule_id, f.severity) for f in findings] == [("IAC-UNKNOWN", "info")]
    assert "kinesis:ListShards only under a Condition" in findings[0].message


def test_terraform_problems_point_inside_nested_blocks() -> None:
    text = """resource "aws_lambda_event_source_mapping" "m" {
  function_name    = "f"
  event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q"
  filter_criteria {
    filter {
      pattern = jsonencode({ a = ["x"] })
    }
    filter {
      pattern = "not json"
    }
  }
}
"""
    from esm_cli.iac.check import check

    (declared,), _ = compile_module([("main.tf", text)])
    (finding,) = check(declared)
    assert (finding.rule_id, finding.line, finding.column) == ("R-FLT-2", 9, 7)


def test_a_mapping_on_an_alias_gets_the_aliased_functions_timeout(esm: Esm, tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "Resources:\n  Q: {Type: AWS::SQS::Queue}\n  Fn: {Type: AWS::Lambda::Function, Properties: {Timeout: 100}}\n"
        "  Live:\n    Type: AWS::Lambda::Alias\n    Properties: {FunctionName: !Ref Fn, FunctionVersion: '1', Name: live}\n"
        "  M:\n    Type: AWS::Lambda::EventSourceMapping\n"
        "    Properties: {EventSourceArn: !GetAtt Q.Arn, FunctionName: !Ref Live}\n"
    )
    (finding,) = esm("validate", str(tmp_path / "t.yaml"), "--output", "json").json()["Findings"]
    assert finding["RuleId"] == "R-EXIST-5" and "Function timeout: 100 seconds" in finding["Message"]


def test_terraform_alias_arn_and_facts() -> None:
    text = """resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_lambda_function" "f" {
  function_name = "f"
  timeout       = 100
}
resource "aws_lambda_alias" "live" {
  name          = "live"
  function_name = aws_lambda_function.f.function_name
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_alias.live.arn
}
"""
    (declared,), _ = compile_module([("main.tf", text)])
    assert declared.request["FunctionName"] == "arn:aws:lambda:us-east-1:123456789012:function:f:live"
    assert declared.facts["function_timeout"] == 100 and declared.facts["queue_visibility_timeout"] == 30


def test_an_esm_export_file_is_read_by_path(esm: Esm, tmp_path: Path) -> None:
    """`esm export` writes a `mappings:` document; `esm validate PATH` reads it with positions."""
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:q")
    exported = esm("export").stdout.replace("FunctionName: f", "FunctionName: f\n  BatchSize: 20")
    (tmp_path / "mappings.yaml").write_text(exported)
    result = esm("validate", str(tmp_path / "mappings.yaml"))
    assert result.rc == 1 and ":3:3: error R-BS-4 [mapping 1 (f).BatchSize]" in result.stdout

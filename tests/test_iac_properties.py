"""Property: a template never crashes the reader (any text, any YAML/JSON shape, any .tf text)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esm_cli.errors import ParamValidationError
from esm_cli.iac import check, reader

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 30000),
    st.text(max_size=12),
    st.sampled_from(["!Ref X", "${var.x}", "arn:aws:sqs:us-east-1:123456789012:q.fifo"]),
)
KEYS = st.sampled_from(
    [
        "Resources",
        "Type",
        "Properties",
        "EventSourceArn",
        "FunctionName",
        "BatchSize",
        "Ref",
        "Fn::GetAtt",
        "Fn::Sub",
        "Fn::If",
        "Events",
        "Queue",
        "Transform",
        "functions",
        "service",
        "events",
        "sqs",
        "arn",
        "Endpoints",
        "AWS::Lambda::EventSourceMapping",
        "Q",
    ]
)
DOCUMENTS = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30
)


def _never_crashes(path: Path) -> None:
    try:
        declared, _problems = reader.declared_in([(str(path), True)])
        for mapping in declared:
            check.check(mapping, strict=True)  # strict runs every check there is
    except ParamValidationError:
        pass  # an input cap (exit 252) is a refusal, not a crash


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=DOCUMENTS, as_json=st.booleans())
def test_any_document_shape(tmp_path: Path, document: object, as_json: bool) -> None:
    import yaml

    path = tmp_path / ("t.json" if as_json else "t.yaml")
    path.write_text(json.dumps(document) if as_json else yaml.safe_dump(document))
    _never_crashes(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200), suffix=st.sampled_from([".yaml", ".json", ".tf"]))
def test_any_text(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    path.write_text(text)
    _never_crashes(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.lists(
        st.sampled_from(
            [
                'batch_size = "x"',
                "batch_size = var.b",
                "enabled = false",
                "event_source_arn = aws_sqs_queue.q.arn",
                "filter_criteria {\n filter {\n pattern = jsonencode({a = [1]})\n }\n }",
                'function_name = "f"',
                "scaling_config {\n maximum_concurrency = 0\n }",
                "topics = [local.t]",
                'starting_position = ""',
            ]
        ),
        max_size=6,
    )
)
def test_any_terraform_mapping(tmp_path: Path, body: list[str]) -> None:
    path = tmp_path / "main.tf"
    path.write_text(
        'resource "aws_sqs_queue" "q" {\n fifo_queue = true\n}\n'
        'resource "aws_lambda_event_source_mapping" "m" {\n' + "\n".join(body) + "\n}\n"
    )
    _never_crashes(path)


INTRINSIC_NAMES = st.sampled_from(
    [
        "Ref",
        "Fn::GetAtt",
        "Fn::Sub",
        "Fn::If",
        "Fn::Join",
        "Fn::Select",
        "Fn::Split",
        "Fn::FindInMap",
        "Fn::ImportValue",
        "Fn::ToJsonString",
        "Condition",
        "Fn::Base64",
    ]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(INTRINSIC_NAMES, inner, min_size=1, max_size=1)
        | st.dictionaries(KEYS, inner, max_size=3)
    ),
    max_leaves=15,
)
MEMBERS = st.sampled_from(
    [
        "EventSourceArn",
        "FunctionName",
        "BatchSize",
        "FilterCriteria",
        "DestinationConfig",
        "SelfManagedEventSource",
        "Tags",
        "StartingPosition",
        "KmsKeyArn",
        "ScalingConfig",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    props=st.dictionaries(MEMBERS, VALUES, max_size=6),
    events=st.dictionaries(KEYS, VALUES, max_size=4),
    kind=st.sampled_from(["SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB"]),
)
def test_any_intrinsics_in_a_template_sam_event_or_serverless_event(
    tmp_path: Path, props: dict, events: dict, kind: str
) -> None:
    template = {
        "Parameters": {"P": {"Type": "Number", "Default": "5"}},
        "Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, "5"]}},
        "Resources": {
            "Q": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": props.get("BatchSize")}},
            "F": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Role": props.get("FunctionName"),
                    "Events": {"E": {"Type": kind, "Properties": events}},
                },
            },
            "M": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": props},
        },
    }
    path = tmp_path / "template.json"
    path.write_text(json.dumps(template))
    _never_crashes(path)
    serverless = {
        "service": "s",
        "functions": {"f": {"events": [{"sqs": events}, {"stream": props}, {"kafka": events}]}},
        "resources": {"Resources": template["Resources"]},
    }
    path = tmp_path / "serverless.json"
    path.write_text(json.dumps(serverless))
    _never_crashes(path)


PLAN_KEYS = st.sampled_from(
    [
        "batch_size",
        "event_source_arn",
        "function_name",
        "filter_criteria",
        "filter",
        "pattern",
        "scaling_config",
        "maximum_concurrency",
        "self_managed_event_source",
        "endpoints",
        "starting_position",
        "enabled",
        "tags",
        "source_access_configuration",
        "type",
        "uri",
    ]
)
PLAN_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAN_KEYS, inner, max_size=3), max_leaves=15
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.dictionaries(PLAN_KEYS, PLAN_VALUES, max_size=6),
    unknown=st.dictionaries(PLAN_KEYS, PLAN_VALUES, max_size=3),
    references=st.lists(st.sampled_from(["aws_sqs_queue.q", "aws_sqs_queue.q.arn", "x", "a.b.c.d"]), max_size=3),
)
def test_any_plan(tmp_path: Path, values: dict, unknown: dict, references: list) -> None:
    plan = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "resources": [
                    {"address": "aws_sqs_queue.q", "type": "aws_sqs_queue", "name": "q", "values": values},
                    {
                        "address": "aws_lambda_event_source_mapping.m",
                        "type": "aws_lambda_event_source_mapping",
                        "name": "m",
                        "values": values,
                    },
                ]
            }
        },
        "resource_changes": [{"address": "aws_lambda_event_source_mapping.m", "change": {"after_unknown": unknown}}],
        "configuration": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_lambda_event_source_mapping.m",
                        "expressions": {
                            "event_source_arn": {"references": references},
                            "function_name": {"references": references},
                        },
                    }
                ]
            }
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    _never_crashes(path)


HCL_VALUES = st.sampled_from(
    [
        "1",
        "0",
        '"5"',
        '""',
        "true",
        "false",
        "null",
        '["a", 1]',
        "{ a = 1 }",
        "var.v",
        "local.l",
        "var.missing",
        "aws_sqs_queue.q.arn",
        "data.aws_x.y.arn",
        "module.m.out",
        "jsonencode({ a = [var.v] })",
        '"${var.v}-x"',
        "each.value",
        "-1",
        "1.5",
        '"arn:aws:sqs:us-east-1:123456789012:q"',
        "jsonencode(var.v)",
        "length(var.v)",
    ]
)


@st.composite
def hcl_body(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    for key in draw(st.lists(PLAN_KEYS, max_size=5, unique=True)):
        if depth < 2 and draw(st.booleans()):
            lines.append(f"{key} {{\n{draw(hcl_body(depth + 1))}\n}}")
        else:
            lines.append(f"{key} = {draw(HCL_VALUES)}")
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=hcl_body(), variable=HCL_VALUES, local=HCL_VALUES)
def test_any_terraform_attribute_values(tmp_path: Path, body: str, variable: str, local: str) -> None:
    path = tmp_path / "main.tf"
    path.write_text(
        f'variable "v" {{\n  default = {variable}\n}}\nlocals {{\n  l = {local}\n}}\n'
        f'resource "aws_sqs_queue" "q" {{\n{body}\n}}\nresource "aws_lambda_event_source_mapping" "m" {{\n{body}\n}}\n'
    )
    _never_crashes(path)

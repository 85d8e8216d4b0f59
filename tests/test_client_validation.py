"""validate_client_side against botocore's ParamValidator (botocore 1.44.8, the snapshot's source).

botocore runs in a subprocess: awscli (another test dependency) aliases ``botocore`` to its
vendored copy once imported, so a shared test process could silently compare against an older
model. Values JSON cannot carry (tuples, bytes, datetimes) travel tagged and are rebuilt there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from typing import Any

import pytest
from support.imports import packages_loaded

from esm_cli import spec
from esm_cli.errors import ParamValidationError
from esm_cli.params import validate_client_side
from esm_cli.params.client_validation import problems

CREATE, UPDATE, GET, DELETE, LIST_OPERATION = (
    "CreateEventSourceMappingRequest",
    "UpdateEventSourceMappingRequest",
    "GetEventSourceMappingRequest",
    "DeleteEventSourceMappingRequest",
    "ListEventSourceMappingsRequest",
)
UUID = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
HEADER = "Parameter validation failed:"


def lines_for(request: Any, shape: str) -> list[str]:
    return problems(request, shape)


# ---- botocore's line templates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "request_", "expected"),
    [
        (CREATE, {}, ['Missing required parameter in input: "FunctionName"']),
        (UPDATE, {}, ['Missing required parameter in input: "UUID"']),
        (CREATE, {"FunctionName": "f", "Bogus": 1},
         ['Unknown parameter in input: "Bogus", must be one of: ' + ", ".join(spec.shape(CREATE)["members"])]),
        (CREATE, {"FunctionName": "f", "ScalingConfig": {"Bogus": 1}},
         ['Unknown parameter in ScalingConfig: "Bogus", must be one of: MaximumConcurrency']),
        (CREATE, {"FunctionName": "f", "BatchSize": "5"},
         ["Invalid type for parameter BatchSize, value: 5, type: <class 'str'>, valid types: <class 'int'>"]),
        (CREATE, {"FunctionName": "f", "Topics": "t"},
         ["Invalid type for parameter Topics, value: t, type: <class 'str'>, valid types: <class 'list'>, "
          "<class 'tuple'>"]),
        (CREATE, {"FunctionName": "f", "ScalingConfig": {"MaximumConcurrency": 1}},
         ["Invalid value for parameter ScalingConfig.MaximumConcurrency, value: 1, valid min value: 2"]),
        (CREATE, {"FunctionName": ""}, ["Invalid length for parameter FunctionName, value: 0, valid min length: 1"]),
        (CREATE, {"FunctionName": "f", "Queues": []},
         ["Invalid length for parameter Queues, value: 0, valid min length: 1"]),
        (CREATE, {"FunctionName": "f", "Tags": {"k1": ["a", "b"]}},
         ["Invalid type for parameter Tags.k1, value: ['a', 'b'], type: <class 'list'>, valid types: <class 'str'>"]),
        (CREATE, {"FunctionName": "f", "Tags": {"": "v"}},
         ["Invalid length for parameter Tags (key: ), value: 0, valid min length: 1"]),
        (CREATE, {"FunctionName": "f", "FilterCriteria": {"Filters": [{"Pattern": {"a": 1}}]}},
         ["Invalid type for parameter FilterCriteria.Filters[0].Pattern, value: {'a': 1}, type: <class 'dict'>, "
          "valid types: <class 'str'>"]),
        (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": "garbage"},
         ["Invalid type for parameter StartingPositionTimestamp, value: garbage, type: <class 'str'>, "
          "valid types: <class 'datetime.datetime'>, timestamp-string"]),
        (GET, {"UUID": "short"}, ["Invalid length for parameter UUID, value: 5, valid min length: 36"]),
        (LIST_OPERATION, {"MaxItems": 0}, ["Invalid value for parameter MaxItems, value: 0, valid min value: 1"]),
        (CREATE, [], ["Invalid type for parameter input, value: [], type: <class 'list'>, valid types: <class 'dict'>"]),
    ],
)
def test_line_templates(shape: str, request_: Any, expected: list[str]) -> None:
    assert lines_for(request_, shape) == expected


def test_all_problems_in_one_error_in_traversal_order() -> None:
    request = {"FunctionName": "", "BatchSize": 0, "ScalingConfig": {"MaximumConcurrency": 1, "X": 1}, "Queues": [],
               "Bogus": True}
    with pytest.raises(ParamValidationError) as caught:
        validate_client_side(request, CREATE)
    members = ", ".join(spec.shape(CREATE)["members"])
    assert caught.value.message == "\n".join([
        HEADER,
        f'Unknown parameter in input: "Bogus", must be one of: {members}',
        "Invalid length for parameter FunctionName, value: 0, valid min length: 1",
        "Invalid value for parameter BatchSize, value: 0, valid min value: 1",
        'Unknown parameter in ScalingConfig: "X", must be one of: MaximumConcurrency',
        "Invalid value for parameter ScalingConfig.MaximumConcurrency, value: 1, valid min value: 2",
        "Invalid length for parameter Queues, value: 0, valid min length: 1",
    ])
    assert caught.value.exit_code == 252


def test_only_minimums_are_checked() -> None:
    # botocore dropped max/enum/pattern checks: these reach the service (or the rules).
    validate_client_side({"FunctionName": "f" * 300, "BatchSize": 20000, "ParallelizationFactor": 11,
                          "Topics": ["a", "b"], "StartingPosition": "BOGUS",
                          "SelfManagedEventSource": {"Endpoints": {}}}, CREATE)


def test_valid_requests_pass() -> None:
    validate_client_side({"FunctionName": "f", "BatchSize": True, "Enabled": False,
                          "StartingPositionTimestamp": datetime(2024, 1, 2, tzinfo=timezone.utc),
                          "Topics": ("t",)}, CREATE)
    validate_client_side({"UUID": UUID, "FunctionName": "f"}, UPDATE)
    validate_client_side({"UUID": UUID}, DELETE)
    validate_client_side({}, LIST_OPERATION)


# ---- differential against botocore -------------------------------------------------------------


def _tag(value: Any) -> Any:
    if isinstance(value, tuple):
        return {"__tuple__": [_tag(v) for v in value]}
    if isinstance(value, bytes):
        return {"__bytes__": value.decode("latin-1")}
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    return value


_BOTOCORE = r"""
import datetime, json, sys
import botocore.session
from botocore.validate import ParamValidator

def untag(value):
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(untag(v) for v in value["__tuple__"])
        if set(value) == {"__bytes__"}:
            return value["__bytes__"].encode("latin-1")
        if set(value) == {"__datetime__"}:
            return datetime.datetime.fromisoformat(value["__datetime__"])
        return {k: untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [untag(v) for v in value]
    return value

model = botocore.session.get_session().get_service_model("lambda")
shapes = {op: model.operation_model(op).input_shape for op in
          ["CreateEventSourceMapping", "UpdateEventSourceMapping", "GetEventSourceMapping",
           "DeleteEventSourceMapping", "ListEventSourceMappings"]}
by_input = {shape.name: shape for shape in shapes.values()}
out = []
for shape_name, request in json.load(sys.stdin):
    report = ParamValidator().validate(untag(request), by_input[shape_name])
    out.append(report.generate_report().split("\n") if report.has_errors() else [])
json.dump(out, sys.stdout)
"""

BAD_REQUESTS: list[tuple[str, Any]] = [
    (CREATE, {}),
    (CREATE, {"FunctionName": None}),
    (CREATE, {"Bogus": 1, "Other": 2}),
    (CREATE, {"FunctionName": "", "BatchSize": 0, "ScalingConfig": {"MaximumConcurrency": 1}, "Queues": []}),
    (CREATE, {"Queues": [], "ScalingConfig": {"MaximumConcurrency": 1}, "BatchSize": 0, "FunctionName": ""}),
    (CREATE, {"FunctionName": "f", "BatchSize": "5", "Enabled": "true", "Topics": "t", "ScalingConfig": "x"}),
    (CREATE, {"FunctionName": "f", "BatchSize": 5.0, "MaximumRetryAttempts": -2, "MaximumRecordAgeInSeconds": -2,
              "TumblingWindowInSeconds": -1, "MaximumBatchingWindowInSeconds": -1, "ParallelizationFactor": 0}),
    (CREATE, {"FunctionName": "f", "BatchSize": True, "ParallelizationFactor": False}),
    (CREATE, {"FunctionName": "f", "Tags": {"k1": ["a", "b"], "": "v", "k3": 3, "k4": None}}),
    (CREATE, {"FunctionName": "f", "Tags": []}),
    (CREATE, {"FunctionName": "f", "FilterCriteria": {"Filters": [{"Pattern": {"a": 1}}, {"Pattern": ""}, "x",
                                                                     {"Bad": 1}]}}),
    (CREATE, {"FunctionName": "f", "FilterCriteria": {"Filters": {"Pattern": "x"}}}),
    (CREATE, {"FunctionName": "f", "DestinationConfig": {"OnFailure": {"Dest": "x"}, "OnSuccess": "arn"}}),
    (CREATE, {"FunctionName": "f", "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": []}}}),
    (CREATE, {"FunctionName": "f", "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["", 5],
                                                                            "OTHER": "b:1"}}}),
    (CREATE, {"FunctionName": "f", "FunctionResponseTypes": [1, "x", None], "MetricsConfig": {"Metrics": [2]}}),
    (CREATE, {"FunctionName": "f", "Topics": ["", "ok", 7], "Queues": [""]}),
    (CREATE, {"FunctionName": "f", "SourceAccessConfigurations": [{"Type": 1, "URI": ""}, "x", {"Bogus": "y"}]}),
    (CREATE, {"FunctionName": "f", "SourceAccessConfigurations": {"Type": "BASIC_AUTH", "URI": "u"}}),
    (CREATE, {"FunctionName": "f", "ProvisionedPollerConfig": {"MinimumPollers": 0, "MaximumPollers": 0,
                                                               "PollerGroupName": 5}}),
    (CREATE, {"FunctionName": "f", "AmazonManagedKafkaEventSourceConfig": {
        "ConsumerGroupId": "", "SchemaRegistryConfig": {
            "SchemaRegistryURI": "", "AccessConfigs": [{"Type": "X", "URI": 1}],
            "SchemaValidationConfigs": [{"Attribute": None}], "Foo": 1}}}),
    (CREATE, {"FunctionName": "f", "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "", "ConsumptionMode": 1},
              "DocumentDBEventSourceConfig": {"DatabaseName": "", "CollectionName": "", "FullDocument": []}}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": "garbage"}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": None}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": [1]}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": "nan"}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": 1704164645.5, "LoggingConfig": {"SystemLogLevel": 1}}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": "2024-01-02T03:04:05+02:00", "KMSKeyArn": 5,
              "EventSourceArn": b"arn"}),
    (CREATE, {"FunctionName": "f", "StartingPositionTimestamp": datetime(2024, 1, 2), "Topics": ("t", "")}),
    (UPDATE, {}),
    (UPDATE, {"UUID": "short", "Bogus": 1, "Topics": ["t"]}),
    (UPDATE, {"UUID": UUID, "FunctionName": "", "ScalingConfig": {}}),
    (GET, {"UUID": UUID, "FunctionName": "f"}),
    (GET, {"UUID": 5}),
    (DELETE, {"UUID": None}),
    (LIST_OPERATION, {"MaxItems": 0, "Marker": 5, "FunctionName": "", "EventSourceArn": ""}),
    (LIST_OPERATION, {"MaxItems": "10"}),
    (CREATE, []),
    (CREATE, "x"),
    (LIST_OPERATION, None),
    (CREATE, {"FunctionName": "f" * 300, "BatchSize": 20000, "StartingPosition": "BOGUS", "Topics": ["a", "b"]}),
]


def test_matches_botocore_param_validator() -> None:
    pytest.importorskip("botocore")
    proc = subprocess.run([sys.executable, "-c", _BOTOCORE],
                          input=json.dumps([[shape, _tag(request)] for shape, request in BAD_REQUESTS]),
                          capture_output=True, text=True, check=True)
    theirs = json.loads(proc.stdout)
    mismatches = [
        (shape, request, mine, expected)
        for (shape, request), expected in zip(BAD_REQUESTS, theirs)
        if (mine := lines_for(request, shape)) != expected
    ]
    assert mismatches == []
    assert sum(1 for lines in theirs if lines) >= 35  # the table really is mostly bad requests


def test_runtime_does_not_import_heavy_packages() -> None:
    code = (
        "import esm_cli.params as p\n"
        "p.validate_client_side({'FunctionName': 'f', 'StartingPositionTimestamp': '2024-01-02'},"
        " 'CreateEventSourceMappingRequest')\n"
        "p.parse_value('MaximumConcurrency=5', 'ScalingConfig', '--scaling-config')\n"
    )
    heavy = {"botocore", "boto3", "awscli", "yaml", "rich", "dateutil", "decimal"}
    assert packages_loaded(code, heavy) == []

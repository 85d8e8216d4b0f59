"""Every rule in the registry: one request that breaks it and one that does not.

Cases are looked up by rule id, so a new rule without cases fails ``test_every_rule_has_cases``.
Model rules get theirs generated from the spec (a value just past each limit, an unknown enum
value, a value off each pattern). Other test modules import the valid base requests from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from esm_cli import spec
from esm_cli.rules import rules, validate
from esm_cli.rules.modelrules import targets

CREATE = "CreateEventSourceMapping"
UPDATE = "UpdateEventSourceMapping"
GET = "GetEventSourceMapping"

SQS_ARN = "arn:aws:sqs:us-east-1:123456789012:orders"
FIFO_ARN = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"
KINESIS_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
EFO_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks/consumer/c1:1540591608"
DDB_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-02-22T03:03:25.490"
MQ_ARN = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9"
MSK_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1"
DOCDB_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:orders-docs"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:broker"
UUID = "a1b2c3d4-5678-90ab-cdef-0123456789ab"
BROKERS = {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com:9092", "b-2.example.com:9092"]}}
BASIC = [{"Type": "BASIC_AUTH", "URI": SECRET}]
PAST = 1_700_000_000  # 2023-11-14
FUTURE = 4_102_444_800  # 2100-01-01

# A request per source that AWS accepts and that breaks no rule.
BASES: dict[str, dict[str, Any]] = {
    "sqs": {"FunctionName": "fn", "EventSourceArn": SQS_ARN},
    "fifo": {"FunctionName": "fn", "EventSourceArn": FIFO_ARN},
    "kinesis": {"FunctionName": "fn", "EventSourceArn": KINESIS_ARN, "StartingPosition": "LATEST"},
    "efo": {"FunctionName": "fn", "EventSourceArn": EFO_ARN, "StartingPosition": "TRIM_HORIZON"},
    "ddb": {"FunctionName": "fn", "EventSourceArn": DDB_ARN, "StartingPosition": "LATEST"},
    "mq": {"FunctionName": "fn", "EventSourceArn": MQ_ARN, "Queues": ["orders"], "SourceAccessConfigurations": BASIC},
    "msk": {"FunctionName": "fn", "EventSourceArn": MSK_ARN, "Topics": ["orders"], "StartingPosition": "LATEST"},
    "smk": {
        "FunctionName": "fn",
        "SelfManagedEventSource": BROKERS,
        "Topics": ["orders"],
        "SourceAccessConfigurations": BASIC,
    },
    "docdb": {
        "FunctionName": "fn",
        "EventSourceArn": DOCDB_ARN,
        "DocumentDBEventSourceConfig": {"DatabaseName": "shop"},
        "SourceAccessConfigurations": BASIC,
    },
}

# Stored mappings as a get would return them, for update cases.
STORED: dict[str, dict[str, Any]] = {
    "sqs": {"UUID": UUID, "EventSourceArn": SQS_ARN, "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
            "BatchSize": 10, "MaximumBatchingWindowInSeconds": 0, "FunctionResponseTypes": [], "State": "Enabled"},
    "kinesis": {"UUID": UUID, "EventSourceArn": KINESIS_ARN, "StartingPosition": "LATEST", "BatchSize": 100,
                "MaximumBatchingWindowInSeconds": 0, "ParallelizationFactor": 1, "MaximumRecordAgeInSeconds": -1,
                "MaximumRetryAttempts": -1, "BisectBatchOnFunctionError": False, "TumblingWindowInSeconds": 0,
                "DestinationConfig": {"OnFailure": {}}, "FunctionResponseTypes": [], "State": "Enabled"},
    "mq": {"UUID": UUID, "EventSourceArn": MQ_ARN, "Queues": ["orders"], "BatchSize": 100,
           "SourceAccessConfigurations": BASIC + [{"Type": "VIRTUAL_HOST", "URI": "/vhost"}], "State": "Enabled"},
    "smk": {"UUID": UUID, "SelfManagedEventSource": BROKERS, "Topics": ["orders"], "StartingPosition": "TRIM_HORIZON",
            "BatchSize": 100, "SourceAccessConfigurations": BASIC,
            "SelfManagedKafkaEventSourceConfig": {"ConsumerGroupId": "orders-group"}, "State": "Enabled"},
}  # fmt: skip

DROP = object()


def req(base: str, **changes: Any) -> dict[str, Any]:
    """A base request with members changed (``DROP`` removes one)."""
    request = dict(BASES[base])
    for name, value in changes.items():
        if value is DROP:
            request.pop(name, None)
        else:
            request[name] = value
    return request


def upd(**changes: Any) -> dict[str, Any]:
    return {"UUID": UUID, **changes}


def sac(*types: str, uri: str | None = SECRET) -> list[dict[str, Any]]:
    return [{"Type": t, **({"URI": uri} if uri else {})} for t in types]


@dataclass
class Case:
    fail: dict[str, Any]
    ok: dict[str, Any]
    operation: str = CREATE
    stored: dict[str, Any] | None = field(default=None)


SMKC = "SelfManagedKafkaEventSourceConfig"
QUEUE_MODE = {"ConsumptionMode": "Queue"}
GLUE = "arn:aws:glue:us-east-1:123456789012:registry/orders"

HAND_CASES: dict[str, list[Case]] = {
    "R-SRC-1": [Case({"FunctionName": "fn"}, req("sqs")), Case({"FunctionName": "fn", "EventSourceArn": ""}, req("smk"))],
    "R-SRC-2": [
        Case(req("sqs", EventSourceArn="arn:aws:sns:us-east-1:123456789012:topic"), req("sqs")),
        Case(req("ddb", EventSourceArn="arn:aws:dynamodb:us-east-1:123456789012:table/orders"), req("ddb")),
    ],
    "R-SRC-4": [Case(req("sqs", SelfManagedEventSource=BROKERS), req("smk"))],
    "R-UUID-1": [Case({"UUID": "z" * 36}, {"UUID": UUID}, GET)],
    "R-FN-4.name-length": [
        Case(req("sqs", FunctionName="f" * 65), req("sqs", FunctionName="f" * 64)),
        Case(req("sqs", FunctionName="f" * 65 + ":live"), req("sqs", FunctionName="arn:aws:lambda:us-east-1:123456789012:function:fn")),
    ],
    "R-UPD-2": [
        Case(upd(StartingPosition="LATEST"), upd(BatchSize=50), UPDATE, STORED["kinesis"]),
        Case(upd(EventSourceArn=SQS_ARN, Tags={"a": "b"}), upd(Enabled=False), UPDATE, STORED["sqs"]),
    ],
    "R-UPD-3.consumer-group": [
        Case(upd(**{SMKC: {"ConsumerGroupId": "other"}}), upd(**{SMKC: {"ConsumerGroupId": "orders-group"}}), UPDATE, STORED["smk"]),
    ],
    "R-UPD-3.consumption-mode": [Case(upd(**{SMKC: QUEUE_MODE}), upd(**{SMKC: {"ConsumptionMode": "Stream"}}), UPDATE, STORED["smk"])],
    "R-UPD-3.virtual-host": [
        Case(upd(SourceAccessConfigurations=BASIC + sac("VIRTUAL_HOST", uri="/v")), upd(SourceAccessConfigurations=BASIC), UPDATE, STORED["mq"]),
    ],
    "R-BS-3": [Case(req("fifo", BatchSize=11), req("fifo", BatchSize=10))],
    "R-BS-4": [
        Case(req("sqs", BatchSize=11), req("sqs", BatchSize=11, MaximumBatchingWindowInSeconds=1)),
        Case(upd(BatchSize=11), upd(BatchSize=10), UPDATE, STORED["sqs"]),
    ],
    "R-BW-3": [Case(req("fifo", MaximumBatchingWindowInSeconds=5), req("fifo", MaximumBatchingWindowInSeconds=0))],
    "R-BW-4": [Case(req("smk", **{SMKC: QUEUE_MODE}, MaximumBatchingWindowInSeconds=1), req("smk", **{SMKC: QUEUE_MODE}))],
    "R-SP-2": [Case(req("kinesis", StartingPosition=DROP), req("kinesis")), Case(req("ddb", StartingPosition=DROP), req("efo"))],
    "R-SP-3": [Case(req("ddb", StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=PAST), req("ddb", StartingPosition="TRIM_HORIZON"))],
    "R-SP-4": [Case(req("sqs", StartingPosition="LATEST"), req("sqs", StartingPosition=""))],
    "R-SP-5": [Case(req("msk", StartingPosition=DROP), req("msk"))],
    "R-SP-7.timestamp-required": [
        Case(req("kinesis", StartingPosition="AT_TIMESTAMP"), req("kinesis", StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=PAST)),
    ],
    "R-SP-7.timestamp-without-at": [
        Case(req("kinesis", StartingPositionTimestamp=PAST), req("kinesis", StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=PAST)),
    ],
    "R-SP-7.future": [
        Case(req("msk", StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=FUTURE),
             req("msk", StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=PAST)),
    ],
    "R-STR-5": [Case(req("kinesis", MaximumRecordAgeInSeconds=59), req("kinesis", MaximumRecordAgeInSeconds=60)),
                Case(req("ddb", MaximumRecordAgeInSeconds=0), req("ddb", MaximumRecordAgeInSeconds=-1))],
    "R-STR-6": [
        Case(req("msk", MaximumRetryAttempts=3), req("msk", MaximumRetryAttempts=3, ProvisionedPollerConfig={"MinimumPollers": 1})),
        Case(req("smk", BisectBatchOnFunctionError=True), req("smk", BisectBatchOnFunctionError=False)),
    ],
    "R-DST-1": [
        Case(req("sqs", DestinationConfig={"OnSuccess": {"Destination": SQS_ARN}}), req("sqs", DestinationConfig={"OnSuccess": {}})),
    ],
    "R-DST-2": [
        Case(req("sqs", DestinationConfig={"OnFailure": {"Destination": SQS_ARN}}), req("sqs", DestinationConfig={"OnFailure": {}})),
    ],
    "R-DST-3.type": [
        Case(req("kinesis", DestinationConfig={"OnFailure": {"Destination": "arn:aws:lambda:us-east-1:123456789012:function:f"}}),
             req("kinesis", DestinationConfig={"OnFailure": {"Destination": "arn:aws:s3:::failed-records"}})),
        Case(req("kinesis", DestinationConfig={"OnFailure": {"Destination": "kafka://dlq"}}),
             req("msk", DestinationConfig={"OnFailure": {"Destination": "kafka://dlq"}})),
    ],
    "R-DST-3.ddb-fifo": [
        Case(req("ddb", DestinationConfig={"OnFailure": {"Destination": FIFO_ARN}}),
             req("ddb", DestinationConfig={"OnFailure": {"Destination": SQS_ARN}})),
    ],
    "R-DST-4": [
        Case(req("msk", DestinationConfig={"OnFailure": {"Destination": "kafka://orders"}}),
             req("msk", DestinationConfig={"OnFailure": {"Destination": "kafka://orders-dlq"}})),
    ],
    "R-DST-6.destination-required": [
        Case(upd(DestinationConfig={"OnFailure": {}}), upd(DestinationConfig={"OnFailure": {"Destination": ""}}), UPDATE, STORED["kinesis"]),
    ],
    "R-FLT-2": [
        Case(req("sqs", FilterCriteria={"Filters": [{"Pattern": '{"body": {"status": "ok"}}'}]}),
             req("sqs", FilterCriteria={"Filters": [{"Pattern": '{"body": {"status": ["ok"]}}'}]})),
        Case(req("ddb", FilterCriteria={"Filters": [{"Pattern": '{"eventName": []}'}]}),
             req("ddb", FilterCriteria={"Filters": []})),
        Case(req("sqs", FilterCriteria={"Filters": [{"Pattern": "null"}]}), req("sqs")),
    ],
    "R-FLT-5": [
        Case(req("sqs", FilterCriteria={"Filters": [{"Pattern": f'{{"body": {{"n": [{i}]}}}}'} for i in range(6)]}),
             req("sqs", FilterCriteria={"Filters": [{"Pattern": f'{{"body": {{"n": [{i}]}}}}'} for i in range(5)]})),
    ],
    "R-FLT-7": [Case(req("docdb", FilterCriteria={"Filters": [{"Pattern": '{"a": ["b"]}'}]}), req("docdb", FilterCriteria={"Filters": []}))],
    "R-FRT-2": [Case(req("mq", FunctionResponseTypes=["ReportBatchItemFailures"]), req("mq", FunctionResponseTypes=[]))],
    "R-SCL-2": [Case(req("kinesis", ScalingConfig={"MaximumConcurrency": 5}), req("sqs", ScalingConfig={"MaximumConcurrency": 5}))],
    "R-PPC-1": [Case(req("kinesis", ProvisionedPollerConfig={"MinimumPollers": 1}), req("msk", ProvisionedPollerConfig={"MinimumPollers": 1}))],
    "R-PPC-2.sqs-minimum": [
        Case(req("sqs", ProvisionedPollerConfig={"MinimumPollers": 1}), req("sqs", ProvisionedPollerConfig={"MinimumPollers": 2})),
        Case(req("sqs", ProvisionedPollerConfig={"MaximumPollers": 1}), req("msk", ProvisionedPollerConfig={"MaximumPollers": 1})),
    ],
    "R-PPC-3.kafka-maximum": [
        Case(req("msk", ProvisionedPollerConfig={"MaximumPollers": 2001}), req("sqs", ProvisionedPollerConfig={"MaximumPollers": 2001})),
    ],
    "R-PPC-4": [Case(req("sqs", ProvisionedPollerConfig={"PollerGroupName": "g"}), req("msk", ProvisionedPollerConfig={"PollerGroupName": "g"}))],
    "R-PPC-5": [
        Case(req("sqs", ProvisionedPollerConfig={"MinimumPollers": 150, "MaximumPollers": 100}),
             req("sqs", ProvisionedPollerConfig={"MinimumPollers": 100, "MaximumPollers": 150})),
        Case(req("msk", ProvisionedPollerConfig={"MaximumPollers": 1, "MinimumPollers": 2}),
             req("msk", ProvisionedPollerConfig={"MaximumPollers": 1})),
    ],
    "R-MET-2": [Case(req("sqs", MetricsConfig={"Metrics": ["EventCount", "ErrorCount"]}), req("sqs", MetricsConfig={"Metrics": ["EventCount"]}))],
    "R-LOG-1": [Case(req("kinesis", LoggingConfig={"SystemLogLevel": "INFO"}), req("msk", LoggingConfig={"SystemLogLevel": "INFO"}))],
    "R-KAF-1": [Case(req("msk", Topics=DROP), req("msk")), Case(req("smk", Topics=[]), req("smk"))],
    "R-KAF-3": [Case(req("smk", SourceAccessConfigurations=DROP), req("smk")),
                Case(upd(SourceAccessConfigurations=[]), upd(SourceAccessConfigurations=BASIC), UPDATE, STORED["smk"])],
    "R-KAF-4.type-msk": [Case(req("msk", SourceAccessConfigurations=BASIC), req("msk", SourceAccessConfigurations=sac("SASL_SCRAM_512_AUTH")))],
    "R-KAF-4.type-self-managed": [
        Case(req("smk", SourceAccessConfigurations=sac("VIRTUAL_HOST")), req("smk", SourceAccessConfigurations=sac("SASL_SCRAM_256_AUTH"))),
    ],
    "R-KAF-4.oauth-extras": [
        Case(req("smk", SourceAccessConfigurations=sac("OAUTHBEARER_SCOPE")),
             req("smk", SourceAccessConfigurations=sac("OAUTHBEARER_AUTH", "OAUTHBEARER_SCOPE"))),
    ],
    "R-KAF-4.oauth-audience": [
        Case(req("smk", SourceAccessConfigurations=sac("OAUTHBEARER_AUDIENCE")),
             req("smk", SourceAccessConfigurations=sac("OAUTHBEARER_AUDIENCE") + sac("IAM_OAUTHBEARER_AUTH", uri=None))),
    ],
    "R-KAF-4.iam-oauth-audience": [
        Case(req("smk", SourceAccessConfigurations=sac("IAM_OAUTHBEARER_AUTH", uri=None)),
             req("smk", SourceAccessConfigurations=sac("IAM_OAUTHBEARER_AUTH", uri=None) + sac("OAUTHBEARER_AUDIENCE"))),
    ],
    "R-KAF-4.iam-oauth-exclusive": [
        Case(req("smk", SourceAccessConfigurations=sac("IAM_OAUTHBEARER_AUTH", uri=None) + sac("OAUTHBEARER_AUDIENCE", "OAUTHBEARER_SCOPE")),
             req("smk", SourceAccessConfigurations=sac("IAM_OAUTHBEARER_AUTH", uri=None) + sac("OAUTHBEARER_AUDIENCE"))),
    ],
    "R-KAF-4.iam-no-uri": [
        Case(req("smk", SourceAccessConfigurations=sac("IAM_AUTH")), req("smk", SourceAccessConfigurations=sac("IAM_AUTH", uri=None))),
    ],
    "R-KAF-6.queue-position": [
        Case(req("smk", **{SMKC: QUEUE_MODE}, StartingPosition="LATEST"), req("smk", StartingPosition="LATEST")),
    ],
    "R-KAF-6.queue-retries": [
        Case(req("smk", **{SMKC: QUEUE_MODE}, MaximumRetryAttempts=-1), req("smk", **{SMKC: QUEUE_MODE}, MaximumRetryAttempts=0)),
    ],
    "R-KAF-7.glue-access": [
        Case(req("msk", AmazonManagedKafkaEventSourceConfig={"SchemaRegistryConfig": {"SchemaRegistryURI": GLUE, "AccessConfigs": BASIC}}),
             req("msk", AmazonManagedKafkaEventSourceConfig={"SchemaRegistryConfig": {"SchemaRegistryURI": GLUE}})),
        Case(req("smk", **{SMKC: {"SchemaRegistryConfig": {"SchemaRegistryURI": GLUE, "AccessConfigs": BASIC}}}),
             req("smk", **{SMKC: {"SchemaRegistryConfig": {"SchemaRegistryURI": "https://registry.example.com", "AccessConfigs": BASIC}}})),
    ],
    "R-MQ-2.type": [Case(req("mq", SourceAccessConfigurations=sac("SASL_SCRAM_512_AUTH")), req("mq", SourceAccessConfigurations=BASIC + sac("VIRTUAL_HOST", uri="/v")))],
    "R-DOC-2": [Case(req("docdb", DocumentDBEventSourceConfig={"CollectionName": "users"}), req("docdb"))],
    "R-DOC-3.type": [Case(req("docdb", SourceAccessConfigurations=sac("VPC_SUBNET", uri="subnet:subnet-1")), req("docdb"))],
}  # fmt: skip

# R-APP-2.<Param>: (source that rejects it, a value) — passes on the same source without it.
APP_VALUES: dict[str, tuple[str, Any]] = {
    "StartingPosition": ("mq", "LATEST"),
    "StartingPositionTimestamp": ("sqs", PAST),
    "ParallelizationFactor": ("sqs", 2),
    "TumblingWindowInSeconds": ("msk", 60),
    "BisectBatchOnFunctionError": ("sqs", True),
    "MaximumRetryAttempts": ("mq", 3),
    "MaximumRecordAgeInSeconds": ("docdb", 3600),
    "Topics": ("sqs", ["orders"]),
    "Queues": ("msk", ["orders"]),
    "SourceAccessConfigurations": ("kinesis", BASIC),
    "AmazonManagedKafkaEventSourceConfig": ("smk", {"ConsumerGroupId": "g"}),
    "SelfManagedKafkaEventSourceConfig": ("msk", {"ConsumerGroupId": "g"}),
    "DocumentDBEventSourceConfig": ("sqs", {"DatabaseName": "shop"}),
    "KMSKeyArn": ("docdb", "arn:aws:kms:us-east-1:123456789012:key/1234abcd"),
}


def _app_cases() -> dict[str, list[Case]]:
    cases = {}
    for param, (source, value) in APP_VALUES.items():
        cases[f"R-APP-2.{param}"] = [Case(req(source, **{param: value}), req(source, **{param: DROP}))]
    return cases


# --- model rules: values generated from the spec ----------------------------------------------

GOOD_PATTERN_VALUES = {
    "Arn": SQS_ARN,
    "NamespacedFunctionName": "fn",
    "DestinationArn": SQS_ARN,
    "KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd",
    "URI": SECRET,
    "SchemaRegistryUri": "https://registry.example.com",
    "DatabaseName": "shop",
    "CollectionName": "users",
    "ProvisionedPollerGroupName": "group-1",
    "Topic": "orders",
    "Endpoint": "b-1.example.com:9092",
    "TagKey": "team",
    "TagValue": "data eng",
}
BAD_PATTERN_VALUES = {
    "Arn": "orders-queue",
    "NamespacedFunctionName": "my function!",
    "DestinationArn": "orders-dlq",
    "KMSKeyArn": "key/1234abcd",
    "URI": "bad#uri",
    "SchemaRegistryUri": "https://registry example.com",
    "DatabaseName": "my.db",
    "CollectionName": "system.users",
    "ProvisionedPollerGroupName": "group 1",
    "Topic": ".orders",
    "Endpoint": "b-1.example.com",
    "TagKey": "team#1",
    "TagValue": "data\teng",
}
OP_BASES = {
    CREATE: BASES["sqs"],
    UPDATE: {"UUID": UUID},
    GET: {"UUID": UUID},
    "DeleteEventSourceMapping": {"UUID": UUID},
    "ListEventSourceMappings": {},
}


def good_value(shape_name: str) -> Any:
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "string":
        if "enum" in entry:
            return entry["enum"][0]
        if "pattern" in entry and entry["pattern"] not in ("[\\s\\S]*", ".*"):
            return GOOD_PATTERN_VALUES[shape_name]
        return "x" * max(entry.get("min", 1), 1)
    if kind in ("integer", "long"):
        return entry.get("max", 1)
    if kind == "list":
        return [good_value(entry["member"])]
    if kind == "map":
        return {good_value(entry["key"]): good_value(entry["value"])}
    if kind == "structure":
        return {}
    return True


def bad_value(shape_name: str, kind: str) -> Any:
    entry = spec.shape(shape_name)
    if kind == "max":
        if entry["type"] == "string":
            return "a" * (entry["max"] + 1)
        if entry["type"] in ("integer", "long"):
            return entry["max"] + 1
        if entry["type"] == "list":
            member = entry["member"]
            item = {"Type": "BASIC_AUTH"} if spec.type_of(member) == "structure" else good_value(member)
            return [item] * (entry["max"] + 1)
        value = good_value(entry["value"])
        return {f"KEY{i}": value for i in range(entry["max"] + 1)}
    if kind == "enum":
        return "BOGUS"
    if kind == "pattern":
        return BAD_PATTERN_VALUES[shape_name]
    if kind == "member":
        return [_bad_scalar(entry["member"])]
    if kind == "key":
        return {_bad_scalar(entry["key"]): good_value(entry["value"])}
    value_shape = spec.shape(entry["value"])
    if value_shape["type"] == "list":
        return {good_value(entry["key"]): [_bad_scalar(value_shape["member"])]}
    return {good_value(entry["key"]): _bad_scalar(entry["value"])}


def _bad_scalar(shape_name: str) -> Any:
    entry = spec.shape(shape_name)
    if "enum" in entry:
        return "BOGUS"
    if shape_name in BAD_PATTERN_VALUES:
        return BAD_PATTERN_VALUES[shape_name]
    return "a" * (entry["max"] + 1)


def with_path(base: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """``base`` with ``value`` set at ``path`` ("*" makes a one-item list)."""
    request = dict(base)

    def build(rest: tuple[str, ...]) -> Any:
        if not rest:
            return value
        if rest[0] == "*":
            return [build(rest[1:])]
        return {rest[0]: build(rest[1:])}

    request[path[0]] = build(path[1:])
    return request


def _model_cases() -> dict[str, list[Case]]:
    by_id = {rule.id: rule for rule in rules()}
    cases = {}
    for rule_id, path, shape_name, kind in targets():
        operation = next(op for op in (CREATE, UPDATE, GET, "DeleteEventSourceMapping", "ListEventSourceMappings")
                         if op in by_id[rule_id].operations)  # fmt: skip
        base = OP_BASES[operation]
        cases[rule_id] = [
            Case(with_path(base, path, bad_value(shape_name, kind)), with_path(base, path, good_value(shape_name)), operation)
        ]
    return cases


CASES: dict[str, list[Case]] = {**_model_cases(), **_app_cases(), **HAND_CASES}


def _ids(found: list) -> set[str]:
    return {v.rule_id for v in found}


def test_every_rule_has_cases() -> None:
    missing = sorted(rule.id for rule in rules() if rule.id not in CASES)
    assert not missing, f"rules without pass/fail cases: {missing}"
    unknown = sorted(set(CASES) - {rule.id for rule in rules()})
    assert not unknown, f"cases for rules that do not exist: {unknown}"


@pytest.mark.parametrize("name", sorted(BASES))
def test_bases_are_clean(name: str) -> None:
    assert validate(BASES[name], CREATE) == []


@pytest.mark.parametrize(
    ("rule_id", "case"),
    [(rule_id, case) for rule_id in sorted(CASES) for case in CASES[rule_id]],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_rule_fails_and_passes(rule_id: str, case: Case) -> None:
    failing = validate(case.fail, case.operation, stored=case.stored)
    assert rule_id in _ids(failing), f"{rule_id} did not fire on {case.fail}: {failing}"
    passing = validate(case.ok, case.operation, stored=case.stored)
    assert rule_id not in _ids(passing), f"{rule_id} fired on {case.ok}"
    for violation in failing:
        if violation.rule_id == rule_id:
            assert violation.message and violation.code and violation.hint
            assert "<" not in violation.message.replace("<value>", ""), violation.message  # placeholders filled

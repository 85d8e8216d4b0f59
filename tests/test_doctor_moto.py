"""esm doctor on the aws backend against moto's server: IAM (with AWS managed policies loaded),
Lambda, SQS, Kinesis and DynamoDB Streams, with roles built from inline, AWS managed and customer
managed policies. Each scenario creates its own role and function, so no reset is needed."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import Esm, clean_env
from support import motoserver

from esm_cli.doctor.check_permissions import check_permissions
from esm_cli.doctor.gather import Gatherer
from esm_cli.errors import ServiceError

ACCOUNT, REGION = motoserver.ACCOUNT, motoserver.REGION
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)
LOGS = {
    "Effect": "Allow",
    "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    "Resource": "*",
}
MANAGED = "arn:aws:iam::aws:policy/service-role/"


# moto's server with AWS managed IAM policies loaded (only done when the variable is set).
server = motoserver.server_fixture("moto-doctor", MOTO_IAM_LOAD_MANAGED_POLICIES="true")


@pytest.fixture
def esm(server: motoserver.MotoServer, tmp_path: Path) -> Esm:
    return Esm(
        clean_env(tmp_path, **motoserver.DUMMY_CREDENTIALS, AWS_DEFAULT_REGION=REGION, AWS_ENDPOINT_URL=server.url)
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def function(
    server: motoserver.MotoServer,
    name: str,
    *,
    inline: list[dict[str, Any]] | None = None,
    managed: tuple[str, ...] = (),
    timeout: int = 3,
) -> str:
    """A role named after the function with the given policies, and the function using it."""
    iam = server.client("iam")
    role = iam.create_role(RoleName=f"role-{name}", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    if inline is not None:
        iam.put_role_policy(
            RoleName=f"role-{name}",
            PolicyName="inline",
            PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": inline}),
        )
    for arn in managed:
        iam.attach_role_policy(RoleName=f"role-{name}", PolicyArn=arn)
    server.client("lambda").create_function(
        FunctionName=name,
        Runtime="python3.11",
        Role=role,
        Handler="handler.handler",
        Code={"ZipFile": _zip()},
        Timeout=timeout,
    )
    return name


def queue(server: motoserver.MotoServer, name: str, **attributes: str) -> str:
    sqs = server.client("sqs")
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def mapping(server: motoserver.MotoServer, fn: str, source: str, **extra: Any) -> str:
    if ":sqs:" not in source:
        extra.setdefault("StartingPosition", "LATEST")
    return server.client("lambda").create_event_source_mapping(FunctionName=fn, EventSourceArn=source, **extra)["UUID"]


def doctor(esm: Esm, uuid: str, *extra: str) -> tuple[int, dict[str, Any]]:
    result = esm("doctor", "--uuid", uuid, "--output", "json", *extra)
    assert result.rc in (0, 1), result.stderr
    return result.rc, result.json()


def findings(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for item in document["Mappings"][0]["Findings"]:
        found.setdefault(item["Id"], []).append(item)
    return found


def passed(document: dict[str, Any]) -> set[str]:
    return {p["Id"] for p in document["Mappings"][0]["Passed"]}


def test_a_well_configured_sqs_mapping_is_clean(server: motoserver.MotoServer, esm: Esm) -> None:
    dlq = queue(server, "clean-dlq")
    source = queue(
        server,
        "clean-q",
        VisibilityTimeout="400",
        RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq, "maxReceiveCount": "5"}),
    )
    fn = function(
        server,
        "clean-fn",
        timeout=60,
        inline=[
            {
                "Effect": "Allow",
                "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                "Resource": source,
            },
            LOGS,
        ],
    )
    uuid = mapping(server, fn, source, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"])
    rc, document = doctor(esm, uuid, "--strict")
    assert rc == 0, document
    assert document["Mappings"][0]["Findings"] == []
    assert {"D-STATE", "D-FUNCTION", "D-SOURCE", "D-ROLE-PERMISSIONS", "D-ROLE-LOGS", "D-POLICY-TYPO"} <= passed(
        document
    )
    assert document["Mode"] == "aws"


def test_typo_in_an_inline_policy_is_the_missing_permission(server: motoserver.MotoServer, esm: Esm) -> None:
    source = queue(server, "typo-q", VisibilityTimeout="60")
    fn = function(
        server,
        "typo-fn",
        inline=[
            {
                "Effect": "Allow",
                "Action": ["sqs:ReciveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                "Resource": "*",
            },
            LOGS,
        ],
    )
    uuid = mapping(server, fn, source, BatchSize=1)
    rc, document = doctor(esm, uuid)
    assert rc == 1
    found = findings(document)
    permissions = found["D-ROLE-PERMISSIONS"][0]
    assert permissions["Severity"] == "error"
    assert permissions["Details"]["Missing"] == [{"Action": "sqs:ReceiveMessage", "Resource": source}]
    assert permissions["Fix"].startswith(
        "aws iam put-role-policy --role-name role-typo-fn --policy-name esm-event-source --policy-document '"
    )
    typo = found["D-POLICY-TYPO"][0]
    assert "sqs:ReciveMessage (did you mean sqs:ReceiveMessage?)" in typo["Message"]
    assert '"sqs:ReceiveMessage"' in typo["Fix"] and "--policy-name inline" in typo["Fix"]


@pytest.mark.parametrize(
    "policy, kind",
    [
        ("AWSLambdaSQSQueueExecutionRole", "sqs"),
        ("AWSLambdaKinesisExecutionRole", "kinesis"),
        ("AWSLambdaDynamoDBExecutionRole", "ddb"),
    ],
)
def test_aws_managed_policies_cover_their_source(
    server: motoserver.MotoServer, esm: Esm, policy: str, kind: str
) -> None:
    fn = function(server, f"managed-{kind}", managed=(MANAGED + policy,))
    source = {
        "sqs": server.resources["queues"]["q2"],
        "kinesis": server.resources["stream"],
        "ddb": server.resources["table_stream"],
    }[kind]
    uuid = (
        mapping(server, fn, source, BatchSize=1, MaximumRetryAttempts=2)
        if kind != "sqs"
        else mapping(server, fn, source, BatchSize=1)
    )
    _, document = doctor(esm, uuid)
    assert {"D-ROLE-PERMISSIONS", "D-ROLE-LOGS"} <= passed(document), document
    assert "D-ROLE-PERMISSIONS" not in findings(document)


def test_msk_managed_policy_is_read_from_iam(server: motoserver.MotoServer) -> None:
    gatherer = Gatherer(lambda service: _Wrapped(server.client(service)))
    read = gatherer.managed_policy(MANAGED + "AWSLambdaMSKExecutionRole")
    assert read.ok and read.value.kind == "aws-managed"
    assert "kafka:GetBootstrapBrokers" in json.dumps(read.value.document)


def test_customer_managed_policy_by_its_default_version(server: motoserver.MotoServer, esm: Esm) -> None:
    iam = server.client("iam")
    stream = server.resources["stream"]
    v1 = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["kinesis:DescribeStream"], "Resource": stream}],
    }
    arn = iam.create_policy(PolicyName="stream-reader", PolicyDocument=json.dumps(v1))["Policy"]["Arn"]
    v2 = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": [
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords",
                    "kinesis:GetShardIterator",
                    "kinesis:ListShards",
                ],
                "Resource": stream,
            },
            {"Effect": "Allow", "Action": "kinesis:ListStreams", "Resource": "*"},
            LOGS,
        ],
    }
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(v2), SetAsDefault=True)
    fn = function(server, "customer-fn", managed=(arn,))
    uuid = mapping(server, fn, stream, MaximumRetryAttempts=5)
    rc, document = doctor(esm, uuid, "--strict")
    assert "D-ROLE-PERMISSIONS" in passed(document), document
    assert rc == 0, document


def test_explicit_deny_and_conditions(server: motoserver.MotoServer, esm: Esm) -> None:
    source = queue(server, "deny-q", VisibilityTimeout="60")
    fn = function(
        server,
        "deny-fn",
        managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",),
        inline=[
            {"Effect": "Deny", "Action": "sqs:DeleteMessage", "Resource": source},
            {
                "Effect": "Deny",
                "Action": "sqs:GetQueueAttributes",
                "Resource": "*",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
        ],
    )
    uuid = mapping(server, fn, source, BatchSize=1)
    rc, document = doctor(esm, uuid)
    assert rc == 1
    messages = [f["Message"] for f in findings(document)["D-ROLE-PERMISSIONS"]]
    assert any("explicit Deny" in m and "sqs:DeleteMessage" in m for m in messages)
    assert any("sqs:GetQueueAttributes" in m and "depends on a condition" in m for m in messages)


def test_dynamodb_policy_on_the_table_not_the_stream(server: motoserver.MotoServer, esm: Esm) -> None:
    table = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/t1"
    fn = function(
        server,
        "ddb-table-fn",
        inline=[
            {
                "Effect": "Allow",
                "Action": [
                    "dynamodb:DescribeStream",
                    "dynamodb:GetRecords",
                    "dynamodb:GetShardIterator",
                    "dynamodb:ListStreams",
                ],
                "Resource": table,
            },
            LOGS,
        ],
    )
    uuid = mapping(server, fn, server.resources["table_stream"], MaximumRetryAttempts=1)
    rc, document = doctor(esm, uuid)
    assert rc == 1
    missing = findings(document)["D-ROLE-PERMISSIONS"][0]["Details"]["Missing"]
    assert {m["Action"] for m in missing} == {
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
    }


def test_visibility_timeout_below_function_timeout(server: motoserver.MotoServer, esm: Esm) -> None:
    source = queue(server, "short-vis-q", VisibilityTimeout="30")
    fn = function(server, "slow-fn", timeout=60, managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    uuid = mapping(server, fn, source, BatchSize=1)
    rc, document = doctor(esm, uuid)
    visibility = findings(document)["D-SQS-VISIBILITY"][0]
    assert rc == 1 and visibility["Severity"] == "error"
    assert "VisibilityTimeout=360" in visibility["Fix"]
    assert findings(document)["D-SQS-REDRIVE"][0]["Severity"] == "warning"


def test_missing_destination_and_stream_without_retry_limits(server: motoserver.MotoServer, esm: Esm) -> None:
    fn = function(server, "dest-fn", managed=(MANAGED + "AWSLambdaKinesisExecutionRole",))
    missing = f"arn:aws:sqs:{REGION}:{ACCOUNT}:no-such-queue"
    uuid = mapping(server, fn, server.resources["stream"], DestinationConfig={"OnFailure": {"Destination": missing}})
    rc, document = doctor(esm, uuid)
    found = findings(document)
    assert rc == 1
    assert found["D-DESTINATION"][0]["Fix"] == "aws sqs create-queue --queue-name no-such-queue"
    assert found["D-ROLE-DESTINATION"][0]["Details"]["Missing"] == [{"Action": "sqs:SendMessage", "Resource": missing}]
    assert "D-STREAM-POISON" not in found  # a destination is set
    concurrency = found["D-STREAM-CONCURRENCY"][0]
    assert concurrency["Details"] == {"Shards": 1, "ParallelizationFactor": 1}


def test_deleted_function(server: motoserver.MotoServer, esm: Esm) -> None:
    fn = function(server, "gone-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    uuid = mapping(server, fn, queue(server, "gone-q"), BatchSize=1)
    server.client("lambda").delete_function(FunctionName=fn)
    result = esm("doctor", "--uuid", uuid, "--output", "json")
    assert result.rc == 1, result.stderr  # moto keeps the mapping, as Lambda does
    function_finding = findings(result.json())["D-FUNCTION"][0]
    assert function_finding["Severity"] == "error" and "does not exist" in function_finding["Message"]


def test_customer_managed_key_on_the_queue_needs_decrypt(server: motoserver.MotoServer, esm: Esm) -> None:
    key = "1234abcd-12ab-34cd-56ef-1234567890ab"
    source = queue(server, "kms-q", KmsMasterKeyId=key, VisibilityTimeout="60")
    fn = function(server, "kms-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    uuid = mapping(server, fn, source, BatchSize=1)
    rc, document = doctor(esm, uuid)
    kms = findings(document)["D-ROLE-KMS"][0]
    assert rc == 1 and kms["Severity"] == "error"
    assert kms["Details"]["Missing"] == [
        {"Action": "kms:Decrypt", "Resource": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{key}"}
    ]
    assert "--policy-name esm-kms" in kms["Fix"]
    aws_key = queue(server, "aws-key-q", KmsMasterKeyId="alias/aws/sqs", VisibilityTimeout="60")
    _, document = doctor(esm, mapping(server, fn, aws_key, BatchSize=1))
    assert "D-ROLE-KMS" not in findings(document)


def test_maximum_concurrency_above_reserved_concurrency(server: motoserver.MotoServer, esm: Esm) -> None:
    fn = function(server, "reserved-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    server.client("lambda").put_function_concurrency(FunctionName=fn, ReservedConcurrentExecutions=5)
    uuid = mapping(server, fn, queue(server, "reserved-q"), BatchSize=1, ScalingConfig={"MaximumConcurrency": 10})
    _, document = doctor(esm, uuid)
    scaling = findings(document)["D-SCALING-RESERVED"][0]
    assert scaling["Severity"] == "warning" and "10" in scaling["Message"] and "5" in scaling["Message"]


def test_function_name_and_all_select_mappings(server: motoserver.MotoServer, esm: Esm) -> None:
    fn = function(server, "many-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    uuids = {mapping(server, fn, queue(server, f"many-q{i}"), BatchSize=1) for i in range(2)}
    result = esm("doctor", "--function-name", fn, "--output", "json")
    assert {m["UUID"] for m in result.json()["Mappings"]} == uuids
    everything = esm("doctor", "--all", "--output", "json", "--query", "Summary.Mappings")
    assert int(everything.stdout) >= 2


def test_offline_flag_on_the_aws_backend(server: motoserver.MotoServer, esm: Esm) -> None:
    fn = function(server, "offline-fn")
    uuid = mapping(server, fn, queue(server, "offline-q"))
    rc, document = doctor(esm, uuid, "--offline")
    assert rc == 0 and document["Mode"] == "offline"
    assert [f["Id"] for f in document["Mappings"][0]["Findings"]] == ["D-SQS-BATCH-ITEM-FAILURES"]
    assert any(n.startswith("D-ROLE-PERMISSIONS") for n in document["Mappings"][0]["NeedsAws"])
    assert "not checked offline (drop --offline)" in esm("doctor", "--uuid", uuid, "--offline").stdout


def test_unknown_uuid_is_resource_not_found(esm: Esm) -> None:
    result = esm("doctor", "--uuid", "00000000-0000-0000-0000-000000000000")
    assert result.rc == 254 and "ResourceNotFoundException" in result.stderr


def test_rich_checklist_on_the_aws_backend(server: motoserver.MotoServer, esm: Esm) -> None:
    fn = function(server, "text-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    uuid = mapping(server, fn, queue(server, "text-q"), BatchSize=1)
    plain = esm("doctor", "--uuid", uuid)
    assert "✓ the function exists and is Active" in plain.stdout and "\x1b[" not in plain.stdout
    coloured = esm("doctor", "--uuid", uuid, "--color", "on")
    assert "\x1b[" in coloured.stdout and "✓" in coloured.stdout


class _Wrapped:
    """A boto3 client whose calls are counted, and which speaks esm's errors (as ctx.aws_client does)."""

    def __init__(self, client: Any, calls: Counter[tuple[str, str]] | None = None, deny: tuple[str, ...] = ()) -> None:
        self._client, self.calls, self._deny = client, calls if calls is not None else Counter(), deny

    def __getattr__(self, name: str) -> Any:
        def call(**params: Any) -> dict[str, Any]:
            self.calls[(name, json.dumps(params, sort_keys=True))] += 1
            if name in self._deny:
                raise ServiceError("AccessDenied", f"User is not authorized to perform: iam:{name}", operation=name)
            try:
                return getattr(self._client, name)(**params)
            except self._client.exceptions.ClientError as error:
                raise ServiceError(
                    error.response["Error"]["Code"], error.response["Error"]["Message"], operation=name
                ) from None

        return call


def test_one_call_per_resource_even_for_several_mappings(server: motoserver.MotoServer) -> None:
    fn = function(server, "count-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",), inline=[LOGS])
    source = queue(server, "count-q")
    lam = server.client("lambda")
    first = lam.get_event_source_mapping(UUID=mapping(server, fn, source, BatchSize=1))
    second = lam.get_event_source_mapping(UUID=mapping(server, fn, server.resources["stream"]))
    calls: Counter[tuple[str, str]] = Counter()
    clients: dict[str, _Wrapped] = {}
    gatherer = Gatherer(lambda service: clients.setdefault(service, _Wrapped(server.client(service), calls)))
    for item in (first, second):
        gatherer.facts(item)
    assert max(calls.values()) == 1, calls
    operations = Counter(name for name, _ in calls)
    assert operations["get_function"] == 1 and operations["list_role_policies"] == 1
    assert operations["get_queue_attributes"] == 1 and operations["describe_stream_summary"] == 1


def test_access_denied_becomes_could_not_check(server: motoserver.MotoServer) -> None:
    fn = function(server, "denied-fn", managed=(MANAGED + "AWSLambdaSQSQueueExecutionRole",))
    item = server.client("lambda").get_event_source_mapping(
        UUID=mapping(server, fn, queue(server, "denied-q"), BatchSize=1)
    )
    deny = ("get_role_policy", "list_role_policies", "get_policy", "list_attached_role_policies")
    gatherer = Gatherer(lambda service: _Wrapped(server.client(service), deny=deny if service == "iam" else ()))
    found = check_permissions(gatherer.facts(item))
    assert found and all(f.unchecked and f.message.startswith("could not check: ") for f in found if f.severity != "ok")
    assert any("AccessDenied" in f.message and "iam:ListRolePolicies" in f.message for f in found)
    assert not any(f.severity == "error" for f in found)

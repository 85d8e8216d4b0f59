"""The requirements table, the generated snapshots and page, action-name checks, minimal policies."""

from __future__ import annotations

from typing import Any

import pytest

from esm_cli.iam.actions import check_action, unknown_actions
from esm_cli.iam.evaluate import evaluate
from esm_cli.iam.managed import MANAGED_POLICIES, by_arn
from esm_cli.iam.policy import decide, minimal_policy, put_role_policy_command, role_name
from esm_cli.iam.requirements import TABLE, required_permissions

ACCOUNT, REGION = "123456789012", "us-east-1"
SQS = f"arn:aws:sqs:{REGION}:{ACCOUNT}:q1"
KINESIS = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/s1"
CONSUMER = f"{KINESIS}/consumer/c1:1700000000"
DDB = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/t1/stream/2024-01-01T00:00:00.000"
MSK = f"arn:aws:kafka:{REGION}:{ACCOUNT}:cluster/c1/abcd-1"
MQ = f"arn:aws:mq:{REGION}:{ACCOUNT}:broker:b1:b-1234"
DOCDB = f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:docs"
SECRET = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:kafka-abc"


def actions(mapping: dict[str, Any], **kw: Any) -> set[tuple[str, str]]:
    return {(r.action, r.resource) for r in required_permissions(mapping, **kw)}


def test_sqs_needs_the_three_queue_actions_each_checked_at_create() -> None:
    reqs = [r for r in required_permissions({"EventSourceArn": SQS}) if r.topic == "sqs"]
    assert [(r.action, r.resource) for r in reqs] == [
        ("sqs:ReceiveMessage", SQS),
        ("sqs:DeleteMessage", SQS),
        ("sqs:GetQueueAttributes", SQS),
    ]
    # "The provided execution role does not have permissions to call <Action> on SQS" for each.
    assert [r.checked_at_create for r in reqs] == [True, True, True]


def test_streams_need_list_streams_on_star() -> None:
    assert ("kinesis:ListStreams", "*") in actions({"EventSourceArn": KINESIS})
    assert ("dynamodb:ListStreams", "*") in actions({"EventSourceArn": DDB})
    assert ("dynamodb:GetRecords", DDB) in actions({"EventSourceArn": DDB})


def test_a_kinesis_consumer_subscribes_on_the_consumer_and_reads_the_stream() -> None:
    found = actions({"EventSourceArn": CONSUMER})
    assert ("kinesis:SubscribeToShard", CONSUMER) in found
    assert ("kinesis:GetRecords", KINESIS) in found
    assert ("kinesis:SubscribeToShard", KINESIS) not in found


def test_msk_with_iam_auth_needs_kafka_cluster_actions_on_topic_and_group() -> None:
    found = actions({"EventSourceArn": MSK, "Topics": ["orders"], "UUID": "u-1"})
    assert ("kafka-cluster:ReadData", f"arn:aws:kafka:{REGION}:{ACCOUNT}:topic/c1/abcd-1/orders") in found
    assert ("kafka-cluster:AlterGroup", f"arn:aws:kafka:{REGION}:{ACCOUNT}:group/c1/abcd-1/u-1") in found
    assert ("ec2:CreateNetworkInterface", "*") in found
    describe = next(r for r in required_permissions({"EventSourceArn": MSK}) if r.action == "kafka:DescribeClusterV2")
    assert describe.alternatives == ("kafka:DescribeCluster",)


def test_msk_with_a_secret_reads_the_secret_instead_of_iam_auth() -> None:
    mapping = {
        "EventSourceArn": MSK,
        "Topics": ["t"],
        "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET}],
    }
    found = actions(mapping)
    assert ("secretsmanager:GetSecretValue", SECRET) in found
    assert not any(a.startswith("kafka-cluster:") for a, _ in found)


def test_self_managed_kafka_needs_eni_actions_only_in_a_vpc() -> None:
    base = {"SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b:9092"]}}, "Topics": ["t"]}
    assert not any(a.startswith("ec2:") for a, _ in actions(base))
    vpc = {**base, "SourceAccessConfigurations": [{"Type": "VPC_SUBNET", "URI": "subnet:subnet-1"}]}
    assert ("ec2:CreateNetworkInterface", "*") in actions(vpc)


@pytest.mark.parametrize(
    "source, action",
    [(MQ, "mq:DescribeBroker"), (DOCDB, "rds:DescribeDBClusters")],
)
def test_mq_and_documentdb(source: str, action: str) -> None:
    assert (action, source) in actions({"EventSourceArn": source})


@pytest.mark.parametrize(
    "destination, expected",
    [
        (f"arn:aws:sqs:{REGION}:{ACCOUNT}:dlq", {("sqs:SendMessage", f"arn:aws:sqs:{REGION}:{ACCOUNT}:dlq")}),
        (f"arn:aws:sns:{REGION}:{ACCOUNT}:t", {("sns:Publish", f"arn:aws:sns:{REGION}:{ACCOUNT}:t")}),
        (
            "arn:aws:s3:::failures",
            {("s3:PutObject", "arn:aws:s3:::failures/*"), ("s3:ListBucket", "arn:aws:s3:::failures")},
        ),
    ],
)
def test_on_failure_destinations(destination: str, expected: set[tuple[str, str]]) -> None:
    mapping = {"EventSourceArn": KINESIS, "DestinationConfig": {"OnFailure": {"Destination": destination}}}
    assert expected <= actions(mapping)


def test_kafka_destination_writes_to_the_topic() -> None:
    mapping = {
        "EventSourceArn": MSK,
        "Topics": ["t"],
        "DestinationConfig": {"OnFailure": {"Destination": "kafka://failed"}},
    }
    assert ("kafka-cluster:WriteData", f"arn:aws:kafka:{REGION}:{ACCOUNT}:topic/c1/abcd-1/failed") in actions(mapping)


def test_kms_only_for_customer_managed_keys() -> None:
    assert ("kms:Decrypt", f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234") in actions(
        {"EventSourceArn": SQS}, source_kms_key="1234"
    )
    assert not any(a == "kms:Decrypt" for a, _ in actions({"EventSourceArn": SQS}, source_kms_key="alias/aws/sqs"))
    assert not any(a == "kms:Decrypt" for a, _ in actions({"EventSourceArn": SQS}))


@pytest.mark.parametrize(
    "policy, source",
    [
        ("AWSLambdaSQSQueueExecutionRole", SQS),
        ("AWSLambdaKinesisExecutionRole", KINESIS),
        ("AWSLambdaKinesisExecutionRole", CONSUMER),
        ("AWSLambdaDynamoDBExecutionRole", DDB),
    ],
)
def test_each_aws_managed_policy_covers_its_source(policy: str, source: str) -> None:
    for requirement in required_permissions({"EventSourceArn": source}):
        decision = evaluate([MANAGED_POLICIES[policy]], requirement.action, requirement.resource)
        assert decision.allowed, (policy, requirement.action)


def test_the_msk_managed_policy_lacks_iam_auth_data_actions() -> None:
    missing = [
        r.action
        for r in required_permissions({"EventSourceArn": MSK, "Topics": ["t"]})
        if not evaluate([MANAGED_POLICIES["AWSLambdaMSKExecutionRole"]], r.action, r.resource).allowed
    ]
    assert missing and all(a.startswith("kafka-cluster:") for a in missing)
    assert (
        by_arn("arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole")
        is MANAGED_POLICIES["AWSLambdaMSKExecutionRole"]
    )


def test_every_action_in_the_table_and_managed_policies_exists() -> None:
    assert unknown_actions(rule.action for rule in TABLE) == []
    for document in MANAGED_POLICIES.values():
        statements = document["Statement"]
        assert unknown_actions(a for s in statements for a in s["Action"]) == []


@pytest.mark.parametrize(
    "action, suggestion",
    [
        ("sqs:ReciveMessage", "sqs:ReceiveMessage"),
        ("kinesis:GetRecord", "kinesis:GetRecords"),
        ("dynamodb:DescribeStreams", "dynamodb:DescribeStream"),
        ("kafka-cluster:ReadDta", "kafka-cluster:ReadData"),
    ],
)
def test_typos_are_flagged_with_a_suggestion(action: str, suggestion: str) -> None:
    problem = check_action(action)
    assert problem is not None and problem.suggestion == suggestion


@pytest.mark.parametrize(
    "action", ["sqs:receivemessage", "sqs:*", "kinesis:Get*", "s3:ListBucket", "lambda:InvokeFunction", "foo:Bar", "*"]
)
def test_real_or_unknown_service_actions_pass(action: str) -> None:
    assert check_action(action) is None


def test_a_wildcard_that_matches_nothing_is_flagged() -> None:
    assert check_action("sqs:Recv*") is not None


def test_minimal_policy_groups_actions_by_resource() -> None:
    reqs = [r for r in required_permissions({"EventSourceArn": DDB}) if r.topic == "dynamodb"]
    policy = minimal_policy(reqs)
    assert policy["Statement"] == [
        {
            "Effect": "Allow",
            "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            "Resource": DDB,
        },
        {"Effect": "Allow", "Action": "dynamodb:ListStreams", "Resource": "*"},
    ]
    assert all(evaluate([policy], r.action, r.resource).allowed for r in reqs)
    line = put_role_policy_command(role_name("arn:aws:iam::123456789012:role/service/my-role"), "esm", policy)
    assert line.startswith("aws iam put-role-policy --role-name my-role --policy-name esm --policy-document '{")


def test_any_alternative_satisfies_a_requirement() -> None:
    describe = next(r for r in required_permissions({"EventSourceArn": MSK}) if r.action == "kafka:DescribeClusterV2")
    old_only = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "kafka:DescribeCluster", "Resource": MSK}],
    }
    assert decide([old_only], describe).allowed
    deny_old = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Deny", "Action": "kafka:DescribeCluster", "Resource": "*"},
            {"Effect": "Allow", "Action": "kafka:DescribeClusterV2", "Resource": "*"},
        ],
    }
    assert decide([deny_old], describe).allowed
    assert decide([], describe).verdict == "implicit-deny"

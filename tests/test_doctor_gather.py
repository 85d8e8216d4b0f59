"""Gathering with a scripted client: MSK, MQ and DocumentDB sources, missing resources, refused reads."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from esm_cli.doctor.check_source import check_destination, check_source
from esm_cli.doctor.check_state import check_function
from esm_cli.doctor.gather import Facts, Gatherer
from esm_cli.errors import ServiceError

MSK = "arn:aws:kafka:us-east-1:123456789012:cluster/c1/abcd-1"
MQ = "arn:aws:mq:us-east-1:123456789012:broker:b1:b-1234"
DOCDB = "arn:aws:rds:us-east-1:123456789012:cluster:docs"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f"


class Scripted:
    """A client whose methods answer from a table: a dict, or an exception to raise."""

    def __init__(self, answers: dict[str, Any], calls: list[tuple[str, dict[str, Any]]]) -> None:
        self._answers, self._calls = answers, calls

    def __getattr__(self, name: str) -> Callable[..., dict[str, Any]]:
        def call(**params: Any) -> dict[str, Any]:
            self._calls.append((name, params))
            answer = self._answers[name]
            if isinstance(answer, Exception):
                raise answer
            return answer

        return call


def gatherer(answers: dict[str, dict[str, Any]]) -> tuple[Gatherer, list[tuple[str, dict[str, Any]]]]:
    calls: list[tuple[str, dict[str, Any]]] = []
    return Gatherer(lambda service: Scripted(answers.get(service, {}), calls)), calls


@pytest.mark.parametrize(
    "arn, service, method, answer, expected",
    [
        (MSK, "kafka", "describe_cluster_v2", {"ClusterInfo": {"State": "ACTIVE"}}, "ok"),
        (MSK, "kafka", "describe_cluster_v2", {"ClusterInfo": {"State": "FAILED"}}, "error"),
        (MSK, "kafka", "describe_cluster_v2", ServiceError("NotFoundException", "Cluster not found"), "error"),
        (MQ, "mq", "describe_broker", {"BrokerState": "RUNNING"}, "ok"),
        (MQ, "mq", "describe_broker", {"BrokerState": "REBOOT_IN_PROGRESS"}, "info"),
        (DOCDB, "docdb", "describe_db_clusters", {"DBClusters": [{"Status": "available"}]}, "ok"),
        (
            DOCDB,
            "docdb",
            "describe_db_clusters",
            ServiceError("DBClusterNotFoundFault", "DBCluster docs not found."),
            "error",
        ),
    ],
)
def test_sources_beyond_sqs_and_streams(arn: str, service: str, method: str, answer: Any, expected: str) -> None:
    reader, calls = gatherer({service: {method: answer}})
    mapping = {"EventSourceArn": arn, "FunctionArn": FUNCTION}
    facts = Facts(mapping=mapping, source=reader.source(mapping))
    assert check_source(facts)[0].severity == expected
    assert len(calls) == 1
    if arn == MQ:
        assert calls[0][1] == {"BrokerId": "b-1234"}


def test_refused_reads_become_could_not_check() -> None:
    denied = ServiceError("AccessDeniedException", "User is not authorized to perform: lambda:GetFunction")
    reader, _ = gatherer(
        {
            "lambda": {"get_function": denied},
            "sqs": {"get_queue_attributes": ServiceError("AccessDenied", "Access to the resource is denied.")},
        }
    )
    mapping = {
        "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q1",
        "FunctionArn": FUNCTION,
        "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}},
    }
    facts = reader.facts(mapping)
    for finding in check_function(facts) + check_source(facts) + check_destination(facts):
        assert finding.unchecked and finding.message.startswith("could not check: ") and finding.severity == "info"
    assert facts.role_arn is None  # without the function, the role is unknown: nothing claimed about it


def test_a_deleted_role_is_an_error() -> None:
    from esm_cli.doctor.check_permissions import check_permissions

    reader, _ = gatherer(
        {
            "lambda": {
                "get_function": {"Configuration": {"Role": "arn:aws:iam::123456789012:role/gone", "Timeout": 3}}
            },
            "iam": {"list_role_policies": ServiceError("NoSuchEntity", "The role with name gone cannot be found.")},
            "sqs": {"get_queue_attributes": {"Attributes": {"VisibilityTimeout": "30"}}},
        }
    )
    facts = reader.facts({"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q1", "FunctionArn": FUNCTION})
    found = check_permissions(facts)
    assert found[0].severity == "error" and "does not exist" in found[0].message


def test_policy_documents_may_arrive_url_encoded() -> None:
    from esm_cli.doctor.gather import _document

    encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"
    assert _document(encoded) == {"Version": "2012-10-17", "Statement": []}
    assert _document("not json") == {}

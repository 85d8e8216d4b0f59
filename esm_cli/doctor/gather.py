"""Read what a diagnosis needs, read-only, at most one call per resource.

Calls go through ``ctx.aws_client(service)``, so they honour the profile, region and endpoint
the mapping commands use. A refused read (AccessDenied, …) is recorded with the resource and
becomes "could not check: …" for the checks that needed it; a missing resource is recorded as
missing. Results are cached for the run, so mappings sharing a function, role or queue read
it once (``--all``).
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable

from esm_cli.errors import ServiceError
from esm_cli.iam.requirements import on_failure_destination
from esm_cli.sources import Source, classify

NOT_FOUND = frozenset(
    {
        "ResourceNotFoundException",
        "NoSuchEntity",
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
        "NotFound",
        "NotFoundException",
        "NoSuchBucket",
        "404",
        "DBClusterNotFoundFault",
    }
)


@dataclass
class Read:
    """One resource read: its value, or that it does not exist, or the error that stopped us."""

    value: Any = None
    missing: bool = False
    error: ServiceError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.missing


@dataclass
class NamedPolicy:
    name: str
    kind: str  # "inline", "aws-managed", "customer-managed"
    arn: str | None
    document: dict[str, Any]


@dataclass
class Facts:
    """Everything read for one mapping."""

    mapping: dict[str, Any]
    function: Read = field(default_factory=Read)
    role_arn: str | None = None
    policies: Read = field(default_factory=Read)  # value: list[NamedPolicy]
    policy_errors: list[tuple[str, ServiceError]] = field(default_factory=list)
    source: Read = field(default_factory=Read)  # value: a dict of what the source service said
    destination: Read | None = None

    def practice_facts(self) -> dict[str, Any]:
        """The keys ``practices.best_practice_findings`` understands, from what was read."""
        facts: dict[str, Any] = {}
        if self.function.ok:
            config = self.function.value["Configuration"]
            facts["function_timeout"] = config.get("Timeout", 3)
            reserved = (self.function.value.get("Concurrency") or {}).get("ReservedConcurrentExecutions")
            if reserved is not None:
                facts["reserved_concurrency"] = reserved
        if self.source.ok:
            source = self.source.value
            for key in ("queue_visibility_timeout", "fifo", "redrive_policy", "shard_count"):
                if key in source:
                    facts[key] = source[key]
        return facts


class Gatherer:
    """Reads for one doctor run, with a cache keyed by resource."""

    def __init__(self, client: Callable[[str], Any]) -> None:
        self._client = client
        self._cache: dict[tuple[str, str], Read] = {}

    def _read(self, key: tuple[str, str], call: Callable[[], Any]) -> Read:
        if key not in self._cache:
            try:
                self._cache[key] = Read(value=call())
            except ServiceError as error:
                if (
                    error.code in NOT_FOUND
                    or "does not exist" in error.message.lower()
                    or "not found" in error.message.lower()
                ):
                    self._cache[key] = Read(missing=True, error=None)
                else:
                    self._cache[key] = Read(error=error)
        return self._cache[key]

    # -- the function ----------------------------------------------------------------------
    def function(self, function_arn: str) -> Read:
        return self._read(
            ("function", function_arn), lambda: self._client("lambda").get_function(FunctionName=function_arn)
        )

    # -- the role's policies ---------------------------------------------------------------
    def role_policies(self, role_arn: str) -> tuple[Read, list[tuple[str, ServiceError]]]:
        role = role_arn.rsplit("/", 1)[-1]
        iam = self._client("iam")
        errors: list[tuple[str, ServiceError]] = []
        policies: list[NamedPolicy] = []
        names = self._read(
            ("role-inline", role), lambda: _all_pages(iam.list_role_policies, "PolicyNames", RoleName=role)
        )
        if names.missing:
            return Read(missing=True), errors
        if names.error:
            errors.append((f"iam:ListRolePolicies on role {role}", names.error))
        for name in names.value or []:
            read = self._read(
                ("inline", f"{role}/{name}"), lambda n=name: iam.get_role_policy(RoleName=role, PolicyName=n)
            )
            if read.ok:
                policies.append(NamedPolicy(name, "inline", None, _document(read.value["PolicyDocument"])))
            elif read.error:
                errors.append((f"iam:GetRolePolicy {name} of role {role}", read.error))
        attached = self._read(
            ("role-attached", role),
            lambda: _all_pages(iam.list_attached_role_policies, "AttachedPolicies", RoleName=role),
        )
        if attached.error:
            errors.append((f"iam:ListAttachedRolePolicies on role {role}", attached.error))
        for entry in attached.value or []:
            policy = self.managed_policy(entry["PolicyArn"])
            if policy.ok:
                policies.append(policy.value)
            elif policy.error:
                errors.append((f"iam:GetPolicy/GetPolicyVersion {entry['PolicyArn']}", policy.error))
        return Read(value=policies), errors

    def managed_policy(self, arn: str) -> Read:
        """A managed policy's default version (GetPolicy, then GetPolicyVersion of that version)."""
        iam = self._client("iam")

        def read() -> NamedPolicy:
            meta = iam.get_policy(PolicyArn=arn)["Policy"]
            version = iam.get_policy_version(PolicyArn=arn, VersionId=meta["DefaultVersionId"])["PolicyVersion"]
            kind = "aws-managed" if ":iam::aws:policy/" in arn else "customer-managed"
            return NamedPolicy(meta["PolicyName"], kind, arn, _document(version["Document"]))

        return self._read(("managed", arn), read)

    # -- the source ------------------------------------------------------------------------
    def source(self, mapping: dict[str, Any]) -> Read:
        arn = mapping.get("EventSourceArn")
        kind = classify(mapping)
        reader = _SOURCE_READERS.get(kind) if kind is not None else None
        if not arn or reader is None:
            return Read(value={})  # self-managed Kafka: nothing in AWS to read
        return self._read(("source", arn), lambda: reader(self._client, arn))

    # -- the on-failure destination --------------------------------------------------------
    def destination(self, mapping: dict[str, Any]) -> Read | None:
        destination = on_failure_destination(mapping)
        if not destination or not destination.startswith("arn:"):
            return None
        parts = destination.split(":")
        service = parts[2]
        if service == "sqs":
            call = lambda: self._client("sqs").get_queue_attributes(
                QueueUrl=_queue_url(destination), AttributeNames=["QueueArn"]
            )  # noqa: E731
        elif service == "sns":
            call = lambda: self._client("sns").get_topic_attributes(TopicArn=destination)  # noqa: E731
        elif service == "s3":
            call = lambda: self._client("s3").head_bucket(Bucket=parts[5].split("/")[0])  # noqa: E731
        else:
            return None
        return self._read(("destination", destination), call)

    def facts(self, mapping: dict[str, Any]) -> Facts:
        facts = Facts(mapping=mapping)
        function_arn = mapping.get("FunctionArn")
        if function_arn:
            facts.function = self.function(function_arn)
            if facts.function.ok:
                facts.role_arn = facts.function.value["Configuration"].get("Role")
        if facts.role_arn:
            facts.policies, facts.policy_errors = self.role_policies(facts.role_arn)
        facts.source = self.source(mapping)
        facts.destination = self.destination(mapping)
        return facts


def _all_pages(method: Callable[..., dict[str, Any]], key: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    while True:
        page = method(**params)
        items.extend(page.get(key) or [])
        if not page.get("IsTruncated"):
            return items
        params["Marker"] = page["Marker"]


def _document(value: Any) -> dict[str, Any]:
    """IAM returns documents URL-encoded JSON; botocore usually decodes them already."""
    if isinstance(value, dict):
        return value
    text = urllib.parse.unquote(value) if "%" in str(value) else str(value)
    try:
        decoded = json.loads(text)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _queue_url(arn: str) -> str:
    from esm_cli.doctor.practices import queue_url

    return queue_url(arn)


def _read_sqs(client: Callable[[str], Any], arn: str) -> dict[str, Any]:
    attributes = client("sqs").get_queue_attributes(QueueUrl=_queue_url(arn), AttributeNames=["All"])["Attributes"]
    return {
        "queue_visibility_timeout": int(attributes.get("VisibilityTimeout", 30)),
        "fifo": attributes.get("FifoQueue") == "true",
        "redrive_policy": bool(attributes.get("RedrivePolicy")),
        "kms_key": attributes.get("KmsMasterKeyId"),
        "status": "ACTIVE",
    }


def _read_kinesis(client: Callable[[str], Any], arn: str) -> dict[str, Any]:
    stream_arn = arn.split("/consumer/")[0]
    summary = client("kinesis").describe_stream_summary(StreamARN=stream_arn)["StreamDescriptionSummary"]
    return {
        "status": summary.get("StreamStatus"),
        "shard_count": summary.get("OpenShardCount"),
        "kms_key": summary.get("KeyId") if summary.get("EncryptionType") == "KMS" else None,
    }


def _read_dynamodb(client: Callable[[str], Any], arn: str) -> dict[str, Any]:
    description = client("dynamodbstreams").describe_stream(StreamArn=arn)["StreamDescription"]
    shards = description.get("Shards") or []
    open_shards = [s for s in shards if not (s.get("SequenceNumberRange") or {}).get("EndingSequenceNumber")]
    return {
        "status": description.get("StreamStatus"),
        "view_type": description.get("StreamViewType"),
        "shard_count": len(open_shards) or len(shards) or None,
    }


def _read_msk(client: Callable[[str], Any], arn: str) -> dict[str, Any]:
    info = client("kafka").describe_cluster_v2(ClusterArn=arn)["ClusterInfo"]
    return {"status": info.get("State")}


def _read_mq(client: Callable[[str], Any], arn: str) -> dict[str, Any]:
    broker = client("mq").describe_broker(BrokerId=arn.split(":")[-1])
    return {"status": broker.get("BrokerState")}


def _read_docdb(client: Callable[[str], Any], arn: str) -> dict[str, Any]:
    clusters = client("docdb").describe_db_clusters(DBClusterIdentifier=arn)["DBClusters"]
    return {"status": (clusters[0].get("Status") if clusters else None)}


_SOURCE_READERS: dict[Source, Callable[[Callable[[str], Any], str], dict[str, Any]]] = {
    Source.SQS_STANDARD: _read_sqs,
    Source.SQS_FIFO: _read_sqs,
    Source.KINESIS: _read_kinesis,
    Source.KINESIS_CONSUMER: _read_kinesis,
    Source.DYNAMODB: _read_dynamodb,
    Source.MSK: _read_msk,
    Source.MQ: _read_mq,
    Source.DOCUMENTDB: _read_docdb,
}

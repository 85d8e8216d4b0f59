"""Amazon MSK and self-managed Kafka (docs/rules.md, R-KAF).

Topic names, brokers, consumer group ids and schema-registry fields are model rules; the
update immutability of consumer group and consumption mode is in ``update.py``.
"""

from __future__ import annotations

from esm_cli.rules.access import access_type_rule
from esm_cli.rules.base import (
    CREATE_ONLY, KAFKA, SMK, TOPIC_RANK, Context, Finding, Rule, as_dict, as_int, as_list, as_str, is_neutral,
    lower_camel, rule_maker, source_access_types,
)
from esm_cli.sources import Source

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

_OAUTH_EXTRAS = ("OAUTHBEARER_SCOPE", "OAUTHBEARER_LOGICAL_CLUSTER", "OAUTHBEARER_IDENTITY_POOL")
_SAC_EVIDENCE = "[M] SourceAccessType doc (15 types, per-source notes and dependencies). Message unknown"
_EARLY = (TOPIC_RANK["kafka-required"],)  # LocalStack checks required Kafka members first


def _types(ctx: Context) -> dict[str, list[tuple[int, object]]]:
    found: dict[str, list[tuple[int, object]]] = {}
    for index, kind, uri in source_access_types(ctx.request):
        found.setdefault(kind, []).append((index, uri))
    return found


def _queue_mode(ctx: Context) -> bool:
    return as_dict(ctx.get("SelfManagedKafkaEventSourceConfig")).get("ConsumptionMode") == "Queue"


def _topics_missing(ctx: Context) -> Iterable[Finding]:
    if is_neutral(ctx.request.get("Topics")):
        yield Finding("Topics")


def _access_missing(ctx: Context) -> Iterable[Finding]:
    # The merged view: clearing the list on update would leave the cluster unreachable too.
    if is_neutral(ctx.get("SourceAccessConfigurations")):
        yield Finding("SourceAccessConfigurations")


def _needs(kinds: tuple[str, ...], required: tuple[str, ...]):
    def check(ctx: Context) -> Iterable[Finding]:
        types = _types(ctx)
        if any(r in types for r in required):
            return
        for kind in kinds:
            for index, _ in types.get(kind, []):
                yield Finding(
                    "SourceAccessConfigurations",
                    {"type": kind, "required": " or ".join(required)},
                    path=f"sourceAccessConfigurations.{index + 1}.member.type",
                    position=(index,),
                )

    return check


def _iam_oauth_exclusive(ctx: Context) -> Iterable[Finding]:
    types = _types(ctx)
    if "IAM_OAUTHBEARER_AUTH" not in types:
        return
    for kind in ("OAUTHBEARER_AUTH",) + _OAUTH_EXTRAS:
        for index, _ in types.get(kind, []):
            yield Finding("SourceAccessConfigurations", {"type": kind}, position=(index,))


def _iam_without_uri(ctx: Context) -> Iterable[Finding]:
    for index, kind, uri in source_access_types(ctx.request):
        if kind in ("IAM_AUTH", "IAM_OAUTHBEARER_AUTH") and as_str(uri):
            yield Finding(
                "SourceAccessConfigurations",
                {"type": kind},
                path=f"sourceAccessConfigurations.{index + 1}.member.uRI",
                position=(index,),
            )


def _queue_mode_position(ctx: Context) -> Iterable[Finding]:
    if not _queue_mode(ctx):
        return
    for index, name in enumerate(("StartingPosition", "StartingPositionTimestamp")):
        if ctx.sent(name):
            yield Finding(name, {"camel": lower_camel(name)}, position=(index,))


def _queue_mode_retries(ctx: Context) -> Iterable[Finding]:
    if _queue_mode(ctx) and as_int(ctx.request.get("MaximumRetryAttempts")) == -1:
        yield Finding("MaximumRetryAttempts")


def _glue_with_access(ctx: Context) -> Iterable[Finding]:
    for config in ("AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"):
        registry = as_dict(as_dict(ctx.request.get(config)).get("SchemaRegistryConfig"))
        uri = as_str(registry.get("SchemaRegistryURI")) or ""
        if uri.startswith("arn:") and ":glue:" in uri and as_list(registry.get("AccessConfigs")):
            yield Finding(config, path=f"{lower_camel(config)}.schemaRegistryConfig.accessConfigs")


def _dependency(rule_id: str, kinds: tuple[str, ...], required: tuple[str, ...], hint: str) -> Rule:
    return _rule(
        rule_id, "SourceAccessConfigurations", _needs(kinds, required), SMK, without_source=True, refs=("R-KAF-4",),
        message="Source access configuration type <type> requires <required>.",
        hint=hint,
        evidence=_SAC_EVIDENCE,
    )


_rule = rule_maker("kafka")

RULES = (
    _rule(
        "R-KAF-1", "Topics", _topics_missing, KAFKA, operations=CREATE_ONLY, order=_EARLY,
        message="Required 'topics' parameter is missing.",
        hint="Kafka mappings read one topic: add --topics <topic-name>.",
        evidence="[M] Topics list min 1 (required for Kafka); [D] msk-esm-parameters / kafka-esm-parameters. Message "
        "unknown: R-KAF-3's wording is assumed",
    ),
    _rule(
        "R-KAF-3", "SourceAccessConfigurations", _access_missing, SMK, verbatim=True, order=_EARLY,
        message="Required 'sourceAccessConfigurations' parameter is missing.",
        hint="Tell Lambda how to reach your cluster: add --source-access-configurations with an auth secret "
        "(e.g. Type=SASL_SCRAM_512_AUTH,URI=<secret-arn>) and/or VPC_SUBNET and VPC_SECURITY_GROUP entries.",
        evidence="[S] test_lambda_api.snapshot.json :: test_create_event_source_self_managed → "
        "missing-source-access-configuration (03-09-2024); the docs table says optional (drift, R-KAF-3)",
    ),
    access_type_rule(
        "R-KAF-4.type-msk",
        Source.MSK,
        topic="kafka",
        evidence=_SAC_EVIDENCE,
        refs=("R-KAF-4",),
    ),
    access_type_rule(
        "R-KAF-4.type-self-managed",
        Source.SELF_MANAGED_KAFKA,
        topic="kafka",
        evidence=_SAC_EVIDENCE,
        refs=("R-KAF-4",),
    ),
    _dependency(
        "R-KAF-4.oauth-extras",
        _OAUTH_EXTRAS,
        ("OAUTHBEARER_AUTH",),
        "Add an OAUTHBEARER_AUTH entry (the secret with the OAuth credentials) next to <type>.",
    ),
    _dependency(
        "R-KAF-4.oauth-audience",
        ("OAUTHBEARER_AUDIENCE",),
        ("OAUTHBEARER_AUTH", "IAM_OAUTHBEARER_AUTH"),
        "Add an OAUTHBEARER_AUTH or IAM_OAUTHBEARER_AUTH entry next to OAUTHBEARER_AUDIENCE.",
    ),
    _dependency(
        "R-KAF-4.iam-oauth-audience",
        ("IAM_OAUTHBEARER_AUTH",),
        ("OAUTHBEARER_AUDIENCE",),
        "IAM_OAUTHBEARER_AUTH needs the audience: add Type=OAUTHBEARER_AUDIENCE,URI=<audience>.",
    ),
    _rule(
        "R-KAF-4.iam-oauth-exclusive", "SourceAccessConfigurations", _iam_oauth_exclusive, SMK,
        without_source=True, refs=("R-KAF-4",),
        message="Source access configuration type IAM_OAUTHBEARER_AUTH does not support <type>.",
        hint="With IAM_OAUTHBEARER_AUTH keep only OAUTHBEARER_AUDIENCE among the OAuth entries: remove <type>.",
        evidence=_SAC_EVIDENCE,
    ),
    _rule(
        "R-KAF-4.iam-no-uri", "SourceAccessConfigurations", _iam_without_uri, SMK,
        without_source=True, refs=("R-KAF-4",),
        message="Source access configuration type <type> does not take a URI.",
        hint="The execution role signs <type> connections, so there is no secret: remove URI from that entry.",
        evidence=_SAC_EVIDENCE + " (\"Omit the URI field for this type\")",
    ),
    _rule(
        "R-KAF-6.queue-position", ("StartingPosition", "StartingPositionTimestamp"), _queue_mode_position, SMK,
        operations=CREATE_ONLY, refs=("R-KAF-6", "R-SP-5"),
        message="Unsupported '<camel>' parameter for given event source mapping type.",
        hint="Queue consumption mode (share groups) has no starting position: remove <camel>.",
        evidence="[M] ConsumptionMode doc: \"When ConsumptionMode is Queue, the StartingPosition, "
        "StartingPositionTimestamp, and MaximumBatchingWindowInSeconds parameters are not supported\". Message "
        "unknown: the R-APP-2 template is assumed",
    ),
    _rule(
        "R-KAF-6.queue-retries", "MaximumRetryAttempts", _queue_mode_retries, SMK, refs=("R-KAF-6", "R-STR-4"),
        message="MaximumRetryAttempts -1 (infinite) is not supported when ConsumptionMode is Queue.",
        hint="In Queue mode give a finite --maximum-retry-attempts (default 0); the broker redelivers up to "
        "group.share.delivery.count.limit.",
        evidence="[M] MaximumRetryAttempts doc: \"For Kafka event source mappings with ConsumptionMode set to Queue, "
        "the value -1 (infinite retries) is not supported\". Message unknown",
    ),
    _rule(
        "R-KAF-7.glue-access",
        ("AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"), _glue_with_access, KAFKA,
        without_source=True, refs=("R-KAF-7",),
        message="AccessConfigs are not supported for an AWS Glue schema registry.",
        hint="Lambda reaches a Glue registry with the execution role: remove AccessConfigs (they are for Confluent "
        "registries).",
        evidence="[M] KafkaSchemaRegistryAccessConfig doc: \"If you're working with an Glue schema registry, don't "
        "provide authentication details in this object\". Message unknown",
    ),
)

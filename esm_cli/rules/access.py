"""Which SourceAccessConfigurations types a source takes (SourceAccessType doc [M]).

Shared by the Kafka (R-KAF-4), MQ (R-MQ-2) and DocumentDB (R-DOC-3) rules. Only the
entries this request sends are judged: the list is replaced as a whole on update.
"""

from __future__ import annotations

from esm_cli.rules.base import Context, Finding, Rule, rule_maker, source_access_types
from esm_cli.sources import Source

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

# Per the SourceAccessType documentation in botocore's model.
ALLOWED_TYPES: dict[Source, frozenset[str]] = {
    Source.MSK: frozenset({"SASL_SCRAM_512_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"}),
    Source.SELF_MANAGED_KAFKA: frozenset(
        {
            "BASIC_AUTH",
            "VPC_SUBNET",
            "VPC_SECURITY_GROUP",
            "SASL_SCRAM_256_AUTH",
            "SASL_SCRAM_512_AUTH",
            "CLIENT_CERTIFICATE_TLS_AUTH",
            "SERVER_ROOT_CA_CERTIFICATE",
            "OAUTHBEARER_AUTH",
            "OAUTHBEARER_SCOPE",
            "OAUTHBEARER_AUDIENCE",
            "OAUTHBEARER_LOGICAL_CLUSTER",
            "OAUTHBEARER_IDENTITY_POOL",
            "IAM_AUTH",
            "IAM_OAUTHBEARER_AUTH",
        }
    ),
    # ActiveMQ and RabbitMQ cannot be told apart offline, so VIRTUAL_HOST (RabbitMQ only) passes.
    Source.MQ: frozenset({"BASIC_AUTH", "VIRTUAL_HOST"}),
    Source.DOCUMENTDB: frozenset({"BASIC_AUTH"}),
}


def _wrong_types(ctx: Context) -> Iterable[Finding]:
    allowed = ALLOWED_TYPES.get(ctx.source) if ctx.source else None
    if allowed is None:
        return
    for index, kind, _ in source_access_types(ctx.request):
        if kind not in allowed and kind in _KNOWN:
            yield Finding(
                "SourceAccessConfigurations",
                {"type": kind, "allowed": ", ".join(sorted(allowed))},
                path=f"sourceAccessConfigurations.{index + 1}.member.type",
                position=(index,),
            )


# Unknown type names are model errors (enum), reported there rather than twice.
_KNOWN = frozenset().union(*ALLOWED_TYPES.values())


def access_type_rule(rule_id: str, source: Source, *, topic: str, evidence: str, refs: tuple[str, ...]) -> Rule:
    """Reject SourceAccessConfigurations types ``source`` does not take."""
    return rule_maker(topic)(
        rule_id, "SourceAccessConfigurations", _wrong_types, frozenset({source}), refs=refs,
        message="Unsupported source access configuration type '<type>' for given event source mapping type.",
        hint="<source> takes these SourceAccessConfigurations types: <allowed>.",
        evidence=evidence,
    )

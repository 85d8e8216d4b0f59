"""The resources a mapping names, as the requirements table's templates need them ({source}, {secret} …).

Topic and group ARNs of MSK follow IAM's pattern for Kafka data-plane resources
(arn:aws:kafka:region:account:topic/<cluster name>/<cluster uuid>/<topic>), see docs/permissions.md.
"""

from __future__ import annotations

from typing import Any

_SECRET_TYPES = (
    "BASIC_AUTH",
    "SASL_SCRAM_256_AUTH",
    "SASL_SCRAM_512_AUTH",
    "CLIENT_CERTIFICATE_TLS_AUTH",
    "SERVER_ROOT_CA_CERTIFICATE",
)


def on_failure_destination(mapping: dict[str, Any]) -> str | None:
    destination = ((mapping.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
    return destination if isinstance(destination, str) and destination else None


def secrets(mapping: dict[str, Any]) -> list[str]:
    return [
        c["URI"]
        for c in mapping.get("SourceAccessConfigurations") or []
        if isinstance(c, dict) and c.get("Type") in _SECRET_TYPES and isinstance(c.get("URI"), str)
    ]


def in_vpc(mapping: dict[str, Any]) -> bool:
    return any(
        isinstance(c, dict) and c.get("Type") in ("VPC_SUBNET", "VPC_SECURITY_GROUP")
        for c in mapping.get("SourceAccessConfigurations") or []
    )


def key_arn(key_id: str, source_arn: str) -> str:
    """A KMS key ARN for an id, key ARN or alias as SQS/Kinesis report it (same account and region as the source)."""
    if key_id.startswith("arn:"):
        return key_id
    parts = source_arn.split(":")
    prefix = f"arn:{parts[1]}:kms:{parts[3]}:{parts[4]}" if len(parts) >= 5 else "arn:aws:kms:*:*"
    return f"{prefix}:{key_id}" if key_id.startswith("alias/") else f"{prefix}:key/{key_id}"


def is_customer_key(key_id: str | None) -> bool:
    """True for a customer managed key; AWS managed keys (alias/aws/…) need no grant in the role."""
    return bool(key_id) and "alias/aws/" not in str(key_id)


def resource_values(mapping: dict[str, Any], source_kms_key: str | None) -> dict[str, list[str]]:
    source = mapping.get("EventSourceArn") or ""
    values: dict[str, list[str]] = {"source": [source] if source else []}
    if "/consumer/" in source:
        values["stream"] = [source.split("/consumer/")[0]]
        values["consumer"] = [source]
    else:
        values["stream"] = [source] if source else []
        values["consumer"] = []
    values["secret"] = secrets(mapping)
    parts = source.split(":")
    if len(parts) >= 6 and parts[2] == "kafka":
        # topic/group ARNs: arn:aws:kafka:region:account:topic/<cluster name>/<cluster uuid>/<name>
        cluster = parts[5].split("/", 1)[1] if "/" in parts[5] else parts[5]
        base = ":".join(parts[:5])
        group = (
            ((mapping.get("AmazonManagedKafkaEventSourceConfig") or {}).get("ConsumerGroupId"))
            or mapping.get("UUID")
            or "*"
        )
        values["topic"] = [f"{base}:topic/{cluster}/{t}" for t in mapping.get("Topics") or []] or [
            f"{base}:topic/{cluster}/*"
        ]
        values["group"] = [f"{base}:group/{cluster}/{group}"]
        destination = on_failure_destination(mapping) or ""
        if destination.startswith("kafka://"):
            values["dest_topic"] = [f"{base}:topic/{cluster}/{destination[len('kafka://') :]}"]
    destination = on_failure_destination(mapping)
    values["destination"] = [destination] if destination else []
    if destination and destination.startswith("arn:") and ":s3:" in destination:
        values["bucket"] = [destination]
    values["key"] = [key_arn(source_kms_key, source)] if is_customer_key(source_kms_key) and source else []
    filter_key = mapping.get("KMSKeyArn")
    values["filter_key"] = [filter_key] if isinstance(filter_key, str) and filter_key else []
    return values

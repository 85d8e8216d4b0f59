"""Which stored mapping a file entry stands for: the service's own uniqueness key.

Lambda refuses a second mapping for the same function and source (and, for Kafka, the same
topics, with any bootstrap server in common for a self-managed cluster); the local backend's
``conflicts`` states that rule once, and matching reuses it. A Kafka entry whose topics
changed still stands for the mapping of the same function and cluster: it is replaced.
"""

from __future__ import annotations

from typing import Any

from esm_cli.backends.local.behaviour import brokers_of, conflicts
from esm_cli.sources import Source


def function_key(function: str) -> tuple[str, str | None]:
    """(name, qualifier) of any accepted FunctionName form or a FunctionArn.

    A file says ``fn`` where the service answers ``arn:aws:lambda:…:function:fn``; both name
    the same function in the backend's own account and region.
    """
    parts = function.split(":")
    if "function" in parts:
        at = parts.index("function")
        name = parts[at + 1] if len(parts) > at + 1 else function
        qualifier = parts[at + 2] if len(parts) > at + 2 else None
        return name, qualifier
    if len(parts) == 2:
        return parts[0], parts[1]
    return parts[-1], None


def same_mapping(source: Source | None, wanted: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Whether the service would refuse ``wanted`` as a duplicate of ``stored`` (same function)."""
    return conflicts(source, wanted, stored)


def same_cluster(source: Source | None, wanted: dict[str, Any], stored: dict[str, Any]) -> bool:
    """A Kafka mapping of the same cluster whose topics differ: the entry replaces it."""
    if source is Source.SELF_MANAGED_KAFKA:
        return bool(set(brokers_of(wanted)) & set(brokers_of(stored)))
    if source is Source.MSK:
        return wanted.get("EventSourceArn") == stored.get("EventSourceArn")
    return False

"""The registry: every rule, built once on first use (importing ``esm_cli.rules`` stays cheap)."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from esm_cli.rules.base import TOPIC_RANK, WRITE, Rule

# Topic modules, each exposing RULES. Their order here does not matter: the engine sorts
# violations by phase and topic rank, and a test shuffles this registry to prove it.
TOPIC_MODULES = (
    "source_rules",
    "identifiers",
    "update",
    "applicability",
    "batching",
    "starting_position",
    "streams",
    "destinations",
    "response_types",
    "filters",
    "scaling",
    "pollers",
    "observability",
    "kafka",
    "mq",
    "documentdb",
)


@lru_cache(maxsize=1)
def registry() -> tuple[Rule, ...]:
    """All rules: the spec-generated model rules, then every topic module's."""
    from esm_cli.rules.modelrules import generate

    rules: list[Rule] = list(generate())
    for name in TOPIC_MODULES:
        rules.extend(import_module(f"esm_cli.rules.{name}").RULES)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuntimeError(f"duplicate rule id {rule.id}")
        if rule.topic not in TOPIC_RANK:
            raise RuntimeError(f"rule {rule.id} has unknown topic {rule.topic!r}")
        seen.add(rule.id)
    return tuple(rules)


@lru_cache(maxsize=None)
def registry_for(operation: str) -> tuple[Rule, ...]:
    """The rules that can apply to ``operation``.

    Reads (get, delete, list) are checked only against the model and the identifier rules,
    so they skip building the whole registry: that is most of a `get`'s start-up time.
    """
    if operation in WRITE:
        return registry()
    from esm_cli.rules.identifiers import RULES as identifier_rules
    from esm_cli.rules.modelrules import generate_for

    return generate_for(operation) + tuple(r for r in identifier_rules if operation in r.operations)


def rule_by_id(rule_id: str) -> Rule:
    """One rule by its id (KeyError when there is none)."""
    for rule in registry():
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)

"""Running rules: build what they see, collect every violation, order them as AWS would.

The order is a property of the violations (phase, topic, rule id, position), never of the
registry's order, so the set and the sequence reported do not depend on how rules are listed.
"""

from __future__ import annotations

from collections import abc

from esm_cli.rules import Violation
from esm_cli.rules.base import CREATE, TOPIC_RANK, UPDATE, Context, Finding, Phase, Rule, natural_key
from esm_cli.sources import Source, classify

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Iterable, Mapping

# Members of a stored mapping (a Get response) that are not configuration.
RESPONSE_ONLY = frozenset(
    {
        "UUID",
        "FunctionArn",
        "LastModified",
        "LastProcessingResult",
        "State",
        "StateTransitionReason",
        "EventSourceMappingArn",
        "FilterCriteriaError",
    }
)


def merged_config(stored: Mapping[str, Any], request: Mapping[str, Any]) -> dict[str, Any]:
    """The configuration an update leaves: stored members, overwritten by the request's (R-UPD-4).

    Structures replace structures whole, as AWS does; an empty ``{}`` removes the block
    (``ScalingConfig: {}``, ``FilterCriteria: {}``, R-UPD-7); an omitted member keeps its value.
    """
    config = {key: value for key, value in stored.items() if key not in RESPONSE_ONLY}
    for key, value in request.items():
        if key == "UUID":
            continue
        if isinstance(value, dict) and not value:
            config.pop(key, None)
        else:
            config[key] = value
    return config


def make_context(request: Any, operation: str, stored: Any = None) -> Context:
    """What rules see for ``request``; tolerant of anything (rules must never raise)."""
    sent: dict[str, Any] = dict(request) if isinstance(request, abc.Mapping) else {}
    held = dict(stored) if isinstance(stored, abc.Mapping) else None
    config = merged_config(held, sent) if operation == UPDATE and held is not None else sent
    source = classify(config) if operation in (CREATE, UPDATE) else None
    return Context(operation=operation, request=sent, config=config, stored=held, source=source)


def applies(rule: Rule, ctx: Context) -> bool:
    """Does the rule run for this operation and source?"""
    if ctx.operation not in rule.operations:
        return False
    if rule.sources is None:
        return True
    if ctx.source is None or ctx.source is Source.UNKNOWN:
        return rule.without_source
    return ctx.source in rule.sources


def _fill(template: str, values: Mapping[str, Any]) -> str:
    for key, value in values.items():
        template = template.replace(f"<{key}>", str(value))
    return template


def _violation(rule: Rule, finding: Finding, ctx: Context) -> Violation:
    values = {"source": ctx.source.label if ctx.source else "this source", **finding.values}
    return Violation(
        rule_id=rule.id,
        code=rule.code,
        message=finding.message if finding.message is not None else _fill(rule.message, values),
        param=finding.param,
        hint=finding.hint if finding.hint is not None else _fill(rule.hint, values),
        path=finding.path,
        detail=finding.detail,
        evidence=rule.evidence,
    )


def _sort_key(rule: Rule, finding: Finding, violation: Violation) -> tuple[Any, ...]:
    # Model violations follow the request's member order (then list index, then constraint),
    # the rest their topic and rule id; AWS lists model errors in one message in that order.
    model_position = finding.position if rule.phase is Phase.MODEL else ()
    rank = rule.order if rule.phase is not Phase.MODEL and rule.order else (TOPIC_RANK.get(rule.topic, 99),)
    return (
        int(rule.phase),
        model_position,
        rank,
        natural_key(rule.id),
        finding.position,
        finding.param,
        violation.path,
        violation.message,  # last resort, so the order is total and never the registry's
    )


def run(rules: Iterable[Rule], request: Any, operation: str, *, stored: Any = None) -> list[Violation]:
    """Every violation of ``request``, the one AWS reports first at index 0."""
    ctx = make_context(request, operation, stored)
    found: dict[Violation, tuple[Any, ...]] = {}
    for rule in rules:
        if not applies(rule, ctx):
            continue
        for finding in rule.check(ctx):
            violation = _violation(rule, finding, ctx)
            key = _sort_key(rule, finding, violation)
            if violation not in found or key < found[violation]:
                found[violation] = key
    return sorted(found, key=found.__getitem__)

"""Rules generated from the spec: the model constraints botocore's client does not check.

botocore checks required members, types and *minimum* lengths/values before sending; the
service's framework then checks maximum lengths and values, enums and patterns, and answers
all of them at once as one ``ValidationException`` (docs/aws-facts.md#error-envelopes)::

    2 validation errors detected: Value '20000' at 'batchSize' failed to satisfy constraint:
    Member must have value less than or equal to 10000; Value 'X' at 'startingPosition' …

Paths are lower-camel member names (``destinationConfig.onFailure.destination``); list items
are ``<list>.<1-based index>.member`` and constraints on list items, map keys and map values
are bracketed lists of the member's whole constraint set, as AWS's other Lambda front ends
print them (``cors.allowMethods`` … ``Member must satisfy constraint: [Member must have length
less than or equal to 6, …, Member must not be null]``).
"""

from __future__ import annotations

from esm_cli import spec
from esm_cli.rules.base import ALL_OPERATIONS, VALIDATION, Context, Finding, Phase, Rule, as_int, lower_camel
from esm_cli.rules.javaregex import full_match
from esm_cli.rules.modeltables import CATALOGUE_IDS, PATTERN_HINTS, TRIVIAL_PATTERNS, refs_for
from esm_cli.rules.modelvalues import bracket, is_checked, enum_values, java_repr, utf16_length, satisfies

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator


_KIND_RANK = {"max": 0, "enum": 1, "pattern": 1, "member": 1, "key": 1, "value": 2}


class _Target:
    """One (member path, constraint kind) pair found in the operations' request shapes."""

    def __init__(self, path: tuple[str, ...], shape: str, kind: str) -> None:
        self.path = path  # API member names; "*" stands for every item of a list
        self.shape = shape
        self.kind = kind  # max | enum | pattern | member (list items) | key | value (map entries)
        self.member_orders: dict[str, tuple[int, ...]] = {}  # per operation; -1 at "*"


def _targets() -> list[_Target]:
    """Walk every operation's request shape, in model order, collecting checkable constraints."""
    found: dict[tuple[tuple[str, ...], str], _Target] = {}

    def add(path: tuple[str, ...], shape_name: str, kind: str, op: str, order: tuple[int, ...]) -> None:
        target = found.setdefault((path, kind), _Target(path, shape_name, kind))
        target.member_orders.setdefault(op, order)

    def walk(shape_name: str, path: tuple[str, ...], order: tuple[int, ...], op: str, depth: int) -> None:
        entry = spec.shape(shape_name)
        kind = entry["type"]
        if depth > 8:
            return
        if kind == "string":
            if "max" in entry:
                add(path, shape_name, "max", op, order)
            if "enum" in entry:
                add(path, shape_name, "enum", op, order)
            if entry.get("pattern", ".*") not in TRIVIAL_PATTERNS:
                add(path, shape_name, "pattern", op, order)
        elif kind in ("integer", "long"):
            if "max" in entry:
                add(path, shape_name, "max", op, order)
        elif kind == "list":
            if "max" in entry:
                add(path, shape_name, "max", op, order)
            member = entry["member"]
            if spec.type_of(member) == "structure":
                walk(member, path + ("*",), order + (-1,), op, depth + 1)
            elif is_checked(member):
                add(path, shape_name, "member", op, order)
        elif kind == "map":
            if "max" in entry:
                add(path, shape_name, "max", op, order)
            if is_checked(entry["key"]):
                add(path, shape_name, "key", op, order)
            if is_checked(entry["value"]):
                add(path, shape_name, "value", op, order)
        elif kind == "structure":
            for index, (name, member) in enumerate(entry["members"].items()):
                walk(member["shape"], path + (name,), order + (index,), op, depth + 1)

    for op in ALL_OPERATIONS:
        walk(spec.operation(op)["input"], (), (), op, 0)
    return list(found.values())


def _resolve(value: Any, path: tuple[str, ...], indexes: tuple[int, ...] = ()) -> Iterator[tuple[Any, tuple[int, ...]]]:
    """Every value at ``path`` in a request, with the list indexes that led there."""
    if not path:
        yield value, indexes
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _resolve(item, rest, indexes + (index,))
    elif isinstance(value, dict) and value.get(head) is not None:
        yield from _resolve(value[head], rest, indexes)


def _camel_path(path: tuple[str, ...], indexes: tuple[int, ...] | None) -> str:
    """``sourceAccessConfigurations.2.member.type``; ``<n>`` in place of indexes for the docs."""
    parts: list[str] = []
    pending = list(indexes) if indexes is not None else None
    for name in path:
        if name == "*":
            number = str(pending.pop(0) + 1) if pending is not None else "<n>"
            parts.append(f"{number}.member")
        else:
            parts.append(lower_camel(name))
    return ".".join(parts)


def _constraint(target: _Target) -> str:
    entry = spec.shape(target.shape)
    if target.kind == "max":
        noun = "value" if entry["type"] in ("integer", "long") else "length"
        return f"Member must have {noun} less than or equal to {entry['max']}"
    if target.kind == "enum":
        return f"Member must satisfy enum value set: [{', '.join(enum_values(target.shape))}]"
    if target.kind == "pattern":
        return f"Member must satisfy regular expression pattern: {entry['pattern']}"
    if target.kind == "member":
        return bracket("Member must satisfy constraint", entry["member"])
    if target.kind == "key":
        return bracket("Map keys must satisfy constraint", entry["key"])
    return bracket("Map value must satisfy constraint", entry["value"])


def _violates(target: _Target, value: Any) -> bool:
    entry = spec.shape(target.shape)
    if target.kind == "max":
        if entry["type"] in ("integer", "long"):
            number = as_int(value)
            return number is not None and number > entry["max"]
        if entry["type"] == "string":
            return isinstance(value, str) and utf16_length(value) > entry["max"]
        container = list if entry["type"] == "list" else dict  # the wrong type is botocore's to report
        return isinstance(value, container) and len(value) > entry["max"]
    if target.kind == "enum":
        return isinstance(value, str) and value not in entry["enum"]
    if target.kind == "pattern":
        return isinstance(value, str) and not full_match(entry["pattern"], value)
    if target.kind == "member":
        return isinstance(value, list) and not all(satisfies(entry["member"], item) for item in value)
    if target.kind == "key":
        return isinstance(value, dict) and not all(satisfies(entry["key"], key) for key in value)
    return isinstance(value, dict) and not all(satisfies(entry["value"], item) for item in value.values())


def _hint(target: _Target) -> str:
    entry = spec.shape(target.shape)
    api_path = ".".join(name if name != "*" else "[]" for name in target.path).replace(".[]", "[]")
    leaf = next((name for name in reversed(target.path) if name != "*"), "")
    if target.kind == "max":
        if entry["type"] in ("integer", "long"):
            return f"Use a {api_path} of at most {entry['max']}."
        if entry["type"] == "string":
            return f"Shorten {api_path} to at most {entry['max']} characters."
        return f"Give at most {entry['max']} {'entry' if entry['max'] == 1 else 'entries'} in {api_path}."
    if target.kind == "enum":
        return f"Use one of: {', '.join(entry['enum'])}."
    special = PATTERN_HINTS.get(leaf) or PATTERN_HINTS.get(target.path[0])
    if target.kind == "member" and spec.shape(entry["member"]).get("enum"):
        return f"Each item must be one of: {', '.join(spec.shape(entry['member'])['enum'])}."
    return special or f"Make {api_path} match the constraint shown."


def _make_rule(target: _Target) -> Rule:
    path_key = ".".join(name for name in target.path if name != "*")
    constraint = _constraint(target)
    top = target.path[0]
    kind_rank = _KIND_RANK[target.kind]

    def check(ctx: Context) -> Iterable[Finding]:
        order = target.member_orders.get(ctx.operation, ())
        for value, indexes in _resolve(ctx.request, target.path):
            if not _violates(target, value):
                continue
            camel = _camel_path(target.path, indexes)
            detail = f"Value '{java_repr(value)}' at '{camel}' failed to satisfy constraint: {constraint}"
            slots = iter(indexes)
            position = tuple(next(slots) if step == -1 else step for step in order) + (kind_rank,)
            yield Finding(
                top,
                message=f"1 validation error detected: {detail}",
                detail=detail,
                path=camel,
                position=position,
            )

    recorded = target.kind in ("enum", "pattern") or (target.kind == "max" and spec.type_of(target.shape) == "string")
    evidence = "[M] botocore 1.44.8 model constraint; not checked by the client (botocore checks min only)"
    if rule_id(target) == "R-SP-1":
        evidence = (
            "[S] test_lambda_api.snapshot.json :: TestLambdaEventSourceMappings::test_create_event_source_validation"
            " → invalid_starting_position (25-11-2025); note AWS's value order"
        )
    elif recorded:
        evidence += "; message format R-ERR-4 [S]"
    else:
        evidence += "; message format R-ERR-4 by symmetry (wording seen in other Lambda APIs [U])"
    return Rule(
        id=rule_id(target),
        topic="model",
        params=(top,),
        code=VALIDATION,
        message=f"Value '<value>' at '{_camel_path(target.path, None)}' failed to satisfy constraint: {constraint}",
        hint=_hint(target),
        evidence=evidence,
        check=check,
        sources=None,
        operations=frozenset(target.member_orders),
        phase=Phase.MODEL,
        verbatim=recorded,
        refs=refs_for(path_key),
        order=(0,) + min(target.member_orders.values()) + (kind_rank,),
    )


def rule_id(target: _Target) -> str:
    """The id of a target's rule: the catalogue's where it names one, else ``M-<path>-<kind>``."""
    path_key = ".".join(name for name in target.path if name != "*")
    return CATALOGUE_IDS.get((path_key, target.kind), f"M-{path_key}-{target.kind}")


def targets() -> list[tuple[str, tuple[str, ...], str, str]]:
    """(rule id, API path with "*" for list items, shape name, kind) of every model rule."""
    return [(rule_id(t), t.path, t.shape, t.kind) for t in _targets()]


def generate() -> tuple[Rule, ...]:
    """Every model rule, in model order (the order the registry lists them in docs)."""
    return tuple(_make_rule(target) for target in _targets())


def generate_for(operation: str) -> tuple[Rule, ...]:
    """The model rules of one operation's request shape only."""
    return tuple(_make_rule(target) for target in _targets() if operation in target.member_orders)

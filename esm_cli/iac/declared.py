"""What every format compiles to: a mapping as the API would receive it, with where it was written.

A value that cannot be known before deploy (a parameter without a default, an import, a data
source, an attribute computed by AWS) is an ``Unknown`` holding the expression as written; the
checks report the rules that need it as "not checked" instead of guessing (docs/iac.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from esm_cli.iac.findings import Finding
from esm_cli.iac.positions import Position


class Unknown:
    """A value known only at deploy time; ``text`` is how the file writes it (``!Ref QueueArn``)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Unknown({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def first_unknown(value: Any) -> Unknown | None:
    """The first Unknown anywhere inside ``value``, or None when it is fully known."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Unknown):
            return item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


@dataclass
class Role:
    """The execution role as the same files declare it: its policies, resolved."""

    name: str  # logical id, Terraform address, or "the role SAM creates"
    policies: list[dict[str, Any]] = field(default_factory=list)
    unknown: str = ""  # non-empty: a policy esm could not read (why), so the check is skipped
    where: Position = (0, 0)


@dataclass
class Declared:
    """One event source mapping declared in a file, compiled to an API request."""

    file: str
    resource: str  # logical id, Terraform address, serverless function event, mapping n
    kind: str  # cloudformation | sam | terraform | terraform-plan | serverless | mappings
    request: dict[str, Any]
    where: Position
    positions: dict[str, Position] = field(default_factory=dict)  # API member → where it is written
    facts: dict[str, Any] = field(default_factory=dict)  # the doctor's facts: queue_visibility_timeout, …
    fact_positions: dict[str, Position] = field(default_factory=dict)
    role: Role | None = None
    notes: list[Finding] = field(default_factory=list)  # what compiling found (e.g. a bad block)
    # member → the node as written, when it is written with the API's own names (CloudFormation,
    # mappings files, SAM's pass-through properties): nested problems then point inside it.
    nodes: dict[str, Any] = field(default_factory=dict)

    def position(self, member: str, inner: list[str | int] | None = None) -> Position:
        """Where ``member`` is written; with ``inner`` (keys and 0-based indexes), as deep as the file allows."""
        from esm_cli.iac.positions import key_position

        where = self.positions.get(member, self.where)
        node = self.nodes.get(member)
        for step in inner or []:
            index_ok = isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node)
            key_ok = isinstance(step, str) and isinstance(node, dict) and step in node
            if not (index_ok or key_ok):
                break
            where, node = key_position(node, step, where), node[step]  # type: ignore[index]
        return where


REQUEST_SHAPE = "CreateEventSourceMappingRequest"


def coerce_scalars(value: Any, shape_name: str = REQUEST_SHAPE) -> Any:
    """Numbers and booleans written as strings, converted as CloudFormation and Terraform do.

    Both tools convert ``"5"`` for an integer property and ``"true"`` for a boolean before
    calling the API, so the rules see what is sent (docs/iac.md, "Each format as its tool
    compiles it"). Anything that does not convert is left for the client-side checks.
    """
    from esm_cli import spec

    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind in ("integer", "long") and isinstance(value, str):
        text = value.strip()
        return int(text) if text.lstrip("-").isdigit() else value
    if kind == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if kind == "structure" and isinstance(value, dict):
        members = entry["members"]
        return {k: coerce_scalars(v, members[k]["shape"]) if k in members else v for k, v in value.items()}
    if kind == "list" and isinstance(value, list):
        return [coerce_scalars(item, entry["member"]) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {k: coerce_scalars(v, entry["value"]) for k, v in value.items()}
    return value

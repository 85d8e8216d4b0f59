"""The committed snapshot of botocore's Lambda model for the five mapping operations.

Everything that knows a member name, a type, a range or an enum reads it from here,
so that the CLI starts without botocore (a TAB press should not pay for it).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

# Paths are strings here and on the whole start-up path: pathlib costs a local command a few
# milliseconds (it imports urllib.parse and ipaddress) for nothing os.path cannot do.
SNAPSHOT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lambda_esm.json")

SCALAR_TYPES = frozenset({"string", "integer", "long", "boolean", "timestamp", "double", "float", "blob"})


@lru_cache(maxsize=1)
def snapshot() -> dict[str, Any]:
    """The parsed snapshot (loaded once per process)."""
    with open(SNAPSHOT_PATH, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def shape(name: str) -> dict[str, Any]:
    """A shape by its model name, e.g. ``BatchSize`` or ``FilterCriteria``."""
    return snapshot()["shapes"][name]  # type: ignore[no-any-return]


def operation(api_name: str) -> dict[str, Any]:
    """An operation entry: command, http, input, output, errors, doc, paginator."""
    return snapshot()["operations"][api_name]  # type: ignore[no-any-return]


def operation_names() -> list[str]:
    """API names of the five operations, in presentation order."""
    return list(snapshot()["operations"])


def command_to_operation() -> dict[str, str]:
    """``create-event-source-mapping`` → ``CreateEventSourceMapping``."""
    return {op["command"]: name for name, op in snapshot()["operations"].items()}


def input_members(api_name: str) -> dict[str, dict[str, Any]]:
    """Request members of an operation in model order (each has ``shape``, ``flag``, ``doc``)."""
    return shape(operation(api_name)["input"])["members"]  # type: ignore[no-any-return]


def required_members(api_name: str) -> list[str]:
    """Members the model marks required for an operation's request."""
    return list(shape(operation(api_name)["input"]).get("required", []))


def type_of(shape_name: str) -> str:
    """The model type of a shape: structure, list, map, string, integer, boolean, timestamp…"""
    return shape(shape_name)["type"]  # type: ignore[no-any-return]


def is_scalar(shape_name: str) -> bool:
    """True for shapes the AWS CLI takes as a single plain value."""
    return type_of(shape_name) in SCALAR_TYPES


def timestamp_paths(shape_name: str) -> list[tuple[str, ...]]:
    """Key paths of timestamp members below a structure (``*`` stands for a list item)."""
    paths: list[tuple[str, ...]] = []

    def walk(name: str, prefix: tuple[str, ...], depth: int) -> None:
        entry = shape(name)
        if depth > 8:
            return
        kind = entry["type"]
        if kind == "timestamp":
            paths.append(prefix)
        elif kind == "structure":
            for member_name, member in entry["members"].items():
                walk(member["shape"], prefix + (member_name,), depth + 1)
        elif kind == "list":
            walk(entry["member"], prefix + ("*",), depth + 1)

    walk(shape_name, (), 0)
    return paths

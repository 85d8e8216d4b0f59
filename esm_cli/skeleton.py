"""``--generate-cli-skeleton input``: every request member with a placeholder value.

AWS picks a random enum value per run; esm picks the first, so the output is stable
and can be committed or diffed.
"""

from __future__ import annotations

from typing import Any

from esm_cli import spec

_PLACEHOLDERS: dict[str, Any] = {
    "string": "",
    "integer": 0,
    "long": 0,
    "boolean": True,
    "double": 0.0,
    "float": 0.0,
    "timestamp": "1970-01-01T00:00:00",
    "blob": "",
}


def placeholder(shape_name: str, depth: int = 0) -> Any:
    """A placeholder value for a shape, as the AWS CLI's skeleton generator writes it."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "structure":
        if depth > 6:  # the model has no recursion today; stay safe if it gains some
            return {}
        return {name: placeholder(m["shape"], depth + 1) for name, m in entry["members"].items()}
    if kind == "list":
        return [placeholder(entry["member"], depth + 1)]
    if kind == "map":
        return {"KeyName": placeholder(entry["value"], depth + 1)}
    if kind == "string" and entry.get("enum"):
        return entry["enum"][0]
    return _PLACEHOLDERS[kind]


def input_skeleton(operation: str) -> dict[str, Any]:
    """The JSON input skeleton of an operation: all request members in model order."""
    return placeholder(spec.operation(operation)["input"])  # type: ignore[no-any-return]

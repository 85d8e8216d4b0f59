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


def placeholder(shape_name: str, stack: tuple[str, ...] = ()) -> Any:
    """A placeholder value for a shape, as the AWS CLI's skeleton generator writes it.

    Shared by the JSON input skeleton and the YAML one (``esm_cli.skeleton_output``).
    """
    entry = spec.shape(shape_name)
    kind = entry["type"]
    stack += (shape_name,)
    if kind == "structure":
        if stack.count(shape_name) > 1:  # a recursive shape stops, as botocore's generator does
            return {}
        return {name: placeholder(m["shape"], stack) for name, m in entry["members"].items()}
    if kind == "list":
        return [placeholder(entry["member"], stack)]
    if kind == "map":
        return {"KeyName": placeholder(entry["value"], stack)}
    if kind == "string" and entry.get("enum"):
        return entry["enum"][0]
    return _PLACEHOLDERS[kind]


def input_skeleton(operation: str) -> dict[str, Any]:
    """The JSON input skeleton of an operation: all request members in model order."""
    return placeholder(spec.operation(operation)["input"])  # type: ignore[no-any-return]

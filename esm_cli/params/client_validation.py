"""The checks botocore's ``ParamValidator`` makes before sending (docs/aws-cli-behaviour.md#client-side-validation).

Checked: required members, unknown members, Python types, *minimum* string/list length and
*minimum* integer value, timestamp parseability. Not checked, because botocore does not: maxima,
enums, patterns, map sizes. Every problem is collected, in botocore's traversal order (the
request's own key order, depth first), and reported at once with botocore's line templates::

    Parameter validation failed:
    Missing required parameter in input: "FunctionName"
    Invalid value for parameter ScalingConfig.MaximumConcurrency, value: 1, valid min value: 2

The service rules (esm_cli.rules) come after this and report AWS's own messages.
"""

from __future__ import annotations

from datetime import datetime

from esm_cli import spec
from esm_cli.errors import ParamValidationError
from esm_cli.params.timestamps import parse_datetime

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

_HEADER = "Parameter validation failed:"

# Python types botocore accepts per model type, and how it names them (str() of each class).
_SCALAR_TYPES: dict[str, tuple[str, ...]] = {
    "float": ("float", "decimal.Decimal", "int"),
    "double": ("float", "decimal.Decimal", "int"),
    "integer": ("int",),
    "long": ("int",),
    "boolean": ("bool",),
    "string": ("str",),
}
_CONTAINER_TYPES: dict[str, tuple[str, ...]] = {
    "structure": ("dict",),
    "map": ("dict",),
    "list": ("list", "tuple"),
}
_TIMESTAMP_TYPES = (str(datetime), "timestamp-string")
_BLOB_TYPES = (str(bytes), str(bytearray), "file-like object")
# Shape keys that make botocore validate list items one by one instead of type-checking them.
_ITEM_CONSTRAINTS = frozenset({"required", "min", "document", "union"})


def validate_client_side(request: dict[str, Any], input_shape: str) -> None:
    """Raise one ParamValidationError listing every problem botocore would find in ``request``."""
    lines = problems(request, input_shape)
    if lines:
        raise ParamValidationError("\n".join([_HEADER, *lines]))


def problems(request: Any, input_shape: str) -> list[str]:
    """botocore's report lines for ``request`` (API names), empty when it would send it."""
    found: list[str] = []
    _validate(request, input_shape, "", found)
    return found


def invalid_timestamp_error(value: Any, name: str) -> ParamValidationError:
    """The error for one unparseable timestamp at ``name`` (botocore's path, e.g. ``.Member``)."""
    return ParamValidationError(f"{_HEADER}\n{_invalid_type(name, value, _TIMESTAMP_TYPES)}")


def _display_name(name: str) -> str:
    # botocore builds ".Member.Sub" paths and strips one leading dot; the root is "input".
    if not name:
        return "input"
    return name[1:] if name.startswith(".") else name


def _invalid_type(name: str, value: Any, valid: tuple[str, ...]) -> str:
    return (
        f"Invalid type for parameter {_display_name(name)}, value: {value}, "
        f"type: {type(value)}, valid types: {', '.join(valid)}"
    )


def _class_names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"<class '{n}'>" for n in names)


_BUILTINS: dict[str, type] = {
    "float": float, "int": int, "bool": bool, "str": str, "dict": dict, "list": list, "tuple": tuple,
}


def _is_instance(value: Any, names: tuple[str, ...]) -> bool:
    for type_name in names:
        if type_name == "decimal.Decimal":
            # By name, so that decimal is never imported (the model has no float members today).
            if type(value).__module__ == "decimal" and type(value).__name__ == "Decimal":
                return True
        elif isinstance(value, _BUILTINS[type_name]):  # bool passes as int, as in botocore
            return True
    return False


def _type_ok(value: Any, names: tuple[str, ...], name: str, found: list[str]) -> bool:
    if _is_instance(value, names):
        return True
    found.append(_invalid_type(name, value, _class_names(names)))
    return False


def _check_min_length(length: int, entry: dict[str, Any], name: str, found: list[str]) -> None:
    minimum = entry.get("min")
    if minimum is not None and length < minimum:
        found.append(
            f"Invalid length for parameter {_display_name(name)}, value: {length}, valid min length: {minimum}"
        )


def _check_min_value(value: Any, entry: dict[str, Any], name: str, found: list[str]) -> None:
    minimum = entry.get("min")
    if minimum is not None and value < minimum:
        found.append(f"Invalid value for parameter {_display_name(name)}, value: {value}, valid min value: {minimum}")


def _validate(value: Any, shape_name: str, name: str, found: list[str]) -> None:
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "structure":
        _validate_structure(value, entry, name, found)
    elif kind == "list":
        _validate_list(value, entry, name, found)
    elif kind == "map":
        if _type_ok(value, _CONTAINER_TYPES["map"], name, found):
            for key, item in value.items():
                _validate(key, entry["key"], f"{name} (key: {key})", found)
                _validate(item, entry["value"], f"{name}.{key}", found)
    elif kind == "string":
        if _type_ok(value, _SCALAR_TYPES["string"], name, found):
            _check_min_length(len(value), entry, name, found)
    elif kind in ("integer", "long", "float", "double"):
        if _type_ok(value, _SCALAR_TYPES[kind], name, found):
            _check_min_value(value, entry, name, found)
    elif kind == "boolean":
        _type_ok(value, _SCALAR_TYPES["boolean"], name, found)
    elif kind == "timestamp":
        try:
            parse_datetime(value)
        except ValueError:
            found.append(_invalid_type(name, value, _TIMESTAMP_TYPES))
    elif kind == "blob":
        if not (isinstance(value, (bytes, bytearray, str)) or hasattr(value, "read")):
            found.append(_invalid_type(name, value, _BLOB_TYPES))


def _validate_structure(value: Any, entry: dict[str, Any], name: str, found: list[str]) -> None:
    if not _type_ok(value, _CONTAINER_TYPES["structure"], name, found):
        return
    members = entry["members"]
    # botocore's order: missing required members, then unknown keys, then each known key's value.
    for required in entry.get("required", []):
        if required not in value:
            found.append(f'Missing required parameter in {_display_name(name)}: "{required}"')
    for key in value:
        if key not in members:
            found.append(
                f'Unknown parameter in {_display_name(name)}: "{key}", must be one of: '
                + ", ".join(members)
            )
    for key, item in value.items():
        if key in members:
            _validate(item, members[key]["shape"], f"{name}.{key}", found)


def _validate_list(value: Any, entry: dict[str, Any], name: str, found: list[str]) -> None:
    if not _type_ok(value, _CONTAINER_TYPES["list"], name, found):
        return
    _check_min_length(len(value), entry, name, found)
    member = spec.shape(entry["member"])
    if member["type"] in _SCALAR_TYPES and not (_ITEM_CONSTRAINTS & member.keys()):
        # Unconstrained scalar items are only type-checked (botocore's shortcut; same messages).
        for index, item in enumerate(value):
            _type_ok(item, _SCALAR_TYPES[member["type"]], f"{name}[{index}]", found)
        return
    for index, item in enumerate(value):
        _validate(item, entry["member"], f"{name}[{index}]", found)

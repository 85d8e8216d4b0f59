"""How a model constraint reads and whether a value meets it: the AWS framework's constraint
texts (Java's string and number renderings, lengths in UTF-16 code units) and checks."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

from esm_cli import spec
from esm_cli.rules.base import as_int
from esm_cli.rules.javaregex import full_match
from esm_cli.rules.modeltables import ENUM_ORDER, TRIVIAL_PATTERNS

NOT_NULL = "Member must not be null"


def java_repr(value: Any) -> str:
    """A value as AWS's Java front end prints it in messages (``[a, b]``, ``{k=v}``, ``true``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(java_repr(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}={java_repr(item)}" for key, item in value.items()) + "}"
    return str(value)


def utf16_length(value: str) -> int:
    # Java counts UTF-16 code units: a character outside the BMP (an emoji) counts twice.
    return len(value.encode("utf-16-le")) // 2


def enum_values(shape_name: str) -> tuple[str, ...]:
    return ENUM_ORDER.get(shape_name) or tuple(spec.shape(shape_name)["enum"])


def describe(shape_name: str) -> list[str]:
    """Every constraint of a shape, in the order AWS lists them inside brackets."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    parts: list[str] = []
    if kind in ("integer", "long"):
        if "max" in entry:
            parts.append(f"Member must have value less than or equal to {entry['max']}")
        if "min" in entry:
            parts.append(f"Member must have value greater than or equal to {entry['min']}")
        return parts
    if "max" in entry:
        parts.append(f"Member must have length less than or equal to {entry['max']}")
    if "min" in entry:
        parts.append(f"Member must have length greater than or equal to {entry['min']}")
    if kind == "string":
        if "pattern" in entry:
            parts.append(f"Member must satisfy regular expression pattern: {entry['pattern']}")
        if "enum" in entry:
            parts.append(f"Member must satisfy enum value set: [{', '.join(enum_values(shape_name))}]")
    elif kind == "list":
        inner = describe(entry["member"])
        if inner:
            parts.append(bracket("Member must satisfy constraint", entry["member"]))
    return parts


def bracket(prefix: str, shape_name: str) -> str:
    return f"{prefix}: [{', '.join(describe(shape_name) + [NOT_NULL])}]"


def is_checked(shape_name: str) -> bool:
    """Does the shape carry a constraint only the server checks (max, enum, pattern)?"""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "string":
        return "max" in entry or "enum" in entry or entry.get("pattern", ".*") not in TRIVIAL_PATTERNS
    if kind in ("integer", "long"):
        return "max" in entry
    if kind == "list":
        return "max" in entry or is_checked(entry["member"])
    if kind == "map":
        return "max" in entry or is_checked(entry["key"]) or is_checked(entry["value"])
    return False


def satisfies(shape_name: str, value: Any) -> bool:
    """True unless ``value`` breaks a server-side constraint of the shape (wrong types pass:
    botocore reports those before sending)."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "string" and isinstance(value, str):
        if "max" in entry and utf16_length(value) > entry["max"]:
            return False
        if "enum" in entry and value not in entry["enum"]:
            return False
        pattern = entry.get("pattern")
        return not pattern or pattern in TRIVIAL_PATTERNS or full_match(pattern, value)
    if kind in ("integer", "long"):
        number = as_int(value)
        return number is None or "max" not in entry or number <= entry["max"]
    if kind == "list" and isinstance(value, list):
        if "max" in entry and len(value) > entry["max"]:
            return False
        return all(satisfies(entry["member"], item) for item in value)
    if kind == "map" and isinstance(value, dict):
        if "max" in entry and len(value) > entry["max"]:
            return False
        return all(satisfies(entry["key"], k) and satisfies(entry["value"], v) for k, v in value.items())
    return True

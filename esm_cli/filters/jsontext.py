"""JSON in and out for filter patterns and records, keeping each number's original text.

Lambda's event-filtering guide says plain equality on numbers uses their string form:
"300, 300.0, and 3.0e2 are not considered equal". Python's ``json`` turns all three into
the same float, so we parse floats into a ``float`` subclass that remembers the digits it
came from. Numeric operators still compare the values.
"""

from __future__ import annotations

import json
from typing import Any


class JsonFloat(float):
    """A float that remembers the JSON text it was parsed from (``3.0e2`` stays ``3.0e2``)."""

    __slots__ = ("text",)

    text: str

    def __new__(cls, text: str) -> JsonFloat:
        value = super().__new__(cls, text)
        value.text = text
        return value


def _reject_constant(name: str) -> Any:
    # json.loads accepts NaN/Infinity by default; real JSON (and AWS) does not.
    raise ValueError(f"{name} is not valid JSON")


def loads(text: str) -> Any:
    """Parse JSON strictly (no NaN/Infinity), keeping float texts; raises ValueError."""
    return json.loads(text, parse_float=JsonFloat, parse_constant=_reject_constant)


def is_number(value: Any) -> bool:
    """True for JSON numbers; bool is an int in Python but not a number in JSON."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_text(value: int | float) -> str:
    """The JSON text of a number: what it was written as, or Python's shortest repr."""
    text = getattr(value, "text", None)
    if text is not None:
        return text
    if isinstance(value, float):
        return json.dumps(float(value))
    return str(int(value))


def dumps(value: Any) -> str:
    """Compact JSON that prints numbers as they were written."""
    if isinstance(value, JsonFloat):
        return value.text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))}: {dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def to_plain(value: Any) -> Any:
    """A copy made of plain dict/list/float values, for ``json.dumps`` in machine output."""
    if isinstance(value, JsonFloat):
        return float(value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


def type_name(value: Any) -> str:
    """JSON type of a value, as users read it in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def shorten(text: str, limit: int = 80) -> str:
    """Cut long renderings for hints and tables."""
    return text if len(text) <= limit else text[: limit - 1] + "…"

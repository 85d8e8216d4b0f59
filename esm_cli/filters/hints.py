"""Plain-language hints for a leaf that did not match: the mistakes people actually make.

Each check targets a pain reported in the wild (docs/filters.md#common-mistakes): DynamoDB numbers
held as strings, a type descriptor left out, a number written as a string (or the reverse),
case differences, 300 vs 300.0, a key spelled differently from the record's.
"""

from __future__ import annotations

import difflib
from typing import Any

from esm_cli.filters.jsontext import dumps, is_number, number_text, shorten, type_name
from esm_cli.filters.values import MISSING, leaf_values

# DynamoDB AttributeValue type descriptors, as they appear in stream images.
DYNAMODB_TYPES = frozenset({"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"})


def _show(value: Any) -> str:
    return shorten(dumps(value), 50)


def _typed(value: Any) -> str:
    """'the number 300', 'the boolean true', 'null'."""
    return "null" if value is None else f"the {type_name(value)} {dumps(value)}"


def _operator(matcher: Any) -> str | None:
    if isinstance(matcher, dict) and len(matcher) == 1:
        return next(iter(matcher))
    return None


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _is_dynamodb_number(path: str) -> bool:
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0] in ("N", "NS")


def _missing_hint(path: str, siblings: Any) -> str:
    name = path.rsplit(".", 1)[-1]
    if isinstance(siblings, dict) and siblings:
        keys = [str(k) for k in siblings]
        folded = [k for k in keys if k.lower() == name.lower()]
        if folded:
            return f'the record has "{folded[0]}", not "{name}"; field names are case-sensitive'
        close = difflib.get_close_matches(name, keys, n=1, cutoff=0.75)
        if close:
            return f'the record has no "{name}"; did you mean "{close[0]}"?'
    return ""


def _object_hint(matchers: list[Any], value: dict[str, Any], path: str) -> str:
    if len(value) == 1 and next(iter(value)) in DYNAMODB_TYPES:
        kind = next(iter(value))
        return (
            f'DynamoDB attribute values are typed: this attribute holds {{"{kind}": ...}}, so write '
            f'{{"{kind}": {_show(matchers)}}} under "{path.rsplit(".", 1)[-1]}"'
        )
    if any(_operator(m) == "exists" for m in matchers):
        return "exists only sees leaf values; this field holds an object, so test one of its fields instead"
    return "this field holds an object; leaf matchers compare values, so nest the pattern one level deeper"


def _value_hint(matcher: Any, actual: Any, path: str) -> str:
    """A hint when ``matcher`` is close to matching ``actual``, else ''."""
    op = _operator(matcher)
    if op == "numeric" and isinstance(actual, str) and _looks_numeric(actual):
        if _is_dynamodb_number(path):
            return (
                f'DynamoDB N values are strings ("{actual}"); numeric never matches. '
                f'Match the exact string (["{actual}"]) or use prefix instead'
            )
        return f'the value is the string "{actual}"; numeric only matches JSON numbers'
    if op is None and not isinstance(matcher, str) and isinstance(actual, str) and actual == dumps(matcher):
        return (
            f'the pattern has {_typed(matcher)} but the record holds the string "{actual}"; '
            f'types must match, so write ["{actual}"]'
        )
    if op is None and isinstance(matcher, str) and not isinstance(actual, str) and matcher == dumps(actual):
        tip = " or use numeric" if is_number(actual) else ""
        return (
            f'the pattern has the string "{matcher}" but the record holds {_typed(actual)}; '
            f"types must match, so write [{matcher}]{tip}"
        )
    if op is None and matcher == "" and actual is None:
        return 'the field is null, not an empty string; list both ("", null) to accept either'
    if op is None and matcher is None and actual == "":
        return 'the field is an empty string, not null; list both (null, "") to accept either'
    if op is None and is_number(matcher) and is_number(actual) and float(matcher) == float(actual):
        return (
            f"Lambda compares plain numbers by their text ({number_text(matcher)} is not {number_text(actual)}); "
            f'use {{"numeric": ["=", {number_text(matcher)}]}}'
        )
    if op is None and isinstance(matcher, str) and isinstance(actual, str) and matcher.lower() == actual.lower():
        return f'matching is case-sensitive; use {{"equals-ignore-case": "{matcher}"}} to ignore case'
    if op in ("prefix", "suffix") and isinstance(actual, str) and isinstance(matcher[op], str):
        text = matcher[op]
        test = actual.lower().startswith if op == "prefix" else actual.lower().endswith
        if test(text.lower()):
            return f'{op} is case-sensitive; use {{"{op}": {{"equals-ignore-case": "{text}"}}}}'
    if op in ("prefix", "suffix", "equals-ignore-case") and not isinstance(actual, str):
        return f"{op} only matches strings; the record holds {type_name(actual)} {_show(actual)}"
    return ""


def explain_leaf(matchers: list[Any], value: Any, path: str, siblings: Any = None) -> str:
    """Why a leaf array did not match ``value`` (MISSING when the field is absent)."""
    if value is MISSING:
        hint = _missing_hint(path, siblings)
        if not hint and any(m is None for m in matchers):
            hint = "null matches a field holding JSON null, not a missing field; use {\"exists\": false} for that"
        return hint
    if isinstance(value, dict):
        return _object_hint(matchers, value, path)
    values = leaf_values(value)
    if isinstance(value, list) and not values:
        return "the array is empty, so the field has no value to match"
    for matcher in matchers:
        op = _operator(matcher)
        if op == "exists" and matcher["exists"] is False:
            return "exists: false needs the field to be absent, but the record has it"
        if op == "anything-but":
            continue
        for actual in values:
            hint = _value_hint(matcher, actual, path)
            if hint:
                return hint
    if any(_operator(m) == "anything-but" for m in matchers):
        return "the value is one of the excluded values"
    return ""


def explain_not_object(path: str, value: Any) -> str:
    """Hint when a pattern walks into a field that holds a scalar rather than an object."""
    where = f'"{path}"' if path else "the record"
    return f"{where} holds {type_name(value)} {_show(value)}, not an object, so it has no fields to match"

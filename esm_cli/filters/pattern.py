"""Does a record match a Lambda filter pattern? If not, the first reason why.

Semantics (Lambda "Filter rule syntax" and the EventBridge content-filtering page it points to):

- every key of a pattern object must match (AND); ``$or`` needs one of its objects to match;
- a pattern object walks into the record's object; when the record holds an array there,
  one element must match the whole sub-pattern (EventBridge "array consistency": fields of
  one sub-pattern are satisfied by the same element, as aws/event-ruler's correctness cases
  "objarray: split" / "nested: inner split" show);
- a leaf array matches when any of its matchers matches any of the field's values; a field
  holding an array of scalars offers each element as a value;
- objects are not leaf values: ``exists: true`` and every other matcher ignore them (this is why
  ``{"NewImage": {"k": ["v"]}}`` never matches DynamoDB's ``{"k": {"S": "v"}}``);
- strings match exactly, case-sensitively; plain numbers match by their JSON text ("300, 300.0,
  and 3.0e2 are not considered equal", Lambda guide); a string never equals a number;
- ``numeric`` compares values but only of JSON numbers (a DynamoDB ``{"N": "42"}`` holds a
  string, so it never matches);
- ``anything-but`` needs the field present with a value outside the list; ``exists: false``
  matches when the field has no value at all; ``null`` matches only a JSON null, not a missing field.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from esm_cli.filters.hints import explain_leaf, explain_not_object
from esm_cli.filters.jsontext import is_number, number_text, to_plain
from esm_cli.filters.values import MISSING, leaf_values


@dataclass(frozen=True)
class Reason:
    """Why one pattern did not match: where, what it wanted, what was there, what to do."""

    path: str  # dotted path in the filtered view, e.g. "body.RequestCode" or "data.items[0].id"
    expected: Any  # the pattern's leaf array (or a description of a structural rule)
    actual: Any = None  # the record's value at path (None when absent; see ``present``)
    present: bool = True  # False when the record has no such field
    hint: str = ""
    filter_index: int | None = None  # which filter of the FilterCriteria this reason comes from

    def to_dict(self) -> dict[str, Any]:
        """Machine-readable form (PascalCase like the AWS CLI's JSON)."""
        result: dict[str, Any] = {"Path": self.path, "Expected": to_plain(self.expected)}
        if self.present:
            result["Actual"] = to_plain(self.actual)
        else:
            result["Missing"] = True
        if self.hint:
            result["Hint"] = self.hint
        if self.filter_index is not None:
            result["Filter"] = self.filter_index
        return result


@dataclass(frozen=True)
class Decision:
    """Kept or dropped; for a drop, the first reason (and one reason per filter)."""

    kept: bool
    reason: Reason | None = None
    filter_index: int | None = None  # the filter that kept the record
    reasons: tuple[Reason, ...] = field(default=(), compare=False)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _equal_plain(expected: Any, actual: Any) -> bool:
    """Plain equality as Lambda applies it: same JSON type, numbers by their text."""
    if expected is None:
        return actual is None
    if isinstance(expected, bool):
        return isinstance(actual, bool) and actual == expected
    if is_number(expected):
        return is_number(actual) and number_text(expected) == number_text(actual)
    if isinstance(expected, str):
        return isinstance(actual, str) and actual == expected
    return False


def _equal_value(expected: Any, actual: Any) -> bool:
    """Equality for anything-but: strings exactly, numbers by value (event-ruler's ComparableNumber)."""
    if is_number(expected):
        return is_number(actual) and float(actual) == float(expected)
    return isinstance(actual, str) and actual == expected


def _affix(operand: Any) -> tuple[str, bool]:
    """(text, ignore_case) of a prefix/suffix operand."""
    if isinstance(operand, dict):
        return str(operand.get("equals-ignore-case", "")), True
    return str(operand), False


_NUMERIC_TESTS = {
    "=": lambda a, b: a == b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _numeric(terms: list[Any], actual: Any) -> bool:
    if not is_number(actual) or not isinstance(terms, list):
        return False
    for index in range(0, len(terms) - 1, 2):
        test = _NUMERIC_TESTS.get(terms[index])
        bound = terms[index + 1]
        if test is None or not is_number(bound) or not test(actual, bound):
            return False
    return True


def matches_value(matcher: Any, actual: Any) -> bool:
    """One matcher (a plain value or an operator object other than exists) against one scalar."""
    if not isinstance(matcher, dict):
        return _equal_plain(matcher, actual)
    if len(matcher) != 1:
        return False
    (name, operand), = matcher.items()
    if name in ("prefix", "suffix"):
        if not isinstance(actual, str):
            return False
        text, ignore_case = _affix(operand)
        subject = actual.lower() if ignore_case else actual
        text = text.lower() if ignore_case else text
        return subject.startswith(text) if name == "prefix" else subject.endswith(text)
    if name == "equals-ignore-case":
        return isinstance(actual, str) and isinstance(operand, str) and actual.lower() == operand.lower()
    if name == "anything-but":
        excluded = operand if isinstance(operand, list) else [operand]
        return not any(_equal_value(item, actual) for item in excluded)
    if name == "numeric":
        return _numeric(operand, actual)
    return False  # exists is decided on the field, not per value; unknown operators never match


def match_leaf(matchers: list[Any], value: Any) -> bool:
    """Does a field's value satisfy a leaf array?"""
    values = leaf_values(value)
    for matcher in matchers:
        if isinstance(matcher, dict) and len(matcher) == 1 and "exists" in matcher:
            if matcher["exists"] is bool(values):
                return True
            continue
        if any(matches_value(matcher, item) for item in values):
            return True
    return False


def _leaf(matchers: Any, value: Any, path: str, siblings: Any) -> Reason | None:
    if isinstance(matchers, list) and match_leaf(matchers, value):
        return None
    return Reason(
        path=path,
        expected=matchers,
        actual=None if value is MISSING else value,
        present=value is not MISSING,
        hint=explain_leaf(matchers if isinstance(matchers, list) else [], value, path, siblings),
    )


def _object(pattern: dict[str, Any], value: Any, path: str) -> Reason | None:
    if isinstance(value, list):
        # One element must satisfy the whole sub-pattern; report the first element's failure.
        first: Reason | None = None
        for index, element in enumerate(value):
            reason = _object(pattern, element, f"{path}[{index}]")
            if reason is None:
                return None
            first = first or reason
        if first is not None:
            if len(value) > 1 and not first.hint:
                note = (
                    f'no single element of "{path or "the record"}" matches every field of the pattern; '
                    "array elements are matched one at a time"
                )
                first = _with_hint(first, note)
            return first
        value = MISSING  # an empty array offers nothing to walk into
    container = value if isinstance(value, dict) else None
    for key, sub in pattern.items():
        if key == "$or":
            reason = _or(sub, value, path)
        else:
            child = container.get(key, MISSING) if container is not None else MISSING
            if isinstance(sub, dict):
                reason = _object(sub, child, _join(path, key))
            else:
                reason = _leaf(sub, child, _join(path, key), container)
        if reason is not None:
            if container is None and value is not MISSING and not reason.hint:
                reason = _with_hint(reason, explain_not_object(path, value))
            return reason
    return None


def _or(branches: Any, value: Any, path: str) -> Reason | None:
    """``$or`` under ``path``: each branch is matched against the same object as its siblings."""
    where = _join(path, "$or")
    if not isinstance(branches, list) or not branches:
        return Reason(path=where, expected=branches, present=False, hint="invalid $or: not a list of objects")
    first: Reason | None = None
    for branch in branches:
        if isinstance(branch, dict):
            reason = _object(branch, value, path)
        else:
            reason = Reason(path=where, expected=branch, present=False, hint="invalid $or alternative")
        if reason is None:
            return None
        first = first or reason
    assert first is not None
    note = f"none of the {len(branches)} $or alternatives matched; this is the first one's reason"
    return _with_hint(first, f"{first.hint} ({note})" if first.hint else note)


def _with_hint(reason: Reason, hint: str) -> Reason:
    return replace(reason, hint=hint)


def match(pattern: dict[str, Any], record: dict[str, Any]) -> Decision:
    """Match one (valid) pattern against a record as the filter sees it; never raises on JSON input."""
    try:
        reason = _object(pattern, record, "")
    except RecursionError:
        reason = Reason(path="", expected=None, actual=None, present=False, hint="record nested too deeply to check")
    if reason is None:
        return Decision(kept=True, filter_index=0)
    reason = replace(reason, filter_index=0)
    return Decision(kept=False, reason=reason, reasons=(reason,))


def match_any(patterns: list[dict[str, Any]], record: dict[str, Any]) -> Decision:
    """Filters of one FilterCriteria are OR-ed: kept by the first that matches, else every reason."""
    reasons: list[Reason] = []
    for index, pattern in enumerate(patterns):
        decision = match(pattern, record)
        if decision.kept:
            return Decision(kept=True, filter_index=index)
        assert decision.reason is not None
        reasons.append(replace(decision.reason, filter_index=index))
    if not patterns:
        return Decision(kept=True)  # no FilterCriteria: Lambda sends every record
    return Decision(kept=False, reason=reasons[0], reasons=tuple(reasons))

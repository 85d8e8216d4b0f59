"""Is a filter pattern one Lambda accepts? Every reason it would not, as hints a person can act on.

Lambda answers any bad pattern with ``InvalidParameterValueException`` /
``Invalid filter pattern definition.`` and nothing else (docs/rules.md R-FLT-2). The rules
layer prints that message; the hints returned here say *what* is wrong and *where*.

The grammar is EventBridge's (Lambda "Filter rule syntax": "Lambda supports the same set of
syntax and rules as Amazon EventBridge"), cut down to what Lambda's operator table lists and
what the EventBridge Pipes support column allows (docs/filters.md#syntax-lambda-accepts). Operand shapes follow
aws/event-ruler's rule compiler, the reference implementation behind EventBridge:

- a pattern is a non-empty JSON object; every value is an object (nested field) or a
  non-empty array (leaf); ``$or`` holds an array of at least two non-empty objects;
- a leaf array holds strings, numbers, true, false, null, or one-key operator objects;
- ``prefix`` / ``suffix``: a string, or ``{"equals-ignore-case": string}``;
- ``equals-ignore-case``: a string; ``exists``: true or false;
- ``anything-but``: a string, a number, or a non-empty list of all strings or all numbers;
- ``numeric``: ``[op, n]`` with op one of ``= < <= > >=``, or ``[">"|">=", low, "<"|"<=", high]``
  with low < high.

Rejected although EventBridge buses accept them, because the Pipes column says "No" or Lambda's
table leaves them out: ``wildcard``, ``cidr``, and ``anything-but`` wrapping ``prefix``,
``suffix``, ``equals-ignore-case`` or ``wildcard``.
"""

from __future__ import annotations

import difflib
from typing import Any

from esm_cli.filters.jsontext import is_number, loads, shorten, type_name, dumps

INVALID_PATTERN_MESSAGE = "Invalid filter pattern definition."

#: Operators Lambda event filtering documents.
SUPPORTED_OPERATORS = ("prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists")

#: Operators EventBridge knows but Lambda does not take, with why.
UNSUPPORTED_OPERATORS = {
    "wildcard": "use prefix or suffix",
    "cidr": "match the address with prefix instead",
    "equals": "write the value itself in the array, e.g. [\"x\"]",
}

NUMERIC_OPERATORS = ("=", "<", "<=", ">", ">=")

# Data keys where only a JSON (object) pattern makes sense: AWS rejects a plain-string pattern
# for Kinesis `data` and DynamoDB `dynamodb` at create/update time ("Properly filtering Kinesis
# and DynamoDB messages" table, Lambda developer guide).
_JSON_ONLY_DATA_KEYS = {"kinesis": "data", "dynamodb": "dynamodb"}

_MAX_DEPTH = 100  # deeper than any real pattern; keeps our own recursion far from Python's limit


class PatternError(ValueError):
    """A pattern Lambda would reject; ``hints`` lists every problem found."""

    def __init__(self, hints: list[str]) -> None:
        super().__init__(hints[0] if hints else INVALID_PATTERN_MESSAGE)
        self.hints = hints


def _where(path: str) -> str:
    return f'at "{path}": ' if path else "at the top level: "


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _show(value: Any) -> str:
    return shorten(dumps(value), 60)


class _Checker:
    """Walks a parsed pattern and collects hints; never raises."""

    def __init__(self) -> None:
        self.hints: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.hints.append(_where(path) + message)

    def object(self, node: dict[str, Any], path: str, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.add(path, f"the pattern is nested more than {_MAX_DEPTH} levels deep")
            return
        if not node:
            if path:
                self.add(path, "empty objects are not allowed; remove the key or give it fields to match")
            else:
                self.hints.append("the pattern is an empty object; give it at least one field to match")
            return
        for key, value in node.items():
            child = _join(path, key)
            if key == "$or":
                self.or_list(value, child, depth)
            elif isinstance(value, dict):
                self.object(value, child, depth + 1)
            elif isinstance(value, list):
                self.leaf(value, child)
            else:
                self.add(
                    child,
                    f"a leaf must be a non-empty array (got {type_name(value)} {_show(value)}; "
                    f"write [{_show(value)}])",
                )

    def or_list(self, value: Any, path: str, depth: int) -> None:
        if not isinstance(value, list):
            self.add(path, f'"$or" must be an array of objects (got {type_name(value)})')
            return
        if len(value) < 2:
            self.add(path, '"$or" needs at least two objects; with one, write its fields directly')
        for index, branch in enumerate(value):
            branch_path = f"{path}[{index}]"
            if not isinstance(branch, dict):
                self.add(branch_path, f'every "$or" alternative must be an object (got {type_name(branch)})')
            else:
                self.object(branch, branch_path, depth + 1)

    def leaf(self, values: list[Any], path: str) -> None:
        if not values:
            self.add(path, "a leaf must be a non-empty array; [] matches nothing and Lambda rejects it")
            return
        for value in values:
            if isinstance(value, dict):
                self.operator(value, path)
            elif isinstance(value, list):
                self.add(path, f"match values must be strings, numbers, true, false, null or operators (got array {_show(value)})")
            # strings, numbers, booleans and null are all valid match values

    def operator(self, expr: dict[str, Any], path: str) -> None:
        if len(expr) != 1:
            names = ", ".join(f'"{k}"' for k in expr) or "none"
            self.add(path, f"an operator object holds exactly one operator (got {names}); put each in its own object")
            return
        (name, operand), = expr.items()
        if name in UNSUPPORTED_OPERATORS:
            self.add(path, f'"{name}" is not supported by Lambda event filtering; {UNSUPPORTED_OPERATORS[name]}')
            return
        check = _OPERAND_CHECKS.get(name)
        if check is None:
            suggestion = difflib.get_close_matches(name, SUPPORTED_OPERATORS, n=1)
            tip = f'; did you mean "{suggestion[0]}"?' if suggestion else (
                "; Lambda supports " + ", ".join(SUPPORTED_OPERATORS)
            )
            self.add(path, f'unknown operator "{name}"{tip}')
            return
        problem = check(operand)
        if problem:
            self.add(path, problem)


def _string_or_ignore_case(name: str):
    def check(operand: Any) -> str | None:
        if isinstance(operand, str):
            return None
        if isinstance(operand, dict) and set(operand) == {"equals-ignore-case"}:
            if isinstance(operand["equals-ignore-case"], str):
                return None
            return f'"{name}": "equals-ignore-case" takes a string'
        return f'"{name}" takes a string (or {{"equals-ignore-case": string}}), got {type_name(operand)} {_show(operand)}'

    return check


def _check_equals_ignore_case(operand: Any) -> str | None:
    if isinstance(operand, str):
        return None
    return f'"equals-ignore-case" takes a string, got {type_name(operand)} {_show(operand)}'


def _check_exists(operand: Any) -> str | None:
    if isinstance(operand, bool):
        return None
    return f'"exists" takes true or false, got {type_name(operand)} {_show(operand)}'


def _check_anything_but(operand: Any) -> str | None:
    if isinstance(operand, str) or is_number(operand):
        return None
    if isinstance(operand, dict):
        inner = ", ".join(f'"{k}"' for k in operand) or "{}"
        return (
            f'"anything-but" with {inner} is not supported by Lambda event filtering '
            '(EventBridge Pipes support: no); list the exact values to exclude instead'
        )
    if isinstance(operand, list):
        if not operand:
            return '"anything-but" needs at least one value'
        strings = all(isinstance(v, str) for v in operand)
        numbers = all(is_number(v) for v in operand)
        if strings or numbers:
            return None
        if any(not (isinstance(v, str) or is_number(v)) for v in operand):
            return '"anything-but" lists may hold only strings or numbers (no null, true/false, arrays or objects)'
        return '"anything-but" lists must be all strings or all numbers, not a mix'
    return f'"anything-but" takes a string, a number or a list of them, got {type_name(operand)} {_show(operand)}'


def _check_numeric(operand: Any) -> str | None:
    if not isinstance(operand, list):
        return f'"numeric" takes an array such as [">", 0, "<=", 5], got {type_name(operand)} {_show(operand)}'
    if len(operand) not in (2, 4):
        return f'"numeric" takes [op, number] or [">"/">=", low, "<"/"<=", high], got {_show(operand)}'
    op = operand[0]
    if op not in NUMERIC_OPERATORS:
        return f'"numeric": unknown operator {_show(op)}; use one of = < <= > >='
    if not is_number(operand[1]):
        return f'"numeric": the value after "{op}" must be a JSON number, got {type_name(operand[1])} {_show(operand[1])}'
    if len(operand) == 2:
        return None
    if op not in (">", ">="):
        return f'"numeric": a range starts with ">" or ">=" (the lower bound); "{op}" cannot be followed by another term'
    op2, high = operand[2], operand[3]
    if op2 not in ("<", "<="):
        return f'"numeric": the second operator of a range must be "<" or "<=", got {_show(op2)}'
    if not is_number(high):
        return f'"numeric": the value after "{op2}" must be a JSON number, got {type_name(high)} {_show(high)}'
    if not operand[1] < high:
        return f'"numeric": the lower bound {_show(operand[1])} must be less than the upper bound {_show(high)}'
    return None


_OPERAND_CHECKS = {
    "prefix": _string_or_ignore_case("prefix"),
    "suffix": _string_or_ignore_case("suffix"),
    "equals-ignore-case": _check_equals_ignore_case,
    "exists": _check_exists,
    "anything-but": _check_anything_but,
    "numeric": _check_numeric,
}


def _json_problem(text: str) -> str | None:
    try:
        loads(text)
    except RecursionError:
        return "the pattern is nested too deeply to be read"
    except ValueError as error:
        return f"the pattern is not valid JSON: {error}"
    return None


def check_pattern(pattern: Any, *, source: str | None = None) -> list[str]:
    """Hints for an already-parsed pattern (empty when Lambda would accept it)."""
    if not isinstance(pattern, dict):
        return [
            f"a pattern must be a JSON object such as {{\"body\": {{\"field\": [\"value\"]}}}}, "
            f"got {type_name(pattern)} {_show(pattern)}"
        ]
    checker = _Checker()
    try:
        checker.object(pattern, "", 0)
    except RecursionError:  # pragma: no cover - the depth guard stops us well before this
        checker.hints.append("the pattern is nested too deeply to be checked")
    checker.hints.extend(_source_hints(pattern, source))
    return checker.hints


def _source_hints(pattern: dict[str, Any], source: str | None) -> list[str]:
    if source == "docdb":
        return ["Lambda doesn't support event filtering for Amazon DocumentDB; remove FilterCriteria"]
    key = _JSON_ONLY_DATA_KEYS.get(source or "")
    if key and isinstance(pattern.get(key), list):
        label = "Kinesis" if source == "kinesis" else "DynamoDB Streams"
        return [
            _where(key)
            + f"{label} filters the {key!r} field only as JSON: give it an object of fields "
            f"(e.g. {{\"{key}\": {{\"field\": [\"value\"]}}}}); AWS rejects a plain-string pattern here"
        ]
    return []


def validate_pattern(text: str, *, source: str | None = None) -> list[str]:
    """Hints explaining why Lambda would reject ``text``; empty when it would accept it.

    ``source`` (sqs, kinesis, dynamodb, kafka, mq, docdb) adds the per-source rules:
    no filtering at all for DocumentDB, JSON-only data patterns for Kinesis and DynamoDB.
    Never raises, whatever ``text`` holds.
    """
    if not isinstance(text, str):
        return [f"a pattern must be a JSON string, got {type(text).__name__}"]
    problem = _json_problem(text)
    if problem:
        return [problem]
    return check_pattern(loads(text), source=source)


def parse_pattern(text: str, *, source: str | None = None) -> dict[str, Any]:
    """The pattern as a dict (numbers keep their written text); raises PatternError if Lambda would reject it."""
    hints = validate_pattern(text, source=source)
    if hints:
        raise PatternError(hints)
    return loads(text)

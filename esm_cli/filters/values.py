"""The two notions every part of the matcher shares: a missing field, and a field's leaf values."""

from __future__ import annotations

from typing import Any, Iterator


class _Missing:
    """The value of a field the record does not have (distinct from JSON null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def leaf_values(value: Any) -> list[Any]:
    """The scalar values a field offers to leaf matchers (arrays flattened, objects skipped)."""
    if value is MISSING or isinstance(value, dict):
        return []
    if not isinstance(value, list):
        return [value]
    found: list[Any] = []
    stack: list[Iterator[Any]] = [iter(value)]
    while stack:  # iterative, so deeply nested arrays cannot exhaust the stack
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            if not isinstance(item, dict):
                found.append(item)
        else:
            stack.pop()
    return found

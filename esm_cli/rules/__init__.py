"""Offline validation of a request against AWS's documented rules (issue 3 fills the registry).

``validate`` is the one call between parsing and the backend: it returns every violation
found, the one AWS would report first at the head of the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Violation:
    """One broken rule: AWS's error code and message, plus what esm adds for the user."""

    rule_id: str
    code: str  # AWS error code, e.g. InvalidParameterValueException or ValidationException
    message: str  # AWS's message, verbatim where known
    param: str = ""  # the API member concerned, e.g. "BatchSize"
    hint: str = field(default="", compare=False)  # what to do about it


def validate(request: dict[str, Any], operation: str, *, stored: dict[str, Any] | None = None) -> list[Violation]:
    """All violations of ``request`` for ``operation``; ``stored`` is the current mapping on update."""
    return []

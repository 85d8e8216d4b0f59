"""Offline validation of a request against AWS's documented rules (docs/rules.md).

``validate`` is the one call between parsing and the backend: it returns every violation
found, the one AWS would report first at the head of the list. ``as_service_error`` turns
them into the error AWS would return, with the rest attached so one run shows everything.

Importing this package is cheap (it runs on every create/update): the registry, the spec and
the regexes load on the first ``validate`` call; YAML only when a mappings file needs it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

    from esm_cli.errors import ServiceError
    from esm_cli.rules.base import Rule


class Violation:
    """One broken rule: AWS's error code and message, plus what esm adds for the user.

    Equal (and hashed) on what AWS would report, not on esm's hint or evidence, so the
    engine can drop duplicates found by two routes. A plain class rather than a dataclass:
    this module is imported by every command, and dataclasses costs inspect, ast and dis.
    """

    __slots__ = ("rule_id", "code", "message", "param", "hint", "path", "detail", "evidence")
    _COMPARED = ("rule_id", "code", "message", "param", "path", "detail")

    def __init__(
        self,
        rule_id: str,
        code: str,  # AWS error code, e.g. InvalidParameterValueException or ValidationException
        message: str,  # AWS's message, verbatim where known
        param: str = "",  # the API member concerned, e.g. "BatchSize"
        hint: str = "",  # what to do about it
        path: str = "",  # AWS's lower-camel path when the rule is about a nested value
        # ValidationException only: the "Value '…' at '…' failed to satisfy constraint: …" part,
        # which AWS joins with the others into one "N validation errors detected: …" message.
        detail: str = "",
        evidence: str = "",
    ) -> None:
        for name, value in zip(self.__slots__, (rule_id, code, message, param, hint, path, detail, evidence)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Violation is immutable")

    def _key(self) -> tuple[str, ...]:
        return tuple(getattr(self, name) for name in self._COMPARED)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Violation) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Violation({fields})"


def validate(request: dict[str, Any], operation: str, *, stored: dict[str, Any] | None = None) -> list[Violation]:
    """All violations of ``request`` for ``operation``; ``stored`` is the current mapping on update."""
    from esm_cli.rules.engine import run
    from esm_cli.rules.registry import registry_for

    return run(registry_for(operation), request, operation, stored=stored)


def rules() -> tuple[Rule, ...]:
    """The registry (built on first use)."""
    from esm_cli.rules.registry import registry

    return registry()


def as_service_error(violations: list[Violation], operation: str) -> ServiceError | None:
    """The first error exactly as AWS would return it, the other violations in ``also``.

    Model violations are one ValidationException, as the service reports them:
    ``2 validation errors detected: <v1>; <v2>`` (R-ERR-4), with no ``Type`` field;
    InvalidParameterValueException and the rest carry ``Type: User`` (R-ERR-1/2/3).
    """
    from esm_cli.errors import ServiceError

    if not violations:
        return None
    model = [v for v in violations if v.code == "ValidationException" and v.detail]
    errors: list[ServiceError] = []
    for violation in violations:
        if violation in model:
            if violation is model[0]:  # all model errors travel together, where the first one sorts
                count = len(model)
                noun = "error" if count == 1 else "errors"
                text = f"{count} validation {noun} detected: " + "; ".join(v.detail for v in model)
                errors.append(ServiceError("ValidationException", text, operation=operation, details={}))
            continue
        details = {} if violation.code == "ValidationException" else {"Type": "User"}
        errors.append(ServiceError(violation.code, violation.message, operation=operation, details=details))
    first, rest = errors[0], errors[1:]
    first.also = rest
    first.hints = [f"{v.rule_id}: {v.hint}" for v in violations if v.hint]
    return first


def violation_records(violations: list[Violation]) -> list[dict[str, Any]]:
    """Violations as data for the output layer (rule id, parameter, code, message, hint)."""
    from esm_cli.rules.report import violation_records as records

    return records(violations)


def render_violation_records(records: list[dict[str, Any]]) -> str:
    """``esm validate``'s text report of violation records."""
    from esm_cli.rules.report import render_violation_records as render

    return render(records)


def load_mappings_file(text: str) -> list[dict[str, Any]]:
    """Mappings from a YAML or JSON document: a list of mappings, one mapping, or a List response."""
    from esm_cli.rules.report import load_mappings_file as load

    return load(text)


__all__ = [
    "Violation",
    "as_service_error",
    "load_mappings_file",
    "render_violation_records",
    "rules",
    "validate",
    "violation_records",
]

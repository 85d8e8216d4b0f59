"""Apply a plan: every rule first, then the changes in a safe order, each waited for.

Order: replaces (delete, wait until gone, create: the service refuses a second mapping of the
same function and source, so the old one must be gone first), updates, creates, then the
deletes of --prune. After each request the mapping is waited for until it settles. The first
failure stops the run; the outcome says what was done, what failed and what was not started,
and running apply again finishes the job (docs/deploy.md, "Apply").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from esm_cli import rules
from esm_cli.deploy import waiter
from esm_cli.deploy.diff import Change
from esm_cli.errors import EsmError, ServiceError

if TYPE_CHECKING:
    from esm_cli.backends.base import Backend

_ORDER = {"replace": 0, "update": 1, "create": 2, "delete": 3}


def pending(changes: list[Change]) -> list[Change]:
    """The changes to make, in the order they are made."""
    return sorted((c for c in changes if c.action in _ORDER), key=lambda c: _ORDER[c.action])


def _entry_error(change: Change) -> ServiceError | None:
    """The entry checked as the create that would make it, then (for an update) the update itself."""
    assert change.entry is not None
    operation = "CreateEventSourceMapping"
    error = rules.as_service_error(rules.validate(change.entry.request, operation), operation)
    if error is None and change.action == "update" and change.update is not None:
        operation = "UpdateEventSourceMapping"
        error = rules.as_service_error(rules.validate(change.update, operation, stored=change.stored), operation)
    return error


def rule_violations(changes: list[Change]) -> ServiceError | None:
    """Every rule violation of every mapping in the file, as one error (exit 254), or None."""
    found = [(change, error) for change in changes if change.entry is not None for error in [_entry_error(change)] if error]
    if not found:
        return None
    first = found[0][1]
    also: list[ServiceError] = list(first.also)
    hints = [f"{found[0][0].entry.label}: {hint}" for hint in first.hints]  # type: ignore[union-attr]
    for change, error in found[1:]:
        also.extend([error, *error.also])
        hints.extend(f"{change.entry.label}: {hint}" for hint in error.hints)  # type: ignore[union-attr]
    where = ", ".join(change.entry.label for change, _ in found)  # type: ignore[union-attr]
    hints.append(f"nothing was changed; fix {where} in the file and run apply again.")
    first.also, first.hints = also, hints
    return first


@dataclass
class Outcome:
    done: list[dict[str, Any]] = field(default_factory=list)
    failed: dict[str, Any] | None = None
    not_started: list[dict[str, Any]] = field(default_factory=list)

    def as_document(self) -> dict[str, Any]:
        return {"Done": self.done, "Failed": self.failed, "NotStarted": self.not_started}


class Executor:
    """Makes the changes through a backend, waiting for each to settle."""

    def __init__(
        self,
        backend: Backend,
        *,
        delay: float,
        max_attempts: int = waiter.DEFAULT_MAX_ATTEMPTS,
        sleep: Callable[[float], None] | None = None,
        on_done: Callable[[dict[str, Any]], None] = lambda event: None,
    ) -> None:
        self.backend = backend
        self._wait_options: dict[str, Any] = {"delay": delay, "max_attempts": max_attempts}
        if sleep is not None:
            self._wait_options["sleep"] = sleep
        self._on_done = on_done

    def _wait(self, name: str, uuid: str) -> None:
        waiter.wait(self.backend.get, name, uuid, **self._wait_options)

    def _settle(self, uuid: str, change: Change) -> None:
        # Wait for the state the file asks for: a mapping AWS disables on its own (a role
        # missing a permission) is then a failure, not a success.
        assert change.entry is not None
        self._wait("mapping-enabled" if change.entry.request.get("Enabled", True) else "mapping-disabled", uuid)

    def _create(self, change: Change, tags: dict[str, str] | None = None) -> str:
        assert change.entry is not None
        request = dict(change.entry.request)
        if tags and "Tags" not in request:
            request["Tags"] = tags  # a replaced mapping keeps the tags the file does not manage
        created = self.backend.create(request)
        self._settle(created["UUID"], change)
        return str(created["UUID"])

    def _delete(self, uuid: str) -> None:
        self.backend.delete(uuid)
        self._wait("mapping-deleted", uuid)

    def _update(self, change: Change) -> str:
        assert change.stored is not None
        uuid, arn = change.stored["UUID"], change.stored.get("EventSourceMappingArn")
        if change.update is not None:
            self.backend.update(dict(change.update))
            self._settle(uuid, change)
        if change.tags_unset:
            self.backend.untag_resource(arn, change.tags_unset)
        if change.tags_set:
            self.backend.tag_resource(arn, change.tags_set)
        return str(uuid)

    def apply_one(self, change: Change) -> str | None:
        """Make one change; the UUID of the mapping it leaves (None for a delete)."""
        if change.action == "create":
            return self._create(change)
        if change.action == "update":
            return self._update(change)
        assert change.uuid is not None and change.stored is not None
        kept: dict[str, str] = {}
        if change.action == "replace" and change.entry is not None and "Tags" not in change.entry.request:
            arn = change.stored.get("EventSourceMappingArn")
            kept = self.backend.list_tags(arn) if arn else {}
        self._delete(change.uuid)
        return self._create(change, kept) if change.action == "replace" else None

    def run(self, changes: list[Change]) -> Outcome:
        outcome = Outcome()
        todo = pending(changes)
        for position, change in enumerate(todo):
            event: dict[str, Any] = {"Action": change.action, "Mapping": change.label}
            if change.uuid:
                event["UUID"] = change.uuid
            try:
                uuid = self.apply_one(change)
            except EsmError as error:
                outcome.failed = {**event, "Error": error.main_line()}
                outcome.not_started = [{"Action": c.action, "Mapping": c.label} for c in todo[position + 1 :]]
                self._on_done({**outcome.failed, "Status": "failed"})
                return outcome
            if uuid:
                event["UUID"] = uuid
            outcome.done.append(event)
            self._on_done({**event, "Status": "done"})
        return outcome

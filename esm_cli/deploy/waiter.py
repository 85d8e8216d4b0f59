"""Waiters for mappings, with the AWS CLI's semantics (botocore's waiter model).

Poll GetEventSourceMapping until a success state, stop at once on a state that cannot lead
there (a terminal failure), give up after ``max_attempts`` polls. The messages are the ones
AWS CLI waiters print, ``Waiter MappingEnabled failed: Max attempts exceeded``, and the exit
code is 255, as for any AWS CLI v2 waiter failure (docs/deploy.md, "Waiting").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from esm_cli.errors import GeneralError, ServiceError

NOT_FOUND = "ResourceNotFoundException"


class WaiterError(GeneralError):
    """``Waiter <Name> failed: <reason>`` (exit 255)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"Waiter {name} failed: {reason}")


@dataclass(frozen=True)
class Waiter:
    name: str  # as the AWS CLI would name it: MappingEnabled
    success: frozenset[str]  # States that end the wait
    failure: frozenset[str]  # States that can never lead to success without another request
    gone_is_success: bool = False  # ResourceNotFoundException means success (else failure)


_SETTLED = frozenset({"Enabled", "Disabled"})
WAITERS = {
    # Disabling, Disabled and Deleting never become Enabled on their own.
    "mapping-enabled": Waiter("MappingEnabled", frozenset({"Enabled"}), frozenset({"Disabled", "Disabling", "Deleting"})),
    "mapping-disabled": Waiter("MappingDisabled", frozenset({"Disabled"}), frozenset({"Enabled", "Enabling", "Deleting"})),
    # Settled in whichever state the last request asked for.
    "mapping-updated": Waiter("MappingUpdated", _SETTLED, frozenset({"Deleting"})),
    # A mapping being created, enabled or updated is not on its way out.
    "mapping-deleted": Waiter(
        "MappingDeleted", frozenset(), frozenset({"Creating", "Enabling", "Updating"}), gone_is_success=True
    ),
}

# AWS settles a mapping in seconds to minutes: poll every 5 s for up to 10 minutes.
# The local backend settles at once, so nothing there ever sleeps.
DEFAULT_DELAY = 5
DEFAULT_MAX_ATTEMPTS = 120


def wait(
    get: Callable[[str], dict[str, Any]],
    waiter_name: str,
    uuid: str,
    *,
    delay: float = DEFAULT_DELAY,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any] | None:
    """Poll ``get(uuid)`` until the waiter's state; the last mapping seen (None once deleted)."""
    waiter = WAITERS[waiter_name]
    attempts = 0
    while True:
        attempts += 1
        try:
            mapping: dict[str, Any] | None = get(uuid)
        except ServiceError as error:
            if error.code != NOT_FOUND:
                raise WaiterError(waiter.name, f"An error occurred ({error.code}): {error.message}") from None
            if waiter.gone_is_success:
                return None
            raise WaiterError(
                waiter.name, f"Waiter encountered a terminal failure state: Matched expected service error code: {NOT_FOUND}"
            ) from None
        state = str((mapping or {}).get("State"))
        if state in waiter.success:
            return mapping
        if state in waiter.failure:
            raise WaiterError(
                waiter.name,
                f'Waiter encountered a terminal failure state: For expression "State" we matched expected path: "{state}"',
            )
        if attempts >= max_attempts:
            raise WaiterError(waiter.name, "Max attempts exceeded")
        sleep(delay)

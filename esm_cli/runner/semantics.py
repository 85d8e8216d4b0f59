"""What the function's answer means to Lambda (docs/run.md, "Partial batch responses").

``verdict`` reads one invocation: a function error fails the whole batch; without
ReportBatchItemFailures the response is ignored; with it, ``batchItemFailures`` names the
failed records, an empty or null list (or an empty or null response) is a complete success,
and anything Lambda cannot read (invalid JSON, an empty or null ``itemIdentifier``, a bad key
name, an identifier that is not in the batch) fails the whole batch. A tumbling-window
invocation must answer with a ``state``.

``split_at_checkpoint`` is the stream rule: Lambda checkpoints before the lowest failed
sequence number and retries every record from there.
"""

from __future__ import annotations

from typing import Any

from esm_cli.runner.invoke import MALFORMED, Invocation
from esm_cli.runner.items import Item

OK, PARTIAL, FAILED = "ok", "partial", "failed"


class Verdict:
    __slots__ = ("status", "failed", "reason")

    def __init__(self, status: str, failed: frozenset[str] = frozenset(), reason: str = "") -> None:
        self.status = status  # ok | partial | failed
        self.failed = failed  # the itemIdentifiers reported, for partial
        self.reason = reason  # why the whole batch failed

    def __repr__(self) -> str:
        return f"Verdict({self.status!r}, {sorted(self.failed)!r}, {self.reason!r})"


_SUCCESS = Verdict(OK)


def verdict(invocation: Invocation, batch: list[Item], *, report_failures: bool, tumbling: bool = False) -> Verdict:
    """How Lambda judges one invocation of ``batch``."""
    if invocation.error is not None:
        return Verdict(FAILED, reason=f"{invocation.error.get('errorType')}: {invocation.error.get('errorMessage')}")
    response = invocation.response
    if tumbling and not (isinstance(response, dict) and "state" in response):
        return Verdict(FAILED, reason="the response has no state (a tumbling window needs one)")
    if not report_failures:
        return _SUCCESS  # without ReportBatchItemFailures Lambda does not read the response
    if response is None:
        return _SUCCESS
    if response is MALFORMED or not isinstance(response, dict):
        return Verdict(FAILED, reason="the response is not a JSON object")
    failures = response.get("batchItemFailures")
    if failures is None or failures == []:
        return _SUCCESS
    if not isinstance(failures, list):
        return Verdict(FAILED, reason="batchItemFailures is not a list")
    known = {item.ident for item in batch}
    named: set[str] = set()
    for entry in failures:
        if not isinstance(entry, dict) or "itemIdentifier" not in entry:
            return Verdict(FAILED, reason="a batchItemFailures entry has no itemIdentifier")
        ident = entry["itemIdentifier"]
        if ident is None or ident == "":
            return Verdict(FAILED, reason="an itemIdentifier is empty or null")
        if str(ident) not in known:
            return Verdict(FAILED, reason=f"itemIdentifier {ident!r} is not in the batch")
        named.add(str(ident))
    return Verdict(PARTIAL, frozenset(named))


def split_at_checkpoint(batch: list[Item], failed: frozenset[str]) -> tuple[list[Item], list[Item]]:
    """(records before the lowest failed sequence number, records from it on)."""
    lowest = min((item.order, index) for index, item in enumerate(batch) if item.ident in failed)[1]
    return batch[:lowest], batch[lowest:]


def state_of(invocation: Invocation) -> dict[str, Any]:
    """The tumbling-window state a response carries (``{}`` when it is null)."""
    response = invocation.response
    state = response.get("state") if isinstance(response, dict) else None
    return state if isinstance(state, dict) else {}

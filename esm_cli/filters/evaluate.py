"""One record against a FilterCriteria, as Lambda's poller would decide it for a given source."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from esm_cli.filters.envelopes import FilterView, format_mismatch, view_of
from esm_cli.filters.pattern_hints import source_hint
from esm_cli.filters.pattern import Decision, Reason, match


def decide(patterns: list[dict[str, Any]], view: FilterView) -> Decision:
    """Filters are OR-ed: kept by the first filter that matches; otherwise one reason per filter."""
    if not patterns:
        return Decision(kept=True)  # no FilterCriteria: Lambda sends every record
    reasons: list[Reason] = []
    for index, pattern in enumerate(patterns):
        reason = format_mismatch(pattern, view)
        if reason is None:
            decision = match(pattern, view.data)
            if decision.kept:
                return Decision(kept=True, filter_index=index)
            reason = decision.reason
        assert reason is not None
        reasons.append(replace(source_hint(reason, view.source), filter_index=index))
    return Decision(kept=False, reason=reasons[0], reasons=tuple(reasons))


def evaluate(patterns: list[dict[str, Any]], record: dict[str, Any], source: str) -> tuple[Decision, list[str]]:
    """(decision, notes about how the record was read) for one record of ``source``."""
    view = view_of(record, source)
    return decide(patterns, view), view.notes

"""Lambda event filtering, offline: validate FilterCriteria patterns and see which records they keep.

Stdlib only. Public entry points:

- ``validate_pattern(text, source=None) -> list[str]``: hints for a pattern Lambda would reject;
- ``match(pattern, record) -> Decision``: one pattern against a record as the filter sees it;
- ``esm_cli.filters.envelopes``: what the filter sees of each source's records;
- ``esm_cli.filters.dry_run``: the ``esm test-filter`` command's logic.
"""

from __future__ import annotations

from esm_cli.filters.pattern import Decision, Reason, match, match_any
from esm_cli.filters.validate import INVALID_PATTERN_MESSAGE, PatternError, parse_pattern, validate_pattern

__all__ = [
    "INVALID_PATTERN_MESSAGE",
    "Decision",
    "PatternError",
    "Reason",
    "match",
    "match_any",
    "parse_pattern",
    "validate_pattern",
]

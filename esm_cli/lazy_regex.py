"""Regular expressions compiled on first use.

A local command runs for a few tens of milliseconds, and compiling a large pattern costs
one or two of them; most runs never need most patterns (a timestamp, a function ARN).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any


class LazyRegex:
    """Behaves like the compiled pattern; compiles it the first time it is used."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)

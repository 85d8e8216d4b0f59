"""JSON as ``--output json`` writes it, and objects already written that way.

The AWS CLI prints ``json.dumps(value, indent=4, ensure_ascii=False)``. The local state file
stores each mapping in exactly that form, with a checksum of the text, so that a json listing
can print a stored mapping without decoding it and encoding it again (docs/limits.md,
"Scale"). Such a mapping travels through the listing as a ``str`` (a listed mapping is
otherwise always a dict): ``PrettyJson`` names that type. A listing makes two kinds of edit to
it, settling ``State`` and converting a timestamp, and both touch one top-level member written
on one line (``scalar``, ``with_scalar``).

Why a member can be found by text search: in this form each top-level member starts a line
with exactly four spaces (deeper ones have more), and a JSON string never holds a raw line
break, so ``\\n    "Name": `` occurs only where that member starts.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _quote  # json's own string quoting (C when available)

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# json's C scanner itself: (value, end) for the text from an offset, StopIteration where no value
# starts; raw_decode is a Python frame around it, and a listing calls it once or more per row.
SCAN = json.JSONDecoder().scan_once
_HEADS: dict[str, str] = {}  # member name -> the text that starts its line
# A mapping as its stored text: a plain str, which no decoded mapping is (a subclass cost a copy
# of the text at every edit, a twentieth of a json listing).
PrettyJson = str


def pretty(value: Any, default: Callable[[Any], Any] | None = None) -> str:
    """``value`` as ``--output json`` writes it (without the final newline)."""
    return json.dumps(value, indent=4, ensure_ascii=False, default=default)


def scalar(written: str, name: str) -> tuple[Any, int, int] | None:
    """(value, start, end) of top-level member ``name`` of ``written`` (text as ``pretty`` writes
    an object) when that member is on one line (a scalar, or an empty list or object); None when
    there is no such member or its value spans lines."""
    head = _HEADS.get(name)
    if head is None:
        head = _HEADS[name] = "\n    " + _quote(name) + ": "
    at = written.find(head)
    if at < 0:
        return None
    start = at + len(head)
    try:
        value, end = SCAN(written, start)
    except (StopIteration, ValueError):
        return None
    if type(value) in _CONTAINERS and written.find("\n", start, end) >= 0:  # written over lines
        return None
    return value, start, end


def with_scalar(written: str, start: int, end: int, value: Any) -> str:
    """``written`` with the value between ``start`` and ``end`` replaced by ``value`` (a scalar)."""
    return written[:start] + (_quote(value) if type(value) is str else json.dumps(value)) + written[end:]


_CONTAINERS = (dict, list)

"""One stored row of the state file: written, and read back as a mapping configuration.

A row holds the configuration as ``--output json`` writes it (esm_cli.pretty_json), and the
CRC-32 of that text when esm wrote it so: a json listing prints such a row as it is, without
decoding it (``written_page``); any other row (one an older esm or a person edited) is decoded.
A listing reads every row (100,000 of them at scale), so the usual row (JSON text, an object
with its UUID and function, far from the depth limit) is recognised in a few C calls; any other
row goes the careful way, which words what is wrong with it: a corrupt row is reported as a
corrupt state file (253) naming the file and the mapping's UUID (docs/limits.md, "Files").
"""

from __future__ import annotations

import json
from zlib import crc32

from esm_cli import limits
from esm_cli.backends.local.opening import StateFileError
from esm_cli.pretty_json import SCAN, PrettyJson, pretty

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any


def decode_page(path: str, rows: Iterable[tuple[int, Any, int]], uuid_of: Callable[[int], Any]) -> list[tuple[int, dict[str, Any], bool]]:
    """(seq, config, enabled) for a page of ``(seq, stored, enabled)`` rows, in one loop.

    The usual row is recognised inline (a listing reads 100,000 of them, and two calls per row
    were a tenth of its time); any other row is looked at by ``_decode_carefully``, with its UUID
    read by ``uuid_of(seq)`` only then, so that its error names the mapping.
    """
    decoded = []
    append = decoded.append
    scan = SCAN
    depth = limits.MAX_DEPTH
    for seq, stored, enabled in rows:
        if type(stored) is str:
            try:
                config, end = scan(stored, 0)
            except (StopIteration, ValueError, RecursionError):
                config, end = None, -1
            if (
                end == len(stored)
                and type(config) is dict
                and type(config.get("UUID")) is str
                and type(config.get("FunctionArn")) is str
                and stored.count("{") + stored.count("[") <= depth
            ):
                append((seq, config, bool(enabled)))
                continue
        append((seq, _decode_carefully(path, uuid_of(seq), stored), bool(enabled)))
    return decoded


def written_page(
    path: str, rows: Iterable[tuple[int, Any, int, Any]], uuid_of: Callable[[int], Any]
) -> list[tuple[int, dict[str, Any] | PrettyJson, bool]]:
    """(seq, mapping, enabled) for a page of ``(seq, stored, enabled, crc)`` rows: a row whose
    text matches its CRC is esm's own writing and comes back as that text (PrettyJson); any
    other row is decoded (and checked) as ``decode_page`` does."""
    page: list[tuple[int, dict[str, Any] | PrettyJson, bool]] = []
    append = page.append
    for seq, stored, enabled, crc in rows:
        if crc is not None and type(stored) is str and crc32(stored.encode()) == crc:
            append((seq, stored, bool(enabled)))
        else:
            append(decode_page(path, [(seq, stored, enabled)], uuid_of)[0])
    return page


def stored_form(config: dict[str, Any]) -> tuple[str, int | None]:
    """(text, CRC-32) to store for ``config``; without a CRC the row is read back by decoding.

    The CRC is given only to text that ``written_page`` may hand out undecoded: what the usual
    read would accept (an object with its UUID and function, within the depth limit) and
    that writes back the same (so no key written twice, as ``{1: .., "1": ..}`` would be). A
    config holding a lone surrogate has no UTF-8 text of that form and is stored as plain,
    ASCII-escaped ``json.dumps``.
    """
    try:
        text = pretty(config)
        encoded = text.encode()  # a lone surrogate has no UTF-8: such a row is stored escaped
    except (TypeError, ValueError):
        return json.dumps(config), None
    read = json.loads(text)
    if (
        type(read.get("UUID")) is str
        and type(read.get("FunctionArn")) is str
        and not limits.deeper_than(read)
        and pretty(read) == text
    ):
        return text, crc32(encoded)
    return text, None


def decode_row(path: str, uuid: Any, stored: Any) -> dict[str, Any]:
    """The configuration stored for ``uuid``, or StateFileError naming ``path`` and the UUID."""
    return decode_page(path, [(0, stored, 1)], lambda _: uuid)[0][1]


def _decode_carefully(path: str, uuid: Any, stored: Any) -> dict[str, Any]:
    """A row the usual test did not take: decoded again, and what is wrong with it worded."""
    try:
        config = json.loads(stored)
        problem = None if isinstance(config, dict) else "is not a JSON object"
        # Only text with that many brackets can nest that deep: the walk is skipped for real rows.
        deep_enough = isinstance(stored, (str, bytes)) and stored.count("{" if isinstance(stored, str) else b"{") + stored.count(
            "[" if isinstance(stored, str) else b"["
        ) > limits.MAX_DEPTH
        if problem is None and deep_enough and limits.deeper_than(config):
            problem = f"is nested more than {limits.MAX_DEPTH} levels deep"
        if problem is None and not (isinstance(config.get("UUID"), str) and isinstance(config.get("FunctionArn"), str)):
            problem = "has no UUID or FunctionArn"
    except RecursionError:
        problem = f"is nested more than {limits.MAX_DEPTH} levels deep"
    except (ValueError, TypeError):
        problem = "is not JSON text"
    if problem is None:
        return config  # type: ignore[no-any-return]
    shown = limits.quote(str(uuid), 80)
    raise StateFileError(
        f"The state file {path} is corrupt: the stored mapping {shown} {problem}; "
        "other mappings can still be read. Delete that row or restore the file from a backup."
    )

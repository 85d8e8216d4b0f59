"""esm's caps on what it reads, in one place (docs/limits.md gives each figure and its reason).

Every file esm reads on a user's behalf (``file://``/``fileb://`` values, ``--cli-input-*``,
mappings files, records files, standard input) goes through ``read_capped``, which stops
*while reading*: ``file:///dev/zero`` is refused after ``MAX_FILE_BYTES``, never read whole.
Parsed documents are refused past ``MAX_DEPTH`` levels of nesting, and YAML aliases may add at
most ``ALIAS_EXPANSION_BUDGET`` nodes (esm_cli.yamlload). Each refusal is a ParamValidationError
(exit 252).

This module is imported by esm_cli.errors on the start-up path: it imports nothing itself.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, BinaryIO

# 32 MiB: a mappings file of ~30,000 mappings, far above any single request (Lambda refuses
# request bodies over 6 MB) and low enough that a refused read stays well under 100 MiB of memory.
MAX_FILE_BYTES = 32 * 1024 * 1024
# Levels of nesting in a parsed document. DynamoDB items nest at most 32 levels (64 with their
# type wrappers) and a whole event adds a handful; Python's own recursion limit is 1,000.
MAX_DEPTH = 128
# Nodes YAML aliases may add to a document beyond the ones written out. AWS's inputs never
# need aliases; a mappings file reusing a block of defaults stays far below this.
ALIAS_EXPANSION_BUDGET = 100_000
# Characters of a value an error message quotes; the rest is summarised.
MAX_QUOTED_CHARS = 300
# Error lines longer than this are cut (a 10 MB value must not be echoed whole).
MAX_MESSAGE_LINE = 1_000
_CHUNK = 1024 * 1024


def _refusal(message: str) -> Exception:
    from esm_cli.errors import ParamValidationError

    return ParamValidationError(message)


def mib(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB"


def too_large(what: str) -> Exception:
    """The error for an input past MAX_FILE_BYTES."""
    return _refusal(f"{what} is larger than {mib(MAX_FILE_BYTES)}, esm's limit for an input; nothing was done (docs/limits.md).")


def read_capped(handle: BinaryIO, what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read ``handle`` to its end, refusing (exit 252) as soon as more than ``limit`` bytes arrive."""
    data = bytearray()
    while True:
        chunk = handle.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > limit:
            del data[:]  # give the memory back before the error travels up
            raise too_large(what)


def read_file(path: str, what: str) -> bytes:
    """The bytes of the file at ``path`` (OSError propagates for the caller's own wording)."""
    with open(path, "rb") as handle:
        return read_capped(handle, what)


def universal_newlines(text: str) -> str:
    """What Python's text mode does on reading: CRLF and CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def deeper_than(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` (parsed JSON/YAML) nests more than ``limit`` lists/dicts; iterative, so any depth is safe."""
    stack = [(value, 1)]
    seen: set[int] = set()
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        if id(item) in seen:  # shared (YAML alias): its depth below was already checked
            continue
        seen.add(id(item))
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def too_deep(what: str) -> Exception:
    """The error for a document nested past MAX_DEPTH."""
    return _refusal(f"{what} is nested more than {MAX_DEPTH} levels deep, esm's limit; nothing was done (docs/limits.md).")


def check_depth(value: Any, what: str) -> Any:
    """``value`` itself, or a 252 when it nests past MAX_DEPTH."""
    if deeper_than(value):
        raise too_deep(what)
    return value


def quote(value: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """``value``, or its first ``limit`` characters and how many more there were."""
    if len(value) <= limit:
        return value
    return f"{value[:limit]}…[{len(value) - limit} more characters]"


def shorten_message(message: str) -> str:
    """An error message with every over-long line cut to MAX_QUOTED_CHARS (plus a count)."""
    if len(message) <= MAX_MESSAGE_LINE:
        return message
    return "\n".join(quote(line) if len(line) > MAX_MESSAGE_LINE else line for line in message.split("\n"))

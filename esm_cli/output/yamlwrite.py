"""YAML for plain, everyday data written directly, without PyYAML (docs/limits.md, "Scale").

``--output yaml`` of 100,000 mappings spent most of its time in PyYAML's machinery: a node per
value, then libyaml's emitter asking the resolver about every scalar. For the values a listing
is made of, the emitter's choices are simple and fixed, so this module writes the same bytes
itself, and declines (returns None) for anything it is not sure about, which then takes
PyYAML's way (``esm_cli.output.yamlfmt``). Property tests compare the two on generated data.

What it writes, as libyaml does with the dumper's settings (block style, indent 2, width 80,
sorted keys, sequences not indented under their key):

* strings made only of letters, digits and ``_./:@+=,-`` (starting with a letter, digit,
  ``_`` or ``/``, not ending with ``:``): such a string has no character libyaml treats as an
  indicator there, no space (so nothing to fold at 80 columns), nothing to escape. It is
  written plain when its plain form reads back as a string under the YAML 1.2 resolver, else
  in single quotes (``'2024-01-02T03:04:05+00:00'``, ``'123'``), which is libyaml's choice;
* integers, booleans and ``null`` plain; floats plain when their text reads back as a float;
* dicts with such string keys (at most 128 characters: longer keys are not "simple" to
  libyaml), lists, and ``{}``/``[]`` for empty ones.

Anything else declines: other characters (spaces, quotes, non-ASCII, line breaks), empty
strings, other types, a container reached twice (PyYAML would write an anchor and alias).
"""

from __future__ import annotations

import math
import re

from esm_cli.output.yamlfmt import _RESOLVERS_12

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

# Characters with no meaning to libyaml's scalar analysis in block context at these places.
_SIMPLE = re.compile(r"[A-Za-z0-9_/][A-Za-z0-9_./:@+=,-]*").fullmatch
# A plain text that the YAML 1.2 resolver reads as something other than a string (any implicit
# type matches it): the same patterns ``yamlfmt`` gives PyYAML, each anchored, as one regex.
_NOT_A_STRING = re.compile("|".join(f"(?:{pattern})" for _, _, pattern in _RESOLVERS_12), re.VERBOSE).fullmatch
_FLOAT = re.compile(next(pattern for _, kind, pattern in _RESOLVERS_12 if kind == "float"), re.VERBOSE).fullmatch
# First characters of a text that may read as another type than a string.
_MAY_RESOLVE = frozenset(first for firsts, _, _ in _RESOLVERS_12 for first in firsts if first)
_MAX_SIMPLE_KEY = 128  # libyaml writes a longer key as a complex key ("? key")


class _Declined(Exception):
    """The value holds something this writer leaves to PyYAML."""


def write_plain(value: Any) -> str | None:
    """``value`` (a dict or list) as ``yaml.dump`` with esm's dumper writes it, or None to decline."""
    out: list[str] = []
    seen: set[int] = set()
    try:
        if type(value) is dict:
            if not value:
                return "{}\n"
            _mapping(value, "", out, seen, first_inline=False)
        elif type(value) is list:
            if not value:
                return "[]\n"
            _sequence(value, "", out, seen, first_inline=False)
        else:
            return None
    except (_Declined, RecursionError, TypeError):  # TypeError: keys that do not sort
        return None
    return "".join(out)


def _string(text: str) -> str:
    if not _SIMPLE(text) or text[-1] == ":":
        raise _Declined
    # Only a text starting with a digit, a sign, '.', t/f/n (any case) or one of "~<=!&*" can
    # read as another type; anything else (ARNs, most names) is a string without a regex.
    if text[0] in _MAY_RESOLVE and _NOT_A_STRING(text):
        return "'" + text + "'"
    return text


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is float:
        if math.isnan(value):
            return ".nan"
        if value in (_INFINITY, -_INFINITY):
            return ".inf" if value > 0 else "-.inf"
        text = float.__repr__(value).lower()
        if _FLOAT(text):
            return text
    raise _Declined


_INFINITY = float("inf")
_KEYS: dict[str, str] = {}  # key text -> "key:" as written (the same few dozen names over and over)


def _key(name: Any) -> str:
    written = _KEYS.get(name) if type(name) is str else None
    if written is None:
        if type(name) is not str or len(name) > _MAX_SIMPLE_KEY:
            raise _Declined
        written = _string(name) + ":"
        if len(_KEYS) < 4096:
            _KEYS[name] = written
    return written


def _once(container: Any, seen: set[int]) -> None:
    """Note a container; one reached a second time would be an anchor and an alias in PyYAML."""
    if id(container) in seen:
        raise _Declined
    seen.add(id(container))


def _mapping(value: dict[str, Any], indent: str, out: list[str], seen: set[int], *, first_inline: bool) -> None:
    _once(value, seen)
    append = out.append
    deeper = indent + "  "
    lead = "" if first_inline else indent
    for name in sorted(value):  # keys are unique, so this is the representer's sorted(items())
        member = value[name]
        kind = type(member)
        if kind is str:
            append(lead + _key(name) + " " + _string(member) + "\n")
        elif kind is dict:
            if member:
                append(lead + _key(name) + "\n")
                _mapping(member, deeper, out, seen, first_inline=False)
            else:
                _once(member, seen)
                append(lead + _key(name) + " {}\n")
        elif kind is list:
            if member:
                append(lead + _key(name) + "\n")
                _sequence(member, indent, out, seen, first_inline=False)  # not indented under its key
            else:
                _once(member, seen)
                append(lead + _key(name) + " []\n")
        else:
            append(lead + _key(name) + " " + _scalar(member) + "\n")
        lead = indent


def _sequence(value: list[Any], indent: str, out: list[str], seen: set[int], *, first_inline: bool) -> None:
    _once(value, seen)
    append = out.append
    deeper = indent + "  "
    lead = "- " if first_inline else indent + "- "
    for member in value:
        kind = type(member)
        if kind is dict:
            if member:
                append(lead)
                _mapping(member, deeper, out, seen, first_inline=True)
            else:
                _once(member, seen)
                append(lead + "{}\n")
        elif kind is list:
            if member:
                append(lead)
                _sequence(member, deeper, out, seen, first_inline=True)
            else:
                _once(member, seen)
                append(lead + "[]\n")
        else:
            append(lead + _scalar(member) + "\n")
        lead = indent + "- "

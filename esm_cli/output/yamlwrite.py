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

A listing is thousands of mappings with one key set and values of a few shapes, so the
per-mapping work is kept small: the sorted keys and their line starts are remembered per key
set (_PLANS), the characters of a document's strings are checked in one pass at the end
(_all_simple), and the resolver question has shortcuts for UUIDs and timestamps (_resolves).
"""

from __future__ import annotations

import math
import re

from esm_cli.output.yamlfmt import _RESOLVERS_12

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

# Characters with no meaning to libyaml's scalar analysis in block context at these places:
# the first character of a string, then any character.
_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_/")
_ANY = "".join(sorted(_FIRST)).encode() + b".:@+=,-"
# A plain text that the YAML 1.2 resolver reads as something other than a string (any implicit
# type matches it): the same patterns ``yamlfmt`` gives PyYAML, each anchored, as one regex.
_NOT_A_STRING = re.compile("|".join(f"(?:{pattern})" for _, _, pattern in _RESOLVERS_12), re.VERBOSE).fullmatch
_FLOAT = re.compile(next(pattern for _, kind, pattern in _RESOLVERS_12 if kind == "float"), re.VERBOSE).fullmatch
# First characters of a text that may read as another type than a string.
_MAY_RESOLVE = frozenset(first for firsts, _, _ in _RESOLVERS_12 for first in firsts if first)
_NUMBER_FIRST = frozenset("0123456789-+.")  # of those, the ones a float, an int or a timestamp starts with
_DIGITS_AS_0 = bytes.maketrans(b"123456789", b"000000000")
_MAX_SIMPLE_KEY = 128  # libyaml writes a longer key as a complex key ("? key")
_INFINITY = float("inf")
_KEYS: dict[str, str] = {}  # key text -> "key:" as written (the same few dozen names over and over)
_RESOLVED: dict[bytes, bool] = {}  # a number-like text's shape -> _NOT_A_STRING's answer, see _resolves
# (indent, first key after "- ", the keys in dict order) -> each key in sorted order with the
# start of its line. A listing needs one or two; a bound on entries keeps odd documents small.
_PLANS: dict[tuple[str, bool, tuple[Any, ...]], tuple[tuple[str, str], ...]] = {}


class _Declined(Exception):
    """The value holds something this writer leaves to PyYAML."""


def write_plain(value: Any) -> str | None:
    """``value`` (a dict or list) as ``yaml.dump`` with esm's dumper writes it, or None to decline."""
    if type(value) is not dict and type(value) is not list:
        return None
    if not value:
        return "{}\n" if type(value) is dict else "[]\n"
    # Each line is written with the line break that ends the line before it ("\n  Key: ", then
    # the value): a mapping's member is two appends, no string concatenation.
    out: list[str] = []
    seen: set[int] = set()
    texts: list[str] = []  # mapping values whose characters are still to be checked
    try:
        if type(value) is dict:
            _mapping(value, "", out, seen, texts, first_inline=False)
        else:
            _sequence(value, "", out, seen, texts, first_inline=False)
    except (_Declined, RecursionError, TypeError):  # TypeError: keys that do not sort
        return None
    if not _all_simple(texts):
        return None
    out[0] = out[0][1:]  # no line before the first
    out.append("\n")
    return "".join(out)


def _all_simple(texts: list[str]) -> bool:
    """Whether every character of ``texts`` is one of _ANY: one C-level pass over them all
    (a regex call per string was a third of this writer's time in a listing)."""
    joined = "".join(texts)
    return joined.isascii() and not joined.encode().translate(None, _ANY)


def _string(text: str) -> str:
    if not text or text[0] not in _FIRST or text[-1] == ":" or not _all_simple([text]):
        raise _Declined
    return "'" + text + "'" if text[0] in _MAY_RESOLVE and _resolves(text) else text


def _resolves(text: str) -> bool:
    """Whether plain ``text`` reads back as another type than a string. Only a text starting
    with one of _MAY_RESOLVE can (ARNs and most names need no regex); any text is answered
    right, whether or not it is simple."""
    if text[0] in _NUMBER_FIRST:
        # In a float, an int or a timestamp, a '-' after the first character comes right after
        # an exponent's e/E, or after a timestamp's 4-digit year: a text whose first one is
        # elsewhere (a UUID: 8 hex digits, then '-') is a string.
        dash = text.find("-", 1)
        if dash > 0 and dash != 4 and text[dash - 1] not in "eE":
            return False
        # Which digit stands where matters to the resolver only in 0b, 0o and 0x integers: for
        # a text without b, o or x, the answer is that of its shape, every digit made 0, which
        # all timestamps of one form share. Non-ASCII and b, o, x are dropped from the shape,
        # so a shorter shape means no shortcut; short ones only, so the table stays small.
        shape = text.encode("ascii", "ignore").translate(_DIGITS_AS_0, b"box")
        if len(shape) == len(text) <= 64:
            known = _RESOLVED.get(shape)
            if known is None:
                if len(_RESOLVED) >= 4096:
                    _RESOLVED.clear()
                known = _RESOLVED[shape] = _NOT_A_STRING(text) is not None
            return known
    return _NOT_A_STRING(text) is not None


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


def _key(name: Any) -> str:
    written = _KEYS.get(name) if type(name) is str else None
    if written is None:
        if type(name) is not str or len(name) > _MAX_SIMPLE_KEY:
            raise _Declined
        written = _string(name) + ":"
        if len(_KEYS) < 4096:
            _KEYS[name] = written
    return written


def _plan(indent: str, first_inline: bool, keys: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    """The keys sorted, each with the start of its line ("\\n  Key: "), remembered in _PLANS."""
    lead = "" if first_inline else "\n" + indent  # after "- ", the first key is on that line
    plan = []
    for name in sorted(keys):  # keys are unique, so this is the representer's sorted(items())
        plan.append((name, lead + _key(name) + " "))
        lead = "\n" + indent
    if len(_PLANS) >= 256:
        _PLANS.clear()
    _PLANS[indent, first_inline, keys] = written = tuple(plan)
    return written


def _once(container: Any, seen: set[int]) -> None:
    """Note a container; one reached a second time would be an anchor and an alias in PyYAML."""
    if id(container) in seen:
        raise _Declined
    seen.add(id(container))


def _mapping(value: dict[str, Any], indent: str, out: list[str], seen: set[int], texts: list[str], *, first_inline: bool) -> None:
    _once(value, seen)
    keys = tuple(value)
    plan = _PLANS.get((indent, first_inline, keys))
    if plan is None:
        plan = _plan(indent, first_inline, keys)
    else:
        for name in keys:  # equal to the plan's keys, but a str subclass would be equal too
            if type(name) is not str:
                raise _Declined
    # out.append, not a local alias: CPython specialises the method call to a plain list append.
    for name, head in plan:
        member = value[name]
        kind = type(member)
        out.append(head)
        if kind is str:
            # _string, but its characters are checked with the document's others at the end.
            if not member or member[0] not in _FIRST or member[-1] == ":":
                raise _Declined
            texts.append(member)
            if member[0] in _MAY_RESOLVE and _resolves(member):
                member = "'" + member + "'"
            out.append(member)
        elif kind is int:
            out.append(int.__repr__(member))
        elif kind is dict:
            if member:
                out[-1] = head[:-1]  # no space: the members start on the next line
                _mapping(member, indent + "  ", out, seen, texts, first_inline=False)
            else:
                _once(member, seen)
                out.append("{}")
        elif kind is list:
            if member:
                out[-1] = head[:-1]
                _sequence(member, indent, out, seen, texts, first_inline=False)  # not indented under its key
            else:
                _once(member, seen)
                out.append("[]")
        else:
            out.append(_scalar(member))


def _sequence(value: list[Any], indent: str, out: list[str], seen: set[int], texts: list[str], *, first_inline: bool) -> None:
    _once(value, seen)
    append = out.append
    deeper = indent + "  "
    lead = "- " if first_inline else "\n" + indent + "- "
    for member in value:
        kind = type(member)
        if kind is dict or kind is list:
            if member:
                append(lead)
                # A container item starts on the "- " line: its first key or item stays inline.
                (_mapping if kind is dict else _sequence)(member, deeper, out, seen, texts, first_inline=True)
            else:
                _once(member, seen)
                append(lead + ("{}" if kind is dict else "[]"))
        else:
            append(lead + _scalar(member))
        lead = "\n" + indent + "- "

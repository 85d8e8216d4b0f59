"""Listings written page by page as they arrive: ``text``, ``yaml-stream`` and unqueried ``json``.

``text`` (AWS CLI v2's TextFormatter): each page is reduced to its result key
(``EventSourceMappings``), queried and printed on its own; when ``--max-items`` cut the listing
short, the object ``{"NextToken": {"NextToken": token}}`` is then queried and printed too, which
gives the ``NEXTTOKEN<TAB>token`` line (or ``None`` when the query does not match it).

``yaml-stream`` (StreamedYAMLFormatter): each page as botocore yields it, less
``ResponseMetadata`` (so a page still carries ``NextMarker`` when the service sent one),
queried and dumped as a one-element list; no NextToken is printed.

``json``: the AWS CLI prints the merged result ``{"EventSourceMappings": [...], "NextToken": …}``
with ``json.dumps(indent=4, ensure_ascii=False)``. Without ``--query`` those bytes can be
written a page at a time: the opening, each page's items indented one level deeper than a
top-level dump of them, then the closing and the NextToken. The first mapping is on the stream
before the second page is asked for, and memory holds one page (docs/limits.md, "Scale").
Nothing is written before the first page arrives, so a listing refused at once prints nothing;
one that fails part-way has printed the pages before the failure, as ``text`` does in AWS.
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring as _quote  # json's own string quoting (C when available)

from esm_cli.output import OutputOptions, apply_query
from esm_cli.pretty_json import PrettyJson, pretty

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TextIO

STREAMED = ("text", "yaml-stream")  # page by page whatever --query says; json and yaml only without it
_INDENT = "    "


def render_pages_streaming(
    pages: Iterable[dict[str, Any]],
    next_token: Callable[[], str | None],
    operation: str,
    options: OutputOptions,
    stream: TextIO,
    *,
    result_key: str = "EventSourceMappings",
) -> None:
    """Write a paginated listing in ``text``, ``yaml-stream`` or (unqueried) ``json``, one page at a time.

    ``pages`` are the pages with timestamps already converted, the last one already cut to
    ``--max-items``; ``next_token()`` gives the resume token once every page was read.
    """
    if options.format == "text":
        from esm_cli.output.text import format_text

        for page in pages:
            # Only the result key survives (this paginator has no non-aggregate keys).
            stream.write(format_text(apply_query({result_key: page.get(result_key)}, options)))
        token = next_token()
        if token is not None:
            stream.write(format_text(apply_query({"NextToken": {"NextToken": token}}, options)))
        return
    if options.format == "yaml-stream":
        from esm_cli.output.yamlfmt import dump_yaml

        for page in pages:
            body = {key: value for key, value in page.items() if key != "ResponseMetadata"}
            stream.write(dump_yaml([apply_query(body, options)]))
        return
    if options.format == "json" and options.query is None:
        _json_streaming(pages, next_token, stream, result_key)
        return
    if options.format == "yaml" and options.query is None:
        _yaml_streaming(pages, next_token, stream, result_key)
        return
    raise ValueError(f"{options.format!r} is not printed page by page")


def _json_streaming(pages: Iterable[dict[str, Any]], next_token: Callable[[], str | None], stream: TextIO, key: str) -> None:
    opening = "{\n" + _INDENT + json.dumps(key) + ": ["
    wrote_items = False
    inner = _INDENT * 2
    for page in pages:
        # Written once the first page has arrived: a listing refused at its first call prints nothing.
        stream.write(opening)
        opening = ""
        items = page.get(key) or []
        if not items:
            continue
        if _ALL_WRITTEN.issuperset(map(type, items)):
            # Mappings the local backend kept as this writer's own text (esm_cli.pretty_json):
            # only indented, every line at once (a JSON string holds no raw line break).
            body = inner + ",\n".join(items).replace("\n", "\n" + inner)
        else:
            body = _flat_page(items, inner)
            if body is None:
                body = ",\n".join(_written_or_pretty(item, inner) for item in items)
        stream.write(",\n" if wrote_items else "\n")
        stream.write(body)
        wrote_items = True
    stream.write(opening + (("\n" + _INDENT + "]") if wrote_items else "]"))
    token = next_token()
    if token is not None:
        stream.write(",\n" + _INDENT + '"NextToken": ' + json.dumps(token, ensure_ascii=False))
    stream.write("\n}\n")


def _yaml_streaming(pages: Iterable[dict[str, Any]], next_token: Callable[[], str | None], stream: TextIO, key: str) -> None:
    # The merged document's YAML is its key, then the list's items at column 0 (sequences are not
    # indented under their key), then NextToken (keys sort after the result key): the same
    # bytes as dumping it whole, one page at a time.
    from esm_cli.output.yamlfmt import dump_yaml

    wrote_items = False
    for page in pages:
        items = page.get(key) or []
        if items:
            stream.write(("" if wrote_items else dump_yaml({key: None}).replace(" null\n", "\n")) + dump_yaml(items))
            wrote_items = True
    if not wrote_items:
        stream.write(dump_yaml({key: []}))
    token = next_token()
    if token is not None:
        stream.write(dump_yaml({"NextToken": token}))


def _flat_page(items: list[Any], indent: str) -> str | None:
    """A page of flat mappings (members all scalars or empty containers, the common case) in one
    call of json's C encoder, or None to write it item by item.

    The encoder has one item separator for the list and for each mapping; with it set to a newline
    and the members' indentation, the only places where the list's own separator differs are
    between two mappings, ``},\n<members' indent>{``, which nothing else can produce (a JSON
    string holds no raw newline, and a member's separator is followed by its quoted name).
    A nested non-empty container shows as ``: {"`` (its first member's name) or as ``: [`` not
    closed at once; a string may contain those too, which only sends the page the slower way.
    """
    if not all(items) or set(map(type, items)) != _ONLY_DICTS:  # C loops: a page holds 100 items
        return None
    deeper = indent + _INDENT
    try:
        text = _flat_encoder(deeper).encode(items)
    except (TypeError, ValueError):
        return None  # a datetime or bytes: json.dumps with esm's default, item by item
    if _NESTED.search(text):
        return None
    between = "},\n" + deeper + "{"
    return indent + "{\n" + deeper + text[2:-2].replace(between, "\n" + indent + "},\n" + indent + "{\n" + deeper) + "\n" + indent + "}"


class _Unusual(Exception):
    """A value _pretty does not write itself (a datetime, bytes, a non-string key)."""


def _written_or_pretty(item: Any, indent: str) -> str:
    if type(item) is PrettyJson:
        return indent + item.replace("\n", "\n" + indent)
    return indent + _pretty_or_dumps(item, indent)


def _pretty_or_dumps(item: Any, indent: str) -> str:
    try:
        return _pretty(item, indent)
    except _Unusual:
        from esm_cli.output import _json_default

        return pretty(item, _json_default).replace("\n", "\n" + indent)


def _pretty(value: Any, indent: str) -> str:
    """``json.dumps(value, indent=4, ensure_ascii=False)`` at ``indent``, byte for byte.

    json's indented writer is pure Python (its C encoder has no indent); this one writes scalars
    through one table lookup and a C call, which matters at 100,000 mappings. Anything but plain
    JSON types raises _Unusual and json.dumps takes over.
    """
    write = _SCALARS.get(type(value))
    if write is not None:
        return write(value)
    deeper = indent + _INDENT
    if type(value) is dict:
        if not value:
            return "{}"
        if not any(type(member) in _CONTAINERS and member for member in value.values()):
            # Flat (scalars and empty containers, as most of a mapping is): json's C encoder writes
            # it in one call, its item separator carrying the newline and the indentation.
            try:
                flat = _flat_encoder(deeper).encode(value)
            except TypeError:
                raise _Unusual from None
            return "{\n" + deeper + flat[1:-1] + "\n" + indent + "}"
        parts = []
        for name, member in value.items():
            if type(name) is not str:
                raise _Unusual
            write = _SCALARS.get(type(member))
            parts.append(deeper + _quote(name) + ": " + (write(member) if write is not None else _pretty(member, deeper)))
        return "{\n" + ",\n".join(parts) + "\n" + indent + "}"
    if type(value) is list:
        if not value:
            return "[]"
        return "[\n" + ",\n".join([deeper + _pretty(member, deeper) for member in value]) + "\n" + indent + "]"
    raise _Unusual


_ALL_WRITTEN = frozenset({PrettyJson})
_CONTAINERS = (dict, list)
_ONLY_DICTS = {dict}
_NESTED = re.compile(r': (?:\{"|\[(?!\]))')  # a member holding a non-empty object or list
_ENCODERS: dict[str, json.JSONEncoder] = {}


def _flat_encoder(deeper: str) -> json.JSONEncoder:
    encoder = _ENCODERS.get(deeper)
    if encoder is None:
        encoder = _ENCODERS[deeper] = json.JSONEncoder(ensure_ascii=False, separators=(",\n" + deeper, ": "))
    return encoder


def _float(value: float) -> str:
    # json.encoder's floatstr: repr, with JavaScript's names for what JSON cannot write.
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_INFINITY = float("inf")
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _quote,
    int: int.__repr__,
    float: _float,
    bool: lambda flag: "true" if flag else "false",
    type(None): lambda _: "null",
}

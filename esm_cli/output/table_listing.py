"""``--output table`` for a whole listing (no ``--query``), without holding it as drawn rows.

AWS's table is as wide as its widest section and is turned on its side when that is wider than
the terminal, so nothing can be drawn before the last page is read. What is kept meanwhile is
lean: per mapping, its keys (one tuple shared by every mapping with the same keys) and its
values (one tuple; the strings are the ones already read, not copies). Drawing then makes two
passes over that: one to measure, one to write, each mapping's sections built by
``esm_cli.output.table``'s own builder, drawn and written one mapping at a time.

The bytes are the ones ``format_table`` gives for the merged result ``{key: [...],
"NextToken": ...}`` (tests/test_output_table_listing.py compares the two); a listing whose
items are not all objects is drawn by ``format_table`` itself.
"""

from __future__ import annotations

from esm_cli.output.table import (
    BAR_STYLE,
    RESET,
    Section,
    TableBuilder,
    _draw_section,
    _on_side,
    _split_keys,
    _Writer,
    display_width,
)

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, TextIO

_FLUSH_PARTS = 8192  # written pieces gathered before one write to the stream


class _Rows:
    """A section's rows produced on demand from the kept mappings (``_draw_section`` iterates them)."""

    def __init__(self, entries: list[tuple[tuple[str, ...], tuple[Any, ...]]], headers: list[str]) -> None:
        self._entries, self._headers = entries, headers

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __getitem__(self, index: int) -> list[str]:
        keys, values = self._entries[index]
        item = dict(zip(keys, values))
        return [str(item.get(name, "")) for name in self._headers]

    def __iter__(self) -> Iterator[list[str]]:
        headers = self._headers
        for keys, values in self._entries:
            item = dict(zip(keys, values))
            yield [str(item.get(name, "")) for name in headers]


class _Listing:
    """The kept mappings and what ``TableBuilder._dict_list`` derives from all of them."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.entries: list[tuple[tuple[str, ...], tuple[Any, ...]]] = []
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._split: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
        self.scalar_set: set[str] = set()
        self.nested_set: set[str] = set()

    def add(self, item: dict[str, Any]) -> None:
        keys = tuple(item)
        keys = self._keys.setdefault(keys, keys)
        kinds = tuple(isinstance(value, (list, dict)) for value in item.values())
        split = self._split.get((keys, kinds))  # type: ignore[arg-type]
        if split is None:
            split = self._split[(keys, kinds)] = _split_keys(item)  # type: ignore[index]
            self.scalar_set.update(split[0])
            self.nested_set.update(split[1])
        self.entries.append((keys, tuple(item.values())))

    def measure(self, headers: list[str], nested: list[str]) -> tuple[int, int]:
        """The widest of the mappings' sections as drawn and as turned on their side.

        A mapping whose nested members are all empty (or falsy) has one section, one header
        row and one row: its widths come from its cells alone, without building it.
        """
        header_sizes = [display_width(name) for name in headers]
        widest_header = max(header_sizes, default=0)
        title = display_width(self.title) + 2 + 2
        width = turned = title
        for keys, values in self.entries:
            item = dict(zip(keys, values))
            if any(item.get(name) for name in nested):
                for section in next(self.sections(headers, nested, only=(keys, values))):
                    width = max(width, section.needed_width())
                for section in _on_side(next(self.sections(headers, nested, only=(keys, values)))):
                    turned = max(turned, section.needed_width())
                continue
            cells = [str(item.get(name, "")) for name in headers]
            sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
            cells_width = sum((max(head, size)) + 4 for size, head in zip(sizes, header_sizes)) + 4
            width = max(width, cells_width)
            turned = max(turned, widest_header + max(sizes) + 8 + 4 if headers else cells_width)
        return width, turned

    def sections(
        self, headers: list[str], nested: list[str], only: tuple[Any, Any] | None = None, turned: bool | None = None
    ) -> Iterator[list[Section]]:
        """Each mapping's sections, as ``_dict_list`` lays them out (one section for all rows when
        no mapping has nested members)."""
        if not nested:
            section = Section(title=self.title, indent=1)
            section.set_headers(headers)
            section.columns = len(headers)
            for keys, values in self.entries:
                item = dict(zip(keys, values))
                section._grow([str(item.get(name, "")) for name in headers])
            section.rows = _Rows(self.entries, headers)  # type: ignore[assignment]
            yield [section]
            return
        header_sizes = [display_width(name) for name in headers]
        widest_header = max(header_sizes, default=0)
        for keys, values in [only] if only is not None else self.entries:
            item = dict(zip(keys, values))
            if turned is not None and not any(item.get(name) for name in nested):
                # One section, one row: built as set_headers and add_row (and _on_side) would.
                cells = [str(item.get(name, "")) for name in headers]
                sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
                if turned and headers:
                    rows = [[name, cell] for name, cell in zip(headers, cells)]
                    yield [Section(title=self.title, indent=1, rows=rows, widths=[widest_header, max(sizes)], columns=2)]
                else:
                    widths = [max(head, size) for size, head in zip(sizes, header_sizes)]
                    yield [Section(title=self.title, indent=1, headers=headers, rows=[cells], widths=widths, columns=len(headers))]
                continue
            builder = TableBuilder()
            builder._open(self.title, 1)
            builder._current.set_headers(headers)
            builder._current.add_row([item.get(name, "") for name in headers])
            for name in nested:
                if name in item:
                    builder.add(name, item[name], 2)
            yield builder.sections


def render_listing_table(
    pages: Iterable[dict[str, Any]],
    next_token: Callable[[], str | None],
    operation: str,
    stream: TextIO,
    *,
    result_key: str,
    terminal_width: int,
    colour: bool,
    autoreset: bool,
) -> None:
    """Write the merged listing's table, as ``format_table`` draws it."""
    from esm_cli.output.table import format_table

    listing = _Listing(result_key)
    whole: list[Any] | None = None  # the items, once one is not an object (never for mappings)
    for page in pages:
        for item in page.get(result_key) or []:
            if whole is None and type(item) is not dict:
                whole = [dict(zip(keys, values)) for keys, values in listing.entries]
                listing.entries = []
            if whole is not None:
                whole.append(item)
            else:
                listing.add(item)
    token = next_token()
    if whole is not None:
        merged: dict[str, Any] = {result_key: whole}
        if token is not None:
            merged["NextToken"] = token
        stream.write(format_table(merged, operation, terminal_width=terminal_width, colour=colour, autoreset=autoreset))
        return
    head: dict[str, Any] = {result_key: []}
    if token is not None:
        head["NextToken"] = token
    builder = TableBuilder()
    builder.add(operation, head)
    headers, nested = sorted(listing.scalar_set), sorted(listing.nested_set)

    def everything(turned: bool | None = None) -> Iterator[list[Section]]:
        yield builder.sections
        if listing.entries:
            yield from listing.sections(headers, nested, turned=turned)

    # One measuring pass for both layouts: as drawn, and turned on its side (used when too wide).
    width = max(section.needed_width() for section in builder.sections)
    turned_width = max(section.needed_width() for section in _on_side(builder.sections))
    if listing.entries and nested:
        listed, listed_turned = listing.measure(headers, nested)
        width, turned_width = max(width, listed), max(turned_width, listed_turned)
    elif listing.entries:
        for section in next(listing.sections(headers, nested)):
            width = max(width, section.needed_width())
            turned_width = max(turned_width, max(turned.needed_width() for turned in _on_side([section])))
    turned = width > terminal_width
    if turned:
        width = turned_width
    out = _Writer(autoreset)
    bar = f"{BAR_STYLE}|{RESET}" if colour else "|"
    out.write("-" * width + "\n")
    for sections in everything(turned):
        for section in _on_side(sections) if turned else sections:
            _draw_section(section, width - 2 * section.indent, out, bar, colour)
        if len(out.parts) > _FLUSH_PARTS:
            stream.write("".join(out.parts))
            out.parts.clear()
    stream.write("".join(out.parts))

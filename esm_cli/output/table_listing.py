"""``--output table`` for a whole listing (no ``--query``), without holding it as drawn rows.

AWS's table is as wide as its widest section and is turned on its side when that is wider than
the terminal, so nothing can be drawn before the last page is read. What is kept meanwhile is
lean, and measured as it is read (``esm_cli.output.table_listing_kept``).

Drawing then writes each one-row mapping as one printf-style ``template % cells``, the template
being its whole section drawn with fields for the cells (``section_template``) and shared by
the mappings of the same widths; what a template cannot draw (wide characters, a cell that
would lose its padding) is drawn by ``draw_section`` from the section built as
``set_headers``/``add_row``/``on_side`` build it.

The bytes are the ones ``format_table`` gives for the merged result ``{key: [...],
"NextToken": ...}`` (tests/test_output_table_listing.py compares the two); a listing whose
items are not all objects is drawn by ``format_table`` itself.
"""

from __future__ import annotations

from esm_cli.output.table_draw import (
    BAR_STYLE,
    RESET,
    Writer,
    coloured,
    draw_section,
    section_template,
)
from esm_cli.output.table_listing_kept import SEP, KeptListing
from esm_cli.output.table_sections import Section, TableBuilder, display_width, on_side

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TextIO

_FLUSH_PARTS = 512  # written pieces (a drawn mapping is one; 1 KiB to 2 KiB) gathered before one write to the stream


def _one_row(title: str, cells: list[str], headers: list[str], header_sizes: list[int], turned: bool) -> Section:
    """A one-row mapping's section, as set_headers and add_row (and on_side) build it."""
    sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
    if turned and headers:
        rows = [[name, cell] for name, cell in zip(headers, cells)]
        return Section(title=title, indent=1, rows=rows, widths=[max(header_sizes), max(sizes)], columns=2)
    widths = [max(head, size) for size, head in zip(sizes, header_sizes)]
    return Section(title=title, indent=1, headers=headers, rows=[cells], widths=widths, columns=len(headers))


def _template(
    title: str, headers: list[str], header_sizes: list[int], key: Any, width: int, turned: bool, bar: str, colour: bool,
    out: Writer,
) -> tuple[str, list[int]] | None:
    """The ``section_template`` of a one-row mapping's section whose widths are ``key`` (see ``_draw_mappings``)."""
    if turned:
        rows: list[list[str | None]] = [[name, None] for name in headers]
        section = Section(title=title, indent=1, rows=rows, widths=[max(header_sizes), key], columns=2)  # type: ignore[arg-type]
    else:
        section = Section(title=title, indent=1, headers=headers, rows=[[None] * len(headers)],  # type: ignore[list-item]
                          widths=list(key), columns=len(headers))
    return section_template(section, width - 2, bar, colour, out.autoreset)


def _draw_mappings(
    listing: KeptListing, headers: list[str], nested: list[str], width: int, turned: bool, out: Writer, bar: str,
    colour: bool, spill: Callable[[], None],
) -> None:
    """Each mapping's sections (when some mapping has nested members, after ``listing.measure``);
    ``spill`` writes what is gathered."""
    title = listing.title
    header_sizes = [display_width(name) for name in headers]
    parts = out.parts
    # Templates of a one-row mapping's whole section, by its widths: turned, the widest cell
    # (its key column is the widest key); upright, each column's.
    templates: dict[Any, tuple[str, list[int]] | None] = {}
    for shape, kept in zip(listing.shapes, listing.kept):
        if len(parts) > _FLUSH_PARTS:
            spill()
        if shape is None or shape.crossed:
            item = listing.whole(shape, kept, nested)
            if item is not None:
                sections = listing.built(item, headers, nested)
                for section in on_side(sections) if turned else sections:
                    draw_section(section, width - 2 * section.indent, out, bar, colour)
                continue
        cells = kept.split(SEP) if shape.order is None and type(kept) is str else shape.cells(kept)  # type: ignore[union-attr]
        if type(kept) is str and headers:
            key: Any = max(map(len, cells)) if turned else tuple(map(max, header_sizes, map(len, cells)))
            found = templates.get(key, False)
            if found is False:
                if len(templates) > 4096:  # bounded: many differently sized mappings
                    templates.clear()
                found = templates[key] = _template(title, headers, header_sizes, key, width, turned, bar, colour, out)
            if found is not None:
                parts.append(found[0] % tuple(coloured(cells, found[1]) if colour else cells))
                continue
        draw_section(_one_row(title, cells, headers, header_sizes, turned), width - 2, out, bar, colour)


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

    listing = KeptListing(result_key)
    whole: list[Any] | None = None  # the items, once one is not an object (never for mappings)
    for page in pages:
        for item in page.get(result_key) or []:
            if whole is None and type(item) is not dict:
                whole = list(listing.items())
                listing = KeptListing(result_key)
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
    out = Writer(autoreset)

    def spill() -> None:
        stream.write("".join(out.parts))
        out.parts.clear()

    def spill_when_full() -> None:
        if len(out.parts) > _FLUSH_PARTS:
            spill()

    head: dict[str, Any] = {result_key: []}
    if token is not None:
        head["NextToken"] = token
    builder = TableBuilder()
    builder.add(operation, head)
    headers, nested = sorted(listing.scalar_set), sorted(listing.nested_set)
    sections = list(builder.sections)
    # One measuring pass for both layouts: as drawn, and turned on its side (used when too wide).
    width = max(section.needed_width() for section in sections)
    turned_width = max(section.needed_width() for section in on_side(sections))
    if listing.kept and nested:
        listed, listed_turned = listing.measure(headers, nested, terminal_width)
        width, turned_width = max(width, listed), max(turned_width, listed_turned)
    elif listing.kept:
        # No nested members anywhere: one section holds every mapping as a row.
        sections.append(listing.section(headers))
        sections[-1].rows.spill = spill_when_full  # type: ignore[attr-defined]
        width = max(width, sections[-1].needed_width())
        turned_width = max(turned_width, max(turned.needed_width() for turned in on_side(sections[-1:])))
    turned = width > terminal_width
    if turned:
        width = turned_width
    bar = f"{BAR_STYLE}|{RESET}" if colour else "|"

    out.write("-" * width + "\n")
    for section in on_side(sections) if turned else sections:
        draw_section(section, width - 2 * section.indent, out, bar, colour)
    if listing.kept and nested:
        _draw_mappings(listing, headers, nested, width, turned, out, bar, colour, spill)
    spill()

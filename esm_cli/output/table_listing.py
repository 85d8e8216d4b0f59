"""``--output table`` for a whole listing (no ``--query``), without holding it as drawn rows.

AWS's table is as wide as its widest section and is turned on its side when that is wider than
the terminal, so nothing can be drawn before the last page is read. What is kept meanwhile is
lean, and measured as it is read:

- a mapping whose nested members are all empty (every listed mapping, in practice: its
  ``FunctionResponseTypes`` is ``[]``) is drawn as one section of one row. Kept: its *shape*
  (its keys and the types of its values, shared by every mapping alike) and its cells' text,
  the values ``str``-ed in the order of its sorted scalar keys and joined by NUL when that is
  plain ASCII: one string instead of a tuple of a dozen objects, half the memory. Its widest
  cell and its cells' total width go into its shape's maxima as it is read; that nearly always
  settles that the table is turned on its side (as it is into a pipe), and what the turned
  sections need. Only otherwise is each mapping measured again.
- any other mapping: its keys (shared) and values (the objects already read), built into
  sections by ``esm_cli.output.table``'s own ``TableBuilder`` when measured and drawn.

Drawing then writes each one-row mapping as one printf-style ``template % cells``, the template
being its whole section drawn with fields for the cells (``section_template``) and shared by
the mappings of the same widths; what a template cannot draw (wide characters, a cell that
would lose its padding) is drawn by ``_draw_section`` from the section built as
``set_headers``/``add_row``/``_on_side`` build it.

The bytes are the ones ``format_table`` gives for the merged result ``{key: [...],
"NextToken": ...}`` (tests/test_output_table_listing.py compares the two); a listing whose
items are not all objects is drawn by ``format_table`` itself.
"""

from __future__ import annotations

from operator import itemgetter

from esm_cli.output.table import (
    BAR_STYLE,
    RESET,
    Section,
    TableBuilder,
    _draw_section,
    _on_side,
    _Writer,
    coloured,
    display_width,
    section_template,
)

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, TextIO

_FLUSH_PARTS = 512  # written pieces (a drawn mapping is one; 1 KiB to 2 KiB) gathered before one write to the stream
_SEP = "\x00"  # between a kept mapping's cells; a cell holding it is kept in a tuple instead


def _getter(positions: list[int]) -> Callable[[Any], tuple[Any, ...]]:
    """``values -> tuple(values[i] for i in positions)``, by ``itemgetter`` (a tuple whatever the count)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        first = positions[0]
        return lambda values: (values[first],)
    return lambda values: ()


# The scalars a kept mapping may hold (JSON's), each given back exactly by its type from its text.
_FROM_TEXT: dict[type, Callable[[str], Any]] = {
    str: str, int: int, float: float, bool: "True".__eq__, type(None): lambda text: None,
}


class _Shape:
    """What the mappings of the same keys, in the same order, with the same types of values share."""

    __slots__ = (
        "cell_max",
        "crossed",
        "extra_max",
        "extra_width",
        "keys",
        "kinds",
        "nested",
        "nested_values",
        "order",
        "plain",
        "row_floor",
        "scalar_values",
        "scalars",
        "seen",
    )

    def __init__(self, keys: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self.keys = keys
        self.kinds = tuple(type(value) for value in values)
        container = {key: isinstance(value, (list, dict)) for key, value in zip(keys, values)}
        self.scalars = sorted(key for key in keys if not container[key])
        self.nested = sorted(key for key in keys if container[key])
        self.scalar_values = _getter([keys.index(key) for key in self.scalars])
        self.nested_values = _getter([keys.index(key) for key in self.nested])
        # Kept as text only when that text gives the mapping back: JSON's scalars, and nested
        # members that are plain lists and dicts (empty, for a mapping kept as text).
        self.plain = all(kind in _FROM_TEXT or kind in (list, dict) for kind in self.kinds)
        # Of the one-row mappings kept, noted as they are read: the widest cell (what a section
        # turned on its side needs) and the most a row's cells take together (at most what an
        # upright section needs: enough to tell, nearly always, that the table is turned).
        self.seen = False
        self.cell_max = 0
        self.row_floor = 0
        # Set once the listing's headers are known (``to_headers``).
        self.order: Callable[[list[str]], list[str]] | None = None  # the cells in header order, when that differs
        self.extra_width = 0  # its cells' width in the header columns not among its scalars
        self.extra_max = 0  # and the widest of those cells
        self.crossed: list[str] = []  # its scalars that another mapping has as nested members

    def to_headers(self, headers: list[str], nested: list[str]) -> None:
        """Order the cells by the listing's headers, which may have names this shape lacks (an
        empty cell) or has as an empty nested member (``str`` of it: ``[]`` or ``{}``)."""
        self.crossed = [name for name in self.scalars if name in nested]
        if self.scalars == headers:
            return
        kinds = dict(zip(self.keys, self.kinds))
        others = [name for name in headers if name not in self.scalars]
        tail = [str(kinds[name]()) if name in kinds else "" for name in others]
        self.extra_width = sum(map(len, tail))
        self.extra_max = max(map(len, tail), default=0)
        rest = iter(range(len(self.scalars), len(self.scalars) + len(tail)))
        getter = _getter([self.scalars.index(name) if name in self.scalars else next(rest) for name in headers])
        self.order = lambda cells: list(getter(cells + tail))

    def cells(self, kept: str | tuple[str, ...]) -> list[str]:
        """A kept one-row mapping's cells, in the listing's header order."""
        cells = kept.split(_SEP) if type(kept) is str else list(kept)
        return cells if self.order is None else self.order(cells)

    def item(self, kept: str | tuple[str, ...]) -> dict[str, Any]:
        """The kept mapping as it was read."""
        cells = dict(zip(self.scalars, kept.split(_SEP) if type(kept) is str else kept))
        return {key: _FROM_TEXT[kind](cells[key]) if key in cells else kind() for key, kind in zip(self.keys, self.kinds)}


class _Rows:
    """The one section's rows produced on demand from the kept mappings (``_draw_section`` iterates
    them); ``spill`` is called between rows so that what is drawn is written as it grows."""

    def __init__(self, listing: _Listing) -> None:
        self._listing = listing
        self.spill: Callable[[], None] = lambda: None

    def __len__(self) -> int:
        return len(self._listing.kept)

    def __getitem__(self, index: int) -> list[str]:
        return self._listing.shapes[index].cells(self._listing.kept[index])  # type: ignore[union-attr]

    def __iter__(self) -> Iterator[list[str]]:
        spill = self.spill
        for shape, kept in zip(self._listing.shapes, self._listing.kept):
            yield shape.cells(kept)  # type: ignore[union-attr]
            spill()


class _Listing:
    """The kept mappings and what ``TableBuilder._dict_list`` derives from all of them."""

    def __init__(self, title: str) -> None:
        self.title = title
        # Per mapping, in order: its shape and its cells' text (see the module's docstring), or
        # None and (keys, values).
        self.shapes: list[_Shape | None] = []
        self.kept: list[Any] = []
        self._shapes: dict[tuple[tuple[str, ...], tuple[type, ...]], _Shape] = {}
        self.scalar_set: set[str] = set()
        self.nested_set: set[str] = set()

    def add(self, item: dict[str, Any]) -> None:
        keys = tuple(item)
        values = tuple(item.values())
        shape = self._shapes.get((keys, tuple(map(type, values))))
        if shape is None:
            shape = _Shape(keys, values)
            self._shapes[(keys, shape.kinds)] = shape
            self.scalar_set.update(shape.scalars)
            self.nested_set.update(shape.nested)
        if not shape.plain or (shape.nested and any(shape.nested_values(values))):
            self.shapes.append(None)
            self.kept.append((shape.keys, values))
            return
        cells = list(map(str, shape.scalar_values(values)))
        joined = _SEP.join(cells)
        if cells and joined.isascii() and joined.count(_SEP) == len(cells) - 1:
            widest, together = max(map(len, cells)), len(joined) - len(cells) + 1
            self.kept.append(joined)
        else:
            sizes = [display_width(cell) for cell in cells]
            widest, together = max(sizes, default=0), sum(sizes)
            self.kept.append(tuple(cells))
        self.shapes.append(shape)
        shape.seen = True
        shape.cell_max = max(shape.cell_max, widest)
        shape.row_floor = max(shape.row_floor, together)

    def items(self) -> Iterator[dict[str, Any]]:
        for shape, kept in zip(self.shapes, self.kept):
            yield dict(zip(*kept)) if shape is None else shape.item(kept)

    def _whole(self, shape: _Shape | None, kept: Any, nested: list[str]) -> dict[str, Any] | None:
        """The mapping, when it is drawn through ``TableBuilder``: it has nested members that are
        not empty (or falsy), its own or one that is a scalar of its shape and nested in another's."""
        if shape is None:
            return dict(zip(*kept))
        if shape.crossed:
            item = shape.item(kept)
            if any(item.get(name) for name in nested):
                return item
        return None

    def _built(self, item: dict[str, Any], headers: list[str], nested: list[str]) -> list[Section]:
        builder = TableBuilder()
        builder._open(self.title, 1)
        builder._current.set_headers(headers)
        builder._current.add_row([item.get(name, "") for name in headers])
        for name in nested:
            if name in item:
                builder.add(name, item[name], 2)
        return builder.sections

    def _one_row(self, cells: list[str], headers: list[str], header_sizes: list[int], turned: bool) -> Section:
        """A one-row mapping's section, as set_headers and add_row (and _on_side) build it."""
        sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
        if turned and headers:
            rows = [[name, cell] for name, cell in zip(headers, cells)]
            return Section(title=self.title, indent=1, rows=rows, widths=[max(header_sizes), max(sizes)], columns=2)
        widths = [max(head, size) for size, head in zip(sizes, header_sizes)]
        return Section(title=self.title, indent=1, headers=headers, rows=[cells], widths=widths, columns=len(headers))

    def measure(self, headers: list[str], nested: list[str], terminal_width: int) -> tuple[int, int]:
        """The widest of the mappings' sections turned on their side, and as drawn upright when
        that is not wider than ``terminal_width`` (else a width above it: then only the turned
        one is drawn). This is when some mapping has nested members, so that each is a section
        of its own."""
        header_sizes = [display_width(name) for name in headers]
        widest_header = max(header_sizes, default=0)
        frame = 4 * len(headers) + 4
        width = turned = display_width(self.title) + 2 + 2
        for shape in self._shapes.values():
            shape.to_headers(headers, nested)
            if shape.seen and not shape.crossed:  # else measured one by one below
                together = shape.row_floor + shape.extra_width
                width = max(width, max(together, sum(header_sizes)) + frame)
                cell_max = max(shape.cell_max, shape.extra_max)
                turned = max(turned, widest_header + cell_max + 8 + 4 if headers else frame)
        exact = width <= terminal_width  # the floor does not settle it: every row is measured
        for shape, kept in zip(self.shapes, self.kept):
            if shape is not None and not shape.crossed and not exact:
                continue
            item = self._whole(shape, kept, nested)
            if item is None:
                cells = shape.cells(kept)  # type: ignore[union-attr]
                sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
                width = max(width, sum(map(max, header_sizes, sizes)) + frame)
                turned = max(turned, widest_header + max(sizes) + 8 + 4 if headers else frame)
                continue
            sections = self._built(item, headers, nested)
            for section in sections:
                width = max(width, section.needed_width())
            for section in _on_side(sections):
                turned = max(turned, section.needed_width())
        return width, turned

    def section(self, headers: list[str]) -> Section:
        """Every mapping as a row of one section (when no mapping has nested members)."""
        for shape in self._shapes.values():
            shape.to_headers(headers, [])
        widths = [display_width(name) for name in headers]
        for shape, kept in zip(self.shapes, self.kept):
            cells = shape.cells(kept)  # type: ignore[union-attr]
            sizes = map(len, cells) if type(kept) is str else map(display_width, cells)
            widths = list(map(max, widths, sizes))
        section = Section(title=self.title, indent=1, headers=headers, widths=widths, columns=len(headers))
        section.rows = _Rows(self)  # type: ignore[assignment]
        return section

    def draw(
        self, headers: list[str], nested: list[str], width: int, turned: bool, out: _Writer, bar: str, colour: bool,
        spill: Callable[[], None],
    ) -> None:
        """Each mapping's sections (when some mapping has nested members, after ``measure``);
        ``spill`` writes what is gathered."""
        header_sizes = [display_width(name) for name in headers]
        parts = out.parts
        # Templates of a one-row mapping's whole section, by its widths: turned, the widest cell
        # (its key column is the widest key); upright, each column's.
        templates: dict[Any, tuple[str, list[int]] | None] = {}
        for shape, kept in zip(self.shapes, self.kept):
            if len(parts) > _FLUSH_PARTS:
                spill()
            if shape is None or shape.crossed:
                item = self._whole(shape, kept, nested)
                if item is not None:
                    sections = self._built(item, headers, nested)
                    for section in _on_side(sections) if turned else sections:
                        _draw_section(section, width - 2 * section.indent, out, bar, colour)
                    continue
            cells = kept.split(_SEP) if shape.order is None and type(kept) is str else shape.cells(kept)  # type: ignore[union-attr]
            if type(kept) is str and headers:
                key: Any = max(map(len, cells)) if turned else tuple(map(max, header_sizes, map(len, cells)))
                found = templates.get(key, False)
                if found is False:
                    if len(templates) > 4096:  # bounded: many differently sized mappings
                        templates.clear()
                    found = templates[key] = self._template(headers, header_sizes, key, width, turned, bar, colour, out)
                if found is not None:
                    parts.append(found[0] % tuple(coloured(cells, found[1]) if colour else cells))
                    continue
            _draw_section(self._one_row(cells, headers, header_sizes, turned), width - 2, out, bar, colour)

    def _template(
        self, headers: list[str], header_sizes: list[int], key: Any, width: int, turned: bool, bar: str, colour: bool,
        out: _Writer,
    ) -> tuple[str, list[int]] | None:
        if turned:
            rows: list[list[str | None]] = [[name, None] for name in headers]
            section = Section(title=self.title, indent=1, rows=rows, widths=[max(header_sizes), key], columns=2)  # type: ignore[arg-type]
        else:
            section = Section(title=self.title, indent=1, headers=headers, rows=[[None] * len(headers)],  # type: ignore[list-item]
                              widths=list(key), columns=len(headers))
        return section_template(section, width - 2, bar, colour, out.autoreset)


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
                whole = list(listing.items())
                listing = _Listing(result_key)
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
    out = _Writer(autoreset)

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
    turned_width = max(section.needed_width() for section in _on_side(sections))
    if listing.kept and nested:
        listed, listed_turned = listing.measure(headers, nested, terminal_width)
        width, turned_width = max(width, listed), max(turned_width, listed_turned)
    elif listing.kept:
        # No nested members anywhere: one section holds every mapping as a row.
        sections.append(listing.section(headers))
        sections[-1].rows.spill = spill_when_full  # type: ignore[attr-defined]
        width = max(width, sections[-1].needed_width())
        turned_width = max(turned_width, max(turned.needed_width() for turned in _on_side(sections[-1:])))
    turned = width > terminal_width
    if turned:
        width = turned_width
    bar = f"{BAR_STYLE}|{RESET}" if colour else "|"

    out.write("-" * width + "\n")
    for section in _on_side(sections) if turned else sections:
        _draw_section(section, width - 2 * section.indent, out, bar, colour)
    if listing.kept and nested:
        listing.draw(headers, nested, width, turned, out, bar, colour, spill)
    spill()

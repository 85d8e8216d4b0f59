"""A listing's mappings kept lean for ``--output table``, and measured as they are read.

What is kept of each mapping (``esm_cli.output.table_listing`` says why it is kept at all):

- a mapping whose nested members are all empty (every listed mapping, in practice: its
  ``FunctionResponseTypes`` is ``[]``) is drawn as one section of one row. Kept: its *shape*
  (its keys and the types of its values, shared by every mapping alike) and its cells' text,
  the values ``str``-ed in the order of its sorted scalar keys and joined by NUL when that is
  plain ASCII: one string instead of a tuple of a dozen objects, half the memory. Its widest
  cell and its cells' total width go into its shape's maxima as it is read; that nearly always
  settles that the table is turned on its side (as it is into a pipe), and what the turned
  sections need. Only otherwise is each mapping measured again.
- any other mapping: its keys (shared) and values (the objects already read), built into
  sections by ``esm_cli.output.table_sections``'s own ``TableBuilder`` when measured and drawn.
"""

from __future__ import annotations

from operator import itemgetter

from esm_cli.output.table_sections import Section, TableBuilder, display_width, on_side

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

SEP = "\x00"  # between a kept mapping's cells; a cell holding it is kept in a tuple instead


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
        cells = kept.split(SEP) if type(kept) is str else list(kept)
        return cells if self.order is None else self.order(cells)

    def item(self, kept: str | tuple[str, ...]) -> dict[str, Any]:
        """The kept mapping as it was read."""
        cells = dict(zip(self.scalars, kept.split(SEP) if type(kept) is str else kept))
        return {key: _FROM_TEXT[kind](cells[key]) if key in cells else kind() for key, kind in zip(self.keys, self.kinds)}


class _Rows:
    """The one section's rows produced on demand from the kept mappings (``draw_section`` iterates
    them); ``spill`` is called between rows so that what is drawn is written as it grows."""

    def __init__(self, listing: KeptListing) -> None:
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


class KeptListing:
    """The kept mappings and what ``TableBuilder._dict_list`` derives from all of them (drawn by
    ``esm_cli.output.table_listing``)."""

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
        joined = SEP.join(cells)
        if cells and joined.isascii() and joined.count(SEP) == len(cells) - 1:
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

    def whole(self, shape: _Shape | None, kept: Any, nested: list[str]) -> dict[str, Any] | None:
        """The mapping, when it is drawn through ``TableBuilder``: it has nested members that are
        not empty (or falsy), its own or one that is a scalar of its shape and nested in another's."""
        if shape is None:
            return dict(zip(*kept))
        if shape.crossed:
            item = shape.item(kept)
            if any(item.get(name) for name in nested):
                return item
        return None

    def built(self, item: dict[str, Any], headers: list[str], nested: list[str]) -> list[Section]:
        """``item``'s sections, as ``TableBuilder._dict_list`` lays out one element of the listing."""
        builder = TableBuilder()
        builder.open_section(self.title, 1)
        builder.current.set_headers(headers)
        builder.current.add_row([item.get(name, "") for name in headers])
        for name in nested:
            if name in item:
                builder.add(name, item[name], 2)
        return builder.sections

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
            item = self.whole(shape, kept, nested)
            if item is None:
                cells = shape.cells(kept)  # type: ignore[union-attr]
                sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
                width = max(width, sum(map(max, header_sizes, sizes)) + frame)
                turned = max(turned, widest_header + max(sizes) + 8 + 4 if headers else frame)
                continue
            sections = self.built(item, headers, nested)
            for section in sections:
                width = max(width, section.needed_width())
            for section in on_side(sections):
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


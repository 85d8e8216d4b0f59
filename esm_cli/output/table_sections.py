"""``--output table`` laid out: the data as sections (title, indent level, header, rows), measured.

``TableBuilder`` follows awscli's TableFormatter walk of the data; ``on_side`` turns every
one-row section with a header on its side (``| key | value |``), for a table wider than the
terminal. Widths count East Asian wide *and ambiguous* characters (``é``) as two columns, as
AWS does. Drawing the sections is ``esm_cli.output.table_draw``'s job.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any


def display_width(text: Any) -> int:
    """Columns ``text`` takes: wide, full-width and ambiguous characters count twice."""
    text = str(text)
    if text.isascii():  # every ASCII character is one column: the common case, without a per-character walk
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


@dataclass
class Section:
    """One titled block: an optional header row and rows of string cells."""

    title: str = ""
    indent: int = 0
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    columns: int | None = None

    def _grow(self, cells: list[str]) -> None:
        # ASCII (nearly every cell) is measured by len() inline: this runs for every cell of a listing.
        sizes = [len(cell) if cell.isascii() else display_width(cell) for cell in cells]
        if not self.widths:
            self.widths = sizes
        elif len(sizes) <= len(self.widths):
            widths = self.widths
            widths[: len(sizes)] = [max(width, size) for size, width in zip(sizes, widths)]
        else:
            for index, size in enumerate(sizes):
                self.widths[index] = max(size, self.widths[index])

    def set_headers(self, headers: list[str]) -> None:
        self._grow(headers)
        if self.columns is None:
            self.columns = len(headers)
        self.headers = headers

    def add_row(self, row: list[Any]) -> None:
        if self.columns is None:
            self.columns = len(row)
        if len(row) != self.columns:
            raise ValueError(f"Row should have {self.columns} elements, instead it has {len(row)}")
        cells = [str(cell) for cell in row]
        self.rows.append(cells)
        self._grow(cells)

    def column_widths(self, total: int) -> list[int]:
        """Cell widths (content + 4) scaled to fill ``total`` columns exactly."""
        return _scale([width + 4 for width in self.widths], total)

    def needed_width(self) -> int:
        cells = sum(width + 4 for width in self.widths) + 2 + 2 * self.indent
        return max(display_width(self.title) + 2 + 2 * self.indent, cells)


def _scale(natural: list[int], total: int) -> list[int]:
    """``natural`` widths scaled to fill ``total`` columns exactly, as TableFormatter does."""
    if not natural:
        return natural
    factor = total / float(sum(natural))
    scaled = [round(factor * width) for width in natural]
    excess = sum(scaled) - total
    while excess:
        order = range(len(scaled)) if excess > 0 else reversed(range(len(scaled)))
        for index in order:
            step = 1 if excess > 0 else -1
            scaled[index] -= step
            excess -= step
            if not excess:
                break
    return scaled


class TableBuilder:
    """Lays a result out in sections, following TableFormatter's walk of the data."""

    def __init__(self) -> None:
        self.sections: list[Section] = []

    @property
    def current(self) -> Section:
        """The section being filled (the last opened)."""
        return self.sections[-1]

    def open_section(self, title: str, indent: int) -> None:
        self.sections.append(Section(title=title, indent=indent))

    def add(self, title: str | None, value: Any, indent: int = 0) -> bool:
        if not value:
            return False
        if title is not None:
            self.open_section(title, indent)
        if isinstance(value, list):
            if isinstance(value[0], dict):
                self._dict_list(value, indent, title)
            else:
                for item in value:
                    if not _is_container(item):
                        self.current.add_row([item])
                    elif all(not _is_container(cell) for cell in item):
                        self.current.add_row(list(item))
                    else:
                        self.add(None, item)
        if isinstance(value, dict):
            self._dict(value, indent)
        return True

    def _dict(self, value: dict[str, Any], indent: int) -> None:
        scalars, nested = _split_keys(value)
        if len(scalars) == 1:
            self.current.add_row([scalars[0], value[scalars[0]]])
        elif scalars:
            self.current.set_headers(scalars)
            self.current.add_row([value[name] for name in scalars])
        for name in nested:
            self.add(name, value[name], indent + 1)

    def _dict_list(self, items: list[dict[str, Any]], indent: int, title: str | None) -> None:
        scalar_set: set[str] = set()
        nested_set: set[str] = set()
        for item in items:
            scalars, nested = _split_keys(item)
            scalar_set.update(scalars)
            nested_set.update(nested)
        headers, nested_keys = sorted(scalar_set), sorted(nested_set)
        self.current.set_headers(headers)
        for position, item in enumerate(items):
            if position and nested_keys:
                # Each element with sub-tables restarts its own titled section.
                self.open_section(title or "", indent)
                self.current.set_headers(headers)
            self.current.add_row([item.get(name, "") for name in headers])
            for name in nested_keys:
                if name in item:
                    self.add(name, item[name], indent + 1)


def _is_container(value: Any) -> bool:
    return isinstance(value, (list, dict))


def _split_keys(value: dict[str, Any]) -> tuple[list[str], list[str]]:
    scalars = sorted(name for name in value if not _is_container(value[name]))
    nested = sorted(name for name in value if _is_container(value[name]))
    return scalars, nested


def on_side(sections: list[Section]) -> list[Section]:
    """``sections`` with each one-row section that has a header turned into ``| key | value |`` rows."""
    turned = []
    for section in sections:
        if len(section.rows) == 1 and section.headers:
            vertical = Section(title=section.title, indent=section.indent)
            # What add_row([name, cell]) for each pair gives, in one go (a listing turns every mapping).
            rows = [[str(name), str(cell)] for name, cell in zip(section.headers, section.rows[0])]
            if rows:
                vertical.rows, vertical.columns = rows, 2
                vertical.widths = [
                    max(len(text) if text.isascii() else display_width(text) for text, _ in rows),
                    max(len(text) if text.isascii() else display_width(text) for _, text in rows),
                ]
            section = vertical
        turned.append(section)
    return turned

"""``--output table``: the boxed layout of awscli/table.py and its TableFormatter (v1 = v2).

The data is first laid out as sections (title, indent level, header, rows), then drawn
to the widest section; when that is wider than the terminal (80 columns off a TTY),
every one-row section with a header is turned on its side (``| key | value |``).
Widths count East Asian wide *and ambiguous* characters (``é``) as two columns, as AWS does.

Colour (``--color on``, or ``auto`` on a TTY) wraps cell values in bright blue and the
indentation bars in dim yellow. AWS writes through colorama with ``autoreset``, which adds
``ESC[0m`` after every ``write`` call; that is reproduced unless the output goes to a pager
(``OutputOptions.pager``), where v2 writes the pager's pipe directly. ``NO_COLOR`` is not
consulted: aws-cli v2 ignores it for tables (it only sets it for its own installer).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

RESET = "\x1b[0m"
VALUE_STYLE = "\x1b[1m\x1b[34m"  # colorama Style.BRIGHT + Fore.BLUE
BAR_STYLE = "\x1b[2m\x1b[33m"  # colorama Style.DIM + Fore.YELLOW


def display_width(text: Any) -> int:
    """Columns ``text`` takes: wide, full-width and ambiguous characters count twice."""
    text = str(text)
    if text.isascii():  # every ASCII character is one column: the common case, without a per-character walk
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


def _centre(text: str, width: int, left: str, right: str, text_width: int) -> str:
    start = width // 2 - text_width // 2 - 1
    used = display_width(left) + start + text_width
    return left + " " * start + text + " " * (width - display_width(right) - used) + right


def _left(text: str, width: int, left: str, right: str, text_width: int) -> str:
    padding = 2 if width - (text_width + 2 + len(left) + len(right)) >= 0 else 0  # the bars are ASCII
    used = len(left) + padding + text_width
    return left + " " * padding + text + " " * (width - used - len(right)) + right


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


class _Writer:
    """Collects output the way AWS writes it, one ``write`` call at a time.

    It also keeps, for the one table being drawn, the row templates of the column widths met
    so far (sections of the same widths draw their rows alike; see ``_draw_section``).
    """

    def __init__(self, autoreset: bool) -> None:
        self.parts: list[str] = []
        self.autoreset = autoreset
        self.templates: dict[tuple[Any, ...], tuple[str, list[int]] | None] = {}

    def write(self, text: str) -> None:
        self.parts.append(text)
        if self.autoreset:
            self.parts.append(RESET)

    def line(self, indent: int, bar: str, body: str) -> None:
        self.parts.append(_line(indent, bar, body, self.autoreset))


def _line(indent: int, bar: str, body: str, autoreset: bool) -> str:
    """One drawn line as ``_Writer`` collects it. awscli's IndentedStream writes left bars, body,
    right bars and newline as separate writes, which only shows when each write is followed by
    a colour reset."""
    bars = bar * indent
    if autoreset:
        return f"{bars}{RESET}{body}{RESET}{bars}{RESET}\n{RESET}"
    return f"{bars}{body}{bars}\n"


class TableBuilder:
    """Lays a result out in sections, following TableFormatter's walk of the data."""

    def __init__(self) -> None:
        self.sections: list[Section] = []

    @property
    def _current(self) -> Section:
        return self.sections[-1]

    def _open(self, title: str, indent: int) -> None:
        self.sections.append(Section(title=title, indent=indent))

    def add(self, title: str | None, value: Any, indent: int = 0) -> bool:
        if not value:
            return False
        if title is not None:
            self._open(title, indent)
        if isinstance(value, list):
            if isinstance(value[0], dict):
                self._dict_list(value, indent, title)
            else:
                for item in value:
                    if not _is_container(item):
                        self._current.add_row([item])
                    elif all(not _is_container(cell) for cell in item):
                        self._current.add_row(list(item))
                    else:
                        self.add(None, item)
        if isinstance(value, dict):
            self._dict(value, indent)
        return True

    def _dict(self, value: dict[str, Any], indent: int) -> None:
        scalars, nested = _split_keys(value)
        if len(scalars) == 1:
            self._current.add_row([scalars[0], value[scalars[0]]])
        elif scalars:
            self._current.set_headers(scalars)
            self._current.add_row([value[name] for name in scalars])
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
        self._current.set_headers(headers)
        for position, item in enumerate(items):
            if position and nested_keys:
                # Each element with sub-tables restarts its own titled section.
                self._open(title or "", indent)
                self._current.set_headers(headers)
            self._current.add_row([item.get(name, "") for name in headers])
            for name in nested_keys:
                if name in item:
                    self.add(name, item[name], indent + 1)


def _is_container(value: Any) -> bool:
    return isinstance(value, (list, dict))


def _split_keys(value: dict[str, Any]) -> tuple[list[str], list[str]]:
    scalars = sorted(name for name in value if not _is_container(value[name]))
    nested = sorted(name for name in value if _is_container(value[name]))
    return scalars, nested


def _on_side(sections: list[Section]) -> list[Section]:
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


def draw(sections: list[Section], terminal_width: int, colour: bool, autoreset: bool) -> str:
    """The drawn table, exactly as MultiTable.render writes it."""
    if not sections:
        return ""
    width = max(section.needed_width() for section in sections)
    if width > terminal_width:
        sections = _on_side(sections)
        width = max(section.needed_width() for section in sections)
    out = _Writer(autoreset)
    bar = f"{BAR_STYLE}|{RESET}" if colour else "|"
    out.write("-" * width + "\n")
    for section in sections:
        inner = width - 2 * section.indent
        _draw_section(section, inner, out, bar, colour)
    return "".join(out.parts)


def _rule(widths: list[int]) -> str:
    return "".join(("+" + "-" * (w - 2) + "+") if i == 0 else ("-" * (w - 1) + "+") for i, w in enumerate(widths))


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


def _cell(cell: str, text_width: int, cell_width: int, left: str, colour: bool) -> str:
    """One row cell: ``_left(shown, cell_width, left, "|", text_width)`` inline (the bars are ASCII)."""
    shown = f"{VALUE_STYLE}{cell}{RESET}" if colour else cell
    padding = 2 if cell_width - (text_width + 3 + len(left)) >= 0 else 0
    return left + " " * padding + shown + " " * (cell_width - len(left) - padding - text_width - 1) + "|"


def _section_head(section: Section, width: int) -> tuple[list[str], list[int]]:
    """The bodies of a section's lines before its rows, and the rows' cell widths (none when no
    row lines are drawn)."""
    bodies = []
    if section.title:
        bodies.append(_centre(section.title, width, "|", "|", display_width(section.title)))
        if not section.headers and not section.rows:
            bodies.append("+" + "-" * (width - 2) + "+")
    if section.headers:
        widths = section.column_widths(width)
        bodies.append(_rule(widths))
        bodies.append(
            "".join(
                _centre(name, cell_width, "|" if i == 0 else "", "|", display_width(name))
                for i, (cell_width, name) in enumerate(zip(widths, section.headers))
            )
        )
    if not section.rows:
        return bodies, []
    widths = section.column_widths(width)
    if widths:
        bodies.append(_rule(widths))
    return bodies, widths


def _escaped(text: str) -> str:
    return text.replace("%", "%%")


def section_template(
    section: Section, width: int, bar: str, colour: bool, autoreset: bool
) -> tuple[str, list[int]] | None:
    """A template of the whole drawn ``section`` whose row cells that are ``None`` are fields:
    with it, drawing the section for ASCII values of those cells is one ``template % values``
    (printf-style formatting: about twice as fast as ``str.format`` here).

    ``section.widths`` must hold the widest value each column will get. None when a field
    would not get the two spaces of padding every cell normally has (``_draw_section`` then
    draws it). Without colour a field is ``%-{room}s``, padded by ``%``; with colour its
    value is ``coloured``'s, the rooms being returned in field order.
    """
    bodies, widths = _section_head(section, width)
    indent = section.indent
    head = "".join(_escaped(_line(indent, bar, body, autoreset)) for body in bodies)
    if not widths:
        return head, []
    rows = _rows_template(section.rows, widths, section.widths, indent, bar, colour, autoreset)  # type: ignore[arg-type]
    if rows is None:
        return None
    return head + rows[0] + _escaped(_line(indent, bar, _rule(widths), autoreset)), rows[1]


def _rows_template(
    rows: list[list[str | None]], widths: list[int], most: list[int], indent: int, bar: str, colour: bool, autoreset: bool
) -> tuple[str, list[int]] | None:
    """The template of ``rows`` drawn in cells of ``widths`` (``section_template``, without the
    closing rule); ``most`` is the widest value of each column."""
    lines = []
    rooms: list[int] = []
    for row in rows:
        body = []
        for index, (cell_width, cell) in enumerate(zip(widths, row)):
            left = "|" if index == 0 else ""
            if cell is not None:
                body.append(_escaped(_cell(cell, display_width(cell), cell_width, left, colour)))
                continue
            room = cell_width - len(left) - 3
            if room < most[index]:
                return None
            rooms.append(room)
            body.append(f"{left}  {VALUE_STYLE}%s|" if colour else f"{left}  %-{room}s|")
        lines.append(_line(indent, _escaped(bar), "".join(body), autoreset))
    return "".join(lines), rooms


def coloured(cells: list[str], rooms: list[int]) -> list[str]:
    """The values a colour ``section_template`` takes for ``cells``."""
    return [f"{cell}{RESET}{' ' * (room - len(cell))}" for cell, room in zip(cells, rooms)]


def _row_template(section: Section, widths: list[int], bar: str, colour: bool, out: _Writer) -> tuple[str, list[int]] | None:
    """The line template of one of ``section``'s rows (every cell a field), kept in ``out`` for
    the sections of the same widths."""
    if len(section.widths) != len(widths):
        return None
    key = (section.indent, tuple(widths), tuple(section.widths), bar, colour)
    if key not in out.templates:
        if len(out.templates) > 4096:  # bounded: a listing of many differently sized sections
            out.templates.clear()
        fields: list[list[str | None]] = [[None] * len(widths)]
        out.templates[key] = _rows_template(fields, widths, section.widths, section.indent, bar, colour, out.autoreset)
    return out.templates[key]


def _draw_section(section: Section, width: int, out: _Writer, bar: str, colour: bool) -> None:
    indent = section.indent
    bodies, widths = _section_head(section, width)
    for body in bodies:
        out.line(indent, bar, body)
    if not widths:
        return
    found = _row_template(section, widths, bar, colour, out)
    template, rooms = found if found is not None else ("", [])
    columns = len(widths)
    lefts = ["|"] + [""] * (columns - 1)
    parts = out.parts
    for row in section.rows:
        if found is not None and len(row) == columns and all(map(str.isascii, row)):
            parts.append(template % tuple(coloured(row, rooms) if colour else row))
            continue
        cells = [
            _cell(cell, len(cell) if cell.isascii() else display_width(cell), cell_width, left, colour)
            for left, cell_width, cell in zip(lefts, widths, row)
        ]
        out.line(indent, bar, "".join(cells))
    out.line(indent, bar, _rule(widths))


def format_table(data: Any, title: str, *, terminal_width: int, colour: bool, autoreset: bool) -> str:
    """A result drawn as AWS's table titled ``title`` (the API operation name, or ``error``)."""
    builder = TableBuilder()
    if not builder.add(title, data):
        return ""
    return draw(builder.sections, terminal_width, colour, autoreset)


def table_formatter(data: Any, operation: str, options: Any) -> str:
    """The registry entry for ``table``: colour and width from the options."""
    colour = options.color == "on" or (options.color == "auto" and options.isatty)
    return format_table(
        data,
        operation,
        terminal_width=options.terminal_width,
        colour=colour,
        autoreset=colour and not options.pager,
    )

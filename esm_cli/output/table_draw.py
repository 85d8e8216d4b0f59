"""``--output table`` drawn: laid-out sections (``esm_cli.output.table_sections``) as awscli's
MultiTable writes them, with the boxes, bars and padding of awscli/table.py.

Colour wraps cell values in bright blue and the indentation bars in dim yellow. AWS writes
through colorama with ``autoreset``, which adds ``ESC[0m`` after every ``write`` call; ``Writer``
reproduces that when asked to (see ``esm_cli.output.table`` for when).

For speed, a section's rows are drawn from printf-style templates (``section_template``,
and the row templates a ``Writer`` keeps), with a cell-by-cell path for what a template
cannot draw.
"""

from __future__ import annotations

from typing import Any

from esm_cli.output.table_sections import Section, display_width

RESET = "\x1b[0m"
VALUE_STYLE = "\x1b[1m\x1b[34m"  # colorama Style.BRIGHT + Fore.BLUE
BAR_STYLE = "\x1b[2m\x1b[33m"  # colorama Style.DIM + Fore.YELLOW


def _centre(text: str, width: int, left: str, right: str, text_width: int) -> str:
    start = width // 2 - text_width // 2 - 1
    used = display_width(left) + start + text_width
    return left + " " * start + text + " " * (width - display_width(right) - used) + right


class Writer:
    """Collects output the way AWS writes it, one ``write`` call at a time.

    It also keeps, for the one table being drawn, the row templates of the column widths met
    so far (sections of the same widths draw their rows alike; see ``draw_section``).
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
    """One drawn line as ``Writer`` collects it. awscli's IndentedStream writes left bars, body,
    right bars and newline as separate writes, which only shows when each write is followed by
    a colour reset."""
    bars = bar * indent
    if autoreset:
        return f"{bars}{RESET}{body}{RESET}{bars}{RESET}\n{RESET}"
    return f"{bars}{body}{bars}\n"


def _rule(widths: list[int]) -> str:
    return "".join(("+" + "-" * (w - 2) + "+") if i == 0 else ("-" * (w - 1) + "+") for i, w in enumerate(widths))


def _cell(cell: str, text_width: int, cell_width: int, left: str, colour: bool) -> str:
    """One row cell, left-aligned: two spaces of padding when they fit (the bars are ASCII)."""
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
    would not get the two spaces of padding every cell normally has (``draw_section`` then
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


def _row_template(section: Section, widths: list[int], bar: str, colour: bool, out: Writer) -> tuple[str, list[int]] | None:
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


def draw_section(section: Section, width: int, out: Writer, bar: str, colour: bool) -> None:
    """``section`` drawn ``width`` columns wide (inside its indentation bars) into ``out``."""
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

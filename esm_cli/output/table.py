"""``--output table``: the boxed layout of awscli/table.py and its TableFormatter (v1 = v2).

The data is first laid out as sections (``esm_cli.output.table_sections``), then drawn
(``esm_cli.output.table_draw``) to the widest section; when that is wider than the terminal
(80 columns off a TTY), every one-row section with a header is turned on its side
(``| key | value |``).

Colour is ``--color on``, or ``auto`` on a TTY. AWS's reset after every write is reproduced
unless the output goes to a pager (``OutputOptions.pager``), where v2 writes the pager's pipe
directly. ``NO_COLOR`` is not consulted: aws-cli v2 ignores it for tables (it only sets it
for its own installer).
"""

from __future__ import annotations

from typing import Any

from esm_cli.output.table_draw import BAR_STYLE, RESET, Writer, draw_section
from esm_cli.output.table_sections import Section, TableBuilder, on_side


def draw(sections: list[Section], terminal_width: int, colour: bool, autoreset: bool) -> str:
    """The drawn table, exactly as MultiTable.render writes it."""
    if not sections:
        return ""
    width = max(section.needed_width() for section in sections)
    if width > terminal_width:
        sections = on_side(sections)
        width = max(section.needed_width() for section in sections)
    out = Writer(autoreset)
    bar = f"{BAR_STYLE}|{RESET}" if colour else "|"
    out.write("-" * width + "\n")
    for section in sections:
        inner = width - 2 * section.indent
        draw_section(section, inner, out, bar, colour)
    return "".join(out.parts)


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

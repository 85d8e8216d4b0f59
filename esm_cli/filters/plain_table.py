"""tabulate's ``simple`` table, drawn without tabulate's per-cell work for ordinary cells.

``esm test-filter``'s table used to cost about twice its JSON: tabulate inspects the type of
every cell and runs a text wrapper on every cell of a width-limited column, most of which are
short. Here a cell is wrapped by tabulate's own wrapper only when it may change, and the
columns are laid out the way tabulate lays them out with ``disable_numparse=True`` (every
column left-aligned, at least the header's width plus two, rows right-stripped, wrapped cells
on several lines, top-aligned). Output is byte-identical to
``tabulate(rows, headers, tablefmt="simple", maxcolwidths=widths, disable_numparse=True)``
(tests/test_filter_plain_table.py compares the two). Anything unusual (a character that is not
printable, such as a control or escape character, a cell that tabulate would read as a boolean,
wide-character mode) goes to tabulate itself.
"""

from __future__ import annotations

from typing import Any

_MIN_PADDING = 2  # tabulate.MIN_PADDING: a column is at least its header's width plus two


def _wrap(text: str, width: int) -> str:
    """A long cell as tabulate's ``maxcolwidths`` wrapping leaves it (lines joined by newlines).

    tabulate's own wrapper (it breaks long hyphenated words unlike textwrap); tabulate is
    imported only when a cell needs it (about 90 ms: it reads its own package metadata).
    """
    from tabulate import _wrap_text_to_colwidths

    return str(_wrap_text_to_colwidths([[text]], [width], numparses=[False])[0][0])


def _column(cells: tuple[Any, ...], width: int | None) -> list[str]:
    """A column's cells as text, wrapped where tabulate wraps them and stripped as it strips them."""
    texts = [cell if type(cell) is str else str(cell) for cell in cells]
    if width is None:
        return [text.strip() for text in texts]
    # A cell that fits on one line and has no space at either end comes back from the wrapper unchanged.
    return [
        text if len(text) <= width and text[-1:] != " " and text[:1] != " " else _wrap(text, width).strip()
        for text in texts
    ]


def _wide_chars() -> bool:
    """Whether tabulate would measure East Asian wide characters (it does when wcwidth is installed)."""
    import sys

    module = sys.modules.get("tabulate")
    if module is not None:
        return bool(module.WIDE_CHARS_MODE and getattr(module, "wcwidth", None) is not None)
    from importlib.util import find_spec

    return find_spec("wcwidth") is not None


def _ordinary(headers: list[str], rows: list[list[Any]]) -> bool:
    """Whether tabulate would treat every cell as plain, printable text (ints printed as text)."""
    cells = [cell for row in rows for cell in row]
    if any(type(cell) is not str and type(cell) is not int for cell in cells):
        return False
    if "True" in cells or "False" in cells:
        return False  # tabulate reads these as booleans
    return "".join(map(str, cells)).isprintable() and "".join(headers).isprintable()


def simple_table(headers: list[str], rows: list[list[Any]], widths: list[int | None]) -> str:
    """The table as tabulate's ``simple`` format draws it (see the module docstring)."""
    if _wide_chars() or not rows or not _ordinary(headers, rows):
        from tabulate import tabulate

        return str(tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=widths, disable_numparse=True))
    columns = [_column(cells, width) for cells, width in zip(zip(*rows), widths)]
    sizes = []
    for header, texts in zip(headers, columns):
        longest = max(len(line) for text in texts for line in text.split("\n"))
        sizes.append(max(len(header) + _MIN_PADDING, longest))
    template = "  ".join(f"{{:<{size}}}" for size in sizes)
    out = [template.format(*headers).rstrip(), "  ".join("-" * size for size in sizes)]
    # With a wrapped cell anywhere, tabulate draws every row line by line, and a row of empty cells
    # has no line at all.
    multiline = any("\n" in text for texts in columns for text in texts)
    for row in zip(*columns):
        if not any("\n" in text for text in row):
            if multiline and not any(row):
                continue
            out.append(template.format(*row).rstrip())
            continue
        # Wrapped cells: one line each, the shorter cells padded below (tabulate's top alignment).
        split = [text.split("\n") for text in row]
        for depth in range(max(len(lines) for lines in split)):
            out.append(template.format(*(lines[depth] if depth < len(lines) else "" for lines in split)).rstrip())
    return "\n".join(out)

"""What a person reads: one row per metric with its unit, latest value, min/avg/max and a sparkline.

On a terminal, a rich table, trouble values in colour with a one-line reading under it;
off a terminal (a pipe, a CI log), the same rows as plain text without escape codes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from esm_cli.metrics import catalogue
from esm_cli.metrics.series import epoch, iso
from esm_cli.metrics.window import Window, period_text

BARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 32  # cells; a longer window is folded, each cell showing its periods' largest value
COLUMNS = ("Metric", "Stat", "Unit", "Latest", "Min", "Avg", "Max", "Trend")


@dataclass(frozen=True)
class Heading:
    uuid: str
    function: str
    source: str
    window: Window


@dataclass(frozen=True)
class Row:
    name: str
    statistic: str
    unit: str
    latest: float | None
    low: float | None
    mean: float | None
    high: float | None
    spark: str
    trouble: bool
    reading: str


def number(value: float | None) -> str:
    """A figure as a person reads it: 12, 0.25, 1,234,567; an en dash for no data."""
    if value is None:
        return "–"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def sparkline(timestamps: list[str], values: list[float], window: Window, width: int = SPARK_WIDTH) -> str:
    """One bar per period of the window (blank where CloudWatch has no point), folded to ``width``."""
    slots = max(1, math.ceil((window.end - window.start) / window.period))
    grid: list[float | None] = [None] * slots
    for stamp, value in zip(timestamps, values):
        index = min(slots - 1, max(0, int((epoch(stamp) - window.start) // window.period)))
        grid[index] = value if grid[index] is None else max(grid[index], value)  # type: ignore[type-var]
    cells = min(width, slots)
    folded: list[float | None] = []
    for cell in range(cells):
        chunk = [v for v in grid[cell * slots // cells : (cell + 1) * slots // cells] if v is not None]
        folded.append(max(chunk) if chunk else None)
    present = [v for v in folded if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    bars = []
    for value in folded:
        if value is None:
            bars.append(" ")
        elif high == low:
            bars.append(BARS[0] if high == 0 else BARS[3])
        else:
            bars.append(BARS[round((value - low) / (high - low) * (len(BARS) - 1))])
    return "".join(bars)


def rows(document: dict[str, Any], window: Window) -> list[Row]:
    found = []
    for entry in document["Metrics"]:
        values = list(entry["Values"])
        metric = catalogue.BY_NAME.get(entry["Label"])
        trouble = metric is not None and catalogue.is_trouble(metric, values)
        found.append(
            Row(
                name=entry["Label"],
                statistic=entry["Statistic"],
                unit=entry["Unit"],
                latest=values[-1] if values else None,
                low=min(values) if values else None,
                mean=sum(values) / len(values) if values else None,
                high=max(values) if values else None,
                spark=sparkline(entry["Timestamps"], values, window),
                trouble=trouble,
                reading=metric.reading if trouble and metric else "",
            )
        )
    return found


def heading_line(heading: Heading) -> str:
    window = heading.window
    return (
        f"Mapping {heading.uuid} · {heading.source} → {heading.function}\n"
        f"{iso(window.start)} → {iso(window.end)} · period {period_text(window.period)}"
    )


def _cells(row: Row) -> list[str]:
    return [
        row.name,
        row.statistic,
        row.unit,
        number(row.latest),
        number(row.low),
        number(row.mean),
        number(row.high),
        row.spark,
    ]


def plain_text(document: dict[str, Any], heading: Heading) -> str:
    """The report off a terminal: aligned columns, ``!`` marking trouble, no escape codes."""
    table = [list(COLUMNS)] + [_cells(row) for row in rows(document, heading.window)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = [heading_line(heading), ""]
    for line in table:
        lines.append(
            "  ".join(
                cell.ljust(widths[i]) if i < 3 else cell.rjust(widths[i]) if i < 7 else cell
                for i, cell in enumerate(line)
            ).rstrip()
        )
    lines += _notes(document, heading.window, marker="!")
    return "\n".join(lines) + "\n"


def _notes(document: dict[str, Any], window: Window, *, marker: str) -> list[str]:
    notes = [f"{marker} {row.name}: {row.reading}" for row in rows(document, window) if row.trouble]
    hints = [f"Hint: {hint}" for hint in document.get("Hints", [])]
    return ([""] if notes or hints else []) + notes + hints


def renderable(document: dict[str, Any], heading: Heading) -> Any:
    """A rich renderable of the report (a table between a heading and the readings)."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=None, show_edge=False, header_style="bold", pad_edge=False)
    for index, column in enumerate(COLUMNS):
        table.add_column(column, justify="right" if 3 <= index < 7 else "left", no_wrap=True)
    for row in rows(document, heading.window):
        style = "bold red" if row.trouble else None
        cells = _cells(row)
        table.add_row(*[Text(cell, style=style if i in (0, 3, 6, 7) else None) for i, cell in enumerate(cells)])
    parts: list[Any] = [Text(heading_line(heading), style="dim"), table]
    for row in rows(document, heading.window):
        if row.trouble:
            parts.append(Text.assemble(("⚠ ", "bold red"), (row.name, "bold"), f": {row.reading}"))
    for hint in document.get("Hints", []):
        parts.append(Text.assemble(("Hint: ", "yellow"), hint))
    return Group(*parts)


def console(stream: Any, options: Any, *, colour: bool, terminal: bool) -> Any:
    from rich.console import Console

    return Console(
        file=stream,
        force_terminal=terminal,
        no_color=not colour,
        color_system="standard" if colour else None,
        width=max(40, options.terminal_width or 80),
        highlight=False,
        emoji=False,
    )


def wants_rich(options: Any) -> bool:
    return bool(options.isatty)


def colour_on(options: Any) -> bool:
    return options.color == "on" or (options.color == "auto" and options.isatty)


def report(document: dict[str, Any], ctx: Any, heading: Heading) -> str:
    """The report ``esm metrics`` prints when no --output was typed."""
    options = ctx.require_settings().output
    if not wants_rich(options):
        return plain_text(document, heading)
    import io

    buffer = io.StringIO()
    console(buffer, options, colour=colour_on(options), terminal=True).print(renderable(document, heading))
    return buffer.getvalue()

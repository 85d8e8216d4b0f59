"""``--plot FILE``: a PNG or SVG chart, one panel per metric, all panels on one shared time axis.

matplotlib is an optional extra (``pip install 'esm-cli[plot]'``); without it esm says so
and exits 252 before asking anything of the backend. The chart is drawn with the Agg
backend (no display needed) and carries its panel list in the file's metadata.
"""

from __future__ import annotations

import os
from typing import Any

from esm_cli.errors import ParamValidationError
from esm_cli.metrics import catalogue
from esm_cli.metrics.series import epoch
from esm_cli.metrics.window import Window, period_text

FORMATS = {".png": "png", ".svg": "svg"}
WIDTH_INCHES = 10.0
HEADER_INCHES = 0.8
PANEL_INCHES = 1.6
DPI = 100
INSTALL = "pip install 'esm-cli[plot]'"


def check(path: str) -> str:
    """The format for ``path``; refuses an unknown extension or a missing matplotlib (exit 252)."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in FORMATS:
        raise ParamValidationError(f"--plot writes PNG or SVG: name the file with .png or .svg (got {path!r}).")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ParamValidationError(
            f"--plot needs matplotlib, which is not installed. Install it with: {INSTALL}"
        ) from None
    return FORMATS[extension]


def size_pixels(panels: int) -> tuple[int, int]:
    """(width, height) in pixels of a PNG with this many panels."""
    return round(WIDTH_INCHES * DPI), round((HEADER_INCHES + PANEL_INCHES * max(1, panels)) * DPI)


def write(path: str, document: dict[str, Any], window: Window, title: str) -> int:
    """Draw the chart into ``path``; returns the number of panels."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from datetime import datetime, timezone

    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    metrics = document["Metrics"] or [
        {"Label": "no metrics", "Statistic": "", "Unit": "", "Timestamps": [], "Values": []}
    ]
    width, height = size_pixels(len(metrics))
    figure, axes = plt.subplots(
        len(metrics), 1, sharex=True, squeeze=False, figsize=(width / DPI, height / DPI), dpi=DPI
    )
    start = datetime.fromtimestamp(window.start, tz=timezone.utc)
    end = datetime.fromtimestamp(window.end, tz=timezone.utc)
    for ax, entry in zip(axes[:, 0], metrics):
        times = [datetime.fromtimestamp(epoch(t), tz=timezone.utc) for t in entry["Timestamps"]]
        values = entry["Values"]
        metric = catalogue.BY_NAME.get(entry["Label"])
        trouble = metric is not None and catalogue.is_trouble(metric, values)
        colour = "#c0392b" if trouble else "#1f77b4"
        if values:
            ax.plot(times, values, marker="o", markersize=2.5, linewidth=1.2, color=colour)
        else:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", va="center", color="grey")
        heading = f"{entry['Label']} · {entry['Statistic']} · {entry['Unit']}"
        ax.set_title(
            heading + (f"  ⚠ {metric.reading}" if trouble and metric else ""),
            loc="left",
            fontsize=8,
            color=colour if trouble else "black",
        )
        ax.tick_params(labelsize=7)
        ax.grid(True, alpha=0.3)
        ax.set_xlim(start, end)
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:%M", tz=timezone.utc))
    figure.suptitle(f"{title} · period {period_text(window.period)} (UTC)", fontsize=9)
    figure.subplots_adjust(
        left=0.07,
        right=0.98,
        top=1 - HEADER_INCHES / (height / DPI) + 0.25 / (height / DPI),
        bottom=0.5 / (height / DPI),
        hspace=0.55,
    )
    names = ", ".join(entry["Label"] for entry in document["Metrics"])
    metadata = {"Title": title, "Description": f"panels={len(metrics)}: {names}"}
    figure.savefig(path, format=FORMATS[os.path.splitext(path)[1].lower()], dpi=DPI, metadata=metadata)
    plt.close(figure)
    return len(metrics)

"""``esm metrics --uuid U``: a mapping's health from CloudWatch (aws) or from ``esm run`` (local).

Everything the command line can get wrong (window, period, --watch, --plot's file type and
matplotlib) is refused before the backend is asked anything (exit 252). The document is
``{"Metrics": [series…], "Hints": [...]}`` (esm_cli/metrics/series.py); with no --output
typed, a table with sparklines is printed instead (esm_cli/metrics/render.py). See docs/metrics.md.
"""

from __future__ import annotations

import time
from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError
from esm_cli.metrics import render
from esm_cli.metrics.window import parse_window


def _heading(snapshot: Any) -> render.Heading:
    from esm_cli import arns

    mapping = snapshot.mapping
    source = mapping.get("EventSourceArn") or "self-managed Kafka"
    return render.Heading(
        uuid=mapping["UUID"],
        function=arns.function_name_of(str(mapping.get("FunctionArn", "?"))),
        source=str(source).split(":")[-1] if ":" in str(source) else str(source),
        window=snapshot.window,
    )


def run(parsed: ParsedLine, ctx: Context) -> Result:
    values = parsed.values
    uuid = values["uuid"]
    since, until, period = values.get("since"), values.get("until"), values.get("period")
    window = parse_window(since, until, period, float(int(time.time())))  # refused here, before any call
    seconds = values.get("watch")
    if seconds is not None and seconds < 1:
        raise ParamValidationError(f"--watch takes a number of seconds of at least 1 (got {seconds}).")
    plot_path = values.get("plot")
    if plot_path:
        from esm_cli.metrics import plot

        plot.check(plot_path)
        if seconds is not None:
            raise ParamValidationError("--plot writes one chart: it cannot be combined with --watch.")

    from esm_cli.metrics.collect import snapshot

    if seconds is not None:
        from esm_cli.metrics.watch import watch

        def refresh() -> tuple[dict[str, Any], render.Heading]:
            found = snapshot(ctx, uuid, parse_window(since, until, period, float(int(time.time()))))
            return found.document, _heading(found)

        watch(ctx, refresh, seconds)

    found = snapshot(ctx, uuid, window)
    heading = _heading(found)
    note = ""
    if plot_path:
        from esm_cli.metrics import plot

        panels = plot.write(plot_path, found.document, window, f"esm metrics {uuid}")
        note = f"Chart written to {plot_path} ({panels} panel{'s' if panels != 1 else ''}).\n"

    def report(document: dict[str, Any], ctx: Context) -> str:
        return render.report(document, ctx, heading) + note

    return Result(document=found.document, title="Metrics", report=report)

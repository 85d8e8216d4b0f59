"""``--watch SECONDS``: read the metrics again every SECONDS until Ctrl-C.

On a terminal (and no --output typed) the report is redrawn in place with rich's Live view;
elsewhere each refresh goes through the output layer's event stream (``ctx.emit``): one
JSON document per line with --output json, the document in the --output format typed, else
the plain-text report, so a log keeps every refresh. Ctrl-C ends it: Live restores the cursor and the KeyboardInterrupt reaches
esm's boundary, which exits 130 as the AWS CLI does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from esm_cli.metrics import render


def watch(
    ctx: Any,
    refresh: Callable[[], tuple[dict[str, Any], render.Heading]],
    seconds: int,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Never returns normally: ends with KeyboardInterrupt (Ctrl-C) or an error from a refresh."""
    options = ctx.require_settings().output
    if render.wants_rich(options) and not ctx.output_on_line:
        _live(ctx, refresh, seconds, options, sleep)
    while True:
        document, heading = refresh()
        ctx.emit(document, line=_line(ctx, options, heading))
        sleep(seconds)


def _line(ctx: Any, options: Any, heading: render.Heading) -> Callable[[Any], str]:
    """How one refresh is written: in the --output format typed (json is NDJSON), else the report."""
    if not ctx.output_on_line:
        return lambda document: render.plain_text(document, heading)
    from esm_cli.output import FORMATTERS, apply_query

    formatter = FORMATTERS[options.format]
    # Each yaml refresh starts a new document ("---"), so the whole stream stays valid YAML.
    start = "---\n" if options.format.startswith("yaml") else ""
    return lambda document: start + formatter(apply_query(document, options), "Metrics", options)


def _live(
    ctx: Any,
    refresh: Callable[[], tuple[dict[str, Any], render.Heading]],
    seconds: int,
    options: Any,
    sleep: Callable[[float], None],
) -> None:
    from rich.live import Live
    from rich.text import Text

    console = render.console(ctx.stdout, options, colour=render.colour_on(options), terminal=True)
    document, heading = refresh()
    with Live(render.renderable(document, heading), console=console, auto_refresh=False, transient=False) as live:
        while True:
            live.update(_with_footer(render.renderable(document, heading), seconds, Text), refresh=True)
            sleep(seconds)
            document, heading = refresh()


def _with_footer(body: Any, seconds: int, text: Any) -> Any:
    from rich.console import Group

    return Group(body, text(f"every {seconds}s · Ctrl-C to stop", style="dim"))

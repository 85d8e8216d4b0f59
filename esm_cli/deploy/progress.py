"""apply's progress: a rich bar for a person at a terminal, one plain line per change elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from esm_cli.deploy.render import event_line

if TYPE_CHECKING:
    from esm_cli.context import Context


@contextmanager
def reporter(ctx: Context, total: int) -> Iterator[Callable[[dict[str, Any]], None]]:
    """A callback taking one event per change made (or failed)."""
    output = ctx.require_settings().output
    if not (output.isatty and not ctx.output_on_line):
        yield lambda event: ctx.emit(event, line=event_line)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.text import Text

    # The bar is drawn on stderr so that stdout keeps only the outcome.
    console = Console(file=ctx.stderr, force_terminal=True, no_color=output.color == "off")
    with Progress(TextColumn("applying"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
        task = bar.add_task("apply", total=total)

        def done(event: dict[str, Any]) -> None:
            style = "red" if event.get("Status") == "failed" else "green"
            bar.console.print(Text(event_line(event), style=style), soft_wrap=True)
            bar.advance(task)

        yield done

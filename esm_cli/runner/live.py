"""The live view on a terminal: batches in flight per shard or group, the counters, the last batches.

Counters carry AWS's metric names (PolledEventCount … DeletedEventCount, Invocations, Errors)
and IteratorAge is the age of the last record of the latest stream batch. Redrawn at most ten
times a second; rich is imported only here, only on a terminal.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from esm_cli.runner.counters import EVENT_COUNTS, FUNCTION_COUNTS
from esm_cli.runner.lines import batch_line

_LABELS = {
    "PolledEventCount": "polled",
    "FilteredOutEventCount": "filtered out",
    "InvokedEventCount": "invoked",
    "FailedInvokeEventCount": "failed",
    "DroppedEventCount": "dropped",
    "OnFailureDestinationDeliveredEventCount": "sent on failure",
    "DeletedEventCount": "deleted",
    "Invocations": "invocations",
    "Errors": "errors",
}


class LiveView:
    def __init__(self, ctx: Any, session: Any, counters: Any, console: Any = None) -> None:
        from rich.console import Console

        self._session = session
        self._counters = counters
        self._console = console or Console(file=ctx.stdout, force_terminal=True)
        self._recent: deque[str] = deque(maxlen=6)
        self._count = 0
        self._live: Any = None
        self._drawn = 0.0
        self._started = time.monotonic()

    def report(self, doc: dict[str, Any]) -> None:
        self._count += 1
        self._recent.append(batch_line({"Batch": self._count, **doc}))

    def render(self) -> Any:
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        cfg = self._session.cfg
        elapsed = time.monotonic() - self._started
        head = Text.assemble(
            ("esm run ", "bold"), (cfg.function_name, "cyan"), " ← ", (cfg.arn, "magenta"),
            f"   {self._session.source_label}   {elapsed:,.1f} s",
        )
        counts = Table(box=None, show_header=False, pad_edge=False)
        counts.add_column(style="dim")
        counts.add_column(justify="right")
        counts.add_column(style="dim")
        totals = self._counters.totals
        for name in EVENT_COUNTS + FUNCTION_COUNTS:
            value = int(totals[name])
            style = "red" if value and name in ("FailedInvokeEventCount", "DroppedEventCount", "Errors") else ""
            counts.add_row(_LABELS[name], Text(f"{value:,}", style=style), name)
        if cfg.is_stream:
            counts.add_row("iterator age", f"{self._counters.iterator_age_ms / 1000:,.1f} s", "IteratorAge")
        lanes = Table(box=None, title="in flight", title_justify="left", pad_edge=False)
        lanes.add_column("shard" if cfg.is_stream else "message group")
        lanes.add_column("waiting", justify="right")
        lanes.add_column("retries", justify="right")
        processor = self._session.processor
        for row in (processor.describe_lanes() if processor is not None else [])[:12]:
            lanes.add_row(str(row.get("Group", "-")), str(row.get("Pending", row.get("InFlight", 0))), str(row.get("Retries", "")))
        recent = Text("\n".join(self._recent) or "waiting for records…", style="dim")
        return Group(head, Text(""), counts, Text(""), lanes, Text(""), recent)

    def refresh(self) -> None:
        now = time.monotonic()
        if self._live is not None and now - self._drawn >= 0.1:
            self._drawn = now
            self._live.update(self.render())

    def __enter__(self) -> LiveView:
        from rich.live import Live

        self._live = Live(self.render(), console=self._console, auto_refresh=False, transient=False)
        self._live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._live is not None:
            self._live.update(self.render())
            self._live.refresh()
            self._live.__exit__(*exc)
            self._live = None

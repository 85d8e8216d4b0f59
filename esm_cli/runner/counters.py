"""The run's counters, under the names AWS gives the metrics (docs/run.md, "Counters").

Event counts (a mapping's EventCount metrics): PolledEventCount, FilteredOutEventCount,
InvokedEventCount, FailedInvokeEventCount, DroppedEventCount,
OnFailureDestinationDeliveredEventCount, DeletedEventCount. Function metrics: Invocations,
Errors, Duration (ms, one point per invocation), IteratorAge (ms, streams, one point per batch).

Points go to the local state file through ``metrics_store.record_points`` (so ``esm metrics``
shows them), a second's counts summed into one point, written about once a second: a replay
runs a thousand batches a second and must not commit a thousand transactions. Before its first
points, the run records which mapping they belong to (``recorded_runs.record_run``): a run of
the create flags has no stored mapping for ``esm metrics`` to look up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from esm_cli.backends.local.recorded_runs import RecordedRun

EVENT_COUNTS = (
    "PolledEventCount",
    "FilteredOutEventCount",
    "InvokedEventCount",
    "FailedInvokeEventCount",
    "DroppedEventCount",
    "OnFailureDestinationDeliveredEventCount",
    "DeletedEventCount",
)
FUNCTION_COUNTS = ("Invocations", "Errors")
SAMPLED = ("Duration", "IteratorAge")


class Counters:
    """Totals for the summary and the live view, and points for the metrics store."""

    def __init__(self, state_file: str | None, uuid: str, *, warn: Callable[[str], None], every: float = 1.0,
                 run: RecordedRun | None = None) -> None:
        self.state_file = state_file
        self.uuid = uuid
        self.recorded = False  # some points reached the state file
        self._run = run  # recorded once, with the first points
        self.totals: dict[str, float] = {name: 0 for name in EVENT_COUNTS + FUNCTION_COUNTS}
        self.iterator_age_ms = 0.0  # the latest batch's
        self.iterator_age_max_ms = 0.0
        self.duration_total_ms = 0.0
        self._buckets: dict[tuple[str, int], float] = {}
        self._samples: list[tuple[str, float, float]] = []
        self._warn = warn
        self._every = every
        self._last_flush = time.monotonic()
        self._broken = False

    def count(self, name: str, value: float) -> None:
        if not value:
            return
        self.totals[name] += value
        key = (name, int(time.time()))
        self._buckets[key] = self._buckets.get(key, 0) + value

    def duration(self, ms: float) -> None:
        self.duration_total_ms += ms
        self._samples.append(("Duration", time.time(), ms))

    def iterator_age(self, ms: float) -> None:
        self.iterator_age_ms = ms
        self.iterator_age_max_ms = max(self.iterator_age_max_ms, ms)
        self._samples.append(("IteratorAge", time.time(), ms))

    def maybe_flush(self) -> None:
        if time.monotonic() - self._last_flush >= self._every:
            self.flush()

    def flush(self) -> None:
        self._last_flush = time.monotonic()
        points = [(name, float(second), value) for (name, second), value in self._buckets.items()] + self._samples
        self._buckets, self._samples = {}, []
        if not points or self.state_file is None or self._broken:
            return
        from esm_cli.backends.local.metrics_store import record_points
        from esm_cli.errors import EsmError

        try:
            if self._run is not None:
                from esm_cli.backends.local.recorded_runs import record_run

                record_run(self.state_file, self._run)
                self._run = None
            record_points(self.state_file, self.uuid, points)
            self.recorded = True
        except (EsmError, OSError) as error:
            self._broken = True  # say it once; the run itself goes on
            self._warn(f"esm run: warning: counters not recorded in {self.state_file}: {error}")

    def snapshot(self) -> dict[str, float]:
        """Totals by AWS metric name, for the summary document."""
        out = {name: int(value) for name, value in self.totals.items()}
        invocations = self.totals["Invocations"]
        out["DurationAverage"] = round(self.duration_total_ms / invocations, 3) if invocations else 0
        out["IteratorAgeMaximum"] = round(self.iterator_age_max_ms)
        return out

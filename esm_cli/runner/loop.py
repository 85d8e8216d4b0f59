"""Poll, invoke, settle — until a stopping condition (docs/run.md, "Stopping").

``--max-batches N`` stops after N invocations; ``--until-empty`` once the source is drained
and every retry settled; ``--duration S`` after S seconds; Ctrl-C at once, the batch in flight
going back to the source (its messages made visible, its stream records not checkpointed).
A replay also stops when its file is consumed and settled. Between two steps the counters are
flushed to the state file and the live view redrawn.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Protocol

MAX_BATCHES, UNTIL_EMPTY, DURATION, INTERRUPTED, CONSUMED = (
    "max-batches", "until-empty", "duration", "interrupted", "replay-consumed"
)


class Processor(Protocol):
    batches: int

    def step(self, budget: int) -> bool: ...

    def drained(self) -> bool: ...

    def abort(self) -> None: ...


@dataclass
class Stop:
    max_batches: int | None = None
    until_empty: bool = False
    duration: float | None = None


def run(
    processor: Processor,
    stop: Stop,
    *,
    replay: bool,
    idle_sleep: float,
    tick: Callable[[], Any],
) -> str:
    """Run until a condition holds; returns which one (a constant of this module)."""
    deadline = time.monotonic() + stop.duration if stop.duration is not None else None
    try:
        while True:
            budget = 1 << 30
            if stop.max_batches is not None:
                budget = stop.max_batches - processor.batches
                if budget <= 0:
                    return MAX_BATCHES
            if deadline is not None and time.monotonic() >= deadline:
                return DURATION
            did = processor.step(budget)
            tick()
            if did:
                continue
            if processor.drained():
                if replay:
                    return CONSUMED if not stop.until_empty else UNTIL_EMPTY
                if stop.until_empty:
                    return UNTIL_EMPTY
            if replay:
                # A replay never waits for anything: no step and not drained cannot happen.
                return CONSUMED
            pause = idle_sleep if deadline is None else max(0.0, min(idle_sleep, deadline - time.monotonic()))
            time.sleep(pause)
    except KeyboardInterrupt:
        processor.abort()
        return INTERRUPTED

"""How big a batch is: BatchSize, the 6 MB payload limit and the batching window, whichever first.

"Before invoking the function, Lambda continues to read records from the event source until it
has gathered a full batch, the batching window expires, or the batch reaches the payload limit
of 6 MB" (Lambda developer guide, with-kinesis / invocation-eventsourcemapping). docs/run.md.
"""

from __future__ import annotations

from esm_cli.runner.items import Item

MAX_PAYLOAD_BYTES = 6 * 1024 * 1024  # the synchronous invocation payload limit
_ENVELOPE = len('{"Records":[]}')


def fitting(items: list[Item], batch_size: int, start: int = 0) -> int:
    """How many of ``items`` (from ``start``) one batch takes: up to BatchSize and 6 MB.

    A record alone over the limit still goes alone (Lambda's sources cannot hold one; a replay
    file can, and then the function sees it). Sizes start as estimates on the high side; when
    the estimate of a batch passes the limit, the records' exact sizes are computed and used.
    """
    end = min(len(items), start + batch_size)
    estimate = _ENVELOPE + sum(items[i].size for i in range(start, end)) + (end - start)
    if estimate <= MAX_PAYLOAD_BYTES:
        return end - start
    from esm_cli.runner.events import exact_size

    for index in range(start, end):
        item = items[index]
        if not item.exact:
            item.size, item.exact = exact_size(item.record), True
    total = _ENVELOPE
    count = 0
    for index in range(start, min(len(items), start + batch_size)):
        size = items[index].size + (1 if count else 0)
        if count and total + size > MAX_PAYLOAD_BYTES:
            break
        total += size
        count += 1
    return count


def payload_full(items: list[Item], batch_size: int) -> bool:
    """True when the records waiting already make a full batch (by count or by size)."""
    if len(items) >= batch_size:
        return True
    return fitting(items, batch_size) < len(items)


def window_elapsed(first_seen: float | None, window: float, now: float) -> bool:
    """The batching window has run out (a window of 0 means: invoke with what there is)."""
    return window <= 0 or (first_seen is not None and now - first_seen >= window)

"""Time as the events and invocation records print it."""

from __future__ import annotations

import time


def iso_millis(epoch: float) -> str:
    """2019-11-14T00:38:06.021Z, the form of invocation records' timestamps."""
    whole = int(epoch)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{int((epoch - whole) * 1000):03d}Z"


def iso_seconds(epoch: float) -> str:
    """2020-12-09T07:04:00Z, the form of a tumbling window's bounds."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))

"""The process's local time zone, changed for a block: TZ is read again only by ``time.tzset``."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def local_timezone(name: str) -> Iterator[None]:
    """TZ set to ``name`` (and applied) for the block, then restored."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()

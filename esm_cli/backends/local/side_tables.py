"""One transaction on the state file for the tables kept beside the mappings (what ``esm run``
records: metric points, recorded runs).

The file is opened through ``Store.open`` like the mappings: a foreign, corrupt or newer file is
refused untouched, a missing one is created 0600 in a 0700 folder (for a write), a file this
user cannot write is read read-only and nothing is left beside it, and the wait for another
writer's lock is the store's (Ctrl-C ends it within a second; see docs/limits.md, "Files").
"""

from __future__ import annotations

import os
from contextlib import contextmanager

from esm_cli.backends.local.store import Store

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator


@contextmanager
def side_tables(state_file: str, *, write: bool) -> Iterator[sqlite3.Connection | None]:
    """The state file's connection inside a transaction; None for a read of a file that is not there."""
    if not write and not os.path.exists(state_file):
        yield None
        return
    store = Store.open(state_file, create=write)
    if store is None:
        yield None
        return
    try:
        with store.transaction(write=write):
            yield store.connection
    finally:
        store.shutdown()

"""Which mapping ``esm run`` ran under an id, kept beside the points it recorded there.

A run of the mapping the create flags describe has no stored mapping: its points go under an
id made from the function and the source (esm_cli/runner/config.py). ``esm metrics --uuid``
of that id still needs the function and the source family to pick and label its metrics,
so the run records them here, one row per id (the latest run's), the first time it records
points. ``esm metrics`` on the local backend reads this when no mapping is stored under the id.

The rows live in their own table, ``recorded_runs``, of the same SQLite file, made like
``metric_points`` (esm_cli/backends/local/metrics_store.py): ``CREATE TABLE IF NOT EXISTS``,
``PRAGMA user_version`` untouched, the file opened through ``Store.open`` (a foreign, corrupt
or newer file is refused untouched). A file written before this table existed has points but
no row: ``find`` still reports the id as recorded, with the function and source unknown.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from esm_cli.backends.local.store import Store

_TABLE = """
CREATE TABLE IF NOT EXISTS recorded_runs (
    uuid TEXT PRIMARY KEY,         -- the id the run's points are under (metric_points.uuid)
    function_arn TEXT NOT NULL,
    event_source_arn TEXT NOT NULL,
    family TEXT NOT NULL,          -- the source family (esm_cli.sources.FAMILIES): which metrics apply
    stored INTEGER NOT NULL,       -- 1: a stored mapping run with --uuid; 0: described by the create flags
    recorded_at REAL NOT NULL      -- epoch seconds of the latest run's first recording
)
"""


@dataclass(frozen=True)
class RecordedRun:
    uuid: str
    function_arn: str | None  # None (and the next two): points from an esm that did not record the run
    event_source_arn: str | None
    family: str | None
    stored: bool


def record_run(state_file: str, run: RecordedRun) -> None:
    """Remember (replacing an earlier run's row) which mapping ``run.uuid`` stands for."""
    store = Store.open(state_file, create=True)
    assert store is not None
    try:
        with store.transaction(write=True):
            db = store.connection
            db.execute(_TABLE)
            db.execute(
                "INSERT OR REPLACE INTO recorded_runs "
                "(uuid, function_arn, event_source_arn, family, stored, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    run.uuid,
                    run.function_arn or "",
                    run.event_source_arn or "",
                    run.family or "",
                    int(run.stored),
                    time.time(),
                ),
            )
    finally:
        store.shutdown()


def find(state_file: str, uuid: str) -> RecordedRun | None:
    """The run recorded under ``uuid``; None when ``esm run`` recorded nothing under it."""
    if not os.path.exists(state_file):
        return None
    store = Store.open(state_file, create=False)
    if store is None:
        return None
    try:
        with store.transaction(write=False):
            db = store.connection
            tables = {
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name IN ('recorded_runs', 'metric_points')"
                )
            }
            if "recorded_runs" in tables:
                row = db.execute(
                    "SELECT function_arn, event_source_arn, family, stored FROM recorded_runs WHERE uuid = ?", (uuid,)
                ).fetchone()
                if row is not None:
                    return RecordedRun(uuid, row[0] or None, row[1] or None, row[2] or None, bool(row[3]))
            # The covering index (uuid, name, ts, value) answers this without reading the points.
            if (
                "metric_points" in tables
                and db.execute("SELECT 1 FROM metric_points WHERE uuid = ? LIMIT 1", (uuid,)).fetchone()
            ):
                return RecordedRun(uuid, None, None, None, stored=False)
    finally:
        store.shutdown()
    return None

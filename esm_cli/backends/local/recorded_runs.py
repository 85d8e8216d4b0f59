"""Which mapping ``esm run`` ran under an id, kept beside the points it recorded there.

A run of the mapping the create flags describe has no stored mapping: its points go under an
id made from the function and the source (esm_cli/runner/config.py). ``esm metrics --uuid``
of that id still needs the function and the source family to pick and label its metrics,
so the run records them here, one row per id (the latest run's), the first time it records
points. ``esm metrics`` on the local backend reads this when no mapping is stored under the id.

The rows live in their own table, ``recorded_runs``, of the same SQLite file, made like
``metric_points`` (esm_cli/backends/local/metrics_store.py): ``CREATE TABLE IF NOT EXISTS``,
``PRAGMA user_version`` untouched, the file opened as for every side table
(esm_cli/backends/local/side_tables.py). A file written before this table existed has points but
no row: ``find`` still reports the id as recorded, with the function and source unknown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from esm_cli.backends.local.side_tables import side_tables

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
    with side_tables(state_file, write=True) as db:
        assert db is not None  # a write creates the file
        db.execute(_TABLE)
        db.execute(
            "INSERT OR REPLACE INTO recorded_runs "
            "(uuid, function_arn, event_source_arn, family, stored, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            (run.uuid, run.function_arn or "", run.event_source_arn or "", run.family or "", int(run.stored), time.time()),
        )


def find(state_file: str, uuid: str) -> RecordedRun | None:
    """The run recorded under ``uuid``; None when ``esm run`` recorded nothing under it."""
    with side_tables(state_file, write=False) as db:
        if db is None:
            return None
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
        if "metric_points" in tables and db.execute(
            "SELECT 1 FROM metric_points WHERE uuid = ? LIMIT 1", (uuid,)
        ).fetchone():
            return RecordedRun(uuid, None, None, None, stored=False)
    return None

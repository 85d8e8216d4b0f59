"""Metric points recorded by ``esm run`` for a mapping, kept in the local state file.

``esm run`` (the local runner) calls ``record_points`` as batches go by; ``esm metrics`` on
the local backend calls ``read_series`` to aggregate them the way CloudWatch aggregates a
metric into periods (see docs/metrics.md).

The points live in their own table, ``metric_points``, of the same SQLite file as the
mappings. It is made with ``CREATE TABLE IF NOT EXISTS`` and does not touch
``PRAGMA user_version``: an esm without this module still reads the file, and the mappings
schema stays the store's business (``esm_cli.backends.local.store``), which also checks the
file is ours before anything here touches it.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager

from esm_cli.backends.local.store import BUSY_TIMEOUT_SECONDS, StateFileError, Store
from esm_cli.errors import GeneralError

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Iterator

_TABLE = """
CREATE TABLE IF NOT EXISTS metric_points (
    uuid TEXT NOT NULL,
    name TEXT NOT NULL,      -- the metric's name as AWS spells it (PolledEventCount, Invocations …)
    ts REAL NOT NULL,        -- epoch seconds
    value REAL NOT NULL
)
"""
# Covering (value included): a period's aggregate reads the index alone, not a table row per point.
_INDEX = "CREATE INDEX IF NOT EXISTS metric_points_series ON metric_points (uuid, name, ts, value)"

# The statistics CloudWatch computes over a period, by their API names.
STATISTICS = ("Sum", "Average", "Minimum", "Maximum", "SampleCount")


def _connect(state_file: str, *, create: bool) -> sqlite3.Connection | None:
    """A connection to a checked state file (ours, not newer), or None when there is none.

    ``Store.open`` refuses a foreign, corrupt or newer file untouched, and creates a missing
    one (0600, in 0700 folders) with the mappings schema.
    """
    store = Store.open(state_file, create=create)
    if store is None:
        return None
    store.close()
    return sqlite3.connect(state_file, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


@contextmanager
def _translated_errors(path: str) -> Iterator[None]:
    """SQLite's failures as esm's: a lock held too long (255), an unusable file (253)."""
    try:
        yield
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise GeneralError(f"The state file {path} stayed locked by another process: {error}.") from None
        raise StateFileError(f"The state file {path} cannot be used: {error}.") from None
    except sqlite3.DatabaseError as error:
        raise StateFileError(f"The state file {path} is corrupt ({error}).") from None


def record_points(state_file: str, uuid: str, points: list[tuple[str, float, float]]) -> None:
    """Append (metric name, epoch seconds, value) points for mapping ``uuid``, in one transaction."""
    if not points:
        return
    db = _connect(state_file, create=True)
    assert db is not None
    try:
        with _translated_errors(state_file):
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(_TABLE)
                db.execute(_INDEX)
                db.executemany(
                    "INSERT INTO metric_points (uuid, name, ts, value) VALUES (?, ?, ?, ?)",
                    [(uuid, str(name), float(ts), float(value)) for name, ts, value in points],
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
    finally:
        db.close()


def read_series(
    state_file: str, uuid: str, names: list[str], start: float, end: float, period: int, stat: str
) -> dict[str, tuple[list[float], list[float]]]:
    """Each named metric aggregated by ``stat`` into ``period``-second buckets of [start, end).

    Returns {name: (bucket start times in epoch seconds, ascending; values)}. As in
    CloudWatch, a bucket with no point is absent (not zero), and a name with no point at
    all maps to two empty lists. Buckets are aligned on ``start``.
    """
    if stat not in STATISTICS:
        raise ValueError(f"unknown statistic {stat!r}; one of {', '.join(STATISTICS)}")
    result: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in names}
    if not names or not os.path.exists(state_file):
        return result
    db = _connect(state_file, create=False)
    if db is None:
        return result
    try:
        with _translated_errors(state_file):
            if not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='metric_points'").fetchone():
                return result
            marks = ",".join("?" for _ in names)
            # Aggregated by SQLite: a replay records a point per invocation, hundreds of thousands.
            rows = db.execute(
                f"SELECT name, CAST((ts - ?) / ? AS INTEGER) AS slot, {_SQL_AGGREGATE[stat]} FROM metric_points "
                f"WHERE uuid = ? AND name IN ({marks}) AND ts >= ? AND ts < ? GROUP BY name, slot ORDER BY name, slot",
                (float(start), period, uuid, *names, float(start), float(end)),
            ).fetchall()
    finally:
        db.close()
    for name, slot, value in rows:
        times, values = result[name]
        times.append(float(start + slot * period))
        values.append(float(value))
    return result


# Each statistic as SQL over one period's points (the names are CloudWatch's).
_SQL_AGGREGATE = {
    "Sum": "SUM(value)",
    "Average": "AVG(value)",
    "Minimum": "MIN(value)",
    "Maximum": "MAX(value)",
    "SampleCount": "COUNT(*)",
}

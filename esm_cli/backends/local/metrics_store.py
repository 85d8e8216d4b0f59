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


from esm_cli.backends.local.side_tables import side_tables

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


def record_points(state_file: str, uuid: str, points: list[tuple[str, float, float]]) -> None:
    """Append (metric name, epoch seconds, value) points for mapping ``uuid``, in one transaction.

    The file is opened as for every side table (esm_cli/backends/local/side_tables.py).
    """
    if not points:
        return
    with side_tables(state_file, write=True) as db:
        assert db is not None  # a write creates the file
        db.execute(_TABLE)
        db.execute(_INDEX)
        db.executemany(
            "INSERT INTO metric_points (uuid, name, ts, value) VALUES (?, ?, ?, ?)",
            [(uuid, str(name), float(ts), float(value)) for name, ts, value in points],
        )


def read_series(
    state_file: str, uuid: str, names: list[str], start: float, end: float, period: int, stat: str
) -> dict[str, tuple[list[float], list[float]]]:
    """Each named metric aggregated by ``stat`` into ``period``-second buckets of [start, end).

    Returns {name: (bucket start times in epoch seconds, ascending; values)}. As in
    CloudWatch, a bucket with no point is absent (not zero), and a name with no point at
    all maps to two empty lists. Buckets are aligned on ``start``. A file this user cannot
    write is read read-only, leaving nothing beside it (the store's opening rules).
    """
    if stat not in STATISTICS:
        raise ValueError(f"unknown statistic {stat!r}; one of {', '.join(STATISTICS)}")
    result: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in names}
    if not names:
        return result
    with side_tables(state_file, write=False) as db:
        if db is None or not db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='metric_points'"
        ).fetchone():
            return result
        marks = ",".join("?" for _ in names)
        # Aggregated by SQLite: a replay records a point per invocation, hundreds of thousands.
        rows = db.execute(
            f"SELECT name, CAST((ts - ?) / ? AS INTEGER) AS slot, {_SQL_AGGREGATE[stat]} FROM metric_points "
            f"WHERE uuid = ? AND name IN ({marks}) AND ts >= ? AND ts < ? GROUP BY name, slot ORDER BY name, slot",
            (float(start), period, uuid, *names, float(start), float(end)),
        ).fetchall()
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

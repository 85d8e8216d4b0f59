"""The metric-point store opens the state file the way the mappings store does (issue 16).

Its lock wait is the store's interruptible one (Ctrl-C ends it within a second, not after
SQLite's 60 s busy wait), and a read-only file is read without leaving anything beside it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from esm_cli.backends.local import metrics_store

_WRITER = """
import sys
from esm_cli.backends.local import metrics_store
print("ready", flush=True)
metrics_store.record_points(sys.argv[1], "u1", [("Invocations", 1000, 1)])
print("written", flush=True)
"""


def test_ctrl_c_ends_the_wait_for_another_writers_lock(tmp_path: Path) -> None:
    path = str(tmp_path / "state.db")
    metrics_store.record_points(path, "u1", [("Invocations", 999, 1)])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another esm holds the write lock
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, path],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=str(Path(__file__).resolve().parent.parent),
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # now inside the wait for the lock
        child.send_signal(signal.SIGINT)
        # SQLite's own busy wait would hold the signal for 60 s; the store's slices honour it.
        _, err = child.communicate(timeout=10)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "KeyboardInterrupt" in err
    assert child.returncode != 0
    assert metrics_store.read_series(path, "u1", ["Invocations"], 0, 2000, 3000, "SampleCount") == {
        "Invocations": ([0.0], [1.0])
    }


def test_a_read_only_state_file_is_read_and_nothing_is_left_beside_it(tmp_path: Path) -> None:
    path = str(tmp_path / "state.db")
    metrics_store.record_points(path, "u1", [("Invocations", 1000, 2), ("Invocations", 1010, 3)])
    for suffix in ("-wal", "-shm"):
        assert not os.path.exists(path + suffix)
    os.chmod(path, 0o400)
    os.chmod(tmp_path, 0o500)
    try:
        got = metrics_store.read_series(path, "u1", ["Invocations"], 1000, 1060, 60, "Sum")
        left = sorted(os.listdir(tmp_path))
    finally:
        os.chmod(tmp_path, 0o700)
        os.chmod(path, 0o600)
    assert got == {"Invocations": ([1000.0], [5.0])}
    assert left == ["state.db"]

"""Reliability of the local state file: parallel writers, foreign or damaged files, killed processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import SQS_ARN, Esm, clean_env

# A worker creating mappings through the real command line, in-process, one run per mapping
# (each run opens the state file afresh, as separate esm invocations would).
WORKER = textwrap.dedent(
    """
    import io, json, sys
    from esm_cli.boundary import run
    worker, count = sys.argv[1], int(sys.argv[2])
    for i in range(count):
        out, err = io.StringIO(), io.StringIO()
        rc = run(["create-event-source-mapping", "--function-name", f"fn-{worker}-{i}",
                  "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:q"], stdout=out, stderr=err)
        if rc != 0:
            sys.stderr.write(err.getvalue())
            sys.exit(rc)
        print(json.loads(out.getvalue())["UUID"], flush=True)
    """
)


def test_eight_parallel_writers_lose_and_double_nothing(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(n), "50"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(8)
    ]
    reported: list[str] = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        assert err == ""
        reported += out.split()
    assert len(reported) == 400
    listed = Esm(env).ok("list-event-source-mappings")["EventSourceMappings"]
    assert sorted(m["UUID"] for m in listed) == sorted(reported)
    assert len({m["FunctionArn"] for m in listed}) == 400


def test_a_killed_writer_loses_nothing_it_reported(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    worker = subprocess.Popen([sys.executable, "-c", WORKER, "k", "100000"], env=env, stdout=subprocess.PIPE, text=True)
    assert worker.stdout is not None
    reported = [worker.stdout.readline().strip() for _ in range(30)]
    os.kill(worker.pid, signal.SIGKILL)  # mid-stream: it is writing more as we kill it
    worker.wait(timeout=30)
    remaining = worker.stdout.read().split()
    reported += remaining
    listed = {m["UUID"] for m in Esm(env).ok("list-event-source-mappings")["EventSourceMappings"]}
    assert set(reported) <= listed
    assert len(listed) - len(reported) <= 1  # at most the one it was committing, unreported
    with sqlite3.connect(tmp_path / "state.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _unusable(tmp_path: Path, content: bytes | None = None, build=None) -> tuple[Esm, Path, bytes]:  # type: ignore[no-untyped-def]
    path = tmp_path / "state.db"
    if content is not None:
        path.write_bytes(content)
    if build is not None:
        build(path)
    return Esm(clean_env(tmp_path)), path, path.read_bytes()


def _newer_schema(path: Path) -> None:
    esm = Esm(clean_env(path.parent))
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


def _foreign_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('keep me')")


def _corrupted(path: Path) -> None:
    esm = Esm(clean_env(path.parent))
    for i in range(30):
        esm.ok("create-event-source-mapping", "--function-name", f"f{i}", "--event-source-arn", SQS_ARN)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 8, len(data), 97):  # scribble over every page after the header page
        data[offset] = (data[offset] + 0x5A) % 256
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@pytest.mark.parametrize(
    "content, build, expected",
    [
        (b"just some text the user keeps here\n" * 10, None, "is not an esm state file"),
        (b"SQLite format 3\x00" + b"\x00" * 10, None, "is not an esm state file"),
        (None, _foreign_database, "is an SQLite database but not an esm state file"),
        (None, _newer_schema, "was written by a newer esm (state schema 99"),
        (None, _corrupted, "is corrupt"),
    ],
    ids=["text", "truncated-header", "foreign-sqlite", "newer-schema", "corrupt"],
)
@pytest.mark.parametrize("command", ["write", "read"])
def test_unusable_files_are_reported_and_left_untouched(
    tmp_path: Path, content: bytes | None, build, expected: str, command: str  # type: ignore[no-untyped-def]
) -> None:
    esm, path, before = _unusable(tmp_path, content, build)
    argv = (
        ["create-event-source-mapping", "--function-name", "g", "--event-source-arn", SQS_ARN]
        if command == "write"
        else ["list-event-source-mappings"]
    )
    result = esm(*argv)
    assert result.rc == 253, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == before


def test_the_state_file_and_its_folder_are_created_on_first_write(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "state.db"
    esm = Esm(clean_env(tmp_path))
    esm.ok("list-event-source-mappings", "--state-file", str(target))
    assert not target.exists()
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN, "--state-file", str(target))
    assert target.exists()


def test_state_file_precedence(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    del env["ESM_STATE_FILE"]
    env["XDG_STATE_HOME"] = str(tmp_path / "xdg")
    esm = Esm(env)
    create = ["create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN]
    esm.ok(*create)
    assert (tmp_path / "xdg" / "esm" / "state.db").exists()
    esm.ok(*create, ESM_STATE_FILE=str(tmp_path / "env.db"))
    assert (tmp_path / "env.db").exists()
    esm.ok(*create, "--state-file", str(tmp_path / "flag.db"), ESM_STATE_FILE=str(tmp_path / "env.db"))
    assert (tmp_path / "flag.db").exists()


def test_a_locked_state_file_waits_rather_than_failing(tmp_path: Path) -> None:
    esm = Esm(clean_env(tmp_path))
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    holder = sqlite3.connect(tmp_path / "state.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    child = subprocess.Popen(
        [sys.executable, "-m", "esm_cli", "create-event-source-mapping", "--function-name", "g", "--event-source-arn", SQS_ARN],
        env=esm.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    assert child.poll() is None  # still waiting for the lock
    holder.execute("COMMIT")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err

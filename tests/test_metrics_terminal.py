"""What a person sees: the rich table on a pseudo-terminal, and --watch ended by Ctrl-C (SIGINT → 130)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from conftest import KINESIS_ARN, Esm, clean_env

from esm_cli.backends.local import metrics_store

PERIOD = 300
COLUMNS = 160


def seeded(tmp_path: Path) -> tuple[dict[str, str], str, str, str]:
    """A local state file with a Kinesis mapping whose IteratorAge grows and Errors is above zero."""
    env = clean_env(tmp_path)
    esm = Esm(env)
    uuid = esm.ok(
        "create-event-source-mapping",
        "--function-name",
        "fn1",
        "--event-source-arn",
        KINESIS_ARN,
        "--starting-position",
        "LATEST",
    )["UUID"]
    start = (int(time.time()) - 2 * 3600) // 3600 * 3600
    points = []
    for i in range(12):
        t = start + i * PERIOD
        points += [("Invocations", t, 3), ("IteratorAge", t, 1000 * i), ("Errors", t, float(i > 8))]
    metrics_store.record_points(env["ESM_STATE_FILE"], uuid, points)
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start))
    until = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + 12 * PERIOD))
    return env, uuid, since, until


def spawn_on_pty(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("hhhh", 50, COLUMNS, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "esm_cli", *argv],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**env, "TERM": "xterm-256color"},
        close_fds=True,
    )
    os.close(follower)
    return process, leader


def read_until(leader: int, process: subprocess.Popen[bytes], wanted: bytes | None, limit: float = 60) -> bytes:
    """Read the terminal until ``wanted`` appears (or, when None, until the process ends)."""
    seen = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            seen += chunk
            if wanted is not None and wanted in seen:
                return seen
        elif wanted is None and process.poll() is not None:
            break
    return seen


def run_on_pty(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """esm run to its end on a pseudo-terminal: the process (exit code checked 0) and what it showed."""
    process, leader = spawn_on_pty(argv, env)
    screen = read_until(leader, process, None).decode("utf-8")
    assert process.wait(timeout=60) == 0
    os.close(leader)
    return process, screen


def test_the_report_on_a_terminal_is_a_coloured_table_with_sparklines(tmp_path: Path) -> None:
    env, uuid, since, until = seeded(tmp_path)
    process, screen = run_on_pty(["metrics", "--uuid", uuid, "--since", since, "--until", until, "--period", "5m"], env)
    assert process.stderr is not None and process.stderr.read() == b""
    assert "\x1b[" in screen  # rich styled it
    assert "\x1b[1;31mIteratorAge" in screen  # trouble in bold red (growing)
    assert "\x1b[1;31mErrors" in screen  # errors above zero
    assert "\x1b[1;31mInvocations" not in screen
    assert "\x1b[1;31m▁▂▂▃▄▄▅▅▆▇▇█\x1b[0m" in screen  # IteratorAge's sparkline, one bar per period, in red
    assert "▄▄▄▄▄▄▄▄▄▄▄▄" in screen  # Invocations: flat and above zero
    assert "⚠" in screen and "falling behind the stream" in screen
    for column in ("Metric", "Unit", "Latest", "Min", "Avg", "Max", "Trend"):
        assert column in screen
    assert "Milliseconds" in screen and "11,000" in screen  # IteratorAge's unit and latest value


def test_watch_redraws_in_place_and_ctrl_c_ends_it_with_130(tmp_path: Path) -> None:
    env, uuid, _since, _until = seeded(tmp_path)
    process, leader = spawn_on_pty(["metrics", "--uuid", uuid, "--since", "3h", "--watch", "1"], env)
    screen = read_until(leader, process, b"Ctrl-C to stop")
    assert b"Ctrl-C to stop" in screen, screen[-2000:]
    screen += read_until(leader, process, b"Ctrl-C to stop", limit=30)  # a second refresh, redrawn in place
    process.send_signal(signal.SIGINT)
    rc = process.wait(timeout=30)
    screen += read_until(leader, process, None, limit=2)
    os.close(leader)
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert rc == 130
    assert "Traceback" not in stderr and "Traceback" not in screen.decode("utf-8", "replace")
    assert screen.startswith(b"\x1b[?25l") and screen.rstrip(b"\r\n").endswith(b"\x1b[?25h")  # cursor hidden, then back
    assert screen.count(b"Ctrl-C to stop") >= 2
    assert b"\x1b[1A\x1b[2K" in screen  # Live moved up and cleared the lines to redraw in place


def test_watch_off_a_terminal_streams_one_document_per_refresh(tmp_path: Path) -> None:
    env, uuid, _since, _until = seeded(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "esm_cli", "metrics", "--uuid", uuid, "--watch", "1", "--output", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline(), process.stdout.readline()]
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in err
    documents = [json.loads(line) for line in lines + out.splitlines() if line.strip()]
    assert len(documents) >= 2
    assert all("IteratorAge" in [s["Label"] for s in doc["Metrics"]] for doc in documents)


def test_watch_refuses_zero_seconds(tmp_path: Path) -> None:
    env, uuid, _since, _until = seeded(tmp_path)
    result = Esm(env)("metrics", "--uuid", uuid, "--watch", "0")
    assert result.rc == 252 and "--watch" in result.stderr


def test_color_off_on_a_terminal_keeps_the_table_without_colour(tmp_path: Path) -> None:
    env, uuid, since, until = seeded(tmp_path)
    _, screen = run_on_pty(["metrics", "--uuid", uuid, "--since", since, "--until", until, "--color", "off"], env)
    assert "31m" not in screen and "33m" not in screen  # no red, no yellow
    assert "┃" in screen and "⚠" in screen and "IteratorAge" in screen


def test_watch_in_yaml_writes_one_yaml_document_per_refresh(tmp_path: Path) -> None:
    import yaml

    env, uuid, _since, _until = seeded(tmp_path)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "esm_cli",
            "metrics",
            "--uuid",
            uuid,
            "--watch",
            "1",
            "--output",
            "yaml",
            "--query",
            "Metrics[?Label=='IteratorAge'].Values[] | max(@)",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    seen = [process.stdout.readline() for _ in range(4)]  # two refreshes: "---" and the value, twice
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130 and b"Traceback" not in err
    documents = list(yaml.safe_load_all(b"".join(seen) + out))
    assert len(documents) >= 2 and all(doc == 11000.0 for doc in documents)

"""Ctrl-C during ``esm wait`` on the aws backend: exit 130 at once, no traceback (issue 16).

A stand-in Lambda endpoint on 127.0.0.1 answers GetEventSourceMapping with a mapping that
never settles (so the waiter sleeps ``--delay`` between polls), or holds the request open
(so esm is inside a network read when the signal comes).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_env

UUID = "a1b2c3d4-5678-90ab-cdef-0123456789ab"


class _Lambda(BaseHTTPRequestHandler):
    hang = threading.Event()
    polls = 0

    def do_GET(self) -> None:
        type(self).polls += 1
        if self.hang.is_set():
            time.sleep(30)  # longer than the test waits: only Ctrl-C can end esm's read
        body = json.dumps({"UUID": UUID, "State": "Updating", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Lambda)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Lambda.polls = 0
    _Lambda.hang.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Lambda.hang.clear()
        server.shutdown()
        server.server_close()


def _interrupted_wait(tmp_path: Path, endpoint: str) -> subprocess.CompletedProcess[str]:
    env = clean_env(
        tmp_path, ESM_BACKEND="aws", AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true",
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", ESM_AWS_PASSTHROUGH="0",
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "esm_cli", "wait", "mapping-updated", "--uuid", UUID, "--delay", "600",
         "--endpoint-url", endpoint],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    while _Lambda.polls < 1 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert _Lambda.polls >= 1, "esm never polled the endpoint"
    time.sleep(0.3)  # inside the 600 s delay, or inside the held read
    child.send_signal(signal.SIGINT)
    # A bound on the test, not a speed assertion: without Ctrl-C esm would wait 600 s (or the 30 s read).
    out, err = child.communicate(timeout=10)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def test_ctrl_c_between_polls_exits_130(tmp_path: Path, endpoint: str) -> None:
    done = _interrupted_wait(tmp_path, endpoint)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert _Lambda.polls == 1  # it was sleeping the delay, not polling again


def test_ctrl_c_during_a_network_read_exits_130(tmp_path: Path, endpoint: str) -> None:
    _Lambda.hang.set()
    done = _interrupted_wait(tmp_path, endpoint)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""

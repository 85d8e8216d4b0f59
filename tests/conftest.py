"""Shared fixtures: run esm in-process (like Click's CliRunner) or as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# A job a non-interactive shell starts in the background (`cmd &`, as some CI runners do) starts
# with SIGINT ignored, and an ignored signal stays ignored across exec: the esm processes these
# tests interrupt would never see their Ctrl-C. A handled signal is reset to its default on exec,
# so handling it here gives every child the disposition a terminal gives it.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

from esm_cli.boundary import run

REPO = Path(__file__).resolve().parent.parent
SQS_ARN = "arn:aws:sqs:us-east-1:123456789012:q1"
FIFO_ARN = "arn:aws:sqs:us-east-1:123456789012:q1.fifo"
KINESIS_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s1"
DDB_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/t1/stream/2025-02-22T03:03:25.490"


@dataclass
class Result:
    """What one esm run printed and returned."""

    rc: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An environment with no AWS configuration from the machine, a private state file and UTC."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ESM_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        AWS_CONFIG_FILE=str(tmp_path / "no-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-aws-credentials"),
        ESM_STATE_FILE=str(tmp_path / "state.db"),
        TZ="UTC",
    )
    env.update(extra)
    return env


class Esm:
    """Runs esm in-process with a captured stdout/stderr and a controlled environment."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __call__(self, *argv: str, **extra_env: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        rc = run(list(argv), stdout=out, stderr=err, env={**self.env, **extra_env})
        return Result(rc, out.getvalue(), err.getvalue())

    def ok(self, *argv: str, **extra_env: str) -> Any:
        """Run, assert success with nothing on stderr, and return the JSON printed."""
        result = self(*argv, **extra_env)
        assert result.rc == 0, result.stderr
        assert result.stderr == ""
        return result.json() if result.stdout else None

    def subprocess(self, *argv: str, **extra_env: str) -> Result:
        """Run the real entry point (python -m esm_cli) in a child process."""
        done = subprocess.run(
            [sys.executable, "-m", "esm_cli", *argv],
            capture_output=True,
            text=True,
            env={**self.env, **extra_env},
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def esm(tmp_path: Path) -> Esm:
    return Esm(clean_env(tmp_path))

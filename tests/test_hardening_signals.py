"""Signals and standard streams (issue 16): Ctrl-C while waiting for the lock and during start-up,
closed stdout and stderr. Real processes; the timeouts below only stop a hung test."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import SQS_ARN, Esm, clean_env

CREATE = ["create-event-source-mapping", "--function-name", "g", "--event-source-arn", SQS_ARN]


def test_ctrl_c_while_waiting_for_another_writer_is_honoured(tmp_path: Path) -> None:
    esm = Esm(clean_env(tmp_path))
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    holder = sqlite3.connect(tmp_path / "state.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for as long as we like
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "esm_cli", *CREATE], env=esm.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(1.5)
        assert child.poll() is None  # waiting for the lock
        child.send_signal(signal.SIGINT)
        # The busy wait used to be one 60 s C call that Python could not interrupt.
        out, err = child.communicate(timeout=20)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert child.returncode == 130, err
    assert out == "" and "Traceback" not in err


_INTERRUPT_DURING_IMPORT = textwrap.dedent(
    """
    import sys

    class Interrupt:
        # Ctrl-C arriving while the CLI is still being imported, the first milliseconds of a run.
        def find_spec(self, name, path=None, target=None):
            if name == "esm_cli.boundary":
                raise KeyboardInterrupt
            return None

    sys.meta_path.insert(0, Interrupt())
    from esm_cli.main import main
    sys.exit(main())
    """
)


def test_ctrl_c_during_start_up_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_DURING_IMPORT, "list-event-source-mappings"],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


def _with_closed(fd: int, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "esm_cli", *argv],
        env=env,
        capture_output=fd != 1 and fd != 2,
        stdout=subprocess.PIPE if fd == 2 else None,
        stderr=subprocess.PIPE if fd == 1 else None,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(fd),
    )


def test_closed_stdout_refuses_before_doing_anything(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    done = _with_closed(1, CREATE, env)
    assert done.returncode == 255
    assert "standard output is closed" in done.stderr and "NoneType" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "state.db").exists()  # nothing was created: its result could not be shown


def test_closed_stderr_keeps_the_exit_codes(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    failing = _with_closed(2, ["get-event-source-mapping"], env)
    assert failing.returncode == 252 and failing.stdout == ""
    fine = _with_closed(2, ["list-event-source-mappings"], env)
    assert fine.returncode == 0 and '"EventSourceMappings": []' in fine.stdout

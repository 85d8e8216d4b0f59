"""Run esm in a child process and learn its own peak memory.

``ru_maxrss`` from ``wait4`` is not it: Linux carries the forked parent's resident size (a large
pytest process) into the child's maximum. ``VmHWM`` in /proc/self/status belongs to the
program's own address space, so the child reports it when esm returns.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from typing import Any

_MEASURED = """
import os, sys
from esm_cli.main import main
try:
    code = main()
finally:
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:")).split()[1]
    with open(os.environ["ESM_TEST_PEAK_FILE"], "w") as out:
        out.write(peak)
sys.exit(code)
"""


def measured_argv(argv: list[str]) -> list[str]:
    """The command running ``esm argv`` that writes its peak (KiB) to the file named by ``PEAK_FILE``."""
    return [sys.executable, "-c", _MEASURED, *argv]


PEAK_FILE = "ESM_TEST_PEAK_FILE"


def run_measured(argv: list[str], env: dict[str, str], **popen: Any) -> tuple[int, str, int]:
    """(exit code, stderr, peak resident bytes) of ``esm argv``; stdout is discarded."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak_file:
        done = subprocess.run(
            measured_argv(argv),
            env={**env, PEAK_FILE: peak_file.name},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
            **popen,
        )
        with open(peak_file.name) as reported:
            peak_kib = int(reported.read() or 0)
    return done.returncode, done.stderr.decode("utf-8", "replace"), peak_kib * 1024


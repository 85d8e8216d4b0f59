"""What the benchmarks share: the repository and its test support on ``sys.path``, a child
environment kept apart from the user's AWS and esm settings, and timing fresh processes.

Each benchmark runs as ``python bench/NAME.py``, so this folder comes first on ``sys.path``
and ``import _common`` finds this module; importing it puts the repository (``esm_cli``) and
``tests`` (``support``, ``conftest``) after it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
for _path in (REPO / "tests", REPO):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

PYTHON_M_ESM = [sys.executable, "-m", "esm_cli"]


def child_env(home: Path | str, *, drop: tuple[str, ...] = (), **more: str) -> dict[str, str]:
    """The tests' clean environment (no AWS or esm settings from the machine, state in ``home``) plus ``more``.

    Variables starting with ``drop`` go too, and so does PYTHONDONTWRITEBYTECODE: an installed
    package has its bytecode compiled (pip does it), so the warm-up runs write it and the timed
    runs measure a run, not a compilation.
    """
    from conftest import clean_env

    env = clean_env(Path(home))
    for name in [k for k in env if k == "PYTHONDONTWRITEBYTECODE" or (drop and k.startswith(drop))]:
        del env[name]
    env.update(more)
    return env


def run_ok(argv: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``argv``; stop the benchmark with its stderr when it fails."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return done


def timed(argv: list[str], env: dict[str, str] | None = None, *, check: bool = True) -> tuple[float, str]:
    """(wall seconds, stdout) of one fresh process; with ``check``, a failure stops the benchmark."""
    start = time.perf_counter()
    done = run_ok(argv, env) if check else subprocess.run(argv, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def median_ms(
    runs: int, make_argv: Callable[[int], list[str]], env: dict[str, str] | None = None, *, warm: bool = True,
    check: bool = True,
) -> float:
    """Median milliseconds of ``runs`` fresh processes (``make_argv(i)``), after one warm-up run (i = -1)."""
    if warm:
        timed(make_argv(-1), env, check=check)  # warm the file cache (and write bytecode)
    return statistics.median(timed(make_argv(i), env, check=check)[0] for i in range(runs)) * 1000


def command_beside_python(name: str) -> list[str] | None:
    """The console script ``name`` of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def esm_command() -> list[str]:
    return command_beside_python("esm") or PYTHON_M_ESM


def main_with_runs(measure: Callable[[Path, argparse.Namespace], int], doc: str, prefix: str, runs: int = 21) -> int:
    """Parse ``--runs`` (the benchmark's docstring is its help) and run ``measure`` in a scratch folder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        return measure(Path(folder), args)

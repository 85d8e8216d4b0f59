"""Median wall time of local esm commands, beside `python -c pass` and `aws lambda list-event-source-mappings`.

Usage: python bench/startup.py [--runs N]

Each esm run is a fresh process, as in a CI script. The `aws` comparison lists mappings
from moto's server on 127.0.0.1 (started here) and is skipped when `aws` is not installed.
Prints medians in milliseconds and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.stdout


def median_ms(runs: int, make_argv: Callable[[int], list[str]], env: dict[str, str]) -> float:
    timed(make_argv(-1), env)  # warm the file cache
    return statistics.median(timed(make_argv(i), env)[0] for i in range(runs)) * 1000


def esm_command() -> list[str]:
    found = shutil.which("esm")
    return [found] if found else [sys.executable, "-m", "esm_cli"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    esm = esm_command()
    workdir = Path(tempfile.mkdtemp(prefix="esm-bench-"))
    # An installed package has its bytecode compiled (pip does it): let the warm-up runs write
    # it, so the medians measure a run and not a compilation.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ESM_")) and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(ESM_STATE_FILE=str(workdir / "state.db"), AWS_CONFIG_FILE=str(workdir / "none"), HOME=str(workdir))
    queue = "arn:aws:sqs:us-east-1:123456789012:bench"

    import json

    _, out = timed([*esm, "create-event-source-mapping", "--function-name", "seed", "--event-source-arn", queue], env)
    uuid = json.loads(out)["UUID"]
    for i in range(20):  # a listing with something in it
        timed([*esm, "create-event-source-mapping", "--function-name", f"extra{i}", "--event-source-arn", queue], env)

    rows: list[tuple[str, float]] = [
        ("python -c pass", median_ms(args.runs, lambda i: [sys.executable, "-c", "pass"], env)),
        (
            "esm create (local)",
            median_ms(
                args.runs,
                lambda i: [*esm, "create-event-source-mapping", "--function-name", f"f{i}", "--event-source-arn", queue],
                env,
            ),
        ),
        ("esm get (local)", median_ms(args.runs, lambda i: [*esm, "get-event-source-mapping", "--uuid", uuid], env)),
        ("esm list (local)", median_ms(args.runs, lambda i: [*esm, "list-event-source-mappings"], env)),
    ]
    baseline = rows[0][1]
    aws = shutil.which("aws")
    aws_ms = None
    if aws:
        from support import motoserver

        server = motoserver.start()
        try:
            lam = server.client("lambda")
            for name in ("fn1", "fn2"):
                lam.create_event_source_mapping(FunctionName=name, EventSourceArn=server.resources["queues"]["q1"])
            aws_env = {**env, **motoserver.DUMMY_CREDENTIALS, "AWS_DEFAULT_REGION": motoserver.REGION}
            aws_ms = median_ms(
                args.runs, lambda i: [aws, "lambda", "list-event-source-mappings", "--endpoint-url", server.url], aws_env
            )
            rows.append(("aws lambda list-event-source-mappings (moto)", aws_ms))
        finally:
            server.stop()

    print(f"{'command':<48} {'median ms':>10} {'× python':>9}")
    for name, ms in rows:
        print(f"{name:<48} {ms:>10.1f} {ms / baseline:>9.2f}")
    local_list = rows[3][1]
    if aws_ms is not None:
        print(f"\naws list / esm list: {aws_ms / local_list:.1f}× (goal: at least 8×)")
    else:
        print("\n`aws` is not installed: no comparison with the AWS CLI")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

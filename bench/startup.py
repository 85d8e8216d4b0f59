"""Median wall time of local esm commands, beside `python -c pass` and `aws lambda list-event-source-mappings`.

Usage: python bench/startup.py [--runs N]

Each esm run is a fresh process, as in a CI script. The `aws` comparison lists mappings
from moto's server on 127.0.0.1 (started here) and is skipped when `aws` is not installed.
Prints medians in milliseconds and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from _common import child_env, esm_command, main_with_runs, median_ms, timed


def measure(workdir: Path, args: argparse.Namespace) -> int:
    esm = esm_command()
    env = child_env(workdir)
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

        with motoserver.running() as server:
            lam = server.client("lambda")
            for name in ("fn1", "fn2"):
                lam.create_event_source_mapping(FunctionName=name, EventSourceArn=server.resources["queues"]["q1"])
            aws_env = {**env, **motoserver.DUMMY_CREDENTIALS, "AWS_DEFAULT_REGION": motoserver.REGION}
            aws_ms = median_ms(
                args.runs, lambda i: [aws, "lambda", "list-event-source-mappings", "--endpoint-url", server.url], aws_env
            )
            rows.append(("aws lambda list-event-source-mappings (moto)", aws_ms))

    print(f"{'command':<48} {'median ms':>10} {'× python':>9}")
    for name, ms in rows:
        print(f"{name:<48} {ms:>10.1f} {ms / baseline:>9.2f}")
    local_list = rows[3][1]
    if aws_ms is not None:
        print(f"\naws list / esm list: {aws_ms / local_list:.1f}× (goal: at least 8×)")
    else:
        print("\n`aws` is not installed: no comparison with the AWS CLI")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_with_runs(measure, __doc__, "esm-bench-"))

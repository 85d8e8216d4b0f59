"""Median wall time of `esm metrics` on both backends, and the requests one view costs.

Usage: python bench/metrics.py [--runs N] [--points N]

* local: a state file holding N recorded points (as a long `esm run` replay leaves), read by
  `esm metrics --uuid U --output json` as a fresh process;
* aws: moto's server on 127.0.0.1 (dummy credentials, nothing leaves the machine) with an hour
  of data for the function and the queue, read the same way; the requests made are counted
  in-process (the mapping's GetEventSourceMapping, then GetMetricData pages).

Prints medians in milliseconds and the request count; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from _common import PYTHON_M_ESM, child_env, median_ms

VIEW = ["metrics", "--since", "1h", "--output", "json"]  # one view of a mapping's metrics (with --uuid U)


def bench_local(runs: int, points: int) -> None:
    from esm_cli.backends.local.metrics_store import record_points

    with tempfile.TemporaryDirectory() as folder:
        env = child_env(folder, TZ="UTC")
        created = subprocess.run(
            [
                sys.executable,
                "-m",
                "esm_cli",
                "create-event-source-mapping",
                "--function-name",
                "fn",
                "--event-source-arn",
                "arn:aws:sqs:us-east-1:123456789012:q",
                "--query",
                "UUID",
                "--output",
                "text",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        uuid = created.stdout.strip()
        now = time.time()
        step = 3600 / points
        record_points(
            env["ESM_STATE_FILE"], uuid, [("Duration", now - 3600 + i * step, 10.0 + i % 7) for i in range(points)]
        )
        ms = median_ms(runs, lambda i: [*PYTHON_M_ESM, *VIEW, "--uuid", uuid], env, warm=False)
        print(f"local: {points} points, median {ms:.0f} ms over {runs} runs")


def bench_aws(runs: int) -> None:
    from conftest import Esm, clean_env
    from support import motoserver

    with motoserver.running() as server:
        uuid = server.client("lambda").create_event_source_mapping(
            FunctionName="fn1", EventSourceArn=server.resources["queues"]["q1"]
        )["UUID"]
        cloudwatch = server.client("cloudwatch")
        start = datetime.now(timezone.utc) - timedelta(hours=1)
        for minute in range(60):
            cloudwatch.put_metric_data(
                Namespace="AWS/Lambda",
                MetricData=[
                    {
                        "MetricName": name,
                        "Dimensions": [{"Name": "FunctionName", "Value": "fn1"}],
                        "Timestamp": start + timedelta(minutes=minute),
                        "Value": float(minute % 5),
                    }
                    for name in ("Invocations", "Errors", "Duration")
                ],
            )
        with tempfile.TemporaryDirectory() as folder:
            variables = motoserver.aws_variables(server.url)
            env = child_env(folder, TZ="UTC", **variables)
            ms = median_ms(runs, lambda i: [*PYTHON_M_ESM, *VIEW, "--uuid", uuid], env, warm=False)
            print(f"aws (moto): median {ms:.0f} ms over {runs} runs")
            from support.awscalls import recorded_clients

            with recorded_clients() as made:
                Esm(clean_env(Path(folder), **variables))(*VIEW, "--uuid", uuid)
            calls = sorted({op for client in made for op in client.calls})
            count = sum(len(client.calls) for client in made)
            print(f"aws (moto): CloudWatch requests per view: {count} ({', '.join(calls)}), plus GetEventSourceMapping")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--points", type=int, default=200_000)
    args = parser.parse_args()
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    bench_local(args.runs, args.points)
    bench_aws(args.runs)


if __name__ == "__main__":
    main()

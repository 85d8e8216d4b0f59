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
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "esm_cli", *argv], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"esm {' '.join(argv)} failed ({done.returncode}): {done.stderr}")
    return elapsed * 1000


def base_env(folder: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ESM_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        HOME=folder,
        AWS_CONFIG_FILE=f"{folder}/none",
        AWS_SHARED_CREDENTIALS_FILE=f"{folder}/none",
        ESM_STATE_FILE=f"{folder}/state.db",
        TZ="UTC",
    )
    return env


def bench_local(runs: int, points: int) -> None:
    from esm_cli.backends.local.metrics_store import record_points

    with tempfile.TemporaryDirectory() as folder:
        env = base_env(folder)
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
        times = [timed(["metrics", "--uuid", uuid, "--since", "1h", "--output", "json"], env) for _ in range(runs)]
        print(f"local: {points} points, median {statistics.median(times):.0f} ms over {runs} runs")


def bench_aws(runs: int) -> None:
    from conftest import Esm, clean_env
    from support import motoserver

    server = motoserver.start()
    try:
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
            env = {
                **base_env(folder),
                **motoserver.DUMMY_CREDENTIALS,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": server.url,
            }
            times = [timed(["metrics", "--uuid", uuid, "--since", "1h", "--output", "json"], env) for _ in range(runs)]
            print(f"aws (moto): median {statistics.median(times):.0f} ms over {runs} runs")
            from esm_cli.backends import aws_clients

            made = []
            original = aws_clients.Clients.get

            def counting(self: object, service: str) -> object:
                client = original(self, service)  # type: ignore[arg-type]
                made.append(client)
                return client

            aws_clients.Clients.get = counting  # type: ignore[method-assign]
            Esm(clean_env(Path(folder), **{k: v for k, v in env.items() if k.startswith("AWS_")}))(
                "metrics", "--uuid", uuid, "--since", "1h", "--output", "json"
            )
            calls = sorted({op for client in made for op in client.calls})  # type: ignore[attr-defined]
            count = sum(len(client.calls) for client in {id(c): c for c in made}.values())  # type: ignore[attr-defined]
            print(f"aws (moto): CloudWatch requests per view: {count} ({', '.join(calls)}), plus GetEventSourceMapping")
    finally:
        server.stop()


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

"""Records per second through `esm run` with a no-op Python handler: replays, and SQS on moto.

Usage: python bench/run.py [--records N] [--messages N] [--runs N]

1. Replays of N records (default 100,000) at BatchSize 100: an SQS queue and a Kinesis stream.
   Goal: 100,000 records/s through the run loop (receive, invoke, settle) for the queue.
2. SQS on moto's server (127.0.0.1, dummy credentials): M messages (default 2,000) drained
   with --until-empty at BatchSize 10, beside one message per invocation (BatchSize 1), the
   way moto's own SQS-to-Lambda and the serverless-offline-sqs defaults deliver them.

Each run goes through esm's entry point in this process (esm_cli.boundary.run), so start-up is
excluded; the run loop's wall time is the summary's ElapsedSeconds, and the whole run's
(loading the file included) is printed beside it with the process CPU time, since a busy
machine stretches wall time. Medians of --runs runs. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401 - puts the repository and its tests on sys.path

GOAL = 100_000
SQS_ARN = "arn:aws:sqs:us-east-1:123456789012:bench"
KINESIS_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/bench"


def esm_run(argv: list[str], env: dict[str, str]) -> tuple[dict, float, float]:
    """(summary, wall seconds, cpu seconds) of one in-process `esm run`."""
    from esm_cli.boundary import run

    out, err = io.StringIO(), io.StringIO()
    wall, cpu = time.perf_counter(), time.process_time()
    rc = run(["run", *argv, "--output", "json"], stdout=out, stderr=err, env=env)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if rc != 0:
        raise SystemExit(f"esm run failed ({rc}): {err.getvalue()}")
    lines = [line for line in out.getvalue().splitlines() if not line.startswith('{"Batch"')]
    return json.loads("\n".join(lines)), wall, cpu


def median_rate(runs: int, records: int, argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    loop, whole, cpu = [], [], []
    for _ in range(runs):
        summary, wall, used = esm_run(argv, env)
        assert summary["Metrics"]["InvokedEventCount"] == records, summary
        loop.append(records / summary["ElapsedSeconds"])
        whole.append(records / wall)
        cpu.append(records / used)
    return statistics.median(loop), statistics.median(whole), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="esm-bench-run-"))
    (workdir / "bench_noop.py").write_text("def handler(event, context):\n    return None\n")
    sqs_file = workdir / "sqs.ndjson"
    sqs_file.write_text("".join(json.dumps({"n": i}) + "\n" for i in range(args.records)))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ESM_"))}
    env.update(ESM_STATE_FILE=str(workdir / "state.db"), HOME=str(workdir), PYTHONPATH=str(workdir))
    os.chdir(workdir)
    handler = ["--handler", "bench_noop:handler"]
    rows = []
    notes: list[str] = []
    sqs = [*handler, "--records-file", str(sqs_file), "--event-source-arn", SQS_ARN,
           "--batch-size", "100", "--maximum-batching-window-in-seconds", "1"]
    rows.append(("replay, SQS, BatchSize 100", *median_rate(args.runs, args.records, sqs, env)))
    kinesis = [*handler, "--records-file", str(sqs_file), "--event-source-arn", KINESIS_ARN,
               "--starting-position", "TRIM_HORIZON", "--batch-size", "100"]
    rows.append(("replay, Kinesis, BatchSize 100", *median_rate(args.runs, args.records, kinesis, env)))

    from support import motoserver

    with motoserver.running(workdir) as server:
        env.update(motoserver.DUMMY_CREDENTIALS)
        client = server.client("sqs")
        for size in (10, 1):
            name = f"bench-{size}"
            url = client.create_queue(QueueName=name)["QueueUrl"]
            for start in range(0, args.messages, 10):
                client.send_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(i), "MessageBody": json.dumps({"n": start + i})} for i in range(min(10, args.messages - start))])
            argv = [*handler, "--source-endpoint-url", server.url, "--event-source-arn",
                    f"arn:aws:sqs:us-east-1:123456789012:{name}", "--batch-size", str(size), "--until-empty"]
            summary, wall, used = esm_run(argv, env)
            rate = summary["Metrics"]["InvokedEventCount"] / summary["ElapsedSeconds"]
            label = "SQS on moto, BatchSize 10" if size == 10 else "SQS on moto, one message per invocation"
            rows.append((label, rate, summary["Metrics"]["InvokedEventCount"] / wall,
                         summary["Metrics"]["InvokedEventCount"] / used))
            notes.append(f"{label}: {summary['Batches']} batches, {summary['Metrics']['InvokedEventCount'] / max(1, summary['Batches']):.1f} "
                         f"messages a batch on average, {summary['ElapsedSeconds']:.1f} s")

    print(f"{'':42} {'loop rec/s':>12} {'whole rec/s':>12} {'per CPU s':>12}")
    for label, loop, whole, cpu in rows:
        print(f"{label:42} {loop:12,.0f} {whole:12,.0f} {cpu:12,.0f}")
    goal = rows[0][1]
    print(f"\nreplay goal {GOAL:,} records/s at BatchSize 100: {'met' if goal >= GOAL else 'not met'} ({goal:,.0f})")
    moto_batch, moto_single = rows[2][1], rows[3][1]
    print(f"SQS on moto: BatchSize 10 is {moto_batch / moto_single:.1f}x one message per invocation")
    for note in notes:
        print("  " + note)
    print("  (on moto every figure is bounded by moto's own time per request)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

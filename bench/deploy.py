"""Time of `esm plan` and a no-op `esm apply` for 200 mappings, and the API calls of a no-op on aws.

Usage: python bench/deploy.py [--runs N] [--mappings N] [--functions N]

Local backend: creates N mappings (spread over F functions, 10 queues each, as in a real
account) in a private state file, exports them, then times as fresh processes
(as a CI step runs them):

    esm plan --file exported.yaml
    esm apply --file exported.yaml --yes        (nothing to change)

aws backend: starts moto's server on 127.0.0.1 (dummy credentials, nothing leaves the
machine), creates the same mappings, and counts the API calls a no-op apply makes, from
`--debug`'s "calling <Operation>" lines (goal: one ListEventSourceMappings per function).
Prints medians in milliseconds beside the goals (plan < 1 s, no-op apply < 1.5 s);
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

GOALS = {"plan": 1.0, "apply (no-op)": 1.5}


def esm(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "esm_cli", *argv], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"esm {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return done


def populate(env: dict[str, str], queue_arn: str, mappings: int, functions: int) -> None:
    """N mappings over F functions, in-process (one create each is not what is measured)."""
    import io

    from esm_cli.boundary import run

    per_function = -(-mappings // functions)
    made = 0
    for f in range(functions):
        for q in range(per_function):
            if made == mappings:
                return
            out, err = io.StringIO(), io.StringIO()
            argv = ["create-event-source-mapping", "--function-name", f"bench{f}", "--event-source-arn", f"{queue_arn}{q}",
                    "--batch-size", str(1 + q % 10)]
            if run(argv, stdout=out, stderr=err, env=env) != 0:
                raise SystemExit(err.getvalue())
            made += 1


def base_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ESM_"))}
    env.update(HOME=str(work), AWS_CONFIG_FILE=str(work / "none"), AWS_SHARED_CREDENTIALS_FILE=str(work / "none"),
               ESM_STATE_FILE=str(work / "state.db"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench_local(work: Path, runs: int, mappings: int, functions: int) -> None:
    env = base_env(work)
    populate(env, "arn:aws:sqs:us-east-1:123456789012:queue", mappings, functions)
    exported = work / "exported.yaml"
    exported.write_text(esm(["export"], env).stdout)
    print(f"local backend, {mappings} mappings over {functions} functions, median of {runs} runs:")
    for label, argv in (("plan", ["plan", "--file", str(exported)]), ("apply (no-op)", ["apply", "--file", str(exported), "--yes"])):
        esm(argv, env)  # warm-up: bytecode written, as after an install
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            esm(argv, env)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"  {label:<14} {median * 1000:7.0f} ms   (goal < {GOALS[label] * 1000:.0f} ms)")


def bench_aws_calls(work: Path, mappings: int, functions: int) -> None:
    from support import motoserver

    server = motoserver.start()
    try:
        env = {**base_env(work), **motoserver.DUMMY_CREDENTIALS, "AWS_DEFAULT_REGION": motoserver.REGION,
               "AWS_ENDPOINT_URL": server.url, "ESM_STATE_FILE": str(work / "aws-state.db")}
        sqs = server.client("sqs")
        lam = server.client("lambda")
        code = lam.get_function(FunctionName="fn1")["Configuration"]["Role"]
        for f in range(functions):
            lam.create_function(FunctionName=f"bench{f}", Runtime="python3.11", Role=code, Handler="handler.handler",
                                Code={"ZipFile": motoserver._function_zip()})
        per_function = -(-mappings // functions)
        for q in range(per_function):
            sqs.create_queue(QueueName=f"queue{q}")
        populate(env, f"arn:aws:sqs:{motoserver.REGION}:{motoserver.ACCOUNT}:queue", mappings, functions)
        exported = work / "aws.yaml"
        exported.write_text(esm(["export"], env).stdout)
        debug = esm(["apply", "--file", str(exported), "--yes", "--debug"], env).stderr
        calls = [line.rsplit("calling ", 1)[1] for line in debug.splitlines() if "; calling " in line]
        counts = {name: calls.count(name) for name in sorted(set(calls))}
        print(f"aws backend (moto), no-op apply of {mappings} mappings over {functions} functions:")
        print(f"  API calls: {len(calls)} {counts}   (goal: {functions} ListEventSourceMappings, nothing else)")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mappings", type=int, default=200)
    parser.add_argument("--functions", type=int, default=20)
    parser.add_argument("--no-aws", action="store_true", help="skip the moto part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bench_local(work, args.runs, args.mappings, args.functions)
        if not args.no_aws:
            bench_aws_calls(work, args.mappings, args.functions)


if __name__ == "__main__":
    main()

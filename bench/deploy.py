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
import subprocess
import tempfile
from pathlib import Path

from _common import PYTHON_M_ESM, child_env, median_ms, run_ok

GOALS = {"plan": 1.0, "apply (no-op)": 1.5}


def esm(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_ok([*PYTHON_M_ESM, *argv], env)


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


def bench_local(work: Path, runs: int, mappings: int, functions: int) -> None:
    env = child_env(work)
    populate(env, "arn:aws:sqs:us-east-1:123456789012:queue", mappings, functions)
    exported = work / "exported.yaml"
    exported.write_text(esm(["export"], env).stdout)
    print(f"local backend, {mappings} mappings over {functions} functions, median of {runs} runs:")
    for label, argv in (("plan", ["plan", "--file", str(exported)]), ("apply (no-op)", ["apply", "--file", str(exported), "--yes"])):
        ms = median_ms(runs, lambda i: [*PYTHON_M_ESM, *argv], env)  # the warm-up writes bytecode, as an install
        print(f"  {label:<14} {ms:7.0f} ms   (goal < {GOALS[label] * 1000:.0f} ms)")


def bench_aws_calls(work: Path, mappings: int, functions: int) -> None:
    from support import motoserver

    with motoserver.running() as server:
        env = child_env(work, **motoserver.aws_variables(server.url), ESM_STATE_FILE=str(work / "aws-state.db"))
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

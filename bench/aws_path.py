"""Median wall time of `get` and `list` on the aws backend, beside the `aws` CLI, on one moto server.

Usage: python bench/aws_path.py [--runs N] [--mappings N]

Starts moto's server on 127.0.0.1 (dummy credentials, nothing leaves the machine), creates
N mappings, then times, as fresh processes each time (as a script or CI step runs them):

    esm get-event-source-mapping --uuid U --backend aws --endpoint-url URL
    aws lambda get-event-source-mapping --uuid U --endpoint-url URL
    esm list-event-source-mappings --backend aws --endpoint-url URL
    aws lambda list-event-source-mappings --endpoint-url URL

esm and aws runs alternate so that load on the machine affects both alike. Bytecode is
cached for both (PYTHONDONTWRITEBYTECODE is dropped for the children), as after an install.
Prints medians in milliseconds and the aws/esm ratio (goal: at least 1.5×); asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from _common import child_env, command_beside_python, esm_command, timed

GOAL = 1.5


def compare(runs: int, esm_argv: list[str], aws_argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Medians (ms) of alternating esm and aws runs, after one warm-up run of each."""
    timed(esm_argv, env)
    timed(aws_argv, env)
    esm_times, aws_times = [], []
    for _ in range(runs):
        esm_times.append(timed(esm_argv, env)[0])
        aws_times.append(timed(aws_argv, env)[0])
    return statistics.median(esm_times) * 1000, statistics.median(aws_times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--mappings", type=int, default=10)
    args = parser.parse_args()

    aws = command_beside_python("aws")
    if aws is None:
        print("`aws` is not installed (pip install awscli): nothing to compare with")
        return 1
    esm = esm_command()

    from support import motoserver

    workdir = Path(tempfile.mkdtemp(prefix="esm-bench-aws-"))
    config = workdir / "config"
    config.write_text("[default]\n", encoding="utf-8")
    env = child_env(
        workdir,
        **motoserver.DUMMY_CREDENTIALS,
        AWS_DEFAULT_REGION=motoserver.REGION,
        AWS_CONFIG_FILE=str(config),
        AWS_SHARED_CREDENTIALS_FILE=str(workdir / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    try:
        with motoserver.running(workdir) as server:
            lam = server.client("lambda")
            queues = list(server.resources["queues"].values())
            functions = list(server.resources["functions"])
            uuids = [
                lam.create_event_source_mapping(
                    FunctionName=functions[i % len(functions)], EventSourceArn=queues[i % len(queues)]
                )["UUID"]
                for i in range(args.mappings)
            ]
            url = ["--endpoint-url", server.url]
            rows = []
            for name, tail in (
                ("get", ["get-event-source-mapping", "--uuid", uuids[0]]),
                ("list", ["list-event-source-mappings"]),
            ):
                esm_ms, aws_ms = compare(args.runs, [*esm, *tail, "--backend", "aws", *url], [*aws, "lambda", *tail, *url], env)
                rows.append((name, esm_ms, aws_ms))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{args.runs} runs each, {args.mappings} mappings, moto at 127.0.0.1; esm = {' '.join(esm)}")
    print(f"{'command':<8} {'esm ms':>9} {'aws ms':>9} {'aws/esm':>8}")
    for name, esm_ms, aws_ms in rows:
        ratio = aws_ms / esm_ms
        verdict = "ok" if ratio >= GOAL else f"below the {GOAL}× goal"
        print(f"{name:<8} {esm_ms:>9.1f} {aws_ms:>9.1f} {ratio:>7.2f}×  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`esm test-filter` on a records file: the table people read against the JSON scripts read.

Usage: python bench/test_filter.py [--runs N] [--records N]

Writes an SQS event of N records (half kept, half dropped by a two-key pattern; a few with
long values, so the table wraps cells), then times fresh processes of `esm test-filter
--records-file …` with `--output json`, with no --output (the report table) and with
`--output table` (the AWS CLI table of the same document). Prints the median CPU times and each
table's ratio to json. Goal (docs/limits.md, "Scale"): the report table no slower than json
by more than 1.3x. Asserts nothing about time (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from _common import child_env, esm_command, main_with_runs

PATTERN = '{"body": {"status": ["ok"], "customer": {"tier": ["gold"]}}}'


def _records(count: int) -> dict[str, object]:
    records = []
    for index in range(count):
        customer = {"id": f"c{index}", "tier": "gold" if index % 3 else "silver"}
        if index % 50 == 0:
            customer["note"] = "a long free-text note " * 6  # wraps in the table
        body = {"status": "ok" if index % 2 else "failed", "n": index, "customer": customer}
        records.append({
            "messageId": f"m{index}", "body": json.dumps(body), "attributes": {"ApproximateReceiveCount": "1"},
            "messageAttributes": {}, "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "awsRegion": "us-east-1",
        })
    return {"Records": records}


def _cpu_ms(argv: list[str], env: dict[str, str]) -> float:
    """CPU milliseconds (user + system) of one fresh process, stdout discarded: steadier than wall
    time on a shared machine."""
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {child.stderr.read().decode() if child.stderr else ''}")
    return (usage.ru_utime + usage.ru_stime) * 1000


def measure(folder: Path, args: argparse.Namespace) -> int:
    records = folder / "records.json"
    records.write_text(json.dumps(_records(args.records)))
    env = child_env(folder)
    base = [*esm_command(), "test-filter", "--records-file", f"file://{records}", "--pattern", PATTERN]
    variants = {"json": ["--output", "json"], "report table": [], "--output table": ["--output", "table"]}
    medians = {}
    for label, extra in variants.items():
        _cpu_ms(base + extra, env)  # warm-up: file cache and bytecode
        medians[label] = statistics.median(_cpu_ms(base + extra, env) for _ in range(args.runs))
        print(f"test-filter {args.records:,} records, {label:<15} median cpu {medians[label]:8.0f} ms", flush=True)
    for label in ("report table", "--output table"):
        print(f"  {label} / json: {medians[label] / medians['json']:.2f}x")
    print("  goal: report table / json at most 1.3x")
    return 0


def main() -> int:
    parser_records = argparse.ArgumentParser(add_help=False)
    parser_records.add_argument("--records", type=int, default=5000)
    known, rest = parser_records.parse_known_args()
    sys.argv = [sys.argv[0], *rest]

    def with_records(folder: Path, args: argparse.Namespace) -> int:
        args.records = known.records
        return measure(folder, args)

    return main_with_runs(with_records, __doc__ or "", "esm-bench-test-filter-", runs=7)


if __name__ == "__main__":
    sys.exit(main())

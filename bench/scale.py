"""esm at scale (docs/limits.md, "Scale"): a full listing of 100,000 local mappings per output
format, validate on a large mappings file in JSON and YAML, TAB on --uuid at 1,000 and at the
full count. Prints medians (wall and CPU seconds, peak memory) and the ratios the goals are
stated in; it asserts nothing.

    .venv/bin/python bench/scale.py [--count 100000] [--runs 3] [--formats json,text,...]

Goals: json under 1.5 s and 64 MiB peak; table and yaml under 3x json's time; validate on YAML
close to JSON (libyaml's loader); TAB on --uuid as fast at 100,000 mappings as at 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import child_env
from support.peak import PEAK_FILE, measured_argv  # noqa: E402 - after the path is set
from support.statefill import populate  # noqa: E402

MIB = 1024 * 1024


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak resident bytes) of one run with stdout discarded.

    The peak is what an ``esm(...)`` command reports itself (its own VmHWM; wait4's ru_maxrss
    would include this benchmark's size, which Linux carries into a child); 0 for any other.
    """
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak_file:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, env={**env, PEAK_FILE: peak_file.name}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        peak = int(Path(peak_file.name).read_text() or 0) * 1024
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 254):
        print(f"  (exit {code}: {' '.join(command[3:6])})", flush=True)
    return wall, usage.ru_utime + usage.ru_stime, peak


def medians(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float, int, float]:
    """Median wall and CPU seconds, the highest peak, and the least CPU time (the run least
    slowed by the machine's other jobs) of ``runs`` runs."""
    results = [measure(command, env) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
        min(r[1] for r in results),
    )


def esm(*argv: str) -> list[str]:
    """The command running ``esm argv`` that reports its own peak memory."""
    return measured_argv(list(argv))


def bench_listing(state: Path, formats: list[str], runs: int, env: dict[str, str]) -> None:
    env = {**env, "ESM_STATE_FILE": str(state)}
    timings: dict[str, tuple[float, float, int, float]] = {}
    for fmt in formats:
        timings[fmt] = medians(esm("list-event-source-mappings", "--output", fmt), env, runs)
        wall, cpu, peak, fastest = timings[fmt]
        print(
            f"list --output {fmt:<12} wall {wall:7.2f} s   cpu {cpu:7.2f} s (fastest {fastest:.2f})"
            f"   peak {peak / MIB:7.1f} MiB",
            flush=True,
        )
    if "json" in timings:
        base = timings["json"][1]
        for fmt in formats:
            if fmt != "json":
                print(f"  {fmt} / json (cpu): {timings[fmt][1] / base:.2f}x")
        print("  goals: json under 1.5 s and 64 MiB; table and yaml under 3x json")


def bench_validate(count: int, runs: int, env: dict[str, str], folder: Path) -> None:
    import yaml

    mappings = [
        {"FunctionName": f"f{i}", "EventSourceArn": f"arn:aws:sqs:us-east-1:123456789012:q{i}", "BatchSize": 10}
        for i in range(count)
    ]
    as_json, as_yaml = folder / "mappings.json", folder / "mappings.yaml"
    as_json.write_text(json.dumps(mappings))
    as_yaml.write_text(yaml.safe_dump(mappings))
    json_time = medians(esm("validate", "--file", str(as_json)), env, runs)[1]
    yaml_time = medians(esm("validate", "--file", str(as_yaml)), env, runs)[1]
    print(f"validate --file {count:,} mappings: json cpu {json_time:.2f} s, yaml cpu {yaml_time:.2f} s "
          f"({yaml_time / json_time:.2f}x)")


def bench_completion(small: Path, large: Path, uuid_prefixes: tuple[str, str], runs: int, env: dict[str, str]) -> None:
    for label, state, prefix in (("1,000", small, uuid_prefixes[0]), ("full", large, uuid_prefixes[1])):
        completing = {
            **env,
            "ESM_STATE_FILE": str(state),
            "_ESM_COMPLETE": "bash",
            "COMP_LINE": f"esm get-event-source-mapping --uuid {prefix}",
            "COMP_POINT": str(len(f"esm get-event-source-mapping --uuid {prefix}")),
        }
        wall, cpu, _, _ = medians(esm(), completing, runs)
        print(f"TAB --uuid {prefix}… at {label} mappings: wall {wall * 1000:.0f} ms, cpu {cpu * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="json,text,yaml-stream,yaml,table")
    parser.add_argument("--validate-count", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="esm-scale-") as temporary:
        folder = Path(temporary)
        # Bytecode is written (an installed package has it), and no AWS or esm settings leak in.
        env = child_env(folder, TZ="UTC")
        large, small = folder / "large.db", folder / "small.db"
        print(f"filling a state file with {args.count:,} mappings …", flush=True)
        large_uuids = populate(str(large), args.count)
        small_uuids = populate(str(small), 1_000)
        measure(esm("list-event-source-mappings", "--max-items", "1"), {**env, "ESM_STATE_FILE": str(small)})  # warm-up
        reference = medians([sys.executable, "-c", "pass"], env, 9)
        # How loaded the machine is: `python -c pass` takes about 18 ms on a quiet one.
        print(f"python -c pass: wall {reference[0] * 1000:.0f} ms, cpu {reference[1] * 1000:.0f} ms", flush=True)
        bench_listing(large, args.formats.split(","), args.runs, env)
        bench_validate(args.validate_count, args.runs, env, folder)
        bench_completion(small, large, (small_uuids[0][:4], large_uuids[0][:4]), args.runs, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Median time per TAB press: esm's completion beside awscli v1's `aws_completer` on comparable lines.

Usage: python bench/completion.py [--runs N]

Both are asked the way bash asks a `complete -C` program: a fresh process with COMP_LINE and
COMP_POINT in the environment (esm also needs _ESM_COMPLETE=bash). esm is timed as the console
script found in PATH and as `python -m esm_cli`; a last row times the whole TAB inside bash
(the generated script's function, which runs esm). The state file holds 20 mappings, so value
completion reads a real one. Bytecode is written on the warm-up runs, as an install would
have it. Prints medians in milliseconds and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from _common import PYTHON_M_ESM, REPO, child_env, main_with_runs, median_ms

# (what it shows, the line after the program name). The same words go to both programs.
LINES = (
    ("command names", "lambda list-event-source"),
    ("a command's flags", "lambda get-event-source-mapping --"),
    ("--output values", "lambda list-event-source-mappings --output "),
    ("--profile values", "lambda list-event-source-mappings --profile "),
    ("--uuid values (state file)", "lambda get-event-source-mapping --uuid "),
    ("flags for an SQS source", "lambda create-event-source-mapping --event-source-arn arn:aws:sqs:us-east-1:123456789012:q0 --"),
)


def tab_ms(argv: list[str], env: dict[str, str], program: str, rest: str, runs: int) -> float:
    """Median ms of ``argv`` asked to complete ``program rest`` the way bash asks (after a warm-up run)."""
    text = f"{program} {rest}"
    return median_ms(runs, lambda i: argv, {**env, "COMP_LINE": text, "COMP_POINT": str(len(text))})


def bash_tab_ms(env: dict[str, str], rest: str, runs: int) -> float:
    """One whole TAB in bash: the generated completion function, run `runs` times in one shell."""
    text = f"esm {rest}"
    script = (
        f"source {REPO / 'completions' / 'esm.bash'}\n"
        f"COMP_LINE='{text}'; COMP_POINT={len(text)}; COMP_WORDS=({text}); COMP_CWORD={len(text.split())}\n"
        f"start=$EPOCHREALTIME; for ((i = 0; i < {runs}; i++)); do _esm_completion; done\n"
        'echo "$start $EPOCHREALTIME"\n'
    )
    out = subprocess.run(["bash", "--norc", "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    start, end = (float(x) for x in out.split())
    return (end - start) / runs * 1000


def measure(workdir: Path, args: argparse.Namespace) -> int:
    (workdir / "config").write_text("[default]\nregion = us-east-1\n[profile dev]\n[profile prod]\n")
    env = child_env(
        workdir,
        drop=("_ESM_", "COMP_"),
        AWS_CONFIG_FILE=str(workdir / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(workdir / "credentials"),
    )
    esm_script = shutil.which("esm")
    python_m = PYTHON_M_ESM
    for i in range(20):
        subprocess.run(
            [*(python_m if esm_script is None else [esm_script]), "create-event-source-mapping",
             "--function-name", f"fn{i}", "--event-source-arn", f"arn:aws:sqs:us-east-1:123456789012:q{i}"],
            env=env, check=True, capture_output=True,
        )
    esm_env = {**env, "_ESM_COMPLETE": "bash"}
    aws_completer = shutil.which("aws_completer")

    columns = [("esm (python -m esm_cli)", python_m, esm_env, "esm")]
    if esm_script:
        columns.insert(0, ("esm (console script)", [esm_script], esm_env, "esm"))
    if aws_completer:
        columns.append(("aws_completer", [aws_completer], env, "aws"))
    print(f"median ms per TAB, {args.runs} runs each; esm's state file holds 20 mappings\n")
    header = f"{'line':<28}" + "".join(f"{name:>26}" for name, *_ in columns)
    print(header)
    table: dict[str, list[float]] = {name: [] for name, *_ in columns}
    for label, rest in LINES:
        row = f"{label:<28}"
        for name, argv, column_env, program in columns:
            ms = tab_ms(argv, column_env, program, rest, args.runs)
            table[name].append(ms)
            row += f"{ms:>26.1f}"
        print(row)
    medians = {name: statistics.median(values) for name, values in table.items()}
    print(f"{'median of the lines':<28}" + "".join(f"{medians[name]:>26.1f}" for name, *_ in columns))

    floors = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -S -c pass": [sys.executable, "-S", "-c", "pass"],
    }
    print()
    for name, argv in floors.items():
        ms = median_ms(args.runs, lambda i: argv, env, warm=False)
        print(f"{name}: {ms:.1f} ms", end="; " if name == "python -c pass" else "\n")
    print("(the floor for any Python program; -S skips site, where an editable install's import hook runs)")
    if shutil.which("bash"):
        print(f"a whole TAB in bash (_esm_completion, --uuid line): {bash_tab_ms(env, LINES[4][1], args.runs):.1f} ms")
    if aws_completer:
        aws = medians["aws_completer"]
        for name, *_ in columns[:-1]:
            print(f"aws_completer / {name}: {aws / medians[name]:.1f}x (goal: at least 10x)")
    else:
        print("aws_completer is not installed: no comparison")
    return 0


if __name__ == "__main__":
    raise SystemExit(main_with_runs(measure, __doc__, "esm-bench-completion-"))

"""Time `esm validate PATH` on a 1,000-resource template (goal: under 1 s) and on 200 .tf files, beside cfn-lint.

Run: .venv/bin/python bench/iac.py   (prints medians of 3 runs; not a test)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _common import PYTHON_M_ESM, median_ms


def template(resources: int) -> str:
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"]
    for i in range(resources // 2):
        lines += [
            f"  Queue{i}:",
            "    Type: AWS::SQS::Queue",
            "    Properties:",
            f"      VisibilityTimeout: {30 + i % 5}",
            f"  Mapping{i}:",
            "    Type: AWS::Lambda::EventSourceMapping",
            "    Properties:",
            f"      EventSourceArn: !GetAtt Queue{i}.Arn",
            "      FunctionName: worker",
            f"      BatchSize: {5 + i % 20}",
        ]
    return "\n".join(lines) + "\n"


def terraform(folder: Path, files: int) -> None:
    for i in range(files):
        (folder / f"m{i}.tf").write_text(
            f'resource "aws_sqs_queue" "q{i}" {{\n  name = "q{i}"\n}}\n'
            f'resource "aws_lambda_event_source_mapping" "m{i}" {{\n  event_source_arn = aws_sqs_queue.q{i}.arn\n'
            f'  function_name = "worker"\n  batch_size = {5 + i % 20}\n}}\n'
        )


def median_seconds(argv: list[str], runs: int = 3) -> float:
    return median_ms(runs, lambda i: argv, warm=False, check=False) / 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "big.yaml").write_text(template(1000))
        (root / "tf").mkdir()
        terraform(root / "tf", 200)
        esm = [*PYTHON_M_ESM, "validate"]
        big = median_seconds(esm + [str(root / "big.yaml")])
        tf = median_seconds(esm + [str(root / "tf")])
        cfn_lint = str(Path(sys.executable).with_name("cfn-lint"))  # the console script beside this Python
        lint = median_seconds([cfn_lint, str(root / "big.yaml")], runs=1)
        print(f"esm validate, 1,000-resource template: {big:.2f} s (goal < 1 s)")
        print(f"esm validate, 200 .tf files:           {tf:.2f} s")
        print(f"cfn-lint, same template (1 run):       {lint:.2f} s  (esm is {lint / big:.1f}x faster)")


if __name__ == "__main__":
    main()

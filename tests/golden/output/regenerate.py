"""Regenerate the output golden files (under tests/ only) from AWS's own code; run by ``python -m esm_cli.regenerate``.

    python tests/golden/output/regenerate.py                      # json/text/table via awscli
    python tests/golden/output/regenerate.py --ruamel-python PY   # also yaml, yaml-stream, yaml-input

json, text and table come from the installed awscli's formatters (identical in v1 and v2).
YAML is v2-only and needs ruamel.yaml, which esm does not depend on: point --ruamel-python
at a Python with ``ruamel.yaml==0.19.1 ruamel.yaml.clib==0.2.15 botocore==1.44.8`` (the
versions aws-cli v2 2.36.7 pins, and the model esm's snapshot holds). Without it the YAML
golden files are left as they are. All renderings use TZ=America/Los_Angeles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(HERE), str(ROOT)]

import cases  # noqa: E402
import oracles  # noqa: E402

def write(name: str, text: str) -> None:
    oracles.golden_path(name).write_text(text, encoding="utf-8", newline="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ruamel-python", help="a Python with ruamel.yaml 0.19.1 and botocore")
    args = parser.parse_args()
    pairs = cases.requests()
    aws = [(name, req) for name, req in pairs if req["format"] in cases.AWSCLI_FORMATS]
    for (name, _), text in zip(aws, oracles.run_awscli([req for _, req in aws])):
        write(name, text)
    print(f"wrote {len(aws)} json/text/table golden files")
    if not args.ruamel_python:
        print("no --ruamel-python: yaml golden files left unchanged")
        return
    yaml = [(name, req) for name, req in pairs if req["format"] in cases.YAML_FORMATS]
    for (name, _), text in zip(yaml, oracles.run_ruamel([req for _, req in yaml], args.ruamel_python)):
        write(name, text)
    print(f"wrote {len(yaml)} yaml golden files")
    from esm_cli import spec

    done = subprocess.run(
        [args.ruamel_python, str(HERE / "ruamel_skeleton_oracle.py"), *spec.operation_names()],
        capture_output=True,
        text=True,
        check=True,
    )
    for operation, text in json.loads(done.stdout).items():
        write(f"skeleton-{operation}.yaml-input", text)
    print("wrote yaml-input skeleton golden files")


if __name__ == "__main__":
    main()

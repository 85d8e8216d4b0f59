"""The committed spec snapshot equals a fresh extraction from the installed botocore."""

from __future__ import annotations

import difflib

from esm_cli.spec import SNAPSHOT_PATH
from esm_cli.spec.extract import extract, render


def test_snapshot_matches_installed_botocore() -> None:
    with open(SNAPSHOT_PATH, encoding="utf-8") as handle:
        committed = handle.read()
    fresh = render(extract())
    if committed != fresh:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True), fresh.splitlines(keepends=True), "committed", "installed botocore", n=2
            )
        )
        raise AssertionError(
            "esm_cli/spec/lambda_esm.json differs from the installed botocore's Lambda model; "
            "run `python -m esm_cli.spec.extract` and review:\n" + diff[:20000]
        )


def test_snapshot_has_the_five_operations_and_every_create_member() -> None:
    from esm_cli import spec

    assert spec.operation_names() == [
        "CreateEventSourceMapping",
        "UpdateEventSourceMapping",
        "GetEventSourceMapping",
        "DeleteEventSourceMapping",
        "ListEventSourceMappings",
    ]
    assert len(spec.input_members("CreateEventSourceMapping")) == 28
    assert spec.required_members("UpdateEventSourceMapping") == ["UUID"]
    assert spec.shape("BatchSize") == {"type": "integer", "min": 1, "max": 10000}


def test_the_cli_does_not_import_botocore_to_start() -> None:
    import subprocess
    import sys

    code = "import sys, esm_cli.boundary, esm_cli.spec; esm_cli.spec.snapshot(); print(sorted(m for m in sys.modules if m.split('.')[0] in ('botocore', 'boto3')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"

"""The committed spec snapshot equals a fresh extraction from the installed botocore."""

from __future__ import annotations




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

"""``esm test-filter`` reads the records once, whether or not the source is named (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Esm

from esm_cli.filters import dry_run

KINESIS_EVENT = {
    "Records": [
        {"eventSource": "aws:kinesis", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
         "kinesis": {"data": "eyJraW5kIjogIm9yZGVyIn0=", "partitionKey": "k", "sequenceNumber": "1"}},
    ]
}


@pytest.mark.parametrize("named", [False, True])
def test_records_are_parsed_once(esm: Esm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: bool) -> None:
    calls: list[str] = []
    real = dry_run.load_records

    def counting(**kwargs: Any) -> list[dict[str, Any]]:
        calls.append(kwargs["source"])
        return real(**kwargs)

    monkeypatch.setattr(dry_run, "load_records", counting)
    records = tmp_path / "event.json"
    records.write_text(json.dumps(KINESIS_EVENT))
    source = ["--source", "kinesis"] if named else []
    result = esm("test-filter", "--pattern", '{"data": {"kind": ["order"]}}', "--records-file", f"file://{records}",
                 *source, "--output", "json")
    assert result.rc == 0, result.stderr
    report = result.json()
    assert report["Source"] == "kinesis"  # guessed from the records when not named
    assert [r["Result"] for r in report["Records"]] == ["kept"]
    assert len(calls) == 1

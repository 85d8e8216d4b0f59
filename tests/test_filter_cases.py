"""The filter engine against the case table in tests/data/filters/cases.json.

Each case comes from an AWS document, an AWS-validated recording or the EventBridge reference
matcher's test data; the table cites the source of every group.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from esm_cli.errors import ParamValidationError
from esm_cli.filters import match_any, validate_pattern
from esm_cli.filters.jsontext import dumps, loads
from esm_cli.filters.dry_run import TestFilterRequest, load_records, run

CASES_FILE = Path(__file__).parent / "data" / "filters" / "cases.json"
TABLE = loads(CASES_FILE.read_text(encoding="utf-8"))
CASES = [(group["name"], case) for group in TABLE["groups"] for case in group["cases"]]


def _expand(value: Any) -> Any:
    """Replace the table's {"$base64": v} and {"$json": v} shorthands."""
    if isinstance(value, dict):
        if set(value) == {"$base64"}:
            inner = value["$base64"]
            text = inner if isinstance(inner, str) else dumps(inner)
            return base64.b64encode(text.encode("utf-8")).decode("ascii")
        if set(value) == {"$json"}:
            return dumps(value["$json"])
        return {key: _expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value


def _pattern_texts(case: dict[str, Any]) -> list[str]:
    patterns = case["patterns"] if "patterns" in case else [case["pattern"]]
    return [item if isinstance(item, str) else dumps(item) for item in patterns]


def _records(case: dict[str, Any]) -> list[dict[str, Any]]:
    if "message_body" in case:
        body = case["message_body"]
        return load_records(
            record_texts=[],
            records_file_text=None,
            message_bodies=[body if isinstance(body, str) else dumps(body)],
            source="sqs",
        )
    return [_expand(case["record"])]


def test_table_is_big_enough_and_cited() -> None:
    assert len(CASES) >= 80
    ids = [case["id"] for _, case in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for group in TABLE["groups"]:
        assert group["cite"].strip(), group["name"]


@pytest.mark.parametrize("group,case", CASES, ids=[case["id"] for _, case in CASES])
def test_case(group: str, case: dict[str, Any]) -> None:
    source = case["source"]
    texts = _pattern_texts(case)
    scope = None if source == "generic" else source
    expect = case["expect"]

    if expect == "invalid":
        hints = [hint for text in texts for hint in validate_pattern(text, source=scope)]
        assert hints, f"{case['id']}: expected Lambda to reject the pattern"
        assert any(case["hint"] in hint for hint in hints), hints
        if scope is not None:
            with pytest.raises(ParamValidationError) as raised:
                run(TestFilterRequest(patterns=texts, records=[{}], source=scope))
            assert raised.value.message.startswith(
                "Invalid filter pattern definition." if scope != "docdb" else "Lambda doesn't support"
            )
        return

    for text in texts:
        assert validate_pattern(text, source=scope) == [], text
    if expect == "valid":
        return

    if source == "generic":
        decision = match_any([loads(text) for text in texts], _expand(case["record"]))
        kept, reason = decision.kept, decision.reason
    else:
        report = run(TestFilterRequest(patterns=texts, records=_records(case), source=source))
        (result,) = report.results
        kept, reason = result.kept, result.reason

    assert kept is (expect == "keep"), f"{case['id']}: {reason}"
    if expect == "drop":
        assert reason is not None
        if "path" in case:
            assert reason.path == case["path"], reason
        if "hint" in case:
            assert case["hint"] in reason.hint, reason
        json.dumps(reason.to_dict())  # the reason must be printable as JSON

"""SARIF output checked against the SARIF 2.1.0 schema; esm beside cfn-lint on the CloudFormation fixtures.

tests/data/sarif-schema-2.1.0.json is the OASIS schema (sarif-schema-2.1.0.json of the SARIF 2.1.0
standard), committed so the test needs no network.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import Esm

DATA = Path(__file__).parent / "data"
ROOT = DATA.parent.parent
# cfn-lint's rules that concern a mapping, and esm's rule ids for the same mistake.
CFN_LINT_TO_ESM = {
    "E3505": {"R-EXIST-5"},
    "E3633": {"R-SP-2"},
    "E3634": {"R-SP-4"},
    "E3705": {"R-BS-3"},
}


@pytest.fixture(autouse=True)
def _at_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_sarif_output_is_valid_sarif_2_1_0(esm: Esm) -> None:
    result = esm("validate", "tests/data/iac", "--output", "sarif")
    assert result.rc == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    results = log["runs"][0]["results"]
    first = next(r for r in results if r["ruleId"] == "R-EXIST-5")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert first["level"] == "error" and region["startLine"] > 0 and region["startColumn"] > 0
    assert {r["level"] for r in results} >= {"error", "warning", "note"}


def _esm_type_spans(path: Path) -> list[tuple[int, int]]:
    """Line spans of the event source mapping resources of a template (from esm's own reader)."""
    from esm_cli.iac.positions import load_document

    document = load_document(path.read_text(), str(path))
    resources = document["Resources"]
    starts = sorted((resources.key_pos[k][0], v.get("Type")) for k, v in resources.items())
    spans = []
    for index, (start, kind) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else 10**6
        if kind == "AWS::Lambda::EventSourceMapping":
            spans.append((start, end))
    return spans


@pytest.mark.parametrize("template", sorted((DATA / "iac" / "cloudformation").iterdir()), ids=lambda p: p.name)
def test_esm_reports_every_mapping_finding_cfn_lint_reports(esm: Esm, template: Path) -> None:
    linted = subprocess.run(
        [sys.executable, "-m", "cfnlint", "--format", "json", str(template)],
        capture_output=True,
        text=True,
        check=False,
    )
    matches = json.loads(linted.stdout or "[]")
    ours = esm("validate", str(template), "--output", "json").json()["Findings"]
    spans = _esm_type_spans(template)
    mapping_matches = [
        m
        for m in matches
        if m["Rule"]["Id"] in CFN_LINT_TO_ESM or any(a <= m["Location"]["Start"]["LineNumber"] <= b for a, b in spans)
    ]
    for match in mapping_matches:
        rule, line = match["Rule"]["Id"], match["Location"]["Start"]["LineNumber"]
        if rule in CFN_LINT_TO_ESM:
            assert CFN_LINT_TO_ESM[rule] & {f["RuleId"] for f in ours}, (rule, match["Message"])
        else:  # a schema finding on a mapping property: esm reports an error on the same line
            assert any(f["Line"] == line and f["Severity"] == "error" for f in ours), (rule, line, match["Message"])
    # …plus those cfn-lint misses: esm finds more on every fixture.
    assert len([f for f in ours if f["Severity"] == "error"]) > len(mapping_matches)

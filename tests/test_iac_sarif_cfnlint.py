"""SARIF output checked against the SARIF 2.1.0 schema; esm beside cfn-lint on the CloudFormation fixtures.

tests/data/sarif-schema-2.1.0.json is the OASIS schema (sarif-schema-2.1.0.json of the SARIF 2.1.0
standard), committed so the test needs no network.
"""

from __future__ import annotations

import json
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


def _cfn_lint(template: Path) -> list[tuple[str, int, str]]:
    """cfn-lint's matches on ``template``: (rule id, line, message), through its Python API."""
    from cfnlint.api import lint_file

    return [(m.rule.id, m.linenumber, m.message) for m in lint_file(template)]


def _esm_type_spans(path: Path) -> list[tuple[int, int, str]]:
    """(first line, last line, logical id) of the event source mapping resources of a template."""
    from esm_cli.iac.positions import load_document

    document = load_document(path.read_text(), str(path))
    resources = document["Resources"]
    starts = sorted((resources.key_pos[k][0], k, v.get("Type")) for k, v in resources.items())
    spans = []
    for index, (start, name, kind) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else 10**6
        if kind == "AWS::Lambda::EventSourceMapping":
            spans.append((start, end, name))
    return spans


def _mapping_matches(template: Path) -> list[tuple[str, int, str]]:
    """cfn-lint's findings about a mapping: inside a mapping resource, or one of its cross-resource rules."""
    spans = _esm_type_spans(template)
    return [m for m in _cfn_lint(template) if m[0] in CFN_LINT_TO_ESM or any(a <= m[1] <= b for a, b, _ in spans)]


CFN_FIXTURES = sorted((DATA / "iac" / "cloudformation").iterdir())


def test_the_comparison_is_not_empty() -> None:
    found = [m for template in CFN_FIXTURES for m in _mapping_matches(template)]
    assert len(found) >= 5 and {"E3505", "E3034", "E3002"} <= {rule for rule, _, _ in found}


@pytest.mark.parametrize("template", CFN_FIXTURES, ids=lambda p: p.name)
def test_esm_reports_every_mapping_finding_cfn_lint_reports(esm: Esm, template: Path) -> None:
    ours = esm("validate", str(template), "--output", "json").json()["Findings"]
    spans = _esm_type_spans(template)
    mapping_matches = _mapping_matches(template)
    for rule, line, message in mapping_matches:
        if rule in CFN_LINT_TO_ESM:
            assert CFN_LINT_TO_ESM[rule] & {f["RuleId"] for f in ours}, (rule, message)
        elif rule == "E3003":  # a required property missing: esm reports it on the same resource
            resource = next(name for a, b, name in spans if a <= line <= b)
            assert any(f["Resource"] == resource and f["Severity"] == "error" for f in ours), (rule, line, message)
        else:  # a schema finding on a mapping property: esm reports an error on the same line
            assert any(f["Line"] == line and f["Severity"] == "error" for f in ours), (rule, line, message)
    # …plus those cfn-lint misses: esm finds more on every fixture.
    assert len([f for f in ours if f["Severity"] == "error"]) > len(mapping_matches)


def test_on_the_sam_fixture_each_event_cfn_lint_faults_has_an_esm_error(esm: Esm) -> None:
    from esm_cli.iac.positions import load_document

    template = DATA / "iac" / "sam" / "template.yaml"
    matches = _cfn_lint(template)
    document = load_document(template.read_text(), str(template))
    events = []  # (first line, last line, "Function.Events.Name")
    for function_id, resource in document["Resources"].items():
        for name in (resource.get("Properties") or {}).get("Events") or {}:
            events.append([resource["Properties"]["Events"].key_pos[name][0], 10**6, f"{function_id}.Events.{name}"])
    events.sort()
    for index in range(len(events) - 1):
        events[index][1] = events[index + 1][0] - 1
    ours = esm("validate", str(template), "--output", "json").json()["Findings"]
    faulted = {label for m in matches for a, b, label in events if a <= m[1] <= b}
    assert faulted  # cfn-lint does fault some event here (DocumentDB without DatabaseName)
    for label in faulted:
        assert any(f["Resource"] == label and f["Severity"] == "error" for f in ours), label

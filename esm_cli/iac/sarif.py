"""Findings as SARIF 2.1.0, the format GitHub code scanning uploads (docs/iac.md, "GitHub Actions").

One run, esm as the tool; each rule id that occurs is described once in the driver's ``rules``;
each finding is a result with its file (a relative URI), line, column and the resource as a
logical location. Severities map to SARIF levels: error → error, warning → warning,
info → note. Schema: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
"""

from __future__ import annotations

import os
from typing import Any

from esm_cli.iac.findings import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    # Relative to the working folder (the repository root in CI), without "./": as code scanning expects.
    relative = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return relative.replace(os.sep, "/")


def _location(finding: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(finding.file)}}
    if finding.line > 0:
        physical["region"] = {"startLine": finding.line, "startColumn": max(finding.column, 1)}
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.resource:
        location["logicalLocations"] = [
            {"name": finding.resource, "fullyQualifiedName": finding.label, "kind": "resource"}
        ]
    return location


def sarif_log(findings: list[Finding], version: str) -> dict[str, Any]:
    """The SARIF log of ``findings``."""
    rule_ids = sorted({f.rule_id for f in findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    first = {rule_id: next(f for f in findings if f.rule_id == rule_id) for rule_id in rule_ids}
    rules = [
        {
            "id": rule_id,
            "shortDescription": {"text": first[rule_id].message[:200] or rule_id},
            "defaultConfiguration": {"level": LEVELS[first[rule_id].severity]},
        }
        for rule_id in rule_ids
    ]
    results = []
    for finding in findings:
        text = finding.message + (f" (what to do: {finding.hint})" if finding.hint else "")
        results.append(
            {
                "ruleId": finding.rule_id,
                "ruleIndex": index[finding.rule_id],
                "level": LEVELS[finding.severity],
                "message": {"text": text},
                "locations": [_location(finding)],
            }
        )
    # Each rule is described in the project's docs/rules.md (registry rules) and docs/iac.md (the others).
    driver = {"name": "esm", "version": version, "rules": rules}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}

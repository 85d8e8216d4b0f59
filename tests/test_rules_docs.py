"""docs/rules.md is generated from the registry and must be committed fresh."""

from __future__ import annotations

import re
from pathlib import Path


from esm_cli.rules import rules
from esm_cli.rules.docs import catalogue_ids, render
from esm_cli.rules.online import AWS_ONLY


def test_one_row_per_rule_and_per_aws_only_rule() -> None:
    text = render().split("## Catalogue coverage")[0]
    for rule in rules():
        assert len(re.findall(rf"^\| {re.escape(rule.id)} \|", text, flags=re.M)) == 1, rule.id
    for entry in AWS_ONLY:
        assert f"| {entry.id} |" in text


def test_every_catalogue_entry_is_accounted_for() -> None:
    ids = catalogue_ids()
    assert len(ids) == 120
    # Every topic of the ids is explained in docs/aws-facts.md#rule-ids.
    facts = (Path(__file__).resolve().parents[1] / "docs" / "aws-facts.md").read_text(encoding="utf-8")
    section = facts.split("## Rule ids")[1].split("\n## ")[0]
    assert all(re.search(rf"\b{ref.split('-')[1]}\b", section) for ref in ids)


def test_rules_are_fully_described() -> None:
    for rule in rules():
        assert rule.id and rule.topic and rule.params and rule.code and rule.message and rule.hint, rule.id
        assert re.search(r"\[[SDMUT]\]|Inferred", rule.evidence), rule.id
        if not rule.verbatim and rule.topic != "model":
            assert "unknown" in rule.evidence.lower() or "inferred" in rule.evidence.lower(), rule.id

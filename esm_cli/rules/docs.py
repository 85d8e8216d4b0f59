"""Generate docs/rules.md from the registry (run by ``python -m esm_cli.regenerate``).

The committed file is checked fresh by tests/test_rules_docs.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from esm_cli.rules.base import (
    CREATE,
    DELETE,
    EVERY_SOURCE,
    GET,
    KAFKA,
    LIST_OPERATION,
    SQS,
    STREAMS,
    TOPIC_RANK,
    UPDATE,
    Rule,
    natural_key,
)
from esm_cli.rules.coverage import NOTES
from esm_cli.rules.online import AWS_ONLY
from esm_cli.rules.registry import registry
from esm_cli.sources import Source

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"

_OPS = {CREATE: "create", UPDATE: "update", GET: "get", DELETE: "delete", LIST_OPERATION: "list"}
_SOURCE_ORDER = [
    Source.SQS_STANDARD,
    Source.SQS_FIFO,
    Source.KINESIS,
    Source.KINESIS_CONSUMER,
    Source.DYNAMODB,
    Source.MQ,
    Source.MSK,
    Source.SELF_MANAGED_KAFKA,
    Source.DOCUMENTDB,
]
_GROUPS = (("sqs", SQS), ("streams", STREAMS), ("kafka", KAFKA))
_TITLES = {
    "model": "Model constraints (generated from the spec)",
    "update": "What update may not change",
    "sources": "Event source",
    "identifiers": "Function name and UUID",
    "applicability": "Parameters a source type does not take",
    "batching": "Batch size and batching window",
    "starting-position": "Starting position",
    "streams": "Stream error handling",
    "destinations": "Destinations",
    "response-types": "Function response types",
    "filters": "Filter criteria",
    "scaling": "Scaling",
    "pollers": "Provisioned pollers",
    "observability": "Metrics and logging",
    "kafka": "Kafka (MSK and self-managed)",
    "mq": "Amazon MQ",
    "documentdb": "Amazon DocumentDB",
}
# Catalogue sections in the catalogue's own order, for the coverage table.
_SECTIONS = (
    "ERR", "SRC", "FN", "UUID", "APP", "BS", "BW", "SP", "STR", "DST", "FRT", "FLT", "SCL", "PPC",
    "MET", "LOG", "KAF", "MQ", "DOC", "DUP", "EXIST", "UPD", "STATE", "DEF", "TAG", "ORD",
)  # fmt: skip


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_cell(text)}`"


def sources_label(sources: frozenset[Source] | None) -> str:
    """Catalogue tokens for a set of sources, grouped (sqs, streams, kafka) where whole."""
    if sources is None or sources >= EVERY_SOURCE:
        return "all"
    left = set(sources)
    labels = []
    for name, group in _GROUPS:
        if group <= left:
            labels.append((_SOURCE_ORDER.index(min(group, key=_SOURCE_ORDER.index)), name))
            left -= group
    labels += [(_SOURCE_ORDER.index(s), s.value) for s in left]
    return ", ".join(name for _, name in sorted(labels))


def _operations(rule: Rule) -> str:
    return ", ".join(label for op, label in _OPS.items() if op in rule.operations)


def _rule_rows(rules: list[Rule]) -> list[str]:
    rows = [
        "| id | sources | operations | code | message | text | evidence |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        label = sources_label(rule.sources) + (" (and unknown)" if rule.without_source and rule.sources else "")
        rows.append(
            f"| {rule.id} | {label} | {_operations(rule)} | {rule.code} | {_code(rule.message)} | "
            f"{'AWS' if rule.verbatim else 'esm'} | {_cell(rule.evidence)} |"
        )
    return rows


def _compact(ids: list[str]) -> str:
    """Rule ids, families of several shown once: ``R-APP-2.* (14 rules)``, ``M-Topics… (2 rules)``."""
    groups: dict[str, list[str]] = {}
    for rule_id in sorted(set(ids), key=natural_key):
        key = "M-" + re.split(r"[.-]", rule_id[2:])[0] if rule_id.startswith("M-") else rule_id.split(".")[0]
        groups.setdefault(key, []).append(rule_id)
    shown = []
    for key, members in groups.items():
        if len(members) == 1:
            shown.append(members[0])
        else:
            shown.append(f"{key}{'…' if key.startswith('M-') else '.*'} ({len(members)} rules)")
    return ", ".join(shown)


def _coverage(rules: tuple[Rule, ...]) -> dict[str, str]:
    handled: dict[str, list[str]] = {}
    for rule in rules:
        for ref in rule.catalogue_ids:
            handled.setdefault(ref, []).append(rule.id)
    online: dict[str, list[str]] = {}
    for entry in AWS_ONLY:
        stem = re.match(r"R-[A-Z]+-\d+", entry.id)
        if stem:
            online.setdefault(stem.group(0), []).append(f"{entry.id} (AWS only)")
    table: dict[str, str] = {}
    for ref in set(handled) | set(online) | set(NOTES):
        parts = []
        if ref in handled:
            parts.append(_compact(handled[ref]))
        if ref in online:
            parts.append(", ".join(online[ref]))
        if ref in NOTES:
            parts.append(NOTES[ref])
        table[ref] = "; ".join(parts)
    return table


def catalogue_ids() -> list[str]:
    """Every catalogue id the registry, the AWS-only list and the notes account for."""
    return sorted(_coverage(registry()), key=_catalogue_key)


def _catalogue_key(ref: str) -> tuple[int, int]:
    _, section, number = ref.split("-")
    return (_SECTIONS.index(section) if section in _SECTIONS else len(_SECTIONS), int(number))


def render() -> str:
    """The whole of docs/rules.md."""
    rules = registry()
    by_topic: dict[str, list[Rule]] = {}
    for rule in sorted(rules, key=lambda r: r.sort_rank()):
        by_topic.setdefault(rule.topic, []).append(rule)
    out = [
        "# Rules esm checks before sending",
        "",
        "<!-- Generated by `python -m esm_cli.regenerate` from the registry in esm_cli/rules/. Do not edit:"
        " tests/test_generated_fresh.py fails when this file is stale. -->",
        "",
        f"esm checks every create and update against the {len(rules)} rules below before anything is sent, and",
        "reports every violation at once: the first one exactly as AWS would answer (same code, same message),",
        "then the others. Sources: botocore's Lambda model and the rule ids and evidence in [aws-facts.md](aws-facts.md).",
        "",
        "- **sources**: catalogue tokens — `sqs-std`, `sqs-fifo` (`sqs` = both), `kinesis`, `kinesis-efo`, `ddb`"
        " (`streams` = those three), `mq`, `msk`, `smk` (`kafka` = both), `docdb`; `all` = whatever the source."
        " \"(and unknown)\" means the rule also runs when the source cannot be told.",
        "- **text**: `AWS` when the message was recorded from AWS (or is AWS's documented format), `esm` when AWS's"
        " text is unknown and esm wrote one in AWS's style; the code is the one AWS uses either way.",
        "- **evidence**: [S] recorded against real AWS, [D] AWS docs, [M] botocore model, [U] real AWS output"
        " reported by users, [T] third-party tools.",
        "- **order**: model violations first (one ValidationException), then OnSuccess, the source, the function or"
        " UUID, then per-source rules by topic as below (AWS's order inside that last step is not recorded).",
        "- `--no-validate` (aws backend) skips these checks for rules AWS may since have relaxed.",
        "",
        "## Checked offline",
        "",
    ]
    for topic in sorted(by_topic, key=lambda t: TOPIC_RANK[t]):
        out += [f"### {_TITLES.get(topic, topic)} ({len(by_topic[topic])})", ""]
        out += _rule_rows(by_topic[topic]) + [""]
    out += [
        "## Checked by AWS only",
        "",
        "These need your account (functions, queues, streams, roles, existing mappings), so esm cannot check",
        "them offline; AWS will. The local backend plays the ones about its own state (unknown UUIDs,",
        "duplicates, transitional states).",
        "",
        "| id | sources | operations | code | message | evidence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in AWS_ONLY:
        out.append(
            f"| {entry.id} | {entry.sources} | {entry.operations} | {entry.code} | {_code(entry.message)} | "
            f"{_cell(entry.evidence)} |"
        )
    coverage = _coverage(rules)
    out += [
        "",
        "## Catalogue coverage",
        "",
        f"Where each of the catalogue's {len(coverage)} entries is handled.",
        "",
        "| catalogue | handled by |",
        "| --- | --- |",
    ]
    for ref in sorted(coverage, key=_catalogue_key):
        out.append(f"| {ref} | {_cell(coverage[ref])} |")
    return "\n".join(out) + "\n"

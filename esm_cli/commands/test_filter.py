"""``esm test-filter``: which records a mapping's filter criteria keep or drop, and why, offline."""

from __future__ import annotations

from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.commands.inputs import file_text, value_text
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError


def _stored_mapping(uuid: str, ctx: Context) -> dict[str, Any]:
    return ctx.backend().get(uuid)


def _patterns(values: dict[str, Any], mapping: dict[str, Any] | None) -> list[str]:
    from esm_cli.filters.dry_run import patterns_from_filter_criteria

    patterns = [value_text(p, "--pattern") for p in values.get("pattern") or []]
    if values.get("filter_criteria") is not None:
        from esm_cli.params import parse_value

        criteria = parse_value(values["filter_criteria"], "FilterCriteria", "--filter-criteria")
        patterns += patterns_from_filter_criteria(criteria)
    if mapping is not None and not patterns:
        patterns = patterns_from_filter_criteria(mapping.get("FilterCriteria") or {})
        if not patterns:
            raise ParamValidationError(f"The mapping {mapping['UUID']} has no filter criteria: it keeps every record.")
    if not patterns:
        raise ParamValidationError("Give the filters to test: --pattern, --filter-criteria or --uuid.")
    return patterns


def _source(values: dict[str, Any], mapping: dict[str, Any] | None, records: list[dict[str, Any]]) -> str:
    from esm_cli.filters.dry_run import normalize_source, source_from_arn
    from esm_cli.filters.pattern_hints import guess_source

    if values.get("source"):
        return normalize_source(values["source"])
    arn = values.get("event_source_arn") or (mapping or {}).get("EventSourceArn")
    if arn:
        found = source_from_arn(arn)
        if found is None:
            raise ParamValidationError(f"Cannot tell the event source type from {arn}; say --source.")
        return found
    if mapping is not None and mapping.get("SelfManagedEventSource"):
        return "kafka"
    guesses = {guess_source(record) for record in records}
    if len(guesses) == 1 and None not in guesses:
        return guesses.pop()  # type: ignore[return-value]
    raise ParamValidationError("Cannot tell the event source type: give --source or --event-source-arn.")


def run(parsed: ParsedLine, ctx: Context) -> Result:
    from esm_cli.filters.dry_run import (
        TestFilterRequest,
        exit_code,
        load_records,
        render_report,
    )
    from esm_cli.filters.dry_run import run as run_filters
    from esm_cli.filters.report import report_dict

    values = parsed.values
    mapping = _stored_mapping(values["uuid"], ctx) if values.get("uuid") else None
    record_texts = [value_text(r, "--record") for r in values.get("record") or []]
    records_file = file_text(values["records_file"], "--records-file") if values.get("records_file") else None
    bodies = [value_text(b, "--message-body") for b in values.get("message_body") or []]
    def load(source: str) -> list[dict[str, Any]]:
        return load_records(record_texts=record_texts, records_file_text=records_file, message_bodies=bodies, source=source)

    named = values.get("source") or values.get("event_source_arn") or mapping is not None
    if named:
        source = _source(values, mapping, [])
        records = load(source)  # refuses an empty set of records itself
    elif bodies:
        source = "sqs"  # message bodies are SQS messages
        records = load(source)
    else:
        # No message bodies: the records do not depend on the source, so they are read once and
        # the source is guessed from them.
        records = load("sqs")
        source = _source(values, mapping, records)
    report = run_filters(TestFilterRequest(patterns=_patterns(values, mapping), records=records, source=source, expect=values.get("expect")))
    return Result(
        document=report_dict(report),
        exit_code=exit_code(report, values.get("expect")),
        title="TestFilter",
        report=lambda document, ctx: render_report(report),
    )

"""A test-filter report as data (for the output layer: JSON, YAML, --query …) and as a table for people; the exit code.

The table renderer (``plain_table``, tabulate's layout) is imported only when a table is
drawn, so JSON output and the rest of esm never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esm_cli.filters.jsontext import dumps, shorten

if TYPE_CHECKING:  # pragma: no cover
    from esm_cli.filters.dry_run import RecordResult, TestFilterReport


def _result_dict(result: RecordResult, filters: int) -> dict[str, Any]:
    item: dict[str, Any] = {"Index": result.index, "Result": "kept" if result.kept else "dropped"}
    if result.kept and result.filter_index is not None:
        item["Filter"] = result.filter_index
    if result.reason is not None:
        item["Reason"] = result.reason.to_dict()
        if filters > 1:
            item["Reasons"] = [reason.to_dict() for reason in result.reasons]
    if result.as_expected is not None:
        item["AsExpected"] = result.as_expected
    if result.notes:
        item["Notes"] = list(result.notes)
    return item


def report_dict(report: TestFilterReport) -> dict[str, Any]:
    """The report as JSON-ready data (PascalCase keys, like the AWS CLI's output)."""
    document: dict[str, Any] = {"Source": report.source, "Filters": report.filters}
    if report.expect is not None:
        document["Expect"] = report.expect
    document["Records"] = [_result_dict(result, report.filters) for result in report.results]
    document["Summary"] = {"Records": len(report.results), "Kept": report.kept, "Dropped": report.dropped}
    if report.expect is not None:
        document["Summary"]["Unexpected"] = report.unexpected
    if report.warnings:
        document["Warnings"] = list(report.warnings)
    return document


def _cell(value: Any, limit: int = 40) -> str:
    return shorten(dumps(value), limit)


def _render_table(report: TestFilterReport) -> str:
    from esm_cli.filters.plain_table import (
        simple_table,  # lazy: only people reading tables pay for it
    )

    headers = ["#", "Result", "Filter", "Path", "Expected", "Actual", "Hint"]
    if report.expect is not None:
        headers.append("Check")
    rows = []
    for result in report.results:
        reason = result.reason
        if result.kept:
            row = [result.index, "kept", "" if result.filter_index is None else result.filter_index, "", "", "", ""]
        else:
            assert reason is not None
            actual = _cell(reason.actual) if reason.present else "(missing)"
            row = [result.index, "DROPPED", reason.filter_index, reason.path, _cell(reason.expected), actual, reason.hint]
        if report.expect is not None:
            row.append("ok" if result.as_expected else f"UNEXPECTED (wanted {report.expect})")
        rows.append(row)
    widths = [None, None, None, 30, 40, 40, 60] + ([None] if report.expect is not None else [])
    lines = [simple_table(headers, rows, widths)]
    summary = f"{len(report.results)} record(s), {report.filters} filter(s), source {report.source}: {report.kept} kept, {report.dropped} dropped"
    if report.expect is not None:
        summary += f", {report.unexpected} not as expected ({report.expect})"
    lines.append("")
    lines.append(summary)
    notes = [(result.index, note) for result in report.results for note in result.notes]
    if notes:
        lines.append("")
        lines.append("Notes:")
        lines.extend(f"  record {index}: {note}" for index, note in notes)
    if report.warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(f"  {warning}" for warning in report.warnings)
    return "\n".join(lines) + "\n"


def render_report(report: TestFilterReport) -> str:
    """The report for people (a table and its notes); as data, ``report_dict`` goes through the output layer."""
    return _render_table(report)


def exit_code(report: TestFilterReport, expect: str | None = None) -> int:
    """0 when every record was kept/dropped as ``expect`` says (or no expectation), else 1."""
    wanted = expect if expect is not None else report.expect
    if wanted is None:
        return 0
    keep = wanted == "keep"
    return 0 if all(result.kept is keep for result in report.results) else 1

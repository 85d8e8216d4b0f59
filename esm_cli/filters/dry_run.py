"""``esm test-filter`` as plain Python: which records would a mapping's filters keep, and why not.

The CLI layer parses the command line, resolves ``file://`` values and a stored mapping's
FilterCriteria, then calls::

    records = load_records(record_texts=..., records_file_text=..., message_bodies=..., source=...)
    report = run(TestFilterRequest(patterns=..., records=records, source=..., expect=...))
    print(render_report(report))      # or report_dict(report) as data for --output
    sys.exit(exit_code(report, expect))

Bad input raises ``ParamValidationError`` (exit 252) with a message, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from esm_cli.errors import ParamValidationError
from esm_cli.filters.envelopes import LABELS, SOURCES
from esm_cli.filters.evaluate import evaluate
from esm_cli.filters.jsontext import loads
from esm_cli.filters.pattern import Reason
from esm_cli.filters.pattern_hints import guess_source, lint_pattern
from esm_cli.filters.records import load_records, sqs_record
from esm_cli.filters.report import exit_code, render_report
from esm_cli.filters.validate import INVALID_PATTERN_MESSAGE, validate_pattern

__all__ = [
    "TestFilterRequest",
    "TestFilterReport",
    "RecordResult",
    "load_records",
    "sqs_record",
    "source_from_arn",
    "normalize_source",
    "patterns_from_filter_criteria",
    "run",
    "render_report",
    "exit_code",
]

EXPECT_CHOICES = ("keep", "drop")
MAX_PATTERN_LENGTH = 4096  # FilterCriteria.Filters[].Pattern, botocore model (docs/rules.md R-FLT-1)
DEFAULT_FILTER_QUOTA = 5  # "By default, you can define up to five different filters" (Lambda guide)
MAX_FILTER_QUOTA = 10  # "…request a quota increase up to 10 filters"

# Source names people type, mapped to ours; esm_cli.sources families use the same words.
_SOURCE_ALIASES = {
    "sqs": "sqs",
    "sqs-std": "sqs",
    "sqs-fifo": "sqs",
    "kinesis": "kinesis",
    "kinesis-efo": "kinesis",
    "dynamodb": "dynamodb",
    "ddb": "dynamodb",
    "dynamodb-streams": "dynamodb",
    "kafka": "kafka",
    "msk": "kafka",
    "smk": "kafka",
    "self-managed-kafka": "kafka",
    "mq": "mq",
    "activemq": "mq",
    "rabbitmq": "mq",
    "docdb": "docdb",
    "documentdb": "docdb",
}


@dataclass
class TestFilterRequest:
    """What to test: raw pattern texts (OR-ed), records as the function receives them, the source."""

    __test__ = False  # not a pytest test class, despite the name

    patterns: list[str]
    records: list[dict[str, Any]]
    source: str  # sqs | kinesis | dynamodb | kafka | mq | docdb
    expect: str | None = None  # "keep" | "drop" | None


@dataclass
class RecordResult:
    """One record's fate."""

    index: int
    kept: bool
    filter_index: int | None = None  # the filter that kept it
    reason: Reason | None = None  # first reason for a drop (from the first filter)
    reasons: list[Reason] = field(default_factory=list)  # one per filter, for a drop
    notes: list[str] = field(default_factory=list)  # how the record was read
    as_expected: bool | None = None  # None when no --expect was given


@dataclass
class TestFilterReport:
    """Every record's result, plus warnings about the patterns themselves."""

    __test__ = False

    source: str
    filters: int
    results: list[RecordResult]
    warnings: list[str] = field(default_factory=list)
    expect: str | None = None

    @property
    def kept(self) -> int:
        return sum(1 for result in self.results if result.kept)

    @property
    def dropped(self) -> int:
        return len(self.results) - self.kept

    @property
    def unexpected(self) -> int:
        return sum(1 for result in self.results if result.as_expected is False)


def normalize_source(name: str) -> str:
    """Our source name for what the user typed; ParamValidationError for anything else."""
    source = _SOURCE_ALIASES.get(name.strip().lower()) if isinstance(name, str) else None
    if source is None:
        raise ParamValidationError(
            f"unknown source {name!r}: choose one of {', '.join(s for s in SOURCES if s != 'docdb')}"
        )
    return source


def source_from_arn(arn: str) -> str | None:
    """sqs, kinesis, dynamodb, kafka, mq or docdb for an event source ARN; None if unrecognised."""
    from esm_cli.sources import Source, classify_arn  # stdlib-only module, loaded on demand

    kind = classify_arn(arn or "")
    return None if kind is Source.UNKNOWN else kind.family


def patterns_from_filter_criteria(criteria: Any) -> list[str]:
    """The Pattern strings of a FilterCriteria value (``{"Filters": [{"Pattern": "..."}]}``)."""
    if criteria is None:
        return []
    if isinstance(criteria, str):
        try:
            criteria = loads(criteria)
        except ValueError as error:
            raise ParamValidationError(f"--filter-criteria is not valid JSON: {error}") from None
    if not isinstance(criteria, dict):
        raise ParamValidationError('--filter-criteria must be an object like {"Filters": [{"Pattern": "..."}]}')
    filters = criteria.get("Filters", [])
    if not isinstance(filters, list):
        raise ParamValidationError("FilterCriteria.Filters must be a list")
    patterns: list[str] = []
    for index, item in enumerate(filters):
        pattern = item.get("Pattern") if isinstance(item, dict) else None
        if not isinstance(pattern, str):
            raise ParamValidationError(f"FilterCriteria.Filters[{index}].Pattern must be a string")
        patterns.append(pattern)
    return patterns


def _parse_patterns(texts: list[str], source: str) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = []
    for index, text in enumerate(texts):
        hints = validate_pattern(text, source=source)
        if hints:
            label = f"filter {index}: " if len(texts) > 1 else ""
            raise ParamValidationError(f"{INVALID_PATTERN_MESSAGE} {label}{'; '.join(hints)}")
        parsed.append(loads(text))
    return parsed


def _pattern_warnings(texts: list[str], patterns: list[dict[str, Any]], source: str) -> list[str]:
    warnings: list[str] = []
    if not texts:
        warnings.append("no filters given: Lambda sends every record to the function")
    if len(texts) > MAX_FILTER_QUOTA:
        warnings.append(f"{len(texts)} filters: Lambda allows at most {MAX_FILTER_QUOTA} per mapping (5 by default)")
    elif len(texts) > DEFAULT_FILTER_QUOTA:
        warnings.append(f"{len(texts)} filters: Lambda allows {DEFAULT_FILTER_QUOTA} per mapping unless your quota was raised (up to 10)")
    for index, (text, pattern) in enumerate(zip(texts, patterns)):
        label = f"filter {index}: " if len(texts) > 1 else ""
        if len(text) > MAX_PATTERN_LENGTH:
            warnings.append(f"{label}the pattern is {len(text)} characters; Lambda accepts at most {MAX_PATTERN_LENGTH}")
        warnings.extend(label + warning for warning in lint_pattern(pattern, source))
    return warnings


def _record_notes(record: dict[str, Any], source: str) -> list[str]:
    looks_like = guess_source(record)
    if looks_like and looks_like != source:
        return [f"this record looks like a {LABELS[looks_like]} record, but the source is {LABELS[source]}; try --source {looks_like}"]
    return []


def run(request: TestFilterRequest) -> TestFilterReport:
    """Validate the patterns, then decide every record; raises ParamValidationError on bad input."""
    source = normalize_source(request.source)
    if request.expect is not None and request.expect not in EXPECT_CHOICES:
        raise ParamValidationError(f"--expect must be keep or drop, not {request.expect!r}")
    if source == "docdb" and request.patterns:
        raise ParamValidationError(
            "Lambda doesn't support event filtering for Amazon DocumentDB: a DocumentDB mapping cannot have FilterCriteria"
        )
    patterns = _parse_patterns(list(request.patterns), source)
    report = TestFilterReport(
        source=source,
        filters=len(patterns),
        results=[],
        warnings=_pattern_warnings(list(request.patterns), patterns, source),
        expect=request.expect,
    )
    for index, record in enumerate(request.records):
        if not isinstance(record, dict):
            raise ParamValidationError(f"record {index} is not a JSON object")
        if source == "docdb":
            result = RecordResult(index=index, kept=True)  # no filtering at all for DocumentDB
        else:
            decision, notes = evaluate(patterns, record, source)
            result = RecordResult(
                index=index,
                kept=decision.kept,
                filter_index=decision.filter_index,
                reason=decision.reason,
                reasons=list(decision.reasons),
                notes=notes + _record_notes(record, source),
            )
        if request.expect is not None:
            result.as_expected = result.kept is (request.expect == "keep")
        report.results.append(result)
    return report

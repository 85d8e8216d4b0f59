"""Properties of the filter engine that must hold for every input, checked with hypothesis."""

from __future__ import annotations

import base64
import json
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from esm_cli.errors import ParamValidationError
from esm_cli.filters import match, validate_pattern
from esm_cli.filters.dry_run import TestFilterRequest, load_records, render_report, run
from esm_cli.filters.jsontext import dumps, loads
from esm_cli.filters.report import report_dict
from esm_cli.filters.values import leaf_values

SOURCES = ("sqs", "kinesis", "dynamodb", "kafka", "mq")

finite_floats = st.floats(allow_nan=False, allow_infinity=False)
numbers = st.integers(min_value=-(10**18), max_value=10**18) | finite_floats
scalars = st.none() | st.booleans() | numbers | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=25,
)
json_objects = st.dictionaries(st.text(max_size=6), json_values, max_size=5)


# --- an equals pattern built from a record's own values -------------------------------------


def _equals_pattern(value: dict[str, Any], data: st.DataObject) -> dict[str, Any] | None:
    """Pick some fields of ``value`` and demand exactly the values found there."""
    pattern: dict[str, Any] = {}
    for key, item in value.items():
        if key == "$or" or not data.draw(st.booleans(), label=f"use {key!r}"):
            continue  # "$or" would be read as the operator, not as a field
        sub = _equals_field(item, data)
        if sub is not None:
            pattern[key] = sub
    return pattern or None


def _equals_field(item: Any, data: st.DataObject) -> Any:
    if isinstance(item, dict):
        return _equals_pattern(item, data)
    if isinstance(item, list):
        values = leaf_values(item)
        if values:
            return [data.draw(st.sampled_from(values), label="array element")]
        objects = [element for element in item if isinstance(element, dict)]
        if objects:
            return _equals_pattern(data.draw(st.sampled_from(objects), label="array object"), data)
        return None
    return [item]


@settings(max_examples=150)
@given(record=json_objects, data=st.data())
def test_equals_pattern_from_record_keeps_it(record: dict[str, Any], data: st.DataObject) -> None:
    pattern = _equals_pattern(record, data)
    assume(pattern is not None)
    text = dumps(pattern)
    assert validate_pattern(text) == [], text
    assert match(pattern, record).kept
    # The same pattern read back from its JSON text (as Lambda receives it) keeps it too.
    assert match(loads(text), record).kept, text


@settings(max_examples=100)
@given(body=json_objects, data=st.data())
def test_equals_pattern_from_sqs_body_keeps_the_message(body: dict[str, Any], data: st.DataObject) -> None:
    pattern = _equals_pattern(body, data)
    assume(pattern is not None)
    records = load_records(record_texts=[], records_file_text=None, message_bodies=[json.dumps(body)], source="sqs")
    report = run(TestFilterRequest(patterns=[dumps({"body": pattern})], records=records, source="sqs"))
    assert report.results[0].kept, report.results[0].reason


@settings(max_examples=100)
@given(payload=json_objects, data=st.data())
def test_equals_pattern_from_kinesis_data_keeps_the_record(payload: dict[str, Any], data: st.DataObject) -> None:
    pattern = _equals_pattern(payload, data)
    assume(pattern is not None)
    encoded = base64.b64encode(json.dumps(payload).encode()).decode()
    record = {"kinesis": {"partitionKey": "1", "data": encoded}, "eventSource": "aws:kinesis"}
    report = run(TestFilterRequest(patterns=[dumps({"data": pattern})], records=[record], source="kinesis"))
    assert report.results[0].kept, report.results[0].reason


# --- anything-but -----------------------------------------------------------------------------

anything_but_values = st.text(max_size=12) | numbers


@given(value=anything_but_values, repeat=st.integers(min_value=1, max_value=3), as_list=st.booleans())
def test_anything_but_a_value_never_keeps_a_record_holding_only_it(value: Any, repeat: int, as_list: bool) -> None:
    operand = [value] if as_list else value
    pattern = {"field": [{"anything-but": operand}]}
    assert validate_pattern(dumps(pattern)) == []
    held = value if repeat == 1 else [value] * repeat
    assert not match(pattern, {"field": held}).kept
    assert not match(loads(dumps(pattern)), {"field": held}).kept


@given(values=st.lists(st.text(max_size=8), min_size=1, max_size=4), data=st.data())
def test_anything_but_list_excludes_each_member(values: list[str], data: st.DataObject) -> None:
    held = data.draw(st.sampled_from(values))
    assert not match({"field": [{"anything-but": values}]}, {"field": held}).kept


# --- robustness: never a traceback ------------------------------------------------------------


@settings(max_examples=150)
@given(text=st.text(max_size=200))
def test_validate_pattern_never_raises_on_text(text: str) -> None:
    hints = validate_pattern(text)
    assert isinstance(hints, list) and all(isinstance(hint, str) and hint for hint in hints)


@settings(max_examples=150)
@given(value=json_values, source=st.sampled_from((None, *SOURCES, "docdb")))
def test_validate_pattern_never_raises_on_json(value: Any, source: str | None) -> None:
    hints = validate_pattern(json.dumps(value), source=source)
    assert isinstance(hints, list) and all(isinstance(hint, str) for hint in hints)


def test_validate_pattern_survives_deep_nesting() -> None:
    assert validate_pattern("[" * 100_000)
    assert validate_pattern('{"a":' * 5_000 + "[1]" + "}" * 5_000)


# A strategy for patterns Lambda accepts: every operator with well-formed operands.
field_names = st.text(max_size=5).filter(lambda name: name != "$or")
strings = st.text(max_size=8)
affix = strings | st.builds(lambda s: {"equals-ignore-case": s}, strings)


@st.composite
def numeric_terms(draw: st.DrawFn) -> list[Any]:
    if draw(st.booleans()):
        return [draw(st.sampled_from(["=", "<", "<=", ">", ">="])), draw(numbers)]
    low, high = sorted(draw(st.lists(numbers, min_size=2, max_size=2, unique_by=float)), key=float)
    assume(low < high)
    return [draw(st.sampled_from([">", ">="])), low, draw(st.sampled_from(["<", "<="])), high]


matchers = st.one_of(
    scalars,
    st.builds(lambda a: {"prefix": a}, affix),
    st.builds(lambda a: {"suffix": a}, affix),
    st.builds(lambda s: {"equals-ignore-case": s}, strings),
    st.builds(lambda v: {"anything-but": v}, strings | numbers),
    st.builds(lambda v: {"anything-but": v}, st.lists(strings, min_size=1, max_size=3) | st.lists(numbers, min_size=1, max_size=3)),
    st.builds(lambda t: {"numeric": t}, numeric_terms()),
    st.builds(lambda b: {"exists": b}, st.booleans()),
)
leaves = st.lists(matchers, min_size=1, max_size=3)
valid_patterns = st.recursive(
    st.dictionaries(field_names, leaves, min_size=1, max_size=3),
    lambda children: st.dictionaries(field_names, leaves | children, min_size=1, max_size=3)
    | st.builds(lambda branches: {"$or": branches}, st.lists(children, min_size=2, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=150)
@given(pattern=valid_patterns)
def test_generated_patterns_are_accepted(pattern: dict[str, Any]) -> None:
    assert validate_pattern(dumps(pattern)) == [], dumps(pattern)


@settings(max_examples=150)
@given(pattern=valid_patterns, record=json_objects)
def test_match_never_raises_on_json_records(pattern: dict[str, Any], record: dict[str, Any]) -> None:
    decision = match(pattern, record)
    assert decision.kept or decision.reason is not None
    if decision.reason is not None:
        json.dumps(decision.reason.to_dict())


@settings(max_examples=100)
@given(pattern=valid_patterns, record=json_objects, source=st.sampled_from(SOURCES))
def test_run_never_raises_unexpectedly(pattern: dict[str, Any], record: dict[str, Any], source: str) -> None:
    try:
        report = run(TestFilterRequest(patterns=[dumps(pattern)], records=[record], source=source, expect="keep"))
    except ParamValidationError:
        return  # e.g. a plain-string data pattern for Kinesis: a clean refusal, not a crash
    assert render_report(report)
    assert json.dumps(report_dict(report))  # the data --output json prints


@settings(max_examples=100)
@given(text=st.text(max_size=120) | json_values.map(json.dumps), source=st.sampled_from(SOURCES))
def test_load_records_fails_only_with_param_validation(text: str, source: str) -> None:
    for kwargs in (
        {"record_texts": [text], "records_file_text": None},
        {"record_texts": [], "records_file_text": text},
    ):
        try:
            records = load_records(message_bodies=[], source=source, **kwargs)
        except ParamValidationError as error:
            assert error.message
        else:
            assert records and all(isinstance(record, dict) for record in records)


@settings(max_examples=150)
@given(pattern=json_objects, record=json_objects)
def test_match_never_raises_even_on_patterns_lambda_would_reject(pattern: dict[str, Any], record: dict[str, Any]) -> None:
    decision = match(pattern, record)  # callers validate first; a slip must not crash the matcher
    assert isinstance(decision.kept, bool)

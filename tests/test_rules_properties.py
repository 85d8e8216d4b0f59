"""Property tests: any request drawn from the spec gets a list, never an exception; the
registry's order changes nothing; phases never go backwards."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esm_cli import spec
from esm_cli.errors import ServiceError
from esm_cli.rules import Violation, as_service_error, render_violation_records, rules, validate, violation_records
from esm_cli.rules.engine import run
from esm_cli.rules.registry import rule_by_id
from test_rules_cases import (
    BASES,
    BROKERS,
    DDB_ARN,
    DOCDB_ARN,
    EFO_ARN,
    FIFO_ARN,
    KINESIS_ARN,
    MQ_ARN,
    MSK_ARN,
    SQS_ARN,
    STORED,
    UUID,
)

CREATE = "CreateEventSourceMapping"
UPDATE = "UpdateEventSourceMapping"
ARNS = [SQS_ARN, FIFO_ARN, KINESIS_ARN, EFO_ARN, DDB_ARN, MQ_ARN, MSK_ARN, DOCDB_ARN,
        "arn:aws:sns:us-east-1:123456789012:t", "arn:aws:dynamodb:us-east-1:123456789012:table/t", "not-an-arn", ""]  # fmt: skip
SAMPLES = ARNS + ["kafka://orders", "kafka://.x", "fn", "my function", "orders", ".orders", "b-1.example.com:9092",
                  '{"body": {"a": ["b"]}}', '{"a": "b"}', "null", "system.users", UUID, "x" * 300]  # fmt: skip

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SAMPLES), st.text(max_size=12))


def from_shape(shape_name: str, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of a model shape, in and around its constraints."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "string":
        if "enum" in entry:
            return st.one_of(st.sampled_from(entry["enum"]), _text())
        return _text()
    if kind in ("integer", "long"):
        low, high = entry.get("min", -5), entry.get("max", 20000)
        return st.integers(min_value=low - 2, max_value=high + 2)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.integers(min_value=0, max_value=5_000_000_000)
    if depth > 4:
        return st.none()
    if kind == "list":
        return st.lists(from_shape(entry["member"], depth + 1), max_size=(entry.get("max") or 3) + 1)
    if kind == "map":
        return st.dictionaries(from_shape(entry["key"], depth + 1), from_shape(entry["value"], depth + 1), max_size=2)
    members = entry["members"]
    return st.fixed_dictionaries({}, optional={name: from_shape(m["shape"], depth + 1) for name, m in members.items()})


def request_for(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    shape = spec.shape(spec.operation(operation)["input"])
    members = {name: from_shape(m["shape"]) for name, m in shape["members"].items()}
    required = {name: members.pop(name) for name in shape.get("required", [])}
    if "EventSourceArn" in members:
        members["EventSourceArn"] = st.sampled_from(ARNS)
    if "SelfManagedEventSource" in members:
        members["SelfManagedEventSource"] = st.one_of(st.just(BROKERS), members["SelfManagedEventSource"])
    return st.fixed_dictionaries(required, optional=members)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)


def _check(found: list[Violation], operation: str) -> None:
    assert isinstance(found, list) and all(isinstance(v, Violation) for v in found)
    phases = [int(rule_by_id(v.rule_id).phase) for v in found]
    assert phases == sorted(phases), "a violation AWS checks later came before an earlier one"
    error = as_service_error(found, operation)
    assert (error is None) == (not found)
    if error is not None:
        assert isinstance(error, ServiceError) and error.operation == operation
        model = sum(1 for v in found if v.detail)
        assert len(error.also) == len(found) - 1 - max(0, model - 1)  # model errors travel as one
    render_violation_records(violation_records(found))


@SETTINGS
@given(request_for(CREATE))
def test_any_create_request_gets_a_list(request: dict[str, Any]) -> None:
    _check(validate(request, CREATE), CREATE)


@SETTINGS
@given(request_for(UPDATE), st.sampled_from(sorted(STORED)) | st.none())
def test_any_update_request_gets_a_list(request: dict[str, Any], stored: str | None) -> None:
    _check(validate(request, UPDATE, stored=STORED[stored] if stored else None), UPDATE)


@SETTINGS
@given(st.sampled_from(["GetEventSourceMapping", "DeleteEventSourceMapping", "ListEventSourceMappings"]), st.data())
def test_any_read_request_gets_a_list(operation: str, data: st.DataObject) -> None:
    _check(validate(data.draw(request_for(operation)), operation), operation)


@SETTINGS
@given(st.sampled_from(sorted(BASES)), st.dictionaries(st.sampled_from(list(spec.input_members(CREATE))), JSONISH, max_size=4))
def test_garbage_values_never_raise(base: str, garbage: dict[str, Any]) -> None:
    # Wrong types are botocore's to report; the rules must just not fall over on them.
    _check(validate({**BASES[base], **garbage}, CREATE), CREATE)
    _check(validate({"UUID": UUID, **garbage}, UPDATE, stored=dict(STORED["sqs"], **garbage)), UPDATE)


@SETTINGS
@given(request_for(CREATE), st.randoms(use_true_random=False))
def test_registry_order_does_not_change_the_report(request: dict[str, Any], rng: random.Random) -> None:
    shuffled = list(rules())
    rng.shuffle(shuffled)
    assert run(shuffled, request, CREATE) == run(rules(), request, CREATE)


@SETTINGS
@given(request_for(UPDATE), st.sampled_from(sorted(STORED)), st.randoms(use_true_random=False))
def test_registry_order_does_not_change_the_update_report(request: dict[str, Any], stored: str, rng: random.Random) -> None:
    shuffled = list(reversed(rules()))
    rng.shuffle(shuffled)
    assert run(shuffled, request, UPDATE, stored=STORED[stored]) == run(rules(), request, UPDATE, stored=STORED[stored])


@SETTINGS
@given(st.sampled_from(sorted(BASES)), st.sampled_from(sorted(spec.input_members(CREATE))), st.data())
def test_one_member_changed_on_a_clean_base(base: str, member: str, data: st.DataObject) -> None:
    request = dict(BASES[base])
    request[member] = data.draw(from_shape(spec.input_members(CREATE)[member]["shape"]))
    _check(validate(request, CREATE), CREATE)

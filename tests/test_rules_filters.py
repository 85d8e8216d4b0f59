"""Filter patterns: our structural check alone, and with the pattern engine's explanations."""

from __future__ import annotations

import pytest

from esm_cli.rules import filters, validate
from esm_cli.rules.filters import pattern_problems, structural_problems
from test_rules_cases import req

CREATE = "CreateEventSourceMapping"


@pytest.mark.parametrize(
    "pattern",
    # The inputs AWS was recorded rejecting [S] (R-FLT-2), plus the edge cases of the structure rule.
    ["null", "simple string", '{"eventSource": "aws:sqs"}', '{"eventSource": []}', "single-string",
     '[{"eventName": ["INSERT"=123}]', "", "{}", '{"body": {}}', '{"body": {"a": 1}}', "[]"],
)  # fmt: skip
def test_structurally_invalid(pattern: str) -> None:
    assert structural_problems(pattern)


@pytest.mark.parametrize(
    "pattern",
    ['{"body": {"a": ["b"]}}', '{"dynamodb": {"NewImage": {"n": {"N": [{"numeric": [">", 100]}]}}}}',
     '{"body": {"a": [{"exists": false}]}, "attributes": {"x": [null, ""]}}'],
)  # fmt: skip
def test_structurally_valid(pattern: str) -> None:
    assert structural_problems(pattern) == []


def test_deep_nesting_does_not_recurse() -> None:
    deep = '{"a": ' * 5000 + '["x"]' + "}" * 5000
    assert isinstance(structural_problems(deep), list)


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filters, "_engine_cache", [None])


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list = []

    def engine(text: str, *, source: str | None = None) -> list[str]:
        calls.append((text, source))
        return ["numeric needs an operator"] if "numeric" in text else []

    monkeypatch.setattr(filters, "_engine_cache", [engine])
    return calls


def test_without_the_engine_the_structure_decides(no_engine: None) -> None:
    found = validate(req("sqs", FilterCriteria={"Filters": [{"Pattern": '{"body": {"a": "b"}}'}]}), CREATE)
    assert [(v.rule_id, v.message, v.path) for v in found] == [
        ("R-FLT-2", "Invalid filter pattern definition.", "filterCriteria.filters.1.member.pattern")
    ]
    assert "body.a must be an array of values" in found[0].hint
    assert validate(req("sqs", FilterCriteria={"Filters": [{"Pattern": '{"body": {"n": [{"numeric": [1]}]}}'}]}), CREATE) == []


def test_the_engine_adds_what_the_structure_cannot_see(fake_engine: list) -> None:
    request = req("kinesis", FilterCriteria={"Filters": [{"Pattern": '{"data": {"n": [{"numeric": [1]}]}}'}]})
    [violation] = validate(request, CREATE)
    assert violation.message == "Invalid filter pattern definition."
    assert violation.hint.startswith("Filter 1: numeric needs an operator.")
    assert fake_engine == [('{"data": {"n": [{"numeric": [1]}]}}', "kinesis")]


def test_a_broken_engine_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, **_: object) -> list[str]:
        raise RuntimeError("bug")

    monkeypatch.setattr(filters, "_engine_cache", [broken])
    assert pattern_problems('{"a": ["b"]}', "sqs") == []
    assert pattern_problems('{"a": "b"}', "sqs")


def test_each_bad_filter_is_reported_with_its_index(no_engine: None) -> None:
    patterns = ['{"a": ["ok"]}', '{"a": "bad"}', "nope"]
    found = validate(req("sqs", FilterCriteria={"Filters": [{"Pattern": p} for p in patterns] + [{}]}), CREATE)
    assert [v.path for v in found] == [f"filterCriteria.filters.{n}.member.pattern" for n in (2, 3, 4)]


def test_filters_are_checked_even_without_a_source(no_engine: None) -> None:
    found = validate({"FunctionName": "fn", "FilterCriteria": {"Filters": [{"Pattern": "x"}]}}, CREATE)
    assert [v.rule_id for v in found] == ["R-SRC-1", "R-FLT-2"]

"""Spec-generated model rules: Java patterns under Python, AWS's ValidationException wording."""

from __future__ import annotations

import unicodedata

import pytest

from esm_cli import spec
from esm_cli.rules import validate
from esm_cli.rules.javaregex import SEPARATORS, compiled, full_match, to_python
from esm_cli.rules.modelrules import targets
from test_rules_cases import BASES, SQS_ARN

CREATE = "CreateEventSourceMapping"


def _patterns() -> dict[str, str]:
    return {name: entry["pattern"] for name, entry in spec.snapshot()["shapes"].items() if "pattern" in entry}


@pytest.mark.parametrize("shape_name", sorted(_patterns()))
def test_every_model_pattern_translates_and_compiles(shape_name: str) -> None:
    compiled(_patterns()[shape_name])


def test_separator_list_is_unicode_category_z() -> None:
    expected = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)).startswith("Z")}
    assert set(SEPARATORS) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [("é", True), ("名前", True), ("٣", True), ("a b", True), ("\u2003", True), ("_.:/=+-@", True),
     ("\t", False), ("#", False), ("\n", False), ("\\", False), ("\u0301", False)],
)  # fmt: skip
def test_tag_pattern_unicode_classes(value: str, ok: bool) -> None:
    assert full_match(spec.shape("TagKey")["pattern"], value) is ok


def test_java_semantics_for_digits_and_dot() -> None:
    # Java's \d is ASCII and . stops at any line terminator; Python's differ.
    assert not full_match("\\d+", "٣")
    assert full_match("\\d+", "123")
    assert not full_match("a.b", "a\u2028b") and not full_match("a.b", "a\rb")
    assert full_match("a.b", "a-b")
    assert to_python("[\\s\\S]*") == "[\\s\\S]*"


@pytest.mark.parametrize(
    ("value", "ok"),
    [("", True), ("kafka://orders", True), ("kafka://.x", False), (SQS_ARN, True), ("arn:aws:s3:::bucket", True),
     ("orders-dlq", False), (SQS_ARN + "\n", False)],
)  # fmt: skip
def test_destination_pattern(value: str, ok: bool) -> None:
    assert full_match(spec.shape("DestinationArn")["pattern"], value) is ok


@pytest.mark.parametrize(
    "name",
    ["my-function", "my-function:1", "my-function:$LATEST", "my-function:myalias", "111111111111:function:my-function",
     "arn:aws:lambda:us-east-1:111111111111:function:my-function",
     "arn:aws:lambda:us-east-1:111111111111:function:my-function:2"],
)  # fmt: skip
def test_recorded_function_name_variations_pass(name: str) -> None:
    # [S] test_function_name_variations: all seven forms accepted by AWS (R-FN-2).
    assert validate(dict(BASES["sqs"], FunctionName=name), CREATE) == []


def test_collection_name_pattern() -> None:
    pattern = spec.shape("CollectionName")["pattern"]
    assert full_match(pattern, "users") and full_match(pattern, "_a.b")
    assert not full_match(pattern, "system.users") and not full_match(pattern, "a$b") and not full_match(pattern, ".a")


def test_lengths_count_utf16_units_like_java() -> None:
    # 63 characters, one outside the BMP: 64 UTF-16 units > DatabaseName's 63.
    name = "a" * 62 + "\U0001F600"
    found = validate(dict(BASES["docdb"], DocumentDBEventSourceConfig={"DatabaseName": name}), CREATE)
    assert "M-DocumentDBEventSourceConfig.DatabaseName-max" in {v.rule_id for v in found}


def test_enum_order_uses_aws_order_for_starting_position_only() -> None:
    [violation] = validate(dict(BASES["kinesis"], StartingPosition="NOW"), CREATE)
    assert violation.detail.endswith("[LATEST, AT_TIMESTAMP, TRIM_HORIZON]")
    [violation] = validate(dict(BASES["msk"], LoggingConfig={"SystemLogLevel": "TRACE"}), CREATE)
    assert violation.detail == (
        "Value 'TRACE' at 'loggingConfig.systemLogLevel' failed to satisfy constraint: "
        "Member must satisfy enum value set: [DEBUG, INFO, WARN]"
    )


def test_map_key_and_value_constraints_are_bracketed() -> None:
    found = validate(dict(BASES["sqs"], Tags={"team#": "a\tb"}), CREATE)
    assert [v.detail for v in found] == [
        "Value '{team#=a\tb}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
        "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
        "Member must satisfy regular expression pattern: ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*), Member must not be null]",
        "Value '{team#=a\tb}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: "
        "[Member must have length less than or equal to 256, Member must have length greater than or equal to 0, "
        "Member must satisfy regular expression pattern: ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*), Member must not be null]",
    ]


def test_nested_list_inside_map_value() -> None:
    brokers = {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com"]}}
    [violation] = [v for v in validate(dict(BASES["smk"], SelfManagedEventSource=brokers), CREATE)]
    assert violation.rule_id == "M-SelfManagedEventSource.Endpoints-value"
    assert violation.detail.startswith(
        "Value '{KAFKA_BOOTSTRAP_SERVERS=[b-1.example.com]}' at 'selfManagedEventSource.endpoints' failed to satisfy "
        "constraint: Map value must satisfy constraint: [Member must have length less than or equal to 10, "
        "Member must have length greater than or equal to 1, Member must satisfy constraint: [Member must have length "
        "less than or equal to 300"
    )


def test_model_rules_cover_what_botocore_leaves_to_the_server() -> None:
    kinds = {(path, kind) for _, path, _, kind in targets()}
    assert (("BatchSize",), "max") in kinds
    assert (("StartingPosition",), "enum") in kinds
    assert (("SourceAccessConfigurations", "*", "Type"), "enum") in kinds
    assert (("UUID",), "max") in kinds
    # Minimums are botocore's client-side check; patterns accepting everything are never checked.
    assert not any(kind == "min" for kind in {k for _, k in kinds})
    assert (("Queues",), "pattern") not in kinds


def test_wrong_types_are_left_to_the_client_side_checks() -> None:
    weird = dict(BASES["sqs"], BatchSize="ten", Topics="orders", Tags=["a"], FunctionResponseTypes={"a": 1})
    assert {v.code for v in validate(weird, CREATE)} <= {"InvalidParameterValueException"}

"""The command-line parser: argparse's semantics as the AWS CLI configures them."""

from __future__ import annotations

import pytest

from esm_cli.argv import looks_like_option, parse_command_line
from esm_cli.commands import all_commands
from esm_cli.errors import UsageError


def parse(*argv: str):  # type: ignore[no-untyped-def]
    return parse_command_line(list(argv), all_commands())


def test_globals_are_accepted_before_between_and_after() -> None:
    parsed = parse("--output", "text", "lambda", "--region", "eu-west-1", "get-event-source-mapping", "--uuid", "u", "--query=State")
    assert parsed.command is not None and parsed.command.name == "get-event-source-mapping"
    assert parsed.via_service_word
    assert parsed.globals == {"output": "text", "region": "eu-west-1", "query": "State"}
    assert parsed.values == {"UUID": "u"}


def test_lists_take_every_word_up_to_the_next_option_and_the_last_occurrence_wins() -> None:
    parsed = parse("create-event-source-mapping", "--topics", "a", "--topics", "b", "c", "--function-name", "f")
    assert parsed.values == {"Topics": ["b", "c"], "FunctionName": "f"}
    assert parse("create-event-source-mapping", "--function-response-types").values == {"FunctionResponseTypes": []}


def test_boolean_pairs_last_wins_and_take_no_value() -> None:
    assert parse("update-event-source-mapping", "--enabled", "--no-enabled").values == {"Enabled": False}
    with pytest.raises(UsageError, match="ignored explicit argument 'false'"):
        parse("update-event-source-mapping", "--enabled=false")
    # A word after a boolean flag is a stray positional, reported as an unknown option.
    assert parse("update-event-source-mapping", "--enabled", "false").unknown == ["false"]


def test_negative_numbers_are_values_not_options() -> None:
    parsed = parse("create-event-source-mapping", "--maximum-retry-attempts", "-1", "--maximum-record-age-in-seconds=-1")
    assert parsed.values == {"MaximumRetryAttempts": "-1", "MaximumRecordAgeInSeconds": "-1"}
    assert not looks_like_option("-1") and not looks_like_option("-0.5") and looks_like_option("--x")


def test_unique_prefixes_are_accepted_and_ambiguous_ones_named() -> None:
    assert parse("get-event-source-mapping", "--uu", "x", "--out", "json").values == {"UUID": "x"}
    with pytest.raises(UsageError) as caught:
        parse("create-event-source-mapping", "--function", "f")
    assert str(caught.value) == (
        "ambiguous option: --function could match --function-name, --function-response-types"
    )


def test_an_option_missing_its_value_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="argument --function-name: expected one argument"):
        parse("create-event-source-mapping", "--function-name", "--batch-size", "5")


def test_unknown_words_and_options_are_collected_in_order() -> None:
    parsed = parse("get-event-source-mapping", "--uuid", "u", "--bogus", "value", "--other=x")
    assert parsed.unknown == ["--bogus", "value", "--other=x"]


def test_invalid_choices_suggest_the_close_ones() -> None:
    with pytest.raises(UsageError) as caught:
        parse("list-event-source-mapping")
    assert str(caught.value).startswith("argument command: Found invalid choice 'list-event-source-mapping'")
    assert "  * list-event-source-mappings" in str(caught.value)
    with pytest.raises(UsageError, match="argument operation: Found invalid choice"):
        parse("lambda", "nope")
    with pytest.raises(UsageError, match="argument --output: Found invalid choice 'yml'"):
        parse("--output", "yml")


def test_paging_integers_are_parsed_by_the_parser() -> None:
    assert parse("list-event-source-mappings", "--max-items", "3").values == {"max_items": 3}
    with pytest.raises(UsageError, match="argument --max-items: invalid int value: 'abc'"):
        parse("list-event-source-mappings", "--max-items", "abc")


def test_generate_cli_skeleton_takes_an_optional_value() -> None:
    assert parse("get-event-source-mapping", "--generate-cli-skeleton").values == {"generate_cli_skeleton": "input"}
    assert parse("get-event-source-mapping", "--generate-cli-skeleton", "output").values == {"generate_cli_skeleton": "output"}
    assert parse("get-event-source-mapping", "--generate-cli-skeleton", "--uuid", "u").values["generate_cli_skeleton"] == "input"


def test_help_word_and_flag() -> None:
    assert parse("create-event-source-mapping", "help").help
    assert parse("--help").help
    assert parse("help").help and parse("help").command is None


def test_every_request_member_has_its_aws_flag() -> None:
    from esm_cli import spec

    commands = all_commands()
    for api_name in spec.operation_names():
        command = commands[spec.operation(api_name)["command"]]
        flags = {o.dest: o for o in command.options}
        for member, entry in spec.input_members(api_name).items():
            if member == "MaxItems" and "paginator" in spec.operation(api_name):
                continue  # shadowed by the paging --max-items, as in the AWS CLI
            assert flags[member].flag == entry["flag"]
    create = {o.flag for o in commands["create-event-source-mapping"].options if o.shape}
    assert len(create) == 28
    enabled = commands["create-event-source-mapping"].option("Enabled")
    assert enabled.spellings == ("--enabled", "--no-enabled")

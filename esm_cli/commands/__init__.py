"""The command table: the five AWS commands plus esm's own verbs, and where each is run.

Handlers are imported only for the command being run, so `esm get-…` never loads
the code of `esm validate` (or of the aws backend).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from esm_cli.options import CLI_INPUT_OPTIONS, KIND_LIST, Command, Option, operation_commands

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable

    from esm_cli.argv import ParsedLine
    from esm_cli.context import Context, Result

    # A handler computes a result; only the output layer writes it (esm_cli.context).
    Handler = Callable[[ParsedLine, Context], Result]


def _validate_command() -> Command:
    create = operation_commands()["create-event-source-mapping"]
    members = tuple(o for o in create.options if o.shape is not None)
    # On `validate` no member is required: --file or --cli-input-json may supply the mappings.
    members = tuple(o._replace(required=False) for o in members)
    return Command(
        name="validate",
        help="Check mappings against every documented AWS rule offline, touching no backend.",
        options=members
        + CLI_INPUT_OPTIONS[:2]
        + (
            Option("--file", "file", help="A YAML or JSON file holding a list of mappings (API member names)."),
            Option(
                "--operation",
                "operation",
                choices=("create", "update"),
                help="Check as a create (default) or as an update.",
            ),
        ),
    )


def _test_filter_command() -> Command:
    return Command(
        name="test-filter",
        help="Show which records a mapping's filter criteria keep or drop, offline.",
        options=(
            Option("--filter-criteria", "filter_criteria", help="FilterCriteria, as given to create-event-source-mapping."),
            Option("--pattern", "pattern", kind=KIND_LIST, repeatable=True, help="A filter pattern as raw JSON; several are OR-ed."),
            Option("--uuid", "uuid", help="Use the filter criteria of this stored mapping."),
            Option("--record", "record", kind=KIND_LIST, repeatable=True, help="A record as the function receives it (JSON or file://)."),
            Option("--records-file", "records_file", help="A whole event, a JSON list of records, or NDJSON."),
            Option("--message-body", "message_body", kind=KIND_LIST, repeatable=True, help="An SQS message body (builds the SQS record)."),
            Option(
                "--source",
                "source",
                choices=("sqs", "kinesis", "dynamodb", "kafka", "mq", "docdb"),
                help="The event source type (else taken from --event-source-arn or the mapping).",
            ),
            Option("--event-source-arn", "event_source_arn", help="Tell the source type from this ARN."),
            Option("--expect", "expect", choices=("keep", "drop"), help="Exit 1 unless every record is kept (or dropped)."),
        ),
    )


def _completion_command() -> Command:
    return Command(
        name="completion",
        help="Print the completion script for bash, zsh or fish.",
        options=(),
        positionals=("shell",),
    )


@lru_cache(maxsize=None)
def all_commands() -> dict[str, Command]:
    """Every command by name: the AWS ones first, in the model's order, then esm's verbs."""
    commands = dict(operation_commands())
    for command in (_validate_command(), _test_filter_command(), _completion_command()):
        commands[command.name] = command
    return commands


_HANDLERS = {
    "validate": "esm_cli.commands.validate",
    "test-filter": "esm_cli.commands.test_filter",
    "completion": "esm_cli.commands.completion",
}


def handler_for(command: Command) -> Handler:
    """The function that runs ``command``."""
    module = "esm_cli.commands.mappings" if command.operation else _HANDLERS[command.name]
    run: Any = importlib.import_module(module).run
    return run  # type: ignore[no-any-return]


# Used by completion and docs to tell esm's own verbs from the AWS ones.
ESM_VERBS = tuple(_HANDLERS)

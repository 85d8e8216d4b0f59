"""Every option esm accepts, as data: the global options and each command's, built from the spec.

One table drives the argv parser, the Click tree (help, docs), completion and the docs,
so a flag cannot exist in one place and be missing in another.
"""

from __future__ import annotations

from functools import lru_cache

from esm_cli import spec

# Option kinds belong to the grammar (esm_cli.argv), which completion loads on its own.
from esm_cli.argv import KIND_BOOL, KIND_FLAG, KIND_LIST, KIND_OPTIONAL_VALUE, KIND_VALUE  # noqa: F401
from esm_cli.output import ERROR_FORMATS, FORMATS as OUTPUT_FORMATS

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from esm_cli.record import Record

class Option(Record):
    """One command-line option.

    Records on the start-up path are NamedTuples, not dataclasses: importing dataclasses
    pulls in inspect, ast and dis, about a tenth of a local command's run time.
    """

    flag: str  # the primary spelling, e.g. "--batch-size"
    dest: str  # where the parsed value goes: the API member name, or a global's name
    kind: str = KIND_VALUE
    help: str = ""
    shape: str | None = None  # model shape for API members (None for CLI-only options)
    required: bool = False
    choices: tuple[str, ...] = ()
    const: str | None = None  # value of a KIND_OPTIONAL_VALUE option given alone
    integer: bool = False  # CLI-only option parsed as argparse type=int
    hidden: bool = False  # accepted but not offered (AWS hides --marker)
    repeatable: bool = False  # a KIND_LIST that gathers every occurrence (esm's verbs) instead of last-wins (AWS)
    is_global: bool = False
    metavar: str = "<value>"

    @property
    def negative(self) -> str | None:
        """The ``--no-…`` spelling of a boolean pair."""
        return "--no-" + self.flag[2:] if self.kind == KIND_BOOL else None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.flag, self.negative) if self.negative else (self.flag,)


def _global(flag: str, dest: str, help: str, kind: str = KIND_VALUE, **extra: object) -> Option:
    return Option(flag=flag, dest=dest, kind=kind, help=help, is_global=True, **extra)  # type: ignore[arg-type]



GLOBAL_OPTIONS: tuple[Option, ...] = (
    _global("--backend", "backend", "Where mappings live: local (SQLite state file) or aws (boto3).", choices=("local", "aws")),
    _global("--state-file", "state_file", "The local backend's SQLite state file."),
    _global("--debug", "debug", "Show debug logging and tracebacks on stderr.", KIND_FLAG),
    _global("--endpoint-url", "endpoint_url", "Send requests to this URL (implies --backend aws)."),
    _global("--no-verify-ssl", "no_verify_ssl", "Do not verify SSL certificates.", KIND_FLAG),
    _global("--no-paginate", "no_paginate", "Make one call and show that page as it came.", KIND_FLAG),
    _global("--output", "output", "The output format.", choices=OUTPUT_FORMATS),
    _global("--query", "query", "A JMESPath query to filter the response."),
    _global("--profile", "profile", "Use a profile from your AWS config and credentials files."),
    _global("--region", "region", "The AWS region."),
    _global("--version", "version", "Print the version and exit.", KIND_FLAG),
    _global("--color", "color", "Colour for table output.", choices=("on", "off", "auto")),
    _global("--no-sign-request", "no_sign_request", "Do not sign requests (aws backend).", KIND_FLAG),
    _global("--ca-bundle", "ca_bundle", "CA certificate bundle for SSL verification."),
    _global("--cli-read-timeout", "cli_read_timeout", "Socket read timeout in seconds (0 blocks)."),
    _global("--cli-connect-timeout", "cli_connect_timeout", "Socket connect timeout in seconds (0 blocks)."),
    _global("--cli-binary-format", "cli_binary_format", "Accepted for AWS CLI v2 compatibility (no blob members here).",
            choices=("base64", "raw-in-base64-out")),
    _global("--no-cli-pager", "no_cli_pager", "Accepted for AWS CLI v2 compatibility; esm never pages.", KIND_FLAG),
    _global("--no-cli-auto-prompt", "no_cli_auto_prompt", "Accepted for AWS CLI v2 compatibility.", KIND_FLAG),
    _global("--cli-error-format", "cli_error_format", "How errors are printed.", choices=ERROR_FORMATS),
)

# Per-operation extras the AWS CLI adds beside the model's members.
CLI_INPUT_OPTIONS: tuple[Option, ...] = (
    Option("--cli-input-json", "cli_input_json", help="Read arguments from a JSON string (or file://)."),
    Option("--cli-input-yaml", "cli_input_yaml", help="Read arguments from a YAML string (or file://)."),
    Option(
        "--generate-cli-skeleton",
        "generate_cli_skeleton",
        kind=KIND_OPTIONAL_VALUE,
        const="input",
        choices=("input", "yaml-input", "output"),
        help="Print a skeleton of the input (JSON or YAML) or of the output, and exit.",
    ),
)

PAGINATION_OPTIONS: tuple[Option, ...] = (
    Option("--max-items", "max_items", integer=True, help="The total number of items to return."),
    Option("--starting-token", "starting_token", help="A NextToken from a previous truncated listing."),
    Option("--page-size", "page_size", integer=True, help="The number of items each service call returns."),
)

NO_VALIDATE = Option(
    "--no-validate",
    "no_validate",
    kind=KIND_FLAG,
    help="Skip esm's offline rules (aws backend only): for rules AWS has relaxed since.",
)


class Command(Record):
    """A command: its name, the API operation it calls (if any), and its options."""

    name: str
    options: tuple[Option, ...]
    help: str
    operation: str | None = None
    positionals: tuple[str, ...] = ()
    aws_lambda: bool = False  # also an `aws lambda` command: offered after the `lambda` word
    # Where a positional's values are stated: (positional, "module:attribute"), read only by
    # help and completion generation, so the start-up path never imports that module.
    positional_values: tuple[tuple[str, str], ...] = ()

    @property
    def takes_many_positionals(self) -> bool:
        """The last positional is written ``name...``: it takes any number of words (none included)."""
        return bool(self.positionals) and self.positionals[-1].endswith("...")

    def values_of(self, positional: str) -> tuple[str, ...]:
        """The values a positional takes (empty when any word will do)."""
        import importlib

        for name, where in self.positional_values:
            if name == positional:
                module, attribute = where.split(":")
                return tuple(getattr(importlib.import_module(module), attribute))
        return ()

    @property
    def required_positionals(self) -> tuple[str, ...]:
        return tuple(p for p in self.positionals if not p.endswith("..."))

    def option(self, dest: str) -> Option:
        return next(o for o in self.options if o.dest == dest)


def _member_option(name: str, member: dict[str, object], required: bool) -> Option:
    shape_name = str(member["shape"])
    kind = {"boolean": KIND_BOOL, "list": KIND_LIST}.get(spec.type_of(shape_name), KIND_VALUE)
    return Option(
        flag=str(member["flag"]),
        dest=name,
        kind=kind,
        help=str(member.get("doc", "")),
        shape=shape_name,
        required=required,
    )


def _operation_command(api_name: str) -> Command:
    op = spec.operation(api_name)
    required = set(spec.required_members(api_name))
    members = [_member_option(n, m, n in required) for n, m in spec.input_members(api_name).items()]
    if "paginator" in op:
        # As in the AWS CLI: Marker is hidden, MaxItems is shadowed by the paging flags.
        paging = op["paginator"]
        members = [
            m._replace(hidden=True) if m.dest == paging["input_token"] else m
            for m in members
            if m.dest != paging["limit_key"]
        ]
        extras: tuple[Option, ...] = CLI_INPUT_OPTIONS + PAGINATION_OPTIONS
    else:
        extras = CLI_INPUT_OPTIONS
    if api_name in ("CreateEventSourceMapping", "UpdateEventSourceMapping"):
        extras += (NO_VALIDATE,)
    return Command(name=op["command"], options=tuple(members) + extras, help=op["doc"], operation=api_name, aws_lambda=True)


@lru_cache(maxsize=None)
def operation_commands() -> dict[str, Command]:
    """The five AWS commands by name, in presentation order."""
    return {cmd.name: cmd for cmd in (_operation_command(api) for api in spec.operation_names())}

"""esm's own verbs, declared: name, options, help (the hand-written part of the command table).

The five AWS commands come from the spec snapshot (``esm_cli.options``); these sit beside them
in ``esm_cli.commands.all_commands``. The parser, help, docs and completion all read them from
there. A verb's handler is ``esm_cli/commands/<verb>.py`` (``_HANDLERS`` in the package).
"""

from __future__ import annotations

from esm_cli.options import CLI_INPUT_OPTIONS, GLOBAL_OPTIONS, KIND_FLAG, KIND_LIST, Command, Option, operation_commands
from esm_cli.sources import FAMILIES


def validate_command() -> Command:
    from esm_cli.options import OUTPUT_FORMATS

    create = operation_commands()["create-event-source-mapping"]
    members = tuple(o for o in create.options if o.shape is not None)
    # On `validate` no member is required: --file or --cli-input-json may supply the mappings.
    members = tuple(o._replace(required=False) for o in members)
    return Command(
        name="validate",
        help=(
            "Check mappings against every documented AWS rule offline, touching no backend: from flags, --file, or "
            "the CloudFormation, SAM, Terraform, serverless.yml and mappings files (and folders) given as PATH."
        ),
        positionals=("path...",),
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
            Option(
                "--strict",
                "strict",
                kind=KIND_FLAG,
                help="With PATH: also report esm doctor's best-practice warnings, and exit 1 on a warning.",
            ),
            # validate's --output also takes sarif (docs/iac.md): the global option, one choice more.
            next(o for o in GLOBAL_OPTIONS if o.dest == "output")._replace(
                choices=OUTPUT_FORMATS + ("sarif",), help="The output format (validate PATH also takes sarif)."
            ),
        ),
    )


def test_filter_command() -> Command:
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
                choices=FAMILIES,
                help="The event source type (else taken from --event-source-arn or the mapping).",
            ),
            Option("--event-source-arn", "event_source_arn", help="Tell the source type from this ARN."),
            Option("--expect", "expect", choices=("keep", "drop"), help="Exit 1 unless every record is kept (or dropped)."),
        ),
    )


def mapping_selector(required_uuid: bool = False) -> tuple[Option, ...]:
    """--uuid / --function-name / --event-source-arn, shared by the verbs that pick mappings."""
    return (
        Option("--uuid", "uuid", required=required_uuid, help="The mapping's UUID."),
        Option("--function-name", "function_name", help="Only the mappings of this function (name or ARN)."),
        Option("--event-source-arn", "event_source_arn", help="Only the mappings of this event source."),
    )


def export_command() -> Command:
    return Command(
        name="export",
        help="Print mappings as a mappings file (YAML), or as CloudFormation or Terraform.",
        options=mapping_selector()[1:]
        + (
            Option(
                "--format",
                "format",
                choices=("mappings", "cloudformation", "terraform"),
                help="mappings (default: what validate, plan and apply read), cloudformation or terraform.",
            ),
        ),
    )


def deploy_options() -> tuple[Option, ...]:
    """What plan and apply both take: the file, and whether to delete what it no longer lists."""
    return (
        Option("--file", "file", required=True, help="A mappings file (YAML or JSON), as esm export writes it."),
        Option("--prune", "prune", kind=KIND_FLAG, help="Also delete mappings of the file's functions that it no longer lists."),
    )


def plan_command() -> Command:
    return Command(
        name="plan",
        help="Show what apply would change to make the backend match a mappings file.",
        options=deploy_options()
        + (
            Option(
                "--detailed-exitcode",
                "detailed_exitcode",
                kind=KIND_FLAG,
                help="Exit 0 when nothing would change, 2 when something would (Terraform's convention).",
            ),
        ),
    )


def apply_command() -> Command:
    return Command(
        name="apply",
        help="Create, update, replace (and with --prune delete) mappings until the backend matches a file.",
        options=deploy_options()
        + (
            Option("--yes", "yes", kind=KIND_FLAG, help="Apply without asking (needed when no one is at a terminal)."),
        ),
    )


def wait_command() -> Command:
    return Command(
        name="wait",
        help="Wait until a mapping reaches a state (AWS has no waiter for mappings).",
        aws_lambda=True,
        positionals=("waiter",),
        positional_values=(("waiter", "esm_cli.deploy.waiter:WAITERS"),),
        options=(
            Option("--uuid", "uuid", required=True, help="The mapping's UUID."),
            Option("--delay", "delay", integer=True, help="Seconds between two polls."),
            Option("--max-attempts", "max_attempts", integer=True, help="Polls before giving up."),
        ),
    )


def tag_commands() -> tuple[Command, ...]:
    resource = Option("--resource", "resource", required=True, help="The mapping's ARN (EventSourceMappingArn).")
    return (
        Command(
            name="tag-resource",
            help="Add tags to a mapping.",
            aws_lambda=True,
            options=(resource, Option("--tags", "tags", required=True, help="Tags: k=v,k2=v2 or JSON.")),
        ),
        Command(
            name="untag-resource",
            help="Remove tags from a mapping.",
            aws_lambda=True,
            options=(resource, Option("--tag-keys", "tag_keys", kind=KIND_LIST, required=True, help="The keys to remove.")),
        ),
        Command(name="list-tags", help="List a mapping's tags.", options=(resource,), aws_lambda=True),
    )


def doctor_command() -> Command:
    return Command(
        name="doctor",
        help="Diagnose why a mapping does not work (role permissions, timeouts, states, poison pills) and say how to fix it.",
        options=(
            Option("--uuid", "uuid", help="The mapping's UUID."),
            Option("--function-name", "function_name", help="Every mapping of this function."),
            Option("--all", "all", kind=KIND_FLAG, help="Every mapping."),
            Option("--offline", "offline", kind=KIND_FLAG, help="Only the checks that need no AWS account."),
            Option("--strict", "strict", kind=KIND_FLAG, help="Warnings count as errors for the exit code."),
        ),
    )


def metrics_command() -> Command:
    return Command(
        name="metrics",
        help="Show a mapping's health: CloudWatch metrics as a table with sparklines, a chart, or data.",
        options=(
            Option("--uuid", "uuid", required=True, help="The mapping's UUID."),
            Option("--since", "since", help="Start of the window: a duration ago (3h, 30m, 2d) or a timestamp."),
            Option("--until", "until", help="End of the window: a timestamp or a duration ago (default now)."),
            Option("--period", "period", help="Granularity: 1m, 5m, 1h … (seconds: 1, 5, 10, 30 or a multiple of 60)."),
            Option("--watch", "watch", integer=True, help="Refresh every SECONDS until Ctrl-C."),
            Option("--plot", "plot", help="Write a PNG or SVG chart to this file (needs esm-cli[plot])."),
        ),
    )


def run_command() -> Command:
    create = operation_commands()["create-event-source-mapping"]
    members = tuple(o._replace(required=False) for o in create.options if o.shape is not None)
    return Command(
        name="run",
        help="Run a mapping locally with Lambda's semantics: batching, filters, retries, bisect, destinations.",
        options=(
            Option("--uuid", "uuid", help="A stored mapping (either backend); else the create flags describe it."),
            Option("--handler", "handler", help="A Python handler, module:function."),
            Option("--exec", "exec", help="A command: the event JSON on stdin, the response JSON on stdout."),
            Option("--timeout", "timeout", help="The function timeout in seconds (default 3)."),
            Option("--records-file", "records_file", help="Replay these records (NDJSON, a JSON list, or a whole event)."),
            Option("--source-endpoint-url", "source_endpoint_url", help="Poll the real source at this endpoint."),
            Option("--on-failure-file", "on_failure_file", help="In a replay, append on-failure records here (NDJSON)."),
            Option("--max-batches", "max_batches", integer=True, help="Stop after this many batches."),
            Option("--until-empty", "until_empty", kind=KIND_FLAG, help="Stop when the source is drained and every retry settled."),
            Option("--duration", "duration", help="Stop after this many seconds."),
            Option(
                "--max-receive-count",
                "max_receive_count",
                integer=True,
                help="In a replay of a queue, the redrive policy's maxReceiveCount (messages then go to --on-failure-file).",
            ),
        )
        + members,
    )


def completion_command() -> Command:
    return Command(
        name="completion",
        help="Print the completion script for bash, zsh or fish.",
        options=(),
        positionals=("shell",),
        positional_values=(("shell", "esm_cli.completion:SHELLS"),),
    )


def declared() -> tuple[Command, ...]:
    """esm's verbs in the order help and completion list them."""
    return (
        validate_command(),
        test_filter_command(),
        export_command(),
        plan_command(),
        apply_command(),
        wait_command(),
        *tag_commands(),
        doctor_command(),
        metrics_command(),
        run_command(),
        completion_command(),
    )

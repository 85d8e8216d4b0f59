"""Help text and the generated command reference, rendered by a Click tree built from the option tables.

The Click tree mirrors exactly what ``esm_cli.argv`` parses (both come from
``esm_cli.options``), so help, docs and behaviour cannot drift apart. Click is imported
only here: a normal command run never pays for it.

``python -m esm_cli.regenerate`` rewrites docs/cli-reference.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from esm_cli import spec
from esm_cli.commands import ESM_VERBS, all_commands
from esm_cli.options import KIND_BOOL, KIND_FLAG, GLOBAL_OPTIONS, KIND_LIST, KIND_OPTIONAL_VALUE, Command, Option

if TYPE_CHECKING:
    import click

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "cli-reference.md"
_WIDTH = 88

_METAVARS = {"structure": "<structure>", "map": "<map>", "integer": "<integer>", "timestamp": "<timestamp>"}


def shorthand_syntax(shape_name: str, depth: int = 0) -> str:
    """The "Shorthand Syntax" the AWS CLI documents for a structure, map or list."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "structure":
        inner = ",".join(f"{name}={shorthand_syntax(m['shape'], depth + 1)}" for name, m in entry["members"].items())
        return f"{{{inner}}}" if depth else inner
    if kind == "map":
        value = shorthand_syntax(entry["value"], depth + 1)
        return ("{" if depth else "") + f"KeyName1={value},KeyName2={value}" + ("}" if depth else "")
    if kind == "list":
        if depth == 0:  # a top-level list takes one shorthand value per word
            item = shorthand_syntax(entry["member"], 0)
            return f"{item} {item} ..."
        item = shorthand_syntax(entry["member"], depth + 1)
        if depth == 1 and spec.is_scalar(entry["member"]):
            return f"{item},{item}"  # as the AWS CLI documents Metrics=string,string
        return f"[{item},{item}]"
    return "string" if kind == "string" else kind


def _option_help(option: Option) -> str:
    parts = [option.help or ""]
    if option.shape:
        entry = spec.shape(option.shape)
        kind = entry["type"]
        if entry.get("enum"):
            parts.append("Valid values: " + ", ".join(entry["enum"]) + ".")
        if kind in ("integer", "long") and ("min" in entry or "max" in entry):
            parts.append(f"Range: {entry.get('min', '')} to {entry.get('max', '')}.")
        item = spec.shape(entry["member"]) if kind == "list" else None
        if kind in ("structure", "map") or (item is not None and item["type"] == "structure"):
            parts.append(f"Shorthand: {shorthand_syntax(option.shape)}  (or JSON).")
        if option.required:
            parts.append("[required]")
    elif option.choices:
        parts.append("One of: " + ", ".join(option.choices) + ".")
    return " ".join(p for p in parts if p)


def _click_option(option: Option) -> click.Option:
    import click

    metavar = "<value>"
    if option.shape:
        metavar = _METAVARS.get(spec.type_of(option.shape), "<string>")
    if option.kind == KIND_BOOL:
        return click.Option([f"{option.flag}/{option.negative}"], default=None, help=_option_help(option))
    if option.kind == KIND_FLAG:
        return click.Option([option.flag], is_flag=True, help=_option_help(option), hidden=option.hidden)
    if option.kind == KIND_LIST:
        metavar = "<value> [<value> ...]"
    if option.kind == KIND_OPTIONAL_VALUE:
        metavar = "[" + "|".join(option.choices) + "]"
    return click.Option([option.flag], metavar=metavar, help=_option_help(option), hidden=option.hidden)


def _click_command(command: Command) -> click.Command:
    import click

    params: list[Any] = [click.Argument([name], metavar=name.upper()) for name in command.positionals]
    params += [_click_option(o) for o in command.options]
    epilog = "Global options (--output, --query, --region, --backend, …) are accepted anywhere; see `esm help`."
    if command.operation:
        epilog = f"Calls the {command.operation} operation. " + epilog
    return click.Command(command.name, params=params, help=command.help, epilog=epilog, add_help_option=False)


def click_tree() -> click.Group:
    """The whole CLI as a Click group: commands in presentation order, global options on the group."""
    import click

    class OrderedGroup(click.Group):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return list(self.commands)

    group = OrderedGroup(
        "esm",
        help=(
            "Manage AWS Lambda event source mappings: the `aws lambda` commands, checked offline against "
            "AWS's rules, on a local SQLite state file (default) or on AWS (--backend aws). Every command "
            "also works as `esm lambda <command>`."
        ),
        params=[_click_option(o) for o in GLOBAL_OPTIONS],
        add_help_option=False,
    )
    for command in all_commands().values():
        group.add_command(_click_command(command))
    return group


def render_help(command: Command | None) -> str:
    """Help for one command, or for esm as a whole."""
    import click

    tree = click_tree()
    target: click.Command = tree if command is None else tree.commands[command.name]
    root = click.Context(tree, info_name="esm", terminal_width=_WIDTH, max_content_width=_WIDTH)
    ctx = root if command is None else click.Context(target, info_name=command.name, parent=root)
    return target.get_help(ctx) + "\n"


def reference_markdown() -> str:
    """docs/cli-reference.md: the help of esm and of every command."""
    lines = [
        "# esm command reference",
        "",
        "Generated by `python -m esm_cli.regenerate` from the commands' help; a test fails when it is stale.",
        "",
        "## esm",
        "",
        "```text",
        render_help(None).rstrip(),
        "```",
    ]
    for command in all_commands().values():
        kind = "esm's own command" if command.name in ESM_VERBS else f"the AWS CLI's `aws lambda {command.name}`"
        lines += ["", f"## esm {command.name}", "", f"Same flags as {kind}." if command.operation else f"An {kind}.", ""]
        lines += ["```text", render_help(command).rstrip(), "```"]
    return "\n".join(lines) + "\n"

"""``esm plan --file F [--prune] [--detailed-exitcode]``: what apply would change (docs/deploy.md).

Exit 0; with --detailed-exitcode 0 when nothing would change and 2 when something would
(Terraform's convention); errors keep esm's exit codes.
"""

from __future__ import annotations

from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result


def compute(parsed: ParsedLine, ctx: Context) -> tuple[list[Any], dict[str, Any]]:
    """(changes, plan document) for the line's --file and --prune: shared with apply."""
    from esm_cli.deploy import diff, render, state
    from esm_cli.deploy.mappings_file import read_entries

    path = parsed.values["file"]
    entries = read_entries(path)
    backend = ctx.backend()
    changes = diff.plan(
        entries, state.stored_mappings(backend, entries), state.tags_reader(backend), prune=bool(parsed.values.get("prune"))
    )
    return changes, render.plan_document(changes, path)


def colour(ctx: Context) -> bool:
    """Colour only on a terminal, and never against --color off."""
    output = ctx.require_settings().output
    return output.color == "on" or (output.color == "auto" and output.isatty)


def _report(document: dict[str, Any], ctx: Context) -> str:
    from esm_cli.deploy.render import render_plan

    return render_plan(document, colour(ctx))


def run(parsed: ParsedLine, ctx: Context) -> Result:
    _, document = compute(parsed, ctx)
    changed = bool(document["Changes"])
    exit_code = 2 if changed and parsed.values.get("detailed_exitcode") else 0
    return Result(document=document, exit_code=exit_code, title="Plan", report=_report)

"""``esm apply --file F [--prune] [--yes]``: make the backend match a mappings file (docs/deploy.md).

Plan, check every rule for the whole file (exit 254, nothing changed), ask on a terminal
(--yes needed elsewhere: exit 252), then make the changes in a safe order, waiting for each.
A failure midway stops the run and reports what was done, what failed and what was not
started (exit 254); apply again finishes the job.
"""

from __future__ import annotations

from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError


def _report(document: dict[str, Any], ctx: Context) -> str:
    from esm_cli.deploy.render import render_outcome

    return render_outcome(document)


def _confirm(document: dict[str, Any], ctx: Context, count: int, path: str) -> bool:
    from esm_cli.commands.plan import colour
    from esm_cli.deploy.render import render_plan

    if not ctx.interactive:
        raise ParamValidationError(
            f"esm apply would change {count} mapping{'s' if count > 1 else ''} and nobody is at a terminal to confirm: "
            f"add --yes to apply without asking (review the changes first with: esm plan --file {path})."
        )
    ctx.emit(document, line=lambda doc: render_plan(doc, colour(ctx)))
    # The question goes to stderr so that stdout keeps only the plan and the outcome.
    ctx.stderr.write("Apply these changes? Only 'yes' is accepted: ")
    ctx.stderr.flush()
    answer = ctx.stdin.readline() if ctx.stdin is not None else ""
    return answer.strip() == "yes"


def run(parsed: ParsedLine, ctx: Context) -> Result:
    from esm_cli.commands.plan import compute
    from esm_cli.deploy import executor, waiter
    from esm_cli.deploy.progress import reporter

    changes, plan = compute(parsed, ctx)
    todo = executor.pending(changes)
    document: dict[str, Any] = {"Plan": plan, "Applied": executor.Outcome().as_document()}
    if not todo:
        return Result(document=document, title="Apply", report=_report)
    violations = executor.rule_violations(changes)  # every mapping in the file, not only those that change
    if violations is not None:
        raise violations
    path = parsed.values["file"]
    if not parsed.values.get("yes") and not _confirm(plan, ctx, len(todo), path):
        ctx.warn("Apply cancelled: nothing was changed.")
        return Result(document=document, title="Apply", report=lambda d, c: "")
    backend = ctx.backend()
    delay = 0 if backend.name == "local" else waiter.DEFAULT_DELAY  # the local backend settles at once
    with reporter(ctx, len(todo)) as on_done:
        outcome = executor.Executor(backend, delay=delay, on_done=on_done).run(changes)
    document["Applied"] = outcome.as_document()
    if outcome.failed:
        ctx.warn(f"esm: [ERROR]: {outcome.failed['Error']}")
        return Result(document=document, exit_code=254, title="Apply", report=_report)
    return Result(document=document, title="Apply", report=_report)

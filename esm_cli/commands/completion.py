"""``esm completion bash|zsh|fish``: print the shell's completion script (docs/completion.md)."""

from __future__ import annotations

from esm_cli.argv import ParsedLine
from esm_cli.completion import SHELLS
from esm_cli.completion.scripts import script
from esm_cli.context import Context, Result
from esm_cli.errors import UsageError


def _as_is(document: str, ctx: Context) -> str:
    return document


def run(parsed: ParsedLine, ctx: Context) -> Result:
    shell = parsed.positionals[0]
    if shell not in SHELLS:
        choices = ", ".join(f"'{s}'" for s in SHELLS)
        raise UsageError(f"argument shell: Found invalid choice '{shell}' (choose from {choices})")
    return Result(document=script(shell), title="Completion", report=_as_is, verbatim=True)

"""``esm completion bash|zsh|fish``: print the shell's completion script (docs/completion.md)."""

from __future__ import annotations

from esm_cli.argv import ParsedLine
from esm_cli.commands import Streams
from esm_cli.completion import SHELLS
from esm_cli.completion.scripts import script
from esm_cli.errors import UsageError
from esm_cli.settings import Settings


def run(parsed: ParsedLine, settings: Settings, streams: Streams) -> int:
    shell = parsed.positionals[0]
    if shell not in SHELLS:
        choices = ", ".join(f"'{s}'" for s in SHELLS)
        raise UsageError(f"argument shell: Found invalid choice '{shell}' (choose from {choices})")
    streams.stdout.write(script(shell))
    return 0

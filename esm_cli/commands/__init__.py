"""The command table: the five AWS commands plus esm's own verbs, and where each is run.

Handlers are imported only for the command being run, so `esm get-…` never loads
the code of `esm validate` (or of the aws backend).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from esm_cli.commands import verbs
from esm_cli.options import Command, operation_commands

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable

    from esm_cli.argv import ParsedLine
    from esm_cli.context import Context, Result

    # A handler computes a result; only the output layer writes it (esm_cli.context).
    Handler = Callable[[ParsedLine, Context], Result]


@lru_cache(maxsize=None)
def all_commands() -> dict[str, Command]:
    """Every command by name: the AWS ones first, in the model's order, then esm's verbs."""
    commands = dict(operation_commands())
    for command in verbs.declared():
        commands[command.name] = command
    return commands


# esm's verbs → the module whose run(parsed, ctx) serves them (imported only when run).
_HANDLERS = {
    "validate": "esm_cli.commands.validate",
    "test-filter": "esm_cli.commands.test_filter",
    "export": "esm_cli.commands.export",
    "plan": "esm_cli.commands.plan",
    "apply": "esm_cli.commands.apply",
    "wait": "esm_cli.commands.wait",
    "tag-resource": "esm_cli.commands.tags",
    "untag-resource": "esm_cli.commands.tags",
    "list-tags": "esm_cli.commands.tags",
    "doctor": "esm_cli.commands.doctor",
    "metrics": "esm_cli.commands.metrics",
    "run": "esm_cli.commands.run",
    "completion": "esm_cli.commands.completion",
}


def handler_for(command: Command) -> Handler:
    """The function that runs ``command``."""
    module = _HANDLERS.get(command.name) or "esm_cli.commands.mappings"
    run: Any = importlib.import_module(module).run
    return run  # type: ignore[no-any-return]


# Used by completion and docs to tell esm's own verbs from the AWS ones.
ESM_VERBS = tuple(_HANDLERS)

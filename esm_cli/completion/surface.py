"""The command table as completion reads it, and the line read with esm's own parser.

``table.py`` is generated from the one command table (``esm_cli.commands`` on
``esm_cli.options``) by ``python -m esm_cli.regenerate``: building the real records costs a
TAB press more than starting Python does. The light ``Option`` and ``Command`` here have the
attributes the grammar (``esm_cli.argv``) reads, so the words typed are parsed by the very
parser that runs the command, in its partial mode: completion has no grammar of its own.
"""

from __future__ import annotations

from esm_cli.argv import KIND_BOOL, ParsedLine, parse_command_line
from esm_cli.completion import table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterator


class Option:
    """One generated row: (flag, dest, kind, values, traits, summary).

    ``values`` are its closed set of values (CLI choices or the model's enum); ``traits``:
    h hidden (parsed, never offered), r repeatable list, s structured value (JSON/shorthand).
    """

    __slots__ = ("flag", "dest", "kind", "values", "traits", "summary", "is_global")
    choices: tuple[str, ...] = ()  # the partial parse checks no values
    const = None
    integer = False

    def __init__(self, row: tuple[Any, ...], is_global: bool) -> None:
        self.flag, self.dest, self.kind, self.values, self.traits, self.summary = row
        self.is_global = is_global

    @property
    def negative(self) -> str | None:
        return "--no-" + self.flag[2:] if self.kind == KIND_BOOL else None

    @property
    def repeatable(self) -> bool:
        return "r" in self.traits

    @property
    def hidden(self) -> bool:
        return "h" in self.traits

    @property
    def structured(self) -> bool:
        return "s" in self.traits


class Command:
    """One generated command: name, API operation (None for esm's verbs), positionals, summary,
    options, whether ``aws lambda`` has it too, and the values its positionals take."""

    __slots__ = ("name", "operation", "positionals", "summary", "options", "aws_lambda", "positional_values")

    def __init__(self, name: str, entry: tuple[Any, ...]) -> None:
        self.name = name
        self.operation, self.positionals, self.summary, numbers, self.aws_lambda, self.positional_values = entry
        self.options = tuple(Option(table.OPTIONS[n], False) for n in numbers)

    @property
    def takes_many_positionals(self) -> bool:
        return bool(self.positionals) and self.positionals[-1].endswith("...")


class _Commands:
    """Commands by name, each built only when the line names it."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __contains__(self, name: object) -> bool:
        return name in table.COMMANDS

    def __iter__(self) -> Iterator[str]:
        return iter(table.COMMANDS)

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = Command(name, table.COMMANDS[name])
        return self._built[name]


GLOBALS = tuple(Option(table.OPTIONS[n], True) for n in table.GLOBALS)
COMMANDS = _Commands()


def read_line(words: list[str]) -> ParsedLine:
    """What ``words`` (the complete words after the program name) already say."""
    return parse_command_line(words, COMMANDS, GLOBALS, partial=True)  # type: ignore[arg-type]


def options_in_force(typed: ParsedLine) -> tuple[Any, ...]:
    """The command's options, then the global ones."""
    command_options = typed.command.options if typed.command is not None else ()
    return tuple(command_options) + GLOBALS

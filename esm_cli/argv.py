"""Parse a command line the way the AWS CLI's argparse setup does.

Click's parser cannot express what scripts written for ``aws lambda`` rely on: global
options anywhere on the line, list members taking any number of words (argparse
``nargs='*'``), unique-prefix abbreviations, ``--flag=value`` and last-wins repeats,
argparse's error texts. So the command line is parsed here, from the option tables in
``esm_cli.options``; Click still provides the command tree used for help and docs.
"""

from __future__ import annotations

import re

from esm_cli.errors import UsageError
from esm_cli.options import (
    KIND_BOOL,
    KIND_FLAG,
    GLOBAL_OPTIONS,
    KIND_LIST,
    KIND_OPTIONAL_VALUE,
    Command,
    Option,
)

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Mapping

SERVICE_WORD = "lambda"
HELP_WORD = "help"
_NEGATIVE_NUMBER = re.compile(r"^-\d+$|^-\d*\.\d+$")


class ParsedLine:
    """What a command line asked for."""

    def __init__(self) -> None:
        self.command: Command | None = None
        self.values: dict[str, Any] = {}  # the command's options, by dest
        self.globals: dict[str, Any] = {}  # global options, by dest
        self.positionals: list[str] = []
        self.unknown: list[str] = []
        self.help = False
        self.via_service_word = False  # `esm lambda <command>`


def looks_like_option(token: str) -> bool:
    """argparse's test: a dash-led word that is not a negative number and has no space."""
    return token.startswith("-") and token != "-" and not _NEGATIVE_NUMBER.match(token) and " " not in token


class _OptionTable:
    """Spellings → options, with argparse's exact-then-unique-prefix lookup."""

    def __init__(self, options: tuple[Option, ...]) -> None:
        self.by_spelling: dict[str, tuple[Option, bool]] = {}
        for option in options:
            self.by_spelling[option.flag] = (option, True)
            if option.negative:
                self.by_spelling[option.negative] = (option, False)

    def resolve(self, name: str) -> tuple[Option, bool] | None:
        if name in self.by_spelling:
            return self.by_spelling[name]
        matches = [s for s in self.by_spelling if s.startswith(name)]
        if len(matches) > 1:
            raise UsageError(f"ambiguous option: {name} could match {', '.join(matches)}")
        return self.by_spelling[matches[0]] if matches else None


def _choice_error(flag: str, value: str, choices: tuple[str, ...]) -> UsageError:
    import difflib  # only when there is a mistake to suggest a fix for

    message = f"argument {flag}: Found invalid choice '{value}'"
    close = difflib.get_close_matches(value, choices, cutoff=0.6)
    if close:
        message += "\n\nMaybe you meant:\n\n" + "\n".join(f"  * {c}" for c in close)
    return UsageError(message)


def _take_value(option: Option, argv: list[str], i: int, explicit: str | None) -> tuple[Any, int]:
    """The option's value and the index of the next unread token."""
    if option.kind in (KIND_FLAG, KIND_BOOL):
        if explicit is not None:
            raise UsageError(f"argument {option.flag}: ignored explicit argument '{explicit}'")
        return True, i
    if option.kind == KIND_LIST:
        if explicit is not None:
            return [explicit], i
        words: list[str] = []
        while i < len(argv) and not looks_like_option(argv[i]):
            words.append(argv[i])
            i += 1
        return words, i
    if explicit is not None:
        value = explicit
    elif i < len(argv) and not looks_like_option(argv[i]):
        value, i = argv[i], i + 1
    elif option.kind == KIND_OPTIONAL_VALUE:
        return option.const, i
    else:
        raise UsageError(f"argument {option.flag}: expected one argument")
    if option.choices and value not in option.choices:
        raise _choice_error(option.flag, value, option.choices)
    if option.integer:
        try:
            return int(value), i
        except ValueError:
            raise UsageError(f"argument {option.flag}: invalid int value: '{value}'") from None
    return value, i


def parse_command_line(argv: list[str], commands: Mapping[str, Command]) -> ParsedLine:
    """Split ``argv`` into the command, its option values and the global options."""
    parsed = ParsedLine()
    table = _OptionTable(GLOBAL_OPTIONS)
    i = 0
    while i < len(argv):
        token = argv[i]
        i += 1
        if token == "--help":
            parsed.help = True
            continue
        if token.startswith("--") and len(token) > 2:
            name, has_value, explicit = token.partition("=")
            found = table.resolve(name)
            if found is None:
                parsed.unknown.append(token)
                continue
            option, positive = found
            value, i = _take_value(option, argv, i, explicit if has_value else None)
            if option.kind == KIND_BOOL:
                value = positive
            target = parsed.globals if option.is_global else parsed.values
            if option.repeatable:
                value = target.get(option.dest, []) + value
            target[option.dest] = value
            continue
        if looks_like_option(token):
            parsed.unknown.append(token)
            continue
        if parsed.command is None and token == SERVICE_WORD and not parsed.via_service_word:
            parsed.via_service_word = True
        elif token == HELP_WORD:
            parsed.help = True
        elif parsed.command is None:
            if token not in commands:
                where = "operation" if parsed.via_service_word else "command"
                raise _choice_error(where, token, tuple(commands))
            parsed.command = commands[token]
            table = _OptionTable(GLOBAL_OPTIONS + parsed.command.options)
        elif len(parsed.positionals) < len(parsed.command.positionals) or parsed.command.takes_many_positionals:
            parsed.positionals.append(token)
        else:
            parsed.unknown.append(token)
    return parsed

"""The command-line grammar: argv read the way the AWS CLI's argparse setup reads it.

Click's parser cannot express what scripts written for ``aws lambda`` rely on: global
options anywhere on the line, list members taking any number of words (argparse
``nargs='*'``), unique-prefix abbreviations, ``--flag=value`` and last-wins repeats,
argparse's error texts (docs/aws-cli-behaviour.md). So the line is read here, from the
one command table (``esm_cli.commands``, built on ``esm_cli.options``).

The same parser serves shell completion in a *partial* mode: it never raises, and says
which option is still waiting for its value at the end of the words typed so far
(``ParsedLine.pending``). Completion therefore cannot disagree with the parser. Because a
TAB press runs it, this module imports nothing at load time (not even ``re``); options and
commands are duck-typed (``esm_cli.options.Option`` and ``Command``, or completion's
light copies of them built from the generated table).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Mapping, Sequence

    from esm_cli.errors import UsageError
    from esm_cli.options import Command, Option

# Option kinds, named after what they take on the command line.
KIND_VALUE = "value"  # --flag VALUE
KIND_LIST = "list"  # --flag V1 V2 … (argparse nargs='*'), for list members
KIND_BOOL = "bool"  # --flag / --no-flag pair, for boolean members
KIND_FLAG = "flag"  # --flag alone (store_true)
KIND_OPTIONAL_VALUE = "optional-value"  # --flag [VALUE] (argparse nargs='?')

SERVICE_WORD = "lambda"  # `esm lambda <command>`, as in `aws lambda <command>`
HELP_WORD = "help"


class ParsedLine:
    """What a command line (or, in partial mode, the words typed so far) asks for."""

    def __init__(self) -> None:
        self.command: Command | None = None
        self.values: dict[str, Any] = {}  # the command's options, by dest
        self.globals: dict[str, Any] = {}  # global options, by dest
        self.positionals: list[str] = []
        self.unknown: list[str] = []
        self.help = False
        self.via_service_word = False  # `esm lambda <command>`
        self.pending: Option | None = None  # partial mode: the option whose value is being typed
        self.options: _OptionTable | None = None  # the spellings in force at the end of the line

    @property
    def all_values(self) -> dict[str, Any]:
        """Global and command values together, by dest."""
        return {**self.globals, **self.values}


def _is_number(token: str) -> bool:
    """argparse's negative-number test (``^-\\d+$|^-\\d*\\.\\d+$``) without importing ``re``."""
    whole, dot, fraction = token[1:].partition(".")  # isdecimal() is exactly re's \d
    if not dot:
        return whole.isdecimal()
    return (whole == "" or whole.isdecimal()) and fraction.isdecimal()


def looks_like_option(token: str) -> bool:
    """argparse's test: a dash-led word that is not a negative number and has no space."""
    return token.startswith("-") and token != "-" and not _is_number(token) and " " not in token


class _OptionTable:
    """Spellings → options, with argparse's exact-then-unique-prefix lookup."""

    def __init__(self, options: Sequence[Option]) -> None:
        self.options = tuple(options)
        self.by_spelling: dict[str, tuple[Option, bool]] = {}
        for option in self.options:
            self.by_spelling[option.flag] = (option, True)
            if option.negative:
                self.by_spelling[option.negative] = (option, False)

    def resolve(self, name: str, *, partial: bool = False) -> tuple[Option, bool] | None:
        """The option a spelling names and whether it is the positive one; None if nothing does.

        An ambiguous prefix is argparse's error, or (partial mode) simply no option yet.
        """
        if name in self.by_spelling:
            return self.by_spelling[name]
        matches = [s for s in self.by_spelling if s.startswith(name)]
        if len(matches) > 1:
            if partial:
                return None
            raise _usage(f"ambiguous option: {name} could match {', '.join(matches)}")
        return self.by_spelling[matches[0]] if matches else None


def _usage(message: str) -> UsageError:
    from esm_cli.errors import UsageError  # only when there is something to report

    return UsageError(message)


def _choice_error(flag: str, value: str, choices: Sequence[str]) -> UsageError:
    import difflib  # only when there is a mistake to suggest a fix for

    message = f"argument {flag}: Found invalid choice '{value}'"
    close = difflib.get_close_matches(value, list(choices), cutoff=0.6)
    if close:
        message += "\n\nMaybe you meant:\n\n" + "\n".join(f"  * {c}" for c in close)
    return _usage(message)


class _Reader:
    """One pass over argv, in full or partial mode."""

    def __init__(self, argv: Sequence[str], commands: Mapping[str, Command], global_options: Sequence[Option], partial: bool):
        self.argv = argv
        self.commands = commands
        self.global_options = tuple(global_options)
        self.partial = partial
        self.parsed = ParsedLine()
        self.parsed.options = _OptionTable(self.global_options)

    def value(self, option: Option, i: int, explicit: str | None) -> tuple[Any, int]:
        """The option's value and the index of the next unread token."""
        argv, kind = self.argv, option.kind
        if kind in (KIND_FLAG, KIND_BOOL):
            if explicit is not None and not self.partial:
                raise _usage(f"argument {option.flag}: ignored explicit argument '{explicit}'")
            return True, i
        if kind == KIND_LIST:
            if explicit is not None:
                return [explicit], i
            words: list[str] = []
            while i < len(argv) and not looks_like_option(argv[i]):
                words.append(argv[i])
                i += 1
            if self.partial and i == len(argv):
                self.parsed.pending = option  # more items may follow
            return words, i
        if explicit is not None:
            value = explicit
        elif i < len(argv) and not looks_like_option(argv[i]):
            value, i = argv[i], i + 1
        elif kind == KIND_OPTIONAL_VALUE:
            if self.partial and i == len(argv):
                self.parsed.pending = option
            return option.const, i
        elif self.partial:
            if i == len(argv):
                self.parsed.pending = option
            return None, i
        else:
            raise _usage(f"argument {option.flag}: expected one argument")
        if self.partial:
            return value, i
        if option.choices and value not in option.choices:
            raise _choice_error(option.flag, value, option.choices)
        if option.integer:
            try:
                return int(value), i
            except ValueError:
                raise _usage(f"argument {option.flag}: invalid int value: '{value}'") from None
        return value, i

    def option(self, token: str, i: int) -> int:
        parsed = self.parsed
        assert parsed.options is not None
        name, has_value, explicit = token.partition("=")
        found = parsed.options.resolve(name, partial=self.partial)
        if found is None:
            parsed.unknown.append(token)
            return i
        option, positive = found
        value, i = self.value(option, i, explicit if has_value else None)
        if option.kind == KIND_BOOL:
            value = positive
        target = parsed.globals if option.is_global else parsed.values
        if option.repeatable and isinstance(value, list):
            value = (target.get(option.dest) or []) + value
        target[option.dest] = value
        return i

    def word(self, token: str) -> None:
        parsed = self.parsed
        if parsed.command is None and token == SERVICE_WORD and not parsed.via_service_word:
            parsed.via_service_word = True
        elif token == HELP_WORD:
            parsed.help = True
        elif parsed.command is None:
            if token not in self.commands:
                if self.partial:
                    parsed.unknown.append(token)
                    return
                where = "operation" if parsed.via_service_word else "command"
                raise _choice_error(where, token, tuple(self.commands))
            parsed.command = self.commands[token]
            parsed.options = _OptionTable(self.global_options + tuple(parsed.command.options))
        elif len(parsed.positionals) < len(parsed.command.positionals) or parsed.command.takes_many_positionals:
            parsed.positionals.append(token)
        else:
            parsed.unknown.append(token)

    def read(self) -> ParsedLine:
        argv, i = self.argv, 0
        while i < len(argv):
            token = argv[i]
            i += 1
            self.parsed.pending = None
            if token == "--help":
                self.parsed.help = True
            elif token.startswith("--") and len(token) > 2:
                i = self.option(token, i)
            elif looks_like_option(token):
                self.parsed.unknown.append(token)
            else:
                self.word(token)
        return self.parsed


def parse_command_line(
    argv: Sequence[str],
    commands: Mapping[str, Command],
    global_options: Sequence[Option] | None = None,
    *,
    partial: bool = False,
) -> ParsedLine:
    """Split ``argv`` into the command, its option values and the global options.

    ``partial=True`` reads an unfinished line for completion: no errors are raised (an
    ambiguous prefix or an unknown word is just not understood yet), values are not checked,
    and ``pending`` names the option still taking a value after the last word.
    """
    if global_options is None:
        from esm_cli.options import GLOBAL_OPTIONS

        global_options = GLOBAL_OPTIONS
    return _Reader(argv, commands, global_options, partial).read()

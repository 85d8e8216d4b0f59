"""Completion, shell-agnostic: the words of a partial command line → candidates with descriptions.

The line is read with the rules ``esm_cli.argv`` parses by (global options anywhere, the
optional ``lambda`` service word, ``--x=value``, list options taking every word up to the next
option, unique prefixes), from the flat ``table`` rather than the option objects, to stay fast.

Candidates are whole words that replace the word being typed and are not filtered by it:
zsh and fish match them their own way (case, fuzzy); the bash renderer keeps the prefix matches.
"""

from __future__ import annotations

from esm_cli import applicability
from esm_cli.sources import Source, classify_arn
from esm_cli.completion import SHELLS, known, table, values

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from esm_cli.completion.known import Known

# Option kinds (esm_cli.options).
VALUE, LIST, BOOL, FLAG, OPTIONAL_VALUE = "value", "list", "bool", "flag", "optional-value"
SERVICE_WORD = "lambda"
HELP_WORD = "help"

# Options whose value is a path on this machine: the shell's own file completion serves them.
PATH_DESTS = frozenset({"state_file", "ca_bundle", "file", "records_file"})
# Options whose value is usually a document, where offering file:// on an empty word helps.
DOCUMENT_DESTS = frozenset({"cli_input_json", "cli_input_yaml", "filter_criteria", "pattern", "record", "message_body"})
UUID_DESTS = frozenset({"UUID", "uuid"})
SOURCE_ARN_DESTS = frozenset({"EventSourceArn", "event_source_arn"})
POSITIONAL_VALUES = {"shell": SHELLS}


class Option:
    """One row of the generated table."""

    __slots__ = ("flag", "dest", "kind", "values", "traits", "summary", "is_global")

    def __init__(self, row: tuple[Any, ...], is_global: bool) -> None:
        self.flag, self.dest, self.kind, self.values, self.traits, self.summary = row
        self.is_global = is_global

    @property
    def negative(self) -> str | None:
        return "--no-" + self.flag[2:] if self.kind == BOOL else None


class Completion:
    """What to offer: (word, description) pairs, or ``files`` for the shell's own path completion."""

    __slots__ = ("candidates", "files")

    def __init__(self, candidates: list[tuple[str, str]] | None = None, *, files: bool = False) -> None:
        self.candidates = candidates or []
        self.files = files

    @property
    def words(self) -> list[str]:
        return [word for word, _ in self.candidates]


GLOBALS = tuple(Option(row, True) for row in table.GLOBALS)
_UNSET = object()


def looks_like_option(token: str) -> bool:
    """argparse's test (esm_cli.argv.looks_like_option): dash-led, not a negative number, no space."""
    if not token.startswith("-") or token == "-" or " " in token:
        return False
    whole, _, fraction = token[1:].partition(".")
    is_number = (whole.isdigit() and not fraction and "." not in token) or (
        "." in token and (whole == "" or whole.isdigit()) and fraction.isdigit()
    )
    return not is_number


class Typed:
    """What the words before the cursor already say."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.via_service_word = False
        self.options: tuple[Option, ...] = GLOBALS
        self.values: dict[str, Any] = {}  # by dest, globals included
        self.pending: Option | None = None  # expects a value (or, for a list, more items) next
        self.positionals: list[str] = []

    @property
    def positional_names(self) -> tuple[str, ...]:
        return table.COMMANDS[self.command][1] if self.command else ()

    def resolve(self, name: str) -> tuple[Option, bool] | None:
        """The option a spelling names (and whether it is the positive one), as argparse matches it."""
        spellings: dict[str, tuple[Option, bool]] = {}
        for option in self.options:
            spellings[option.flag] = (option, True)
            if option.negative:
                spellings[option.negative] = (option, False)
        if name in spellings:
            return spellings[name]
        matches = [s for s in spellings if s.startswith(name)]
        return spellings[matches[0]] if len(matches) == 1 else None

    def store(self, option: Option, value: Any) -> None:
        if option.kind == LIST and "r" in option.traits and isinstance(value, list):
            self.values.setdefault(option.dest, []).extend(value)
        else:
            self.values[option.dest] = value

    def read(self, token: str) -> None:
        pending = self.pending
        if pending is not None and not looks_like_option(token):
            if pending.kind == LIST:
                self.values[pending.dest].append(token)
            else:
                self.values[pending.dest] = token
                self.pending = None
            return
        self.pending = None
        if token.startswith("--") and len(token) > 2:
            name, equals, value = token.partition("=")
            found = self.resolve(name)
            if found is None:
                return
            option, positive = found
            if equals:
                self.store(option, [value] if option.kind == LIST else value)
            elif option.kind in (BOOL, FLAG):
                self.store(option, positive)
            else:
                if option.kind == LIST:
                    self.store(option, [])
                self.values.setdefault(option.dest, None)
                self.pending = option
            return
        if looks_like_option(token) or token == HELP_WORD:
            return
        if self.command is None and token == SERVICE_WORD and not self.via_service_word:
            self.via_service_word = True
        elif self.command is None and token in table.COMMANDS:
            self.command = token
            self.options = tuple(Option(row, False) for row in table.COMMANDS[token][3]) + GLOBALS
        elif self.command is not None and len(self.positionals) < len(self.positional_names):
            self.positionals.append(token)

    def given(self, option: Option) -> bool:
        return option.dest in self.values


def read_line(words: list[str]) -> Typed:
    """What ``words`` (the complete words after the program name) already say."""
    typed = Typed()
    for token in words:
        typed.read(token)
    return typed


class Context:
    """The line being completed plus what it takes to find values (read lazily, once)."""

    def __init__(self, typed: Typed, env: Mapping[str, str]) -> None:
        self.typed = typed
        self.env = env
        self._known: list[Known] | None = None
        self._source: Source | None | object = _UNSET

    @property
    def known(self) -> list[Known]:
        if self._known is None:
            self._known = known.known_mappings(self.typed.values, self.env)
        return self._known

    @property
    def source(self) -> Source | None:
        """The source type the line is about, if it says."""
        if self._source is _UNSET:
            self._source = self._find_source()
        return self._source  # type: ignore[return-value]

    def _find_source(self) -> Source | None:
        given = self.typed.values
        if given.get("SelfManagedEventSource"):
            return Source.SELF_MANAGED_KAFKA
        arn = given.get("EventSourceArn") or given.get("event_source_arn")
        if not arn and self.typed.command == "update-event-source-mapping" and given.get("UUID"):
            # On update the source is the stored mapping's (EventSourceArn cannot change).
            found = next((k for k in self.known if k.uuid == given["UUID"]), None)
            if found is None:
                return None
            if found.source_arn is None:
                return Source.SELF_MANAGED_KAFKA
            arn = found.source_arn
        if not isinstance(arn, str) or not arn:
            return None
        return classify_arn(arn)


def complete(words: list[str], env: Mapping[str, str]) -> Completion:
    """Candidates for the last of ``words``: the program name first, the word being typed last."""
    typed = read_line(words[1:-1])
    context = Context(typed, env)
    current = words[-1] if len(words) > 1 else ""
    pending = typed.pending
    if pending is not None and not looks_like_option(current):
        found = option_values(pending, current, context)
        if pending.kind == LIST and current == "" and not found.candidates and not found.files:
            return flags(context)  # after a list's items, an empty word asks what comes next
        return found
    if pending is not None and pending.kind == VALUE:
        return Completion()  # `--uuid --…`: argparse would reject the line whatever comes
    if current.startswith("--") and "=" in current:
        return _inline_value(current, context)
    if current.startswith("-"):
        return flags(context)
    if typed.command is None:
        return commands(typed)
    if len(typed.positionals) < len(typed.positional_names):
        name = typed.positional_names[len(typed.positionals)]
        return Completion([(v, "") for v in POSITIONAL_VALUES.get(name, ())])
    if current == "":
        return flags(context)
    return Completion()


def commands(typed: Typed) -> Completion:
    """Command names; after ``lambda`` only the AWS ones, as ``aws lambda`` has no others."""
    found = [
        (name, entry[2])
        for name, entry in table.COMMANDS.items()
        if entry[0] is not None or not typed.via_service_word
    ]
    if not typed.via_service_word:
        found.append((SERVICE_WORD, "Optional, as in `aws lambda <command>`"))
    return Completion(found)


def flags(context: Context) -> Completion:
    """Options not given yet (both spellings of a boolean pair), fit for the source typed."""
    typed = context.typed
    found: list[tuple[str, str]] = []
    for option in typed.options:
        if "h" in option.traits or (typed.given(option) and "r" not in option.traits):
            continue
        if not option.is_global and not _fits(option, context):
            continue
        found.append((option.flag, option.summary))
        if option.negative:
            found.append((option.negative, f"The opposite of {option.flag}"))
    return Completion(found)


def _fits(option: Option, context: Context) -> bool:
    if option.dest not in applicability.TAKES and option.dest not in applicability.NOT_OFFERED:
        return True  # applies to every source: no need to work out which one
    if option.dest == "StartingPositionTimestamp":
        position = context.typed.values.get("StartingPosition")
        if position is not None and position != "AT_TIMESTAMP":
            return False
    return applicability.offered(option.dest, context.source)


def _inline_value(current: str, context: Context) -> Completion:
    """``--option=partial``: the option's values, each with the ``--option=`` in front."""
    name, _, partial = current.partition("=")
    found = context.typed.resolve(name)
    if found is None or found[0].kind in (BOOL, FLAG):
        return Completion()
    offered = option_values(found[0], partial, context)
    if offered.files:  # a shell completes paths only for a whole word: list them here
        offered = Completion(values.paths(partial))
    return Completion([(name + "=" + word, text) for word, text in offered.candidates])


def option_values(option: Option, current: str, context: Context) -> Completion:
    """Values for ``option``, whose value is being typed as ``current``."""
    if current.startswith(values.FILE_PREFIXES):
        return Completion(values.paths(current))
    dest = option.dest
    typed = context.typed
    # On list-event-source-mappings the function and the source already given narrow the other.
    narrowing = typed.command == "list-event-source-mappings"
    if option.values:
        choices: tuple[str, ...] = option.values
        if dest == "StartingPosition":
            if context.source is not None:
                choices = applicability.STARTING_POSITIONS.get(context.source, choices)
        chosen = typed.values.get(dest) if option.kind == LIST else None
        found = [(v, "") for v in choices if not chosen or v not in chosen]
    elif dest == "profile":
        found = [(name, "") for name in values.profiles(context.env)]
    elif dest == "region":
        found = list(values.regions())
    elif dest in UUID_DESTS:
        found = known.uuid_candidates(context.known)
    elif dest == "FunctionName":
        source = typed.values.get("EventSourceArn") if narrowing else None
        found = known.function_candidates(context.known, as_arn=current.startswith("arn:"), source=source)
    elif dest in SOURCE_ARN_DESTS:
        function = typed.values.get("FunctionName") if narrowing else None
        found = known.source_arn_candidates(context.known, function=function)
    elif dest in PATH_DESTS:
        return Completion(files=True)
    else:
        found = []
    if current or _takes_documents(option, typed):
        # file:// works on every value (DESIGN.md §2); offered unasked only where documents go.
        prefixes = [p for p in values.FILE_PREFIXES if p.startswith(current) and p != current]
        found += [(p, "Read the value from a file") for p in prefixes]
    return Completion(found)


def _takes_documents(option: Option, typed: Typed) -> bool:
    """A JSON or shorthand value (not a list of enum words, nor a list's next item)."""
    if option.values or (option.kind == LIST and typed.values.get(option.dest)):
        return False
    return "s" in option.traits or option.dest in DOCUMENT_DESTS

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
from esm_cli.argv import KIND_BOOL, KIND_FLAG, KIND_LIST, KIND_VALUE, SERVICE_WORD, ParsedLine, looks_like_option
from esm_cli.completion import known, table, values
from esm_cli.completion.surface import options_in_force, read_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from esm_cli.completion.known import Known
    from esm_cli.completion.surface import Option

# Options whose value is a path on this machine: the shell's own file completion serves them.
PATH_DESTS = frozenset({"state_file", "ca_bundle", "file", "records_file"})
# Options whose value is usually a document, where offering file:// on an empty word helps.
DOCUMENT_DESTS = frozenset({"cli_input_json", "cli_input_yaml", "filter_criteria", "pattern", "record", "message_body"})
UUID_DESTS = frozenset({"UUID", "uuid"})
SOURCE_ARN_DESTS = frozenset({"EventSourceArn", "event_source_arn"})


class Completion:
    """What to offer: (word, description) pairs, or ``files`` for the shell's own path completion."""

    __slots__ = ("candidates", "files")

    def __init__(self, candidates: list[tuple[str, str]] | None = None, *, files: bool = False) -> None:
        self.candidates = candidates or []
        self.files = files

    @property
    def words(self) -> list[str]:
        return [word for word, _ in self.candidates]


_UNSET = object()


class Context:
    """The line being completed plus what it takes to find values (read lazily, once)."""

    def __init__(self, typed: ParsedLine, env: Mapping[str, str]) -> None:
        self.typed = typed
        self.given = typed.all_values  # global and command values, by dest
        self.command = typed.command.name if typed.command is not None else None
        self.env = env
        self._known: list[Known] | None = None
        self._source: Source | None | object = _UNSET

    @property
    def known(self) -> list[Known]:
        if self._known is None:
            self._known = known.known_mappings(self.given, self.env)
        return self._known

    @property
    def source(self) -> Source | None:
        """The source type the line is about, if it says."""
        if self._source is _UNSET:
            self._source = self._find_source()
        return self._source  # type: ignore[return-value]

    def _find_source(self) -> Source | None:
        given = self.given
        if given.get("SelfManagedEventSource"):
            return Source.SELF_MANAGED_KAFKA
        arn = given.get("EventSourceArn") or given.get("event_source_arn")
        if not arn and self.command == "update-event-source-mapping" and given.get("UUID"):
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
        if pending.kind == KIND_LIST and current == "" and not found.candidates and not found.files:
            return flags(context)  # after a list's items, an empty word asks what comes next
        return found
    if pending is not None and pending.kind == KIND_VALUE:
        return Completion()  # `--uuid --…`: argparse would reject the line whatever comes
    if current.startswith("--") and "=" in current:
        return _inline_value(current, context)
    if current.startswith("-"):
        return flags(context)
    if typed.command is None:
        return commands(typed)
    names = typed.command.positionals
    if len(typed.positionals) < len(names) and not names[len(typed.positionals)].endswith("..."):
        name = names[len(typed.positionals)]
        return Completion([(v, "") for v in typed.command.positional_values.get(name, ())])
    if current == "":
        return flags(context)
    return Completion()


def commands(typed: ParsedLine) -> Completion:
    """Command names; after ``lambda`` only the AWS ones, as ``aws lambda`` has no others."""
    found = [
        (name, entry[2])
        for name, entry in table.COMMANDS.items()
        if entry[4] or not typed.via_service_word
    ]
    if not typed.via_service_word:
        found.append((SERVICE_WORD, "Optional, as in `aws lambda <command>`"))
    return Completion(found)


def flags(context: Context) -> Completion:
    """Options not given yet (both spellings of a boolean pair), fit for the source typed."""
    found: list[tuple[str, str]] = []
    for option in options_in_force(context.typed):
        if option.hidden or (option.dest in context.given and not option.repeatable):
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
        position = context.given.get("StartingPosition")
        if position is not None and position != "AT_TIMESTAMP":
            return False
    return applicability.offered(option.dest, context.source)


def _inline_value(current: str, context: Context) -> Completion:
    """``--option=partial``: the option's values, each with the ``--option=`` in front."""
    name, _, partial = current.partition("=")
    assert context.typed.options is not None
    found = context.typed.options.resolve(name, partial=True)
    if found is None or found[0].kind in (KIND_BOOL, KIND_FLAG):
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
    given = context.given
    # On list-event-source-mappings the function and the source already given narrow the other.
    narrowing = context.command == "list-event-source-mappings"
    if option.values:
        choices: tuple[str, ...] = option.values
        if dest == "StartingPosition":
            if context.source is not None:
                choices = applicability.STARTING_POSITIONS.get(context.source, choices)
        chosen = given.get(dest) if option.kind == KIND_LIST else None
        found = [(v, "") for v in choices if not chosen or v not in chosen]
    elif dest == "profile":
        found = [(name, "") for name in values.profiles(context.env)]
    elif dest == "region":
        found = list(values.regions())
    elif dest in UUID_DESTS:
        # A typed prefix is looked up in the index, so any stored UUID completes (issue 16).
        found = known.uuid_candidates(known.with_uuid_prefix(given, context.env, current) if current else context.known)
    elif dest == "FunctionName":
        source = given.get("EventSourceArn") if narrowing else None
        found = known.function_candidates(context.known, as_arn=current.startswith("arn:"), source=source)
    elif dest in SOURCE_ARN_DESTS:
        function = given.get("FunctionName") if narrowing else None
        found = known.source_arn_candidates(context.known, function=function)
    elif dest in PATH_DESTS:
        return Completion(files=True)
    else:
        found = []
    if current or _takes_documents(option, given):
        # file:// works on every value (docs/design.md); offered unasked only where documents go.
        prefixes = [p for p in values.FILE_PREFIXES if p.startswith(current) and p != current]
        found += [(p, "Read the value from a file") for p in prefixes]
    return Completion(found)


def _takes_documents(option: Option, given: dict[str, Any]) -> bool:
    """A JSON or shorthand value (not a list of enum words, nor a list's next item)."""
    if option.values or (option.kind == KIND_LIST and given.get(option.dest)):
        return False
    return option.structured or option.dest in DOCUMENT_DESTS

"""Read a mappings file for plan and apply: the format ``esm validate --file`` reads, checked strictly.

Every problem is bad input (exit 252) and names the file, the entry and the member, before
anything is sent: an unknown member, a mapping with no function or no source, a value of
the wrong type, two entries for the same mapping (docs/deploy.md, "The mappings file").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from esm_cli import rules, spec
from esm_cli.deploy import defaults
from esm_cli.errors import ParamValidationError
from esm_cli.sources import Source, classify


@dataclass
class Entry:
    """One mapping the file asks for."""

    number: int  # 1-based position in the file
    request: dict[str, Any]  # a CreateEventSourceMapping request, values as sent on the wire
    source: Source | None

    @property
    def label(self) -> str:
        return f"entry {self.number} ({describe(self.request)})"


def describe(mapping: dict[str, Any]) -> str:
    """``function ← source`` for messages: the source's ARN, or a Kafka mapping's brokers and topics."""
    from esm_cli.arns import function_name_of

    function = mapping.get("FunctionName") or function_name_of(str(mapping.get("FunctionArn", "?")))
    source = mapping.get("EventSourceArn")
    if not source:
        servers = ((mapping.get("SelfManagedEventSource") or {}).get("Endpoints") or {}).get("KAFKA_BOOTSTRAP_SERVERS") or []
        source = ",".join(servers) or "?"
    topics = mapping.get("Topics")
    return f"{function} ← {source}" + (f" [{','.join(topics)}]" if topics else "")


def _fail(path: str, text: str) -> ParamValidationError:
    return ParamValidationError(f"{path}: {text}")


def _check_entry(path: str, number: int, mapping: dict[str, Any]) -> Entry:
    where = f"entry {number}"
    allowed = defaults.create_members()
    unknown = [key for key in mapping if key not in allowed]
    if unknown:
        raise _fail(
            path,
            f"{where}: unknown member {unknown[0]!r} (a mapping holds CreateEventSourceMapping's members, "
            "e.g. FunctionName, EventSourceArn, BatchSize).",
        )
    if not isinstance(mapping.get("FunctionName"), str) or not mapping["FunctionName"]:
        raise _fail(path, f"{where}: member 'FunctionName' is missing: every mapping names its function.")
    if classify(mapping) is None:
        raise _fail(path, f"{where} ({mapping['FunctionName']}): member 'EventSourceArn' (or 'SelfManagedEventSource') is missing.")
    from esm_cli.params import to_wire
    from esm_cli.params.client_validation import problems

    input_shape = spec.operation("CreateEventSourceMapping")["input"]
    found = problems(mapping, input_shape)
    if found:
        raise _fail(path, f"{where} ({describe(mapping)}): " + "; ".join(found))
    request = to_wire(mapping, input_shape)
    return Entry(number, request, classify(request))


def read_entries(path: str) -> list[Entry]:
    """The entries of the mappings file at ``path`` (a path, ``file://…`` or ``-``), checked."""
    from esm_cli.commands.inputs import file_text

    text = file_text(path, "--file")
    try:
        mappings = rules.load_mappings_file(text)
    except ParamValidationError as error:
        raise _fail(path, error.message) from None
    known = set(defaults.create_members())
    if len(mappings) == 1 and "mappings" in mappings[0]:
        others = ", ".join(sorted(k for k in mappings[0] if k != "mappings"))
        raise _fail(path, f"a mappings file has one top-level key, 'mappings'; found also: {others}.")
    if not any(known & set(mapping) for mapping in mappings):
        raise _fail(
            path,
            "not a mappings file: expected a top-level 'mappings:' list of CreateEventSourceMapping requests "
            "(FunctionName, EventSourceArn, …), as esm export writes it.",
        )
    entries = [_check_entry(path, number, mapping) for number, mapping in enumerate(mappings, 1)]
    _refuse_duplicates(path, entries)
    return entries


def _refuse_duplicates(path: str, entries: list[Entry]) -> None:
    """Two entries the service would see as the same mapping cannot both be applied."""
    from esm_cli.deploy.matching import function_key, same_mapping

    seen: dict[tuple[str, str | None], list[Entry]] = {}
    for entry in entries:
        key = function_key(entry.request["FunctionName"])
        for earlier in seen.get(key, []):
            if same_mapping(entry.source, entry.request, earlier.request):
                raise _fail(
                    path,
                    f"{entry.label} duplicates {earlier.label}: Lambda allows one mapping per function and source "
                    "(and topics, for Kafka). Merge the two entries.",
                )
        seen.setdefault(key, []).append(entry)

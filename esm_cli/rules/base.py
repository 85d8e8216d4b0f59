"""What a rule is, what it sees, and the small helpers every topic module shares.

A rule is data: a stable id, the sources and operations it applies to, AWS's error code and
message, a hint, its evidence, and one small ``check`` function that yields a ``Finding`` for
each place the request breaks it. The engine (``engine.py``) turns findings into violations and
orders them as AWS would report them; topic modules never sort or format anything themselves.
"""

from __future__ import annotations

import re
from enum import IntEnum
from types import MappingProxyType

from esm_cli.sources import EVERY_SOURCE, KAFKA, SQS, STREAMS, Source  # noqa: F401 - re-exported to the topic modules

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Mapping
    from typing import NamedTuple as Record
else:
    from esm_cli.record import Record

CREATE = "CreateEventSourceMapping"
UPDATE = "UpdateEventSourceMapping"
GET = "GetEventSourceMapping"
DELETE = "DeleteEventSourceMapping"
LIST_OPERATION = "ListEventSourceMappings"

ALL_OPERATIONS = (CREATE, UPDATE, GET, DELETE, LIST_OPERATION)
WRITE = frozenset({CREATE, UPDATE})
CREATE_ONLY = frozenset({CREATE})
UPDATE_ONLY = frozenset({UPDATE})

IPVE = "InvalidParameterValueException"
VALIDATION = "ValidationException"
NOT_FOUND = "ResourceNotFoundException"

# Source sets in the catalogue's vocabulary (docs/aws-facts.md#source-types).
MQ = frozenset({Source.MQ})
DOCDB = frozenset({Source.DOCUMENTDB})
MSK = frozenset({Source.MSK})
SMK = frozenset({Source.SELF_MANAGED_KAFKA})
FIFO = frozenset({Source.SQS_FIFO})
DDB = frozenset({Source.DYNAMODB})
STREAMS_AND_KAFKA = STREAMS | KAFKA


class Phase(IntEnum):
    """When AWS checks a rule relative to the others (docs/aws-facts.md#check-order).

    Violations are reported phase by phase, so the first one is what AWS would answer.
    """

    CLIENT = 0  # what the SDK refuses before sending (members an operation does not have)
    MODEL = 10  # the service framework's model validation: ValidationException, all at once
    ON_SUCCESS = 20  # DestinationConfig.OnSuccess, checked before the source and the function
    SOURCE = 30  # no event source / not an event source
    RESOURCE = 40  # resolving the function or the mapping (AWS looks these up next)
    SEMANTIC = 50  # per-source rules (their relative order is not recorded; ours is by topic)


# Order of topics inside the SEMANTIC phase. AWS's own order there is unknown (R-ORD-1 step 5);
# this follows LocalStack's validate_event_source_mapping where it overlaps (required Kafka
# members, batch size, starting position, batch window, filters) and puts "does this parameter
# apply at all" before the checks of its value.
TOPIC_RANK = {
    "model": 0,
    "update": 1,
    "sources": 2,
    "identifiers": 3,
    "kafka-required": 4,
    "applicability": 5,
    "batching": 6,
    "starting-position": 7,
    "streams": 8,
    "destinations": 9,
    "response-types": 10,
    "filters": 11,
    "scaling": 12,
    "pollers": 13,
    "observability": 14,
    "kafka": 15,
    "mq": 16,
    "documentdb": 17,
}


_NO_VALUES: Mapping[str, Any] = MappingProxyType({})


# The records below are NamedTuples, not dataclasses: the rules run on every command and
# importing dataclasses (inspect, ast, dis) would cost a read-only command a tenth of its time.


class Finding(Record):
    """One place a request breaks a rule.

    ``values`` fill ``<Name>`` placeholders in the rule's message and hint; model rules pass a
    ready ``message`` and the ValidationException ``detail`` instead. ``position`` orders
    findings of one rule (list indexes, model member order).
    """

    param: str
    values: Mapping[str, Any] = _NO_VALUES
    message: str | None = None
    hint: str | None = None
    path: str = ""
    detail: str = ""
    position: tuple[int, ...] = ()


class Context(Record):
    """What a rule sees: the request as sent and, for update, the merged configuration."""

    operation: str
    request: Mapping[str, Any]  # exactly what will be sent
    config: Mapping[str, Any]  # create: the request; update: stored mapping + the request (R-UPD-4)
    stored: Mapping[str, Any] | None
    source: Source | None  # None: the request names no source at all

    def sent(self, name: str) -> bool:
        """True when the request itself carries a non-neutral value for ``name`` (R-APP-3)."""
        return name in self.request and not is_neutral(self.request[name])

    def get(self, name: str, default: Any = None) -> Any:
        """A member of the effective (merged) configuration."""
        value = self.config.get(name)
        return default if value is None else value


if TYPE_CHECKING:
    Check = Callable[[Context], Iterable[Finding]]


class Rule(Record):
    """One documented AWS rule, as data plus one small check."""

    id: str  # stable: the catalogue id (R-BS-4), a sub-rule of it (R-KAF-4.oauth-scope) or M-… for model rules
    topic: str
    params: tuple[str, ...]  # API members concerned, e.g. ("BatchSize", "MaximumBatchingWindowInSeconds")
    code: str  # AWS error code
    message: str  # AWS's text; ``<Name>`` marks a value filled from the request
    hint: str  # what to do about it
    evidence: str  # catalogue label(s) and citation; says "message unknown" when the text is ours
    check: Check
    sources: frozenset[Source] | None = None  # None: regardless of source (even with none)
    # Also run when the source cannot be told (no source, unrecognised ARN, update without the
    # stored mapping): for value checks that hold whatever the source turns out to be.
    without_source: bool = False
    operations: frozenset[str] = WRITE
    phase: Phase = Phase.SEMANTIC
    verbatim: bool = False  # True when the message was recorded from AWS (not written by us)
    refs: tuple[str, ...] = ()  # catalogue ids this rule implements besides its id's own stem
    order: tuple[int, ...] = ()  # explicit rank inside the phase (model rules: member order)

    @property
    def catalogue_ids(self) -> tuple[str, ...]:
        """Catalogue ids covered: the ``R-XX-n`` stem of the id, plus ``refs``."""
        match = re.match(r"R-[A-Z]+-\d+", self.id)
        stem = (match.group(0),) if match else ()
        return tuple(dict.fromkeys(stem + self.refs))

    def sort_rank(self) -> tuple[Any, ...]:
        """The rule's place in listings (docs): phase, topic (or explicit order), id.

        The engine orders violations by a refinement of this (``engine._sort_key``).
        """
        return (int(self.phase), self.order or (TOPIC_RANK.get(self.topic, 99),), natural_key(self.id))


def natural_key(text: str) -> tuple[Any, ...]:
    """``R-BS-10`` after ``R-BS-9``: digits compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


# --- value helpers: rules see user input, so every access is type-guarded (never raise) -------


def is_neutral(value: Any) -> bool:
    """None, empty, or a structure of empties: what AWS treats as "not set" (R-APP-3).

    ``FilterCriteria: {"Filters": []}`` and ``DestinationConfig: {"OnFailure": {}}`` (the stream
    default AWS itself returns) are neutral; a 0 or a false is a value.
    """
    if value is None:
        return True
    if isinstance(value, (str, list, tuple)):
        return len(value) == 0
    if isinstance(value, dict):
        return all(is_neutral(v) for v in value.values())
    return False


def as_int(value: Any) -> int | None:
    """The value when it is an integer (bool excluded), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def lower_camel(name: str) -> str:
    """AWS's path spelling: only the first letter is lowered (``UUID`` → ``uUID``).

    That is the Coral framework's convention (``kMSKeyArn``, ``sSESpecification``), and what the
    recorded texts show for ordinary names (``startingPosition``, ``destinationConfig``).
    """
    return name[:1].lower() + name[1:]


def flag(name: str) -> str:
    """The CLI flag of an API member: ``BatchSize`` → ``--batch-size`` (botocore's xform_name)."""
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", name)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    return "--" + text.lower()


def source_access_types(config: Mapping[str, Any]) -> list[tuple[int, str, Any]]:
    """(index, Type, URI) of every SourceAccessConfigurations entry with a string Type."""
    found = []
    for index, entry in enumerate(as_list(config.get("SourceAccessConfigurations"))):
        entry = as_dict(entry)
        kind = as_str(entry.get("Type"))
        if kind:
            found.append((index, kind, entry.get("URI")))
    return found


def unsupported_message(param: str) -> str:
    """AWS's generic text for a parameter the source type does not take (R-APP-2)."""
    return f"Unsupported '{lower_camel(param)}' parameter for given event source mapping type."


def rule_maker(topic: str, **shared: Any) -> Callable[..., Rule]:
    """The rule constructor of one topic module, so that what its rules share is said once.

    ``make(id, params, check, sources, **fields)`` builds a ``Rule`` of ``topic`` with AWS's
    usual code (InvalidParameterValueException) and ``shared`` (e.g. ``operations``) unless
    ``fields`` say otherwise; ``params`` may be a single member name.
    """

    def make(
        rule_id: str, params: str | tuple[str, ...], check: Check, sources: frozenset[Source] | None = None, **fields: Any
    ) -> Rule:
        names = (params,) if isinstance(params, str) else params
        values = {"code": IPVE, **shared, **fields}
        return Rule(id=rule_id, topic=topic, params=names, check=check, sources=sources, **values)

    return make


def unsupported_rule(
    rule_id: str,
    param: str,
    *,
    topic: str,
    evidence: str,
    hint: str,
    operations: frozenset[str] = WRITE,
    refs: tuple[str, ...] = (),
    verbatim: bool = True,
) -> Rule:
    """A rule rejecting ``param`` (when sent with a non-neutral value) for the sources that do not take it.

    Which sources take which member is stated once, in ``esm_cli.applicability``.
    """
    from esm_cli.applicability import rejected_by_generic_rule

    def check(ctx: Context) -> Iterable[Finding]:
        if ctx.sent(param):
            yield Finding(param, {"source": ctx.source.label if ctx.source else ""})

    make = rule_maker(topic, operations=operations)
    return make(
        rule_id, param, check, rejected_by_generic_rule(param),
        message=unsupported_message(param), hint=hint, evidence=evidence,
        verbatim=verbatim,  # the template is AWS's (R-APP-2); False where the catalogue doubts AWS uses it
        refs=refs or ("R-APP-1", "R-APP-2"),  # plus the id's own stem (catalogue_ids)
    )

"""Compare a mappings file with what the backend holds: create, update, replace, delete.

A member absent from the file means the source's AWS default (``defaults.comparable``), so
removing a line resets it. A member UpdateEventSourceMapping cannot change (EventSourceArn,
StartingPosition, Topics, Queues, SelfManagedEventSource, a Kafka ConsumerGroupId or
ConsumptionMode …) makes the change a replace: delete, wait until gone, create.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from esm_cli.deploy import defaults
from esm_cli.deploy.mappings_file import Entry, describe
from esm_cli.deploy.matching import function_key, same_cluster, same_mapping
from esm_cli.sources import classify

# Inside these structures some members are fixed at create (the consumer group, the
# consumption mode) while others (the schema registry) can be updated.
_FIXED_INSIDE = {
    "AmazonManagedKafkaEventSourceConfig": ("ConsumerGroupId",),
    "SelfManagedKafkaEventSourceConfig": ("ConsumerGroupId", "ConsumptionMode"),
}


@dataclass
class MemberChange:
    name: str
    old: Any
    new: Any
    fixed: bool = False  # cannot be updated: forces a replace


@dataclass
class Change:
    """One mapping's fate; ``action`` is create, update, replace, delete or none."""

    action: str
    entry: Entry | None = None
    stored: dict[str, Any] | None = None
    members: list[MemberChange] = field(default_factory=list)
    update: dict[str, Any] | None = None  # the UpdateEventSourceMapping request (update only)
    tags_set: dict[str, str] = field(default_factory=dict)
    tags_unset: list[str] = field(default_factory=list)

    @property
    def uuid(self) -> str | None:
        return self.stored["UUID"] if self.stored else None

    @property
    def label(self) -> str:
        return describe(self.entry.request if self.entry else self.stored or {})

    def as_document(self) -> dict[str, Any]:
        """The change as data (``esm plan --output json``)."""
        document: dict[str, Any] = {"Action": self.action, "Mapping": self.label}
        if self.entry is not None:
            document["Entry"] = self.entry.number
        if self.uuid:
            document["UUID"] = self.uuid
        if self.members:
            document["Members"] = [
                {"Name": m.name, "Old": m.old, "New": m.new, **({"ForcesReplace": True} if m.fixed else {})}
                for m in self.members
            ]
        return document


def _fixed(name: str, old: Any, new: Any) -> bool:
    if name in _FIXED_INSIDE:
        return any((old or {}).get(k) != (new or {}).get(k) for k in _FIXED_INSIDE[name])
    return name not in defaults.update_members()


def compare(entry: Entry, stored: dict[str, Any], tags_now: dict[str, str] | None) -> Change:
    """The change that turns ``stored`` into what ``entry`` asks for (action "none" if nothing)."""
    uuid = stored["UUID"]
    source = entry.source
    want = defaults.comparable(entry.request, source, uuid)
    have = defaults.comparable(stored, classify(stored), uuid)
    members = [
        MemberChange(name, have.get(name), want.get(name), _fixed(name, have.get(name), want.get(name)))
        for name in defaults.create_members()
        if name not in defaults.NOT_CONFIG and want.get(name) != have.get(name)
    ]
    update: dict[str, Any] = {"UUID": uuid}
    for change in list(members):
        if change.fixed:
            continue
        if change.name in entry.request:
            update[change.name] = entry.request[change.name]
            continue
        known, value = defaults.reset_value(change.name, source)
        if known:
            update[change.name] = value
        else:
            # A setting the API cannot unset (a Kafka or MQ batching window, whose 500 ms default
            # has no value) is kept: replacing the mapping for it would lose its position.
            members.remove(change)
    enabled_now, enabled_wanted = defaults.is_enabled(stored), entry.request.get("Enabled", True)
    if enabled_now != enabled_wanted:
        members.append(MemberChange("Enabled", enabled_now, enabled_wanted))
        update["Enabled"] = enabled_wanted
    result = Change("none", entry=entry, stored=stored, members=members)
    if "Tags" in entry.request and tags_now is not None:
        wanted_tags = entry.request["Tags"] or {}
        result.tags_set = {k: v for k, v in wanted_tags.items() if tags_now.get(k) != v}
        result.tags_unset = [k for k in tags_now if k not in wanted_tags]
        if result.tags_set or result.tags_unset:
            members.append(MemberChange("Tags", tags_now, wanted_tags))
    if any(m.fixed for m in members):
        result.action = "replace"
    elif members:
        result.action = "update"
        result.update = update if len(update) > 1 else None
    return result


def plan(
    entries: list[Entry],
    stored: dict[tuple[str, str | None], list[dict[str, Any]]],
    tags_of: Callable[[dict[str, Any]], dict[str, str]],
    *,
    prune: bool,
) -> list[Change]:
    """Every change, in file order, then the deletes (``prune``) of unlisted mappings.

    ``stored`` holds the mappings of each function the file names (by ``function_key``);
    ``tags_of`` is asked only for matched mappings whose entry manages Tags.
    """
    changes: list[Change] = []
    taken: set[str] = set()
    pending: list[Entry] = []
    for entry in entries:
        candidates = stored.get(function_key(entry.request["FunctionName"]), [])
        match = next((m for m in candidates if m["UUID"] not in taken and same_mapping(entry.source, entry.request, m)), None)
        if match is None:
            pending.append(entry)
            continue
        taken.add(match["UUID"])
        changes.append(compare(entry, match, tags_of(match) if "Tags" in entry.request else None))
    for entry in pending:  # second pass: a Kafka mapping whose topics changed
        candidates = stored.get(function_key(entry.request["FunctionName"]), [])
        match = next((m for m in candidates if m["UUID"] not in taken and same_cluster(entry.source, entry.request, m)), None)
        if match is None:
            changes.append(Change("create", entry=entry))
            continue
        taken.add(match["UUID"])
        change = compare(entry, match, None)
        change.action = "replace"
        changes.append(change)
    changes.sort(key=lambda c: c.entry.number if c.entry else 0)
    if prune:
        for mappings in stored.values():
            changes.extend(Change("delete", stored=m) for m in mappings if m["UUID"] not in taken)
    return changes

"""What a member absent from a mappings file means: the source's AWS default.

The defaults themselves are the local backend's table (``esm_cli.backends.local.behaviour``),
the one place esm states what Lambda fills in per source; this module only derives from it
what deploy needs: a comparable form of a mapping, and the value an update sends to bring a
member back to its default (docs/deploy.md, "Absent means default").
"""

from __future__ import annotations

import copy
from typing import Any

from esm_cli import spec
from esm_cli.backends.local.behaviour import (
    CONSUMER_GROUP_CONFIG,
    DEFAULTS,
    POLLER_DEFAULTS,
)
from esm_cli.rules.engine import RESPONSE_ONLY
from esm_cli.sources import KAFKA, SQS, Source

# Request members that are not compared as configuration: the function is part of the
# match key, Enabled is compared with State, Tags are compared with ListTags.
NOT_CONFIG = frozenset({"FunctionName", "Enabled", "Tags"})

# What UpdateEventSourceMapping needs to remove a setting that has no default value
# (an empty structure removes ScalingConfig, FilterCriteria and the poller/metrics configs;
# a stream's failure destination is cleared with an empty Destination, as AWS documents; an
# empty OnFailure is refused, see docs/limits.md, "Removing a destination").
RESET: dict[str, Any] = {
    "ScalingConfig": {},
    "FilterCriteria": {},
    "ProvisionedPollerConfig": {},
    "MetricsConfig": {},
    "LoggingConfig": {},
    "DestinationConfig": {"OnFailure": {"Destination": ""}},
    "KMSKeyArn": "",
    "FunctionResponseTypes": [],
}


def create_members() -> tuple[str, ...]:
    """CreateEventSourceMapping's members, in model order: what a mappings file entry may hold."""
    return tuple(spec.shape(spec.operation("CreateEventSourceMapping")["input"])["members"])


def update_members() -> frozenset[str]:
    return frozenset(spec.shape(spec.operation("UpdateEventSourceMapping")["input"])["members"])


def defaults_for(source: Source | None) -> dict[str, Any]:
    """Request members Lambda fills in for ``source`` when they are left out."""
    return {k: copy.deepcopy(v) for k, v in DEFAULTS.get(source, {}).items() if k not in RESPONSE_ONLY}  # type: ignore[arg-type]


def _pruned(value: Any) -> Any:
    """``value`` without empty structures, lists and strings (they mean "not set")."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [], "", None)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def comparable(members: dict[str, Any], source: Source | None, uuid: str | None = None) -> dict[str, Any]:
    """A mapping's configuration with every default spelled out and every "not set" removed.

    Two mappings whose comparable forms are equal behave the same, whether a member was sent,
    echoed back with its default, or (as moto does) left out of the response.
    """
    known = set(create_members()) - NOT_CONFIG
    config = defaults_for(source)
    config.update({k: copy.deepcopy(v) for k, v in members.items() if k in known})
    moment = config.get("StartingPositionTimestamp")
    if hasattr(moment, "timestamp"):  # botocore parses it into a datetime; files and the local backend keep epoch seconds
        config["StartingPositionTimestamp"] = moment.timestamp()
    pollers = config.get("ProvisionedPollerConfig")
    family = "sqs" if source in SQS else "kafka" if source in KAFKA else None
    if pollers and family:
        config["ProvisionedPollerConfig"] = {**POLLER_DEFAULTS[family], **pollers}
    group_member = CONSUMER_GROUP_CONFIG.get(source)  # type: ignore[arg-type]
    if group_member and uuid and (config.get(group_member) or {}).get("ConsumerGroupId") == uuid:
        # The consumer group defaults to the mapping's UUID: that is "not set".
        config[group_member] = {k: v for k, v in config[group_member].items() if k != "ConsumerGroupId"}
    return _pruned(config)


def reset_value(member: str, source: Source | None) -> tuple[bool, Any]:
    """(True, value) an update sends to bring ``member`` back to its default; (False, None) if none."""
    # RESET first: some defaults read back in a form the API refuses when sent (a stream's
    # {"OnFailure": {}}), and RESET holds the form that removes the setting.
    if member in RESET:
        return True, copy.deepcopy(RESET[member])
    default = defaults_for(source)
    if member in default:
        return True, default[member]
    return False, None


def is_enabled(config: dict[str, Any]) -> bool:
    """Whether a stored mapping is (or is becoming) enabled, from its State."""
    return config.get("State") not in ("Disabled", "Disabling")

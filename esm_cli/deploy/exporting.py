"""Stored mappings as mappings-file entries: requests with API member names, defaults left out.

An entry holds what CreateEventSourceMapping would need to make the mapping again, minus every
member equal to the source's AWS default (``defaults.comparable`` decides), so applying the
export to the backend it came from changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from esm_cli.deploy import defaults
from esm_cli.sources import classify


def function_name(function_arn: str) -> str:
    """``arn:…:function:fn[:qualifier]`` → ``fn[:qualifier]``: the backend's own account and region."""
    from esm_cli.deploy.matching import function_key

    name, qualifier = function_key(function_arn)
    return f"{name}:{qualifier}" if qualifier else name


def iso_timestamp(seconds: Any) -> Any:
    """Epoch seconds (or a datetime botocore parsed) → ISO 8601 in UTC, as the file carries them."""
    if isinstance(seconds, datetime):
        moment = seconds.astimezone(timezone.utc)
    elif isinstance(seconds, (int, float)):
        moment = datetime.fromtimestamp(seconds, timezone.utc)
    else:
        return seconds
    return moment.isoformat().replace("+00:00", "Z")


def entry_for(config: dict[str, Any], tags: dict[str, str] | None = None) -> dict[str, Any]:
    """The mappings-file entry for a stored mapping."""
    source = classify(config)
    set_members = defaults.comparable(config, source, config.get("UUID"))
    default = defaults.comparable({}, source)
    entry: dict[str, Any] = {"FunctionName": function_name(str(config.get("FunctionArn", "")))}
    for name in defaults.create_members():
        if name in set_members and set_members[name] != default.get(name):
            entry[name] = config[name] if name in config else set_members[name]
            if name in ("AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"):
                entry[name] = set_members[name]  # without the consumer group when it is the default
    if not defaults.is_enabled(config):
        entry["Enabled"] = False
    if "StartingPositionTimestamp" in entry:
        entry["StartingPositionTimestamp"] = iso_timestamp(entry["StartingPositionTimestamp"])
    if tags:
        entry["Tags"] = dict(tags)
    return entry


def every_set_member(config: dict[str, Any]) -> dict[str, Any]:
    """Every configuration member the mapping has (defaults included): what templates spell out."""
    from esm_cli.deploy.defaults import _pruned

    members = {name: config[name] for name in defaults.create_members() if name in config and name not in defaults.NOT_CONFIG}
    return dict(_pruned(members))

"""What UpdateEventSourceMapping may not change (esm-rules.md §19, R-UPD-2/3).

The merged-configuration rule (R-UPD-4) is not here: the engine builds the merged view and
every other rule runs on it.
"""

from __future__ import annotations

from esm_cli.rules.base import (
    IPVE,
    UPDATE_ONLY,
    Context,
    Finding,
    Phase,
    Rule,
    as_dict,
    as_str,
    flag,
    lower_camel,
    source_access_types,
)

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Iterable

# Members of CreateEventSourceMappingRequest that UpdateEventSourceMappingRequest lacks [M].
CREATE_ONLY_MEMBERS = (
    "EventSourceArn",
    "StartingPosition",
    "StartingPositionTimestamp",
    "Tags",
    "Topics",
    "Queues",
    "SelfManagedEventSource",
)

_KAFKA_CONFIGS = ("AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig")


def _create_only(ctx: Context) -> Iterable[Finding]:
    for index, name in enumerate(CREATE_ONLY_MEMBERS):
        if ctx.request.get(name) is not None:
            yield Finding(name, {"param": name, "camel": lower_camel(name), "flag": flag(name)}, position=(index,))


def _stored_value(ctx: Context, config: str, member: str, default: Any = None) -> Any:
    stored = as_dict((ctx.stored or {}).get(config))
    return stored.get(member, default)


def _consumer_group(ctx: Context) -> Iterable[Finding]:
    if ctx.stored is None:
        return  # nothing to compare with: AWS compares against the mapping it holds
    for config in _KAFKA_CONFIGS:
        wanted = as_str(as_dict(ctx.request.get(config)).get("ConsumerGroupId"))
        current = as_str(_stored_value(ctx, config, "ConsumerGroupId"))
        if wanted is not None and current is not None and wanted != current:
            yield Finding(config, {"current": current, "wanted": wanted}, path=f"{lower_camel(config)}.consumerGroupId")


def _consumption_mode(ctx: Context) -> Iterable[Finding]:
    if ctx.stored is None:
        return
    config = "SelfManagedKafkaEventSourceConfig"
    wanted = as_str(as_dict(ctx.request.get(config)).get("ConsumptionMode"))
    current = as_str(_stored_value(ctx, config, "ConsumptionMode", "Stream")) or "Stream"
    if wanted is not None and wanted != current:
        yield Finding(config, {"current": current, "wanted": wanted}, path=f"{lower_camel(config)}.consumptionMode")


def _virtual_host(ctx: Context) -> Iterable[Finding]:
    for index, kind, _ in source_access_types(ctx.request):
        if kind == "VIRTUAL_HOST":
            yield Finding("SourceAccessConfigurations", position=(index,))


RULES = (
    Rule(
        id="R-UPD-2",
        topic="update",
        params=CREATE_ONLY_MEMBERS,
        code=IPVE,
        message="Unsupported '<camel>' parameter for UpdateEventSourceMapping: it can be set only when the event "
        "source mapping is created.",
        hint="<param> cannot be changed on an existing mapping. Delete the mapping and create a new one with the new "
        "value (create-event-source-mapping <flag> …).",
        evidence="[M] not a member of UpdateEventSourceMappingRequest; [D] msk-esm-parameters / kafka-esm-parameters "
        "\"Can set only on Create\"; [T] CFN createOnlyProperties. Message unknown: SDKs refuse unknown members "
        "before sending (botocore: `Unknown parameter in input`)",
        check=_create_only,
        operations=UPDATE_ONLY,
        phase=Phase.CLIENT,
        refs=("R-UPD-1", "R-UPD-2", "R-SRC-5", "R-SP-8", "R-KAF-8"),
    ),
    Rule(
        id="R-UPD-3.consumer-group",
        topic="update",
        params=_KAFKA_CONFIGS,
        code=IPVE,
        message="ConsumerGroupId cannot be updated after the event source mapping is created.",
        hint="Keep ConsumerGroupId '<current>' (or leave it out); to consume with group '<wanted>', create a new "
        "mapping.",
        evidence="[M] AmazonManagedKafkaEventSourceConfig/SelfManagedKafkaEventSourceConfig ConsumerGroupId doc "
        "(cannot be updated); [T] Terraform ForceNew. Message unknown",
        check=_consumer_group,
        operations=UPDATE_ONLY,
        refs=("R-UPD-3", "R-KAF-5"),
    ),
    Rule(
        id="R-UPD-3.consumption-mode",
        topic="update",
        params=("SelfManagedKafkaEventSourceConfig",),
        code=IPVE,
        message="ConsumptionMode cannot be updated after the event source mapping is created.",
        hint="This mapping consumes in <current> mode; to use <wanted> mode, create a new mapping.",
        evidence="[M] SelfManagedKafkaEventSourceConfig.ConsumptionMode: \"You cannot change ConsumptionMode after "
        "you create the event source mapping\". Message unknown",
        check=_consumption_mode,
        operations=UPDATE_ONLY,
        refs=("R-UPD-3", "R-KAF-6"),
    ),
    Rule(
        id="R-UPD-3.virtual-host",
        topic="update",
        params=("SourceAccessConfigurations",),
        code=IPVE,
        message="VIRTUAL_HOST cannot be specified in an UpdateEventSourceMapping API call.",
        hint="Leave the VIRTUAL_HOST entry out of --source-access-configurations on update; the virtual host is fixed "
        "when the mapping is created.",
        evidence="[M] SourceAccessType doc: VIRTUAL_HOST \"cannot be specified in an UpdateEventSourceMapping API "
        "call\" (the message is that sentence; AWS's text unknown)",
        check=_virtual_host,
        operations=UPDATE_ONLY,
        refs=("R-UPD-3", "R-MQ-2"),
    ),
)

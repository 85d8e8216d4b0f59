"""What UpdateEventSourceMapping may not change (docs/aws-facts.md#updates, R-UPD-2/3).

The merged-configuration rule (R-UPD-4) is not here: the engine builds the merged view and
every other rule runs on it.
"""

from __future__ import annotations

from esm_cli.rules.base import (
    UPDATE_ONLY, Context, Finding, Phase, as_dict, as_str, flag, lower_camel, rule_maker, source_access_types,
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


_rule = rule_maker("update", operations=UPDATE_ONLY)

RULES = (
    _rule(
        "R-UPD-2", CREATE_ONLY_MEMBERS, _create_only,
        phase=Phase.CLIENT, refs=("R-UPD-1", "R-UPD-2", "R-SRC-5", "R-SP-8", "R-KAF-8"),
        message="Unsupported '<camel>' parameter for UpdateEventSourceMapping: it can be set only when the event "
        "source mapping is created.",
        hint="<param> cannot be changed on an existing mapping. Delete the mapping and create a new one with the new "
        "value (create-event-source-mapping <flag> …).",
        evidence="[M] not a member of UpdateEventSourceMappingRequest; [D] msk-esm-parameters / kafka-esm-parameters "
        "\"Can set only on Create\"; [T] CFN createOnlyProperties. Message unknown: SDKs refuse unknown members "
        "before sending (botocore: `Unknown parameter in input`)",
    ),
    _rule(
        "R-UPD-3.consumer-group", _KAFKA_CONFIGS, _consumer_group, refs=("R-UPD-3", "R-KAF-5"),
        message="ConsumerGroupId cannot be updated after the event source mapping is created.",
        hint="Keep ConsumerGroupId '<current>' (or leave it out); to consume with group '<wanted>', create a new "
        "mapping.",
        evidence="[M] AmazonManagedKafkaEventSourceConfig/SelfManagedKafkaEventSourceConfig ConsumerGroupId doc "
        "(cannot be updated); [T] Terraform ForceNew. Message unknown",
    ),
    _rule(
        "R-UPD-3.consumption-mode", "SelfManagedKafkaEventSourceConfig", _consumption_mode, refs=("R-UPD-3", "R-KAF-6"),
        message="ConsumptionMode cannot be updated after the event source mapping is created.",
        hint="This mapping consumes in <current> mode; to use <wanted> mode, create a new mapping.",
        evidence="[M] SelfManagedKafkaEventSourceConfig.ConsumptionMode: \"You cannot change ConsumptionMode after "
        "you create the event source mapping\". Message unknown",
    ),
    _rule(
        "R-UPD-3.virtual-host", "SourceAccessConfigurations", _virtual_host, refs=("R-UPD-3", "R-MQ-2"),
        message="VIRTUAL_HOST cannot be specified in an UpdateEventSourceMapping API call.",
        hint="Leave the VIRTUAL_HOST entry out of --source-access-configurations on update; the virtual host is fixed "
        "when the mapping is created.",
        evidence="[M] SourceAccessType doc: VIRTUAL_HOST \"cannot be specified in an UpdateEventSourceMapping API "
        "call\" (the message is that sentence; AWS's text unknown)",
    ),
)

"""How the Lambda service shapes a mapping: the defaults it fills in, its states and its conflict texts.

Facts from docs/aws-facts.md (#duplicates, #states and #defaults), recorded against real AWS; the empty
destination and the DocumentDB FullDocument default are settled in docs/limits.md.
"""

from __future__ import annotations

import copy

from esm_cli import spec
from esm_cli.pretty_json import PrettyJson, scalar, with_scalar
from esm_cli.sources import KAFKA, SQS, STREAMS, Source

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

# Response members filled in when the request leaves them out (R-DEF-1).
_STREAM_DEFAULTS: dict[str, Any] = {
    "BatchSize": 100,
    "MaximumBatchingWindowInSeconds": 0,
    "ParallelizationFactor": 1,
    "MaximumRecordAgeInSeconds": -1,
    "BisectBatchOnFunctionError": False,
    "MaximumRetryAttempts": -1,
    "TumblingWindowInSeconds": 0,
    "DestinationConfig": {"OnFailure": {}},
    "FunctionResponseTypes": [],
    "LastProcessingResult": "No records processed",
}
DEFAULTS: dict[Source, dict[str, Any]] = {
    Source.SQS_STANDARD: {"BatchSize": 10, "MaximumBatchingWindowInSeconds": 0, "FunctionResponseTypes": []},
    Source.SQS_FIFO: {"BatchSize": 10, "MaximumBatchingWindowInSeconds": 0, "FunctionResponseTypes": []},
    Source.KINESIS: _STREAM_DEFAULTS,
    Source.KINESIS_CONSUMER: _STREAM_DEFAULTS,
    Source.DYNAMODB: _STREAM_DEFAULTS,
    # Kafka, MQ and DocumentDB batch for 500 ms by default, which the API cannot express,
    # so MaximumBatchingWindowInSeconds stays absent (R-BW-2).
    Source.SELF_MANAGED_KAFKA: {
        "BatchSize": 100,
        "StartingPosition": "TRIM_HORIZON",
        "LastProcessingResult": "No records processed",
    },
    Source.MSK: {
        "BatchSize": 100,
        "MaximumRecordAgeInSeconds": -1,
        "BisectBatchOnFunctionError": False,
        "MaximumRetryAttempts": -1,
        "LastProcessingResult": "No records processed",
    },
    Source.MQ: {"BatchSize": 100},
    Source.DOCUMENTDB: {"BatchSize": 100},
    Source.UNKNOWN: {"BatchSize": 100},
}

# ProvisionedPollerConfig members defaulted when the config is sent (R-PPC-2/3).
POLLER_DEFAULTS = {
    "sqs": {"MinimumPollers": 2, "MaximumPollers": 200},
    "kafka": {"MinimumPollers": 1, "MaximumPollers": 200},
}

# Where each Kafka flavour keeps its consumer group; it defaults to the mapping's UUID (R-KAF-5).
CONSUMER_GROUP_CONFIG = {
    Source.MSK: "AmazonManagedKafkaEventSourceConfig",
    Source.SELF_MANAGED_KAFKA: "SelfManagedKafkaEventSourceConfig",
}

# Request members that are not configuration members of the same name.
NOT_COPIED = frozenset({"UUID", "FunctionName", "Enabled", "Tags"})

TRANSITIONAL_STATES = frozenset({"Creating", "Enabling", "Disabling", "Updating", "Deleting"})


def transition_reason(source: Source | None) -> str:
    """StateTransitionReason as recorded: streams say "User action", the rest "USER_INITIATED" (R-STATE-5)."""
    return "User action" if source in STREAMS else "USER_INITIATED"


def in_model_order(config: dict[str, Any]) -> dict[str, Any]:
    """Order members as botocore's parser does: the output shape's member order."""
    members = spec.shape("EventSourceMappingConfiguration")["members"]
    return {name: config[name] for name in members if name in config}


def _without_empty_filters(config: dict[str, Any]) -> None:
    # An empty filter list clears the criteria; the response then omits them (R-FLT-6).
    criteria = config.get("FilterCriteria")
    if criteria is not None and not criteria.get("Filters"):
        del config["FilterCriteria"]


def _fill_documentdb_defaults(config: dict[str, Any], source: Source | None) -> None:
    # Lambda answers FullDocument "Default" when the request leaves it out (docs/limits.md).
    documentdb = config.get("DocumentDBEventSourceConfig")
    if source is Source.DOCUMENTDB and isinstance(documentdb, dict) and "FullDocument" not in documentdb:
        config["DocumentDBEventSourceConfig"] = {**documentdb, "FullDocument": "Default"}


def _fill_poller_defaults(config: dict[str, Any], source: Source | None) -> None:
    pollers = config.get("ProvisionedPollerConfig")
    family = "sqs" if source in SQS else "kafka" if source in KAFKA else None
    if pollers is not None and family and pollers:
        config["ProvisionedPollerConfig"] = {**POLLER_DEFAULTS[family], **pollers}


def created_config(
    request: dict[str, Any], *, uuid: str, source: Source | None, function_arn: str, mapping_arn: str, now: float
) -> dict[str, Any]:
    """The configuration CreateEventSourceMapping returns for ``request``."""
    config: dict[str, Any] = {k: copy.deepcopy(v) for k, v in request.items() if k not in NOT_COPIED}
    for name, value in DEFAULTS.get(source, {}).items():  # type: ignore[arg-type]
        config.setdefault(name, copy.deepcopy(value))
    if source in CONSUMER_GROUP_CONFIG:
        member = CONSUMER_GROUP_CONFIG[source]
        config[member] = {"ConsumerGroupId": uuid, **config.get(member, {})}
    _without_empty_filters(config)
    _fill_poller_defaults(config, source)
    _fill_documentdb_defaults(config, source)
    enabled = request.get("Enabled", True)
    config.update(
        UUID=uuid,
        FunctionArn=function_arn,
        LastModified=now,
        # Created disabled, a mapping is Disabled at once; otherwise it is Creating (R-STATE-1/2).
        State="Creating" if enabled else "Disabled",
        StateTransitionReason=transition_reason(source),
        EventSourceMappingArn=mapping_arn,
    )
    return in_model_order(config)


def updated_config(
    current: dict[str, Any], changes: dict[str, Any], *, source: Source | None, was_enabled: bool, now: float
) -> dict[str, Any]:
    """The configuration UpdateEventSourceMapping returns: ``current`` with ``changes`` applied."""
    config = copy.deepcopy(current)
    for name, value in changes.items():
        if name in NOT_COPIED:
            continue
        if value == {} and name in ("ScalingConfig", "FilterCriteria", "ProvisionedPollerConfig", "MetricsConfig"):
            config.pop(name, None)  # an empty value removes the setting (R-UPD-7)
        elif name == "DestinationConfig" and not (value.get("OnFailure") or {}).get("Destination"):
            # No destination, or "" (how AWS documents removing one): streams read back the empty
            # husk they are created with; other sources have no DestinationConfig at all
            # (docs/limits.md, "What AWS returns").
            if source in STREAMS:
                config[name] = {"OnFailure": {}}
            else:
                config.pop(name, None)
        else:
            config[name] = copy.deepcopy(value)
    _without_empty_filters(config)
    _fill_poller_defaults(config, source)
    _fill_documentdb_defaults(config, source)
    enabled = changes.get("Enabled", was_enabled)
    if enabled != was_enabled:
        config["State"] = "Enabling" if enabled else "Disabling"  # R-STATE-3
    else:
        config["State"] = "Updating"
    config["LastModified"] = now
    return in_model_order(config)


def settle(config: dict[str, Any], enabled: bool) -> None:
    """Complete a transition in place (Creating, Updating, ... become Enabled or Disabled), as a later read sees it."""
    state = config.get("State")
    if type(state) is str and state in TRANSITIONAL_STATES:
        config["State"] = "Enabled" if enabled else "Disabled"


def settled_text(written: PrettyJson, enabled: bool) -> PrettyJson:
    """``settle`` for a mapping still in its stored text (a json listing prints it undecoded)."""
    found = scalar(written, "State")
    if found is not None and type(found[0]) is str and found[0] in TRANSITIONAL_STATES:
        return with_scalar(written, found[1], found[2], "Enabled" if enabled else "Disabled")
    return written


def settled(config: dict[str, Any], enabled: bool) -> dict[str, Any]:
    """The mapping as a later read sees it: transitions have completed (``config`` is left as it was)."""
    state = config.get("State")
    if type(state) is str and state in TRANSITIONAL_STATES:
        config = dict(config)
        settle(config, enabled)
    return config


def conflict_message(
    source: Source | None, request: dict[str, Any], function_arn: str, existing_uuid: str
) -> str:
    """ResourceConflictException text for a second mapping of the same function and source (R-DUP)."""
    tail = f" already exists. Please update or delete the existing mapping with UUID {existing_uuid}"
    function_given = request.get("FunctionName", function_arn)
    arn = request.get("EventSourceArn", "")
    if source in SQS:
        return f'An event source mapping with SQS arn (" {arn} ") and function (" {function_given} "){tail}'
    if source in KAFKA:
        brokers = brokers_of(request) if source is Source.SELF_MANAGED_KAFKA else [arn]
        topics = ",".join(request.get("Topics", []))
        return (
            f'An event source mapping with event source ("{",".join(brokers)}"), function ("{function_arn}"), '
            f'topics ("{topics}"){tail}'
        )
    # Kinesis and DynamoDB text as recorded; MQ and DocumentDB texts are not recorded, so they share it.
    return f'The event source arn (" {arn} ") and function (" {function_given} ") provided mapping{tail}'


def brokers_of(config: dict[str, Any]) -> list[str]:
    """Bootstrap servers of a self-managed Kafka mapping."""
    endpoints = (config.get("SelfManagedEventSource") or {}).get("Endpoints") or {}
    return list(endpoints.get("KAFKA_BOOTSTRAP_SERVERS", []))


def conflicts(source: Source | None, request: dict[str, Any], existing: dict[str, Any]) -> bool:
    """Whether ``existing`` (same function) blocks a new mapping for ``request`` (R-DUP-1…4)."""
    if source is Source.SELF_MANAGED_KAFKA:
        # Same function, same topic and any bootstrap server in common (R-DUP-3).
        return bool(set(brokers_of(request)) & set(brokers_of(existing))) and set(request.get("Topics", [])) == set(
            existing.get("Topics", [])
        )
    if request.get("EventSourceArn") != existing.get("EventSourceArn"):
        return False
    if source is Source.MSK:
        return set(request.get("Topics", [])) == set(existing.get("Topics", []))
    return True

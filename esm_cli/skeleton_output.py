"""``--generate-cli-skeleton output`` and ``yaml-input``, built from the spec snapshot.

``output``: AWS stubs the call with a response whose every string is its member name, which
fails botocore's own validation for these operations (docs/aws-cli-behaviour.md#skeletons), so ``aws`` prints
an error instead. esm prints a sample that is valid against the model: every member of the
response present, in model order, with realistic values inside each length, range,
pattern and enum. It is returned in wire shape (timestamps as epoch numbers) so the CLI
renders it through ``esm_cli.output.render`` like any response.

``yaml-input``: the text v2 writes with ruamel's round-trip dumper: members in model order
with the JSON skeleton's values ('' / 0 / true / first enum value / ``1970-01-01 00:00:00``
/ map key ``KeyName``), sequences not indented under their key, and an end-of-line comment
per member: ``[REQUIRED]``, the first sentence of its documentation and, for enums,
``Valid values are: A, B.``. ruamel puts that comment one space after the value when it can
copy the column of an earlier comment in the same mapping, and two spaces otherwise (so the
first member of every mapping gets two).
"""

from __future__ import annotations

import re
from typing import Any

from esm_cli import spec

_ACCOUNT = "123456789012"
_REGION = "us-east-1"
_UUID = "6d9bce8e-836b-442c-8070-74e77903c815"
_WHEN = 1735689600.0  # 2025-01-01T00:00:00Z, as Lambda sends it (epoch seconds)

_STATES = {
    "CreateEventSourceMapping": "Creating",
    "UpdateEventSourceMapping": "Updating",
    "DeleteEventSourceMapping": "Deleting",
}

# Realistic values, by "Structure.Member"; members not listed get a generic valid value.
_SAMPLES: dict[str, Any] = {
    "EventSourceMappingConfiguration.UUID": _UUID,
    "EventSourceMappingConfiguration.StartingPosition": "AT_TIMESTAMP",
    "EventSourceMappingConfiguration.StartingPositionTimestamp": _WHEN,
    "EventSourceMappingConfiguration.BatchSize": 100,
    "EventSourceMappingConfiguration.MaximumBatchingWindowInSeconds": 1,
    "EventSourceMappingConfiguration.ParallelizationFactor": 1,
    "EventSourceMappingConfiguration.EventSourceArn": f"arn:aws:kinesis:{_REGION}:{_ACCOUNT}:stream/orders",
    "Filter.Pattern": '{"data": {"status": ["active"]}}',
    "FilterCriteriaError.ErrorCode": "InvalidParameterValueException",
    "FilterCriteriaError.Message": "Unable to decrypt the filter criteria.",
    "EventSourceMappingConfiguration.KMSKeyArn": (
        f"arn:aws:kms:{_REGION}:{_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    ),
    "EventSourceMappingMetricsConfig.Metrics": ["EventCount"],
    "EventSourceMappingLoggingConfig.SystemLogLevel": "INFO",
    "ScalingConfig.MaximumConcurrency": 2,
    "EventSourceMappingConfiguration.FunctionArn": f"arn:aws:lambda:{_REGION}:{_ACCOUNT}:function:process-orders",
    "EventSourceMappingConfiguration.LastModified": _WHEN,
    "EventSourceMappingConfiguration.LastProcessingResult": "No records processed",
    "EventSourceMappingConfiguration.State": "Enabled",
    "EventSourceMappingConfiguration.StateTransitionReason": "USER_INITIATED",
    "OnSuccess.Destination": f"arn:aws:sqs:{_REGION}:{_ACCOUNT}:orders-processed",
    "OnFailure.Destination": f"arn:aws:sqs:{_REGION}:{_ACCOUNT}:orders-failed",
    "EventSourceMappingConfiguration.Topics": ["orders"],
    "EventSourceMappingConfiguration.Queues": ["orders"],
    "SourceAccessConfiguration.Type": "BASIC_AUTH",
    "SourceAccessConfiguration.URI": f"arn:aws:secretsmanager:{_REGION}:{_ACCOUNT}:secret:broker-credentials",
    "SelfManagedEventSource.Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["broker-1.example.com:9092"]},
    "EventSourceMappingConfiguration.MaximumRecordAgeInSeconds": -1,
    "EventSourceMappingConfiguration.BisectBatchOnFunctionError": False,
    "EventSourceMappingConfiguration.MaximumRetryAttempts": -1,
    "EventSourceMappingConfiguration.TumblingWindowInSeconds": 0,
    "EventSourceMappingConfiguration.FunctionResponseTypes": ["ReportBatchItemFailures"],
    "AmazonManagedKafkaEventSourceConfig.ConsumerGroupId": "orders-consumers",
    "SelfManagedKafkaEventSourceConfig.ConsumerGroupId": "orders-consumers",
    "KafkaSchemaRegistryConfig.SchemaRegistryURI": f"arn:aws:glue:{_REGION}:{_ACCOUNT}:registry/orders",
    "KafkaSchemaRegistryAccessConfig.URI": f"arn:aws:secretsmanager:{_REGION}:{_ACCOUNT}:secret:registry-credentials",
    "KafkaSchemaValidationConfig.Attribute": "VALUE",
    "DocumentDBEventSourceConfig.DatabaseName": "shop",
    "DocumentDBEventSourceConfig.CollectionName": "orders",
    "DocumentDBEventSourceConfig.FullDocument": "Default",
    "EventSourceMappingConfiguration.EventSourceMappingArn": (
        f"arn:aws:lambda:{_REGION}:{_ACCOUNT}:event-source-mapping:{_UUID}"
    ),
    "ProvisionedPollerConfig.MinimumPollers": 1,
    "ProvisionedPollerConfig.MaximumPollers": 10,
    "ProvisionedPollerConfig.PollerGroupName": "orders-pollers",
}


def _generic(shape_name: str, member_name: str) -> Any:
    """A valid value for a member no sample covers (new members after a model update)."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "string":
        if entry.get("enum"):
            return entry["enum"][0]
        # The member's name, padded or cut to the length range (patterned strings need a sample).
        shortest, longest = int(entry.get("min", 0)), int(entry.get("max", 10**6))
        return member_name.ljust(shortest, "-")[:longest]
    if kind in ("integer", "long"):
        return min(max(1, int(entry.get("min", 1))), int(entry.get("max", 1)))  # 1, clamped to the range
    if kind in ("float", "double"):
        return float(entry.get("min", 1.0))
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return _WHEN
    return None


def _sample(shape_name: str, key: str, member_name: str, stack: tuple[str, ...]) -> Any:
    if key in _SAMPLES:
        return _SAMPLES[key]
    entry = spec.shape(shape_name)
    if entry["type"] == "structure":
        return _sample_structure(shape_name, stack)
    if entry["type"] == "list":
        return [_sample(entry["member"], "", member_name, stack)]
    if entry["type"] == "map":
        return {}
    return _generic(shape_name, member_name)


def _sample_structure(shape_name: str, stack: tuple[str, ...]) -> dict[str, Any]:
    if shape_name in stack:
        return {}
    result = {}
    for member_name, member in spec.shape(shape_name)["members"].items():
        result[member_name] = _sample(member["shape"], f"{shape_name}.{member_name}", member_name, stack + (shape_name,))
    return result


def output_skeleton(operation_api_name: str) -> dict[str, Any]:
    """A model-valid sample response for ``--generate-cli-skeleton output`` (wire shape)."""
    output_shape = spec.operation(operation_api_name)["output"]
    mapping = _sample_structure("EventSourceMappingConfiguration", ())
    mapping["State"] = _STATES.get(operation_api_name, "Enabled")
    if output_shape == "EventSourceMappingConfiguration":
        return mapping
    # The listing, as the paginator merges it: the result key only (no NextMarker).
    result_key = spec.operation(operation_api_name)["paginator"]["result_key"]
    return {result_key: [mapping]}


# --- yaml-input -------------------------------------------------------------------------

_PLAIN_UNSAFE = re.compile(
    r"^(?:true|True|TRUE|false|False|FALSE|~|null|Null|NULL|[-+.0-9].*)$|^$|[:#\[\]{},&*!|>'\"%@`\s]"
)


def _yaml_scalar(value: Any) -> str:
    if value is True:
        return "true"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN_UNSAFE.search(text):
        return "'" + text.replace("'", "''") + "'"
    return text


def _comment(structure: str, member_name: str, member: dict[str, Any], required: bool) -> str:
    from esm_cli.output.skeleton_docs import OVERVIEWS

    parts = ["[REQUIRED]"] if required else []
    parts.append(OVERVIEWS.get(f"{structure}.{member_name}", member.get("doc", "")))
    enum = spec.shape(member["shape"]).get("enum")
    if enum:
        parts.append("Valid values are: {}.".format(", ".join(enum)))
    text = " ".join(parts)
    return "" if not text or text.isspace() else text


class _YamlWriter:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def mapping(self, shape_name: str, value: dict[str, Any], indent: int, first_prefix: str | None) -> None:
        """A commented mapping; ``first_prefix`` replaces the first line's indent (``- `` in lists)."""
        entry = spec.shape(shape_name)
        commented: list[str] = []
        keys = list(value)
        for position, name in enumerate(keys):
            member = entry["members"][name]
            comment = _comment(shape_name, name, member, name in entry.get("required", []))
            lead = first_prefix if (position == 0 and first_prefix is not None) else " " * indent
            # ruamel copies the column of the previous key's comment, else of an earlier key
            # (scanned in insertion order, stopping at the first key sorting >= this one).
            found = position > 0 and keys[position - 1] in commented
            if not found:
                for earlier in keys[:position]:
                    if earlier >= name:
                        break
                    if earlier in commented:
                        found = True
            gap = " " if found else "  "
            tail = f"{gap}# {comment}" if comment else ""
            if comment:
                commented.append(name)
            self.member(member["shape"], name, value[name], lead, indent, tail)

    def member(self, shape_name: str, name: str, value: Any, lead: str, indent: int, tail: str) -> None:
        kind = spec.shape(shape_name)["type"]
        if kind == "structure" and value:
            self.lines.append(f"{lead}{name}:{tail}")
            self.mapping(shape_name, value, indent + 2, None)
        elif kind == "list":
            self.lines.append(f"{lead}{name}:{tail}")
            self.sequence(shape_name, value, indent)
        elif kind == "map":
            self.lines.append(f"{lead}{name}:{tail}")
            self.plain_map(shape_name, value, indent + 2)
        elif kind == "structure":
            self.lines.append(f"{lead}{name}: {{}}{tail}")
        elif kind == "timestamp":
            # The skeleton holds datetime(1970, 1, 1), which ruamel writes unquoted.
            self.lines.append(f"{lead}{name}: 1970-01-01 00:00:00{tail}")
        else:
            self.lines.append(f"{lead}{name}: {_yaml_scalar(value)}{tail}")

    def sequence(self, shape_name: str, items: list[Any], indent: int) -> None:
        member_shape = spec.shape(shape_name)["member"]
        for item in items:
            if spec.shape(member_shape)["type"] == "structure" and item:
                self.mapping(member_shape, item, indent + 2, " " * indent + "- ")
            else:
                self.lines.append(" " * indent + "- " + _yaml_scalar(item))

    def plain_map(self, shape_name: str, value: dict[str, Any], indent: int) -> None:
        # Maps are plain dicts in v2's generator: no comments.
        value_shape = spec.shape(shape_name)["value"]
        kind = spec.shape(value_shape)["type"]
        for key, item in value.items():
            if kind == "list":
                self.lines.append(" " * indent + f"{key}:")
                self.sequence(value_shape, item, indent)
            elif kind == "structure" and item:
                self.lines.append(" " * indent + f"{key}:")
                self.mapping(value_shape, item, indent + 2, None)
            else:
                self.lines.append(" " * indent + f"{key}: {_yaml_scalar(item)}")


def yaml_input_skeleton(operation_api_name: str) -> str:
    """``--generate-cli-skeleton yaml-input`` for an operation, as v2 prints it."""
    input_shape = spec.operation(operation_api_name)["input"]
    from esm_cli.skeleton import placeholder

    value = placeholder(input_shape)
    if not value:
        return "{}\n"
    writer = _YamlWriter()
    writer.mapping(input_shape, value, 0, None)
    return "\n".join(writer.lines) + "\n"

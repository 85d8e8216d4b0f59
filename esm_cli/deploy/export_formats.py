"""Mappings as CloudFormation resources or Terraform blocks, with every member that is set.

CloudFormation: ``AWS::Lambda::EventSourceMapping`` (property names are the API's but for
``KmsKeyArn``, ``Endpoints.KafkaBootstrapServers`` and ``Tags`` as a Key/Value list). Terraform:
``aws_lambda_event_source_mapping`` (snake_case arguments, nested blocks, one ``filter`` block
per pattern, RFC 3339 ``starting_position_timestamp``). See docs/deploy.md, "Export".
"""

from __future__ import annotations

import json
import re
from typing import Any

from esm_cli.deploy.defaults import is_enabled
from esm_cli.deploy.exporting import every_set_member, iso_timestamp
from esm_cli.deploy.mappings_file import describe


def _names(configs: list[dict[str, Any]], style: str) -> list[str]:
    """Readable, unique resource names: function and source, e.g. ``Fn1Q1`` / ``fn1_q1``."""
    names: list[str] = []
    for config in configs:
        label = describe(config).replace("←", " ")
        words = [w for w in re.split(r"[^A-Za-z0-9]+", label.split(" ", 1)[0] + " " + label.rsplit(":", 1)[-1]) if w]
        base = "".join(w[:1].upper() + w[1:] for w in words) if style == "cfn" else "_".join(w.lower() for w in words)
        if style == "tf" and not base[:1].isalpha():
            base = "m_" + base
        base = ("Mapping" + base)[:200] if style == "cfn" else base[:200]
        name, n = base, 2
        while name in names:
            name, n = f"{base}{n}" if style == "cfn" else f"{base}_{n}", n + 1
        names.append(name)
    return names


# -- CloudFormation -------------------------------------------------------------------------
def _cfn_properties(config: dict[str, Any], tags: dict[str, str]) -> dict[str, Any]:
    props: dict[str, Any] = {"FunctionName": config["FunctionArn"]}
    for name, value in every_set_member(config).items():
        if name == "KMSKeyArn":
            props["KmsKeyArn"] = value
        elif name == "SelfManagedEventSource":
            servers = (value.get("Endpoints") or {}).get("KAFKA_BOOTSTRAP_SERVERS", [])
            props[name] = {"Endpoints": {"KafkaBootstrapServers": servers}}
        elif name == "StartingPositionTimestamp":  # CloudFormation takes epoch seconds
            props[name] = value.timestamp() if hasattr(value, "timestamp") else value
        else:
            props[name] = value
    props["Enabled"] = is_enabled(config)
    if tags:
        props["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    return props


def cloudformation(configs: list[dict[str, Any]], tags: list[dict[str, str]]) -> dict[str, Any]:
    resources = {
        name: {"Type": "AWS::Lambda::EventSourceMapping", "Properties": _cfn_properties(config, tag)}
        for name, config, tag in zip(_names(configs, "cfn"), configs, tags)
    }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Event source mappings exported by esm",
        "Resources": resources,
    }


# -- Terraform ------------------------------------------------------------------------------
# Lists of structures whose Terraform block is named in the singular.
_BLOCK_NAMES = {
    "Filters": "filter",
    "SourceAccessConfigurations": "source_access_configuration",
    "AccessConfigs": "access_config",
    "SchemaValidationConfigs": "schema_validation_config",
}
_MAP_ATTRIBUTES = frozenset({"Endpoints"})


def snake(name: str) -> str:
    """``MaximumBatchingWindowInSeconds`` → ``maximum_batching_window_in_seconds``, ``KMSKeyArn`` → ``kms_key_arn``."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def _hcl_string(text: str) -> str:
    # JSON escaping is HCL's, plus the template sequences HCL would interpolate.
    return json.dumps(text, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


def _hcl_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_hcl_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_hcl_string(k)} = {_hcl_value(v)}" for k, v in value.items()) + " }"
    return _hcl_string(str(value))


class _Map(dict):  # type: ignore[type-arg]
    """A map-typed argument (``name = { … }``), not a nested block."""


def _tf_body(members: dict[str, Any]) -> dict[str, Any]:
    """API members → Terraform arguments: snake_case, nested blocks as dicts, repeated blocks as lists."""
    body: dict[str, Any] = {}
    for name, value in members.items():
        if name in _MAP_ATTRIBUTES:  # Endpoints: a map of comma-joined strings
            body[snake(name)] = _Map({k: ",".join(v) if isinstance(v, list) else v for k, v in value.items()})
        elif name == "DestinationConfig":  # the provider names the destination destination_arn
            body["destination_config"] = {
                snake(k): {"destination_arn": v["Destination"]} if "Destination" in v else _tf_body(v) for k, v in value.items()
            }
        elif isinstance(value, dict):
            body[snake(name)] = _tf_body(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            body[_BLOCK_NAMES.get(name, snake(name))] = [_tf_body(item) for item in value]
        else:
            body[snake(name)] = value
    return body


def _tf_resources(configs: list[dict[str, Any]], tags: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    resources = {}
    for name, config, tag in zip(_names(configs, "tf"), configs, tags):
        members: dict[str, Any] = {"FunctionName": config["FunctionArn"]}
        for member, value in every_set_member(config).items():
            members[member] = iso_timestamp(value) if member == "StartingPositionTimestamp" else value
        members["Enabled"] = is_enabled(config)
        body = _tf_body(members)
        if tag:
            body["tags"] = _Map(tag)
        resources[name] = body
    return resources


def _hcl_lines(body: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for name, value in body.items():
        blocks = [value] if isinstance(value, dict) and not isinstance(value, _Map) else value
        if isinstance(blocks, list) and blocks and all(isinstance(b, dict) and not isinstance(b, _Map) for b in blocks):
            for block in blocks:
                lines.extend([f"{indent}{name} {{", *_hcl_lines(block, indent + "  "), f"{indent}}}"])
        else:
            lines.append(f"{indent}{name} = {_hcl_value(value)}")
    return lines


def terraform(configs: list[dict[str, Any]], tags: list[dict[str, str]]) -> str:
    """``aws_lambda_event_source_mapping`` blocks in HCL."""
    blocks = [
        "\n".join([f'resource "aws_lambda_event_source_mapping" "{name}" {{', *_hcl_lines(body, "  "), "}"])
        for name, body in _tf_resources(configs, tags).items()
    ]
    return "\n\n".join(blocks) + "\n"


def _escaped(value: Any) -> Any:
    # Strings in a .tf.json file are templates too: a literal ${ must be written $${.
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value.replace("${", "$${").replace("%{", "%%{") if isinstance(value, str) else value


def terraform_json(configs: list[dict[str, Any]], tags: list[dict[str, str]]) -> dict[str, Any]:
    """The same resources in Terraform's JSON syntax (a ``.tf.json`` file): blocks are objects, repeated ones lists."""
    return {"resource": {"aws_lambda_event_source_mapping": _escaped(_tf_resources(configs, tags))}}

"""AWS::Lambda::EventSourceMapping resources of a CloudFormation template, as API requests.

The resource's properties are the API's members, with two differences CloudFormation makes:
``Tags`` is a list of Key/Value pairs (the API takes a map) and ``StartingPositionTimestamp``
is a number of seconds. Intrinsics are evaluated by esm_cli.iac.intrinsics.
"""

from __future__ import annotations

from typing import Any

from esm_cli.iac.declared import Declared, coerce_scalars
from esm_cli.iac.findings import CFN_SCHEMA, ERROR, Finding
from esm_cli.iac.intrinsics import NO_VALUE, Template
from esm_cli.iac.positions import key_position
from esm_cli.iac.resolve import function_role, mapping_facts

ESM_TYPE = "AWS::Lambda::EventSourceMapping"
RENAMED = {"KmsKeyArn": "KMSKeyArn"}  # the one property CloudFormation spells unlike the API


def properties_to_request(template: Template, props: dict[str, Any]) -> dict[str, Any]:
    """Resolve each property; CloudFormation's Tags list becomes the API's map."""
    request: dict[str, Any] = {}
    for name, raw in props.items():
        value = template.resolve(raw)
        if value is NO_VALUE:
            continue
        if name == "Tags" and isinstance(value, list):
            value = {t.get("Key"): t.get("Value") for t in value if isinstance(t, dict)}
        request[RENAMED.get(name, name)] = value
    return coerce_scalars(request)


def _endpoint_notes(props: dict[str, Any], request: dict[str, Any], declared: Declared) -> list[Finding]:
    """CloudFormation spells the brokers ``Endpoints.KafkaBootstrapServers``; the API's key there is refused."""
    source = props.get("SelfManagedEventSource")
    endpoints = source.get("Endpoints") if isinstance(source, dict) else None
    if not isinstance(endpoints, dict):
        return []
    found = []
    for key in endpoints:
        if key != "KafkaBootstrapServers":
            line, column = key_position(endpoints, key, declared.where)
            found.append(
                Finding(
                    file=declared.file,
                    line=line,
                    column=column,
                    resource=declared.resource,
                    rule_id=CFN_SCHEMA,
                    severity=ERROR,
                    member="SelfManagedEventSource",
                    message=f"CloudFormation's Endpoints takes KafkaBootstrapServers, not {key}.",
                )
            )
    kept = request.get("SelfManagedEventSource", {}).get("Endpoints", {})
    if isinstance(kept, dict) and "KafkaBootstrapServers" in kept:
        kept["KAFKA_BOOTSTRAP_SERVERS"] = kept.pop("KafkaBootstrapServers")
    return found


def compile_template(
    document: dict[str, Any], file: str, kind: str = "cloudformation", template: Template | None = None
) -> list[Declared]:
    """Every event source mapping resource of ``document``."""
    template = template or Template(document)
    found = []
    for logical_id, resource in template.resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != ESM_TYPE:
            continue
        where = key_position(template.resources, logical_id)
        props = resource.get("Properties")
        props = props if isinstance(props, dict) else {}
        # A resource under a Condition is checked too: other parameter values may create it.
        request = properties_to_request(template, props)
        declared = Declared(
            file=file,
            resource=logical_id,
            kind=kind,
            request=request,
            where=where,
            positions={RENAMED.get(n, n): key_position(props, n, where) for n in props},
            nodes={RENAMED.get(n, n): v for n, v in props.items()},
        )
        declared.notes += _endpoint_notes(props, request, declared)
        facts, fact_where, function_id = mapping_facts(template, props.get("EventSourceArn"), props.get("FunctionName"))
        declared.facts, declared.fact_positions = facts, fact_where
        if function_id:
            declared.role = function_role(template, function_id)
        found.append(declared)
    return found

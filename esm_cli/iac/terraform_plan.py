"""Terraform plan JSON (``terraform show -json plan.out``): the planned mappings, with what apply alone knows.

``planned_values`` holds every resource of every module with its attribute values (nested
blocks as lists of objects); ``resource_changes[].change.after_unknown`` marks the values known
only after apply, which become "not checked" findings. The provider's handling is the one
esm_cli.iac.terraform applies to ``.tf`` files (zero values not sent). Queue and function facts
come from the resources the mapping's expressions reference (``configuration``).
Format: https://developer.hashicorp.com/terraform/internals/json-format
"""

from __future__ import annotations

from typing import Any

from esm_cli.iac.declared import REQUEST_SHAPE, Declared, Role, Unknown
from esm_cli.iac.positions import Map, Seq, key_position
from esm_cli.iac.resolve import as_bool, as_int
from esm_cli.iac.terraform import ESM_TYPE, LIST_BLOCKS, pascal, role_of
from esm_cli.iac.terraform_values import Module


def _modules(module: Any) -> list[dict[str, Any]]:
    found = [module] if isinstance(module, dict) else []
    for child in (module.get("child_modules") or []) if isinstance(module, dict) else []:
        found += _modules(child)
    return found


def _members() -> frozenset[str]:
    from esm_cli import spec

    return frozenset(spec.shape(REQUEST_SHAPE)["members"])


def _structure(values: dict[str, Any], unknown: Any, address: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in values.items():
        flag = unknown.get(key) if isinstance(unknown, dict) else None
        if flag is True:
            result[pascal(key)] = Unknown(f"{address}.{key} (known after apply)")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            inner = flag if isinstance(flag, list) and len(flag) == len(value) else [None] * len(value)
            blocks = [_structure(v, u, address) for v, u in zip(value, inner)]
            result[pascal(key)] = blocks if key in LIST_BLOCKS else blocks[0]
        elif key == "endpoints" and isinstance(value, dict):
            result["Endpoints"] = {k: v.split(",") if isinstance(v, str) else v for k, v in value.items()}
        else:
            result[pascal(key)] = value
    return result


def _references(configuration: Any) -> dict[str, dict[str, list[str]]]:
    """address → attribute → the addresses its expression references (root module only)."""
    root = configuration.get("root_module") if isinstance(configuration, dict) else None
    found: dict[str, dict[str, list[str]]] = {}
    for resource in (root or {}).get("resources") or []:
        expressions = resource.get("expressions") if isinstance(resource, dict) else None
        if isinstance(expressions, dict):
            found[str(resource.get("address"))] = {
                k: list(v.get("references") or []) for k, v in expressions.items() if isinstance(v, dict)
            }
    return found


def compile_plan(document: dict[str, Any], file: str) -> list[Declared]:
    from esm_cli.iac.terraform import to_request

    unknown = {
        c.get("address"): (c.get("change") or {}).get("after_unknown") or {}
        for c in document.get("resource_changes") or []
        if isinstance(c, dict)
    }
    planned = document.get("planned_values") if isinstance(document.get("planned_values"), dict) else {}
    resources = [
        r for m in _modules(planned.get("root_module")) for r in m.get("resources") or [] if isinstance(r, dict)
    ]
    by_address = {r.get("address"): r.get("values") or {} for r in resources}
    references = _references(document.get("configuration"))
    module = _module(resources)
    members = _members()
    found = []
    for resource in resources:
        if resource.get("type") != ESM_TYPE or resource.get("mode", "managed") != "managed":
            continue
        address = str(resource.get("address"))
        values = resource.get("values") if isinstance(resource.get("values"), dict) else {}
        after_unknown = unknown.get(address) if isinstance(unknown.get(address), dict) else {}
        structure = _structure(
            {**{k: None for k, v in after_unknown.items() if v is True}, **values}, after_unknown, address
        )
        source = _source_arn(references.get(address, {}), module)
        if isinstance(structure.get("EventSourceArn"), Unknown) and source:
            structure["EventSourceArn"] = source  # e.g. a queue created in the same plan: its ARN follows its name
        request = {k: v for k, v in to_request(Module(), structure).items() if k in members}
        where = key_position(resource, "address")
        positions = {pascal(k): key_position(values, k, where) for k in values}
        tree = _api_tree(values)
        declared = Declared(
            file=file,
            resource=address,
            kind="terraform-plan",
            request=request,
            where=where,
            positions=positions,
            nodes=dict(tree),
        )
        _facts(declared, references.get(address, {}), by_address, references, module)
        found.append(declared)
    return found


def _api_tree(values: Any) -> Any:
    """A plan's positioned values with the API's names, so nested problems point inside them."""
    if isinstance(values, Map):
        tree = Map(values.pos)
        for key, value in values.items():
            name = pascal(key)
            if isinstance(value, Seq) and value and all(isinstance(v, Map) for v in value) and key not in LIST_BLOCKS:
                tree.key_pos[name] = value.item_pos[0]
                tree[name] = _api_tree(value[0])
            else:
                tree.key_pos[name] = values.key_pos.get(key, values.pos)
                tree[name] = _api_tree(value)
        return tree
    if isinstance(values, Seq):
        items = Seq(values.pos)
        items.extend(_api_tree(v) for v in values)
        items.item_pos = list(values.item_pos)
        return items
    return values


def _module(resources: list[dict[str, Any]]) -> Module:
    """The plan's root-module resources, for references (attributes, roles) to resolve against."""
    module = Module()
    for resource in resources:
        if resource.get("type") and resource.get("name") and resource.get("mode", "managed") == "managed":
            module.resources[(str(resource["type"]), str(resource["name"]))] = resource.get("values") or {}
    return module


def _source_arn(expressions: dict[str, list[str]], module: Module) -> str | None:
    for address in expressions.get("event_source_arn", []):
        parts = address.split(".")
        if len(parts) == 3:
            value = module.attribute(*parts)
            if isinstance(value, str):
                return value
    return None


def _facts(
    declared: Declared,
    expressions: dict[str, list[str]],
    by_address: dict[Any, Any],
    references: dict[str, dict[str, list[str]]],
    module: Module,
) -> None:
    for address in expressions.get("event_source_arn", []):
        queue = by_address.get(address) if address.startswith("aws_sqs_queue.") else None
        if isinstance(queue, dict):
            if as_bool(queue.get("fifo_queue")) is not None:
                declared.facts["fifo"] = as_bool(queue.get("fifo_queue"))
            if as_int(queue.get("visibility_timeout_seconds")) is not None:
                declared.facts["queue_visibility_timeout"] = as_int(queue.get("visibility_timeout_seconds"))
            break
    for address in expressions.get("function_name", []):
        function = by_address.get(address) if address.startswith("aws_lambda_function.") else None
        if isinstance(function, dict):
            if as_int(function.get("timeout")) is not None:
                declared.facts["function_timeout"] = as_int(function.get("timeout"))
            declared.role = _function_role(address, references, module)
            break


def _function_role(function: str, references: dict[str, dict[str, list[str]]], module: Module) -> Role | None:
    """The role a planned function names, when the same plan creates it."""
    for address in references.get(function, {}).get("role", []):
        parts = address.split(".")
        if len(parts) >= 2 and parts[0] == "aws_iam_role" and ("aws_iam_role", parts[1]) in module.resources:
            return role_of(module, parts[1])
    return None

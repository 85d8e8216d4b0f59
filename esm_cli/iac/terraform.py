"""Terraform configuration (``.tf``): every ``aws_lambda_event_source_mapping``, as the AWS provider sends it.

Read with python-hcl2 (the ``iac`` extra: ``pip install 'esm-cli[iac]'``). The provider's handling
of attributes (terraform-provider-aws, internal/service/lambda/event_source_mapping.go):
numbers and booleans written as strings are converted to the schema's type; an attribute left at
its zero value (``0``, ``false``, ``""``, an empty list) is not sent, except ``enabled`` (always
sent, default true) and ``maximum_retry_attempts`` (0 is a value); nested blocks become the API's
structures (``filter_criteria { filter { pattern } }`` → ``FilterCriteria.Filters[].Pattern``);
``self_managed_event_source.endpoints`` lists its brokers comma-separated. Each folder is one
module: its variables' defaults, locals and resources resolve references (terraform_values).
"""

from __future__ import annotations

import re
from typing import Any

from esm_cli.iac.declared import Declared, Role, Unknown, coerce_scalars
from esm_cli.iac.findings import ERROR, PARSE_ERROR, Finding
from esm_cli.iac.positions import Map, Position, Seq
from esm_cli.iac.resolve import (
    FUNCTION_TIMEOUT_DEFAULT,
    QUEUE_VISIBILITY_DEFAULT,
    as_bool,
    as_int,
    managed_policy,
    usable_policy,
)
from esm_cli.iac.terraform_values import Module, options

ESM_TYPE = "aws_lambda_event_source_mapping"
RENAMES = {
    "kms_key_arn": "KMSKeyArn",
    "destination_arn": "Destination",
    "uri": "URI",
    "filter": "Filters",
    "source_access_configuration": "SourceAccessConfigurations",
    "document_db_event_source_config": "DocumentDBEventSourceConfig",
}
LIST_BLOCKS = frozenset({"filter", "source_access_configuration"})
META = frozenset({"count", "for_each", "depends_on", "lifecycle", "provider", "region", "tags_all"})
ALWAYS_SENT = frozenset({"Enabled", "MaximumRetryAttempts"})
_REF = re.compile(r"\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.[a-z_]+\}")


def pascal(name: str) -> str:
    if name[:1].isupper():
        return name  # already the API's name (a plan's structure, an endpoints key)
    return RENAMES.get(name) or "".join(part.capitalize() for part in name.split("_"))


def _is_block(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and v.get("__is_block__") for v in value)


def to_request(module: Module, attrs: dict[str, Any], top: bool = True) -> dict[str, Any]:
    """The API structure of a resource's attributes and blocks (zero values dropped at the top)."""
    request: dict[str, Any] = {}
    for key, value in attrs.items():
        if key.startswith("__") or key in META:
            continue
        if key == "dynamic" and isinstance(value, list):
            # dynamic "filter" { for_each = … }: how many blocks, and what they hold, is known at plan time.
            for block in value:
                for name in (k for k in (block if isinstance(block, dict) else {}) if not k.startswith("__")):
                    request[pascal(name)] = Unknown(f'the dynamic "{name}" block')
            continue
        if _is_block(value):
            blocks = [to_request(module, block, top=False) for block in value]
            request[pascal(key)] = blocks if key in LIST_BLOCKS else blocks[0]
            continue
        value = module.resolve(value)
        if key == "endpoints" and isinstance(value, dict):
            value = {k: v.split(",") if isinstance(v, str) else v for k, v in value.items()}
        request[pascal(key)] = value
    if top:
        request = coerce_scalars(request)
        request = {k: v for k, v in request.items() if k in ALWAYS_SENT or v not in (0, False, "", [], {}, None)}
        request.setdefault("Enabled", True)
    return request


def _find(lines: list[str], key: str, start: int, end: int) -> tuple[int, int] | None:
    pattern = re.compile(rf"^(\s*){re.escape(key)}\s*(=|\{{)")
    for index in range(start, end):
        match = pattern.match(lines[index])
        if match:
            return index, len(match.group(1)) + 1
    return None


def _scan(attrs: dict[str, Any], lines: list[str], start: int, end: int) -> Map:
    """The attributes as a positioned tree in the API's names (python-hcl2 keeps no positions).

    Attributes and blocks are searched in the order written, each from where the previous one
    was found, so the second ``filter`` block is found after the first.
    """
    node = Map((start, 1))
    cursor = start
    for key, value in attrs.items():
        if key.startswith("__") or key in META:
            continue
        found = _find(lines, key, cursor, end)
        if found is None:
            continue
        name = pascal(key)
        node.key_pos[name] = (found[0] + 1, found[1])
        if _is_block(value):
            blocks = Seq((found[0] + 1, found[1]))
            at = found
            for block in value:
                if at is None:
                    break
                blocks.item_pos.append((at[0] + 1, at[1]))
                blocks.append(_scan(block, lines, at[0] + 1, end))
                at = _find(lines, key, at[0] + 1, end)
            node[name] = blocks if key in LIST_BLOCKS else (blocks[0] if blocks else Map())
        else:
            node[name] = value
        cursor = found[0] + 1
    return node


def _positions(text: str, kind: str, name: str, attrs: dict[str, Any]) -> tuple[Position, Map]:
    """Where the resource block starts, and its attributes as a positioned tree."""
    lines = text.split("\n")
    header = re.compile(rf'^\s*resource\s+"?{re.escape(kind)}"?\s+"?{re.escape(name)}"?\s*\{{')
    start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("}")), len(lines))
    where = (start + 1, len(lines[start]) - len(lines[start].lstrip()) + 1 if lines else 1)
    return where, _scan(attrs, lines, start + 1, end)


def _referenced(raw: Any) -> tuple[str, str] | None:
    match = _REF.search(raw) if isinstance(raw, str) else None
    return (match.group(1), match.group(2)) if match else None


def role_of(module: Module, role_name: str) -> Role:
    """An aws_iam_role's policies: managed (snapshot), inline, attached, and aws_iam_policy documents."""
    role = Role(name=f"aws_iam_role.{role_name}")
    attrs = module.resources.get(("aws_iam_role", role_name), {})
    arns = list(module.resolve(attrs.get("managed_policy_arns") or []))
    for inline in attrs.get("inline_policy") or []:
        arns.append(("inline", module.resolve(inline.get("policy")) if isinstance(inline, dict) else None))
    names = {role_name, module.resolve(attrs.get("name"))}  # a plan holds the role's name, a .tf its reference
    for (kind, _name), other in module.resources.items():
        if _referenced(other.get("role")) != ("aws_iam_role", role_name) and other.get("role") not in names:
            continue
        policy = _referenced(other.get("policy_arn"))
        if kind == "aws_iam_role_policy_attachment" and policy and policy[0] == "aws_iam_policy":
            arns.append(("inline", module.resolve(module.resources.get(policy, {}).get("policy"))))
        elif kind == "aws_iam_role_policy_attachment":
            arns.append(module.resolve(other.get("policy_arn")))
        elif kind == "aws_iam_role_policy":
            arns.append(("inline", module.resolve(other.get("policy"))))
    import json

    for entry in arns:
        if isinstance(entry, tuple):
            try:
                document = usable_policy(json.loads(entry[1])) if isinstance(entry[1], str) else None
            except ValueError:
                document = None
            if document is None:
                role.unknown = "an inline policy"
            else:
                role.policies.append(document)
        elif managed_policy(entry):
            role.policies.append(managed_policy(entry))  # type: ignore[arg-type]
        else:
            role.unknown = f"the policy {getattr(entry, 'text', entry)}"
    return role


def _facts(module: Module, attrs: dict[str, Any], declared: Declared) -> None:
    source = _referenced(attrs.get("event_source_arn"))
    if source and source[0] == "aws_sqs_queue" and source in module.resources:
        queue = module.resources[source]
        fifo = as_bool(module.resolve(queue.get("fifo_queue", False)))
        if fifo is not None:
            declared.facts["fifo"] = fifo
        visibility = as_int(module.resolve(queue.get("visibility_timeout_seconds", QUEUE_VISIBILITY_DEFAULT)))
        if visibility is not None:
            declared.facts["queue_visibility_timeout"] = visibility
        declared.facts["redrive_policy"] = "redrive_policy" in queue
    function = _referenced(attrs.get("function_name"))
    if function and function[0] == "aws_lambda_alias" and function in module.resources:
        function = _referenced(module.resources[function].get("function_name"))  # the aliased function
    if function and function[0] == "aws_lambda_function" and function in module.resources:
        fn = module.resources[function]
        timeout = as_int(module.resolve(fn.get("timeout", FUNCTION_TIMEOUT_DEFAULT)))
        if timeout is not None:
            declared.facts["function_timeout"] = timeout
        role = _referenced(fn.get("role"))
        if role and role[0] == "aws_iam_role" and role in module.resources:
            declared.role = role_of(module, role[1])
        elif fn.get("role") is not None:
            declared.role = Role(
                name=str(fn.get("role")), unknown=f"the role {fn.get('role')}, declared outside these files"
            )


def _collect(
    module: Module, parsed: dict[str, Any], path: str, mappings: list[tuple[str, str, dict[str, Any]]]
) -> None:
    for block in parsed.get("variable") or []:
        for name, body in block.items():
            if isinstance(body, dict) and "default" in body:
                module.variables[name] = body["default"]
    for block in parsed.get("locals") or []:
        module.locals.update({k: v for k, v in block.items() if not k.startswith("__")})
    for block in parsed.get("resource") or []:
        for kind, named in block.items():
            for name, attrs in named.items() if isinstance(named, dict) else []:
                if isinstance(attrs, dict):
                    module.resources[(kind, name)] = attrs
                    if kind == ESM_TYPE:
                        mappings.append((path, name, attrs))


def compile_module(
    files: list[tuple[str, str]], context: list[tuple[str, str]] | None = None
) -> tuple[list[Declared], list[Finding]]:
    """The mappings of one folder's .tf files ((path, text) pairs), and the files that do not parse.

    ``context`` are the folder's other .tf files: read for variables, locals and resources (one
    module), never reported on (a file pre-commit did not name is not this run's business).
    """
    try:
        import hcl2
    except ImportError:
        message = "reading Terraform needs python-hcl2: pip install 'esm-cli[iac]'"
        return [], [
            Finding(file=p, line=0, column=0, resource="", rule_id=PARSE_ERROR, severity=ERROR, message=message)
            for p, _ in files
        ]
    module = Module()
    problems: list[Finding] = []
    mappings: list[tuple[str, str, dict[str, Any]]] = []
    texts = dict(files)
    for path, text in context or []:
        try:
            _collect(module, hcl2.loads(text, serialization_options=options()), path, [])
        except Exception:  # noqa: BLE001, S112 - context only: its own run reports it
            continue
    for path, text in files:
        try:
            parsed = hcl2.loads(text, serialization_options=options())
        except Exception as error:  # noqa: BLE001 - lark raises many kinds; each is a parse error here
            line, column = getattr(error, "line", 1) or 1, getattr(error, "column", 1) or 1
            token = getattr(error, "token", None)
            # lark's own text repeats the position and lists every expected token: name what was found instead.
            first = (
                f"unexpected {str(token).strip() or 'end of line'!r}"
                if token is not None
                else str(error).split("\n")[0]
            )
            problems.append(
                Finding(
                    file=path,
                    line=line,
                    column=column,
                    resource="",
                    rule_id=PARSE_ERROR,
                    severity=ERROR,
                    message=f"not valid Terraform (HCL): {first}",
                )
            )
            continue
        _collect(module, parsed, path, mappings)
    found = []
    for path, name, attrs in mappings:
        where, tree = _positions(texts[path], ESM_TYPE, name, attrs)
        declared = Declared(
            file=path,
            resource=f"{ESM_TYPE}.{name}",
            kind="terraform",
            request=to_request(module, attrs),
            where=where,
            positions=dict(tree.key_pos),
            nodes=dict(tree),
        )
        _facts(module, attrs, declared)
        found.append(declared)
    return found, problems

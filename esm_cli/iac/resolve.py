"""Facts about a mapping from the resources beside it: the queue, the function, the role.

What the checks need (the doctor's ``facts``: ``fifo``, ``queue_visibility_timeout``,
``function_timeout``, ``reserved_concurrency``, ``redrive_policy``) is read from the resource a
mapping's ``EventSourceArn`` and ``FunctionName`` point at, with each tool's default where the
property is absent (CloudFormation and Terraform: visibility timeout 30 s, function timeout 3 s;
Serverless: function timeout 6 s). docs/iac.md, "Values resolved from the same files".
"""

from __future__ import annotations

from typing import Any

from esm_cli.iac.declared import Role, Unknown, first_unknown
from esm_cli.iac.intrinsics import Template, referenced
from esm_cli.iac.positions import Position, key_position

QUEUE_VISIBILITY_DEFAULT = 30  # AWS::SQS::Queue VisibilityTimeout, aws_sqs_queue visibility_timeout_seconds
FUNCTION_TIMEOUT_DEFAULT = 3  # AWS::Lambda::Function Timeout, AWS::Serverless::Function, aws_lambda_function timeout
FUNCTIONS = ("AWS::Lambda::Function", "AWS::Serverless::Function")
MANAGED_PREFIX = "arn:aws:iam::aws:policy/"


def as_int(value: Any) -> int | None:
    """An integer property, also when written as a numeric string (both tools convert it)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def queue_facts(template: Template, logical_id: str) -> tuple[dict[str, Any], dict[str, Position]]:
    """fifo, visibility timeout (default 30) and redrive policy of an AWS::SQS::Queue."""
    resource = template.resource(logical_id) or {}
    props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
    facts: dict[str, Any] = {}
    where: dict[str, Position] = {}
    fifo = as_bool(template.resolve(props.get("FifoQueue", False)))
    if fifo is not None:
        facts["fifo"] = fifo
    visibility = template.resolve(props.get("VisibilityTimeout", QUEUE_VISIBILITY_DEFAULT))
    if as_int(visibility) is not None:
        facts["queue_visibility_timeout"] = as_int(visibility)
        where["queue_visibility_timeout"] = key_position(props, "VisibilityTimeout", getattr(resource, "pos", (0, 0)))
    facts["redrive_policy"] = "RedrivePolicy" in props
    return facts, where


def function_facts(
    template: Template,
    logical_id: str,
    globals_: dict[str, Any] | None = None,
    default_timeout: int = FUNCTION_TIMEOUT_DEFAULT,
) -> tuple[dict[str, Any], dict[str, Position]]:
    """timeout (SAM Globals, else the default) and reserved concurrency of a function resource."""
    resource = template.resource(logical_id) or {}
    props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
    merged = {**(globals_ or {}), **props}
    facts: dict[str, Any] = {}
    where: dict[str, Position] = {}
    timeout = as_int(template.resolve(merged.get("Timeout", default_timeout)))
    if timeout is not None:
        facts["function_timeout"] = timeout
        where["function_timeout"] = key_position(props, "Timeout", getattr(resource, "pos", (0, 0)))
    reserved = as_int(template.resolve(merged.get("ReservedConcurrentExecutions")))
    if reserved is not None:
        facts["reserved_concurrency"] = reserved
    return facts, where


def mapping_facts(
    template: Template, source: Any, function: Any, globals_: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, Position], str | None]:
    """Facts for a mapping whose source and function are written as ``source``/``function``."""
    facts: dict[str, Any] = {}
    where: dict[str, Position] = {}
    queue = referenced(source)
    if queue and template.type_of(queue) == "AWS::SQS::Queue":
        more, more_where = queue_facts(template, queue)
        facts.update(more)
        where.update(more_where)
    target = referenced(function)
    if target and template.type_of(target) in ("AWS::Lambda::Alias", "AWS::Lambda::Version"):
        props = (template.resource(target) or {}).get("Properties")
        target = referenced(props.get("FunctionName")) if isinstance(props, dict) else None  # the aliased function
    if target and template.type_of(target) in FUNCTIONS:
        more, more_where = function_facts(template, target, globals_)
        facts.update(more)
        where.update(more_where)
        return facts, where, target
    return facts, where, None


def managed_policy(arn: Any) -> dict[str, Any] | None:
    """An AWS managed policy's document from esm's snapshot (esm_cli.iam.managed), by ARN or name."""
    from esm_cli.iam.managed import MANAGED_POLICIES

    if not isinstance(arn, str):
        return None
    name = arn.rsplit("/", 1)[-1]
    return MANAGED_POLICIES.get(name)


def usable_policy(document: Any) -> dict[str, Any] | None:
    """A policy document with deploy-time values settled so that no error is ever guessed.

    An Allow whose resource is unknown is taken to allow on "*" (the check may then miss a
    gap, never invent one); a Deny, or a statement whose action is unknown, is left out.
    """
    if not isinstance(document, dict):
        return None
    statements = document.get("Statement")
    statements = [statements] if isinstance(statements, dict) else statements
    if not isinstance(statements, list):
        return None
    kept = []
    for statement in statements:
        if not isinstance(statement, dict) or first_unknown(
            {k: v for k, v in statement.items() if "Resource" not in k}
        ):
            continue
        if first_unknown(statement):
            if statement.get("Effect") != "Allow":
                continue
            statement = {**{k: v for k, v in statement.items() if "Resource" not in k}, "Resource": "*"}
        kept.append(statement)
    return {"Version": "2012-10-17", "Statement": kept}


def cfn_role(template: Template, logical_id: str) -> Role:
    """An AWS::IAM::Role's policies: managed (from the snapshot), inline, and attached policies."""
    resource = template.resource(logical_id) or {}
    props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
    role = Role(name=logical_id, where=getattr(resource, "pos", (0, 0)))
    for arn in template.resolve(props.get("ManagedPolicyArns") or []) or []:
        attached = referenced_managed(template, arn)
        if attached is None:
            role.unknown = f"the managed policy {arn.text if isinstance(arn, Unknown) else arn}"
        else:
            role.policies.append(attached)
    for inline in props.get("Policies") or []:
        document = usable_policy(template.resolve(inline.get("PolicyDocument"))) if isinstance(inline, dict) else None
        if document:
            role.policies.append(document)
    for other in template.resources.values():
        if not isinstance(other, dict) or other.get("Type") not in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            continue
        other_props = other.get("Properties") if isinstance(other.get("Properties"), dict) else {}
        roles = other_props.get("Roles") or []
        if any(referenced(r) == logical_id for r in roles if isinstance(r, dict)):
            document = usable_policy(template.resolve(other_props.get("PolicyDocument")))
            if document:
                role.policies.append(document)
    return role


def referenced_managed(template: Template, arn: Any) -> dict[str, Any] | None:
    if isinstance(arn, str) and arn.startswith(MANAGED_PREFIX):
        return managed_policy(arn)
    if isinstance(arn, str) and ":policy/" in arn:
        logical_id = arn.rsplit("/", 1)[-1]
        if template.type_of(logical_id) == "AWS::IAM::ManagedPolicy":
            props = (template.resource(logical_id) or {}).get("Properties") or {}
            return usable_policy(template.resolve(props.get("PolicyDocument")))
    return None


def function_role(template: Template, function_id: str) -> Role | None:
    """The role a function resource names with ``!GetAtt Role.Arn`` (None when it names none here)."""
    props = (template.resource(function_id) or {}).get("Properties") or {}
    role_id = referenced(props.get("Role")) if isinstance(props, dict) else None
    if role_id and template.type_of(role_id) == "AWS::IAM::Role":
        return cfn_role(template, role_id)
    if isinstance(props, dict) and props.get("Role") is not None:
        value = template.resolve(props.get("Role"))
        text = value.text if isinstance(value, Unknown) else str(value)
        return Role(name=text, unknown=f"the role {text}, declared outside these files")
    return None

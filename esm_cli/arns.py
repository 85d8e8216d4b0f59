"""Build the ARNs Lambda returns: a function's from any accepted FunctionName form, a mapping's from its UUID."""

from __future__ import annotations

from esm_cli.lazy_regex import LazyRegex

# NamespacedFunctionName's accepted forms (docs/aws-facts.md#function-names): name, name:qualifier,
# account:function:name[:qualifier], region:account:function:…, and the full ARN.
_FUNCTION = LazyRegex(
    r"^(?:arn:(?P<partition>aws[a-zA-Z-]*)?:lambda:)?"
    r"(?:(?P<region>(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?"
    r"(?:(?P<account>\d{12}):)?"
    r"(?:function:)?"
    r"(?P<name>[a-zA-Z0-9\-_.]+)"
    r"(?::(?P<qualifier>\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9\-_]+))?$"
)


def partition_for(region: str) -> str:
    """The ARN partition a region belongs to."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    if region.startswith("eusc-"):
        return "aws-eusc"
    return "aws"


def function_arn(function_name: str, *, region: str, account_id: str) -> str:
    """The FunctionArn Lambda reports for a FunctionName (qualifier kept, R-FN-3)."""
    match = _FUNCTION.match(function_name)
    if not match:
        # Unreachable after validation; keep the name rather than invent an ARN.
        return function_name
    qualifier = f":{match['qualifier']}" if match["qualifier"] else ""
    return (
        f"arn:{match['partition'] or partition_for(region)}:lambda:{match['region'] or region}:"
        f"{match['account'] or account_id}:function:{match['name']}{qualifier}"
    )


def function_name_of(arn: str) -> str:
    """``arn:…:function:name[:qualifier]`` → ``name``."""
    match = _FUNCTION.match(arn)
    return match["name"] if match else arn


def mapping_arn(uuid: str, *, region: str, account_id: str) -> str:
    """EventSourceMappingArn: ``arn:aws:lambda:<region>:<account>:event-source-mapping:<UUID>``."""
    return f"arn:{partition_for(region)}:lambda:{region}:{account_id}:event-source-mapping:{uuid}"

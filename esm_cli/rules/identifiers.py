"""Function names and mapping UUIDs beyond their model constraints (docs/rules.md, R-FN and R-UUID)."""

from __future__ import annotations

import re

from esm_cli import spec
from esm_cli.rules.base import DELETE, GET, NOT_FOUND, UPDATE, WRITE, Context, Finding, Phase, as_str, rule_maker
from esm_cli.rules.javaregex import full_match

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

# Plain strings: ``re`` compiles and caches them on first use, not at import.
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# The name and qualifier of any accepted FunctionName form (R-FN-2), once the model pattern holds.
_FUNCTION = (
    r"(?P<arn>arn:[^:]*:lambda:[^:]*:)?(?P<account>[0-9]{12}:)?(?:function:)?"
    r"(?P<name>[a-zA-Z0-9\-_.]+)(?::(?P<qualifier>[^:]+))?"
)
_REGION = r"(arn:[^:]*:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-[0-9]:)"
_NAME_MAX = 64


def function_name_parts(value: str) -> tuple[str, str | None, bool]:
    """(name, qualifier, given as a bare name) of a FunctionName that passed the model pattern."""
    rest = value
    region = re.match(_REGION, rest)
    if region:  # the model lets a region stand before the account; drop it for parsing
        rest = (region.group(1) or "") + rest[region.end() :]
    match = re.fullmatch(_FUNCTION, rest)
    if not match:
        return value, None, False
    bare = not (match.group("arn") or match.group("account") or region or value.startswith("function:"))
    return match.group("name"), match.group("qualifier"), bare


def _malformed_uuid(ctx: Context) -> Iterable[Finding]:
    uuid = as_str(ctx.request.get("UUID"))
    # Other lengths are model errors (botocore checks the minimum, the service the maximum).
    if uuid is not None and len(uuid) == 36 and not re.fullmatch(_UUID, uuid):
        yield Finding("UUID", {"UUID": uuid})


def _long_bare_name(ctx: Context) -> Iterable[Finding]:
    value = as_str(ctx.request.get("FunctionName"))
    if not value or not full_match(spec.shape("NamespacedFunctionName")["pattern"], value):
        return
    name, _, bare = function_name_parts(value)
    if bare and len(name) > _NAME_MAX:
        yield Finding("FunctionName", {"FunctionName": value, "length": len(name)})


_rule = rule_maker("identifiers")

RULES = (
    _rule(
        "R-UUID-1", "UUID", _malformed_uuid,
        verbatim=True, operations=frozenset({UPDATE, GET, DELETE}), phase=Phase.RESOURCE, code=NOT_FOUND,
        message="The resource you requested does not exist.",
        hint="A mapping UUID is 8-4-4-4-12 hexadecimal digits, as create-event-source-mapping and "
        "list-event-source-mappings print it.",
        evidence="[S] text for an unknown UUID: test_lambda_api.snapshot.json :: …test_event_source_mapping_exceptions"
        " → get_unknown_uuid (27-11-2025); UUID format from the ESM ARN pattern [M]/[S] test_tag_exceptions. "
        "That a malformed 36-character UUID gets this answer is inferred (the model has no UUID pattern)",
    ),
    _rule(
        "R-FN-4.name-length", "FunctionName", _long_bare_name,
        operations=WRITE, phase=Phase.RESOURCE, refs=("R-FN-2", "R-FN-4"),
        message="1 validation error detected: Value '<FunctionName>' at 'functionName' failed to satisfy "
        "constraint: Member must have length less than or equal to 64",
        hint="A function name is at most 64 characters (this one has <length>); the 256 limit is for full ARNs.",
        evidence="[D] API_CreateEventSourceMapping FunctionName: \"If you specify only the function name, it's limited "
        "to 64 characters in length\". Text as AWS gave it for CreateFunction [U] aws/aws-cdk#13264 (2021); "
        "the ESM text is unknown (AWS may answer `Function does not exist` instead)",
    ),
)

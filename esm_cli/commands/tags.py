"""``esm tag-resource``, ``untag-resource`` and ``list-tags``: ``aws lambda``'s commands, for mappings.

Same flags, output and errors as the AWS CLI (TagResource and UntagResource print nothing,
ListTags prints ``{"Tags": {…}}``); ``--tags`` is a map given as shorthand (``k=v,k2=v2``) or JSON.
"""

from __future__ import annotations

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError


def _nothing(document: object, ctx: Context) -> str:
    return ""


def _tags(raw: str) -> dict[str, str]:
    from esm_cli import params

    tags = params.parse_value(raw, "Tags", "--tags")
    if not isinstance(tags, dict):
        raise ParamValidationError("Parameter validation failed:\nInvalid type for parameter Tags, value: "
                                   f"{tags}, type: {type(tags)}, valid types: <class 'dict'>")
    for key, value in tags.items():
        if not isinstance(value, str):
            raise ParamValidationError(
                "Parameter validation failed:\n"
                f"Invalid type for parameter Tags.{key}, value: {value}, type: {type(value)}, valid types: <class 'str'>"
            )
    return tags


def run(parsed: ParsedLine, ctx: Context) -> Result:
    assert parsed.command is not None
    values = parsed.values
    resource = values["resource"]
    if parsed.command.name == "tag-resource":
        tags = _tags(values["tags"])
        ctx.backend().tag_resource(resource, tags)
        return Result(document=None, report=_nothing, verbatim=True)
    if parsed.command.name == "untag-resource":
        keys = values["tag_keys"]
        ctx.backend().untag_resource(resource, list(keys) if isinstance(keys, (list, tuple)) else [keys])
        return Result(document=None, report=_nothing, verbatim=True)
    return Result(document={"Tags": ctx.backend().list_tags(resource)}, operation="ListTags")

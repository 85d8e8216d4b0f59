"""TagResource, UntagResource and ListTags on the local backend, for event source mappings.

Lambda tags functions, code-signing configs and mappings; the state file holds mappings only,
so any other ARN gets a clear InvalidParameterValueException. An unknown mapping gets AWS's
``Event source mapping not found: <arn>`` (docs/deploy.md, "Tags").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from esm_cli.errors import ServiceError

if TYPE_CHECKING:
    from esm_cli.backends.local import LocalBackend

_MAPPING_ARN = re.compile(
    r"^arn:aws[a-zA-Z-]*:lambda:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):event-source-mapping:"
    r"(?P<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)


def _uuid(backend: LocalBackend, resource: str, operation: str) -> str:
    match = _MAPPING_ARN.match(resource)
    if match is None:
        raise ServiceError(
            "InvalidParameterValueException",
            f"The local backend keeps tags for event source mappings only, and {resource} is not an event source "
            "mapping ARN (arn:aws:lambda:<region>:<account>:event-source-mapping:<UUID>).",
            operation=operation,
        )
    if (match["region"], match["account"]) != (backend.region, backend.account_id):
        raise _not_found(resource, operation)
    return match["uuid"]


def _not_found(resource: str, operation: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Event source mapping not found: {resource}", operation=operation)


def _change(backend: LocalBackend, resource: str, operation: str, edit: Callable[[dict[str, str]], None]) -> None:
    uuid = _uuid(backend, resource, operation)
    with backend.transaction(write=True, missing=_not_found(resource, operation)) as tx:
        tags = tx.tags(uuid)
        if tags is None:
            raise _not_found(resource, operation)
        edit(tags)
        tx.set_tags(uuid, tags)


def _check_tags(tags: dict[str, str], operation: str) -> None:
    """The model's key and value constraints, as CreateEventSourceMapping's Tags rules state them."""
    from esm_cli import rules

    # The rules check Tags as a member of a create; any well-formed create carries them.
    probe = {"FunctionName": "probe", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:probe", "Tags": tags}
    error = rules.as_service_error([v for v in rules.validate(probe, "CreateEventSourceMapping") if v.param == "Tags"], operation)
    if error is not None:
        raise error


def tag_resource(backend: LocalBackend, resource: str, tags: dict[str, str]) -> None:
    _check_tags(tags, "TagResource")
    _change(backend, resource, "TagResource", lambda current: current.update(tags))


def untag_resource(backend: LocalBackend, resource: str, tag_keys: list[str]) -> None:
    def remove(current: dict[str, Any]) -> None:
        for key in tag_keys:
            current.pop(key, None)

    _change(backend, resource, "UntagResource", remove)


def list_tags(backend: LocalBackend, resource: str) -> dict[str, str]:
    operation = "ListTags"
    uuid = _uuid(backend, resource, operation)
    with backend.transaction(write=False, missing=_not_found(resource, operation)) as tx:
        tags = tx.tags(uuid)
    if tags is None:
        raise _not_found(resource, operation)
    return tags

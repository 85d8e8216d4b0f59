"""The one interface both backends implement.

Requests and results are AWS-shaped dicts: API member names in model order, values as
they travel on the wire (timestamps as epoch seconds). Refusals raise
``esm_cli.errors.ServiceError`` carrying AWS's error code, from either backend.
"""

from __future__ import annotations

from typing import Any, Protocol


class Backend(Protocol):
    """Create, read, update, delete and list event source mappings."""

    name: str

    def create(self, request: dict[str, Any]) -> dict[str, Any]:
        """CreateEventSourceMapping: the new EventSourceMappingConfiguration."""

    def update(self, request: dict[str, Any]) -> dict[str, Any]:
        """UpdateEventSourceMapping: ``request`` holds ``UUID`` and the members to change."""

    def get(self, uuid: str) -> dict[str, Any]:
        """GetEventSourceMapping."""

    def delete(self, uuid: str) -> dict[str, Any]:
        """DeleteEventSourceMapping: the mapping as it was, in state ``Deleting``."""

    def list_page(self, request: dict[str, Any], *, written: bool = False) -> dict[str, Any]:
        """One ListEventSourceMappings call: ``{"EventSourceMappings": [...], "NextMarker": …}``.

        ``request`` may hold EventSourceArn, FunctionName, Marker and MaxItems. ``written`` is
        asked only by a json listing without --query: a mapping the backend already holds as
        ``--output json`` prints it may then come as that text (esm_cli.pretty_json.PrettyJson).
        """

    def tag_resource(self, resource: str, tags: dict[str, str]) -> None:
        """TagResource on a mapping's ARN: add or overwrite tags."""

    def untag_resource(self, resource: str, tag_keys: list[str]) -> None:
        """UntagResource on a mapping's ARN: remove the keys (unknown keys are ignored)."""

    def list_tags(self, resource: str) -> dict[str, str]:
        """ListTags on a mapping's ARN: its tags."""

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

    def list_page(self, request: dict[str, Any]) -> dict[str, Any]:
        """One ListEventSourceMappings call: ``{"EventSourceMappings": [...], "NextMarker": …}``.

        ``request`` may hold EventSourceArn, FunctionName, Marker and MaxItems.
        """

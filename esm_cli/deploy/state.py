"""What the backend holds for the functions a mappings file names.

One ListEventSourceMappings call per function (more only past 100 mappings of one function),
nothing else: a plan that changes nothing costs exactly that (bench/deploy.py counts it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from esm_cli.deploy.mappings_file import Entry
from esm_cli.deploy.matching import function_key

if TYPE_CHECKING:
    from esm_cli.backends.base import Backend


def stored_mappings(backend: Backend, entries: list[Entry]) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    """The mappings of each function named in ``entries``, by ``function_key``."""
    found: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for entry in entries:
        function = entry.request["FunctionName"]
        key = function_key(function)
        if key in found:
            continue
        mappings: list[dict[str, Any]] = []
        request: dict[str, Any] = {"FunctionName": function}
        while True:
            page = backend.list_page(request)
            mappings.extend(page.get("EventSourceMappings") or [])
            marker = page.get("NextMarker")
            if not marker:
                break
            request = {"FunctionName": function, "Marker": marker}
        # A listing by name may also hold other qualifiers of the function (moto matches by name).
        found[key] = [m for m in mappings if function_key(str(m.get("FunctionArn", ""))) == key]
    return found


def tags_reader(backend: Backend) -> Callable[[dict[str, Any]], dict[str, str]]:
    """ListTags for a stored mapping (asked only when its file entry manages Tags)."""

    def read(mapping: dict[str, Any]) -> dict[str, str]:
        return backend.list_tags(mapping["EventSourceMappingArn"])

    return read

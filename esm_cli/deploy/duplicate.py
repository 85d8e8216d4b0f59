"""The answer to a duplicate create: the update command that changes the existing mapping instead.

Lambda refuses a second mapping of the same function and source with ResourceConflictException
and names the existing mapping's UUID in its text (serverless#8550, SAM#1320: scripts parse it).
esm adds, after AWS's text, the ready command with the flags that differ (docs/deploy.md).
"""

from __future__ import annotations

import json
import re
import shlex
from typing import TYPE_CHECKING, Any

from esm_cli.errors import EsmError, ServiceError
from esm_cli.sources import classify

if TYPE_CHECKING:
    from esm_cli.backends.base import Backend

_UUID = re.compile(r"UUID ([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})")


def _flag(member: str, value: Any) -> str:
    from esm_cli.options import KIND_BOOL, operation_commands

    options = {o.dest: o for o in operation_commands()["update-event-source-mapping"].options}
    option = options[member]
    if option.kind == KIND_BOOL:
        return option.flag if value else str(option.negative)
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    return f"{option.flag} {shlex.quote(str(text))}"


def duplicate_hints(error: ServiceError, request: dict[str, Any], backend: Backend) -> list[str]:
    """Hint lines for a create refused as a duplicate (empty when the text names no UUID)."""
    found = _UUID.search(error.message)
    if found is None:
        return []
    uuid = found.group(1)
    try:
        existing = backend.get(uuid)
    except EsmError:
        return [f"change the existing mapping instead: esm update-event-source-mapping --uuid {uuid} …"]
    from esm_cli.deploy.diff import compare
    from esm_cli.deploy.mappings_file import Entry

    change = compare(Entry(0, request, classify(request)), existing, None)
    fixed = [m.name for m in change.members if m.fixed]
    if fixed:
        return [
            (
                f"the existing mapping {uuid} differs in {', '.join(fixed)}, which cannot be updated: replace it with "
                f"esm delete-event-source-mapping --uuid {uuid} and create again, or let esm apply --file do both"
            )
        ]
    if change.update is None:
        return [f"the existing mapping {uuid} already has these settings: there is nothing to create"]
    flags = " ".join(_flag(name, value) for name, value in change.update.items() if name != "UUID")
    return [f"change it instead: esm update-event-source-mapping --uuid {uuid} {flags}"]

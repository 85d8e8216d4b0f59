"""The local backend: the Lambda service's mapping behaviour over an SQLite state file."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager  # loaded anyway: the store's transactions use it

from esm_cli import arns
from esm_cli.backends.local import behaviour
from esm_cli.backends.local.store import Store
from esm_cli.errors import ServiceError, resource_not_found
from esm_cli.pretty_json import PrettyJson
from esm_cli.settings import Settings
from esm_cli.sources import classify

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator

    from esm_cli.backends.local.store import Transaction

# ListEventSourceMappings "returns a maximum of 100 items in each response, even if you set [MaxItems] higher".
MAX_PAGE = 100


def random_uuid() -> str:
    """A version 4 UUID, as Lambda issues them.

    Built here rather than with the uuid module, which imports platform and costs a local
    command a few milliseconds at start-up for one call.
    """
    value = int.from_bytes(os.urandom(16), "big")
    value = (value & ~(0xF000 << 64)) | (0x4000 << 64)  # version 4
    value = (value & ~(0xC000 << 48)) | (0x8000 << 48)  # RFC 4122 variant
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class LocalBackend:
    """Create, read, update, delete and list mappings in the state file, as Lambda would."""

    name = "local"

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.time) -> None:
        self.path = settings.state_file
        self.region = settings.local_region
        self.account_id = settings.account_id
        self._clock = clock
        self._kept: Store | None = None

    def _now(self) -> float:
        # Lambda reports LastModified with millisecond precision.
        return round(self._clock(), 3)

    def _store(self, *, create: bool) -> Store | None:
        # One connection per run (issue 16): the store is opened on first use and kept; its
        # close() is then a no-op and the connection closes with the backend.
        if self._kept is None or (create and self._kept.read_only):
            self.close()
            self._kept = Store.open(self.path, create=create)
            if self._kept is not None:
                self._kept.keep_open = True
        return self._kept

    def close(self) -> None:
        """Close the run's connection (the boundary calls this when the run ends)."""
        if self._kept is not None:
            self._kept.shutdown()
            self._kept = None

    @contextmanager
    def transaction(self, *, write: bool, missing: ServiceError | None = None) -> Iterator[Transaction]:
        """A transaction on the state file, which is closed after it.

        With ``missing``, the file must exist already (reading or changing a mapping): ``missing`` is
        raised when it does not. Without it, the file is created when needed.
        """
        store = self._store(create=missing is None)
        if store is None:
            assert missing is not None  # Store.open(create=True) always opens
            raise missing
        try:
            with store.transaction(write=write) as tx:
                yield tx
        finally:
            store.close()

    def _function_arn(self, function_name: str) -> str:
        return arns.function_arn(function_name, region=self.region, account_id=self.account_id)

    def create(self, request: dict[str, Any]) -> dict[str, Any]:
        source = classify(request)
        new_uuid = random_uuid()
        function_arn = self._function_arn(request["FunctionName"])
        config = behaviour.created_config(
            request,
            uuid=new_uuid,
            source=source,
            function_arn=function_arn,
            mapping_arn=arns.mapping_arn(new_uuid, region=self.region, account_id=self.account_id),
            now=self._now(),
        )
        with self.transaction(write=True) as tx:
            self._refuse_duplicate(tx.for_function(function_arn), request, function_arn, "CreateEventSourceMapping")
            tx.insert(config, enabled=request.get("Enabled", True), tags=request.get("Tags", {}))
        return config

    @staticmethod
    def _refuse_duplicate(
        same_function: list[dict[str, Any]], request: dict[str, Any], function_arn: str, operation: str
    ) -> None:
        source = classify(request)
        for existing in same_function:
            if existing["UUID"] != request.get("UUID") and behaviour.conflicts(source, request, existing):
                message = behaviour.conflict_message(source, request, function_arn, existing["UUID"])
                raise ServiceError("ResourceConflictException", message, operation=operation)

    def get(self, uuid: str) -> dict[str, Any]:
        with self.transaction(write=False, missing=resource_not_found("GetEventSourceMapping")) as tx:
            found = tx.get(uuid)
        if found is None:
            raise resource_not_found("GetEventSourceMapping")
        return behaviour.settled(*found)

    def update(self, request: dict[str, Any]) -> dict[str, Any]:
        operation = "UpdateEventSourceMapping"
        with self.transaction(write=True, missing=resource_not_found(operation)) as tx:
            found = tx.get(request["UUID"])
            if found is None:
                raise resource_not_found(operation)
            current, was_enabled = behaviour.settled(*found), found[1]
            changes = dict(request)
            if "FunctionName" in changes:
                changes["FunctionArn"] = self._function_arn(changes["FunctionName"])
                if changes["FunctionArn"] != current["FunctionArn"]:
                    probe = {**current, **changes}
                    self._refuse_duplicate(tx.for_function(changes["FunctionArn"]), probe, changes["FunctionArn"], operation)
            config = behaviour.updated_config(
                current, changes, source=classify(current), was_enabled=was_enabled, now=self._now()
            )
            tx.replace(config, enabled=changes.get("Enabled", was_enabled))
        return config

    def delete(self, uuid: str) -> dict[str, Any]:
        operation = "DeleteEventSourceMapping"
        with self.transaction(write=True, missing=resource_not_found(operation)) as tx:
            found = tx.get(uuid)
            if found is None:
                raise resource_not_found(operation)
            tx.delete(uuid)
        # Lambda answers with the mapping in state Deleting; it is gone for later reads (R-STATE-4).
        return {**behaviour.settled(*found), "State": "Deleting"}

    def list_page(self, request: dict[str, Any], *, written: bool = False) -> dict[str, Any]:
        """One page of ListEventSourceMappings; with ``written`` (a json listing without --query),
        a mapping esm stored as ``--output json`` prints it comes as that text (PrettyJson),
        settled, for the json writer to print as it is (docs/limits.md, "Scale")."""
        limit = min(request.get("MaxItems") or MAX_PAGE, MAX_PAGE)
        after = self._marker_position(request.get("Marker"))
        store = self._store(create=False)
        if store is None:
            return {"EventSourceMappings": []}
        function_name = request.get("FunctionName")
        try:
            with store.transaction(write=False) as tx:
                rows = tx.page(
                    function_arn=self._function_arn(function_name) if function_name else None,
                    event_source_arn=request.get("EventSourceArn"),
                    after=after,
                    limit=limit + 1,  # one more tells whether another page follows
                    written=written,
                )
        finally:
            store.close()
        page: dict[str, Any] = {}
        if len(rows) > limit:
            rows = rows[:limit]
            page["NextMarker"] = str(rows[-1][0])
        # The configs were decoded for this call alone, so they are settled in place: a copy of
        # each (every mapping stored while Creating) was a tenth of a long json listing. A
        # mapping still in its stored text is settled by editing its State line.
        settle, settled_text = behaviour.settle, behaviour.settled_text
        mappings = []
        for _, config, enabled in rows:
            if type(config) is PrettyJson:
                config = settled_text(config, enabled)
            else:
                settle(config, enabled)
            mappings.append(config)
        page["EventSourceMappings"] = mappings
        return page

    # Tags live beside the mapping in the state file (esm_cli/backends/local/tags.py).
    def tag_resource(self, resource: str, tags: dict[str, str]) -> None:
        from esm_cli.backends.local.tags import tag_resource

        tag_resource(self, resource, tags)

    def untag_resource(self, resource: str, tag_keys: list[str]) -> None:
        from esm_cli.backends.local.tags import untag_resource

        untag_resource(self, resource, tag_keys)

    def list_tags(self, resource: str) -> dict[str, str]:
        from esm_cli.backends.local.tags import list_tags

        return list_tags(self, resource)

    @staticmethod
    def _marker_position(marker: str | None) -> int:
        if marker is None:
            return 0
        if not marker.isdigit():
            raise ServiceError(
                "InvalidParameterValueException",
                f"Invalid marker: {marker}",
                operation="ListEventSourceMappings",
            )
        return int(marker)

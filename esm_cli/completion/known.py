"""The mappings esm already knows, and the candidates made from them (--uuid, --function-name,
--event-source-arn, and the source type of the mapping an update names).

They come from the local state file (opened read-only, never created) or, for the aws backend,
from the cache its commands refresh; AWS itself is asked only when ``ESM_COMPLETE_REMOTE=1``,
with a short timeout.
"""

from __future__ import annotations

import os

from esm_cli.completion import values

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

REMOTE_TIMEOUT_SECONDS = 3.0
LOCAL_ROWS_LIMIT = 1000


class Known:
    """A mapping esm knows of: enough to offer it and to tell its source type."""

    __slots__ = ("function_arn", "source_arn", "state", "uuid")

    def __init__(self, uuid: str, function_arn: str, source_arn: str | None, state: str) -> None:
        self.uuid = uuid
        self.function_arn = function_arn
        self.source_arn = source_arn  # None: self-managed Kafka, which has no ARN
        self.state = state

    @property
    def function_name(self) -> str:
        """``my-fn`` (or ``my-fn:alias``) from the function's ARN."""
        return self.function_arn.split(":function:", 1)[-1]

    @property
    def source_short(self) -> str:
        """``sqs:my-queue``, ``kinesis:stream/s1``: the ARN without its partition, region and account."""
        if not self.source_arn:
            return "self-managed Kafka"
        parts = self.source_arn.split(":", 5)
        return f"{parts[2]}:{parts[5]}" if len(parts) == 6 else self.source_arn


def known_mappings(options: Mapping[str, Any], env: Mapping[str, str]) -> list[Known]:
    """The mappings of the backend this line would use, newest first; [] when none can be read."""
    try:
        if values.backend_name(options, env) == "local":
            return local_mappings(values.state_file(options, env))
        return aws_mappings(options, env)
    except Exception:  # noqa: BLE001 - an unreadable source means no candidates, never an error
        return []


def local_mappings(path: str, uuid_prefix: str = "") -> list[Known]:
    """Rows of the state file, read without creating, migrating or holding it: the newest
    LOCAL_ROWS_LIMIT, or with ``uuid_prefix`` the first of those whose UUID starts with it."""
    if not os.path.isfile(path):
        return []
    import sqlite3

    # A state file whose write-ahead log was checkpointed away (every esm exited) is complete on
    # its own: read it as immutable, which creates no -wal/-shm files and takes no lock. With a
    # live log a plain read-only open is needed to see what the log holds.
    mode = "mode=ro" if os.path.exists(path + "-wal") else "immutable=1"
    uri = "file:" + _uri_path(os.path.abspath(path)) + "?" + mode
    connection = sqlite3.connect(uri, uri=True, timeout=0.2)
    columns = "SELECT uuid, function_arn, event_source_arn, enabled FROM mappings"
    try:
        if uuid_prefix:
            # A range on the UNIQUE index over uuid: the same cost at 1,000 or 100,000 mappings,
            # and any stored UUID can be reached, not only the newest (LIKE would scan the table).
            upper = uuid_prefix[:-1] + chr(ord(uuid_prefix[-1]) + 1)
            rows = connection.execute(
                f"{columns} WHERE uuid >= ? AND uuid < ? ORDER BY uuid LIMIT ?", (uuid_prefix, upper, LOCAL_ROWS_LIMIT)
            ).fetchall()
        else:
            rows = connection.execute(f"{columns} ORDER BY seq DESC LIMIT ?", (LOCAL_ROWS_LIMIT,)).fetchall()
    finally:
        connection.close()
    # A later read sees transitions completed (behaviour.settled): the state is where the
    # `enabled` column says it settles.
    return [Known(str(u), str(f), s, "Enabled" if enabled else "Disabled") for u, f, s, enabled in rows]


def with_uuid_prefix(options: Mapping[str, Any], env: Mapping[str, str], prefix: str) -> list[Known]:
    """The known mappings whose UUID starts with ``prefix`` (typed after --uuid); [] when none can be read."""
    try:
        if values.backend_name(options, env) == "local":
            return local_mappings(values.state_file(options, env), uuid_prefix=prefix)
        return [k for k in aws_mappings(options, env) if k.uuid.startswith(prefix)]
    except Exception:  # noqa: BLE001 - an unreadable source means no candidates, never an error
        return []


def _uri_path(path: str) -> str:
    # SQLite URIs treat %, ? and # specially; nothing else in a path needs escaping.
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def aws_mappings(options: Mapping[str, Any], env: Mapping[str, str]) -> list[Known]:
    """The cache the aws backend's commands keep; with ESM_COMPLETE_REMOTE=1, a fresh listing first."""
    from esm_cli.completion import cache

    profile, region = values.profile_name(options, env), values.region_name(options, env)
    if env.get("ESM_COMPLETE_REMOTE") == "1":
        fetched = _remote_listing(options, env)
        if fetched is not None:
            cache.remember(fetched, backend="aws", region=region, profile=profile, env=env)
    return [Known(*row) for row in cache.recall(region=region, profile=profile, env=env)]


# The global options that choose where the aws backend connects; the rest (--query, --output…)
# must not reach settings.resolve, which would validate or compile them.
_CONNECTION_OPTIONS = ("region", "profile", "endpoint_url", "no_verify_ssl", "ca_bundle", "no_sign_request")


def _remote_listing(options: Mapping[str, Any], env: Mapping[str, str]) -> list[dict[str, Any]] | None:
    """One ListEventSourceMappings page from AWS, or None when it fails or takes too long."""
    import threading

    found: list[list[dict[str, Any]]] = []

    def fetch() -> None:
        try:
            from esm_cli.backends import get_backend
            from esm_cli.settings import resolve

            chosen = {k: options[k] for k in _CONNECTION_OPTIONS if options.get(k) is not None}
            timeout = str(int(REMOTE_TIMEOUT_SECONDS))
            chosen.update(backend="aws", cli_read_timeout=timeout, cli_connect_timeout=timeout)
            page = get_backend(resolve(chosen, env)).list_page({})
            found.append(list(page.get("EventSourceMappings") or []))
        except Exception:  # noqa: BLE001 - no credentials, no network: fall back to the cache
            return

    # A daemon thread, so a hung connection cannot hold the shell longer than the timeout.
    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(REMOTE_TIMEOUT_SECONDS)
    return found[0] if found else None


# --- candidates ---------------------------------------------------------------------------------


def uuid_candidates(known: list[Known]) -> list[tuple[str, str]]:
    """Each UUID described by its function, source and state: ``fn <- sqs:q1 (Enabled)``."""
    return [(k.uuid, f"{k.function_name} <- {k.source_short} ({k.state})") for k in known]


def function_candidates(known: list[Known], *, as_arn: bool, source: str | None) -> list[tuple[str, str]]:
    """Functions that have mappings (names, or full ARNs), described by their sources."""
    mapped = [k for k in known if source in (None, k.source_arn)]
    return _grouped([(k.function_arn if as_arn else k.function_name, k.source_short) for k in mapped])


def source_arn_candidates(known: list[Known], *, function: str | None) -> list[tuple[str, str]]:
    """Event source ARNs that have mappings, described by the functions they feed."""
    fed = [k for k in known if k.source_arn and (function is None or _same_function(k, function))]
    return _grouped([(str(k.source_arn), k.function_name) for k in fed])


def _same_function(known: Known, given: str) -> bool:
    return given in (known.function_arn, known.function_name) or known.function_arn.endswith(":" + given)


def _grouped(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Unique keys in first-seen order, each described by the distinct values seen with it (three at most)."""
    groups: dict[str, list[str]] = {}
    for key, value in pairs:
        seen = groups.setdefault(key, [])
        if value not in seen:
            seen.append(value)
    described = []
    for key, seen in groups.items():
        more = f" and {len(seen) - 3} more" if len(seen) > 3 else ""
        described.append((key, ", ".join(seen[:3]) + more))
    return described

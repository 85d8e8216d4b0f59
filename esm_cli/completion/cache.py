"""What the aws backend last returned, kept so a TAB press can offer UUIDs, functions and sources
without calling AWS.

``remember`` is called by the commands after ``list``, ``get`` and ``create`` results from the aws
backend; ``recall`` is read by completion. The file is one small JSON document under
``${XDG_CACHE_HOME:-~/.cache}/esm/``, keyed by profile and region, replaced atomically so a
reader never sees half of it. A lost race between two writers loses one refresh, which the
next command repairs: it is a cache.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

CACHE_NAME = "mappings.json"
FORMAT = 1
MAX_PER_KEY = 500  # enough for any account's mappings; keeps the file, and a TAB press, small


def cache_file(env: Mapping[str, str]) -> str:
    """``${XDG_CACHE_HOME:-~/.cache}/esm/mappings.json``."""
    base = env.get("XDG_CACHE_HOME") or os.path.join(env.get("HOME") or os.path.expanduser("~"), ".cache")
    return os.path.join(base, "esm", CACHE_NAME)


def cache_key(profile: str | None, region: str | None) -> str:
    """Mappings are per account and region: the profile stands for the account."""
    return f"{profile or 'default'}|{region or ''}"


def _load(path: str) -> dict[str, Any]:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {"format": FORMAT, "mappings": {}}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("mappings"), dict):
        return {"format": FORMAT, "mappings": {}}
    return data


def remember(
    mappings: list[dict[str, Any]],
    *,
    backend: str,
    region: str | None,
    profile: str | None,
    env: Mapping[str, str],
) -> None:
    """Note mappings an aws-backend command returned (``Deleting`` ones are forgotten).

    Never raises: a cache that cannot be written must not fail the command that fed it.
    The local backend is not cached (completion reads its state file directly).
    """
    try:
        if backend != "aws" or not mappings:
            return
        import json
        import time

        path = cache_file(env)
        data = _load(path)
        key = cache_key(profile, region)
        entries = data["mappings"].get(key)
        if not isinstance(entries, dict):
            entries = data["mappings"][key] = {}
        now = time.time()
        for mapping in mappings:
            uuid = mapping.get("UUID") if isinstance(mapping, dict) else None
            if not isinstance(uuid, str):
                continue
            if mapping.get("State") == "Deleting":
                entries.pop(uuid, None)
                continue
            entries.pop(uuid, None)  # re-inserted last: the dict's order is newest last
            entries[uuid] = {
                "FunctionArn": mapping.get("FunctionArn"),
                "EventSourceArn": mapping.get("EventSourceArn"),
                "State": mapping.get("State"),
                "seen": now,
            }
        for stale in list(entries)[: max(0, len(entries) - MAX_PER_KEY)]:
            del entries[stale]
        from esm_cli.private import create_private_file, private_folders

        private_folders(os.path.dirname(path))
        temporary = f"{path}.{os.getpid()}.tmp"
        # 0600 from its creation (not chmod'ed after): the cache names accounts' ARNs.
        descriptor = create_private_file(temporary, exclusive=False)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - by contract: completion never breaks a command
        return


def recall(
    *, region: str | None, profile: str | None, env: Mapping[str, str]
) -> list[tuple[str, str, str | None, str]]:
    """(UUID, FunctionArn, EventSourceArn, State) of the cached mappings for a profile and region, newest first."""
    if not os.path.exists(cache_file(env)):
        return []
    entries = _load(cache_file(env))["mappings"].get(cache_key(profile, region))
    if not isinstance(entries, dict):
        return []
    rows = []
    for uuid, entry in reversed(entries.items()):
        if isinstance(entry, dict) and isinstance(entry.get("FunctionArn"), str):
            rows.append((uuid, entry["FunctionArn"], entry.get("EventSourceArn"), str(entry.get("State") or "")))
    return rows

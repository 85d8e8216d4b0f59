"""One line per batch, for logs and pipes (NDJSON with --output json), through ``ctx.emit``."""

from __future__ import annotations

from typing import Any


def batch_line(doc: dict[str, Any]) -> str:
    """``batch 3  shardId-000000000000  10 records  failed  retrying  1.2 ms  error: …``"""
    where = doc.get("Shard") or ",".join(doc.get("MessageGroups", [])) or "queue"
    if "Lane" in doc:
        where += f"/{doc['Lane']}"
    parts = [f"batch {doc['Batch']}", where, f"{doc['Records']} records", doc["Result"]]
    if "Action" in doc:
        parts.append(doc["Action"])
    if "Deleted" in doc and doc["Result"] != "filtered":
        parts.append(f"deleted {doc['Deleted']}, returned {doc['Returned']}")
    elif doc["Result"] == "filtered":
        parts.append(f"all {doc.get('Received', 0)} filtered out and deleted")
    if "DurationMs" in doc:
        parts.append(f"{doc['DurationMs']:.1f} ms")
    if doc.get("FinalInvokeForWindow"):
        parts.append("final invoke for window")
    if doc.get("Error"):
        parts.append(f"error: {doc['Error']}")
    return "  ".join(parts)


class BatchLines:
    """Writes each batch as it settles; nothing to redraw."""

    def __init__(self, ctx: Any) -> None:
        self._ctx = ctx
        self._count = 0

    def report(self, doc: dict[str, Any]) -> None:
        self._count += 1
        self._ctx.emit({"Batch": self._count, **doc}, line=batch_line)

    def refresh(self) -> None:
        pass

    def __enter__(self) -> BatchLines:
        return self

    def __exit__(self, *exc: Any) -> None:
        pass

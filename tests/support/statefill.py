"""Fill a local state file with many mappings quickly (tests and bench/scale.py).

Rows are made by the local backend's own shaping (behaviour.created_config) and written through
the store in one transaction, so a file of 100,000 mappings takes seconds, not an hour of
`esm create-event-source-mapping` runs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from esm_cli.backends.local import behaviour, random_uuid
from esm_cli.backends.local.store import Store
from esm_cli.sources import Source

ACCOUNT = "123456789012"
REGION = "us-east-1"


def populate(path: str, count: int, *, start: int = 0) -> list[str]:
    """Add ``count`` SQS mappings (functions f<start>… f<start+count-1>); their UUIDs in creation order."""
    store = Store.open(path, create=True)
    assert store is not None
    uuids = []
    try:
        with store.transaction(write=True) as tx:
            for i in range(start, start + count):
                uuid = random_uuid()
                config = behaviour.created_config(
                    {"EventSourceArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q{i % 50}", "FunctionName": f"f{i}"},
                    uuid=uuid,
                    source=Source.SQS_STANDARD,
                    function_arn=f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f{i}",
                    mapping_arn=f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid}",
                    now=1_700_000_000.0 + i,
                )
                tx.insert(config, enabled=True, tags={})
                uuids.append(uuid)
    finally:
        store.shutdown()
    return uuids


def foreign_sqlite(path: Path) -> bytes:
    """Make ``path`` an SQLite file that is not an esm state file; its bytes, to check it is left alone."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    return path.read_bytes()

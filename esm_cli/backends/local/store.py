"""The local state file: SQLite, one row per mapping, safe for many esm processes at once.

Design (docs/design.md#state-file and docs/limits.md#files):
- WAL mode and a busy timeout, so parallel CI jobs queue instead of failing;
- check-then-insert runs in one ``BEGIN IMMEDIATE`` transaction, so a duplicate can
  never slip in between two processes' checks and nothing is lost or doubled;
- ``PRAGMA application_id`` marks the file as ours and ``PRAGMA user_version`` holds the
  schema, both read from the raw header before SQLite opens the file, so a foreign,
  corrupt or newer file is reported and left byte-for-byte untouched;
- a committed transaction survives the process being killed (WAL, synchronous=FULL);
- rows are decoded one by one: a row that cannot be read is reported (253) with the file and
  its UUID, and reads that do not touch it still work;
- each row keeps the CRC-32 of its text (``config_crc32``) when that text is exactly what
  ``--output json`` prints, so a json listing prints it undecoded (esm_cli.backends.local.rows).
  Files made before that column existed get it at their next write; an esm that does not know
  it leaves it stale, which only sends the row the decoding way (the schema version stays 1);
- opening (what the file is, permissions, read-only files, lock waits that Ctrl-C can end)
  lives in esm_cli.backends.local.opening.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager

from esm_cli.backends.local.opening import (
    BUSY_TIMEOUT_SECONDS,
    StateFileError,
    connect,
    create_private,
    locked,
    patiently,
    read_only,
    refuse_non_regular,
)
from esm_cli.backends.local.rows import decode_page, decode_row, stored_form, written_page
from esm_cli.errors import GeneralError

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

APPLICATION_ID = 0x45534D31  # "ESM1"
_CRC_COLUMN = "config_crc32"
SCHEMA_VERSION = 1
__all__ = ["BUSY_TIMEOUT_SECONDS", "StateFileError", "Store", "Transaction"]
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE mappings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- listing order and pagination marker
    uuid TEXT NOT NULL UNIQUE,
    function_arn TEXT NOT NULL,
    event_source_arn TEXT,                  -- NULL for self-managed Kafka
    enabled INTEGER NOT NULL,               -- where transitional states settle to
    config TEXT NOT NULL,                   -- the EventSourceMappingConfiguration as JSON
    tags TEXT NOT NULL DEFAULT '{}',
    config_crc32 INTEGER                    -- CRC-32 of config when it is as --output json prints it
);
CREATE INDEX mappings_by_function ON mappings (function_arn);
CREATE INDEX mappings_by_source ON mappings (event_source_arn);
"""


# Files this process has a live SQLite connection to, with how many. POSIX record locks belong
# to the process: closing *any* descriptor of a file drops every lock SQLite holds on it, so the
# raw header read below must not run while another connection of ours has the file open (it
# was checked when that connection was opened). Process-wide because the locks are.
_OPEN_HERE: dict[str, int] = {}


def _inspect_header(path: str) -> None:
    """Refuse a file that is not ours, or is newer, before SQLite touches it."""
    if _OPEN_HERE.get(os.path.realpath(path)):
        return
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StateFileError(f"Cannot read the state file {path}: {error.strerror}.") from None
    if not header:
        return  # another esm process has just created it and is writing the schema
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StateFileError(f"{path} is not an esm state file (not an SQLite database); it was left untouched.")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StateFileError(f"{path} is an SQLite database but not an esm state file; it was left untouched.")
    _check_version(path, int.from_bytes(header[60:64], "big"))


def _check_version(path: str, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StateFileError(
            f"{path} was written by a newer esm (state schema {version}; this esm reads up to "
            f"{SCHEMA_VERSION}); it was left untouched. Upgrade esm-cli."
        )


@contextmanager
def _translated_errors(path: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if locked(error):
            raise GeneralError(f"The state file {path} stayed locked by another process: {error}.") from None
        raise StateFileError(f"The state file {path} cannot be used: {error}; it was left untouched.") from None
    except sqlite3.DatabaseError as error:
        raise StateFileError(f"The state file {path} is corrupt ({error}); it was left untouched.") from None


class Store:
    """An open state file."""

    def __init__(self, path: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self.keep_open = False
        self.read_only = False
        self.has_crc_column = True
        self._key = os.path.realpath(path)
        _OPEN_HERE[self._key] = _OPEN_HERE.get(self._key, 0) + 1

    @classmethod
    def open(cls, path: str, *, create: bool) -> Store | None:
        """Open the state file; None when it does not exist (or has no schema yet) and ``create`` is false."""
        if not refuse_non_regular(path):
            if not create:
                return None
            create_private(path)
        _inspect_header(path)
        with _translated_errors(path):
            try:
                db = connect(path)
            except sqlite3.OperationalError as error:
                raise StateFileError(f"Cannot open the state file {path}: {error}.") from None
            store = cls(path, db)
            store.read_only = read_only(path)
            try:
                prepared = store._prepare(create)
            except BaseException:
                store.shutdown()
                raise
            if not prepared:
                store.shutdown()
                return None
        return store

    def _prepare(self, create: bool) -> bool:
        """Check the schema version, creating the schema if asked; False when there is none yet."""
        version = patiently(self._db, self.path, "PRAGMA user_version").fetchone()[0]
        _check_version(self.path, version)
        if version == 0 and self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]  # a creator may just have committed
        if version == 0:
            if self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                # Tables but no schema version: not a file esm wrote, or one whose header was reset.
                raise StateFileError(
                    f"{self.path} has tables but no esm schema version (PRAGMA user_version is 0); "
                    "it is corrupt or not an esm state file, and was left untouched."
                )
            if not create:
                return False
            self._initialise()
        if not self.read_only:
            self._db.execute("PRAGMA synchronous=FULL")
        self.has_crc_column = _CRC_COLUMN in self._columns()
        return True

    def _columns(self) -> set[str]:
        return {row[1] for row in self._db.execute("PRAGMA table_info(mappings)")}

    def _initialise(self) -> None:
        # Schema first, in the default rollback-journal mode, so that the file's header
        # carries our application_id from its very first byte on disk; WAL afterwards.
        patiently(self._db, self.path, "BEGIN IMMEDIATE")
        try:
            if self._db.execute("PRAGMA user_version").fetchone()[0] == 0:  # nobody beat us to it
                if self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise StateFileError(f"{self.path} is an SQLite database but not an esm state file; it was left untouched.")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        patiently(self._db, self.path, "PRAGMA journal_mode=WAL")

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for the file's other tables (metric points) inside ``transaction``."""
        return self._db

    def close(self) -> None:
        """Close, unless the backend keeps this store for the whole run (one connection per run)."""
        if not self.keep_open:
            self.shutdown()

    def shutdown(self) -> None:
        if self._key in _OPEN_HERE:
            _OPEN_HERE[self._key] -= 1
            if not _OPEN_HERE[self._key]:
                del _OPEN_HERE[self._key]
        self._key = ""
        self._db.close()

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[Transaction]:
        """A transaction; a write one takes the write lock at once (``BEGIN IMMEDIATE``)."""
        with _translated_errors(self.path):
            patiently(self._db, self.path, "BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                if write and not self.has_crc_column:
                    # A file from before the column: added at its first write (an O(1) schema
                    # change), re-checked under the write lock in case another esm just did it.
                    if _CRC_COLUMN not in self._columns():
                        self._db.execute(f"ALTER TABLE mappings ADD COLUMN {_CRC_COLUMN} INTEGER")
                    self.has_crc_column = True
                yield Transaction(self._db, self.path, crc_column=self.has_crc_column)
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back itself (an I/O error)
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")


def _text_if_utf8(value: Any) -> Any:
    if type(value) is bytes:
        try:
            return value.decode()
        except UnicodeDecodeError:
            pass
    return value


class Transaction:
    """Row operations inside one transaction; configs travel as dicts (and, for a json listing,
    as their stored text: ``page(written=True)``)."""

    def __init__(self, db: sqlite3.Connection, path: str = "", *, crc_column: bool = True) -> None:
        self._db = db
        self._path = path
        self._crc_column = crc_column

    def decode(self, uuid: Any, stored: Any) -> dict[str, Any]:
        """A stored configuration, or StateFileError (253) naming the file and the mapping's UUID."""
        return decode_row(self._path, uuid, stored)

    def insert(self, config: dict[str, Any], *, enabled: bool, tags: dict[str, str]) -> None:
        text, crc = stored_form(config)
        self._db.execute(
            "INSERT INTO mappings (uuid, function_arn, event_source_arn, enabled, config, tags, config_crc32)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (config["UUID"], config["FunctionArn"], config.get("EventSourceArn"), int(enabled), text, json.dumps(tags), crc),
        )

    def get(self, uuid: str) -> tuple[dict[str, Any], bool] | None:
        """(config, enabled) of a mapping, or None."""
        found = self._rows("SELECT config, enabled FROM mappings WHERE uuid = ?", (uuid,))
        row = found[0] if found else None
        return (self.decode(uuid, row[0]), bool(row[1])) if row else None

    def replace(self, config: dict[str, Any], *, enabled: bool) -> None:
        text, crc = stored_form(config)
        self._db.execute(
            "UPDATE mappings SET function_arn = ?, enabled = ?, config = ?, config_crc32 = ? WHERE uuid = ?",
            (config["FunctionArn"], int(enabled), text, crc, config["UUID"]),
        )

    def delete(self, uuid: str) -> None:
        self._db.execute("DELETE FROM mappings WHERE uuid = ?", (uuid,))

    def tags(self, uuid: str) -> dict[str, str] | None:
        """A mapping's tags, or None when there is no such mapping."""
        row = self._db.execute("SELECT tags FROM mappings WHERE uuid = ?", (uuid,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_tags(self, uuid: str, tags: dict[str, str]) -> None:
        self._db.execute("UPDATE mappings SET tags = ? WHERE uuid = ?", (json.dumps(tags), uuid))

    def for_function(self, function_arn: str) -> list[dict[str, Any]]:
        """Configs of every mapping of one function (for the duplicate check)."""
        rows = self._rows("SELECT uuid, config FROM mappings WHERE function_arn = ? ORDER BY seq", (function_arn,))
        return [self.decode(row[0], row[1]) for row in rows]

    def page(
        self, *, function_arn: str | None, event_source_arn: str | None, after: int, limit: int, written: bool = False
    ) -> list[tuple[int, Any, bool]]:
        """Up to ``limit`` (seq, config, enabled) rows after position ``after``, in creation order;
        with ``written``, a config esm stored as ``--output json`` prints it comes as that text
        (PrettyJson) instead of a dict."""
        clauses, params = ["seq > ?"], [after]
        if function_arn is not None:
            clauses.append("function_arn = ?")
            params.append(function_arn)  # type: ignore[arg-type]
        if event_source_arn is not None:
            clauses.append("event_source_arn = ?")
            params.append(event_source_arn)  # type: ignore[arg-type]
        written = written and self._crc_column  # a file from before the column: nothing to vouch for a text
        rows = self._rows(
            f"SELECT seq, config, enabled{', config_crc32' if written else ''} FROM mappings"
            f" WHERE {' AND '.join(clauses)} ORDER BY seq LIMIT ?",
            (*params, limit),
        )
        if written:
            return written_page(self._path, rows, self._uuid_at)
        return decode_page(self._path, rows, self._uuid_at)

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """The rows of a query on mappings; a stored text that is not UTF-8 (a damaged page) comes
        back as bytes, so that decoding it reports which mapping is corrupt instead of SQLite's
        message quoting the damaged bytes (docs/limits.md, "Files")."""
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            if "decode" not in str(error):  # "Could not decode to UTF-8 column 'config' with text ..."
                raise
        self._db.text_factory = bytes
        try:
            rows = self._db.execute(sql, params).fetchall()
        finally:
            self._db.text_factory = str
        return [tuple(_text_if_utf8(value) for value in row) for row in rows]

    def _uuid_at(self, seq: int) -> Any:
        row = self._db.execute("SELECT uuid FROM mappings WHERE seq = ?", (seq,)).fetchone()
        return row[0] if row else seq

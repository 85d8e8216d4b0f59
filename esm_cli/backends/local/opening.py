"""Opening the state file safely: what it is, who may write it, and waiting for its lock.

- Only a regular file is a state file: ``/dev/null``, a FIFO or a device is refused (253)
  before anything opens it (opening a FIFO would block; SQLite would leave ``/dev/null-journal``).
- A new state file is created 0600 in folders created 0700: it may hold ARNs and tags that
  are nobody else's business (docs/limits.md, "Files").
- A file this user cannot write is opened read-only: ``immutable=1`` when no write-ahead log
  is live (nothing is created beside it, no lock is taken), ``mode=ro`` when one is.
- SQLite's own busy wait is a C call Python cannot interrupt, so the connection waits at most
  ``SLICE_SECONDS`` at a time and Python retries until ``BUSY_TIMEOUT_SECONDS``: Ctrl-C is
  honoured between two slices, within a second.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time

from esm_cli.errors import ConfigurationError, GeneralError

BUSY_TIMEOUT_SECONDS = 60.0
SLICE_SECONDS = 0.1  # longest uninterruptible wait for a lock


class StateFileError(ConfigurationError):
    """The state file cannot be used; it has not been modified."""


def refuse_non_regular(path: str) -> bool:
    """Whether ``path`` exists (a regular file); raises StateFileError for a device, FIFO, socket or folder."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise StateFileError(f"Cannot read the state file {path}: {error.strerror}.") from None
    if stat.S_ISREG(info.st_mode):
        return True
    kind = (
        "a folder" if stat.S_ISDIR(info.st_mode)
        else "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode)
        else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
        else "a socket" if stat.S_ISSOCK(info.st_mode)
        else "not a regular file"
    )
    raise StateFileError(
        f"The state file {path} is {kind}, not a regular file; set ESM_STATE_FILE or --state-file to a file path "
        "(it is created on first write)."
    )


def create_private(path: str) -> None:
    """Create the folders (0700) and an empty file (0600) for a new state file; racing creators are fine."""
    from esm_cli.private import create_private_file, private_folders

    try:
        private_folders(os.path.dirname(os.path.abspath(path)))
    except OSError as error:
        raise StateFileError(f"Cannot create the folder for the state file {path}: {error.strerror}.") from None
    try:
        os.close(create_private_file(path, exclusive=True))
    except FileExistsError:
        pass  # another esm process created it first
    except OSError as error:
        raise StateFileError(f"Cannot create the state file {path}: {error.strerror}.") from None


def read_only(path: str) -> bool:
    """Whether this user can only read the file (or not create the log beside it)."""
    folder = os.path.dirname(os.path.abspath(path))
    return not os.access(path, os.W_OK) or not os.access(folder, os.W_OK)


def connect(path: str) -> sqlite3.Connection:
    """A connection in autocommit mode (esm issues BEGIN itself), read-only when the file is."""
    if read_only(path):
        mode = "mode=ro" if os.path.exists(path + "-wal") else "immutable=1"
        uri = "file:" + _uri_path(os.path.abspath(path)) + "?" + mode
        return sqlite3.connect(uri, uri=True, timeout=SLICE_SECONDS, isolation_level=None)
    return sqlite3.connect(path, timeout=SLICE_SECONDS, isolation_level=None)


def _uri_path(path: str) -> str:
    # SQLite URIs treat %, ? and # specially; nothing else in a path needs escaping.
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def locked(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "locked" in text or "busy" in text


def patiently(db: sqlite3.Connection, path: str, sql: str) -> sqlite3.Cursor:
    """Run ``sql``, retrying while another process holds the lock (interruptible; see module doc)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            return db.execute(sql)
        except sqlite3.OperationalError as error:
            if not locked(error):
                raise
            if time.monotonic() >= deadline:
                raise GeneralError(
                    f"The state file {path} stayed locked by another process for {BUSY_TIMEOUT_SECONDS:.0f} s: {error}."
                ) from None
            # Python checks for Ctrl-C here, between two short C-level waits.

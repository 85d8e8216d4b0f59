"""Files esm creates are private to the user: 0600 files in 0700 folders (docs/limits.md, "Files").

State files and caches name accounts' ARNs and tags. ``os.makedirs(mode=…)`` applies its mode to
the last folder only, so the missing folders are made one by one here. Nothing is imported.
"""

from __future__ import annotations

import os

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folders(folder: str) -> None:
    """Create ``folder`` and any missing parents with FOLDER_MODE; existing ones are left alone."""
    missing = []
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for each in reversed(missing):
        try:
            os.mkdir(each, FOLDER_MODE)
        except FileExistsError:
            pass  # made by a racing esm meanwhile


def create_private_file(path: str, *, exclusive: bool) -> int:
    """Open ``path`` for writing, created with FILE_MODE; the descriptor (O_EXCL when ``exclusive``)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    return os.open(path, flags, FILE_MODE)

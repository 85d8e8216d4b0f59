"""The files ``esm validate PATH…`` reads: files as named, folders walked.

Folders are walked in sorted order (reports are stable) and skip what is never a source of
truth: version control, Terraform's provider cache, node_modules, and the build outputs of SAM
and Serverless (copies of the templates beside them, which would report every finding twice).
"""

from __future__ import annotations

import os

IGNORED_FOLDERS = frozenset({".git", ".terraform", "node_modules", ".aws-sam", ".serverless", "__pycache__", ".venv"})
# What a folder walk reads; a file named on the command line is read whatever its name.
SUFFIXES = (".yaml", ".yml", ".json", ".template", ".tf")


def files(paths: list[str]) -> list[tuple[str, bool]]:
    """(path, named): every file to read; ``named`` when the user named the file itself."""
    found: dict[str, tuple[str, bool]] = {}  # by real path: a file named twice is read once
    for path in paths:
        if not os.path.isdir(path):
            found.setdefault(os.path.realpath(path), (path, True))
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if d not in IGNORED_FOLDERS)
            for name in sorted(names):
                if name.endswith(SUFFIXES):
                    file = os.path.join(folder, name)
                    found.setdefault(os.path.realpath(file), (file, False))
    return list(found.values())

"""Values that do not depend on mappings: AWS profiles, regions, paths; and the settings a line implies.

Backend, state file, profile and region come from ``esm_cli.precedence``, the same
functions ``esm_cli.settings`` uses (settings itself pulls in the output layer, too slow
for a TAB press).
"""

from __future__ import annotations

import os

from esm_cli import precedence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

FILE_PREFIXES = ("file://", "fileb://")
PATH_LIMIT = 500


# --- settings, decided by esm_cli.precedence exactly as the command will decide them ----------


def backend_name(options: Mapping[str, Any], env: Mapping[str, str]) -> str:
    """--backend > ESM_BACKEND > an endpoint URL > local; a misspelt backend completes as local."""
    name, _ = precedence.backend(options.get("backend"), options.get("endpoint_url"), env)
    return name if name in ("local", "aws") else "local"


def state_file(options: Mapping[str, Any], env: Mapping[str, str]) -> str:
    return precedence.state_file(options.get("state_file"), env)


def profile_name(options: Mapping[str, Any], env: Mapping[str, str]) -> str | None:
    return precedence.profile(options.get("profile"), env)


def region_name(options: Mapping[str, Any], env: Mapping[str, str]) -> str | None:
    return precedence.region(options.get("region"), profile_name(options, env), env)


# --- values -----------------------------------------------------------------------------------


def profiles(env: Mapping[str, str]) -> list[str]:
    from esm_cli.awsconfig import profile_names

    return profile_names(env)


def regions() -> tuple[tuple[str, str], ...]:
    from esm_cli.completion.regions import REGIONS

    return REGIONS


def paths(current: str) -> list[tuple[str, str]]:
    """Files and folders for a value typed as ``[file://|fileb://]path``; folders end in ``/``."""
    prefix = next((p for p in FILE_PREFIXES if current.startswith(p)), "")
    typed_path = current[len(prefix) :]
    folder, slash, partial = typed_path.rpartition("/")
    where = os.path.expanduser(folder or "/") if slash else "."
    found: list[tuple[str, str]] = []
    try:
        with os.scandir(where) as entries:
            for entry in entries:
                if not entry.name.startswith(partial) or (entry.name.startswith(".") and not partial.startswith(".")):
                    continue
                found.append((prefix + folder + slash + entry.name + ("/" if entry.is_dir() else ""), ""))
                if len(found) >= PATH_LIMIT:
                    break
    except OSError:
        return []
    return sorted(found)

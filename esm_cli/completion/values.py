"""Values that do not depend on mappings: AWS profiles, regions, paths; and the settings a line implies.

Backend, state file, profile and region are resolved with the precedence ``esm_cli.settings``
uses; that module pulls in the CLI's option tables and output layer, too slow for a TAB
press, so the few lines are restated here and a test checks both agree.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

FILE_PREFIXES = ("file://", "fileb://")
PATH_LIMIT = 500


# --- settings, as esm_cli.settings resolves them -------------------------------------------


def backend_name(options: Mapping[str, Any], env: Mapping[str, str]) -> str:
    """--backend > ESM_BACKEND > an endpoint URL > local (settings.resolve_backend)."""
    for value in (options.get("backend"), env.get("ESM_BACKEND")):
        if value in ("local", "aws"):
            return str(value)
    if options.get("endpoint_url"):
        return "aws"
    if env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() != "true":
        if env.get("AWS_ENDPOINT_URL_LAMBDA") or env.get("AWS_ENDPOINT_URL"):
            return "aws"
    return "local"


def state_file(options: Mapping[str, Any], env: Mapping[str, str]) -> str:
    """--state-file > ESM_STATE_FILE > ${XDG_STATE_HOME:-~/.local/state}/esm/state.db."""
    given = options.get("state_file") or env.get("ESM_STATE_FILE")
    if given:
        return os.path.expanduser(str(given))
    base = env.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "esm", "state.db")


def profile_name(options: Mapping[str, Any], env: Mapping[str, str]) -> str | None:
    return options.get("profile") or env.get("AWS_PROFILE") or env.get("AWS_DEFAULT_PROFILE") or None


def region_name(options: Mapping[str, Any], env: Mapping[str, str]) -> str | None:
    region = options.get("region") or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
    if region:
        return str(region)
    from esm_cli.awsconfig import profile_settings

    return profile_settings(profile_name(options, env), env).get("region")


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

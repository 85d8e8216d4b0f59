"""Read the AWS shared config and credentials files the way the AWS CLI finds them.

Only the few keys esm needs on every run (region, output, cli_* settings) are read here;
the aws backend leaves everything else to botocore.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Mapping


def config_path(env: Mapping[str, str]) -> str:
    return os.path.expanduser(env.get("AWS_CONFIG_FILE", "~/.aws/config"))


def credentials_path(env: Mapping[str, str]) -> str:
    return os.path.expanduser(env.get("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"))


def _sections(path: str) -> dict[str, dict[str, str]]:
    if not os.path.isfile(path):
        return {}
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return {}  # botocore would fail later with its own message; esm's local path should not
    return {name: dict(parser.items(name)) for name in parser.sections()}


def profile_names(env: Mapping[str, str]) -> list[str]:
    """Profiles defined in the config file (``[profile x]``, ``[default]``) or the credentials file."""
    names: list[str] = []
    for section in _sections(config_path(env)):
        name = section[len("profile "):].strip() if section.startswith("profile ") else section
        if name not in names:
            names.append(name)
    for section in _sections(credentials_path(env)):
        if section not in names:
            names.append(section)
    return names


def profile_settings(profile: str | None, env: Mapping[str, str]) -> dict[str, str]:
    """The config-file keys of a profile (``default`` when none is named)."""
    sections = _sections(config_path(env))
    if not profile or profile == "default":
        return sections.get("default", {})
    return sections.get(f"profile {profile}", {})

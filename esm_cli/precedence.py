"""Which setting wins: backend, state file, profile and region, as docs/design.md orders them.

Pure functions over the command line's values and the environment, importing nothing else
at start-up, so that both ``esm_cli.settings`` (every command) and completion (every TAB
press) decide the same way from one definition.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


def backend(cli_value: str | None, endpoint_url: str | None, env: Mapping[str, str]) -> tuple[str, str]:
    """(backend, the setting that chose it): --backend > ESM_BACKEND > an endpoint URL > local.

    ESM_BACKEND is returned as given; the caller decides what an invalid value means.
    """
    if cli_value:
        return cli_value, "--backend"
    if env.get("ESM_BACKEND"):
        return env["ESM_BACKEND"], "ESM_BACKEND"
    if endpoint_url:
        return "aws", "--endpoint-url"
    if env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() != "true":
        for name in ("AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL"):
            if env.get(name):
                return "aws", name
    return "local", "default"


def default_state_file(env: Mapping[str, str]) -> str:
    """``${XDG_STATE_HOME:-~/.local/state}/esm/state.db``."""
    base = env.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "esm", "state.db")


def state_file(cli_value: str | None, env: Mapping[str, str]) -> str:
    """--state-file > ESM_STATE_FILE > the XDG default."""
    given = cli_value or env.get("ESM_STATE_FILE")
    return os.path.expanduser(given) if given else default_state_file(env)


def profile(cli_value: str | None, env: Mapping[str, str]) -> str | None:
    """--profile > AWS_PROFILE > AWS_DEFAULT_PROFILE (AWS CLI v2's order)."""
    return cli_value or env.get("AWS_PROFILE") or env.get("AWS_DEFAULT_PROFILE") or None


def region(
    cli_value: str | None, profile_name: str | None, env: Mapping[str, str], config: Mapping[str, str] | None = None
) -> str | None:
    """--region > AWS_REGION > AWS_DEFAULT_REGION > the profile's ``region``; None when unset.

    ``config`` is the profile's settings when the caller has read them already.
    """
    given = cli_value or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
    if given:
        return given
    if config is None:
        from esm_cli.awsconfig import profile_settings  # only when nothing closer names a region

        config = profile_settings(profile_name, env)
    return config.get("region")

"""Resolve global options, environment variables and the AWS config file into one Settings.

Precedence follows docs/design.md and AWS CLI v2 (docs/aws-cli-behaviour.md#where-settings-come-from):
the command line, then the environment, then the profile in ``~/.aws/config``, then a default.
"""

from __future__ import annotations


from esm_cli import awsconfig, precedence
from esm_cli.errors import GeneralError, ParamValidationError, UsageError
from esm_cli.options import ERROR_FORMATS, OUTPUT_FORMATS
from esm_cli.output import OutputOptions

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Mapping

DEFAULT_ACCOUNT_ID = "123456789012"
LOCAL_DEFAULT_REGION = "us-east-1"


class Settings:
    """Everything a command needs to know beyond its own flags.

    A plain class rather than a dataclass: every command builds one at start-up, and
    importing dataclasses costs inspect, ast and dis.
    """

    def __init__(
        self,
        *,
        backend: str,
        backend_source: str,  # which setting chose the backend, shown under --debug
        state_file: str,
        account_id: str,
        region: str | None,  # None: nothing configured (the aws backend then fails as the AWS CLI does)
        profile: str | None,
        endpoint_url: str | None,
        output: OutputOptions,
        error_format: str = "enhanced",
        debug: bool = False,
        paginate: bool = True,
        verify_ssl: bool = True,
        ca_bundle: str | None = None,
        read_timeout: int | None = None,
        connect_timeout: int | None = None,
        sign_request: bool = True,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.backend = backend
        self.backend_source = backend_source
        self.state_file = state_file
        self.account_id = account_id
        self.region = region
        self.profile = profile
        self.endpoint_url = endpoint_url
        self.output = output
        self.error_format = error_format
        self.debug = debug
        self.paginate = paginate
        self.verify_ssl = verify_ssl
        self.ca_bundle = ca_bundle
        self.read_timeout = read_timeout
        self.connect_timeout = connect_timeout
        self.sign_request = sign_request
        self.env: Mapping[str, str] = env if env is not None else {}

    @property
    def local_region(self) -> str:
        """The local backend needs no configuration: it falls back to us-east-1."""
        return self.region or LOCAL_DEFAULT_REGION


def resolve_backend(cli_value: str | None, endpoint_url: str | None, env: Mapping[str, str]) -> tuple[str, str]:
    """(backend, the setting that chose it); an ESM_BACKEND that names no backend is a usage error."""
    name, source = precedence.backend(cli_value, endpoint_url, env)
    if name not in ("local", "aws"):
        raise UsageError(f"ESM_BACKEND: Found invalid choice '{name}' (choose local or aws)")
    return name, source


def _compile_query(expression: str) -> Any:
    import jmespath  # only when --query is used
    from jmespath.exceptions import JMESPathError

    try:
        return jmespath.compile(expression)
    except JMESPathError as error:
        raise ParamValidationError(f"Bad value for --query {expression}: {error}") from None
    except RecursionError:  # e.g. 1,000 nested parentheses (issue 16): bad input, not a crash
        raise ParamValidationError(f"Bad value for --query {expression[:300]}: nested too deeply to parse") from None


def _timeout(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise ParamValidationError(f"invalid literal for int() with base 10: '{value}'") from None


def resolve(globals_: dict[str, Any], env: Mapping[str, str], *, stdout_isatty: bool = False, stdout_width: int = 80) -> Settings:
    """Build Settings from parsed global options and the environment."""
    profile = precedence.profile(globals_.get("profile"), env)
    config = awsconfig.profile_settings(profile, env)
    endpoint_url = globals_.get("endpoint_url")
    backend, backend_source = resolve_backend(globals_.get("backend"), endpoint_url, env)
    region = precedence.region(globals_.get("region"), profile, env, config)

    output_format = globals_.get("output") or env.get("AWS_DEFAULT_OUTPUT") or config.get("output") or "json"
    # A format typed on the line was checked by the parser against the command's own choices
    # (validate adds sarif); only the environment's and the profile's are checked here.
    if output_format not in OUTPUT_FORMATS and output_format != globals_.get("output"):
        raise GeneralError(f"Unknown output type: {output_format}")
    error_format = (
        globals_.get("cli_error_format") or env.get("AWS_CLI_ERROR_FORMAT") or config.get("cli_error_format") or "enhanced"
    )
    if error_format not in ERROR_FORMATS:
        error_format = "enhanced"
    query = globals_.get("query")
    color = globals_.get("color") or "auto"
    output = OutputOptions(
        format=output_format,
        query=_compile_query(query) if query is not None else None,
        timestamp_format=config.get("cli_timestamp_format", "iso8601"),
        color=color,
        isatty=stdout_isatty,
        terminal_width=stdout_width,
    )
    return Settings(
        backend=backend,
        backend_source=backend_source,
        state_file=precedence.state_file(globals_.get("state_file"), env),
        account_id=env.get("ESM_ACCOUNT_ID") or DEFAULT_ACCOUNT_ID,
        region=region,
        profile=profile,
        endpoint_url=endpoint_url,
        output=output,
        error_format=error_format,
        debug=bool(globals_.get("debug")),
        paginate=not globals_.get("no_paginate"),
        verify_ssl=not globals_.get("no_verify_ssl"),
        ca_bundle=globals_.get("ca_bundle"),
        read_timeout=_timeout("--cli-read-timeout", globals_.get("cli_read_timeout")),
        connect_timeout=_timeout("--cli-connect-timeout", globals_.get("cli_connect_timeout")),
        sign_request=not globals_.get("no_sign_request"),
        env=env,
    )

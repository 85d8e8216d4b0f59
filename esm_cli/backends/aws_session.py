"""Build the one botocore Lambda client the aws backend uses, configured as AWS CLI v2 would.

Only this module and its siblings import botocore, and only when the aws backend runs.
botocore's session is used directly (boto3 would add nothing but import time).

What AWS CLI v2 does differently from a plain botocore client, and so done here:

* region: ``--region`` > ``AWS_REGION`` > ``AWS_DEFAULT_REGION`` > the profile (resolved by
  ``esm_cli.settings``); botocore itself is only asked as a last resort;
* profile: ``--profile`` > ``AWS_PROFILE`` > ``AWS_DEFAULT_PROFILE`` (botocore reads the two
  variables the other way round, so the name is always handed over explicitly);
* retries: ``standard`` mode unless ``AWS_RETRY_MODE`` or the profile's ``retry_mode`` says
  otherwise (botocore's own default is ``legacy``);
* timestamps: the response parser keeps them as they came on the wire (the AWS CLI's
  identity parser), so output formatting is the same for both backends;
* ``--no-verify-ssl``, ``--ca-bundle``, ``--cli-read-timeout``/``--cli-connect-timeout`` (0
  blocks) and ``--no-sign-request`` as in awscli/customizations/globalargs.py.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from esm_cli import __version__
from esm_cli.errors import ConfigurationError, ParamValidationError

if TYPE_CHECKING:
    from esm_cli.settings import Settings

SERVICE = "lambda"
DEFAULT_TIMEOUT = 60  # botocore.endpoint.DEFAULT_TIMEOUT, the AWS CLI's default for both timeouts
NO_REGION = 'You must specify a region. You can also configure your region by running "aws configure".'


@contextmanager
def scoped_environ(env: Mapping[str, str]) -> Iterator[None]:
    """Let botocore see ``env`` as the process environment while the block runs.

    botocore reads ``os.environ`` directly (credentials, config file paths, endpoint and
    retry variables, ``HOME``). A command run in-process with its own environment (tests,
    embedding) must not see the host's instead. For a normal run ``env`` *is*
    ``os.environ`` and nothing is touched.
    """
    if env is os.environ:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _identity(value: Any) -> Any:
    return value


def check_endpoint_url(url: str | None) -> None:
    """v2 refuses an endpoint URL without a scheme before anything else (rc 252)."""
    if url is None:
        return
    from urllib.parse import urlparse

    if not urlparse(url).scheme:
        raise ParamValidationError(
            f'Bad value for --endpoint-url "{url}": scheme is missing.  '
            "Must be of the form http://<hostname>/ or https://<hostname>/"
        )


def _timeout(value: int | None) -> int | None:
    if value is None:
        return DEFAULT_TIMEOUT
    return None if value == 0 else value  # 0 means "block", which botocore spells None


def make_session(settings: Settings) -> Any:
    """A botocore session for the chosen profile, with the AWS CLI v2 defaults applied."""
    from botocore.configprovider import ConfigChainFactory
    from botocore.session import Session

    from esm_cli.backends.aws_loader import install_fast_loader

    session = Session(profile=settings.profile)
    install_fast_loader(session)
    # v2's default retry mode is "standard"; the variable and the profile still win.
    chain = ConfigChainFactory(session=session).create_config_chain(
        instance_name="retry_mode", env_var_names="AWS_RETRY_MODE", config_property_names="retry_mode", default="standard"
    )
    session.get_component("config_store").set_config_provider("retry_mode", chain)
    session.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=_identity)
    return session


def resolve_region(settings: Settings, session: Any) -> str:
    """The region, or v2's NoRegion configuration error (rc 253)."""
    # Reading the scoped config raises ProfileNotFound first for an unknown profile, as v2 does.
    session.get_scoped_config()
    region = settings.region or session.get_config_variable("region")
    if not region:
        raise ConfigurationError(NO_REGION, "NoRegion")
    return str(region)


def make_client(settings: Settings, session: Any, service: str = SERVICE) -> Any:
    """A client (Lambda unless ``service`` says otherwise): endpoint, TLS, timeouts, signing and
    retries as the AWS CLI sets them. ``AWS_ENDPOINT_URL_<SERVICE>`` and ``AWS_ENDPOINT_URL``
    are honoured by botocore itself when ``--endpoint-url`` is not given."""
    from botocore.config import Config

    check_endpoint_url(settings.endpoint_url)
    region = resolve_region(settings, session)
    options: dict[str, Any] = {
        "connect_timeout": _timeout(settings.connect_timeout),
        "read_timeout": _timeout(settings.read_timeout),
        "user_agent_extra": f"esm-cli/{__version__}",
    }
    if not settings.sign_request:
        from botocore import UNSIGNED

        options["signature_version"] = UNSIGNED  # credentials are then never looked up
    verify: bool | str | None = False if not settings.verify_ssl else settings.ca_bundle
    return session.create_client(
        service,
        region_name=region,
        endpoint_url=settings.endpoint_url,
        verify=verify,
        config=Config(**options),
    )

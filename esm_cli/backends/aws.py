"""The aws backend: the five operations sent to Lambda (or any endpoint) through botocore.

AWS is the engine here: nothing the service decides is re-implemented. This module turns
the AWS-shaped request dicts into one botocore call each and botocore's failures into
the errors AWS CLI v2 reports (docs/aws-cli-behaviour.md#error-messages):

=================================  =============================================  ====
botocore                           esm                                            rc
=================================  =============================================  ====
ClientError (any HTTP error)       ServiceError(code, message, details, retries)  254
ParamValidationError               ParamValidationError                           252
NoRegionError / no region          ConfigurationError(…, "NoRegion")              253
NoCredentialsError                 ConfigurationError(…, "NoCredentials")         253
ProfileNotFound, connection and    GeneralError(botocore's text)                  255
any other BotoCoreError
=================================  =============================================  ====

An error body botocore cannot parse arrives as a ClientError whose code is the HTTP
status and whose message is the raw body, as the AWS CLI shows it.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, TextIO

from esm_cli.backends.aws_debug import debug_logging
from esm_cli.backends.aws_session import NO_REGION, make_client, make_session, scoped_environ
from esm_cli.errors import ConfigurationError, EsmError, GeneralError, ParamValidationError, ServiceError

if TYPE_CHECKING:
    from esm_cli.settings import Settings

NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws login".'

# API operation → botocore client method (xform_name of each, spelled out to skip the import).
METHODS = {
    "CreateEventSourceMapping": "create_event_source_mapping",
    "UpdateEventSourceMapping": "update_event_source_mapping",
    "GetEventSourceMapping": "get_event_source_mapping",
    "DeleteEventSourceMapping": "delete_event_source_mapping",
    "ListEventSourceMappings": "list_event_source_mappings",
    "TagResource": "tag_resource",
    "UntagResource": "untag_resource",
    "ListTags": "list_tags",
}


class AwsBackend:
    """Create, read, update, delete and list mappings in AWS through one botocore client."""

    name = "aws"

    def __init__(self, settings: Settings, *, stderr: TextIO | None = None) -> None:
        self.settings = settings
        self._stderr = stderr or sys.stderr
        self._session: Any = None
        self._client: Any = None

    def create(self, request: dict[str, Any]) -> dict[str, Any]:
        return self._call("CreateEventSourceMapping", request)

    def update(self, request: dict[str, Any]) -> dict[str, Any]:
        return self._call("UpdateEventSourceMapping", request)

    def get(self, uuid: str) -> dict[str, Any]:
        return self._call("GetEventSourceMapping", {"UUID": uuid})

    def delete(self, uuid: str) -> dict[str, Any]:
        return self._call("DeleteEventSourceMapping", {"UUID": uuid})

    def list_page(self, request: dict[str, Any], *, written: bool = False) -> dict[str, Any]:
        """Exactly one ListEventSourceMappings call; ``esm_cli.paginate`` does the paging (AWS's
        answer is decoded JSON whatever ``written`` asks)."""
        return self._call("ListEventSourceMappings", request)

    def tag_resource(self, resource: str, tags: dict[str, str]) -> None:
        self._call("TagResource", {"Resource": resource, "Tags": tags})

    def untag_resource(self, resource: str, tag_keys: list[str]) -> None:
        self._call("UntagResource", {"Resource": resource, "TagKeys": tag_keys})

    def list_tags(self, resource: str) -> dict[str, str]:
        return dict(self._call("ListTags", {"Resource": resource}).get("Tags") or {})

    def _call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        settings = self.settings
        with scoped_environ(settings.env), debug_logging(self._stderr, settings.debug) as log:
            with botocore_errors(operation):
                client = self._ensure_client()
                if log is not None:
                    log.secrets = self._known_secrets()
                    _debug(f"Backend: aws (chosen by {settings.backend_source}); calling {operation}")
                response = getattr(client, METHODS[operation])(**params)
        return without_metadata(response)

    def _ensure_client(self) -> Any:
        if self._client is None:
            self._session = make_session(self.settings)
            self._client = make_client(self.settings, self._session)
        return self._client

    def _known_secrets(self) -> list[str]:
        """Credential values to mask in the debug log (resolving them now, as signing would)."""
        if not self.settings.sign_request:
            return []
        credentials = self._session.get_credentials()
        if credentials is None:
            return []
        frozen = credentials.get_frozen_credentials()
        return [value for value in (frozen.secret_key, frozen.token, frozen.access_key) if value]


def _debug(message: str) -> None:
    import logging

    logging.getLogger("esm_cli.backends.aws").debug(message)


@contextmanager
def botocore_errors(operation: str) -> Iterator[None]:
    """Run the block with botocore's failures raised as esm's errors (``translate_error``)."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - every botocore failure is translated
        translated = translate_error(error, operation)
        if translated is None:
            raise
        raise translated from None


def without_metadata(response: dict[str, Any]) -> dict[str, Any]:
    """A response as the AWS CLI shows it: botocore's ResponseMetadata left out."""
    response.pop("ResponseMetadata", None)
    return dict(response)


def translate_error(error: BaseException, operation: str) -> EsmError | None:
    """The esm error AWS CLI v2 would report for a botocore failure; None if not botocore's."""
    if isinstance(error, EsmError):
        return error
    from botocore import exceptions as boto

    if isinstance(error, boto.ClientError):
        return service_error(error.response, operation)
    if isinstance(error, boto.NoCredentialsError):
        return ConfigurationError(NO_CREDENTIALS, "NoCredentials")
    if isinstance(error, boto.NoRegionError):
        return ConfigurationError(NO_REGION, "NoRegion")
    if isinstance(error, boto.ParamValidationError):
        return ParamValidationError(str(error))
    if isinstance(error, boto.BotoCoreError):
        # ProfileNotFound ("The config profile (x) could not be found"), EndpointConnectionError
        # ('Could not connect to the endpoint URL: "…"'), timeouts, SSL: v2 prints the text, rc 255.
        return GeneralError(str(error))
    return None


def service_error(response: dict[str, Any], operation: str) -> ServiceError:
    """A ServiceError from botocore's parsed error response.

    ``details`` are the error's modeled members other than the message (``Type`` for
    Lambda, plus ``Reason``/``retryAfterSeconds`` on throttling); ``retries`` is set when
    botocore gave up because the attempts ran out (v2 then says "reached max retries: N").
    """
    body = response.get("Error") or {}
    details = {
        key: value
        for key, value in response.items()
        if key not in ("Error", "ResponseMetadata") and key.lower() != "message"
    }
    metadata = response.get("ResponseMetadata") or {}
    retries = metadata.get("RetryAttempts") if metadata.get("MaxAttemptsReached") else None
    return ServiceError(
        str(body.get("Code", "Unknown")),
        str(body.get("Message", "Unknown")),
        operation=operation,
        details=details,
        retries=retries,
    )

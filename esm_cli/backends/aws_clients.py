"""Clients for every AWS service esm reads besides Lambda's mappings (IAM, SQS, CloudWatch, …).

Each is configured like the aws backend's Lambda client (``aws_session.make_client``), so a
profile, a region and an endpoint (``--endpoint-url`` or ``AWS_ENDPOINT_URL``) serve them all.
Calls run inside ``scoped_environ`` (botocore reads the process environment at call time)
and botocore's failures come out as esm's errors, carrying AWS's error code, so a verb can
catch ``ServiceError`` and say "could not check: …" instead of crashing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TextIO

from esm_cli.backends.aws import botocore_errors, without_metadata
from esm_cli.backends.aws_debug import debug_logging
from esm_cli.backends.aws_session import make_client, make_session, scoped_environ

if TYPE_CHECKING:
    from esm_cli.settings import Settings


class ServiceClient:
    """A botocore client whose calls translate errors: ``clients.get("sqs").get_queue_attributes(...)``.

    ``calls`` counts the calls made through it (benchmarks and tests check it).
    """

    def __init__(self, service: str, settings: Settings, session: Any, stderr: TextIO) -> None:
        self.service = service
        self._settings = settings
        self._session = session
        self._stderr = stderr
        self._client: Any = None
        self.calls: list[str] = []

    @property
    def raw(self) -> Any:
        """The botocore client itself (for paginators and waiters); calls on it are not wrapped."""
        if self._client is None:
            with scoped_environ(self._settings.env):
                self._client = make_client(self._settings, self._session, self.service)
        return self._client

    def __getattr__(self, method: str) -> Callable[..., dict[str, Any]]:
        if method.startswith("_"):
            raise AttributeError(method)

        def call(**params: Any) -> dict[str, Any]:
            with scoped_environ(self._settings.env), debug_logging(self._stderr, self._settings.debug):
                client = self.raw
                operation = client.meta.method_to_api_mapping.get(method, method)
                self.calls.append(operation)
                with botocore_errors(operation):
                    response = getattr(client, method)(**params)
            return without_metadata(response)

        return call


class Clients:
    """One botocore session per run, and a ``ServiceClient`` per service, made on first use."""

    def __init__(self, settings: Settings, stderr: TextIO) -> None:
        self._settings = settings
        self._stderr = stderr
        self._session: Any = None
        self._clients: dict[str, ServiceClient] = {}

    def get(self, service: str) -> ServiceClient:
        if service not in self._clients:
            if self._session is None:
                with scoped_environ(self._settings.env):
                    self._session = make_session(self._settings)
            self._clients[service] = ServiceClient(service, self._settings, self._session, self._stderr)
        return self._clients[service]

    def call_count(self) -> int:
        return sum(len(client.calls) for client in self._clients.values())

"""A botocore data loader tuned for building one Lambda client per process.

botocore's stock loader does two things that cost an ``esm`` run more than the request:

* to answer "is ``lambda`` a known service?" it lists every service directory on its
  search path (about 450 of them, ~900 stat calls);
* it decodes every JSON file into ``OrderedDict``s, which takes twice as long as plain
  dicts for the 1.2 MB ``endpoints.json`` (plain dicts keep insertion order too).

Everything else (search paths including ``AWS_DATA_PATH`` and ``~/.aws/models``, the
model files themselves, extras) is botocore's own code and data.
"""

from __future__ import annotations

import json
import os
from typing import Any

from botocore.exceptions import DataNotFoundError
from botocore.loaders import JSONFileLoader, Loader, create_loader

SERVICE = "lambda"


class PlainJSONFileLoader(JSONFileLoader):
    """``JSONFileLoader`` decoding into plain (ordered) dicts."""

    def _load_file(self, full_path: str, open_method: Any) -> Any:
        if not os.path.isfile(full_path):
            return None
        with open_method(full_path, "rb") as stream:
            payload = stream.read().decode("utf-8")
        return json.loads(payload)


class LambdaOnlyLoader(Loader):
    """``Loader`` whose service listing checks only the directory of the service being loaded.

    Lambda by default; a client for another service (CloudWatch, IAM, SQS … through
    ``esm_cli.backends.aws_clients``) names its own, so it is found the same cheap way.
    """

    _loading = SERVICE

    def load_service_model(self, service_name: str, type_name: str, api_version: str | None = None) -> Any:
        self._loading = service_name
        try:
            return super().load_service_model(service_name, type_name, api_version)
        finally:
            self._loading = SERVICE

    def list_available_services(self, type_name: str) -> list[str]:
        # Called by load_service_model only to refuse unknown services.
        try:
            self.list_api_versions(self._loading, type_name)
        except DataNotFoundError:
            return []
        return [self._loading]


def install_fast_loader(session: Any) -> None:
    """Register a ``LambdaOnlyLoader`` over the same search paths the session would use."""
    stock = create_loader(session.get_config_variable("data_path"))
    loader = LambdaOnlyLoader(
        extra_search_paths=stock.search_paths,
        file_loader=PlainJSONFileLoader(),
        include_default_search_paths=False,
    )
    session.register_component("data_loader", loader)

"""Which AWS calls esm makes in-process: every ServiceClient it asks ``Clients.get`` for.

A ServiceClient's ``.calls`` lists the operations it sent, so the clients recorded here tell
the tests and benchmarks how many requests a command cost and to which services.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator


@contextmanager
def recorded_clients() -> Iterator[list[Any]]:
    """The clients esm makes while the block runs, each once, in the order first asked for."""
    from esm_cli.backends import aws_clients

    made: list[Any] = []
    original = aws_clients.Clients.get

    def get(self: Any, service: str) -> Any:
        client = original(self, service)
        if client not in made:
            made.append(client)
        return client

    aws_clients.Clients.get = get  # type: ignore[method-assign]
    try:
        yield made
    finally:
        aws_clients.Clients.get = original  # type: ignore[method-assign]

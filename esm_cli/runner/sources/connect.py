"""Clients for the real source at ``--source-endpoint-url``, and the source they read.

The clients are configured like every other AWS client of esm (profile, credentials, TLS,
timeouts: ``esm_cli.backends.aws_clients``) but aimed at the source's endpoint and region
(the ARN's), with few retries so an unreachable endpoint is reported at once. The on-failure
destination is reached at the same endpoint: a local emulator holds both.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from esm_cli.errors import EsmError, ParamValidationError
from esm_cli.runner.config import MappingConfig


def _clients(endpoint: str, ctx: Any, region: str) -> Any:
    from esm_cli.backends.aws_clients import Clients

    settings = copy.copy(ctx.require_settings())
    settings.endpoint_url = endpoint
    settings.region = region
    env = dict(settings.env)
    env.setdefault("AWS_MAX_ATTEMPTS", "2")  # an unreachable source is said so at once, not after backoffs
    settings.env = env
    return Clients(settings, ctx.stderr)


def destination_client(endpoint: str, ctx: Any, region: str | None = None) -> Callable[[str], Any]:
    clients = _clients(endpoint, ctx, region or ctx.require_settings().local_region)
    return clients.get


def connect(cfg: MappingConfig, endpoint: str, ctx: Any, *, role: str) -> Any:
    """The source the mapping's ARN names, checked reachable (ParamValidationError, exit 252)."""
    clients = _clients(endpoint, ctx, cfg.region)
    try:
        if cfg.family == "sqs":
            from esm_cli.runner.sources.sqs import SqsQueue

            return SqsQueue(clients.get("sqs"), cfg)
        if cfg.family == "kinesis":
            from esm_cli.runner.sources.kinesis import KinesisStream

            return KinesisStream(clients.get("kinesis"), cfg, role=role)
        from esm_cli.runner.sources.dynamodb import DynamoDBStream

        return DynamoDBStream(clients.get("dynamodbstreams"), cfg)
    except (EsmError, OSError) as error:
        raise ParamValidationError(f"the source {cfg.arn} is not reachable at {endpoint}: {error}") from None
    except Exception as error:  # noqa: BLE001 - botocore's own failures (connection refused …)
        raise ParamValidationError(f"the source {cfg.arn} is not reachable at {endpoint}: {error}") from None

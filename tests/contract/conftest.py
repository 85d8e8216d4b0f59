"""The contract suite's fixtures: one ``target`` per backend, each scenario run against both.

* ``local``: the SQLite backend on a private state file (no server, no credentials);
* ``aws``: the aws backend pointed (through ``AWS_ENDPOINT_URL``) at moto's server on
  127.0.0.1, started once per session, reset and re-seeded before every test, with dummy
  credentials and config files that keep the machine's own AWS set-up out.

Both run through esm's real entry point (``esm_cli.boundary.run``) with their own environment.
Where moto answers differently from real AWS, a scenario asks ``target.departs(aspect)``
and asserts moto's answer explicitly; ``MOTO_DEPARTS`` says why, after docs/aws-cli-behaviour.md#moto.
The local backend is always held to what real AWS does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import Esm, Result, clean_env
from support import motoserver

ACCOUNT = motoserver.ACCOUNT
REGION = motoserver.REGION

# What moto 5.2.5 does that real Lambda does not (docs/aws-cli-behaviour.md#moto, re-checked by the scenarios).
MOTO_DEPARTS: dict[str, str] = {
    "create-state": "moto reports State Enabled at once; Lambda answers Creating and settles later",
    "update-state": "moto keeps State as it was on update; Lambda answers Updating/Enabling/Disabling",
    "transition-reason": "moto says 'User initiated'; Lambda says USER_INITIATED (SQS) or 'User action' (streams)",
    "defaults": "moto returns only the members sent (plus BatchSize); Lambda returns every effective setting",
    "pagination": "moto ignores MaxItems and Marker and never returns NextMarker: one page holds everything",
    "delete-unknown": "moto answers 200 {} to DeleteEventSourceMapping of an unknown UUID; Lambda answers 404",
    "duplicates": "moto creates a second mapping for the same function and source; Lambda refuses (409)",
    "last-modified": "moto leaves LastModified unchanged on update and keeps whole seconds",
    "function-arn-filter": "moto's ListEventSourceMappings matches --function-name by name only, not by ARN",
}

# moto's own bugs (it gets its own model wrong): the aws-side scenario is xfail(strict=True).
MOTO_BUGS: dict[str, str] = {
    "moved-function-listing": (
        "moto bug: after UpdateEventSourceMapping changes FunctionName, ListEventSourceMappings "
        "still files the mapping under the old function and not under the new one"
    ),
}


@dataclass
class Target:
    """One backend under test, driven through the command line."""

    name: str
    esm: Esm
    arns: dict[str, str]
    server: Any = None
    created: list[str] = field(default_factory=list)

    def departs(self, aspect: str) -> bool:
        """True when this target is moto and moto is known to answer ``aspect`` unlike AWS."""
        assert aspect in MOTO_DEPARTS, aspect
        return self.name == "aws"

    def __call__(self, *argv: str, **env: str) -> Result:
        return self.esm(*argv, **env)

    def ok(self, *argv: str, **env: str) -> Any:
        return self.esm.ok(*argv, **env)

    def create(self, *extra: str, function: str = "fn1", source: str = "q1") -> dict[str, Any]:
        mapping = self.ok(
            "create-event-source-mapping", "--function-name", function, "--event-source-arn", self.arns[source], *extra
        )
        self.created.append(mapping["UUID"])
        return mapping

    def function_arn(self, name: str) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"


LOCAL_ARNS = {
    "q1": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q1",
    "q2": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q2",
    "dlq": f"arn:aws:sqs:{REGION}:{ACCOUNT}:dlq",
    "fifo": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q1.fifo",
    "kinesis": f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/s1",
    "ddb": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/t1/stream/2025-02-22T03:03:25.490",
}


def _server_arns(server: motoserver.MotoServer) -> dict[str, str]:
    queues = server.resources["queues"]
    return {
        "q1": queues["q1"],
        "q2": queues["q2"],
        "dlq": queues["dlq"],
        "fifo": queues["q1.fifo"],
        "kinesis": server.resources["stream"],
        "ddb": server.resources["table_stream"],
    }


# moto's server on 127.0.0.1, shared by every aws-backend scenario of the session.
moto_server = motoserver.server_fixture("moto", scope="session")


def aws_env(tmp_path: Path, url: str, **extra: str) -> dict[str, str]:
    """An environment selecting the aws backend on ``url`` with dummy credentials only."""
    return clean_env(tmp_path, **motoserver.aws_variables(url), **extra)


@pytest.fixture(params=["local", "aws"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    if request.param == "local":
        return Target("local", Esm(clean_env(tmp_path)), dict(LOCAL_ARNS))
    server: motoserver.MotoServer = request.getfixturevalue("moto_server")
    server.reset()
    return Target("aws", Esm(aws_env(tmp_path, server.url)), _server_arns(server), server)

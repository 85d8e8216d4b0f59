"""moto's server on 127.0.0.1 playing AWS for tests and benchmarks, with resources to map.

Everything talks HTTP to a real local endpoint, never to AWS: credentials are dummies and
every client is given the endpoint URL explicitly.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

REGION = "us-east-1"
ACCOUNT = "123456789012"
DUMMY_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MotoServer:
    """A running moto_server process and what was created in it."""

    url: str
    process: subprocess.Popen[bytes]
    resources: dict[str, Any] = field(default_factory=dict)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def client(self, service: str) -> Any:
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def reset(self) -> None:
        """Forget everything (moto's reset endpoint), then create the standard resources again."""
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/moto-api/reset", method="POST"), timeout=10).read()
        seed(self)


def aws_variables(url: str) -> dict[str, str]:
    """The environment that points the AWS CLI, botocore or esm's aws backend at the server ``url``."""
    return {**DUMMY_CREDENTIALS, "AWS_DEFAULT_REGION": REGION, "AWS_ENDPOINT_URL": url}


def start(log_dir: Path | None = None, **extra_env: str) -> MotoServer:
    """Start moto_server on a free loopback port and wait until it answers.

    ``extra_env`` goes to the server process only (e.g. MOTO_IAM_LOAD_MANAGED_POLICIES).
    """
    port = free_port()
    log = open(log_dir / "moto.log", "wb") if log_dir else subprocess.DEVNULL  # noqa: SIM115
    env = {**os.environ, **DUMMY_CREDENTIALS, "AWS_DEFAULT_REGION": REGION, **extra_env}
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.1)
    server = MotoServer(url, process)
    seed(server)
    return server


@contextmanager
def running(log_dir: Path | None = None, **extra_env: str) -> Iterator[MotoServer]:
    """A started server, stopped when the block ends."""
    server = start(log_dir, **extra_env)
    try:
        yield server
    finally:
        server.stop()


def server_fixture(log_name: str | None = None, *, scope: str = "module", **extra_env: str) -> Callable[..., Any]:
    """A pytest fixture yielding a running server for its ``scope`` (its log in a temp dir ``log_name``)."""
    import pytest  # benchmarks import this module too, without pytest

    @pytest.fixture(scope=scope)
    def fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MotoServer]:
        with running(tmp_path_factory.mktemp(log_name) if log_name else None, **extra_env) as server:
            yield server

    return fixture


def _function_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def seed(server: MotoServer) -> None:
    """An IAM role, functions fn1..fn3, SQS queues, a Kinesis stream and a DynamoDB stream."""
    iam = server.client("iam")
    role = iam.create_role(
        RoleName="esm-test-role",
        AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
        '{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    )["Role"]["Arn"]
    lam = server.client("lambda")
    code = _function_zip()
    functions = {}
    for name in ("fn1", "fn2", "fn3"):
        functions[name] = lam.create_function(
            FunctionName=name, Runtime="python3.11", Role=role, Handler="handler.handler", Code={"ZipFile": code}
        )["FunctionArn"]
    sqs = server.client("sqs")
    queues = {}
    for name in ("q1", "q2", "dlq"):
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        queues[name] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    fifo_url = sqs.create_queue(QueueName="q1.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    queues["q1.fifo"] = sqs.get_queue_attributes(QueueUrl=fifo_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    kinesis = server.client("kinesis")
    kinesis.create_stream(StreamName="s1", ShardCount=1)
    stream = kinesis.describe_stream(StreamName="s1")["StreamDescription"]["StreamARN"]
    dynamodb = server.client("dynamodb")
    table = dynamodb.create_table(
        TableName="t1",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )["TableDescription"]
    server.resources = {
        "role": role,
        "functions": functions,
        "queues": queues,
        "stream": stream,
        "table_stream": table["LatestStreamArn"],
    }

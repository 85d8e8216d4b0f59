"""The tag commands against the real ``aws lambda`` (AWS CLI v1, a test dependency) on one moto server.

Same line, same endpoint: stdout must be byte-identical, and a service error must carry the
same text (esm's ``esm: [ERROR]: `` prefix aside, with ``AWS_CLI_ERROR_FORMAT=legacy``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from contract import conftest as contract
from contract.conftest import aws_env

AWS_BIN = Path(sys.executable).with_name("aws")
AWS = str(AWS_BIN) if AWS_BIN.exists() else shutil.which("aws")
pytestmark = pytest.mark.skipif(AWS is None, reason="the awscli test dependency is not installed")

moto_server = contract.moto_server


def both(env: dict[str, str], url: str, *line: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    run = lambda argv: subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)  # noqa: E731
    aws = run([str(AWS), "lambda", *line, "--endpoint-url", url])
    esm = run([sys.executable, "-m", "esm_cli", *line, "--backend", "aws", "--endpoint-url", url])
    return aws, esm


def test_tag_commands_print_what_aws_prints(moto_server: Any, tmp_path: Path) -> None:
    moto_server.reset()
    env = aws_env(tmp_path, moto_server.url, AWS_CLI_ERROR_FORMAT="legacy")
    env.pop("AWS_ENDPOINT_URL")
    lam = moto_server.client("lambda")
    arn = lam.create_event_source_mapping(FunctionName="fn1", EventSourceArn=moto_server.resources["queues"]["q1"])[
        "EventSourceMappingArn"
    ]
    url = moto_server.url
    aws, esm = both(env, url, "tag-resource", "--resource", arn, "--tags", "team=a,env=dev")
    assert (aws.returncode, aws.stdout) == (esm.returncode, esm.stdout) == (0, "")
    aws, esm = both(env, url, "untag-resource", "--resource", arn, "--tag-keys", "env")
    assert (aws.returncode, aws.stdout) == (esm.returncode, esm.stdout) == (0, "")
    for output in ("json", "text", "table"):  # AWS CLI v1 has no yaml output
        aws, esm = both(env, url, "list-tags", "--resource", arn, "--output", output)
        assert aws.returncode == esm.returncode == 0
        assert esm.stdout == aws.stdout, output
    unknown = arn[:-12] + "000000000000"
    aws, esm = both(env, url, "list-tags", "--resource", unknown)
    assert (aws.returncode, esm.returncode) == (255, 254)  # v1 exits 255 where v2 exits 254
    assert esm.stderr.replace("esm: [ERROR]: ", "").strip() == aws.stderr.strip()

"""`alias aws=esm` for whole scripts (issue 16): commands esm does not own go to the real `aws`.

A fake `aws` on PATH shows exactly what it was handed (arguments, stdin) and answers with its
own stdout, stderr and exit code; the real AWS CLI is then run against moto's server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SQS_ARN, Esm, clean_env
from support import motoserver

FAKE_AWS = """#!/bin/sh
printf 'args:'
for a in "$@"; do printf ' [%s]' "$a"; done
printf '\\nstdin:'
cat
printf '\\n'
echo "fake aws says hello" >&2
exit 7
"""

ESM_SHIM = f"""#!/bin/sh
# an `aws` that is esm under another name
exec {sys.executable} -c 'import sys; from esm_cli.main import main; sys.exit(main())' "$@"
"""


def _bin(folder: Path, script: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    aws = folder / "aws"
    aws.write_text(script)
    aws.chmod(0o755)
    return str(folder)


@pytest.fixture
def fake_path(tmp_path: Path) -> str:
    return _bin(tmp_path / "fakebin", FAKE_AWS) + os.pathsep + "/usr/bin:/bin"


def test_another_service_is_handed_to_aws_with_args_stdin_and_exit_code(tmp_path: Path, fake_path: str) -> None:
    # The real entry point: esm's process becomes aws's.
    done = subprocess.run(
        [sys.executable, "-m", "esm_cli", "sts", "get-caller-identity", "--query", "Account", "--output", "text"],
        env=clean_env(tmp_path, PATH=fake_path),
        input="from stdin",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 7, done.stderr
    assert done.stdout == "args: [sts] [get-caller-identity] [--query] [Account] [--output] [text]\nstdin:from stdin\n"
    assert done.stderr == "fake aws says hello\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["lambda", "create-function", "--function-name", "f", "--runtime", "python3.12"],
        ["lambda", "wait", "function-active-v2", "--function-name", "f"],
        ["--region", "eu-west-1", "sqs", "create-queue", "--queue-name", "q"],
        ["s3", "ls"],
    ],
    ids=["lambda-create-function", "lambda-wait-function-active-v2", "global-option-first", "s3"],
)
def test_commands_esm_does_not_own_are_handed_over(tmp_path: Path, fake_path: str, argv: list[str]) -> None:
    result = Esm(clean_env(tmp_path, PATH=fake_path))(*argv)
    assert result.rc == 7, result.stderr
    assert result.stdout.startswith("args: " + " ".join(f"[{a}]" for a in argv) + "\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["lambda", "list-event-source-mappings"],
        ["list-event-source-mappings"],
        ["lambda", "create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN],
    ],
)
def test_esm_s_own_commands_stay_with_esm(tmp_path: Path, fake_path: str, argv: list[str]) -> None:
    result = Esm(clean_env(tmp_path, PATH=fake_path))(*argv)
    assert result.rc == 0, result.stderr
    assert "args:" not in result.stdout


def test_a_typo_of_an_esm_command_gets_esm_s_own_error(tmp_path: Path, fake_path: str) -> None:
    result = Esm(clean_env(tmp_path, PATH=fake_path))("crate-event-source-mapping")
    assert result.rc == 252 and "Found invalid choice 'crate-event-source-mapping'" in result.stderr


def test_without_aws_on_path_the_error_says_what_to_install(tmp_path: Path) -> None:
    result = Esm(clean_env(tmp_path, PATH="/usr/bin:/bin"))("sts", "get-caller-identity")
    assert result.rc == 252
    assert "no AWS CLI (`aws`) was found on PATH" in result.stderr and "getting-started-install" in result.stderr


def test_an_aws_that_is_esm_itself_is_skipped(tmp_path: Path) -> None:
    shim = _bin(tmp_path / "shim", ESM_SHIM)
    alone = Esm(clean_env(tmp_path, PATH=shim + os.pathsep + "/usr/bin:/bin"))("sts", "get-caller-identity")
    assert alone.rc == 252 and "no AWS CLI" in alone.stderr
    real = _bin(tmp_path / "real", FAKE_AWS)
    both = Esm(clean_env(tmp_path, PATH=os.pathsep.join([shim, real, "/usr/bin", "/bin"])))("sts", "get-caller-identity")
    assert both.rc == 7 and both.stdout.startswith("args: [sts] [get-caller-identity]")


def test_a_hand_over_that_leads_back_to_esm_is_refused(tmp_path: Path, fake_path: str) -> None:
    result = Esm(clean_env(tmp_path, PATH=fake_path, ESM_HANDED_OVER="1"))("sts", "get-caller-identity")
    assert result.rc == 252 and "led back to esm" in result.stderr


def test_passthrough_can_be_turned_off(tmp_path: Path, fake_path: str) -> None:
    result = Esm(clean_env(tmp_path, PATH=fake_path, ESM_AWS_PASSTHROUGH="0"))("sts", "get-caller-identity")
    assert result.rc == 252 and "Found invalid choice 'sts'" in result.stderr


# --- the real AWS CLI against moto -------------------------------------------------------------


moto = motoserver.server_fixture("moto-passthrough")


def _real_aws_path() -> str:
    return os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin"  # the venv's bin holds awscli's `aws`


def test_the_real_aws_cli_answers_through_esm(tmp_path: Path, moto: motoserver.MotoServer) -> None:
    env = clean_env(tmp_path, PATH=_real_aws_path(), AWS_DEFAULT_REGION="us-east-1", **motoserver.DUMMY_CREDENTIALS)
    done = subprocess.run(
        [sys.executable, "-m", "esm_cli", "sts", "get-caller-identity", "--endpoint-url", moto.url, "--query", "Account",
         "--output", "text"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == motoserver.ACCOUNT


def test_a_deploy_script_with_alias_aws_equals_esm(tmp_path: Path, moto: motoserver.MotoServer) -> None:
    script = f"""
    shopt -s expand_aliases
    alias aws=esm
    set -e
    account=$(aws sts get-caller-identity --endpoint-url {moto.url} --query Account --output text)
    aws sqs create-queue --endpoint-url {moto.url} --queue-name jobs --query QueueUrl --output text >/dev/null
    aws lambda create-event-source-mapping --function-name worker --event-source-arn {SQS_ARN} --query State --output text
    aws lambda list-event-source-mappings --query 'length(EventSourceMappings)'
    echo "account=$account"
    """
    env = clean_env(tmp_path, PATH=_real_aws_path(), AWS_DEFAULT_REGION="us-east-1", **motoserver.DUMMY_CREDENTIALS)
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Creating", "1", f"account={motoserver.ACCOUNT}"]

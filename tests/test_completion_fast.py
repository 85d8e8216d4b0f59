"""A TAB press imports nothing heavy: checked on the real entry point for every kind of request.

Timing is for bench/completion.py (tests never assert a wall-clock time); what can be asserted
is what a completion request loads, which is what makes it slow.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KINESIS_ARN, SQS_ARN, Esm, clean_env
from esm_cli.completion import cache

# Third-party packages the CLI uses elsewhere, and esm's own layers above the completion path.
HEAVY = ("click", "boto3", "botocore", "rich", "yaml", "jmespath", "tabulate")
CLI_LAYERS = (
    "esm_cli.boundary",
    # esm_cli.argv is absent on purpose: the grammar is shared with completion and imports nothing.
    "esm_cli.errors",
    "esm_cli.options",
    "esm_cli.spec",
    "esm_cli.settings",
    "esm_cli.backends",
    "esm_cli.rules",
    "esm_cli.output",
    "esm_cli.params",
    "esm_cli.filters",
    "esm_cli.commands",
)

# Run the console entry point as a shell would, then report what was imported.
PROBE = (
    "import sys\n"
    "from esm_cli.main import main\n"
    "code = main()\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('\\n<<MODULES>>' + ' '.join(sorted(sys.modules)))\n"
    "sys.exit(code)\n"
)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("fast")
    env = clean_env(root, XDG_CACHE_HOME=str(root / "cache"))
    Path(env["AWS_CONFIG_FILE"]).write_text("[default]\nregion = us-east-1\n[profile dev]\n")
    esm = Esm(env)
    uuid = esm.ok("create-event-source-mapping", "--function-name", "fn", "--event-source-arn", SQS_ARN)["UUID"]
    env["TEST_UUID"] = uuid
    cache.remember([{"UUID": "cached", "FunctionArn": "arn:aws:lambda:us-east-1:1:function:f", "EventSourceArn": SQS_ARN}],
                   backend="aws", region="us-east-1", profile=None, env=env)
    (root / "doc.json").write_text("{}")
    env["TEST_ROOT"] = str(root)
    return env


LINES = {
    "commands": "esm lambda ",
    "flags": "esm create-event-source-mapping --",
    "source-aware flags": f"esm create-event-source-mapping --event-source-arn {KINESIS_ARN} --",
    "update flags (stored mapping)": "esm update-event-source-mapping --uuid {TEST_UUID} --",
    "enum": "esm create-event-source-mapping --starting-position ",
    "profile": "esm --profile ",
    "region": "esm --region ",
    "file://": "esm validate --cli-input-json file://{TEST_ROOT}/",
    "uuid (local state)": "esm get-event-source-mapping --uuid ",
    "uuid (aws cache)": "esm --backend aws get-event-source-mapping --uuid ",
}


@pytest.mark.parametrize("shell", ["bash", "fish"])
@pytest.mark.parametrize("what", list(LINES))
def test_a_completion_request_imports_nothing_heavy(env: dict[str, str], what: str, shell: str) -> None:
    text = LINES[what].format(**env)
    request = {"_ESM_COMPLETE": shell}
    if shell == "bash":
        request.update(COMP_LINE=text, COMP_POINT=str(len(text)))
    else:
        *before, current = text.split(" ")
        request.update(_ESM_COMP_WORDS="\n".join(before), _ESM_COMP_CURRENT=current)
    done = subprocess.run([sys.executable, "-c", PROBE], env={**env, **request}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    errors, _, modules = done.stderr.partition("<<MODULES>>")
    assert errors.strip() == "", errors
    assert done.stdout.count("\n") >= 2, f"{what}: no candidates: {done.stdout!r}"  # it did answer
    loaded = set(modules.split())
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    layers = sorted(m for m in loaded if any(m == layer or m.startswith(layer + ".") for layer in CLI_LAYERS))
    assert not heavy and not layers, f"{what}: a TAB press imported {heavy + layers}"


def test_the_probe_sees_the_answer_a_shell_sees(env: dict[str, str]) -> None:
    text = "esm get-event-source-mapping --uuid "
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**env, "_ESM_COMPLETE": "bash", "COMP_LINE": text, "COMP_POINT": str(len(text))},
        capture_output=True, text=True, timeout=60,
    )
    assert done.stdout == f"\n{env['TEST_UUID']}\n"

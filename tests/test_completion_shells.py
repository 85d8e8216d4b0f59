"""The generated completion scripts, driven through real bash, zsh and fish.

Every case of issue 6 runs in each shell against one world: a local state file made by
running `esm create-event-source-mapping`, AWS config and credentials files with profiles,
files for `file://`, and an aws-backend cache. Shells are driven without a terminal where
they allow it:

- bash: the script is sourced and its function called with COMP_LINE/COMP_WORDS set, as
  readline would; a second test types into an interactive bash on a pseudo-terminal to see
  what readline really inserts (ARNs break at `:`, folders take no space);
- zsh: an interactive zsh on zsh/zpty loads the script through compinit and $fpath, types
  the line and TAB, and a `compadd` wrapper prints each match with its description;
- fish: `complete -C` after sourcing the script.

zsh and fish are required in CI (``CI`` set), where .ci/run installs them: a missing shell
then fails, so no feature goes untested there. On a developer's machine without them, their
tests are skipped with a reason naming the package to install, so the README's test command
passes on a machine that has only python3.
"""

from __future__ import annotations

import json
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from esm_cli.commands import all_commands

from conftest import DDB_ARN, KINESIS_ARN, REPO, SQS_ARN, clean_env
from esm_cli.completion import cache

COMPLETIONS = REPO / "completions"
MSK_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/c1/abcd-1234"
CACHED_UUID = "aaaaaaaa-1111-2222-3333-444444444444"


def require(shell: str) -> str:
    found = shutil.which(shell)
    if found is None:
        advice = f"{shell} is not installed: install it to run these tests (Debian: apt-get install -y {shell})"
        if os.environ.get("CI"):
            pytest.fail(f"{advice}; in CI it is required (.ci/run installs it).", pytrace=False)
        pytest.skip(advice)
    return found


def esm_program() -> str:
    """The `esm` console script of the Python running the tests (the shells call `esm`)."""
    found = shutil.which("esm", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"no `esm` console script beside {sys.executable}: install the package (pip install -e .)", pytrace=False)
    return found


# --- the world the cases run in ----------------------------------------------------------------


@dataclass
class World:
    root: Path
    env: dict[str, str]
    uuids: dict[str, str]
    docs: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("completion-world")
    env = clean_env(root, XDG_CACHE_HOME=str(root / "cache"))
    env["PATH"] = str(Path(esm_program()).parent) + os.pathsep + env.get("PATH", "")
    (root / "home").mkdir()
    Path(env["AWS_CONFIG_FILE"]).write_text("[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n")
    Path(env["AWS_SHARED_CREDENTIALS_FILE"]).write_text("[ci]\naws_access_key_id = x\naws_secret_access_key = y\n")
    uuids = {}
    for name, function, extra in (
        ("sqs", "fn-sqs", ["--event-source-arn", SQS_ARN]),
        ("kinesis", "fn-kin", ["--event-source-arn", KINESIS_ARN, "--starting-position", "LATEST"]),
        ("ddb", "fn-ddb", ["--event-source-arn", DDB_ARN, "--starting-position", "TRIM_HORIZON"]),
        ("msk", "fn-msk", ["--event-source-arn", MSK_ARN, "--topics", "orders", "--starting-position", "LATEST"]),
    ):
        done = subprocess.run(
            [esm_program(), "create-event-source-mapping", "--function-name", function, *extra],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        uuids[name] = json.loads(done.stdout)["UUID"]
    docs = root / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "mapping.json").write_text("{}")
    (docs / "sub" / "filters.json").write_text("{}")
    cache.remember(
        [{"UUID": CACHED_UUID, "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn-cloud",
          "EventSourceArn": SQS_ARN, "State": "Enabled"}],
        backend="aws", region="us-east-1", profile=None, env=env,
    )
    return World(root, env, uuids, docs)


# --- the cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    line: str
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exact: bool = False  # the candidates are exactly `include` (in any order)
    described: dict[str, str] = field(default_factory=dict)  # word → text its description holds (zsh, fish)
    env: dict[str, str] = field(default_factory=dict)


def cases(w: World) -> dict[str, Case]:
    u = w.uuids
    local_uuids = sorted(u.values())
    return {
        # commands
        "commands": Case("esm ", list(all_commands()) + ["lambda"], exact=True,
                         described={"list-event-source-mappings": "Lists event source mappings"}),
        "command-prefix": Case("esm li", ["list-event-source-mappings", "list-tags"], exact=True),
        "service-word": Case("esm lambda ", [n for n, c in all_commands().items() if c.aws_lambda], exact=True),
        "service-word-prefix": Case("esm lambda get", ["get-event-source-mapping"], exact=True),
        "service-word-after-globals": Case("esm --output json lambda del", ["delete-event-source-mapping"], exact=True),
        # flags
        "flags": Case("esm get-event-source-mapping --", ["--uuid", "--output", "--region", "--generate-cli-skeleton"],
                      ["--marker", "--function-name"], described={"--uuid": "identifier of the event source mapping"}),
        "flags-hidden": Case("esm list-event-source-mappings --", ["--max-items", "--function-name"], ["--marker"]),
        "flags-prefix": Case("esm lambda delete-event-source-mapping --u", ["--uuid"], exact=True),
        "flags-bool-pair": Case("esm update-event-source-mapping --uuid x --", ["--enabled", "--no-enabled", "--batch-size"], ["--uuid"]),
        "flags-given": Case("esm update-event-source-mapping --uuid x --batch-size 5 --no-enabled --",
                            ["--function-name", "--region"], ["--uuid", "--batch-size", "--enabled", "--no-enabled"]),
        "flags-global-given": Case("esm --output json get-event-source-mapping --o", [], ["--output"]),
        "globals-alone": Case("esm --re", ["--region"], exact=True),
        # enum values
        "starting-position": Case("esm create-event-source-mapping --starting-position ", ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"], exact=True),
        "function-response-types": Case("esm create-event-source-mapping --function-response-types ", ["ReportBatchItemFailures"], exact=True),
        "output": Case("esm get-event-source-mapping --output ", ["json", "text", "table", "yaml", "yaml-stream", "off"], exact=True),
        "output-inline": Case("esm get-event-source-mapping --output=ya", ["--output=yaml", "--output=yaml-stream"], exact=True),
        "backend": Case("esm --backend ", ["local", "aws"], exact=True),
        "cli-error-format": Case("esm --cli-error-format ", ["legacy", "json", "yaml", "text", "table", "enhanced"], exact=True),
        "color": Case("esm --color ", ["on", "off", "auto"], exact=True),
        "skeleton": Case("esm get-event-source-mapping --generate-cli-skeleton ", ["input", "yaml-input", "output"], exact=True),
        "test-filter-source": Case("esm test-filter --source ", ["sqs", "kinesis", "dynamodb", "kafka", "mq", "docdb"], exact=True),
        "test-filter-expect": Case("esm test-filter --expect ", ["keep", "drop"], exact=True),
        "completion-shell": Case("esm completion ", ["bash", "zsh", "fish"], exact=True),
        # profiles and regions
        "profile": Case("esm --profile ", ["default", "dev", "ci"], exact=True),
        "region": Case("esm get-event-source-mapping --region eu-west-", ["eu-west-1", "eu-west-2", "eu-west-3"], exact=True,
                       described={"eu-west-1": "Europe (Ireland)"}),
        # paths
        "file-prefix": Case("esm validate --cli-input-json fi", ["file://", "fileb://"], exact=True),
        "file-folder": Case(f"esm validate --cli-input-json file://{w.docs}/",
                            [f"file://{w.docs}/mapping.json", f"file://{w.docs}/sub/"], exact=True),
        "fileb-file": Case(f"esm create-event-source-mapping --filter-criteria fileb://{w.docs}/ma",
                           [f"fileb://{w.docs}/mapping.json"], exact=True),
        "plain-path": Case(f"esm --state-file {w.docs}/ma", [f"{w.docs}/mapping.json"]),
        # values from the local state file
        "uuid": Case("esm get-event-source-mapping --uuid ", local_uuids, exact=True,
                     described={u["sqs"]: "fn-sqs <- sqs:q1", u["kinesis"]: "fn-kin <- kinesis:stream/s1"}),
        "uuid-service-word": Case("esm lambda delete-event-source-mapping --uuid ", local_uuids, exact=True),
        "function-name": Case("esm list-event-source-mappings --function-name fn-", ["fn-sqs", "fn-kin", "fn-ddb", "fn-msk"], exact=True),
        "event-source-arn": Case("esm list-event-source-mappings --event-source-arn arn:aws:kinesis", [KINESIS_ARN], exact=True,
                                 described={KINESIS_ARN: "fn-kin"}),
        "event-source-arn-narrowed": Case("esm list-event-source-mappings --function-name fn-sqs --event-source-arn ", [SQS_ARN], exact=True),
        # source-aware
        "sqs-flags": Case(f"esm create-event-source-mapping --event-source-arn {SQS_ARN} --",
                          ["--scaling-config", "--function-response-types"],
                          ["--starting-position", "--topics", "--parallelization-factor", "--destination-config"]),
        "kinesis-flags": Case(f"esm create-event-source-mapping --event-source-arn {KINESIS_ARN} --",
                              ["--starting-position", "--parallelization-factor"], ["--scaling-config", "--topics", "--queues"]),
        "ddb-starting-position": Case(f"esm create-event-source-mapping --event-source-arn {DDB_ARN} --starting-position ",
                                      ["TRIM_HORIZON", "LATEST"], ["AT_TIMESTAMP"], exact=True),
        "ddb-flags": Case(f"esm create-event-source-mapping --event-source-arn {DDB_ARN} --starting-position-",
                          [], ["--starting-position-timestamp"]),
        "msk-flags": Case(f"esm create-event-source-mapping --event-source-arn {MSK_ARN} --",
                          ["--topics", "--amazon-managed-kafka-event-source-config"], ["--queues", "--scaling-config"]),
        "update-sqs": Case(f"esm update-event-source-mapping --uuid {u['sqs']} --",
                           ["--scaling-config", "--batch-size"], ["--parallelization-factor", "--tumbling-window-in-seconds", "--destination-config"]),
        "update-kinesis": Case(f"esm update-event-source-mapping --uuid {u['kinesis']} --",
                               ["--parallelization-factor", "--destination-config"], ["--scaling-config"]),
        # the aws backend reads its cache, never the local state file
        "aws-backend-option": Case("esm --backend aws get-event-source-mapping --uuid ", [CACHED_UUID], exact=True,
                                   described={CACHED_UUID: "fn-cloud <- sqs:q1"}),
        "aws-backend-env": Case("esm get-event-source-mapping --uuid ", [CACHED_UUID], exact=True, env={"ESM_BACKEND": "aws"}),
        "aws-endpoint-url": Case("esm --endpoint-url http://127.0.0.1:9 list-event-source-mappings --function-name ",
                                 ["fn-cloud"], exact=True),
    }


CASE_NAMES = list(cases(World(Path("/x"), {}, {k: k for k in ("sqs", "kinesis", "ddb", "msk")}, Path("/x"))))


def check(case: Case, found: list[tuple[str, str]], shell: str) -> None:
    words = [w for w, _ in found]
    where = f"{shell}: {case.line!r} offered {words}"
    if case.exact:
        assert sorted(set(words)) == sorted(case.include), where
    else:
        missing = [w for w in case.include if w not in words]
        assert not missing, f"{where}; missing {missing}"
    unwanted = [w for w in case.exclude if w in words]
    assert not unwanted, f"{where}; should not offer {unwanted}"
    if shell != "bash":
        descriptions = dict(found)
        for word, text in case.described.items():
            assert text.lower() in descriptions.get(word, "").lower(), f"{shell}: {word} described as {descriptions.get(word)!r}"


# --- bash ----------------------------------------------------------------------------------------


def bash_words(text: str) -> list[str]:
    """COMP_WORDS as bash builds them: split at blanks, with `:` and `=` runs as words of their own."""
    words = re.findall(r"[^\s:=]+|[:=]+", text)
    return words + [""] if not text or text[-1].isspace() else words


def bash_full_word(text: str, reply: str) -> str:
    """The whole word a COMPREPLY entry makes: readline keeps the word up to its last `:` or `=`."""
    current = re.split(r"\s", text)[-1]
    kept = current[: max(current.rfind(":"), current.rfind("="), -1) + 1]
    return kept + re.sub(r"\\(.)", r"\1", reply)


@pytest.fixture(scope="module")
def bash_results(world: World) -> dict[str, list[tuple[str, str]]]:
    bash = require("bash")
    all_cases = cases(world)
    script = [f"source {shlex.quote(str(COMPLETIONS / 'esm.bash'))}"]
    for name, case in all_cases.items():
        words = bash_words(case.line)
        script += [f"export {k}={shlex.quote(v)}" for k, v in case.env.items()]
        script += [
            f"COMP_LINE={shlex.quote(case.line)}; COMP_POINT={len(case.line)}",
            f"COMP_WORDS=({' '.join(shlex.quote(x) for x in words)}); COMP_CWORD={len(words) - 1}; COMPREPLY=()",
            '_esm_completion esm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
            "printf '<<C>>%s\\n' \"${COMPREPLY[@]}\"",
            f"echo '<<CASE {name}>>'",
        ]
        script += [f"unset {k}" for k in case.env]
    done = subprocess.run([bash, "--norc", "--noprofile", "-c", "\n".join(script)], env=world.env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results: dict[str, list[tuple[str, str]]] = {}
    replies: list[str] = []
    for row in done.stdout.splitlines():
        if row.startswith("<<CASE "):
            name = row[len("<<CASE "):-2]
            results[name] = [(bash_full_word(all_cases[name].line, r), "") for r in replies if r]
            replies = []
        elif row.startswith("<<C>>"):
            replies.append(row[len("<<C>>"):])
    return results


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bash(name: str, world: World, bash_results: dict[str, list[tuple[str, str]]]) -> None:
    check(cases(world)[name], bash_results[name], "bash")


def test_bash_offers_uuids_as_plain_words(world: World, bash_results: dict[str, list[tuple[str, str]]]) -> None:
    assert all(re.fullmatch(r"[0-9a-f-]{36}", word) for word, _ in bash_results["uuid"])


def run_in_terminal(argv: list[str], env: dict[str, str], steps: list[tuple[str, str]], timeout: float = 30) -> str:
    """Type into a program on a pseudo-terminal; each step waits until the output holds a marker."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True)
    os.close(follower)
    output = b""
    try:
        for typed, marker in steps:
            os.write(leader, typed.encode())
            deadline = time.monotonic() + timeout
            while marker.encode() not in output:
                if time.monotonic() > deadline:
                    raise AssertionError(f"timed out waiting for {marker!r}; the terminal showed:\n{output.decode(errors='replace')}")
                ready, _, _ = select.select([leader], [], [], 0.2)
                if ready:
                    try:
                        output += os.read(leader, 65536)
                    except OSError:
                        break
        return output.decode(errors="replace")
    finally:
        process.kill()
        process.wait()
        os.close(leader)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # readline breaks the word at ':' and '=': the script must answer from there.
        ("esm list-event-source-mappings --event-source-arn arn:aws:kin", f"esm list-event-source-mappings --event-source-arn {KINESIS_ARN} "),
        ("esm get-event-source-mapping --output=ta", "esm get-event-source-mapping --output=table "),
        ("esm lambda list-ev", "esm lambda list-event-source-mappings "),
        # A folder takes no space, so its files can follow.
        ("esm validate --cli-input-json file://{docs}/su", "esm validate --cli-input-json file://{docs}/sub/"),
        ("esm get-event-source-mapping --uuid {sqs_prefix}", "esm get-event-source-mapping --uuid {sqs_uuid} "),
    ],
)
def test_bash_readline_inserts_the_completion(world: World, typed: str, expected: str) -> None:
    bash = require("bash")
    values = {"docs": str(world.docs), "sqs_uuid": world.uuids["sqs"], "sqs_prefix": world.uuids["sqs"][:8]}
    typed, expected = typed.format(**values), expected.format(**values)
    env = {**world.env, "TERM": "dumb", "INPUTRC": "/dev/null", "PS1": "$ "}
    # Type the line and TAB; then go to the start of the line (Ctrl-A) and make it an `echo`,
    # so the line readline ended up with is printed whole.
    shown = run_in_terminal(
        [bash, "--norc", "--noprofile", "-i"],
        env,
        [
            (f"source {shlex.quote(str(COMPLETIONS / 'esm.bash'))}; echo READY\n", "READY\r\n"),
            (typed + "\t", ""),
            ("\x01echo \"<<\"\x05\"<<\"\n", "<<\r\n"),
        ],
    )
    printed = re.findall(r"^<<(.*)<<\r$", shown, re.M)
    assert printed and printed[-1] == expected, shown


# --- zsh -----------------------------------------------------------------------------------------

ZSH_SETUP = r"""
PROMPT='' RPROMPT='' PS2=''
fpath=($ESM_TEST_FPATH $fpath)
autoload -Uz compinit
compinit -u -D
bindkey '^I' complete-word
# Print every match compsys adds, with its description, then add it as usual.
compadd() {
    if (( ${@[(I)-[OAD]]} )); then
        builtin compadd "$@"
        return
    fi
    local -a esm_hits esm_shown
    local esm_name esm_i
    esm_i=${@[(i)-d]}
    if (( esm_i < $# )); then
        esm_name=${@[esm_i+1]}
        if [[ $esm_name == \(* ]]; then eval "esm_shown=$esm_name"; else esm_shown=("${(@P)esm_name}"); fi
    fi
    builtin compadd -A esm_hits -D esm_shown "$@"
    if (( $#esm_hits )); then
        for esm_i in {1..$#esm_hits}; do
            print -r -- "<<C>>${esm_hits[esm_i]}<<D>>${esm_shown[esm_i]}<<E>>"
        done
    fi
    builtin compadd "$@"
}
esm_test_done() { print -r -- '<<END>>'; exit }
comppostfuncs=(esm_test_done)
"""

# Arguments: the setup file, then for each case its exports (K=V words, or "") and its line.
ZSH_DRIVER = r"""
zmodload zsh/zpty
typeset -F SECONDS
setup=$1; shift
while (( $# >= 2 )); do
    exports=$1 line=$2; shift 2
    zpty esmz zsh -f -i
    zpty -w esmz "source ${(q)setup}"
    [[ -n $exports ]] && zpty -w esmz "export $exports"
    zpty -w -n esmz "$line"$'\t'
    out= chunk=
    deadline=$(( SECONDS + 30 ))
    while (( SECONDS < deadline )); do
        if zpty -r -t esmz chunk; then
            out+=$chunk
            [[ $out == *'<<END>>'* ]] && break
        else
            sleep 0.02
        fi
    done
    print -r -- "$out"
    print -r -- "<<CASE>>"
    zpty -d esmz
done
"""


@pytest.fixture(scope="module")
def zsh_results(world: World, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    zsh = require("zsh")
    folder = tmp_path_factory.mktemp("zsh")
    (folder / "setup.zsh").write_text(ZSH_SETUP)
    (folder / "drive.zsh").write_text(ZSH_DRIVER)
    all_cases = cases(world)
    argv = [zsh, "-f", str(folder / "drive.zsh"), str(folder / "setup.zsh")]
    for case in all_cases.values():
        argv += [" ".join(f"{k}={shlex.quote(v)}" for k, v in case.env.items()), case.line]
    env = {**world.env, "ESM_TEST_FPATH": str(COMPLETIONS), "TERM": "dumb"}
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    outputs = done.stdout.split("<<CASE>>\n")
    results = {}
    for name, out in zip(all_cases, outputs):
        assert "<<END>>" in out, f"zsh: no completion finished for {all_cases[name].line!r}:\n{out}"
        found = re.findall(r"<<C>>(.*?)<<D>>(.*?)<<E>>", out)
        results[name] = [(word, shown.split(" -- ", 1)[1] if " -- " in shown else "") for word, shown in found]
    return results


def zsh_full_words(case: Case, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # _files adds names relative to the folder typed; put the folder back to compare whole paths.
    if case.line.startswith("esm --state-file "):
        folder = case.line.split()[-1].rpartition("/")[0]
        return [(f"{folder}/{word}", text) for word, text in found]
    return found


@pytest.mark.parametrize("name", CASE_NAMES)
def test_zsh(name: str, world: World, zsh_results: dict[str, list[tuple[str, str]]]) -> None:
    case = cases(world)[name]
    check(case, zsh_full_words(case, zsh_results[name]), "zsh")


def test_zsh_loads_the_script_when_sourced_too(world: World) -> None:
    zsh = require("zsh")
    script = (
        "autoload -Uz compinit && compinit -u -D && "
        f"source {shlex.quote(str(COMPLETIONS / '_esm'))} && print -r -- ${{_comps[esm]}}"
    )
    done = subprocess.run([zsh, "-f", "-c", script], env=world.env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "_esm", done.stderr


# --- fish ----------------------------------------------------------------------------------------


def fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


@pytest.fixture(scope="module")
def fish_results(world: World) -> dict[str, list[tuple[str, str]]]:
    fish = require("fish")
    all_cases = cases(world)
    script = [f"source {fish_quote(str(COMPLETIONS / 'esm.fish'))}"]
    for case in all_cases.values():
        script += [f"set -gx {k} {fish_quote(v)}" for k, v in case.env.items()]
        script += [f"complete -C {fish_quote(case.line)}", "echo '<<CASE>>'"]
        script += [f"set -e {k}" for k in case.env]
    done = subprocess.run([fish, "--no-config", "-c", "\n".join(script)], env=world.env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    outputs = done.stdout.split("<<CASE>>\n")
    return {
        name: [tuple(row.split("\t", 1)) if "\t" in row else (row, "") for row in out.splitlines() if row]  # type: ignore[misc]
        for name, out in zip(all_cases, outputs)
    }


@pytest.mark.parametrize("name", CASE_NAMES)
def test_fish(name: str, world: World, fish_results: dict[str, list[tuple[str, str]]]) -> None:
    check(cases(world)[name], fish_results[name], "fish")


def test_every_case_ran_in_every_shell(
    bash_results: dict[str, Any], zsh_results: dict[str, Any], fish_results: dict[str, Any]
) -> None:
    assert set(bash_results) == set(zsh_results) == set(fish_results) == set(CASE_NAMES)

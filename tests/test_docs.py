"""Docs stay true: generated pages are fresh, and the README's set-up command works as written."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import REPO, Esm, clean_env


def readme_block(marker: str) -> str:
    """The shell command in the fenced block after ``<!-- marker -->`` in the README."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\s*```sh\n(.*?)\n```", text, re.S)
    assert match, f"README.md has no block after <!-- {marker} -->"
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "setup:test" in ci and "eval" in ci
    assert "pytest" in readme_block("setup:test")


def _copy_of_the_repo(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())


def test_the_readme_install_and_run_command_works_as_written(tmp_path: Path) -> None:
    """Runs the README's first command verbatim in a copy of the repo, offline.

    The venv it creates is prepared beforehand to see this environment's packages, and pip
    is told to use no index and no isolated build environment, so nothing is downloaded;
    the command text itself is not changed.
    """
    command = readme_block("setup:run")
    work = tmp_path / "repo"
    _copy_of_the_repo(work)
    venv = work / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = next(venv.glob("lib/python*/site-packages"))
    outer = sysconfig.get_paths()["purelib"]
    (site / "000-outer-packages.pth").write_text(f"import sys; sys.path.insert(0, {outer!r})\n")
    env = clean_env(tmp_path)
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip reads this as "do not isolate the build"
        PIP_FIND_LINKS="",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (venv / "bin" / "esm").exists()
    mapping = json.loads(done.stdout[done.stdout.index("{\n") :])
    assert mapping["State"] == "Creating" and mapping["BatchSize"] == 5
    assert mapping["FunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:my-function"


def test_every_esm_line_in_the_readme_parses(tmp_path: Path) -> None:
    """Each `esm …` example in the README is a command line the parser accepts."""
    from esm_cli.argv import parse_command_line
    from esm_cli.commands import all_commands

    text = (REPO / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("esm ")]
    assert len(lines) >= 5
    for line in lines:
        words = shlex.split(line.split(" && ")[0].replace("…", "x"), comments=True)
        if ">" in words:  # a redirection is the shell's, not esm's
            words = words[: words.index(">")]
        argv = words[1:]
        parsed = parse_command_line(argv, all_commands())
        assert parsed.command is not None and not parsed.unknown, line
    Esm(clean_env(tmp_path))  # the runner builds for the same environment the examples assume

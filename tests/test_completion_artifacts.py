"""Generated completion artifacts are fresh: the scripts in completions/, the flat option table
and the region list (committed and checked fresh by tests: docs/design.md#generated-files)."""

from __future__ import annotations

import difflib

import pytest
from conftest import REPO, Esm

from esm_cli.completion import scripts

SCRIPT_FILES = {"bash": "esm.bash", "zsh": "_esm", "fish": "esm.fish"}


def _diff(committed: str, fresh: str, what: str) -> str:
    lines = difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), f"committed {what}", "fresh", n=2)
    return "".join(lines)[:10000]


def test_the_real_entry_point_prints_the_script(esm: Esm) -> None:
    done = esm.subprocess("completion", "fish")
    assert (done.rc, done.stdout, done.stderr) == (0, scripts.script("fish"), "")
    assert done.stdout.startswith("# fish completion for esm")


@pytest.mark.parametrize("shell", sorted(scripts.SCRIPT_FILES))
def test_completions_folder_links_to_the_scripts_esm_prints(esm: Esm, shell: str) -> None:
    """completions/ holds links to the package's script files: one copy, never stale."""
    link = REPO / "completions" / scripts.SCRIPT_FILES[shell]
    assert link.is_symlink()
    assert link.resolve() == (REPO / "esm_cli" / "completion" / "shells" / scripts.SCRIPT_FILES[shell]).resolve()
    printed = esm("completion", shell)
    assert (printed.rc, printed.stdout, printed.stderr) == (0, link.read_text(encoding="utf-8"), "")


def test_an_unknown_shell_is_a_usage_error(esm: Esm) -> None:
    done = esm("completion", "tcsh")
    assert done.rc == 252 and done.stdout == ""
    assert "argument shell: Found invalid choice 'tcsh'" in done.stderr
    assert esm("completion").rc == 252


def test_the_docs_give_an_install_line_per_shell() -> None:
    text = (REPO / "docs" / "completion.md").read_text(encoding="utf-8")
    for needle in ('eval "$(esm completion bash)"', "esm completion zsh >", "esm completion fish >", "completions/"):
        assert needle in text, needle

"""Generated completion artifacts are fresh: the scripts in completions/, the flat option table
and the region list (DESIGN.md §5: generated artifacts are committed and checked by tests)."""

from __future__ import annotations

import difflib

import pytest

from conftest import REPO, Esm
from esm_cli.completion import generate, scripts

SCRIPT_FILES = {"bash": "esm.bash", "zsh": "_esm", "fish": "esm.fish"}


def _diff(committed: str, fresh: str, what: str) -> str:
    lines = difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), f"committed {what}", "fresh", n=2)
    return "".join(lines)[:10000]


@pytest.mark.parametrize("shell", sorted(SCRIPT_FILES))
def test_committed_scripts_are_what_esm_completion_prints(esm: Esm, shell: str) -> None:
    committed = (REPO / "completions" / SCRIPT_FILES[shell]).read_text(encoding="utf-8")
    printed = esm("completion", shell)
    assert printed.rc == 0 and printed.stderr == ""
    assert printed.stdout == committed, (
        f"completions/{SCRIPT_FILES[shell]} is stale: run `esm completion {shell} > completions/{SCRIPT_FILES[shell]}`\n"
        + _diff(committed, printed.stdout, SCRIPT_FILES[shell])
    )


def test_the_real_entry_point_prints_the_script(esm: Esm) -> None:
    done = esm.subprocess("completion", "fish")
    assert (done.rc, done.stdout, done.stderr) == (0, scripts.FISH, "")


def test_an_unknown_shell_is_a_usage_error(esm: Esm) -> None:
    done = esm("completion", "tcsh")
    assert done.rc == 252 and done.stdout == ""
    assert "argument shell: Found invalid choice 'tcsh'" in done.stderr
    assert esm("completion").rc == 252


def test_the_option_table_mirrors_the_cli() -> None:
    committed = generate.TABLE_PATH.read_text(encoding="utf-8")
    fresh = generate.table_source()
    assert committed == fresh, "esm_cli/completion/table.py is stale: run `python -m esm_cli.completion.generate`\n" + _diff(
        committed, fresh, "table.py"
    )


def test_the_regions_match_the_installed_botocore() -> None:
    committed = generate.REGIONS_PATH.read_text(encoding="utf-8")
    fresh = generate.regions_source(generate.endpoints_data())
    assert committed == fresh, "esm_cli/completion/regions.py is stale: run `python -m esm_cli.completion.generate`\n" + _diff(
        committed, fresh, "regions.py"
    )


def test_the_docs_give_an_install_line_per_shell() -> None:
    text = (REPO / "docs" / "completion.md").read_text(encoding="utf-8")
    for needle in ('eval "$(esm completion bash)"', "esm completion zsh >", "esm completion fish >", "completions/"):
        assert needle in text, needle

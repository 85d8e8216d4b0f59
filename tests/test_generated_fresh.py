"""Every generated file is fresh: what `python -m esm_cli.regenerate` would write is what is committed.

One test per artifact (esm_cli.regenerate.ARTIFACTS), so a stale file names itself and the fix.
"""

from __future__ import annotations

import difflib

import pytest

from esm_cli import regenerate


def _diff(path: str, committed: str, fresh: str) -> str:
    lines = difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), f"committed {path}", "fresh", n=2)
    return "".join(lines)[:8000]


@pytest.mark.parametrize("artifact", regenerate.ARTIFACTS, ids=lambda a: a.name)
def test_generated_files_are_fresh(artifact: regenerate.Artifact) -> None:
    produced = artifact.produce()
    assert produced, f"{artifact.name} produced nothing"
    problems = []
    for path, text in produced.items():
        target = regenerate.ROOT / path
        committed = target.read_text(encoding="utf-8") if target.exists() else ""
        if committed != text:
            problems.append(_diff(path, committed, text))
    assert not problems, f"{artifact.name} is stale: run `python -m esm_cli.regenerate`\n" + "\n".join(problems)


def test_regenerate_check_mode_reports_a_stale_file(tmp_path, monkeypatch) -> None:
    """--check exits 1 and names the file when one differs, and writes nothing."""
    monkeypatch.setattr(regenerate, "ROOT", tmp_path)
    artifact = regenerate.Artifact("rules reference", "esm_cli.regenerate:rules_reference")
    monkeypatch.setattr(regenerate, "ARTIFACTS", (artifact,))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text("old\n", encoding="utf-8")
    assert regenerate.main(["--check"]) == 1
    assert (tmp_path / "docs" / "rules.md").read_text(encoding="utf-8") == "old\n"
    assert regenerate.main([]) == 0
    assert regenerate.main(["--check"]) == 0

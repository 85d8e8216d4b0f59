"""The repository stands alone (docs/design.md#the-repository-stands-alone).

Nothing tracked may cite a file outside the repository, and every ``docs/<page>.md`` a comment,
test, bench or page cites must exist, down to the ``#anchor`` and the rule id.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
THIS = Path(__file__).resolve().relative_to(ROOT).as_posix()

# Files that lived beside the repository while it was being built; citing them leaves a reader
# of a clone with nothing to follow.
OUTSIDE = re.compile(r"DESIGN\.md|esm-rules\.md|aws-cli\.md|landscape\.md|style-anchors\.md|\.\./shared|/work/shared")

# `docs/page.md`, `docs/page.md#anchor`, and `docs/rules.md R-BS-4` in code, tests and benches.
CITATION = re.compile(r"docs/(?P<page>[\w.-]+\.md)(?:#(?P<anchor>[\w-]+))?(?:\s+(?P<rule>[RM]-[A-Za-z]+-\d+))?")
# Relative links between pages: `[text](page.md#anchor)`.
LINK = re.compile(r"\]\((?P<page>[\w.-]+\.md)?(?:#(?P<anchor>[\w-]+))?\)")

_SKIP_DIRS = {".git", ".venv", "__pycache__", "node_modules"}


def _tracked_files() -> list[str]:
    """``git ls-files``, or every file under the root when this is not a git checkout."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=30
        ).stdout.decode()
        files = [f for f in out.split("\0") if f]
        if files:
            return files
    except (OSError, subprocess.SubprocessError):
        pass
    found = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.endswith(".egg-info")]
        found += [(Path(folder) / n).relative_to(ROOT).as_posix() for n in names]
    return found


def _text(path: str) -> str | None:
    try:
        return (ROOT / path).read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
        return None


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|\[|\]\([^)]*\)", "", heading.strip()).lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


@lru_cache(maxsize=None)
def _anchors(page: str) -> frozenset[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)  # no headings inside code blocks
    anchors: set[str] = set()
    for line in text.splitlines():
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading:
            slug = base = _slug(heading.group(1))
            n = 0
            while slug in anchors:
                n += 1
                slug = f"{base}-{n}"
            anchors.add(slug)
    anchors.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", text))
    return frozenset(anchors)


def _problems(page: str | None, anchor: str | None, rule: str | None, base: str) -> str | None:
    page = page or base
    if not (DOCS / page).is_file():
        return f"docs/{page} does not exist"
    if anchor and anchor not in _anchors(page):
        return f"docs/{page} has no heading with anchor #{anchor}"
    if rule and not re.search(rf"\b{re.escape(rule)}\b", (DOCS / page).read_text(encoding="utf-8")):
        return f"docs/{page} does not mention {rule}"
    return None


def test_slug_follows_github() -> None:
    assert _slug("Where settings come from") == "where-settings-come-from"
    assert _slug("yaml and yaml-stream") == "yaml-and-yaml-stream"
    assert _slug("`--output` (v2), **note**") == "--output-v2-note"


def test_no_tracked_file_cites_a_file_outside_the_repository() -> None:
    offenders = []
    for path in _tracked_files():
        if path == THIS:
            continue
        text = _text(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path}:{number}: {line.strip()[:120]}")
    assert not offenders, "cite the docs/ page that holds the fact instead:\n" + "\n".join(offenders)


def _code_files() -> list[str]:
    roots = ("esm_cli/", "tests/", "bench/", ".ci/")
    return [p for p in _tracked_files() if p.startswith(roots) or p == "README.md"]


def test_every_cited_docs_page_anchor_and_rule_exists() -> None:
    broken = []
    cited = 0
    for path in _code_files():
        if path == THIS:
            continue
        text = _text(path)
        if text is None:
            continue
        for match in CITATION.finditer(text):
            cited += 1
            problem = _problems(match["page"], match["anchor"], match["rule"], match["page"])
            if problem:
                broken.append(f"{path}: {match.group(0)}: {problem}")
    assert cited > 40, "the code should cite its docs pages"  # guards against a pattern that matches nothing
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_links_between_docs_pages_resolve(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    broken = []
    for match in LINK.finditer(text):
        if match["page"] is None and match["anchor"] is None:
            continue
        problem = _problems(match["page"], match["anchor"], None, page)
        if problem:
            broken.append(f"{match.group(0)}: {problem}")
    assert not broken, "\n".join(broken)


def test_a_missing_anchor_is_reported() -> None:
    assert _problems("aws-cli-behaviour.md", "exit-codes", None, "") is None
    assert "no heading" in (_problems("aws-cli-behaviour.md", "no-such-section", None, "") or "")
    assert "does not exist" in (_problems("no-such-page.md", None, None, "") or "")
    assert "does not mention" in (_problems("rules.md", None, "R-ZZZ-9", "") or "")

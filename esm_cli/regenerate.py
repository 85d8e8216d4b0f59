"""Regenerate every generated file: ``python -m esm_cli.regenerate`` (``--check`` only compares).

Generated files are committed so that esm starts without botocore and so that reviewers
see what changed; ``tests/test_generated_fresh.py`` runs the check for each of them. Each
artifact is a producer returning ``{path relative to the repository: text}``. Producers load
what they need (botocore, awscli's formatters) only when called; none is imported by the CLI.

Order matters: the spec snapshot comes first, since the command table, the docs and the
completion table are built from it. When the snapshot changes, the command re-runs itself
so that every later producer reads the new one.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Callable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SPEC = "esm_cli/spec/lambda_esm.json"


class Artifact(NamedTuple):
    name: str
    producer: str  # "module:function" returning {relative path: text}
    needs: str = ""  # what must be installed beyond esm's own dependencies, for the message

    def produce(self) -> dict[str, str]:
        module, function = self.producer.split(":")
        make: Callable[[], dict[str, str]] = getattr(importlib.import_module(module), function)
        return make()


# --- producers -------------------------------------------------------------------------------


def spec_snapshot() -> dict[str, str]:
    from esm_cli.spec.extract import extract, render

    return {SPEC: render(extract())}


def skeleton_docs() -> dict[str, str]:
    from esm_cli.output.skeleton_docs_extract import render

    return {"esm_cli/output/skeleton_docs.py": render()}


def cli_reference() -> dict[str, str]:
    from esm_cli.helptext import reference_markdown

    return {"docs/cli-reference.md": reference_markdown()}


def rules_reference() -> dict[str, str]:
    from esm_cli.rules.docs import render

    return {"docs/rules.md": render()}


def completion_tables() -> dict[str, str]:
    from esm_cli.completion import generate

    return {
        "esm_cli/completion/table.py": generate.table_source(),
        "esm_cli/completion/regions.py": generate.regions_source(generate.endpoints_data()),
    }


def metrics_reference() -> dict[str, str]:
    from esm_cli.metrics.docs import page

    return {"docs/metrics.md": page()}


def golden_files() -> dict[str, str]:
    """json, text and table golden files, rendered by the installed awscli's own formatters.

    The YAML ones need ruamel.yaml in another Python: ``tests/golden/output/regenerate.py
    --ruamel-python PY`` writes them.
    """
    folder = ROOT / "tests" / "golden" / "output"
    sys.path[:0] = [str(folder)]
    try:
        import cases  # type: ignore[import-not-found]
        import oracles  # type: ignore[import-not-found]
    finally:
        del sys.path[0]
    aws = [(name, request) for name, request in cases.requests() if request["format"] in cases.AWSCLI_FORMATS]
    texts = oracles.run_awscli([request for _, request in aws])
    return {str(oracles.golden_path(name).relative_to(ROOT)): text for (name, _), text in zip(aws, texts)}


ARTIFACTS: tuple[Artifact, ...] = (
    Artifact("spec snapshot", "esm_cli.regenerate:spec_snapshot", "botocore"),
    Artifact("yaml-input skeleton docs", "esm_cli.regenerate:skeleton_docs", "botocore"),
    Artifact("CLI reference", "esm_cli.regenerate:cli_reference"),
    Artifact("rules reference", "esm_cli.regenerate:rules_reference"),
    Artifact("completion tables", "esm_cli.regenerate:completion_tables", "botocore"),
    Artifact("metrics reference", "esm_cli.regenerate:metrics_reference"),
    Artifact("IAM snapshots, permissions and doctor pages", "esm_cli.iam.generate:produce", "botocore, moto (the test extra)"),
    Artifact("output golden files", "esm_cli.regenerate:golden_files", "awscli (the test extra)"),
)


# --- command ---------------------------------------------------------------------------------


def stale(artifact: Artifact) -> list[str]:
    """The paths of ``artifact`` whose committed text differs from what the producer makes."""
    found = []
    for path, text in artifact.produce().items():
        target = ROOT / path
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            found.append(path)
    return found


def write(artifact: Artifact) -> list[str]:
    """Write ``artifact``'s files; returns the paths that changed."""
    changed = []
    for path, text in artifact.produce().items():
        target = ROOT / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    failed = 0
    for artifact in ARTIFACTS:
        try:
            paths = stale(artifact) if check else write(artifact)
        except ImportError as error:
            print(f"{artifact.name}: skipped, needs {artifact.needs or error.name}: {error}", file=sys.stderr)
            failed = 1
            continue
        verb = "stale" if check else "wrote"
        for path in paths:
            print(f"{verb} {path}", file=sys.stderr)
        failed |= bool(check and paths)
        if not check and SPEC in paths and "--after-spec" not in args:
            # Everything after the snapshot is built from it: start again with the new one loaded.
            os.execv(sys.executable, [sys.executable, "-m", "esm_cli.regenerate", "--after-spec"])
    return failed


if __name__ == "__main__":
    raise SystemExit(main())

"""Write esm's generated IAM files: ``python -m esm_cli.iam.generate [--check]``.

* esm_cli/iam/data/actions.json: valid action names, from botocore's service models;
* esm_cli/iam/data/managed_policies.json: AWS managed Lambda execution policies (moto's copy);
* docs/permissions.md: the requirements table;
* the status-texts block of docs/doctor.md (esm_cli/doctor/problems.py).

``--check`` writes nothing and exits 1 when a file is stale (tests call ``stale()``).
"""

from __future__ import annotations

import json
import os
import sys

from esm_cli.iam import actions, docs, managed

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PERMISSIONS_DOC = os.path.join(REPO, "docs", "permissions.md")
DOCTOR_DOC = os.path.join(REPO, "docs", "doctor.md")


def _json(data: object) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def outputs() -> dict[str, str]:
    """Path → the text it should hold."""
    return {
        actions.SNAPSHOT: _json(
            {"generated_by": "python -m esm_cli.iam.generate", "actions": actions.build_snapshot()}
        ),
        managed.SNAPSHOT: _json(
            {"generated_by": "python -m esm_cli.iam.generate", "policies": managed.build_snapshot()}
        ),
        PERMISSIONS_DOC: docs.render(),
        DOCTOR_DOC: _doctor_page(),
    }


def _doctor_page() -> str:
    """docs/doctor.md is written by hand except its status-texts block."""
    from esm_cli.doctor import docs as doctor_docs

    with open(DOCTOR_DOC, encoding="utf-8") as handle:
        return doctor_docs.render(handle.read())


def produce() -> dict[str, str]:
    """The same files keyed by their path in the repository (``esm_cli.regenerate``'s artifact form)."""
    return {os.path.relpath(path, REPO): text for path, text in outputs().items()}


def stale() -> list[str]:
    """Paths whose committed text differs from what the generator makes now."""
    found = []
    for path, text in outputs().items():
        try:
            with open(path, encoding="utf-8") as handle:
                current = handle.read()
        except OSError:
            current = None
        if current != text:
            found.append(path)
    return found


def main(argv: list[str]) -> int:
    if "--check" in argv:
        paths = stale()
        for path in paths:
            print(f"stale: {os.path.relpath(path, REPO)}", file=sys.stderr)
        return 1 if paths else 0
    for path, text in outputs().items():
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wrote {os.path.relpath(path, REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

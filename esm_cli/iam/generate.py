"""esm's generated IAM files, written and checked by ``python -m esm_cli.regenerate``.

* esm_cli/iam/data/actions.json: valid action names, from botocore's service models;
* esm_cli/iam/data/managed_policies.json: AWS managed Lambda execution policies (moto's copy);
* docs/permissions.md: the requirements table;
* the status-texts block of docs/doctor.md (esm_cli/doctor/problems.py).

``tests/test_generated_fresh.py`` fails when one is stale.
"""

from __future__ import annotations

import json
import os

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
            {"generated_by": "python -m esm_cli.regenerate", "actions": actions.build_snapshot()}
        ),
        managed.SNAPSHOT: _json(
            {"generated_by": "python -m esm_cli.regenerate", "policies": managed.build_snapshot()}
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

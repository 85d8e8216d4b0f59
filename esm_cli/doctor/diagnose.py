"""One mapping's diagnosis: every check's findings, what passed, and what needs an account."""

from __future__ import annotations

from typing import Any

from esm_cli.doctor.check_permissions import check_permissions
from esm_cli.doctor.check_source import check_destination, check_source
from esm_cli.doctor.check_state import check_function, check_mapping_state
from esm_cli.doctor.findings import SEVERITIES, Finding
from esm_cli.doctor.gather import Facts
from esm_cli.doctor.practices import best_practice_findings, needs_account

_ORDER = {severity: index for index, severity in enumerate(SEVERITIES)}


def online(facts: Facts) -> list[Finding]:
    """Every check, on what was read from the account."""
    found = check_mapping_state(facts.mapping)
    found += check_function(facts)
    found += check_source(facts)
    found += check_destination(facts)
    found += check_permissions(facts)
    found += best_practice_findings(facts.mapping, facts.practice_facts())
    return found


def offline(mapping: dict[str, Any]) -> list[Finding]:
    """The checks that need no account, on the stored configuration."""
    return best_practice_findings(mapping)


def document(mapping: dict[str, Any], found: list[Finding], skipped: list[str]) -> dict[str, Any]:
    """One mapping's part of doctor's result document (what --output and --query see)."""
    problems = sorted((f for f in found if f.severity in _ORDER), key=lambda f: (f.unchecked, _ORDER[f.severity]))
    return {
        "UUID": mapping.get("UUID"),
        "FunctionArn": mapping.get("FunctionArn"),
        "EventSourceArn": mapping.get("EventSourceArn")
        or ",".join(
            ((mapping.get("SelfManagedEventSource") or {}).get("Endpoints") or {}).get("KAFKA_BOOTSTRAP_SERVERS", [])
        ),
        "State": mapping.get("State"),
        "Findings": [f.as_dict() for f in problems],
        "Passed": [{"Id": f.check_id, "Message": f.message} for f in found if f.severity == "ok"],
        "NeedsAws": skipped,
    }


def offline_document(mapping: dict[str, Any]) -> dict[str, Any]:
    return document(mapping, offline(mapping), needs_account(mapping))

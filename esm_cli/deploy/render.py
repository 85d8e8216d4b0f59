"""The plan as data (``--output json``) and as the text a person reads (colour on a terminal only)."""

from __future__ import annotations

import json
from typing import Any

from esm_cli.deploy.diff import Change

_ACTIONS = ("create", "update", "replace", "delete")
_SIGNS = {"create": "+", "update": "~", "replace": "-/+", "delete": "-"}
_COLOURS = {"create": "32", "update": "33", "replace": "35", "delete": "31"}  # ANSI green, yellow, magenta, red


def plan_document(changes: list[Change], path: str) -> dict[str, Any]:
    counts = {action.capitalize(): sum(c.action == action for c in changes) for action in _ACTIONS}
    counts["Unchanged"] = sum(c.action == "none" for c in changes)
    return {
        "File": path,
        "Changes": [c.as_document() for c in changes if c.action != "none"],
        "Summary": counts,
    }


def value_text(value: Any) -> str:
    if value is None:
        return "(not set)"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), sort_keys=isinstance(value, dict))


def change_lines(change: dict[str, Any], colour: bool) -> list[str]:
    action = change["Action"]
    head = f"{_SIGNS[action]} {action}"
    if colour:
        head = f"\x1b[{_COLOURS[action]}m{head}\x1b[0m"
    where = ", ".join(part for part in (f"entry {change['Entry']}" if "Entry" in change else "", change.get("UUID", "")) if part)
    lines = [f"{head} {change['Mapping']}" + (f"  ({where})" if where else "")]
    for member in change.get("Members", []):
        note = "  # forces replacement" if member.get("ForcesReplace") else ""
        lines.append(f"    {member['Name']}: {value_text(member['Old'])} → {value_text(member['New'])}{note}")
    return lines


def summary_line(summary: dict[str, int]) -> str:
    parts = ", ".join(f"{summary[a.capitalize()]} to {a}" for a in _ACTIONS)
    return f"Plan: {parts}; {summary['Unchanged']} unchanged."


def render_plan(document: dict[str, Any], colour: bool) -> str:
    if not document["Changes"]:
        return f"No changes: the backend matches {document['File']} ({document['Summary']['Unchanged']} mappings).\n"
    lines: list[str] = []
    for change in document["Changes"]:
        lines.extend(change_lines(change, colour))
        lines.append("")
    lines.append(summary_line(document["Summary"]))
    return "\n".join(lines) + "\n"


def event_line(event: dict[str, Any]) -> str:
    """One plain line per change made (apply's progress off a terminal)."""
    status = event.get("Status", "done")
    uuid = f" {event['UUID']}" if event.get("UUID") else ""
    text = f"{event['Action']} {status}: {event['Mapping']}{uuid}"
    return text + (f": {event['Error']}" if event.get("Error") else "")


def render_outcome(document: dict[str, Any]) -> str:
    outcome = document["Applied"]
    lines = []
    if outcome["Failed"]:
        lines.append(f"Apply stopped: {len(outcome['Done'])} done, 1 failed, {len(outcome['NotStarted'])} not started.")
        lines.append(f"  failed: {outcome['Failed']['Action']} {outcome['Failed']['Mapping']}: {outcome['Failed']['Error']}")
        lines.extend(f"  not started: {c['Action']} {c['Mapping']}" for c in outcome["NotStarted"])
        lines.append("Run esm apply again to finish: it plans from what is there now.")
    elif outcome["Done"]:
        summary = document["Plan"]["Summary"]
        made = ", ".join(f"{summary[a.capitalize()]} {a}d" for a in _ACTIONS if summary[a.capitalize()])
        lines.append(f"Apply complete: {made}.")
    else:
        lines.append(f"No changes: the backend matches {document['Plan']['File']}.")
    return "\n".join(lines) + "\n"

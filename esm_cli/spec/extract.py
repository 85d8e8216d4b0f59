"""Regenerate ``lambda_esm.json`` from the installed botocore's Lambda model.

Run ``python -m esm_cli.regenerate`` after upgrading botocore; the test
``tests/test_spec_snapshot.py`` fails with a diff until the snapshot is fresh.
The CLI itself never imports botocore: it reads the snapshot only.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).with_name("lambda_esm.json")

# The operations esm implements, in the order they are presented everywhere.
OPERATIONS = (
    "CreateEventSourceMapping",
    "UpdateEventSourceMapping",
    "GetEventSourceMapping",
    "DeleteEventSourceMapping",
    "ListEventSourceMappings",
)

# Shape keys that carry constraints or structure; documentation is reduced to one line.
_SHAPE_KEYS = ("type", "min", "max", "enum", "pattern", "sensitive", "exception", "fault")
_MEMBER_KEYS = ("shape", "location", "locationName", "deprecated")


def one_line(doc_html: str | None) -> str:
    """First sentence of a botocore HTML doc string, as plain text."""
    if not doc_html:
        return ""
    first_para = re.split(r"</p>", doc_html, maxsplit=1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", "", first_para))
    text = re.sub(r"\s+", " ", text).strip()
    # Cut at the first sentence end that is followed by a capital letter or the end.
    match = re.search(r"(?<=[a-z0-9)\]\"'])\.(?=\s+[A-Z]|$)", text)
    return text[: match.end()] if match else text


def _shape_entry(name: str, raw: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {k: raw[k] for k in _SHAPE_KEYS if k in raw}
    if raw.get("type") == "structure":
        entry["required"] = list(raw.get("required", []))
        members: dict[str, Any] = {}
        for member_name, member in raw["members"].items():
            m = {k: member[k] for k in _MEMBER_KEYS if k in member}
            m["doc"] = one_line(member.get("documentation"))
            members[member_name] = m
        entry["members"] = members
    elif raw.get("type") == "list":
        entry["member"] = raw["member"]["shape"]
    elif raw.get("type") == "map":
        entry["key"] = raw["key"]["shape"]
        entry["value"] = raw["value"]["shape"]
    if "error" in raw:
        entry["error"] = {k: raw["error"][k] for k in ("code", "httpStatusCode", "senderFault") if k in raw["error"]}
    return entry


def _reachable(shapes: dict[str, Any], roots: list[str]) -> list[str]:
    seen: list[str] = []
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.append(name)
        raw = shapes[name]
        children: list[str] = []
        if raw.get("type") == "structure":
            children = [m["shape"] for m in raw["members"].values()]
        elif raw.get("type") == "list":
            children = [raw["member"]["shape"]]
        elif raw.get("type") == "map":
            children = [raw["key"]["shape"], raw["value"]["shape"]]
        stack.extend(children)
    return sorted(seen)


def extract() -> dict[str, Any]:
    """Build the snapshot dict from the installed botocore."""
    import botocore.session  # only this developer tool needs botocore
    from botocore import xform_name

    loader = botocore.session.get_session().get_component("data_loader")
    model = loader.load_service_model("lambda", "service-2")
    paginators = loader.load_service_model("lambda", "paginators-1")["pagination"]

    operations: dict[str, Any] = {}
    roots: list[str] = []
    for op_name in OPERATIONS:
        raw = model["operations"][op_name]
        op: dict[str, Any] = {
            "command": xform_name(op_name, "-"),
            "http": raw["http"],
            "input": raw["input"]["shape"],
            "output": raw["output"]["shape"],
            "errors": [e["shape"] for e in raw.get("errors", [])],
            "doc": one_line(raw.get("documentation")),
        }
        if op_name in paginators:
            op["paginator"] = paginators[op_name]
        operations[op_name] = op
        roots += [op["input"], op["output"], *op["errors"]]

    shapes = {name: _shape_entry(name, model["shapes"][name]) for name in _reachable(model["shapes"], roots)}
    # The AWS CLI names a request member's flag with botocore's xform_name; record it on
    # the input shapes so the CLI needs neither botocore nor a copy of its regexes.
    for op in operations.values():
        for member_name, member in shapes[op["input"]]["members"].items():
            member["flag"] = "--" + xform_name(member_name, "-")
    return {
        "metadata": {k: model["metadata"][k] for k in ("apiVersion", "endpointPrefix", "protocol", "serviceId", "signingName")},
        "operations": operations,
        "shapes": shapes,
    }


def render(snapshot: dict[str, Any]) -> str:
    """Serialise deterministically so the committed file diffs cleanly."""
    return json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n"

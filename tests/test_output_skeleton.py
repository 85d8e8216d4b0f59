"""Skeletons: ``output`` is a model-valid response; ``yaml-input`` round-trips to the JSON skeleton."""

from __future__ import annotations

import datetime
import io
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from esm_cli import spec
from esm_cli.output import OutputOptions, render
from esm_cli.skeleton_output import output_skeleton, yaml_input_skeleton

sys.path.insert(0, str(Path(__file__).parent / "golden" / "output"))
import oracles  # noqa: E402

OPERATIONS = spec.operation_names()


def json_input_skeleton(shape_name: str) -> Any:
    """The JSON input skeleton as v2 builds it (ArgumentGenerator), from the spec, for comparison."""
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "structure":
        return {name: json_input_skeleton(member["shape"]) for name, member in entry["members"].items()}
    if kind == "list":
        return [json_input_skeleton(entry["member"])]
    if kind == "map":
        return {"KeyName": json_input_skeleton(entry["value"])}
    if kind == "string":
        return entry["enum"][0] if "enum" in entry else ""
    return {"integer": 0, "long": 0, "boolean": True, "timestamp": "1970-01-01T00:00:00"}[kind]


def _keys(node: Any) -> Any:
    """Keys (in order) of every mapping, recursively: the shape of a skeleton."""
    if isinstance(node, dict):
        return [(key, _keys(value)) for key, value in node.items()]
    if isinstance(node, list):
        return [_keys(item) for item in node]
    return None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, datetime.datetime):
        return node.isoformat()
    return node


@pytest.mark.parametrize("operation", OPERATIONS)
def test_yaml_input_skeleton_loads_to_the_json_skeleton(operation: str) -> None:
    loaded = yaml.safe_load(yaml_input_skeleton(operation))
    expected = json_input_skeleton(spec.operation(operation)["input"])
    assert _keys(loaded) == _keys(expected)
    assert list(loaded) == list(spec.input_members(operation))
    assert _plain(loaded) == expected


def test_yaml_input_comments() -> None:
    text = yaml_input_skeleton("GetEventSourceMapping")
    assert text == "UUID: ''  # [REQUIRED] The identifier of the event source mapping.\n"
    create = yaml_input_skeleton("CreateEventSourceMapping").splitlines()
    assert "FunctionName: '' # [REQUIRED] The name or ARN of the Lambda function." in create
    assert any(line.startswith("StartingPosition: TRIM_HORIZON # ") and line.endswith(
        "Valid values are: TRIM_HORIZON, LATEST, AT_TIMESTAMP.") for line in create)
    assert "StartingPositionTimestamp: 1970-01-01 00:00:00 # With StartingPosition set to AT_TIMESTAMP, the time from which to start reading." in create  # noqa: E501
    update = yaml_input_skeleton("UpdateEventSourceMapping").splitlines()
    assert update[1].startswith("FunctionName: '' # The name or ARN")  # not required on update


def test_doc_overview_rule() -> None:
    assert oracles.doc_overview("<p> A list of filters.</p>") == " A list of filters."
    assert oracles.doc_overview("<p>In this format: <code>a</code>.</p>") == "In this format."
    assert oracles.doc_overview("<p>Line\none. Two.</p>") == "Line one."


# --- output skeleton ---------------------------------------------------------------------------


def _violations(value: Any, shape_name: str, path: str) -> list[str]:
    entry = spec.shape(shape_name)
    kind = entry["type"]
    found: list[str] = []
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: not an object"]
        for name in value:
            if name not in entry["members"]:
                found.append(f"{path}.{name}: not in the model")
        for name, member in entry["members"].items():
            if name not in value:
                found.append(f"{path}.{name}: missing")
            else:
                found += _violations(value[name], member["shape"], f"{path}.{name}")
        return found
    if kind == "list":
        if not isinstance(value, list) or not value:
            return [f"{path}: not a non-empty list"]
        if not entry.get("min", 0) <= len(value) <= entry.get("max", 10**9):
            found.append(f"{path}: {len(value)} items")
        for index, item in enumerate(value):
            found += _violations(item, entry["member"], f"{path}[{index}]")
        return found
    if kind == "map":
        if not isinstance(value, dict) or not entry.get("min", 0) <= len(value) <= entry.get("max", 10**9):
            return [f"{path}: bad map"]
        for key, item in value.items():
            found += _violations(key, entry["key"], f"{path} key")
            found += _violations(item, entry["value"], f"{path}.{key}")
        return found
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: not a string"]
        if "enum" in entry and value not in entry["enum"]:
            found.append(f"{path}: {value!r} not in enum")
        if not entry.get("min", 0) <= len(value) <= entry.get("max", 10**9):
            found.append(f"{path}: length {len(value)}")
        if "pattern" in entry and not re.fullmatch(entry["pattern"], value):
            found.append(f"{path}: {value!r} does not match {entry['pattern']}")
        return found
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            return [f"{path}: not an integer"]
        if not entry.get("min", -(10**18)) <= value <= entry.get("max", 10**18):
            found.append(f"{path}: {value} out of range")
        return found
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: not a boolean"]
    if kind == "timestamp":
        return [] if isinstance(value, (int, float)) and not isinstance(value, bool) else [f"{path}: not epoch"]
    return [f"{path}: unexpected type {kind}"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_output_skeleton_is_model_valid_and_complete(operation: str) -> None:
    sample = output_skeleton(operation)
    output_shape = spec.operation(operation)["output"]
    if output_shape == "ListEventSourceMappingsResponse":
        assert list(sample) == ["EventSourceMappings"]  # merged by the paginator: no NextMarker
        sample = sample["EventSourceMappings"][0]
        output_shape = "EventSourceMappingConfiguration"
    assert _violations(sample, output_shape, "$") == []
    assert list(sample) == list(spec.shape(output_shape)["members"])  # model order
    uuid = sample["UUID"]
    assert sample["EventSourceMappingArn"].endswith(uuid)


def test_output_skeleton_state_follows_the_operation() -> None:
    states = {op: (output_skeleton(op).get("State") or output_skeleton(op)["EventSourceMappings"][0]["State"]) for op in OPERATIONS}
    assert states == {
        "CreateEventSourceMapping": "Creating",
        "UpdateEventSourceMapping": "Updating",
        "GetEventSourceMapping": "Enabled",
        "DeleteEventSourceMapping": "Deleting",
        "ListEventSourceMappings": "Enabled",
    }


def test_output_skeleton_renders_like_a_response(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        out = io.StringIO()
        render(output_skeleton("GetEventSourceMapping"), "GetEventSourceMapping", OutputOptions(), out)
    finally:
        monkeypatch.undo()
        time.tzset()
    printed = json.loads(out.getvalue())
    assert printed["LastModified"] == "2025-01-01T00:00:00+00:00"
    assert printed["StartingPositionTimestamp"] == "2025-01-01T00:00:00+00:00"
    assert list(printed) == list(output_skeleton("GetEventSourceMapping"))


def test_members_without_a_sample_still_get_valid_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """A member added by a model update falls back to a generic value inside its constraints."""
    import esm_cli.skeleton_output as skeleton

    def needs_sample(key: str) -> bool:
        structure, member = key.split(".")
        entry = spec.shape(spec.shape(structure)["members"][member]["shape"])
        return "pattern" in entry or entry["type"] in ("list", "map")

    kept = {key: value for key, value in skeleton._SAMPLES.items() if needs_sample(key)}
    assert len(kept) < len(skeleton._SAMPLES)
    monkeypatch.setattr(skeleton, "_SAMPLES", kept)
    sample = output_skeleton("GetEventSourceMapping")
    assert sample["BatchSize"] == 1 and sample["ScalingConfig"] == {"MaximumConcurrency": 2}
    assert _violations(sample, "EventSourceMappingConfiguration", "$") == []

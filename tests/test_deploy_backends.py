"""Deploy from a file on both backends: the same scenarios on local and on moto's server.

Where moto answers unlike AWS (``MOTO_DEPARTS`` in tests/contract/conftest.py), the scenario
says so and asserts what each backend does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import Esm
from contract import conftest as contract
from contract.conftest import Target, _server_arns, aws_env

# The contract suite's fixtures, used here by name: a moto server per session, a target per backend.
moto_server = contract.moto_server
target = contract.target

# Where moto 5.2.5 answers unlike AWS in what these scenarios touch (besides contract's MOTO_DEPARTS).
DEPLOY_DEPARTS = {
    "tags-not-found": "moto says 'Event source mapping <UUID> not found.'; Lambda 'Event source mapping not found: <ARN>'",
    "empty-structure": "moto keeps ScalingConfig {} after an update sends {}; Lambda removes the member",
    "starting-timestamp": "moto drops StartingPositionTimestamp from its answers; Lambda returns it",
}


def departs(target: Target, aspect: str) -> bool:
    assert aspect in DEPLOY_DEPARTS, aspect
    return target.name == "aws"


def write(path: Path, mappings: list[dict[str, Any]]) -> str:
    path.write_text(json.dumps({"mappings": mappings}))
    return str(path)


def plan(target: Target, path: str, *extra: str) -> dict[str, Any]:
    return target.ok("plan", "--file", path, "--output", "json", *extra)


def actions(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["Action"], c["Mapping"]) for c in document["Changes"]]


def test_export_then_apply_changes_nothing(target: Target, tmp_path: Path) -> None:
    target.create("--batch-size", "5", "--scaling-config", "MaximumConcurrency=4")
    target.create("--starting-position", "TRIM_HORIZON", "--batch-size", "50", source="kinesis")
    target.create("--no-enabled", function="fn2", source="q2")
    exported = target("export")
    assert exported.rc == 0, exported.stderr
    assert exported.stdout.startswith("mappings:\n")
    path = tmp_path / "exported.yaml"
    path.write_text(exported.stdout)
    # The file esm export writes is the file esm validate reads.
    assert target("validate", "--file", str(path)).rc == 0
    assert plan(target, str(path))["Changes"] == []
    applied = target("apply", "--file", str(path))  # nothing to change: no --yes needed
    assert applied.rc == 0 and applied.stdout.startswith("No changes"), applied


def test_export_leaves_defaults_out(target: Target) -> None:
    target.create("--batch-size", "10")
    entry = target.ok("export", "--output", "json")["mappings"][0]
    assert entry == {"FunctionName": "fn1", "EventSourceArn": target.arns["q1"]}


def test_plan_shows_create_update_replace_and_prune(target: Target, tmp_path: Path) -> None:
    sqs = target.create("--batch-size", "5")
    stream = target.create("--starting-position", "LATEST", source="kinesis")
    gone = target.create(source="q2")
    path = write(
        tmp_path / "m.json",
        [
            {"FunctionName": "fn1", "EventSourceArn": target.arns["q1"], "BatchSize": 7},
            {"FunctionName": "fn1", "EventSourceArn": target.arns["kinesis"], "StartingPosition": "TRIM_HORIZON"},
            {"FunctionName": "fn2", "EventSourceArn": target.arns["q1"]},
        ],
    )
    document = plan(target, path, "--prune")
    by_action = {c["Action"]: c for c in document["Changes"]}
    assert by_action["update"]["UUID"] == sqs["UUID"]
    assert by_action["update"]["Members"] == [{"Name": "BatchSize", "Old": 5, "New": 7}]
    assert by_action["replace"]["UUID"] == stream["UUID"]
    assert by_action["replace"]["Members"][0] == {
        "Name": "StartingPosition", "Old": "LATEST", "New": "TRIM_HORIZON", "ForcesReplace": True
    }
    assert by_action["create"]["Mapping"] == f"fn2 ← {target.arns['q1']}"
    assert by_action["delete"]["UUID"] == gone["UUID"]
    assert document["Summary"] == {"Create": 1, "Update": 1, "Replace": 1, "Delete": 1, "Unchanged": 0}
    # Without --prune the unlisted mapping stays.
    assert "delete" not in {c["Action"] for c in plan(target, path)["Changes"]}
    text = target("plan", "--file", path, "--prune", "--detailed-exitcode")
    assert text.rc == 2
    assert "~ update fn1" in text.stdout and "BatchSize: 5 → 7" in text.stdout
    assert "-/+ replace" in text.stdout and "# forces replacement" in text.stdout
    assert "\x1b[" not in text.stdout  # no colour off a terminal


def test_apply_converges_and_a_second_apply_changes_nothing(target: Target, tmp_path: Path) -> None:
    target.create("--batch-size", "5", "--scaling-config", "MaximumConcurrency=4")
    stream = target.create("--starting-position", "LATEST", source="kinesis")
    target.create(source="q2")
    mappings = [
        {"FunctionName": "fn1", "EventSourceArn": target.arns["q1"], "Tags": {"team": "a"}},
        {"FunctionName": "fn1", "EventSourceArn": target.arns["kinesis"], "StartingPosition": "TRIM_HORIZON"},
        {"FunctionName": "fn2", "EventSourceArn": target.arns["q1"], "Enabled": False},
    ]
    path = write(tmp_path / "m.json", mappings)
    first = target("apply", "--file", path, "--prune", "--yes")
    assert first.rc == 0, first.stderr
    lines = first.stdout.splitlines()
    # One plain line per change off a terminal, in the safe order, then the outcome.
    assert [line.split(":")[0] for line in lines[:4]] == ["replace done", "update done", "create done", "delete done"]
    assert lines[-1] == "Apply complete: 1 created, 1 updated, 1 replaced, 1 deleted."
    assert plan(target, path, "--prune")["Changes"] == []
    second = target("apply", "--file", path, "--prune", "--yes")
    assert second.rc == 0 and second.stdout == f"No changes: the backend matches {path}.\n"
    listed = {m["EventSourceArn"] + m["FunctionArn"][-4:]: m for m in target.ok("list-event-source-mappings")["EventSourceMappings"]}
    assert len(listed) == 3
    sqs = listed[target.arns["q1"] + ":fn1"]
    # Removing the line reset it.
    assert sqs.get("ScalingConfig") == ({} if departs(target, "empty-structure") else None)
    assert sqs["BatchSize"] == 10
    assert target.ok("list-tags", "--resource", sqs["EventSourceMappingArn"]) == {"Tags": {"team": "a"}}
    replaced = listed[target.arns["kinesis"] + ":fn1"]
    assert replaced["UUID"] != stream["UUID"] and replaced["StartingPosition"] == "TRIM_HORIZON"
    assert listed[target.arns["q1"] + ":fn2"]["State"] == "Disabled"


def test_apply_with_json_output_streams_ndjson(target: Target, tmp_path: Path) -> None:
    path = write(tmp_path / "m.json", [{"FunctionName": "fn1", "EventSourceArn": target.arns["q1"]}])
    result = target("apply", "--file", path, "--yes", "--output", "json")
    assert result.rc == 0, result.stderr
    event, rest = result.stdout.split("\n", 1)
    assert json.loads(event)["Action"] == "create" and json.loads(event)["Status"] == "done"
    assert json.loads(rest)["Applied"]["Done"][0]["Action"] == "create"


def test_apply_needs_yes_off_a_terminal(target: Target, tmp_path: Path) -> None:
    path = write(tmp_path / "m.json", [{"FunctionName": "fn1", "EventSourceArn": target.arns["q1"]}])
    result = target("apply", "--file", path)
    assert result.rc == 252
    assert "--yes" in result.stderr and result.stdout == ""
    assert target.ok("list-event-source-mappings")["EventSourceMappings"] == []


def test_apply_checks_every_rule_of_the_file_first(target: Target, tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.json",
        [
            {"FunctionName": "fn1", "EventSourceArn": target.arns["q1"]},
            {"FunctionName": "fn1", "EventSourceArn": target.arns["q2"], "BatchSize": 50},
            {"FunctionName": "fn2", "EventSourceArn": target.arns["kinesis"]},
        ],
    )
    result = target("apply", "--file", path, "--yes")
    assert result.rc == 254
    assert "entry 2" in result.stderr and "entry 3" in result.stderr
    assert "nothing was changed" in result.stderr
    assert target.ok("list-event-source-mappings")["EventSourceMappings"] == []


def test_tags_commands(target: Target) -> None:
    arn = target.create("--tags", "a=1")["EventSourceMappingArn"]
    assert target.ok("list-tags", "--resource", arn) == {"Tags": {"a": "1"}}
    done = target("tag-resource", "--resource", arn, "--tags", "b=2,c=3")
    assert (done.rc, done.stdout, done.stderr) == (0, "", "")
    assert target.ok("lambda", "tag-resource", "--resource", arn, "--tags", '{"d": "4"}') is None
    assert target.ok("untag-resource", "--resource", arn, "--tag-keys", "a", "c") is None
    assert target.ok("list-tags", "--resource", arn) == {"Tags": {"b": "2", "d": "4"}}
    unknown = arn[:-12] + "000000000000"
    missing = target("list-tags", "--resource", unknown)
    assert missing.rc == 254 and "(ResourceNotFoundException) when calling the ListTags operation" in missing.stderr
    if departs(target, "tags-not-found"):
        assert f"Event source mapping {unknown.rsplit(':', 1)[1]} not found." in missing.stderr
    else:
        assert f"Event source mapping not found: {unknown}" in missing.stderr


def test_wait_follows_the_aws_cli_waiters(target: Target) -> None:
    mapping = target.create("--no-enabled")
    uuid = mapping["UUID"]
    assert target("wait", "mapping-disabled", "--uuid", uuid).rc == 0
    assert target("wait", "mapping-updated", "--uuid", uuid, "--delay", "0").rc == 0
    failed = target("wait", "mapping-enabled", "--uuid", uuid)
    assert failed.rc == 255
    assert 'Waiter MappingEnabled failed: Waiter encountered a terminal failure state: For expression "State" we matched expected path: "Disabled"' in failed.stderr
    slow = target("wait", "mapping-deleted", "--uuid", uuid, "--delay", "0", "--max-attempts", "2")
    assert slow.rc == 255 and "Waiter MappingDeleted failed: Max attempts exceeded" in slow.stderr
    target.ok("delete-event-source-mapping", "--uuid", uuid)
    assert target("wait", "mapping-deleted", "--uuid", uuid, "--delay", "0").rc == 0
    gone = target("wait", "mapping-enabled", "--uuid", uuid)
    assert gone.rc == 255 and "Matched expected service error code: ResourceNotFoundException" in gone.stderr


def test_a_noop_plan_and_apply_make_one_list_call_per_function(moto_server: Any, tmp_path: Path) -> None:
    moto_server.reset()
    esm = Esm(aws_env(tmp_path, moto_server.url))
    arns = _server_arns(moto_server)
    for function in ("fn1", "fn2"):
        for queue in ("q1", "q2"):
            esm.ok("create-event-source-mapping", "--function-name", function, "--event-source-arn", arns[queue])
    exported = tmp_path / "e.yaml"
    exported.write_text(esm("export").stdout)
    for verb in (("plan",), ("apply", "--yes")):
        result = esm(*verb, "--file", str(exported), "--debug")
        assert result.rc == 0
        calls = [line.rsplit("calling ", 1)[1] for line in result.stderr.splitlines() if "; calling " in line]
        assert calls == ["ListEventSourceMappings", "ListEventSourceMappings"]


def test_duplicate_create_hints_at_the_update(target: Target) -> None:
    existing = target.create("--batch-size", "5")
    again = target("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", target.arns["q1"], "--batch-size", "8")
    if target.departs("duplicates"):
        assert again.rc == 0  # moto creates a second mapping; Lambda refuses (and esm then hints)
        return
    assert again.rc == 254
    error, hint = again.stderr.split("esm: hint: ")
    assert "ResourceConflictException" in error and existing["UUID"] in error
    assert hint.strip() == f"change it instead: esm update-event-source-mapping --uuid {existing['UUID']} --batch-size 8"


def test_a_replace_keeps_the_tags_the_file_does_not_manage(target: Target, tmp_path: Path) -> None:
    target.create("--starting-position", "LATEST", "--tags", "owner=ops", source="kinesis")
    path = write(tmp_path / "m.json", [{"FunctionName": "fn1", "EventSourceArn": target.arns["kinesis"], "StartingPosition": "TRIM_HORIZON"}])
    assert target("apply", "--file", path, "--yes").rc == 0
    (mapping,) = target.ok("list-event-source-mappings")["EventSourceMappings"]
    assert mapping["StartingPosition"] == "TRIM_HORIZON"
    assert target.ok("list-tags", "--resource", mapping["EventSourceMappingArn"]) == {"Tags": {"owner": "ops"}}


# -- the tag commands beside the real `aws lambda` (AWS CLI v1, a test dependency) -----------------
AWS_BIN = Path(sys.executable).with_name("aws")
AWS = str(AWS_BIN) if AWS_BIN.exists() else shutil.which("aws")


def both(env: dict[str, str], url: str, *line: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)

    return (
        run([str(AWS), "lambda", *line, "--endpoint-url", url]),
        run([sys.executable, "-m", "esm_cli", *line, "--backend", "aws", "--endpoint-url", url]),
    )


@pytest.mark.skipif(AWS is None, reason="the awscli test dependency is not installed")
def test_tag_commands_print_what_aws_prints(moto_server: Any, tmp_path: Path) -> None:
    """Same line, same moto server: the same stdout, and a service error with the same text."""
    moto_server.reset()
    env = aws_env(tmp_path, moto_server.url, AWS_CLI_ERROR_FORMAT="legacy")
    env.pop("AWS_ENDPOINT_URL")
    lam = moto_server.client("lambda")
    arn = lam.create_event_source_mapping(FunctionName="fn1", EventSourceArn=moto_server.resources["queues"]["q1"])[
        "EventSourceMappingArn"
    ]
    url = moto_server.url
    aws, esm = both(env, url, "tag-resource", "--resource", arn, "--tags", "team=a,env=dev")
    assert (aws.returncode, aws.stdout) == (esm.returncode, esm.stdout) == (0, "")
    aws, esm = both(env, url, "untag-resource", "--resource", arn, "--tag-keys", "env")
    assert (aws.returncode, aws.stdout) == (esm.returncode, esm.stdout) == (0, "")
    for output in ("json", "text", "table"):  # AWS CLI v1 has no yaml output
        aws, esm = both(env, url, "list-tags", "--resource", arn, "--output", output)
        assert aws.returncode == esm.returncode == 0
        assert esm.stdout == aws.stdout, output
    unknown = arn[:-12] + "000000000000"
    aws, esm = both(env, url, "list-tags", "--resource", unknown)
    assert (aws.returncode, esm.returncode) == (255, 254)  # v1 exits 255 where v2 exits 254
    assert esm.stderr.replace("esm: [ERROR]: ", "").strip() == aws.stderr.strip()


def test_a_starting_timestamp_round_trips(target: Target, tmp_path: Path) -> None:
    target.create("--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp", "2025-01-02T03:04:05Z", source="kinesis")
    exported = target("export")
    path = tmp_path / "e.yaml"
    path.write_text(exported.stdout)
    assert plan(target, str(path))["Changes"] == []
    template = target("export", "--format", "cloudformation")
    if departs(target, "starting-timestamp"):
        assert "StartingPositionTimestamp" not in exported.stdout + template.stdout
        return
    assert "StartingPositionTimestamp: '2025-01-02T03:04:05Z'" in exported.stdout
    assert "StartingPositionTimestamp: 1735787045" in template.stdout

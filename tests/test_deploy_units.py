"""Deploy's parts on their own: waiters, partial failure, Kafka matching, the terminal paths."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import KINESIS_ARN, SQS_ARN, Esm, clean_env

from esm_cli.boundary import run
from esm_cli.deploy import waiter
from esm_cli.errors import ServiceError

SQS2 = SQS_ARN.replace("q1", "q2")
SQS3 = SQS_ARN.replace("q1", "q3")
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka"
MSK_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/c1/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1"


# -- waiters ----------------------------------------------------------------------------------
def poller(*answers: Any) -> Any:
    calls: list[str] = []
    queue = list(answers)

    def get(uuid: str) -> dict[str, Any]:
        calls.append(uuid)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return {"UUID": uuid, "State": answer}

    get.calls = calls  # type: ignore[attr-defined]
    return get


def test_waiter_polls_through_transitions_sleeping_the_delay_between() -> None:
    get, sleeps = poller("Creating", "Enabling", "Enabled"), []
    found = waiter.wait(get, "mapping-enabled", "u", delay=7, max_attempts=5, sleep=sleeps.append)
    assert found == {"UUID": "u", "State": "Enabled"}
    assert sleeps == [7, 7] and len(get.calls) == 3


def test_waiter_gives_up_after_max_attempts() -> None:
    get, sleeps = poller("Updating", "Updating", "Updating"), []
    with pytest.raises(waiter.WaiterError) as raised:
        waiter.wait(get, "mapping-updated", "u", delay=1, max_attempts=3, sleep=sleeps.append)
    assert raised.value.message == "Waiter MappingUpdated failed: Max attempts exceeded"
    assert raised.value.exit_code == 255 and sleeps == [1, 1]


@pytest.mark.parametrize(
    ("name", "state"),
    [("mapping-enabled", "Disabled"), ("mapping-enabled", "Deleting"), ("mapping-disabled", "Enabled"), ("mapping-deleted", "Creating")],
)
def test_waiter_fails_at_once_on_a_state_that_cannot_lead_there(name: str, state: str) -> None:
    get = poller(state)
    with pytest.raises(waiter.WaiterError) as raised:
        waiter.wait(get, name, "u", sleep=lambda s: pytest.fail("slept"))
    assert f'we matched expected path: "{state}"' in raised.value.message and len(get.calls) == 1


def test_waiter_reports_other_service_errors() -> None:
    get = poller(ServiceError("TooManyRequestsException", "Rate exceeded", operation="GetEventSourceMapping"))
    with pytest.raises(waiter.WaiterError) as raised:
        waiter.wait(get, "mapping-deleted", "u", sleep=lambda s: None)
    assert raised.value.message == "Waiter MappingDeleted failed: An error occurred (TooManyRequestsException): Rate exceeded"


# -- partial failure --------------------------------------------------------------------------
def test_a_failure_midway_stops_reports_and_apply_again_finishes(esm: Esm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from esm_cli.backends.local import LocalBackend

    path = tmp_path / "m.json"
    path.write_text(json.dumps([{"FunctionName": "fn1", "EventSourceArn": arn} for arn in (SQS_ARN, SQS2, SQS3)]))
    real_create = LocalBackend.create

    def failing(self: LocalBackend, request: dict[str, Any]) -> dict[str, Any]:
        if request["EventSourceArn"] == SQS2:
            raise ServiceError("ServiceException", "Lambda is having a bad day", operation="CreateEventSourceMapping")
        return real_create(self, request)

    monkeypatch.setattr(LocalBackend, "create", failing)
    broken = esm("apply", "--file", str(path), "--yes")
    assert broken.rc == 254
    assert "(ServiceException) when calling the CreateEventSourceMapping operation: Lambda is having a bad day" in broken.stderr
    report = broken.stdout.splitlines()
    assert report[0].startswith("create done: fn1 ← " + SQS_ARN)
    assert report[1].startswith("create failed: fn1 ← " + SQS2)
    assert report[2] == "Apply stopped: 1 done, 1 failed, 1 not started."
    assert f"  not started: create fn1 ← {SQS3}" in report
    monkeypatch.setattr(LocalBackend, "create", real_create)
    again = esm("apply", "--file", str(path), "--yes")
    assert again.rc == 0 and again.stdout.splitlines()[-1] == "Apply complete: 2 created."
    assert esm("apply", "--file", str(path), "--yes").stdout.startswith("No changes")


# -- Kafka matching ---------------------------------------------------------------------------
def test_kafka_topics_change_is_a_replace_and_brokers_in_common_match(esm: Esm, tmp_path: Path) -> None:
    msk = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", MSK_ARN, "--topics", "aa", "--starting-position", "LATEST")
    smk = esm.ok(
        "create-event-source-mapping", "--function-name", "fn1", "--topics", "tt",
        "--self-managed-event-source", '{"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092", "b2:9092"]}}',
        "--source-access-configurations", f"Type=SASL_SCRAM_512_AUTH,URI={SECRET}",
    )
    path = tmp_path / "k.json"
    path.write_text(json.dumps([
        {"FunctionName": "fn1", "EventSourceArn": MSK_ARN, "Topics": ["bb"], "StartingPosition": "LATEST"},
        {
            "FunctionName": "fn1", "Topics": ["tt"],
            "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b2:9092", "b3:9092"]}},
            "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH", "URI": SECRET}],
        },
    ]))
    changes = esm.ok("plan", "--file", str(path), "--output", "json", "--prune")["Changes"]
    assert [(c["Action"], c["UUID"]) for c in changes] == [("replace", msk["UUID"]), ("replace", smk["UUID"])]
    assert changes[0]["Members"][0]["Name"] == "Topics"
    assert changes[1]["Members"][0]["Name"] == "SelfManagedEventSource"
    assert esm("apply", "--file", str(path), "--yes").rc == 0
    assert esm.ok("plan", "--file", str(path), "--output", "json", "--prune")["Changes"] == []


def test_duplicate_hint_for_a_member_that_cannot_be_updated(esm: Esm) -> None:
    existing = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", KINESIS_ARN, "--starting-position", "LATEST")
    again = esm("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", KINESIS_ARN, "--starting-position", "TRIM_HORIZON")
    assert again.rc == 254
    hint = again.stderr.split("esm: hint: ", 1)[1]
    assert f"the existing mapping {existing['UUID']} differs in StartingPosition, which cannot be updated" in hint
    assert "esm apply --file" in hint


def test_duplicate_hint_spells_flags_as_the_cli_takes_them(esm: Esm) -> None:
    existing = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN, "--scaling-config", "MaximumConcurrency=5")
    again = esm(
        "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN,
        "--no-enabled", "--filter-criteria", '{"Filters": [{"Pattern": "{\\"a\\": [1]}"}]}',
    )
    hint = again.stderr.split("esm: hint: ", 1)[1].strip()
    assert hint == (
        f"change it instead: esm update-event-source-mapping --uuid {existing['UUID']} "
        "--filter-criteria '{\"Filters\":[{\"Pattern\":\"{\\\"a\\\": [1]}\"}]}' --scaling-config '{}' --no-enabled"
    )


# -- a person at a terminal -------------------------------------------------------------------
class Terminal(io.StringIO):
    """A text stream that says it is a terminal (a pty's fd answers isatty and the size ioctl)."""

    def __init__(self, fd: int, text: str = "") -> None:
        super().__init__(text)
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return True


@pytest.fixture
def pty_fd() -> Iterator[int]:
    master, slave = os.openpty()
    try:
        yield slave
    finally:
        os.close(master)
        os.close(slave)


def at_terminal(tmp_path: Path, fd: int, argv: list[str], answer: str) -> tuple[int, str, str]:
    out, err = Terminal(fd), Terminal(fd)
    rc = run(argv, stdout=out, stderr=err, env=clean_env(tmp_path), stdin=Terminal(fd, answer))
    return rc, out.getvalue(), err.getvalue()


def test_apply_asks_at_a_terminal_and_shows_rich_progress(tmp_path: Path, pty_fd: int) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps([{"FunctionName": "fn1", "EventSourceArn": SQS_ARN}]))
    rc, out, err = at_terminal(tmp_path, pty_fd, ["apply", "--file", str(path)], "no\n")
    assert rc == 0 and "\x1b[32m+ create\x1b[0m fn1" in out  # the plan, coloured
    assert "Apply these changes? Only 'yes' is accepted:" in err and "Apply cancelled" in err
    assert Esm(clean_env(tmp_path)).ok("list-event-source-mappings")["EventSourceMappings"] == []
    rc, out, err = at_terminal(tmp_path, pty_fd, ["apply", "--file", str(path)], "yes\n")
    assert rc == 0 and out.endswith("Apply complete: 1 created.\n")
    assert "create done: fn1" in err  # rich prints each change above its bar, on stderr
    assert len(Esm(clean_env(tmp_path)).ok("list-event-source-mappings")["EventSourceMappings"]) == 1


def test_apply_fails_when_a_mapping_settles_in_another_state(esm: Esm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AWS may disable a new mapping on its own (e.g. the role lacks a permission): that is a failure."""
    from esm_cli.backends.local import LocalBackend

    real_get = LocalBackend.get
    monkeypatch.setattr(LocalBackend, "get", lambda self, uuid: {**real_get(self, uuid), "State": "Disabled"})
    path = tmp_path / "m.json"
    path.write_text(json.dumps([{"FunctionName": "fn1", "EventSourceArn": SQS_ARN}]))
    result = esm("apply", "--file", str(path), "--yes")
    assert result.rc == 254
    assert 'Waiter MappingEnabled failed: Waiter encountered a terminal failure state: For expression "State" we matched expected path: "Disabled"' in result.stderr
    assert "Apply stopped: 0 done, 1 failed, 0 not started." in result.stdout


def test_local_tag_resource_checks_keys_and_values_as_the_model_does(esm: Esm) -> None:
    arn = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)["EventSourceMappingArn"]
    result = esm("tag-resource", "--resource", arn, "--tags", json.dumps({"k" * 129: "v"}))
    assert result.rc == 254
    assert "(ValidationException) when calling the TagResource operation: 1 validation error detected" in result.stderr
    assert esm.ok("list-tags", "--resource", arn) == {"Tags": {}}


def test_a_setting_the_api_cannot_unset_is_kept_not_replaced(esm: Esm, tmp_path: Path) -> None:
    esm.ok(
        "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", MSK_ARN, "--topics", "aa",
        "--starting-position", "LATEST", "--maximum-batching-window-in-seconds", "5",
    )
    path = tmp_path / "k.json"
    path.write_text(json.dumps([{"FunctionName": "fn1", "EventSourceArn": MSK_ARN, "Topics": ["aa"], "StartingPosition": "LATEST"}]))
    assert esm.ok("plan", "--file", str(path), "--output", "json")["Changes"] == []
    path.write_text(json.dumps([{"FunctionName": "fn1", "EventSourceArn": MSK_ARN, "Topics": ["aa"], "StartingPosition": "LATEST",
                                 "MaximumBatchingWindowInSeconds": 2}]))
    (change,) = esm.ok("plan", "--file", str(path), "--output", "json")["Changes"]
    assert change["Action"] == "update" and change["Members"] == [{"Name": "MaximumBatchingWindowInSeconds", "Old": 5, "New": 2}]


def test_timestamps_botocore_parsed_compare_equal_to_epoch_seconds() -> None:
    """The aws backend hands StartingPositionTimestamp over as a datetime; files carry epoch seconds."""
    from datetime import datetime, timezone

    from esm_cli.deploy import defaults, exporting
    from esm_cli.sources import Source

    parsed = {"StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)}
    sent = {"StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 1735787045}
    assert defaults.comparable(parsed, Source.KINESIS) == defaults.comparable(sent, Source.KINESIS)
    config = {**parsed, "EventSourceArn": KINESIS_ARN, "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn1", "State": "Enabled"}
    assert exporting.entry_for(config)["StartingPositionTimestamp"] == "2025-01-02T03:04:05Z"

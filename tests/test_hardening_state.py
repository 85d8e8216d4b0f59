"""The state file under damage and odd set-ups (issue 16): rows read one by one, wrong schema
versions, read-only files, devices and FIFOs, private permissions, one connection per run."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import SQS_ARN, Esm, clean_env
from support.statefill import populate

from esm_cli.backends.local import opening
from esm_cli.backends.local.store import Store


def _damage(path: Path, uuid: str, stored: object) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE mappings SET config = ? WHERE uuid = ?", (stored, uuid))
    db.close()


@pytest.mark.parametrize(
    "stored, problem",
    [
        ("{not json", "is not JSON text"),
        ("[1, 2, 3]", "is not a JSON object"),
        (b"\x00\xff\xfe binary", "is not JSON text"),
        ('{"UUID": "x", "FunctionArn": "f", "deep": ' + "[" * 500 + "]" * 500 + "}", "nested more than"),
        ("[" * 100_000 + "]" * 100_000, "nested more than"),
    ],
    ids=["not-json", "not-object", "binary", "deep", "very-deep"],
)
def test_an_unreadable_row_names_the_file_and_the_uuid(tmp_path: Path, stored: object, problem: str) -> None:
    esm = Esm(clean_env(tmp_path))
    state = tmp_path / "state.db"
    good, bad = populate(str(state), 2)
    _damage(state, bad, stored)
    listed = esm("list-event-source-mappings")
    assert listed.rc == 253, listed.stderr
    assert str(state) in listed.stderr and bad in listed.stderr and problem in listed.stderr
    assert "Traceback" not in listed.stderr and listed.stdout == ""
    # Reads that do not touch the damaged row still work.
    assert esm.ok("get-event-source-mapping", "--uuid", good)["UUID"] == good
    # A create for the damaged row's function must read it (duplicate check): refused, named.
    create = esm("create-event-source-mapping", "--function-name", "f1", "--event-source-arn", SQS_ARN)
    assert create.rc == 253 and bad in create.stderr


def test_a_populated_file_with_user_version_reset_is_253(tmp_path: Path) -> None:
    esm = Esm(clean_env(tmp_path))
    state = tmp_path / "state.db"
    populate(str(state), 3)
    with sqlite3.connect(state) as db:
        db.execute("PRAGMA user_version = 0")
    db.close()
    result = esm("list-event-source-mappings")
    assert result.rc == 253, (result.rc, result.stdout)
    assert "user_version" in result.stderr and result.stdout == ""


def test_a_read_only_state_file_is_read_without_leaving_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    esm = Esm(clean_env(tmp_path))
    state = tmp_path / "state.db"
    uuids = populate(str(state), 3)
    before = state.read_bytes()
    state.chmod(0o400)
    # Tests run as root, for whom every file is writable: say what a normal user's access says.
    monkeypatch.setattr(opening, "read_only", lambda path: True)
    listed = esm.ok("list-event-source-mappings")
    assert [m["UUID"] for m in listed["EventSourceMappings"]] == uuids
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("state.db")) == ["state.db"]
    assert state.read_bytes() == before


def test_a_write_to_a_read_only_state_file_is_a_clear_253(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    esm = Esm(clean_env(tmp_path))
    populate(str(tmp_path / "state.db"), 1)
    monkeypatch.setattr(opening, "read_only", lambda path: True)
    result = esm("create-event-source-mapping", "--function-name", "g", "--event-source-arn", SQS_ARN)
    assert result.rc == 253 and "readonly" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["dev-null", "fifo", "device", "folder"])
@pytest.mark.parametrize("command", ["read", "write"])
def test_a_state_file_that_is_not_a_regular_file_is_253(tmp_path: Path, kind: str, command: str) -> None:
    target = {"dev-null": "/dev/null", "device": "/dev/zero", "fifo": str(tmp_path / "pipe"), "folder": str(tmp_path)}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    esm = Esm(clean_env(tmp_path, ESM_STATE_FILE=target))
    argv = (
        ["list-event-source-mappings"]
        if command == "read"
        else ["create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN]
    )
    result = esm(*argv)  # a FIFO must not be opened (it would block): this returns
    assert result.rc == 253, result.stderr
    assert "not a regular file" in result.stderr and "rollback" not in result.stderr


def test_new_state_files_are_private(tmp_path: Path) -> None:
    os.umask(0o022)
    target = tmp_path / "new" / "deeper" / "state.db"
    esm = Esm(clean_env(tmp_path, ESM_STATE_FILE=str(target)))
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.parent.parent.stat().st_mode) == 0o700


def test_the_completion_cache_is_private(tmp_path: Path) -> None:
    from esm_cli.completion import cache

    os.umask(0o022)
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg" / "cache")}
    cache.remember([{"UUID": "u1", "FunctionArn": "arn:aws:lambda:us-east-1:1:function:f"}], backend="aws", region="r", profile=None, env=env)
    path = Path(cache.cache_file(env))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_one_connection_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    esm = Esm(clean_env(tmp_path))
    populate(str(tmp_path / "state.db"), 250)
    opened: list[str] = []
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def counting(cls: type, path: str, *, create: bool) -> Store | None:
        opened.append(path)
        return real_open(cls, path, create=create)  # type: ignore[no-any-return]

    monkeypatch.setattr(Store, "open", classmethod(counting))
    listed = esm.ok("list-event-source-mappings")
    assert len(listed["EventSourceMappings"]) == 250  # three pages of 100
    assert len(opened) == 1
    uuid = listed["EventSourceMappings"][0]["UUID"]
    opened.clear()
    esm.ok("update-event-source-mapping", "--uuid", uuid, "--batch-size", "5")  # a read, then the update
    assert len(opened) == 1

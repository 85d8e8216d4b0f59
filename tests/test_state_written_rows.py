"""Rows the state file keeps as ``--output json`` prints them (docs/limits.md, "Scale").

A json listing without --query prints a row whose CRC matches its text without decoding it;
every other way of listing decodes it. The two must give the same bytes for any mapping, in
any zone and timestamp format, and a row whose text was changed behind esm's back (or written
by an esm from before the column) must take the decoding way.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import SQS_ARN, Esm, clean_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esm_cli import pretty_json
from esm_cli.backends.local.behaviour import TRANSITIONAL_STATES
from esm_cli.backends.local.rows import stored_form
from esm_cli.backends.local.store import Store
from esm_cli.pretty_json import PrettyJson, pretty

LIST = ("list-event-source-mappings",)
DECODED = ("--query", "@")  # a queried json listing decodes every row: the reference

tricky = st.sampled_from(['"State": "Creating"', '\n    "LastModified": 1', "\\", '"', "\n", "é", "\u2028", ": [", "{", ""])
text = st.lists(st.one_of(tricky, st.text(max_size=5)), max_size=3).map("".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), text)
value = st.recursive(st.one_of(scalar, st.sampled_from([{}, []])), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=5)
state = st.one_of(st.sampled_from(sorted(TRANSITIONAL_STATES) + ["Enabled", "Disabled", "Creating "]), value)
stamp = st.one_of(
    st.floats(min_value=0, max_value=4_102_444_800),  # to 2100
    st.integers(min_value=0, max_value=4_102_444_800),
    st.sampled_from([None, "1700000000.5", "2024-02-29T12:00:00Z", "not a time", True, [], {}, {"a": 1}, [1]]),
)


@st.composite
def mappings(draw: Any) -> list[dict[str, Any]]:
    made = []
    for i in range(draw(st.integers(min_value=1, max_value=4))):
        members = draw(st.dictionaries(text, value, max_size=4))
        for name, strategy in (("State", state), ("LastModified", stamp), ("StartingPositionTimestamp", stamp)):
            if draw(st.booleans()):
                members[name] = draw(strategy)
        order = draw(st.permutations(list(members)))
        config = {"UUID": f"u{i}-{draw(text)}", **{name: members[name] for name in order if name != "UUID"}}
        config["FunctionArn"] = f"arn:aws:lambda:us-east-1:123456789012:function:f{i}"
        made.append(config)
    return made


def _store(path: Path, configs: list[dict[str, Any]], enabled: bool = True) -> None:
    store = Store.open(str(path), create=True)
    assert store is not None
    try:
        with store.transaction(write=True) as tx:
            for config in configs:
                tx.insert(config, enabled=enabled, tags={})
    finally:
        store.shutdown()


def _written_and_decoded(esm: Esm, *argv: str, **env: str) -> tuple[Any, Any]:
    return tuple(esm(*LIST, *argv, *extra, **env) for extra in ((), DECODED))  # type: ignore[return-value]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(configs=mappings(), enabled=st.booleans(), zone=st.sampled_from(["UTC", "Asia/Kolkata", "America/New_York"]))
def test_a_listing_prints_stored_text_as_decoding_would(tmp_path: Path, configs: list[dict[str, Any]], enabled: bool, zone: str) -> None:
    path = tmp_path / "state.db"
    path.unlink(missing_ok=True)
    _store(path, configs, enabled)
    esm = Esm(clean_env(tmp_path, TZ=zone))
    written, decoded = _written_and_decoded(esm)
    assert (written.rc, written.stdout, written.stderr) == (decoded.rc, decoded.stdout, decoded.stderr)
    paged, paged_decoded = _written_and_decoded(esm, "--max-items", "2", "--page-size", "1")
    assert (paged.rc, paged.stdout) == (paged_decoded.rc, paged_decoded.stdout)


def test_wire_timestamps_keep_the_stored_numbers(tmp_path: Path) -> None:
    (tmp_path / "aws-config").write_text("[default]\ncli_timestamp_format = wire\n")
    esm = Esm(clean_env(tmp_path, AWS_CONFIG_FILE=str(tmp_path / "aws-config")))
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    written, decoded = _written_and_decoded(esm)
    assert written.stdout == decoded.stdout
    assert isinstance(json.loads(written.stdout)["EventSourceMappings"][0]["LastModified"], float)


def _rows(path: Path) -> list[tuple[str, Any]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT config, config_crc32 FROM mappings ORDER BY seq").fetchall()


def test_a_created_mapping_is_stored_as_json_output_prints_it(esm: Esm, tmp_path: Path) -> None:
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    [(stored, crc)] = _rows(tmp_path / "state.db")
    assert stored == pretty(json.loads(stored)) and crc is not None
    from esm_cli.backends.local import LocalBackend
    from esm_cli.settings import resolve

    page = LocalBackend(resolve({}, clean_env(tmp_path))).list_page({}, written=True)
    [item] = page["EventSourceMappings"]
    assert type(item) is PrettyJson and "\"State\": \"Enabled\"" in item  # settled as text


def test_a_row_changed_behind_esms_back_is_decoded(esm: Esm, tmp_path: Path) -> None:
    for function in ("f", "g"):
        esm.ok("create-event-source-mapping", "--function-name", function, "--event-source-arn", SQS_ARN)
    before = esm(*LIST).stdout
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as db:
        # As an older esm or a person would leave it: compact text, the CRC of the old text.
        (stored,) = db.execute("SELECT config FROM mappings WHERE seq = 1").fetchone()
        db.execute("UPDATE mappings SET config = ? WHERE seq = 1", (json.dumps(json.loads(stored), separators=(",", ":")),))
    written, decoded = _written_and_decoded(esm)
    assert written.stdout == decoded.stdout == before


def test_a_file_from_before_the_column_is_read_as_it_is_and_gets_it_at_its_next_write(esm: Esm, tmp_path: Path) -> None:
    esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE mappings DROP COLUMN config_crc32")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    untouched = path.read_bytes()
    written, decoded = _written_and_decoded(esm)
    assert written.rc == 0 and written.stdout == decoded.stdout
    assert path.read_bytes() == untouched  # a read adds nothing
    esm.ok("create-event-source-mapping", "--function-name", "g", "--event-source-arn", SQS_ARN)
    assert [crc is not None for _, crc in _rows(path)] == [False, True]
    written, decoded = _written_and_decoded(esm)
    assert written.stdout == decoded.stdout and len(json.loads(written.stdout)["EventSourceMappings"]) == 2


@pytest.mark.parametrize(
    "config, why",
    [
        ({"UUID": "u", "FunctionArn": "f", "Name": "\ud800"}, "a lone surrogate has no UTF-8"),
        ({"UUID": "u", "FunctionArn": "f", 1: "a", "1": "b"}, "a key written twice reads back as one"),
        ({"UUID": "u", "FunctionArn": "f", "Deep": json.loads("[" * 200 + "]" * 200)}, "deeper than the limit"),
        ({"UUID": 7, "FunctionArn": "f"}, "the usual read would not take it"),
    ],
)
def test_text_that_cannot_be_printed_as_it_is_gets_no_crc(config: dict[Any, Any], why: str) -> None:
    stored, crc = stored_form(config)
    assert crc is None, why
    json.loads(stored)  # still JSON for the decoding read


def test_a_stored_text_that_is_not_utf8_is_a_corrupt_row_named_by_its_uuid(esm: Esm, tmp_path: Path) -> None:
    created = esm.ok("create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN)
    with sqlite3.connect(tmp_path / "state.db") as db:
        db.execute("UPDATE mappings SET config = CAST(x'7b22ff' AS TEXT)")
    for argv in (LIST, ("get-event-source-mapping", "--uuid", created["UUID"])):
        result = esm(*argv)
        assert result.rc == 253, result.stderr
        assert "is corrupt" in result.stderr and created["UUID"] in result.stderr and "Traceback" not in result.stderr


def test_only_a_top_level_member_written_on_one_line_is_edited() -> None:
    written = pretty({"Note": 'x\n    "State": "Creating"', "Inner": {"State": "Creating"}, "Open": {"a": 1}, "Empty": [], "State": "Updating"})
    value, start, end = pretty_json.scalar(written, "State")  # type: ignore[misc]
    assert value == "Updating" and written[start:end] == '"Updating"'
    assert pretty_json.scalar(written, "Open") is None  # over several lines: left as it is
    assert pretty_json.scalar(written, "Empty")[0] == []  # type: ignore[index]
    assert pretty_json.scalar(written, "Missing") is None
    edited = pretty_json.with_scalar(written, start, end, "Enabled")
    assert edited == pretty({**json.loads(written), "State": "Enabled"})

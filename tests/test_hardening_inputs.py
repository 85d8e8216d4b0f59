"""Hostile input (issue 16): every read capped while reading, YAML aliases and nesting bounded,
undecodable arguments and unparseable queries refused as bad input, long values cut in errors.

The memory-heavy reproductions run in a child process whose address space is capped at 1 GiB
(so, before the caps existed, they failed fast with MemoryError instead of eating the machine)
and whose peak resident memory must stay under 100 MiB.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SQS_ARN, Esm, clean_env
from support.peak import run_measured

from esm_cli import limits

MIB = 1024 * 1024


def _bounded(argv: list[str], env: dict[str, str]) -> tuple[int, str, int]:
    """(exit code, stderr, peak resident bytes) of esm under a 1 GiB address space."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1024 * MIB, 1024 * MIB))

    return run_measured(argv, env, preexec_fn=cap)


def _bomb(path: Path) -> Path:
    # Nine anchors, each a list of nine aliases of the previous one: 9**9 values when expanded.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["get-event-source-mapping", "--cli-input-json", "file:///dev/zero"],
        ["get-event-source-mapping", "--uuid", "file:///dev/zero"],
        ["get-event-source-mapping", "--uuid", "fileb:///dev/zero"],
        ["validate", "--file", "/dev/zero"],
        ["test-filter", "--pattern", "{}", "--records-file", "/dev/zero"],
    ],
    ids=["cli-input-json", "file-value", "fileb-value", "validate-file", "records-file"],
)
def test_dev_zero_is_refused_while_reading(tmp_path: Path, argv: list[str]) -> None:
    rc, stderr, peak = _bounded(argv, clean_env(tmp_path))
    assert rc == 252, stderr
    assert "larger than 32 MiB" in stderr and "Traceback" not in stderr and "MemoryError" not in stderr
    assert peak < 100 * MIB


@pytest.mark.parametrize(
    "argv",
    [
        ["get-event-source-mapping", "--cli-input-yaml", "file://{bomb}"],
        ["validate", "--file", "{bomb}"],
    ],
    ids=["cli-input-yaml", "validate-file"],
)
def test_a_yaml_alias_bomb_is_refused(tmp_path: Path, argv: list[str]) -> None:
    bomb = _bomb(tmp_path / "bomb.yaml")
    rc, stderr, peak = _bounded([a.format(bomb=bomb) for a in argv], clean_env(tmp_path))
    assert rc == 252, stderr
    assert "aliases expand to more than" in stderr and "Traceback" not in stderr
    assert peak < 100 * MIB


def test_yaml_aliases_within_the_budget_still_load() -> None:
    from esm_cli.yamlload import load_yaml

    loaded = load_yaml("base: &base {BatchSize: 5}\nmappings: [*base, *base]\n", "test")
    assert loaded["mappings"] == [{"BatchSize": 5}, {"BatchSize": 5}]


@pytest.mark.parametrize("flag", ["--cli-input-json", "--cli-input-yaml"])
def test_json_nested_100000_levels_is_bad_input(esm: Esm, tmp_path: Path, flag: str) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = esm("get-event-source-mapping", flag, f"file://{deep}")
    assert result.rc == 252, result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr


def test_validate_file_nested_100000_levels_is_bad_input(esm: Esm, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"a": ' * 100_000 + "1" + "}" * 100_000)
    result = esm("validate", "--file", str(deep))
    assert result.rc == 252, result.stderr
    assert f"nested more than {limits.MAX_DEPTH} levels" in result.stderr


def test_nesting_just_past_the_cap_is_refused_and_at_the_cap_accepted(esm: Esm, tmp_path: Path) -> None:
    def nested(levels: int) -> str:
        return '{"UUID": "u", "x": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"

    at_cap = esm("get-event-source-mapping", "--cli-input-json", nested(limits.MAX_DEPTH))
    assert "nested more than" not in at_cap.stderr  # read, then refused by the model ("x" is unknown)
    assert "Unknown parameter in input" in at_cap.stderr
    too_deep = esm("get-event-source-mapping", "--cli-input-json", nested(limits.MAX_DEPTH + 1))
    assert too_deep.rc == 252 and "nested more than" in too_deep.stderr


def test_a_query_of_a_thousand_nested_parentheses_is_bad_input(esm: Esm) -> None:
    result = esm("list-event-source-mappings", "--query", "(" * 1000 + "a" + ")" * 1000)
    assert result.rc == 252, result.stderr
    assert "Bad value for --query" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr) < 1000


def test_invalid_utf8_in_an_argument_is_bad_input(tmp_path: Path) -> None:
    # A real process: the shell's $'f\xff' reaches Python as a surrogate escape.
    done = subprocess.run(
        [sys.executable, "-m", "esm_cli", "get-event-source-mapping", "--uuid", b"f\xff"],
        env=clean_env(tmp_path),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 252, done.stderr
    assert b"not valid UTF-8" in done.stderr and b"f\\xff" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_ten_megabyte_value_is_not_echoed_whole(esm: Esm) -> None:
    huge = "x" * 10_000_000
    result = esm("list-event-source-mappings", "--max-items", huge)
    assert result.rc == 252
    assert len(result.stderr) < 2_000
    assert "more characters]" in result.stderr


def test_file_values_under_the_cap_read_as_before(esm: Esm, tmp_path: Path) -> None:
    body = tmp_path / "input.json"
    body.write_bytes(b'{"FunctionName": "f",\r\n "EventSourceArn": "' + SQS_ARN.encode() + b'"}')
    made = esm.ok("create-event-source-mapping", "--cli-input-json", f"file://{body}")
    assert made["FunctionArn"].endswith(":function:f")


def test_read_capped_stops_one_chunk_past_the_limit() -> None:
    class Endless:
        given = 0

        def read(self, size: int) -> bytes:
            self.given += size
            return b"\0" * size

    endless = Endless()
    with pytest.raises(Exception, match="larger than"):
        limits.read_capped(endless, "the stream", limit=3 * MIB)  # type: ignore[arg-type]
    assert endless.given <= 3 * MIB + 1

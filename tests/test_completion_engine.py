"""The completion engine in-process: reading the line, what it offers, where values come from.

The real shells are driven in test_completion_shells.py; here each rule is pinned down
directly, including the agreements with the modules the TAB path may not import.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import DDB_ARN, FIFO_ARN, KINESIS_ARN, SQS_ARN, Esm, clean_env
from esm_cli import applicability
from esm_cli.completion import cache, known, line, values
from esm_cli.completion.engine import complete
from esm_cli.completion.protocol import answer

MSK_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/c1/abcd-1234"
MQ_ARN = "arn:aws:mq:us-east-1:123456789012:broker:b1:b-1234"
DOCDB_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:docs"


def offered(line_text: str, env: dict[str, str] | None = None) -> list[str]:
    """The words offered for the last word of ``line_text`` (split as a shell would)."""
    return complete(line.split(line_text).words, env or {}).words


def flags_for(line_text: str, env: dict[str, str] | None = None) -> set[str]:
    return {w for w in offered(line_text + " --", env) if w.startswith("--")}


# --- reading the line -------------------------------------------------------------------------


def test_commands_with_and_without_the_service_word() -> None:
    everything = offered("esm ")
    assert everything[:5] == [
        "create-event-source-mapping",
        "update-event-source-mapping",
        "get-event-source-mapping",
        "delete-event-source-mapping",
        "list-event-source-mappings",
    ]
    assert {"validate", "test-filter", "completion", "doctor", "run", "lambda"} <= set(everything)
    # After `lambda`, only what `aws lambda` has too: the mapping, tag and wait commands.
    lambda_commands = everything[:5] + ["wait", "tag-resource", "untag-resource", "list-tags"]
    assert offered("esm lambda ") == lambda_commands
    assert offered("esm --output json lambda ") == lambda_commands  # globals anywhere


def test_flags_already_given_are_not_offered_again_but_repeatable_ones_are() -> None:
    given = flags_for("esm update-event-source-mapping --uuid u --batch-size 5 --output json")
    assert not {"--uuid", "--batch-size", "--output"} & given
    assert {"--function-name", "--region", "--enabled", "--no-enabled"} <= given
    assert not {"--enabled", "--no-enabled"} & flags_for("esm update-event-source-mapping --no-enabled")
    assert "--pattern" in flags_for("esm test-filter --pattern '{}'")  # gathers every occurrence


def test_hidden_options_are_never_offered() -> None:
    assert "--marker" not in flags_for("esm list-event-source-mappings")
    assert {"--max-items", "--starting-token", "--page-size"} <= flags_for("esm list-event-source-mappings")


def test_unique_prefixes_and_inline_values_count_as_given() -> None:
    assert "--function-name" not in flags_for("esm create-event-source-mapping --function-n f")
    assert "--output" not in flags_for("esm get-event-source-mapping --output=json")


def test_values_of_a_pending_option_and_of_an_inline_one() -> None:
    assert offered("esm get-event-source-mapping --output ") == ["json", "text", "table", "yaml", "yaml-stream", "off"]
    assert offered("esm get-event-source-mapping --output=t") == [
        "--output=json", "--output=text", "--output=table", "--output=yaml", "--output=yaml-stream", "--output=off",
    ]
    assert offered("esm get-event-source-mapping --uuid --") == []  # an option that needs a value: nothing fits after it


def test_a_list_takes_items_until_an_option_then_flags_follow() -> None:
    assert offered("esm create-event-source-mapping --function-response-types ") == ["ReportBatchItemFailures"]
    after_item = offered("esm create-event-source-mapping --function-response-types ReportBatchItemFailures ")
    assert "--batch-size" in after_item and "ReportBatchItemFailures" not in after_item


def test_the_completion_command_offers_shells() -> None:
    assert offered("esm completion ") == ["bash", "zsh", "fish"]
    assert offered("esm completion bash ") == [w for w in offered("esm completion bash ") if w.startswith("--")]


def test_enum_values_from_the_spec_and_the_cli() -> None:
    assert offered("esm create-event-source-mapping --starting-position ") == ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]
    assert offered("esm --backend ") == ["local", "aws"]
    assert offered("esm --color ") == ["on", "off", "auto"]
    assert "enhanced" in offered("esm --cli-error-format ")
    assert offered("esm get-event-source-mapping --generate-cli-skeleton ") == ["input", "yaml-input", "output"]
    assert offered("esm test-filter --source ") == ["sqs", "kinesis", "dynamodb", "kafka", "mq", "docdb"]
    assert offered("esm test-filter --expect ") == ["keep", "drop"]


def test_looks_like_option_is_argparses_test() -> None:
    """Completion and the command share one parser; its option test is argparse's regex, without re."""
    import re

    from esm_cli.argv import looks_like_option

    negative_number = re.compile(r"^-\d+$|^-\d*\.\d+$")
    tokens = ("-1", "-10", "-.5", "-1.5", "-1.", "-1.2.3", "--x", "-x", "-", "--5", "- 1", "-1e5", "--no-enabled", "-\u0663", "-\u00b2")
    for token in tokens:
        argparse_says = token.startswith("-") and token != "-" and not negative_number.match(token) and " " not in token
        assert looks_like_option(token) == argparse_says, token


# --- source-aware -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arn", "present", "absent"),
    [
        (SQS_ARN, {"--scaling-config", "--function-response-types"}, {"--starting-position", "--topics", "--parallelization-factor"}),
        (FIFO_ARN, {"--scaling-config"}, {"--maximum-batching-window-in-seconds", "--starting-position"}),
        (KINESIS_ARN, {"--starting-position", "--parallelization-factor", "--destination-config"}, {"--scaling-config", "--topics", "--queues"}),
        (DDB_ARN, {"--starting-position", "--tumbling-window-in-seconds"}, {"--starting-position-timestamp", "--scaling-config"}),
        (MSK_ARN, {"--topics", "--amazon-managed-kafka-event-source-config", "--logging-config"}, {"--queues", "--self-managed-kafka-event-source-config", "--self-managed-event-source"}),
        (MQ_ARN, {"--queues", "--source-access-configurations"}, {"--starting-position", "--function-response-types", "--topics", "--destination-config"}),
        (DOCDB_ARN, {"--document-db-event-source-config", "--starting-position"}, {"--filter-criteria", "--kms-key-arn", "--topics"}),
    ],
)
def test_only_flags_that_apply_to_the_source_are_offered(arn: str, present: set[str], absent: set[str]) -> None:
    flags = flags_for(f"esm create-event-source-mapping --event-source-arn {arn}")
    assert present <= flags
    assert not absent & flags


def test_self_managed_kafka_is_known_by_its_endpoints() -> None:
    flags = flags_for("esm create-event-source-mapping --self-managed-event-source Endpoints={}")
    assert {"--topics", "--self-managed-kafka-event-source-config"} <= flags
    assert not {"--event-source-arn", "--amazon-managed-kafka-event-source-config", "--scaling-config"} & flags


def test_starting_position_values_and_the_timestamp_follow_the_source() -> None:
    assert offered(f"esm create-event-source-mapping --event-source-arn {DDB_ARN} --starting-position ") == [
        "TRIM_HORIZON",
        "LATEST",
    ]
    assert "AT_TIMESTAMP" in offered(f"esm create-event-source-mapping --event-source-arn {KINESIS_ARN} --starting-position ")
    assert "--starting-position-timestamp" not in flags_for(
        f"esm create-event-source-mapping --event-source-arn {KINESIS_ARN} --starting-position LATEST"
    )
    assert "--starting-position-timestamp" in flags_for(
        f"esm create-event-source-mapping --event-source-arn {KINESIS_ARN} --starting-position AT_TIMESTAMP"
    )


def test_an_unrecognised_source_hides_nothing() -> None:
    everything = flags_for("esm create-event-source-mapping")
    assert flags_for("esm create-event-source-mapping --event-source-arn arn:aws:sns:us-east-1:1:t") == everything - {
        "--event-source-arn"
    }


def _rejections() -> list[tuple[str, frozenset[Any]]]:
    """(member, sources) the rules registry rejects as not applying to those sources."""
    registry = pytest.importorskip("esm_cli.rules.registry")
    from esm_cli.rules.base import unsupported_message

    found = []
    for rule in registry.registry():
        if rule.sources and len(rule.params) == 1 and rule.message == unsupported_message(rule.params[0]):
            found.append((rule.params[0], frozenset(rule.sources)))
    return found


def test_nothing_offered_for_a_source_is_something_the_rules_reject() -> None:
    rejections = _rejections()
    assert rejections, "the registry names no applicability rule: has its vocabulary changed?"
    for member, rejected in rejections:
        offered_to = {s for s in rejected if applicability.offered(member, s)}
        assert not offered_to, f"completion offers {member} for {offered_to}, which the rules reject"


# --- where values come from -------------------------------------------------------------------


@pytest.fixture
def local(tmp_path: Path) -> tuple[Esm, dict[str, str], dict[str, str]]:
    """A local state file with one mapping per kind of source, and the environment to read it."""
    env = clean_env(tmp_path)
    esm = Esm(env)
    uuids = {
        "sqs": esm.ok("create-event-source-mapping", "--function-name", "fn-sqs", "--event-source-arn", SQS_ARN)["UUID"],
        "kinesis": esm.ok(
            "create-event-source-mapping", "--function-name", "fn-kin", "--event-source-arn", KINESIS_ARN,
            "--starting-position", "LATEST",
        )["UUID"],
        "smk": esm.ok(
            "create-event-source-mapping", "--function-name", "fn-smk:live", "--topics", "t1",
            "--self-managed-event-source", '{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b1:9092"]}}',
            "--source-access-configurations", "Type=BASIC_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s",
        )["UUID"],
    }
    return esm, env, uuids


def test_uuids_come_from_the_state_file_with_function_and_source(local: Any) -> None:
    _, env, uuids = local
    found = complete(line.split("esm get-event-source-mapping --uuid ").words, env).candidates
    assert found == [
        (uuids["smk"], "fn-smk:live <- self-managed Kafka (Enabled)"),
        (uuids["kinesis"], "fn-kin <- kinesis:stream/s1 (Enabled)"),
        (uuids["sqs"], "fn-sqs <- sqs:q1 (Enabled)"),
    ]


def test_function_names_and_source_arns_come_from_the_state_file(local: Any) -> None:
    _, env, _ = local
    assert offered("esm list-event-source-mappings --function-name ", env) == ["fn-smk:live", "fn-kin", "fn-sqs"]
    assert offered("esm update-event-source-mapping --function-name arn:", env)[-1] == (
        "arn:aws:lambda:us-east-1:123456789012:function:fn-sqs"
    )
    assert offered("esm list-event-source-mappings --event-source-arn ", env) == [KINESIS_ARN, SQS_ARN]
    # On list, the other filter narrows the choice.
    assert offered("esm list-event-source-mappings --function-name fn-kin --event-source-arn ", env) == [KINESIS_ARN]
    assert offered(f"esm list-event-source-mappings --event-source-arn {SQS_ARN} --function-name ", env) == ["fn-sqs"]


def test_update_takes_the_source_from_the_stored_mapping(local: Any) -> None:
    _, env, uuids = local
    sqs = flags_for(f"esm update-event-source-mapping --uuid {uuids['sqs']}", env)
    kinesis = flags_for(f"esm update-event-source-mapping --uuid {uuids['kinesis']}", env)
    smk = flags_for(f"esm update-event-source-mapping --uuid {uuids['smk']}", env)
    assert "--scaling-config" in sqs and "--parallelization-factor" not in sqs
    assert "--parallelization-factor" in kinesis and "--scaling-config" not in kinesis
    assert "--self-managed-kafka-event-source-config" in smk and "--tumbling-window-in-seconds" not in smk
    unknown = flags_for("esm update-event-source-mapping --uuid 00000000-0000-0000-0000-000000000000", env)
    assert {"--scaling-config", "--parallelization-factor"} <= unknown


def test_the_state_file_on_the_line_wins_and_a_missing_one_is_not_created(local: Any, tmp_path: Path) -> None:
    _, env, _ = local
    elsewhere = tmp_path / "elsewhere" / "state.db"
    assert offered(f"esm --state-file {elsewhere} get-event-source-mapping --uuid ", env) == []
    assert not elsewhere.parent.exists()


def test_the_state_file_is_read_without_leaving_files_behind(local: Any, tmp_path: Path) -> None:
    _, env, _ = local
    before = sorted(os.listdir(tmp_path))
    assert len(offered("esm get-event-source-mapping --uuid ", env)) == 3
    assert sorted(os.listdir(tmp_path)) == before


def test_a_state_file_with_a_live_write_ahead_log_is_read_too(local: Any, tmp_path: Path) -> None:
    _, env, _ = local
    writer = sqlite3.connect(tmp_path / "state.db")  # keeps the WAL open, as a running esm would
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE mappings SET enabled = 0 WHERE function_arn LIKE '%fn-sqs'")
        writer.execute("COMMIT")
        assert (tmp_path / "state.db-wal").exists()
        found = dict(complete(line.split("esm get-event-source-mapping --uuid ").words, env).candidates)
        assert "fn-sqs <- sqs:q1 (Disabled)" in found.values()
    finally:
        writer.close()


@pytest.mark.parametrize("content", [b"not a database at all" * 10, b""])
def test_an_unusable_state_file_offers_nothing_and_is_left_untouched(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "state.db"
    state.write_bytes(content)
    env = clean_env(tmp_path)
    assert offered("esm get-event-source-mapping --uuid ", env) == []
    assert state.read_bytes() == content


def test_profiles_from_config_and_credentials(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    Path(env["AWS_CONFIG_FILE"]).write_text("[default]\nregion = eu-west-1\n[profile dev]\n")
    Path(env["AWS_SHARED_CREDENTIALS_FILE"]).write_text("[ci]\naws_access_key_id = x\n")
    assert offered("esm --profile ", env) == ["default", "dev", "ci"]


def test_regions_are_built_in_with_their_names() -> None:
    found = dict(complete(line.split("esm --region ").words, {}).candidates)
    assert found["us-east-1"] == "US East (N. Virginia)"
    assert {"eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"} <= set(found)


def test_paths_after_file_prefixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mapping.json").write_text("{}")
    (tmp_path / "docs" / "my filters").mkdir()
    (tmp_path / "docs" / ".hidden").write_text("")
    monkeypatch.chdir(tmp_path)
    assert offered("esm validate --cli-input-json file://do") == ["file://docs/"]
    assert offered("esm validate --cli-input-json file://docs/") == ["file://docs/mapping.json", "file://docs/my filters/"]
    assert offered(f"esm create-event-source-mapping --filter-criteria fileb://{tmp_path}/docs/ma") == [
        f"fileb://{tmp_path}/docs/mapping.json"
    ]
    assert offered("esm validate --cli-input-json ") == ["file://", "fileb://"]  # a document goes here
    assert offered("esm create-event-source-mapping --batch-size ") == []  # a number does not
    assert offered("esm create-event-source-mapping --batch-size fi") == ["file://", "fileb://"]
    assert complete(line.split("esm --state-file ").words, {}).files  # a plain path: the shell's own
    assert offered("esm --state-file=docs/ma") == ["--state-file=docs/mapping.json"]


# --- the aws backend's cache ------------------------------------------------------------------


def _aws_mapping(uuid: str, function: str = "fn-aws", state: str = "Enabled") -> dict[str, Any]:
    return {
        "UUID": uuid,
        "FunctionArn": f"arn:aws:lambda:eu-west-1:210987654321:function:{function}",
        "EventSourceArn": KINESIS_ARN,
        "State": state,
    }


def test_the_aws_backend_completes_from_the_cache_its_commands_refresh(tmp_path: Path) -> None:
    env = clean_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), AWS_REGION="eu-west-1")
    cache.remember([_aws_mapping("11111111-1111-1111-1111-111111111111")], backend="aws", region="eu-west-1", profile=None, env=env)
    assert (tmp_path / "cache" / "esm" / "mappings.json").is_file()
    line_text = "esm get-event-source-mapping --uuid "
    assert offered(line_text, env) == []  # the local backend: the state file, not the cache
    for chosen in ({"ESM_BACKEND": "aws"}, {"AWS_ENDPOINT_URL": "http://127.0.0.1:5000"}):
        assert offered(line_text, {**env, **chosen}) == ["11111111-1111-1111-1111-111111111111"]
    assert offered("esm --backend aws " + line_text[4:], env) == ["11111111-1111-1111-1111-111111111111"]
    assert offered("esm --endpoint-url http://x " + line_text[4:], env) == ["11111111-1111-1111-1111-111111111111"]
    # Another region, another account's profile: another cache entry.
    assert offered("esm --backend aws --region us-west-2 " + line_text[4:], env) == []
    assert offered("esm --backend aws --profile other " + line_text[4:], env) == []


def test_remember_merges_forgets_deleted_mappings_and_never_raises(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    remember = lambda items: cache.remember(items, backend="aws", region="r", profile="p", env=env)  # noqa: E731
    remember([_aws_mapping("a"), _aws_mapping("b")])
    remember([_aws_mapping("c", state="Creating")])
    remember([_aws_mapping("a", state="Deleting")])
    assert [row[0] for row in cache.recall(region="r", profile="p", env=env)] == ["c", "b"]
    cache.remember([_aws_mapping("z")], backend="local", region="r", profile="p", env=env)  # not cached
    assert "z" not in [row[0] for row in cache.recall(region="r", profile="p", env=env)]
    # Unwritable cache folder, garbage input: silently nothing.
    (tmp_path / "blocked").write_text("a file where the folder should be")
    cache.remember([_aws_mapping("d")], backend="aws", region="r", profile="p", env={"XDG_CACHE_HOME": str(tmp_path / "blocked")})
    cache.remember([None, {"UUID": 5}, "x"], backend="aws", region="r", profile="p", env=env)  # type: ignore[list-item]
    Path(cache.cache_file(env)).write_text("{not json")
    assert cache.recall(region="r", profile="p", env=env) == []
    remember([_aws_mapping("e")])
    assert [row[0] for row in cache.recall(region="r", profile="p", env=env)] == ["e"]


def test_remember_keeps_the_newest_entries_only(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    items = [_aws_mapping(f"u{i}") for i in range(cache.MAX_PER_KEY + 5)]
    cache.remember(items, backend="aws", region=None, profile=None, env=env)
    rows = cache.recall(region=None, profile=None, env=env)
    assert len(rows) == cache.MAX_PER_KEY and rows[0][0] == f"u{cache.MAX_PER_KEY + 4}"


class _FakeBackend:
    def __init__(self, pages: list[dict[str, Any]]) -> None:
        self.calls = pages

    def list_page(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"EventSourceMappings": self.calls}


def test_remote_listing_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import esm_cli.backends

    fetched: list[Any] = []

    def fake_get_backend(settings: Any) -> _FakeBackend:
        fetched.append(settings)
        return _FakeBackend([_aws_mapping("22222222-2222-2222-2222-222222222222")])

    monkeypatch.setattr(esm_cli.backends, "get_backend", fake_get_backend)
    env = clean_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), ESM_BACKEND="aws", AWS_REGION="eu-west-1")
    line_text = "esm get-event-source-mapping --query State --uuid "
    assert offered(line_text, env) == [] and not fetched  # no network on TAB by default
    assert offered(line_text, {**env, "ESM_COMPLETE_REMOTE": "1"}) == ["22222222-2222-2222-2222-222222222222"]
    assert fetched[0].backend == "aws" and fetched[0].read_timeout == known.REMOTE_TIMEOUT_SECONDS
    assert offered(line_text, env) == ["22222222-2222-2222-2222-222222222222"]  # and the cache was refreshed


def test_a_failing_or_slow_remote_listing_falls_back_to_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import esm_cli.backends

    release = threading.Event()

    class Slow:
        def list_page(self, request: dict[str, Any]) -> dict[str, Any]:
            release.wait(10)
            return {"EventSourceMappings": [_aws_mapping("late")]}

    env = clean_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), ESM_BACKEND="aws", ESM_COMPLETE_REMOTE="1")
    cache.remember([_aws_mapping("cached")], backend="aws", region=None, profile=None, env=env)
    monkeypatch.setattr(known, "REMOTE_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(esm_cli.backends, "get_backend", lambda settings: Slow())
    try:
        assert offered("esm get-event-source-mapping --uuid ", env) == ["cached"]
    finally:
        release.set()

    def broken(settings: Any) -> Any:
        raise RuntimeError("no credentials")

    monkeypatch.setattr(esm_cli.backends, "get_backend", broken)
    assert offered("esm get-event-source-mapping --uuid ", env) == ["cached"]


# --- agreement with esm_cli.settings, which the TAB path does not import --------------------------


@pytest.mark.parametrize(
    ("options", "env"),
    [
        ({}, {}),
        ({"backend": "aws"}, {"ESM_BACKEND": "local"}),
        ({}, {"ESM_BACKEND": "aws"}),
        ({"endpoint_url": "http://x"}, {}),
        ({}, {"AWS_ENDPOINT_URL": "http://x"}),
        ({}, {"AWS_ENDPOINT_URL_LAMBDA": "http://x", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}),
        ({"backend": "local"}, {"AWS_ENDPOINT_URL_LAMBDA": "http://x"}),
    ],
)
def test_backend_choice_agrees_with_settings(options: dict[str, str], env: dict[str, str]) -> None:
    from esm_cli.settings import resolve_backend

    assert values.backend_name(options, env) == resolve_backend(options.get("backend"), options.get("endpoint_url"), env)[0]


def test_state_file_profile_and_region_agree_with_settings(tmp_path: Path) -> None:
    from esm_cli.settings import resolve

    config = tmp_path / "config"
    config.write_text("[profile dev]\nregion = ap-south-1\n")
    cases: list[tuple[dict[str, str], dict[str, str]]] = [
        ({}, {"HOME": str(tmp_path)}),
        ({}, {"XDG_STATE_HOME": str(tmp_path / "xdg")}),
        ({"state_file": "~/s.db"}, {"ESM_STATE_FILE": "/elsewhere"}),
        ({}, {"ESM_STATE_FILE": str(tmp_path / "e.db"), "AWS_PROFILE": "dev", "AWS_CONFIG_FILE": str(config)}),
        ({"profile": "dev", "region": "us-west-1"}, {"AWS_CONFIG_FILE": str(config), "AWS_REGION": "eu-west-3"}),
        ({}, {"AWS_DEFAULT_PROFILE": "dev", "AWS_DEFAULT_REGION": "sa-east-1"}),
    ]
    for options, env in cases:
        env = {"AWS_CONFIG_FILE": str(tmp_path / "none"), **env}
        settings = resolve(dict(options), env)
        assert values.state_file(options, env) == str(settings.state_file)
        assert values.profile_name(options, env) == settings.profile
        assert values.region_name(options, env) == settings.region


# --- the bash side of the protocol --------------------------------------------------------------


def test_splitting_a_partial_line_like_a_shell() -> None:
    assert line.split("esm get --uuid ").words == ["esm", "get", "--uuid", ""]
    parsed = line.split("esm --x 'a b' \"c\\\"d\" e\\ f 'open")
    assert parsed.words == ["esm", "--x", "a b", 'c"d', "e f", "open"]
    assert parsed.quote == "'" and parsed.start == len("esm --x 'a b' \"c\\\"d\" e\\ f ")
    assert line.unquote("'arn:aws") == "arn:aws" and line.unquote("") == ""


def test_bash_answers_from_the_last_word_break_and_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def bash(text: str, **env: str) -> list[str]:
        return answer("bash", {"COMP_LINE": text, "COMP_POINT": str(len(text)), **env}).split("\n")[:-1]

    assert bash(f"esm list-event-source-mappings --event-source-arn {SQS_ARN[:-1]}", XDG_STATE_HOME=str(tmp_path)) == [""]
    assert bash("esm --output=ya") == ["", "yaml", "yaml-stream"]
    assert bash("esm get-event-source-mapping --output js") == ["", "json"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my docs").mkdir()
    assert bash("esm validate --cli-input-json file://my") == ["nospace", "//my\\ docs/"]
    assert bash("esm validate --cli-input-json 'file://my") == ["nospace", "file://my docs/"]
    assert bash("esm --state-file ") == ["files"]
    # A line with the cursor in the middle is completed up to the cursor.
    assert answer("bash", {"COMP_LINE": "esm --backend l --output json", "COMP_POINT": "15"}) == "\nlocal\n"


def test_bash_strips_what_readline_keeps_before_a_colon(local: Any) -> None:
    _, env, _ = local
    text = f"esm list-event-source-mappings --event-source-arn {KINESIS_ARN[:-3]}"
    assert answer("bash", {**env, "COMP_LINE": text, "COMP_POINT": str(len(text))}) == "\nstream/s1\n"


def test_zsh_and_fish_answers_carry_descriptions(local: Any) -> None:
    _, env, uuids = local
    for shell in ("zsh", "fish"):
        reply = answer(shell, {**env, "_ESM_COMP_WORDS": "esm\nget-event-source-mapping\n--uuid", "_ESM_COMP_CURRENT": ""})
        assert f"{uuids['sqs']}\tfn-sqs <- sqs:q1 (Enabled)\n" in reply
        assert reply.startswith("\n")
    assert answer("zsh", {"_ESM_COMP_WORDS": "esm\n--state-file", "_ESM_COMP_CURRENT": ""}) == "files\n"


def test_a_broken_request_offers_nothing_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from esm_cli.completion.protocol import respond

    out = io.StringIO()
    assert respond("tcsh", {}, out) == 0
    assert out.getvalue() == ""
    assert "unknown shell 'tcsh'" in capsys.readouterr().err

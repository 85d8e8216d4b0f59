"""parse_value for every member of CreateEventSourceMapping, files, lists, errors, timestamps.

Expected values come from docs/shorthand.md. A differential test then runs the AWS CLI's own
value pipeline (awscli 1.46.3: URI loader limited to file:// and fileb:// as in v2, shorthand,
JSON, BackCompatVisitor) in a subprocess over a few hundred (flag, value) pairs, and
botocore's timestamp parser over the timestamp forms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esm_cli import spec
from esm_cli.errors import ParamValidationError
from esm_cli.params import load_paramfile, parse_timestamp, parse_value, to_wire, validate_client_side

CREATE = "CreateEventSourceMapping"
MEMBERS = spec.input_members(CREATE)
ARN = "arn:aws:sqs:us-east-1:123456789012:q"


def value_of(member: str, raw: Any) -> Any:
    entry = MEMBERS[member]
    return parse_value(raw, entry["shape"], entry["flag"])


def error_of(member: str, raw: Any) -> str:
    with pytest.raises(ParamValidationError) as caught:
        value_of(member, raw)
    return caught.value.message


# (member, raw as argparse hands it over, API value). Every member appears at least once.
MEMBER_CASES: list[tuple[str, Any, Any]] = [
    ("EventSourceArn", ARN, ARN),
    ("EventSourceArn", '{"not": "json-parsed"}', '{"not": "json-parsed"}'),
    ("FunctionName", "fn", "fn"),
    ("FunctionName", "", ""),
    ("Enabled", True, True),
    ("Enabled", False, False),
    ("BatchSize", "5", 5),
    ("BatchSize", " 7 ", 7),
    ("BatchSize", "-1", -1),
    ("FilterCriteria", "Filters=[{Pattern='{\"body\":{\"a\":[\"x\"]}}'},{Pattern=plain}]",
     {"Filters": [{"Pattern": '{"body":{"a":["x"]}}'}, {"Pattern": "plain"}]}),
    ("FilterCriteria", "Filters={Pattern=x}", {"Filters": [{"Pattern": "x"}]}),
    ("FilterCriteria", '{"Filters":[{"Pattern":"{\\"data\\":[1]}"}]}', {"Filters": [{"Pattern": '{"data":[1]}'}]}),
    ("KMSKeyArn", "arn:aws:kms:us-east-1:123456789012:key/k", "arn:aws:kms:us-east-1:123456789012:key/k"),
    ("MetricsConfig", "Metrics=EventCount", {"Metrics": ["EventCount"]}),
    ("MetricsConfig", "Metrics=EventCount,ErrorCount", {"Metrics": ["EventCount", "ErrorCount"]}),
    ("MetricsConfig", '{"Metrics":["EventCount"]}', {"Metrics": ["EventCount"]}),
    ("LoggingConfig", "SystemLogLevel=INFO", {"SystemLogLevel": "INFO"}),
    ("ScalingConfig", "MaximumConcurrency=5", {"MaximumConcurrency": 5}),
    ("ScalingConfig", '{"MaximumConcurrency":5}', {"MaximumConcurrency": 5}),
    ("ScalingConfig", "{}", {}),
    ("ScalingConfig", '  {"MaximumConcurrency": "5"}', {"MaximumConcurrency": "5"}),  # JSON is not coerced
    ("MaximumBatchingWindowInSeconds", "0", 0),
    ("ParallelizationFactor", "10", 10),
    ("StartingPosition", "LATEST", "LATEST"),
    ("StartingPosition", "BOGUS", "BOGUS"),  # enums are the service's business
    ("StartingPositionTimestamp", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"),
    ("DestinationConfig", "OnFailure={Destination=arn:aws:sqs:us-east-1:123456789012:dlq}",
     {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}),
    ("DestinationConfig", '{"OnFailure":{"Destination":"arn:x"}}', {"OnFailure": {"Destination": "arn:x"}}),
    ("MaximumRecordAgeInSeconds", "-1", -1),
    ("BisectBatchOnFunctionError", True, True),
    ("MaximumRetryAttempts", "10000", 10000),
    ("Tags", "k1=v1,k2=v2", {"k1": "v1", "k2": "v2"}),
    ("Tags", "k1=a,b,k2=c", {"k1": ["a", "b"], "k2": "c"}),
    ("Tags", '{"a":"1","b c":"x y"}', {"a": "1", "b c": "x y"}),
    ("TumblingWindowInSeconds", "900", 900),
    ("Topics", ["t1"], ["t1"]),
    ("Topics", ['["t1"]'], ["t1"]),
    ("Topics", [" [\"t1\", 2]"], ["t1", 2]),
    ("Topics", ["a", "b"], ["a", "b"]),
    ("Queues", ["q"], ["q"]),
    ("Queues", [], []),
    ("SourceAccessConfigurations", ["Type=BASIC_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s",
                                    "Type=VPC_SUBNET,URI=subnet:subnet-1"],
     [{"Type": "BASIC_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:s"},
      {"Type": "VPC_SUBNET", "URI": "subnet:subnet-1"}]),
    ("SourceAccessConfigurations", ['{"Type":"BASIC_AUTH","URI":"u"}', '{"Type":"VPC_SUBNET","URI":"s"}'],
     [{"Type": "BASIC_AUTH", "URI": "u"}, {"Type": "VPC_SUBNET", "URI": "s"}]),
    ("SourceAccessConfigurations", ['[{"Type":"BASIC_AUTH","URI":"u"}]'], [{"Type": "BASIC_AUTH", "URI": "u"}]),
    ("SourceAccessConfigurations", [], []),
    ("SelfManagedEventSource", "Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1:9092,b2:9092]}",
     {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092", "b2:9092"]}}),
    ("SelfManagedEventSource", "Endpoints={KAFKA_BOOTSTRAP_SERVERS=b1:9092}",
     {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092"]}}),
    ("SelfManagedEventSource", '{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b1:9092"]}}',
     {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092"]}}),
    ("FunctionResponseTypes", ["ReportBatchItemFailures"], ["ReportBatchItemFailures"]),
    ("FunctionResponseTypes", [], []),
    ("AmazonManagedKafkaEventSourceConfig",
     "ConsumerGroupId=g1,SchemaRegistryConfig={SchemaRegistryURI=https://reg.example.com,EventRecordFormat=JSON,"
     "AccessConfigs=[{Type=BASIC_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s}],"
     "SchemaValidationConfigs=[{Attribute=KEY},{Attribute=VALUE}]}",
     {"ConsumerGroupId": "g1", "SchemaRegistryConfig": {
         "SchemaRegistryURI": "https://reg.example.com", "EventRecordFormat": "JSON",
         "AccessConfigs": [{"Type": "BASIC_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:s"}],
         "SchemaValidationConfigs": [{"Attribute": "KEY"}, {"Attribute": "VALUE"}]}}),
    ("SelfManagedKafkaEventSourceConfig", "ConsumerGroupId=g1", {"ConsumerGroupId": "g1"}),
    ("SelfManagedKafkaEventSourceConfig", "ConsumerGroupId=g1,ConsumptionMode=Queue",
     {"ConsumerGroupId": "g1", "ConsumptionMode": "Queue"}),
    ("DocumentDBEventSourceConfig", "DatabaseName=db,CollectionName=c,FullDocument=UpdateLookup",
     {"DatabaseName": "db", "CollectionName": "c", "FullDocument": "UpdateLookup"}),
    ("ProvisionedPollerConfig", "MinimumPollers=1,MaximumPollers=10,PollerGroupName=pg1",
     {"MinimumPollers": 1, "MaximumPollers": 10, "PollerGroupName": "pg1"}),
]


def test_every_create_member_is_covered() -> None:
    assert len(MEMBERS) == 28
    assert {member for member, _, _ in MEMBER_CASES} == set(MEMBERS)


@pytest.mark.parametrize(("member", "raw", "expected"), MEMBER_CASES)
def test_member_values(member: str, raw: Any, expected: Any) -> None:
    assert value_of(member, raw) == expected


def test_absent_flag_is_none() -> None:
    assert value_of("ScalingConfig", None) is None


def test_structure_unknown_keys_are_left_for_client_validation() -> None:
    assert value_of("ScalingConfig", "Bogus=1") == {"Bogus": "1"}
    assert value_of("ScalingConfig", "Max=") == {"Max": ""}
    assert value_of("DestinationConfig", "OnFailure={Destination=x,Extra=[1,2]}") == {
        "OnFailure": {"Destination": "x", "Extra": ["1", "2"]}
    }


def test_shorthand_coercion_follows_the_model() -> None:
    # integers converted; lists wrapped; the wrapped item itself is not coerced (as in the AWS CLI)
    assert value_of("ProvisionedPollerConfig", "MinimumPollers=+3,MaximumPollers=1_000") == {
        "MinimumPollers": 3, "MaximumPollers": 1000}
    assert value_of("AmazonManagedKafkaEventSourceConfig", "SchemaRegistryConfig={AccessConfigs={Type=a}}") == {
        "SchemaRegistryConfig": {"AccessConfigs": [{"Type": "a"}]}}


# ---- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "raw", "message"),
    [
        ("BatchSize", "abc", "invalid literal for int() with base 10: 'abc'"),
        ("BatchSize", "", "invalid literal for int() with base 10: ''"),
        ("BatchSize", "5.0", "invalid literal for int() with base 10: '5.0'"),
        ("ScalingConfig", "MaximumConcurrency=abc", "invalid literal for int() with base 10: 'abc'"),
        ("ScalingConfig", "MaximumConcurrency=[1,2]",
         "int() argument must be a string, a bytes-like object or a real number, not 'list'"),
        ("ScalingConfig", '{"MaximumConcurrency": 5',
         "Error parsing parameter '--scaling-config': Invalid JSON: Expecting ',' delimiter: line 1 column 25 "
         "(char 24)\nJSON received: {\"MaximumConcurrency\": 5"),
        ("ScalingConfig", "[1]", "Error parsing parameter '--scaling-config': Invalid JSON:\n[1]"),
        ("ScalingConfig", "", "Error parsing parameter '--scaling-config': Expected: '=', received: 'EOF' for "
                              "input:\n \n^"),
        ("ScalingConfig", "MaximumConcurrency=5,MaximumConcurrency=6",
         "Error parsing parameter '--scaling-config': Second instance of key \"MaximumConcurrency\" encountered for "
         "input:\nMaximumConcurrency=5,MaximumConcurrency=6\n                     ^\nThis is often because there "
         "is a preceding \",\" instead of a space."),
        ("FilterCriteria", 'Filters=[{Pattern={"data":[1]}}]',
         "Error parsing parameter '--filter-criteria': Expected: '=', received: '\"' for input:\n"
         " Filters=[{Pattern={\"data\":[1]}}]\n                   ^"),
        ("Topics", ["[bad"], "Error parsing parameter '--topics': Invalid JSON: Expecting value: line 1 column 2 "
                             "(char 1)\nJSON received: [bad"),
        # The first word decides: JSON objects, then every word must be one.
        ("SourceAccessConfigurations", ['{"Type":"x"}', "Type=A,URI=b"],
         "Error parsing parameter '--source-access-configurations': Invalid JSON:\nType=A,URI=b"),
        ("SourceAccessConfigurations", ["Type=A,URI=b", '{"Type":"x"}'],
         "Error parsing parameter '--source-access-configurations': Expected: '=', received: '{' for input:\n"
         " {\"Type\":\"x\"}\n^"),
        ("SourceAccessConfigurations", ['{"Type":"x"}', ""], "string index out of range"),
    ],
)
def test_error_texts(member: str, raw: Any, message: str) -> None:
    assert error_of(member, raw) == message


# ---- file:// and fileb:// ----------------------------------------------------------------------


def test_file_values(tmp_path: Path) -> None:
    (tmp_path / "sc.txt").write_text("MaximumConcurrency=7")
    (tmp_path / "sc.json").write_text('{"MaximumConcurrency": 7}\n')
    (tmp_path / "five.txt").write_text("5\n")
    (tmp_path / "crlf.txt").write_bytes(b"x1\r\ny")
    (tmp_path / "sac.json").write_text('[{"Type": "BASIC_AUTH", "URI": "u"}]')
    assert value_of("ScalingConfig", f"file://{tmp_path}/sc.txt") == {"MaximumConcurrency": 7}
    assert value_of("ScalingConfig", f"file://{tmp_path}/sc.json") == {"MaximumConcurrency": 7}
    assert value_of("BatchSize", f"file://{tmp_path}/five.txt") == 5
    assert value_of("BatchSize", f"fileb://{tmp_path}/five.txt") == 5
    assert value_of("FunctionName", f"file://{tmp_path}/crlf.txt") == "x1\ny"  # text mode: universal newlines
    assert value_of("FunctionName", f"fileb://{tmp_path}/crlf.txt") == b"x1\r\ny"
    assert value_of("SourceAccessConfigurations", [f"file://{tmp_path}/sac.json"]) == [{"Type": "BASIC_AUTH", "URI": "u"}]


def test_file_expands_home_and_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("ESM_TEST_DIR", str(tmp_path))
    (tmp_path / "fn.txt").write_text("from-home")
    assert value_of("FunctionName", "file://~/fn.txt") == "from-home"
    assert value_of("FunctionName", "file://$ESM_TEST_DIR/fn.txt") == "from-home"


def test_missing_and_undecodable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nope.json"
    assert error_of("FilterCriteria", f"file://{missing}") == (
        f"Error parsing parameter '--filter-criteria': Unable to load paramfile file://{missing}: "
        f"[Errno 2] No such file or directory: '{missing}'"
    )
    assert error_of("Topics", [f"fileb://{missing}"]).startswith("Error parsing parameter '--topics': Unable to load")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\xff\xfe\xfa")
    monkeypatch.setenv("AWS_CLI_FILE_ENCODING", "utf-8")
    assert error_of("FunctionName", f"file://{binary}") == (
        f"Error parsing parameter '--function-name': Unable to load paramfile ({binary}), text contents could "
        "not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix."
    )


def test_load_paramfile(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    assert load_paramfile("plain") is None
    assert load_paramfile("http://example.com/x") is None  # v2 does not fetch URLs
    assert load_paramfile(f"file://{tmp_path}/a.txt") == "text"
    assert load_paramfile(f"fileb://{tmp_path}/a.txt") == b"text"


def test_list_files_apply_to_a_single_word_only(tmp_path: Path) -> None:
    topics = tmp_path / "t.txt"
    topics.write_text("abc")
    # Two words: no file loading at all.
    assert value_of("Topics", [f"file://{topics}", "x"]) == [f"file://{topics}", "x"]
    # One word: the contents replace the list and, not being JSON, are split into characters.
    # That is what the AWS CLI sends; a JSON array file is the form that works.
    assert value_of("Topics", [f"file://{topics}"]) == ["a", "b", "c"]
    assert value_of("Topics", [f"fileb://{topics}"]) == [97, 98, 99]


def test_list_of_structures_from_a_shorthand_file_is_not_wrapped(tmp_path: Path) -> None:
    # The AWS CLI hands botocore a dict here (then: invalid type); reproduced, not fixed.
    sac = tmp_path / "sac.txt"
    sac.write_text("Type=BASIC_AUTH,URI=u")
    assert value_of("SourceAccessConfigurations", [f"file://{sac}"]) == {"Type": "BASIC_AUTH", "URI": "u"}


def test_binary_file_for_a_structure(tmp_path: Path) -> None:
    blob = tmp_path / "b.bin"
    blob.write_bytes(b"MaximumConcurrency=5")
    assert error_of("ScalingConfig", f"fileb://{blob}") == "'in <string>' requires string as left operand, not int"


# ---- list nargs semantics ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([], []),
        ([""], [""]),
        (["a", "b", "c"], ["a", "b", "c"]),
        (['["a", "b"]'], ["a", "b"]),
        (['["a"]', "b"], ['["a"]', "b"]),  # JSON only when it is the only word
        (["[]"], []),
    ],
)
def test_list_of_strings_words(raw: list[str], expected: list[Any]) -> None:
    assert value_of("Topics", raw) == expected


# ---- the AWS CLI's value pipeline as an oracle -------------------------------------------------

_ORACLE = r"""
import copy, json, sys
from awscli.clidriver import create_clidriver
from awscli.argprocess import unpack_argument
from awscli.paramfile import URIArgumentHandler, LOCAL_PREFIX_MAP

def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, bytes):
        return {"__bytes__": v.decode("latin-1")}
    return v

driver = create_clidriver()
session = driver.session
# AWS CLI v2 loads file:// and fileb:// only (v1 would also fetch http(s)://).
session.register("load-cli-arg", URIArgumentHandler(copy.deepcopy(LOCAL_PREFIX_MAP)))
command = driver._get_command_table()["lambda"]._get_command_table()["create-event-source-mapping"]
out = []
for flag, value in json.load(sys.stdin):
    argument = command.arg_table[flag[2:]]
    try:
        value = unpack_argument(session, "lambda", "create-event-source-mapping", argument, value, None)
        params = {}
        argument.add_to_params(params, value)
        out.append({"ok": plain(next(iter(params.values())))})
    except Exception as error:
        out.append({"error": str(error)})
json.dump(out, sys.stdout)
"""


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return {"__bytes__": value.decode("latin-1")}
    return value


def _as_v2(result: dict[str, Any]) -> dict[str, Any]:
    message = result.get("error", "")
    if "Expected: " in message and " for input:\n" in message:
        return {"error": message.replace(" for input:\n", " for input:\n ", 1)}
    return result


def _scalar_words(d: Path) -> list[Any]:
    return ["", " ", "x", "5", " 7 ", "-1", "+3", "1_000", "5.0", "true", "FALSE", "{}", "[1]", '{"a": 1}', "{bad",
            "a=b", f"file://{d}/five.txt", f"fileb://{d}/five.txt", f"file://{d}/nope", f"file://{d}/crlf.txt",
            "http://example.com", f"file://{d}/bin.dat", "file://~/home.txt"]


def _structure_words(d: Path) -> list[Any]:
    return [
        "", " ", "x", "a=b", "a=b,c", "{}", "[]", "[1]", '{"a": 1}', '{"a": [1, 2]}', "{bad", "[bad",
        "MaximumConcurrency=5", "MaximumConcurrency=x", "MaximumConcurrency=[1,2]", "MaximumConcurrency={a=b}",
        "MaximumConcurrency=", "Bogus=1", "Filters={Pattern=x}", "Filters=[{Pattern='{\"a\":[1]}'},{Pattern=p}]",
        'Filters=[{Pattern={"a":1}}]', "Metrics=EventCount", "Metrics=EventCount,ErrorCount", "Metrics={a=b}",
        "Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1:9092,b2:9092]}", "Endpoints={KAFKA_BOOTSTRAP_SERVERS=b1:9092}",
        "k1=v1,k2=v2", "k1=a,b,k2=c", "OnFailure={Destination=arn:x}", "OnFailure={Destination=}",
        "OnFailure=arn:x", "MinimumPollers=1,MaximumPollers=10,PollerGroupName=pg1", "MaximumPollers=abc",
        "ConsumerGroupId=g1,SchemaRegistryConfig={SchemaRegistryURI=https://r,EventRecordFormat=JSON,"
        "AccessConfigs=[{Type=BASIC_AUTH,URI=arn:x}],SchemaValidationConfigs=[{Attribute=KEY},{Attribute=VALUE}]}",
        "SchemaRegistryConfig={AccessConfigs={Type=a}}", "Type=BASIC_AUTH,URI=u", "DatabaseName=db,CollectionName=c",
        f"file://{d}/sc.txt", f"file://{d}/sc.json", f"file://{d}/empty.txt", f"fileb://{d}/sc.txt",
        f"fileb://{d}/empty.txt", f"file://{d}/nope", f"Filters=[{{Pattern@=file://{d}/sc.txt}}]",
        f"Filters=[{{Pattern@=file://{d}/nope}}]", f"MaximumConcurrency@=fileb://{d}/five.txt",
        f"MaximumConcurrency@=file://{d}/five.txt", f"a@=fileb://{d}/five.txt", "file://$HOME/home.txt",
    ]


def _list_words(d: Path) -> list[Any]:
    return [
        [], [""], ["a"], ["a", "b"], ['["a"]'], [' ["a", 1]'], ['["a"]', "b"], ["[bad"], ["Type=A,URI=b", "Type=C"],
        ['{"Type":"x"}', "Type=A"], ["Type=A", '{"Type":"x"}'], ['{"Type":"x"}', '{"Type":"y"}'], ['{"Type":"x"}', ""],
        ["Type=A", "Type=B,Type=C"], ["Type"], ['[{"Type":"x"}]'], ["{}"], ["["], [f"file://{d}/sc.txt"],
        [f"file://{d}/sac.txt"], [f"file://{d}/sac.json"], [f"file://{d}/saco.json"], [f"file://{d}/empty.txt"],
        [f"fileb://{d}/five.txt"], [f"fileb://{d}/empty.txt"], [f"file://{d}/nope"], [f"file://{d}/nope", "x"],
    ]


@pytest.fixture()
def oracle_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {
        "sc.txt": b"MaximumConcurrency=7", "sc.json": b'{"MaximumConcurrency": 7}', "sac.txt": b"Type=BASIC_AUTH,URI=u",
        "sac.json": b'[{"Type":"A"}]', "saco.json": b'{"Type":"A"}', "empty.txt": b"", "bin.dat": b"\xff\xfe",
        "five.txt": b"5\n", "crlf.txt": b"x1\r\ny", "home.txt": b"Type=H",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AWS_CLI_FILE_ENCODING", "utf-8")
    return tmp_path


def test_every_member_matches_the_aws_cli_pipeline(oracle_files: Path) -> None:
    pytest.importorskip("awscli")
    cases: list[tuple[str, str, Any]] = []
    for name, member in MEMBERS.items():
        kind = spec.type_of(member["shape"])
        if kind == "boolean":
            words: list[Any] = [True, False]
        elif kind == "list":
            words = _list_words(oracle_files)
        elif kind in ("structure", "map"):
            words = _structure_words(oracle_files)
        else:
            words = _scalar_words(oracle_files)
        cases += [(name, member["flag"], word) for word in words]
    env = {**os.environ, "AWS_CONFIG_FILE": str(oracle_files / "no-config"),
           "AWS_SHARED_CREDENTIALS_FILE": str(oracle_files / "no-credentials")}
    proc = subprocess.run(
        [sys.executable, "-c", _ORACLE], input=json.dumps([[flag, word] for _, flag, word in cases]),
        capture_output=True, text=True, check=True, env=env,
    )
    mismatches = []
    for (name, flag, word), theirs in zip(cases, json.loads(proc.stdout)):
        try:
            mine: dict[str, Any] = {"ok": _plain(value_of(name, word))}
        except ParamValidationError as error:
            mine = {"error": error.message}
        if mine != _as_v2(theirs):
            mismatches.append((flag, word, mine, theirs))
    assert len(cases) > 800
    assert mismatches == []


# ---- timestamps --------------------------------------------------------------------------------

ACCEPTED_TIMESTAMPS = [
    ("2024-01-02T03:04:05Z", 1704164645.0),
    ("2024-01-02", 1704153600.0),
    ("2024-01-02 03:04:05", 1704164645.0),
    ("2024-01-02T03:04:05+02:00", 1704157445.0),
    ("2024-01-02T03:04:05.9Z", 1704164645.9),
    ("2024-01-02T03:04:05,5Z", 1704164645.5),
    ("2024-01-02T03:04:05.123456789Z", 1704164645.123456),
    ("1704164645", 1704164645.0),
    ("1704164645.9", 1704164645.9),
    ("Tue, 02 Jan 2024 03:04:05 GMT", 1704164645.0),
    ("02 Jan 2024 03:04:05 +0100", 1704161045.0),
    ("Tue, 02 Jan 2024 03:04:05", 1704164645.0),
    ("2024-01-02T03:04", 1704164640.0),
    ("2024-01-02T03", 1704164400.0),
    ("2024-01-02T03:04:05+0200", 1704157445.0),
    ("2024-01-02T03:04:05+02", 1704157445.0),
    ("2024-01-02T03:04:05 +02:00", 1704157445.0),
    ("2024-01-02T03:04:05-00:30", 1704166445.0),
    ("2024-01-02T03:04:05 UTC", 1704164645.0),
    ("2024-01-02T03:04:05GMT", 1704164645.0),
    ("20240102T030405Z", 1704164645.0),
    ("2024-01-02t03:04:05z", 1704164645.0),
    (" 2024-01-02 ", 1704153600.0),
    ("2024-1-2", 1704153600.0),
    ("-1", -1.0),
    ("-1.5", -1.5),
    ("1e9", 1e9),
    ("1_000", 1000.0),
    (" 1704164645 \n", 1704164645.0),
    ("9999-12-31T23:59:59Z", 253402300799.0),
    ("0001-01-01", -62135596800.0),
]
REJECTED_TIMESTAMPS = [
    "garbage", "", "nan", "inf", "0x10", "2024-13-02", "2024-02-30", "2024-01-02T24:00:00", "2024-01-02T23:59:60Z",
    "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+02:00:30", "2024-01-02T03:04:05+24:00", "1e300",
]


@pytest.mark.parametrize(("text", "seconds"), ACCEPTED_TIMESTAMPS)
def test_parse_timestamp(text: str, seconds: float) -> None:
    assert parse_timestamp(text) == pytest.approx(seconds, abs=1e-6)


@pytest.mark.parametrize("text", REJECTED_TIMESTAMPS)
def test_parse_timestamp_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(text)


_BOTOCORE_TIMESTAMPS = r"""
import calendar, json, sys
from botocore.utils import parse_to_aware_datetime
out = []
for text in json.load(sys.stdin):
    try:
        moment = parse_to_aware_datetime(text)
        out.append([calendar.timegm(moment.timetuple()), moment.microsecond])
    except Exception:
        out.append(None)
json.dump(out, sys.stdout)
"""


def test_timestamps_agree_with_botocore() -> None:
    # Every accepted form gives botocore's instant and wire value; every rejected form is one
    # botocore rejects too (dateutil accepts more free-form text than we do: see the module doc).
    pytest.importorskip("botocore")
    texts = [t for t, _ in ACCEPTED_TIMESTAMPS] + REJECTED_TIMESTAMPS
    proc = subprocess.run([sys.executable, "-c", _BOTOCORE_TIMESTAMPS], input=json.dumps(texts),
                          capture_output=True, text=True, check=True)
    for text, theirs in zip(texts, json.loads(proc.stdout)):
        if theirs is None:
            assert text in REJECTED_TIMESTAMPS, text
            continue
        wire = to_wire({"FunctionName": "f", "StartingPositionTimestamp": text}, "CreateEventSourceMappingRequest")
        assert wire["StartingPositionTimestamp"] == theirs[0], text
        assert round(parse_timestamp(text) % 1 * 1_000_000) % 1_000_000 == theirs[1], text


def test_to_wire_truncates_and_keeps_order() -> None:
    request = {"FunctionName": "f", "StartingPositionTimestamp": "1704164645.9", "BatchSize": 5}
    wire = to_wire(request, "CreateEventSourceMappingRequest")
    assert wire == {"FunctionName": "f", "StartingPositionTimestamp": 1704164645, "BatchSize": 5}
    assert list(wire) == list(request)
    assert request["StartingPositionTimestamp"] == "1704164645.9"  # a new dict; the input is untouched
    assert to_wire({"StartingPositionTimestamp": "-1.5"}, "CreateEventSourceMappingRequest") == {
        "StartingPositionTimestamp": -2}  # botocore's timegm floors
    assert to_wire({"UUID": "u"}, "GetEventSourceMappingRequest") == {"UUID": "u"}


def test_to_wire_rejects_an_unparseable_timestamp() -> None:
    with pytest.raises(ParamValidationError) as caught:
        to_wire({"StartingPositionTimestamp": "garbage"}, "CreateEventSourceMappingRequest")
    assert caught.value.message == (
        "Parameter validation failed:\nInvalid type for parameter StartingPositionTimestamp, value: garbage, "
        "type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string"
    )


# ---- end to end against the real `aws` command ---------------------------------------------------

_AWS = Path(sys.executable).with_name("aws")

END_TO_END: list[list[str]] = [
    ["--filter-criteria", 'Filters=[{Pattern={"data":[1]}}]'],
    ["--scaling-config", "MaximumConcurrency=5,MaximumConcurrency=6"],
    ["--batch-size", "abc"],
    ["--scaling-config", '{"MaximumConcurrency": 5'],
    ["--filter-criteria", "file:///nonexistent/esm/pattern.json"],
    ["--source-access-configurations", '{"Type":"x"}', "Type=A,URI=b"],
    ["--scaling-config", "MaximumConcurrency=1", "--batch-size", "0", "--queues", "--tags", "a=b,c",
     "--starting-position-timestamp", "garbage", "--function-response-types"],
]


def _our_stderr_message(argv: list[str]) -> str:
    """What esm reports for ``create-event-source-mapping --function-name f <argv>`` (message only)."""
    by_flag = {m["flag"]: name for name, m in MEMBERS.items()}
    given: dict[str, Any] = {"FunctionName": "f"}
    index = 0
    while index < len(argv):
        name = by_flag[argv[index]]
        words = []
        index += 1
        while index < len(argv) and not argv[index].startswith("--"):
            words.append(argv[index])
            index += 1
        is_list = spec.type_of(MEMBERS[name]["shape"]) == "list"
        given[name] = words if is_list else words[0]
    try:
        # argparse hands values over in argument-table (model) order, and so does the request.
        request = {name: value_of(name, given[name]) for name in MEMBERS if name in given}
        validate_client_side(request, "CreateEventSourceMappingRequest")
    except ParamValidationError as error:
        return error.message
    return ""


@pytest.mark.skipif(not _AWS.exists(), reason="the aws command (awscli) is not installed")
@pytest.mark.parametrize("argv", END_TO_END, ids=[" ".join(a)[:40] for a in END_TO_END])
def test_error_text_matches_the_real_aws_cli(argv: list[str], tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "AWS_ACCESS_KEY_ID": "x",
           "AWS_SECRET_ACCESS_KEY": "x", "AWS_DEFAULT_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "1"}
    # A dead endpoint: every case fails while parsing or validating, before any connection.
    proc = subprocess.run(
        [str(_AWS), "lambda", "create-event-source-mapping", "--function-name", "f", *argv,
         "--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "1"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert proc.returncode == 255 and proc.stdout == ""
    v1_message = proc.stderr.strip("\n")
    assert "Could not connect" not in v1_message
    # v1 -> v2: syntax errors get one space before the echoed input.
    v2_message = v1_message.replace("for input:\n", "for input:\n ", 1) if "Expected: " in v1_message else v1_message
    assert _our_stderr_message(argv) == v2_message


# ---- never a traceback -------------------------------------------------------------------------

_WORD = st.text(max_size=40) | st.sampled_from(
    ["{", "[", "{}", "[]", '{"a": [1, {"b": null}]}', "a=b,c={d=[e]}", "MaximumConcurrency=x", "Filters={Pattern=1}",
     "1e400", "-0", "file://", "fileb://", "file:///nonexistent", "k@=file:///nonexistent", "\U0001f600=1"]
)


@given(member=st.sampled_from(sorted(MEMBERS)), words=st.lists(_WORD, max_size=3), single=_WORD)
@settings(max_examples=400)
def test_any_input_parses_or_is_a_parameter_error(member: str, words: list[str], single: str) -> None:
    kind = spec.type_of(MEMBERS[member]["shape"])
    raw: Any = words if kind == "list" else (single != "" if kind == "boolean" else single)
    try:
        value = value_of(member, raw)
    except ParamValidationError:
        return
    # Whatever parsed must also go through validation and to_wire without anything but our error.
    request = {"FunctionName": "f", member: value}
    try:
        validate_client_side(request, "CreateEventSourceMappingRequest")
    except ParamValidationError:
        return
    to_wire(request, "CreateEventSourceMappingRequest")


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) | st.floats()
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@given(request=st.dictionaries(st.sampled_from(sorted(MEMBERS) + ["Bogus"]), _JSONISH, max_size=6))
@settings(max_examples=400)
def test_any_request_validates_or_is_a_parameter_error(request: dict[str, Any]) -> None:
    try:
        validate_client_side(request, "CreateEventSourceMappingRequest")
    except ParamValidationError as error:
        assert error.message.startswith("Parameter validation failed:\n")
        return
    wire = to_wire(request, "CreateEventSourceMappingRequest")
    assert list(wire) == list(request)

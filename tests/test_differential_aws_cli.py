"""esm against the real ``aws`` command: same command line, same moto server, same output.

Each line runs as ``aws lambda <line> --endpoint-url URL`` (AWS CLI v1 1.46.3, a test
dependency) and as ``esm <line> --backend aws --endpoint-url URL``, both real processes,
from the same starting state (mappings cleared and re-created before each side). Then:

* stdout must be byte-identical once the UUIDs each side created are put in place of one
  another (both print timestamps as on the wire: ``cli_timestamp_format = wire``, v1's
  default, is set in the shared AWS config file);
* the exit codes must correspond: v1 exits 0, 2 or 255 where v2, and so esm, exits 0,
  252, 253, 254 or 255 (``EXIT_CODES``, after docs/aws-cli-behaviour.md#exit-codes);
* stderr is compared too where v1 and v2 print the same text: esm runs with
  ``AWS_CLI_ERROR_FORMAT=legacy`` so that, once its ``esm: [ERROR]: `` prefix is removed,
  a service error, a validation failure or a bad query reads exactly like v1's. Where the
  versions word things differently (usage blocks, the pagination-conflict prefix, v2's
  extra space under a shorthand error, "aws login"), the line names the message both must
  contain.

Known, deliberate differences are not lines here: esm checks an update against the stored
mapping first (an extra GET), and rejects rule violations before sending.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import clean_env
from contract.httpstub import paged_service, running_stub
from support import motoserver

AWS_BIN = Path(sys.executable).with_name("aws")
AWS = str(AWS_BIN) if AWS_BIN.exists() else shutil.which("aws")
pytestmark = pytest.mark.skipif(AWS is None, reason="the awscli test dependency is not installed")

ESM = [sys.executable, "-m", "esm_cli"]
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
EPOCH_RE = re.compile(r"(?<![\w.])1[6-9]\d{8}\.\d+(?![\w.])")  # LastModified as moto sends it
UNKNOWN = "00000000-0000-0000-0000-000000000000"
PREFIX = "esm: [ERROR]: "

# docs/aws-cli-behaviour.md#exit-codes: (v1 exit code, v2 exit code) for each kind of outcome. esm follows v2.
EXIT_CODES: dict[str, tuple[int, int]] = {
    "ok": (0, 0),
    "usage": (2, 252),  # argparse: missing required flag, bad choice, bad --max-items
    "unknown-option": (255, 252),
    "parse-error": (255, 252),  # Error parsing parameter …
    "param-validation": (255, 252),  # botocore's "Parameter validation failed:"
    "bad-query": (255, 252),
    "paginate-conflict": (255, 252),
    "no-region": (255, 253),
    "no-credentials": (255, 253),
    "service": (255, 254),
    "general": (255, 255),  # unknown profile, connection failures
}


@dataclass
class Line:
    """One command line, run through both CLIs."""

    id: str
    argv: list[str]
    outcome: str = "ok"
    setup: str = "three"  # which mappings exist first: "none" or "three"
    stderr: str | None = "same"  # "same", or a message both must print (v1 bare, esm after its prefix)
    env: dict[str, str] = field(default_factory=dict)
    endpoint: bool = True  # append --endpoint-url (False when the line names its own)


SQS_FILTER = "Filters=[{Pattern='{\"body\":{\"a\":[\"x\"]}}'}]"
LINES = [
    # -- create: shorthand, JSON, file:// and input files
    Line("create-sqs", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--batch-size", "5"], setup="none"),
    Line(
        "create-sqs-json",
        ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--scaling-config", '{"MaximumConcurrency": 5}', "--maximum-batching-window-in-seconds", "1"],
        setup="none",
    ),
    Line(
        "create-sqs-shorthand",
        ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--scaling-config", "MaximumConcurrency=5", "--filter-criteria", SQS_FILTER],
        setup="none",
    ),
    Line(
        "create-kinesis-shorthand",
        [
            "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<kinesis>",
            "--starting-position", "TRIM_HORIZON", "--batch-size", "50", "--maximum-retry-attempts", "3",
            "--bisect-batch-on-function-error", "--destination-config", "OnFailure={Destination=<dlq>}",
            "--parallelization-factor", "2", "--function-response-types", "ReportBatchItemFailures",
            "--maximum-record-age-in-seconds", "3600", "--tumbling-window-in-seconds", "60",
        ],
        setup="none",
    ),
    Line(
        "create-dynamodb-json",
        ["create-event-source-mapping", "--function-name", "fn2", "--event-source-arn", "<ddb>", "--starting-position", "LATEST", "--destination-config", '{"OnFailure": {"Destination": "<dlq>"}}'],
        setup="none",
    ),
    Line("create-fifo", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<fifo>", "--batch-size", "10", "--no-enabled"], setup="none"),
    Line("create-file-value", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--filter-criteria", "file://<dir>/filter.json"], setup="none"),
    Line("create-cli-input-json", ["create-event-source-mapping", "--cli-input-json", "file://<dir>/input.json"], setup="none"),
    Line("create-tags", ["create-event-source-mapping", "--function-name", "fn3", "--event-source-arn", "<q2>", "--tags", "team=payments,env=ci"], setup="none"),
    Line("create-query-text", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--query", "[UUID,State]", "--output", "text"], setup="none"),
    # -- get
    Line("get", ["get-event-source-mapping", "--uuid", "<u1>"]),
    Line("get-query", ["get-event-source-mapping", "--uuid", "<u1>", "--query", "State"]),
    Line("get-text", ["get-event-source-mapping", "--uuid", "<u1>", "--output", "text"]),
    Line("get-table", ["get-event-source-mapping", "--uuid", "<u1>", "--output", "table"]),
    Line("get-query-text", ["get-event-source-mapping", "--uuid", "<u1>", "--query", "[UUID,State,BatchSize]", "--output", "text"]),
    Line("get-skeleton", ["get-event-source-mapping", "--generate-cli-skeleton"], setup="none"),
    # -- list and paging
    Line("list", ["list-event-source-mappings"]),
    Line("list-by-function", ["list-event-source-mappings", "--function-name", "fn1"]),
    Line("list-by-source", ["list-event-source-mappings", "--event-source-arn", "<q1>"]),
    Line("list-by-both", ["list-event-source-mappings", "--function-name", "fn2", "--event-source-arn", "<q1>"]),
    Line("list-nothing", ["list-event-source-mappings", "--function-name", "fn3"]),
    Line("list-text", ["list-event-source-mappings", "--output", "text"]),
    Line("list-table", ["list-event-source-mappings", "--output", "table", "--query", "EventSourceMappings[].{B:BatchSize,F:FunctionArn}"]),
    Line("list-query-text", ["list-event-source-mappings", "--query", "EventSourceMappings[].UUID", "--output", "text"]),
    Line("list-max-items", ["list-event-source-mappings", "--max-items", "1"]),
    Line("list-max-items-text", ["list-event-source-mappings", "--max-items", "2", "--output", "text"]),
    Line("list-max-items-query", ["list-event-source-mappings", "--max-items", "1", "--query", "{U:EventSourceMappings[].UUID,T:NextToken}"]),
    Line("list-starting-token", ["list-event-source-mappings", "--starting-token", "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="]),
    Line("list-page-size", ["list-event-source-mappings", "--page-size", "1"]),
    Line("list-no-paginate", ["list-event-source-mappings", "--no-paginate", "--max-items", "1"]),
    Line("list-max-items-zero", ["list-event-source-mappings", "--max-items", "0"], stderr="warning: Non-positive values for --max-items may result in undefined behavior."),
    # -- update and delete
    Line("update-batch-size", ["update-event-source-mapping", "--uuid", "<u1>", "--batch-size", "8"]),
    Line("update-disable", ["update-event-source-mapping", "--uuid", "<u1>", "--no-enabled", "--maximum-batching-window-in-seconds", "3"]),
    Line("delete", ["delete-event-source-mapping", "--uuid", "<u1>"]),
    Line("delete-unknown", ["delete-event-source-mapping", "--uuid", UNKNOWN]),  # moto: 200 {} → nothing printed
    # -- service errors
    Line("get-unknown", ["get-event-source-mapping", "--uuid", UNKNOWN], "service"),
    Line("create-unknown-function", ["create-event-source-mapping", "--function-name", "nosuchfn", "--event-source-arn", "<q1>"], "service", setup="none"),
    Line("create-unknown-queue", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:nosuch"], "service", setup="none"),
    # -- client-side failures
    Line("get-short-uuid", ["get-event-source-mapping", "--uuid", "short"], "param-validation"),
    Line("create-batch-size-zero", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--batch-size", "0"], "param-validation"),
    Line(
        "create-two-violations",
        ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--scaling-config", "MaximumConcurrency=1", "--maximum-retry-attempts", "-2"],
        "param-validation",
    ),
    Line("create-unknown-member", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--scaling-config", "Bogus=1"], "param-validation"),
    Line("create-bad-json", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--scaling-config", '{"MaximumConcurrency": 5'], "parse-error"),
    Line(
        "create-bad-shorthand",
        ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--filter-criteria", 'Filters=[{Pattern={"data":[1]}}]'],
        "parse-error",
        stderr="Error parsing parameter '--filter-criteria': Expected: '=', received: '\"' for input:",
    ),
    Line("create-missing-file", ["create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", "<q1>", "--filter-criteria", "file://<dir>/nope.json"], "parse-error"),
    Line("get-missing-uuid", ["get-event-source-mapping"], "usage", stderr="the following arguments are required: --uuid"),
    Line("create-missing-function", ["create-event-source-mapping", "--event-source-arn", "<q1>"], "usage", stderr="the following arguments are required: --function-name"),
    Line("list-bad-max-items", ["list-event-source-mappings", "--max-items", "abc"], "usage", stderr="argument --max-items: invalid int value: 'abc'"),
    Line("get-unknown-option", ["get-event-source-mapping", "--uuid", "<u1>", "--bogus"], "unknown-option", stderr="Unknown options: --bogus"),
    Line("list-bad-query", ["list-event-source-mappings", "--query", "EventSourceMappings[.UUID"], "bad-query"),
    Line(
        "list-paginate-conflict",
        ["list-event-source-mappings", "--no-paginate", "--page-size", "1"],
        "paginate-conflict",
        stderr="Cannot specify --no-paginate along with pagination arguments: --page-size",
    ),
    # -- configuration and connection
    Line("no-region", ["list-event-source-mappings"], "no-region", env={"AWS_DEFAULT_REGION": ""}, stderr='You must specify a region. You can also configure your region by running "aws configure".'),
    Line("no-credentials", ["list-event-source-mappings"], "no-credentials", env={"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}, stderr="Unable to locate credentials. You can configure credentials by running"),
    Line(
        "no-sign-request",  # moto routes unsigned requests to its S3 backend (docs/aws-cli-behaviour.md#moto)
        ["list-event-source-mappings", "--no-sign-request"],
        "service",
        stderr='An error occurred (404) when calling the ListEventSourceMappings operation: <?xml version="1.0" encoding="utf-8"?>',
    ),
    Line("unknown-profile", ["list-event-source-mappings", "--profile", "nope"], "general"),
    Line("unreachable", ["get-event-source-mapping", "--uuid", UNKNOWN, "--endpoint-url", "<nowhere>"], "general", env={"AWS_MAX_ATTEMPTS": "1"}, endpoint=False),
]


# -- running both sides ---------------------------------------------------------------------------


@dataclass
class Run:
    rc: int
    stdout: str
    stderr: str


@dataclass
class World:
    """The moto server, the files lines refer to, and the environment both CLIs run in."""

    server: motoserver.MotoServer
    dir: Path
    env: dict[str, str]
    nowhere: str

    def clear(self) -> None:
        lam = self.server.client("lambda")
        for item in lam.list_event_source_mappings()["EventSourceMappings"]:
            lam.delete_event_source_mapping(UUID=item["UUID"])

    def setup(self, kind: str) -> list[str]:
        """Fresh mappings: fn1→q1 (batch 5), fn2→q1, fn1→q2; their UUIDs."""
        self.clear()
        if kind == "none":
            return []
        lam, queues = self.server.client("lambda"), self.server.resources["queues"]
        plan = [("fn1", queues["q1"], {"BatchSize": 5}), ("fn2", queues["q1"], {}), ("fn1", queues["q2"], {})]
        return [lam.create_event_source_mapping(FunctionName=f, EventSourceArn=q, **extra)["UUID"] for f, q, extra in plan]

    def argv(self, line: Line, uuids: list[str]) -> list[str]:
        names = {
            "<q1>": self.server.resources["queues"]["q1"],
            "<q2>": self.server.resources["queues"]["q2"],
            "<dlq>": self.server.resources["queues"]["dlq"],
            "<fifo>": self.server.resources["queues"]["q1.fifo"],
            "<kinesis>": self.server.resources["stream"],
            "<ddb>": self.server.resources["table_stream"],
            "<dir>": str(self.dir),
            "<nowhere>": self.nowhere,
            **{f"<u{i + 1}>": uuid for i, uuid in enumerate(uuids)},
        }
        out = []
        for arg in line.argv:
            for name, value in names.items():
                arg = arg.replace(name, value)
            out.append(arg)
        return out

    def run(self, argv: list[str], extra_env: dict[str, str]) -> Run:
        env = {k: v for k, v in {**self.env, **extra_env}.items() if v != ""}
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, cwd=self.dir)
        return Run(done.returncode, done.stdout, done.stderr)

    def aws(self, args: list[str], env: dict[str, str] | None = None, endpoint: bool = True) -> Run:
        tail = ["--endpoint-url", self.server.url] if endpoint else []
        return self.run([AWS, "lambda", *args, *tail], env or {})  # type: ignore[list-item]

    def esm(self, args: list[str], env: dict[str, str] | None = None, endpoint: bool = True) -> Run:
        tail = ["--endpoint-url", self.server.url] if endpoint else []
        return self.run([*ESM, *args, "--backend", "aws", *tail], {"AWS_CLI_ERROR_FORMAT": "legacy", **(env or {})})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    base = tmp_path_factory.mktemp("differential")
    server = motoserver.start(base)
    queues = server.resources["queues"]
    (base / "filter.json").write_text('{"Filters": [{"Pattern": "{\\"body\\": {\\"b\\": [2]}}"}]}', encoding="utf-8")
    (base / "input.json").write_text(json.dumps({"FunctionName": "fn2", "EventSourceArn": queues["q1"], "BatchSize": 3}), encoding="utf-8")
    config = base / "config"
    # v1 prints timestamps as on the wire; esm (like v2) does so with this setting.
    config.write_text("[default]\ncli_timestamp_format = wire\n", encoding="utf-8")
    env = clean_env(base, **motoserver.DUMMY_CREDENTIALS, AWS_DEFAULT_REGION=motoserver.REGION, AWS_CONFIG_FILE=str(config))
    env["AWS_EC2_METADATA_DISABLED"] = "true"  # no credentials must mean none, not a probe of 169.254.169.254
    try:
        yield World(server, base, env, f"http://127.0.0.1:{motoserver.free_port()}")
    finally:
        server.stop()


def normalise(text: str, uuids: list[str]) -> str:
    """Name each UUID by its role and each timestamp by its place, so the two sides compare equal."""
    for i, uuid in enumerate(uuids):
        text = text.replace(uuid, f"<uuid-{i + 1}------------------------>")  # same length: tables keep their widths
    text = UUID_RE.sub("<uuid-new---------------------------->", text)
    return EPOCH_RE.sub(lambda m: "<time>".ljust(len(m.group()), "-"), text)


def instants(text: str) -> list[float]:
    return [float(m.group()) for m in EPOCH_RE.finditer(text)]


def assert_same_instants(ours: str, theirs: str) -> None:
    """Timestamps (as on the wire) at the same places, a few seconds apart at most (two runs)."""
    mine, yours = instants(ours), instants(theirs)
    assert len(mine) == len(yours)
    assert all(abs(a - b) < 30 for a, b in zip(mine, yours)), (mine, yours)


def without_prefix(stderr: str) -> str:
    return stderr.replace(PREFIX, "")


# -- the lines ------------------------------------------------------------------------------------------


def test_there_are_enough_lines_covering_every_command() -> None:
    assert len(LINES) >= 25
    commands = {line.argv[0] for line in LINES}
    assert commands == {f"{verb}-event-source-mapping" for verb in ("create", "update", "get", "delete")} | {"list-event-source-mappings"}
    assert set(EXIT_CODES) == {line.outcome for line in LINES}


@pytest.mark.parametrize("line", LINES, ids=[line.id for line in LINES])
def test_same_output_as_the_aws_cli(world: World, line: Line) -> None:
    uuids = world.setup(line.setup)
    theirs = world.aws(world.argv(line, uuids), line.env, line.endpoint)
    their_uuids = uuids
    uuids = world.setup(line.setup)
    ours = world.esm(world.argv(line, uuids), line.env, line.endpoint)

    v1, v2 = EXIT_CODES[line.outcome]
    assert (theirs.rc, ours.rc) == (v1, v2), (theirs.stderr, ours.stderr)
    assert normalise(ours.stdout, uuids) == normalise(theirs.stdout, their_uuids)
    assert_same_instants(ours.stdout, theirs.stdout)
    if line.outcome != "ok":
        assert ours.stdout == ""
    if line.stderr == "same":
        assert normalise(without_prefix(ours.stderr), uuids) == normalise(theirs.stderr, their_uuids)
    elif line.stderr is not None:
        assert line.stderr in theirs.stderr
        assert line.stderr in ours.stderr
        if line.outcome != "ok":  # on esm's error line (v2 may add its "An error occurred (…): " wrapper)
            assert any(text.startswith(PREFIX) and line.stderr in text for text in ours.stderr.splitlines())


# -- resume tokens cross over -----------------------------------------------------------------------------


def _uuids(run: Run) -> list[str]:
    assert run.rc == 0, run.stderr
    return [m["UUID"] for m in json.loads(run.stdout)["EventSourceMappings"]]


def test_a_next_token_printed_by_either_cli_is_accepted_by_the_other_on_moto(world: World) -> None:
    uuids = world.setup("three")
    for first, second in ((world.esm, world.aws), (world.aws, world.esm)):
        head = first(["list-event-source-mappings", "--max-items", "1"])
        token = json.loads(head.stdout)["NextToken"]
        # moto never pages, so the token is the truncation form: no marker, one item shown.
        assert json.loads(base64.b64decode(token)) == {"Marker": None, "boto_truncate_amount": 1}
        tail = second(["list-event-source-mappings", "--starting-token", token])
        assert _uuids(head) + _uuids(tail) == uuids
        assert tail.stdout == first(["list-event-source-mappings", "--starting-token", token]).stdout


def _mapping(i: int) -> dict[str, Any]:
    return {
        "UUID": f"6d9b3a8e-0000-4000-8000-{i:012d}",
        "BatchSize": 10,
        "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q1",
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn1",
        "LastModified": 1569284520.333,
        "State": "Enabled",
        "StateTransitionReason": "USER_INITIATED",
    }


@pytest.mark.parametrize("max_items", ["1", "2", "3"])
def test_tokens_cross_over_on_a_service_that_really_pages(world: World, max_items: str) -> None:
    """moto cannot page (docs/aws-cli-behaviour.md#moto); a stub that honours MaxItems and Marker can.

    With 7 items served 2 per page, --max-items 1 or 3 stops inside a page (a token with a
    real Marker and boto_truncate_amount) and --max-items 2 on a page boundary (a bare Marker).
    """
    expected = [_mapping(i)["UUID"] for i in range(7)]
    with running_stub() as stub:
        stub.responder = paged_service([_mapping(i) for i in range(7)], 2)
        env = {"AWS_ENDPOINT_URL": stub.url}

        def esm(*args: str) -> Run:
            return world.run([*ESM, "list-event-source-mappings", *args], env)

        def aws(*args: str) -> Run:
            return world.run([AWS, "lambda", "list-event-source-mappings", *args], env)  # type: ignore[list-item]

        for first, second in ((esm, aws), (aws, esm)):
            head = first("--max-items", max_items)
            assert head.stdout == second("--max-items", max_items).stdout  # the same token, byte for byte
            token = json.loads(head.stdout)["NextToken"]
            seen = _uuids(head)
            while token:
                page = second("--max-items", max_items, "--starting-token", token)
                assert page.stdout == first("--max-items", max_items, "--starting-token", token).stdout
                seen += _uuids(page)
                token = json.loads(page.stdout).get("NextToken")
            assert seen == expected


# -- what moto prevents ------------------------------------------------------------------------------------


def test_moto_ignores_page_size_so_page_size_is_compared_on_output_only(world: World) -> None:
    # Documented here rather than hidden: with moto one call returns everything whatever
    # --page-size says; the stub test above is where page-by-page behaviour is compared.
    uuids = world.setup("three")
    assert _uuids(world.esm(["list-event-source-mappings", "--no-paginate", "--max-items", "1"])) == uuids
    assert _uuids(world.aws(["list-event-source-mappings", "--no-paginate", "--max-items", "1"])) == uuids


"""The aws backend on its own: configuration, errors, retries, paging, --debug, imports.

Most scenarios talk to a recording HTTP stub on 127.0.0.1 (tests/contract/httpstub.py)
rather than to moto, because they need answers moto cannot give: throttling, 5xx, unparseable bodies,
slow responses, real ``NextMarker`` pages, and a look at the exact request sent (headers,
signing scope, body). Nothing here leaves the machine; credentials are dummies and the
AWS config files are private temp files.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from conftest import REPO, Esm, clean_env
from contract.httpstub import Recorded, Reply, Stub, paged_service, running_stub

UUID = "6d9b3a8e-0000-4000-8000-000000000001"
UNKNOWN = "00000000-0000-0000-0000-000000000000"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:q1"
FIFO = "arn:aws:sqs:us-east-1:123456789012:q1.fifo"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLEKEY1234", "AWS_SECRET_ACCESS_KEY": "s3cr3t/Example+Key"}


def mapping(uuid: str = UUID, **extra: Any) -> dict[str, Any]:
    """An EventSourceMappingConfiguration as Lambda sends it (LastModified in ms epoch)."""
    return {
        "UUID": uuid,
        "BatchSize": 10,
        "EventSourceArn": QUEUE,
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn1",
        "LastModified": 1569284520.333,
        "State": "Enabled",
        "StateTransitionReason": "USER_INITIATED",
        **extra,
    }


@pytest.fixture
def stub() -> Iterator[Stub]:
    with running_stub(default=mapping()) as stub:
        yield stub


def paged(count: int, page: int) -> Callable[[Recorded], Reply]:
    return paged_service([mapping(f"6d9b3a8e-0000-4000-8000-{i:012d}") for i in range(count)], page)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore sleeps between retries (up to seconds); the count of attempts is what matters here."""
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda seconds: None)


def aws(tmp_path: Path, stub: Stub | None = None, **extra: str) -> Esm:
    """esm on the aws backend, pointed at ``stub`` through AWS_ENDPOINT_URL, with dummy credentials."""
    env = clean_env(tmp_path, ESM_BACKEND="aws", AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true", **CREDENTIALS)
    if stub is not None:
        env["AWS_ENDPOINT_URL"] = stub.url
    env.update(extra)
    return Esm({k: v for k, v in env.items() if v != ""})


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def scope(request: Recorded) -> list[str]:
    """The SigV4 credential scope: [access key id, date, region, service, 'aws4_request']."""
    match = re.search(r"Credential=([^,]+),", request.headers["Authorization"])
    assert match, request.headers
    return match.group(1).split("/")


# -- imports ----------------------------------------------------------------------------------------


PROBE = """
import io, sys
from esm_cli.boundary import run
rc = run(sys.argv[1:], stdout=io.StringIO(), stderr=io.StringIO())
print(rc, "botocore" in sys.modules, "boto3" in sys.modules)
"""


def _probe(env: dict[str, str], *argv: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_local_run_never_imports_boto3_or_botocore(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert _probe(env, "create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", QUEUE) == "0 False False"
    assert _probe(env, "list-event-source-mappings") == "0 False False"


def test_the_aws_backend_uses_botocore_without_boto3(tmp_path: Path, stub: Stub) -> None:
    env = {**clean_env(tmp_path, AWS_DEFAULT_REGION="us-east-1", **CREDENTIALS), "AWS_ENDPOINT_URL": stub.url}
    assert _probe(env, "get-event-source-mapping", "--uuid", UUID) == "0 True False"


# -- the five operations on the wire ---------------------------------------------------------------


def test_each_command_is_one_request_in_the_model_s_shape(tmp_path: Path, stub: Stub) -> None:
    esm = aws(tmp_path, stub)
    esm.ok(
        "create-event-source-mapping",
        "--batch-size", "5",
        "--function-name", "fn1",
        "--event-source-arn", QUEUE,
        "--scaling-config", "MaximumConcurrency=5",
    )
    esm.ok("get-event-source-mapping", "--uuid", UUID)
    esm.ok("delete-event-source-mapping", "--uuid", UUID)
    esm.ok("list-event-source-mappings", "--function-name", "fn1")
    create, get, delete, listing = stub.requests
    assert (create.method, create.path) == ("POST", "/2015-03-31/event-source-mappings")
    # Body keys in model order, not command-line order (docs/aws-cli-behaviour.md#what-is-sent).
    assert create.body == b'{"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q1", "FunctionName": "fn1", "BatchSize": 5, "ScalingConfig": {"MaximumConcurrency": 5}}'
    assert (get.method, get.path) == ("GET", f"/2015-03-31/event-source-mappings/{UUID}")
    assert (delete.method, delete.path) == ("DELETE", f"/2015-03-31/event-source-mappings/{UUID}")
    assert (listing.method, listing.path, listing.query) == ("GET", "/2015-03-31/event-source-mappings", {"FunctionName": ["fn1"]})
    assert "esm-cli/" in create.headers["User-Agent"]


def test_update_reads_the_mapping_then_sends_only_the_changes(tmp_path: Path, stub: Stub) -> None:
    aws(tmp_path, stub).ok("update-event-source-mapping", "--uuid", UUID, "--batch-size", "7", "--no-enabled")
    read, update = stub.requests  # the rules check the merged configuration first
    assert (read.method, update.method, update.path) == ("GET", "PUT", f"/2015-03-31/event-source-mappings/{UUID}")
    assert update.json() == {"Enabled": False, "BatchSize": 7}


def test_timestamps_go_out_as_epoch_seconds(tmp_path: Path, stub: Stub) -> None:
    aws(tmp_path, stub).ok(
        "create-event-source-mapping",
        "--function-name", "fn1",
        "--event-source-arn", "arn:aws:kinesis:us-east-1:123456789012:stream/s1",
        "--starting-position", "AT_TIMESTAMP",
        "--starting-position-timestamp", "2024-01-02T03:04:05Z",
    )
    assert stub.requests[0].json()["StartingPositionTimestamp"] == 1704164645


def test_no_validate_skips_the_rules_and_lets_the_service_decide(tmp_path: Path, stub: Stub) -> None:
    argv = ("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", FIFO, "--batch-size", "11")
    esm = aws(tmp_path, stub)
    assert esm(*argv).rc == 254 and stub.requests == []
    esm.ok(*argv, "--no-validate")
    assert stub.requests[0].json()["BatchSize"] == 11


@pytest.mark.parametrize(
    "config, expected",
    [("", '"LastModified": "2019-09-24T00:22:00.333000+00:00"'), ("cli_timestamp_format = wire\n", '"LastModified": 1569284520.333')],
)
def test_timestamps_arrive_as_on_the_wire_and_print_per_cli_timestamp_format(
    tmp_path: Path, stub: Stub, config: str, expected: str
) -> None:
    cfg = write(tmp_path / "config", f"[default]\n{config}")
    result = aws(tmp_path, stub, AWS_CONFIG_FILE=cfg)("get-event-source-mapping", "--uuid", UUID)
    assert expected in result.stdout


# -- listing ----------------------------------------------------------------------------------------


def test_list_page_is_exactly_one_call(tmp_path: Path, stub: Stub) -> None:
    from esm_cli.backends.aws import AwsBackend
    from esm_cli.settings import resolve

    stub.responder = paged(5, 2)
    env = clean_env(tmp_path, AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL=stub.url, **CREDENTIALS)
    backend = AwsBackend(resolve({"backend": "aws"}, env))
    page = backend.list_page({"FunctionName": "fn1", "MaxItems": 2})
    assert len(stub.requests) == 1 and stub.requests[0].query == {"FunctionName": ["fn1"], "MaxItems": ["2"]}
    assert len(page["EventSourceMappings"]) == 2 and page["NextMarker"] == base64.b64encode(b"2").decode()
    assert "ResponseMetadata" not in page


def botocore_listing(url: str, **config: Any) -> dict[str, Any]:
    """What botocore's own paginator (the AWS CLI's) makes of the same service."""
    import botocore.session

    session = botocore.session.Session()
    session.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=lambda value: value)
    client = session.create_client(
        "lambda", region_name="us-east-1", endpoint_url=url, aws_access_key_id="x", aws_secret_access_key="x"
    )
    return client.get_paginator("list_event_source_mappings").paginate(PaginationConfig=config).build_full_result()


@pytest.mark.parametrize(
    "flags, config",
    [
        ((), {}),
        (("--max-items", "3"), {"MaxItems": 3}),
        (("--max-items", "4"), {"MaxItems": 4}),
        (("--max-items", "3", "--page-size", "1"), {"MaxItems": 3, "PageSize": 1}),
        (("--page-size", "3"), {"PageSize": 3}),
    ],
)
def test_pages_are_merged_and_tokens_match_botocore_s_paginator(
    tmp_path: Path, stub: Stub, flags: tuple[str, ...], config: dict[str, Any]
) -> None:
    stub.responder = paged(7, 2)
    cfg = write(tmp_path / "config", "[default]\ncli_timestamp_format = wire\n")
    ours = aws(tmp_path, stub, AWS_CONFIG_FILE=cfg).ok("list-event-source-mappings", *flags)
    ours_calls = [r.query for r in stub.requests]
    stub.requests.clear()
    theirs = botocore_listing(stub.url, **config)
    assert ours == theirs
    assert ours_calls == [r.query for r in stub.requests]
    if "NextToken" in ours:  # and resuming from it gives the rest, as botocore would
        rest = aws(tmp_path, stub, AWS_CONFIG_FILE=cfg).ok("list-event-source-mappings", "--starting-token", ours["NextToken"])
        assert [m["UUID"] for m in ours["EventSourceMappings"] + rest["EventSourceMappings"]] == [
            f"6d9b3a8e-0000-4000-8000-{i:012d}" for i in range(7)
        ]


def test_no_paginate_shows_the_page_as_it_came(tmp_path: Path, stub: Stub) -> None:
    stub.responder = paged(7, 2)
    page = aws(tmp_path, stub).ok("list-event-source-mappings", "--no-paginate")
    assert len(stub.requests) == 1 and len(page["EventSourceMappings"]) == 2 and "NextMarker" in page


# -- service errors -----------------------------------------------------------------------------------


def test_a_service_error_is_printed_as_aws_cli_v2_does(tmp_path: Path, stub: Stub) -> None:
    stub.error(404, "ResourceNotFoundException", {"Type": "User", "Message": "The resource you requested does not exist."})
    result = aws(tmp_path, stub)("get-event-source-mapping", "--uuid", UNKNOWN)
    assert (result.rc, result.stdout) == (254, "")
    assert result.stderr == (
        "\nesm: [ERROR]: An error occurred (ResourceNotFoundException) when calling the GetEventSourceMapping "
        "operation: The resource you requested does not exist.\n\nAdditional error details:\nType: User\n"
    )
    assert len(stub.requests) == 1  # a 404 is not retried


def test_modeled_error_members_become_the_details() -> None:
    from esm_cli.backends.aws import service_error

    error = service_error(
        {
            "Error": {"Code": "TooManyRequestsException", "Message": "Rate exceeded"},
            "ResponseMetadata": {"RetryAttempts": 2, "MaxAttemptsReached": True},
            "retryAfterSeconds": "3",
            "Type": "User",
            "message": "Rate exceeded",
            "Reason": "CallerRateLimitExceeded",
        },
        "ListEventSourceMappings",
    )
    assert (error.code, error.message, error.operation, error.retries) == (
        "TooManyRequestsException",
        "Rate exceeded",
        "ListEventSourceMappings",
        2,
    )
    assert error.details == {"retryAfterSeconds": "3", "Type": "User", "Reason": "CallerRateLimitExceeded"}
    assert int(error.exit_code) == 254


def test_throttling_is_retried_three_times_then_reported_with_the_retry_note(tmp_path: Path, stub: Stub) -> None:
    body = {"Type": "User", "message": "Rate exceeded", "Reason": "CallerRateLimitExceeded"}
    stub.error(429, "TooManyRequestsException", body, times=5, **{"Retry-After": "3"})
    result = aws(tmp_path, stub)("list-event-source-mappings")
    assert len(stub.requests) == 3  # standard mode: 3 attempts
    assert result.rc == 254
    assert result.stderr.startswith(
        "\nesm: [ERROR]: An error occurred (TooManyRequestsException) when calling the ListEventSourceMappings "
        "operation (reached max retries: 2): Rate exceeded\n\nAdditional error details:\n"
    )
    assert "Type: User\n" in result.stderr and "Reason: CallerRateLimitExceeded\n" in result.stderr


def test_a_retried_request_that_then_succeeds_prints_only_the_result(tmp_path: Path, stub: Stub) -> None:
    stub.error(500, "ServiceException", {"Type": "Service", "Message": "boom"}, times=2)
    result = aws(tmp_path, stub)("get-event-source-mapping", "--uuid", UUID)
    assert (result.rc, result.stderr, len(stub.requests)) == (0, "", 3)


@pytest.mark.parametrize(
    "env, config, attempts",
    [
        ({}, "", 3),  # AWS CLI v2's default: standard mode, 3 attempts
        ({"AWS_MAX_ATTEMPTS": "2"}, "", 2),
        ({}, "max_attempts = 4\n", 4),
        ({"AWS_RETRY_MODE": "legacy"}, "", 5),  # legacy's own default
        ({}, "retry_mode = legacy\nmax_attempts = 2\n", 2),
        ({"AWS_MAX_ATTEMPTS": "1"}, "", 1),
    ],
)
def test_retry_mode_and_attempts_follow_env_and_config(
    tmp_path: Path, stub: Stub, env: dict[str, str], config: str, attempts: int
) -> None:
    stub.error(503, "ServiceException", {"Type": "Service", "Message": "unavailable"}, times=10)
    cfg = write(tmp_path / "config", f"[default]\n{config}")
    result = aws(tmp_path, stub, AWS_CONFIG_FILE=cfg, **env)("get-event-source-mapping", "--uuid", UUID)
    assert result.rc == 254 and len(stub.requests) == attempts
    assert f"(reached max retries: {attempts - 1})" in result.stderr or attempts == 1


def test_an_unparseable_error_body_is_shown_raw_with_the_status_as_code(tmp_path: Path, stub: Stub) -> None:
    stub.reply(400, b"<html>this is not json</html>", {"Content-Type": "text/html"})
    result = aws(tmp_path, stub)("get-event-source-mapping", "--uuid", UUID)
    assert (result.rc, result.stdout) == (254, "")
    assert result.stderr == (
        "\nesm: [ERROR]: An error occurred (400) when calling the GetEventSourceMapping operation: "
        "<html>this is not json</html>\n"
    )


def test_a_bare_gateway_error_uses_the_status_and_its_reason(tmp_path: Path, stub: Stub) -> None:
    stub.reply(502, b"", {"Content-Type": "text/html"}, times=3)
    result = aws(tmp_path, stub)("get-event-source-mapping", "--uuid", UUID)
    assert result.rc == 254 and len(stub.requests) == 3
    assert result.stderr == (
        "\nesm: [ERROR]: An error occurred (502) when calling the GetEventSourceMapping operation "
        "(reached max retries: 2): Bad Gateway\n"
    )


# -- configuration errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unset", "stderr"),
    [
        pytest.param(
            {"AWS_DEFAULT_REGION": ""},
            "\nesm: [ERROR]: An error occurred (NoRegion): You must specify a region. "
            'You can also configure your region by running "aws configure".\n',
            id="no-region",
        ),
        pytest.param(
            {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""},
            "\nesm: [ERROR]: An error occurred (NoCredentials): Unable to locate credentials. "
            'You can configure credentials by running "aws login".\n',
            id="no-credentials",
        ),
    ],
)
def test_missing_configuration_is_253_before_any_request(
    tmp_path: Path, stub: Stub, unset: dict[str, str], stderr: str
) -> None:
    result = aws(tmp_path, stub, **unset)("get-event-source-mapping", "--uuid", UUID)
    assert (result.rc, result.stdout) == (253, "")
    assert result.stderr == stderr
    assert stub.requests == []


def test_unknown_profile(tmp_path: Path, stub: Stub) -> None:
    result = aws(tmp_path, stub)("get-event-source-mapping", "--uuid", UUID, "--profile", "nope")
    assert (result.rc, result.stdout, result.stderr) == (255, "", "\nesm: [ERROR]: The config profile (nope) could not be found\n")


def test_unreachable_endpoint(tmp_path: Path) -> None:
    from support.motoserver import free_port

    url = f"http://127.0.0.1:{free_port()}"
    result = aws(tmp_path, AWS_MAX_ATTEMPTS="1")("get-event-source-mapping", "--uuid", UUID, "--endpoint-url", url)
    assert (result.rc, result.stdout) == (255, "")
    assert result.stderr == f'\nesm: [ERROR]: Could not connect to the endpoint URL: "{url}/2015-03-31/event-source-mappings/{UUID}"\n'


def test_an_endpoint_url_needs_a_scheme(tmp_path: Path) -> None:
    result = aws(tmp_path)("get-event-source-mapping", "--uuid", UUID, "--endpoint-url", "127.0.0.1:9")
    assert result.rc == 252
    assert 'Bad value for --endpoint-url "127.0.0.1:9": scheme is missing.' in result.stderr


def test_a_read_timeout(tmp_path: Path, stub: Stub) -> None:
    stub.delay = 2.5
    result = aws(tmp_path, stub, AWS_MAX_ATTEMPTS="1")("get-event-source-mapping", "--uuid", UUID, "--cli-read-timeout", "1")
    assert result.rc == 255
    assert result.stderr == f'\nesm: [ERROR]: Read timeout on endpoint URL: "{stub.url}/2015-03-31/event-source-mappings/{UUID}"\n'


# -- where settings come from (AWS CLI v2: docs/aws-cli-behaviour.md#where-settings-come-from) -----------------


PROFILES_CONFIG = """\
[default]
region = ap-southeast-2
[profile a]
region = us-west-2
[profile b]
region = eu-west-1
"""
PROFILES_CREDENTIALS = """\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret
[a]
aws_access_key_id = AKIDPROFILEA
aws_secret_access_key = a-secret
[b]
aws_access_key_id = AKIDPROFILEB
aws_secret_access_key = b-secret
"""


@pytest.mark.parametrize(
    "env, argv, key, region",
    [
        ({}, (), "AKIDDEFAULT", "ap-southeast-2"),
        ({"AWS_DEFAULT_PROFILE": "b"}, (), "AKIDPROFILEB", "eu-west-1"),
        ({"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"}, (), "AKIDPROFILEA", "us-west-2"),  # v2 order
        ({"AWS_PROFILE": "a"}, ("--profile", "b"), "AKIDPROFILEB", "eu-west-1"),
        ({"AWS_PROFILE": "a", "AWS_DEFAULT_REGION": "ca-central-1"}, (), "AKIDPROFILEA", "ca-central-1"),
        ({"AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "ca-central-1"}, (), "AKIDDEFAULT", "sa-east-1"),
        ({"AWS_REGION": "sa-east-1"}, ("--region", "me-south-1"), "AKIDDEFAULT", "me-south-1"),
        ({"AWS_ACCESS_KEY_ID": "AKIDFROMENV", "AWS_SECRET_ACCESS_KEY": "env"}, (), "AKIDFROMENV", "ap-southeast-2"),
    ],
)
def test_profile_region_and_credentials_precedence(
    tmp_path: Path, stub: Stub, env: dict[str, str], argv: tuple[str, ...], key: str, region: str
) -> None:
    files = {
        "AWS_CONFIG_FILE": write(tmp_path / "config", PROFILES_CONFIG),
        "AWS_SHARED_CREDENTIALS_FILE": write(tmp_path / "credentials", PROFILES_CREDENTIALS),
        "AWS_DEFAULT_REGION": "",
        "AWS_ACCESS_KEY_ID": "",
        "AWS_SECRET_ACCESS_KEY": "",
    }
    esm = aws(tmp_path, stub, **{**files, **env})
    esm.ok("get-event-source-mapping", "--uuid", UUID, *argv)
    access_key, _, signed_region, service, _ = scope(stub.requests[0])
    assert (access_key, signed_region, service) == (key, region, "lambda")


def test_endpoint_precedence(tmp_path: Path, stub: Stub) -> None:
    other = "http://127.0.0.1:9"  # never reached when a more specific setting wins
    cfg = write(tmp_path / "config", f"[default]\nendpoint_url = {other}\n")
    aws(tmp_path, None, AWS_CONFIG_FILE=cfg, AWS_ENDPOINT_URL=other, AWS_ENDPOINT_URL_LAMBDA=stub.url).ok(
        "get-event-source-mapping", "--uuid", UUID
    )
    aws(tmp_path, None, AWS_ENDPOINT_URL_LAMBDA=other).ok("get-event-source-mapping", "--uuid", UUID, "--endpoint-url", stub.url)
    services = write(tmp_path / "config2", f"[default]\nservices = local\n[services local]\nlambda =\n  endpoint_url = {stub.url}\n")
    aws(tmp_path, None, AWS_CONFIG_FILE=services).ok("get-event-source-mapping", "--uuid", UUID)
    assert len(stub.requests) == 3


def test_no_sign_request_sends_no_signature_and_needs_no_credentials(tmp_path: Path, stub: Stub) -> None:
    aws(tmp_path, stub, AWS_ACCESS_KEY_ID="", AWS_SECRET_ACCESS_KEY="").ok(
        "get-event-source-mapping", "--uuid", UUID, "--no-sign-request"
    )
    assert "Authorization" not in stub.requests[0].headers


def test_tls_and_timeout_options_reach_the_client(tmp_path: Path) -> None:
    from esm_cli.backends.aws_session import make_client, make_session, scoped_environ
    from esm_cli.settings import resolve

    bundle = write(tmp_path / "bundle.pem", "")
    other = write(tmp_path / "other.pem", "")
    base = clean_env(tmp_path, AWS_DEFAULT_REGION="us-east-1", **CREDENTIALS)

    def client(env: dict[str, str] | None = None, **globals_: Any) -> Any:
        env = {**base, **(env or {})}
        settings = resolve({"backend": "aws", "endpoint_url": "https://127.0.0.1:9", **globals_}, env)
        with scoped_environ(env):  # botocore reads the process environment
            return make_client(settings, make_session(settings))

    default = client()
    assert (default.meta.config.connect_timeout, default.meta.config.read_timeout) == (60, 60)
    assert default.meta.config.retries["mode"] == "standard"
    tuned = client(cli_connect_timeout="5", cli_read_timeout="0")
    assert (tuned.meta.config.connect_timeout, tuned.meta.config.read_timeout) == (5, None)  # 0 blocks
    assert client(no_verify_ssl=True)._endpoint.http_session._verify is False
    assert client(ca_bundle=bundle)._endpoint.http_session._verify == bundle
    assert client(no_verify_ssl=True, ca_bundle=bundle)._endpoint.http_session._verify is False
    # Without --ca-bundle, botocore's own sources apply: AWS_CA_BUNDLE, then the profile's ca_bundle.
    assert client({"AWS_CA_BUNDLE": other})._endpoint.http_session._verify == other
    assert client({"AWS_CA_BUNDLE": other}, ca_bundle=bundle)._endpoint.http_session._verify == bundle
    config = write(tmp_path / "config", f"[default]\nca_bundle = {other}\n")
    assert client({"AWS_CONFIG_FILE": config})._endpoint.http_session._verify == other


def test_the_fast_loader_keeps_botocore_s_search_path(tmp_path: Path) -> None:
    from botocore.session import Session

    from esm_cli.backends.aws_loader import install_fast_loader

    session = Session()
    session.set_config_variable("data_path", str(tmp_path))
    install_fast_loader(session)
    loader = session.get_component("data_loader")
    from botocore.loaders import create_loader

    assert loader.search_paths == create_loader(str(tmp_path)).search_paths  # AWS_DATA_PATH, ~/.aws/models, builtin
    assert loader.search_paths[0] == str(tmp_path)
    assert loader.list_available_services("service-2") == ["lambda"]
    model = loader.load_service_model("lambda", "service-2")
    assert "ListEventSourceMappings" in model["operations"]
    from botocore.exceptions import UnknownServiceError

    # Other services' clients (doctor, metrics, run) find their own model the same cheap way;
    # a name with no model is still refused as botocore refuses it.
    assert "GetMetricData" in loader.load_service_model("cloudwatch", "service-2")["operations"]
    with pytest.raises(UnknownServiceError):
        loader.load_service_model("no-such-service", "service-2")


# -- --debug ----------------------------------------------------------------------------------------------


def test_debug_prints_the_wire_log_with_secrets_masked(tmp_path: Path, stub: Stub) -> None:
    token = "FwoGZXIvYXdzSESSIONTOKENEXAMPLE//////////wEaDEXAMPLE"
    result = aws(tmp_path, stub, AWS_SESSION_TOKEN=token)("get-event-source-mapping", "--uuid", UUID, "--debug")
    assert result.rc == 0 and json.loads(result.stdout)["UUID"] == UUID
    lines = result.stderr.splitlines()
    line = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - MainThread - [\w.]+ - (DEBUG|INFO|WARNING) - ")
    assert sum(bool(line.match(text)) for text in lines) > 10
    assert any(" - botocore.endpoint - DEBUG - Sending http request: " in text for text in lines)
    assert any(" - urllib3.connectionpool - DEBUG - " in text for text in lines)
    for secret in (CREDENTIALS["AWS_ACCESS_KEY_ID"], CREDENTIALS["AWS_SECRET_ACCESS_KEY"], token):
        assert secret not in result.stderr
    assert "Credential=****/" in result.stderr and "Signature=****" in result.stderr
    signature = re.search(r"Signature=([0-9a-f]{64})", stub.requests[0].headers["Authorization"])
    assert signature and signature.group(1) not in result.stderr


def test_without_debug_nothing_is_logged(tmp_path: Path, stub: Stub) -> None:
    import logging

    result = aws(tmp_path, stub)("get-event-source-mapping", "--uuid", UUID)
    assert result.stderr == ""
    # --debug's handler does not outlive the command (botocore's own NullHandler stays).
    assert not [h for h in logging.getLogger("botocore").handlers if isinstance(h, logging.StreamHandler)]

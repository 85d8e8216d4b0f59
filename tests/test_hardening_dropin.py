"""Drop-in details (issue 16): hints for flags that never existed, an update that does not fail
on esm's own extra read, and what AWS returns after removing a destination or omitting
DocumentDB's FullDocument (docs/limits.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import KINESIS_ARN, SQS_ARN, Esm, clean_env

from esm_cli import backends
from esm_cli.errors import ServiceError

CREATE_SQS = ["create-event-source-mapping", "--function-name", "f", "--event-source-arn", SQS_ARN]


@pytest.mark.parametrize(
    "flag, hint",
    [
        ("--batch-window", "--maximum-batching-window-in-seconds"),
        ("--report-batch-item-failures", "--function-response-types ReportBatchItemFailures"),
        ("--batch-sise", "--batch-size"),
        ("--maximum-batching-windows", "--maximum-batching-window-in-seconds"),
        ("--batch-window=5", "--maximum-batching-window-in-seconds"),
    ],
)
def test_an_unknown_option_gets_a_hint_after_aws_s_text(esm: Esm, flag: str, hint: str) -> None:
    result = esm(*CREATE_SQS, flag, "5")
    assert result.rc == 252
    aws_text = f"esm: [ERROR]: Unknown options: {flag}"
    assert aws_text in result.stderr
    assert result.stderr.endswith(f"esm: hint: did you mean {hint}?\n")
    assert result.stderr.index(aws_text) < result.stderr.index("esm: hint:")


def test_no_hint_when_nothing_is_close(esm: Esm) -> None:
    result = esm(*CREATE_SQS, "--zzz")
    assert result.rc == 252 and "hint" not in result.stderr


class _NoGetBackend:
    """The aws backend as a CI role allowed only lambda:UpdateEventSourceMapping sees it."""

    name = "aws"

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []

    def get(self, uuid: str) -> dict[str, Any]:
        raise ServiceError("AccessDeniedException", "not authorized to perform: lambda:GetEventSourceMapping",
                           operation="GetEventSourceMapping")

    def create(self, request: dict[str, Any]) -> dict[str, Any]:  # the command table names every call
        raise AssertionError("not called")

    delete = create

    def update(self, request: dict[str, Any]) -> dict[str, Any]:
        self.updates.append(request)
        return {"UUID": request["UUID"], "BatchSize": request.get("BatchSize"), "State": "Updating"}


def test_update_on_aws_is_sent_when_the_stored_mapping_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _NoGetBackend()
    monkeypatch.setattr(backends, "get_backend", lambda settings, stderr=None: fake)
    esm = Esm(clean_env(tmp_path, ESM_BACKEND="aws", AWS_DEFAULT_REGION="us-east-1", XDG_CACHE_HOME=str(tmp_path / "c")))
    uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
    result = esm("update-event-source-mapping", "--uuid", uuid, "--batch-size", "5")
    assert result.rc == 0, result.stderr
    assert fake.updates == [{"UUID": uuid, "BatchSize": 5}]
    assert result.json()["BatchSize"] == 5
    assert "could not read mapping" in result.stderr and "AccessDeniedException" in result.stderr


def test_update_on_aws_still_reports_an_unknown_uuid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Missing(_NoGetBackend):
        def get(self, uuid: str) -> dict[str, Any]:
            raise ServiceError("ResourceNotFoundException", "The resource you requested does not exist.",
                               operation="GetEventSourceMapping")

    fake = Missing()
    monkeypatch.setattr(backends, "get_backend", lambda settings, stderr=None: fake)
    esm = Esm(clean_env(tmp_path, ESM_BACKEND="aws", AWS_DEFAULT_REGION="us-east-1"))
    result = esm("update-event-source-mapping", "--uuid", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--batch-size", "5")
    assert result.rc == 254 and "when calling the UpdateEventSourceMapping operation" in result.stderr
    assert fake.updates == []


def test_removing_a_stream_destination_reads_back_the_empty_on_failure(esm: Esm) -> None:
    made = esm.ok(
        "create-event-source-mapping", "--function-name", "f", "--event-source-arn", KINESIS_ARN,
        "--starting-position", "LATEST",
        "--destination-config", '{"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}',
    )
    updated = esm.ok("update-event-source-mapping", "--uuid", made["UUID"], "--destination-config",
                     '{"OnFailure": {"Destination": ""}}')
    assert updated["DestinationConfig"] == {"OnFailure": {}}
    assert esm.ok("get-event-source-mapping", "--uuid", made["UUID"])["DestinationConfig"] == {"OnFailure": {}}


def test_documentdb_full_document_defaults_to_default(esm: Esm) -> None:
    made = esm.ok(
        "create-event-source-mapping", "--function-name", "f",
        "--event-source-arn", "arn:aws:rds:us-east-1:123456789012:cluster:docs", "--starting-position", "LATEST",
        "--document-db-event-source-config", "DatabaseName=db,CollectionName=c",
        "--source-access-configurations", "Type=BASIC_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:s",
    )
    assert made["DocumentDBEventSourceConfig"] == {"DatabaseName": "db", "CollectionName": "c", "FullDocument": "Default"}
    kept = esm.ok("update-event-source-mapping", "--uuid", made["UUID"], "--document-db-event-source-config",
                  "DatabaseName=db2")
    assert kept["DocumentDBEventSourceConfig"] == {"DatabaseName": "db2", "FullDocument": "Default"}

"""On-failure destinations: AWS's invocation record, sent where the mapping says (docs/run.md).

When Lambda discards a stream batch (retries exhausted, records too old) it sends an
invocation record — requestContext, responseContext, version, timestamp and KinesisBatchInfo
or DDBStreamBatchInfo — to the OnFailure destination: an SQS queue or SNS topic receives it as
the message; an S3 bucket receives it as an object that also carries the batch's event
(``payload``), under ``aws/lambda/<mapping UUID>/<shard>/YYYY/MM/DD/<time>-<uuid>``.

In a replay, ``--on-failure-file`` receives the same records, one JSON document a line; for an
SQS replay with ``--max-receive-count`` it receives the messages the redrive policy moves to
the dead-letter queue, as the function saw them.
"""

from __future__ import annotations

import json
import time
import uuid as uuidlib
from typing import Any, Callable, Protocol

from esm_cli.runner.clock import iso_millis
from esm_cli.runner.config import MappingConfig
from esm_cli.runner.events import batch_info
from esm_cli.runner.invoke import Invocation
from esm_cli.runner.items import Item

RETRIES_EXHAUSTED = "RetryAttemptsExhausted"
RECORD_TOO_OLD = "RecordAgeExceeded"


def invocation_record(
    cfg: MappingConfig, items: list[Item], *, condition: str, invocation: Invocation | None, invoke_count: int
) -> dict[str, Any]:
    """The document Lambda sends to an on-failure destination for a discarded stream batch."""
    record: dict[str, Any] = {
        "requestContext": {
            "requestId": invocation.request_id if invocation else str(uuidlib.uuid4()),
            "functionArn": cfg.function_arn,
            "condition": condition,
            "approximateInvokeCount": invoke_count,
        }
    }
    if invocation is not None:  # records discarded before any invocation have no response
        response: dict[str, Any] = {"statusCode": 200, "executedVersion": "$LATEST"}
        if invocation.error is not None:
            response["functionError"] = "Unhandled"
        record["responseContext"] = response
    record["version"] = "1.0"
    record["timestamp"] = iso_millis(time.time())
    name, info = batch_info(items, cfg.family, cfg.arn)
    record[name] = info
    return record


class Sink(Protocol):
    label: str

    def send(self, document: dict[str, Any], items: list[Item]) -> None: ...


class FileSink:
    """--on-failure-file: one JSON document a line, appended."""

    def __init__(self, path: str) -> None:
        self.label = path
        try:
            self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()
        except OSError as error:
            from esm_cli.errors import ParamValidationError

            raise ParamValidationError(f"--on-failure-file {path!r}: {error.strerror}") from None

    def send(self, document: dict[str, Any], items: list[Item]) -> None:
        self._file.write(json.dumps(document, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


class ServiceSink:
    """An SQS queue, SNS topic or S3 bucket reached through a botocore client."""

    def __init__(self, arn: str, cfg: MappingConfig, client: Callable[[str], Any]) -> None:
        self.label = arn
        self._cfg = cfg
        parts = arn.split(":")
        self._service, self._resource = parts[2], parts[5] if len(parts) > 5 else ""
        self._client = client(self._service)
        self._queue_url: str | None = None
        if self._service == "sqs":
            self._queue_url = self._client.get_queue_url(QueueName=self._resource, QueueOwnerAWSAccountId=parts[4])[
                "QueueUrl"
            ]

    def send(self, document: dict[str, Any], items: list[Item]) -> None:
        if self._service == "sqs":
            self._client.send_message(QueueUrl=self._queue_url, MessageBody=json.dumps(document))
        elif self._service == "sns":
            self._client.publish(TopicArn=self.label, Message=json.dumps(document))
        elif self._service == "s3":
            body = {**document, "payload": {"Records": [item.record for item in items]}}
            now = time.gmtime()
            shard = items[0].group if items else "unknown"
            key = (
                f"aws/lambda/{self._cfg.uuid}/{shard}/{time.strftime('%Y/%m/%d', now)}/"
                f"{time.strftime('%Y-%m-%dT%H.%M.%S', now)}-{uuidlib.uuid4()}"
            )
            self._client.put_object(Bucket=self._resource, Key=key, Body=json.dumps(body).encode())
        else:
            from esm_cli.errors import ParamValidationError

            raise ParamValidationError(f"esm run cannot send to on-failure destination {self.label}")

    def close(self) -> None:
        pass

"""esm run's semantic cases, run as replays: each checks one sentence of AWS's documentation.

Every case names the sentence it checks and the page it comes from (docs/run.md collects them).
The handlers live in tests/support/run_handlers.py and record the events they receive.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from support import run_handlers

SQS = "arn:aws:sqs:us-east-1:123456789012:q1"
FIFO = "arn:aws:sqs:us-east-1:123456789012:q1.fifo"
KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/s1"
DDB = "arn:aws:dynamodb:us-east-1:123456789012:table/t1/stream/2025-02-22T03:03:25.490"
ARNS = {"sqs": SQS, "fifo": FIFO, "kinesis": KINESIS, "ddb": DDB}

DG = "https://docs.aws.amazon.com/lambda/latest/dg/"
SQS_ERRORS = DG + "services-sqs-errorhandling.html"
SQS_PAGE = DG + "with-sqs.html"
KINESIS_PAGE = DG + "with-kinesis.html"
KINESIS_PARTIAL = DG + "services-kinesis-batchfailurereporting.html"
KINESIS_ERRORS = DG + "kinesis-on-failure-destination.html"
DDB_PAGE = DG + "with-ddb.html"
BATCHING = DG + "invocation-eventsourcemapping.html"
FILTERING = DG + "invocation-eventfiltering.html"
WINDOWS = DG + "services-kinesis-windows.html"
API = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html"
PYCONTEXT = DG + "python-context.html"
METRICS = DG + "monitoring-metrics-types.html"

OLD = 1546300800.0  # 2019-01-01: older than any MaximumRecordAgeInSeconds


@dataclass
class Outcome:
    rc: int
    stderr: str
    lines: list[dict[str, Any]]
    summary: dict[str, Any]
    calls: list[dict[str, Any]]
    failures: list[dict[str, Any]]

    @property
    def metrics(self) -> dict[str, Any]:
        return self.summary["Metrics"]

    def sizes(self) -> list[int]:
        return [len(call["Records"]) for call in self.calls]

    def payloads(self) -> list[list[Any]]:
        return [[run_handlers.payload(r) for r in call["Records"]] for call in self.calls]


def sqs_records(payloads: list[Any], groups: list[str] | None = None) -> list[dict[str, Any]]:
    records = []
    for index, data in enumerate(payloads):
        record: dict[str, Any] = {"body": json.dumps(data)}
        if groups:
            record["attributes"] = {"MessageGroupId": groups[index]}
        records.append(record)
    return records


def kinesis_records(payloads: list[Any], *, shards: list[str] | None = None, keys: list[str] | None = None,
                    arrival: float | None = None) -> list[dict[str, Any]]:
    records = []
    for index, data in enumerate(payloads):
        seq = str(49590338271490256608559692538361571095921575989136588898 + index)
        body: dict[str, Any] = {
            "partitionKey": keys[index] if keys else "pk",
            "sequenceNumber": seq,
            "data": base64.b64encode(json.dumps(data).encode()).decode(),
        }
        if arrival is not None:
            body["approximateArrivalTimestamp"] = arrival
        shard = shards[index] if shards else "shardId-000000000000"
        records.append({"kinesis": body, "eventID": f"{shard}:{seq}"})
    return records


def ddb_records(payloads: list[Any], *, arrival: float | None = None) -> list[dict[str, Any]]:
    records = []
    for index, data in enumerate(payloads):
        stream: dict[str, Any] = {
            "Keys": {"id": {"S": str(index)}},
            "NewImage": {"id": {"S": str(index)}, "v": {"S": json.dumps(data)}},
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        }
        if arrival is not None:
            stream["ApproximateCreationDateTime"] = arrival
        records.append({"eventName": "MODIFY" if isinstance(data, dict) and data.get("modify") else "INSERT", "dynamodb": stream})
    return records


def replay(esm: Any, tmp_path: Path, source: str, records: list[dict[str, Any]], handler: str, *flags: str) -> Outcome:
    """Run `esm run` on a replay file with --output json; parse batch lines and the summary."""
    run_handlers.CALLS.clear()
    run_handlers.CONTEXTS.clear()
    path = tmp_path / "records.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    failures = tmp_path / "failures.ndjson"
    argv = ["run", "--records-file", str(path), "--event-source-arn", ARNS[source], "--output", "json"]
    if not handler.startswith("exec:"):
        argv += ["--handler", f"support.run_handlers:{handler}"]
    else:
        argv += ["--exec", handler[5:]]
    if source in ("kinesis", "ddb") and "--starting-position" not in flags:
        argv += ["--starting-position", "TRIM_HORIZON"]
    if "--on-failure-file" not in flags:
        argv += ["--on-failure-file", str(failures)]
    result = esm(*argv, *flags)
    lines, rest = [], []
    for line in result.stdout.splitlines():
        (lines if line.startswith('{"Batch"') else rest).append(line)
    summary = json.loads("\n".join(rest)) if rest else {}
    got = [json.loads(line) for line in failures.read_text().splitlines()] if failures.exists() else []
    return Outcome(result.rc, result.stderr, [json.loads(line) for line in lines], summary,
                   list(run_handlers.CALLS), got)


@dataclass
class Case:
    id: str
    sentence: str  # the AWS sentence checked
    url: str
    source: str
    records: list[dict[str, Any]]
    handler: str
    check: Callable[[Outcome], None]
    flags: tuple[str, ...] = field(default_factory=tuple)


def _n(count: int, bad: set[int] = frozenset()) -> list[Any]:  # type: ignore[assignment]
    return [{"n": i, "bad": True} if i in bad else {"n": i} for i in range(count)]


RBIF = ("--function-response-types", "ReportBatchItemFailures")


# --------------------------------------------------------------------------------------------
# checks (one small function per case keeps the table readable)

def c_batch_sizes(*sizes: int) -> Callable[[Outcome], None]:
    def check(o: Outcome) -> None:
        assert o.rc == 0, o.stderr
        assert o.sizes() == list(sizes)
    return check


def c_sqs_event_shape(o: Outcome) -> None:
    record = o.calls[0]["Records"][0]
    assert list(record)[:6] == ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody"]
    assert record["md5OfBody"] == hashlib.md5(record["body"].encode()).hexdigest()
    assert (record["eventSource"], record["eventSourceARN"], record["awsRegion"]) == ("aws:sqs", SQS, "us-east-1")
    assert set(record["attributes"]) >= {"ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"}
    assert set(o.calls[0]) == {"Records"}


def c_all_deleted(o: Outcome) -> None:
    assert o.rc == 0, o.stderr
    assert o.metrics["DeletedEventCount"] == o.metrics["PolledEventCount"] > 0
    assert o.metrics["FailedInvokeEventCount"] == 0


def c_whole_batch_back(o: Outcome) -> None:
    # two messages, one bad, max receive count 2: both received twice, both dead-lettered
    assert o.sizes() == [2, 2]
    assert o.summary["DeadLettered"] == 2 and len(o.failures) == 2
    assert o.metrics["DeletedEventCount"] == 0


def c_receive_count_grows(o: Outcome) -> None:
    counts = [r["attributes"]["ApproximateReceiveCount"] for call in o.calls for r in call["Records"]]
    assert counts == ["1", "2", "3"]
    assert [r["receiptHandle"] for c in o.calls for r in c["Records"]] == sorted(
        {r["receiptHandle"] for c in o.calls for r in c["Records"]}, key=[r["receiptHandle"] for c in o.calls for r in c["Records"]].index
    )  # a new receipt handle on every receive


def c_only_failed_back(o: Outcome) -> None:
    assert o.payloads() == [[{"n": 0}, {"n": 1, "bad": True}, {"n": 2}], [{"n": 1, "bad": True}]]
    assert o.metrics["DeletedEventCount"] == 2 and o.summary["DeadLettered"] == 1


def c_complete_success(o: Outcome) -> None:
    assert o.rc == 0
    assert o.sizes() == [3]
    assert o.metrics["DeletedEventCount"] == 3 and o.metrics["FailedInvokeEventCount"] == 0
    assert o.lines[0]["Result"] == "ok"


def c_complete_failure(o: Outcome) -> None:
    assert o.sizes() == [3]  # --max-receive-count 1: failed messages go to the dead-letter file
    assert o.lines[0]["Result"] == "failed"
    assert o.metrics["FailedInvokeEventCount"] == 3 and o.metrics["DeletedEventCount"] == 0
    assert o.summary["DeadLettered"] == 3


def c_filtered_deleted(o: Outcome) -> None:
    assert o.payloads() == [[{"n": 1, "keep": True}]]
    assert o.metrics["FilteredOutEventCount"] == 2
    assert o.metrics["DeletedEventCount"] == 3  # the filtered two plus the processed one


def c_nothing_invoked(o: Outcome) -> None:
    assert o.calls == []
    assert o.metrics["FilteredOutEventCount"] == o.metrics["PolledEventCount"] == 3
    assert o.metrics["Invocations"] == 0


def c_fifo_group_order(o: Outcome) -> None:
    seen: list[Any] = []
    for call in o.calls:
        seen.extend(run_handlers.payload(r)["n"] for r in call["Records"])
    # a0 (n=0) fails on its first receive: the whole batch goes back, and the group's order holds
    first_success_order = [n for n in seen[3:]]
    assert first_success_order == [0, 1, 2]
    assert o.metrics["DeletedEventCount"] == 3


def c_fifo_warning(o: Outcome) -> None:
    assert "order is lost" in o.stderr


def c_timeout(o: Outcome) -> None:
    assert o.rc == 0
    assert "Task timed out after 0.20 seconds" in o.lines[0]["Error"]
    assert o.metrics["Errors"] == 1


def c_context(o: Outcome) -> None:
    (ctx,) = run_handlers.CONTEXTS
    assert ctx["function_name"] == "myfn"
    assert len(ctx["aws_request_id"]) == 36 and ctx["aws_request_id"] == o.lines[0]["RequestId"]
    assert 0 < ctx["remaining"] <= 7000


def c_exec_ok(o: Outcome) -> None:
    assert o.rc == 0 and o.lines[0]["Result"] == "partial" and o.lines[0]["Returned"] == 1


def c_exec_failure(o: Outcome) -> None:
    assert o.lines[0]["Result"] == "failed" and "exit status 3" in o.lines[0]["Error"]


def c_exec_malformed(o: Outcome) -> None:
    assert o.lines[0]["Result"] == "failed" and "not a JSON object" in o.lines[0]["Error"]


def c_kinesis_shape(o: Outcome) -> None:
    record = o.calls[0]["Records"][0]
    assert set(record["kinesis"]) == {"kinesisSchemaVersion", "partitionKey", "sequenceNumber", "data", "approximateArrivalTimestamp"}
    assert base64.b64decode(record["kinesis"]["data"]) == b'{"n": 0}'
    assert record["eventID"] == "shardId-000000000000:" + record["kinesis"]["sequenceNumber"]
    assert (record["eventSource"], record["eventName"], record["eventVersion"]) == ("aws:kinesis", "aws:kinesis:record", "1.0")
    assert record["invokeIdentityArn"].startswith("arn:aws:iam::123456789012:role/")
    assert record["eventSourceARN"] == KINESIS


def c_per_shard(o: Outcome) -> None:
    for call in o.calls:
        assert len({r["eventID"].split(":")[0] for r in call["Records"]}) == 1
    assert sorted(o.sizes()) == [2, 3]


def c_retries_exhausted(o: Outcome) -> None:
    assert o.sizes() == [2, 2, 2]  # the first try and MaximumRetryAttempts=2 retries
    (record,) = o.failures
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["responseContext"] == {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"}
    assert record["version"] == "1.0" and record["timestamp"].endswith("Z")
    info = record["KinesisBatchInfo"]
    assert info["batchSize"] == 2 and info["streamArn"] == KINESIS and info["shardId"] == "shardId-000000000000"
    assert info["startSequenceNumber"] < info["endSequenceNumber"]
    assert o.metrics["DroppedEventCount"] == 2 and o.metrics["OnFailureDestinationDeliveredEventCount"] == 2


def c_infinite_retries(o: Outcome) -> None:
    assert o.rc == 0 and o.summary["StoppedBy"] == "max-batches"
    assert o.sizes() == [2, 2, 2, 2, 2] and o.failures == []


def c_checkpoint_lowest(o: Outcome) -> None:
    assert [[p["n"] for p in call] for call in o.payloads()] == [[0, 1, 2, 3, 4], [2, 3, 4]]
    assert o.lines[0]["CheckpointedRecords"] == 2


def c_bisect(o: Outcome) -> None:
    assert o.sizes()[:3] == [4, 2, 1]
    assert [p["n"] for call in o.payloads() for p in call if not p.get("bad")].count(3) >= 1
    (record,) = o.failures
    assert record["KinesisBatchInfo"]["batchSize"] == 1
    assert o.metrics["DroppedEventCount"] == 1


def c_bisect_not_counted(o: Outcome) -> None:
    # MaximumRetryAttempts 0: splitting 4 → 2 → 1 costs no retry; the bad record alone is tried once.
    assert o.sizes() == [4, 2, 1, 1, 2]
    assert o.metrics["DroppedEventCount"] == 1


def c_too_old(o: Outcome) -> None:
    assert o.calls == []
    (record,) = o.failures
    assert record["requestContext"]["condition"] == "RecordAgeExceeded"
    assert record["requestContext"]["approximateInvokeCount"] == 0
    assert "responseContext" not in record
    assert o.metrics["DroppedEventCount"] == 3


def c_at_timestamp(o: Outcome) -> None:
    assert [p["n"] for call in o.payloads() for p in call] == [2, 3]


def c_parallel(o: Outcome) -> None:
    assert max(len(c["Records"]) for c in o.calls) <= 2
    order: dict[str, list[int]] = {}
    for call in o.calls:
        keys = {r["kinesis"]["partitionKey"] for r in call["Records"]}
        assert len(keys) == 1  # "a" and "d" hash to different lanes
        for r in call["Records"]:
            order.setdefault(r["kinesis"]["partitionKey"], []).append(run_handlers.payload(r)["n"])
    assert order == {"a": [0, 2, 4, 6], "d": [1, 3, 5, 7]}
    assert {line["Lane"] for line in o.lines} == {0, 1}


def c_window(o: Outcome) -> None:
    assert o.sizes() == [2, 2, 1, 0]
    assert [c["state"] for c in o.calls] == [{}, {"count": 2}, {"count": 4}, {"count": 5}]
    assert [c["isFinalInvokeForWindow"] for c in o.calls] == [False, False, False, True]
    last = o.calls[-1]
    assert set(last) == {"Records", "window", "state", "shardId", "eventSourceARN", "isFinalInvokeForWindow", "isWindowTerminatedEarly"}
    assert last["window"]["start"].endswith("Z") and last["shardId"] == "shardId-000000000000"


def c_two_windows(o: Outcome) -> None:
    assert [(len(c["Records"]), c["isFinalInvokeForWindow"]) for c in o.calls] == [(2, False), (0, True), (1, False), (0, True)]
    assert [c["window"]["start"] for c in o.calls] == ["2019-01-01T00:00:00Z"] * 2 + ["2019-01-01T00:02:00Z"] * 2
    assert o.calls[1]["state"] == {"count": 2} and o.calls[2]["state"] == {}  # a new window starts with no state


def c_window_needs_state(o: Outcome) -> None:
    assert o.lines[0]["Result"] == "failed" and "no state" in o.lines[0]["Error"]


def c_stream_filtered(o: Outcome) -> None:
    assert [p["n"] for call in o.payloads() for p in call] == [1]
    assert o.metrics["FilteredOutEventCount"] == 2 and o.metrics["DeletedEventCount"] == 0


def c_iterator_age(o: Outcome) -> None:
    assert o.metrics["IteratorAgeMaximum"] > 60_000  # records from 2019


def c_ddb_shape(o: Outcome) -> None:
    record = o.calls[0]["Records"][0]
    assert set(record) >= {"eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN"}
    assert set(record["dynamodb"]) >= {"Keys", "NewImage", "SequenceNumber", "SizeBytes", "StreamViewType", "ApproximateCreationDateTime"}
    assert record["eventSource"] == "aws:dynamodb" and record["eventSourceARN"] == DDB


def c_ddb_failure_record(o: Outcome) -> None:
    (record,) = o.failures
    assert "DDBStreamBatchInfo" in record and record["DDBStreamBatchInfo"]["streamArn"] == DDB
    assert record["DDBStreamBatchInfo"]["approximateArrivalOfFirstRecord"].endswith(":00Z")  # whole seconds
    assert record["requestContext"]["approximateInvokeCount"] == 1


def c_ddb_filter(o: Outcome) -> None:
    assert [r["eventName"] for c in o.calls for r in c["Records"]] == ["MODIFY"]


def c_stream_complete_failure(o: Outcome) -> None:
    assert o.lines[0]["Result"] == "failed" and o.lines[0]["Action"] == "discarded"


def c_stream_success(o: Outcome) -> None:
    assert o.lines[0]["Result"] == "ok" and o.lines[0]["Action"] == "checkpointed" and o.failures == []


def c_ignored_without_rbif(o: Outcome) -> None:
    assert o.lines[0]["Result"] == "ok" and o.metrics["DeletedEventCount"] == 3


def c_payload_limit(o: Outcome) -> None:
    sizes = o.sizes()
    assert sum(sizes) == 10 and max(sizes) < 10
    for call in o.calls:
        assert len(json.dumps(call).encode()) <= 6 * 1024 * 1024


big = "x" * (1024 * 1024 - 100)

CASES = [
    # ---- batching -------------------------------------------------------------------------------
    Case("sqs-batch-size", "BatchSize: The maximum number of records in each batch that Lambda pulls from your stream or queue and sends to your function.",
         API, "sqs", sqs_records(_n(25)), "ok", c_batch_sizes(10, 10, 5), ("--batch-size", "10")),
    Case("sqs-default-batch-size", "For Amazon SQS, the default is 10.", API, "sqs", sqs_records(_n(15)), "ok", c_batch_sizes(10, 5)),
    Case("stream-default-batch-size", "For all other services, the default is 100.", API, "kinesis", kinesis_records(_n(150)), "ok", c_batch_sizes(100, 50)),
    Case("payload-6mb", "Lambda passes all of the records in the batch to the function in a single call, up to the payload limit for synchronous invocation (6 MB).",
         API, "sqs", sqs_records([big] * 10), "ok", c_payload_limit),
    # ---- the event ------------------------------------------------------------------------------
    Case("sqs-event", "Example Amazon SQS message event (standard queue): messageId, receiptHandle, body, attributes, messageAttributes, md5OfBody, eventSource, eventSourceARN, awsRegion.",
         SQS_PAGE, "sqs", sqs_records(_n(1)), "ok", c_sqs_event_shape),
    Case("kinesis-event", "Example Kinesis record event: kinesis{kinesisSchemaVersion, partitionKey, sequenceNumber, data, approximateArrivalTimestamp}, eventSource, eventVersion, eventID, eventName, invokeIdentityArn, awsRegion, eventSourceARN.",
         KINESIS_PAGE, "kinesis", kinesis_records(_n(1)), "ok", c_kinesis_shape),
    Case("ddb-event", "Example DynamoDB stream record event: eventID, eventName, eventVersion, dynamodb{Keys, NewImage, SequenceNumber, SizeBytes, StreamViewType}, awsRegion, eventSourceARN, eventSource.",
         DDB_PAGE, "ddb", ddb_records(_n(1)), "ok", c_ddb_shape),
    # ---- SQS ------------------------------------------------------------------------------------
    Case("sqs-delete-on-success", "If your function successfully processes the batch, Lambda deletes the messages from the queue.",
         SQS_PAGE, "sqs", sqs_records(_n(4)), "ok", c_all_deleted),
    Case("sqs-whole-batch-back", "When your Lambda function encounters an error while processing a batch, all messages in that batch become visible in the queue again by default, including messages that Lambda processed successfully.",
         SQS_ERRORS, "sqs", sqs_records(_n(2, {1})), "raise_on_bad", c_whole_batch_back, ("--max-receive-count", "2")),
    Case("sqs-receive-again", "After your queue's visibility timeout runs out, the message will again reappear in the queue.",
         SQS_ERRORS, "sqs", sqs_records(_n(1, {0})), "always_fail", c_receive_count_grows, ("--max-receive-count", "3")),
    Case("sqs-partial", "To avoid reprocessing successfully processed messages in a failed batch, you can configure your event source mapping to make only the failed messages visible again.",
         SQS_ERRORS, "sqs", sqs_records(_n(3, {1})), "report_bad", c_only_failed_back, RBIF + ("--max-receive-count", "2")),
    Case("sqs-empty-list", "Lambda treats a batch as a complete success if your function returns an empty batchItemFailures list.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "empty_list", c_complete_success, RBIF),
    Case("sqs-null-list", "Lambda treats a batch as a complete success if your function returns a null batchItemFailures list.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "null_list", c_complete_success, RBIF),
    Case("sqs-empty-response", "Lambda treats a batch as a complete success if your function returns an empty EventResponse.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "empty_response", c_complete_success, RBIF),
    Case("sqs-null-response", "Lambda treats a batch as a complete success if your function returns a null EventResponse.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "null_response", c_complete_success, RBIF),
    Case("sqs-invalid-response", "Lambda treats a batch as a complete failure if your function returns an invalid JSON response.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "string_response", c_complete_failure, RBIF + ("--max-receive-count", "1")),
    Case("sqs-empty-identifier", "Lambda treats a batch as a complete failure if your function returns an empty string itemIdentifier.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "empty_identifier", c_complete_failure, RBIF + ("--max-receive-count", "1")),
    Case("sqs-null-identifier", "Lambda treats a batch as a complete failure if your function returns a null itemIdentifier.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "null_identifier", c_complete_failure, RBIF + ("--max-receive-count", "1")),
    Case("sqs-bad-key", "Lambda treats a batch as a complete failure if your function returns an itemIdentifier with a bad key name.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "bad_key", c_complete_failure, RBIF + ("--max-receive-count", "1")),
    Case("sqs-unknown-id", "Lambda treats a batch as a complete failure if your function returns an itemIdentifier value with a message ID that doesn't exist.",
         SQS_ERRORS, "sqs", sqs_records(_n(3)), "unknown_identifier", c_complete_failure, RBIF + ("--max-receive-count", "1")),
    Case("sqs-rbif-off", "Even when your function code returns partial batch failure responses, these responses will not be processed by Lambda unless the ReportBatchItemFailures feature is explicitly turned on.",
         KINESIS_PARTIAL, "sqs", sqs_records(_n(3, {1})), "report_bad", c_ignored_without_rbif),
    Case("sqs-filter-deletes", "When an Amazon SQS message doesn't satisfy your filter criteria, Lambda automatically removes the message from the queue.",
         FILTERING, "sqs", sqs_records([{"n": 0}, {"n": 1, "keep": True}, {"n": 2}]), "ok", c_filtered_deleted,
         ("--filter-criteria", '{"Filters": [{"Pattern": "{\\"body\\": {\\"keep\\": [true]}}"}]}')),
    Case("sqs-filter-all", "You can use event filtering to control which records from a stream or queue Lambda sends to your function.",
         FILTERING, "sqs", sqs_records(_n(3)), "ok", c_nothing_invoked,
         ("--filter-criteria", '{"Filters": [{"Pattern": "{\\"body\\": {\\"keep\\": [true]}}"}]}')),
    Case("fifo-group-order", "Messages that belong to the same message group are always processed one by one, in a strict order relative to the message group.",
         "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html", "fifo",
         sqs_records([{"n": 0, "bad": True}, {"n": 1}, {"n": 2}], ["a", "a", "a"]), "fail_first_receive", c_fifo_group_order),
    Case("fifo-partial-warning", "If you're using this feature with a FIFO queue, your function should stop processing messages after the first failure and return all failed and unprocessed messages in batchItemFailures.",
         SQS_ERRORS, "fifo", sqs_records([{"n": 0, "bad": True}, {"n": 1}], ["a", "a"]), "report_bad", c_fifo_warning, RBIF + ("--max-receive-count", "1")),
    # ---- the function ---------------------------------------------------------------------------
    Case("timeout", "Timeout: the amount of time that Lambda allows a function to run before stopping it.",
         DG + "configuration-timeout.html", "sqs", sqs_records(_n(1)), "slow", c_timeout, ("--timeout", "0.2", "--max-batches", "1")),
    Case("context", "get_remaining_time_in_millis – Returns the number of milliseconds left before the execution times out. (with aws_request_id and function_name)",
         PYCONTEXT, "sqs", sqs_records(_n(1)), "context_probe", c_context, ("--timeout", "7", "--function-name", "myfn")),
    Case("exec-response", "To turn on partial batch responses, specify ReportBatchItemFailures for the FunctionResponseTypes action when configuring your event source mapping. (the response read from a command's stdout)",
         SQS_ERRORS, "sqs", sqs_records(_n(2, {1})), "exec:{py} -c \"import sys,json; e=json.load(sys.stdin); print(json.dumps({'batchItemFailures':[{'itemIdentifier': r['messageId']} for r in e['Records'] if 'bad' in r['body']]}))\"",
         c_exec_ok, RBIF + ("--max-batches", "1")),
    Case("exec-error", "If your function code caused the error, Lambda will stop processing and retrying the invocation.",
         SQS_ERRORS, "sqs", sqs_records(_n(1)), "exec:{py} -c \"import sys; sys.exit(3)\"", c_exec_failure, ("--max-batches", "1")),
    Case("exec-malformed", "Lambda treats a batch as a complete failure if your function returns an invalid JSON response.",
         SQS_ERRORS, "sqs", sqs_records(_n(1)), "exec:echo not-json", c_exec_malformed, RBIF + ("--max-batches", "1")),
    # ---- streams ---------------------------------------------------------------------------------
    Case("per-shard-batches", "Each batch contains records from a single shard/data stream.", KINESIS_PAGE, "kinesis",
         kinesis_records(_n(5), shards=["shardId-000000000000", "shardId-000000000001"] * 2 + ["shardId-000000000000"]), "ok", c_per_shard),
    Case("stream-success", "By default Lambda checkpoints to the highest sequence number of a batch only when the batch is a complete success.",
         KINESIS_PARTIAL, "kinesis", kinesis_records(_n(3)), "ok", c_stream_success),
    Case("retry-attempts", "If the function receives the records but returns an error, Lambda retries until the records in the batch expire, exceed the maximum age, or reach the configured retry quota.",
         KINESIS_ERRORS, "kinesis", kinesis_records(_n(2, {0})), "raise_on_bad", c_retries_exhausted, ("--maximum-retry-attempts", "2")),
    Case("infinite-retries", "MaximumRetryAttempts: the default value is infinite (-1); failed records are retried until the record expires.",
         API, "kinesis", kinesis_records(_n(2, {0})), "raise_on_bad", c_infinite_retries, ("--max-batches", "5")),
    Case("checkpoint-lowest", "If the batchItemFailures array contains multiple items, Lambda uses the record with the lowest sequence number as the checkpoint. Lambda then retries all records starting from that checkpoint.",
         KINESIS_PARTIAL, "kinesis", kinesis_records(_n(5, {2, 4})), "report_bad", c_checkpoint_lowest, RBIF + ("--max-batches", "2")),
    Case("stream-empty-identifier", "Lambda treats a batch as a complete failure if you return an empty string itemIdentifier.",
         KINESIS_PARTIAL, "kinesis", kinesis_records(_n(2)), "empty_identifier", c_stream_complete_failure, RBIF + ("--maximum-retry-attempts", "0")),
    Case("stream-empty-list", "Lambda treats a batch as a complete success if you return an empty batchItemFailure list.",
         KINESIS_PARTIAL, "kinesis", kinesis_records(_n(2)), "empty_list", c_stream_success, RBIF),
    Case("bisect", "For function errors, you can also configure the event source mapping to split a failed batch into two batches. Retrying with smaller batches isolates bad records.",
         KINESIS_ERRORS, "kinesis", kinesis_records(_n(4, {0})), "raise_on_bad", c_bisect,
         ("--bisect-batch-on-function-error", "--maximum-retry-attempts", "1")),
    Case("bisect-not-counted", "Splitting a batch does not count towards the retry quota.", KINESIS_ERRORS, "kinesis",
         kinesis_records(_n(4, {0})), "raise_on_bad", c_bisect_not_counted, ("--bisect-batch-on-function-error", "--maximum-retry-attempts", "0")),
    Case("max-record-age", "MaximumRecordAgeInSeconds - Discard records older than the specified age.", API, "kinesis",
         kinesis_records(_n(3), arrival=OLD), "ok", c_too_old, ("--maximum-record-age-in-seconds", "60")),
    Case("at-timestamp", "At timestamp – Process records starting from a specific time.", KINESIS_PAGE, "kinesis",
         kinesis_records(_n(2), arrival=OLD) + kinesis_records([{"n": 2}, {"n": 3}], arrival=2000000000.0), "ok", c_at_timestamp,
         ("--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp", "1700000000")),
    Case("parallelization", "If you increase the number of concurrent batches per shard, Lambda still ensures in-order processing at the partition-key level.",
         KINESIS_PAGE, "kinesis", kinesis_records(_n(8), keys=["a", "d"] * 4), "ok", c_parallel,
         ("--parallelization-factor", "2", "--batch-size", "2")),
    Case("tumbling-window", "With tumbling windows, you can maintain your state across invocations. At the end of the window, the flag isFinalInvokeForWindow is set to true.",
         WINDOWS, "kinesis", kinesis_records(_n(5)), "window_sum", c_window, ("--tumbling-window-in-seconds", "900", "--batch-size", "2")),
    Case("tumbling-two-windows", "Lambda determines tumbling window boundaries based on the time when records were inserted into the stream.",
         WINDOWS, "kinesis", kinesis_records(_n(2), arrival=OLD) + kinesis_records([{"n": 2}], arrival=OLD + 150),
         "window_sum", c_two_windows, ("--tumbling-window-in-seconds", "60")),
    Case("tumbling-needs-state", "If the response does not contain a state property, Lambda considers this a failed invocation.",
         WINDOWS, "kinesis", kinesis_records(_n(1)), "window_no_state", c_window_needs_state,
         ("--tumbling-window-in-seconds", "60", "--max-batches", "1")),
    Case("stream-filter-skips", "For Kinesis and DynamoDB streams, after Lambda evaluates a record against your filter criteria, the stream iterator advances past this record.",
         FILTERING, "kinesis", kinesis_records([{"n": 0}, {"n": 1, "keep": True}, {"n": 2}]), "ok", c_stream_filtered,
         ("--filter-criteria", '{"Filters": [{"Pattern": "{\\"data\\": {\\"keep\\": [true]}}"}]}')),
    Case("iterator-age", "The IteratorAge metric indicates how old the last record in the batch was when processing finished.",
         KINESIS_PAGE, "kinesis", kinesis_records(_n(2), arrival=OLD), "ok", c_iterator_age),
    Case("ddb-on-failure", "Lambda sends a document to the destination queue or topic with details about the batch (DDBStreamBatchInfo).",
         DDB_PAGE, "ddb", ddb_records(_n(1, {0}), arrival=OLD), "raise_on_bad", c_ddb_failure_record, ("--maximum-retry-attempts", "0")),
    Case("ddb-filter", "You can use event filtering to control which records from a stream or queue Lambda sends to your function. (DynamoDB, on eventName)", FILTERING, "ddb",
         ddb_records([{"n": 0}, {"n": 1, "modify": True}]), "ok", c_ddb_filter,
         ("--filter-criteria", '{"Filters": [{"Pattern": "{\\"eventName\\": [\\"MODIFY\\"]}"}]}')),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_semantic_case(case: Case, esm: Any, tmp_path: Path) -> None:
    import sys

    handler = case.handler.replace("{py}", sys.executable) if case.handler.startswith("exec:") else case.handler
    outcome = replay(esm, tmp_path, case.source, case.records, handler, *case.flags)
    assert outcome.rc == 0, outcome.stderr
    case.check(outcome)


def test_table_size_and_citations() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)
    for case in CASES:
        assert case.sentence and case.url.startswith("https://docs.aws.amazon.com/")

"""esm run polling real sources on moto's server: SQS (standard, FIFO, a redrive DLQ), Kinesis
with two shards (and an SQS on-failure destination) and DynamoDB Streams.

Queues get a 1-second visibility timeout so failed messages come back quickly.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import Esm, clean_env
from support import motoserver, run_handlers

HANDLERS = "support.run_handlers"


moto = motoserver.server_fixture("moto-run")


@pytest.fixture
def esm_moto(tmp_path: Path, moto: motoserver.MotoServer) -> Esm:
    # The mappings stay local; only the source is polled at the endpoint.
    return Esm(clean_env(tmp_path, **motoserver.DUMMY_CREDENTIALS))


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _stream(moto: motoserver.MotoServer, prefix: str, shards: int = 1) -> tuple[Any, str, dict[str, Any]]:
    """A new Kinesis stream: the client, the stream's name and its description."""
    kinesis = moto.client("kinesis")
    name = _name(prefix)
    kinesis.create_stream(StreamName=name, ShardCount=shards)
    return kinesis, name, kinesis.describe_stream(StreamName=name)["StreamDescription"]


def _queue(moto: motoserver.MotoServer, name: str, **attributes: str) -> tuple[str, str]:
    sqs = moto.client("sqs")
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "1", **attributes})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def _run(esm: Esm, moto: motoserver.MotoServer, arn: str, handler: str, *flags: str) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    run_handlers.CALLS.clear()
    result = esm("run", "--handler", f"{HANDLERS}:{handler}", "--source-endpoint-url", moto.url,
                 "--event-source-arn", arn, "--output", "json", "--duration", "60", *flags)
    lines, rest = [], []
    for line in result.stdout.splitlines():
        (lines if line.startswith('{"Batch"') else rest).append(line)
    summary = json.loads("\n".join(rest)) if rest else {}
    return result, summary, [json.loads(line) for line in lines]


def _ns(calls: list[dict[str, Any]]) -> list[int]:
    return [run_handlers.payload(r)["n"] for call in calls for r in call["Records"]]


def test_sqs_standard_deletes_what_succeeds(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    url, arn = _queue(moto, _name("run-std"))
    sqs = moto.client("sqs")
    for i in range(5):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": i}), MessageAttributes={
            "kind": {"DataType": "String", "StringValue": "test"}})
    result, summary, lines = _run(esm_moto, moto, arn, "ok", "--until-empty")
    assert result.rc == 0, result.stderr
    assert summary["StoppedBy"] == "until-empty"
    assert sorted(_ns(run_handlers.CALLS)) == [0, 1, 2, 3, 4]
    record = run_handlers.CALLS[0]["Records"][0]
    assert record["eventSourceARN"] == arn and record["eventSource"] == "aws:sqs"
    assert record["messageAttributes"]["kind"] == {"stringValue": "test", "stringListValues": [], "binaryListValues": [], "dataType": "String"}
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert summary["Metrics"]["DeletedEventCount"] == 5
    counts = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert counts["ApproximateNumberOfMessages"] == "0" and counts["ApproximateNumberOfMessagesNotVisible"] == "0"


def test_sqs_partial_failure_goes_to_the_redrive_dlq(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    dlq_url, dlq_arn = _queue(moto, _name("run-dlq"))
    url, arn = _queue(moto, _name("run-src"), RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"}))
    sqs = moto.client("sqs")
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": i, "bad": i == 1}))
    result, summary, lines = _run(esm_moto, moto, arn, "report_bad", "--until-empty",
                                  "--function-response-types", "ReportBatchItemFailures")
    assert result.rc == 0, result.stderr
    assert summary["Metrics"]["DeletedEventCount"] == 2
    assert _ns(run_handlers.CALLS).count(1) == 2  # received twice, then the redrive policy took it
    moved = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10)["Messages"]
    assert [json.loads(m["Body"])["n"] for m in moved] == [1]


def test_sqs_fifo_failed_batch_goes_back_whole(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    """A failed FIFO batch is left in the queue whole and every message is processed later.

    moto 5 departs from SQS here: after the visibility timeout it may hand out a later message
    of a group before the earlier ones that failed (SQS never returns a group's message while
    an earlier one is in flight), so the order of redelivery is checked in the replay cases
    (test_run_semantics.py, fifo-group-order), and here only the first delivery's order.
    """
    url, arn = _queue(moto, _name("run-fifo") + ".fifo", FifoQueue="true", ContentBasedDeduplication="true")
    sqs = moto.client("sqs")
    for i, group in enumerate(["a", "a", "b", "a"]):
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": i, "bad": i == 0}), MessageGroupId=group)
    result, summary, lines = _run(esm_moto, moto, arn, "fail_first_receive", "--until-empty")
    assert result.rc == 0, result.stderr
    assert lines[0]["Result"] == "failed" and lines[0]["Returned"] == 4 and lines[0]["Deleted"] == 0
    first = run_handlers.CALLS[0]["Records"]
    assert [(run_handlers.payload(r)["n"], r["attributes"]["MessageGroupId"]) for r in first] == [
        (0, "a"), (1, "a"), (2, "b"), (3, "a")]
    assert sorted(_ns(run_handlers.CALLS[1:])) == [0, 1, 2, 3]
    assert summary["Metrics"]["DeletedEventCount"] == 4 and summary["Metrics"]["FailedInvokeEventCount"] == 4


def test_kinesis_two_shards_and_on_failure_queue(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    kinesis, name, stream = _stream(moto, "run-stream", shards=2)
    arn = stream["StreamARN"]
    shards = [s["ShardId"] for s in stream["Shards"]]
    starts = [s["HashKeyRange"]["StartingHashKey"] for s in stream["Shards"]]
    for i in range(6):
        kinesis.put_record(StreamName=name, Data=json.dumps({"n": i, "bad": i == 3}).encode(), PartitionKey=f"k{i}",
                           ExplicitHashKey=starts[i % 2])
    dest_url, dest_arn = _queue(moto, _name("run-onfail"))
    result, summary, lines = _run(
        esm_moto, moto, arn, "raise_on_bad", "--until-empty", "--starting-position", "TRIM_HORIZON",
        "--maximum-retry-attempts", "1", "--bisect-batch-on-function-error",
        "--destination-config", json.dumps({"OnFailure": {"Destination": dest_arn}}),
    )
    assert result.rc == 0, result.stderr
    assert summary["StoppedBy"] == "until-empty"
    for call in run_handlers.CALLS:
        assert len({r["eventID"].split(":")[0] for r in call["Records"]}) == 1  # one shard per batch
    seen = {r["eventID"].split(":")[0] for call in run_handlers.CALLS for r in call["Records"]}
    assert seen == set(shards)
    assert summary["Metrics"]["DroppedEventCount"] == 1
    (message,) = moto.client("sqs").receive_message(QueueUrl=dest_url, MaxNumberOfMessages=10)["Messages"]
    record = json.loads(message["Body"])
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["KinesisBatchInfo"]["streamArn"] == arn and record["KinesisBatchInfo"]["batchSize"] == 1
    assert record["KinesisBatchInfo"]["shardId"] == shards[1]


def test_kinesis_latest_skips_older_records(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    kinesis, name, stream = _stream(moto, "run-latest")
    arn = stream["StreamARN"]
    kinesis.put_record(StreamName=name, Data=b'{"n": 0}', PartitionKey="k")
    result, summary, lines = _run(esm_moto, moto, arn, "ok", "--until-empty", "--starting-position", "LATEST")
    assert result.rc == 0, result.stderr
    assert run_handlers.CALLS == [] and summary["Metrics"]["PolledEventCount"] == 0


def test_dynamodb_stream(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    dynamodb = moto.client("dynamodb")
    table = _name("run-table")
    arn = dynamodb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )["TableDescription"]["LatestStreamArn"]
    for i in range(3):
        dynamodb.put_item(TableName=table, Item={"id": {"S": str(i)}, "v": {"S": json.dumps({"n": i})}})
    dynamodb.put_item(TableName=table, Item={"id": {"S": "0"}, "v": {"S": json.dumps({"n": 9})}})
    result, summary, lines = _run(esm_moto, moto, arn, "ok", "--until-empty", "--starting-position", "TRIM_HORIZON",
                                  "--batch-size", "2")
    assert result.rc == 0, result.stderr
    records = [r for call in run_handlers.CALLS for r in call["Records"]]
    assert [r["eventName"] for r in records] == ["INSERT", "INSERT", "INSERT", "MODIFY"]
    assert [len(call["Records"]) for call in run_handlers.CALLS] == [2, 2]
    first = records[0]
    assert first["eventSource"] == "aws:dynamodb" and first["eventSourceARN"] == arn
    assert first["dynamodb"]["Keys"] == {"id": {"S": "0"}}
    assert first["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert records[3]["dynamodb"]["OldImage"]["v"] == {"S": json.dumps({"n": 0})}
    assert isinstance(first["dynamodb"]["ApproximateCreationDateTime"], float)


def test_stored_mapping_on_the_aws_backend(tmp_path: Path, moto: motoserver.MotoServer) -> None:
    """--uuid reads the mapping from the aws backend (moto's Lambda), then polls its stream."""
    esm = Esm(clean_env(tmp_path, **motoserver.aws_variables(moto.url)))
    kinesis, name, stream = _stream(moto, "run-stored")
    arn = stream["StreamARN"]
    for i in range(3):
        kinesis.put_record(StreamName=name, Data=json.dumps({"n": i}).encode(), PartitionKey="k")
    mapping = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", arn,
                     "--starting-position", "TRIM_HORIZON", "--batch-size", "2")
    run_handlers.CALLS.clear()
    result = esm("run", "--uuid", mapping["UUID"], "--handler", f"{HANDLERS}:ok", "--source-endpoint-url", moto.url,
                 "--until-empty", "--output", "json", "--duration", "60")
    assert result.rc == 0, result.stderr
    summary = json.loads("\n".join(line for line in result.stdout.splitlines() if not line.startswith('{"Batch"')))
    assert summary["EventSourceMappingUUID"] == mapping["UUID"] and summary["StoredMapping"] is True
    assert [len(call["Records"]) for call in run_handlers.CALLS] == [2, 1]
    assert summary["FunctionArn"].endswith(":function:fn1")


def _failing_stream(moto: motoserver.MotoServer) -> tuple[str, str]:
    kinesis, name, stream = _stream(moto, "run-dest")
    arn = stream["StreamARN"]
    kinesis.put_record(StreamName=name, Data=json.dumps({"n": 0, "bad": True}).encode(), PartitionKey="k")
    return name, arn


def test_on_failure_to_s3_carries_the_payload(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    _, arn = _failing_stream(moto)
    s3 = moto.client("s3")
    bucket = _name("run-bucket")
    s3.create_bucket(Bucket=bucket)
    result, summary, _ = _run(esm_moto, moto, arn, "raise_on_bad", "--until-empty", "--starting-position", "TRIM_HORIZON",
                              "--maximum-retry-attempts", "0",
                              "--destination-config", json.dumps({"OnFailure": {"Destination": f"arn:aws:s3:::{bucket}"}}))
    assert result.rc == 0, result.stderr
    (obj,) = s3.list_objects_v2(Bucket=bucket)["Contents"]
    assert obj["Key"].startswith(f"aws/lambda/{summary['EventSourceMappingUUID']}/shardId-000000000000/")
    body = json.loads(s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read())
    assert body["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert run_handlers.payload(body["payload"]["Records"][0]) == {"n": 0, "bad": True}
    assert summary["Metrics"]["OnFailureDestinationDeliveredEventCount"] == 1


def test_on_failure_to_sns(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    _, arn = _failing_stream(moto)
    sns, sqs = moto.client("sns"), moto.client("sqs")
    topic = sns.create_topic(Name=_name("run-topic"))["TopicArn"]
    url, queue_arn = _queue(moto, _name("run-sub"))
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    result, summary, _ = _run(esm_moto, moto, arn, "raise_on_bad", "--until-empty", "--starting-position", "TRIM_HORIZON",
                              "--maximum-retry-attempts", "0",
                              "--destination-config", json.dumps({"OnFailure": {"Destination": topic}}))
    assert result.rc == 0, result.stderr
    (message,) = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    record = json.loads(message["Body"])
    assert record["KinesisBatchInfo"]["streamArn"] == arn and record["version"] == "1.0"


def test_kinesis_at_timestamp(esm_moto: Esm, moto: motoserver.MotoServer) -> None:
    import time

    kinesis, name, stream = _stream(moto, "run-ts")
    arn = stream["StreamARN"]
    kinesis.put_record(StreamName=name, Data=b'{"n": 0}', PartitionKey="k")
    time.sleep(1.5)
    middle = time.time()
    time.sleep(0.5)
    kinesis.put_record(StreamName=name, Data=b'{"n": 1}', PartitionKey="k")
    result, summary, _ = _run(esm_moto, moto, arn, "ok", "--until-empty", "--starting-position", "AT_TIMESTAMP",
                              "--starting-position-timestamp", str(middle))
    assert result.rc == 0, result.stderr
    assert _ns(run_handlers.CALLS) == [1]

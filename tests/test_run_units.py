"""esm run's parts on their own: the batching window and payload limit, the response verdicts,
the copy a handler gets, and the invocation record."""

from __future__ import annotations

from typing import Any

from esm_cli.runner import batching
from esm_cli.runner.config import from_flags
from esm_cli.runner.counters import Counters
from esm_cli.runner.destinations import RETRIES_EXHAUSTED, invocation_record
from esm_cli.runner.events import kinesis_item, kinesis_record
from esm_cli.runner.invoke import MALFORMED, Invocation, handler_copy
from esm_cli.runner.items import Item
from esm_cli.runner.semantics import FAILED, OK, PARTIAL, split_at_checkpoint, verdict
from esm_cli.runner.stream import StreamProcessor

KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/s1"


def _cfg(**members: Any) -> Any:
    return from_flags({"FunctionName": "fn", "EventSourceArn": KINESIS, "StartingPosition": "TRIM_HORIZON", **members},
                      region="us-east-1", account="123456789012")


def _item(n: int, shard: str = "shardId-000000000000") -> Item:
    raw = {"SequenceNumber": str(100 + n), "Data": b"{}", "PartitionKey": "k", "ApproximateArrivalTimestamp": 1.0e9}
    return kinesis_item(kinesis_record(shard, raw, KINESIS, "us-east-1", "role"), shard)


class _Trickle:
    """A live stream that yields one record per read and never ends."""

    label = "kinesis"

    def __init__(self) -> None:
        self.n = 0

    def shards(self) -> list[str]:
        return ["shardId-000000000000"]

    def fetch(self, shard: str, limit: int) -> list[Item]:
        self.n += 1
        return [_item(self.n)]

    def at_end(self, shard: str) -> bool:
        return False


def _trickle_batches(window: int, steps: int) -> list[int]:
    sizes: list[int] = []

    def invoke(event: dict[str, Any]) -> Invocation:
        sizes.append(len(event["Records"]))
        return Invocation("id")

    cfg = _cfg(BatchSize=3, MaximumBatchingWindowInSeconds=window)
    processor = StreamProcessor(cfg, _Trickle(), invoke, Counters(None, "u", warn=print), lambda d: None, None,
                                replay=False, concurrent=False)
    for _ in range(steps):
        processor.step(100)
    return sizes


def test_no_batching_window_invokes_with_what_there_is() -> None:
    assert _trickle_batches(0, 4) == [1, 1, 1, 1]


def test_a_batching_window_gathers_until_the_batch_is_full() -> None:
    # The window (300 s) never runs out here: the batch goes when BatchSize (3) is reached.
    assert _trickle_batches(300, 7) == [3, 3]


def test_payload_limit_counts_exact_sizes_near_6_mb() -> None:
    small = [Item({"body": "x"}, str(i), size=3000) for i in range(10)]
    assert batching.fitting(small, 4) == 4  # far from the limit: BatchSize decides
    big = [Item({"body": "x" * 2_000_000}, str(i), size=4_002_048) for i in range(5)]
    assert batching.fitting(big, 10) == 3  # near it the exact sizes decide: 3 × 2 MB fit in 6 MB
    assert all(item.exact for item in big)


def test_verdicts() -> None:
    batch = [_item(1), _item(2), _item(3)]
    assert verdict(Invocation("x", error={"errorType": "E", "errorMessage": "m"}), batch, report_failures=True).status == FAILED
    assert verdict(Invocation("x", response=MALFORMED), batch, report_failures=True).status == FAILED
    assert verdict(Invocation("x", response=MALFORMED), batch, report_failures=False).status == OK
    assert verdict(Invocation("x", response=[1]), batch, report_failures=True).status == FAILED
    assert verdict(Invocation("x", response={"batchItemFailures": "x"}), batch, report_failures=True).status == FAILED
    partial = verdict(Invocation("x", response={"batchItemFailures": [{"itemIdentifier": "103"}, {"itemIdentifier": "102"}]}),
                      batch, report_failures=True)
    assert partial.status == PARTIAL and partial.failed == {"102", "103"}
    done, rest = split_at_checkpoint(batch, partial.failed)
    assert [i.ident for i in done] == ["101"] and [i.ident for i in rest] == ["102", "103"]


def test_handler_copy_protects_retries() -> None:
    record = {"body": "{}", "attributes": {"ApproximateReceiveCount": "1"}}
    copied = handler_copy({"Records": [record], "state": {"a": {"b": 1}}})
    copied["Records"][0]["body"] = {}
    copied["Records"][0]["attributes"]["ApproximateReceiveCount"] = "9"
    copied["state"]["a"]["b"] = 2
    assert record == {"body": "{}", "attributes": {"ApproximateReceiveCount": "1"}}


def test_invocation_record_shape() -> None:
    cfg = _cfg()
    items = [_item(1), _item(2)]
    record = invocation_record(cfg, items, condition=RETRIES_EXHAUSTED, invocation=Invocation("req", response={}),
                               invoke_count=4)
    assert list(record) == ["requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo"]
    assert record["requestContext"] == {"requestId": "req", "functionArn": cfg.function_arn,
                                        "condition": RETRIES_EXHAUSTED, "approximateInvokeCount": 4}
    assert record["responseContext"] == {"statusCode": 200, "executedVersion": "$LATEST"}  # a partial failure: no functionError
    assert record["KinesisBatchInfo"]["startSequenceNumber"] == "101" and record["KinesisBatchInfo"]["endSequenceNumber"] == "102"
    assert record["KinesisBatchInfo"]["approximateArrivalOfFirstRecord"] == "2001-09-09T01:46:40.000Z"

"""Handlers for esm run's tests: they record every event they get and answer as each test needs.

A record's payload (the SQS body, the Kinesis data, the DynamoDB NewImage's ``v``) is JSON;
``{"bad": true}`` marks a record the failing handlers fail on.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

CALLS: list[dict[str, Any]] = []
CONTEXTS: list[dict[str, Any]] = []


def payload(record: dict[str, Any]) -> Any:
    if "body" in record:
        return json.loads(record["body"])
    if "kinesis" in record:
        return json.loads(base64.b64decode(record["kinesis"]["data"]))
    image = record["dynamodb"].get("NewImage") or {}
    return json.loads(image["v"]["S"]) if "v" in image else {}


def ident(record: dict[str, Any]) -> str:
    if "messageId" in record:
        return record["messageId"]
    if "kinesis" in record:
        return record["kinesis"]["sequenceNumber"]
    return record["dynamodb"]["SequenceNumber"]


def _bad(record: dict[str, Any]) -> bool:
    data = payload(record)
    return isinstance(data, dict) and bool(data.get("bad"))


def ok(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)


def raise_on_bad(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)
    if any(_bad(r) for r in event["Records"]):
        raise RuntimeError("a bad record")


def always_fail(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)
    raise RuntimeError("always")


def fail_first_receive(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)
    if any(r["attributes"]["ApproximateReceiveCount"] == "1" and _bad(r) for r in event["Records"]):
        raise RuntimeError("first receive of a bad message")


def report_bad(event: dict[str, Any], context: Any) -> dict[str, Any]:
    CALLS.append(event)
    return {"batchItemFailures": [{"itemIdentifier": ident(r)} for r in event["Records"] if _bad(r)]}


def report_first_bad_only(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Reports only the failed messages, not the ones after them (wrong for FIFO)."""
    return report_bad(event, context)


def _answer(response: Any) -> Any:
    def handler(event: dict[str, Any], context: Any) -> Any:
        CALLS.append(event)
        return response

    return handler


empty_list = _answer({"batchItemFailures": []})
null_list = _answer({"batchItemFailures": None})
empty_response = _answer({})
null_response = _answer(None)
string_response = _answer("not an event response")
empty_identifier = _answer({"batchItemFailures": [{"itemIdentifier": ""}]})
null_identifier = _answer({"batchItemFailures": [{"itemIdentifier": None}]})
bad_key = _answer({"batchItemFailures": [{"messageId": "x"}]})
unknown_identifier = _answer({"batchItemFailures": [{"itemIdentifier": "no-such-id"}]})


def slow(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)
    time.sleep(5)


def context_probe(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)
    CONTEXTS.append({
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "remaining": context.get_remaining_time_in_millis(),
    })


def window_sum(event: dict[str, Any], context: Any) -> dict[str, Any]:
    CALLS.append(event)
    state = dict(event["state"])
    state["count"] = state.get("count", 0) + len(event["Records"])
    return {"state": state}


def window_no_state(event: dict[str, Any], context: Any) -> dict[str, Any]:
    CALLS.append(event)
    return {}


def interrupt(event: dict[str, Any], context: Any) -> None:
    CALLS.append(event)
    raise KeyboardInterrupt


def chatty(event: dict[str, Any], context: Any) -> None:
    print("a log line from the handler")


def sleepy(event: dict[str, Any], context: Any) -> None:
    time.sleep(0.2)

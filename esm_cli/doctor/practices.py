"""The checks that need no AWS account: a mapping's configuration against AWS's own advice.

``best_practice_findings(mapping, facts)`` is what ``esm doctor --offline`` (and the local
backend) runs on a stored mapping and what ``esm validate --strict`` reports beside the rules.
``facts`` carries what doctor read from the account when it has it (queue visibility timeout,
function timeout, FIFO, reserved concurrency, redrive policy, shard count); a check whose fact
is missing is skipped here and listed by ``needs_account()``. The AWS pages each check cites
are summarised in docs/doctor.md.
"""

from __future__ import annotations

import json
from typing import Any

from esm_cli.doctor.findings import ERROR, INFO, WARNING, Finding
from esm_cli.sources import KAFKA, SQS, STREAMS, Source, classify

SQS_CONFIGURE = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html"
SQS_PARTIAL = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html"
SQS_SCALING = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html"
KINESIS_ERRORS = "https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html"
DDB_ERRORS = "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html"
KAFKA_TIMEOUT = "https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html"
SQS_DLQ = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html"

SQS_DEFAULT_BATCH = 10
POLLED_TIMEOUT_LIMIT = 14 * 60  # Kafka, MQ and DocumentDB mappings: function timeout at most 14 minutes

# Checks that need a fact read from the account: id → what it needs (said when it is missing).
NEEDS_ACCOUNT = {
    "D-SQS-VISIBILITY": "the queue's VisibilityTimeout and the function's Timeout",
    "D-SQS-REDRIVE": "the queue's RedrivePolicy",
    "D-SCALING-RESERVED": "the function's reserved concurrency",
    "D-POLLED-TIMEOUT": "the function's Timeout",
    "D-ROLE-PERMISSIONS": "the execution role's policies",
    "D-FUNCTION": "the function's configuration",
    "D-SOURCE": "the event source's status",
    "D-DESTINATION": "the on-failure destination",
    "D-STATE": "the mapping's live State and LastProcessingResult",
}


def _uuid(mapping: dict[str, Any]) -> str:
    return str(mapping.get("UUID") or "<UUID>")


def _update(mapping: dict[str, Any], flags: str) -> str:
    return f"esm update-event-source-mapping --uuid {_uuid(mapping)} {flags}"


def _function(mapping: dict[str, Any]) -> str:
    return str(mapping.get("FunctionArn") or mapping.get("FunctionName") or "FUNCTION")


def _sibling_queue(mapping: dict[str, Any], suffix: str) -> str:
    """A queue ARN in the source's region and account, named after the source (for a fix to create)."""
    parts = str(mapping.get("EventSourceArn") or "").split(":")
    if len(parts) < 6:
        return f"arn:aws:sqs:REGION:ACCOUNT:{suffix}"
    resource = parts[5]
    # table/<t>/stream/<time> and stream/<s>[/consumer/…] are named after the table or stream
    name = resource.split("/")[1] if resource.startswith(("table/", "stream/")) else resource.rsplit("/", 1)[-1]
    name = name.replace(".fifo", "")
    return f"arn:{parts[1]}:sqs:{parts[3]}:{parts[4]}:{name}-{suffix}"


def queue_url(arn: str) -> str:
    """The queue URL SQS gives a queue ARN (arn:aws:sqs:region:account:name)."""
    parts = arn.split(":")
    if len(parts) < 6:
        return arn
    suffix = ".amazonaws.com.cn" if parts[1] == "aws-cn" else ".amazonaws.com"
    return f"https://sqs.{parts[3]}{suffix}/{parts[4]}/{parts[5]}"


def _destination(mapping: dict[str, Any]) -> str | None:
    return ((mapping.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination") or None


def _sqs_batch_failures(mapping: dict[str, Any]) -> list[Finding]:
    batch = mapping.get("BatchSize") or SQS_DEFAULT_BATCH
    if batch <= 1 or "ReportBatchItemFailures" in (mapping.get("FunctionResponseTypes") or []):
        return []
    return [
        Finding(
            "D-SQS-BATCH-ITEM-FAILURES",
            WARNING,
            f"batches of up to {batch} messages without ReportBatchItemFailures: one failed message makes the whole batch come back",
            why="Without partial batch responses Lambda treats a batch as failed or succeeded as a whole, so messages that "
            "were processed are processed again (and counted against maxReceiveCount) when one fails.",
            doc_url=SQS_PARTIAL,
            fix=_update(mapping, "--function-response-types ReportBatchItemFailures")
            + '   # and return {"batchItemFailures": [{"itemIdentifier": <messageId>}]} from the function',
        )
    ]


def _sqs_visibility(mapping: dict[str, Any], facts: dict[str, Any]) -> list[Finding]:
    visibility, timeout = facts.get("queue_visibility_timeout"), facts.get("function_timeout")
    if visibility is None or timeout is None:
        return []
    window = mapping.get("MaximumBatchingWindowInSeconds") or 0
    recommended = 6 * timeout + window
    url = queue_url(mapping.get("EventSourceArn", ""))
    fix = f"aws sqs set-queue-attributes --queue-url {url} --attributes VisibilityTimeout={min(recommended, 43200)}"
    if visibility < timeout:
        return [
            Finding(
                "D-SQS-VISIBILITY",
                ERROR,
                f"queue visibility timeout {visibility} s is less than the function timeout {timeout} s",
                why='AWS refuses such a mapping ("Queue visibility timeout: … seconds is less than Function timeout: … seconds"); '
                "a message would become visible again while the function still works on it, and be processed twice.",
                doc_url=SQS_CONFIGURE,
                fix=fix,
            )
        ]
    if visibility < recommended:
        return [
            Finding(
                "D-SQS-VISIBILITY",
                WARNING,
                f"queue visibility timeout {visibility} s is below 6 × function timeout ({timeout} s) + batching window ({window} s) = {recommended} s",
                why="AWS recommends at least six times the function timeout plus MaximumBatchingWindowInSeconds, so throttled "
                "retries do not make messages visible again and get them processed twice.",
                doc_url=SQS_CONFIGURE,
                fix=fix,
            )
        ]
    return []


def _sqs_redrive(mapping: dict[str, Any], facts: dict[str, Any]) -> list[Finding]:
    if facts.get("redrive_policy") is not False or _destination(mapping):
        return []
    url = queue_url(mapping.get("EventSourceArn", ""))
    fifo = str(mapping.get("EventSourceArn", "")).endswith(".fifo")  # a FIFO queue's DLQ must be FIFO too
    dlq = _sibling_queue(mapping, "dlq") + (".fifo" if fifo else "")
    create = f"aws sqs create-queue --queue-name {dlq.rsplit(':', 1)[-1]}" + (
        " --attributes FifoQueue=true" if fifo else ""
    )
    policy = json.dumps({"deadLetterTargetArn": dlq, "maxReceiveCount": "5"})
    return [
        Finding(
            "D-SQS-REDRIVE",
            WARNING,
            "the queue has no redrive policy (dead-letter queue) and the mapping no on-failure destination",
            why="A message the function always fails on (a poison message) is retried until it expires, blocking FIFO "
            "groups and costing invocations; a dead-letter queue keeps it for inspection.",
            doc_url=SQS_DLQ,
            fix=f"{create} && aws sqs set-queue-attributes --queue-url {url} --attributes '{json.dumps({'RedrivePolicy': policy})}'",
        )
    ]


def _stream_poison(mapping: dict[str, Any], kind: Source) -> list[Finding]:
    retries = mapping.get("MaximumRetryAttempts", -1)
    age = mapping.get("MaximumRecordAgeInSeconds", -1)
    infinite = retries in (-1, None) and age in (-1, None)
    if not infinite or mapping.get("BisectBatchOnFunctionError") or _destination(mapping):
        return []
    doc = DDB_ERRORS if kind == Source.DYNAMODB else KINESIS_ERRORS
    failures = _sibling_queue(mapping, "failures")
    destination = json.dumps({"OnFailure": {"Destination": failures}}, separators=(",", ":"))
    return [
        Finding(
            "D-STREAM-POISON",
            WARNING,
            "infinite retries (MaximumRetryAttempts -1, MaximumRecordAgeInSeconds -1), no bisect and no on-failure destination",
            why="A record the function always fails on blocks its shard until the record expires from the stream "
            "(IteratorAge climbs, later records wait), then it is lost without a trace.",
            doc_url=doc,
            fix=f"aws sqs create-queue --queue-name {failures.rsplit(':', 1)[-1]} && "
            + _update(
                mapping,
                f"--maximum-retry-attempts 10 --bisect-batch-on-function-error --destination-config '{destination}'",
            ),
        )
    ]


def _scaling(mapping: dict[str, Any], facts: dict[str, Any]) -> list[Finding]:
    maximum = (mapping.get("ScalingConfig") or {}).get("MaximumConcurrency")
    reserved = facts.get("reserved_concurrency")
    if maximum is None or reserved is None or maximum <= reserved:
        return []
    return [
        Finding(
            "D-SCALING-RESERVED",
            WARNING,
            f"ScalingConfig.MaximumConcurrency {maximum} is above the function's reserved concurrency {reserved}",
            why="The mapping will try to run more invocations than the function may, so Lambda throttles them; "
            "AWS advises reserved concurrency at least as high as the mapping's maximum concurrency.",
            doc_url=SQS_SCALING,
            fix=_update(mapping, f"--scaling-config MaximumConcurrency={max(reserved, 2)}")
            + f"   # or: aws lambda put-function-concurrency --function-name {_function(mapping)} --reserved-concurrent-executions {maximum}",
        )
    ]


def _polled_timeout(mapping: dict[str, Any], kind: Source, facts: dict[str, Any]) -> list[Finding]:
    timeout = facts.get("function_timeout")
    if kind not in KAFKA and kind not in (Source.MQ, Source.DOCUMENTDB) or timeout is None:
        return []
    if timeout <= POLLED_TIMEOUT_LIMIT:
        return []
    return [
        Finding(
            "D-POLLED-TIMEOUT",
            ERROR,
            f"function timeout {timeout} s is over 14 minutes, the most a {kind.label} mapping allows",
            why="Lambda's pollers for Kafka, Amazon MQ and DocumentDB wait at most 14 minutes for an invocation.",
            doc_url=KAFKA_TIMEOUT,
            fix=f"aws lambda update-function-configuration --function-name {_function(mapping)} --timeout {POLLED_TIMEOUT_LIMIT}",
        )
    ]


def _stream_concurrency(mapping: dict[str, Any], kind: Source, facts: dict[str, Any]) -> list[Finding]:
    factor = mapping.get("ParallelizationFactor") or 1
    shards, reserved = facts.get("shard_count"), facts.get("reserved_concurrency")
    doc = DDB_ERRORS if kind == Source.DYNAMODB else KINESIS_ERRORS
    why = (
        "Stream mappings scale with shards: Lambda processes one batch per shard at a time, times the "
        "ParallelizationFactor (1–10); more shards or a higher factor means more concurrent invocations."
    )
    if shards is None:
        text = f"concurrency = shards × ParallelizationFactor ({factor}): one batch per shard × factor at a time"
    else:
        text = f"will use up to {shards * factor} concurrent invocations ({shards} shards × ParallelizationFactor {factor})"
    if shards is not None and reserved is not None and shards * factor > reserved:
        return [
            Finding(
                "D-STREAM-CONCURRENCY",
                WARNING,
                f"{text}, above the function's reserved concurrency {reserved}: batches will be throttled and IteratorAge grow",
                why=why + " Reserved concurrency caps the function below that.",
                doc_url=doc,
                fix=f"aws lambda put-function-concurrency --function-name {_function(mapping)} "
                f"--reserved-concurrent-executions {shards * factor}   # or: "
                + _update(mapping, f"--parallelization-factor {max(1, reserved // shards)}"),
                data={"Shards": shards, "ParallelizationFactor": factor},
            )
        ]
    return [
        Finding(
            "D-STREAM-CONCURRENCY",
            INFO,
            text,
            why=why,
            doc_url=doc,
            data={"Shards": shards, "ParallelizationFactor": factor},
        )
    ]


def best_practice_findings(mapping: dict[str, Any], facts: dict[str, Any] | None = None) -> list[Finding]:
    """Every offline check's findings for one API-shaped mapping (nothing for a clean one, but stream info)."""
    facts = facts or {}
    kind = classify(mapping)
    if kind is None:
        return []
    found: list[Finding] = []
    if kind in SQS:
        found += _sqs_batch_failures(mapping)
        found += _sqs_visibility(mapping, facts)
        found += _sqs_redrive(mapping, facts)
    if kind in STREAMS:
        found += _stream_poison(mapping, kind)
        found += _stream_concurrency(mapping, kind, facts)
    found += _scaling(mapping, facts)
    found += _polled_timeout(mapping, kind, facts)
    return found


def needs_account(mapping: dict[str, Any], facts: dict[str, Any] | None = None) -> list[str]:
    """The checks that could not run offline for this mapping, as "ID (needs …)" lines."""
    facts = facts or {}
    kind = classify(mapping)
    skipped = []
    for check_id, what in NEEDS_ACCOUNT.items():
        if check_id in ("D-SQS-VISIBILITY", "D-SQS-REDRIVE") and kind not in SQS:
            continue
        if check_id == "D-POLLED-TIMEOUT" and kind not in KAFKA and kind not in (Source.MQ, Source.DOCUMENTDB):
            continue
        if check_id == "D-SCALING-RESERVED" and not (mapping.get("ScalingConfig") or {}).get("MaximumConcurrency"):
            continue
        if check_id == "D-DESTINATION" and not _destination(mapping):
            continue
        skipped.append(f"{check_id} (needs {what})")
    return skipped

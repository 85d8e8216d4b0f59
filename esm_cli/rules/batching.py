"""Batch size and batching window (docs/rules.md, R-BS and R-BW).

These read the effective configuration: on update AWS checks the stored mapping with the
changes applied, so ``BatchSize: 11`` alone fails on an SQS mapping whose window is 0
(recorded, R-BS-4). Absent values take the defaults AWS fills in (R-BS-1, R-BW-2).
"""

from __future__ import annotations

from esm_cli.rules.base import FIFO, SMK, SQS, Context, Finding, as_dict, as_int, rule_maker, unsupported_message

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable

SQS_DEFAULT_BATCH = 10
SQS_BATCH_WITHOUT_WINDOW = 10
FIFO_MAX_BATCH = 10


def _batch(ctx: Context) -> int:
    return as_int(ctx.get("BatchSize")) or SQS_DEFAULT_BATCH


def _window(ctx: Context) -> int:
    return as_int(ctx.get("MaximumBatchingWindowInSeconds")) or 0


def _blame(ctx: Context, *params: str) -> str:
    """The parameter this request changed (update), else the first one."""
    return next((p for p in params if p in ctx.request), params[0])


def _fifo_batch(ctx: Context) -> Iterable[Finding]:
    if _batch(ctx) > FIFO_MAX_BATCH:
        yield Finding("BatchSize", {"BatchSize": _batch(ctx)})


def _batch_needs_window(ctx: Context) -> Iterable[Finding]:
    if _batch(ctx) > SQS_BATCH_WITHOUT_WINDOW and _window(ctx) < 1:
        yield Finding(_blame(ctx, "BatchSize", "MaximumBatchingWindowInSeconds"), {"BatchSize": _batch(ctx)})


def _fifo_window(ctx: Context) -> Iterable[Finding]:
    if _window(ctx) > 0:
        yield Finding("MaximumBatchingWindowInSeconds", {"window": _window(ctx)})


def _queue_mode_window(ctx: Context) -> Iterable[Finding]:
    mode = as_dict(ctx.get("SelfManagedKafkaEventSourceConfig")).get("ConsumptionMode")
    if mode == "Queue" and as_int(ctx.request.get("MaximumBatchingWindowInSeconds")) is not None:
        yield Finding("MaximumBatchingWindowInSeconds")


_rule = rule_maker("batching")

RULES = (
    _rule(
        "R-BS-3", "BatchSize", _fifo_batch, FIFO, verbatim=True, refs=("R-BS-2", "R-BS-3"),
        message="Maximum batch size must be between 1 and 10 inclusive",
        hint="A FIFO queue delivers at most 10 messages per batch: use --batch-size 10 or less (now <BatchSize>).",
        evidence="[D] services-sqs-parameters \"For FIFO queues, the maximum is 10\"; [T] cfn-lint E3705. Text as AWS "
        "gave it for SQS before batching windows existed [U] pulumi/pulumi-aws-serverless#20 (2018); today's FIFO "
        "text is not recorded",
    ),
    _rule(
        "R-BS-4", ("BatchSize", "MaximumBatchingWindowInSeconds"), _batch_needs_window, SQS,
        verbatim=True, refs=("R-BS-4", "R-BS-5", "R-UPD-4"),
        message="Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
        hint="With --batch-size above 10 (here <BatchSize>), set --maximum-batching-window-in-seconds to 1 or more, "
        "or use a batch size of 10 or less.",
        evidence="[S] test_lambda_integration_sqs.snapshot.json :: TestSQSEventSourceMapping::"
        "test_event_source_mapping_default_batch_size → invalid-create-event-source-mapping and "
        "→ invalid-update-event-source-mapping (25-11-2025); [U] ansible-collections/amazon.aws#1995 (2024). "
        "Not enforced for streams despite the docs (R-BS-5)",
    ),
    _rule(
        "R-BW-3", "MaximumBatchingWindowInSeconds", _fifo_window, FIFO, verbatim=True, refs=("R-BW-3", "R-APP-3"),
        message="Batching window is not supported for FIFO queues",
        hint="Remove --maximum-batching-window-in-seconds (or set it to 0) for a FIFO queue.",
        evidence="[U] aws/aws-lambda-dotnet#1758 comment 2024-06-12 (via CloudFormation: `Invalid request provided: "
        "Batching window is not supported for FIFO queues`); [D] services-sqs-parameters. Window 0 is accepted [S] "
        "test_report_batch_item_failures",
    ),
    _rule(
        "R-BW-4", ("MaximumBatchingWindowInSeconds", "SelfManagedKafkaEventSourceConfig"), _queue_mode_window, SMK,
        refs=("R-BW-4", "R-KAF-6"),
        message=unsupported_message("MaximumBatchingWindowInSeconds"),
        hint="Queue consumption mode does not batch by time: remove --maximum-batching-window-in-seconds.",
        evidence="[M] SelfManagedKafkaEventSourceConfig.ConsumptionMode: \"When ConsumptionMode is Queue, the "
        "StartingPosition, StartingPositionTimestamp, and MaximumBatchingWindowInSeconds parameters are not "
        "supported\". Message unknown: the R-APP-2 template is assumed",
    ),
)

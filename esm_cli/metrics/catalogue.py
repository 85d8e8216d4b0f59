"""The one table of the metrics ``esm metrics`` shows (docs/metrics.md is rendered from it).

Each row says where CloudWatch keeps the metric (namespace and which dimension), the
statistic AWS recommends reading it with (Sum for counts of events, Maximum for ages and
lags), its unit, which sources it applies to, when a value signals trouble and what that
means, and the AWS page the fact comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from esm_cli.sources import FAMILIES

# Source families (esm_cli.sources.FAMILIES) a metric applies to.
ALL = frozenset(FAMILIES)
STREAMS = frozenset({"kinesis", "dynamodb", "docdb"})
KAFKA = frozenset({"kafka"})

# Where a metric's dimensions come from (see dimensions() in esm_cli/metrics/fetch.py):
FUNCTION = "function"  # FunctionName (+ Resource "name:qualifier" for an alias or version)
MAPPING = "mapping"  # EventSourceMappingUUID
QUEUE = "queue"  # QueueName
STREAM = "stream"  # StreamName

# Trouble tests (see is_trouble):
ABOVE_ZERO = "above-zero"  # any period in the window above zero
GROWING = "growing"  # the series rises across the window

LAMBDA_TYPES = "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html"
SQS_METRICS = (
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html"
)
KINESIS_METRICS = "https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html"


@dataclass(frozen=True)
class Metric:
    name: str  # as AWS names it; also the series' Label
    namespace: str
    dimension: str  # FUNCTION, MAPPING, QUEUE or STREAM
    statistic: str
    unit: str
    sources: frozenset[str]
    group: str  # "function", a MetricsConfig value (EventCount, ErrorCount, KafkaMetrics) or "source"
    meaning: str
    doc_url: str
    trouble: str | None = None  # ABOVE_ZERO, GROWING or None
    reading: str = ""  # one line telling what a trouble value means


# fmt: off
# The table is laid out by hand, one metric per line or two, so that it reads as a table.
def _fn(name: str, stat: str, unit: str, meaning: str, anchor: str, *, sources: frozenset[str] = ALL,
        trouble: str | None = None, reading: str = "") -> Metric:
    return Metric(name, "AWS/Lambda", FUNCTION, stat, unit, sources, "function", meaning,
                  f"{LAMBDA_TYPES}#{anchor}", trouble, reading)


def _esm(name: str, group: str, sources: frozenset[str], meaning: str, *, stat: str = "Sum", unit: str = "Count",
         trouble: str | None = None, reading: str = "") -> Metric:
    return Metric(name, "AWS/Lambda", MAPPING, stat, unit, sources, group, meaning,
                  f"{LAMBDA_TYPES}#event-source-mapping-metrics", trouble, reading)


CATALOGUE: tuple[Metric, ...] = (
    # -- the function the mapping invokes -------------------------------------------------
    _fn("Invocations", "Sum", "Count", "Times the function code ran (successes and function errors).",
        "invocation-metrics"),
    _fn("Errors", "Sum", "Count", "Invocations that ended in a function error (exception, timeout, crash).",
        "invocation-metrics", trouble=ABOVE_ZERO,
        reading="the function failed on some batches: they are retried, and may block a stream shard or end in a DLQ"),
    _fn("Throttles", "Sum", "Count", "Invocation requests refused for lack of concurrency.", "invocation-metrics",
        trouble=ABOVE_ZERO,
        reading="concurrency ran out (reserved concurrency or the account limit): batches wait and retry"),
    _fn("Duration", "Average", "Milliseconds", "Time the function code spent per invocation.", "performance-metrics"),
    _fn("ConcurrentExecutions", "Maximum", "Count", "Function instances processing events at the same time.",
        "concurrency-metrics"),
    _fn("IteratorAge", "Maximum", "Milliseconds",
        "Age of the last record of each batch when Lambda received it (stream sources).", "performance-metrics",
        sources=STREAMS, trouble=GROWING,
        reading="the mapping is falling behind the stream: records wait longer, and expire at the stream's retention"),
    _fn("OffsetLag", "Maximum", "Count",
        "Records between the last one written to the topic and the last one processed.", "performance-metrics",
        sources=KAFKA, trouble=GROWING,
        reading="the consumer is falling behind the topic: more partitions' records wait every period"),
    # -- the mapping's own metrics (MetricsConfig EventCount / ErrorCount / KafkaMetrics) ---
    _esm("PolledEventCount", "EventCount", ALL, "Events the mapping read from the source."),
    _esm("FilteredOutEventCount", "EventCount", ALL, "Events the mapping's filter criteria dropped before invoking."),
    _esm("InvokedEventCount", "EventCount", ALL, "Events that reached the function."),
    _esm("FailedInvokeEventCount", "EventCount", ALL, "Events whose invocation failed.", trouble=ABOVE_ZERO,
         reading="invocations with these events failed: they are retried per the mapping's retry settings"),
    _esm("DroppedEventCount", "EventCount", STREAMS | KAFKA, "Events dropped after expiring or running out of retries.",
         trouble=ABOVE_ZERO,
         reading="events were lost: they expired or exhausted their retries (see the on-failure destination)"),
    _esm("OnFailureDestinationDeliveredEventCount", "EventCount", STREAMS | KAFKA,
         "Events sent to the on-failure destination."),
    _esm("DeletedEventCount", "EventCount", frozenset({"sqs"}),
         "Messages the mapping deleted from the queue after success."),
    _esm("CommittedEventCount", "EventCount", KAFKA, "Events whose offsets the mapping committed."),
    _esm("PollingErrorCount", "ErrorCount", KAFKA, "Errors while polling the Kafka cluster.", trouble=ABOVE_ZERO,
         reading="the mapping could not read the topic: check network, authentication and permissions"),
    _esm("InvokeErrorCount", "ErrorCount", KAFKA, "Errors while invoking the function.", trouble=ABOVE_ZERO,
         reading="invoking the function failed: see the function's Errors and Throttles"),
    _esm("OnFailureDestinationDeliveryErrorCount", "ErrorCount", KAFKA,
         "Failures to deliver to the on-failure destination.", trouble=ABOVE_ZERO,
         reading="failed records could not be saved: check the destination and the role's permissions"),
    _esm("SchemaRegistryErrorCount", "ErrorCount", KAFKA, "Errors validating records against the schema registry.",
         trouble=ABOVE_ZERO, reading="records did not match their schema, or the registry could not be reached"),
    _esm("CommitErrorCount", "ErrorCount", KAFKA, "Errors committing offsets to the cluster.", trouble=ABOVE_ZERO,
         reading="offsets were not committed: records may be processed again"),
    _esm("MaxOffsetLag", "KafkaMetrics", KAFKA, "The largest offset lag over the mapping's partitions.",
         stat="Maximum", trouble=GROWING, reading="the slowest partition is falling further behind"),
    _esm("SumOffsetLag", "KafkaMetrics", KAFKA, "The offset lag summed over the mapping's partitions.",
         stat="Maximum", trouble=GROWING, reading="the consumer group as a whole is falling behind"),
    # -- the source's side ----------------------------------------------------------------
    Metric("ApproximateNumberOfMessagesVisible", "AWS/SQS", QUEUE, "Maximum", "Count", frozenset({"sqs"}), "source",
           "Messages waiting in the queue (the backlog).", SQS_METRICS, GROWING,
           "the backlog grows: the function does not keep up with the producers"),
    Metric("ApproximateAgeOfOldestMessage", "AWS/SQS", QUEUE, "Maximum", "Seconds", frozenset({"sqs"}), "source",
           "Age of the oldest message still in the queue.", SQS_METRICS, GROWING,
           "messages wait longer and longer: a slow function, or a poison message being retried"),
    Metric("GetRecords.IteratorAgeMilliseconds", "AWS/Kinesis", STREAM, "Maximum", "Milliseconds",
           frozenset({"kinesis"}), "source",
           "Age of the last record read by all of the stream's GetRecords consumers.", KINESIS_METRICS,
           GROWING, "a consumer of the stream is falling behind; records expire at the stream's retention"),
)

# fmt: on

BY_NAME = {metric.name: metric for metric in CATALOGUE}

# MetricsConfig values that make Lambda publish the mapping's own metrics (one group each).
METRICS_CONFIG_GROUPS = ("EventCount", "ErrorCount", "KafkaMetrics")


def select(family: str, metrics_config: list[str] | None, *, all_groups: bool = False) -> list[Metric]:
    """The metrics that apply to a mapping of this source ``family``, in catalogue order.

    The mapping's own groups are included only when its MetricsConfig asks for them
    (Lambda publishes nothing for the others), unless ``all_groups``.
    """
    wanted = set(metrics_config or ())
    chosen = []
    for metric in CATALOGUE:
        if family not in metric.sources:
            continue
        if metric.group in METRICS_CONFIG_GROUPS and not all_groups and metric.group not in wanted:
            continue
        chosen.append(metric)
    return chosen


def missing_groups(family: str, metrics_config: list[str] | None) -> list[str]:
    """The MetricsConfig values that would add metrics for this source and are not on."""
    wanted = set(metrics_config or ())
    return [
        group
        for group in METRICS_CONFIG_GROUPS
        if group not in wanted and any(m.group == group and family in m.sources for m in CATALOGUE)
    ]


def is_trouble(metric: Metric, values: list[float]) -> bool:
    """True when the window's values signal trouble for this metric."""
    if not values or metric.trouble is None:
        return False
    if metric.trouble == ABOVE_ZERO:
        return max(values) > 0
    # GROWING: the last value is the highest seen and the later half stands above the earlier one.
    if len(values) < 3 or values[-1] <= values[0] or values[-1] < max(values):
        return False
    half = len(values) // 2
    return sum(values[half:]) / (len(values) - half) > sum(values[:half]) / half

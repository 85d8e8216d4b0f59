"""``esm metrics``: a mapping's CloudWatch metrics as a table, a live view, a chart or data.

One job per module: ``catalogue`` (the one table of metrics), ``window`` (--since/--until/
--period), ``fetch`` (GetMetricData on the aws backend), ``local`` (the points ``esm run``
recorded), ``collect`` (one snapshot: mapping, metrics, hints), ``series`` (the result
document), ``render`` (terminal and plain text), ``watch`` (--watch), ``plot`` (--plot) and
``docs`` (renders docs/metrics.md). See docs/metrics.md.
"""

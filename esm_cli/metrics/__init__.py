"""``esm metrics``: a mapping's CloudWatch metrics as a table, a live view, a chart or data.

One job per module: ``catalogue`` (the one table of metrics), ``window`` (--since/--until/
--period), ``fetch`` (GetMetricData on the aws backend), ``local`` (the points ``esm run``
recorded), ``render`` (terminal and plain text), ``watch`` (--watch), ``plot`` (--plot),
``series`` (the result document shared by all of them), ``docs`` (docs/metrics.md). See docs/metrics.md.
"""

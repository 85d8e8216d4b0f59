"""``esm run``: a mapping run locally with Lambda's semantics (docs/run.md).

Modules, one job each:

- ``config``: the mapping to run (stored, or described by create flags) and its effective settings;
- ``items``: one record as the poller holds it (the record the function sees plus bookkeeping);
- ``events``: the records and events exactly as Lambda builds them, per source;
- ``sources``: where records come from (a replay file, SQS, Kinesis, DynamoDB Streams);
- ``batching``: BatchSize, the batching window and the 6 MB payload limit;
- ``invoke``: calling the function (a Python handler or a command);
- ``semantics``: reading the function's response (partial batch responses);
- ``queue`` / ``stream``: what Lambda does after a batch, for queues and for streams;
- ``destinations``: on-failure invocation records and where they go;
- ``counters``: AWS's metric names, recorded in the local state file;
- ``loop``: polling until a stopping condition; ``live``: the terminal view.
"""

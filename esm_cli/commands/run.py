"""``esm run``: run a mapping locally with Lambda's semantics (docs/run.md).

The mapping is a stored one (``--uuid``, either backend) or the one the create flags
describe (checked by the same rules as create). Records come from a replay file or from the
real source polled at ``--source-endpoint-url``. Everything that can be wrong with the input
(the handler, the command, the file, the source) is found before the first poll (exit 252).
One line per batch goes through ``ctx.emit`` (NDJSON with ``--output json``), or a live view
on a terminal; the summary is the result document, and its report names the ``esm metrics``
command that shows the counters recorded. A run ended by a stopping condition exits 0 whatever
the function did; Ctrl-C exits 130.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError

DEFAULT_TIMEOUT = 3.0  # Lambda's default function timeout, in seconds
MAX_TIMEOUT = 900.0


def run(parsed: ParsedLine, ctx: Context) -> Result:
    from esm_cli.backends.local.recorded_runs import RecordedRun
    from esm_cli.runner import loop
    from esm_cli.runner.counters import Counters
    from esm_cli.runner.session import build_session

    settings = ctx.require_settings()
    values = parsed.values
    stop = loop.Stop(
        max_batches=_positive_int(values.get("max_batches"), "--max-batches"),
        until_empty=bool(values.get("until_empty")),
        duration=_positive_float(values.get("duration"), "--duration"),
    )
    session = build_session(values, ctx, timeout=_timeout(values.get("timeout")))
    cfg = session.cfg
    # The run says which mapping its points are under: with the create flags none is stored.
    recorded_run = RecordedRun(cfg.uuid, cfg.function_arn, cfg.arn, cfg.family, stored=not cfg.synthetic)
    counters = Counters(settings.state_file, cfg.uuid, warn=ctx.warn, run=recorded_run)
    view = _view(ctx, session, counters)
    session.attach(counters, view.report)
    saved_stdout = sys.stdout
    started = time.monotonic()
    try:
        # What a handler prints is its log, as in Lambda: stderr, never the batch lines on stdout.
        sys.stdout = sys.stderr
        session.function.open()
        with view:
            reason = loop.run(
                session.processor, stop, replay=session.replay, idle_sleep=0.2,
                tick=lambda: (counters.maybe_flush(), view.refresh()),
            )
    finally:
        elapsed = time.monotonic() - started
        sys.stdout = saved_stdout
        session.function.close()
        counters.flush()
        session.close()
    document = _summary(session, counters, reason)
    document["ElapsedSeconds"] = round(elapsed, 3)
    command = metrics_command(cfg.uuid, parsed, settings) if counters.recorded else None
    return Result(
        document=document,
        exit_code=130 if reason == loop.INTERRUPTED else 0,
        title="Run",
        report=lambda document, ctx: _report(document, ctx, command=command),
    )


def metrics_command(uuid: str, parsed: ParsedLine, settings: Any) -> str:
    """The ``esm metrics`` line that shows what this run recorded in the local state file.

    The points are local whatever the backend: on the aws backend ``esm metrics`` reads
    CloudWatch, so the line asks for the local one; a state file typed on the line is repeated.
    """
    import shlex

    words = ["esm", "metrics", "--uuid", uuid]
    if settings.backend != "local" or settings.backend_source == "--backend":
        words += ["--backend", "local"]
    if parsed.globals.get("state_file"):
        words += ["--state-file", settings.state_file]
    return shlex.join(words)


def _timeout(value: Any) -> float:
    if value is None:
        return DEFAULT_TIMEOUT
    timeout = _positive_float(value, "--timeout")
    assert timeout is not None
    if timeout > MAX_TIMEOUT:
        raise ParamValidationError(f"--timeout {value}: a Lambda function runs at most {int(MAX_TIMEOUT)} seconds")
    return timeout


def _positive_float(value: Any, flag: str) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ParamValidationError(f"{flag} {value!r}: give a number of seconds") from None
    if not number > 0:
        raise ParamValidationError(f"{flag} {value!r}: give a number of seconds above 0")
    return number


def _positive_int(value: Any, flag: str) -> int | None:
    if value is None:
        return None
    if int(value) < 1:
        raise ParamValidationError(f"{flag} {value}: give a number above 0")
    return int(value)


def _view(ctx: Context, session: Any, counters: Any) -> Any:
    from esm_cli.runner.lines import BatchLines

    settings = ctx.require_settings()
    if settings.output.isatty and not ctx.output_on_line:
        try:
            from esm_cli.runner.live import LiveView
        except ImportError:  # rich missing: plain lines still work
            pass
        else:
            return LiveView(ctx, session, counters)
    return BatchLines(ctx)


def _summary(session: Any, counters: Any, reason: str) -> dict[str, Any]:
    cfg = session.cfg
    document: dict[str, Any] = {
        "EventSourceMappingUUID": cfg.uuid,
        "StoredMapping": not cfg.synthetic,
        "EventSourceArn": cfg.arn,
        "FunctionArn": cfg.function_arn,
        "Function": session.function.describe,
        "Source": session.source_label,
        "StoppedBy": reason,
        "Batches": session.processor.batches,
        "Metrics": counters.snapshot(),
    }
    if session.sink is not None:
        document["OnFailure"] = session.sink.label
    dead = getattr(session.source, "dead_lettered", None)
    if dead is not None and session.max_receive_count is not None:
        document["DeadLettered"] = dead
    return document


def _report(document: dict[str, Any], ctx: Context, *, command: str | None = None) -> str:
    metrics = document["Metrics"]
    mapping = document["EventSourceMappingUUID"] + ("" if document["StoredMapping"] else " (no stored mapping: an id made from the function and source)")
    lines = [
        f"esm run: stopped ({document['StoppedBy']}) after {document['Batches']} batch(es) in {document['ElapsedSeconds']} s",
        f"  mapping   {mapping}",
        f"  source    {document['EventSourceArn']}  [{document['Source']}]",
        f"  function  {document['Function']}",
    ]
    if command:  # where the counters below went (absent when none reached the state file)
        lines.append(f"  metrics   {command}")
    if "OnFailure" in document:
        lines.append(f"  on failure  {document['OnFailure']}")
    if "DeadLettered" in document:
        lines.append(f"  moved to the dead-letter queue by the redrive policy: {document['DeadLettered']}")
    width = max(len(name) for name in metrics)
    lines.extend(f"  {name.ljust(width)}  {value}" for name, value in metrics.items())
    return "\n".join(lines) + "\n"


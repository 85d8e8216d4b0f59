"""Everything ``esm run`` sets up before the first poll, each part checked (exit 252 when bad).

The mapping (stored, or from the create flags through the create rules), the function, the
source (a replay file, or the real source at ``--source-endpoint-url``) and the on-failure
sink. Nothing is polled until all of them are known to work.
"""

from __future__ import annotations

import os
from typing import Any, Callable

from esm_cli.errors import ParamValidationError
from esm_cli.runner.config import MappingConfig, from_document, from_flags

# Options of `esm run` that are not mapping members: everything else describes the mapping.
RUN_OPTIONS = frozenset({
    "uuid", "handler", "exec", "timeout", "records_file", "source_endpoint_url", "on_failure_file",
    "max_batches", "until_empty", "duration", "max_receive_count",
})


class Session:
    def __init__(self, cfg: MappingConfig, function: Any, *, replay: bool, source: Any, source_label: str,
                 sink: Any, max_receive_count: int | None, make_processor: Callable[..., Any]) -> None:
        self.cfg = cfg
        self.function = function
        self.replay = replay
        self.source = source
        self.source_label = source_label
        self.sink = sink
        self.max_receive_count = max_receive_count
        self._make_processor = make_processor
        self.processor: Any = None

    def attach(self, counters: Any, report: Callable[[dict[str, Any]], None]) -> None:
        self.processor = self._make_processor(counters, report)

    def close(self) -> None:
        if self.sink is not None and hasattr(self.sink, "close"):
            self.sink.close()


def mapping_config(values: dict[str, Any], ctx: Any) -> MappingConfig:
    """The mapping to run: --uuid's stored mapping, or the one the create flags describe."""
    settings = ctx.require_settings()
    region = settings.region or settings.local_region
    account = settings.account_id
    flags = sorted(k for k in values if k not in RUN_OPTIONS)
    if values.get("uuid"):
        if flags:
            raise ParamValidationError(
                "--uuid runs the stored mapping as it is; leave out the mapping's flags "
                f"({', '.join(flags[:3])}) or leave out --uuid"
            )
        stored = ctx.backend().get(values["uuid"])
        return from_document(stored, region=region, account=account, synthetic=False)
    if "EventSourceArn" not in values:
        raise ParamValidationError("esm run needs a mapping: --uuid of a stored one, or --event-source-arn and the create flags")
    from esm_cli import rules
    from esm_cli.options import operation_commands
    from esm_cli.request_builder import build_request

    create = operation_commands()["create-event-source-mapping"]
    given = dict(values)
    given.setdefault("FunctionName", _default_function_name(values))
    request = build_request(create, {k: v for k, v in given.items() if k not in RUN_OPTIONS})
    error = rules.as_service_error(rules.validate(request, "CreateEventSourceMapping"), "CreateEventSourceMapping")
    if error is not None:
        raise error
    return from_flags(request, region=region, account=account)


def _default_function_name(values: dict[str, Any]) -> str:
    # With no --function-name the handler names the function, as a deployment would.
    if values.get("handler"):
        return str(values["handler"]).replace(":", ".").rsplit(".", 1)[-1] or "esm-run"
    if values.get("exec"):
        return os.path.basename(str(values["exec"]).split()[0]) or "esm-run"
    return "esm-run"


def _function(values: dict[str, Any], ctx: Any, cfg: MappingConfig, timeout: float) -> Any:
    from esm_cli.runner.invoke import CommandFunction, PythonFunction

    handler, command = values.get("handler"), values.get("exec")
    if bool(handler) == bool(command):
        raise ParamValidationError("esm run needs one function: --handler module:function or --exec COMMAND")
    cwd = os.getcwd()
    if handler:
        return PythonFunction(handler, function_arn=cfg.function_arn, timeout=timeout, cwd=cwd, env=ctx.env)
    return CommandFunction(command, function_arn=cfg.function_arn, timeout=timeout, cwd=cwd, env=ctx.env,
                           stderr=ctx.stderr)


def build_session(values: dict[str, Any], ctx: Any, *, timeout: float) -> Session:
    from esm_cli.commands.inputs import file_text
    from esm_cli.runner.destinations import FileSink

    records_file, endpoint = values.get("records_file"), values.get("source_endpoint_url")
    if bool(records_file) == bool(endpoint):
        raise ParamValidationError(
            "esm run needs one source of records: --records-file FILE (a replay) or --source-endpoint-url URL (poll the source)"
        )
    cfg = mapping_config(values, ctx)
    if cfg.document.get("State") in ("Disabled", "Disabling"):
        ctx.warn("esm run: note: the mapping is disabled: Lambda would not poll it; esm run runs it all the same")
    function = _function(values, ctx, cfg, timeout)
    max_receives = values.get("max_receive_count")
    if max_receives is not None:
        if cfg.family != "sqs" or not records_file:
            raise ParamValidationError("--max-receive-count is the redrive policy of a replayed queue: use it with an SQS mapping and --records-file")
        if int(max_receives) < 1:
            raise ParamValidationError("--max-receive-count must be at least 1")
        max_receives = int(max_receives)
    sink: Any = FileSink(values["on_failure_file"]) if values.get("on_failure_file") else None
    if records_file:
        from esm_cli.runner.sources import replay

        raws = replay.load(file_text(records_file, "--records-file"), cfg.family)
        if cfg.family == "sqs":
            dead_letter = (lambda item: sink.send(item.record, [item])) if sink is not None else (lambda item: None)
            source: Any = replay.ReplayQueue(raws, arn=cfg.arn, region=cfg.region, fifo=cfg.fifo,
                                             max_receive_count=max_receives, dead_letter=dead_letter)
        else:
            timestamp = cfg.starting_timestamp if cfg.starting_position == "AT_TIMESTAMP" else None
            source = replay.ReplayStream(raws, family=cfg.family, arn=cfg.arn, region=cfg.region,
                                         role=_role(cfg), starting_timestamp=timestamp)
        label = f"replay of {records_file}"
        _warn_replay(ctx, cfg, sink, max_receives)
    else:
        from esm_cli.runner.sources.connect import connect, destination_client

        source = connect(cfg, endpoint, ctx, role=_role(cfg))
        label = f"polling {endpoint}"
        if sink is None and cfg.on_failure and cfg.is_stream:
            from esm_cli.runner.destinations import ServiceSink

            try:
                sink = ServiceSink(cfg.on_failure, cfg, destination_client(endpoint, ctx))
            except Exception as error:  # noqa: BLE001 - any failure here means the destination is unreachable
                raise ParamValidationError(f"on-failure destination {cfg.on_failure} is not reachable at {endpoint}: {error}") from None
    return Session(cfg, function, replay=bool(records_file), source=source, source_label=label, sink=sink,
                   max_receive_count=max_receives,
                   make_processor=lambda counters, report: _processor(cfg, source, function, counters, report, sink,
                                                                     ctx, replay=bool(records_file),
                                                                     until_empty=bool(values.get("until_empty"))))


def _role(cfg: MappingConfig) -> str:
    # The function's execution role is not known locally; Kinesis records name one.
    return f"arn:aws:iam::{cfg.account}:role/{cfg.function_name}-role"


def _warn_replay(ctx: Any, cfg: MappingConfig, sink: Any, max_receives: int | None) -> None:
    if cfg.is_stream and cfg.on_failure and sink is None:
        ctx.warn(f"esm run: note: a replay does not reach the on-failure destination {cfg.on_failure}; "
                 "give --on-failure-file to keep the invocation records")
    if cfg.is_stream and cfg.max_retries < 0 and cfg.max_age < 0:
        ctx.warn("esm run: note: MaximumRetryAttempts and MaximumRecordAgeInSeconds are -1: a record that keeps "
                 "failing is retried for as long as the run lasts, as Lambda retries it until it expires")
    if cfg.family == "sqs" and max_receives is None:
        ctx.warn("esm run: note: the replayed queue has no redrive policy (--max-receive-count): a message that "
                 "keeps failing is received again for as long as the run lasts")


def _processor(cfg: MappingConfig, source: Any, function: Any, counters: Any, report: Any, sink: Any, ctx: Any,
               *, replay: bool, until_empty: bool) -> Any:
    from esm_cli.runner.invoke import CommandFunction

    if cfg.family == "sqs":
        from esm_cli.runner.queue import QueueProcessor

        return QueueProcessor(cfg, source, function, counters, report, ctx.warn)
    from esm_cli.runner.stream import StreamProcessor

    return StreamProcessor(cfg, source, function, counters, report, sink, replay=replay,
                           concurrent=isinstance(function, CommandFunction), flush_on_end=until_empty)

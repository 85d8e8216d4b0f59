"""Render results exactly as AWS CLI v2 prints them; the only layer that writes results.

A formatter takes the (timestamp-converted, queried) data and returns the text to write.
Listings are rendered page by page where the AWS CLI does so (text, yaml-stream).
Every formatter but json and off lives in its own module, imported on first use, so
that ``esm`` starts without PyYAML, rich or the table code.
"""

from __future__ import annotations

import importlib

from esm_cli import spec
from esm_cli.output.timestamps import convert_timestamps, iso_timestamp

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, TextIO

    from esm_cli.context import Context, Result
    from typing import NamedTuple as Record
else:
    from esm_cli.record import Record

FORMATS = ("json", "text", "table", "yaml", "yaml-stream", "off")  # --output; FORMATTERS below has one each
ERROR_FORMATS = ("legacy", "json", "yaml", "text", "table", "enhanced")  # --cli-error-format (output/errors.py)

__all__ = [
    "ERROR_FORMATS",
    "FORMATS",
    "FORMATTERS",
    "OutputOptions",
    "apply_query",
    "convert_timestamps",
    "format_error_document",
    "iso_timestamp",
    "emit",
    "emit_event",
    "render",
    "render_pages",
]


class OutputOptions(Record):
    """How results are printed: --output, --query, --color and cli_timestamp_format.

    ``isatty`` and ``terminal_width`` describe **stdout** (``esm_cli.output.terminal.describe``
    gives both; 80 columns when it is not a terminal). ``pager`` is True when stdout is
    piped into a pager: v2 then writes coloured tables without colorama's extra resets.
    """

    format: str = "json"
    query: Any = None  # a compiled jmespath expression, or None
    timestamp_format: str = "iso8601"  # or "wire": epoch numbers as the service sent them
    color: str = "auto"  # on | off | auto (tables only)
    isatty: bool = False
    terminal_width: int = 80
    pager: bool = False


if TYPE_CHECKING:
    Formatter = Callable[[Any, str, OutputOptions], str]


def _json_default(value: Any) -> Any:
    # awscli.utils.json_encoder: datetimes as ISO 8601, bytes as base64.
    from datetime import datetime

    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        import base64

        return base64.b64encode(bytes(value)).decode("utf-8")
    raise TypeError("Encountered unrecognized type in JSON encoder.")


def format_json(data: Any, operation: str, options: OutputOptions) -> str:
    """``json.dump(indent=4, ensure_ascii=False)`` plus a newline; an empty dict prints nothing."""
    from esm_cli.pretty_json import pretty

    if data == {}:
        return ""
    return pretty(data, _json_default) + "\n"


def format_off(data: Any, operation: str, options: OutputOptions) -> str:
    """``--output off`` (v2 ≥ 2.34): nothing on stdout; errors still go to stderr."""
    return ""


def _lazy(module: str, name: str) -> Formatter:
    """A formatter whose module is imported when it is first called."""

    def load(data: Any, operation: str, options: OutputOptions) -> str:
        formatter: Formatter = getattr(importlib.import_module(module), name)
        return formatter(data, operation, options)

    load.__name__ = name
    return load


FORMATTERS: dict[str, Formatter] = {
    "json": format_json,
    "text": _lazy("esm_cli.output.text", "text_formatter"),
    "table": _lazy("esm_cli.output.table", "table_formatter"),
    "yaml": _lazy("esm_cli.output.yamlfmt", "yaml_formatter"),
    "yaml-stream": _lazy("esm_cli.output.yamlfmt", "yaml_stream_formatter"),
    "off": format_off,
}


def _formatter(name: str) -> Formatter:
    if name not in FORMATTERS:
        # The same wording as v2's get_formatter, for a bad AWS_DEFAULT_OUTPUT or profile value.
        raise ValueError(f"Unknown output type: {name}")
    return FORMATTERS[name]


def _output_shape(operation: str) -> str | None:
    try:
        return str(spec.operation(operation)["output"])
    except KeyError:
        return None  # a command outside the snapshot: nothing to convert


def _prepare(result: Any, operation: str, options: OutputOptions) -> Any:
    shape = _output_shape(operation)
    data = result if shape is None else convert_timestamps(result, shape, options.timestamp_format)
    if isinstance(data, dict) and "ResponseMetadata" in data:
        data = {key: value for key, value in data.items() if key != "ResponseMetadata"}
    return data


def apply_query(data: Any, options: OutputOptions) -> Any:
    """Apply the compiled --query expression, if any."""
    if options.query is None:
        return data
    return options.query.search(data)


def render(result: Any, operation: str, options: OutputOptions, stream: TextIO) -> None:
    """Print one response (create/get/update/delete, or an unpaginated list)."""
    formatter = _formatter(options.format)
    if options.format == "off":
        return
    stream.write(formatter(apply_query(_prepare(result, operation, options), options), operation, options))


def render_pages(
    pages: Iterable[dict[str, Any]],
    next_token: str | None | Callable[[], str | None],
    operation: str,
    options: OutputOptions,
    stream: TextIO,
) -> None:
    """Print a paginated listing as the AWS CLI does for each output format, page by page where it can.

    ``pages`` are the pages as botocore's paginator yields them (the last one already cut
    to ``--max-items``), possibly fetched lazily; ``next_token`` is the resume token when the
    listing was cut short, or a function giving it once every page was read.
    text, yaml-stream, and json and yaml without --query are written as each page arrives,
    the bytes unchanged (esm_cli.output.structured); table and a queried json or yaml print the
    merged result (``{result_key: [...], "NextToken": ...}``) with the query applied once.
    """
    formatter = _formatter(options.format)
    result_key = spec.operation(operation)["paginator"]["result_key"]
    token = next_token if callable(next_token) else (lambda: next_token)
    prepared = (_prepare(page, operation, options) for page in pages)
    if options.format == "off":
        for _ in prepared:  # the calls are still made, as the AWS CLI makes them
            pass
        return
    from esm_cli.output import structured

    if options.format in structured.STREAMED or (options.format in ("json", "yaml") and options.query is None):
        structured.render_pages_streaming(prepared, token, operation, options, stream, result_key=result_key)
        return
    if options.format == "table" and options.query is None:
        # Kept lean until the widths of the whole listing are known, then written section by section.
        from esm_cli.output.table_listing import render_listing_table

        colour = options.color == "on" or (options.color == "auto" and options.isatty)
        render_listing_table(
            prepared, token, operation, stream, result_key=result_key, terminal_width=options.terminal_width,
            colour=colour, autoreset=colour and not options.pager,
        )
        return
    merged: dict[str, Any] = {result_key: [item for page in prepared for item in page.get(result_key) or []]}
    resume = token()
    if resume is not None:
        merged["NextToken"] = resume
    stream.write(formatter(apply_query(merged, options), operation, options))


def format_error_document(document: dict[str, Any], error_format: str, options: OutputOptions | None = None) -> str:
    """An error dict in one of the structured --cli-error-format formats (json, yaml, text, table).

    As in v2 the formatter is built with no query and the command's ``--color``; a table is
    titled ``error`` and sized by stdout (``options``), and is written to stderr directly,
    so colorama's extra resets never appear.
    """
    base = options or OutputOptions()
    error_options = OutputOptions(
        format=error_format,
        color=base.color,
        isatty=base.isatty,
        terminal_width=base.terminal_width,
        pager=True,
    )
    return _formatter(error_format)(document, "error", error_options)


def emit(result: Result, ctx: Context) -> int:
    """Print a command's result in the format asked for; returns its exit code.

    A verb's own ``report`` (a checklist, a plan, a compiler-style report) is used when neither
    ``--output`` nor ``--query`` was typed on the line; otherwise, and for the AWS commands, the document
    goes through the same formatters and ``--query`` as every AWS response.
    """
    options = ctx.require_settings().output
    if result.pages is not None:
        # Pages stream through as they are fetched; the NextToken is asked for once they are read.
        render_pages(result.pages, result.next_token or (lambda: None), result.operation or "", options, ctx.stdout)
        return result.exit_code
    # A --query asks for data, so it takes the formatter path like a typed --output does.
    if result.report is not None and (result.verbatim or not (ctx.output_on_line or options.query is not None)):
        ctx.stdout.write(result.report(result.document, ctx))
        return result.exit_code
    name = result.operation or result.title or "esm"
    render(result.document, name, options, ctx.stdout)
    return result.exit_code


def emit_event(document: Any, ctx: Context, line: Callable[[Any], str] | None = None) -> None:
    """Stream one progress document while a command works (a batch run, a change applied).

    With ``--output json`` (typed on the line) it is one compact JSON object per line (NDJSON);
    otherwise ``line(document)`` gives the plain line a person or a CI log reads. The
    stream is flushed so that a reader sees each event as it happens.
    """
    options = ctx.require_settings().output
    if options.format == "off" and ctx.output_on_line:
        return
    if ctx.output_on_line and options.format == "json" or line is None:
        import json

        text = json.dumps(apply_query(document, options), ensure_ascii=False, default=_json_default) + "\n"
    else:
        text = line(document)
        if text and not text.endswith("\n"):
            text += "\n"
    ctx.stdout.write(text)
    ctx.stdout.flush()

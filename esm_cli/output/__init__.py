"""Render results exactly as AWS CLI v2 prints them; the only layer that writes results.

A formatter takes the (timestamp-converted, queried) data and returns the text to write.
Listings are rendered page by page where the AWS CLI does so (text, yaml-stream).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, TextIO

from esm_cli import spec

FORMATS = ("json", "text", "table", "yaml", "yaml-stream", "off")


@dataclass(frozen=True)
class OutputOptions:
    """How results are printed: --output, --query, --color and cli_timestamp_format."""

    format: str = "json"
    query: Any = None  # a compiled jmespath expression, or None
    timestamp_format: str = "iso8601"  # or "wire": epoch numbers as the service sent them
    color: str = "auto"  # on | off | auto (tables only)
    isatty: bool = False
    terminal_width: int = 80


Formatter = Callable[[Any, str, OutputOptions], str]


def format_json(data: Any, operation: str, options: OutputOptions) -> str:
    """``json.dump(indent=4, ensure_ascii=False)`` plus a newline; an empty dict prints nothing."""
    import json

    if data == {}:
        return ""
    return json.dumps(data, indent=4, ensure_ascii=False) + "\n"


def format_off(data: Any, operation: str, options: OutputOptions) -> str:
    return ""


FORMATTERS: dict[str, Formatter] = {"json": format_json, "off": format_off}


def _formatter(name: str) -> Formatter:
    if name not in FORMATTERS:
        # Formats beyond json live in their own modules and register on import.
        from esm_cli.output import structured  # noqa: F401

    return FORMATTERS[name]


def iso_timestamp(value: float | int | str) -> str:
    """An epoch timestamp as AWS CLI v2 prints it: ISO 8601 in the local time zone."""
    if isinstance(value, str):
        return value
    return datetime.fromtimestamp(value).astimezone().isoformat()


def convert_timestamps(data: Any, shape_name: str, timestamp_format: str) -> Any:
    """Turn wire epoch numbers into ISO strings where the model says a member is a timestamp."""
    if timestamp_format in ("wire", "none"):
        return data
    for path in spec.timestamp_paths(shape_name):
        _convert_path(data, path)
    return data


def _convert_path(node: Any, path: tuple[str, ...]) -> None:
    head, rest = path[0], path[1:]
    if head == "*":
        children = node if isinstance(node, list) else []
        for child in children:
            if rest:
                _convert_path(child, rest)
        return
    if not isinstance(node, dict) or head not in node:
        return
    if not rest:
        node[head] = iso_timestamp(node[head])
    else:
        _convert_path(node[head], rest)


def apply_query(data: Any, options: OutputOptions) -> Any:
    """Apply the compiled --query expression, if any."""
    if options.query is None:
        return data
    return options.query.search(data)


def render(result: Any, operation: str, options: OutputOptions, stream: TextIO) -> None:
    """Print one response (create/get/update/delete, or an unpaginated list)."""
    data = convert_timestamps(result, spec.operation(operation)["output"], options.timestamp_format)
    stream.write(_formatter(options.format)(apply_query(data, options), operation, options))


def render_pages(
    pages: list[dict[str, Any]], next_token: str | None, operation: str, options: OutputOptions, stream: TextIO
) -> None:
    """Print a paginated listing as the AWS CLI does for each output format."""
    output_shape = spec.operation(operation)["output"]
    result_key = spec.operation(operation)["paginator"]["result_key"]
    pages = [convert_timestamps(page, output_shape, options.timestamp_format) for page in pages]
    if options.format in ("text", "yaml-stream"):
        from esm_cli.output.structured import render_pages_streaming

        render_pages_streaming(pages, next_token, operation, options, stream)
        return
    merged: dict[str, Any] = {result_key: [item for page in pages for item in page.get(result_key, [])]}
    if next_token is not None:
        merged["NextToken"] = next_token
    stream.write(_formatter(options.format)(apply_query(merged, options), operation, options))


def format_error_document(document: dict[str, Any], error_format: str) -> str:
    """An error dict in one of the structured --cli-error-format formats (json, yaml, text, table)."""
    options = OutputOptions(format=error_format)
    return _formatter(error_format)(document, "", options)

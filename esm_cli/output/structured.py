"""Placeholder for the text, table, yaml and yaml-stream formatters (issue 5)."""

from __future__ import annotations

from typing import Any, TextIO

from esm_cli.output import OutputOptions


def render_pages_streaming(
    pages: list[dict[str, Any]], next_token: str | None, operation: str, options: OutputOptions, stream: TextIO
) -> None:
    raise NotImplementedError(options.format)

"""Errors and warnings on stderr, as AWS CLI v2 (2.34 and later) prints them, as ``esm``.

``--cli-error-format`` (v2's errorhandler.py):

* ``enhanced`` (default): ``\\nesm: [ERROR]: <message>\\n``; a structured error's message is
  ``An error occurred (<Code>): <Message>`` (service errors: botocore's own sentence), and a
  service error's extra modeled members follow under ``Additional error details:`` — simple
  values as ``Key: value``, small flat lists/dicts (under 5 items) inline, anything else as
  ``<complex value>`` plus one hint line;
* ``legacy``: the same first line without the ``An error occurred (<Code>): `` part for
  client-side errors and without the details block;
* ``json``/``yaml``/``text``/``table``: the error dict through that output formatter (no
  query; a table is titled ``error``).

Errors without a code (``GeneralError``, or a code-less ``EsmError``) and unknown options
are always printed plainly. The message is stripped before printing, as v2 does.

When the stream is a terminal (and colour is not turned off, nor ``NO_COLOR`` set) the
``esm: [ERROR]:`` and ``warning:`` labels are coloured with rich; otherwise the bytes are
exactly AWS's.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TextIO

from esm_cli.output import ERROR_FORMATS

if TYPE_CHECKING:
    from esm_cli.errors import EsmError
    from esm_cli.output import OutputOptions

MAX_INLINE_ITEMS = 5
COMPLEX_HINT = 'Use "--cli-error-format json" or another error format to see the full details.\n'
DETAILS_HEADING = "Additional error details:"


def _prefix() -> str:
    from esm_cli.errors import PROG

    return f"{PROG}: [ERROR]:"


def _hint_prefix() -> str:
    from esm_cli.errors import PROG

    return f"{PROG}: hint:"


def error_line(message: str) -> str:
    """v2's ``write_error``: a blank line, the prefixed (stripped) message, a newline."""
    message = message.strip()
    return f"\n{_prefix()} {message}\n" if message else f"\n{_prefix()}\n"


def _simple(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _inline(value: Any) -> str | None:
    """A list or dict short and flat enough to print on the line, else None."""
    if isinstance(value, list) and len(value) < MAX_INLINE_ITEMS and all(_simple(v) for v in value):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict) and len(value) < MAX_INLINE_ITEMS and all(_simple(v) for v in value.values()):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return None


def details_block(document: dict[str, Any]) -> str:
    """The ``Additional error details:`` block for the members other than Code and Message."""
    extra = {key: value for key, value in document.items() if key.lower() not in ("code", "message")}
    if not extra:
        return ""
    lines = [f"\n{DETAILS_HEADING}\n"]
    complex_seen = False
    for key, value in extra.items():
        if _simple(value):
            lines.append(f"{key}: {value}\n")
            continue
        shown = _inline(value)
        if shown is None:
            shown, complex_seen = "<complex value>", True
        lines.append(f"{key}: {shown}\n")
    if complex_seen:
        lines.append(COMPLEX_HINT)
    return "".join(lines)


def _document(error: EsmError) -> dict[str, Any] | None:
    """The dict v2 would format for this error, or None for errors printed plainly."""
    from esm_cli.errors import ServiceError, UsageError, USAGE

    if isinstance(error, ServiceError):
        return error.as_dict()
    if error.category is None:
        return None
    message = error.message
    if isinstance(error, UsageError):
        # argparse's error text carries the usage block: "<message>\n\n<usage>".
        message = f"{message}\n\n{USAGE}"
    return {"Code": error.category, "Message": message}


def format_error(error: EsmError, *, error_format: str = "enhanced", options: OutputOptions | None = None) -> str:
    """The exact stderr text for ``error`` under ``--cli-error-format error_format``."""
    from esm_cli.errors import ServiceError, UnknownOptionsError, USAGE

    if isinstance(error, UnknownOptionsError):
        hints = "".join(f"{_hint_prefix()} {hint}\n" for hint in getattr(error, "hints", []))
        return f"\n{USAGE}\n" + error_line(error.main_line()) + hints
    document = _document(error)
    if document is None:
        return error_line(error.message)
    error_format = (error_format or "enhanced").lower()
    if error_format not in ERROR_FORMATS:
        error_format = "enhanced"  # v2 logs a warning and falls back
    if error_format in ("json", "yaml", "text", "table"):
        from esm_cli.output import format_error_document

        return format_error_document(document, error_format, options)
    if isinstance(error, ServiceError):
        text = error_line(error.main_line())
        for extra in error.also:
            text += error_line(extra.main_line())[1:]  # further violations: one line each
        if error_format == "enhanced":
            text += details_block(document)
        if error.hints:
            # esm's advice comes after everything AWS would print, so AWS's lines stay as they are.
            text += "\n" + "".join(f"{_hint_prefix()} {hint}\n" for hint in error.hints)
        return text
    if error_format == "legacy":
        return error_line(document["Message"])
    return error_line(f"An error occurred ({document['Code']}): {document['Message']}")


def _colour_allowed(stream: TextIO, options: OutputOptions | None) -> bool:
    if options is not None and options.color == "off":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _paint(text: str, label: str, style: str) -> str:
    """``text`` with each occurrence of ``label`` styled by rich (terminal output only)."""
    from rich.color import ColorSystem
    from rich.style import Style

    painted = Style.parse(style).render(label, color_system=ColorSystem.STANDARD)
    return text.replace(label, painted)


def write_error(
    error: EsmError, stream: TextIO, *, error_format: str = "enhanced", options: OutputOptions | None = None
) -> None:
    """Print ``error`` on ``stream`` (stderr) as AWS CLI v2 does, with our program name."""
    text = format_error(error, error_format=error_format, options=options)
    if _colour_allowed(stream, options) and error_format not in ("json", "yaml", "text", "table"):
        text = _paint(text, _prefix(), "bold red")
        text = _paint(text, DETAILS_HEADING, "bold")
    stream.write(text)


def write_warning(message: str, stream: TextIO, *, options: OutputOptions | None = None) -> None:
    """Print a warning line such as ``warning: Non-positive values for --max-items …``."""
    text = message if message.endswith("\n") else message + "\n"
    if _colour_allowed(stream, options) and text.startswith("warning:"):
        text = _paint(text, "warning:", "bold yellow")
    stream.write(text)

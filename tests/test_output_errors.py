"""Errors on stderr: every --cli-error-format as aws-cli v2 ≥ 2.34 prints it (with ``esm``).

Layouts from aws-cli v2's awscli/errorhandler.py and errorformat.py (branch v2, 2.36.7):
``\\n<prog>: [ERROR]: <stripped message>\\n``; enhanced adds the details block for members
other than Code/Message; structured formats run the output formatter over the error dict.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pytest

from esm_cli.errors import (
    ConfigurationError,
    GeneralError,
    ParamValidationError,
    ServiceError,
    UnknownOptionsError,
    UsageError,
    resource_not_found,
    write_error,
)
from esm_cli.output import OutputOptions
from esm_cli.output.errors import format_error, write_warning

GOLDEN = Path(__file__).parent / "golden" / "output"
sys.path.insert(0, str(GOLDEN))

import oracles  # noqa: E402
NOT_FOUND = (
    "An error occurred (ResourceNotFoundException) when calling the GetEventSourceMapping operation: "
    "The resource you requested does not exist."
)
USAGE = "usage: esm [options] <command> [parameters]\nTo see help text, you can run:\n\n  esm help\n  esm <command> help\n"


def written(error: object, **kwargs: object) -> str:
    out = io.StringIO()
    write_error(error, out, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def test_enhanced_service_error_has_the_details_block() -> None:
    assert written(resource_not_found("GetEventSourceMapping")) == (
        f"\nesm: [ERROR]: {NOT_FOUND}\n\nAdditional error details:\nType: User\n"
    )


def test_legacy_service_error_has_no_details() -> None:
    assert written(resource_not_found("GetEventSourceMapping"), error_format="legacy") == f"\nesm: [ERROR]: {NOT_FOUND}\n"


def test_details_inline_small_collections_and_flag_complex_ones() -> None:
    error = ServiceError(
        "TooManyRequestsException",
        "Rate exceeded",
        operation="ListEventSourceMappings",
        details={
            "retryAfterSeconds": "3",
            "Type": "User",
            "message": "Rate exceeded",  # lower-case duplicate: not an extra detail
            "Missing": None,
            "Flags": [True, 2],
            "Small": {"a": 1, "b": None},
            "Nested": {"a": {"b": 1}},
            "Long": [1, 2, 3, 4, 5],
        },
        retries=4,
    )
    assert written(error) == (
        "\nesm: [ERROR]: An error occurred (TooManyRequestsException) when calling the ListEventSourceMappings"
        " operation (reached max retries: 4): Rate exceeded\n"
        "\nAdditional error details:\n"
        "retryAfterSeconds: 3\nType: User\nMissing: None\nFlags: [True, 2]\nSmall: {a: 1, b: None}\n"
        "Nested: <complex value>\nLong: <complex value>\n"
        'Use "--cli-error-format json" or another error format to see the full details.\n'
    )


def test_no_details_block_without_extra_members() -> None:
    error = ServiceError("ServiceException", "boom", operation="GetEventSourceMapping", details={})
    assert written(error) == "\nesm: [ERROR]: An error occurred (ServiceException) when calling the GetEventSourceMapping operation: boom\n"


def test_further_violations_follow_on_their_own_lines() -> None:
    second = ServiceError("InvalidParameterValueException", "second", operation="CreateEventSourceMapping")
    error = ServiceError(
        "InvalidParameterValueException", "first", operation="CreateEventSourceMapping", also=[second]
    )
    text = written(error)
    assert text.startswith(
        "\nesm: [ERROR]: An error occurred (InvalidParameterValueException) when calling the"
        " CreateEventSourceMapping operation: first\nesm: [ERROR]: An error occurred"
        " (InvalidParameterValueException) when calling the CreateEventSourceMapping operation: second\n"
    )
    assert text.endswith("\nAdditional error details:\nType: User\n")


def test_structured_formats_use_the_output_formatters(monkeypatch: pytest.MonkeyPatch) -> None:
    error = resource_not_found("GetEventSourceMapping")
    assert written(error, error_format="json") == (
        '{\n    "Message": "The resource you requested does not exist.",\n'
        '    "Code": "ResourceNotFoundException",\n    "Type": "User"\n}\n'
    )
    assert written(error, error_format="yaml") == (
        "Code: ResourceNotFoundException\nMessage: The resource you requested does not exist.\nType: User\n"
    )
    assert written(error, error_format="text") == (
        "ResourceNotFoundException\tThe resource you requested does not exist.\tUser\n"
    )
    # The table is titled "error", as awscli's formatter draws it (golden file from awscli).
    assert written(error, error_format="TABLE") == (GOLDEN / "error-not-found.table.txt").read_text(encoding="utf-8")


def test_client_side_errors_carry_their_code() -> None:
    error = ParamValidationError("Parameter validation failed:\nInvalid length for parameter UUID, value: 5, valid min length: 36")
    assert written(error) == (
        "\nesm: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n"
        "Invalid length for parameter UUID, value: 5, valid min length: 36\n"
    )
    assert written(error, error_format="legacy") == (
        "\nesm: [ERROR]: Parameter validation failed:\nInvalid length for parameter UUID, value: 5, valid min length: 36\n"
    )
    assert written(error, error_format="json") == (
        '{\n    "Code": "ParamValidation",\n    "Message": "Parameter validation failed:\\nInvalid length for'
        ' parameter UUID, value: 5, valid min length: 36"\n}\n'
    )
    region = ConfigurationError(
        'You must specify a region. You can also configure your region by running "aws configure".', "NoRegion"
    )
    assert written(region) == (
        "\nesm: [ERROR]: An error occurred (NoRegion): You must specify a region. You can also configure your"
        ' region by running "aws configure".\n'
    )


def test_usage_errors_print_the_usage_block() -> None:
    error = UsageError("the following arguments are required: --uuid")
    assert written(error) == (
        "\nesm: [ERROR]: An error occurred (ParamValidation): the following arguments are required: --uuid\n\n" + USAGE
    )
    assert written(error, error_format="legacy") == (
        "\nesm: [ERROR]: the following arguments are required: --uuid\n\n" + USAGE
    )
    # The text formatter prints the message as is: argparse's usage block ends with a newline.
    assert written(error, error_format="text") == (
        "ParamValidation\tthe following arguments are required: --uuid\n\n" + USAGE + "\n"
    )


@pytest.mark.parametrize("fmt", ["enhanced", "legacy", "json", "yaml", "text", "table", "bogus"])
def test_plain_errors_ignore_the_format(fmt: str) -> None:
    assert written(GeneralError("invalid literal for int() with base 10: 'abc'  "), error_format=fmt) == (
        "\nesm: [ERROR]: invalid literal for int() with base 10: 'abc'\n"
    )
    assert written(UnknownOptionsError(["--bogus", "--x"]), error_format=fmt) == (
        f"\n{USAGE}\n\nesm: [ERROR]: Unknown options: --bogus, --x\n"
    )
    assert written(ConfigurationError("state file is not an esm state file"), error_format=fmt) == (
        "\nesm: [ERROR]: state file is not an esm state file\n"
    )


def test_unknown_error_format_falls_back_to_enhanced() -> None:
    error = resource_not_found("GetEventSourceMapping")
    assert written(error, error_format="bogus") == written(error)


def test_error_table_follows_color_and_width_of_stdout() -> None:
    error = resource_not_found("GetEventSourceMapping")
    wide = format_error(error, error_format="table", options=OutputOptions(isatty=True, terminal_width=200, color="off"))
    request = {"format": "table", "operation": "error", "data": error.as_dict(), "width": 200, "color": "off", "pager": True}
    assert wide == oracles.run_awscli([request])[0]
    assert "|  ResourceNotFoundException |" in wide  # one horizontal row: the terminal is wide enough
    coloured = format_error(error, error_format="table", options=OutputOptions(color="on"))
    assert "\x1b[1m\x1b[34mUser\x1b[0m" in coloured
    assert "\x1b[0m\x1b[0m" not in coloured  # stderr is written directly: no colorama resets


def _tty_pair() -> tuple[io.TextIOWrapper, int]:
    master, slave = os.openpty()
    return io.TextIOWrapper(os.fdopen(slave, "wb", buffering=0), encoding="utf-8", write_through=True), master


def _read_all(master: int) -> str:
    time.sleep(0.05)
    chunks = b""
    import select

    while select.select([master], [], [], 0.1)[0]:
        data = os.read(master, 65536)
        if not data:
            break
        chunks += data
    return chunks.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="no pty")
def test_terminal_gets_colour_and_pipes_get_aws_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    error = resource_not_found("GetEventSourceMapping")
    tty, master = _tty_pair()
    try:
        write_error(error, tty)
        shown = _read_all(master)
    finally:
        tty.close()
        os.close(master)
    assert "\x1b[" in shown
    assert "\x1b[1;31mesm: [ERROR]:\x1b[0m" in shown
    assert shown.replace("\x1b[1;31m", "").replace("\x1b[1m", "").replace("\x1b[0m", "") == written(error)
    # Not a terminal: exactly AWS's bytes, whatever the environment says about colour.
    assert written(error) == f"\nesm: [ERROR]: {NOT_FOUND}\n\nAdditional error details:\nType: User\n"


@pytest.mark.skipif(sys.platform == "win32", reason="no pty")
@pytest.mark.parametrize("setting", ["NO_COLOR", "color-off"])
def test_no_colour_on_a_terminal_when_asked(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv("TERM", "xterm")
    options = None
    if setting == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
        options = OutputOptions(color="off")
    tty, master = _tty_pair()
    try:
        write_error(resource_not_found("GetEventSourceMapping"), tty, options=options)
        write_warning("warning: Non-positive values for --max-items may result in undefined behavior.", tty, options=options)
        shown = _read_all(master)
    finally:
        tty.close()
        os.close(master)
    assert "\x1b" not in shown


def test_warnings_are_plain_lines_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = io.StringIO()
    write_warning("warning: Non-positive values for --max-items may result in undefined behavior.", out)
    assert out.getvalue() == "warning: Non-positive values for --max-items may result in undefined behavior.\n"

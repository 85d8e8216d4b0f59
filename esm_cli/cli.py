"""``esm``: parse the line, run the command, and turn every failure into stderr text and an exit code.

This module is the single error boundary (DESIGN.md §4). It imports nothing heavy:
Click is loaded only for help, boto3 only by the aws backend.
"""

from __future__ import annotations

import os
import sys

from esm_cli import __version__
from esm_cli.argv import ParsedLine, parse_command_line
from esm_cli.commands import Streams, all_commands, handler_for
from esm_cli.errors import (
    EsmError,
    ExitCode,
    GeneralError,
    UnknownOptionsError,
    UsageError,
    write_error,
)
from esm_cli.requests import missing_required

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Mapping, TextIO


def _version_line() -> str:
    import platform

    return f"esm-cli/{__version__} Python/{platform.python_version()} {platform.system()}/{platform.release()}"


def _dispatch(parsed: ParsedLine, env: Mapping[str, str], streams: Streams) -> int:
    if parsed.globals.get("version"):
        streams.stdout.write(_version_line() + "\n")
        return ExitCode.OK
    if parsed.help:
        from esm_cli.helptext import render_help

        streams.stdout.write(render_help(parsed.command))
        return ExitCode.OK
    command = parsed.command
    if command is None:
        raise UsageError("the following arguments are required: " + ("operation" if parsed.via_service_word else "command"))
    missing = missing_required(command, parsed.values)
    if missing:
        raise UsageError("the following arguments are required: " + ", ".join(missing))
    if len(parsed.positionals) < len(command.positionals):
        raise UsageError("the following arguments are required: " + ", ".join(command.positionals[len(parsed.positionals):]))
    if parsed.unknown:
        raise UnknownOptionsError(parsed.unknown)
    from esm_cli.output.terminal import describe
    from esm_cli.settings import resolve

    isatty, width = describe(streams.stdout)
    settings = resolve(parsed.globals, env, stdout_isatty=isatty, stdout_width=width)
    streams.output_options = settings.output  # errors from here on are sized and coloured like results
    return handler_for(command)(parsed, settings, streams)


def run(
    argv: list[str],
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run one command line; returns the exit code. Never raises, except under --debug's traceback."""
    streams = Streams(stdout or sys.stdout, stderr or sys.stderr)
    env = os.environ if env is None else env
    debug = "--debug" in argv
    error_format = _error_format_before_parsing(argv) or env.get("AWS_CLI_ERROR_FORMAT") or "enhanced"
    try:
        parsed = parse_command_line(argv, all_commands())
        error_format = parsed.globals.get("cli_error_format") or error_format
        return int(_dispatch(parsed, env, streams))
    except EsmError as error:
        if debug:
            import traceback

            traceback.print_exc(file=streams.stderr)
        _report(error, streams, error_format)
        return int(error.exit_code)
    except KeyboardInterrupt:
        streams.stderr.write("\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (e.g. `esm list … | head`): nothing more to say.
        _silence_stdout()
        return int(ExitCode.OK)
    except Exception as error:  # the last line of defence: no traceback unless asked
        if debug:
            import traceback

            traceback.print_exc(file=streams.stderr)
        _report(GeneralError(str(error) or type(error).__name__), streams, error_format)
        return int(ExitCode.GENERAL)


def _error_format_before_parsing(argv: list[str]) -> str | None:
    """--cli-error-format as typed, so that errors found while parsing honour it too."""
    for index, token in enumerate(argv):
        if token.startswith("--cli-error-format="):
            return token.split("=", 1)[1]
        if token == "--cli-error-format" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _report(error: EsmError, streams: Streams, error_format: str) -> None:
    """Print an error; should printing it fail too, fall back to the bare message."""
    try:
        write_error(error, streams.stderr, error_format=error_format, options=streams.output_options)
    except Exception:  # the boundary must never end in a traceback
        streams.stderr.write(f"\nesm: [ERROR]: {error.main_line()}\n")


def _silence_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush cannot raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

"""``esm``: parse the line, run the command, print its result, and turn every failure into
stderr text and an exit code.

This module is the single error boundary (docs/architecture.md). It imports nothing heavy:
Click is loaded only for help, botocore only by the aws backend.
"""

from __future__ import annotations

import os
import sys

from esm_cli import __version__
from esm_cli.argv import ParsedLine, parse_command_line
from esm_cli.commands import all_commands, handler_for
from esm_cli.context import Context
from esm_cli.errors import (
    EsmError,
    ExitCode,
    GeneralError,
    UsageError,
    write_error,
)
from esm_cli.request_builder import missing_required

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Mapping, TextIO


def _version_line() -> str:
    import platform

    return f"esm-cli/{__version__} Python/{platform.python_version()} {platform.system()}/{platform.release()}"


def _dispatch(parsed: ParsedLine, ctx: Context) -> int:
    if parsed.globals.get("version"):
        ctx.stdout.write(_version_line() + "\n")
        return ExitCode.OK
    if parsed.help:
        from esm_cli.helptext import render_help

        ctx.stdout.write(render_help(parsed.command))
        return ExitCode.OK
    command = parsed.command
    if command is None:
        raise UsageError("the following arguments are required: " + ("operation" if parsed.via_service_word else "command"))
    missing = missing_required(command, parsed.values)
    if missing:
        raise UsageError("the following arguments are required: " + ", ".join(missing))
    required = command.required_positionals
    if len(parsed.positionals) < len(required):
        raise UsageError("the following arguments are required: " + ", ".join(required[len(parsed.positionals):]))
    if parsed.unknown:
        from esm_cli.option_hints import unknown_options_error  # hardening (issue 16): "did you mean"

        raise unknown_options_error(parsed.unknown, command)
    from esm_cli.output import emit
    from esm_cli.output.terminal import describe
    from esm_cli.settings import resolve

    isatty, width = describe(ctx.stdout)
    # From here on errors are formatted as the settings say (profile's cli_error_format
    # included) and sized and coloured like results.
    ctx.settings = resolve(parsed.globals, ctx.env, stdout_isatty=isatty, stdout_width=width)
    ctx.output_on_line = "output" in parsed.globals
    return emit(handler_for(command)(parsed, ctx), ctx)


def run(
    argv: list[str],
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    env: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run one command line; returns the exit code. Never raises, except under --debug's traceback."""
    ctx = Context(
        stdout=stdout or sys.stdout,
        stderr=stderr or sys.stderr,
        env=os.environ if env is None else env,
        stdin=stdin if stdin is not None else (sys.stdin if stdout is None else None),
    )
    debug = "--debug" in argv
    # Until the settings are resolved (errors found while parsing), the line and the
    # environment decide the error format; after, the settings do (the profile included).
    early_format = _error_format_before_parsing(argv) or ctx.env.get("AWS_CLI_ERROR_FORMAT") or "enhanced"
    try:
        # >>> hardening (issue 16): undecodable arguments are bad input; foreign commands go to `aws`.
        _refuse_undecodable(argv)
        if ctx.env.get("ESM_AWS_PASSTHROUGH", "1") != "0":
            from esm_cli.passthrough import foreign_command, hand_over

            foreign = foreign_command(argv, all_commands())
            if foreign is not None:
                return hand_over(argv, foreign, ctx)
        # <<< hardening
        parsed = parse_command_line(argv, all_commands())
        early_format = parsed.globals.get("cli_error_format") or early_format
        return int(_dispatch(parsed, ctx))
    except EsmError as error:
        if debug:
            import traceback

            traceback.print_exc(file=ctx.stderr)
        _report(error, ctx, ctx.error_format or early_format)
        return int(error.exit_code)
    except KeyboardInterrupt:
        ctx.stderr.write("\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (e.g. `esm list … | head`): nothing more to say.
        _silence_stdout()
        return int(ExitCode.OK)
    except Exception as error:  # the last line of defence: no traceback unless asked
        if debug:
            import traceback

            traceback.print_exc(file=ctx.stderr)
        _report(GeneralError(str(error) or type(error).__name__), ctx, ctx.error_format or early_format)
        return int(ExitCode.GENERAL)
    finally:
        _close_backend(ctx)  # hardening (issue 16): the run's one state-file connection ends with the run


def _close_backend(ctx: Context) -> None:
    backend = ctx._backend
    close = getattr(backend, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # noqa: BLE001 - closing must never turn a result into an error
            pass


def _refuse_undecodable(argv: list[str]) -> None:
    """An argument that is not valid UTF-8 (``$'f\\xff'``) is refused as bad input (252), quoted escaped."""
    for token in argv:
        try:
            token.encode("utf-8")
        except UnicodeEncodeError:
            from esm_cli.errors import ParamValidationError

            shown = token.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")[:300]
            raise ParamValidationError(f"The argument '{shown}' is not valid UTF-8; esm reads arguments as UTF-8.") from None


def _error_format_before_parsing(argv: list[str]) -> str | None:
    """--cli-error-format as typed, so that errors found while parsing honour it too."""
    for index, token in enumerate(argv):
        if token.startswith("--cli-error-format="):
            return token.split("=", 1)[1]
        if token == "--cli-error-format" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _report(error: EsmError, ctx: Context, error_format: str) -> None:
    """Print an error; should printing it fail too, fall back to the bare message."""
    try:
        write_error(error, ctx.stderr, error_format=error_format, options=ctx.output)
    except Exception:  # the boundary must never end in a traceback
        ctx.stderr.write(f"\nesm: [ERROR]: {error.main_line()}\n")


def _silence_stdout() -> None:
    # Point stdout at /dev/null so the interpreter's final flush cannot raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

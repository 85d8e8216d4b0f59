"""Error types and the exit-code table; the one place an error becomes stderr text and a code.

Exit codes are AWS CLI v2's (awscli/constants.py), because scripts written for
``aws lambda`` already test for them:

====  =====================================================================
rc    meaning
====  =====================================================================
0     success
130   interrupted (Ctrl-C)
252   bad command line, parameter value or client-side validation
253   configuration: no region or credentials, unusable state file
254   the service (or the local backend acting as it) refused the request
255   anything else
====  =====================================================================
"""

from __future__ import annotations

from enum import IntEnum

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, TextIO


class ExitCode(IntEnum):
    """Process exit codes (docs/design.md#exit-codes)."""

    OK = 0
    INTERRUPTED = 130
    PARAM_VALIDATION = 252
    CONFIGURATION = 253
    SERVICE = 254
    GENERAL = 255


EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
    ExitCode.PARAM_VALIDATION: "bad command line, parameter value or client-side validation",
    ExitCode.CONFIGURATION: "configuration: no region or credentials, unusable state file",
    ExitCode.SERVICE: "the service (or the local backend acting as it) refused the request",
    ExitCode.GENERAL: "anything else (connection failures, unexpected errors)",
}

PROG = "esm"

# AWS CLI v2's usage block, with our program name; printed after command-line errors.
USAGE = (
    f"usage: {PROG} [options] <command> [parameters]\n"
    "To see help text, you can run:\n"
    "\n"
    f"  {PROG} help\n"
    f"  {PROG} <command> help\n"
)


class EsmError(Exception):
    """Base of every error the boundary knows how to print."""

    exit_code: ExitCode = ExitCode.GENERAL
    #: v2's structured-error code shown as ``An error occurred (<code>): …``; None prints the bare message.
    category: str | None = None

    def __init__(self, message: str) -> None:
        from esm_cli.limits import shorten_message  # a 10 MB value is never echoed whole (docs/limits.md)

        message = shorten_message(message)
        super().__init__(message)
        self.message = message

    def main_line(self) -> str:
        """The error as the first line(s) after ``esm: [ERROR]: ``."""
        if self.category:
            return f"An error occurred ({self.category}): {self.message}"
        return self.message


class UsageError(EsmError):
    """argparse-style command-line error: message, then the usage block (rc 252)."""

    exit_code = ExitCode.PARAM_VALIDATION
    category = "ParamValidation"


class UnknownOptionsError(EsmError):
    """Tokens nothing on the command line accepts (rc 252); v2 prints usage first."""

    exit_code = ExitCode.PARAM_VALIDATION

    def __init__(self, tokens: list[str]) -> None:
        super().__init__("Unknown options: " + ", ".join(tokens))
        self.tokens = tokens
        self.hints: list[str] = []  # esm's "did you mean" lines, printed after AWS's text (esm_cli.option_hints)


class ParamValidationError(EsmError):
    """A value that cannot be parsed or fails botocore's client-side checks (rc 252)."""

    exit_code = ExitCode.PARAM_VALIDATION
    category = "ParamValidation"


class ConfigurationError(EsmError):
    """No region, no credentials, an unusable state file, a missing profile (rc 253)."""

    exit_code = ExitCode.CONFIGURATION

    def __init__(self, message: str, category: str | None = None) -> None:
        super().__init__(message)
        self.category = category


class GeneralError(EsmError):
    """Connection failures and other unexpected conditions (rc 255)."""

    exit_code = ExitCode.GENERAL


class ServiceError(EsmError):
    """The service refused a request: AWS error code, message and modeled extras (rc 254).

    Both backends raise this, so the CLI prints the same text whichever answered.
    ``also`` carries further violations found by the offline rules, printed after the
    first one so a single run shows everything that is wrong; ``hints`` says what to do
    about them (esm's words, printed after AWS's text).
    """

    exit_code = ExitCode.SERVICE

    def __init__(
        self,
        code: str,
        message: str,
        *,
        operation: str = "",
        details: dict[str, Any] | None = None,
        retries: int | None = None,
        also: list[ServiceError] | None = None,
        hints: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.operation = operation
        self.details = dict(details) if details is not None else {"Type": "User"}
        self.retries = retries
        self.also = list(also or [])
        self.hints = list(hints or [])

    def main_line(self) -> str:
        retry_note = f" (reached max retries: {self.retries})" if self.retries is not None else ""
        return (
            f"An error occurred ({self.code}) when calling the {self.operation} operation"
            f"{retry_note}: {self.message}"
        )

    def as_dict(self) -> dict[str, Any]:
        """The error as the structured formats (json, yaml, …) print it."""
        return {"Message": self.message, "Code": self.code, **self.details}


def resource_not_found(operation: str) -> ServiceError:
    """The exact error AWS gives for an unknown UUID (docs/rules.md R-UUID-2)."""
    return ServiceError(
        "ResourceNotFoundException", "The resource you requested does not exist.", operation=operation
    )


def write_error(error: EsmError, stream: TextIO, *, error_format: str = "enhanced", options: Any = None) -> None:
    """Print an error the way AWS CLI v2 (2.34 and later) does, with our program name.

    ``error_format`` is ``--cli-error-format``; ``options`` (an ``OutputOptions`` describing
    stdout and ``--color``) sizes and colours the ``table`` error format. The formatting
    lives in ``esm_cli.output.errors``.
    """
    from esm_cli.output.errors import write_error as _write

    _write(error, stream, error_format=error_format, options=options)

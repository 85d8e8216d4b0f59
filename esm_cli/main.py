"""Console entry point. Kept tiny: a TAB press must not pay for importing the CLI.

It also makes the process safe to run whatever state it was started in (docs/limits.md,
"Signals and streams"):

- Ctrl-C at any moment after this code starts ends with exit 130 and no traceback, even
  while the CLI is still being imported;
- a closed stdout (``esm … >&-``) is refused before anything is done (exit 255, one line on
  stderr): a command whose result cannot be shown must not create or delete anything;
- a closed stderr (``2>&-``) changes nothing but where messages go (nowhere); exit codes stay;
- closed descriptors 0-2 are pointed at /dev/null first, so the state file can never be
  opened as "standard output" and written to by a stray print.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130  # esm_cli.errors.ExitCode.INTERRUPTED, not imported here to stay light
GENERAL = 255


def _occupy_closed_descriptors() -> tuple[bool, bool]:
    """Point closed fds 0-2 at /dev/null; whether stdout and stderr were closed."""
    import os

    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
    for fd in closed:
        try:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
        except OSError:
            pass
    return 1 in closed or sys.stdout is None, 2 in closed or sys.stderr is None


def main(argv: list[str] | None = None) -> int:
    """Run ``esm``; returns the exit code (also used by ``python -m esm_cli``)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        try:
            if sys.stderr is not None:
                sys.stderr.write("\n")
        except (OSError, ValueError):
            pass
        return INTERRUPTED


def _main(argv: list[str] | None) -> int:
    if argv is None:
        import os  # already loaded by the interpreter: free

        stdout_closed, stderr_closed = _occupy_closed_descriptors()
        if stderr_closed:
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
        if stdout_closed:
            sys.stderr.write("\nesm: [ERROR]: standard output is closed, so no result could be shown; nothing was done.\n")
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter's final flush needs one
            return GENERAL
        shell = os.environ.get("_ESM_COMPLETE")
        if shell:
            # A completion script is asking for candidates: answer before importing the CLI,
            # so a TAB press costs little more than starting Python.
            from esm_cli.completion.protocol import respond

            return respond(shell, os.environ, sys.stdout)
    from esm_cli.boundary import run

    return run(sys.argv[1:] if argv is None else argv)

"""Hand commands esm does not own to the real ``aws``, so ``alias aws=esm`` serves a whole script.

esm owns the event-source-mapping commands, the tag commands, ``wait`` for mappings and its
own verbs. Any other command — another service (``aws sts get-caller-identity``, ``aws sqs …``)
or another Lambda command (``aws lambda create-function``, ``aws lambda wait
function-active-v2``) — is run by the AWS CLI found on PATH with the same arguments, stdin,
stdout, stderr and exit code (the process is replaced by it when esm runs as a program).

An ``aws`` on PATH that is esm itself (a shim or symlink to esm) is skipped, and a child that
would hand over again is refused, so esm never recurses into itself. ``ESM_AWS_PASSTHROUGH=0``
turns hand-over off. See docs/passthrough.md.
"""

from __future__ import annotations

import os
import sys

from esm_cli.errors import EsmError, ExitCode

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Mapping

    from esm_cli.context import Context
    from esm_cli.options import Command

SWITCH = "ESM_AWS_PASSTHROUGH"
# Set in the environment of the aws esm hands over to: an esm started with it set is the
# child of a hand-over, so an `aws` that leads back to esm is caught instead of looping.
MARKER = "ESM_HANDED_OVER"
INSTALL_URL = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
# Lambda's own waiters (aws lambda wait help); AWS has none for mappings, so no name is shared.
LAMBDA_WAITERS = frozenset(
    {"function-active", "function-active-v2", "function-exists", "function-updated", "function-updated-v2",
     "published-version-active"}
)
# Top-level AWS CLI commands that are not service models (customizations).
CLI_COMMANDS = frozenset({"configure", "s3", "ddb", "deploy", "history", "login", "logout", "cli-dev", "emr-containers"})


class PassthroughError(EsmError):
    """A command esm would hand to ``aws`` cannot be handed over (exit 252)."""

    exit_code = ExitCode.PARAM_VALIDATION


def _words(argv: list[str], limit: int) -> list[str]:
    """The first ``limit`` words of the line that are not options or global options' values."""
    from esm_cli.argv import looks_like_option
    from esm_cli.options import GLOBAL_OPTIONS, KIND_BOOL, KIND_FLAG

    takes_value = {o.flag for o in GLOBAL_OPTIONS if o.kind not in (KIND_FLAG, KIND_BOOL)}
    words: list[str] = []
    i = 0
    while i < len(argv) and len(words) < limit:
        token = argv[i]
        i += 1
        if token == "--":
            continue
        if looks_like_option(token):
            if token in takes_value and "=" not in token:
                i += 1  # the global's value is not a command word
            continue
        words.append(token)
    return words


def foreign_command(argv: list[str], commands: Mapping[str, Command]) -> str | None:
    """The command as AWS names it (``sts``, ``lambda create-function``) when esm does not own it, else None."""
    words = _words(argv, 3)
    if not words or words[0] in commands or words[0] == "help":
        return None
    if words[0] == "lambda":
        if len(words) < 2 or words[1] == "help":
            return None
        if words[1] == "wait":
            return "lambda wait " + words[2] if len(words) > 2 and words[2] in LAMBDA_WAITERS else None
        return None if words[1] in commands else "lambda " + words[1]
    return words[0] if words[0] in _aws_commands() else None


def _aws_commands() -> frozenset[str]:
    """Services the AWS CLI knows (botocore's data folders, read without importing botocore)."""
    from importlib.util import find_spec

    names = set(CLI_COMMANDS)
    try:
        found = find_spec("botocore")
    except (ImportError, ValueError):
        found = None
    for folder in (found.submodule_search_locations or []) if found else []:
        try:
            names.update(os.listdir(os.path.join(folder, "data")))
        except OSError:
            pass
    return frozenset(name for name in names if "." not in name)


def _is_esm(path: str) -> bool:
    """Whether the ``aws`` at ``path`` is esm under another name (a shim, copy or link)."""
    try:
        real = os.path.realpath(path)
        if os.path.realpath(sys.argv[0]) == real:
            return True
        with open(real, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"esm_cli" in head


def find_aws(env: Mapping[str, str]) -> str | None:
    """The first ``aws`` on PATH that is not esm itself."""
    for folder in (env.get("PATH") or "").split(os.pathsep):
        candidate = os.path.join(folder or ".", "aws")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK) and not _is_esm(candidate):
            return candidate
    return None


def hand_over(argv: list[str], command: str, ctx: Context) -> int:
    """Run ``aws`` with ``argv``; its exit code. Replaces this process when esm owns the real streams."""
    env = dict(ctx.env)
    if env.get(MARKER):
        raise PassthroughError(
            f"'{command}' is not an esm command, and the `aws` esm handed it to led back to esm; "
            "put the AWS CLI before esm on PATH, or run it as `command aws …`."
        )
    aws = find_aws(env)
    if aws is None:
        raise PassthroughError(
            f"'{command}' is not an esm command and no AWS CLI (`aws`) was found on PATH to hand it to. "
            f"Install AWS CLI v2 ({INSTALL_URL}), or set {SWITCH}=0 to have esm refuse such commands itself."
        )
    env[MARKER] = "1"
    if ctx.stdout is sys.__stdout__ and ctx.stderr is sys.__stderr__:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os.execve(aws, ["aws", *argv], env)  # same pid, stdin, stdout, stderr; aws's exit code is ours
    import subprocess

    # In-process (tests, embedding): run it and copy what it printed into our streams.
    stdin_text = ctx.stdin.read() if ctx.stdin is not None and not ctx.stdin.isatty() else None
    done = subprocess.run(["aws", *argv], executable=aws, input=stdin_text, capture_output=True, text=True, env=env)
    ctx.stdout.write(done.stdout)
    ctx.stderr.write(done.stderr)
    return done.returncode

"""``esm: hint: did you mean …?`` after AWS's ``Unknown options:`` text.

Real command lines copied from blog posts and forum answers use flags that never existed
(``--batch-window``, ``--report-batch-item-failures``): the AWS CLI only says they are unknown.
esm prints AWS's text unchanged and then one hint per unknown flag: a known alias's real
spelling (with the value it implies), else the command's closest flags. Only imported when a
line has an unknown option.
"""

from __future__ import annotations

import difflib

from esm_cli.errors import UnknownOptionsError
from esm_cli.options import GLOBAL_OPTIONS

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from esm_cli.options import Command

# Spellings people use → what the AWS CLI calls them (with the value they imply, if any).
ALIASES: dict[str, str] = {
    "--batch-window": "--maximum-batching-window-in-seconds",
    "--batching-window": "--maximum-batching-window-in-seconds",
    "--max-batching-window": "--maximum-batching-window-in-seconds",
    "--maximum-batching-window": "--maximum-batching-window-in-seconds",
    "--report-batch-item-failures": "--function-response-types ReportBatchItemFailures",
    "--partial-batch-response": "--function-response-types ReportBatchItemFailures",
    "--bisect-on-error": "--bisect-batch-on-function-error",
    "--bisect-batch-on-error": "--bisect-batch-on-function-error",
    "--max-retry-attempts": "--maximum-retry-attempts",
    "--retry-attempts": "--maximum-retry-attempts",
    "--max-record-age": "--maximum-record-age-in-seconds",
    "--maximum-record-age": "--maximum-record-age-in-seconds",
    "--tumbling-window": "--tumbling-window-in-seconds",
    "--max-concurrency": "--scaling-config MaximumConcurrency=<2-1000>",
    "--maximum-concurrency": "--scaling-config MaximumConcurrency=<2-1000>",
    "--on-failure": '--destination-config \'{"OnFailure": {"Destination": "<ARN>"}}\'',
    "--dead-letter-queue": '--destination-config \'{"OnFailure": {"Destination": "<ARN>"}}\'',
    "--dlq": '--destination-config \'{"OnFailure": {"Destination": "<ARN>"}}\'',
    "--filter-pattern": '--filter-criteria \'{"Filters": [{"Pattern": "<JSON pattern>"}]}\'',
    "--filter": '--filter-criteria \'{"Filters": [{"Pattern": "<JSON pattern>"}]}\'',
    "--filters": '--filter-criteria \'{"Filters": [{"Pattern": "<JSON pattern>"}]}\'',
    "--queue-arn": "--event-source-arn",
    "--stream-arn": "--event-source-arn",
    "--source-arn": "--event-source-arn",
    "--function": "--function-name",
    "--disabled": "--no-enabled",
    "--enable": "--enabled",
    "--disable": "--no-enabled",
}


def _spellings(command: Command | None) -> list[str]:
    options = GLOBAL_OPTIONS + (command.options if command is not None else ())
    found: list[str] = []
    for option in options:
        if option.hidden:
            continue
        found.append(option.flag)
        if option.negative:
            found.append(option.negative)
    return found


def suggestion(token: str, command: Command | None) -> str | None:
    """What to type instead of the unknown ``token`` (``--batch-window=5`` → the flag and value), or None."""
    if not token.startswith("--"):
        return None
    name = token.split("=", 1)[0]
    known = _spellings(command)
    alias = ALIASES.get(name)
    if alias is not None and alias.split(" ", 1)[0] in known:
        return alias
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    if not close:
        # Words in another order or abbreviated (--window-batching): match on the words themselves.
        words = set(name[2:].split("-"))
        scored = sorted(((len(words & set(s[2:].split("-"))), s) for s in known), key=lambda pair: -pair[0])
        close = [s for score, s in scored[:2] if score >= max(2, len(words) - 1)]
    return " or ".join(close) if close else None


def unknown_options_error(tokens: list[str], command: Command | None) -> UnknownOptionsError:
    """AWS's ``Unknown options:`` error, with esm's hints to print after it."""
    error = UnknownOptionsError(tokens)
    hints = []
    for token in tokens:
        found = suggestion(token, command)
        if found is not None:
            hints.append(f"did you mean {found}?")
    error.hints = hints
    return error

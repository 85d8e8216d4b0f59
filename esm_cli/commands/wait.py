"""``esm wait mapping-enabled|mapping-disabled|mapping-updated|mapping-deleted --uuid U``.

AWS has no waiter for mappings; these follow the AWS CLI's waiters (docs/deploy.md, "Waiting"):
nothing printed on success, ``Waiter MappingEnabled failed: …`` and exit 255 otherwise.
"""

from __future__ import annotations

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError


def run(parsed: ParsedLine, ctx: Context) -> Result:
    from esm_cli.deploy import waiter

    name = parsed.positionals[0] if parsed.positionals else None
    if name not in waiter.WAITERS:
        choices = ", ".join(waiter.WAITERS)
        raise ParamValidationError(f"argument wait_name: Invalid choice, valid choices are: {choices}")
    values = parsed.values
    backend = ctx.backend()
    local = backend.name == "local"
    delay = values.get("delay")
    max_attempts = values.get("max_attempts")
    if delay is not None and delay < 0:
        raise ParamValidationError("--delay must be 0 or more seconds.")
    if max_attempts is not None and max_attempts < 1:
        raise ParamValidationError("--max-attempts must be 1 or more.")
    waiter.wait(
        backend.get,
        name,
        values["uuid"],
        delay=delay if delay is not None else (0 if local else waiter.DEFAULT_DELAY),
        max_attempts=max_attempts or waiter.DEFAULT_MAX_ATTEMPTS,
    )
    return Result(document=None, report=lambda document, context: "", verbatim=True)

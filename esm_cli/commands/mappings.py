"""The five AWS commands: parse → check the rules → call the backend → render."""

from __future__ import annotations

from esm_cli import rules
from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError, ServiceError
from esm_cli.paginate import PageStream
from esm_cli.request_builder import build_request

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

    from esm_cli.backends.base import Backend

LIST_OPERATION = "ListEventSourceMappings"


def run(parsed: ParsedLine, ctx: Context) -> Result:
    assert parsed.command is not None and parsed.command.operation is not None
    operation, values = parsed.command.operation, parsed.values
    settings = ctx.require_settings()
    if values.get("generate_cli_skeleton"):
        return _skeleton(operation, values["generate_cli_skeleton"])
    if operation == LIST_OPERATION:
        return _run_list(parsed, ctx)
    request = build_request(parsed.command, values)
    backend = ctx.backend()
    _check_rules(request, operation, backend, ctx, skip=bool(values.get("no_validate")))
    calls = {
        "CreateEventSourceMapping": backend.create,
        "UpdateEventSourceMapping": backend.update,
        "GetEventSourceMapping": lambda r: backend.get(r["UUID"]),
        "DeleteEventSourceMapping": lambda r: backend.delete(r["UUID"]),
    }
    try:
        result = calls[operation](request)
    except ServiceError as error:
        if operation == "CreateEventSourceMapping" and error.code == "ResourceConflictException":
            from esm_cli.deploy.duplicate import duplicate_hints  # the ready update command (docs/deploy.md)

            error.hints.extend(duplicate_hints(error, request, backend))
        raise
    _remember([result], settings)
    return Result(document=result, operation=operation)


def _remember(mappings: list[dict[str, Any]], settings: Any) -> None:
    """Keep what the aws backend returned for TAB completion, which never calls AWS itself."""
    if settings.backend == "aws":
        from esm_cli.completion.cache import remember

        remember(mappings, backend=settings.backend, region=settings.region, profile=settings.profile, env=settings.env)


def _check_rules(request: dict[str, Any], operation: str, backend: Backend, ctx: Context, *, skip: bool) -> None:
    """The one call between parsing and the backend: every offline rule, all violations at once."""
    if skip:
        if ctx.require_settings().backend == "aws":
            return
        ctx.warn("esm: warning: --no-validate has no effect on the local backend, which enforces the rules as Lambda does.")
    stored = None
    if operation == "UpdateEventSourceMapping":
        try:
            stored = backend.get(request["UUID"])  # AWS checks the merged configuration
        except ServiceError as error:
            if ctx.require_settings().backend != "aws" or error.code == "ResourceNotFoundException":
                error.operation = operation
                raise
            # A role allowed UpdateEventSourceMapping but not GetEventSourceMapping (or a throttled
            # read) must not fail the Update, which `aws` would send: AWS checks what needs the
            # stored mapping itself (docs/limits.md, "Update without a read").
            ctx.warn(
                f"esm: note: could not read mapping {request['UUID']} ({error.code}); the checks that need its "
                "stored configuration are left to AWS, and the update is sent."
            )
            # stored stays None: only the checks that hold whatever the source run (esm_cli.rules.engine).
    error = rules.as_service_error(rules.validate(request, operation, stored=stored), operation)
    if error is not None:
        raise error


def _run_list(parsed: ParsedLine, ctx: Context) -> Result:
    assert parsed.command is not None
    settings = ctx.require_settings()
    from esm_cli import params, spec

    values = parsed.values
    max_items, starting_token, page_size = values.get("max_items"), values.get("starting_token"), values.get("page_size")
    request = build_request(parsed.command, values)
    # --no-paginate, an explicit --marker, or paging keys in an input file (as AWS CLI v2
    # does) mean one call showing that page as it came, NextMarker included.
    single_call = not settings.paginate or "Marker" in request or "MaxItems" in request
    if single_call:
        conflicting = [flag for flag, v in (("--starting-token", starting_token), ("--page-size", page_size)) if v is not None]
        if conflicting and not settings.paginate:
            raise ParamValidationError(
                "Cannot specify --no-paginate along with pagination arguments: " + ", ".join(conflicting)
            )
        if max_items is not None:
            request["MaxItems"] = max_items  # with paging off, --max-items is the API's MaxItems
    elif page_size is not None:
        request["MaxItems"] = page_size
    params.validate_client_side(request, spec.operation(LIST_OPERATION)["input"])
    backend = ctx.backend()
    _check_rules(request, LIST_OPERATION, backend, ctx, skip=False)
    if single_call:
        page = backend.list_page(request)
        _remember(page.get("EventSourceMappings") or [], settings)
        return Result(document=page, operation=LIST_OPERATION)
    if max_items is not None and max_items <= 0:
        ctx.warn("warning: Non-positive values for --max-items may result in undefined behavior.")
        if max_items < 0:
            max_items = None
    # Pages are fetched as the output layer prints them (docs/limits.md, "Scale"). A json
    # listing without --query prints each mapping as it comes, so the local backend may hand
    # over a stored mapping as its text instead of decoding it.
    written = settings.output.format == "json" and settings.output.query is None
    listing = PageStream(
        (lambda page_request: backend.list_page(page_request, written=True)) if written else backend.list_page,
        {k: v for k, v in request.items() if k != "MaxItems"},
        max_items=max_items,
        starting_token=starting_token,
        page_size=request.get("MaxItems"),
        on_page=(lambda items: _remember(items, settings)) if settings.backend == "aws" else None,
    )
    return Result(pages=listing, next_token=listing.next_token, operation=LIST_OPERATION)


def _as_is(document: str, ctx: Context) -> str:
    return document


def _skeleton(operation: str, kind: str) -> Result:
    """The input skeleton prints as JSON or YAML whatever --output says, as AWS does."""
    if kind == "input":
        import json

        from esm_cli.skeleton import input_skeleton

        return Result(document=json.dumps(input_skeleton(operation), indent=4) + "\n", report=_as_is, verbatim=True)
    if kind == "yaml-input":
        from esm_cli.skeleton_output import yaml_input_skeleton

        return Result(document=yaml_input_skeleton(operation), report=_as_is, verbatim=True)
    from esm_cli.skeleton_output import output_skeleton

    return Result(document=output_skeleton(operation), operation=operation)

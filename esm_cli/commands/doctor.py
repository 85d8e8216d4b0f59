"""``esm doctor``: why a mapping does not work, and the command that fixes it (docs/doctor.md).

On the aws backend doctor reads the mapping, its function, role policies, source and
destination (read-only) and runs every check; on the local backend, or with ``--offline``,
it runs the checks that need no account on the stored configuration and says which checks
need ``--backend aws``. Exit 0 when no finding is an error, 1 when one is; ``--strict`` counts
warnings too. An unknown ``--uuid`` fails as AWS does (ResourceNotFoundException, 254).
"""

from __future__ import annotations

from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError


def _mappings(values: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    chosen = [
        flag
        for flag, key in (("--uuid", "uuid"), ("--function-name", "function_name"), ("--all", "all"))
        if values.get(key)
    ]
    if len(chosen) != 1:
        raise ParamValidationError(
            "Say which mappings to diagnose: exactly one of --uuid, --function-name or --all"
            + (f" (got {', '.join(chosen)})" if chosen else "")
        )
    backend = ctx.backend()
    if values.get("uuid"):
        return [backend.get(values["uuid"])]
    request: dict[str, Any] = {}
    if values.get("function_name"):
        request["FunctionName"] = values["function_name"]
    mappings: list[dict[str, Any]] = []
    while True:
        page = backend.list_page(dict(request))
        mappings.extend(page.get("EventSourceMappings") or [])
        marker = page.get("NextMarker")
        if not marker:
            return mappings
        request["Marker"] = marker


def _summary(documents: list[dict[str, Any]]) -> dict[str, int]:
    findings = [f for d in documents for f in d["Findings"]]
    checked = [f for f in findings if f.get("Checked", True)]
    return {
        "Mappings": len(documents),
        "Errors": sum(1 for f in checked if f["Severity"] == "error"),
        "Warnings": sum(1 for f in checked if f["Severity"] == "warning"),
        "Info": sum(1 for f in checked if f["Severity"] == "info"),
        "Unchecked": len(findings) - len(checked),
    }


def run(parsed: ParsedLine, ctx: Context) -> Result:
    from esm_cli.doctor import diagnose
    from esm_cli.doctor.render import report

    values = parsed.values
    settings = ctx.require_settings()
    offline = bool(values.get("offline")) or settings.backend != "aws"
    mappings = _mappings(values, ctx)
    documents = []
    if offline:
        documents = [diagnose.offline_document(mapping) for mapping in mappings]
    else:
        from esm_cli.doctor.gather import Gatherer

        gatherer = Gatherer(ctx.aws_client)
        for mapping in mappings:
            facts = gatherer.facts(mapping)
            documents.append(diagnose.document(mapping, diagnose.online(facts), []))
    summary = _summary(documents)
    failing = summary["Errors"] + (summary["Warnings"] if values.get("strict") else 0)
    document = {
        "Mode": "offline" if offline else "aws",
        "Backend": settings.backend,
        "Mappings": documents,
        "Summary": summary,
    }
    if offline and settings.backend != "aws":
        ctx.warn("doctor ran the offline checks only (local backend); the account checks need --backend aws")
    return Result(document=document, exit_code=1 if failing else 0, title="Doctor", report=report)

"""``esm validate PATH…``: findings for the mappings declared in files and folders (docs/iac.md).

With no ``--output`` on the line the report is compiler-style (``file:line:col: severity rule
[resource.property] message``), whatever the profile's output setting, so editors and CI logs
link each line to its place; ``--output json|yaml|table|text`` render the findings as data;
``--output sarif`` prints SARIF 2.1.0.
"""

from __future__ import annotations

from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError


def _refuse_mixing(parsed: ParsedLine) -> None:
    values = parsed.values
    given = [o.flag for o in parsed.command.options if o.shape and o.dest in values] if parsed.command else []
    given += [
        flag
        for flag, dest in (
            ("--file", "file"),
            ("--cli-input-json", "cli_input_json"),
            ("--cli-input-yaml", "cli_input_yaml"),
        )
        if values.get(dest)
    ]
    if given:
        raise ParamValidationError(
            f"PATH cannot be combined with {', '.join(given)}: give the mappings in files or on the line."
        )
    if (values.get("operation") or "create") != "create":
        raise ParamValidationError(
            "--operation update does not apply to PATH: declared mappings are checked as creates."
        )


def _summary(document: dict[str, Any]) -> str:
    counts = document["Summary"]
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 and k != 'info' else ''}" for k in ("error", "warning", "info")]
    return (
        f"{', '.join(parts)} in {counts['Mappings']} mapping{'s' if counts['Mappings'] != 1 else ''} "
        f"from {counts['Files']} file{'s' if counts['Files'] != 1 else ''}\n"
    )


def _report(document: dict[str, Any], ctx: Context) -> str:
    from esm_cli.iac.findings import compiler_line, finding_from_record

    lines = [compiler_line(finding_from_record(r)) + "\n" for r in document["Findings"]]
    return "".join(lines) + _summary(document)


def run_paths(parsed: ParsedLine, ctx: Context) -> Result:
    import os

    from esm_cli.iac import check, reader, walk
    from esm_cli.iac.findings import SEVERITIES, fails, sort_key

    _refuse_mixing(parsed)
    strict = bool(parsed.values.get("strict"))
    for path in parsed.positionals:
        if not os.path.exists(path):
            raise ParamValidationError(f"Error parsing parameter 'path': no such file or folder: {path}")
    files = walk.files(list(parsed.positionals))
    declared, findings = reader.declared_in(files)
    for mapping in declared:
        findings += check.check(mapping, strict=strict)
    findings.sort(key=sort_key)
    exit_code = 1 if fails(findings, strict) else 0
    if ctx.require_settings().output.format == "sarif" and ctx.output_on_line:
        import json

        from esm_cli import __version__
        from esm_cli.iac.sarif import sarif_log

        log = sarif_log(findings, __version__)
        return Result(
            document=log,
            exit_code=exit_code,
            title="Validate",
            verbatim=True,
            report=lambda doc, _ctx: json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
        )
    summary: dict[str, Any] = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    summary.update(Mappings=len(declared), Files=len(files))
    document = {"Findings": [f.record() for f in findings], "Summary": summary}
    return Result(document=document, exit_code=exit_code, title="Validate", report=_report)

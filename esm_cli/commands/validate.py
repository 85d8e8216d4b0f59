"""``esm validate``: every documented rule, offline, for one mapping from flags or many from a file.

``esm validate PATH…`` reads the files mappings are declared in (CloudFormation, SAM, Terraform,
serverless.yml, mappings files; folders are walked) and reports findings with file, line and
column (esm_cli.iac, docs/iac.md).

Exit codes: 0 when nothing is wrong, 1 when violations were found (for PATHs: an error-severity
finding, or a warning under ``--strict``), 252 for a bad command line.
Nothing is sent anywhere and no backend is opened.
"""

from __future__ import annotations

from typing import Any

from esm_cli import rules, spec
from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result
from esm_cli.errors import ParamValidationError
from esm_cli.rules import Violation

OPERATIONS = {"create": "CreateEventSourceMapping", "update": "UpdateEventSourceMapping"}


def _client_violations(request: dict[str, Any], operation: str) -> list[Violation]:
    """botocore's client-side problems, as violations (for mappings read from a file)."""
    from esm_cli.params.client_validation import problems

    return [
        Violation(rule_id="client-validation", code="ParamValidation", message=line, hint="Fix the value in the file.")
        for line in problems(request, spec.operation(operation)["input"])
    ]


def _from_file(value: str) -> list[dict[str, Any]]:
    from esm_cli.commands.inputs import file_text

    return rules.load_mappings_file(file_text(value, "--file"))


def _requests(parsed: ParsedLine, operation: str) -> list[tuple[str, dict[str, Any], list[Violation]]]:
    """(label, request, client-side violations) for each mapping to check."""
    from esm_cli.options import Command
    from esm_cli.request_builder import build_request

    values = parsed.values
    if values.get("file"):
        given_flags = [o.flag for o in parsed.command.options if o.shape and o.dest in values] if parsed.command else []
        if given_flags:
            raise ParamValidationError(f"--file cannot be combined with mapping flags ({', '.join(given_flags)}).")
        from esm_cli.params import to_wire

        found = []
        for index, mapping in enumerate(_from_file(values["file"])):
            client = _client_violations(mapping, operation)
            request = mapping if client else to_wire(mapping, spec.operation(operation)["input"])
            label = f"mapping {index + 1}" + (f" ({mapping['FunctionName']})" if isinstance(mapping.get("FunctionName"), str) else "")
            found.append((label, request, client))
        return found
    command = Command(name="validate", options=parsed.command.options if parsed.command else (), help="", operation=operation)
    return [("mapping", build_request(command, values), [])]


def _text_report(document: list[dict[str, Any]], ctx: Context) -> str:
    """One line per mapping (ok, or how many violations), then each violation's block."""
    lines = []
    for entry in document:
        found = entry["Violations"]
        verdict = "ok" if not found else f"{len(found)} violation{'s' if len(found) > 1 else ''}"
        lines.append(f"{entry['Mapping']}: {verdict}\n")
        lines.append(rules.render_violation_records(found))
    return "".join(lines)


def run(parsed: ParsedLine, ctx: Context) -> Result:
    if parsed.positionals:
        from esm_cli.commands.validate_paths import run_paths

        return run_paths(parsed, ctx)
    if parsed.values.get("strict") or ctx.require_settings().output.format == "sarif":
        raise ParamValidationError("--strict and --output sarif apply to files and folders: esm validate PATH...")
    operation = OPERATIONS[parsed.values.get("operation") or "create"]
    checked = []
    for label, request, client in _requests(parsed, operation):
        found = client or rules.validate(request, operation)
        checked.append((label, found))
    total = sum(len(found) for _, found in checked)
    document = [
        {"Mapping": label, "Valid": not found, "Violations": rules.violation_records(found)} for label, found in checked
    ]
    return Result(document=document, exit_code=1 if total else 0, title="Validate", report=_text_report)

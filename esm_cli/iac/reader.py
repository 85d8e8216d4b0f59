"""From paths to declared mappings: read each file, tell its format, compile it.

A file that cannot be read or does not parse is an error finding at the place the parser
stopped, never a crash; the input caps (size, YAML aliases, nesting) stay refusals (exit 252),
as for every other input.
"""

from __future__ import annotations

import os
import re
from typing import Any

from esm_cli.iac import detect
from esm_cli.iac.declared import Declared
from esm_cli.iac.findings import ERROR, INFO, PARSE_ERROR, UNRECOGNISED, Finding
from esm_cli.iac.positions import ParseError, key_position, load_document
from esm_cli.iac.walk import SUFFIXES

_OURS = re.compile(
    r"AWSTemplateFormatVersion|AWS::|EventSourceMapping|EventSourceArn|^service:|\"format_version\"", re.MULTILINE
)


def read_text(path: str) -> str:
    from esm_cli import limits

    data = limits.read_file(path, f"The file {limits.quote(path)}")
    return limits.universal_newlines(data.decode("utf-8"))


def _problem(
    path: str, message: str, line: int = 0, column: int = 0, rule: str = PARSE_ERROR, severity: str = ERROR
) -> Finding:
    return Finding(file=path, line=line, column=column, resource="", rule_id=rule, severity=severity, message=message)


def _unrecognised(path: str) -> Finding:
    message = (
        "skipped: not a CloudFormation or SAM template, Terraform configuration or plan, serverless.yml or mappings file"
    )
    return _problem(path, message, 1, 1, UNRECOGNISED, INFO)  # info: pre-commit names every YAML file


def mappings_file(document: Any, text: str, path: str) -> list[Declared]:
    """Today's mappings files (and esm export's), read by the rules' own reader; positions from ours."""
    from esm_cli import rules

    requests = rules.load_mappings_file(text)
    items = document.get("EventSourceMappings", document.get("mappings")) if isinstance(document, dict) else document
    items = items if isinstance(items, list) else [document]
    found = []
    for index, request in enumerate(requests):
        item = items[index] if index < len(items) else {}
        where = (
            key_position(items, index) if isinstance(items, list) and len(items) > 1 else getattr(item, "pos", (1, 1))
        )
        name = request.get("FunctionName")
        label = f"mapping {index + 1}" + (f" ({name})" if isinstance(name, str) else "")
        positions = {k: key_position(item, k, where) for k in item} if isinstance(item, dict) else {}
        found.append(
            Declared(
                file=path,
                resource=label,
                kind=detect.MAPPINGS,
                request=request,
                where=where,
                positions=positions,
                nodes=dict(item) if isinstance(item, dict) else {},
            )
        )
    return found


def compile_document(kind: str, document: Any, text: str, path: str) -> list[Declared]:
    if kind == detect.CLOUDFORMATION:
        from esm_cli.iac.cloudformation import compile_template

        return compile_template(document, path)
    if kind == detect.SAM:
        from esm_cli.iac.sam import compile_sam

        return compile_sam(document, path)
    if kind == detect.SERVERLESS:
        from esm_cli.iac.serverless import compile_serverless

        return compile_serverless(document, path)
    if kind == detect.TERRAFORM_PLAN:
        from esm_cli.iac.terraform_plan import compile_plan

        return compile_plan(document, path)
    return mappings_file(document, text, path)


def _module_context(folder: str, files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The folder's other .tf files, which the named ones may reference (one Terraform module)."""
    named = {os.path.realpath(path) for path, _ in files}
    context = []
    for name in sorted(os.listdir(folder or ".")):
        path = os.path.join(folder, name)
        if name.endswith(".tf") and os.path.realpath(path) not in named and os.path.isfile(path):
            try:
                context.append((path, read_text(path)))
            except (OSError, UnicodeDecodeError):
                continue  # context only
    return context


def declared_in(paths: list[tuple[str, bool]]) -> tuple[list[Declared], list[Finding]]:
    """Every mapping declared in ``paths`` ((path, named) pairs, as esm_cli.iac.walk gives them)."""
    from esm_cli.errors import ParamValidationError

    declared: list[Declared] = []
    problems: list[Finding] = []
    terraform: dict[str, list[tuple[str, str]]] = {}  # folder → its .tf files: one module
    for path, named in paths:
        try:
            text = read_text(path)
        except (OSError, UnicodeDecodeError) as error:
            problems.append(_problem(path, f"cannot read the file: {getattr(error, 'strerror', None) or error}"))
            continue
        if detect.looks_like_terraform(path, text):
            terraform.setdefault(os.path.dirname(path), []).append((path, text))
            continue
        try:
            document = load_document(text, path)
        except ParseError as error:
            # An error when it looks like one of ours; otherwise it is someone else's file (a Helm
            # chart, a Jinja template, a README that pre-commit or a folder walk brought here), which
            # must not fail the run: a note when named, nothing when found in a folder.
            if path.endswith(SUFFIXES) and _OURS.search(text):
                problems.append(_problem(path, error.message, error.line, error.column))
            elif named:
                problems.append(_unrecognised(path))
            continue
        kind = detect.kind_of(document)
        if kind is None:
            if named:
                problems.append(_unrecognised(path))
            continue
        try:
            declared += compile_document(kind, document, text, path)
        except ParamValidationError as error:
            if "esm's limit" in str(error):
                raise  # the input caps keep their exit 252
            problems.append(_problem(path, str(error), 1, 1))
    if terraform:
        from esm_cli.iac.terraform import compile_module

        for folder, files in terraform.items():
            found, parse_problems = compile_module(files, _module_context(folder, files))
            declared += found
            problems += parse_problems
    return declared, problems

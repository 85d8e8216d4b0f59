"""Findings for one declared mapping: the registry's rules, then what the resources beside it tell.

Order of work (docs/iac.md, "What is checked"):

1. members holding a value known only at deploy time are set aside, each reported once as
   "not checked" (info), and no rule reports on them;
2. botocore's client-side checks, as ``esm validate --file`` runs them; when they pass, every
   rule of the registry (``esm_cli.rules.validate``) as a create;
3. an SQS queue's visibility timeout against the function's timeout (AWS refuses the create);
4. the execution role against the permissions the source and destination need (esm_cli.iam);
5. with ``--strict``, the best-practice checks of ``esm doctor`` (esm_cli.doctor.practices).
"""

from __future__ import annotations

import re
from typing import Any

from esm_cli.iac.declared import REQUEST_SHAPE, Declared, Unknown, first_unknown
from esm_cli.iac.findings import ERROR, INFO, NOT_CHECKED, ROLE, ROLE_EXTRA, VISIBILITY, WARNING, Finding

OPERATION = "CreateEventSourceMapping"
# Practices esm validate already reports as AWS's refusal (R-EXIST-5), so --strict does not repeat them.
_REPORTED_WITHOUT_STRICT = frozenset({"D-SQS-VISIBILITY"})
_PARAMETER_PATH = re.compile(r"parameter ([A-Za-z0-9.\[\]]+)")
_MEMBER = re.compile(r'parameter (?:in input: ")?([A-Za-z]+)')


_BOTOCORE_STEP = re.compile(r"\.?([A-Za-z]+)|\[(\d+)\]")


def inner_path(path: str, aws_style: bool) -> list[str | int]:
    """Steps below the member: AWS's ``filterCriteria.filters.2.member.pattern`` (1-based) or
    botocore's ``FilterCriteria.Filters[1].Pattern`` (0-based), as keys and 0-based indexes."""
    steps: list[str | int] = []
    if aws_style:
        for part in path.split(".")[1:]:
            if part.isdigit():
                steps.append(int(part) - 1)
            elif part and part != "member":
                steps.append(part[:1].upper() + part[1:])
        return steps
    for name, index in _BOTOCORE_STEP.findall(path)[1:]:
        steps.append(int(index) if index else name)
    return steps


def _finding(
    declared: Declared,
    member: str,
    rule_id: str,
    severity: str,
    message: str,
    hint: str = "",
    inner: list[str | int] | None = None,
) -> Finding:
    line, column = declared.position(member, inner) if member else declared.where
    # The property as the API names it, down to the nested value: FilterCriteria.Filters[1].Pattern.
    spelled = member + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in inner or [])
    return Finding(
        file=declared.file,
        line=line,
        column=column,
        resource=declared.resource,
        rule_id=rule_id,
        severity=severity,
        message=message,
        member=spelled,
        hint=hint,
    )


def not_checked(declared: Declared, member: str, unknown: Unknown) -> Finding:
    return _finding(declared, member, NOT_CHECKED, INFO, f"not checked: {unknown.text} is known only at deploy time")


def split_unknown(request: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Unknown]]:
    """The request without the members that hold a deploy-time value, and those values."""
    known, unknown = {}, {}
    for member, value in request.items():
        found = first_unknown(value)
        if found is None:
            known[member] = value
        else:
            unknown[member] = found
    return known, unknown


def rule_findings(declared: Declared, request: dict[str, Any], skipped: set[str]) -> list[Finding]:
    """Client-side problems, then the registry's rules on the rest; adds the faulty members to ``skipped``."""
    from esm_cli import rules
    from esm_cli.params.client_validation import problems
    from esm_cli.params.timestamps import to_wire

    lines = [
        line for line in problems(request, REQUEST_SHAPE) if not any(f'"{m}"' in line for m in skipped)
    ]  # "Missing required … FunctionName" when it is unknown
    found = []
    for line in lines:
        match = _MEMBER.search(line)
        member = match.group(1) if match else ""
        where = _PARAMETER_PATH.search(line)
        found.append(
            _finding(
                declared,
                member,
                "client-validation",
                ERROR,
                line,
                "Fix the value in the file.",
                inner_path(where.group(1), aws_style=False) if where else None,
            )
        )
        skipped.add(member)
    # Unlike one --file mapping, the rest is still checked: a template's other mistakes show in the same run.
    rest = {k: v for k, v in request.items() if k not in skipped}
    violations = rules.validate(to_wire(rest, REQUEST_SHAPE), OPERATION)
    found += [
        _finding(
            declared,
            v.param,
            v.rule_id,
            ERROR,
            v.detail or v.message,
            v.hint,
            inner_path(v.path, aws_style=True) if v.path else None,
        )
        for v in violations
        if v.param not in skipped
    ]
    return found


def visibility_findings(declared: Declared) -> list[Finding]:
    facts = declared.facts
    visibility, timeout = facts.get("queue_visibility_timeout"), facts.get("function_timeout")
    if visibility is None or timeout is None or visibility >= timeout:
        return []
    return [
        _finding(
            declared,
            "EventSourceArn",
            VISIBILITY,
            ERROR,
            f"Queue visibility timeout: {visibility} seconds is less than Function timeout: {timeout} seconds",
            "Raise the queue's visibility timeout to at least the function's timeout (AWS advises six times it).",
        )
    ]


def role_findings(declared: Declared, request: dict[str, Any], skipped: set[str]) -> list[Finding]:
    role = declared.role
    if role is None:
        return []
    if role.unknown:
        return [
            _finding(
                declared,
                "FunctionName",
                NOT_CHECKED,
                INFO,
                f"not checked: the role's permissions: {role.unknown} is known only at deploy time",
            )
        ]
    if "EventSourceArn" in skipped or "SelfManagedEventSource" in skipped:
        return []  # the source, hence what the role needs, is not known yet (already reported)
    from esm_cli.iam.evaluate import evaluate
    from esm_cli.iam.requirements import required_permissions

    missing: dict[str, list[str]] = {ERROR: [], WARNING: []}
    whys: dict[str, list[str]] = {ERROR: [], WARNING: []}
    conditional: list[str] = []
    for requirement in required_permissions(request):
        verdicts = {
            evaluate(role.policies, action, requirement.resource).verdict
            for action in (requirement.action, *getattr(requirement, "alternatives", ()))
        }
        if "allowed" in verdicts:
            continue  # the action, or one of the alternatives the table accepts for it
        if "conditional" in verdicts:
            conditional.append(requirement.action)  # a Condition decides: esm cannot know the request's context
            continue
        if verdicts & {"implicit-deny", "explicit-deny"}:
            severity = ERROR if requirement.checked_at_create else WARNING
            missing[severity].append(requirement.action)
            if requirement.why and requirement.why not in whys[severity]:
                whys[severity].append(requirement.why)
    found = []
    if conditional:
        found.append(
            _finding(
                declared,
                "FunctionName",
                NOT_CHECKED,
                INFO,
                f"not checked: the role {role.name} allows {', '.join(conditional)} only under a "
                "Condition, known only at deploy time",
            )
        )
    if missing[ERROR]:
        found.append(
            _finding(
                declared,
                "FunctionName",
                ROLE,
                ERROR,
                f"The execution role {role.name} does not allow {', '.join(missing[ERROR])}: AWS refuses to create "
                "the mapping without it.",
                "; ".join(whys[ERROR]) or "Add the actions to the role.",
            )
        )
    if missing[WARNING]:
        found.append(
            _finding(
                declared,
                "FunctionName",
                ROLE_EXTRA,
                WARNING,
                f"The execution role {role.name} does not allow {', '.join(missing[WARNING])}: the mapping is created "
                "but fails when it needs them.",
                "; ".join(whys[WARNING]) or "Add the actions to the role.",
            )
        )
    return found


def strict_findings(declared: Declared, request: dict[str, Any]) -> list[Finding]:
    from esm_cli.doctor.practices import best_practice_findings

    found = []
    for practice in best_practice_findings(request, declared.facts):
        if practice.check_id in _REPORTED_WITHOUT_STRICT:
            continue
        member = next((m for m in declared.positions if m in (practice.message or "")), "")
        found.append(
            _finding(declared, member, practice.check_id, practice.severity, practice.message, str(practice.fix or ""))
        )
    return found


def check(declared: Declared, strict: bool = False) -> list[Finding]:
    request, unknown = split_unknown(declared.request)
    found = list(declared.notes)
    found += [not_checked(declared, member, value) for member, value in unknown.items()]
    skipped = set(unknown)
    found += rule_findings(declared, request, skipped)
    # What follows reads the request with the types the API has: members that failed the
    # client-side checks (already reported) are left out, as unknown ones are.
    clean = {k: v for k, v in request.items() if k not in skipped}
    found += visibility_findings(declared)
    found += role_findings(declared, clean, skipped)
    if strict:
        found += strict_findings(declared, clean)
    return found

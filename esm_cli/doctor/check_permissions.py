"""The execution role against the requirements table: missing, denied, conditional, misspelled.

Policies are evaluated by esm's own evaluator (esm_cli/iam/evaluate.py) against the real
source, destination and key ARNs. Each group of rows (the source, the destination, the key,
the logs) gets its own finding with the minimal policy and the ``aws iam put-role-policy``
line that adds it (docs/doctor.md, docs/permissions.md).
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from esm_cli.doctor.findings import ERROR, INFO, WARNING, Finding, could_not_check
from esm_cli.doctor.gather import Facts, NamedPolicy
from esm_cli.iam.actions import unknown_actions
from esm_cli.iam.evaluate import CONDITIONAL, EXPLICIT_DENY, Decision, actions_in
from esm_cli.iam.policy import compact, decide, minimal_policy, put_role_policy_command, role_name
from esm_cli.iam.requirements import Requirement, required_permissions

EVALUATION_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
OK = "ok"

_GROUPS = {  # topic prefix → (check id, words)
    "destination": ("D-ROLE-DESTINATION", "the on-failure destination"),
    "kms": ("D-ROLE-KMS", "the customer managed KMS key"),
    "logs": ("D-ROLE-LOGS", "the function's logs"),
}
# the inline policy name each group's fix adds
POLICY_NAMES = {
    "D-ROLE-PERMISSIONS": "esm-event-source",
    "D-ROLE-DESTINATION": "esm-on-failure-destination",
    "D-ROLE-KMS": "esm-kms",
    "D-ROLE-LOGS": "esm-logs",
}


def _group(requirement: Requirement) -> tuple[str, str]:
    for prefix, group in _GROUPS.items():
        if requirement.topic.startswith(prefix):
            return group
    return "D-ROLE-PERMISSIONS", "the event source"


def _statement_text(policies: list[NamedPolicy], decision: Decision) -> str:
    where = policies[decision.policy_index].name if decision.policy_index is not None else "?"
    return f"{where}: {compact(decision.statement or {})}"


def check_permissions(facts: Facts) -> list[Finding]:
    if not facts.role_arn:
        return []  # no function configuration: the function check says why
    role = role_name(facts.role_arn)
    if facts.policies.missing:
        return [
            Finding(
                "D-ROLE-PERMISSIONS",
                ERROR,
                f"the execution role {role} does not exist",
                why="Lambda assumes the function's execution role to read the source; without it nothing is read.",
                doc_url="https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
                fix=f"aws lambda update-function-configuration --function-name {facts.mapping.get('FunctionArn')} --role ROLE_ARN",
            )
        ]
    found = [could_not_check("D-ROLE-PERMISSIONS", f"{what}", error) for what, error in facts.policy_errors]
    if facts.policies.value is None:
        return found
    policies: list[NamedPolicy] = facts.policies.value
    documents = [p.document for p in policies]
    source_key = facts.source.value.get("kms_key") if facts.source.ok and facts.source.value else None
    requirements = required_permissions(facts.mapping, source_kms_key=source_key)
    groups: dict[str, dict[str, list[Any]]] = {}
    for requirement in requirements:
        decision = decide(documents, requirement)
        check_id, words = _group(requirement)
        bucket = groups.setdefault(
            check_id, {"missing": [], "denied": [], "conditional": [], "allowed": [], "all": [], "words": words}
        )
        bucket["all"].append(requirement)
        key = {"allowed": "allowed", EXPLICIT_DENY: "denied", CONDITIONAL: "conditional"}.get(
            decision.verdict, "missing"
        )
        bucket[key].append((requirement, decision))
    partial = bool(facts.policy_errors)
    for check_id, bucket in groups.items():
        found += _group_findings(check_id, bucket["words"], role, policies, bucket, partial)
    found += _typos(role, policies)
    return found


def _group_findings(
    check_id: str, words: str, role: str, policies: list[NamedPolicy], bucket: dict[str, list[Any]], partial: bool
) -> list[Finding]:
    """The group's findings. With ``partial`` (a policy could not be read) "not allowed" is not
    proof, so it is reported as "could not check"; a Deny or an Allow that was read still counts."""
    found: list[Finding] = []
    missing = [r for r, _ in bucket["missing"]] + [r for r, _ in bucket["denied"]]
    first = bucket["all"][0]
    if bucket["missing"]:
        reqs = [r for r, _ in bucket["missing"]]
        severity = ERROR if any(r.severity == ERROR for r in reqs) else WARNING
        listed = ", ".join(f"{r.action} on {r.resource}" for r in reqs)
        policy = minimal_policy(reqs)
        found.append(
            Finding(
                check_id,
                INFO if partial else severity,
                f"could not check: the policies of role {role} that could be read do not allow {listed}"
                if partial
                else f"role {role} does not allow {listed}",
                why="; ".join(dict.fromkeys(r.why for r in reqs)),
                doc_url=first.doc_url,
                fix=put_role_policy_command(role, POLICY_NAMES[check_id], policy),
                data={"Missing": [{"Action": r.action, "Resource": r.resource} for r in reqs], "MinimalPolicy": policy},
                unchecked=partial,
            )
        )
    for requirement, decision in bucket["denied"]:
        found.append(
            Finding(
                check_id,
                ERROR,
                f"an explicit Deny in {_statement_text(policies, decision)} blocks {requirement.action} on {requirement.resource}",
                why="An explicit Deny overrides every Allow in IAM's evaluation logic. " + requirement.why,
                doc_url=EVALUATION_DOC,
                fix=_edit_hint(role, policies, decision),
            )
        )
    for requirement, decision in bucket["conditional"]:
        found.append(
            Finding(
                check_id,
                WARNING,
                f"{requirement.action} on {requirement.resource} depends on a condition: {_statement_text(policies, decision)}",
                why="esm cannot know the request context Lambda's pollers present; a condition (or policy variable) may not "
                "hold for them, so this is not counted as allowed.",
                doc_url=EVALUATION_DOC,
                fix="check that the condition holds for Lambda's requests, or grant without it: "
                + put_role_policy_command(role, POLICY_NAMES[check_id], minimal_policy([requirement])),
            )
        )
    if not missing and not bucket["conditional"]:
        found.append(Finding(check_id, OK, f"role {role} allows the {len(bucket['all'])} actions {words} needs"))
    return found


def _edit_hint(role: str, policies: list[NamedPolicy], decision: Decision) -> str:
    policy = policies[decision.policy_index] if decision.policy_index is not None else None
    if policy is None:
        return "remove or narrow the Deny statement"
    if policy.kind == "inline":
        return f"narrow or remove the Deny statement: aws iam get-role-policy --role-name {role} --policy-name {shlex.quote(policy.name)}, then aws iam put-role-policy … with the edited document"
    return f"narrow or remove the Deny statement of {policy.arn}: aws iam create-policy-version --policy-arn {policy.arn} --policy-document … --set-as-default (or detach it)"


def _typos(role: str, policies: list[NamedPolicy]) -> list[Finding]:
    found = []
    for policy in policies:
        problems = unknown_actions(actions_in([policy.document]))
        if not problems:
            continue
        listed = ", ".join(
            f"{p.action}" + (f" (did you mean {p.suggestion}?)" if p.suggestion else "") for p in problems
        )
        fixes = {p.action: p.suggestion for p in problems if p.suggestion}
        corrected = json.loads(json.dumps(policy.document))
        for statement in (
            corrected.get("Statement", [])
            if isinstance(corrected.get("Statement"), list)
            else [corrected.get("Statement")]
        ):
            for key in ("Action", "NotAction"):
                value = statement.get(key) if isinstance(statement, dict) else None
                if isinstance(value, str):
                    statement[key] = fixes.get(value, value)
                elif isinstance(value, list):
                    statement[key] = [fixes.get(a, a) for a in value]
        if policy.kind == "inline":
            fix = put_role_policy_command(role, policy.name, corrected)
        elif policy.kind == "customer-managed":
            fix = (
                f"aws iam create-policy-version --policy-arn {policy.arn} --set-as-default "
                f"--policy-document {shlex.quote(compact(corrected))}"
            )
        else:
            fix = ""
        found.append(
            Finding(
                "D-POLICY-TYPO",
                WARNING,
                f"policy {policy.name} names actions IAM does not have: {listed}",
                why="IAM accepts unknown action names silently; the permission the author meant is simply not granted.",
                doc_url="https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
                fix=fix,
                data={"Policy": policy.name, "Unknown": [p.action for p in problems]},
            )
        )
    if not found and policies:
        found.append(Finding("D-POLICY-TYPO", OK, f"every action named in the role's {len(policies)} policies exists"))
    return found

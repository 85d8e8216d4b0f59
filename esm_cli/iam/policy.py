"""The smallest policy that grants a list of requirements, and the AWS CLI line that adds it to a role."""

from __future__ import annotations

import json
import shlex
from typing import Any, Iterable

from esm_cli.iam.evaluate import CONDITIONAL, EXPLICIT_DENY, Decision, evaluate
from esm_cli.iam.requirements import Requirement


def decide(policies: list[dict[str, Any]], requirement: Requirement) -> Decision:
    """The verdict for a requirement: any of its action and alternatives allowed is enough.

    Best wins: allowed, then conditional, then explicit deny (a Deny on DescribeCluster does not
    matter when DescribeClusterV2 is allowed), then implicit deny.
    """
    decisions = [
        evaluate(policies, action, requirement.resource) for action in (requirement.action, *requirement.alternatives)
    ]
    for verdict in ("allowed", CONDITIONAL, EXPLICIT_DENY):
        for decision in decisions:
            if decision.verdict == verdict:
                return decision
    return decisions[0]


def minimal_policy(requirements: Iterable[Requirement]) -> dict[str, Any]:
    """One Allow statement per distinct action set, each on exactly the resources that need it."""
    by_resource: dict[str, list[str]] = {}
    for requirement in requirements:
        actions = by_resource.setdefault(requirement.resource, [])
        if requirement.action not in actions:
            actions.append(requirement.action)
    by_actions: dict[tuple[str, ...], list[str]] = {}
    for resource, actions in by_resource.items():
        by_actions.setdefault(tuple(actions), []).append(resource)
    statements = [
        {
            "Effect": "Allow",
            "Action": list(actions) if len(actions) > 1 else actions[0],
            "Resource": resources if len(resources) > 1 else resources[0],
        }
        for actions, resources in by_actions.items()
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def compact(document: dict[str, Any]) -> str:
    return json.dumps(document, separators=(",", ":"))


def put_role_policy_command(role_name: str, policy_name: str, document: dict[str, Any]) -> str:
    """``aws iam put-role-policy …`` adding ``document`` as an inline policy of the role."""
    return (
        f"aws iam put-role-policy --role-name {shlex.quote(role_name)} --policy-name {shlex.quote(policy_name)} "
        f"--policy-document {shlex.quote(compact(document))}"
    )


def role_name(role_arn: str) -> str:
    """The role's name: the last path segment of arn:aws:iam::account:role/path/name."""
    return role_arn.rsplit("/", 1)[-1]

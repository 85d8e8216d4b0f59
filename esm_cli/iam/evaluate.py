"""Evaluate identity-based IAM policies for one action on one resource, as AWS documents it.

AWS's evaluation logic for a principal in one account (docs/doctor.md, "How esm evaluates
policies"; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):

1. every request starts denied (implicit deny);
2. an explicit ``Deny`` in any policy that applies overrides every ``Allow``;
3. otherwise an ``Allow`` that applies permits the request;
4. otherwise the implicit deny stands.

A statement applies when its ``Action`` (or ``NotAction``) and its ``Resource`` (or
``NotResource``) match. Action names are matched case-insensitively, resource ARNs
case-sensitively, both with the ``*`` and ``?`` wildcards
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
esm cannot know the request context, so a statement with a ``Condition`` block or a policy
variable (``${aws:username}``) in its resources is never silently passed: it makes the
verdict ``conditional`` ("depends on a condition") unless an unconditional statement decides.
Resource-based policies, permission boundaries, SCPs and session policies are outside what
esm reads; docs/doctor.md says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

ALLOWED = "allowed"
EXPLICIT_DENY = "explicit-deny"
IMPLICIT_DENY = "implicit-deny"
CONDITIONAL = "conditional"


@dataclass(frozen=True)
class Decision:
    """The verdict for one action on one resource, and the statement that decided it.

    ``policy_index`` is the position, in the list given to ``evaluate``, of the policy holding
    ``statement`` (None when nothing matched), so a caller can name the policy.
    """

    verdict: str
    statement: dict[str, Any] | None = None
    policy_index: int | None = None

    @property
    def allowed(self) -> bool:
        return self.verdict == ALLOWED


@lru_cache(maxsize=512)
def _glob(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """``*`` → any run of characters, ``?`` → one character, everything else literal."""
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), (re.IGNORECASE | re.DOTALL) if ignore_case else re.DOTALL)


def action_matches(pattern: str, action: str) -> bool:
    """IAM action names are case-insensitive: ``SQS:receivemessage`` matches ``sqs:ReceiveMessage``."""
    if not isinstance(pattern, str):
        return False
    return _glob(pattern, True).fullmatch(action) is not None


def resource_matches(pattern: str, resource: str) -> bool:
    """An ARN pattern against a resource ARN, case-sensitively, segment by segment.

    The six ARN segments (``arn:partition:service:region:account:resource``) are compared one by
    one, so ``*`` in the region segment never swallows the account; within the last segment
    ``*`` spans ``/`` and ``:`` (``arn:aws:s3:::bucket/*`` matches every object key).
    A ``resource`` of ``*`` (an action with no resource type) is matched only by ``*``.
    """
    if not isinstance(pattern, str):
        return False
    if pattern == "*":
        return True
    if resource == "*":
        return False
    pattern_parts = pattern.split(":", 5)
    resource_parts = resource.split(":", 5)
    if len(pattern_parts) != len(resource_parts):
        # a short pattern such as "arn:aws:sqs:*" : let its last wildcard cover the rest
        return _glob(pattern, False).fullmatch(resource) is not None
    return all(_glob(p, False).fullmatch(r) is not None for p, r in zip(pattern_parts, resource_parts))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def statements(policy: Any) -> list[dict[str, Any]]:
    """A policy document's statements: ``Statement`` may be one object or a list."""
    if not isinstance(policy, dict):
        return []
    return [s for s in _as_list(policy.get("Statement")) if isinstance(s, dict)]


def _action_applies(statement: dict[str, Any], action: str) -> bool:
    if "Action" in statement:
        return any(action_matches(p, action) for p in _as_list(statement["Action"]))
    if "NotAction" in statement:
        # NotAction: the statement covers every action except the listed ones
        return not any(action_matches(p, action) for p in _as_list(statement["NotAction"]))
    return False


def _resource_applies(statement: dict[str, Any], resource: str) -> tuple[bool, bool]:
    """(applies, only under a policy variable's value)."""
    if "Resource" in statement:
        patterns, negate = _as_list(statement["Resource"]), False
    elif "NotResource" in statement:
        patterns, negate = _as_list(statement["NotResource"]), True
    else:
        return False, False  # an identity policy statement without either is invalid: it grants nothing
    plain = [p for p in patterns if isinstance(p, str) and "${" not in p]
    variable = [p for p in patterns if isinstance(p, str) and "${" in p]
    hit = any(resource_matches(p, resource) for p in plain)
    if negate:
        if hit:
            return False, False
        # a variable in NotResource might exclude this resource once substituted
        return True, any(resource_matches(re.sub(r"\$\{[^}]*\}", "*", p), resource) for p in variable)
    if hit:
        return True, False
    maybe = any(resource_matches(re.sub(r"\$\{[^}]*\}", "*", p), resource) for p in variable)
    return maybe, maybe


def statement_applies(statement: dict[str, Any], action: str, resource: str) -> str | None:
    """None when the statement does not cover the request, "yes" when it does, "conditional" when it may."""
    if not _action_applies(statement, action):
        return None
    applies, via_variable = _resource_applies(statement, resource)
    if not applies:
        return None
    if statement.get("Condition") or via_variable:
        return CONDITIONAL
    return "yes"


def evaluate(policies: list[dict[str, Any]], action: str, resource: str) -> Decision:
    """The verdict of identity-based ``policies`` (parsed documents) for ``action`` on ``resource``."""
    allow: tuple[dict[str, Any], int] | None = None
    maybe_allow: tuple[dict[str, Any], int] | None = None
    maybe_deny: tuple[dict[str, Any], int] | None = None
    for index, policy in enumerate(policies):
        for statement in statements(policy):
            effect = statement.get("Effect")
            if effect not in ("Allow", "Deny"):
                continue  # AWS accepts only these two spellings
            applies = statement_applies(statement, action, resource)
            if applies is None:
                continue
            if effect == "Deny":
                if applies == "yes":
                    return Decision(EXPLICIT_DENY, statement, index)  # a Deny always wins
                maybe_deny = maybe_deny or (statement, index)
            elif applies == "yes":
                allow = allow or (statement, index)
            else:
                maybe_allow = maybe_allow or (statement, index)
    if maybe_deny is not None and (allow or maybe_allow):
        return Decision(CONDITIONAL, *maybe_deny)  # allowed unless the Deny's condition holds
    if allow is not None:
        return Decision(ALLOWED, *allow)
    if maybe_allow is not None:
        return Decision(CONDITIONAL, *maybe_allow)
    return Decision(IMPLICIT_DENY)


def actions_in(policies: Iterable[dict[str, Any]]) -> list[str]:
    """Every action name written in ``Action``/``NotAction`` of the policies, in order."""
    found: list[str] = []
    for policy in policies:
        for statement in statements(policy):
            for key in ("Action", "NotAction"):
                found.extend(a for a in _as_list(statement.get(key)) if isinstance(a, str))
    return found

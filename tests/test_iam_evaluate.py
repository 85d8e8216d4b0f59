"""esm's IAM evaluator against AWS's documented policy evaluation logic, case by case.

Every case cites the IAM User Guide page whose rule it exercises (keys of ``DOCS``).
The evaluator decides identity-based policies only (docs/doctor.md says what it leaves out).
"""

from __future__ import annotations

from typing import Any

import pytest

from esm_cli.iam.evaluate import Decision, action_matches, evaluate, resource_matches

GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
DOCS = {
    "logic": GUIDE + "reference_policies_evaluation-logic.html",  # default deny, explicit deny wins, allow
    "effect": GUIDE + "reference_policies_elements_effect.html",  # Effect is Allow or Deny
    "statement": GUIDE + "reference_policies_elements_statement.html",  # one statement or an array
    "action": GUIDE + "reference_policies_elements_action.html",  # case-insensitive, wildcards
    "notaction": GUIDE + "reference_policies_elements_notaction.html",  # everything except
    "resource": GUIDE + "reference_policies_elements_resource.html",  # ARNs, wildcards, case-sensitive
    "notresource": GUIDE + "reference_policies_elements_notresource.html",
    "condition": GUIDE + "reference_policies_elements_condition.html",  # only when the condition holds
    "variables": GUIDE + "reference_policies_variables.html",  # ${aws:username} resolved at request time
    "multiple": GUIDE + "reference_policies_evaluation-logic_policies_identity.html",  # union of identity policies
}

Q = "arn:aws:sqs:us-east-1:123456789012:q1"
Q2 = "arn:aws:sqs:us-east-1:123456789012:q2"
QW = "arn:aws:sqs:us-west-2:123456789012:q1"
S = "arn:aws:kinesis:us-east-1:123456789012:stream/s1"
D = "arn:aws:dynamodb:us-east-1:123456789012:table/t1/stream/2024-01-01T00:00:00.000"
B = "arn:aws:s3:::bucket"


def pol(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


COND = {"StringEquals": {"aws:SourceAccount": "123456789012"}}

# (id, citation, policies, action, resource, expected verdict)
# fmt: off
CASES: list[tuple[str, str, list[dict[str, Any]], str, str, str]] = [
    # -- default deny, explicit deny, allow ---------------------------------------------------
    ("no-policies", "logic", [], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("empty-policy", "logic", [pol()], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("exact-allow", "logic", [pol(allow("sqs:ReceiveMessage", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("other-action", "logic", [pol(allow("sqs:SendMessage", Q))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("other-resource", "logic", [pol(allow("sqs:ReceiveMessage", Q2))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("deny-only", "logic", [pol(deny("sqs:ReceiveMessage", Q))], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("deny-beats-allow-same-policy", "logic", [pol(allow("sqs:*"), deny("sqs:ReceiveMessage", Q))], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("deny-beats-allow-other-policy", "logic", [pol(allow("sqs:*")), pol(deny("sqs:*", Q))], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("deny-first-then-allow", "logic", [pol(deny("sqs:ReceiveMessage")), pol(allow("*"))], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("deny-other-action-does-not-matter", "logic", [pol(allow("sqs:*"), deny("sqs:DeleteMessage"))], "sqs:ReceiveMessage", Q, "allowed"),
    ("deny-other-resource-does-not-matter", "logic", [pol(allow("sqs:*"), deny("sqs:*", Q2))], "sqs:ReceiveMessage", Q, "allowed"),
    ("allow-star-star", "logic", [pol(allow("*", "*"))], "kinesis:GetRecords", S, "allowed"),
    ("deny-star-star", "logic", [pol(allow("*"), deny("*"))], "kinesis:GetRecords", S, "explicit-deny"),
    # -- union of several identity policies ------------------------------------------------------
    ("union-second-policy-allows", "multiple", [pol(allow("sqs:SendMessage")), pol(allow("sqs:ReceiveMessage"))], "sqs:ReceiveMessage", Q, "allowed"),
    ("union-none-allows", "multiple", [pol(allow("sqs:SendMessage")), pol(allow("sns:Publish"))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    # -- Effect ------------------------------------------------------------------------------------
    ("effect-lowercase-ignored", "effect", [pol({"Effect": "allow", "Action": "*", "Resource": "*"})], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("effect-missing-ignored", "effect", [pol({"Action": "*", "Resource": "*"})], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("effect-deny-lowercase-ignored", "effect", [pol(allow("*"), {"Effect": "deny", "Action": "*", "Resource": "*"})], "sqs:ReceiveMessage", Q, "allowed"),
    # -- Statement shape -----------------------------------------------------------------------------
    ("statement-single-object", "statement", [{"Version": "2012-10-17", "Statement": allow("sqs:ReceiveMessage", Q)}], "sqs:ReceiveMessage", Q, "allowed"),
    ("statement-list", "statement", [pol(allow("sns:Publish"), allow("sqs:ReceiveMessage", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("statement-missing", "statement", [{"Version": "2012-10-17"}], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("statement-with-sid", "statement", [pol(allow("sqs:ReceiveMessage", Q, Sid="Read"))], "sqs:ReceiveMessage", Q, "allowed"),
    # -- Action: case, wildcards, lists ---------------------------------------------------------------
    ("action-case-insensitive-name", "action", [pol(allow("sqs:receivemessage", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("action-case-insensitive-prefix", "action", [pol(allow("SQS:ReceiveMessage", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("action-service-wildcard", "action", [pol(allow("sqs:*", Q))], "sqs:DeleteMessage", Q, "allowed"),
    ("action-prefix-wildcard", "action", [pol(allow("sqs:Receive*", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("action-prefix-wildcard-miss", "action", [pol(allow("sqs:Receive*", Q))], "sqs:DeleteMessage", Q, "implicit-deny"),
    ("action-middle-wildcard", "action", [pol(allow("kinesis:Get*Iterator", S))], "kinesis:GetShardIterator", S, "allowed"),
    ("action-question-mark", "action", [pol(allow("sqs:?eceiveMessage", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("action-question-mark-one-char", "action", [pol(allow("sqs:?ReceiveMessage", Q))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("action-list", "action", [pol(allow(["sqs:SendMessage", "sqs:ReceiveMessage"], Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("action-other-service", "action", [pol(allow("sns:*"))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("action-typo-grants-nothing", "action", [pol(allow("sqs:ReciveMessage", Q))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("action-star-everything", "action", [pol(allow("*", Q))], "sqs:ReceiveMessage", Q, "allowed"),
    ("action-service-prefix-is-not-substring", "action", [pol(allow("dynamodb:*"))], "dynamodbstreams:GetRecords", D, "implicit-deny"),
    ("action-dynamodb-streams-use-dynamodb-prefix", "action", [pol(allow("dynamodb:GetRecords", D))], "dynamodb:GetRecords", D, "allowed"),
    # -- NotAction ------------------------------------------------------------------------------------
    ("notaction-allow-other", "notaction", [pol({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})], "sqs:ReceiveMessage", Q, "allowed"),
    ("notaction-allow-excluded", "notaction", [pol({"Effect": "Allow", "NotAction": "sqs:*", "Resource": "*"})], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("notaction-deny-everything-but", "notaction", [pol(allow("*"), {"Effect": "Deny", "NotAction": "sqs:SendMessage", "Resource": "*"})], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("notaction-deny-spares-listed", "notaction", [pol(allow("*"), {"Effect": "Deny", "NotAction": ["sqs:ReceiveMessage"], "Resource": "*"})], "sqs:ReceiveMessage", Q, "allowed"),
    ("notaction-case-insensitive", "notaction", [pol({"Effect": "Allow", "NotAction": "SQS:RECEIVEMESSAGE", "Resource": "*"})], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("notaction-wildcard", "notaction", [pol({"Effect": "Allow", "NotAction": "sqs:Delete*", "Resource": "*"})], "sqs:ReceiveMessage", Q, "allowed"),
    # -- Resource: ARNs, wildcards, case ---------------------------------------------------------------
    ("resource-star", "resource", [pol(allow("sqs:ReceiveMessage", "*"))], "sqs:ReceiveMessage", Q, "allowed"),
    ("resource-name-wildcard", "resource", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:123456789012:q*"))], "sqs:ReceiveMessage", Q, "allowed"),
    ("resource-region-wildcard", "resource", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:*:123456789012:q1"))], "sqs:ReceiveMessage", QW, "allowed"),
    ("resource-wrong-region", "resource", [pol(allow("sqs:ReceiveMessage", Q))], "sqs:ReceiveMessage", QW, "implicit-deny"),
    ("resource-wrong-account", "resource", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:999999999999:q1"))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("resource-case-sensitive", "resource", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:123456789012:Q1"))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("resource-question-mark", "resource", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:123456789012:q?"))], "sqs:ReceiveMessage", Q, "allowed"),
    ("resource-list", "resource", [pol(allow("sqs:ReceiveMessage", [Q2, Q]))], "sqs:ReceiveMessage", Q, "allowed"),
    ("resource-path-wildcard-spans-slashes", "resource", [pol(allow("s3:PutObject", "arn:aws:s3:::bucket/*"))], "s3:PutObject", B + "/a/b/c.json", "allowed"),
    ("resource-bucket-not-objects", "resource", [pol(allow("s3:PutObject", B))], "s3:PutObject", B + "/key", "implicit-deny"),
    ("resource-stream-wildcard", "resource", [pol(allow("dynamodb:GetRecords", "arn:aws:dynamodb:us-east-1:123456789012:table/t1/stream/*"))], "dynamodb:GetRecords", D, "allowed"),
    ("resource-table-arn-not-stream", "resource", [pol(allow("dynamodb:GetRecords", "arn:aws:dynamodb:us-east-1:123456789012:table/t1"))], "dynamodb:GetRecords", D, "implicit-deny"),
    ("resource-kinesis-stream", "resource", [pol(allow("kinesis:GetRecords", "arn:aws:kinesis:*:*:stream/*"))], "kinesis:GetRecords", S, "allowed"),
    ("resource-no-resource-type-needs-star", "resource", [pol(allow("kinesis:ListStreams", S))], "kinesis:ListStreams", "*", "implicit-deny"),
    ("resource-no-resource-type-star", "resource", [pol(allow("kinesis:ListStreams", "*"))], "kinesis:ListStreams", "*", "allowed"),
    ("resource-missing-grants-nothing", "resource", [pol({"Effect": "Allow", "Action": "*"})], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("resource-region-star-does-not-eat-account", "resource", [pol(allow("sqs:*", "arn:aws:sqs:*:999999999999:*"))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    # -- NotResource --------------------------------------------------------------------------------
    ("notresource-allow-other", "notresource", [pol({"Effect": "Allow", "Action": "sqs:*", "NotResource": Q2})], "sqs:ReceiveMessage", Q, "allowed"),
    ("notresource-allow-excluded", "notresource", [pol({"Effect": "Allow", "Action": "sqs:*", "NotResource": Q})], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("notresource-deny-everything-but", "notresource", [pol(allow("sqs:*"), {"Effect": "Deny", "Action": "sqs:*", "NotResource": Q2})], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("notresource-deny-spares-listed", "notresource", [pol(allow("sqs:*"), {"Effect": "Deny", "Action": "sqs:*", "NotResource": [Q]})], "sqs:ReceiveMessage", Q, "allowed"),
    ("notresource-wildcard", "notresource", [pol({"Effect": "Allow", "Action": "sqs:*", "NotResource": "arn:aws:sqs:us-west-2:*"})], "sqs:ReceiveMessage", Q, "allowed"),
    ("notaction-and-notresource", "notresource", [pol({"Effect": "Allow", "NotAction": "iam:*", "NotResource": Q2})], "sqs:ReceiveMessage", Q, "allowed"),
    # -- Conditions: never silently passed ---------------------------------------------------------
    ("condition-allow", "condition", [pol(allow("sqs:ReceiveMessage", Q, Condition=COND))], "sqs:ReceiveMessage", Q, "conditional"),
    ("condition-allow-plus-plain-allow", "condition", [pol(allow("sqs:ReceiveMessage", Q, Condition=COND), allow("sqs:*"))], "sqs:ReceiveMessage", Q, "allowed"),
    ("condition-deny-over-allow", "condition", [pol(allow("sqs:*"), deny("sqs:ReceiveMessage", Q, Condition=COND))], "sqs:ReceiveMessage", Q, "conditional"),
    ("condition-deny-without-allow", "condition", [pol(deny("sqs:ReceiveMessage", Q, Condition=COND))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("condition-deny-and-plain-deny", "condition", [pol(allow("*"), deny("sqs:*", Condition=COND), deny("sqs:ReceiveMessage"))], "sqs:ReceiveMessage", Q, "explicit-deny"),
    ("condition-empty-block-is-unconditional", "condition", [pol(allow("sqs:ReceiveMessage", Q, Condition={}))], "sqs:ReceiveMessage", Q, "allowed"),
    ("condition-on-other-action-ignored", "condition", [pol(allow("sqs:ReceiveMessage", Q), deny("sqs:SendMessage", Condition=COND))], "sqs:ReceiveMessage", Q, "allowed"),
    # -- Policy variables ---------------------------------------------------------------------------
    ("variable-resource-conditional", "variables", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:123456789012:${aws:username}"))], "sqs:ReceiveMessage", Q, "conditional"),
    ("variable-resource-cannot-match", "variables", [pol(allow("sqs:ReceiveMessage", "arn:aws:sqs:us-west-2:123456789012:${aws:username}"))], "sqs:ReceiveMessage", Q, "implicit-deny"),
    ("variable-plus-plain-allow", "variables", [pol(allow("sqs:ReceiveMessage", ["arn:aws:sqs:*:*:${aws:username}", Q]))], "sqs:ReceiveMessage", Q, "allowed"),
]
# fmt: on


def test_there_are_at_least_sixty_cases_each_citing_aws() -> None:
    assert len(CASES) >= 60
    assert len({case[0] for case in CASES}) == len(CASES)
    assert all(case[1] in DOCS for case in CASES)


@pytest.mark.parametrize("case_id, doc, policies, action, resource, expected", CASES, ids=[c[0] for c in CASES])
def test_evaluation(
    case_id: str, doc: str, policies: list[dict[str, Any]], action: str, resource: str, expected: str
) -> None:
    decision = evaluate(policies, action, resource)
    assert decision.verdict == expected, f"{case_id}: see {DOCS[doc]}"


def test_the_deciding_statement_and_policy_are_named() -> None:
    deny_statement = deny("sqs:ReceiveMessage", Q)
    decision = evaluate([pol(allow("*")), pol(deny_statement)], "sqs:ReceiveMessage", Q)
    assert decision == Decision("explicit-deny", deny_statement, 1)
    assert evaluate([], "sqs:ReceiveMessage", Q).statement is None
    assert evaluate([pol(allow("sqs:*"))], "sqs:ReceiveMessage", Q).allowed


@pytest.mark.parametrize(
    "pattern, resource, expected",
    [("*", "*", True), ("arn:aws:sqs:*", Q, True), (Q, "*", False), ("arn:aws:sqs:us-east-1:123456789012:*", Q, True)],
)
def test_resource_matching_edges(pattern: str, resource: str, expected: bool) -> None:
    assert resource_matches(pattern, resource) is expected


def test_non_string_patterns_never_match() -> None:
    assert not action_matches(None, "sqs:ReceiveMessage")  # type: ignore[arg-type]
    assert not resource_matches(5, Q)  # type: ignore[arg-type]
    assert (
        evaluate([pol({"Effect": "Allow", "Action": [1, None], "Resource": ["*"]})], "sqs:ReceiveMessage", Q).verdict
        == "implicit-deny"
    )
    assert evaluate(["not a policy"], "sqs:ReceiveMessage", Q).verdict == "implicit-deny"  # type: ignore[list-item]

"""AWS managed Lambda execution policies, by name, from a generated snapshot.

doctor reads an attached managed policy from IAM (its default version); this snapshot serves
when IAM cannot be read, offline checks (``esm validate --strict``), and tests. It is written
by ``python -m esm_cli.regenerate`` from the AWS managed policy data moto ships (AWS's
published documents; https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html)
and checked fresh by tests/test_generated_fresh.py.
"""

from __future__ import annotations

import json
import os
from typing import Any

SNAPSHOT = os.path.join(os.path.dirname(__file__), "data", "managed_policies.json")

NAMES = (
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaSQSQueueExecutionRole",
    "AWSLambdaKinesisExecutionRole",
    "AWSLambdaDynamoDBExecutionRole",
    "AWSLambdaMSKExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
)


def build_snapshot() -> dict[str, Any]:
    """name → {arn, version, document}, from moto's copy of AWS's managed policies."""
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    data = json.loads(aws_managed_policies_data)
    return {
        name: {
            "arn": f"arn:aws:iam::aws:policy{data[name]['Path']}{name}",
            "version": data[name]["DefaultVersionId"],
            "document": data[name]["Document"],
        }
        for name in NAMES
    }


def _load() -> dict[str, Any]:
    with open(SNAPSHOT, encoding="utf-8") as handle:
        policies: dict[str, Any] = json.load(handle)["policies"]
    return policies


_SNAPSHOT = _load()
MANAGED_POLICIES: dict[str, dict[str, Any]] = {name: entry["document"] for name, entry in _SNAPSHOT.items()}
MANAGED_ARNS: dict[str, str] = {entry["arn"]: name for name, entry in _SNAPSHOT.items()}


def by_arn(arn: str) -> dict[str, Any] | None:
    """The snapshot's document for an AWS managed policy ARN, if esm has it."""
    name = MANAGED_ARNS.get(arn)
    return MANAGED_POLICIES.get(name) if name else None

"""Which IAM action names exist, for the services a mapping's role touches: typos are flagged.

The names come from a committed snapshot (esm_cli/iam/data/actions.json) generated from
botocore's service models by ``python -m esm_cli.regenerate``: an API operation's name is
its IAM action's name for these services (``sqs:ReceiveMessage``). A few actions exist only
in IAM (``s3:ListBucket``, ``lambda:InvokeFunction``, the ``kafka-cluster:`` data-plane actions);
they are listed by hand in ``IAM_ONLY`` with the page they come from (docs/permissions.md).
So ``sqs:ReciveMessage`` (seen in a published example) is reported with "did you mean
sqs:ReceiveMessage?".
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from esm_cli.iam.evaluate import action_matches

SNAPSHOT = os.path.join(os.path.dirname(__file__), "data", "actions.json")

# botocore service → IAM prefix (the model's signing name, which is the IAM prefix for these)
SERVICES = (
    "sqs", "kinesis", "dynamodb", "dynamodbstreams", "kafka", "mq", "rds", "ec2",
    "secretsmanager", "kms", "sns", "s3", "logs", "lambda", "glue",
)

# Actions IAM knows that are not API operation names (AWS Service Authorization Reference:
# https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# and, for kafka-cluster, https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html).
IAM_ONLY: dict[str, tuple[str, ...]] = {
    "s3": (
        "ListBucket",
        "ListAllMyBuckets",
        "ListBucketVersions",
        "ListBucketMultipartUploads",
        "ListMultipartUploadParts",
        "GetObjectVersion",
        "DeleteObjectVersion",
        "PutObjectVersionAcl",
    ),
    "lambda": ("InvokeFunction", "InvokeFunctionUrl"),
    "kafka-cluster": (
        "Connect",
        "AlterCluster",
        "DescribeCluster",
        "AlterClusterDynamicConfiguration",
        "DescribeClusterDynamicConfiguration",
        "WriteDataIdempotently",
        "CreateTopic",
        "DescribeTopic",
        "AlterTopic",
        "DeleteTopic",
        "DescribeTopicDynamicConfiguration",
        "AlterTopicDynamicConfiguration",
        "ReadData",
        "WriteData",
        "DescribeGroup",
        "AlterGroup",
        "DeleteGroup",
        "DescribeTransactionalId",
        "AlterTransactionalId",
    ),
}


class UnknownAction(NamedTuple):
    """An action written in a policy that names nothing IAM knows, and the closest real one."""

    action: str
    suggestion: str | None


def build_snapshot() -> dict[str, list[str]]:
    """Prefix → sorted action names, from botocore's installed models plus ``IAM_ONLY``."""
    import botocore.session

    session = botocore.session.get_session()
    names: dict[str, set[str]] = {}
    for service in SERVICES:
        model = session.get_service_model(service)
        names.setdefault(model.signing_name, set()).update(model.operation_names)
    for prefix, extra in IAM_ONLY.items():
        names.setdefault(prefix, set()).update(extra)
    return {prefix: sorted(values) for prefix, values in sorted(names.items())}


@lru_cache(maxsize=1)
def known_actions() -> dict[str, dict[str, str]]:
    """Prefix → {lower-cased name: spelled name}, from the committed snapshot."""
    with open(SNAPSHOT, encoding="utf-8") as handle:
        data: dict[str, list[str]] = json.load(handle)["actions"]
    return {prefix: {name.lower(): name for name in names} for prefix, names in data.items()}


def check_action(action: str) -> UnknownAction | None:
    """None when ``action`` exists (or its service is not one esm knows); else what is wrong."""
    if not isinstance(action, str) or action == "*" or ":" not in action:
        return None
    prefix, _, name = action.partition(":")
    known = known_actions().get(prefix.lower())
    if known is None:
        return None
    if "*" in name or "?" in name:
        if any(action_matches(action, f"{prefix}:{spelled}") for spelled in known.values()):
            return None
        return UnknownAction(action, None)
    if name.lower() in known:
        return None
    close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.75)
    return UnknownAction(action, f"{prefix.lower()}:{known[close[0]]}" if close else None)


def unknown_actions(actions: Iterable[Any]) -> list[UnknownAction]:
    """Each distinct action name among ``actions`` that IAM does not know."""
    seen: set[str] = set()
    found = []
    for action in actions:
        if not isinstance(action, str) or action in seen:
            continue
        seen.add(action)
        problem = check_action(action)
        if problem is not None:
            found.append(problem)
    return found

"""SAM templates: each function's pull events become the AWS::Lambda::EventSourceMapping SAM creates.

SAM's translation (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqs.html
and its siblings for Kinesis, DynamoDB, MSK, MQ, SelfManagedKafka and DocumentDB): the event's
source property (``Queue``, ``Stream``, ``Broker``, ``Cluster``) becomes ``EventSourceArn``; the
function becomes ``FunctionName``; the other properties pass through, except those SAM folds
into a block (``ConsumerGroupId``, ``KafkaBootstrapServers``, DocumentDB's ``DatabaseName``,
``CollectionName``, ``FullDocument``) or only uses for the role (``SecretsManagerKmsKeyId``,
``DestinationConfig.OnFailure.Type``). When SAM creates the role it attaches
AWSLambdaBasicExecutionRole and the event's managed policy, or for MQ, DocumentDB and
self-managed Kafka the statements below; ``Globals.Function`` applies to every function.
Plain CloudFormation resources in the same template are compiled too.
"""

from __future__ import annotations

from typing import Any

from esm_cli.iac.cloudformation import RENAMED, compile_template
from esm_cli.iac.declared import Declared, Role, coerce_scalars
from esm_cli.iac.intrinsics import NO_VALUE, Template
from esm_cli.iac.positions import key_position
from esm_cli.iac.resolve import function_facts, function_role, managed_policy, mapping_facts, usable_policy

SOURCE_PROPERTY = {
    "SQS": "Queue",
    "Kinesis": "Stream",
    "DynamoDB": "Stream",
    "MSK": "Stream",
    "MQ": "Broker",
    "DocumentDB": "Cluster",
    "SelfManagedKafka": None,
}
EVENT_POLICY = {
    "SQS": "AWSLambdaSQSQueueExecutionRole",
    "Kinesis": "AWSLambdaKinesisExecutionRole",
    "DynamoDB": "AWSLambdaDynamoDBExecutionRole",
    "MSK": "AWSLambdaMSKExecutionRole",
}
_VPC = [
    "ec2:CreateNetworkInterface",
    "ec2:DeleteNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
]
EVENT_STATEMENTS = {
    "MQ": ["mq:DescribeBroker", "secretsmanager:GetSecretValue", *_VPC],
    "DocumentDB": [
        "rds:DescribeDBClusters",
        "rds:DescribeDBClusterParameters",
        "rds:DescribeDBSubnetGroups",
        "secretsmanager:GetSecretValue",
        "kms:Decrypt",
        *_VPC,
    ],
    "SelfManagedKafka": ["secretsmanager:GetSecretValue", "kms:Decrypt", *_VPC],
}
_ROLE_ONLY = ("SecretsManagerKmsKeyId",)
# SAM policy templates a pull event's function commonly names, by the actions they grant
# (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html).
# They are scoped to the named queue, stream or topic; "*" here can only make the check pass, never fail.
POLICY_TEMPLATES = {
    "SQSPollerPolicy": [
        "sqs:ChangeMessageVisibility",
        "sqs:ChangeMessageVisibilityBatch",
        "sqs:DeleteMessage",
        "sqs:DeleteMessageBatch",
        "sqs:GetQueueAttributes",
        "sqs:ReceiveMessage",
    ],
    "SQSSendMessagePolicy": ["sqs:SendMessage*"],
    "SNSPublishMessagePolicy": ["sns:Publish"],
    "KinesisStreamReadPolicy": [
        "kinesis:ListStreams",
        "kinesis:DescribeLimits",
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
    ],
    "DynamoDBStreamReadPolicy": [
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
    ],
}


def _translate(kind: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The mapping's members from the event's properties, and which property each came from."""
    request: dict[str, Any] = {}
    source_of: dict[str, str] = {}
    for name, value in props.items():
        member = RENAMED.get(name, name)
        if name == SOURCE_PROPERTY.get(kind):
            member = "EventSourceArn"
        elif name in _ROLE_ONLY:
            continue
        elif name == "KafkaBootstrapServers":
            member, value = "SelfManagedEventSource", {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": value}}
        elif name == "ConsumerGroupId":
            block = "AmazonManagedKafkaEventSourceConfig" if kind == "MSK" else "SelfManagedKafkaEventSourceConfig"
            member, value = block, {"ConsumerGroupId": value}
        elif kind == "DocumentDB" and name in ("DatabaseName", "CollectionName", "FullDocument"):
            member = "DocumentDBEventSourceConfig"
            value = {**request.get(member, {}), name: value}
        elif name == "DestinationConfig" and isinstance(value, dict) and isinstance(value.get("OnFailure"), dict):
            value = {**value, "OnFailure": {k: v for k, v in value["OnFailure"].items() if k != "Type"}}
        request[member] = value
        source_of.setdefault(member, name)
    return request, source_of


def _destination_actions(events: list[dict[str, Any]]) -> list[str]:
    """What SAM grants for an on-failure destination whose ``Type`` is given (SQS or SNS)."""
    actions = []
    for event in events:
        props = event.get("Properties") if isinstance(event.get("Properties"), dict) else {}
        config = props.get("DestinationConfig") if isinstance(props.get("DestinationConfig"), dict) else {}
        on_failure = config.get("OnFailure") if isinstance(config.get("OnFailure"), dict) else {}
        actions += {"SQS": ["sqs:SendMessage"], "SNS": ["sns:Publish"]}.get(str(on_failure.get("Type")), [])
    return actions


def _sam_role(template: Template, props: dict[str, Any], events: list[dict[str, Any]], function_id: str) -> Role:
    """The role SAM creates: basic execution, each event's policy, the function's ``Policies``."""
    role = Role(name=f"{function_id}Role (created by SAM)")
    kinds = [e["Type"] for e in events]
    destinations = _destination_actions(events)
    if destinations:
        role.policies.append(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": destinations, "Resource": "*"}]}
        )
    for name in ["AWSLambdaBasicExecutionRole", *(EVENT_POLICY[k] for k in kinds if k in EVENT_POLICY)]:
        document = managed_policy(name)
        if document:
            role.policies.append(document)
    for kind in kinds:
        if kind in EVENT_STATEMENTS:
            role.policies.append(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": EVENT_STATEMENTS[kind], "Resource": "*"}],
                }
            )
    policies = template.resolve(props.get("Policies"))
    for entry in policies if isinstance(policies, list) else ([policies] if policies else []):
        if isinstance(entry, str) and managed_policy(entry):
            role.policies.append(managed_policy(entry))  # type: ignore[arg-type]
        elif isinstance(entry, dict) and "Statement" in entry and usable_policy(entry):
            role.policies.append(usable_policy(entry))  # type: ignore[arg-type]
        elif isinstance(entry, dict) and len(entry) == 1 and next(iter(entry)) in POLICY_TEMPLATES:
            actions = POLICY_TEMPLATES[next(iter(entry))]
            role.policies.append(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
            )
        else:
            shown = entry if isinstance(entry, str) else next(iter(entry), "?") if isinstance(entry, dict) else entry
            role.unknown = f"the policy {shown} in Policies"
    return role


def compile_sam(document: dict[str, Any], file: str) -> list[Declared]:
    template = Template(document)
    found = compile_template(document, file, kind="sam", template=template)
    globals_ = document.get("Globals", {}).get("Function") if isinstance(document.get("Globals"), dict) else None
    globals_ = globals_ if isinstance(globals_, dict) else {}
    for function_id, resource in template.resources.items():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
        events = props.get("Events") if isinstance(props.get("Events"), dict) else {}
        pulls = {n: e for n, e in events.items() if isinstance(e, dict) and e.get("Type") in SOURCE_PROPERTY}
        if not pulls:
            continue
        role = (
            function_role(template, function_id)
            if "Role" in props
            else _sam_role(template, props, list(pulls.values()), function_id)
        )
        facts_fn, where_fn = function_facts(template, function_id, globals_)
        for name, event in pulls.items():
            event_props = event.get("Properties") if isinstance(event.get("Properties"), dict) else {}
            where = key_position(events, name)
            raw, source_of = _translate(event["Type"], event_props)
            request = {"FunctionName": template.ref(function_id)}
            for member, value in raw.items():
                resolved = template.resolve(value)
                if resolved is not NO_VALUE:
                    request[member] = resolved
            declared = Declared(
                file=file,
                resource=f"{function_id}.Events.{name}",
                kind="sam",
                request=coerce_scalars(request),
                where=where,
                role=role,
                positions={m: key_position(event_props, p, where) for m, p in source_of.items()},
            )
            declared.positions["FunctionName"] = where
            declared.nodes = {m: event_props[p] for m, p in source_of.items() if m == p}
            facts, fact_where, _ = mapping_facts(template, event_props.get(SOURCE_PROPERTY[event["Type"]] or ""), None)
            declared.facts = {**facts_fn, **facts}
            declared.fact_positions = {**where_fn, **fact_where}
            found.append(declared)
    return found

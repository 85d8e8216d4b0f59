"""serverless.yml: each function's sqs, stream, msk, kafka, activemq and rabbitmq events, as Serverless compiles them.

Serverless Framework's event docs (https://www.serverless.com/framework/docs/providers/aws/events/sqs,
…/events/streams, …/events/msk, …/events/kafka, …/events/activemq, …/events/rabbitmq) give the
translation and its defaults: BatchSize 10 for sqs and stream events, 100 for the Kafka and MQ
events; StartingPosition TRIM_HORIZON for stream, msk and kafka events; Enabled true. Functions
are named ``<service>-<stage>-<function>`` (stage ``dev``) and time out after 6 s unless
``timeout`` says otherwise. Unless a custom role is named, the role Serverless creates holds
``provider.iam.role.statements`` plus the statements it adds for each event (``EVENT_ACTIONS``).
``resources.Resources`` is CloudFormation: references into it resolve as in a template.
"""

from __future__ import annotations

import json
from typing import Any

from esm_cli.iac.declared import Declared, Role, coerce_scalars
from esm_cli.iac.intrinsics import Template, referenced
from esm_cli.iac.positions import Map, Seq, key_position
from esm_cli.iac.resolve import cfn_role, managed_policy, queue_facts, usable_policy
from esm_cli.iac.serverless_variables import Variables

FUNCTION_TIMEOUT_DEFAULT = 6
_VPC = [
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeVpcs",
    "ec2:DeleteNetworkInterface",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
]
EVENT_ACTIONS = {
    "sqs": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
    "dynamodb": ["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"],
    "kinesis": [
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:ListShards",
        "kinesis:ListStreams",
        "kinesis:SubscribeToShard",
    ],
    "msk": ["kafka:DescribeCluster", "kafka:GetBootstrapBrokers", "secretsmanager:GetSecretValue", *_VPC],
    "kafka": ["secretsmanager:GetSecretValue", *_VPC],
    "activemq": ["mq:DescribeBroker", "secretsmanager:GetSecretValue", *_VPC],
    "rabbitmq": ["mq:DescribeBroker", "secretsmanager:GetSecretValue", *_VPC],
}
DEFAULTS = {
    "sqs": {"BatchSize": 10, "Enabled": True},
    "stream": {"BatchSize": 10, "StartingPosition": "TRIM_HORIZON", "Enabled": True},
    "msk": {"BatchSize": 100, "StartingPosition": "TRIM_HORIZON", "Enabled": True},
    "kafka": {"BatchSize": 100, "StartingPosition": "TRIM_HORIZON", "Enabled": True},
    "activemq": {"BatchSize": 100, "Enabled": True},
    "rabbitmq": {"BatchSize": 100, "Enabled": True},
}
# Event property → API member, where the name is all that changes.
PLAIN = {
    "arn": "EventSourceArn",
    "batchSize": "BatchSize",
    "enabled": "Enabled",
    "maximumBatchingWindow": "MaximumBatchingWindowInSeconds",
    "batchWindow": "MaximumBatchingWindowInSeconds",
    "startingPosition": "StartingPosition",
    "startingPositionTimestamp": "StartingPositionTimestamp",
    "maximumRetryAttempts": "MaximumRetryAttempts",
    "parallelizationFactor": "ParallelizationFactor",
    "bisectBatchOnFunctionError": "BisectBatchOnFunctionError",
    "maximumRecordAgeInSeconds": "MaximumRecordAgeInSeconds",
    "tumblingWindowInSeconds": "TumblingWindowInSeconds",
}
ACCESS_TYPES = {
    "vpcSubnet": ("VPC_SUBNET", "subnet:"),
    "vpcSecurityGroup": ("VPC_SECURITY_GROUP", "security_group:"),
    "saslPlainAuth": ("BASIC_AUTH", ""),
    "saslScram256Auth": ("SASL_SCRAM_256_AUTH", ""),
    "saslScram512Auth": ("SASL_SCRAM_512_AUTH", ""),
    "clientCertificateTlsAuth": ("CLIENT_CERTIFICATE_TLS_AUTH", ""),
    "serverRootCaCertificate": ("SERVER_ROOT_CA_CERTIFICATE", ""),
}


def _filters(patterns: Any) -> dict[str, Any]:
    if not isinstance(patterns, list):
        return {"Filters": patterns}  # not a list: left for the client-side checks to report
    return {"Filters": [{"Pattern": p if isinstance(p, str) else json.dumps(p, default=str)} for p in patterns]}


def _filter_nodes(body: Any) -> dict[str, Any]:
    """``filterPatterns`` positioned as the API's ``FilterCriteria.Filters[].Pattern``: a bad pattern points at itself."""
    patterns = body.get("filterPatterns") if isinstance(body, dict) else None
    if not isinstance(patterns, Seq):
        return {}
    filters = Seq(patterns.pos)
    for position in patterns.item_pos:
        item = Map(position)
        item["Pattern"], item.key_pos["Pattern"] = None, position
        filters.append(item)
        filters.item_pos.append(position)
    criteria = Map(patterns.pos)
    criteria["Filters"], criteria.key_pos["Filters"] = filters, patterns.pos
    return {"FilterCriteria": criteria}


def translate(event_type: str, body: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The mapping's members from one event, Serverless's defaults first; and the property of each."""
    if not isinstance(body, dict):
        body = {"arn": body}
    request: dict[str, Any] = dict(DEFAULTS[event_type])
    source_of: dict[str, str] = {}
    for name, value in body.items():
        member = PLAIN.get(name)
        if name == "functionResponseType":
            member, value = "FunctionResponseTypes", [value]
        elif name == "filterPatterns":
            member, value = "FilterCriteria", _filters(value)
        elif name == "maximumConcurrency":
            member, value = "ScalingConfig", {"MaximumConcurrency": value}
        elif name == "topic":
            member, value = "Topics", [value]
        elif name == "queue":
            member, value = "Queues", [value]
        elif name == "bootstrapServers":
            member, value = "SelfManagedEventSource", {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": value}}
        elif name == "consumerGroupId":
            block = (
                "AmazonManagedKafkaEventSourceConfig" if event_type == "msk" else "SelfManagedKafkaEventSourceConfig"
            )
            member, value = block, {"ConsumerGroupId": value}
        elif name == "destinations" and isinstance(value, dict):
            target = value.get("onFailure")
            arn = target.get("arn") if isinstance(target, dict) else target
            member, value = "DestinationConfig", {"OnFailure": {"Destination": arn}}
        elif name in ("saslScram512", "basicAuthArn", "virtualHost", "accessConfigurations"):
            member = "SourceAccessConfigurations"
            value = request.get(member, []) + _access(name, value)
        if member:
            request[member] = value
            source_of.setdefault(member, name)
    return request, source_of


def _access(name: str, value: Any) -> list[dict[str, Any]]:
    if name == "saslScram512":
        return [{"Type": "SASL_SCRAM_512_AUTH", "URI": value}]
    if name == "basicAuthArn":
        return [{"Type": "BASIC_AUTH", "URI": value}]
    if name == "virtualHost":
        return [{"Type": "VIRTUAL_HOST", "URI": value}]
    found = []
    for key, uris in value.items() if isinstance(value, dict) else []:
        kind, prefix = ACCESS_TYPES.get(key, (key, ""))
        for uri in uris if isinstance(uris, list) else [uris]:
            found.append(
                {"Type": kind, "URI": prefix + uri if isinstance(uri, str) and not uri.startswith(prefix) else uri}
            )
    return found


def _stream_kind(body: Any, arn: Any) -> str:
    declared = body.get("type") if isinstance(body, dict) else None
    if declared in ("dynamodb", "kinesis"):
        return str(declared)
    return "dynamodb" if isinstance(arn, str) and ":dynamodb:" in arn else "kinesis"


def _role(
    document: dict[str, Any], template: Template, variables: Variables, function: dict[str, Any], kinds: list[str]
) -> Role:
    provider = document.get("provider") if isinstance(document.get("provider"), dict) else {}
    iam = provider.get("iam") if isinstance(provider.get("iam"), dict) else {}
    custom = function.get("role") or iam.get("role") if not isinstance(iam.get("role"), dict) else function.get("role")
    if custom is not None:
        role_id = (
            custom if isinstance(custom, str) and template.type_of(custom) == "AWS::IAM::Role" else referenced(custom)
        )
        if role_id and template.type_of(role_id) == "AWS::IAM::Role":
            return cfn_role(template, role_id)
        return Role(name=str(custom), unknown=f"the role {custom}, declared outside this file")
    role = Role(name="IamRoleLambdaExecution (created by Serverless)")
    statements = (iam.get("role") or {}).get("statements") if isinstance(iam.get("role"), dict) else None
    statements = statements or provider.get("iamRoleStatements") or []
    resolved = template.resolve(variables.resolve(statements))
    document_ = usable_policy({"Statement": resolved}) if isinstance(resolved, list) else None
    if document_:
        role.policies.append(document_)
    basic = managed_policy("AWSLambdaBasicExecutionRole")
    if basic:
        role.policies.append(basic)
    actions = [a for kind in kinds for a in EVENT_ACTIONS.get(kind, [])]
    role.policies.append(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
    )
    return role


def compile_serverless(document: dict[str, Any], file: str) -> list[Declared]:
    variables = Variables(document)
    resources = document.get("resources") if isinstance(document.get("resources"), dict) else {}
    template = Template(resources)
    service = variables.resolve(document.get("service"))
    service = service.get("name") if isinstance(service, dict) else service
    stage = variables.lookup("opt:stage")
    provider = document.get("provider") if isinstance(document.get("provider"), dict) else {}
    functions = document.get("functions") if isinstance(document.get("functions"), dict) else {}
    found = []
    for function_name, function in functions.items():
        function = function if isinstance(function, dict) else {}
        events = function.get("events") if isinstance(function.get("events"), list) else []
        entries = []
        for index, event in enumerate(events):
            if isinstance(event, dict) and len(event) == 1 and next(iter(event)) in DEFAULTS:
                entries.append((index, *next(iter(event.items()))))
        if not entries:
            continue
        name = variables.resolve(function.get("name")) or f"{service}-{stage}-{function_name}"
        timeout = variables.resolve(function.get("timeout", provider.get("timeout", FUNCTION_TIMEOUT_DEFAULT)))
        kinds = []
        compiled = []
        for index, event_type, body in entries:
            request, source_of = translate(event_type, body)
            request = template.resolve(variables.resolve(request))
            kind = _stream_kind(body, request.get("EventSourceArn")) if event_type == "stream" else event_type
            consumer = body.get("consumer") if isinstance(body, dict) and kind == "kinesis" else None
            if consumer is True and isinstance(request.get("EventSourceArn"), str):
                # Serverless creates a stream consumer (enhanced fan-out) and maps it instead of the stream.
                request["EventSourceArn"] += f"/consumer/{function_name}Consumer:1700000000"
            elif isinstance(consumer, str):
                request["EventSourceArn"] = consumer
            kinds.append(kind)
            where = key_position(events, index)
            body_where = body if isinstance(body, dict) else {}
            positions = {m: key_position(body_where, p, where) for m, p in source_of.items()}
            positions.setdefault("EventSourceArn", where)
            request["FunctionName"] = name
            declared = Declared(
                file=file,
                resource=f"{function_name}.events[{index}].{event_type}",
                kind="serverless",
                request=coerce_scalars(request),
                where=where,
                positions=positions,
                nodes=_filter_nodes(body),
            )
            arn = body.get("arn") if isinstance(body, dict) else body
            queue = referenced(arn)
            if event_type == "sqs" and queue and template.type_of(queue) == "AWS::SQS::Queue":
                declared.facts, declared.fact_positions = queue_facts(template, queue)
            if isinstance(timeout, int):
                declared.facts["function_timeout"] = timeout
            compiled.append(declared)
        role = _role(document, template, variables, function, kinds)
        for declared in compiled:
            declared.role = role
        found += compiled
    return found

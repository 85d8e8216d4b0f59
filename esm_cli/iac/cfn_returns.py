"""What ``Fn::GetAtt`` returns for the resource types a mapping points at (CloudFormation's return values).

Built from the resource's own properties (its name, or the logical id when the template leaves the
name to CloudFormation) with the placeholder region and account of esm_cli.iac.intrinsics.
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
"""

from __future__ import annotations

from typing import Any

from esm_cli.iac.declared import Unknown
from esm_cli.iac.intrinsics import ACCOUNT, PARTITION, REGION, Template, arn


def get_att(template: Template, name: str, attribute: str) -> Any:
    kind = template.type_of(name)
    spelled = f"!GetAtt {name}.{attribute}"
    if kind == "AWS::SQS::Queue":
        queue = template.queue_name(name)
        values = {
            "Arn": arn("sqs", queue),
            "QueueName": queue,
            "QueueUrl": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{queue}",
        }
    elif kind in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
        values = {"Arn": arn("lambda", "function:" + template.name_of(name, "FunctionName"))}
    elif kind == "AWS::Kinesis::Stream":
        values = {"Arn": arn("kinesis", "stream/" + template.name_of(name, "Name"))}
    elif kind == "AWS::Kinesis::StreamConsumer":
        consumer = template.name_of(name, "ConsumerName")
        values = {"ConsumerARN": arn("kinesis", f"stream/{name}/consumer/{consumer}:1700000000")}
    elif kind == "AWS::DynamoDB::Table":
        table = template.name_of(name, "TableName")
        values = {
            "Arn": arn("dynamodb", "table/" + table),
            "StreamArn": arn("dynamodb", f"table/{table}/stream/2024-01-01T00:00:00.000"),
        }
    elif kind in ("AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster"):
        cluster = template.name_of(name, "ClusterName")
        values = {"Arn": arn("kafka", f"cluster/{cluster}/00000000-0000-0000-0000-000000000000-1")}
    elif kind == "AWS::AmazonMQ::Broker":
        values = {
            "Arn": arn("mq", f"broker:{template.name_of(name, 'BrokerName')}:b-00000000-0000-0000-0000-000000000000")
        }
    elif kind == "AWS::DocDB::DBCluster":
        values = {"Arn": arn("rds", "cluster:" + template.name_of(name, "DBClusterIdentifier"))}
    elif kind == "AWS::SNS::Topic":
        values = {"TopicArn": arn("sns", template.name_of(name, "TopicName"))}
        values["Arn"] = values["TopicArn"]
    elif kind == "AWS::S3::Bucket":
        values = {"Arn": f"arn:{PARTITION}:s3:::{template.name_of(name, 'BucketName').lower()}"}
    elif kind == "AWS::IAM::Role":
        values = {"Arn": f"arn:{PARTITION}:iam::{ACCOUNT}:role/{template.name_of(name, 'RoleName')}"}
    elif kind == "AWS::SecretsManager::Secret":
        values = {"Id": arn("secretsmanager", f"secret:{name}-AbCdEf")}
    else:
        values = {}
    return values.get(attribute, Unknown(spelled))

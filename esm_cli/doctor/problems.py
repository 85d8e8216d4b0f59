"""Lambda's own status texts on a mapping (LastProcessingResult, StateTransitionReason), explained.

Each entry: how to recognise the text (a case-insensitive prefix or substring), what it means,
the AWS page or public report it was seen in, and the fix. docs/doctor.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

KAFKA_TROUBLESHOOT = "https://docs.aws.amazon.com/lambda/latest/dg/with-kafka-troubleshoot.html"
MSK_NETWORK = "https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html"
MQ_ERRORS = "https://docs.aws.amazon.com/lambda/latest/dg/services-mq-errors.html"
ESM_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html"


@dataclass(frozen=True)
class Problem:
    text: str  # how Lambda writes it (after "PROBLEM: "), or the code
    severity: str
    meaning: str
    fix: str
    doc_url: str
    seen_in: str  # where the exact text was observed

    @property
    def match(self) -> str:
        return self.text.lower()


# LastProcessingResult texts. "PROBLEM: Function not found: arn… (Service: AWSLambda; Status Code: 404 …)"
# is seen in awslabs/lambda-streams-to-firehose#25; the MSK connection texts in
# aws-solutions/streaming-data-solution-for-amazon-kinesis-and-amazon-msk#7 and pulumi/pulumi-aws#1290;
# the Kafka authentication texts are the headings of AWS's Kafka troubleshooting page.
LAST_PROCESSING: tuple[Problem, ...] = (
    Problem(
        "Function not found",
        "error",
        "the mapping's function was deleted (or the mapping names a version/alias that no longer exists); Lambda stops "
        "invoking and records stay in the source until they expire",
        "point the mapping at an existing function: esm update-event-source-mapping --uuid {uuid} --function-name FUNCTION "
        "(or delete it: esm delete-event-source-mapping --uuid {uuid})",
        ESM_DOC,
        "awslabs/lambda-streams-to-firehose#25",
    ),
    Problem(
        "Connection error. Your VPC must be able to connect to Lambda and STS",
        "error",
        "Lambda's pollers run in the cluster's subnets and cannot reach the Lambda and STS endpoints (nor Secrets Manager "
        "when a secret is used); typically the cluster sits in public subnets without a NAT gateway",
        "put the cluster in private subnets with a NAT gateway, or create VPC endpoints (PrivateLink) for lambda, sts and "
        "secretsmanager in the cluster's VPC",
        MSK_NETWORK,
        "aws-solutions/streaming-data-solution-for-amazon-kinesis-and-amazon-msk#7",
    ),
    Problem(
        "Connection error. Please check your event source connection configuration",
        "error",
        "Lambda cannot connect to the brokers: security groups, subnets or the bootstrap servers do not let the pollers in",
        "allow inbound traffic on the broker ports from the cluster's security group to itself, and check the mapping's "
        "VPC_SUBNET/VPC_SECURITY_GROUP settings",
        MSK_NETWORK,
        "pulumi/pulumi-aws#1290",
    ),
    Problem(
        "Cluster failed to authorize Lambda",
        "error",
        "the Kafka user (SASL/SCRAM or mTLS) lacks one of the ACLs Lambda needs: DescribeConfigs on the cluster, "
        "Describe and Read on the group (named after the mapping's UUID), Describe and Read on the topic",
        "grant those ACLs (or, with IAM access control, the kafka-cluster actions in docs/permissions.md); changes take a few minutes",
        KAFKA_TROUBLESHOOT,
        "AWS Kafka troubleshooting page",
    ),
    Problem(
        "SASL authentication failed",
        "error",
        "the user name or password in the SourceAccessConfigurations secret is wrong",
        'fix the secret\'s value: aws secretsmanager put-secret-value --secret-id SECRET --secret-string \'{"username":"…","password":"…"}\'',
        KAFKA_TROUBLESHOOT,
        "AWS Kafka troubleshooting page",
    ),
    Problem(
        "Server failed to authenticate Lambda",
        "error",
        "the brokers refused Lambda's client certificate: none given, mTLS not enabled on the brokers, or a certificate they do not trust",
        "give a CLIENT_CERTIFICATE_TLS_AUTH secret the brokers trust, or enable mTLS on the brokers",
        KAFKA_TROUBLESHOOT,
        "AWS Kafka troubleshooting page",
    ),
    Problem(
        "Lambda failed to authenticate server",
        "error",
        "Lambda does not trust the brokers' certificate: a private CA without SERVER_ROOT_CA_CERTIFICATE, the wrong root CA, "
        "or a certificate whose names do not include the broker's DNS name",
        "add a SERVER_ROOT_CA_CERTIFICATE secret holding the CA that signed the brokers' certificates",
        KAFKA_TROUBLESHOOT,
        "AWS Kafka troubleshooting page",
    ),
    Problem(
        "Provided certificate or private key is invalid",
        "error",
        "the client certificate or key in the secret cannot be read (wrong format, encrypted key without its password)",
        "store the certificate chain and an unencrypted PKCS#8 key (or add privateKeyPassword) in the secret",
        KAFKA_TROUBLESHOOT,
        "AWS Kafka troubleshooting page",
    ),
)

# StateTransitionReason codes Amazon MQ and Kafka mappings report when their consumer stops.
STATE_REASONS: tuple[Problem, ...] = (
    Problem(
        "ESM_CONFIG_NOT_VALID",
        "error",
        "the mapping's configuration is not valid",
        "check the mapping's settings against `esm validate`, then update it",
        MQ_ERRORS,
        "AWS MQ and Kafka error pages",
    ),
    Problem(
        "EVENT_SOURCE_AUTHN_ERROR",
        "error",
        "Lambda could not authenticate to the event source",
        "check the secret named in SourceAccessConfigurations",
        MQ_ERRORS,
        "AWS MQ and Kafka error pages",
    ),
    Problem(
        "EVENT_SOURCE_AUTHZ_ERROR",
        "error",
        "Lambda lacks the permissions it needs to read the event source",
        "grant the role the actions in docs/permissions.md (see the permissions finding)",
        MQ_ERRORS,
        "AWS MQ and Kafka error pages",
    ),
    Problem(
        "FUNCTION_CONFIG_NOT_VALID",
        "error",
        "the function's configuration is not valid for this mapping",
        "check the function's timeout, memory and state",
        MQ_ERRORS,
        "AWS MQ and Kafka error pages",
    ),
    Problem(
        "USER_INITIATED",
        "info",
        "someone changed the mapping's state (enabled or disabled it) through the API",
        "",
        ESM_DOC,
        "Lambda API responses",
    ),
    Problem(
        "User action",
        "info",
        "someone changed the mapping's state through the API (older wording)",
        "",
        ESM_DOC,
        "Lambda API responses",
    ),
)

HEALTHY_RESULTS = ("ok", "no records processed")


def explain_result(text: str) -> Problem | None:
    """The entry for a LastProcessingResult text ("PROBLEM: …"), None for a healthy or unknown one."""
    body = text.strip()
    if body.upper().startswith("PROBLEM:"):
        body = body[len("PROBLEM:") :].strip()
    lowered = body.lower()
    for problem in LAST_PROCESSING:
        if lowered.startswith(problem.match) or problem.match in lowered:
            return problem
    return None


def explain_reason(text: str) -> Problem | None:
    """The entry for a StateTransitionReason code or text."""
    lowered = text.strip().lower()
    for problem in STATE_REASONS + LAST_PROCESSING:
        if (
            lowered == problem.match
            or lowered.startswith(problem.match)
            or (len(problem.match) > 12 and problem.match in lowered)
        ):
            return problem
    return None


def is_problem(text: str | None) -> bool:
    return bool(text) and str(text).strip().upper().startswith("PROBLEM")

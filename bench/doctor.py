"""The calls one `esm doctor` run makes, and how long it takes, against moto's server.

Usage: python bench/doctor.py [--runs N] [--mappings N]

Starts moto's server on 127.0.0.1 with AWS managed IAM policies loaded (dummy credentials,
nothing leaves the machine), creates a role with an inline, an AWS managed and a customer
managed policy, a function, and N SQS mappings on it, then:

* runs `esm doctor --uuid U` once in-process and prints every AWS call it made (service,
  operation), checking that no resource was read twice;
* runs `esm doctor --all` once and prints the call count (shared function, role and policies
  are read once for all mappings);
* times `esm doctor --uuid U --output json` as fresh processes, RUNS times, and prints the median.

Asserts nothing about time (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
from collections import Counter
from typing import Any

from _common import PYTHON_M_ESM, child_env, median_ms


def _seed(server: Any, mappings: int) -> list[str]:
    iam, lam, sqs = server.client("iam"), server.client("lambda"), server.client("sqs")
    role = "bench-doctor-role"
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.put_role_policy(
        RoleName=role,
        PolicyName="logs",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}
        ),
    )
    iam.attach_role_policy(
        RoleName=role, PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
    )
    customer = iam.create_policy(
        PolicyName="bench-extra",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}
        ),
    )["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=role, PolicyArn=customer)
    from support.motoserver import _function_zip

    lam.create_function(
        FunctionName="bench-fn",
        Runtime="python3.11",
        Role=arn,
        Handler="handler.handler",
        Code={"ZipFile": _function_zip()},
        Timeout=30,
    )
    uuids = []
    for index in range(mappings):
        url = sqs.create_queue(QueueName=f"bench-q{index}", Attributes={"VisibilityTimeout": "200"})["QueueUrl"]
        queue = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        uuids.append(
            lam.create_event_source_mapping(FunctionName="bench-fn", EventSourceArn=queue, BatchSize=5)["UUID"]
        )
    return uuids


def _calls_in_process(argv: list[str], env: dict[str, str]) -> tuple[int, list[tuple[str, str]]]:
    """Run esm in-process and return its exit code and every (service, operation) it sent."""
    from esm_cli.boundary import run
    from support.awscalls import recorded_clients

    with recorded_clients() as made:
        rc = run(argv, stdout=io.StringIO(), stderr=io.StringIO(), env=env)
    return rc, [(client.service, operation) for client in made for operation in client.calls]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mappings", type=int, default=5)
    args = parser.parse_args()
    from support import motoserver

    with motoserver.running(MOTO_IAM_LOAD_MANAGED_POLICIES="true") as server:
        uuids = _seed(server, args.mappings)
        with tempfile.TemporaryDirectory() as home:
            env = child_env(home, **motoserver.aws_variables(server.url))
            rc, calls = _calls_in_process(["doctor", "--uuid", uuids[0]], env)
            print(f"esm doctor --uuid U (exit {rc}): {len(calls)} calls besides GetEventSourceMapping")
            for service, operation in calls:
                print(f"  {service:10} {operation}")
            repeated = [c for c, n in Counter(calls).items() if n > 1]
            print(
                "  each (service, operation) once"
                if not repeated
                else f"  repeated operations (different resources): {repeated}"
            )
            rc, calls = _calls_in_process(["doctor", "--all"], env)
            print(
                f"esm doctor --all on {args.mappings} mappings (exit {rc}): {len(calls)} calls "
                f"({Counter(op for _, op in calls).most_common(3)} most common)"
            )
            argv = [*PYTHON_M_ESM, "doctor", "--uuid", uuids[0], "--output", "json"]
            ms = median_ms(args.runs, lambda i: argv, env, warm=False, check=False)
            print(f"esm doctor --uuid U, fresh process: median {ms:.0f} ms over {args.runs} runs")


if __name__ == "__main__":
    main()

"""Terraform expressions, evaluated as far as the module's own files allow.

``var.x`` takes the variable's ``default``; ``local.x`` its value; ``jsonencode(…)`` of a literal
is evaluated (compact JSON with sorted keys, as Terraform writes it); a resource attribute the
provider derives from the configuration (an SQS queue's ``arn`` from its ``name`` and
``fifo_queue``, a function's ``arn``, a DynamoDB table's ``stream_arn``) is built with the same
placeholder region and account as CloudFormation's (esm_cli.iac.intrinsics). Data sources,
module outputs, functions other than jsonencode, and attributes esm does not model are
``Unknown``: known only after apply. docs/iac.md, "Terraform".
"""

from __future__ import annotations

import json
import re
from typing import Any

from esm_cli.iac.declared import Unknown, first_unknown
from esm_cli.iac.intrinsics import ACCOUNT, PARTITION, REGION

_INTERPOLATION = re.compile(r"\$\{([^{}]*)\}")
_REFERENCE = re.compile(r"^(var|local)\.([A-Za-z0-9_-]+)$|^([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_]+)$")
_JSONENCODE = re.compile(r"^jsonencode\((.*)\)$", re.DOTALL)


def _arn(service: str, resource: str) -> str:
    return f"arn:{PARTITION}:{service}:{REGION}:{ACCOUNT}:{resource}"


class Module:
    """One folder's variables, locals and resources."""

    def __init__(self) -> None:
        self.variables: dict[str, Any] = {}
        self.locals: dict[str, Any] = {}
        self.resources: dict[tuple[str, str], dict[str, Any]] = {}
        self.depth = 0

    def attribute(self, kind: str, name: str, attribute: str) -> Any:
        """What ``kind.name.attribute`` will be, when the configuration decides it."""
        attrs = self.resources.get((kind, name))
        spelled = f"{kind}.{name}.{attribute}"
        if attrs is None:
            return Unknown(spelled)
        own = self.resolve(attrs.get(attribute)) if attribute in attrs else None
        if own is not None and attribute not in ("arn", "stream_arn"):
            return own
        label = lambda key: self.resolve(attrs.get(key)) if isinstance(self.resolve(attrs.get(key)), str) else name
        if kind == "aws_sqs_queue":
            queue = label("name")
            if self.resolve(attrs.get("fifo_queue")) in (True, "true") and not queue.endswith(".fifo"):
                queue += ".fifo"
            values = {
                "arn": _arn("sqs", queue),
                "name": queue,
                "id": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{queue}",
                "url": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{queue}",
            }
        elif kind == "aws_lambda_function":
            function = label("function_name")
            values = {"arn": _arn("lambda", "function:" + function), "function_name": function, "id": function}
        elif kind == "aws_lambda_alias":
            function = self.resolve(attrs.get("function_name"))
            base = function if isinstance(function, str) and function.startswith("arn:") else None
            base = base or (_arn("lambda", f"function:{function}") if isinstance(function, str) else None)
            values = {"arn": f"{base}:{label('name')}"} if base else {}
        elif kind == "aws_kinesis_stream":
            values = {"arn": _arn("kinesis", "stream/" + label("name")), "name": label("name")}
        elif kind == "aws_kinesis_stream_consumer":
            values = {"arn": _arn("kinesis", f"stream/{name}/consumer/{label('name')}:1700000000")}
        elif kind == "aws_dynamodb_table":
            table = label("name")
            values = {
                "arn": _arn("dynamodb", "table/" + table),
                "stream_arn": _arn("dynamodb", f"table/{table}/stream/2024-01-01T00:00:00.000"),
            }
        elif kind in ("aws_msk_cluster", "aws_msk_serverless_cluster"):
            values = {"arn": _arn("kafka", f"cluster/{label('cluster_name')}/00000000-0000-0000-0000-000000000000-1")}
        elif kind == "aws_mq_broker":
            values = {"arn": _arn("mq", f"broker:{label('broker_name')}:b-00000000-0000-0000-0000-000000000000")}
        elif kind == "aws_docdb_cluster":
            values = {"arn": _arn("rds", "cluster:" + label("cluster_identifier"))}
        elif kind == "aws_sns_topic":
            values = {"arn": _arn("sns", label("name"))}
        elif kind == "aws_s3_bucket":
            values = {"arn": f"arn:{PARTITION}:s3:::{label('bucket')}"}
        elif kind == "aws_iam_role":
            values = {
                "arn": f"arn:{PARTITION}:iam::{ACCOUNT}:role/{label('name')}",
                "name": label("name"),
                "id": label("name"),
            }
        else:
            values = {}
        return values.get(attribute, Unknown(spelled))

    def expression(self, text: str) -> Any:
        text = text.strip()
        match = _REFERENCE.match(text)
        if match and match.group(1) == "var":
            return self.resolve(self.variables[match.group(2)]) if match.group(2) in self.variables else Unknown(text)
        if match and match.group(1) == "local":
            return self.resolve(self.locals[match.group(2)]) if match.group(2) in self.locals else Unknown(text)
        if match and match.group(3) not in ("data", "module"):
            return self.attribute(match.group(3), match.group(4), match.group(5))
        encoded = _JSONENCODE.match(text)
        if encoded:
            value = self.resolve(literal(encoded.group(1)))
            if value is None or first_unknown(value):
                return Unknown(text)
            return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if text in ("true", "false"):
            return text == "true"
        return literal(text) if text[:1] in ('"', "[", "{") or text.lstrip("-").isdigit() else Unknown(text)

    def resolve(self, value: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > 64:
                return Unknown("a circular reference")
            if isinstance(value, dict):
                return {k: self.resolve(v) for k, v in value.items() if not k.startswith("__")}
            if isinstance(value, list):
                return [self.resolve(v) for v in value]
            if not isinstance(value, str) or "${" not in value:
                return value
            whole = _INTERPOLATION.fullmatch(value)
            if whole or (value.startswith("${") and value.endswith("}")):
                return self.expression(value[2:-1])
            parts = [self.expression(m) for m in _INTERPOLATION.findall(value)]
            if any(not isinstance(p, (str, int, float)) for p in parts):
                return Unknown(value)
            pieces = iter(str(p) for p in parts)
            return _INTERPOLATION.sub(lambda _m: next(pieces), value)
        finally:
            self.depth -= 1


def literal(text: str) -> Any:
    """An HCL literal (object, tuple, string, number) as Python, read by python-hcl2 itself."""
    import hcl2

    try:
        parsed = hcl2.loads(f"value = {text}\n", serialization_options=options())
    except Exception:  # noqa: BLE001 - anything python-hcl2 cannot read is simply unknown here
        return Unknown(text)
    return parsed.get("value", Unknown(text))


def options() -> Any:
    import hcl2

    return hcl2.SerializationOptions(with_comments=False, strip_string_quotes=True)

"""CloudFormation's intrinsic functions, evaluated as far as the template alone allows.

Parameters with a ``Default`` and ``Mappings`` are used; references to resources of the same
template become the value CloudFormation would return for that resource type (an SQS queue's
ARN, a function's name) with the placeholder region and account below: the rules check an
ARN's shape and service, never its account. What only the deploy can tell (a parameter
without a default, ``Fn::ImportValue``, ``{{resolve:…}}`` dynamic references, an attribute
esm does not model) is an ``Unknown``. Return values per type: docs/iac.md, "References".
"""

from __future__ import annotations

import json
import re
from typing import Any

from esm_cli.iac.declared import Unknown

REGION, ACCOUNT, PARTITION = "us-east-1", "123456789012", "aws"
NO_VALUE = object()  # AWS::NoValue: the property is removed
_PSEUDO = {
    "AWS::Region": REGION,
    "AWS::AccountId": ACCOUNT,
    "AWS::Partition": PARTITION,
    "AWS::URLSuffix": "amazonaws.com",
}
_SUB = re.compile(r"\$\{([^}]*)\}")
_DYNAMIC = re.compile(r"\{\{resolve:")


def arn(service: str, resource: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:{PARTITION}:{service}:{region}:{account}:{resource}"


class Template:
    """One template's parameters, mappings and resources, and the evaluator over them."""

    def __init__(self, document: dict[str, Any]) -> None:
        section = lambda name: document.get(name) if isinstance(document.get(name), dict) else {}
        self.parameters: dict[str, Any] = section("Parameters")
        self.mappings: dict[str, Any] = section("Mappings")
        self.conditions: dict[str, Any] = section("Conditions")
        self.resources: dict[str, Any] = section("Resources")
        self.depth = 0

    # -- resources ---------------------------------------------------------------------------
    def resource(self, logical_id: Any) -> dict[str, Any] | None:
        found = self.resources.get(logical_id) if isinstance(logical_id, str) else None
        return found if isinstance(found, dict) else None

    def type_of(self, logical_id: Any) -> str:
        found = self.resource(logical_id)
        return str(found.get("Type", "")) if found else ""

    def prop(self, logical_id: str, name: str) -> Any:
        found = self.resource(logical_id) or {}
        props = found.get("Properties")
        return self.resolve(props.get(name)) if isinstance(props, dict) and name in props else None

    def name_of(self, logical_id: str, prop: str) -> str:
        """The physical name: the property when the template sets it, else the logical id."""
        name = self.prop(logical_id, prop)
        return name if isinstance(name, str) else logical_id

    def queue_name(self, logical_id: str) -> str:
        name = self.name_of(logical_id, "QueueName")
        fifo = self.prop(logical_id, "FifoQueue") in (True, "true", "True")
        return name + ".fifo" if fifo and not name.endswith(".fifo") else name

    def ref(self, name: str) -> Any:
        if name in _PSEUDO:
            return _PSEUDO[name]
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.parameters:
            return self._parameter(name)
        kind = self.type_of(name)
        if kind in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
            return self.name_of(name, "FunctionName")
        if kind in ("AWS::Lambda::Alias", "AWS::Lambda::Version"):
            # an alias's or version's ARN: the function's, qualified (a mapping may name either)
            function = self.resolve((self.resource(name) or {}).get("Properties", {}).get("FunctionName"))
            qualifier = self.prop(name, "Name") if kind == "AWS::Lambda::Alias" else "1"
            if isinstance(function, str) and isinstance(qualifier, str):
                base = function if function.startswith("arn:") else arn("lambda", "function:" + function)
                return f"{base}:{qualifier}"
        if kind == "AWS::SQS::Queue":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{self.queue_name(name)}"
        if kind in ("AWS::MSK::Cluster", "AWS::SNS::Topic", "AWS::MSK::ServerlessCluster"):
            return self.get_att(name, "Arn")
        if kind in ("AWS::Kinesis::Stream", "AWS::DynamoDB::Table", "AWS::IAM::Role", "AWS::DocDB::DBCluster"):
            prop = {
                "AWS::Kinesis::Stream": "Name",
                "AWS::DynamoDB::Table": "TableName",
                "AWS::IAM::Role": "RoleName",
                "AWS::DocDB::DBCluster": "DBClusterIdentifier",
            }[kind]
            return self.name_of(name, prop)
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:{PARTITION}:iam::{ACCOUNT}:policy/{name}"
        return Unknown(f"!Ref {name}")

    def _parameter(self, name: str) -> Any:
        spec = self.parameters.get(name)
        if not isinstance(spec, dict) or "Default" not in spec:
            return Unknown(f"!Ref {name}")
        default, kind = spec["Default"], str(spec.get("Type", "String"))
        if kind == "Number" and isinstance(default, str):
            try:
                return float(default) if "." in default else int(default)
            except ValueError:
                return default
        if kind.startswith("List<") or kind == "CommaDelimitedList":
            return [part.strip() for part in str(default).split(",")]
        return default

    def get_att(self, name: str, attribute: str) -> Any:
        from esm_cli.iac.cfn_returns import get_att

        return get_att(self, name, attribute)

    # -- evaluation --------------------------------------------------------------------------
    def resolve(self, value: Any) -> Any:
        """``value`` with every intrinsic evaluated; Unknown where only the deploy can tell."""
        self.depth += 1
        try:
            if self.depth > 64:  # a reference cycle in the template: stop, do not recurse forever
                return Unknown("a circular reference")
            return self._resolve(value)
        finally:
            self.depth -= 1

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, str):
            return Unknown(value) if _DYNAMIC.search(value) else value
        if isinstance(value, list):
            items = [self.resolve(item) for item in value]
            return [item for item in items if item is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((name, argument),) = value.items()
            if name == "Ref" or (isinstance(name, str) and name.startswith("Fn::")):
                return self._intrinsic(name, argument)
        result = {}
        for key, item in value.items():
            resolved = self.resolve(item)
            if resolved is not NO_VALUE:
                result[key] = resolved
        return result

    def _intrinsic(self, name: str, argument: Any) -> Any:
        if name == "Ref":
            return self.ref(argument) if isinstance(argument, str) else Unknown("!Ref")
        if name == "Fn::GetAtt":
            parts = argument.split(".", 1) if isinstance(argument, str) else argument
            if isinstance(parts, list) and len(parts) == 2:
                attribute = self.resolve(parts[1])
                if isinstance(parts[0], str) and isinstance(attribute, str):
                    return self.get_att(parts[0], attribute)
            return Unknown("!GetAtt")
        handler = getattr(self, "_fn_" + name[4:].lower(), None)
        if handler is None:  # ImportValue, GetAZs, Base64, Cidr, Transform, …
            return Unknown(f"!{name[4:]} {json.dumps(argument, default=str)[:80]}")
        return handler(argument)

    def _fn_sub(self, argument: Any) -> Any:
        template, variables = (
            (argument[0], argument[1]) if isinstance(argument, list) and len(argument) == 2 else (argument, {})
        )
        if not isinstance(template, str):
            return Unknown("!Sub")
        local = self.resolve(variables) if isinstance(variables, dict) else {}
        unknown: list[Unknown] = []

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in local:
                value = local[name]
            elif "." in name and name.split(".", 1)[0] in self.resources:
                value = self.get_att(*name.split(".", 1))
            else:
                value = self.ref(name)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
            unknown.append(value if isinstance(value, Unknown) else Unknown("${" + name + "}"))
            return ""

        text = _SUB.sub(replace, template)
        if unknown:
            return Unknown(f"!Sub {template}")
        return self._resolve(text)

    def _fn_join(self, argument: Any) -> Any:
        if not (isinstance(argument, list) and len(argument) == 2):
            return Unknown("!Join")
        separator, items = self.resolve(argument[0]), self.resolve(argument[1])
        if isinstance(separator, str) and isinstance(items, list) and all(isinstance(i, (str, int)) for i in items):
            return separator.join(str(i) for i in items)
        return Unknown("!Join " + json.dumps(argument, default=str)[:80])

    def _fn_select(self, argument: Any) -> Any:
        if isinstance(argument, list) and len(argument) == 2:
            index, items = self.resolve(argument[0]), self.resolve(argument[1])
            try:
                return items[int(index)]
            except (TypeError, ValueError, IndexError, KeyError):
                pass
        return Unknown("!Select")

    def _fn_split(self, argument: Any) -> Any:
        if isinstance(argument, list) and len(argument) == 2:
            separator, text = self.resolve(argument[0]), self.resolve(argument[1])
            if isinstance(separator, str) and separator and isinstance(text, str):
                return text.split(separator)
        return Unknown("!Split")

    def _fn_findinmap(self, argument: Any) -> Any:
        if isinstance(argument, list) and len(argument) >= 3:
            keys = [self.resolve(a) for a in argument[:3]]
            node: Any = self.mappings
            for key in keys:
                node = node.get(key) if isinstance(node, dict) and isinstance(key, str) else None
            if node is not None:
                return self.resolve(node)
        return Unknown("!FindInMap " + json.dumps(argument, default=str)[:80])

    def _fn_if(self, argument: Any) -> Any:
        if not (isinstance(argument, list) and len(argument) == 3):
            return Unknown("!If")
        verdict = self.condition(argument[0])
        if verdict is None:
            yes, no = self.resolve(argument[1]), self.resolve(argument[2])
            return yes if yes == no else Unknown(f"!If {argument[0]}")
        return self.resolve(argument[1] if verdict else argument[2])

    def _fn_tojsonstring(self, argument: Any) -> Any:
        value = self.resolve(argument)
        from esm_cli.iac.declared import first_unknown

        return Unknown("!ToJsonString") if first_unknown(value) else json.dumps(value, separators=(",", ":"))

    def condition(self, name: Any) -> bool | None:
        """A named condition's value when the template decides it alone (defaults), else None."""
        expression = self.conditions.get(name) if isinstance(name, str) else None
        return self._truth(expression) if expression is not None else None

    def _truth(self, expression: Any) -> bool | None:
        if not (isinstance(expression, dict) and len(expression) == 1):
            return None
        ((name, argument),) = expression.items()
        if name == "Condition":
            return self.condition(argument)
        if name == "Fn::Equals" and isinstance(argument, list) and len(argument) == 2:
            left, right = self.resolve(argument[0]), self.resolve(argument[1])
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return None
            return str(left) == str(right)
        if name in ("Fn::And", "Fn::Or") and isinstance(argument, list):
            verdicts = [self._truth(a) for a in argument]
            if None in verdicts:
                return None
            return all(verdicts) if name == "Fn::And" else any(verdicts)
        if name == "Fn::Not" and isinstance(argument, list) and len(argument) == 1:
            verdict = self._truth(argument[0])
            return None if verdict is None else not verdict
        return None


def referenced(value: Any) -> str | None:
    """The logical id a value points at (``!Ref X``, ``!GetAtt X.Arn``, ``!Sub ${X.Arn}``), if any."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((name, argument),) = value.items()
    if name == "Ref" and isinstance(argument, str):
        return argument
    if name == "Fn::GetAtt":
        parts = argument.split(".", 1) if isinstance(argument, str) else argument
        return parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], str) else None
    if name == "Fn::Sub":
        text = argument[0] if isinstance(argument, list) and argument else argument
        names = [m.split(".", 1)[0] for m in _SUB.findall(text)] if isinstance(text, str) else []
        names = [n for n in names if not n.startswith(("AWS::", "!"))]
        return names[0] if len(names) == 1 else None
    return None

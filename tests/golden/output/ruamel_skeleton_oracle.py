"""v2's ``--generate-cli-skeleton yaml-input`` for the operations named on the command line.

Needs a Python with ruamel.yaml 0.19.1 and the botocore whose model esm's snapshot holds.
Follows aws-cli v2's generatecliskeleton.py: ``YAML()`` (round-trip) dumping a CommentedMap
per structure, each member with the end-of-line comment ``# [REQUIRED] <overview> Valid
values are: ….`` added by ``yaml_add_eol_comment``; maps are plain dicts; lists hold one item.
Prints a JSON object {operation: text}.
"""

from __future__ import annotations

import datetime
import io
import json
import sys
from pathlib import Path

import botocore.session
from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
from oracles import doc_overview  # noqa: E402


def value(yaml, shape, stack):
    stack.append(shape.name)
    try:
        kind = shape.type_name
        if kind == "structure":
            if stack.count(shape.name) > 1:
                return yaml.map()
            mapping = yaml.map()
            for name, member in shape.members.items():
                mapping[name] = value(yaml, member, stack)
                parts = ["[REQUIRED]"] if name in shape.required_members else []
                parts.append(doc_overview(member.documentation))
                if getattr(member, "enum", None):
                    parts.append("Valid values are: %s." % ", ".join(member.enum))
                comment = " ".join(parts)
                if comment and not comment.isspace():
                    mapping.yaml_add_eol_comment("# " + comment, name)
            return mapping
        if kind == "list":
            return [value(yaml, shape.member, stack)]
        if kind == "map":
            return {"KeyName": value(yaml, shape.value, stack)}
        if kind == "string":
            return shape.enum[0] if shape.enum else ""
        if kind in ("integer", "long"):
            return 0
        if kind in ("float", "double"):
            return 0.0
        if kind == "boolean":
            return True
        if kind == "timestamp":
            return datetime.datetime(1970, 1, 1, 0, 0, 0)
    finally:
        stack.pop()


def main():
    model = botocore.session.get_session().get_service_model("lambda")
    texts = {}
    for operation in sys.argv[1:]:
        yaml = YAML()
        out = io.StringIO()
        yaml.dump(value(yaml, model.operation_model(operation).input_shape, []), out)
        texts[operation] = out.getvalue()
    json.dump(texts, sys.stdout)


if __name__ == "__main__":
    main()

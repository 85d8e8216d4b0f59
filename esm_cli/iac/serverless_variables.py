"""Serverless Framework's ``${…}`` variables, resolved as far as the file itself allows.

``${self:path.to.value}`` reads the same file; ``${opt:stage, 'prod'}`` and ``${sls:stage}`` take the
stage (``provider.stage``, else ``dev``); ``${aws:region}`` and ``${aws:accountId}`` take the
placeholders of esm_cli.iac.intrinsics; a fallback after a comma is used when the source is not
known here. Everything else (``ssm:``, ``cf:``, ``env:``, ``file(…)``) is an ``Unknown``.
https://www.serverless.com/framework/docs/providers/aws/guide/variables
"""

from __future__ import annotations

import re
from typing import Any

from esm_cli.iac.declared import Unknown
from esm_cli.iac.intrinsics import ACCOUNT, REGION

_VARIABLE = re.compile(r"\$\{([^{}]+)\}")


class Variables:
    """Serverless's ``${…}`` variables: ``self:``, ``opt:``/``sls:`` stage, ``aws:``; the rest Unknown."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def lookup(self, expression: str) -> Any:
        source, _, fallback = (part.strip() for part in expression.partition(","))
        if source.startswith("self:"):
            node: Any = self.document
            for part in source[5:].split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if node is not None:
                return self.resolve(node)
        elif source in ("opt:stage", "sls:stage", "self:provider.stage"):
            stage = (self.document.get("provider") or {}).get("stage")
            return stage if isinstance(stage, str) and "${" not in stage else "dev"
        elif source in ("aws:region", "opt:region"):
            return REGION
        elif source == "aws:accountId":
            return ACCOUNT
        if fallback:
            return fallback.strip("'\"")
        return Unknown("${" + expression + "}")

    def resolve(self, value: Any, depth: int = 0) -> Any:
        if depth > 20:
            return Unknown("a circular variable")
        if isinstance(value, dict):
            return {k: self.resolve(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, depth + 1) for v in value]
        if not isinstance(value, str) or "${" not in value:
            return value
        whole = _VARIABLE.fullmatch(value)
        if whole:
            return self.lookup(whole.group(1))
        parts = {m: self.lookup(m) for m in _VARIABLE.findall(value)}
        if any(not isinstance(v, (str, int, float)) for v in parts.values()):
            return Unknown(value)
        return _VARIABLE.sub(lambda m: str(parts[m.group(1)]), value)

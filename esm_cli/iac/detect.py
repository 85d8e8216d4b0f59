"""Which format a file is written in, told by its content (a file's name is only a hint).

- Terraform configuration: a ``.tf`` file, or text whose top-level blocks are HCL's
  (``resource "…" "…" {``, ``variable``, ``locals`` …);
- Terraform plan JSON (``terraform show -json``): ``format_version`` with ``planned_values``;
- SAM: the ``AWS::Serverless-2016-10-31`` transform or an ``AWS::Serverless::`` resource;
- CloudFormation: ``AWSTemplateFormatVersion``, or ``Resources`` whose entries have a ``Type``;
- serverless.yml: ``service`` with ``functions`` or ``provider``;
- a mappings file (today's ``--file`` and ``esm export``): a mapping, a list of them, or a
  ``list-event-source-mappings`` response.
"""

from __future__ import annotations

import re
from typing import Any

TERRAFORM = "terraform"
TERRAFORM_PLAN = "terraform-plan"
SAM = "sam"
CLOUDFORMATION = "cloudformation"
SERVERLESS = "serverless"
MAPPINGS = "mappings"

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
_HCL_BLOCK = re.compile(r'^\s*(resource|data|variable|locals|module|provider|terraform|output)\s*("|\{)', re.MULTILINE)
_MAPPING_KEYS = frozenset({"FunctionName", "FunctionArn", "EventSourceArn", "SelfManagedEventSource"})


def looks_like_terraform(path: str, text: str) -> bool:
    if path.endswith(".tf"):
        return True
    head = text.lstrip()[:1]
    return head not in ("{", "[") and bool(_HCL_BLOCK.search(text)) and "=" in text


def _transforms(document: dict[str, Any]) -> list[Any]:
    transform = document.get("Transform")
    return transform if isinstance(transform, list) else [transform]


def kind_of(document: Any) -> str | None:
    """The format of a parsed YAML/JSON document, or None when it is none esm reads."""
    if isinstance(document, list):
        return MAPPINGS if document and all(isinstance(i, dict) and _MAPPING_KEYS & set(i) for i in document) else None
    if not isinstance(document, dict):
        return None
    if "format_version" in document and ("planned_values" in document or "resource_changes" in document):
        return TERRAFORM_PLAN
    resources = document.get("Resources")
    typed = isinstance(resources, dict) and any(isinstance(r, dict) and "Type" in r for r in resources.values())
    if SAM_TRANSFORM in _transforms(document) or (
        typed
        and any(
            isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::Serverless::") for r in resources.values()
        )
    ):
        return SAM
    if "AWSTemplateFormatVersion" in document or typed:
        return CLOUDFORMATION
    if "service" in document and ("functions" in document or "provider" in document):
        return SERVERLESS
    # A list response, esm export's `mappings:` file, or one mapping.
    listed = document.get("EventSourceMappings", document.get("mappings"))
    if isinstance(listed, list) or _MAPPING_KEYS & set(document):
        return MAPPINGS
    return None

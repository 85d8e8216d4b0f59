"""``esm export [--function-name F] [--event-source-arn A] [--format …]`` (docs/deploy.md, "Export").

The default format is a mappings file, YAML unless --output says otherwise: exactly what
``esm validate --file``, ``esm plan`` and ``esm apply`` read. CloudFormation and Terraform
print every member that is set.
"""

from __future__ import annotations

from typing import Any

from esm_cli.argv import ParsedLine
from esm_cli.context import Context, Result


def _stored(parsed: ParsedLine, ctx: Context) -> list[dict[str, Any]]:
    backend = ctx.backend()
    query = {
        key: parsed.values[dest]
        for key, dest in (("FunctionName", "function_name"), ("EventSourceArn", "event_source_arn"))
        if parsed.values.get(dest)
    }
    found: list[dict[str, Any]] = []
    request = dict(query)
    while True:
        page = backend.list_page(request)
        found.extend(page.get("EventSourceMappings") or [])
        if not page.get("NextMarker"):
            return found
        request = {**query, "Marker": page["NextMarker"]}


def _tags(ctx: Context, configs: list[dict[str, Any]]) -> list[dict[str, str]]:
    backend = ctx.backend()
    return [backend.list_tags(c["EventSourceMappingArn"]) if c.get("EventSourceMappingArn") else {} for c in configs]


def dump_yaml(document: Any) -> str:
    """Block-style YAML in the document's own key order (libyaml's dumper when available)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(document, Dumper=dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1000))


def _as_yaml(document: Any, ctx: Context) -> str:
    return dump_yaml(document)


def run(parsed: ParsedLine, ctx: Context) -> Result:
    from esm_cli.deploy import export_formats
    from esm_cli.deploy.exporting import entry_for

    configs = _stored(parsed, ctx)
    tags = _tags(ctx, configs)
    fmt = parsed.values.get("format") or "mappings"
    if fmt == "cloudformation":
        return Result(document=export_formats.cloudformation(configs, tags), title="Export", report=_as_yaml)
    if fmt == "terraform":
        # HCL by default; --output json gives Terraform's JSON syntax (a .tf.json file).
        hcl = export_formats.terraform(configs, tags)
        return Result(document=export_formats.terraform_json(configs, tags), title="Export", report=lambda d, c: hcl)
    document = {"mappings": [entry_for(config, tag) for config, tag in zip(configs, tags)]}
    return Result(document=document, title="Export", report=_as_yaml)

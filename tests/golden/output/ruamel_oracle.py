"""v2's ``yaml``/``yaml-stream`` output for JSON requests on stdin, with ruamel.yaml.

Needs a Python with ruamel.yaml 0.19.1 (+ ruamel.yaml.clib 0.2.15, as aws-cli v2 2.36.7
pins), jmespath and botocore (for ``parse_timestamp``). Behaviour taken from aws-cli v2's
awscli/formatter.py: ``YAML(typ='safe')``, ``encoding=None``, ``default_flow_style=False``;
JSON scalars (and None) are ``json.dump``-ed instead; a ``{}`` result prints nothing; the
stream variant dumps each page (less ResponseMetadata, queried) as a one-element list.
"""

from __future__ import annotations

import io
import json

import jmespath
from oracle_script import iso, serve
from ruamel.yaml import YAML


def dump(value, stream):
    if value is None or isinstance(value, (int, float, bool, str)):
        json.dump(value, stream, ensure_ascii=False)
        stream.write("\n")
        return
    yaml = YAML(typ="safe")
    yaml.encoding = None
    yaml.representer.default_flow_style = False
    yaml.dump(value, stream)


def render(request):
    convert = iso if request.get("timestamp_format", "iso8601") == "iso8601" else (lambda x: x)
    query = jmespath.compile(request["query"]) if request.get("query") else None
    search = query.search if query else (lambda x: x)
    out = io.StringIO()
    if "pages" in request:
        pages = [convert(page) for page in request["pages"]]
        if request["format"] == "yaml-stream":
            for page in pages:
                page = {k: v for k, v in page.items() if k != "ResponseMetadata"}
                dump([search(page)], out)
            return out.getvalue()
        merged = {"EventSourceMappings": [item for page in pages for item in page.get("EventSourceMappings", [])]}
        if request.get("next_token") is not None:
            merged["NextToken"] = request["next_token"]
        result = search(merged)
    else:
        result = search(convert(request["data"]))
    if result == {}:
        return ""
    dump([result] if request["format"] == "yaml-stream" else result, out)
    return out.getvalue()


if __name__ == "__main__":
    serve(render)

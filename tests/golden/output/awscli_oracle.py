"""Run awscli's own formatters (json, text, table) over JSON requests on stdin.

Runs in its own process: importing awscli aliases ``botocore`` to awscli's vendored copy.
Prints a JSON list with one output string per request. Timestamps are converted here with
the vendored botocore's ``parse_timestamp(...).isoformat()``, as v2's iso8601 mode does.
"""

from __future__ import annotations

import argparse
import io
import sys

import awscli.formatter  # noqa: F401  (installs the botocore alias first)
import awscli.table
import colorama
import jmespath
from botocore.paginate import PageIterator
from oracle_script import iso, serve


class Pages(PageIterator):
    """A finished listing: the pages and the resume token the CLI's paginator produced."""

    def __init__(self, pages, resume_token, result_key):
        self._pages = pages
        self._result_keys = [jmespath.compile(result_key)]
        self._resume_token = resume_token
        self._non_aggregate_part = {}

    def __iter__(self):
        return iter(self._pages)


def render(request):
    timestamp_format = request.get("timestamp_format", "iso8601")
    convert = iso if timestamp_format == "iso8601" else (lambda x: x)
    query = jmespath.compile(request["query"]) if request.get("query") else None
    args = argparse.Namespace(query=query, color=request.get("color", "auto"))
    awscli.table.determine_terminal_width = lambda default_width=80: request.get("width", 80)
    awscli.table.is_a_tty = lambda: request.get("isatty", False)
    if "pages" in request:
        response = Pages([convert(p) for p in request["pages"]], request.get("next_token"), "EventSourceMappings")
    else:
        response = convert(request["data"])
    real_stdout = sys.stdout
    sink = io.StringIO()
    sys.stdout = sink  # colorama wraps whatever sys.stdout is when a coloured table is built
    try:
        formatter = awscli.formatter.get_formatter(request["format"], args)
        if request.get("pager"):
            formatter(request["operation"], response, sink)  # a pager pipe is not wrapped
        else:
            formatter(request["operation"], response)
    finally:
        colorama.deinit()
        sys.stdout = real_stdout
    return sink.getvalue()


if __name__ == "__main__":
    serve(render)

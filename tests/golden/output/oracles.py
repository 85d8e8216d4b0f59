"""Reference outputs for the output-format tests: what AWS's own code prints.

* ``run_awscli``: the installed awscli (v1 1.46.3) formatters, json/text/table, in a
  subprocess (importing awscli swaps botocore for its vendored copy, so never in-process).
* ``run_ruamel``: v2's YAML dumping (ruamel.yaml ``YAML(typ='safe')``) in a subprocess of a
  Python that has ruamel.yaml 0.19.1 (what aws-cli v2 2.36.7 pins); used by
  ``regenerate.py`` only, since ruamel is not a project dependency.
* ``skeleton_overviews``: v2's ``get_shape_doc_overview`` applied to the installed botocore's
  Lambda model: the source of ``esm_cli/output/skeleton_docs.py``.

Requests are dicts: ``format``, ``operation``, ``data`` or ``pages`` + ``next_token``,
``query``, ``timestamp_format``, ``width``, ``color``, ``isatty``, ``pager``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLDEN_TZ = "America/Los_Angeles"


def _run(python: str, script: str, requests: list[dict[str, Any]], tz: str) -> list[str]:
    env = dict(os.environ, TZ=tz, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [python, str(HERE / script)],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{done.stderr}")
    outputs: list[str] = json.loads(done.stdout)
    return outputs


def run_awscli(requests: list[dict[str, Any]], tz: str = GOLDEN_TZ) -> list[str]:
    """awscli's own formatters' output for each request (json, text, table only)."""
    return _run(sys.executable, "awscli_oracle.py", requests, tz)


def run_ruamel(requests: list[dict[str, Any]], python: str, tz: str = GOLDEN_TZ) -> list[str]:
    """v2's YAMLFormatter/StreamedYAMLFormatter output, run by a Python with ruamel.yaml."""
    return _run(python, "ruamel_oracle.py", requests, tz)


def render_esm(request: dict[str, Any]) -> str:
    """What esm prints for a request (in-process; the caller sets TZ)."""
    import io

    import jmespath

    from esm_cli.output import OutputOptions, render, render_pages

    options = OutputOptions(
        format=request["format"],
        query=jmespath.compile(request["query"]) if request.get("query") else None,
        timestamp_format=request.get("timestamp_format", "iso8601"),
        color=request.get("color", "auto"),
        isatty=request.get("isatty", False),
        terminal_width=request.get("width", 80),
        pager=request.get("pager", False),
    )
    out = io.StringIO()
    if "pages" in request:
        render_pages(request["pages"], request.get("next_token"), request["operation"], options, out)
    else:
        render(request["data"], request["operation"], options, out)
    return out.getvalue()


def golden_path(name: str) -> Path:
    return HERE / f"{name}.txt"


# --- aws-cli v2's get_shape_doc_overview, for the yaml-input skeleton's comments ---------------

# The overview rule lives with the generator of esm_cli/output/skeleton_docs.py.
from esm_cli.output.skeleton_docs_extract import doc_overview, skeleton_overviews  # noqa: E402,F401



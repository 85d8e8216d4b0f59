"""YAML output (v2 only): the rules that make PyYAML write what v2's ruamel.yaml writes.

Expected texts below were produced by ruamel.yaml 0.19.1 + clib 0.2.15 with v2's settings
(``YAML(typ='safe')``, ``default_flow_style = False``); the golden files cover whole responses.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
import yaml

from esm_cli.output import OutputOptions, render, render_pages
from esm_cli.output.yamlfmt import _dumper, dump_yaml

RUAMEL_TEXT = """\
a: 1e+17
b: 1.0
c: -0.0
d: .inf
e: .nan
f:
- yes
- On
- 'null'
- '0o17'
- '1e3'
- '017'
- '1_000'
- '~'
- ''
- '2026-11-29'
- 'x: y'
- '#c'
- "tab\\there"
- é東
g: {}
h: []
i:
- - 1
  - 2
- []
j: null
"""

RUAMEL_INPUT = {
    "j": None,
    "i": [[1, 2], []],
    "h": [],
    "g": {},
    "f": ["yes", "On", "null", "0o17", "1e3", "017", "1_000", "~", "", "2026-11-29", "x: y", "#c", "tab\there", "é東"],
    "e": float("nan"),
    "d": float("inf"),
    "c": -0.0,
    "b": 1.0,
    "a": 1e17,
}


def test_yaml_12_quoting_sorting_and_floats_as_ruamel() -> None:
    # yes/On stay plain (YAML 1.2), 1e17 is not rewritten as 1.0e+17, keys come out sorted.
    assert dump_yaml(RUAMEL_INPUT) == RUAMEL_TEXT


def test_pyyaml_default_would_differ() -> None:
    """Guards the point of the custom dumper: stock PyYAML (YAML 1.1) quotes 'yes' and 'On'."""
    stock = yaml.safe_dump(RUAMEL_INPUT, allow_unicode=True, default_flow_style=False)
    assert stock != RUAMEL_TEXT
    assert "- 'yes'" in stock


@pytest.mark.parametrize(
    ("value", "text"),
    [("Disabled", '"Disabled"\n'), (15, "15\n"), (None, "null\n"), (True, "true\n"), (2.5, "2.5\n"), ("é", '"é"\n')],
)
def test_scalars_are_printed_as_json(value: object, text: str) -> None:
    assert dump_yaml(value) == text


def test_long_strings_fold_at_80_columns() -> None:
    words = " ".join(["word"] * 30)
    assert dump_yaml({"k": words}) == "k: " + " ".join(["word"] * 16) + "\n  " + " ".join(["word"] * 14) + "\n"


def test_uses_libyaml_emitter() -> None:
    """Exact bytes rely on libyaml's emitter (as ruamel's C emitter); PyPI wheels have it."""
    from yaml._yaml import CEmitter

    assert issubclass(_dumper(), CEmitter)


def test_yaml_and_yaml_stream_for_a_single_response() -> None:
    data = {"UUID": "u", "State": "Enabled", "LastModified": "x"}
    out = io.StringIO()
    render(data, "ListTags", OutputOptions(format="yaml"), out)
    assert out.getvalue() == "LastModified: x\nState: Enabled\nUUID: u\n"
    out = io.StringIO()
    render(data, "ListTags", OutputOptions(format="yaml-stream"), out)
    assert out.getvalue() == "- LastModified: x\n  State: Enabled\n  UUID: u\n"
    for fmt in ("yaml", "yaml-stream"):
        out = io.StringIO()
        render({}, "UntagResource", OutputOptions(format=fmt), out)
        assert out.getvalue() == ""


def test_yaml_stream_prints_each_page_and_no_next_token() -> None:
    pages = [{"EventSourceMappings": [{"UUID": "a"}], "NextMarker": "m"}, {"EventSourceMappings": []}]
    out = io.StringIO()
    render_pages(pages, "tok", "ListEventSourceMappings", OutputOptions(format="yaml-stream", timestamp_format="wire"), out)
    assert out.getvalue() == "- EventSourceMappings:\n  - UUID: a\n  NextMarker: m\n- EventSourceMappings: []\n"
    out = io.StringIO()
    render_pages(pages, "tok", "ListEventSourceMappings", OutputOptions(format="yaml"), out)
    assert out.getvalue() == "EventSourceMappings:\n- UUID: a\nNextToken: tok\n"


def test_yaml_is_not_imported_until_used() -> None:
    code = (
        "import sys, io\n"
        "from esm_cli.output import render, OutputOptions\n"
        "render({'UUID': 'u'}, 'GetEventSourceMapping', OutputOptions(), io.StringIO())\n"
        "render({'UUID': 'u'}, 'GetEventSourceMapping', OutputOptions(format='text'), io.StringIO())\n"
        "render({'UUID': 'u'}, 'GetEventSourceMapping', OutputOptions(format='table'), io.StringIO())\n"
        "print(sorted(m for m in ('yaml', 'rich', 'tabulate', 'botocore', 'dateutil', 'colorama') if m in sys.modules))\n"
        "render({'UUID': 'u'}, 'GetEventSourceMapping', OutputOptions(format='yaml'), io.StringIO())\n"
        "print('yaml' in sys.modules)\n"
        "render({'Reason': 'a space'}, 'GetEventSourceMapping', OutputOptions(format='yaml'), io.StringIO())\n"
        "print('yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # Everyday values are written without PyYAML (esm_cli/output/yamlwrite.py); a string with a
    # space may be folded at 80 columns, which is left to PyYAML and libyaml.
    assert done.stdout == "[]\nFalse\nTrue\n"

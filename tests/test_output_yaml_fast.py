"""The YAML fast path (esm_cli/output/yamlfast.py) writes the same bytes as PyYAML's own
representer and resolver with the same dumper settings, on generated mapping-like documents."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from support.yamlref import documents
from support.yamlref import reference_dump as _reference_dump

from esm_cli.output.yamlfmt import dump_yaml

_TRICKY = st.sampled_from(
    [
        "null", "Null", "~", "", "yes", "no", "on", "off", "true", "False", "1e3", "0o17", "0x1F", "-.inf",
        ".nan", "2024-01-02", "2024-01-02T03:04:05Z", "<<", "=", "!", "&", "*", "- x", "a: b", "#x", "x #y",
        "'q'", '"dq"', "{}", "[]", " lead", "trail ", "multi\nline", "tab\there", "\u00e9t\u00e9", "\U0001f600",
        "caf\u00e9 \u2013 \u201cq\u201d", "123", "-7", "1.5", "0", "arn:aws:sqs:us-east-1:123456789012:q",
        "x" * 200, "word " * 40,
    ]
)
_STRINGS = st.one_of(_TRICKY, st.text(max_size=40), st.text(alphabet=" -:#'\"\\\n\tab0.e", max_size=30))
_SCALARS, _DOCS = documents(_STRINGS, max_size=5, max_leaves=40)
_MAPPINGS = st.lists(st.dictionaries(_STRINGS, _DOCS, max_size=8), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_MAPPINGS, st.dictionaries(_STRINGS, _DOCS, max_size=6), st.lists(_DOCS, max_size=6)))
def test_fast_path_writes_the_same_bytes(document: Any) -> None:
    assert dump_yaml(document) == _reference_dump(document)


def test_shared_container_still_anchored_like_pyyaml() -> None:
    shared = {"State": "Enabled"}
    document = [shared, shared]
    text = dump_yaml(document)
    assert "&id001" in text and "*id001" in text
    assert text == _reference_dump(document)


def test_unusual_values_take_the_old_path() -> None:
    document = {"When": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "Key": (1, 2), "Sub": {5: "int key"}}
    assert dump_yaml(document) == _reference_dump(document)
    mixed = [{"b": 1, 2: "x", "a": None}]  # keys that do not sort: insertion order, as PyYAML does
    assert dump_yaml(mixed) == _reference_dump(mixed)


def test_resolver_cache_keeps_quoting_decisions() -> None:
    # The same text twice, first as a value that must be quoted, then again: still quoted.
    document = [{"a": "1e3", "b": "yes", "c": "null"}, {"a": "1e3", "b": "yes", "c": "null"}]
    assert dump_yaml(document) == "- a: '1e3'\n  b: yes\n  c: 'null'\n- a: '1e3'\n  b: yes\n  c: 'null'\n"

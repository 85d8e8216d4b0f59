"""A streamed json listing is byte for byte ``json.dumps(merged, indent=4, ensure_ascii=False)``,
whether a page goes through the one-call path for flat mappings or item by item (issue 16)."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from esm_cli.output import structured

KEY = "EventSourceMappings"

# Strings that look like the separators the one-call path rewrites, or like nested containers.
tricky = st.sampled_from(["}, {", "},\n        {", ": {", ": {}", ": [", ": []", '"', "\\", "\n", "é", "\u2028", ""])
text = st.lists(st.one_of(tricky, st.text(max_size=6)), max_size=4).map("".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text)
empty = st.sampled_from([{}, []])
value = st.recursive(st.one_of(scalar, empty), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=6)
flat_mapping = st.dictionaries(text, st.one_of(scalar, empty), min_size=0, max_size=6)
mapping = st.one_of(flat_mapping, flat_mapping, st.dictionaries(text, value, max_size=5))
pages = st.lists(st.lists(mapping, max_size=4), min_size=1, max_size=3)


def _streamed(listing: list[list[dict[str, Any]]], token: str | None) -> str:
    out = io.StringIO()
    structured._json_streaming(iter({KEY: items} for items in listing), lambda: token, out, KEY)
    return out.getvalue()


def _whole(listing: list[list[dict[str, Any]]], token: str | None) -> str:
    merged: dict[str, Any] = {KEY: [item for items in listing for item in items]}
    if token is not None:
        merged["NextToken"] = token
    return json.dumps(merged, indent=4, ensure_ascii=False) + "\n"


@settings(max_examples=300, deadline=None)
@given(pages, st.one_of(st.none(), text))
def test_streamed_json_is_json_dumps(listing: list[list[dict[str, Any]]], token: str | None) -> None:
    assert _streamed(listing, token) == _whole(listing, token)


def test_a_page_of_flat_mappings_takes_one_encoder_call() -> None:
    items = [{"UUID": f"u{i}", "BatchSize": 10, "FunctionResponseTypes": [], "DestinationConfig": {}} for i in range(3)]
    assert structured._flat_page(items, "        ") is not None
    assert structured._flat_page([*items, {"FilterCriteria": {"Filters": [{"Pattern": "{}"}]}}], "        ") is None
    assert _streamed([items, items[:1]], "t") == _whole([items, items[:1]], "t")

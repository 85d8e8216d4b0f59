"""A listing's ``--output table`` kept lean and written section by section is byte for byte
``format_table`` of the merged result (issue 16: 100,000 mappings no longer held as drawn rows)."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from esm_cli.output.table import format_table
from esm_cli.output.table_listing import render_listing_table

KEY = "EventSourceMappings"
OPERATION = "ListEventSourceMappings"

names = st.sampled_from(["UUID", "BatchSize", "State", "Queues", "DestinationConfig", "Topics", "é名"])
scalar = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.text(max_size=12))
value = st.one_of(scalar, st.sampled_from([[], {}]), st.lists(scalar, max_size=2), st.dictionaries(names, scalar, max_size=2))
item = st.dictionaries(names, value, max_size=5)
items = st.one_of(st.lists(item, max_size=5), st.lists(st.dictionaries(names, scalar, max_size=4), max_size=5))


def _lean(pages: list[list[Any]], token: str | None, width: int, colour: bool, autoreset: bool) -> str:
    out = io.StringIO()
    render_listing_table(
        iter({KEY: page} for page in pages), lambda: token, OPERATION, out, result_key=KEY,
        terminal_width=width, colour=colour, autoreset=autoreset,
    )
    return out.getvalue()


def _whole(pages: list[list[Any]], token: str | None, width: int, colour: bool, autoreset: bool) -> str:
    merged: dict[str, Any] = {KEY: [entry for page in pages for entry in page]}
    if token is not None:
        merged["NextToken"] = token
    return format_table(merged, OPERATION, terminal_width=width, colour=colour, autoreset=autoreset)


@settings(max_examples=300, deadline=None)
@given(items, st.integers(1, 3), st.one_of(st.none(), st.text(min_size=1, max_size=8)), st.sampled_from([40, 80, 400]),
       st.booleans(), st.booleans())
def test_same_bytes_as_the_merged_table(
    listing: list[Any], split: int, token: str | None, width: int, colour: bool, autoreset: bool
) -> None:
    pages = [listing[i::split] for i in range(split)] if listing else [[]]
    pages = [listing[: len(listing) // 2], listing[len(listing) // 2 :]] if split == 2 else pages
    assert _lean(pages, token, width, colour, autoreset) == _whole(pages, token, width, colour, autoreset)


def test_items_that_are_not_objects_are_drawn_whole() -> None:
    pages = [["plain"], ["other", 3]]
    assert _lean(pages, "t", 80, False, False) == _whole(pages, "t", 80, False, False)


def test_mappings_with_nested_members_get_a_section_each() -> None:
    pages = [[{"UUID": f"u{i}", "BatchSize": 10, "FunctionResponseTypes": [], "Queues": ["q"]} for i in range(3)]]
    drawn = _lean(pages, None, 200, False, False)
    assert drawn == _whole(pages, None, 200, False, False)
    assert drawn.count("Queues") == 3

"""A listing's ``--output table`` kept lean and written section by section is byte for byte
``format_table`` of the merged result (issue 16: 100,000 mappings no longer held as drawn rows)."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
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


def _mapping(i: int) -> dict[str, Any]:
    """A listed mapping as the local backend gives it (tests/support/statefill.py's shape)."""
    uuid = f"{i:08x}-0000-4000-8000-{i:012x}"
    return {
        "UUID": uuid, "BatchSize": 10, "MaximumBatchingWindowInSeconds": 0,
        "EventSourceArn": f"arn:aws:sqs:us-east-1:123456789012:q{i % 50}",
        "FunctionArn": f"arn:aws:lambda:us-east-1:123456789012:function:f{i}",
        "LastModified": "2023-11-14T22:13:20+00:00", "State": "Enabled", "StateTransitionReason": "USER_INITIATED",
        "FunctionResponseTypes": [], "EventSourceMappingArn": f"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{uuid}",
    }


# Members a mapping may gain or have replaced: a scalar of another type (0 and "0" print alike
# but only one is falsy), wide and ambiguous characters, printf and format syntax, NUL (the
# separator of a kept mapping's cells), empty and filled nested members.
member_value = st.one_of(
    scalar, st.sampled_from(["", "0", 0, 0.0, -0.0, False, "%s", "{}", "a\x00b", "名前", "é", "x" * 130]),
    st.sampled_from([[], {}, ["ReportBatchItemFailures"], {"OnFailure": {"Destination": "arn:aws:sqs:q"}}]),
)


@st.composite
def listed_mappings(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Up to 25 mappings of a few shapes, most alike (so that their drawn sections are shared)."""
    items = []
    for _ in range(draw(st.integers(0, 25))):
        item = _mapping(draw(st.integers(0, 10**6)))
        if draw(st.integers(0, 3)) == 0:
            for key in draw(st.sets(st.sampled_from(sorted(item)), max_size=2)):
                del item[key]
            for key in draw(st.sets(st.sampled_from(["State", "UUID", "FunctionResponseTypes", "Queues", "é名"]), max_size=2)):
                item[key] = draw(member_value)
        items.append(item)
    return items


@settings(max_examples=200, deadline=None)
@given(listed_mappings(), st.integers(1, 3), st.one_of(st.none(), st.just("tok%en")), st.sampled_from([40, 80, 400, 4000]),
       st.booleans(), st.booleans())
def test_same_bytes_for_listings_of_mappings_mostly_alike(
    listing: list[dict[str, Any]], split: int, token: str | None, width: int, colour: bool, autoreset: bool
) -> None:
    pages = [listing[i::split] for i in range(split)] if listing else [[]]
    assert _lean(pages, token, width, colour, autoreset) == _whole(pages, token, width, colour, autoreset)


def _outcome(draw: Callable[[], str]) -> str:
    try:
        return draw()
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:  # format_table fails on some mixes
        return f"raised {type(error).__name__}"


@settings(max_examples=150, deadline=None)
@given(listed_mappings(), items, st.lists(st.one_of(scalar, st.lists(scalar, max_size=2)), min_size=1, max_size=2),
       st.sampled_from([80, 400]))
def test_objects_then_other_items_are_drawn_whole(
    mappings: list[dict[str, Any]], objects: list[Any], others: list[Any], width: int
) -> None:
    # The mappings kept before the first item that is not an object are given back as they were read.
    pages = [mappings + objects, others]
    lean = _outcome(lambda: _lean(pages, None, width, False, False))
    assert lean == _outcome(lambda: _whole(pages, None, width, False, False))


class _Chunks(io.StringIO):
    """A stream that notes the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)


@pytest.mark.parametrize("nested", [True, False], ids=["a-section-each", "one-section"])
@pytest.mark.parametrize(("width", "colour"), [(80, False), (80, True), (100_000, False)], ids=["turned", "colour", "upright"])
def test_a_large_listing_is_the_same_bytes_written_as_it_is_drawn(nested: bool, width: int, colour: bool) -> None:
    mappings = [_mapping(i) for i in range(2_500)]
    if not nested:  # no nested member anywhere: every mapping is a row of one section
        for item in mappings:
            del item["FunctionResponseTypes"]
    mappings[7]["FunctionArn"] = "arn:aws:lambda:us-east-1:123456789012:function:名前"
    pages = [mappings[i : i + 100] for i in range(0, len(mappings), 100)]
    out = _Chunks()
    render_listing_table(
        iter({KEY: page} for page in pages), lambda: "next", OPERATION, out, result_key=KEY,
        terminal_width=width, colour=colour, autoreset=colour,
    )
    whole = _whole(pages, "next", width, colour, colour)
    assert out.getvalue() == whole
    assert max(out.sizes) < len(whole) / 3  # written in pieces, not held whole


def _peak_bytes(count: int) -> int:
    def pages() -> Iterator[dict[str, Any]]:
        for start in range(0, count, 100):
            yield {KEY: [_mapping(i) for i in range(start, start + 100)]}

    tracemalloc.start()
    try:
        render_listing_table(pages(), lambda: None, OPERATION, _Discard(), result_key=KEY,
                             terminal_width=80, colour=False, autoreset=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_kept_mapping_costs_its_text_and_little_more() -> None:
    # Kept as a tuple of its values a mapping cost ~710 bytes; as one string of its cells' text
    # (~290 characters here), ~345.
    assert (_peak_bytes(8_000) - _peak_bytes(2_000)) / 6_000 < 450


class _Discard(io.StringIO):
    def write(self, text: str) -> int:
        return len(text)

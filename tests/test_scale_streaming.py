"""Listings at scale (issue 16): page by page, the same bytes, flat memory, any UUID completes.

No wall-clock assertions: what is checked is order (the first mapping is written before the
second page is asked for), bytes, peak memory, and that the UUID lookup is an index search.
bench/scale.py measures the times.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_env
from support.peak import run_measured
from support.statefill import populate

from esm_cli.completion import known
from esm_cli.output import OutputOptions, render, render_pages
from esm_cli.paginate import PageStream

MIB = 1024 * 1024
OPERATION = "ListEventSourceMappings"


def _item(i: int) -> dict[str, Any]:
    return {
        "UUID": f"{i:08d}-0000-4000-8000-000000000000",
        "BatchSize": 10,
        "EventSourceArn": f"arn:aws:sqs:us-east-1:123456789012:q{i}",
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "LastModified": 1_700_000_000.5 + i,
        "State": "Enabled",
        "FunctionResponseTypes": [],
        "FilterCriteria": {"Filters": [{"Pattern": '{"body": {"a": ["é"]}}'}]},
    }


class Service:
    """ListEventSourceMappings over 250 items in pages of 100, noting what was written before each call."""

    def __init__(self, stream: io.StringIO, count: int = 250) -> None:
        self.items = [_item(i) for i in range(count)]
        self.stream = stream
        self.written_before_call: list[str] = []

    def __call__(self, request: dict[str, Any]) -> dict[str, Any]:
        self.written_before_call.append(self.stream.getvalue())
        start = int(request.get("Marker") or 0)
        page: dict[str, Any] = {"EventSourceMappings": self.items[start : start + 100]}
        if start + 100 < len(self.items):
            page["NextMarker"] = str(start + 100)
        return page


@pytest.mark.parametrize("fmt", ["json", "text", "yaml-stream", "yaml"])
def test_the_first_mapping_is_printed_before_the_second_page_is_read(fmt: str) -> None:
    out = io.StringIO()
    service = Service(out)
    pages = PageStream(service, {})
    render_pages(pages, pages.next_token, OPERATION, OutputOptions(format=fmt), out)
    assert len(service.written_before_call) == 3
    assert service.written_before_call[0] == ""
    assert "00000000-0000-4000-8000-000000000000" in service.written_before_call[1]


@pytest.mark.parametrize("fmt", ["json", "yaml", "table", "text", "yaml-stream"])
@pytest.mark.parametrize("max_items", [None, 150, 200])
@pytest.mark.parametrize("query", [None, "EventSourceMappings[].UUID"])
def test_streamed_output_is_byte_identical(fmt: str, max_items: int | None, query: str | None) -> None:
    import jmespath

    options = OutputOptions(format=fmt, query=jmespath.compile(query) if query else None)
    streamed, whole = io.StringIO(), io.StringIO()
    pages = PageStream(Service(streamed), {}, max_items=max_items)
    render_pages(pages, pages.next_token, OPERATION, options, streamed)
    # What the output layer printed before streaming: every page kept, then printed at once.
    kept = PageStream(Service(whole), {}, max_items=max_items)
    page_list = list(kept)
    if fmt in ("text", "yaml-stream"):
        render_pages(page_list, kept.next_token(), OPERATION, options, whole)
    else:
        merged: dict[str, Any] = {"EventSourceMappings": [i for p in page_list for i in p["EventSourceMappings"]]}
        if kept.next_token() is not None:
            merged["NextToken"] = kept.next_token()
        render(merged, OPERATION, options, whole)
    assert streamed.getvalue() == whole.getvalue()


def _peak_listing_rss(state: Path, tmp_path: Path) -> int:
    code, stderr, peak = run_measured(
        ["list-event-source-mappings", "--output", "json"], clean_env(tmp_path, ESM_STATE_FILE=str(state))
    )
    assert code == 0, stderr
    return peak


def test_listing_memory_does_not_grow_with_the_number_of_mappings(tmp_path: Path) -> None:
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    populate(str(small), 1_000)
    populate(str(large), 12_000)
    # Keeping every page (as before) costs ~7 KiB per mapping: 11,000 more would add ~75 MiB.
    assert _peak_listing_rss(large, tmp_path) - _peak_listing_rss(small, tmp_path) < 12 * MIB


def test_any_stored_uuid_completes_from_its_prefix(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    uuids = populate(str(state), 1_500)
    oldest = uuids[0]  # beyond the newest 1,000 that a bare TAB offers
    found = known.local_mappings(str(state), uuid_prefix=oldest[:6])
    assert oldest in [k.uuid for k in found]
    assert all(k.uuid.startswith(oldest[:6]) for k in found)
    assert oldest not in [k.uuid for k in known.local_mappings(str(state))]


def test_the_uuid_prefix_lookup_searches_the_index(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    populate(str(state), 10)
    plans: list[str] = []
    real_connect = sqlite3.connect

    def tracing(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        connection.set_trace_callback(plans.append)
        return connection

    sqlite3.connect = tracing  # type: ignore[assignment]
    try:
        known.local_mappings(str(state), uuid_prefix="ab")
    finally:
        sqlite3.connect = real_connect  # type: ignore[assignment]
    query = next(q for q in plans if "FROM mappings" in q)
    with real_connect(state) as db:
        plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + query))
    db.close()
    # A range search on the UNIQUE index over uuid: the cost does not grow with the table.
    assert "SEARCH" in plan and "INDEX" in plan and "SCAN" not in plan, plan


def test_tab_after_uuid_offers_an_old_mapping_from_its_prefix(tmp_path: Path) -> None:
    from esm_cli.completion import line
    from esm_cli.completion.engine import complete

    state = tmp_path / "state.db"
    oldest = populate(str(state), 1_500)[0]
    env = {"ESM_STATE_FILE": str(state)}
    typed = complete(line.split("esm get-event-source-mapping --uuid " + oldest[:5]).words, env).words
    assert oldest in typed
    bare = complete(line.split("esm get-event-source-mapping --uuid ").words, env).words
    assert len(bare) == 1_000 and oldest not in bare  # a bare TAB offers the newest 1,000

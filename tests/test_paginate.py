"""esm's paginator against botocore's own PageIterator: same pages, same NextToken, both ways."""

from __future__ import annotations

import base64
import functools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esm_cli.paginate import decode_token, encode_token, paginate


class FakeService:
    """ListEventSourceMappings over a fixed list, honouring Marker and MaxItems like Lambda."""

    def __init__(self, count: int, page_limit: int = 100) -> None:
        self.items = [{"UUID": f"{i:08d}-0000-0000-0000-000000000000"} for i in range(count)]
        self.page_limit = page_limit
        self.calls: list[dict[str, Any]] = []

    def __call__(self, request: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(dict(request))
        start = int(request.get("Marker", 0))
        size = min(request.get("MaxItems") or self.page_limit, self.page_limit)
        page: dict[str, Any] = {"EventSourceMappings": self.items[start : start + size]}
        if start + size < len(self.items):
            page["NextMarker"] = str(start + size)
        return page


@functools.lru_cache(maxsize=1)
def _list_operation_model() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("lambda").operation_model("ListEventSourceMappings")


def _botocore_paginator(method: Any) -> Any:
    from botocore.paginate import Paginator

    model = _list_operation_model()
    config = {"input_token": "Marker", "output_token": "NextMarker", "limit_key": "MaxItems", "result_key": "EventSourceMappings"}
    return Paginator(method, config, model)


def botocore_listing(service: FakeService, **config: Any) -> tuple[list[list[Any]], str | None]:
    """What botocore's paginator yields for the same service and paging config."""

    def method(**kwargs: Any) -> dict[str, Any]:
        return service(kwargs)

    paging = {
        key: value
        for key, value in (
            ("MaxItems", config.get("max_items")),
            ("StartingToken", config.get("starting_token")),
            ("PageSize", config.get("page_size")),
        )
        if value is not None
    }
    pages = _botocore_paginator(method).paginate(PaginationConfig=paging)
    items = [list(page.get("EventSourceMappings", [])) for page in pages]
    return items, pages.resume_token


def esm_listing(service: FakeService, **config: Any) -> tuple[list[list[Any]], str | None]:
    listing = paginate(service, {}, **config)
    return [page["EventSourceMappings"] for page in listing.pages], listing.next_token


CASES = [
    dict(count=0),
    dict(count=5),
    dict(count=250),
    dict(count=250, max_items=100),  # ends on a page boundary: the service marker resumes
    dict(count=250, max_items=150),
    dict(count=250, max_items=1),
    dict(count=10, max_items=3, page_size=4),
    dict(count=10, page_size=3),
    dict(count=10, max_items=0),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_pages_and_token_match_botocore(case: dict[str, Any]) -> None:
    count = case.pop("count")
    assert esm_listing(FakeService(count), **case) == botocore_listing(FakeService(count), **case)


def test_the_token_format_is_the_one_the_aws_cli_prints() -> None:
    _, token = esm_listing(FakeService(5), max_items=1)
    assert token == "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="
    assert json.loads(base64.b64decode(token)) == {"Marker": None, "boto_truncate_amount": 1}


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(0, 230),
    max_items=st.integers(1, 120),
    page_size=st.one_of(st.none(), st.integers(1, 120)),
    page_limit=st.sampled_from([7, 50, 100]),
)
def test_resuming_visits_every_item_once_and_tokens_interchange(
    count: int, max_items: int, page_size: int | None, page_limit: int
) -> None:
    seen: list[Any] = []
    token = None
    for _ in range(count + 2):
        service = FakeService(count, page_limit)
        pages, next_token = esm_listing(service, max_items=max_items, starting_token=token, page_size=page_size)
        theirs = botocore_listing(FakeService(count, page_limit), max_items=max_items, starting_token=token, page_size=page_size)
        assert (pages, next_token) == theirs
        seen += [item for page in pages for item in page]
        token = next_token
        if token is None:
            break
    assert seen == FakeService(count).items


@pytest.mark.parametrize("token", ["not-base64!", "7___2", "abc", "None___3", base64.b64encode(b"[1]").decode()])
def test_undecodable_tokens_fall_back_like_botocore(token: str) -> None:
    iterator = _botocore_paginator(lambda **k: {}).paginate(PaginationConfig={"StartingToken": token})
    assert decode_token(token) == tuple(iterator._parse_starting_token())


def test_encode_decode_round_trip() -> None:
    token = {"Marker": "abc", "boto_truncate_amount": 4}
    assert decode_token(encode_token(token)) == ({"Marker": "abc"}, 4)

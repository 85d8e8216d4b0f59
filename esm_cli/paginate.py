"""Client-side pagination exactly as botocore's paginator (and so the AWS CLI) does it.

Implemented here rather than borrowed from botocore so that the local backend pages
without importing it, and so that a NextToken printed by ``esm`` is accepted by ``aws``
(and the other way round): the token is base64 of JSON ``{"Marker": …}`` with
``boto_truncate_amount`` when a page was cut short (docs/aws-cli-behaviour.md#pagination).
"""

from __future__ import annotations

import base64
import binascii
import json

from esm_cli.errors import GeneralError

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any
    from typing import NamedTuple as Record
else:
    from esm_cli.record import Record

INPUT_TOKEN = "Marker"
OUTPUT_TOKEN = "NextMarker"
LIMIT_KEY = "MaxItems"
RESULT_KEY = "EventSourceMappings"
_TRUNCATE = "boto_truncate_amount"


def encode_token(token: dict[str, Any]) -> str:
    """A resume token as botocore's TokenEncoder writes it."""
    return base64.b64encode(json.dumps(token).encode("utf-8")).decode("utf-8")


def decode_token(text: str) -> tuple[dict[str, Any], int]:
    """(service token, items to skip on its page) from a --starting-token."""
    try:
        decoded = json.loads(base64.b64decode(text.encode("utf-8")).decode("utf-8"))
        truncation = int(decoded.pop(_TRUNCATE, 0))  # a non-dict fails here and falls back
        return decoded, truncation
    except (ValueError, TypeError, AttributeError, binascii.Error):
        return _decode_legacy(text)


def _decode_legacy(text: str) -> tuple[dict[str, Any], int]:
    # Tokens older than the JSON format were "marker___index"; anything else unparseable
    # is passed to the service as an opaque marker, as botocore does.
    parts = text.split("___")
    index = 0
    if len(parts) == 2:
        try:
            index = int(parts.pop())
        except ValueError:
            parts = [text]
    if len(parts) > 1:
        raise GeneralError(f"Bad starting token: {text}")
    return {INPUT_TOKEN: None if parts[0] == "None" else parts[0]}, index


class Listing(Record):
    """The pages a paginated listing returned (as botocore yields them: NextMarker kept, the last
    one cut to --max-items), and the NextToken to resume it (if cut short)."""

    pages: list[dict[str, Any]]
    next_token: str | None


class PageStream:
    """A listing fetched page by page as it is consumed (a full listing of 100,000 mappings is
    never held at once): iterate it for the pages, then ``next_token()`` for the resume token.
    ``on_page`` sees each page's items as they arrive (the completion cache)."""

    def __init__(
        self,
        call: Callable[[dict[str, Any]], dict[str, Any]],
        request: dict[str, Any],
        *,
        max_items: int | None = None,
        starting_token: str | None = None,
        page_size: int | None = None,
        on_page: Callable[[list[dict[str, Any]]], None] | None = None,
    ) -> None:
        self._call, self._request, self._on_page = call, request, on_page
        self._max_items, self._starting_token, self._page_size = max_items, starting_token, page_size
        self._resume: dict[str, Any] | None = None
        self._done = False

    def next_token(self) -> str | None:
        """The NextToken to resume a listing cut short by --max-items (known once consumed)."""
        return encode_token(self._resume) if self._resume is not None else None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Call ListEventSourceMappings page after page, as botocore's PageIterator does."""
        kwargs = dict(self._request)
        next_token: dict[str, Any] = {INPUT_TOKEN: None}
        starting_truncation = 0
        if self._starting_token is not None:
            next_token, starting_truncation = decode_token(self._starting_token)
            _inject(kwargs, next_token)
        if self._page_size is not None:
            kwargs[LIMIT_KEY] = self._page_size
        max_items, total, previous, first = self._max_items, 0, None, True
        while True:
            response = self._call(dict(kwargs))
            items = list(response.get(RESULT_KEY) or [])
            if first:
                items = items[starting_truncation:]
                first = False
            else:
                starting_truncation = 0  # only the first page was sliced into
            over = total + len(items) - max_items if max_items is not None else 0
            if over > 0:
                keep = len(items) - over
                # Resume on the same page, skipping what was shown, counting any left slice too.
                self._resume = {**next_token, _TRUNCATE: keep + starting_truncation}
                yield self._seen({**response, RESULT_KEY: items[:keep]})
                return
            total += len(items)
            next_token = {INPUT_TOKEN: response.get(OUTPUT_TOKEN) or None}
            last = next_token[INPUT_TOKEN] is None
            if not last and max_items is not None and total == max_items:
                self._resume = next_token  # a page boundary: the service's own marker resumes it
                last = True
            yield self._seen({**response, RESULT_KEY: items})
            if last:
                return
            if previous == next_token:
                raise GeneralError(f"The same next token was received twice: {next_token}")
            _inject(kwargs, next_token)
            previous = next_token

    def _seen(self, page: dict[str, Any]) -> dict[str, Any]:
        if self._on_page is not None:
            self._on_page(page[RESULT_KEY])
        return page


def paginate(
    call: Callable[[dict[str, Any]], dict[str, Any]],
    request: dict[str, Any],
    *,
    max_items: int | None = None,
    starting_token: str | None = None,
    page_size: int | None = None,
) -> Listing:
    """The whole listing at once (see PageStream for page by page)."""
    stream = PageStream(call, request, max_items=max_items, starting_token=starting_token, page_size=page_size)
    pages = list(stream)
    return Listing(pages=pages, next_token=stream.next_token())


def _inject(kwargs: dict[str, Any], token: dict[str, Any]) -> None:
    for name, value in token.items():
        if value is not None and value != "None":
            kwargs[name] = value
        else:
            kwargs.pop(name, None)

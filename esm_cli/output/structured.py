"""Listings in the formats AWS CLI v2 prints page by page: ``text`` and ``yaml-stream``.

``text`` (TextFormatter): each page is reduced to its result key (``EventSourceMappings``),
queried and printed on its own; when ``--max-items`` cut the listing short, the object
``{"NextToken": {"NextToken": token}}`` is then queried and printed too, which gives the
``NEXTTOKEN<TAB>token`` line (or ``None`` when the query does not match it).

``yaml-stream`` (StreamedYAMLFormatter): each page as botocore yields it, less
``ResponseMetadata`` (so a page still carries ``NextMarker`` when the service sent one),
queried and dumped as a one-element list; no NextToken is printed.
"""

from __future__ import annotations

from typing import Any, TextIO

from esm_cli.output import OutputOptions, apply_query


def render_pages_streaming(
    pages: list[dict[str, Any]],
    next_token: str | None,
    operation: str,
    options: OutputOptions,
    stream: TextIO,
    *,
    result_key: str = "EventSourceMappings",
) -> None:
    """Write a paginated listing in ``text`` or ``yaml-stream`` format, one page at a time.

    ``pages`` are the raw pages (timestamps already converted), the last one already cut
    to ``--max-items``; ``next_token`` is the resume token when the listing was truncated.
    """
    if options.format == "text":
        from esm_cli.output.text import format_text

        for page in pages:
            # Only the result key survives (this paginator has no non-aggregate keys).
            stream.write(format_text(apply_query({result_key: page.get(result_key)}, options)))
        if next_token is not None:
            stream.write(format_text(apply_query({"NextToken": {"NextToken": next_token}}, options)))
        return
    if options.format == "yaml-stream":
        from esm_cli.output.yamlfmt import dump_yaml

        for page in pages:
            body = {key: value for key, value in page.items() if key != "ResponseMetadata"}
            stream.write(dump_yaml([apply_query(body, options)]))
        return
    raise ValueError(f"{options.format!r} is not printed page by page")

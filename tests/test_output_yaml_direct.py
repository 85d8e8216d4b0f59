"""The direct YAML writer (esm_cli/output/yamlwrite.py) either declines or writes exactly the bytes
PyYAML's own path writes (the reference below: representer and resolver asked for every value)."""

from __future__ import annotations

import string
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from support.yamlref import documents, reference_dump

from esm_cli.output.yamlwrite import write_plain

# Texts close to the writer's edge: its own characters and the ones that make libyaml quote,
# fold or escape (space, '#', quotes, ':' at the end, '-' or '.' first, non-ASCII, a break).
_EDGE = st.text(alphabet=string.ascii_letters[:6] + "tTfFnN019_./:@+=,-#' \"\u00e9\n", min_size=0, max_size=12)
_TRICKY = st.sampled_from(
    [
        "true", "True", "FALSE", "null", "Null", "n", "y", "yes", "on", "0", "-1", "+1", "007", "0o17", "0x1f",
        "0b101", "1_000", "1e3", "1.5", ".5", "-.inf", ".nan", "1:30", "2024-01-02", "2024-1-2T3:04:05",
        "2024-01-02T03:04:05+00:00", "2024-01-02t03:04:05.5Z", "<<", "=", "a:", "a:b", "/x", "_", "-", ".",
        "---", "...", "a,b", "a@b", "x" * 129, "arn:aws:sqs:us-east-1:123456789012:queue-name.fifo",
        "34eff8f3-5f6e-4982-821b-0c87c580e3f6", "1e", "e1", "1.", "._", "1__2", "+", "-0", "Enabled",
    ]
)
_TEXTS = st.one_of(_TRICKY, _EDGE, st.from_regex(r"[A-Za-z0-9_/][A-Za-z0-9_./:@+=,-]{0,90}", fullmatch=True))
_SCALARS, _DOCS = documents(_TEXTS, max_size=4, max_leaves=30)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.lists(_DOCS, max_size=5), st.dictionaries(_TEXTS, _DOCS, max_size=6)))
def test_direct_writer_declines_or_writes_pyyaml_bytes(document: Any) -> None:
    written = write_plain(document)
    if written is not None:
        assert written == reference_dump(document)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["UUID", "BatchSize", "State", "Filters", "Nested"]), _SCALARS), max_size=3))
def test_scalar_choices_match_libyaml(document: Any) -> None:
    written = write_plain(document)
    if written is not None:
        assert written == reference_dump(document)


def test_a_listing_page_is_written_directly() -> None:
    page = [
        {
            "UUID": "34eff8f3-5f6e-4982-821b-0c87c580e3f6",
            "BatchSize": 10,
            "MaximumBatchingWindowInSeconds": 0,
            "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q0",
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f0",
            "LastModified": "2023-11-14T22:13:20+00:00",
            "State": "Enabled",
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": [],
            "ScalingConfig": {"MaximumConcurrency": 5},
            "DestinationConfig": {"OnFailure": {}},
            "Topics": ["orders", "payments"],
            "Nested": [[1, 2], [], {}, [{"a": None, "b": 1.5}]],
        },
        {"UUID": "second", "Enabled": True},
    ]
    written = write_plain(page)
    assert written is not None
    assert written == reference_dump(page)
    assert "LastModified: '2023-11-14T22:13:20+00:00'\n" in written  # a timestamp's text is quoted
    assert write_plain({"EventSourceMappings": page, "NextMarker": "50"}) == reference_dump(
        {"EventSourceMappings": page, "NextMarker": "50"}
    )


def test_declines_what_it_does_not_write() -> None:
    shared: dict[str, Any] = {}
    for document in (
        {"Reason": "has a space"},  # may be folded at 80 columns
        {"Name": "caf\u00e9"},
        {"Empty": ""},
        {"Key": (1, 2)},
        [shared, shared],  # PyYAML writes an anchor and an alias
        {"k" * 129: 1},  # too long for a simple key
        {"Colon": "ends:"},
    ):
        assert write_plain(document) is None, document
        assert reference_dump(document)  # and PyYAML's way writes it

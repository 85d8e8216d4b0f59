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


# Texts that start like numbers, with the characters that decide between int, float,
# timestamp and string (digits, base prefixes, exponents, '-' where a UUID or a date has it).
_NUMBER_LIKE = st.one_of(
    st.text(alphabet="0123456789boxeEaf.-+_:Tt", min_size=1, max_size=14),
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[-+][0-9]{2}:[0-9]{2})?)?", fullmatch=True),
    st.uuids().map(str),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["LastModified", "UUID", "Size"]), _NUMBER_LIKE, min_size=1), max_size=4))
def test_number_like_values_quoted_as_libyaml_does(document: Any) -> None:
    # The resolver's answer is remembered per shape (digits made 0) across documents: answers
    # for one text must never be reused for another that resolves differently.
    written = write_plain(document)
    if written is not None:
        assert written == reference_dump(document)


def test_remembered_key_orders_do_not_change_output() -> None:
    # The same key set (in two insertion orders) with different values, at the top, nested,
    # and as list items (first key after "- "), then again after the table has been emptied.
    def page(n: int) -> list[dict[str, Any]]:
        return [
            {"State": "Enabled", "BatchSize": i, "Nested": {"State": "true", "BatchSize": "x", "Nested": []}}
            if i % 2
            else {"Nested": {"BatchSize": str(i), "Nested": [{"State": "1", "BatchSize": [], "Nested": {}}], "State": "s"},
                  "BatchSize": None, "State": f"v{i}"}
            for i in range(n)
        ]

    for _ in range(2):
        for document in (page(5), {"Items": page(3), "State": "x", "BatchSize": 1, "Nested": page(2)}):
            assert write_plain(document) == reference_dump(document)
        for i in range(300):  # more key sets than the table keeps: it is emptied on the way
            assert write_plain({f"k{i}": i, "a": "b"}) == reference_dump({f"k{i}": i, "a": "b"})


def test_a_remembered_key_order_is_not_reused_for_str_subclass_keys() -> None:
    class Name(str):
        pass

    assert write_plain([{"UUID": "u", "State": "Enabled"}]) is not None  # remembers this key set
    assert write_plain([{Name("UUID"): "u", "State": "Enabled"}]) is None
    assert write_plain([{"State": "Enabled", Name("UUID"): "u"}, {"UUID": "u", "State": "Enabled"}]) is None


def test_a_bad_string_anywhere_declines_the_whole_document() -> None:
    # Mapping values' characters are checked once, at the end of the document.
    page = [{"UUID": f"u{i}", "State": "Enabled"} for i in range(50)]
    for bad in ("has space", "caf\u00e9", "1\ud800", "x\ud800", "tab\t", "new\nline", "2024-01-02 x"):
        document = page + [{"UUID": bad, "State": "Enabled"}] + page
        assert write_plain(document) is None, bad
        assert write_plain({"Items": [bad]}) is None, bad
        assert write_plain(page) == reference_dump(page)  # and nothing of it is remembered


def test_texts_of_one_shape_that_resolve_differently() -> None:
    # Pairs alike but for their digits (the shape remembered) or a '-' (the UUID shortcut).
    texts = [
        "0b1", "0b2", "0o7", "0o8", "0x1", "1x1", "01", "09", "1e-5", "1.5E-3", "12e-1", "1f-5",
        "2024-01-02", "2024-1-2T3:04:05", "1-2", "12345-1", "1234-56", "1e+1", "1_0", "1:30",
        "34eff8f3-5f6e-4982-821b-0c87c580e3f6", "3400e8f3-5f6e-4982-821b-0c87c580e3f6",
    ]
    for order in (texts, texts[::-1]):
        for text in order:
            for document in ({"Value": text}, [{"Value": text}], [text]):
                written = write_plain(document)
                assert written == reference_dump(document), text

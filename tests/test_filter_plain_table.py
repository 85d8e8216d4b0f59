"""``esm test-filter``'s table is drawn without tabulate's per-cell work, byte for byte as tabulate draws it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from esm_cli.filters.plain_table import simple_table

HEADERS = ["#", "Result", "Filter", "Path", "Expected", "Actual", "Hint"]
WIDTHS: list[int | None] = [None, None, None, 30, 40, 40, 60]

words = st.text(alphabet="ab-. _\"{}:[]", min_size=0, max_size=90)
odd = st.text(min_size=0, max_size=20)  # any character: controls, escapes, wide, line breaks
cells = st.one_of(words, words, words, odd, st.integers(min_value=0, max_value=10**6), st.sampled_from(["True", "False", ""]))
rows = st.lists(st.lists(cells, min_size=7, max_size=7), min_size=0, max_size=6)
widths = st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=25)), min_size=7, max_size=7)


def _tabulate(headers: list[str], table: list[list[Any]], limits: list[int | None]) -> str:
    return str(tabulate(table, headers=headers, tablefmt="simple", maxcolwidths=limits, disable_numparse=True))


@settings(max_examples=200, deadline=None)
@given(rows, widths)
def test_same_text_as_tabulate(table: list[list[Any]], limits: list[int | None]) -> None:
    try:
        expected = _tabulate(HEADERS, table, limits)
    except ValueError:  # tabulate's own failures on odd text (e.g. a lone newline) are kept as they were
        with pytest.raises(ValueError):
            simple_table(HEADERS, table, limits)
        return
    assert simple_table(HEADERS, table, limits) == expected


def test_same_text_as_tabulate_for_a_typical_report() -> None:
    table = [
        [0, "kept", 0, "", "", "", ""],
        [1, "DROPPED", 0, "body.status", '["ok"]', '"failed"', "the value is not one of the listed ones"],
        [12, "DROPPED", 1, "body.customer.addresses.primary.country", '[{"prefix": "DE"}, {"prefix": "AT"}]',
         "(missing)", "no such key in the record: Lambda drops records that lack a key the pattern names " * 2],
        [13, "kept", "", "", "", "", ""],
    ]
    drawn = simple_table(HEADERS, table, WIDTHS)
    assert drawn == _tabulate(HEADERS, table, WIDTHS)
    assert "\n" in drawn.split("\n", 3)[-1]  # the long cells were wrapped onto several lines

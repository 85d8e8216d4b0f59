"""Differential: esm's json/text/table against the awscli package's own formatters, live.

The golden cases are re-rendered by awscli (so stale golden files cannot hide a change),
and a few hundred generated responses (seeded, so failures reproduce) exercise the layout
rules on shapes no hand-written case covers: ragged lists of dicts, lists of lists, wide
characters, empty containers, scalar query results, and widths around the vertical switch.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
from support.timezone import local_timezone

GOLDEN = Path(__file__).parent / "golden" / "output"
sys.path.insert(0, str(GOLDEN))

import cases  # noqa: E402
import oracles  # noqa: E402

WORDS = ["Enabled", "orders", "é", "東京", "x y", "", "True", "None", "0", "a" * 37, "arn:aws:sqs:us-east-1:1:q", "🚀"]
KEYS = ["UUID", "State", "BatchSize", "Filters", "Pattern", "Topics", "b", "A", "zeta", "Ünï", "日本"]


def _value(rnd: random.Random, depth: int) -> Any:
    roll = rnd.random()
    if depth > 2 or roll < 0.45:
        return rnd.choice([*WORDS, 1, 100, -1, 2.5, True, False, None])
    if roll < 0.75:
        return {rnd.choice(KEYS): _value(rnd, depth + 1) for _ in range(rnd.randint(0, 5))}
    if roll < 0.9:
        return [
            {rnd.choice(KEYS): _value(rnd, depth + 2) for _ in range(rnd.randint(1, 4))}
            for _ in range(rnd.randint(1, 4))
        ]
    return [rnd.choice(WORDS) for _ in range(rnd.randint(0, 4))]


def _generated(count: int) -> list[dict[str, Any]]:
    rnd = random.Random(20260729)
    requests = []
    for index in range(count):
        data = {rnd.choice(KEYS): _value(rnd, 0) for _ in range(rnd.randint(1, 6))}
        if index % 7 == 0:
            data = [[rnd.choice(WORDS), rnd.choice(WORDS)] for _ in range(rnd.randint(1, 3))]
        fmt = ("json", "text", "table")[index % 3]
        width = rnd.choice([40, 79, 80, 81, 120, 250])
        colour = rnd.choice(["off", "on", "auto"])
        requests.append(
            {
                "format": fmt,
                "operation": "GetEventSourceMapping" if index % 2 else "ListTags",
                "data": data,
                "width": width,
                "color": colour,
                "isatty": rnd.random() < 0.5,
                "pager": rnd.random() < 0.3,
                "timestamp_format": "wire",
            }
        )
    return requests


GOLDEN_REQUESTS = [(name, req) for name, req in cases.requests() if req["format"] in cases.AWSCLI_FORMATS]
GENERATED = _generated(300)


@pytest.fixture(scope="module")
def awscli_outputs() -> dict[str, list[str]]:
    return {
        "golden": oracles.run_awscli([req for _, req in GOLDEN_REQUESTS]),
        "generated": oracles.run_awscli(GENERATED),
    }


@pytest.fixture
def golden_tz() -> Iterator[None]:
    with local_timezone(oracles.GOLDEN_TZ):
        yield


def test_golden_cases_match_awscli(awscli_outputs: dict[str, list[str]], golden_tz: None) -> None:
    mismatches = [
        name
        for (name, req), expected in zip(GOLDEN_REQUESTS, awscli_outputs["golden"])
        if oracles.render_esm(req) != expected
    ]
    assert mismatches == []


def test_golden_files_are_what_awscli_prints(awscli_outputs: dict[str, list[str]]) -> None:
    stale = [
        name
        for (name, _), expected in zip(GOLDEN_REQUESTS, awscli_outputs["golden"])
        if oracles.golden_path(name).read_text(encoding="utf-8") != expected
    ]
    assert stale == [], "run tests/golden/output/regenerate.py"


@pytest.mark.parametrize("fmt", ["json", "text", "table"])
def test_generated_responses_match_awscli(fmt: str, awscli_outputs: dict[str, list[str]]) -> None:
    checked = 0
    for request, expected in zip(GENERATED, awscli_outputs["generated"]):
        if request["format"] != fmt:
            continue
        assert oracles.render_esm(request) == expected, request
        checked += 1
    assert checked >= 90

"""Every output format over responses of every source type, byte for byte against golden files.

The golden files hold what AWS's own code prints (tests/golden/output/regenerate.py):
json/text/table from the awscli package's formatters, yaml/yaml-stream and the yaml-input
skeletons from aws-cli v2's ruamel.yaml setup. All are rendered with TZ=America/Los_Angeles.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest
from support.timezone import local_timezone

GOLDEN = Path(__file__).parent / "golden" / "output"
sys.path.insert(0, str(GOLDEN))

import cases  # noqa: E402
import oracles  # noqa: E402

from esm_cli import spec  # noqa: E402
from esm_cli.skeleton_output import yaml_input_skeleton  # noqa: E402

REQUESTS = cases.requests()


@pytest.fixture
def golden_tz() -> Iterator[None]:
    with local_timezone(oracles.GOLDEN_TZ):
        yield


@pytest.mark.parametrize(("name", "request_"), REQUESTS, ids=[name for name, _ in REQUESTS])
def test_rendering_matches_golden_file(name: str, request_: dict, golden_tz: None) -> None:
    expected = oracles.golden_path(name).read_text(encoding="utf-8")
    assert oracles.render_esm(request_) == expected


def test_every_case_has_every_variant_on_disk() -> None:
    names = {path.name for path in GOLDEN.glob("*.txt")}
    expected = {f"{name}.txt" for name, _ in REQUESTS}
    expected |= {f"skeleton-{op}.yaml-input.txt" for op in spec.operation_names()}
    assert names == expected


@pytest.mark.parametrize("operation", spec.operation_names())
def test_yaml_input_skeleton_matches_golden_file(operation: str) -> None:
    expected = oracles.golden_path(f"skeleton-{operation}.yaml-input").read_text(encoding="utf-8")
    assert yaml_input_skeleton(operation) == expected


@pytest.mark.parametrize("case", sorted(cases.CASES))
def test_off_prints_nothing(case: str, golden_tz: None) -> None:
    assert oracles.render_esm({**cases.CASES[case], "format": "off"}) == ""


def test_goldens_cover_the_promised_ground() -> None:
    """Each source type, empty and paged listings, NextToken and queries are really in there."""
    arns = " ".join(str(c.get("data", c.get("pages"))) for c in cases.CASES.values())
    for service in (":sqs:", ".fifo", ":kinesis:", ":dynamodb:", ":mq:", ":kafka:", "SelfManagedEventSource", ":rds:"):
        assert service in arns
    text = oracles.golden_path("list-next-token.text").read_text(encoding="utf-8")
    assert text.endswith("NEXTTOKEN\teyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==\n")
    assert oracles.golden_path("list-query-rows.text").read_text(encoding="utf-8").endswith("\nNone\n")
    assert oracles.golden_path("list-empty.table").read_text(encoding="utf-8") == (
        "-------------------------\n|ListEventSourceMappings|\n+-----------------------+\n"
    )
    assert oracles.golden_path("empty-object.json").read_text(encoding="utf-8") == ""

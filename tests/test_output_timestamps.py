"""Timestamps: v2's iso8601 default against botocore's parse_timestamp(...).isoformat().

Each time zone runs in its own subprocess (TZ is read at process start and by time.tzset),
comparing esm's conversion with botocore's over fixed instants, DST transitions (including
the repeated hour) and dates from before a zone changed its offset, where botocore's
dateutil ``tzlocal`` applies today's offsets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esm_cli.output import OutputOptions, convert_timestamps, iso_timestamp, render

ROOT = Path(__file__).resolve().parents[1]

INSTANTS = [0, 1, 946684800.999999, 1569284520.333, 1795991779.0, 1262304000, 1288494000.5, 2147483647, 4102444800.25]
# Every 15 minutes across the 2024 US/EU autumn and spring changes, and the 2009 Europe one.
INSTANTS += [1711846800 + 900 * i for i in range(200)]
INSTANTS += [1730613600 - 7200 + 900 * i for i in range(40)]
INSTANTS += [1256950800 + 900 * i for i in range(40)]

ZONES = [
    "UTC",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Dublin",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Caracas",
    "Pacific/Chatham",
    "America/St_Johns",
    "Africa/Casablanca",
    "EST5EDT",
    "<+0530>-5:30",
]

COMPARE = """
import json, sys
from botocore.utils import parse_timestamp
from esm_cli.output.timestamps import iso_timestamp
values = json.loads(sys.argv[1])
print(json.dumps([[parse_timestamp(v).isoformat(), iso_timestamp(v)] for v in values]))
"""


@pytest.mark.parametrize("zone", ZONES)
def test_iso_timestamp_is_botocores(zone: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", COMPARE, json.dumps(INSTANTS)],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    pairs = json.loads(done.stdout)
    assert len(pairs) == len(INSTANTS)
    assert [esm for _, esm in pairs] == [boto for boto, _ in pairs]


def test_caracas_2010_uses_todays_offset_like_botocore() -> None:
    """The case a plain datetime.astimezone() gets wrong (it knows Caracas was -04:30)."""
    done = subprocess.run(
        [sys.executable, "-c", "from esm_cli.output.timestamps import iso_timestamp; print(iso_timestamp(1262304000))"],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "America/Caracas", "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert done.stdout == "2009-12-31T20:00:00-04:00\n"


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_reference_values_in_utc(utc: None) -> None:
    assert iso_timestamp(1569284520.333) == "2019-09-24T00:22:00.333000+00:00"
    assert iso_timestamp(1795991802.0) == "2026-11-29T22:36:42+00:00"
    assert iso_timestamp("1795991802") == "2026-11-29T22:36:42+00:00"
    assert iso_timestamp("2019-09-24T00:22:00Z") == "2019-09-24T00:22:00+00:00"


def test_conversion_follows_the_model_and_leaves_the_input_alone(utc: None) -> None:
    page = {"EventSourceMappings": [{"UUID": "u", "LastModified": 0, "StartingPositionTimestamp": 1.5, "BatchSize": 5}]}
    converted = convert_timestamps(page, "ListEventSourceMappingsResponse", "iso8601")
    assert converted["EventSourceMappings"][0] == {
        "UUID": "u",
        "LastModified": "1970-01-01T00:00:00+00:00",
        "StartingPositionTimestamp": "1970-01-01T00:00:01.500000+00:00",
        "BatchSize": 5,
    }
    assert page["EventSourceMappings"][0]["LastModified"] == 0
    assert convert_timestamps(page, "ListEventSourceMappingsResponse", "wire") == page


def test_wire_format_prints_epoch_numbers(utc: None) -> None:
    import io

    out = io.StringIO()
    render({"UUID": "u", "LastModified": 1795991779.0}, "GetEventSourceMapping", OutputOptions(timestamp_format="wire"), out)
    assert out.getvalue() == '{\n    "UUID": "u",\n    "LastModified": 1795991779.0\n}\n'
    out = io.StringIO()
    render({"UUID": "u", "LastModified": 1795991779.0}, "GetEventSourceMapping", OutputOptions(format="text"), out)
    assert out.getvalue() == "2026-11-29T22:36:19+00:00\tu\n"


@settings(max_examples=2000, deadline=None)
@given(
    value=st.one_of(
        st.floats(min_value=-1e12, max_value=3e11, allow_nan=False),
        st.integers(min_value=-(10**12), max_value=3 * 10**11),
        # Lambda's millisecond values and the half-microsecond edges of the rounding
        st.integers(min_value=0, max_value=4 * 10**12).map(lambda ms: ms / 1000),
        st.integers(min_value=0, max_value=10**15).map(lambda us: us / 1e6 + 0.0000005),
        st.sampled_from([0, 0.0, 0.9999995, 0.9999994999, 1.5e-7, 253402214399.9999995, 253402214400, 1e300]),
    ),
    minutes=st.integers(min_value=-24 * 60 + 1, max_value=24 * 60 - 1),
)
def test_fixed_offset_arithmetic_is_datetimes_text(value: float, minutes: int) -> None:
    from datetime import datetime, timedelta, timezone

    from esm_cli.output.timestamps import _fixed_offset_converter

    zone = timezone(timedelta(minutes=minutes))
    try:
        expected = datetime.fromtimestamp(value, zone).isoformat()
    except (OverflowError, OSError, ValueError):
        with pytest.raises((OverflowError, OSError, ValueError)):
            _fixed_offset_converter(zone)(value)
        return
    assert _fixed_offset_converter(zone)(value) == expected

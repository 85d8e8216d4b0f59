"""The output seam: the format registry, terminal facts, page-by-page text and table colour."""

from __future__ import annotations

import fcntl
import io
import os
import struct
import sys
import termios

import jmespath
import pytest

from esm_cli.output import FORMATS, FORMATTERS, OutputOptions, render, render_pages
from esm_cli.output.terminal import describe

PAGES = [
    {"NextMarker": "m", "EventSourceMappings": [{"UUID": "a", "BatchSize": 1}, {"UUID": "b", "BatchSize": 2}]},
    {"EventSourceMappings": [{"UUID": "c", "BatchSize": 3, "Topics": ["t"]}]},
]


def rendered_pages(options: OutputOptions, next_token: str | None = None) -> str:
    out = io.StringIO()
    render_pages(PAGES, next_token, "ListEventSourceMappings", options, out)
    return out.getvalue()


def test_every_format_is_registered() -> None:
    assert set(FORMATTERS) == set(FORMATS) == {"json", "text", "table", "yaml", "yaml-stream", "off"}


def test_unknown_format_has_awss_wording() -> None:
    with pytest.raises(ValueError, match=r"^Unknown output type: yml$"):
        render({}, "GetEventSourceMapping", OutputOptions(format="yml"), io.StringIO())


def test_text_queries_each_page_then_the_next_token() -> None:
    query = jmespath.compile("EventSourceMappings[0].UUID")
    # Per page, not over the merged list: one line per page, then None for the token object.
    assert rendered_pages(OutputOptions(format="text", query=query), "tok") == "a\nc\nNone\n"
    assert rendered_pages(OutputOptions(format="json", query=query), "tok") == '"a"\n'
    plain = rendered_pages(OutputOptions(format="text"), "tok")
    assert plain == (
        "EVENTSOURCEMAPPINGS\t1\ta\nEVENTSOURCEMAPPINGS\t2\tb\n"
        "EVENTSOURCEMAPPINGS\t3\tc\nTOPICS\tt\nNEXTTOKEN\ttok\n"
    )


def test_off_still_accepts_pages_and_prints_nothing() -> None:
    assert rendered_pages(OutputOptions(format="off"), "tok") == ""


def test_response_metadata_is_dropped_and_input_untouched() -> None:
    data = {"UUID": "u", "LastModified": 0, "ResponseMetadata": {"RequestId": "r"}}
    out = io.StringIO()
    render(data, "GetEventSourceMapping", OutputOptions(format="json", timestamp_format="wire"), out)
    assert out.getvalue() == '{\n    "UUID": "u",\n    "LastModified": 0\n}\n'
    assert data == {"UUID": "u", "LastModified": 0, "ResponseMetadata": {"RequestId": "r"}}


def test_json_keeps_unicode_and_prints_nothing_for_an_empty_object() -> None:
    out = io.StringIO()
    render({"Tags": {"k": "vé"}}, "ListTags", OutputOptions(), out)
    assert out.getvalue() == '{\n    "Tags": {\n        "k": "vé"\n    }\n}\n'
    out = io.StringIO()
    render({}, "UntagResource", OutputOptions(), out)
    assert out.getvalue() == ""
    out = io.StringIO()
    render({"EventSourceMappings": []}, "ListEventSourceMappings", OutputOptions(query=jmespath.compile("EventSourceMappings")), out)
    assert out.getvalue() == "[]\n"


def table(options: OutputOptions) -> str:
    out = io.StringIO()
    render({"UUID": "u", "State": "Enabled"}, "GetEventSourceMapping", options, out)
    return out.getvalue()


def test_table_colour_is_auto_on_a_tty_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # aws-cli v2 does not consult NO_COLOR for tables
    assert "\x1b" not in table(OutputOptions(format="table", color="auto", isatty=False))
    assert "\x1b[1m\x1b[34mEnabled\x1b[0m" in table(OutputOptions(format="table", color="auto", isatty=True))
    assert "\x1b[1m\x1b[34mEnabled\x1b[0m" in table(OutputOptions(format="table", color="on"))
    assert "\x1b" not in table(OutputOptions(format="table", color="off", isatty=True))
    # Written straight to stdout, colorama's autoreset adds ESC[0m after every write; not into a pager.
    assert table(OutputOptions(format="table", color="on")).startswith("-----------------------\n\x1b[0m\x1b[0m|")
    assert table(OutputOptions(format="table", color="on", pager=True)).startswith("-----------------------\n|")


def test_table_turns_vertical_only_past_the_terminal_width() -> None:
    narrow = table(OutputOptions(format="table", terminal_width=20))
    wide = table(OutputOptions(format="table", terminal_width=80))
    # The title alone needs 23 columns: at 20 the one-row section is turned on its side.
    assert narrow.splitlines()[3:5] == ["|  State |  Enabled   |", "|  UUID  |  u         |"]
    assert wide.splitlines()[3:6] == ["|   State   |  UUID   |", "+-----------+---------+", "|  Enabled  |  u      |"]


@pytest.mark.skipif(sys.platform == "win32", reason="no pty")
def test_terminal_facts_come_from_the_stream() -> None:
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("hhhh", 40, 132, 0, 0))
        with open(slave, "w", closefd=False) as tty:
            assert describe(tty) == (True, 132)
    finally:
        os.close(master)
        os.close(slave)
    read, write = os.pipe()
    try:
        with open(write, "w", closefd=False) as pipe:
            assert describe(pipe) == (False, 80)
    finally:
        os.close(read)
        os.close(write)
    assert describe(io.StringIO()) == (False, 80)

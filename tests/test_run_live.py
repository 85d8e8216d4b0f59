"""The live view renders the counters by AWS's names, the lanes in flight and the last batches."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from esm_cli.runner.counters import Counters
from esm_cli.runner.live import LiveView


class _Session:
    def __init__(self, cfg: Any, processor: Any) -> None:
        self.cfg = cfg
        self.processor = processor
        self.source_label = "replay of f.ndjson"


class _Processor:
    def describe_lanes(self) -> list[dict[str, Any]]:
        return [{"Group": "shardId-000000000000", "Pending": 7, "Retries": 2}]


def test_live_view_renders(tmp_path: Path) -> None:
    from esm_cli.runner.config import from_flags

    cfg = from_flags({"FunctionName": "fn", "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s1",
                      "StartingPosition": "TRIM_HORIZON"}, region="us-east-1", account="123456789012")
    counters = Counters(None, cfg.uuid, warn=lambda text: None)
    counters.count("PolledEventCount", 1234)
    counters.count("DroppedEventCount", 3)
    counters.iterator_age(4500)
    out = io.StringIO()
    view = LiveView(None, _Session(cfg, _Processor()), counters, console=Console(file=out, width=120, force_terminal=False))
    with view:
        view.report({"Shard": "shardId-000000000000", "Records": 5, "Result": "failed", "Action": "retrying",
                     "DurationMs": 1.5, "Error": "RuntimeError: boom"})
        view.refresh()
    text = out.getvalue()
    assert "PolledEventCount" in text and "1,234" in text
    assert "OnFailureDestinationDeliveredEventCount" in text and "DeletedEventCount" in text
    assert "IteratorAge" in text and "4.5 s" in text
    assert "shardId-000000000000" in text and "7" in text
    assert "batch 1  shardId-000000000000  5 records  failed  retrying" in text


def test_terminal_runs_use_the_live_view(esm: Any, tmp_path: Path, monkeypatch: Any) -> None:
    # On a terminal (no --output typed) the batches go to the live view, not to lines.
    from esm_cli.output import OutputOptions

    monkeypatch.setattr(OutputOptions, "isatty", True, raising=False)
    path = tmp_path / "r.ndjson"
    path.write_text(json.dumps({"n": 1}) + "\n")
    result = esm("run", "--handler", "support.run_handlers:ok", "--records-file", str(path),
                 "--event-source-arn", "arn:aws:sqs:us-east-1:123456789012:q1")
    assert result.rc == 0, result.stderr
    assert "polled" in result.stdout and "in flight" in result.stdout  # the live view's labels
    assert "batch 1  queue  1 records  ok" in result.stdout
    assert '{"Batch"' not in result.stdout

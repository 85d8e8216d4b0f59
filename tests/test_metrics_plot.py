"""--plot: a PNG that decodes, sized for its panels, one framed panel per metric; SVG; matplotlib missing."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from conftest import SQS_ARN, Esm

from esm_cli.backends.local import metrics_store
from esm_cli.metrics.plot import size_pixels

PERIOD = 300


def seeded(esm: Esm, tmp_path: Path) -> tuple[str, str, str]:
    uuid = esm.ok("create-event-source-mapping", "--function-name", "fn1", "--event-source-arn", SQS_ARN)["UUID"]
    start = (int(time.time()) - 2 * 3600) // 3600 * 3600
    points = []
    for i in range(12):
        t = start + i * PERIOD
        points += [
            ("Invocations", t, 5 + i % 3),
            ("Errors", t, float(i == 4)),
            ("ApproximateAgeOfOldestMessage", t, 10 * i),
        ]
    metrics_store.record_points(str(tmp_path / "state.db"), uuid, points)
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start))
    until = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + 12 * PERIOD))
    return uuid, since, until


def framed_panels(png: Path) -> int:
    """Panels counted in the pixels: each axes' top and bottom frame is a dark row across the plot area."""
    import matplotlib.image

    image = matplotlib.image.imread(str(png))[:, :, :3]
    width = image.shape[1]
    area = image[:, int(width * 0.1) : int(width * 0.95)]
    dark_rows = ((area < 0.3).all(axis=2).mean(axis=1) > 0.9).tolist()
    runs = sum(1 for y, dark in enumerate(dark_rows) if dark and (y == 0 or not dark_rows[y - 1]))
    return runs // 2


def test_png_has_one_panel_per_metric_and_decodes(esm: Esm, tmp_path: Path) -> None:
    uuid, since, until = seeded(esm, tmp_path)
    chart = tmp_path / "chart.png"
    document = esm.ok(
        "metrics", "--uuid", uuid, "--since", since, "--until", until, "--plot", str(chart), "--output", "json"
    )
    panels = len(document["Metrics"])
    assert panels == 7  # 5 function metrics + 2 SQS metrics (MetricsConfig off, nothing recorded for EventCount)

    import matplotlib.image
    from PIL import Image

    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    decoded = matplotlib.image.imread(str(chart))
    assert (decoded.shape[1], decoded.shape[0]) == size_pixels(panels)
    assert framed_panels(chart) == panels
    with Image.open(chart) as image:
        assert image.text["Description"].startswith(f"panels={panels}: Invocations, Errors")

    report = esm("metrics", "--uuid", uuid, "--since", since, "--until", until, "--plot", str(tmp_path / "b.png"))
    assert report.rc == 0 and f"Chart written to {tmp_path / 'b.png'} ({panels} panels)." in report.stdout


def test_svg_is_written(esm: Esm, tmp_path: Path) -> None:
    uuid, since, until = seeded(esm, tmp_path)
    chart = tmp_path / "chart.svg"
    esm.ok("metrics", "--uuid", uuid, "--since", since, "--until", until, "--plot", str(chart), "--output", "json")
    text = chart.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "panels=7: Invocations" in text  # the panel list in the SVG's metadata


def test_without_matplotlib_the_install_command_is_named(
    esm: Esm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    chart = tmp_path / "chart.png"
    # An unknown UUID: exit 252 (not 254) shows the refusal came before the backend was asked.
    result = esm("metrics", "--uuid", "00000000-0000-4000-8000-000000000000", "--plot", str(chart))
    assert result.rc == 252 and result.stdout == ""
    assert "pip install 'esm-cli[plot]'" in result.stderr
    assert not chart.exists()


def test_a_file_that_is_neither_png_nor_svg_is_refused(esm: Esm, tmp_path: Path) -> None:
    result = esm("metrics", "--uuid", "00000000-0000-4000-8000-000000000000", "--plot", str(tmp_path / "c.jpg"))
    assert result.rc == 252 and ".png or .svg" in result.stderr

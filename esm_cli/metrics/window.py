"""--since, --until and --period: the window and granularity of ``esm metrics``.

Everything CloudWatch would refuse or silently answer with nothing is refused here, before
any call, with exit 252 (docs/metrics.md#window-and-period):
- a period is 1, 5, 10 or 30 seconds (high resolution) or a multiple of 60;
- data older than 455 days is gone; a window starting further back than 3 hours, 15 days
  or 63 days needs a period of at least 60, 300 or 3600 seconds (a multiple of it).
With these rules a metric never has more periods than one GetMetricData page holds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from esm_cli.errors import ParamValidationError

HIGH_RESOLUTION = (1, 5, 10, 30)
# (how far back the window starts, in seconds; the period it then needs a multiple of)
RETENTION = ((3 * 3600, 1), (15 * 86400, 60), (63 * 86400, 300), (455 * 86400, 3600))
DEFAULT_SINCE = 3 * 3600
# Default periods, finest first: the first giving at most TARGET_POINTS points is chosen.
NICE_PERIODS = (60, 300, 900, 3600, 6 * 3600, 86400)
TARGET_POINTS = 120

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^(\d+)\s*([smhdw])$", re.IGNORECASE)


@dataclass(frozen=True)
class Window:
    start: float  # epoch seconds, inclusive
    end: float  # epoch seconds, exclusive
    period: int  # seconds


def parse_duration(text: str) -> int | None:
    """``3h`` → 10800; None when ``text`` is not a duration."""
    match = _DURATION.match(text.strip())
    if not match:
        return None
    return int(match[1]) * _UNITS[match[2].lower()]


def parse_instant(text: str, flag: str, now: float) -> float:
    """A duration ago (3h), ``now``, an ISO 8601 timestamp or date, or epoch seconds."""
    value = text.strip()
    ago = parse_duration(value)
    if ago is not None:
        return now - ago
    if value.lower() == "now":
        return now
    if re.fullmatch(r"\d+(\.\d+)?", value) and len(value.split(".")[0]) >= 9:
        return float(value)
    from datetime import datetime, timezone

    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ParamValidationError(
            f"Invalid value for {flag}: {text!r}. Use a duration ago (30m, 3h, 2d), an ISO 8601 timestamp "
            "(2026-05-01T12:00:00Z) or epoch seconds."
        ) from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)  # as the AWS CLI reads a timestamp without offset
    return stamp.timestamp()


def parse_period(text: str) -> int:
    """``5m`` or ``300`` → 300; refuses what CloudWatch refuses."""
    value = text.strip()
    seconds = int(value) if value.isdigit() else parse_duration(value)
    if seconds is None:
        raise ParamValidationError(f"Invalid value for --period: {text!r}. Use seconds (60) or a duration (5m, 1h).")
    if seconds not in HIGH_RESOLUTION and (seconds <= 0 or seconds % 60):
        raise ParamValidationError(
            f"Invalid value for --period: {text!r} is {seconds} seconds. CloudWatch accepts 1, 5, 10, 30 "
            "or a multiple of 60 seconds."
        )
    return seconds


def _needed_multiple(age: float) -> int | None:
    """The period a window starting ``age`` seconds ago must be a multiple of; None beyond retention."""
    for limit, multiple in RETENTION:
        if age <= limit:
            return multiple
    return None


def default_period(start: float, end: float, now: float) -> int:
    needed = _needed_multiple(now - start) or 3600
    for period in NICE_PERIODS:
        if period % needed == 0 and (end - start) / period <= TARGET_POINTS:
            return period
    return NICE_PERIODS[-1]


def parse_window(since: str | None, until: str | None, period: str | None, now: float) -> Window:
    """The window asked for, checked against CloudWatch's limits."""
    start = parse_instant(since, "--since", now) if since else now - DEFAULT_SINCE
    end = parse_instant(until, "--until", now) if until else now
    if end <= start:
        raise ParamValidationError("The window is empty: --until must be later than --since.")
    age = now - start
    needed = _needed_multiple(age)
    if needed is None:
        raise ParamValidationError(
            f"--since reaches {age / 86400:.0f} days back; CloudWatch keeps metric data for 455 days (15 months)."
        )
    seconds = parse_period(period) if period else default_period(start, end, now)
    # Periods start on multiples of the period (whole minutes, hours …), as CloudWatch
    # advises for StartTime/EndTime, so every refresh and every backend buckets alike.
    start, end = math.floor(start / seconds) * seconds, math.ceil(end / seconds) * seconds
    if seconds % needed:
        raise ParamValidationError(
            f"A window starting {_age_text(age)} ago needs a period that is a multiple of {needed} seconds "
            f"(CloudWatch keeps finer data for a shorter time); --period is {seconds} seconds."
        )
    return Window(start=start, end=end, period=seconds)


def _age_text(seconds: float) -> str:
    if seconds >= 86400:
        return f"{seconds / 86400:.1f} days"
    return f"{seconds / 3600:.1f} hours"


def period_text(seconds: int) -> str:
    """300 → ``5m``, for headings."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"

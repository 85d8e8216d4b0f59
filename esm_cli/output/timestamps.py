"""Timestamps as AWS CLI v2 prints them (``cli_timestamp_format``).

v2 turns every modeled timestamp into ``botocore.utils.parse_timestamp(value).isoformat()``.
For the epoch numbers Lambda sends, that is ``datetime.fromtimestamp(value, dateutil.tz.tzlocal())``.
``tzlocal`` is not the system's full zone database: it knows only the two offsets in
``time.timezone``/``time.altzone`` (this year's standard and daylight offsets) and asks
``time.localtime`` whether a moment is in daylight time. So a 2010 timestamp in a zone whose
offset has changed since is printed with today's offset, and the repeated hour at the end of
daylight time follows dateutil's fold rules. ``BotocoreLocalTime`` reproduces exactly that,
so esm prints the same text as ``aws`` without importing dateutil (6-9 ms at every start).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone, tzinfo

from esm_cli import spec
from esm_cli.pretty_json import PrettyJson, scalar, with_scalar

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

_EPOCH = datetime(1970, 1, 1)
_ZERO = timedelta(0)


def _wall_is_dst(wall: datetime) -> bool:
    """Whether ``time.localtime`` calls a wall-clock time (read as standard time) daylight time."""
    seconds = (wall.replace(tzinfo=None) - _EPOCH).total_seconds()
    return bool(time.localtime(seconds + time.timezone).tm_isdst)


class BotocoreLocalTime(tzinfo):
    """The local zone with the semantics of ``dateutil.tz.tzlocal`` (see the module docstring)."""

    def __init__(self) -> None:
        self._std = timedelta(seconds=-time.timezone)
        self._dst = timedelta(seconds=-time.altzone) if time.daylight else self._std
        self._saved = self._dst - self._std

    def _ambiguous(self, wall: datetime) -> bool:
        # The wall time is standard time now but was daylight time one "saved" interval ago.
        is_dst = _wall_is_dst(wall)
        return not is_dst and is_dst != _wall_is_dst(wall - self._saved)

    def _isdst(self, wall: datetime) -> bool:
        if not self._saved:
            return False
        if self._ambiguous(wall):
            return not wall.fold
        return _wall_is_dst(wall)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return self._dst if dt is not None and self._isdst(dt) else self._std

    def dst(self, dt: datetime | None) -> timedelta:
        return self._saved if dt is not None and self._isdst(dt) else _ZERO

    def tzname(self, dt: datetime | None) -> str:
        return time.tzname[1 if dt is not None and self._isdst(dt) else 0]

    def fromutc(self, dt: datetime) -> datetime:
        # Standard time first, then the daylight saving of that moment (asked "in the fold"),
        # and finally mark the second of two identical wall times, as dateutil does.
        standard = dt + (self.utcoffset(dt) - self.dst(dt))
        wall = standard + self.dst(standard.replace(fold=1))
        fold = 0
        if self._ambiguous(wall):
            fold = int(wall.replace(tzinfo=None) - dt.replace(tzinfo=None) == self.utcoffset(dt) - self.dst(dt))
        return wall.replace(fold=fold)


def _local_zone() -> tzinfo:
    """BotocoreLocalTime, or (a zone without daylight saving, e.g. UTC in CI) the one fixed offset it
    always gives: the same text, seven times faster, which a listing of 100,000 mappings notices."""
    if not time.daylight:
        return timezone(timedelta(seconds=-time.timezone))
    return BotocoreLocalTime()


def iso_timestamp(value: Any) -> Any:
    """A timestamp as AWS CLI v2 prints it: ISO 8601 in the local time zone.

    Epoch numbers (and numeric strings) go through ``fromtimestamp`` like botocore; ISO
    strings are normalised through ``datetime.fromisoformat``; anything else is left alone.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return datetime.fromtimestamp(value.timestamp(), BotocoreLocalTime()).isoformat()
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, _local_zone()).isoformat()
    if isinstance(value, str):
        try:
            return datetime.fromtimestamp(float(value), BotocoreLocalTime()).isoformat()
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
        except ValueError:
            return value
    return value


def _iso_converter() -> Any:
    """``iso_timestamp`` with the local zone looked up once, for the many timestamps of one response.

    Epoch numbers (what Lambda sends) take the shortest way; the zone is resolved per call of
    ``convert_timestamps``, so a TZ changed between two responses is still followed.
    """
    zone = _local_zone()
    if isinstance(zone, timezone):
        return _fixed_offset_converter(zone)
    fromtimestamp = datetime.fromtimestamp

    def convert(value: Any) -> Any:
        kind = type(value)
        if kind is float or kind is int:
            return fromtimestamp(value, zone).isoformat()
        return iso_timestamp(value)

    return convert


_TWO_DIGITS = tuple(str(100 + n)[1:] for n in range(60))  # "00".."59": cheaper than formatting each
_DATES: dict[int, str] = {}  # days since the epoch -> "YYYY-MM-DDT"
_CLOCK: list[tuple[str, ...]] = []


def _clock_texts() -> tuple[str, ...]:
    """The text ``HH:MM:`` of each minute of a day, made once."""
    if not _CLOCK:
        _CLOCK.append(tuple(f"{hour:02d}:{minute:02d}:" for hour in range(24) for minute in range(60)))
    return _CLOCK[0]


def _date_text(day: int) -> str:
    if len(_DATES) >= 4096:
        _DATES.clear()  # timestamps spread over many years would otherwise fill it for good
    text = _DATES[day] = (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%dT")
    return text


_LAST_SECOND = 253402214400  # 9999-12-31T00:00:00Z: a day's margin below datetime's own limit


def _fixed_offset_converter(zone: timezone) -> Any:
    """``fromtimestamp(value, zone).isoformat()`` for a zone of one fixed offset, by arithmetic.

    A listing converts one timestamp per mapping; building a datetime for each cost more than
    decoding the mapping. The text is the same: the seconds and microseconds are split as
    datetime splits them (the exact fraction, its microseconds rounded half to even, a carry
    into the next second), the date is looked up per day, and the offset written as
    ``isoformat`` writes it. Numbers outside [0, year 9999) go through datetime itself (tests
    compare the two).
    """
    offset = int(zone.utcoffset(None).total_seconds())
    suffix = datetime(2000, 1, 1, tzinfo=zone).isoformat()[19:]  # "+00:00", "-05:30"
    clock = _clock_texts()

    def convert(value: Any) -> Any:
        kind = type(value)
        if (kind is float or kind is int) and 0 <= value < _LAST_SECOND:
            whole = int(value)
            micro = round((value - whole) * 1e6)  # value - whole is modf's exact fraction
            if micro >= 1_000_000:
                micro -= 1_000_000
                whole += 1
            day, second = divmod(whole + offset, 86400)
            minute, second = divmod(second, 60)
            date = _DATES.get(day) or _date_text(day)
            if micro:
                return date + clock[minute] + _TWO_DIGITS[second] + "." + str(1_000_000 + micro)[1:] + suffix
            return date + clock[minute] + _TWO_DIGITS[second] + suffix
        if kind is float or kind is int:
            return datetime.fromtimestamp(value, zone).isoformat()
        return iso_timestamp(value)

    return convert


def wire_timestamp(value: Any) -> Any:
    """A timestamp as the service sent it; datetimes (from boto3) become epoch numbers."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.timestamp()
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc).timestamp()
    return value


def convert_timestamps(data: Any, shape_name: str, timestamp_format: str) -> Any:
    """A copy of ``data`` with every modeled timestamp printed per ``timestamp_format``.

    ``iso8601`` (v2's default) gives ISO strings; ``wire`` (or ``none``) keeps the epoch
    numbers. Unknown shapes (commands outside the snapshot) are returned unchanged.
    """
    convert = wire_timestamp if timestamp_format in ("wire", "none") else _iso_converter()
    paths = _PATHS.get(shape_name)
    if paths is None:
        try:
            paths = _PATHS[shape_name] = spec.timestamp_paths(shape_name)
        except KeyError:
            return data
    if not paths:
        return data
    for path in paths:
        data = _converted(data, path, convert)
    return data


# Timestamp paths by shape: the model does not change, and a listing asks once per page.
_PATHS: dict[str, list[tuple[str, ...]]] = {}


def _converted_text(written: PrettyJson, leaf: str, convert: Any) -> PrettyJson:
    """A mapping still in its stored text with its timestamp ``leaf`` converted as ``_converted``
    converts a decoded one's: a member that is absent, null, or written over several lines (an
    object or a list, which no converter changes) stays as it is."""
    found = scalar(written, leaf)
    if found is None or found[0] is None:
        return written
    value, start, end = found
    text = convert(value)
    return written if text is value else with_scalar(written, start, end, text)


def _converted(node: Any, path: tuple[str, ...], convert: Any) -> Any:
    """``node`` with the timestamp at ``path`` converted: the containers on the way are copied (so
    callers keep theirs intact), the rest is shared, which keeps a long listing cheap."""
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node, list) and len(rest) == 1:
            # A timestamp member of each item (LastModified of every mapping): one loop, no call per item.
            leaf = rest[0]
            return [
                {**child, leaf: convert(child[leaf])}
                if isinstance(child, dict) and child.get(leaf) is not None
                else (_converted_text(child, leaf, convert) if type(child) is PrettyJson else child)
                for child in node
            ]
        if isinstance(node, list) and rest:
            return [_converted(child, rest, convert) for child in node]
        return node
    if not isinstance(node, dict) or head not in node:
        return node
    if rest:
        return {**node, head: _converted(node[head], rest, convert)}
    if node[head] is None:
        return node
    return {**node, head: convert(node[head])}

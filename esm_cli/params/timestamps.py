"""Timestamp values: what botocore accepts for a ``timestamp`` member, and what goes on the wire.

botocore tries ``float(value)`` as epoch seconds first, then ``dateutil.parser.parse``. We use
the standard library only (dateutil costs startup time), and accept these forms, which give the
same instant botocore computes (checked against it in the tests):

* epoch seconds: anything ``float()`` takes (``1704164645``, ``1704164645.9``, ``1e9``, `` -1 ``);
* ISO 8601 dates and times: ``2024-01-02``, ``2024-1-2``, ``2024-01-02T03:04:05Z``,
  ``2024-01-02 03:04:05``, ``2024-01-02T03:04``, fractions (``.9``/``,9``, digits past the
  sixth are dropped), offsets ``Z``/``+02:00``/``+0200``/``+02``/``UTC``/``GMT`` (a space before
  the offset is fine), the basic form ``20240102T030405Z``;
* RFC 822/1123 dates: ``Tue, 02 Jan 2024 03:04:05 GMT``, ``02 Jan 2024 03:04 +0100``.

Naive times are UTC (botocore's rule, not local time). dateutil's free-form dates
(``Jan 2 2024``, ``2024/01/02``) are not accepted.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone

from esm_cli.lazy_regex import LazyRegex

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

_ZONE = r"(?:\s*(?P<zone>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?"
_TIME = r"(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?"
_ISO = LazyRegex(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    rf"(?:[Tt ]{_TIME}{_ZONE})?",
    re.ASCII,
)
_ISO_BASIC = LazyRegex(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})[Tt]"
    r"(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?(?:[.,](?P<fraction>\d+))?" + _ZONE,
    re.ASCII,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RFC822 = LazyRegex(
    r"(?:[A-Za-z]{3},?\s+)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3})\s+(?P<year>\d{4})\s+"
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s+(?P<zone>GMT|UTC|UT|Z|[+-]\d{4}))?",
    re.ASCII,
)


def parse_datetime(value: Any) -> datetime:
    """An aware UTC datetime for a timestamp value; ValueError when botocore would reject it.

    Takes a datetime (naive means UTC), an int/float (epoch seconds) or a string.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
    if isinstance(value, (int, float)):  # bool included, as in botocore (True is 1970-01-01T00:00:01)
        try:
            seconds = float(value)
        except OverflowError:  # an int beyond float range
            raise ValueError(f"Invalid timestamp {value!r}: out of range") from None
        return _from_epoch(seconds, value)
    if not isinstance(value, str):
        raise ValueError(f"Invalid timestamp {value!r}")
    try:
        seconds = float(value)
    except ValueError:
        return _from_text(value.strip(), value)
    return _from_epoch(seconds, value)


def parse_timestamp(value: str) -> float:
    """Epoch seconds (with fraction) for any accepted timestamp form; ValueError otherwise."""
    return (parse_datetime(value) - _EPOCH) / timedelta(seconds=1)


def to_epoch_seconds(value: Any) -> int:
    """What the AWS CLI sends for a timestamp in a rest-json body: whole epoch seconds.

    botocore uses ``calendar.timegm(dt.timetuple())``: the fraction is dropped, which for
    instants before 1970 means rounding down, not towards zero.
    """
    moment = parse_datetime(value)
    return (moment.replace(microsecond=0) - _EPOCH) // timedelta(seconds=1)


def _from_epoch(seconds: float, original: Any) -> datetime:
    if not math.isfinite(seconds):
        raise ValueError(f"Invalid timestamp {original!r}")
    try:
        # timedelta rounds to the microsecond (half to even) like datetime.fromtimestamp.
        return _EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        raise ValueError(f"Invalid timestamp {original!r}: out of range") from None


def _from_text(text: str, original: str) -> datetime:
    match = _ISO.fullmatch(text) or _ISO_BASIC.fullmatch(text)
    if match:
        fields = match.groupdict()
        month = int(fields["month"])
    else:
        match = _RFC822.fullmatch(text)
        if not match:
            raise ValueError(f"Invalid timestamp {original!r}")
        fields = match.groupdict()
        name = fields["month"].lower()
        if name not in _MONTHS:
            raise ValueError(f"Invalid timestamp {original!r}: unknown month")
        month = _MONTHS.index(name) + 1
    fraction = (fields.get("fraction") or "")[:6].ljust(6, "0")  # dateutil keeps microseconds only
    try:
        moment = datetime(
            int(fields["year"]),
            month,
            int(fields["day"]),
            int(fields["hour"] or 0),
            int(fields["minute"] or 0),
            int(fields["second"] or 0),
            int(fraction),
            tzinfo=_zone(fields["zone"]),
        ).astimezone(timezone.utc)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"Invalid timestamp {original!r}: {error}") from None
    return moment


def _zone(text: str | None) -> timezone:
    if text is None or text.upper() in ("Z", "UTC", "GMT", "UT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    # timezone() itself refuses offsets of 24 hours or more, as dateutil does.
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def to_wire(request: dict[str, Any], input_shape: str) -> dict[str, Any]:
    """A copy of ``request`` with every timestamp member as integer epoch seconds.

    Keys keep their order (the body is serialised in this order). Raises ParamValidationError
    with botocore's line for a timestamp that does not parse (normally caught earlier by
    validate_client_side).
    """
    return _wire(request, input_shape, "")  # type: ignore[no-any-return]


def _wire(value: Any, shape_name: str, name: str) -> Any:
    from esm_cli import (
        spec,  # the spec loads the snapshot; timestamp parsing alone does not need it
    )

    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "timestamp":
        try:
            return to_epoch_seconds(value)
        except ValueError:
            from esm_cli.params.client_validation import invalid_timestamp_error

            raise invalid_timestamp_error(value, name) from None
    if kind == "structure" and isinstance(value, dict):
        members = entry["members"]
        return {
            key: _wire(item, members[key]["shape"], f"{name}.{key}") if key in members else item
            for key, item in value.items()
        }
    if kind == "list" and isinstance(value, (list, tuple)):
        return [_wire(item, entry["member"], f"{name}[{index}]") for index, item in enumerate(value)]
    if kind == "map" and isinstance(value, dict):
        return {key: _wire(item, entry["value"], f"{name}.{key}") for key, item in value.items()}
    return value

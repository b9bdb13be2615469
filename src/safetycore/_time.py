"""Instants as integers: the one place where datetimes enter and leave safetycore.

Inside the library an instant is an ``int`` of microseconds since 1970-01-01T00:00Z (UTC), so
that arithmetic is exact and comparisons are cheap. This module converts aware datetimes to
that form (rejecting naive ones), converts back to ``pendulum.DateTime`` in a given zone, and
resolves local wall-clock times with the documented DST rule (see ``docs/calendar.md``):

- a wall-clock time in a DST gap is shifted forward by the length of the gap (02:30 -> 03:30),
  RFC 5545's and Temporal's "compatible" disambiguation;
- a wall-clock time in a DST fold takes the earlier of its two occurrences.

Both follow from PEP 495 with ``fold=0``, which is what this module relies on.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Final

import pendulum
from pendulum.tz.timezone import Timezone

from safetycore.errors import InputTypeError, NaiveDatetimeError, UnknownTimeZoneError

US_PER_SECOND: Final = 1_000_000
US_PER_DAY: Final = 86_400 * US_PER_SECOND

EPOCH: Final = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)

# Calling the base-class operators directly keeps pendulum's subclasses on the fast C path
# (``pendulum.DateTime - datetime`` would build a pendulum Interval).
_sub = _dt.datetime.__sub__
_add = _dt.datetime.__add__
_timedelta = _dt.timedelta
_datetime = _dt.datetime
_DateTime = pendulum.DateTime


def zone_named(name: object, *, field: str = "zone") -> Timezone:
    """Return the IANA time zone called ``name``, or raise ``UnknownTimeZoneError``."""
    if not isinstance(name, str):
        raise InputTypeError("must be an IANA time zone name (str)", field=field, value=name)
    try:
        return pendulum.timezone(name)
    except Exception as error:  # pendulum raises several types for unknown or malformed names
        raise UnknownTimeZoneError(
            "is not an IANA time zone name", field=field, value=name
        ) from error


def to_micros(value: Any, field: str) -> int:
    """Return the aware datetime ``value`` as microseconds since the epoch (UTC).

    Raises ``NaiveDatetimeError`` for a naive datetime and ``InputTypeError`` for anything
    that is not a datetime. ``field`` names the argument in the error.
    """
    try:
        delta = _sub(value, EPOCH)
    except ValueError:  # pandas' NaT is a datetime whose arithmetic raises
        raise InputTypeError(
            "must be an aware datetime, not a missing value", field=field, value=value
        ) from None
    except TypeError:
        if isinstance(value, _datetime) and value != value:  # only NaT is unequal to itself
            raise InputTypeError(
                "must be an aware datetime, not a missing value", field=field, value=value
            ) from None
        if isinstance(value, _datetime):
            raise NaiveDatetimeError(
                "is naive; give an aware datetime (with tzinfo)", field=field, value=value
            ) from None
        raise InputTypeError("must be an aware datetime", field=field, value=value) from None
    return (delta.days * 86_400 + delta.seconds) * US_PER_SECOND + delta.microseconds


def from_micros(micros: int, zone: Timezone) -> pendulum.DateTime:
    """Return the instant ``micros`` (microseconds since the epoch) in ``zone``."""
    local = _add(EPOCH, _timedelta(microseconds=micros)).astimezone(zone)
    return _DateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=zone,
        fold=local.fold,
    )


def local_to_micros(day_ordinal: int, offset_us: int, zone: Timezone) -> int:
    """Return the instant of wall-clock time ``offset_us`` after local midnight of a date.

    ``day_ordinal`` is ``date.toordinal()``; ``offset_us`` may exceed a day (a shift's end on
    the next date). Gaps shift forward and folds take the earlier occurrence (module docstring).
    """
    days, in_day = divmod(offset_us, US_PER_DAY)
    naive = _datetime.fromordinal(day_ordinal + days) + _timedelta(microseconds=in_day)
    return to_micros(naive.replace(tzinfo=zone), "local time")


def local_date_ordinal(micros: int, zone: Timezone) -> int:
    """Return the ordinal of the local date (in ``zone``) on which the instant ``micros`` falls."""
    return _add(EPOCH, _timedelta(microseconds=micros)).astimezone(zone).toordinal()


def local_wall_offset(value: _dt.datetime, zone: Timezone) -> tuple[int, int]:
    """Return ``(date ordinal, microseconds since local midnight)`` of ``value`` in ``zone``."""
    local = value.astimezone(zone)
    offset = (
        (local.hour * 60 + local.minute) * 60 + local.second
    ) * US_PER_SECOND + local.microsecond
    return local.toordinal(), offset


def aware(value: object, field: str) -> _dt.datetime:
    """``value`` itself if it is an aware datetime; ISO 8601 text with an offset is parsed.

    Raises ``NaiveDatetimeError`` or ``InputTypeError`` naming ``field`` otherwise; for
    text, the error's value is the text as given (``'2026-01-01T00:00:00'``), not what it
    parsed to.
    """
    if isinstance(value, str):
        text = value
        try:
            value = _datetime.fromisoformat(text)
        except ValueError:
            raise InputTypeError("is not an ISO 8601 instant", field=field, value=text) from None
        if value.utcoffset() is None:
            raise NaiveDatetimeError(
                "has no UTC offset (write one, as in 2026-01-01T00:00:00-06:00)",
                field=field,
                value=text,
            )
    to_micros(value, field)  # raises for naive and non-datetime values
    assert isinstance(value, _datetime)
    return value

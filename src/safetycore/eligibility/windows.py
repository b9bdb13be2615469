"""Lengths of time for date windows: exact hours, calendar days, business days and hours.

"Reported within 48 hours of the end of the booking" and "care within 30 days of the
incident" are windows: a length measured from an anchor. Each length knows how to add itself
to an anchor (:meth:`after`), with the same rules as the SLA calendars (``docs/calendar.md``):

- :func:`hours` is elapsed time: 48 hours across a DST change is 48 real hours, so the wall
  clock may read 47 or 49 hours later. It needs an aware datetime anchor.
- :func:`days` is calendar days: a date plus *n* days, or the same local wall-clock time *n*
  days later in the anchor's own zone (a time the target day lacks is shifted forward by the
  DST gap; one it has twice takes the earlier).
- :func:`business_days` counts the business days of a :class:`~safetycore.sla.Calendar`
  after the anchor's local date (same wall-clock time; a date anchor gives a date).
- :func:`business_hours` adds open time of a calendar to an aware datetime anchor.

The window is closed at both ends: an event exactly at the deadline is within it.

>>> import datetime as dt
>>> days(30).after(dt.date(2026, 1, 31))
datetime.date(2026, 3, 2)
>>> hours(48).describe()
'48 hours'
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from safetycore._config import instance_of
from safetycore.eligibility.parameters import Param, Parameter, resolve
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
)
from safetycore.sla import Calendar

__all__ = ["Length", "Unit", "business_days", "business_hours", "days", "hours"]

_UTC = _dt.UTC
_add = _dt.datetime.__add__


class Unit(enum.Enum):
    """What a :class:`Length` counts."""

    HOURS = "hours"
    DAYS = "days"
    BUSINESS_DAYS = "business days"
    BUSINESS_HOURS = "business hours"


# The longest window that can end inside years 1 to 9999 (date.max - date.min, in days).
_MOST_DAYS = 3_652_058


def _check_amount(_: object, attribute: Any, value: Any) -> None:
    if isinstance(value, Param):
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputTypeError("must be an int or a Param", field=attribute.name, value=value)
    if value < 0:
        raise InvalidArgumentError("must not be negative", field=attribute.name, value=value)
    if value > _MOST_DAYS * 24:
        raise InvalidArgumentError(
            "is longer than any window inside years 1 to 9999", field=attribute.name, value=value
        )


def _check_calendar(_: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Calendar):
        raise InputTypeError("must be a Calendar or None", field=attribute.name, value=value)


@attrs.frozen
class Length:
    """A length of time of some :class:`Unit`, possibly a policy :class:`Param`.

    Build one with :func:`hours`, :func:`days`, :func:`business_days` or
    :func:`business_hours`.
    """

    amount: int | Param = attrs.field(validator=_check_amount)
    unit: Unit = attrs.field(validator=instance_of(Unit))
    calendar: Calendar | None = attrs.field(default=None, validator=_check_calendar)

    def __attrs_post_init__(self) -> None:
        needs = self.unit in (Unit.BUSINESS_DAYS, Unit.BUSINESS_HOURS)
        if needs and not isinstance(self.calendar, Calendar):
            raise InputTypeError(
                f"{self.unit.value} need a Calendar", field="calendar", value=self.calendar
            )
        counts_days = self.unit in (Unit.DAYS, Unit.BUSINESS_DAYS)
        if counts_days and isinstance(self.amount, int) and self.amount > _MOST_DAYS:
            raise InvalidArgumentError(
                "is longer than any window inside years 1 to 9999",
                field="amount",
                value=self.amount,
            )

    def resolved(self, parameters: Mapping[str, Parameter]) -> Length:
        """The length with a :class:`Param` amount replaced by its value."""
        amount = resolve(self.amount, parameters)
        return self if amount is self.amount else attrs.evolve(self, amount=amount)

    def describe(self) -> str:
        """Plain-language length, such as ``"48 hours"`` or ``"10 business days"``."""
        amount = self.amount.name if isinstance(self.amount, Param) else self.amount
        unit = self.unit.value
        if amount == 1:
            unit = unit[:-1]
        return f"{amount} {unit}"

    def after(self, anchor: _dt.date) -> _dt.date:
        """The instant or date this length after ``anchor`` (the window's inclusive end).

        A datetime anchor gives a datetime in the anchor's zone; a date anchor gives a date.
        Raises ``InputTypeError`` for an unresolved :class:`Param`, a naive datetime, or a
        date anchor where the unit needs a time of day (hours, business hours).
        """
        n = self.amount
        if isinstance(n, Param):
            raise InputTypeError("must be resolved first", field="amount", value=n)
        if not isinstance(anchor, _dt.date):
            raise InputTypeError(
                "must be a date or an aware datetime", field="anchor", value=anchor
            )
        try:
            return self._after(anchor, n)
        except OverflowError:
            raise OutOfRangeError(
                f"{self.describe()} after it falls outside years 1 to 9999",
                field="anchor",
                value=anchor,
            ) from None

    def _after(self, anchor: _dt.date, n: int) -> _dt.date:
        if isinstance(anchor, _dt.datetime):
            return self._after_instant(anchor, n)
        if self.unit is Unit.DAYS:
            return anchor + _dt.timedelta(days=n)
        if self.unit is Unit.BUSINESS_DAYS:
            calendar = self.calendar
            assert calendar is not None
            noon = _dt.datetime.combine(anchor, _dt.time(12), tzinfo=calendar.tz)
            return calendar.add_business_days(noon, n).date()
        raise InputTypeError(
            f"a window of {self.unit.value} needs a datetime anchor, not a date",
            field="anchor",
            value=anchor,
        )

    def _after_instant(self, anchor: _dt.datetime, n: int) -> _dt.datetime:
        if anchor.utcoffset() is None:
            raise NaiveDatetimeError("must be time-zone aware", field="anchor", value=anchor)
        unit = self.unit
        if unit is Unit.DAYS:
            # Wall-clock arithmetic with fold=0, then through UTC: a time in a gap moves
            # forward by the gap and a time in a fold takes the earlier occurrence.
            wall = _add(anchor, _dt.timedelta(days=n)).replace(fold=0)
            return wall.astimezone(_UTC).astimezone(anchor.tzinfo)
        if unit is Unit.HOURS:
            utc = anchor.astimezone(_UTC) + _dt.timedelta(hours=n)
            return utc.astimezone(anchor.tzinfo)
        calendar = self.calendar
        assert calendar is not None
        if unit is Unit.BUSINESS_HOURS:
            return calendar.add(anchor, _dt.timedelta(hours=n))
        return calendar.add_business_days(anchor, n)


def hours(n: int | Param) -> Length:
    """Exactly ``n`` elapsed hours (needs an aware datetime anchor)."""
    return Length(n, Unit.HOURS)


def days(n: int | Param) -> Length:
    """``n`` calendar days: the same local date-and-time ``n`` days later."""
    return Length(n, Unit.DAYS)


def business_days(n: int | Param, calendar: Calendar) -> Length:
    """``n`` business days of ``calendar`` after the anchor's local date."""
    return Length(n, Unit.BUSINESS_DAYS, calendar)


def business_hours(n: int | Param, calendar: Calendar) -> Length:
    """``n`` hours of ``calendar``'s open time after an aware datetime anchor."""
    return Length(n, Unit.BUSINESS_HOURS, calendar)

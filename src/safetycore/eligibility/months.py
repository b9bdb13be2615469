"""Exact calendar-month arithmetic over ``datetime.date``: no clock, no time zone, no guessing.

Contract:

- Every argument that is a date must be a ``datetime.date`` (a ``pendulum.Date`` is one too);
  a ``datetime.datetime`` is refused with ``InputTypeError`` even though it subclasses
  ``date``, because its time of day would be silently dropped. Results are plain ``date`` objects.
- ``add_months`` clamps to the end of the target month when the day does not exist there
  (January 31 plus one month is February 28, or 29 in a leap year).
- ``one_month_after`` is the last day of a one-month period that starts on a date, as the
  orientation-period rule of 29 CFR 2590.715-2708(c)(3)(iii) measures it: add one calendar
  month and subtract one calendar day, except that when the next month has no corresponding
  date the period ends on the last day of the next month. January 30, 2026 therefore gives
  February 28, not February 27 (which adding a clamped month and then subtracting a day, as
  ``pendulum.Date.add(months=1).subtract(days=1)`` does, would give).
- A result outside ``date.min`` .. ``date.max`` raises ``OutOfRangeError``.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from safetycore.errors import InputTypeError, OutOfRangeError

__all__ = [
    "add_months",
    "days_between",
    "first_of_month_after",
    "first_of_month_on_or_after",
    "one_month_after",
]

_DAY = timedelta(days=1)


def _require_date(value: object, field: str) -> date:
    """``value`` as a plain ``date``; a ``datetime`` or anything else raises ``InputTypeError``."""
    # datetime subclasses date: test for it first, or its time of day would be dropped silently.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InputTypeError("must be a date (not a datetime)", field=field, value=value)
    return date(value.year, value.month, value.day)


def _require_int(value: object, field: str) -> int:
    """``value`` if it is an ``int``; ``bool`` (an ``int`` subclass) raises ``InputTypeError``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputTypeError("must be an int", field=field, value=value)
    return value


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_month(year: int, month: int, months: int, field: str, value: object) -> tuple[int, int]:
    """The (year, month) ``months`` calendar months after ``year``-``month``."""
    new_year, new_month0 = divmod(year * 12 + (month - 1) + months, 12)
    if not date.min.year <= new_year <= date.max.year:
        raise OutOfRangeError(
            f"the result would fall in year {new_year}, outside years 1 to 9999",
            field=field,
            value=value,
        )
    return new_year, new_month0 + 1


def _plus_days(day: date, days: int, field: str) -> date:
    """``day + days``, with ``OutOfRangeError`` (naming ``field``) past ``date.max``."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise OutOfRangeError(
            f"{days} days from it falls outside years 1 to 9999", field=field, value=day
        ) from None


def add_months(day: date, months: int) -> date:
    """The date ``months`` calendar months after ``day`` (before it when negative).

    The day of the month is kept when the target month has it, and clamped to the target
    month's last day otherwise.

    Args:
        day: the starting date (not a ``datetime``).
        months: whole calendar months to add; negative moves back.

    Returns:
        The shifted date.

    Raises:
        InputTypeError: ``day`` is not a date (or is a datetime), or ``months`` is not an int.
        OutOfRangeError: the result would fall outside years 1 to 9999.

    >>> add_months(date(2025, 1, 31), 1), add_months(date(2024, 1, 31), 1)
    (datetime.date(2025, 2, 28), datetime.date(2024, 2, 29))
    >>> add_months(date(2025, 12, 15), 1), add_months(date(2025, 3, 31), -1)
    (datetime.date(2026, 1, 15), datetime.date(2025, 2, 28))
    """
    start = _require_date(day, "day")
    count = _require_int(months, "months")
    year, month = _shift_month(start.year, start.month, count, "months", months)
    return date(year, month, min(start.day, _days_in_month(year, month)))


def one_month_after(day: date) -> date:
    """The last day of the one-month period that starts on ``day`` (both days inclusive).

    Per 29 CFR 2590.715-2708(c)(3)(iii): add one calendar month and subtract one calendar
    day; if the next month has no date corresponding to ``day``, the period ends on the last
    day of the next month instead. So the month is never cut short by clamping first and
    subtracting afterwards: January 30, 2026 gives February 28, not February 27.

    Args:
        day: the first day of the period (not a ``datetime``).

    Returns:
        The period's last day: on or after ``day`` and at most 30 days later.

    Raises:
        InputTypeError: ``day`` is not a date, or is a datetime.
        OutOfRangeError: the period would end after December 31, 9999.

    >>> one_month_after(date(2025, 5, 3)), one_month_after(date(2025, 10, 1))
    (datetime.date(2025, 6, 2), datetime.date(2025, 10, 31))
    >>> one_month_after(date(2026, 1, 30)), one_month_after(date(2028, 1, 30))
    (datetime.date(2026, 2, 28), datetime.date(2028, 2, 29))
    >>> one_month_after(date(2028, 1, 29)), one_month_after(date(2025, 8, 31))
    (datetime.date(2028, 2, 28), datetime.date(2025, 9, 30))
    """
    start = _require_date(day, "day")
    year, month = _shift_month(start.year, start.month, 1, "day", day)
    last = _days_in_month(year, month)
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - _DAY


def first_of_month_on_or_after(day: date) -> date:
    """``day`` itself if it is the first of a month, else the first day of the next month.

    Raises:
        InputTypeError: ``day`` is not a date, or is a datetime.
        OutOfRangeError: the answer would be after December 31, 9999.

    >>> first_of_month_on_or_after(date(2025, 3, 1)), first_of_month_on_or_after(date(2025, 3, 2))
    (datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))
    """
    start = _require_date(day, "day")
    if start.day == 1:
        return start
    return first_of_month_after(start)


def first_of_month_after(day: date) -> date:
    """The first day of the first calendar month that begins strictly after ``day``.

    This is always the first day of the month after ``day``'s month, even when ``day`` is
    itself the first of its month (a month that begins on ``day`` does not begin after it).

    Raises:
        InputTypeError: ``day`` is not a date, or is a datetime.
        OutOfRangeError: the answer would be after December 31, 9999.

    >>> first_of_month_after(date(2025, 3, 1)), first_of_month_after(date(2025, 12, 31))
    (datetime.date(2025, 4, 1), datetime.date(2026, 1, 1))
    """
    start = _require_date(day, "day")
    year, month = _shift_month(start.year, start.month, 1, "day", day)
    return date(year, month, 1)


def days_between(start: date, end: date) -> int:
    """The number of days from ``start`` to ``end``: ``(end - start).days``, negative if before.

    Counted the way "a coverage start 90 days after eligibility" counts: the start day is day
    0, so two consecutive dates are 1 day apart.

    Raises:
        InputTypeError: either argument is not a date, or is a datetime.

    >>> days_between(date(2025, 1, 19), date(2025, 4, 19))
    90
    """
    first = _require_date(start, "start")
    last = _require_date(end, "end")
    return (last - first).days

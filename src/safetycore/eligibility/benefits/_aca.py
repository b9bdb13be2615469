"""ACA full-time status (26 CFR 54.4980H-1(a)(21), 54.4980H-3)."""

from __future__ import annotations

from decimal import Decimal

from safetycore.errors import InputTypeError, InvalidArgumentError

__all__ = ["is_full_time_monthly", "is_full_time_weekly"]

_FULL_TIME_WEEKLY_HOURS = 30  # 26 CFR 54.4980H-1(a)(21)
_FULL_TIME_MONTHLY_HOURS = 130  # 26 CFR 54.4980H-1(a)(21): the monthly equivalent of 30 a week


def _require_hours(value: object, field: str) -> int | Decimal:
    """``value`` as hours: an int or a finite, non-negative Decimal."""
    # A float cannot hold 29.9 exactly, and bool is an int subclass that means nothing here.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputTypeError("must be an int or a Decimal (not a float)", field=field, value=value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidArgumentError("must be a finite number", field=field, value=value)
    if value < 0:
        raise InvalidArgumentError("must not be negative", field=field, value=value)
    return value


def is_full_time_weekly(hours_per_week: int | Decimal) -> bool:
    """Whether an average of ``hours_per_week`` hours of service a week is full time.

    Full time is at least 30 hours of service per week on average (26 CFR
    54.4980H-1(a)(21)); how the average is measured is 26 CFR 54.4980H-3.

    Raises:
        InputTypeError: a float, a bool or anything but an int or Decimal.
        InvalidArgumentError: a negative or non-finite value.

    >>> is_full_time_weekly(30), is_full_time_weekly(Decimal("29.9"))
    (True, False)
    """
    return _require_hours(hours_per_week, "hours_per_week") >= _FULL_TIME_WEEKLY_HOURS


def is_full_time_monthly(hours_in_month: int | Decimal) -> bool:
    """Whether ``hours_in_month`` hours of service in one calendar month is full time.

    130 hours of service in a calendar month is the monthly equivalent of 30 a week (26 CFR
    54.4980H-1(a)(21)).

    Raises:
        InputTypeError: a float, a bool or anything but an int or Decimal.
        InvalidArgumentError: a negative or non-finite value.

    >>> is_full_time_monthly(130), is_full_time_monthly(Decimal("129.99"))
    (True, False)
    """
    return _require_hours(hours_in_month, "hours_in_month") >= _FULL_TIME_MONTHLY_HOURS

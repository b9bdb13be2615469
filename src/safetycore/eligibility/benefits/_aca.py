"""ACA full-time status, monthly and by the look-back measurement method (26 CFR 54.4980H-3).

Periods of months are counted as the orientation-period rule counts one month (29 CFR
2590.715-2708(c)(3)(iii), ``safetycore.eligibility.months.one_month_after``): a period of
``n`` months starting on day ``d`` ends the day before day ``d`` of the ``n``-th month after,
or on that month's last day when it has no day ``d``. The 4980H regulations let a month
run from a day after the 1st to the day before it in the next month (March 15 to April 14)
without saying how one starting on the 31st ends; the month-end rule is this library's
choice. Days are calendar days, both ends of a period included.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from safetycore._config import enum_member, instance_of
from safetycore.eligibility.months import (
    _days_in_month,
    _plus_days,
    _require_date,
    _require_int,
    _shift_month,
    add_months,
    first_of_month_after,
    first_of_month_on_or_after,
)
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

__all__ = [
    "Averaging",
    "InitialMeasurement",
    "InitialStart",
    "LookBack",
    "MeasurementCycle",
    "StabilityStatus",
    "average_weekly_hours",
    "initial_measurement_limit",
    "is_full_time_monthly",
    "is_full_time_over_months",
    "is_full_time_over_period",
    "is_full_time_weekly",
]

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


_DAY = timedelta(days=1)
_MIN_MEASUREMENT_MONTHS = 3  # 26 CFR 54.4980H-3(d)(1) and (d)(3)
_MAX_MEASUREMENT_MONTHS = 12
_MIN_STABILITY_MONTHS = 6  # 26 CFR 54.4980H-3(d)(1) and (d)(3)
_MAX_ADMINISTRATIVE_DAYS = 90  # 26 CFR 54.4980H-1(a) (administrative period); 54.4980H-3(d)
# Start dates for checking an initial measurement plan exactly. Whether a start date meets
# the limits depends only on its month and day and on the lengths of the months in the 14
# months after it: the administrative period ends at the latest at the end of the 13th month
# after the start month. Only February varies, and at most two are crossed (the start
# year's, for a start in January or February, and the next year's). Starts in 2024 meet a
# leap February then a common one, in 2025 and 2026 two common ones, in 2027 a common one
# then a leap one: every pattern the Gregorian calendar has, so every start date of any
# year behaves like one of these 1,461.
_CYCLE_START = date(2024, 1, 1)
_CYCLE_DAYS = (date(2028, 1, 1) - _CYCLE_START).days


def _months_last_day(first: date, months: int, field: str) -> date:
    """The last day of the ``months``-month period that starts on ``first``."""
    year, month = _shift_month(first.year, first.month, months, field, first)
    length = _days_in_month(year, month)
    if first.day > length:
        return date(year, month, length)
    return _plus_days(date(year, month, first.day), -1, field)


def _period_days(first_day: object, last_day: object) -> tuple[date, date, int]:
    first = _require_date(first_day, "first_day")
    last = _require_date(last_day, "last_day")
    if last < first:
        raise InvalidArgumentError(
            f"cannot precede first_day ({first.isoformat()})", field="last_day", value=last
        )
    return first, last, (last - first).days + 1


def average_weekly_hours(hours: int | Decimal, first_day: date, last_day: date) -> Decimal:
    """The average hours of service per week over ``first_day`` to ``last_day`` (inclusive).

    ``hours * 7 / days``, with ``days`` counting both ends, in the default decimal context
    (28 significant digits). For the full-time test use ``is_full_time_over_period``, which
    compares exactly instead of dividing.

    Raises:
        InputTypeError: hours that are a float or a bool, or a date that is not a date.
        InvalidArgumentError: negative or non-finite hours, or ``last_day`` before
            ``first_day``.

    >>> average_weekly_hours(1560, date(2025, 1, 1), date(2025, 12, 31))
    Decimal('29.91780821917808219178082192')
    """
    worked = _require_hours(hours, "hours")
    _, _, days = _period_days(first_day, last_day)
    return Decimal(worked) * 7 / days


def is_full_time_over_period(hours: int | Decimal, first_day: date, last_day: date) -> bool:
    """Whether ``hours`` of service over the period average at least 30 a week.

    26 CFR 54.4980H-3(d)(1): an employee who averaged at least 30 hours of service per
    week during the standard measurement period is full time in the stability period. The
    weeks are the period's days divided by 7 (both ends counted), and the test is exact:
    ``7 * hours >= 30 * days``. A 365-day year needs 1,564.29 hours, so 1,565.

    Raises:
        InputTypeError: hours that are a float or a bool, or a date that is not a date.
        InvalidArgumentError: negative or non-finite hours, or ``last_day`` before
            ``first_day``.

    >>> is_full_time_over_period(1565, date(2025, 1, 1), date(2025, 12, 31))
    True
    >>> is_full_time_over_period(1564, date(2025, 1, 1), date(2025, 12, 31))
    False
    """
    worked = _require_hours(hours, "hours")
    _, _, days = _period_days(first_day, last_day)
    return 7 * worked >= _FULL_TIME_WEEKLY_HOURS * days


def is_full_time_over_months(hours: int | Decimal, months: int) -> bool:
    """Whether ``hours`` of service over ``months`` calendar months average 130 a month.

    The monthly equivalent of 30 hours a week is 130 hours of service in a calendar month
    (26 CFR 54.4980H-1(a)(21)); over a measurement period of ``months`` months this library
    requires ``130 * months`` hours (1,560 for 12 months), an employer's option to state in
    its plan (``Averaging.MONTHLY``).

    Raises:
        InputTypeError: hours that are a float or a bool, or ``months`` not an int.
        InvalidArgumentError: negative or non-finite hours, or ``months`` below 1.

    >>> is_full_time_over_months(1560, 12), is_full_time_over_months(Decimal("1559.5"), 12)
    (True, False)
    """
    worked = _require_hours(hours, "hours")
    count = _require_int(months, "months")
    if count < 1:
        raise InvalidArgumentError("must be at least 1", field="months", value=count)
    return worked >= _FULL_TIME_MONTHLY_HOURS * count


class Averaging(enum.Enum):
    """How the hours of a measurement period are averaged for the full-time test.

    - ``WEEKLY``: 30 hours a week over the period's days (``is_full_time_over_period``),
      the words of 26 CFR 54.4980H-3(d)(1).
    - ``MONTHLY``: 130 hours per calendar month of the period
      (``is_full_time_over_months``), the monthly equivalent of 54.4980H-1(a)(21).
    """

    WEEKLY = "weekly"
    MONTHLY = "monthly"


def _averaging(value: object) -> Averaging:
    if isinstance(value, Averaging):
        return value
    return enum_member(Averaging, value, "averaging", error=ConfigurationError)


def _check_measurement_months(_: object, attribute: Any, value: Any) -> None:
    months = _require_int(value, attribute.name)
    if not _MIN_MEASUREMENT_MONTHS <= months <= _MAX_MEASUREMENT_MONTHS:
        raise ConfigurationError(
            "a measurement period is 3 to 12 consecutive calendar months "
            "(26 CFR 54.4980H-3(d)(1), (d)(3))",
            field=attribute.name,
            value=months,
        )


def _check_administrative_days(_: object, attribute: Any, value: Any) -> None:
    days = _require_int(value, attribute.name)
    if not 0 <= days <= _MAX_ADMINISTRATIVE_DAYS:
        raise ConfigurationError(
            "an administrative period is 0 to 90 days (26 CFR 54.4980H-1(a); 54.4980H-3(d))",
            field=attribute.name,
            value=days,
        )


def _check_stability_months(instance: Any, attribute: Any, value: Any) -> None:
    months = _require_int(value, attribute.name)
    measured = instance.measurement_months
    if months < max(_MIN_STABILITY_MONTHS, measured):
        raise ConfigurationError(
            f"a stability period is at least 6 consecutive calendar months and no shorter "
            f"than the measurement period ({measured} months) (26 CFR 54.4980H-3(d)(1))",
            field=attribute.name,
            value=months,
        )


@attrs.frozen
class MeasurementCycle:
    """The dates of a measurement period, its administrative period and its stability period.

    Every day is included in its period. The administrative period is the days between the
    measurement period's last day and the stability period's first, if any.
    """

    measurement_first: date = attrs.field(validator=instance_of(date))
    measurement_last: date = attrs.field(validator=instance_of(date))
    stability_first: date = attrs.field(validator=instance_of(date))
    stability_last: date = attrs.field(validator=instance_of(date))

    @property
    def administrative_days(self) -> int:
        """The days from the measurement period's end to the stability period's start."""
        return (self.stability_first - self.measurement_last).days - 1


@attrs.frozen
class StabilityStatus:
    """The status a measurement period gives, and the days it holds for (both included).

    ``average_weekly_hours`` is the period's hours times 7 over its days, shown to 28
    significant digits; ``full_time`` is decided exactly, as ``averaging`` says.
    """

    full_time: bool = attrs.field(validator=instance_of(bool))
    average_weekly_hours: Decimal = attrs.field(validator=instance_of(Decimal))
    first_day: date = attrs.field(validator=instance_of(date))
    last_day: date = attrs.field(validator=instance_of(date))


def _full_time(
    averaging: Averaging, hours: int | Decimal, cycle: MeasurementCycle, months: int
) -> tuple[bool, Decimal]:
    first, last = cycle.measurement_first, cycle.measurement_last
    average = average_weekly_hours(hours, first, last)
    if averaging is Averaging.MONTHLY:
        return is_full_time_over_months(hours, months), average
    return is_full_time_over_period(hours, first, last), average


@attrs.frozen
class LookBack:
    """The look-back measurement method for ongoing employees (26 CFR 54.4980H-3(d)(1)).

    A standard measurement period of ``measurement_months`` (3 to 12) consecutive calendar
    months, then an administrative period of ``administrative_days`` (0 to 90) days, then a
    stability period of ``stability_months`` months, at least 6 and no shorter than the
    measurement period. An employee who averaged 30 hours of service a week in the
    measurement period is full time for the whole stability period, whatever the hours then;
    one who did not is not full time for a stability period no longer than the measurement
    period (so ``measurement_months`` of it). The administrative period neither
    shortens nor lengthens the other two, as the regulation requires, because each is counted in
    whole months from its own first day.

    Raises:
        InputTypeError: a field that is not an int.
        ConfigurationError: a length outside its limits, or an unknown ``averaging``.

    >>> plan = LookBack(12, 78, 12)
    >>> cycle = plan.cycle(date(2025, 10, 15))
    >>> cycle.measurement_last, cycle.stability_first, cycle.stability_last
    (datetime.date(2026, 10, 14), datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    """

    measurement_months: int = attrs.field(validator=_check_measurement_months)
    administrative_days: int = attrs.field(validator=_check_administrative_days)
    stability_months: int = attrs.field(validator=_check_stability_months)
    averaging: Averaging = attrs.field(default=Averaging.WEEKLY, kw_only=True, converter=_averaging)

    def cycle(self, measurement_start: date) -> MeasurementCycle:
        """The periods of the cycle whose standard measurement period starts on that day.

        Raises:
            InputTypeError: ``measurement_start`` is not a date, or is a datetime.
            OutOfRangeError: a period would end after December 31, 9999.
        """
        first = _require_date(measurement_start, "measurement_start")
        last = _months_last_day(first, self.measurement_months, "measurement_start")
        stability = _plus_days(last, self.administrative_days + 1, "measurement_start")
        end = _months_last_day(stability, self.stability_months, "measurement_start")
        return MeasurementCycle(first, last, stability, end)

    def status(self, hours: int | Decimal, measurement_start: date) -> StabilityStatus:
        """The status for the stability period after ``hours`` in the measurement period.

        Full time: the whole stability period. Not full time: the first
        ``measurement_months`` months of it, the longest 54.4980H-3(d)(1) allows.

        Raises:
            InputTypeError: hours that are a float or a bool, or a wrong date.
            InvalidArgumentError: negative or non-finite hours.

        >>> plan = LookBack(12, 78, 12)
        >>> plan.status(1565, date(2025, 10, 15)).full_time
        True
        """
        cycle = self.cycle(measurement_start)
        full, average = _full_time(self.averaging, hours, cycle, self.measurement_months)
        months = self.stability_months if full else self.measurement_months
        last = _months_last_day(cycle.stability_first, months, "measurement_start")
        return StabilityStatus(full, average, cycle.stability_first, last)


class InitialStart(enum.Enum):
    """When a new employee's initial measurement period begins (26 CFR 54.4980H-3(d)(3)).

    - ``START_DATE``: on the employee's start date.
    - ``FIRST_OF_MONTH_ON_OR_AFTER``: on the start date if it is the first of a month, else
      on the first of the next month.
    - ``FIRST_OF_NEXT_MONTH``: on the first day of the first calendar month following the
      start date, strictly after it: a start on March 1 measures from April 1. With a
      12-month period such a start leaves no day for an administrative period (the limit
      is then the last day of the 12th month measured), so a plan of this kind with
      ``administrative_days`` above 0 is refused.

    The regulation allows any day between the two, or the first day of the first payroll
    period after the start date if later; those are not modelled.
    """

    START_DATE = "start_date"
    FIRST_OF_MONTH_ON_OR_AFTER = "first_of_month_on_or_after"
    FIRST_OF_NEXT_MONTH = "first_of_next_month"


def _initial_start(value: object) -> InitialStart:
    if isinstance(value, InitialStart):
        return value
    return enum_member(InitialStart, value, "begins", error=ConfigurationError)


def initial_measurement_limit(start_date: date) -> date:
    """The last day an initial measurement period and its administrative period may reach.

    26 CFR 54.4980H-3(d)(3): together they may not extend beyond the last day of the
    first calendar month beginning on or after the first anniversary of the employee's
    start date, "13 months plus the remainder of a month". The anniversary of February 29
    is taken as February 28 (clamped; the regulation does not say), so the limit is then
    March 31.

    Raises:
        InputTypeError: ``start_date`` is not a date, or is a datetime.
        OutOfRangeError: the limit would be after December 31, 9999.

    >>> initial_measurement_limit(date(2026, 5, 10)), initial_measurement_limit(date(2026, 5, 1))
    (datetime.date(2027, 6, 30), datetime.date(2027, 5, 31))
    """
    start = _require_date(start_date, "start_date")
    month = first_of_month_on_or_after(add_months(start, 12))
    return date(month.year, month.month, _days_in_month(month.year, month.month))


@attrs.frozen
class InitialMeasurement:
    """The initial measurement period for new variable-hour, seasonal and part-time employees.

    26 CFR 54.4980H-3(d)(3): an initial measurement period of ``measurement_months`` (3 to
    12) months beginning as ``begins`` says, then ``administrative_days`` days, then a
    stability period of ``stability_months`` months (at least 6 and no shorter than the
    initial measurement period) for an employee found full time. The administrative period
    counts every day that is not measured before the stability period: the days from the
    start date to the measurement period, and the days after it (``administrative_days``);
    together at most 90. The measurement and administrative periods together may
    not pass ``initial_measurement_limit(start_date)``. An employee found not full time is
    not full time for ``measurement_months + 1`` months at most (the further
    limit tying it to the first standard measurement period is not checked here).

    Construction checks both limits for every start date (see the comment on the cycle) and
    refuses a plan that fails any, naming the first failing start date.

    Raises:
        InputTypeError: a field that is not an int.
        ConfigurationError: a length outside its limits, an unknown ``begins`` or
            ``averaging``, or a plan that breaks a limit for some start date.

    >>> plan = InitialMeasurement(12, InitialStart.FIRST_OF_MONTH_ON_OR_AFTER, 28, 12)
    >>> cycle = plan.cycle(date(2026, 5, 10))
    >>> cycle.measurement_first, cycle.measurement_last, cycle.stability_first
    (datetime.date(2026, 6, 1), datetime.date(2027, 5, 31), datetime.date(2027, 6, 29))
    """

    measurement_months: int = attrs.field(validator=_check_measurement_months)
    begins: InitialStart = attrs.field(converter=_initial_start)
    administrative_days: int = attrs.field(validator=_check_administrative_days)
    stability_months: int = attrs.field(validator=_check_stability_months)
    averaging: Averaging = attrs.field(default=Averaging.WEEKLY, kw_only=True, converter=_averaging)

    def __attrs_post_init__(self) -> None:
        for offset in range(_CYCLE_DAYS):
            start = _CYCLE_START + timedelta(days=offset)
            problem = self._problem(start)
            if problem is not None:
                raise ConfigurationError(
                    f"{problem} for an employee starting on {start.isoformat()}",
                    field="administrative_days",
                    value=self.administrative_days,
                )

    def _cycle(self, start: date) -> MeasurementCycle:
        if self.begins is InitialStart.START_DATE:
            first = start
        elif self.begins is InitialStart.FIRST_OF_MONTH_ON_OR_AFTER:
            first = first_of_month_on_or_after(start)
        else:
            first = first_of_month_after(start)
        last = _months_last_day(first, self.measurement_months, "start_date")
        stability = _plus_days(last, self.administrative_days + 1, "start_date")
        end = _months_last_day(stability, self.stability_months, "start_date")
        return MeasurementCycle(first, last, stability, end)

    def _problem(self, start: date) -> str | None:
        """Why the plan fails for an employee starting on ``start``, or None."""
        cycle = self._cycle(start)
        unmeasured = (cycle.measurement_first - start).days + self.administrative_days
        if unmeasured > _MAX_ADMINISTRATIVE_DAYS:
            return (
                f"the administrative period is {unmeasured} days in all "
                f"({(cycle.measurement_first - start).days} before the measurement period "
                f"begins on {cycle.measurement_first.isoformat()}), over the 90 that 26 CFR "
                "54.4980H-3(d)(3) allows"
            )
        limit = initial_measurement_limit(start)
        if cycle.stability_first - _DAY > limit:
            return (
                "the measurement and administrative periods run to "
                f"{(cycle.stability_first - _DAY).isoformat()}, past {limit.isoformat()}, the "
                "last day of the first calendar month beginning on or after the first "
                "anniversary of the start date (26 CFR 54.4980H-3(d)(3))"
            )
        return None

    def cycle(self, start_date: date) -> MeasurementCycle:
        """The initial measurement, administrative and stability periods for one employee.

        Raises:
            InputTypeError: ``start_date`` is not a date, or is a datetime.
            OutOfRangeError: a period would end after December 31, 9999.
        """
        return self._cycle(_require_date(start_date, "start_date"))

    def status(self, hours: int | Decimal, start_date: date) -> StabilityStatus:
        """The status after ``hours`` of service in the initial measurement period.

        Full time: the whole stability period. Not full time: ``measurement_months + 1``
        months from the same first day, or the stability period if shorter.

        Raises:
            InputTypeError: hours that are a float or a bool, or a wrong date.
            InvalidArgumentError: negative or non-finite hours.

        >>> plan = InitialMeasurement(12, InitialStart.FIRST_OF_MONTH_ON_OR_AFTER, 28, 12)
        >>> status = plan.status(1500, date(2026, 5, 10))
        >>> status.full_time, status.first_day, status.last_day
        (False, datetime.date(2027, 6, 29), datetime.date(2028, 6, 28))
        """
        cycle = self.cycle(start_date)
        full, average = _full_time(self.averaging, hours, cycle, self.measurement_months)
        if full:
            months = self.stability_months
        else:
            months = min(self.stability_months, self.measurement_months + 1)
        last = _months_last_day(cycle.stability_first, months, "start_date")
        return StabilityStatus(full, average, cycle.stability_first, last)

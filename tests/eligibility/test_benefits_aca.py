"""ACA look-back measurement: measurement, administrative and stability periods, and averages.

Every expected date is counted by hand. A period of n months starting on day d ends the day
before day d of the n-th month after, or on that month's last day when it has no day d.
Month lengths: January 31, February 28 (29 in 2024 and 2028), March 31, April 30, May 31,
June 30, July 31, August 31, September 30, October 31, November 30, December 31.
"""

from __future__ import annotations

import calendar
import pickle
from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.eligibility.benefits import (
    Averaging,
    InitialMeasurement,
    InitialStart,
    LookBack,
    MeasurementCycle,
    StabilityStatus,
    average_weekly_hours,
    initial_measurement_limit,
    is_full_time_over_months,
    is_full_time_over_period,
)
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

DAY = timedelta(days=1)
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))  # 365 days
LEAP_YEAR = (date(2027, 3, 1), date(2028, 2, 29))  # 366 days


class TestAverageWeeklyHours:
    def test_four_weeks(self) -> None:
        """130 hours over February 2026 (28 days, 4 weeks) is 32.5 a week."""
        assert average_weekly_hours(130, date(2026, 2, 1), date(2026, 2, 28)) == Decimal("32.5")

    def test_one_day(self) -> None:
        """6 hours on a single day is 42 a week: both ends of a period count."""
        assert average_weekly_hours(6, date(2026, 3, 1), date(2026, 3, 1)) == 42

    def test_refuses_an_end_before_the_start(self) -> None:
        """A last day before the first raises ``InvalidArgumentError`` naming ``last_day``."""
        with pytest.raises(InvalidArgumentError) as caught:
            average_weekly_hours(6, date(2026, 3, 2), date(2026, 3, 1))
        assert caught.value.field == "last_day"

    @pytest.mark.parametrize(
        ("hours", "error"), [(29.5, InputTypeError), (-1, InvalidArgumentError)]
    )
    def test_refuses_bad_hours(self, hours: object, error: type[Exception]) -> None:
        """A float or a negative number of hours is refused naming ``hours``."""
        with pytest.raises(error) as caught:
            average_weekly_hours(hours, date(2026, 3, 1), date(2026, 3, 7))  # type: ignore[arg-type]
        assert caught.value.field == "hours"  # type: ignore[attr-defined]


class TestIsFullTimeOverPeriod:
    @pytest.mark.parametrize(
        ("hours", "period", "expected"),
        [
            (120, (date(2026, 2, 1), date(2026, 2, 28)), True),  # exactly 30 a week
            (Decimal("119.99"), (date(2026, 2, 1), date(2026, 2, 28)), False),
            (1565, YEAR_2025, True),  # 30 * 365 / 7 = 1,564.29
            (1564, YEAR_2025, False),
            (1560, YEAR_2025, False),  # the 130-a-month figure is short by weeks
            (Decimal("1568.58"), LEAP_YEAR, True),  # 30 * 366 / 7 = 1,568.571...
            (Decimal("1568.57"), LEAP_YEAR, False),
        ],
    )
    def test_thirty_hours_a_week(
        self, hours: int | Decimal, period: tuple[date, date], expected: bool
    ) -> None:
        """Full time is 7 x hours >= 30 x days, exactly on the limit included."""
        assert is_full_time_over_period(hours, *period) is expected


class TestIsFullTimeOverMonths:
    @pytest.mark.parametrize(
        ("hours", "months", "expected"),
        [(1560, 12, True), (Decimal("1559.99"), 12, False), (390, 3, True), (389, 3, False)],
    )
    def test_130_a_month(self, hours: int | Decimal, months: int, expected: bool) -> None:
        """Full time is at least 130 hours for each month of the period."""
        assert is_full_time_over_months(hours, months) is expected

    def test_refuses_zero_months(self) -> None:
        """A period of no months raises ``InvalidArgumentError`` naming ``months``."""
        with pytest.raises(InvalidArgumentError) as caught:
            is_full_time_over_months(0, 0)
        assert (caught.value.field, caught.value.value) == ("months", 0)


class TestLookBack:
    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ((2, 0, 6), "measurement_months"),
            ((13, 0, 13), "measurement_months"),
            ((3, -1, 6), "administrative_days"),
            ((3, 91, 6), "administrative_days"),
            ((3, 0, 5), "stability_months"),
            ((12, 0, 11), "stability_months"),
            ((7, 0, 6), "stability_months"),
        ],
    )
    def test_refuses_lengths_outside_the_limits(
        self, arguments: tuple[int, int, int], field: str
    ) -> None:
        """3-12 measurement months, 0-90 administrative days, stability >= max(6, measurement)."""
        with pytest.raises(ConfigurationError) as caught:
            LookBack(*arguments)
        assert caught.value.field == field

    @pytest.mark.parametrize("arguments", [(3, 0, 6), (12, 90, 12), (6, 0, 6), (3, 45, 12)])
    def test_accepts_lengths_on_the_limits(self, arguments: tuple[int, int, int]) -> None:
        """The limits themselves are allowed."""
        assert LookBack(*arguments).measurement_months == arguments[0]

    def test_refuses_a_bool_length(self) -> None:
        """``True`` is not a number of months: ``InputTypeError``."""
        with pytest.raises(InputTypeError) as caught:
            LookBack(True, 0, 6)  # type: ignore[arg-type]
        assert caught.value.field == "measurement_months"

    def test_averaging_by_value_and_unknown(self) -> None:
        """``averaging`` takes a member or its value; an unknown value is refused."""
        assert LookBack(12, 0, 12, averaging="monthly").averaging is Averaging.MONTHLY
        with pytest.raises(ConfigurationError) as caught:
            LookBack(12, 0, 12, averaging="daily")
        assert caught.value.field == "averaging"

    def test_is_frozen_slotted_and_pickles(self) -> None:
        """A plan cannot be changed, has no instance dict and survives a pickle."""
        plan = LookBack(12, 78, 12)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            plan.measurement_months = 6  # type: ignore[misc]
        assert not hasattr(plan, "__dict__")
        assert pickle.loads(pickle.dumps(plan)) == plan


class TestLookBackCycle:
    def test_october_measurement_for_a_calendar_stability_year(self) -> None:
        """Measured 2025-10-15 to 2026-10-14; 78 days (17 + 30 + 31) to 12-31; 2027 stable."""
        cycle = LookBack(12, 78, 12).cycle(date(2025, 10, 15))
        assert cycle == MeasurementCycle(
            date(2025, 10, 15), date(2026, 10, 14), date(2027, 1, 1), date(2027, 12, 31)
        )
        assert cycle.administrative_days == 78

    def test_a_period_from_the_31st_ends_on_a_short_month_end(self) -> None:
        """3 months from 2026-01-31: April has no 31st, so the period ends 04-30."""
        cycle = LookBack(3, 0, 6).cycle(date(2026, 1, 31))
        assert (cycle.measurement_last, cycle.stability_first) == (
            date(2026, 4, 30),
            date(2026, 5, 1),
        )
        assert cycle.stability_last == date(2026, 10, 31)
        assert cycle.administrative_days == 0

    @pytest.mark.parametrize(
        ("first", "last"),
        [
            (date(2026, 11, 30), date(2027, 2, 28)),  # no February 30: the month's end
            (date(2027, 11, 29), date(2028, 2, 28)),  # February 29, 2028 exists: the day before
            (date(2027, 11, 30), date(2028, 2, 29)),  # no February 30 in 2028: the 29th
            (date(2026, 11, 28), date(2027, 2, 27)),
        ],
    )
    def test_three_months_into_february(self, first: date, last: date) -> None:
        """Periods ending in February: the day before the same day, or February's last day."""
        assert LookBack(3, 0, 6).cycle(first).measurement_last == last

    def test_twelve_months_over_a_leap_day(self) -> None:
        """12 months from 2027-03-01 end 2028-02-29, a 366-day period."""
        cycle = LookBack(12, 0, 12).cycle(date(2027, 3, 1))
        assert cycle.measurement_last == date(2028, 2, 29)
        assert (cycle.measurement_last - cycle.measurement_first).days + 1 == 366

    def test_ninety_administrative_days(self) -> None:
        """Measured to 2026-06-30, 90 days of administration (31 + 31 + 28) to 09-28."""
        cycle = LookBack(6, 90, 6).cycle(date(2026, 1, 1))
        assert cycle.measurement_last == date(2026, 6, 30)
        assert cycle.stability_first == date(2026, 9, 29)
        assert cycle.stability_last == date(2027, 3, 28)

    def test_refuses_a_datetime(self) -> None:
        """A datetime start raises ``InputTypeError`` naming ``measurement_start``."""
        with pytest.raises(InputTypeError) as caught:
            LookBack(12, 0, 12).cycle(datetime(2026, 1, 1, 8))
        assert caught.value.field == "measurement_start"

    @given(
        st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 1, 1)),
        st.integers(3, 12),
    )
    def test_measurement_ends_the_day_before_the_month_mark(self, first: date, months: int) -> None:
        """The day after the period is day d of the n-th month, or the 1st after a short one."""
        last = LookBack(months, 0, 12).cycle(first).measurement_last
        index = first.year * 12 + first.month - 1 + months
        year, month = divmod(index, 12)
        month += 1
        if first.day <= calendar.monthrange(year, month)[1]:
            assert last + DAY == date(year, month, first.day)
        else:
            assert (last.year, last.month, last.day) == (year, month, last.day)
            assert (last + DAY).day == 1


class TestLookBackStatus:
    PLAN = LookBack(12, 78, 12)

    def test_full_time_on_the_limit(self) -> None:
        """1,565 hours over 365 days averages 30.01 a week: full time for all of 2027."""
        status = self.PLAN.status(1565, date(2025, 10, 15))
        assert status == StabilityStatus(
            True, Decimal(1565) * 7 / 365, date(2027, 1, 1), date(2027, 12, 31)
        )

    def test_one_hour_short(self) -> None:
        """1,564 hours over the same 365 days is below 30 a week: not full time."""
        assert self.PLAN.status(1564, date(2025, 10, 15)).full_time is False

    def test_monthly_averaging_accepts_1560(self) -> None:
        """With 130 hours a month, 1,560 in 12 months is full time; weekly it is not."""
        monthly = LookBack(12, 78, 12, averaging=Averaging.MONTHLY)
        assert monthly.status(1560, date(2025, 10, 15)).full_time is True
        assert self.PLAN.status(1560, date(2025, 10, 15)).full_time is False

    def test_not_full_time_holds_no_longer_than_the_measurement_period(self) -> None:
        """6 months measured, 12 stable: a part-timer's status holds for 6 months only."""
        plan = LookBack(6, 0, 12)
        full = plan.status(800, date(2026, 1, 1))  # 181 days: 30 x 181 / 7 = 775.7
        part = plan.status(700, date(2026, 1, 1))
        assert (full.full_time, full.first_day, full.last_day) == (
            True,
            date(2026, 7, 1),
            date(2027, 6, 30),
        )
        assert (part.full_time, part.first_day, part.last_day) == (
            False,
            date(2026, 7, 1),
            date(2026, 12, 31),
        )


class TestInitialMeasurementLimit:
    @pytest.mark.parametrize(
        ("start", "limit"),
        [
            (date(2026, 5, 10), date(2027, 6, 30)),  # anniversary 05-10: June is the month
            (date(2026, 5, 1), date(2027, 5, 31)),  # anniversary on a 1st: that month
            (date(2026, 5, 2), date(2027, 6, 30)),
            (date(2024, 2, 29), date(2025, 3, 31)),  # anniversary clamped to 02-28
            (date(2027, 2, 1), date(2028, 2, 29)),  # a leap February is the month
            (date(2026, 12, 15), date(2028, 1, 31)),
        ],
    )
    def test_thirteen_months_and_the_rest_of_one(self, start: date, limit: date) -> None:
        """The last day of the first month beginning on or after the first anniversary."""
        assert initial_measurement_limit(start) == limit


class TestInitialMeasurement:
    @pytest.mark.parametrize(
        ("begins", "largest", "first_failing", "runs_to", "limit"),
        [
            # Start 2024-02-01: measured to 2025-01-31; the limit is 2025-02-28.
            (InitialStart.START_DATE, 28, "2024-02-01", "2025-03-01", "2025-02-28"),
            # Start 2024-01-02: measured 2024-02-01 to 2025-01-31; the limit is 2025-02-28.
            (InitialStart.FIRST_OF_MONTH_ON_OR_AFTER, 28, "2024-01-02", "2025-03-01", "2025-02-28"),
            # Start 2024-01-01: measured 2024-02-01 to 2025-01-31; the limit is 2025-01-31.
            (InitialStart.FIRST_OF_NEXT_MONTH, 0, "2024-01-01", "2025-02-01", "2025-01-31"),
        ],
    )
    def test_twelve_months_largest_administrative_period(
        self, begins: InitialStart, largest: int, first_failing: str, runs_to: str, limit: str
    ) -> None:
        """With 12 months measured, one more administrative day passes the limit for someone."""
        assert InitialMeasurement(12, begins, largest, 12).administrative_days == largest
        with pytest.raises(ConfigurationError) as caught:
            InitialMeasurement(12, begins, largest + 1, 12)
        assert (caught.value.field, caught.value.value) == ("administrative_days", largest + 1)
        message = str(caught.value)
        assert f"starting on {first_failing}" in message
        assert f"run to {runs_to}, past {limit}" in message

    def test_ninety_days_in_all_counts_the_days_before_measuring(self) -> None:
        """Measuring from the next 1st, a 2024-01-01 start waits 31 days: 31 + 60 is 91."""
        InitialMeasurement(3, InitialStart.FIRST_OF_NEXT_MONTH, 59, 6)
        with pytest.raises(ConfigurationError) as caught:
            InitialMeasurement(3, InitialStart.FIRST_OF_NEXT_MONTH, 60, 6)
        message = str(caught.value)
        assert "91 days in all (31 before the measurement period begins on 2024-02-01)" in message
        assert "starting on 2024-01-01" in message

    def test_ninety_days_after_measuring_from_the_start_date(self) -> None:
        """From the start date itself, 3 months then 90 days are allowed."""
        assert InitialMeasurement(3, "start_date", 90, 6).begins is InitialStart.START_DATE

    def test_refuses_an_unknown_beginning(self) -> None:
        """An unknown ``begins`` raises ``ConfigurationError`` naming it."""
        with pytest.raises(ConfigurationError) as caught:
            InitialMeasurement(3, "payroll", 0, 6)
        assert caught.value.field == "begins"

    def test_refuses_a_short_stability_period(self) -> None:
        """An initial stability period shorter than the 12 months measured is refused."""
        with pytest.raises(ConfigurationError) as caught:
            InitialMeasurement(12, InitialStart.START_DATE, 0, 11)
        assert caught.value.field == "stability_months"

    def test_cycle_from_a_mid_month_start(self) -> None:
        """Start 2026-05-10: measured 06-01 to 2027-05-31, 28 days, stable from 2027-06-29."""
        plan = InitialMeasurement(12, InitialStart.FIRST_OF_MONTH_ON_OR_AFTER, 28, 12)
        cycle = plan.cycle(date(2026, 5, 10))
        assert cycle == MeasurementCycle(
            date(2026, 6, 1), date(2027, 5, 31), date(2027, 6, 29), date(2028, 6, 28)
        )
        assert cycle.stability_first - DAY <= initial_measurement_limit(date(2026, 5, 10))

    def test_cycle_from_the_first_of_a_month(self) -> None:
        """Start 2026-05-01 measures from that day to 2027-04-30."""
        plan = InitialMeasurement(12, InitialStart.FIRST_OF_MONTH_ON_OR_AFTER, 28, 12)
        assert plan.cycle(date(2026, 5, 1)).measurement_first == date(2026, 5, 1)
        assert plan.cycle(date(2026, 5, 1)).measurement_last == date(2027, 4, 30)

    def test_status_full_and_part_time(self) -> None:
        """6 months from 2026-01-15 (181 days): 776 hours is full time, 775 is not."""
        plan = InitialMeasurement(6, InitialStart.START_DATE, 0, 12)
        full = plan.status(776, date(2026, 1, 15))  # 30 x 181 / 7 = 775.71
        part = plan.status(775, date(2026, 1, 15))
        assert (full.full_time, full.first_day, full.last_day) == (
            True,
            date(2026, 7, 15),
            date(2027, 7, 14),
        )
        # Not full time: at most one month longer than the 6 measured, so 7 months.
        assert (part.full_time, part.first_day, part.last_day) == (
            False,
            date(2026, 7, 15),
            date(2027, 2, 14),
        )

    def test_status_not_longer_than_the_plan_stability_period(self) -> None:
        """With 12 measured and 12 stable, a part-timer holds 12 months (not 13)."""
        plan = InitialMeasurement(12, InitialStart.FIRST_OF_MONTH_ON_OR_AFTER, 28, 12)
        status = plan.status(1500, date(2026, 5, 10))
        assert (status.full_time, status.last_day) == (False, date(2028, 6, 28))

    @given(
        st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)),
        st.sampled_from(list(InitialStart)),
    )
    def test_an_accepted_plan_meets_both_limits_for_any_start(
        self, start: date, begins: InitialStart
    ) -> None:
        """A plan the cycle check accepts meets the 90 days and the limit in any year."""
        largest = {
            InitialStart.START_DATE: 28,
            InitialStart.FIRST_OF_MONTH_ON_OR_AFTER: 28,
            InitialStart.FIRST_OF_NEXT_MONTH: 0,
        }[begins]
        cycle = InitialMeasurement(12, begins, largest, 12).cycle(start)
        assert cycle.stability_first - DAY <= initial_measurement_limit(start)
        assert (cycle.measurement_first - start).days + largest <= 90
        assert start <= cycle.measurement_first

"""Calendar-month arithmetic: ``add_months``, ``one_month_after`` and friends, by hand.

Month lengths used below: January 31, February 28 (29 in 2024 and 2028), March 31, April 30,
May 31, June 30, August 31, September 30, October 31, December 31.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.eligibility.months import (
    add_months,
    days_between,
    first_of_month_after,
    first_of_month_on_or_after,
    one_month_after,
)
from safetycore.errors import InputTypeError, OutOfRangeError

DAY = timedelta(days=1)
DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 11, 30))
MONTHS = st.integers(min_value=-1200, max_value=1200)


def month_index(day: date) -> int:
    """Months since year 0, so that month arithmetic is integer arithmetic."""
    return day.year * 12 + day.month - 1


class TestAddMonths:
    def test_keeps_the_day_when_the_target_month_has_it(self) -> None:
        """May 3 plus one month is June 3."""
        assert add_months(date(2025, 5, 3), 1) == date(2025, 6, 3)

    def test_clamps_to_february_28_in_a_common_year(self) -> None:
        """January 31, 2025 plus one month is February 28 (2025 is not a leap year)."""
        assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)

    def test_clamps_to_february_29_in_a_leap_year(self) -> None:
        """January 31, 2024 plus one month is February 29 (2024 is a leap year)."""
        assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)

    def test_clamps_the_31st_into_a_30_day_month(self) -> None:
        """March 31 plus one month is April 30."""
        assert add_months(date(2025, 3, 31), 1) == date(2025, 4, 30)

    def test_crosses_december_into_january(self) -> None:
        """December 15, 2025 plus one month is January 15, 2026."""
        assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)

    def test_negative_months_move_back_and_clamp(self) -> None:
        """March 31, 2025 minus one month is February 28, 2025."""
        assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)

    def test_negative_months_cross_january_into_december(self) -> None:
        """January 31, 2026 minus two months is November 30, 2025."""
        assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)

    def test_zero_months_is_the_same_day(self) -> None:
        """Adding no months returns the same date."""
        assert add_months(date(2024, 2, 29), 0) == date(2024, 2, 29)

    def test_february_29_plus_twelve_months_clamps(self) -> None:
        """February 29, 2024 plus twelve months is February 28, 2025."""
        assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)

    def test_does_not_remember_a_clamped_day(self) -> None:
        """Jan 31 + 1 month + 1 month is March 28, while Jan 31 + 2 months is March 31."""
        assert add_months(add_months(date(2025, 1, 31), 1), 1) == date(2025, 3, 28)
        assert add_months(date(2025, 1, 31), 2) == date(2025, 3, 31)

    def test_returns_a_plain_date_for_a_pendulum_date(self) -> None:
        """A ``pendulum.Date`` is accepted and the result is a plain ``date``."""
        result = add_months(pendulum.Date(2025, 1, 31), 1)
        assert result == date(2025, 2, 28)
        assert type(result) is date

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` is refused with ``InputTypeError`` naming ``day``."""
        with pytest.raises(InputTypeError) as caught:
            add_months(datetime(2025, 1, 31, 12, 0), 1)
        assert caught.value.field == "day"

    @pytest.mark.parametrize("months", [True, 1.0, "1"])
    def test_refuses_months_that_are_not_an_int(self, months: object) -> None:
        """``months`` must be an int (a bool, float or str is refused)."""
        with pytest.raises(InputTypeError) as caught:
            add_months(date(2025, 1, 1), months)  # type: ignore[arg-type]
        assert caught.value.field == "months"

    def test_refuses_a_result_past_year_9999(self) -> None:
        """December 9999 plus one month raises ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            add_months(date(9999, 12, 1), 1)

    @given(DATES, MONTHS)
    def test_lands_in_the_right_month_on_the_clamped_day(self, day: date, months: int) -> None:
        """The result is ``months`` months on, on the smaller of the day and the month length."""
        try:
            result = add_months(day, months)
        except OutOfRangeError:
            return
        assert month_index(result) == month_index(day) + months
        length = calendar.monthrange(result.year, result.month)[1]
        assert result.day == min(day.day, length)


class TestOneMonthAfter:
    def test_may_3_ends_june_2(self) -> None:
        """A period starting May 3 ends June 2 (the regulation's own example)."""
        assert one_month_after(date(2025, 5, 3)) == date(2025, 6, 2)

    def test_october_1_ends_october_31(self) -> None:
        """A period starting on the 1st ends on the last day of the same month."""
        assert one_month_after(date(2025, 10, 1)) == date(2025, 10, 31)

    def test_january_28_ends_february_27(self) -> None:
        """February 28 exists, so January 28 ends February 27."""
        assert one_month_after(date(2026, 1, 28)) == date(2026, 2, 27)

    def test_january_29_in_a_common_year_ends_february_28(self) -> None:
        """February 29, 2026 does not exist, so January 29, 2026 ends on February 28."""
        assert one_month_after(date(2026, 1, 29)) == date(2026, 2, 28)

    def test_january_29_in_a_leap_year_ends_february_28(self) -> None:
        """February 29, 2028 exists, so January 29, 2028 ends a day before it: February 28."""
        assert one_month_after(date(2028, 1, 29)) == date(2028, 2, 28)

    def test_january_30_in_a_common_year_ends_february_28(self) -> None:
        """There is no February 30, so January 30, 2026 ends on February 28 (not 27)."""
        assert one_month_after(date(2026, 1, 30)) == date(2026, 2, 28)

    def test_january_30_in_a_leap_year_ends_february_29(self) -> None:
        """January 30, 2028 ends on the last day of February 2028, the 29th."""
        assert one_month_after(date(2028, 1, 30)) == date(2028, 2, 29)

    def test_january_31_ends_on_the_last_of_february(self) -> None:
        """January 31 ends February 28, 2026 and February 29, 2028."""
        assert one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
        assert one_month_after(date(2028, 1, 31)) == date(2028, 2, 29)

    def test_august_31_ends_september_30(self) -> None:
        """There is no September 31, so August 31 ends September 30."""
        assert one_month_after(date(2025, 8, 31)) == date(2025, 9, 30)

    def test_march_31_ends_april_30(self) -> None:
        """There is no April 31, so March 31 ends April 30 (not April 29)."""
        assert one_month_after(date(2025, 3, 31)) == date(2025, 4, 30)

    def test_december_crosses_into_january(self) -> None:
        """December 31, 2025 ends January 30, 2026 (January 31 exists, minus one day)."""
        assert one_month_after(date(2025, 12, 31)) == date(2026, 1, 30)

    def test_pendulum_add_then_subtract_is_a_day_short_on_january_30(self) -> None:
        """Pendulum clamps Jan 30 + 1 month to Feb 28 and then subtracts a day: Feb 27."""
        start = pendulum.Date(2026, 1, 30)
        naive = start.add(months=1).subtract(days=1)
        assert naive == date(2026, 2, 27)
        assert one_month_after(start) == date(2026, 2, 28)

    def test_pendulum_add_then_subtract_is_a_day_short_on_march_31(self) -> None:
        """Pendulum gives April 29 for March 31; the rule gives April 30."""
        start = pendulum.Date(2025, 3, 31)
        assert start.add(months=1).subtract(days=1) == date(2025, 4, 29)
        assert one_month_after(start) == date(2025, 4, 30)

    def test_pendulum_agrees_when_the_day_exists(self) -> None:
        """When the next month has the same day (May 3 -> June 3) pendulum agrees: June 2."""
        start = pendulum.Date(2025, 5, 3)
        assert start.add(months=1).subtract(days=1) == one_month_after(start)

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` is refused with ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            one_month_after(datetime(2025, 5, 3))

    def test_refuses_a_period_past_year_9999(self) -> None:
        """A period starting in December 9999 would end in year 10000: ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            one_month_after(date(9999, 12, 2))

    @given(DATES)
    def test_ends_on_or_after_its_start_within_31_days(self, day: date) -> None:
        """The period ends on or after its first day and lasts at most 31 days."""
        end = one_month_after(day)
        assert day <= end
        assert (end - day).days + 1 <= 31

    @given(DATES)
    def test_next_day_is_one_month_on_when_that_day_exists(self, day: date) -> None:
        """The next day is ``add_months(day, 1)`` if that keeps the day, else the 1st after it."""
        end = one_month_after(day)
        shifted = add_months(day, 1)
        if shifted.day == day.day:
            assert end + DAY == shifted
        else:
            assert end == shifted
            assert (end + DAY).day == 1


class TestFirstOfMonthOnOrAfter:
    def test_the_first_is_itself(self) -> None:
        """March 1 is the first of a month on or after March 1."""
        assert first_of_month_on_or_after(date(2025, 3, 1)) == date(2025, 3, 1)

    def test_the_second_moves_to_the_next_month(self) -> None:
        """March 2 moves to April 1."""
        assert first_of_month_on_or_after(date(2025, 3, 2)) == date(2025, 4, 1)

    def test_leap_day_moves_to_march(self) -> None:
        """February 29, 2024 moves to March 1, 2024."""
        assert first_of_month_on_or_after(date(2024, 2, 29)) == date(2024, 3, 1)

    def test_december_moves_into_january(self) -> None:
        """December 31, 2025 moves to January 1, 2026."""
        assert first_of_month_on_or_after(date(2025, 12, 31)) == date(2026, 1, 1)

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` is refused with ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            first_of_month_on_or_after(datetime(2025, 3, 1))

    @given(DATES)
    def test_is_the_earliest_first_on_or_after(self, day: date) -> None:
        """The answer is a 1st, on or after ``day``, and no 1st lies between them."""
        result = first_of_month_on_or_after(day)
        assert result.day == 1
        assert 0 <= (result - day).days <= 30
        assert month_index(result) - month_index(day) == (0 if day.day == 1 else 1)


class TestFirstOfMonthAfter:
    def test_the_first_moves_to_the_next_month(self) -> None:
        """March 1 is not after March 1: the answer is April 1."""
        assert first_of_month_after(date(2025, 3, 1)) == date(2025, 4, 1)

    def test_the_last_day_moves_to_the_next_day(self) -> None:
        """March 31 moves to April 1, the next day."""
        assert first_of_month_after(date(2025, 3, 31)) == date(2025, 4, 1)

    def test_december_moves_into_january(self) -> None:
        """December 1, 2025 moves to January 1, 2026."""
        assert first_of_month_after(date(2025, 12, 1)) == date(2026, 1, 1)

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` is refused with ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            first_of_month_after(datetime(2025, 3, 1))

    def test_refuses_an_answer_past_year_9999(self) -> None:
        """December 9999 has no next month: ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            first_of_month_after(date(9999, 12, 5))

    @given(DATES)
    def test_is_the_first_of_the_next_month(self, day: date) -> None:
        """The answer is the 1st of the month after ``day``'s month, 1 to 31 days later."""
        result = first_of_month_after(day)
        assert result.day == 1
        assert month_index(result) == month_index(day) + 1
        assert 1 <= (result - day).days <= 31


class TestDaysBetween:
    def test_counts_the_regulation_example(self) -> None:
        """January 19 to April 19, 2025 is 90 days (12 + 28 + 31 + 19)."""
        assert days_between(date(2025, 1, 19), date(2025, 4, 19)) == 90

    def test_counts_a_leap_day(self) -> None:
        """February 28 to March 1, 2024 is 2 days; in 2025 it is 1."""
        assert days_between(date(2024, 2, 28), date(2024, 3, 1)) == 2
        assert days_between(date(2025, 2, 28), date(2025, 3, 1)) == 1

    def test_is_negative_backwards(self) -> None:
        """An end before the start gives a negative count."""
        assert days_between(date(2025, 1, 2), date(2025, 1, 1)) == -1

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` end is refused with ``InputTypeError`` naming ``end``."""
        with pytest.raises(InputTypeError) as caught:
            days_between(date(2025, 1, 1), datetime(2025, 1, 2))
        assert caught.value.field == "end"

"""Window lengths: calendar days, elapsed hours, business days and business hours.

Dates used below (counted by hand): 2026-03-01 is a Sunday, so Friday 2026-03-06 is followed
by Monday 2026-03-09. In America/New_York the clocks go forward at 02:00 on Sunday 2026-03-08
(EST -05:00 to EDT -04:00) and back at 02:00 on Sunday 2026-11-01. 2028 is a leap year.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from safetycore.eligibility import (
    Length,
    Param,
    Parameter,
    Unit,
    business_days,
    business_hours,
    days,
    hours,
)
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
)
from safetycore.sla import Calendar

NY = ZoneInfo("America/New_York")
EST = dt.timedelta(hours=-5)
EDT = dt.timedelta(hours=-4)
OFFICE = Calendar.from_dict({"zone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}})


def wall(value: dt.datetime) -> tuple[int, int, int, int, int, dt.timedelta | None]:
    """The local wall-clock reading and offset of an aware datetime."""
    return (value.year, value.month, value.day, value.hour, value.minute, value.utcoffset())


class TestDays:
    @pytest.mark.parametrize(
        ("n", "anchor", "expected"),
        [
            (0, dt.date(2026, 3, 6), dt.date(2026, 3, 6)),
            (30, dt.date(2026, 1, 31), dt.date(2026, 3, 2)),
            (1, dt.date(2026, 2, 28), dt.date(2026, 3, 1)),
            (1, dt.date(2028, 2, 28), dt.date(2028, 2, 29)),
            (1, dt.date(2028, 2, 29), dt.date(2028, 3, 1)),
            (365, dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
            (1, dt.date(2026, 12, 31), dt.date(2027, 1, 1)),
            (60, dt.date(2026, 3, 1), dt.date(2026, 4, 30)),
        ],
    )
    def test_on_dates(self, n: int, anchor: dt.date, expected: dt.date) -> None:
        """``days(n)`` after a date is the date ``n`` calendar days later."""
        result = days(n).after(anchor)
        assert result == expected
        assert type(result) is dt.date

    def test_keeps_wall_clock_across_spring_forward(self) -> None:
        """1 day after Saturday 12:00 EST is Sunday 12:00 EDT (23 elapsed hours)."""
        result = days(1).after(dt.datetime(2026, 3, 7, 12, tzinfo=NY))
        assert wall(result) == (2026, 3, 8, 12, 0, EDT)

    def test_time_in_the_gap_moves_forward(self) -> None:
        """1 day after 2026-03-07 02:30 EST is 03:30 EDT: 02:30 does not exist on 2026-03-08."""
        result = days(1).after(dt.datetime(2026, 3, 7, 2, 30, tzinfo=NY))
        assert wall(result) == (2026, 3, 8, 3, 30, EDT)
        assert result == dt.datetime(2026, 3, 8, 7, 30, tzinfo=dt.UTC)

    def test_keeps_wall_clock_across_fall_back(self) -> None:
        """1 day after Saturday 12:00 EDT is Sunday 12:00 EST (25 elapsed hours)."""
        result = days(1).after(dt.datetime(2026, 10, 31, 12, tzinfo=NY))
        assert wall(result) == (2026, 11, 1, 12, 0, EST)
        assert result == dt.datetime(2026, 11, 1, 17, tzinfo=dt.UTC)

    def test_time_in_the_fold_takes_the_earlier(self) -> None:
        """1 day after 2026-10-31 01:30 EDT is the first 01:30 of 2026-11-01 (still EDT)."""
        result = days(1).after(dt.datetime(2026, 10, 31, 1, 30, tzinfo=NY))
        assert wall(result) == (2026, 11, 1, 1, 30, EDT)
        # An ambiguous local time never compares equal across zones (PEP 495): convert first.
        assert result.astimezone(dt.UTC) == dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC)

    def test_from_the_second_occurrence_of_a_folded_time(self) -> None:
        """1 day after the second 01:30 of 2026-11-01 (EST) is 2026-11-02 01:30 EST."""
        result = days(1).after(dt.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NY))
        assert wall(result) == (2026, 11, 2, 1, 30, EST)

    def test_result_stays_in_the_anchor_zone(self) -> None:
        """The result is written in the anchor's own zone."""
        result = days(2).after(dt.datetime(2026, 3, 7, 12, tzinfo=NY))
        assert result.tzinfo is NY

    def test_naive_anchor_is_refused(self) -> None:
        """A naive datetime anchor raises NaiveDatetimeError naming ``anchor``."""
        with pytest.raises(NaiveDatetimeError) as caught:
            days(1).after(dt.datetime(2026, 3, 7, 12))
        assert caught.value.field == "anchor"


class TestHours:
    def test_elapsed_across_spring_forward(self) -> None:
        """24 hours after 2026-03-07 12:00 EST is 2026-03-08 13:00 EDT."""
        result = hours(24).after(dt.datetime(2026, 3, 7, 12, tzinfo=NY))
        assert wall(result) == (2026, 3, 8, 13, 0, EDT)

    def test_elapsed_across_fall_back(self) -> None:
        """24 hours after 2026-10-31 12:00 EDT is 2026-11-01 11:00 EST."""
        result = hours(24).after(dt.datetime(2026, 10, 31, 12, tzinfo=NY))
        assert wall(result) == (2026, 11, 1, 11, 0, EST)

    def test_utc_anchor(self) -> None:
        """48 hours after a UTC instant is exactly two days later in UTC."""
        result = hours(48).after(dt.datetime(2026, 2, 27, 18, tzinfo=dt.UTC))
        assert result == dt.datetime(2026, 3, 1, 18, tzinfo=dt.UTC)

    def test_date_anchor_is_refused(self) -> None:
        """Hours after a date raise InputTypeError naming ``anchor``: a date has no time."""
        with pytest.raises(InputTypeError) as caught:
            hours(24).after(dt.date(2026, 3, 7))
        assert caught.value.field == "anchor"
        assert caught.value.value == dt.date(2026, 3, 7)

    def test_naive_anchor_is_refused(self) -> None:
        """A naive datetime anchor raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            hours(1).after(dt.datetime(2026, 3, 7, 12))


class TestBusinessDays:
    @pytest.mark.parametrize(
        ("n", "anchor", "expected"),
        [
            (1, dt.date(2026, 3, 6), dt.date(2026, 3, 9)),
            (5, dt.date(2026, 3, 6), dt.date(2026, 3, 13)),
            (1, dt.date(2026, 3, 7), dt.date(2026, 3, 9)),
            (1, dt.date(2026, 3, 9), dt.date(2026, 3, 10)),
        ],
    )
    def test_from_a_date(self, n: int, anchor: dt.date, expected: dt.date) -> None:
        """Business days count Monday-to-Friday dates after the anchor's date, giving a date."""
        result = business_days(n, OFFICE).after(anchor)
        assert result == expected
        # A date (pendulum.Date, a date subclass, in practice), never a datetime.
        assert isinstance(result, dt.date)
        assert not isinstance(result, dt.datetime)

    def test_from_a_datetime_keeps_wall_clock(self) -> None:
        """1 business day after Friday 10:00 EST is Monday 10:00 EDT (DST began on Sunday)."""
        result = business_days(1, OFFICE).after(dt.datetime(2026, 3, 6, 10, tzinfo=NY))
        assert wall(result) == (2026, 3, 9, 10, 0, EDT)

    def test_needs_a_calendar(self) -> None:
        """A business-day length without a Calendar raises InputTypeError naming ``calendar``."""
        with pytest.raises(InputTypeError) as caught:
            Length(1, Unit.BUSINESS_DAYS)
        assert caught.value.field == "calendar"


class TestBusinessHours:
    def test_over_a_weekend(self) -> None:
        """4 business hours from Friday 15:00 are 2 on Friday and 2 on Monday: Monday 11:00."""
        result = business_hours(4, OFFICE).after(dt.datetime(2026, 3, 6, 15, tzinfo=NY))
        assert result == dt.datetime(2026, 3, 9, 11, tzinfo=NY)
        assert wall(result) == (2026, 3, 9, 11, 0, EDT)

    def test_from_outside_hours(self) -> None:
        """2 business hours from Saturday noon end Monday 11:00."""
        result = business_hours(2, OFFICE).after(dt.datetime(2026, 3, 7, 12, tzinfo=NY))
        assert result == dt.datetime(2026, 3, 9, 11, tzinfo=NY)

    def test_date_anchor_is_refused(self) -> None:
        """Business hours after a date raise InputTypeError naming ``anchor``."""
        with pytest.raises(InputTypeError) as caught:
            business_hours(4, OFFICE).after(dt.date(2026, 3, 6))
        assert caught.value.field == "anchor"

    def test_needs_a_calendar(self) -> None:
        """A business-hours length without a Calendar raises InputTypeError."""
        with pytest.raises(InputTypeError):
            Length(4, Unit.BUSINESS_HOURS, None)


class TestLengthAmount:
    def test_negative_is_refused(self) -> None:
        """A negative amount raises InvalidArgumentError naming ``amount``."""
        with pytest.raises(InvalidArgumentError) as caught:
            days(-1)
        assert isinstance(caught.value, ValueError)
        assert caught.value.field == "amount"
        assert caught.value.value == -1

    @pytest.mark.parametrize("amount", [True, 1.5, "3"])
    def test_non_int_is_refused(self, amount: object) -> None:
        """A bool, float or str amount raises InputTypeError naming ``amount``."""
        with pytest.raises(InputTypeError) as caught:
            hours(amount)  # type: ignore[arg-type]
        assert caught.value.field == "amount"

    def test_zero_is_allowed(self) -> None:
        """Zero hours after an instant is that instant."""
        anchor = dt.datetime(2026, 3, 7, 12, tzinfo=NY)
        assert hours(0).after(anchor) == anchor


class TestLengthResolved:
    def test_param_is_replaced(self) -> None:
        """A Param amount is replaced by the parameter's value."""
        length = hours(Param("window"))
        assert length.resolved({"window": Parameter(72, "Terms s. 5")}) == hours(72)

    def test_int_amount_is_returned_as_is(self) -> None:
        """A length without a Param resolves to itself."""
        length = days(30)
        assert length.resolved({}) is length

    def test_unresolved_param_cannot_be_added(self) -> None:
        """``after`` on a Param amount raises InputTypeError: resolve it first."""
        with pytest.raises(InputTypeError) as caught:
            days(Param("window")).after(dt.date(2026, 3, 6))
        assert caught.value.field == "amount"
        assert caught.value.value == Param("window")

    def test_unknown_param(self) -> None:
        """Resolving a Param the parameters lack raises ConfigurationError naming it."""
        with pytest.raises(ConfigurationError) as caught:
            days(Param("window")).resolved({})
        assert caught.value.value == "window"

    def test_negative_param_value_is_refused(self) -> None:
        """A parameter holding a negative amount is refused when resolved."""
        with pytest.raises(InvalidArgumentError):
            days(Param("window")).resolved({"window": Parameter(-2, "Terms")})

    def test_resolved_business_days_keep_the_calendar(self) -> None:
        """Resolving keeps the unit and calendar: 2 business days after Friday is Tuesday."""
        length = business_days(Param("n"), OFFICE).resolved({"n": Parameter(2, "Terms")})
        assert length.after(dt.date(2026, 3, 6)) == dt.date(2026, 3, 10)


class TestLengthDescribe:
    @pytest.mark.parametrize(
        ("length", "text"),
        [
            (hours(48), "48 hours"),
            (hours(1), "1 hour"),
            (days(1), "1 day"),
            (days(0), "0 days"),
            (days(30), "30 days"),
            (business_days(1, OFFICE), "1 business day"),
            (business_days(10, OFFICE), "10 business days"),
            (business_hours(1, OFFICE), "1 business hour"),
            (business_hours(4, OFFICE), "4 business hours"),
            (hours(Param("window")), "window hours"),
        ],
    )
    def test_singular_and_plural(self, length: Length, text: str) -> None:
        """The description uses the singular unit for exactly 1 and the plural otherwise."""
        assert length.describe() == text

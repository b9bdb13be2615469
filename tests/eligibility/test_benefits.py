"""US benefits timing rules: waiting periods, ACA full time, HIPAA special enrollment, COBRA.

Every expected date is counted by hand. Day counting for waiting periods: the day the wait
begins is day 1, so with ``days`` waiting days coverage can start at the earliest on
``start + days`` (day ``days + 1``) and at the latest on ``start + 90 days`` (day 91).

Month lengths used below: January 31, February 28 (29 in 2024 and 2028), March 31, April 30,
May 31, June 30, July 31, August 31, September 30, October 31, November 30, December 31.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from safetycore.eligibility.benefits import (
    Entry,
    SpecialEnrolmentEvent,
    WaitingPeriod,
    effective_date,
    election_deadline,
    is_full_time_monthly,
    is_full_time_weekly,
    is_timely,
    request_deadline,
)
from safetycore.eligibility.months import first_of_month_after, one_month_after
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
)

DAY = timedelta(days=1)
Event = SpecialEnrolmentEvent


class TestEntry:
    def test_values_are_the_plain_names(self) -> None:
        """Each entry rule has a lower-case string value for configuration files."""
        assert [entry.value for entry in Entry] == [
            "day_after",
            "first_of_month_on_or_after",
            "first_of_month_after",
        ]


class TestWaitingPeriod:
    def test_accepts_the_value_of_an_entry(self) -> None:
        """An entry may be given by its string value and compares equal to the member."""
        assert WaitingPeriod(30, "day_after") == WaitingPeriod(30, Entry.DAY_AFTER)

    def test_refuses_an_unknown_entry(self) -> None:
        """An unknown entry name raises ``ConfigurationError`` naming ``entry``."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(30, "weekly")
        assert caught.value.field == "entry"

    def test_is_frozen_and_slotted(self) -> None:
        """A policy cannot be changed after construction and has no instance dict."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            policy.days = 31  # type: ignore[misc]
        assert not hasattr(policy, "__dict__")

    def test_pickles(self) -> None:
        """A policy survives a pickle round trip."""
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER, orientation=True)
        assert pickle.loads(pickle.dumps(policy)) == policy

    def test_refuses_negative_days(self) -> None:
        """Negative days raise ``ConfigurationError`` naming ``days`` and the value."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(-1, Entry.DAY_AFTER)
        assert (caught.value.field, caught.value.value) == ("days", -1)

    @pytest.mark.parametrize("days", [True, 30.0, "30", None])
    def test_refuses_days_that_are_not_an_int(self, days: object) -> None:
        """``days`` must be an int: a bool, float, str or None raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as caught:
            WaitingPeriod(days, Entry.DAY_AFTER)  # type: ignore[arg-type]
        assert caught.value.field == "days"

    def test_refuses_a_non_bool_orientation(self) -> None:
        """``orientation`` must be a bool (1 is refused)."""
        with pytest.raises(InputTypeError) as caught:
            WaitingPeriod(30, Entry.DAY_AFTER, orientation=1)  # type: ignore[arg-type]
        assert caught.value.field == "orientation"

    def test_accepts_90_days_and_day_after(self) -> None:
        """90 waiting days then coverage the next day starts on day 91: allowed."""
        assert WaitingPeriod(90, Entry.DAY_AFTER).max_wait()[1] == 90

    def test_refuses_91_days(self) -> None:
        """91 waiting days would start coverage on day 92: ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(91, Entry.DAY_AFTER)
        assert (caught.value.field, caught.value.value) == ("days", 91)

    def test_accepts_first_of_the_month_after_30_days(self) -> None:
        """'First of the month strictly after 30 days' waits at most 61 days: allowed."""
        WaitingPeriod(30, Entry.FIRST_OF_MONTH_AFTER)

    def test_accepts_first_of_the_month_on_or_after_60_days(self) -> None:
        """'First of the month on or after 60 days' waits at most 60 + 30 = 90 days: allowed."""
        assert WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER).max_wait()[1] == 90

    def test_refuses_first_of_the_month_strictly_after_60_days(self) -> None:
        """The first of the month strictly after 60 days waits 91 days for a January 1, 2024 hire.

        By hand: January 1, 2024 + 60 days = March 1, 2024 (31 January days to February 1,
        then 29 February days in the leap year). The first of a month strictly after March 1
        is April 1, and January 1 to April 1 is 31 + 29 + 31 = 91 days: day 92. The scan
        starts on January 1, 2024, so that is the first offending hire date it reports.
        """
        hire = date(2024, 1, 1)
        assert hire + timedelta(days=60) == date(2024, 3, 1)
        assert first_of_month_after(date(2024, 3, 1)) == date(2024, 4, 1)
        assert (date(2024, 4, 1) - hire).days == 91
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(60, Entry.FIRST_OF_MONTH_AFTER)
        assert (caught.value.field, caught.value.value) == ("days", 60)
        message = str(caught.value)
        assert "2024-01-01" in message
        assert "coverage starts 2024-04-01, 91 days later" in message

    def test_first_of_the_month_after_60_days_also_fails_in_a_common_year(self) -> None:
        """A December 31, 2024 hire reaches March 1, 2025 after 60 days and waits 91 too.

        By hand: December 31 + 1 = January 1, + 31 = February 1, + 28 = March 1 (60 days);
        coverage April 1, 2025, which is 1 + 31 + 28 + 31 = 91 days after the hire.
        """
        hire = date(2024, 12, 31)
        assert hire + timedelta(days=60) == date(2025, 3, 1)
        assert (first_of_month_after(date(2025, 3, 1)) - hire).days == 91

    @pytest.mark.parametrize(
        ("entry", "largest"),
        [
            (Entry.DAY_AFTER, 90),
            (Entry.FIRST_OF_MONTH_ON_OR_AFTER, 60),
            (Entry.FIRST_OF_MONTH_AFTER, 59),
        ],
    )
    @pytest.mark.parametrize("orientation", [False, True])
    def test_largest_accepted_days(self, entry: Entry, largest: int, orientation: bool) -> None:
        """Day-after allows 90 days, first-on-or-after 60, first-strictly-after 59; no more."""
        assert WaitingPeriod(largest, entry, orientation=orientation).max_wait()[1] == 90
        with pytest.raises(ConfigurationError):
            WaitingPeriod(largest + 1, entry, orientation=orientation)

    def test_accepts_1200_cumulative_hours(self) -> None:
        """A 1,200-hour cumulative requirement is the largest allowed."""
        assert WaitingPeriod(90, Entry.DAY_AFTER, cumulative_hours=1200).cumulative_hours == 1200

    def test_refuses_1201_cumulative_hours(self) -> None:
        """More than 1,200 cumulative hours raises ``ConfigurationError`` naming the field."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(30, Entry.DAY_AFTER, cumulative_hours=1201)
        assert (caught.value.field, caught.value.value) == ("cumulative_hours", 1201)

    def test_refuses_zero_cumulative_hours(self) -> None:
        """A zero-hour requirement is refused: None means no requirement."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(30, Entry.DAY_AFTER, cumulative_hours=0)
        assert caught.value.field == "cumulative_hours"

    def test_refuses_orientation_with_cumulative_hours(self) -> None:
        """An orientation period and an hours requirement together are refused."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriod(30, Entry.DAY_AFTER, orientation=True, cumulative_hours=500)
        assert caught.value.field == "orientation"


class TestWaitingPeriodStart:
    def test_is_the_hire_date_without_orientation(self) -> None:
        """Without orientation the wait begins on the hire date (day 1)."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER)
        assert policy.waiting_period_start(date(2025, 5, 3)) == date(2025, 5, 3)

    def test_is_the_day_after_orientation_ends(self) -> None:
        """Hired May 3: orientation ends June 2, the wait begins June 3."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER, orientation=True)
        assert policy.waiting_period_start(date(2025, 5, 3)) == date(2025, 6, 3)

    def test_january_30_and_31_both_begin_march_1_in_2026(self) -> None:
        """Orientation from January 30 or 31, 2026 ends February 28; the wait begins March 1."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER, orientation=True)
        assert policy.waiting_period_start(date(2026, 1, 30)) == date(2026, 3, 1)
        assert policy.waiting_period_start(date(2026, 1, 31)) == date(2026, 3, 1)

    def test_refuses_an_hours_policy(self) -> None:
        """An hours policy cannot place its wait from a hire date: ``InvalidArgumentError``."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER, cumulative_hours=1000)
        with pytest.raises(InvalidArgumentError):
            policy.waiting_period_start(date(2025, 5, 3))


class TestCoverageStart:
    def test_day_91_for_a_90_day_wait(self) -> None:
        """Hired January 19, 2025 with 90 days: coverage April 19 (12 + 28 + 31 + 19 = 90)."""
        policy = WaitingPeriod(90, Entry.DAY_AFTER)
        assert policy.coverage_start(date(2025, 1, 19)) == date(2025, 4, 19)

    def test_day_91_in_a_leap_year(self) -> None:
        """Hired January 19, 2024 with 90 days: coverage April 18 (February has 29 days)."""
        policy = WaitingPeriod(90, Entry.DAY_AFTER)
        assert policy.coverage_start(date(2024, 1, 19)) == date(2024, 4, 18)

    def test_no_wait_starts_on_the_hire_date(self) -> None:
        """Zero waiting days with day-after entry start coverage on the hire date."""
        assert WaitingPeriod(0, Entry.DAY_AFTER).coverage_start(date(2025, 3, 7)) == date(
            2025, 3, 7
        )

    def test_on_or_after_keeps_a_first_of_the_month(self) -> None:
        """Hired January 30, 2025, 30 days later is March 1: coverage starts March 1."""
        policy = WaitingPeriod(30, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
        assert policy.coverage_start(date(2025, 1, 30)) == date(2025, 3, 1)

    def test_strictly_after_skips_a_first_of_the_month(self) -> None:
        """Hired January 30, 2025, 30 days later is March 1: strictly after gives April 1."""
        policy = WaitingPeriod(30, Entry.FIRST_OF_MONTH_AFTER)
        assert policy.coverage_start(date(2025, 1, 30)) == date(2025, 4, 1)

    def test_on_or_after_moves_to_the_next_month(self) -> None:
        """Hired January 31, 2025, 30 days later is March 2: coverage starts April 1."""
        policy = WaitingPeriod(30, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
        assert policy.coverage_start(date(2025, 1, 31)) == date(2025, 4, 1)

    def test_crosses_december_into_january(self) -> None:
        """Hired December 5, 2025, 30 days later is January 4, 2026: coverage February 1."""
        policy = WaitingPeriod(30, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
        assert policy.coverage_start(date(2025, 12, 5)) == date(2026, 2, 1)

    def test_orientation_from_may_3(self) -> None:
        """Hired May 3, orientation to June 2, 90 days from June 3: coverage September 1.

        June 3 + 27 = June 30, + 31 = July 31 (58), + 31 = August 31 (89), + 1 = September 1.
        """
        policy = WaitingPeriod(90, Entry.DAY_AFTER, orientation=True)
        assert policy.coverage_start(date(2025, 5, 3)) == date(2025, 9, 1)

    def test_orientation_from_january_30_2026(self) -> None:
        """Hired January 30, 2026: the wait begins March 1, + 60 days = April 30: May 1."""
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER, orientation=True)
        assert policy.coverage_start(date(2026, 1, 30)) == date(2026, 5, 1)

    def test_orientation_from_january_31_2026(self) -> None:
        """Hired January 31, 2026: orientation also ends February 28, the same May 1."""
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER, orientation=True)
        assert policy.coverage_start(date(2026, 1, 31)) == date(2026, 5, 1)

    def test_orientation_from_january_30_2028(self) -> None:
        """Hired January 30, 2028: orientation ends February 29, 30 days from March 1: March 31."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER, orientation=True)
        assert policy.coverage_start(date(2028, 1, 30)) == date(2028, 3, 31)

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` hire date raises ``InputTypeError`` naming ``hire_date``."""
        with pytest.raises(InputTypeError) as caught:
            WaitingPeriod(30, Entry.DAY_AFTER).coverage_start(datetime(2025, 1, 1, 9, 0))
        assert caught.value.field == "hire_date"

    def test_refuses_an_hours_policy(self) -> None:
        """An hours policy needs ``coverage_start_after_hours``: ``InvalidArgumentError``."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER, cumulative_hours=1000)
        with pytest.raises(InvalidArgumentError):
            policy.coverage_start(date(2025, 1, 1))


class TestWaitDays:
    def test_counts_from_the_hire_date(self) -> None:
        """Hired January 2, 2025, first of the month on or after 60 days: April 1, 89 days."""
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
        assert policy.wait_days(date(2025, 1, 2)) == 30 + 28 + 31

    def test_counts_from_the_day_after_orientation(self) -> None:
        """Hired January 30, 2026 with orientation: March 1 to May 1 is 61 days (31 + 30)."""
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER, orientation=True)
        assert policy.wait_days(date(2026, 1, 30)) == 61

    def test_is_the_days_for_day_after(self) -> None:
        """With day-after entry the wait is exactly ``days``."""
        assert WaitingPeriod(45, Entry.DAY_AFTER).wait_days(date(2024, 2, 10)) == 45


class TestCoverageStartAfterHours:
    def test_counts_from_the_day_after_the_hours_are_met(self) -> None:
        """Hours met March 10, 2025: the wait begins March 11, + 90 days = June 9 (day 91).

        March 11 + 20 = March 31, + 30 = April 30 (50), + 31 = May 31 (81), + 9 = June 9.
        """
        policy = WaitingPeriod(90, Entry.DAY_AFTER, cumulative_hours=1200)
        assert policy.coverage_start_after_hours(date(2025, 3, 10)) == date(2025, 6, 9)
        assert date(2025, 3, 10) + timedelta(days=91) == date(2025, 6, 9)

    def test_applies_the_entry_rule(self) -> None:
        """Hours met March 10, 2025, 60 days from March 11 is May 10: coverage June 1."""
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER, cumulative_hours=800)
        assert policy.coverage_start_after_hours(date(2025, 3, 10)) == date(2025, 6, 1)

    def test_refuses_a_policy_without_hours(self) -> None:
        """A policy without an hours requirement raises ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError) as caught:
            WaitingPeriod(30, Entry.DAY_AFTER).coverage_start_after_hours(date(2025, 3, 10))
        assert caught.value.field == "hours_met_on"

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` raises ``InputTypeError`` naming ``hours_met_on``."""
        policy = WaitingPeriod(30, Entry.DAY_AFTER, cumulative_hours=1000)
        with pytest.raises(InputTypeError) as caught:
            policy.coverage_start_after_hours(datetime(2025, 3, 10))
        assert caught.value.field == "hours_met_on"


class TestMaxWait:
    def test_first_of_the_month_after_30_days(self) -> None:
        """The worst is a January 31, 2024 hire: + 30 = March 1, coverage April 1, 61 days."""
        assert WaitingPeriod(30, Entry.FIRST_OF_MONTH_AFTER).max_wait() == (date(2024, 1, 31), 61)

    def test_first_of_the_month_on_or_after_60_days(self) -> None:
        """The worst is a January 2, 2024 hire: + 60 = March 2, April 1, 30 + 29 + 31 = 90."""
        assert WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER).max_wait() == (
            date(2024, 1, 2),
            90,
        )

    def test_first_of_the_month_after_59_days(self) -> None:
        """The worst is a January 2, 2024 hire: + 59 = March 1, April 1, 90 days."""
        assert WaitingPeriod(59, Entry.FIRST_OF_MONTH_AFTER).max_wait() == (date(2024, 1, 2), 90)

    def test_day_after_is_the_first_date_scanned(self) -> None:
        """Every hire waits ``days``; the first date scanned, January 1, 2024, is reported."""
        assert WaitingPeriod(90, Entry.DAY_AFTER).max_wait() == (date(2024, 1, 1), 90)

    def test_with_orientation(self) -> None:
        """Hired February 3, 2024: orientation to March 2, wait from March 3, June 1: 90 days.

        March 3 + 60 = May 2; the first of a month on or after it is June 1; March 3 to June 1
        is 29 + 30 + 31 = 90 days.
        """
        policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER, orientation=True)
        assert one_month_after(date(2024, 2, 3)) == date(2024, 3, 2)
        assert policy.max_wait() == (date(2024, 2, 3), 90)


POLICIES = st.tuples(
    st.integers(min_value=0, max_value=90),
    st.sampled_from(Entry),
    st.booleans(),
    st.none() | st.integers(min_value=1, max_value=1200),
)
# Years 1601-9990 hold every century rule: 1700, 1800, 1900 and 2100 are not leap years.
HIRES = st.dates(min_value=date(1601, 1, 1), max_value=date(9990, 12, 31))


def accepted(params: tuple[int, Entry, bool, int | None]) -> WaitingPeriod:
    """The policy, or the example is discarded when construction refuses it."""
    days, entry, orientation, hours = params
    assume(not (orientation and hours is not None))
    try:
        return WaitingPeriod(days, entry, orientation=orientation, cumulative_hours=hours)
    except ConfigurationError:
        assume(False)
        raise  # pragma: no cover - assume(False) never returns


class TestWaitingPeriodProperties:
    @given(POLICIES, HIRES)
    def test_coverage_starts_by_day_91(
        self, params: tuple[int, Entry, bool, int | None], hire: date
    ) -> None:
        """Coverage of an accepted policy starts 'days' to 90 days after the wait begins."""
        policy = accepted(params)
        if policy.cumulative_hours is None:
            wait_start = policy.waiting_period_start(hire)
            start = policy.coverage_start(hire)
        else:
            wait_start = hire + DAY
            start = policy.coverage_start_after_hours(hire)
        assert policy.days <= (start - wait_start).days <= 90
        if policy.orientation:
            assert wait_start == one_month_after(hire) + DAY

    @given(POLICIES, HIRES)
    def test_max_wait_bounds_every_year(
        self, params: tuple[int, Entry, bool, int | None], hire: date
    ) -> None:
        """No hire date in any year waits longer than ``max_wait`` (the scan is complete)."""
        policy = accepted(params)
        if policy.cumulative_hours is not None:
            return
        assert policy.wait_days(hire) <= policy.max_wait()[1]


class TestIsFullTimeWeekly:
    @pytest.mark.parametrize(
        ("hours", "expected"),
        [(30, True), (29, False), (0, False), (Decimal("30.0"), True), (Decimal("29.9"), False)],
    )
    def test_thirty_hours_a_week(self, hours: int | Decimal, expected: bool) -> None:
        """At least 30 hours a week is full time; 29.9 is not."""
        assert is_full_time_weekly(hours) is expected

    @pytest.mark.parametrize("hours", [29.9, 30.0, True, "30", None])
    def test_refuses_floats_and_bools(self, hours: object) -> None:
        """A float, bool, str or None raises ``InputTypeError`` naming ``hours_per_week``."""
        with pytest.raises(InputTypeError) as caught:
            is_full_time_weekly(hours)  # type: ignore[arg-type]
        assert caught.value.field == "hours_per_week"

    @pytest.mark.parametrize("hours", [-1, Decimal("-0.1"), Decimal("NaN"), Decimal("Infinity")])
    def test_refuses_negative_and_non_finite(self, hours: int | Decimal) -> None:
        """A negative, NaN or infinite number of hours raises ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError):
            is_full_time_weekly(hours)


class TestIsFullTimeMonthly:
    @pytest.mark.parametrize(
        ("hours", "expected"),
        [
            (130, True),
            (129, False),
            (Decimal("130.00"), True),
            (Decimal("129.99"), False),
            (Decimal("129.9"), False),
        ],
    )
    def test_130_hours_in_a_month(self, hours: int | Decimal, expected: bool) -> None:
        """At least 130 hours of service in a calendar month is full time; 129 is not."""
        assert is_full_time_monthly(hours) is expected

    @pytest.mark.parametrize("hours", [130.0, False])
    def test_refuses_floats_and_bools(self, hours: object) -> None:
        """A float or bool raises ``InputTypeError`` naming ``hours_in_month``."""
        with pytest.raises(InputTypeError) as caught:
            is_full_time_monthly(hours)  # type: ignore[arg-type]
        assert caught.value.field == "hours_in_month"

    def test_refuses_negative_hours(self) -> None:
        """Negative hours raise ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError):
            is_full_time_monthly(Decimal("-1"))


class TestSpecialEnrolmentEvent:
    def test_has_the_seven_events(self) -> None:
        """The seven HIPAA special-enrollment events, with plain string values."""
        assert {event.value for event in Event} == {
            "loss_of_coverage",
            "marriage",
            "birth",
            "adoption",
            "placement_for_adoption",
            "medicaid_chip_loss",
            "medicaid_chip_subsidy",
        }


class TestRequestDeadline:
    @pytest.mark.parametrize(
        "event",
        [Event.LOSS_OF_COVERAGE, Event.MARRIAGE, Event.BIRTH, Event.ADOPTION],
    )
    def test_thirty_days(self, event: SpecialEnrolmentEvent) -> None:
        """June 14, 2025 + 30 days is July 14 (16 June days, then 14)."""
        assert request_deadline(event, date(2025, 6, 14)) == date(2025, 7, 14)

    @pytest.mark.parametrize("event", [Event.MEDICAID_CHIP_LOSS, Event.MEDICAID_CHIP_SUBSIDY])
    def test_sixty_days_for_medicaid_and_chip(self, event: SpecialEnrolmentEvent) -> None:
        """June 14, 2025 + 60 days is August 13 (16 + 31 + 13)."""
        assert request_deadline(event, date(2025, 6, 14)) == date(2025, 8, 13)

    def test_counts_a_leap_day(self) -> None:
        """February 15, 2024 + 30 days is March 16 (14 February days in the leap year, then 16)."""
        assert request_deadline(Event.LOSS_OF_COVERAGE, date(2024, 2, 15)) == date(2024, 3, 16)

    def test_crosses_into_january(self) -> None:
        """December 15, 2025 + 30 days is January 14, 2026."""
        assert request_deadline(Event.PLACEMENT_FOR_ADOPTION, date(2025, 12, 15)) == date(
            2026, 1, 14
        )

    def test_refuses_an_event_name(self) -> None:
        """The event must be a ``SpecialEnrolmentEvent``, not its string value."""
        with pytest.raises(InputTypeError) as caught:
            request_deadline("marriage", date(2025, 6, 14))  # type: ignore[arg-type]
        assert caught.value.field == "event"

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` event date raises ``InputTypeError`` naming ``event_date``."""
        with pytest.raises(InputTypeError) as caught:
            request_deadline(Event.MARRIAGE, datetime(2025, 6, 14))
        assert caught.value.field == "event_date"


class TestIsTimely:
    def test_thirty_day_request_on_the_deadline(self) -> None:
        """A marriage on June 14, 2025: a request on July 14 is timely."""
        assert is_timely(Event.MARRIAGE, date(2025, 6, 14), date(2025, 7, 14))

    def test_thirty_day_request_one_day_late(self) -> None:
        """A marriage on June 14, 2025: a request on July 15 is late."""
        assert not is_timely(Event.MARRIAGE, date(2025, 6, 14), date(2025, 7, 15))

    def test_sixty_day_request_on_the_deadline(self) -> None:
        """Medicaid ends June 14, 2025: a request on August 13 is timely."""
        assert is_timely(Event.MEDICAID_CHIP_LOSS, date(2025, 6, 14), date(2025, 8, 13))

    def test_sixty_day_request_one_day_late(self) -> None:
        """Medicaid ends June 14, 2025: a request on August 14 is late."""
        assert not is_timely(Event.MEDICAID_CHIP_SUBSIDY, date(2025, 6, 14), date(2025, 8, 14))

    def test_same_day_request(self) -> None:
        """A request on the day of the event is timely."""
        assert is_timely(Event.BIRTH, date(2025, 3, 9), date(2025, 3, 9))

    def test_refuses_a_request_before_the_event(self) -> None:
        """A request before its event raises ``InvalidArgumentError`` naming ``request_date``."""
        with pytest.raises(InvalidArgumentError) as caught:
            is_timely(Event.MARRIAGE, date(2025, 6, 14), date(2025, 6, 13))
        assert caught.value.field == "request_date"


class TestEffectiveDate:
    @pytest.mark.parametrize("event", [Event.BIRTH, Event.ADOPTION, Event.PLACEMENT_FOR_ADOPTION])
    def test_birth_and_adoption_on_the_event_date(self, event: SpecialEnrolmentEvent) -> None:
        """Born, adopted or placed on March 9, requested March 20: coverage from March 9."""
        assert effective_date(event, date(2025, 3, 9), date(2025, 3, 20)) == date(2025, 3, 9)

    def test_birth_is_retroactive_even_across_a_month(self) -> None:
        """Born January 20, requested February 18: coverage still from January 20."""
        assert effective_date(Event.BIRTH, date(2025, 1, 20), date(2025, 2, 18)) == date(
            2025, 1, 20
        )

    def test_marriage_on_the_first_of_the_next_month(self) -> None:
        """Married June 14, requested June 20: coverage July 1."""
        assert effective_date(Event.MARRIAGE, date(2025, 6, 14), date(2025, 6, 20)) == date(
            2025, 7, 1
        )

    def test_request_on_the_first_waits_a_whole_month(self) -> None:
        """A request received July 1 gives August 1: July does not begin after July 1."""
        assert effective_date(Event.MARRIAGE, date(2025, 6, 14), date(2025, 7, 1)) == date(
            2025, 8, 1
        )

    def test_loss_of_coverage_crosses_into_january(self) -> None:
        """Coverage lost and requested December 31, 2025: coverage January 1, 2026."""
        assert effective_date(
            Event.LOSS_OF_COVERAGE, date(2025, 12, 31), date(2025, 12, 31)
        ) == date(2026, 1, 1)

    @pytest.mark.parametrize("event", [Event.MEDICAID_CHIP_LOSS, Event.MEDICAID_CHIP_SUBSIDY])
    def test_medicaid_and_chip_follow_the_loss_of_coverage_rule(
        self, event: SpecialEnrolmentEvent
    ) -> None:
        """Medicaid ends January 10, request February 15: coverage March 1."""
        assert effective_date(event, date(2025, 1, 10), date(2025, 2, 15)) == date(2025, 3, 1)

    def test_does_not_check_timeliness(self) -> None:
        """A late marriage request still gets an answer; ``is_timely`` says it is late."""
        assert effective_date(Event.MARRIAGE, date(2025, 1, 1), date(2025, 3, 15)) == date(
            2025, 4, 1
        )
        assert not is_timely(Event.MARRIAGE, date(2025, 1, 1), date(2025, 3, 15))

    def test_refuses_a_request_before_the_event(self) -> None:
        """A request before its event raises ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError):
            effective_date(Event.MARRIAGE, date(2025, 6, 14), date(2025, 6, 1))


class TestElectionDeadline:
    def test_notice_after_the_loss(self) -> None:
        """Lost March 31, notice April 10, 2025: 60 days from April 10 is June 9."""
        assert election_deadline(date(2025, 3, 31), date(2025, 4, 10)) == date(2025, 6, 9)

    def test_notice_before_the_loss(self) -> None:
        """Notice May 15, lost May 31, 2025: 60 days from May 31 is July 30."""
        assert election_deadline(date(2025, 5, 31), date(2025, 5, 15)) == date(2025, 7, 30)

    def test_same_day(self) -> None:
        """Lost and notified December 1, 2025: January 30, 2026 (30 + 30)."""
        assert election_deadline(date(2025, 12, 1), date(2025, 12, 1)) == date(2026, 1, 30)

    def test_a_longer_plan_period(self) -> None:
        """A 90-day period from April 10, 2025 ends July 9 (20 + 31 + 30 + 9)."""
        assert election_deadline(date(2025, 3, 31), date(2025, 4, 10), days=90) == date(2025, 7, 9)

    def test_refuses_59_days(self) -> None:
        """An election period under 60 days raises ``InvalidArgumentError`` naming ``days``."""
        with pytest.raises(InvalidArgumentError) as caught:
            election_deadline(date(2025, 3, 31), date(2025, 4, 10), days=59)
        assert (caught.value.field, caught.value.value) == ("days", 59)

    def test_refuses_a_bool_period(self) -> None:
        """``days`` must be an int, not a bool."""
        with pytest.raises(InputTypeError):
            election_deadline(date(2025, 3, 31), date(2025, 4, 10), days=True)

    def test_refuses_a_datetime(self) -> None:
        """A ``datetime`` notice date raises ``InputTypeError`` naming ``notice_given_on``."""
        with pytest.raises(InputTypeError) as caught:
            election_deadline(date(2025, 3, 31), datetime(2025, 4, 10))
        assert caught.value.field == "notice_given_on"

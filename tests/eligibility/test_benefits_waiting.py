"""The 90-day waiting-period limit per hire as well as per plan, and otherwise-eligible dates.

Day counting: the day the wait begins is day 1 and coverage must start by day 91, that is no
later than ``wait_start + 90 days``. Month lengths: January 31, February 28 (29 in 2024 and
2028), March 31, April 30, May 31, June 30, July 31, August 31, September 30, October 31,
November 30, December 31.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.eligibility.benefits import Entry, HireWait, WaitingPeriod, WaitingPeriodTerms
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

DAY = timedelta(days=1)
STRICT_60 = WaitingPeriodTerms(60, Entry.FIRST_OF_MONTH_AFTER)


def _naive_coverage(wait_start: date, days: int, entry: Entry) -> date:
    """Count the waiting days one at a time, then walk day by day to the entry date."""
    day = wait_start
    for _ in range(days):
        day += DAY
    if entry is Entry.DAY_AFTER:
        return day
    if entry is Entry.FIRST_OF_MONTH_AFTER:
        day += DAY
    while day.day != 1:
        day += DAY
    return day


class TestWaitingPeriodTerms:
    def test_accepts_a_wording_the_limit_refuses(self) -> None:
        """60 days then the first of a month strictly after: allowed as terms, not as a plan."""
        with pytest.raises(ConfigurationError):
            WaitingPeriod(60, Entry.FIRST_OF_MONTH_AFTER)
        assert STRICT_60.complies() is False
        assert STRICT_60.max_wait() == (date(2024, 1, 1), 91)

    @pytest.mark.parametrize(
        ("terms", "complies"),
        [
            (WaitingPeriodTerms(90, Entry.DAY_AFTER), True),
            (WaitingPeriodTerms(91, Entry.DAY_AFTER), False),
            (WaitingPeriodTerms(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER), True),
            (WaitingPeriodTerms(61, Entry.FIRST_OF_MONTH_ON_OR_AFTER), False),
            (WaitingPeriodTerms(59, Entry.FIRST_OF_MONTH_AFTER), True),
            (WaitingPeriodTerms(59, Entry.FIRST_OF_MONTH_AFTER, orientation=True), True),
            (WaitingPeriodTerms(90, Entry.DAY_AFTER, orientation=True), True),
            (WaitingPeriodTerms(0, Entry.DAY_AFTER), True),
        ],
    )
    def test_complies_on_and_over_the_limit(
        self, terms: WaitingPeriodTerms, complies: bool
    ) -> None:
        """The largest compliant days per entry comply; one more day does not."""
        assert terms.complies() is complies

    @pytest.mark.parametrize(("days", "field"), [(-1, "days"), (366, "days")])
    def test_refuses_days_outside(self, days: int, field: str) -> None:
        """Days outside 0 to 365 raise ``ConfigurationError`` naming ``days``."""
        with pytest.raises(ConfigurationError) as caught:
            WaitingPeriodTerms(days, Entry.DAY_AFTER)
        assert (caught.value.field, caught.value.value) == (field, days)

    def test_accepts_365_days(self) -> None:
        """A year's wait is a wording that can be checked (and fails the limit)."""
        terms = WaitingPeriodTerms(365, Entry.DAY_AFTER)
        assert terms.max_wait() == (date(2024, 1, 1), 365)

    def test_refuses_an_unknown_entry_and_a_non_bool_orientation(self) -> None:
        """An unknown entry is a ``ConfigurationError``; ``orientation=1`` an ``InputTypeError``."""
        with pytest.raises(ConfigurationError) as entry:
            WaitingPeriodTerms(30, "weekly")
        with pytest.raises(InputTypeError) as orientation:
            WaitingPeriodTerms(30, Entry.DAY_AFTER, orientation=1)  # type: ignore[arg-type]
        assert (entry.value.field, orientation.value.field) == ("entry", "orientation")

    def test_is_frozen_slotted_and_pickles(self) -> None:
        """Terms and a hire's result cannot be changed and survive a pickle."""
        result = STRICT_60.check(date(2026, 1, 15))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            result.within_limit = False  # type: ignore[misc]
        assert not hasattr(STRICT_60, "__dict__")
        assert pickle.loads(pickle.dumps(STRICT_60)) == STRICT_60
        assert pickle.loads(pickle.dumps(result)) == result


class TestCheck:
    def test_non_compliant_wording_in_time_for_this_hire(self) -> None:
        """Hired 2026-01-15: day 61 is 03-16, coverage 04-01 after 76 days: in time.

        By hand: 16 days to January 31, 28 in February (44), 16 in March (60): March 16 is
        day 61; the first of a month strictly after is April 1, 16 + 28 + 31 + 1 = 76 days
        after the hire. The latest allowed is January 15 + 90 days = April 15.
        """
        assert STRICT_60.check(date(2026, 1, 15)) == HireWait(
            hire_date=date(2026, 1, 15),
            wait_start=date(2026, 1, 15),
            coverage_start=date(2026, 4, 1),
            wait_days=76,
            latest_start=date(2026, 4, 15),
            within_limit=True,
            plan_complies=False,
            worst_hire=date(2024, 1, 1),
            worst_wait=91,
        )

    def test_one_day_over_in_a_leap_year(self) -> None:
        """Hired 2024-01-01: day 61 is 03-01, coverage 04-01, 31 + 29 + 31 = 91 days: late."""
        result = STRICT_60.check(date(2024, 1, 1))
        assert (result.coverage_start, result.wait_days) == (date(2024, 4, 1), 91)
        assert result.latest_start == date(2024, 3, 31)
        assert result.within_limit is False

    def test_one_day_over_in_a_common_year(self) -> None:
        """Hired 2024-12-31: day 61 is 2025-03-01, coverage 04-01, 1 + 31 + 28 + 31 = 91."""
        result = STRICT_60.check(date(2024, 12, 31))
        assert (result.coverage_start, result.wait_days, result.within_limit) == (
            date(2025, 4, 1),
            91,
            False,
        )

    def test_exactly_on_the_limit(self) -> None:
        """Hired 2025-01-31: day 61 is 04-01, coverage 05-01, 28 + 31 + 30 + 1 = 90: in time."""
        result = STRICT_60.check(date(2025, 1, 31))
        assert result.coverage_start == result.latest_start == date(2025, 5, 1)
        assert (result.wait_days, result.within_limit) == (90, True)

    def test_orientation_moves_day_one(self) -> None:
        """Hired 2025-05-03 with orientation: day 1 is 06-03, coverage 07-03 after 30 days."""
        terms = WaitingPeriodTerms(30, Entry.DAY_AFTER, orientation=True)
        result = terms.check(date(2025, 5, 3))
        assert (result.wait_start, result.coverage_start, result.latest_start) == (
            date(2025, 6, 3),
            date(2025, 7, 3),
            date(2025, 9, 1),
        )

    def test_refuses_a_datetime(self) -> None:
        """A datetime hire date raises ``InputTypeError`` naming ``hire_date``."""
        with pytest.raises(InputTypeError) as caught:
            STRICT_60.check(datetime(2026, 1, 15, 9))
        assert caught.value.field == "hire_date"

    @given(
        st.dates(min_value=date(1800, 1, 1), max_value=date(2999, 12, 31)),
        st.integers(0, 120),
        st.sampled_from(list(Entry)),
    )
    def test_coverage_start_matches_walking_day_by_day(
        self, hire: date, days: int, entry: Entry
    ) -> None:
        """The coverage start equals counting the days one by one and walking to the 1st."""
        result = WaitingPeriodTerms(days, entry).check(hire)
        assert result.coverage_start == _naive_coverage(hire, days, entry)
        assert result.within_limit is ((result.coverage_start - hire).days <= 90)

    @given(
        st.integers(0, 100),
        st.sampled_from(list(Entry)),
        st.booleans(),
        st.dates(min_value=date(1800, 1, 1), max_value=date(2999, 12, 31)),
    )
    def test_compliant_terms_are_in_time_for_any_hire(
        self, days: int, entry: Entry, orientation: bool, hire: date
    ) -> None:
        """Terms comply exactly when WaitingPeriod accepts them, and then every hire is in time."""
        terms = WaitingPeriodTerms(days, entry, orientation=orientation)
        try:
            plan = WaitingPeriod(days, entry, orientation=orientation)
        except ConfigurationError:
            assert terms.complies() is False
            return
        assert terms.complies() is True
        result = terms.check(hire)
        assert result.within_limit is True
        assert result.coverage_start == plan.coverage_start(hire)


class TestOtherwiseEligible:
    PLAN_TERMS = WaitingPeriodTerms(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
    PLAN = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)

    def test_job_class_change_starts_the_wait(self) -> None:
        """Hired 2026-01-15 part time, eligible class from 06-10: day 61 is 08-09, covered 09-01.

        By hand: 20 days to June 30, 31 in July (51), 9 in August (60): August 9 is day 61;
        the first of a month on or after is September 1, 83 days after June 10. The latest
        allowed is June 10 + 90 days = September 8.
        """
        result = self.PLAN_TERMS.check(date(2026, 1, 15), otherwise_eligible_on=date(2026, 6, 10))
        assert (result.wait_start, result.coverage_start, result.wait_days) == (
            date(2026, 6, 10),
            date(2026, 9, 1),
            83,
        )
        assert (result.latest_start, result.within_limit) == (date(2026, 9, 8), True)

    def test_the_plan_answers_the_same(self) -> None:
        """WaitingPeriod's coverage_start, wait_days and start take the same date."""
        hire, met = date(2026, 1, 15), date(2026, 6, 10)
        assert self.PLAN.waiting_period_start(hire, otherwise_eligible_on=met) == met
        assert self.PLAN.coverage_start(hire, otherwise_eligible_on=met) == date(2026, 9, 1)
        assert self.PLAN.wait_days(hire, otherwise_eligible_on=met) == 83

    def test_on_the_hire_date_changes_nothing(self) -> None:
        """Otherwise eligible on the hire date itself: the usual wait (2026-04-01)."""
        assert (
            self.PLAN.coverage_start(date(2026, 1, 15), otherwise_eligible_on=date(2026, 1, 15))
            == self.PLAN.coverage_start(date(2026, 1, 15))
            == date(2026, 4, 1)
        )

    def test_during_orientation_the_wait_still_begins_after_it(self) -> None:
        """Eligible 2025-05-20, during an orientation to 06-02: day 1 stays 06-03."""
        terms = WaitingPeriodTerms(30, Entry.DAY_AFTER, orientation=True)
        result = terms.check(date(2025, 5, 3), otherwise_eligible_on=date(2025, 5, 20))
        assert result.wait_start == date(2025, 6, 3)

    def test_after_orientation_the_later_day_wins(self) -> None:
        """Eligible 2025-06-10, after the orientation ends 06-02: day 1 is 06-10."""
        plan = WaitingPeriod(30, Entry.DAY_AFTER, orientation=True)
        assert plan.coverage_start(
            date(2025, 5, 3), otherwise_eligible_on=date(2025, 6, 10)
        ) == date(2025, 7, 10)

    def test_refuses_a_day_before_the_hire(self) -> None:
        """Eligible before being hired raises ``InvalidArgumentError`` naming the field."""
        with pytest.raises(InvalidArgumentError) as caught:
            self.PLAN.coverage_start(date(2026, 1, 15), otherwise_eligible_on=date(2026, 1, 14))
        assert (caught.value.field, caught.value.value) == (
            "otherwise_eligible_on",
            date(2026, 1, 14),
        )

    def test_refuses_a_datetime(self) -> None:
        """A datetime raises ``InputTypeError`` naming ``otherwise_eligible_on``."""
        with pytest.raises(InputTypeError) as caught:
            self.PLAN_TERMS.check(
                date(2026, 1, 15),
                otherwise_eligible_on=datetime(2026, 6, 10, 8),
            )
        assert caught.value.field == "otherwise_eligible_on"

    def test_hours_policy_still_refuses_a_hire_date(self) -> None:
        """An hours policy answers only from the day the hours are met."""
        plan = WaitingPeriod(90, Entry.DAY_AFTER, cumulative_hours=1000)
        with pytest.raises(InvalidArgumentError) as caught:
            plan.coverage_start(date(2026, 1, 15), otherwise_eligible_on=date(2026, 2, 1))
        assert caught.value.field == "hire_date"

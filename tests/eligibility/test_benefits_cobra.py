"""The COBRA lifecycle: who elects, the notices, the election, premiums and how long.

Every expected date is counted by hand, the event date as day 0. Month lengths: January 31,
February 28 (29 in 2024 and 2028), March 31, April 30, May 31, June 30, July 31, August 31,
September 30, October 31, November 30, December 31.
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
    Beneficiary,
    CobraCoverage,
    EarlyEnd,
    QualifyingEvent,
    bankruptcy_loss_window,
    beneficiary_notice_deadline,
    coverage_end,
    election_deadline,
    election_notice_deadline,
    employer_notice_deadline,
    first_premium_deadline,
    is_small_employer,
    premium_grace_deadline,
    who_may_elect,
)
from safetycore.errors import InputTypeError, InvalidArgumentError

Q = QualifyingEvent
B = Beneficiary
E = EarlyEnd
DAY = timedelta(days=1)


class TestWhoMayElect:
    @pytest.mark.parametrize(
        ("event", "electors"),
        [
            (Q.TERMINATION, {B.EMPLOYEE, B.SPOUSE, B.DEPENDENT_CHILD}),
            (Q.REDUCTION_OF_HOURS, {B.EMPLOYEE, B.SPOUSE, B.DEPENDENT_CHILD}),
            (Q.DEATH, {B.SPOUSE, B.DEPENDENT_CHILD}),
            (Q.DIVORCE, {B.SPOUSE, B.DEPENDENT_CHILD}),
            (Q.MEDICARE_ENTITLEMENT, {B.SPOUSE, B.DEPENDENT_CHILD}),
            (Q.LOSS_OF_DEPENDENT_STATUS, {B.DEPENDENT_CHILD}),
            (Q.BANKRUPTCY, {B.EMPLOYEE, B.SPOUSE, B.DEPENDENT_CHILD}),
        ],
    )
    def test_per_event(self, event: QualifyingEvent, electors: set[Beneficiary]) -> None:
        """Employment events: all three; death, divorce, Medicare: spouse and child; else child."""
        assert who_may_elect(event) == electors

    def test_refuses_the_value_string(self) -> None:
        """An event given as its string raises ``InputTypeError`` naming ``event``."""
        with pytest.raises(InputTypeError) as caught:
            who_may_elect("termination")  # type: ignore[arg-type]
        assert caught.value.field == "event"


class TestEmployerNoticeDeadline:
    def test_thirty_days_across_february(self) -> None:
        """Event 2026-01-31: day 28 is 02-28, day 30 is 03-02."""
        assert employer_notice_deadline(Q.TERMINATION, date(2026, 1, 31)) == date(2026, 3, 2)

    def test_thirty_days_in_a_leap_february(self) -> None:
        """Event 2028-01-31: day 29 is 02-29, day 30 is 03-01."""
        assert employer_notice_deadline(Q.DEATH, date(2028, 1, 31)) == date(2028, 3, 1)

    @pytest.mark.parametrize("event", [Q.DIVORCE, Q.LOSS_OF_DEPENDENT_STATUS])
    def test_refuses_events_the_beneficiary_notifies(self, event: QualifyingEvent) -> None:
        """A divorce or a lost dependant is the beneficiary's notice: ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError) as caught:
            employer_notice_deadline(event, date(2026, 1, 31))
        assert (caught.value.field, caught.value.value) == ("event", event)

    def test_refuses_a_datetime(self) -> None:
        """A datetime event date raises ``InputTypeError`` naming ``event_date``."""
        with pytest.raises(InputTypeError) as caught:
            employer_notice_deadline(Q.TERMINATION, datetime(2026, 1, 31, 9))
        assert caught.value.field == "event_date"


class TestBeneficiaryNoticeDeadline:
    def test_sixty_days_from_the_event(self) -> None:
        """Divorce 2026-05-15 alone: 16 days to 05-31, 30 in June, day 60 is 07-14."""
        assert beneficiary_notice_deadline(Q.DIVORCE, date(2026, 5, 15)) == date(2026, 7, 14)

    def test_from_the_later_loss_of_coverage(self) -> None:
        """Coverage lost 2026-05-31, after the divorce: day 60 from 05-31 is 07-30."""
        result = beneficiary_notice_deadline(
            Q.DIVORCE, date(2026, 5, 15), coverage_lost_on=date(2026, 5, 31)
        )
        assert result == date(2026, 7, 30)

    def test_from_the_latest_of_three(self) -> None:
        """Informed 2026-06-10, the latest: 20 days to 06-30, 31 in July, day 60 is 08-09."""
        result = beneficiary_notice_deadline(
            Q.LOSS_OF_DEPENDENT_STATUS,
            date(2026, 5, 15),
            coverage_lost_on=date(2026, 5, 31),
            informed_on=date(2026, 6, 10),
        )
        assert result == date(2026, 8, 9)

    def test_refuses_a_date_before_the_event(self) -> None:
        """A loss of coverage dated before the event raises naming ``coverage_lost_on``."""
        with pytest.raises(InvalidArgumentError) as caught:
            beneficiary_notice_deadline(
                Q.DIVORCE, date(2026, 5, 15), coverage_lost_on=date(2026, 5, 14)
            )
        assert (caught.value.field, caught.value.value) == ("coverage_lost_on", date(2026, 5, 14))

    def test_refuses_an_event_the_employer_notifies(self) -> None:
        """A termination is the employer's notice: ``InvalidArgumentError`` naming ``event``."""
        with pytest.raises(InvalidArgumentError) as caught:
            beneficiary_notice_deadline(Q.TERMINATION, date(2026, 5, 15))
        assert caught.value.field == "event"


class TestElectionNoticeDeadline:
    def test_fourteen_days_from_the_administrator_notice(self) -> None:
        """Notified 2026-02-20: 8 days to 02-28, day 14 is 03-06."""
        result = election_notice_deadline(
            Q.TERMINATION, date(2026, 1, 31), administrator_notified_on=date(2026, 2, 20)
        )
        assert result == date(2026, 3, 6)

    def test_fourteen_days_in_a_leap_february(self) -> None:
        """Notified 2028-02-20: 9 days to 02-29, day 14 is 03-05."""
        result = election_notice_deadline(
            Q.TERMINATION, date(2028, 1, 31), administrator_notified_on=date(2028, 2, 20)
        )
        assert result == date(2028, 3, 5)

    def test_forty_four_days_when_the_employer_administers(self) -> None:
        """Employer as administrator, event 2026-01-31: day 28 is 02-28, day 44 is 03-16."""
        result = election_notice_deadline(
            Q.TERMINATION, date(2026, 1, 31), employer_is_administrator=True
        )
        assert result == date(2026, 3, 16)

    def test_forty_four_is_the_employer_thirty_and_the_fourteen(self) -> None:
        """The combined limit equals an employer notice on day 30 plus 14 days."""
        last_employer_day = employer_notice_deadline(Q.DEATH, date(2026, 1, 31))
        combined = election_notice_deadline(
            Q.DEATH, date(2026, 1, 31), employer_is_administrator=True
        )
        assert combined == last_employer_day + timedelta(days=14) == date(2026, 3, 16)

    def test_divorce_counts_from_the_notice_even_for_an_employer_administrator(self) -> None:
        """A divorce notified 2026-06-01 gives 06-15, although the employer administers."""
        result = election_notice_deadline(
            Q.DIVORCE,
            date(2026, 5, 15),
            administrator_notified_on=date(2026, 6, 1),
            employer_is_administrator=True,
        )
        assert result == date(2026, 6, 15)

    def test_needs_the_notice_date(self) -> None:
        """Without an employer administrator the notice date is required."""
        with pytest.raises(InvalidArgumentError) as caught:
            election_notice_deadline(Q.TERMINATION, date(2026, 1, 31))
        assert caught.value.field == "administrator_notified_on"

    def test_refuses_a_notice_date_it_would_ignore(self) -> None:
        """An employer administrator's 44 days ignore a notice date, so giving one is refused."""
        with pytest.raises(InvalidArgumentError) as caught:
            election_notice_deadline(
                Q.TERMINATION,
                date(2026, 1, 31),
                administrator_notified_on=date(2026, 2, 1),
                employer_is_administrator=True,
            )
        assert caught.value.field == "administrator_notified_on"

    def test_refuses_a_notice_before_the_event(self) -> None:
        """A notice dated the day before the event raises ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError) as caught:
            election_notice_deadline(
                Q.TERMINATION, date(2026, 1, 31), administrator_notified_on=date(2026, 1, 30)
            )
        assert caught.value.value == date(2026, 1, 30)

    def test_refuses_a_non_bool_flag(self) -> None:
        """``employer_is_administrator=1`` raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as caught:
            election_notice_deadline(
                Q.TERMINATION,
                date(2026, 1, 31),
                employer_is_administrator=1,  # type: ignore[arg-type]
            )
        assert caught.value.field == "employer_is_administrator"


class TestElectionDeadline:
    def test_sixty_days_after_the_later_notice(self) -> None:
        """Lost 2026-01-31, notice 2026-03-06 (later): 25 days to 03-31, 30 in April, 05-05."""
        assert election_deadline(date(2026, 1, 31), date(2026, 3, 6)) == date(2026, 5, 5)

    def test_sixty_days_after_the_later_loss(self) -> None:
        """Notice 2026-01-20, lost 2026-01-31 (later): 28 to 02-28, 31 to 03-31, day 60 is 04-01."""
        assert election_deadline(date(2026, 1, 31), date(2026, 1, 20)) == date(2026, 4, 1)


class TestFirstPremiumDeadline:
    def test_forty_five_days(self) -> None:
        """Elected 2026-01-15: 16 days to 01-31, 28 in February (44), day 45 is 03-01."""
        assert first_premium_deadline(date(2026, 1, 15)) == date(2026, 3, 1)

    def test_forty_five_days_in_a_leap_year(self) -> None:
        """Elected 2028-01-15: 16 days to 01-31, 29 in February (45): 02-29."""
        assert first_premium_deadline(date(2028, 1, 15)) == date(2028, 2, 29)

    def test_refuses_a_string(self) -> None:
        """A text date raises ``InputTypeError`` naming ``elected_on``."""
        with pytest.raises(InputTypeError) as caught:
            first_premium_deadline("2026-01-15")  # type: ignore[arg-type]
        assert caught.value.field == "elected_on"


class TestPremiumGraceDeadline:
    @pytest.mark.parametrize(
        ("due", "last"),
        [
            (date(2026, 2, 1), date(2026, 3, 3)),  # 27 days to 02-28, then 3
            (date(2028, 2, 1), date(2028, 3, 2)),  # 28 days to 02-29, then 2
            (date(2026, 3, 1), date(2026, 3, 31)),
            (date(2026, 12, 15), date(2027, 1, 14)),
        ],
    )
    def test_thirty_days(self, due: date, last: date) -> None:
        """The grace period ends 30 days after the due date, the due date being day 0."""
        assert premium_grace_deadline(due) == last


class TestIsSmallEmployer:
    def test_exactly_half_the_days_small_is_small(self) -> None:
        """Fewer than 20 on 2 of 4 days is 'at least 50 percent': the exception applies."""
        assert is_small_employer([19, 19, 25, 25]) is True

    def test_one_day_fewer_is_not_small(self) -> None:
        """Fewer than 20 on 1 of 4 days (20 is not fewer than 20): COBRA applies."""
        assert is_small_employer([19, 20, 25, 25]) is False

    def test_odd_number_of_days(self) -> None:
        """2 of 3 days is over half; 1 of 3 is under."""
        assert (is_small_employer([5, 5, 30]), is_small_employer([5, 30, 30])) == (True, False)

    def test_fractional_part_timers(self) -> None:
        """19.5 full-time equivalents is fewer than 20; exactly 20.0 is not."""
        assert is_small_employer([Decimal("19.5"), Decimal("20.0")]) is True
        assert is_small_employer([Decimal("20.0"), Decimal("20.0"), Decimal("19.5")]) is False

    def test_a_typical_year_of_business_days(self) -> None:
        """Of 260 business days, 130 with 19 employees is small; 129 is not."""
        assert is_small_employer([19] * 130 + [21] * 130) is True
        assert is_small_employer([19] * 129 + [21] * 131) is False

    def test_refuses_no_days(self) -> None:
        """An empty year raises ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError):
            is_small_employer([])

    @pytest.mark.parametrize(
        ("counts", "error", "field"),
        [
            ([19, 19.5], InputTypeError, "employees_on_business_days[1]"),
            ([True], InputTypeError, "employees_on_business_days[0]"),
            ([19, -1], InvalidArgumentError, "employees_on_business_days[1]"),
            ([Decimal("NaN")], InvalidArgumentError, "employees_on_business_days[0]"),
            ("19", InputTypeError, "employees_on_business_days"),
        ],
    )
    def test_refuses_bad_counts(self, counts: object, error: type[Exception], field: str) -> None:
        """A float, a bool, a negative or NaN count, or a bare string is refused by index."""
        with pytest.raises(error) as caught:
            is_small_employer(counts)  # type: ignore[arg-type]
        assert caught.value.field == field  # type: ignore[attr-defined]


def _naive_add_months(day: date, months: int) -> date:
    """Step one calendar month at a time, clamping only at the end: an independent oracle."""
    year, month = day.year, day.month
    for _ in range(months):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class TestCobraCoverage:
    @pytest.mark.parametrize(
        ("event", "happened", "months", "last"),
        [
            (Q.TERMINATION, date(2025, 8, 31), 18, date(2027, 2, 28)),
            (Q.TERMINATION, date(2026, 8, 31), 18, date(2028, 2, 29)),
            (Q.REDUCTION_OF_HOURS, date(2026, 1, 15), 18, date(2027, 7, 15)),
            (Q.DEATH, date(2025, 2, 28), 36, date(2028, 2, 28)),
            (Q.DIVORCE, date(2024, 2, 29), 36, date(2027, 2, 28)),
            (Q.LOSS_OF_DEPENDENT_STATUS, date(2026, 5, 31), 36, date(2029, 5, 31)),
        ],
    )
    def test_maximum_period(
        self, event: QualifyingEvent, happened: date, months: int, last: date
    ) -> None:
        """18 or 36 months from the event, clamped: Aug 31 + 18 months is Feb 28 or 29."""
        beneficiary = B.DEPENDENT_CHILD
        coverage = CobraCoverage(event, happened, beneficiary)
        assert (coverage.maximum_months, coverage.last_day) == (months, last)

    def test_disability_extension_is_29_months(self) -> None:
        """Terminated 2025-08-31 with the extension: 29 months is 2028-01-31."""
        coverage = CobraCoverage(
            Q.TERMINATION, date(2025, 8, 31), B.EMPLOYEE, disability_extension=True
        )
        assert (coverage.maximum_months, coverage.last_day) == (29, date(2028, 1, 31))

    def test_second_event_gives_36_months_from_the_first(self) -> None:
        """Terminated 2026-01-31, divorced 2026-09-10: 36 months from 01-31 is 2029-01-31."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.SPOUSE,
            second_event=Q.DIVORCE,
            second_event_date=date(2026, 9, 10),
        )
        assert (coverage.maximum_months, coverage.last_day) == (36, date(2029, 1, 31))

    def test_second_event_on_the_last_day_counts(self) -> None:
        """A death on the 18-month period's last day (2027-07-31) still extends it."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.DEPENDENT_CHILD,
            second_event=Q.DEATH,
            second_event_date=date(2027, 7, 31),
        )
        assert coverage.last_day == date(2029, 1, 31)

    def test_second_event_a_day_late_is_refused(self) -> None:
        """A death on 2027-08-01, a day after the 18 months end, is refused."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 1, 31),
                B.DEPENDENT_CHILD,
                second_event=Q.DEATH,
                second_event_date=date(2027, 8, 1),
            )
        assert (caught.value.field, caught.value.value) == ("second_event_date", date(2027, 8, 1))
        assert "2027-07-31" in str(caught.value)

    def test_second_event_within_the_disability_extension(self) -> None:
        """With the extension the window runs 29 months, to 2028-06-30 from 2026-01-31."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.SPOUSE,
            disability_extension=True,
            second_event=Q.MEDICARE_ENTITLEMENT,
            second_event_date=date(2028, 6, 30),
        )
        assert coverage.last_day == date(2029, 1, 31)

    def test_second_event_on_the_first_event_date_is_refused(self) -> None:
        """A second event the same day as the first does not extend the period."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 1, 31),
                B.SPOUSE,
                second_event=Q.DEATH,
                second_event_date=date(2026, 1, 31),
            )
        assert caught.value.field == "second_event_date"

    def test_employee_has_no_second_event(self) -> None:
        """A divorce gives the employee no election, so it extends nothing for the employee."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 1, 31),
                B.EMPLOYEE,
                second_event=Q.DIVORCE,
                second_event_date=date(2026, 6, 1),
            )
        assert (caught.value.field, caught.value.value) == ("second_event", Q.DIVORCE)

    def test_spouse_has_no_loss_of_dependent_status(self) -> None:
        """A child's loss of dependent status is no second event for the spouse."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 1, 31),
                B.SPOUSE,
                second_event=Q.LOSS_OF_DEPENDENT_STATUS,
                second_event_date=date(2026, 6, 1),
            )
        assert caught.value.field == "second_event"

    def test_a_second_termination_is_not_a_second_event(self) -> None:
        """An 18-month event cannot extend an 18-month period."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 1, 31),
                B.SPOUSE,
                second_event=Q.REDUCTION_OF_HOURS,
                second_event_date=date(2026, 6, 1),
            )
        assert caught.value.field == "second_event"

    def test_a_36_month_period_is_not_extended(self) -> None:
        """A second event after a death (already 36 months) is refused."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.DEATH,
                date(2026, 1, 31),
                B.DEPENDENT_CHILD,
                second_event=Q.LOSS_OF_DEPENDENT_STATUS,
                second_event_date=date(2026, 6, 1),
            )
        assert caught.value.field == "second_event"

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"second_event": Q.DEATH}, "second_event"),
            ({"second_event_date": date(2026, 6, 1)}, "second_event_date"),
        ],
    )
    def test_second_event_needs_both_fields(self, values: dict[str, object], field: str) -> None:
        """A second event without its date, or a date without the event, is refused."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(Q.TERMINATION, date(2026, 1, 31), B.SPOUSE, **values)  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_disability_extension_only_after_employment_events(self) -> None:
        """A death's 36 months have no disability extension."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(Q.DEATH, date(2026, 1, 31), B.SPOUSE, disability_extension=True)
        assert caught.value.field == "disability_extension"

    @pytest.mark.parametrize(
        ("event", "beneficiary"),
        [
            (Q.DEATH, B.EMPLOYEE),
            (Q.DIVORCE, B.EMPLOYEE),
            (Q.MEDICARE_ENTITLEMENT, B.EMPLOYEE),
            (Q.LOSS_OF_DEPENDENT_STATUS, B.SPOUSE),
        ],
    )
    def test_refuses_a_beneficiary_without_an_election(
        self, event: QualifyingEvent, beneficiary: Beneficiary
    ) -> None:
        """Only those the event gives an election to have COBRA coverage from it."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(event, date(2026, 1, 31), beneficiary)
        assert (caught.value.field, caught.value.value) == ("beneficiary", beneficiary)

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"event": "termination"}, "event"),
            ({"event_date": datetime(2026, 1, 31, 12)}, "event_date"),
            ({"beneficiary": "employee"}, "beneficiary"),
            ({"disability_extension": 1}, "disability_extension"),
            ({"second_event": "death", "second_event_date": date(2026, 3, 1)}, "second_event"),
            ({"second_event": Q.DEATH, "second_event_date": "2026-03-01"}, "second_event_date"),
        ],
    )
    def test_refuses_wrong_types(self, values: dict[str, object], field: str) -> None:
        """Each field's type is checked at construction, naming the field."""
        arguments: dict[str, object] = {
            "event": Q.TERMINATION,
            "event_date": date(2026, 1, 31),
            "beneficiary": B.SPOUSE,
        }
        arguments.update(values)
        with pytest.raises(InputTypeError) as caught:
            CobraCoverage(**arguments)  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_is_frozen_slotted_and_pickles(self) -> None:
        """A coverage cannot be changed, has no instance dict and survives a pickle."""
        coverage = CobraCoverage(Q.TERMINATION, date(2026, 1, 31), B.EMPLOYEE)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            coverage.event = Q.DEATH  # type: ignore[misc]
        assert not hasattr(coverage, "__dict__")
        assert pickle.loads(pickle.dumps(coverage)) == coverage

    @given(
        st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
        st.sampled_from([Q.TERMINATION, Q.DEATH]),
        st.booleans(),
    )
    def test_last_day_matches_stepping_month_by_month(
        self, happened: date, event: QualifyingEvent, extended: bool
    ) -> None:
        """The last day equals stepping 18, 29 or 36 months one at a time and clamping once."""
        extended = extended and event is Q.TERMINATION
        coverage = CobraCoverage(event, happened, B.SPOUSE, disability_extension=extended)
        assert coverage.maximum_months is not None
        assert coverage.last_day == _naive_add_months(happened, coverage.maximum_months)


class TestMedicareBeforeTheEvent:
    """ERISA §602(2)(A)(v); 26 CFR 54.4980B-7, Q&A-4(b): Medicare, then a termination."""

    def test_36_months_from_the_entitlement(self) -> None:
        """Medicare 2025-10-01, terminated 2026-03-15: 2028-10-01 is later than 2027-09-15."""
        coverage = CobraCoverage(
            Q.TERMINATION, date(2026, 3, 15), B.SPOUSE, medicare_entitled_on=date(2025, 10, 1)
        )
        assert coverage.last_day == date(2028, 10, 1)
        # 2026-03-15 + 30 months is 2028-09-15 (before), + 31 months 2028-10-15 (on or after).
        assert coverage.maximum_months == 31
        assert coverage.month_number(date(2028, 10, 1)) == 31
        assert coverage.premium_percent(31, disabled_covered=True) == Decimal(102)

    def test_the_later_date_wins_the_18_months(self) -> None:
        """Medicare 2024-09-01, terminated 2026-02-27: 2027-09-01 is later than 2027-08-27."""
        coverage = CobraCoverage(
            Q.REDUCTION_OF_HOURS,
            date(2026, 2, 27),
            B.DEPENDENT_CHILD,
            medicare_entitled_on=date(2024, 9, 1),
        )
        assert coverage.last_day == date(2027, 9, 1)

    def test_less_than_18_months_is_strict(self) -> None:
        """Medicare 2024-08-31 + 18 months is 2026-02-28: an event that day gets 18 months."""
        late = CobraCoverage(
            Q.TERMINATION, date(2026, 2, 28), B.SPOUSE, medicare_entitled_on=date(2024, 8, 31)
        )
        early = CobraCoverage(
            Q.TERMINATION, date(2026, 2, 27), B.SPOUSE, medicare_entitled_on=date(2024, 8, 31)
        )
        # 2026-02-28 + 18 months is 2027-08-28; 2024-08-31 + 36 months is 2027-08-31.
        assert late.last_day == date(2027, 8, 28)
        assert early.last_day == date(2027, 8, 31)

    def test_entitlement_on_the_event_date(self) -> None:
        """Entitled the day of the termination (0 months before): 36 months from that day."""
        coverage = CobraCoverage(
            Q.TERMINATION, date(2026, 1, 31), B.SPOUSE, medicare_entitled_on=date(2026, 1, 31)
        )
        assert coverage.last_day == date(2029, 1, 31)

    def test_29_months_with_the_disability_extension_can_be_later(self) -> None:
        """Medicare 2024-12-01 (+36: 2027-12-01); terminated 2026-01-31, +29: 2028-06-30."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.DEPENDENT_CHILD,
            disability_extension=True,
            medicare_entitled_on=date(2024, 12, 1),
        )
        assert coverage.last_day == date(2028, 6, 30)

    def test_with_a_second_event(self) -> None:
        """Medicare 2025-10-01 (+36: 2028-10-01), divorce: 36 months from 2026-03-15 is later."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            date(2026, 3, 15),
            B.SPOUSE,
            medicare_entitled_on=date(2025, 10, 1),
            second_event=Q.DIVORCE,
            second_event_date=date(2026, 6, 1),
        )
        assert (coverage.last_day, coverage.maximum_months) == (date(2029, 3, 15), 36)

    @given(
        st.dates(min_value=date(1950, 1, 1), max_value=date(2900, 12, 31)),
        st.integers(0, 24 * 31),
        st.booleans(),
    )
    def test_last_day_is_in_the_last_month(
        self, happened: date, days_before: int, extended: bool
    ) -> None:
        """``month_number(last_day)`` is ``maximum_months``, whole months or not."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            happened,
            B.SPOUSE,
            disability_extension=extended,
            medicare_entitled_on=happened - timedelta(days=days_before),
        )
        last = coverage.last_day
        assert last is not None
        assert coverage.month_number(last) == coverage.maximum_months

    def test_not_for_the_employee(self) -> None:
        """The rule lengthens only the spouse's and children's coverage."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 3, 15),
                B.EMPLOYEE,
                medicare_entitled_on=date(2025, 10, 1),
            )
        assert (caught.value.field, caught.value.value) == (
            "medicare_entitled_on",
            date(2025, 10, 1),
        )

    def test_not_after_a_death(self) -> None:
        """Only a termination or a reduction of hours follows Medicare under this rule."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.DEATH, date(2026, 3, 15), B.SPOUSE, medicare_entitled_on=date(2025, 10, 1)
            )
        assert caught.value.field == "medicare_entitled_on"

    def test_entitlement_after_the_event_is_refused(self) -> None:
        """Medicare after the termination is a second event (``second_event``), not this rule."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION, date(2026, 3, 15), B.SPOUSE, medicare_entitled_on=date(2026, 3, 16)
            )
        assert (caught.value.field, caught.value.value) == (
            "medicare_entitled_on",
            date(2026, 3, 16),
        )

    def test_refuses_a_datetime(self) -> None:
        """A datetime is refused with ``InputTypeError`` naming the field."""
        with pytest.raises(InputTypeError) as caught:
            CobraCoverage(
                Q.TERMINATION,
                date(2026, 3, 15),
                B.SPOUSE,
                medicare_entitled_on=datetime(2025, 10, 1, 9),
            )
        assert caught.value.field == "medicare_entitled_on"


class TestBankruptcy:
    """ERISA §§603(6), 602(2)(A)(iii), 607(3)(C); 26 CFR 54.4980B-4, Q&A-1(b)."""

    def test_the_employer_notifies(self) -> None:
        """The employer gives the 30-day notice of its bankruptcy (ERISA §606(a)(2))."""
        assert employer_notice_deadline(Q.BANKRUPTCY, date(2026, 1, 31)) == date(2026, 3, 2)

    def test_retiree_is_covered_for_life(self) -> None:
        """A living retiree's period has no fixed end; every month is 102 percent."""
        coverage = CobraCoverage(Q.BANKRUPTCY, date(2026, 1, 31), B.EMPLOYEE)
        assert (coverage.last_day, coverage.maximum_months) == (None, None)
        assert coverage.premium_percent(500) == Decimal(102)

    def test_month_number_without_an_end(self) -> None:
        """2040-01-01 is in month 168: month 168 begins 2026-01-31 + 167 months, 2039-12-31."""
        coverage = CobraCoverage(Q.BANKRUPTCY, date(2026, 1, 31), B.EMPLOYEE)
        assert coverage.month_number(date(2039, 12, 30)) == 167
        assert coverage.month_number(date(2040, 1, 1)) == 168

    def test_retiree_coverage_ends_at_death(self) -> None:
        """A retiree who dies 2031-05-10 is covered to that day, in month 64."""
        coverage = CobraCoverage(
            Q.BANKRUPTCY, date(2026, 1, 31), B.EMPLOYEE, retiree_died_on=date(2031, 5, 10)
        )
        # 2026-01-31 + 63 months is 2031-04-30, + 64 months 2031-05-31.
        assert (coverage.last_day, coverage.maximum_months) == (date(2031, 5, 10), 64)
        with pytest.raises(InvalidArgumentError):
            coverage.month_number(date(2031, 5, 11))

    def test_death_on_the_event_date_is_one_month(self) -> None:
        """A retiree who dies the day the proceeding commences has one day, in month 1."""
        coverage = CobraCoverage(
            Q.BANKRUPTCY, date(2026, 1, 31), B.EMPLOYEE, retiree_died_on=date(2026, 1, 31)
        )
        assert (coverage.last_day, coverage.maximum_months) == (date(2026, 1, 31), 1)
        assert coverage.month_number(date(2026, 1, 31)) == 1
        assert coverage.premium_percent(1) == Decimal(102)

    def test_spouse_36_months_after_the_retiree_dies(self) -> None:
        """Retiree dies 2031-05-10: the spouse's period ends 2034-05-10."""
        coverage = CobraCoverage(
            Q.BANKRUPTCY, date(2026, 1, 31), B.SPOUSE, retiree_died_on=date(2031, 5, 10)
        )
        assert coverage.last_day == date(2034, 5, 10)

    def test_child_36_months_after_a_leap_day_death_is_clamped(self) -> None:
        """Retiree dies 2028-02-29: 36 months later is 2031-02-28 (no February 29)."""
        coverage = CobraCoverage(
            Q.BANKRUPTCY, date(2026, 6, 1), B.DEPENDENT_CHILD, retiree_died_on=date(2028, 2, 29)
        )
        assert coverage.last_day == date(2031, 2, 28)

    def test_spouse_of_a_living_retiree_has_no_fixed_end(self) -> None:
        """While the retiree lives the spouse's period has no fixed end (also a widow's)."""
        coverage = CobraCoverage(Q.BANKRUPTCY, date(2026, 1, 31), B.SPOUSE)
        assert coverage.last_day is None

    def test_death_before_the_proceeding_is_refused(self) -> None:
        """A retiree who died before the proceeding is left out: the widow is covered for life."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.BANKRUPTCY, date(2026, 1, 31), B.SPOUSE, retiree_died_on=date(2026, 1, 30)
            )
        assert (caught.value.field, caught.value.value) == ("retiree_died_on", date(2026, 1, 30))

    def test_death_only_with_a_bankruptcy(self) -> None:
        """``retiree_died_on`` belongs to a bankruptcy; a death otherwise is ``Q.DEATH``."""
        with pytest.raises(InvalidArgumentError) as caught:
            CobraCoverage(
                Q.TERMINATION, date(2026, 1, 31), B.SPOUSE, retiree_died_on=date(2026, 6, 1)
            )
        assert caught.value.field == "retiree_died_on"

    def test_refuses_a_datetime_death(self) -> None:
        """A datetime is refused with ``InputTypeError`` naming the field."""
        with pytest.raises(InputTypeError) as caught:
            CobraCoverage(
                Q.BANKRUPTCY,
                date(2026, 1, 31),
                B.SPOUSE,
                retiree_died_on=datetime(2031, 5, 10, 8),
            )
        assert caught.value.field == "retiree_died_on"

    @pytest.mark.parametrize(
        "values",
        [
            {"disability_extension": True},
            {"second_event": Q.DEATH, "second_event_date": date(2026, 6, 1)},
            {"medicare_entitled_on": date(2025, 6, 1)},
        ],
    )
    def test_no_extensions(self, values: dict[str, object]) -> None:
        """No disability, second-event or Medicare rule lengthens a bankruptcy period."""
        with pytest.raises(InvalidArgumentError):
            CobraCoverage(Q.BANKRUPTCY, date(2026, 1, 31), B.SPOUSE, **values)  # type: ignore[arg-type]


class TestBankruptcyLossWindow:
    @pytest.mark.parametrize(
        ("commenced", "window"),
        [
            (date(2026, 3, 10), (date(2025, 3, 10), date(2027, 3, 10))),
            (date(2024, 2, 29), (date(2023, 2, 28), date(2025, 2, 28))),
        ],
    )
    def test_one_year_either_side(self, commenced: date, window: tuple[date, date]) -> None:
        """One year before and after the commencement, both days included, clamped."""
        assert bankruptcy_loss_window(commenced) == window

    def test_refuses_a_datetime(self) -> None:
        """A datetime is refused naming ``commenced_on``."""
        with pytest.raises(InputTypeError) as caught:
            bankruptcy_loss_window(datetime(2026, 3, 10, 9))
        assert caught.value.field == "commenced_on"


class TestMonthNumber:
    COVERAGE = CobraCoverage(Q.TERMINATION, date(2026, 1, 31), B.EMPLOYEE)

    @pytest.mark.parametrize(
        ("day", "month"),
        [
            (date(2026, 1, 31), 1),
            (date(2026, 2, 27), 1),  # month 2 begins 2026-02-28 (Jan 31 + 1 month, clamped)
            (date(2026, 2, 28), 2),
            (date(2026, 3, 30), 2),
            (date(2026, 3, 31), 3),
            (date(2027, 7, 30), 18),  # month 18 begins 2027-06-30
            (date(2027, 7, 31), 18),  # the period's last day belongs to month 18
        ],
    )
    def test_months_from_a_month_end(self, day: date, month: int) -> None:
        """Month k begins on the event date plus k - 1 months, clamped."""
        assert self.COVERAGE.month_number(day) == month

    @pytest.mark.parametrize("day", [date(2026, 1, 30), date(2027, 8, 1)])
    def test_refuses_days_outside(self, day: date) -> None:
        """The day before the event and the day after the last day are refused."""
        with pytest.raises(InvalidArgumentError) as caught:
            self.COVERAGE.month_number(day)
        assert (caught.value.field, caught.value.value) == ("day", day)

    @given(st.integers(0, 18 * 31))
    def test_month_lies_between_its_marks(self, offset: int) -> None:
        """Day d is in month k when mark k - 1 <= d < mark k (or d is the last day)."""
        day = date(2026, 1, 31) + timedelta(days=offset)
        last = self.COVERAGE.last_day
        assert last is not None
        if day > last:
            return
        month = self.COVERAGE.month_number(day)
        start = _naive_add_months(date(2026, 1, 31), month - 1)
        assert start <= day
        assert day < _naive_add_months(date(2026, 1, 31), month) or month == 18


class TestPremium:
    EXTENDED = CobraCoverage(
        Q.TERMINATION, date(2026, 1, 31), B.EMPLOYEE, disability_extension=True
    )

    @pytest.mark.parametrize(
        ("month", "percent"),
        [(1, Decimal(102)), (18, Decimal(102)), (19, Decimal(150)), (29, Decimal(150))],
    )
    def test_percent_with_the_extension(self, month: int, percent: Decimal) -> None:
        """102 percent through month 18, 150 percent in months 19 to 29 covering the disabled."""
        assert self.EXTENDED.premium_percent(month, disabled_covered=True) == percent

    @pytest.mark.parametrize("month", [1, 18, 19, 29])
    def test_102_when_the_disabled_beneficiary_is_not_covered(self, month: int) -> None:
        """Months 19 to 29 are 102 percent unless the disabled beneficiary is covered (Q&A-1(b))."""
        assert self.EXTENDED.premium_percent(month) == Decimal(102)
        assert self.EXTENDED.premium_percent(month, disabled_covered=False) == Decimal(102)

    def test_max_premium_without_the_disabled_beneficiary(self) -> None:
        """500 in month 19 without the disabled beneficiary: 102 percent is 510.00, not 750.00."""
        assert self.EXTENDED.max_premium(Decimal("500"), 19) == Decimal("510.00")

    def test_disabled_covered_must_be_a_bool(self) -> None:
        """``disabled_covered=1`` is refused with ``InputTypeError`` naming the field."""
        with pytest.raises(InputTypeError) as caught:
            self.EXTENDED.premium_percent(19, disabled_covered=1)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == ("disabled_covered", 1)

    def test_disabled_covered_without_the_extension_is_102(self) -> None:
        """Without a disability extension no month is 150 percent, covered or not."""
        coverage = CobraCoverage(Q.DEATH, date(2026, 1, 31), B.SPOUSE)
        assert coverage.premium_percent(19, disabled_covered=True) == Decimal(102)

    def test_percent_without_the_extension(self) -> None:
        """Without the extension every month is 102 percent, and there is no month 19."""
        coverage = CobraCoverage(Q.TERMINATION, date(2026, 1, 31), B.EMPLOYEE)
        assert coverage.premium_percent(18) == Decimal(102)
        with pytest.raises(InvalidArgumentError) as caught:
            coverage.premium_percent(19)
        assert (caught.value.field, caught.value.value) == ("month", 19)

    def test_second_event_months_after_29_are_102(self) -> None:
        """With the extension and a second event, months 30 to 36 go back to 102 percent."""
        coverage = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.SPOUSE,
            disability_extension=True,
            second_event=Q.DIVORCE,
            second_event_date=date(2027, 1, 1),
        )
        assert [coverage.premium_percent(m, disabled_covered=True) for m in (19, 29, 30, 36)] == [
            Decimal(150),
            Decimal(150),
            Decimal(102),
            Decimal(102),
        ]

    @pytest.mark.parametrize("month", [0, 30])
    def test_refuses_months_outside(self, month: int) -> None:
        """Month 0 and a month after the period raise ``InvalidArgumentError``."""
        with pytest.raises(InvalidArgumentError):
            self.EXTENDED.premium_percent(month)

    def test_refuses_a_bool_month(self) -> None:
        """``True`` is not month 1."""
        with pytest.raises(InputTypeError):
            self.EXTENDED.premium_percent(True)

    @pytest.mark.parametrize(
        ("premium", "month", "limit"),
        [
            (Decimal("612.35"), 1, Decimal("624.59")),  # 624.597 rounded down
            (Decimal("612.35"), 19, Decimal("918.52")),  # 918.525 rounded down
            (Decimal("500"), 18, Decimal("510.00")),
            (Decimal("500"), 29, Decimal("750.00")),
            (Decimal("0"), 1, Decimal("0.00")),
        ],
    )
    def test_max_premium(self, premium: Decimal, month: int, limit: Decimal) -> None:
        """The limit is the percent of the premium, rounded down to the cent."""
        assert self.EXTENDED.max_premium(premium, month, disabled_covered=True) == limit

    @pytest.mark.parametrize(
        ("premium", "error"),
        [
            (612.35, InputTypeError),
            (Decimal("-1"), InvalidArgumentError),
            (Decimal("Infinity"), InvalidArgumentError),
        ],
    )
    def test_refuses_bad_premiums(self, premium: object, error: type[Exception]) -> None:
        """A float, a negative or an infinite premium is refused naming the field."""
        with pytest.raises(error) as caught:
            self.EXTENDED.max_premium(premium, 1)  # type: ignore[arg-type]
        assert caught.value.field == "applicable_premium"  # type: ignore[attr-defined]

    @given(st.decimals(min_value=0, max_value=100_000, places=2), st.integers(1, 29))
    def test_limit_is_never_above_the_exact_product(self, premium: Decimal, month: int) -> None:
        """The rounded limit is within a cent below percent x premium, never above."""
        exact = premium * self.EXTENDED.premium_percent(month, disabled_covered=True) / 100
        limit = self.EXTENDED.max_premium(premium, month, disabled_covered=True)
        assert exact - Decimal("0.01") < limit <= exact


class TestCoverageEnd:
    """26 CFR 54.4980B-7, Q&A-1: the earliest of the maximum period's end and any early end."""

    # Terminated 2026-01-31: 18 months end 2027-07-31; with the extension 29 end 2028-06-30.
    PLAIN = CobraCoverage(Q.TERMINATION, date(2026, 1, 31), B.EMPLOYEE)
    EXTENDED = CobraCoverage(
        Q.TERMINATION, date(2026, 1, 31), B.EMPLOYEE, disability_extension=True
    )

    def test_reasons_have_plain_values(self) -> None:
        """Each reason has a lower-case string value for configuration files."""
        assert [reason.value for reason in EarlyEnd] == [
            "premium_not_paid",
            "employer_ends_all_plans",
            "other_group_plan",
            "medicare",
            "no_longer_disabled",
            "for_cause",
        ]

    def test_without_early_ends_the_maximum(self) -> None:
        """No early end: the last day of the maximum period, 2027-07-31."""
        assert coverage_end(self.PLAIN) == date(2027, 7, 31)
        assert coverage_end(self.PLAIN, {}) == date(2027, 7, 31)

    def test_first_unpaid_day(self) -> None:
        """The first day of a period not paid in time, 2026-09-01, ends the coverage."""
        ends = {E.PREMIUM_NOT_PAID: date(2026, 9, 1)}
        assert coverage_end(self.PLAIN, ends) == date(2026, 9, 1)

    def test_the_earliest_reason_wins(self) -> None:
        """The plan ends 2026-12-31, coverage ends for cause 2026-11-15: 2026-11-15."""
        ends = {E.EMPLOYER_ENDS_ALL_PLANS: date(2026, 12, 31), E.FOR_CAUSE: date(2026, 11, 15)}
        assert coverage_end(self.PLAIN, ends) == date(2026, 11, 15)

    def test_an_early_end_after_the_maximum_changes_nothing(self) -> None:
        """Other group coverage from 2027-09-01 comes after 2027-07-31: still 2027-07-31."""
        ends = {E.OTHER_GROUP_PLAN: date(2027, 9, 1)}
        assert coverage_end(self.PLAIN, ends, elected_on=date(2026, 3, 1)) == date(2027, 7, 31)

    def test_other_group_plan_after_the_election(self) -> None:
        """Elected 2026-03-01, covered by a new employer's plan 2026-05-01: ends 2026-05-01."""
        ends = {E.OTHER_GROUP_PLAN: date(2026, 5, 1)}
        assert coverage_end(self.PLAIN, ends, elected_on=date(2026, 3, 1)) == date(2026, 5, 1)

    @pytest.mark.parametrize("reason", [E.OTHER_GROUP_PLAN, E.MEDICARE])
    def test_coverage_from_the_election_day_is_not_after_it(self, reason: EarlyEnd) -> None:
        """Other coverage or Medicare from the election day itself does not end COBRA."""
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_end(self.PLAIN, {reason: date(2026, 3, 1)}, elected_on=date(2026, 3, 1))
        assert (caught.value.field, caught.value.value) == (
            f"early_ends[{reason.value}]",
            date(2026, 3, 1),
        )

    def test_needs_the_election_date(self) -> None:
        """Other coverage and Medicare count only after the election, so its date is needed."""
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_end(self.PLAIN, {E.MEDICARE: date(2026, 6, 1)})
        assert (caught.value.field, caught.value.value) == ("elected_on", None)

    def test_medicare_after_the_election(self) -> None:
        """Elected 2026-03-01, entitled to Medicare 2026-06-01: coverage ends 2026-06-01."""
        ends = {E.MEDICARE: date(2026, 6, 1)}
        assert coverage_end(self.PLAIN, ends, elected_on=date(2026, 3, 1)) == date(2026, 6, 1)

    def test_medicare_does_not_end_bankruptcy_coverage(self) -> None:
        """A retiree's Medicare does not end coverage after a bankruptcy (ERISA §602(2)(D))."""
        retiree = CobraCoverage(Q.BANKRUPTCY, date(2026, 1, 31), B.EMPLOYEE)
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_end(retiree, {E.MEDICARE: date(2027, 1, 1)}, elected_on=date(2026, 3, 1))
        assert caught.value.field == "early_ends[medicare]"

    def test_open_ended_coverage(self) -> None:
        """A living retiree's coverage has no end until an early end gives one."""
        retiree = CobraCoverage(Q.BANKRUPTCY, date(2026, 1, 31), B.EMPLOYEE)
        assert coverage_end(retiree) is None
        ends = {E.PREMIUM_NOT_PAID: date(2030, 2, 1)}
        assert coverage_end(retiree, ends) == date(2030, 2, 1)

    @pytest.mark.parametrize(
        ("determined", "end"),
        [
            # 2027-10-31 + 30 days is 2027-11-30; the first 1st more than 30 days after: Dec 1.
            (date(2027, 10, 31), date(2027, 12, 1)),
            # 2027-11-01 + 30 days is 2027-12-01, exactly 30 days: the next 1st, 2028-01-01.
            (date(2027, 11, 1), date(2028, 1, 1)),
            # 2026-05-01: June 1 is before the 18 months end (2027-07-31), which still hold.
            (date(2026, 5, 1), date(2027, 7, 31)),
            # 2028-06-15: August 1 is after the 29 months end (2028-06-30).
            (date(2028, 6, 15), date(2028, 6, 30)),
        ],
    )
    def test_no_longer_disabled(self, determined: date, end: date) -> None:
        """The later of 18 months and the earlier of 29 months and the 1st after 30 days."""
        ends = {E.NO_LONGER_DISABLED: determined}
        assert coverage_end(self.EXTENDED, ends) == end

    def test_no_longer_disabled_after_an_early_second_event(self) -> None:
        """A divorce in month 8 gives 36 months without the extension: they still hold."""
        spouse = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.SPOUSE,
            disability_extension=True,
            second_event=Q.DIVORCE,
            second_event_date=date(2026, 9, 10),
        )
        ends = {E.NO_LONGER_DISABLED: date(2027, 10, 31)}
        assert coverage_end(spouse, ends) == date(2029, 1, 31)

    def test_no_longer_disabled_after_a_second_event_in_the_extension(self) -> None:
        """A divorce in month 20 counts only through the extension: it ends with it, 12-01."""
        spouse = CobraCoverage(
            Q.TERMINATION,
            date(2026, 1, 31),
            B.SPOUSE,
            disability_extension=True,
            second_event=Q.DIVORCE,
            second_event_date=date(2027, 9, 15),
        )
        ends = {E.NO_LONGER_DISABLED: date(2027, 10, 31)}
        assert coverage_end(spouse, ends) == date(2027, 12, 1)

    def test_no_longer_disabled_needs_the_extension(self) -> None:
        """Without a disability extension there is no disability to end."""
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_end(self.PLAIN, {E.NO_LONGER_DISABLED: date(2026, 10, 1)})
        assert caught.value.field == "early_ends[no_longer_disabled]"

    def test_for_cause_on_the_event_date(self) -> None:
        """An early end on the event date itself is accepted."""
        assert coverage_end(self.PLAIN, {E.FOR_CAUSE: date(2026, 1, 31)}) == date(2026, 1, 31)

    def test_refuses_a_day_before_the_event(self) -> None:
        """An early end before the qualifying event is refused naming the reason."""
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_end(self.PLAIN, {E.PREMIUM_NOT_PAID: date(2026, 1, 30)})
        assert (caught.value.field, caught.value.value) == (
            "early_ends[premium_not_paid]",
            date(2026, 1, 30),
        )

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"coverage": "coverage"}, "coverage"),
            ({"early_ends": [(E.FOR_CAUSE, date(2026, 6, 1))]}, "early_ends"),
            ({"early_ends": {"for_cause": date(2026, 6, 1)}}, "early_ends"),
            ({"early_ends": {E.FOR_CAUSE: datetime(2026, 6, 1, 9)}}, "early_ends[for_cause]"),
            ({"elected_on": "2026-03-01"}, "elected_on"),
        ],
    )
    def test_refuses_wrong_types(self, arguments: dict[str, object], field: str) -> None:
        """Each argument's type is checked, naming it."""
        values: dict[str, object] = {"coverage": self.PLAIN, "early_ends": {}}
        values.update(arguments)
        with pytest.raises(InputTypeError) as caught:
            coverage_end(**values)  # type: ignore[arg-type]
        assert caught.value.field == field

    @given(st.integers(0, 600), st.sampled_from(list(EarlyEnd)))
    def test_is_the_earlier_day(self, offset: int, reason: EarlyEnd) -> None:
        """A plain early end gives the earlier of its day and the maximum period's last day."""
        if reason is EarlyEnd.NO_LONGER_DISABLED:
            return
        day = date(2026, 1, 31) + timedelta(days=offset)
        elected = date(2026, 1, 31) if day > date(2026, 1, 31) else None
        if reason in (EarlyEnd.OTHER_GROUP_PLAN, EarlyEnd.MEDICARE) and elected is None:
            return
        end = coverage_end(self.PLAIN, {reason: day}, elected_on=elected)
        assert end == min(day, date(2027, 7, 31))

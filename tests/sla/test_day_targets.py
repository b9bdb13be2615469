"""SLA targets in business days: every documented edge, computed by hand.

The office calendar: Mon-Fri 09:00-17:00 America/New_York with US holidays (Friday
2025-07-04 is closed). A day target becomes the cycle's business-time budget when the cycle
starts; the count starts at the start, or at the next opening when the calendar is closed.
Each hand-computed case is checked on the per-case engine and on ``sla_frame`` alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore._time import to_micros
from safetycore.analysis import sla_frame
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
    SafetycoreError,
)
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    BusinessDays,
    Calendar,
    ClockState,
    Condition,
    CycleResult,
    CycleState,
    EndOfBusinessDay,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    WeeklySchedule,
    evaluate,
)
from safetycore.testing.strategies import calendars, instants

NY = ZoneInfo("America/New_York")
OFFICE = VersionedCalendar(
    "office",
    "2025",
    Calendar.from_dict(
        {
            "zone": "America/New_York",
            "hours": {"mon-fri": "09:00-17:00"},
            "holidays": [{"country": "US"}],
        }
    ),
)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always("America/New_York"))
H = timedelta(hours=1)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=NY)


def event(when: datetime, kind: str, **data: object) -> CaseEvent:
    return CaseEvent("T-1", when, kind, actor="agent:1", data=data)


def created(when: datetime, priority: str = "normal") -> CaseEvent:
    return CaseEvent("T-1", when, "created", actor="customer:1", data={"priority": priority})


def status(when: datetime, to: str) -> CaseEvent:
    return event(when, "status_changed", **{"from": "x", "to": to, "category": to})


def policy_of(within: object, calendar: VersionedCalendar = OFFICE, **options: object) -> SlaPolicy:
    target = Target("resolution", within, calendar, **options)  # type: ignore[arg-type]
    version = PolicyVersion("1", datetime(2020, 1, 1, tzinfo=UTC), [Policy("all", [target])])
    return SlaPolicy("days", [version])


def resolution(
    events: list[CaseEvent], policy: SlaPolicy, as_of: datetime, cycle: int = 1
) -> CycleResult:
    """The resolution cycle from ``evaluate``, checked to equal ``sla_frame``'s row."""
    history = CaseHistory("T-1", events)
    found = [c for c in evaluate(history, policy, as_of) if c.metric == "resolution"]
    result = found[cycle - 1]
    frame = sla_frame([history], policy, as_of)
    row = frame[(frame["metric"] == "resolution") & (frame["cycle"] == cycle)].iloc[0]
    assert result.target is not None
    assert row["target"] == pd.Timedelta(result.target)
    assert row["state"] == result.state.value
    for column, value in (("due_at", result.due_at), ("at_risk_at", result.at_risk_at)):
        if value is None:
            assert pd.isna(row[column])
        else:
            assert row[column] == pd.Timestamp(value)
    return result


class TestBusinessDays:
    def test_three_business_days(self) -> None:
        """Monday 10:00 + 3 business days is Thursday 10:00: a budget of 24 business hours."""
        result = resolution([created(at(6, 2, 10))], policy_of(BusinessDays(3)), at(6, 2, 11))
        assert result.target == 24 * H
        assert result.due_at == at(6, 5, 10)

    def test_a_holiday_is_not_counted(self) -> None:
        """Thursday 10:00 before the July 4 Friday: due Monday 10:00, 7 + 1 = 8 hours."""
        result = resolution([created(at(7, 3, 10))], policy_of(BusinessDays(1)), at(7, 3, 11))
        assert result.target == 8 * H
        assert result.due_at == at(7, 7, 10)

    def test_a_start_on_a_weekend_counts_from_the_next_opening(self) -> None:
        """Saturday 10:00 counts from Monday 09:00 to Tuesday 09:00: 8 hours, due Monday 17:00.

        The due instant is the earliest at which the budget is reached: Monday's close.
        """
        result = resolution([created(at(6, 7, 10))], policy_of(BusinessDays(1)), at(6, 7, 11))
        assert result.target == 8 * H
        assert result.due_at == at(6, 9, 17)

    def test_a_start_after_the_close_counts_from_the_next_opening(self) -> None:
        """Thursday 18:00 counts from Friday 09:00: a full 8 hours, not the 0 of Thursday."""
        result = resolution([created(at(6, 5, 18))], policy_of(BusinessDays(1)), at(6, 5, 19))
        assert result.target == 8 * H
        assert result.due_at == at(6, 6, 17)

    def test_dst_spring_forward_on_a_24_7_calendar(self) -> None:
        """Saturday 10:00 to Sunday 10:00 across the spring gap holds 23 hours."""
        policy = policy_of(BusinessDays(1), ALWAYS)
        result = resolution([created(at(3, 8, 10))], policy, at(3, 8, 11))
        assert result.target == 23 * H
        assert result.due_at == at(3, 9, 10)


class TestEndOfBusinessDay:
    def test_end_of_today(self) -> None:
        """Thursday 10:00, by end of today: 17:00, a budget of 7 hours."""
        result = resolution([created(at(6, 5, 10))], policy_of(EndOfBusinessDay(0)), at(6, 5, 11))
        assert result.target == 7 * H
        assert result.due_at == at(6, 5, 17)
        assert result.state is CycleState.RUNNING  # at risk from 50% of 7 hours: 13:30
        assert result.at_risk_at == at(6, 5, 13, 30)

    def test_end_of_today_after_the_close_is_the_next_business_day(self) -> None:
        """Thursday 18:00, by end of today: today is over, so Friday 17:00 (8 hours)."""
        result = resolution([created(at(6, 5, 18))], policy_of(EndOfBusinessDay(0)), at(6, 5, 19))
        assert result.target == 8 * H
        assert result.due_at == at(6, 6, 17)

    def test_end_of_today_on_a_holiday(self) -> None:
        """Friday July 4, by end of today: the next business day's end, Monday 17:00."""
        result = resolution([created(at(7, 4, 10))], policy_of(EndOfBusinessDay(0)), at(7, 4, 11))
        assert result.target == 8 * H
        assert result.due_at == at(7, 7, 17)

    def test_end_of_next_business_day_skips_the_holiday(self) -> None:
        """Thursday July 3 10:00, by end of next business day: Monday 17:00, 7 + 8 hours."""
        result = resolution([created(at(7, 3, 10))], policy_of(EndOfBusinessDay(1)), at(7, 3, 11))
        assert result.target == 15 * H
        assert result.due_at == at(7, 7, 17)

    def test_dst_fall_back_day_has_25_hours(self) -> None:
        """On a 24/7 calendar, Sunday Nov 2 00:30 to its midnight holds 24.5 hours."""
        policy = policy_of(EndOfBusinessDay(0), ALWAYS)
        result = resolution([created(at(11, 2, 0, 30))], policy, at(11, 2, 1))
        assert result.target == 24 * H + 30 * timedelta(minutes=1)
        assert result.due_at == at(11, 3, 0)


class TestBehavesAsADuration:
    def test_a_pause_moves_the_deadline_past_the_end_of_the_day(self) -> None:
        """The budget is fixed at the start; 2 hours pending push 'end of today' to Friday 11:00."""
        events = [
            created(at(6, 5, 10)),
            status(at(6, 5, 11), "pending"),
            status(at(6, 5, 13), "open"),
        ]
        result = resolution(events, policy_of(EndOfBusinessDay(0)), at(6, 5, 14))
        assert result.target == 7 * H
        assert result.due_at == at(6, 6, 11)

    def test_warnings_are_percentages_of_the_budget(self) -> None:
        """Thursday 09:00 by end of today: 8 hours; a 25% warning is at 11:00."""
        policy = policy_of(EndOfBusinessDay(0), warnings=[25])
        result = resolution([created(at(6, 5, 9))], policy, at(6, 5, 11, 30))
        assert result.at_risk_at == at(6, 5, 11)
        assert result.state is CycleState.AT_RISK

    def test_a_breach(self) -> None:
        """Unsolved at Thursday 17:00 by end of today: breached just after the deadline."""
        result = resolution([created(at(6, 5, 16))], policy_of(EndOfBusinessDay(0)), at(6, 6, 10))
        assert result.state is CycleState.BREACHED
        assert result.breached_at == at(6, 5, 17) + timedelta(microseconds=1)

    def test_a_new_cycle_has_its_own_budget(self) -> None:
        """Solved, then reopened Monday 16:00: the second cycle has until Monday 17:00 (1 h)."""
        events = [
            created(at(6, 5, 10)),
            status(at(6, 5, 11), "solved"),
            status(at(6, 9, 16), "open"),
        ]
        result = resolution(events, policy_of(EndOfBusinessDay(0)), at(6, 9, 16, 30), cycle=2)
        assert result.target == H
        assert result.due_at == at(6, 9, 17)

    def test_a_re_target_counts_from_the_original_start(self) -> None:
        """Normal (2 business days) turned high (end of today) at 12:00: due 17:00 the same day."""
        high = Policy(
            "high",
            [Target("resolution", EndOfBusinessDay(0), OFFICE)],
            when=Condition(priority="high"),
        )
        normal = Policy("normal", [Target("resolution", BusinessDays(2), OFFICE)])
        version = PolicyVersion("1", datetime(2020, 1, 1, tzinfo=UTC), [high, normal])
        policy = SlaPolicy("days", [version])
        events = [
            created(at(6, 5, 10)),
            event(at(6, 5, 12), "priority_changed", **{"from": "normal", "to": "high"}),
        ]
        result = resolution(events, policy, at(6, 5, 13))
        assert result.target == 7 * H
        assert result.due_at == at(6, 5, 17)
        assert result.policy == "high"

    def test_next_deadline_is_the_budget_s(self) -> None:
        """A live clock wakes at the warnings and breach of the day target's budget."""
        state = ClockState(policy_of(EndOfBusinessDay(0)), "T-1").apply(created(at(6, 5, 9)))
        deadline = state.next_deadline(at(6, 5, 9))
        assert deadline is not None
        assert (deadline.at, deadline.kind) == (at(6, 5, 13), "warning 50%")
        deadline = state.next_deadline(at(6, 5, 16))
        assert deadline is not None
        assert (deadline.at, deadline.kind) == (
            at(6, 5, 17) + timedelta(microseconds=1),
            "breach",
        )

    def test_a_calendar_that_never_opens(self) -> None:
        """No opening ever: the budget cannot be counted, OutOfRangeError when evaluated."""
        never = VersionedCalendar("never", "1", Calendar("UTC", WeeklySchedule.closed()))
        with pytest.raises(OutOfRangeError):
            evaluate(
                CaseHistory("T-1", [created(at(6, 5, 10))]),
                policy_of(BusinessDays(1), never),
                at(6, 5, 11),
            )


class TestBudget:
    def test_a_duration_is_its_own_budget(self) -> None:
        """A duration target's budget is ``within`` whatever the start."""
        target = Target("resolution", 3 * H, OFFICE)
        assert target.budget_us(0) == target.within_us == 3 * 3_600_000_000

    def test_budget_of_a_day_target(self) -> None:
        """``budget_us`` is the open time from the start to the deadline, in microseconds."""
        target = Target("resolution", EndOfBusinessDay(1), OFFICE)
        assert target.budget_us(to_micros(at(6, 5, 10), "t")) == 15 * 3_600_000_000

    def test_a_day_target_has_no_fixed_length(self) -> None:
        """``within_us`` of a day target raises InvalidArgumentError naming ``within``."""
        target = Target("resolution", BusinessDays(2), OFFICE)
        with pytest.raises(InvalidArgumentError) as caught:
            _ = target.within_us
        assert caught.value.field == "within"


class TestRefused:
    @pytest.mark.parametrize(
        ("build", "kind"),
        [
            (lambda: BusinessDays(0), ConfigurationError),
            (lambda: BusinessDays(-1), ConfigurationError),
            (lambda: BusinessDays(True), InputTypeError),
            (lambda: BusinessDays(1.5), InputTypeError),
            (lambda: EndOfBusinessDay(-1), ConfigurationError),
            (lambda: EndOfBusinessDay("1"), InputTypeError),
        ],
    )
    def test_bad_day_counts(self, build: object, kind: type[SafetycoreError]) -> None:
        """A count that is not an int, or below its least (1 and 0), is refused naming ``days``."""
        with pytest.raises(kind) as caught:
            build()  # type: ignore[operator]
        assert caught.value.field == "days"

    def test_within_of_the_wrong_kind(self) -> None:
        """A number where a duration or a day form belongs: InputTypeError naming ``within``."""
        with pytest.raises(InputTypeError) as caught:
            Target("resolution", 3, OFFICE)
        assert caught.value.field == "within"

    def test_end_of_business_day_defaults_to_today(self) -> None:
        """``EndOfBusinessDay()`` is the end of today's business day."""
        assert EndOfBusinessDay() == EndOfBusinessDay(0)


class TestBudgetProperty:
    @settings(max_examples=150, deadline=None)
    @given(
        calendars(),
        instants(),
        st.one_of(
            st.builds(BusinessDays, st.integers(1, 5)),
            st.builds(EndOfBusinessDay, st.integers(0, 5)),
        ),
    )
    def test_a_day_budget_is_positive(
        self, calendar: Calendar, start: datetime, within: BusinessDays | EndOfBusinessDay
    ) -> None:
        """Counted from an open instant, a day target always leaves some business time.

        Only a calendar that never opens (or never holds another business day) again has no
        budget: ``OutOfRangeError``, as for a duration target on it.
        """
        target = Target("resolution", within, VersionedCalendar("c", "1", calendar))
        try:
            budget = target.budget_us(to_micros(start, "start"))
        except OutOfRangeError:
            return
        assert budget > 0

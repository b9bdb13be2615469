"""The shipped strategies reach the edges they promise: DST folds and gaps, overnight shifts.

Each test asks hypothesis' ``find`` for a drawn value at one edge; a strategy that never
draws it fails the test (``NoSuchExample``), so a change that narrows a strategy is caught.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import find, settings

from safetycore.sla import Calendar, WeeklySchedule
from safetycore.testing import calendars, case_histories, instants, weekly_schedules

LONDON = ZoneInfo("Europe/London")
SEARCH = settings(max_examples=2_000, database=None)


def _in_fold(at: datetime) -> bool:
    """Whether ``at`` is a London wall-clock time that occurs twice (the autumn hour)."""
    local = at.astimezone(LONDON).replace(tzinfo=None)
    return (
        local.replace(tzinfo=LONDON, fold=0).utcoffset()
        != local.replace(tzinfo=LONDON, fold=1).utcoffset()
    )


def _just_after_gap(at: datetime) -> bool:
    """Whether ``at`` is within a minute after London's spring-forward jump."""
    before = at - timedelta(minutes=1)
    return before.astimezone(LONDON).utcoffset() != at.astimezone(LONDON).utcoffset() and (
        at.astimezone(LONDON).utcoffset() == timedelta(hours=1)
    )


def _overnight(schedule: WeeklySchedule) -> bool:
    return any(r.crosses_midnight for day in schedule.days for r in day)


class TestEdgesAreReached:
    def test_instants_reach_both_occurrences_of_a_fold(self) -> None:
        """instants() draws the repeated autumn hour at its first (BST) and second (GMT) time."""
        for offset in (timedelta(hours=1), timedelta(0)):

            def in_fold(t: datetime, offset: timedelta = offset) -> bool:
                return _in_fold(t) and t.astimezone(LONDON).utcoffset() == offset

            assert in_fold(find(instants("Europe/London"), in_fold, settings=SEARCH))

    def test_instants_reach_a_gap(self) -> None:
        """instants() draws the first instants after the spring-forward gap."""
        assert _just_after_gap(find(instants("Europe/London"), _just_after_gap, settings=SEARCH))

    def test_schedules_reach_overnight_shifts(self) -> None:
        """weekly_schedules() draws shifts that run past midnight."""
        assert _overnight(find(weekly_schedules(), _overnight, settings=SEARCH))

    def test_calendars_reach_closed_forever(self) -> None:
        """calendars() draws calendars never open after some date, whose searches raise."""

        def never_open(calendar: Calendar) -> bool:
            return (
                not any(calendar.hours.days)
                and not calendar.hours_changes
                and not calendar.openings
            )

        assert never_open(find(calendars(), never_open, settings=SEARCH))

    def test_histories_reach_ties(self) -> None:
        """case_histories() draws two events at one instant (ties keep their order)."""

        def tied(history: object) -> bool:
            times = [event.at for event in history.events]  # type: ignore[attr-defined]
            return len(set(times)) < len(times)

        assert tied(find(case_histories(), tied, settings=SEARCH))

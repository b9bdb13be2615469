"""What hypothesis prints for drawn values: short, bounded reprs in the library's own forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings

import safetycore.events
import safetycore.sla
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    Closure,
    HolidaySource,
    HoursChange,
    SpecialOpening,
    WeeklySchedule,
)
from safetycore.testing import (
    calendars,
    case_events,
    case_histories,
    closures,
    holiday_sources,
    hours_changes,
    special_openings,
)

OFFICE = WeeklySchedule.parse({"mon-fri": "09:00-17:00"})
AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
# Names a repr may call, to build the value back from it.
NAMES: dict[str, Any] = {**vars(safetycore.sla), **vars(safetycore.events)}

# The longest a drawn calendar's repr can be: three weekly schedules (its hours and two hours
# changes) of seven days with three ranges of up to 31 characters each (about 800 characters
# a schedule), three closures, three openings and a holiday source.
LONGEST_DRAWN_CALENDAR = 3_000
# A drawn event's repr is at most about 150 characters: a case id, an instant, a kind, an
# actor and at most three short data items.
LONGEST_EVENT = 200


class TestCalendarRepr:
    def test_short_form(self) -> None:
        """A calendar prints as the call that builds it, each part in its own short form."""
        calendar = Calendar(
            "America/Chicago",
            OFFICE,
            hours_changes=[HoursChange("2026-01-05", WeeklySchedule.always())],
            closures=[Closure("2025-12-24", "12:00-24:00", name="Christmas Eve")],
            openings=[SpecialOpening("2025-11-29", "10:00-14:00")],
            holidays=[HolidaySource("US")],
        )
        assert repr(calendar) == (
            "Calendar('America/Chicago', WeeklySchedule.parse({'mon-fri': '09:00-17:00'}), "
            "hours_changes=[HoursChange('2026-01-05', WeeklySchedule.parse({'mon-sun': '24h'}))], "
            "closures=[Closure('2025-12-24', '12:00-24:00', name='Christmas Eve')], "
            "openings=[SpecialOpening('2025-11-29', '10:00-14:00')], "
            "holidays=[HolidaySource('US')])"
        )
        assert eval(repr(calendar), NAMES) == calendar

    def test_counts_what_it_leaves_out(self) -> None:
        """Beyond three closures the repr counts the rest, so its length does not grow with them."""
        first = dt.date(2025, 1, 1)
        many = [Closure(first + dt.timedelta(days=n)) for n in range(1_000)]
        calendar = Calendar("UTC", OFFICE, closures=many)
        assert repr(calendar) == (
            "Calendar('UTC', WeeklySchedule.parse({'mon-fri': '09:00-17:00'}), "
            "closures=[Closure('2025-01-01'), Closure('2025-01-02'), Closure('2025-01-03'), "
            "...997 more])"
        )

    @settings(max_examples=50)
    @given(calendars())
    def test_drawn_calendars_are_bounded(self, calendar: Calendar) -> None:
        """A drawn calendar's repr is under ``LONGEST_DRAWN_CALENDAR`` characters, and complete.

        Complete when no part has more than three items: it then builds the calendar back.
        """
        text = repr(calendar)
        assert len(text) < LONGEST_DRAWN_CALENDAR
        if "more]" not in text:
            assert eval(text, NAMES) == calendar


class TestValueReprs:
    def test_holiday_source(self) -> None:
        """A holiday source prints only what differs from the defaults."""
        source = HolidaySource("US", "NY", False, categories={"public", "government"})
        assert (
            repr(source)
            == "HolidaySource('US', 'NY', observed=False, categories=['government', 'public'])"
        )
        assert eval(repr(source), NAMES) == source

    def test_special_opening_without_hours(self) -> None:
        """An opening with no hours prints them as ``'closed'``, which builds it back."""
        opening = SpecialOpening("2025-11-29", "closed")
        assert repr(opening) == "SpecialOpening('2025-11-29', 'closed')"
        assert eval(repr(opening), NAMES) == opening

    @given(closures())
    def test_drawn_closures_build_back(self, closure: Closure) -> None:
        """A drawn closure's repr builds an equal closure."""
        assert eval(repr(closure), NAMES) == closure

    @given(special_openings())
    def test_drawn_openings_build_back(self, opening: SpecialOpening) -> None:
        """A drawn special opening's repr builds an equal opening."""
        assert eval(repr(opening), NAMES) == opening

    @given(hours_changes())
    def test_drawn_hours_changes_build_back(self, change: HoursChange) -> None:
        """A drawn hours change's repr builds an equal hours change."""
        assert eval(repr(change), NAMES) == change

    @settings(max_examples=10)
    @given(holiday_sources())
    def test_drawn_sources_build_back(self, source: HolidaySource) -> None:
        """A drawn holiday source's repr builds an equal source."""
        assert eval(repr(source), NAMES) == source


class TestEventReprs:
    def test_event_short_form(self) -> None:
        """An event prints its instant as ISO text with the offset, and ``via`` only if set."""
        event = CaseEvent(
            "T-1", AT, "agent_replied", actor="agent:7", via="email", data={"public": True}
        )
        assert repr(event) == (
            "CaseEvent('T-1', '2025-03-03T09:00:00+00:00', 'agent_replied', actor='agent:7', "
            "via='email', data={'public': True})"
        )

    @given(case_events())
    def test_drawn_events_build_back(self, event: CaseEvent) -> None:
        """A drawn event's repr builds an equal event, in at most ``LONGEST_EVENT`` characters."""
        assert len(repr(event)) <= LONGEST_EVENT
        assert eval(repr(event), NAMES) == event

    @given(case_histories())
    def test_history_grows_by_a_bounded_amount_per_event(self, history: CaseHistory) -> None:
        """A history's repr is at most ``LONGEST_EVENT`` characters an event, and builds it back."""
        text = repr(history)
        assert len(text) <= 40 + LONGEST_EVENT * len(history)
        assert eval(text, NAMES) == history

"""What hypothesis prints for drawn values: short, bounded reprs in the library's own forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safetycore.events
import safetycore.sla
import safetycore.testing
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT, EnrolmentRequest
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
from safetycore.workflow.stock import GUARANTEE_CLAIM, SUPPORT_TICKET

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


# Each public strategy of safetycore.testing, called as a user would, some in several ways.
STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "business_durations": safetycore.testing.business_durations,
    "calendars": safetycore.testing.calendars,
    "calendars(zone)": lambda: safetycore.testing.calendars("Europe/London", dated_rules=False),
    "case_events": safetycore.testing.case_events,
    "case_histories": safetycore.testing.case_histories,
    "closures": safetycore.testing.closures,
    "event_sequences": lambda: safetycore.testing.event_sequences(SUPPORT_TICKET),
    "fact_values": lambda: st.tuples(
        *map(safetycore.testing.fact_values, GROUP_HEALTH_ENROLMENT.fact_specs.values()),
        *map(safetycore.testing.fact_values, PET_GUARANTEE.fact_specs.values()),
    ),
    "facts_for": lambda: safetycore.testing.facts_for(PetGuaranteeClaim, not_applicable=True),
    "facts_for(EnrolmentRequest)": lambda: safetycore.testing.facts_for(EnrolmentRequest),
    "holiday_sources": safetycore.testing.holiday_sources,
    "hours_changes": safetycore.testing.hours_changes,
    "instants": safetycore.testing.instants,
    "instants(zone)": lambda: safetycore.testing.instants("America/New_York"),
    "invalid_histories": lambda: safetycore.testing.invalid_histories(GUARANTEE_CLAIM),
    "invoice_lines": safetycore.testing.invoice_lines,
    "pet_guarantee_claims": safetycore.testing.pet_guarantee_claims,
    "predicates_for": lambda: safetycore.testing.predicates_for(PetGuaranteeClaim),
    "predicates_for(EnrolmentRequest)": lambda: safetycore.testing.predicates_for(EnrolmentRequest),
    "refinements": lambda: safetycore.testing.refinements(PetGuaranteeClaim()),
    "special_openings": safetycore.testing.special_openings,
    "time_ranges": safetycore.testing.time_ranges,
    "valid_histories": lambda: safetycore.testing.valid_histories(SUPPORT_TICKET),
    "weekly_schedules": safetycore.testing.weekly_schedules,
    "zones": safetycore.testing.zones,
}


class TestStrategyReprs:
    @pytest.mark.parametrize("name", sorted(STRATEGIES))
    def test_no_lambda_source(self, name: str) -> None:
        """A public strategy's repr names its functions; it never shows a lambda's source."""
        assert "lambda" not in repr(STRATEGIES[name]())

    def test_every_public_strategy_is_listed(self) -> None:
        """Every strategy function in ``safetycore.testing.__all__`` is in ``STRATEGIES``."""
        not_strategies = {  # values, classes, checkers and path tools return no strategy
            "ZONES",
            "CalendarExample",
            "InvariantError",
            "ReferenceCalendar",
            "check_calendar_laws",
            "check_complete",
            "check_each_path",
            "check_monotone",
            "check_never_pays_less",
            "check_no_worse",
            "check_sla_bound",
            "covering_paths",
            "shortest_paths",
            "state_machine_for",
        }
        functions = set(safetycore.testing.__all__) - not_strategies
        assert functions <= {name.split("(")[0] for name in STRATEGIES}

    def test_calendars_show_the_call(self) -> None:
        """``calendars()`` prints its arguments, not the strategies it draws from."""
        assert repr(safetycore.testing.calendars(min_year=2024)) == (
            "_calendar(zone=None, hours=None, min_year=2024, max_year=2030, holidays=True, "
            "dated_rules=True)"
        )

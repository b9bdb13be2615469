"""The SLA and calendar invariant checkers: pass on sound inputs, fail in words on broken ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import strategies as st

from safetycore.errors import InputTypeError, InvalidArgumentError, UnknownNameError
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import Calendar, Condition, WeeklySchedule
from safetycore.testing import (
    CalendarExample,
    InvariantError,
    calendars,
    case_histories,
    check_calendar_laws,
    check_sla_bound,
)
from tests.testing import sla_fixtures as f

HOUR = timedelta(hours=1)
URGENT = Condition(priority="urgent")


def violation(run: Any) -> InvariantError:
    """The InvariantError ``run()`` raises."""
    with pytest.raises(InvariantError) as caught:
        run()
    return caught.value


class TestCheckSlaBound:
    def test_round_the_clock_urgent_target_meets_the_bound(self) -> None:
        """Urgent cases on a 24/7 one-hour target are all due within one wall-clock hour."""
        check_sla_bound(
            f.URGENT_ROUND_THE_CLOCK,
            metric="first_reply",
            within=HOUR,
            where=URGENT,
            max_examples=40,
        )

    def test_business_hours_urgent_target_breaks_the_bound(self) -> None:
        """An urgent hour counted in office hours is found waiting past the bound, in words."""
        error = violation(
            lambda: check_sla_bound(
                f.URGENT_IN_BUSINESS_HOURS,
                metric="first_reply",
                within=HOUR,
                where=URGENT,
                max_examples=100,
            )
        )
        message = str(error)
        assert message.startswith("case C-1, created ")
        assert "America/Chicago, first reply due " in message
        assert "past the 1 h bound" in message
        assert error.invariant == "every case selected is due within 1 h"
        assert isinstance(error.example, CaseHistory)
        assert error.example.events[0]["priority"] == "urgent"

    def test_friday_evening_case_reads_in_the_calendar_zone(self) -> None:
        """The message gives the case, its instants with weekday and zone, and the overshoot."""
        error = violation(
            lambda: check_sla_bound(
                f.URGENT_IN_BUSINESS_HOURS,
                metric="first_reply",
                within=HOUR,
                histories=st.just(f.FRIDAY_EVENING_URGENT),
            )
        )
        assert str(error) == (
            "case T-1, created Fri 2026-03-06 16:55 America/Chicago, first reply due "
            "Mon 2026-03-09 09:55 America/Chicago, 63 h past the 1 h bound "
            "(target 1 h in calendar 'office', policy row 'urgent')"
        )
        assert error.example == f.FRIDAY_EVENING_URGENT

    def test_a_case_without_a_target_breaks_the_bound(self) -> None:
        """A case no row gives a target for the metric is never due, and is reported so."""
        error = violation(
            lambda: check_sla_bound(
                f.URGENT_FALLS_THROUGH,
                metric="first_reply",
                within=HOUR,
                histories=st.just(f.FRIDAY_EVENING_URGENT),
            )
        )
        assert str(error) == (
            "case T-1, created Fri 2026-03-06 16:55 America/Chicago, has no first reply "
            "target (policy row 'catch-all' sets none), so it is never due"
        )

    def test_a_condition_draws_cases_that_match_it(self) -> None:
        """``where=Condition(category=...)`` draws only that category; every case does not hold."""
        check_sla_bound(
            f.EMEA_ROUND_THE_CLOCK,
            metric="first_reply",
            within=HOUR,
            where=Condition(category="emea"),
            max_examples=30,
        )
        error = violation(
            lambda: check_sla_bound(
                f.EMEA_ROUND_THE_CLOCK, metric="first_reply", within=HOUR, max_examples=100
            )
        )
        assert "policy row 'rest'" in str(error)
        assert error.invariant == "every case is due within 1 h"

    def test_a_condition_on_channel_and_tags_is_drawn_to_match(self) -> None:
        """Drawn cases carry the condition's channel and a tag of it (others have no target)."""
        check_sla_bound(
            f.VIP_PHONE_ONLY,
            metric="first_reply",
            within=HOUR,
            where=Condition(channel="phone", tags="vip"),
            max_examples=30,
        )

    def test_a_time_in_the_repeated_hour_is_marked_second(self) -> None:
        """Seconds show when not zero, and the later of two equal wall-clock times says so."""
        at = datetime(2025, 11, 2, 1, 30, 15, fold=1, tzinfo=f.CHICAGO)  # 01:30:15 CST
        case = CaseHistory(
            "T-3",
            [CaseEvent("T-3", at, "created", actor="customer:1", data={"priority": "urgent"})],
        )
        error = violation(
            lambda: check_sla_bound(
                f.URGENT_IN_BUSINESS_HOURS,
                metric="first_reply",
                within=HOUR,
                histories=st.just(case),
            )
        )
        assert str(error).startswith(
            "case T-3, created Sun 2025-11-02 01:30:15 (second) America/Chicago, first reply "
            "due Mon 2025-11-03 10:00 America/Chicago, 31 h 29 min 45 s past the 1 h bound"
        )

    def test_a_predicate_selects_cases(self) -> None:
        """``where`` may be a predicate on the history; the cases it selects are checked."""

        def urgent_throughout(history: CaseHistory) -> bool:
            kinds = {event.kind for event in history.events}
            return history.events[0]["priority"] == "urgent" and "priority_changed" not in kinds

        check_sla_bound(
            f.URGENT_ROUND_THE_CLOCK,
            metric="first_reply",
            within=HOUR,
            where=urgent_throughout,
            max_examples=30,
        )

    def test_given_histories_are_filtered_by_the_condition(self) -> None:
        """With ``histories`` and a ``Condition``, cases that do not match are left out."""
        histories = case_histories(
            "T-9",
            start=datetime(2025, 2, 1, tzinfo=UTC),
            max_events=2,
            priorities=["urgent", "low"],
        )
        check_sla_bound(
            f.URGENT_ROUND_THE_CLOCK,
            metric="first_reply",
            within=HOUR,
            where=URGENT,
            histories=histories,
            max_examples=30,
        )

    def test_a_named_version_runs_every_case(self) -> None:
        """``version`` runs every drawn case under that version, whatever its dates."""
        check_sla_bound(
            f.TWO_VERSIONS,
            metric="first_reply",
            within=HOUR,
            where=URGENT,
            version="2026",
            max_examples=30,
        )
        violation(
            lambda: check_sla_bound(
                f.TWO_VERSIONS,
                metric="first_reply",
                within=HOUR,
                where=URGENT,
                version="2025",
                max_examples=100,
            )
        )

    def test_a_check_that_never_meets_the_metric_is_refused(self) -> None:
        """No drawn case ever starting the metric raises instead of passing vacuously."""
        only_created = case_histories(start=datetime(2025, 2, 1, tzinfo=UTC), max_events=0)
        with pytest.raises(InvalidArgumentError) as caught:
            check_sla_bound(
                f.URGENT_ROUND_THE_CLOCK,
                metric="next_reply",
                within=HOUR,
                histories=only_created,
                max_examples=10,
            )
        assert caught.value.field == "where"

    def test_unknown_names_are_refused_before_any_search(self) -> None:
        """A metric no version tracks, or a version the policy lacks, names the field."""
        with pytest.raises(UnknownNameError) as metric:
            check_sla_bound(f.URGENT_ROUND_THE_CLOCK, metric="first_replay", within=HOUR)
        assert metric.value.field == "metric"
        with pytest.raises(UnknownNameError) as version:
            check_sla_bound(
                f.URGENT_ROUND_THE_CLOCK, metric="first_reply", within=HOUR, version="2030"
            )
        assert version.value.field == "version"

    def test_a_bound_must_be_positive(self) -> None:
        """A zero or negative bound raises InvalidArgumentError naming ``within``."""
        with pytest.raises(InvalidArgumentError) as caught:
            check_sla_bound(f.URGENT_ROUND_THE_CLOCK, metric="first_reply", within=-HOUR)
        assert caught.value.field == "within"

    @pytest.mark.parametrize(
        ("field", "arguments"),
        [
            ("policy", {"policy": "care"}),
            ("metric", {"metric": 1}),
            ("within", {"within": 1}),
            ("where", {"where": "urgent"}),
            ("histories", {"histories": [f.FRIDAY_EVENING_URGENT]}),
            ("max_examples", {"max_examples": 2.5}),
        ],
    )
    def test_wrong_types_name_the_field(self, field: str, arguments: dict[str, Any]) -> None:
        """Each argument of the wrong type raises InputTypeError naming it."""
        call: dict[str, Any] = {
            "policy": f.URGENT_ROUND_THE_CLOCK,
            "metric": "first_reply",
            "within": HOUR,
            **arguments,
        }
        with pytest.raises(InputTypeError) as caught:
            check_sla_bound(**call)
        assert caught.value.field == field

    def test_drawn_values_must_be_histories(self) -> None:
        """A strategy drawing something other than CaseHistory raises InputTypeError."""
        with pytest.raises(InputTypeError) as caught:
            check_sla_bound(
                f.URGENT_ROUND_THE_CLOCK,
                metric="first_reply",
                within=HOUR,
                histories=st.just("T-1"),  # type: ignore[arg-type]  # the wrong type, on purpose
            )
        assert caught.value.field == "histories"

    def test_a_case_starting_paused_is_skipped(self) -> None:
        """A resolution cycle that starts in a paused category has no due instant to check."""
        at = datetime(2026, 3, 6, 16, 55, tzinfo=f.CHICAGO)
        pending = CaseHistory(
            "T-2",
            [
                CaseEvent("T-2", at, "created", actor="customer:1", data={"priority": "low"}),
                CaseEvent(
                    "T-2",
                    at,
                    "status_changed",
                    actor="agent:1",
                    data={"from": "new", "to": "pending", "category": "pending"},
                ),
            ],
        )
        with pytest.raises(InvalidArgumentError):  # skipped, so nothing was ever checked
            check_sla_bound(
                f.URGENT_IN_BUSINESS_HOURS,
                metric="resolution",
                within=HOUR,
                histories=st.just(pending),
            )


class TestCheckCalendarLaws:
    def test_office_hours_with_holidays_keep_the_laws(self) -> None:
        """A real calendar with holidays keeps every law and agrees with the reference."""
        check_calendar_laws(f.OFFICE_WITH_HOLIDAYS, max_examples=60)

    def test_drawn_calendars_keep_the_laws(self) -> None:
        """A strategy of calendars is accepted, and drawn calendars keep every law."""
        check_calendar_laws(calendars(min_year=2024, max_year=2026), max_examples=25)

    def test_always_and_never_open_calendars_keep_the_laws(self) -> None:
        """Calendars that never close or never open skip the answers they cannot give."""
        check_calendar_laws(Calendar.always("Europe/London"), max_examples=20)
        check_calendar_laws(Calendar("UTC", WeeklySchedule.closed()), max_examples=20)

    def test_an_add_a_minute_late_breaks_a_law(self) -> None:
        """An ``add`` a minute late across a day fails, naming the law, instants and durations."""
        error = violation(lambda: check_calendar_laws(f.minute_late(), max_examples=200))
        message = str(error)
        assert message.startswith("calendar law '")
        assert error.invariant in (
            "elapsed(t, add(t, d)) == d",
            "add(t, d) is the earliest instant with d of business time",
        )
        assert "America/Chicago" in message
        assert " h" in message
        assert isinstance(error.example, CalendarExample)

    def test_an_add_that_skips_a_close_breaks_the_earliest_law(self) -> None:
        """Answering the next opening for a deadline on a close breaks the "earliest" law."""
        error = violation(lambda: check_calendar_laws(f.next_opening_at_close(), max_examples=300))
        assert error.invariant == "add(t, d) is the earliest instant with d of business time"
        assert "a deadline landing on a close is the close" in str(error)

    def test_a_late_previous_open_breaks_its_law(self) -> None:
        """A ``previous_open`` a minute after the opening is no opening, and is reported so."""
        error = violation(lambda: check_calendar_laws(f.late_opening(), max_examples=100))
        assert error.invariant == "previous_open(t) is an opening at or before t"
        assert "previous_open gives" in str(error)

    def test_answers_blind_to_holidays_disagree_with_the_reference(self) -> None:
        """Consistent answers that ignore declared holidays are caught only by the reference."""
        error = violation(lambda: check_calendar_laws(f.holiday_blind(), max_examples=300))
        assert error.invariant.endswith("agrees with ReferenceCalendar")
        assert "the reference" in str(error)
        check_calendar_laws(f.holiday_blind(), reference=False, max_examples=30)

    @pytest.mark.parametrize(
        ("field", "arguments"),
        [
            ("calendar", {"calendar": {"zone": "UTC", "hours": "24/7"}}),
            ("reference", {"reference": "yes"}),
            ("max_examples", {"max_examples": "10"}),
        ],
    )
    def test_wrong_types_name_the_field(self, field: str, arguments: dict[str, Any]) -> None:
        """Each argument of the wrong type raises InputTypeError naming it."""
        call: dict[str, Any] = {"calendar": f.OFFICE, **arguments}
        with pytest.raises(InputTypeError) as caught:
            check_calendar_laws(**call)
        assert caught.value.field == field

    def test_drawn_values_must_be_calendars(self) -> None:
        """A strategy drawing something other than a Calendar raises InputTypeError."""
        with pytest.raises(InputTypeError) as caught:
            check_calendar_laws(st.just("office"), max_examples=5)  # type: ignore[arg-type]
        assert caught.value.field == "calendar"

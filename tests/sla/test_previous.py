"""``previous_open`` and ``previous_close``: the latest opening or close at or before an instant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.errors import OutOfRangeError
from safetycore.sla import Calendar, WeeklySchedule
from safetycore.testing import calendars, instants

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
US = timedelta(microseconds=1)
OFFICE = Calendar.from_dict(
    {
        "zone": "America/New_York",
        "hours": {"mon-fri": "09:00-17:00"},
        "holidays": [{"country": "US"}],
    }
)
NIGHTS = Calendar.from_dict({"zone": "Europe/London", "hours": {"mon-fri": "22:00-06:00"}})


def ny(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NY)  # type: ignore[misc]


def _none_later(
    first: Callable[[datetime], datetime],
    then: Callable[[datetime], datetime],
    start: datetime,
    at: datetime,
) -> bool:
    """Whether ``then(first(start))`` lies after ``at``, or does not exist."""
    try:
        return then(first(start)) > at
    except OutOfRangeError:
        return True


class TestHandComputed:
    @pytest.mark.parametrize(
        ("at", "opening", "close"),
        [
            # Open mid-day Wednesday: opened at 09:00; the last close was Tuesday 17:00.
            (ny(2025, 7, 9, 12), ny(2025, 7, 9, 9), ny(2025, 7, 8, 17)),
            # Exactly at an opening: that opening.
            (ny(2025, 7, 9, 9), ny(2025, 7, 9, 9), ny(2025, 7, 8, 17)),
            # Exactly at a close (the first closed instant): that close.
            (ny(2025, 7, 9, 17), ny(2025, 7, 9, 9), ny(2025, 7, 9, 17)),
            # A microsecond before the close: still open, the close is the day before's.
            (ny(2025, 7, 9, 17) - US, ny(2025, 7, 9, 9), ny(2025, 7, 8, 17)),
            # Monday 08:00 after a holiday Friday (July 4th): back to Thursday.
            (ny(2025, 7, 7, 8), ny(2025, 7, 3, 9), ny(2025, 7, 3, 17)),
        ],
    )
    def test_office_hours(self, at: datetime, opening: datetime, close: datetime) -> None:
        """Openings and closes of office hours, holidays skipped."""
        assert OFFICE.previous_open(at) == opening
        assert OFFICE.previous_close(at) == close

    def test_an_overnight_shift_opens_the_evening_before(self) -> None:
        """At 03:00 inside a night shift: it opened at 22:00 the evening before, one interval."""
        at = datetime(2025, 7, 9, 3, tzinfo=LONDON)
        assert NIGHTS.previous_open(at) == datetime(2025, 7, 8, 22, tzinfo=LONDON)
        assert NIGHTS.previous_close(at) == datetime(2025, 7, 8, 6, tzinfo=LONDON)

    def test_answers_are_in_the_calendars_zone(self) -> None:
        """An instant in UTC gets its answer in the calendar's zone."""
        found = OFFICE.previous_open(datetime(2025, 7, 9, 16, tzinfo=UTC))
        assert found.utcoffset() == timedelta(hours=-4)

    @pytest.mark.parametrize(
        "calendar", [Calendar.always("UTC"), Calendar("UTC", WeeklySchedule.closed())]
    )
    def test_never_opened_or_closed_raises_at_once(self, calendar: Calendar) -> None:
        """Always open or never open: no opening or close before, OutOfRangeError quickly."""
        at = datetime(2025, 7, 9, tzinfo=UTC)
        for query in (calendar.previous_open, calendar.previous_close):
            with pytest.raises(OutOfRangeError, match="never"):
                query(at)


class TestLaws:
    @settings(max_examples=40, deadline=None)
    @given(calendar=calendars(), data=st.data())
    def test_previous_open_is_the_latest_opening(
        self, calendar: Calendar, data: st.DataObject
    ) -> None:
        """An opening at or before ``at``, and no opening after it up to ``at``."""
        at = data.draw(instants(calendar.zone))
        try:
            opening = calendar.previous_open(at)
        except OutOfRangeError:
            return
        assert opening <= at
        assert calendar.is_open(opening)
        assert not calendar.is_open(opening - US)
        assert _none_later(calendar.next_close, calendar.next_open, opening, at)

    @settings(max_examples=40, deadline=None)
    @given(calendar=calendars(), data=st.data())
    def test_previous_close_is_the_latest_close(
        self, calendar: Calendar, data: st.DataObject
    ) -> None:
        """A close at or before ``at``, and no close after it up to ``at``."""
        at = data.draw(instants(calendar.zone))
        try:
            close = calendar.previous_close(at)
        except OutOfRangeError:
            return
        assert close <= at
        assert not calendar.is_open(close)
        assert calendar.is_open(close - US)
        assert _none_later(calendar.next_open, calendar.next_close, close, at)

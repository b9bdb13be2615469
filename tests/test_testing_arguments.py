"""``safetycore.testing``: its strategies and reference calendar refuse junk arguments at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from safetycore.errors import InputTypeError, InvalidArgumentError, OutOfRangeError, SafetycoreError
from safetycore.sla import Calendar
from safetycore.testing import (
    ReferenceCalendar,
    business_durations,
    calendars,
    case_histories,
    instants,
    time_ranges,
)


class TestStrategyArguments:
    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda: instants(max_year={}), "max_year"),
            (lambda: instants(zone=True), "zone"),
            (lambda: instants(zone="Mars/Olympus"), "zone"),
            (lambda: instants(around=None), "around"),
            (lambda: instants(min_year=2026, max_year=2024), "max_year"),
            (lambda: calendars(holidays="yes"), "holidays"),
            (lambda: calendars(hours=[]), "hours"),
            (lambda: time_ranges(within_day=[]), "within_day"),
            (lambda: business_durations(min_value=True), "min_value"),
            (lambda: business_durations(max_value=timedelta(-1)), "max_value"),
            (lambda: case_histories(""), "case_id"),
            (lambda: case_histories(start=datetime(2025, 1, 1)), "start"),
            (lambda: case_histories(spread=3), "spread"),
            (lambda: case_histories(max_gap=-timedelta(1)), "max_gap"),
            (lambda: case_histories(max_events=True), "max_events"),
            (lambda: case_histories(max_events=-1), "max_events"),
            (lambda: case_histories(kinds="customer_replied"), "kinds"),
            (lambda: case_histories(kinds=["agent_replied"]), "kinds"),
            (lambda: case_histories(kinds=[]), "kinds"),
            (lambda: case_histories(priorities="high"), "priorities"),
            (lambda: case_histories(priorities=[1]), "priorities[0]"),
        ],
    )
    def test_junk_argument_is_refused(self, build: Callable[[], Any], field: str) -> None:
        """A junk argument raises a SafetycoreError naming it when the strategy is built."""
        with pytest.raises(SafetycoreError) as info:
            build()
        assert info.value.field == field
        assert isinstance(info.value, (InputTypeError, InvalidArgumentError, ValueError))


class TestCaseHistoriesRange:
    def test_events_past_year_9998_refused(self) -> None:
        """A start whose spread and gaps could pass year 9998 raises OutOfRangeError."""
        late = datetime(9998, 12, 1, tzinfo=UTC)
        with pytest.raises(OutOfRangeError) as info:
            case_histories(start=late, spread=timedelta(days=20), max_gap=timedelta(days=2))
        assert info.value.field == "start"

    def test_huge_max_events_is_no_overflow(self) -> None:
        """A huge ``max_events`` is a range error, not an OverflowError from timedelta."""
        with pytest.raises(OutOfRangeError):
            case_histories(max_events=10**30)


class TestReferenceCalendarArguments:
    REFERENCE = ReferenceCalendar(Calendar.always())

    def test_not_a_calendar(self) -> None:
        """Anything but a Calendar raises ``InputTypeError`` on ``calendar``."""
        with pytest.raises(InputTypeError) as info:
            ReferenceCalendar([])  # type: ignore[arg-type]
        assert info.value.field == "calendar"

    def test_horizon_not_a_count(self) -> None:
        """A horizon that is not a positive whole number of days is refused."""
        with pytest.raises(InputTypeError):
            ReferenceCalendar(Calendar.always(), horizon_days=[])  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            ReferenceCalendar(Calendar.always(), horizon_days=0)

    def test_horizon_past_the_supported_years(self) -> None:
        """A horizon of more days than years 2 to 9998 hold is refused, not an OverflowError."""
        with pytest.raises(InvalidArgumentError) as info:
            ReferenceCalendar(Calendar.always(), horizon_days=2**31)
        assert info.value.field == "horizon_days"

    def test_duration_not_a_timedelta(self) -> None:
        """``add`` with a number of hours raises ``InputTypeError`` on ``duration``."""
        with pytest.raises(InputTypeError) as info:
            self.REFERENCE.add(datetime(2025, 1, 1, tzinfo=UTC), None)  # type: ignore[arg-type]
        assert info.value.field == "duration"

    def test_day_not_a_date(self) -> None:
        """``is_business_day`` of a list raises ``InputTypeError`` on ``day``."""
        with pytest.raises(InputTypeError) as info:
            self.REFERENCE.is_business_day([])  # type: ignore[arg-type]
        assert info.value.field == "day"

    def test_business_days_at_the_end_of_the_supported_years(self) -> None:
        """Counting past 9998-12-31 raises ``OutOfRangeError``, not an ``OverflowError``."""
        late = datetime(9998, 12, 30, 12, tzinfo=UTC)
        assert self.REFERENCE.end_of_business_day(late, 1) == datetime(9999, 1, 1, tzinfo=UTC)
        with pytest.raises(OutOfRangeError):
            self.REFERENCE.end_of_business_day(late, 2)
        with pytest.raises(OutOfRangeError):
            self.REFERENCE.add_business_days(datetime(2, 1, 1, 12, tzinfo=UTC), -1)

    def test_instant_in_year_one(self) -> None:
        """An instant in year 1 raises ``OutOfRangeError``, as the Calendar does."""
        with pytest.raises(OutOfRangeError):
            self.REFERENCE.is_open(datetime(1, 1, 1, tzinfo=UTC))

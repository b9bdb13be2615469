"""Hand-computed answers that pin the reference calendar itself, so that it can judge others."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from safetycore.errors import InvalidArgumentError, OutOfRangeError
from safetycore.sla import Calendar, Closure, HolidaySource, HoursChange, SpecialOpening
from safetycore.sla import WeeklySchedule as Weekly
from safetycore.testing import ReferenceCalendar

NEW_YORK = "America/New_York"
HOUR = timedelta(hours=1)


def local(
    zone: str,
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
    *,
    fold: int = 0,
) -> datetime:
    """A wall-clock time in ``zone``."""
    return datetime(
        year, month, day, hour, minute, second, microsecond, tzinfo=ZoneInfo(zone), fold=fold
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def reference(hours: dict[str, Any] | str, zone: str = NEW_YORK, **rules: Any) -> ReferenceCalendar:
    return ReferenceCalendar(Calendar(zone, Weekly.parse(hours), **rules), horizon_days=40)


OFFICE = {"mon-fri": "09:00-17:00"}


class TestAdd:
    def test_crosses_weekend_and_spring_forward(self) -> None:
        """Friday 16:00 EST plus two hours is Monday 10:00 EDT, across the DST change."""
        ref = reference(OFFICE)
        assert ref.add(local(NEW_YORK, 2025, 3, 7, 16), 2 * HOUR) == utc(2025, 3, 10, 14)

    def test_landing_on_close_returns_close(self) -> None:
        """An addition that uses up the day's open time ends at the close, not the next opening."""
        ref = reference(OFFICE)
        assert ref.add(local(NEW_YORK, 2025, 3, 7, 16), HOUR) == utc(2025, 3, 7, 22)

    def test_backwards_crosses_weekend(self) -> None:
        """Monday 10:00 EDT minus two hours is Friday 16:00 EST."""
        ref = reference(OFFICE)
        assert ref.add(local(NEW_YORK, 2025, 3, 10, 10), -2 * HOUR) == utc(2025, 3, 7, 21)

    def test_backwards_landing_on_opening_returns_opening(self) -> None:
        """Going back exactly to an opening gives the opening, not the previous close."""
        ref = reference(OFFICE)
        assert ref.add(local(NEW_YORK, 2025, 3, 10, 10), -HOUR) == utc(2025, 3, 10, 13)

    def test_zero_is_start(self) -> None:
        """Adding nothing gives the start, even when closed then."""
        ref = reference(OFFICE)
        assert ref.add(utc(2025, 3, 8, 3, 7), timedelta(0)) == utc(2025, 3, 8, 3, 7)

    def test_skips_holiday(self) -> None:
        """Thursday 3 July 2025 16:00 plus two hours skips Independence Day and the weekend."""
        ref = reference(OFFICE, holidays=[HolidaySource("US")])
        assert ref.add(local(NEW_YORK, 2025, 7, 3, 16), 2 * HOUR) == utc(2025, 7, 7, 14)

    def test_never_open_raises(self) -> None:
        """A calendar that never opens has no answer: ``OutOfRangeError``."""
        ref = reference({})
        with pytest.raises(OutOfRangeError):
            ref.add(utc(2025, 1, 1), HOUR)
        with pytest.raises(OutOfRangeError):
            ref.add(utc(2025, 1, 1), -HOUR)


class TestElapsed:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [(date(2025, 3, 9), HOUR), (date(2025, 3, 10), 2 * HOUR), (date(2025, 11, 2), 3 * HOUR)],
    )
    def test_night_shift_counts_real_time(self, day: date, expected: timedelta) -> None:
        """01:00-03:00 holds one real hour on the spring-forward night and three on fall-back."""
        ref = reference({"daily": "01:00-03:00"})
        start = local(NEW_YORK, day.year, day.month, day.day)
        assert ref.elapsed(start, start + timedelta(hours=12)) == expected

    @pytest.mark.parametrize(
        ("hours", "expected"),
        [
            ("02:30-04:00", timedelta(minutes=30)),  # 03:30 EDT to 04:00 EDT
            ("02:15-02:45", timedelta(minutes=30)),  # both bounds move forward: 03:15 to 03:45
            ("02:30-03:15", timedelta(0)),  # 03:30 EDT to 03:15 EDT holds no time
        ],
    )
    def test_gap_bounds_shift_forward(self, hours: str, expected: timedelta) -> None:
        """A bound in the spring-forward gap moves forward by the gap's length."""
        ref = reference({"sun": hours})
        day = local(NEW_YORK, 2025, 3, 9)
        assert ref.elapsed(day, day + timedelta(days=1)) == expected

    @pytest.mark.parametrize(
        ("zone", "day", "expected"),
        [
            ("America/Santiago", date(2024, 9, 8), timedelta(hours=23)),  # 00:00 is missing
            ("America/Santiago", date(2024, 4, 6), timedelta(hours=25)),  # 23:00 repeats
            ("Australia/Lord_Howe", date(2024, 10, 6), timedelta(hours=23, minutes=30)),
            ("Asia/Kathmandu", date(2024, 10, 6), timedelta(hours=24)),
        ],
    )
    def test_whole_day_lasts_real_day(self, zone: str, day: date, expected: timedelta) -> None:
        """A 24h day holds the real length of the local date, from midnight to midnight."""
        ref = reference("24/7", zone=zone)
        start = local(zone, day.year, day.month, day.day)
        end = local(zone, day.year, day.month, day.day + 1)
        assert ref.elapsed(start, end) == expected

    def test_reversed_is_negative(self) -> None:
        """Swapping the bounds negates the answer."""
        ref = reference(OFFICE)
        a, b = local(NEW_YORK, 2025, 3, 7, 16), local(NEW_YORK, 2025, 3, 10, 10)
        assert ref.elapsed(a, b) == 2 * HOUR
        assert ref.elapsed(b, a) == -2 * HOUR

    def test_full_day_closure_cuts_overnight_shift(self) -> None:
        """Closing Tuesday keeps only the Monday part (22:00-24:00) of Monday's 22:00-06:00."""
        ref = reference({"mon": "22:00-06:00"}, zone="UTC", closures=[Closure("2025-03-11")])
        assert ref.elapsed(utc(2025, 3, 10), utc(2025, 3, 17)) == 2 * HOUR

    def test_opening_beats_holiday_but_not_closure(self) -> None:
        """A special opening on a holiday opens it; a partial closure still cuts the opening."""
        ref = reference(
            OFFICE,
            holidays=[HolidaySource("US")],
            openings=[SpecialOpening("2025-07-04", "10:00-14:00")],
            closures=[Closure("2025-07-04", "12:00-13:00")],
        )
        day = local(NEW_YORK, 2025, 7, 4)
        assert ref.elapsed(day, day + timedelta(days=1)) == 3 * HOUR

    def test_hours_change_from_effective_date(self) -> None:
        """New hours apply from their effective date: 8 + 8 + 2 + 2 + 2 hours that week."""
        change = HoursChange("2025-03-12", Weekly.parse({"mon-fri": "10:00-12:00"}))
        ref = reference(OFFICE, hours_changes=[change])
        assert ref.elapsed(local(NEW_YORK, 2025, 3, 10), local(NEW_YORK, 2025, 3, 15)) == 22 * HOUR

    def test_overnight_shift_keeps_schedule_of_its_start(self) -> None:
        """A shift that starts the day before a change runs to its end under the old hours."""
        change = HoursChange("2025-03-12", Weekly.closed())
        ref = reference({"daily": "22:00-06:00"}, zone="UTC", hours_changes=[change])
        assert ref.elapsed(utc(2025, 3, 11), utc(2025, 3, 20)) == 14 * HOUR


class TestIsOpen:
    def test_half_open(self) -> None:
        """Open at the opening and until the last microsecond; closed at the close."""
        ref = reference(OFFICE)
        assert ref.is_open(local(NEW_YORK, 2025, 3, 7, 9))
        assert ref.is_open(local(NEW_YORK, 2025, 3, 7, 16, 59, 59, 999_999))
        assert not ref.is_open(local(NEW_YORK, 2025, 3, 7, 17))
        assert not ref.is_open(local(NEW_YORK, 2025, 3, 7, 8, 59, 59, 999_999))

    def test_fold_takes_earlier_occurrence(self) -> None:
        """On fall-back night a 01:00-01:30 shift is the first 01:00-01:30 (EDT), not the second."""
        ref = reference({"sun": "01:00-01:30"})
        assert ref.is_open(local(NEW_YORK, 2025, 11, 2, 1, 15, fold=0))
        assert not ref.is_open(local(NEW_YORK, 2025, 11, 2, 1, 15, fold=1))


class TestNextOpen:
    def test_open_gives_itself(self) -> None:
        """An instant at which the calendar is open is its own next opening."""
        ref = reference(OFFICE)
        at = local(NEW_YORK, 2025, 3, 7, 12, 34)
        assert ref.next_open(at) == at

    def test_after_close_gives_next_business_morning(self) -> None:
        """Friday 17:00 EST opens next on Monday 09:00 EDT."""
        ref = reference(OFFICE)
        assert ref.next_open(local(NEW_YORK, 2025, 3, 7, 17)) == utc(2025, 3, 10, 13)


class TestNextClose:
    def test_closed_gives_itself(self) -> None:
        """An instant at which the calendar is closed is its own next close."""
        ref = reference(OFFICE)
        at = local(NEW_YORK, 2025, 3, 8, 12)
        assert ref.next_close(at) == at

    def test_open_gives_end_of_interval(self) -> None:
        """Friday 16:00 closes at 17:00."""
        ref = reference(OFFICE)
        assert ref.next_close(local(NEW_YORK, 2025, 3, 7, 16)) == utc(2025, 3, 7, 22)

    def test_runs_across_weeks(self) -> None:
        """A 24/7 calendar closes at its next closure, weeks away."""
        ref = reference("24/7", closures=[Closure("2025-04-02", "03:00-04:00")])
        assert ref.next_close(local(NEW_YORK, 2025, 3, 1)) == local(NEW_YORK, 2025, 4, 2, 3)

    def test_gap_between_overlapping_shifts(self) -> None:
        """Shifts that overlap in wall-clock time can leave a gap in real time at spring-forward.

        Saturday's 22:00-03:00 ends at 03:00 EDT while Sunday's 02:15 start moves to 03:15 EDT.
        """
        hours = {"mon-fri": "24h", "sat": "24h, 22:00-03:00", "sun": "02:15-24:00"}
        ref = reference(hours)
        assert ref.next_close(local(NEW_YORK, 2025, 3, 1)) == local(NEW_YORK, 2025, 3, 9, 3)
        assert ref.next_open(local(NEW_YORK, 2025, 3, 9, 3)) == local(NEW_YORK, 2025, 3, 9, 3, 15)

    def test_always_open_raises(self) -> None:
        """A calendar that never closes has no answer: ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            reference("24/7").next_close(utc(2025, 1, 1))


class TestOpenIntervals:
    def test_overlapping_and_touching_shifts_unite(self) -> None:
        """Sunday 22:00-10:00 and Monday 09:00-17:00 are one interval; so are touching days."""
        ref = reference({"sun": "22:00-10:00", "mon": "09:00-17:00", "wed-thu": "24h"}, "UTC")
        assert ref.open_intervals(utc(2025, 3, 9), utc(2025, 3, 14)) == [
            (utc(2025, 3, 9, 22), utc(2025, 3, 10, 17)),
            (utc(2025, 3, 12), utc(2025, 3, 14)),
        ]

    def test_clipped_to_range(self) -> None:
        """Intervals are cut at the bounds of the question."""
        ref = reference(OFFICE, zone="UTC")
        assert ref.open_intervals(utc(2025, 3, 10, 12), utc(2025, 3, 11, 10)) == [
            (utc(2025, 3, 10, 12), utc(2025, 3, 10, 17)),
            (utc(2025, 3, 11, 9), utc(2025, 3, 11, 10)),
        ]

    def test_reversed_raises(self) -> None:
        """An end before the start is an error."""
        with pytest.raises(InvalidArgumentError):
            reference(OFFICE).open_intervals(utc(2025, 3, 11), utc(2025, 3, 10))


class TestIsBusinessDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2025, 7, 3), True),
            (date(2025, 7, 4), False),  # Independence Day
            (date(2025, 7, 5), False),  # Saturday
        ],
    )
    def test_office_with_holidays(self, day: date, expected: bool) -> None:
        """Weekdays are business days, weekends and holidays are not."""
        ref = reference(OFFICE, holidays=[HolidaySource("US")])
        assert ref.is_business_day(day) is expected

    def test_overnight_shift_belongs_to_the_date_it_starts_on(self) -> None:
        """Tuesday holds only the end of Monday's shift (00:00-06:00): Monday's, not Tuesday's."""
        ref = reference({"mon": "22:00-06:00"})
        assert ref.is_business_day(date(2025, 3, 10))
        assert not ref.is_business_day(date(2025, 3, 11))
        assert not ref.is_business_day(date(2025, 3, 12))

    def test_always_open(self) -> None:
        """Open around the clock, nothing is carried: every date is a business day."""
        assert reference("24/7").is_business_day(date(2025, 3, 11))

    @pytest.mark.parametrize(
        ("saturday", "expected"), [("06:00-12:00", False), ("07:00-12:00", True)]
    )
    def test_touching_shifts_unite(self, saturday: str, expected: bool) -> None:
        """Saturday's hours touching Friday's shift continue it: Saturday is no day of its own."""
        ref = reference({"fri": "22:00-06:00", "sat": saturday})
        assert ref.is_business_day(date(2025, 3, 8)) is expected

    def test_out_of_range(self) -> None:
        """A date outside the supported years raises ``OutOfRangeError`` on ``day``."""
        with pytest.raises(OutOfRangeError) as info:
            reference(OFFICE).is_business_day(date(9999, 12, 31))
        assert info.value.field == "day"

    def test_date_without_midnight(self) -> None:
        """On a date whose 00:00-01:00 is skipped, hours in the gap move to 01:00-01:30."""
        ref = reference({"sun": "00:00-00:30"}, zone="America/Santiago")
        assert ref.is_business_day(date(2024, 9, 8))
        day = local("America/Santiago", 2024, 9, 8)
        assert ref.open_intervals(day, day + HOUR * 3) == [
            (utc(2024, 9, 8, 4), utc(2024, 9, 8, 4, 30))
        ]


class TestEndOfBusinessDay:
    def test_office(self) -> None:
        """Office hours end at 17:00; from a Saturday, on Monday (EDT from March 9th)."""
        ref = reference(OFFICE)
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 3, 7, 8)) == utc(2025, 3, 7, 22)
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 3, 8, 8)) == utc(2025, 3, 10, 21)
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 3, 7, 8), 2) == utc(2025, 3, 11, 21)

    def test_night_shift_ends_with_the_shift(self) -> None:
        """Friday's 22:00-06:00 shift ends Friday at Saturday 06:00; next is Monday's."""
        ref = reference({"mon-fri": "22:00-06:00"})
        friday = local(NEW_YORK, 2025, 3, 7, 12)
        assert ref.end_of_business_day(friday) == utc(2025, 3, 8, 11)  # 06:00 EST
        assert ref.end_of_business_day(friday, 1) == utc(2025, 3, 11, 10)  # Tuesday 06:00 EDT
        saturday = local(NEW_YORK, 2025, 3, 8, 12)
        assert ref.end_of_business_day(saturday) == utc(2025, 3, 11, 10)

    def test_always_open(self) -> None:
        """Open around the clock, a day ends at the next local midnight."""
        ref = reference("24/7")
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 3, 8, 12)) == utc(2025, 3, 9, 5)

    def test_multi_day_opening(self) -> None:
        """Open Friday 22:00 to Sunday 22:00: Friday ends at midnight, Sunday at 22:00."""
        ref = reference({"fri": "22:00-24:00", "sat": "24h", "sun": "00:00-22:00"})
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 6, 6, 12)) == utc(2025, 6, 7, 4)
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 6, 7, 12)) == utc(2025, 6, 8, 4)
        assert ref.end_of_business_day(local(NEW_YORK, 2025, 6, 8, 12)) == utc(2025, 6, 9, 2)

    def test_negative_days(self) -> None:
        """A negative count raises ``InvalidArgumentError`` on ``days``."""
        with pytest.raises(InvalidArgumentError) as info:
            reference(OFFICE).end_of_business_day(local(NEW_YORK, 2025, 3, 7), -1)
        assert info.value.field == "days"

    def test_never_open(self) -> None:
        """With no business day within the horizon, ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            reference({}).end_of_business_day(local(NEW_YORK, 2025, 3, 7))


class TestAddBusinessDays:
    def test_night_shifts(self) -> None:
        """Friday 23:00 plus one business day is Monday 23:00: Saturday holds only Friday's tail."""
        ref = reference({"mon-fri": "22:00-06:00"})
        friday = local(NEW_YORK, 2025, 3, 7, 23)
        assert ref.add_business_days(friday, 1) == utc(2025, 3, 11, 3)  # Monday 23:00 EDT
        assert ref.add_business_days(friday, -1) == utc(2025, 3, 7, 4)  # Thursday 23:00 EST
        assert ref.add_business_days(friday, 0) == utc(2025, 3, 8, 4)

    def test_gap_moves_forward(self) -> None:
        """Saturday 02:30 plus one day of a daily calendar is Sunday 03:30 EDT (07:30Z)."""
        ref = reference({"daily": "09:00-17:00"})
        assert ref.add_business_days(local(NEW_YORK, 2025, 3, 8, 2, 30), 1) == utc(
            2025, 3, 9, 7, 30
        )

"""Properties of ``Calendar`` on random calendars and instants, against ``ReferenceCalendar``."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from safetycore.errors import OutOfRangeError
from safetycore.sla import Calendar, SpecialOpening, TimeRange, WeeklySchedule
from safetycore.testing import (
    ZONES,
    ReferenceCalendar,
    business_durations,
    calendars,
    instants,
)

US = timedelta(microseconds=1)
ZERO = timedelta(0)
MAX_DURATION = timedelta(hours=120)


def opens_for_ever(calendar: Calendar) -> bool:
    """Whether every weekly schedule of the calendar has some open hours (so ``add`` answers)."""
    schedules = [calendar.hours, *(change.hours for change in calendar.hours_changes)]
    return not any(schedule.is_closed for schedule in schedules)


# Five years hold ten DST changes a zone and keep the compiled tables small (and fast).
FIRST_YEAR, LAST_YEAR = 2023, 2027
ANY_CALENDAR = calendars(min_year=FIRST_YEAR, max_year=LAST_YEAR)
OPEN_CALENDAR = calendars(min_year=FIRST_YEAR, max_year=LAST_YEAR).filter(opens_for_ever)


@functools.cache
def spring_gap(zone: str) -> tuple[timedelta, timedelta]:
    """The wall-clock start (since midnight) and the length of ``zone``'s 2024 spring gap."""
    tz = ZoneInfo(zone)

    def offset(at: datetime) -> timedelta:
        return at.astimezone(tz).utcoffset() or ZERO

    at, step = datetime(2024, 1, 1, tzinfo=UTC), timedelta(minutes=15)
    while offset(at + step) <= offset(at):
        at += step
    length = offset(at + step) - offset(at)
    wall = (at + step).astimezone(tz) - length
    return timedelta(hours=wall.hour, minutes=wall.minute), length


@st.composite
def holed_calendars(draw: st.DrawFn) -> Calendar:
    """A calendar open at every wall-clock time, closed only in a hole at each spring gap.

    Each day's shift starts inside the gap, so the gap moves it later, past the end of the
    night shift from the day before, which ends just after the gap.
    """
    zone = draw(st.sampled_from(tuple(z for z in ZONES if z not in ("UTC", "Asia/Kathmandu"))))
    gap_start, length = spring_gap(zone)
    into = draw(st.integers(1, length // timedelta(minutes=1) - 1))
    start = gap_start + timedelta(minutes=into)
    hand_over = gap_start + length + timedelta(minutes=draw(st.integers(0, into - 1)))
    night = draw(st.sampled_from((timedelta(hours=12), timedelta(hours=22))))
    day = (TimeRange(start, timedelta(days=1)), TimeRange(night, timedelta(days=1) + hand_over))
    return Calendar(zone, WeeklySchedule((day,) * 7))


def dated(calendar: Calendar) -> list[date]:
    """The local dates on which the calendar has a dated rule."""
    return [
        *(change.effective for change in calendar.hours_changes),
        *(closure.date for closure in calendar.closures),
        *(opening.date for opening in calendar.openings),
    ]


# Gaps between two instants of a case: at most two weeks, so the reference stays quick.
GAPS = st.one_of(
    st.sampled_from((ZERO, US, -US)),
    st.integers(-14 * 24 * 4, 14 * 24 * 4).map(lambda n: n * timedelta(minutes=15)),
    st.integers(-3 * 86_400_000_000, 3 * 86_400_000_000).map(lambda n: n * US),
)


@dataclass(frozen=True)
class Case:
    """A calendar, instants near its dated rules, and instants to query it at beforehand."""

    calendar: Calendar
    at: tuple[datetime, ...]
    warm_up: tuple[datetime, ...]

    def warmed(self) -> Calendar:
        """The calendar after answering ``is_open`` at the warm-up instants.

        Its compiled table then covers other spans of time, as in a long-lived process.
        """
        for instant in self.warm_up:
            self.calendar.is_open(instant)
        return self.calendar


@st.composite
def cases(
    draw: st.DrawFn, count: int, calendar: st.SearchStrategy[Calendar], *, warm: bool = False
) -> Case:
    """A ``Case`` with ``count`` instants, each near a dated rule, a DST change or the others.

    With ``warm``, up to two warm-up instants (most tests skip them: they cost table builds).
    """
    cal = draw(calendar)
    near = instants(cal.zone, around=dated(cal), min_year=FIRST_YEAR, max_year=LAST_YEAR)
    points = [draw(near)]
    while len(points) < count:
        if draw(st.booleans()):
            points.append(draw(near))
        else:
            points.append(draw(st.sampled_from(points)) + draw(GAPS))
    # A year or two away: the instants then lie at one end of the compiled table (which holds
    # whole years, one either side of the first query's), where its edges show.
    elsewhere = st.builds(
        lambda at, years: at + years * timedelta(days=365),
        st.sampled_from(points),
        st.sampled_from((-2, -1, 1, 2)),
    )
    warm_up = draw(st.lists(near | elsewhere, max_size=2)) if warm else []
    return Case(cal, tuple(points), tuple(warm_up))


def utc(at: datetime) -> datetime:
    """``at`` in UTC, the only safe form in which to compare instants.

    PEP 495 ignores ``fold`` when comparing times of one zone, and makes ``==`` false across
    zones for a time in a fold.
    """
    u = at.astimezone(UTC)
    # A plain datetime: pendulum's lose a stdlib tzinfo in arithmetic (their result is naive).
    return datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, tzinfo=UTC)


def in_order(*instants: datetime) -> list[datetime]:
    """The instants in time order, in UTC."""
    return sorted(map(utc, instants))


def outcome(query: Callable[..., datetime], *args: Any) -> datetime | type[OutOfRangeError]:
    """The answer of ``query`` in UTC, or ``OutOfRangeError`` itself when there is none."""
    try:
        return utc(query(*args))
    except OutOfRangeError:
        return OutOfRangeError


FORWARD = business_durations(max_value=MAX_DURATION)
EITHER_WAY = business_durations(min_value=-MAX_DURATION, max_value=MAX_DURATION)
REACH = timedelta(weeks=4)


def within_reach(calendar: Calendar, start: datetime, duration: timedelta) -> timedelta:
    """``duration``, cut to the open time within four weeks of ``start`` in its direction.

    Searches then stay short even on calendars open a microsecond a week. When there is no
    open time in those weeks, one microsecond: enough to need the next (or previous) opening.
    """
    ref = ReferenceCalendar(calendar)
    s = utc(start)
    if duration > ZERO:
        return min(duration, max(ref.elapsed(s, s + REACH), US))
    if duration < ZERO:
        return max(duration, -max(ref.elapsed(s - REACH, s), US))
    return duration


class TestElapsed:
    @given(cases(3, ANY_CALENDAR, warm=True))
    def test_matches_reference_and_adds_up(self, case: Case) -> None:
        """Business time is the reference's, negated when swapped, and additive over any split."""
        a, b, c = case.at
        cal = case.warmed()
        expected = ReferenceCalendar(case.calendar).elapsed(a, b)
        assert cal.elapsed(a, b) == expected
        assert cal.elapsed(b, a) == -expected
        assert cal.elapsed(a, c) == cal.elapsed(a, b) + cal.elapsed(b, c)
        first, last = in_order(a, b)
        assert ZERO <= cal.elapsed(first, last) <= last - first


class TestAdd:
    @given(cases(1, ANY_CALENDAR, warm=True), FORWARD)
    def test_matches_reference(self, case: Case, duration: timedelta) -> None:
        """Adding business time, forwards or backwards, lands where the reference does."""
        (start,) = case.at
        cal = case.warmed()
        ref = ReferenceCalendar(case.calendar)
        for d in (duration, -duration):
            d = within_reach(case.calendar, start, d)
            assert outcome(cal.add, start, d) == outcome(ref.add, start, d)

    @given(cases(1, OPEN_CALENDAR), GAPS, FORWARD, FORWARD)
    def test_monotonic_inverse_of_elapsed_and_composable(
        self, case: Case, gap: timedelta, a: timedelta, b: timedelta
    ) -> None:
        """Monotonic in start and duration, inverted by elapsed, and composable for one sign."""
        start = utc(case.at[0])
        later = start + abs(gap)
        cal = case.warmed()
        for sign in (1, -1):
            total = within_reach(case.calendar, start, sign * (a + b))
            first = sign * min(a, abs(total))
            middle, end = utc(cal.add(start, first)), utc(cal.add(start, total))
            assert cal.elapsed(start, middle) == first
            assert cal.elapsed(start, end) == total
            assert utc(cal.add(middle, total - first)) == end  # add(add(s, a), b) == add(s, a + b)
            assert (middle <= end) if sign > 0 else (end <= middle)  # longer lands further
            assert end <= utc(cal.add(later, total))  # a later start never lands earlier


class TestIsOpen:
    @given(cases(3, ANY_CALENDAR))
    def test_matches_reference_and_open_intervals(self, case: Case) -> None:
        """Open as the reference says, at each interval's start and end - 1 µs, not at its close."""
        cal = case.warmed()
        ref = ReferenceCalendar(case.calendar)
        for at in case.at:
            assert cal.is_open(at) == ref.is_open(at)
        a, b = in_order(*case.at[:2])
        for interval in cal.open_intervals(a, b):
            start, end = utc(interval.start), utc(interval.end)
            assert cal.is_open(start)
            assert cal.is_open(end - US)
            if end < b:
                assert not cal.is_open(end)


class TestNextOpen:
    @given(cases(1, ANY_CALENDAR, warm=True))
    def test_matches_reference(self, case: Case) -> None:
        """The next opening is the reference's: open itself, with no open time before it."""
        (at,) = case.at
        cal = case.warmed()
        found = outcome(cal.next_open, at)
        assert found == outcome(ReferenceCalendar(case.calendar).next_open, at)
        if isinstance(found, datetime):
            assert found >= utc(at)
            assert cal.is_open(found)
            assert cal.elapsed(at, found) == ZERO


class TestNextClose:
    @given(cases(1, ANY_CALENDAR, warm=True))
    def test_matches_reference(self, case: Case) -> None:
        """The next close is the reference's: closed itself, with only open time before it."""
        (at,) = case.at
        cal = case.warmed()
        ref = ReferenceCalendar(case.calendar)
        expected = outcome(ref.next_close, at)
        if not isinstance(expected, datetime):
            # Never closing: the calendar searches decades before it says so (about a second),
            # so check instead that it stays open throughout the reference's horizon.
            assert cal.elapsed(at, utc(at) + ref.horizon) == ref.horizon
            return
        found = utc(cal.next_close(at))
        assert found == expected
        assert found >= utc(at)
        assert not cal.is_open(found)
        assert cal.elapsed(at, found) == found - utc(at)

    @given(cases(1, holed_calendars(), warm=True))
    def test_matches_reference_when_open_all_week_on_wall_clock(self, case: Case) -> None:
        """Open at every wall-clock time, a calendar closes at a DST hole, as the reference does."""
        (at,) = case.at
        cal = case.warmed()
        assert outcome(cal.next_close, at) == outcome(
            ReferenceCalendar(case.calendar).next_close, at
        )

    def test_after_table_growth_in_wall_clock_always_open_calendar(self) -> None:
        """A calendar open all week on the wall clock closes where a DST gap splits two shifts."""
        new_york = ZoneInfo("America/New_York")
        hours = {"mon-fri": "24h", "sat": "24h, 22:00-03:00", "sun": "02:15-24:00"}
        cal = Calendar("America/New_York", WeeklySchedule.parse(hours))
        cal.is_open(datetime(2020, 6, 1, tzinfo=new_york))  # compiles 2019-2021
        found = cal.next_close(datetime(2021, 6, 1, tzinfo=new_york))
        assert utc(found) == datetime(2022, 3, 13, 7, tzinfo=UTC)  # Sunday 03:00 EDT


class TestOpenIntervals:
    @given(cases(2, ANY_CALENDAR))
    def test_matches_reference(self, case: Case) -> None:
        """Open intervals are the reference's: ordered, apart, in range, summing to elapsed."""
        a, b = in_order(*case.at)
        cal = case.warmed()
        intervals = cal.open_intervals(a, b)
        got = [(utc(i.start), utc(i.end)) for i in intervals]
        assert got == ReferenceCalendar(case.calendar).open_intervals(a, b)
        previous_end = None
        for start, end in got:
            assert a <= start < end <= b
            assert previous_end is None or previous_end < start  # touching ones unite
            previous_end = end
        assert sum((i.duration for i in intervals), ZERO) == cal.elapsed(a, b)


class TestIsBusinessDay:
    @given(cases(3, ANY_CALENDAR))
    def test_matches_reference(self, case: Case) -> None:
        """A local date is a business day exactly when the reference says so."""
        cal = case.warmed()
        ref = ReferenceCalendar(case.calendar)
        zone = ZoneInfo(case.calendar.zone)
        for at in case.at:
            day = at.astimezone(zone).date()
            # The date before and after too: a shift carried into a date belongs to the one before.
            for k in (-1, 0, 1):
                near = day + timedelta(days=k)
                assert cal.is_business_day(near) == ref.is_business_day(near), near


class TestAddBusinessDays:
    @given(cases(1, ANY_CALENDAR, warm=True), st.integers(-3, 3))
    def test_matches_reference(self, case: Case, days: int) -> None:
        """Counting business days lands on the reference's date and wall-clock time."""
        (start,) = case.at
        cal = case.warmed()
        assert outcome(cal.add_business_days, start, days) == outcome(
            ReferenceCalendar(case.calendar).add_business_days, start, days
        )


class TestEndOfBusinessDay:
    @given(cases(1, ANY_CALENDAR, warm=True), st.integers(0, 3))
    def test_matches_reference(self, case: Case, days: int) -> None:
        """The end of a business day is the reference's, night shifts and edges included."""
        (start,) = case.at
        cal = case.warmed()
        ref = ReferenceCalendar(case.calendar)
        found = outcome(cal.end_of_business_day, start, days)
        assert found == outcome(ref.end_of_business_day, start, days)
        if days == 0 and found is not OutOfRangeError:
            # The day that ends there ends its own last stretch: open just before the end.
            assert isinstance(found, datetime)
            assert cal.is_open(found - US)


class TestToDict:
    @given(ANY_CALENDAR)
    def test_round_trip(self, calendar: Calendar) -> None:
        """from_dict(to_dict()) gives back an equal calendar, also through JSON text."""
        data = calendar.to_dict()
        assert Calendar.from_dict(data) == calendar
        assert Calendar.from_dict(json.loads(json.dumps(data))) == calendar


@functools.cache
def dst_dates(zone: str) -> tuple[date, ...]:
    """The local dates in 2024-2025 on which ``zone`` changes its UTC offset."""
    tz = ZoneInfo(zone)
    found: list[date] = []
    at, step = datetime(2024, 1, 1, tzinfo=UTC), timedelta(minutes=30)
    while at.year < 2026:
        if at.astimezone(tz).utcoffset() != (at + step).astimezone(tz).utcoffset():
            found.append((at + step).astimezone(tz).date())
        at += step
    return tuple(found)


DST_ZONES = tuple(zone for zone in ZONES if dst_dates(zone))
# Bounds at and around every DST hour of ZONES (00:00 in Santiago, 01:00 and 02:00 in London,
# 02:00 in New York, Lord Howe's 02:00-02:30), so ranges start or end in gaps and folds.
_BOUNDS = (
    "22:00",
    "23:00",
    "23:30",
    "00:00",
    "00:30",
    "01:00",
    "01:30",
    "02:00",
    "02:15",
    "02:30",
    "03:00",
    "03:15",
    "04:00",
)
GAP_RANGES = [
    TimeRange.parse(f"{start}-{end}") for start in _BOUNDS for end in _BOUNDS if start != end
]


class TestWeeklyEqualsSpecialOpenings:
    """Issue 16: weekly hours and the same hours as special openings answer alike on DST days."""

    @given(
        st.sampled_from(DST_ZONES).flatmap(
            lambda zone: st.tuples(st.just(zone), st.sampled_from(dst_dates(zone)))
        ),
        st.lists(
            st.lists(st.sampled_from(GAP_RANGES), min_size=2, max_size=4), min_size=7, max_size=7
        ),
    )
    # The two sides of issue 16, in New York: a start and an end in the spring gap.
    @example(
        ("America/New_York", date(2025, 3, 9)),
        [[]] * 6 + [[TimeRange.parse("02:30-05:00"), TimeRange.parse("03:00-04:00")]],
    )
    @example(
        ("America/New_York", date(2025, 3, 9)),
        [[]] * 5 + [[TimeRange.parse("22:00-02:30"), TimeRange.parse("22:00-03:15")], []],
    )
    def test_same_open_intervals(
        self, zone_day: tuple[str, date], days: list[list[TimeRange]]
    ) -> None:
        """Open intervals around a DST change agree between the two ways of giving the hours."""
        zone, day = zone_day
        around = [day + timedelta(days=k) for k in range(-3, 4)]
        as_weekly = Calendar(zone, WeeklySchedule(days))
        as_openings = Calendar(
            zone,
            WeeklySchedule.closed(),
            openings=[SpecialOpening(d, tuple(days[d.weekday()])) for d in around],
        )
        tz = ZoneInfo(zone)
        start = datetime.combine(day - timedelta(days=1), time(), tzinfo=tz)
        end = datetime.combine(day + timedelta(days=2), time(), tzinfo=tz)
        assert as_weekly.open_intervals(start, end) == as_openings.open_intervals(start, end)
        assert as_weekly.elapsed(start, end) == as_openings.elapsed(start, end)

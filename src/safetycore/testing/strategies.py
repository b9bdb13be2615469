"""Hypothesis strategies for business-time calendars, for testing code built on safetycore.

Every strategy draws valid values only (no strategy raises a ``ConfigurationError`` while
drawing). They lean towards the places where calendar code breaks: DST transitions (the zones
include a 30-minute shift, a transition at midnight and a zone with none), shifts that cross
midnight, empty and 24-hour days, and instants on the exact bounds of shifts. Years default to
2020-2030, so that a drawn calendar compiles quickly.

Use them with ``hypothesis.given``::

    from hypothesis import given
    from safetycore.testing import calendars, instants

    @given(calendars(zone="Europe/London"), instants("Europe/London"))
    def test_open_at_next_open(calendar, at):
        assert calendar.is_open(calendar.next_open(at))

(a calendar that never opens again raises ``OutOfRangeError``; filter or catch it).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from safetycore._config import whole_number
from safetycore._time import zone_named
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.sla import (
    Calendar,
    Closure,
    HolidaySource,
    HoursChange,
    SpecialOpening,
    TimeRange,
    WeeklySchedule,
)

__all__ = [
    "ZONES",
    "business_durations",
    "calendars",
    "closures",
    "holiday_sources",
    "hours_changes",
    "instants",
    "special_openings",
    "time_ranges",
    "weekly_schedules",
    "zones",
]

ZONES: Final = (
    "America/New_York",  # the usual 1-hour shift at 02:00
    "Europe/London",  # shifts at 01:00 (spring) and 02:00 (autumn); UTC in winter
    "Australia/Lord_Howe",  # a 30-minute shift, southern hemisphere
    "America/Santiago",  # shifts at local midnight: 00:00 missing or 23:00 repeated
    "Asia/Kathmandu",  # +05:45, no DST
    "UTC",
)
"""The IANA zones ``zones()`` draws from, each chosen for the DST behaviour noted beside it."""

DEFAULT_MIN_YEAR: Final = 2020
DEFAULT_MAX_YEAR: Final = 2030

_DAY: Final = timedelta(days=1)
_US: Final = timedelta(microseconds=1)
_DAY_US: Final = 86_400_000_000
_MINUTES_PER_DAY: Final = 24 * 60
# Wall-clock times around which the zones above change offset, and the usual office bounds.
_INTERESTING_TIMES: Final = tuple(
    timedelta(hours=h, minutes=m)
    for h, m in (
        (0, 0),
        (0, 30),
        (1, 0),
        (1, 30),
        (2, 0),
        (2, 15),
        (2, 30),
        (3, 0),
        (9, 0),
        (12, 0),
        (17, 0),
        (22, 0),
        (23, 0),
        (23, 30),
    )
)
_INTERESTING_LENGTHS: Final = tuple(
    timedelta(hours=h, minutes=m)
    for h, m in ((0, 30), (1, 0), (1, 30), (2, 0), (3, 0), (8, 0), (12, 0), (23, 0), (23, 30))
)
_NAMED_SCHEDULES: Final = (
    {"mon-fri": "09:00-17:00"},
    {"weekdays": "09:00-12:00, 13:00-17:00", "sat": "10:00-14:00"},
    {"mon-thu": "22:00-06:00"},
    {"daily": "01:00-03:00"},
    {"sat-sun": "24h", "wed": "23:30-00:30"},
    {"fri": "24h", "sat": "00:00-02:30", "sun": "02:00-24:00"},
    # Open all week on the wall clock, yet closed 03:00-03:15 on a spring-forward night whose
    # gap holds 02:15: Sunday's shift then starts at 03:15, after Saturday's ends at 03:00.
    {"mon-fri": "24h", "sat": "24h, 22:00-03:00", "sun": "02:15-24:00"},
)
# Countries whose holiday data is small and quick to compute.
_HOLIDAY_SOURCES: Final = (("US", None), ("GB", "ENG"), ("CL", None), ("NZ", None))


def _check_years(min_year: int, max_year: int) -> None:
    whole_number(min_year, "min_year")
    whole_number(max_year, "max_year")
    if not 1 <= min_year <= max_year <= 9998:
        raise InvalidArgumentError(
            f"need 1 <= min_year <= max_year <= 9998 (min_year is {min_year})",
            field="max_year",
            value=max_year,
        )


def _check_flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputTypeError("must be True or False", field=field, value=value)
    return value


def _check_zone(zone: object) -> None:
    if zone is not None:
        zone_named(zone)


def _check_strategy(value: object, field: str) -> None:
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise InputTypeError("must be a hypothesis strategy", field=field, value=value)


def zones() -> st.SearchStrategy[str]:
    """IANA zone names from ``ZONES``, chosen for their DST behaviour.

    They cover DST shifts of 60 and 30 minutes, at 01:00, 02:00 and midnight, in both
    hemispheres, a +05:45 zone without DST, and UTC.
    """
    return _ZONES


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def _micros(count: int) -> timedelta:
    return timedelta(microseconds=count)


def _quarter_hours(count: int) -> timedelta:
    return timedelta(minutes=15 * count)


# Named functions, never lambdas, build the strategies below: hypothesis shows a strategy's
# functions in its repr, and a name reads better there than a lambda's source.


# Strategies are built once and shared: hypothesis validates each new strategy object on its
# first draw, which costs more than the draw itself.
_ZONES: Final = st.sampled_from(ZONES)
_TIMES_OF_DAY: Final = st.one_of(
    st.sampled_from(_INTERESTING_TIMES),
    st.integers(0, _MINUTES_PER_DAY - 1).map(_minutes),
    st.integers(0, _DAY_US - 1).map(_micros),
)
_LENGTHS: Final = st.one_of(
    st.sampled_from((*_INTERESTING_LENGTHS, _DAY)),
    st.integers(1, _MINUTES_PER_DAY).map(_minutes),
    st.integers(1, _DAY_US).map(_micros),
)
_WALL_TIMES: Final = st.one_of(
    st.sampled_from(_INTERESTING_TIMES),
    st.integers(0, _MINUTES_PER_DAY // 15 - 1).map(_quarter_hours),
    _TIMES_OF_DAY,
)
# Offsets from a DST change: exactly on it, or a microsecond, a second, or a round stretch away.
_STEPS_FROM_TRANSITION: Final = (
    timedelta(0),
    *(
        sign * step
        for step in (_US, timedelta(seconds=1), *(timedelta(minutes=m) for m in (30, 60, 120)))
        for sign in (1, -1)
    ),
)
_NEAR_TRANSITION: Final = st.one_of(
    st.sampled_from(_STEPS_FROM_TRANSITION),
    st.integers(-3 * _MINUTES_PER_DAY, 3 * _MINUTES_PER_DAY).map(_minutes),
    st.integers(-3 * _DAY_US, 3 * _DAY_US).map(_micros),
)


@st.composite
def _time_range(draw: st.DrawFn, within_day: bool) -> TimeRange:
    start = draw(_TIMES_OF_DAY)
    # A range lasts less than a day, or exactly one from 00:00; within a day it ends by 24:00.
    longest = _DAY if start == timedelta(0) else _DAY - start if within_day else _DAY - _US
    return TimeRange(start, start + min(draw(_LENGTHS), longest))


_TIME_RANGES: Final = (_time_range(within_day=False), _time_range(within_day=True))


def time_ranges(*, within_day: bool = False) -> st.SearchStrategy[TimeRange]:
    """Valid ``TimeRange`` values, with bounds at notable, whole-minute or exact times.

    Bounds are notable wall-clock times (00:00, DST hours, 09:00, 17:00), whole minutes, or
    exact microseconds. With ``within_day=False`` (the default) ranges may cross midnight
    (``22:00-06:00``); ``00:00-24:00`` is drawn too. With ``within_day=True`` every range ends
    by 24:00, as a partial ``Closure`` requires. Ranges clamped at the longest allowed length
    end exactly on midnight or just before the start, so those edges come up often.
    """
    return _TIME_RANGES[_check_flag(within_day, "within_day")]


_DAY_HOURS: Final = st.lists(_TIME_RANGES[False], max_size=3)


@st.composite
def _random_schedule(draw: st.DrawFn) -> WeeklySchedule:
    if draw(st.booleans()):
        days = [draw(_DAY_HOURS) for _ in range(7)]
    else:  # the same hours on weekdays, other hours at the weekend: the shape of real teams
        weekday, weekend = draw(_DAY_HOURS), draw(_DAY_HOURS)
        days = [weekday] * 5 + [weekend] * 2
    return WeeklySchedule(tuple(tuple(ranges) for ranges in days))


_SMALL_HOURS: Final = st.one_of(
    st.sampled_from(tuple(t for t in _INTERESTING_TIMES if t < timedelta(hours=4))),
    st.integers(0, 4 * 60).map(_minutes),
)


@st.composite
def _hand_over_schedule(draw: st.DrawFn) -> WeeklySchedule:
    """Open all week on the wall clock: each day's night shift runs into the next day's shift.

    The night shift ends at ``hand_over`` on the next date, after that date's own shift starts
    at ``start``. When a DST gap moves ``start`` past ``hand_over`` the calendar closes for a
    moment, though no wall-clock time is outside the hours.
    """
    start, hand_over = sorted(draw(st.lists(_SMALL_HOURS, min_size=2, max_size=2, unique=True)))
    night = draw(st.sampled_from((timedelta(hours=12), timedelta(hours=22), _DAY - _US)))
    day = (TimeRange(start, _DAY), TimeRange(night, _DAY + hand_over))
    return WeeklySchedule((day,) * 7)


_WEEKLY_SCHEDULES: Final = st.one_of(
    st.sampled_from(_NAMED_SCHEDULES).map(WeeklySchedule.parse),
    st.sampled_from((WeeklySchedule.always(), WeeklySchedule.closed())) | _hand_over_schedule(),
    _random_schedule(),
)


def weekly_schedules() -> st.SearchStrategy[WeeklySchedule]:
    """Valid ``WeeklySchedule`` values, from office hours to random ranges.

    Office hours, split days, overnight shifts, 24-hour days, empty days, always open (24/7),
    never open, open all week on the wall clock through night shifts that hand over to the
    next day's shift in the small hours (where a DST gap can open a hole), and random ranges
    (up to three a day, often the same on every weekday). Ranges of one day may overlap or
    touch each other and the next day's ranges; the schedule merges what it can, and the
    calendar unites the rest.
    """
    return _WEEKLY_SCHEDULES


@functools.cache
def _transitions(zone: str, min_year: int, max_year: int) -> tuple[datetime, ...]:
    """UTC instants in the years ``min_year`` to ``max_year`` at which ``zone`` changes offset.

    Found by comparing offsets a day apart and bisecting to the second; every zone in
    ``ZONES`` changes offset at a whole second, and at most once in a day.
    """
    tz = ZoneInfo(zone)

    def offset(at: datetime) -> timedelta | None:
        return at.astimezone(tz).utcoffset()

    found: list[datetime] = []
    day = datetime(min_year, 1, 1, tzinfo=UTC)
    stop = datetime(max_year + 1, 1, 1, tzinfo=UTC)
    while day < stop:
        lo, hi = day, day + _DAY
        if offset(lo) != offset(hi):
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) // 2
                lo, hi = (mid, hi) if offset(mid) == offset(lo) else (lo, mid)
            found.append(hi)
        day += _DAY
    return tuple(found)


def _near(anchor: date, days: int, first: date, last: date) -> date:
    """``days`` after ``anchor`` (before, if negative), kept within ``[first, last]``."""
    return min(max(anchor + timedelta(days=days), first), last)


@functools.cache
def _local_dates(
    zone: str, min_year: int, max_year: int, around: frozenset[date] = frozenset()
) -> st.SearchStrategy[date]:
    """Local dates in the years given, often near a DST change, a new year or ``around``.

    "Near" is within two days. New years matter because compiled tables hold whole years.
    """
    tz = ZoneInfo(zone)
    first, last = date(min_year, 1, 1), date(max_year, 12, 31)
    transitions = {at.astimezone(tz).date() for at in _transitions(zone, min_year, max_year)}
    new_years = {date(year, 1, 1) for year in range(min_year, max_year + 1)}
    choices = [st.dates(first, last)]
    for anchors in (transitions, new_years, around):
        if anchors:
            choices.append(
                st.builds(
                    _near,
                    st.sampled_from(sorted(anchors)),
                    st.integers(-2, 2),
                    st.just(first),
                    st.just(last),
                )
            )
    return st.one_of(choices)


@functools.cache
def _holiday_source(country: str, subdivision: str | None) -> HolidaySource:
    # Built once: constructing a source loads the country's holiday rules.
    return HolidaySource(country, subdivision)


@functools.cache
def _holiday_dates(
    country: str, subdivision: str | None, min_year: int, max_year: int
) -> frozenset[date]:
    source = _holiday_source(country, subdivision)
    return frozenset(source.dates(range(min_year, max_year + 1)))


def _effective(change: HoursChange) -> date:
    return change.effective


def _opening_date(opening: SpecialOpening) -> date:
    return opening.date


def _source_of(country_and_subdivision: tuple[str, str | None]) -> HolidaySource:
    return _holiday_source(*country_and_subdivision)


_OPENING_HOURS: Final = st.lists(_TIME_RANGES[False], max_size=2).map(tuple)
_HOLIDAY_SOURCE_VALUES: Final = st.sampled_from(_HOLIDAY_SOURCES).map(_source_of)


@functools.cache
def _hours_change(dates: st.SearchStrategy[date]) -> st.SearchStrategy[HoursChange]:
    return st.builds(HoursChange, dates, _WEEKLY_SCHEDULES)


@functools.cache
def _closure(dates: st.SearchStrategy[date]) -> st.SearchStrategy[Closure]:
    return st.builds(Closure, dates, st.none() | _TIME_RANGES[True])


@functools.cache
def _special_opening(dates: st.SearchStrategy[date]) -> st.SearchStrategy[SpecialOpening]:
    return st.builds(SpecialOpening, dates, _OPENING_HOURS)


@functools.cache
def _dated_rules(
    dates: st.SearchStrategy[date],
) -> tuple[
    st.SearchStrategy[list[HoursChange]],
    st.SearchStrategy[list[Closure]],
    st.SearchStrategy[list[SpecialOpening]],
]:
    """Strategies for the hours changes, closures and openings of a calendar, on ``dates``."""
    changes = st.lists(_hours_change(dates), max_size=2, unique_by=_effective)
    closures = st.lists(_closure(dates), max_size=4)
    openings = st.lists(_special_opening(dates), max_size=3, unique_by=_opening_date)
    return changes, closures, openings


def hours_changes(
    *, min_year: int = DEFAULT_MIN_YEAR, max_year: int = DEFAULT_MAX_YEAR
) -> st.SearchStrategy[HoursChange]:
    """Valid ``HoursChange`` values: a schedule from ``weekly_schedules()`` from a local date.

    The date falls in the years ``min_year`` to ``max_year``, often within two days of a new
    year. Raises ``InvalidArgumentError`` (a ``ValueError``) unless
    ``1 <= min_year <= max_year <= 9998``.
    """
    _check_years(min_year, max_year)
    return _hours_change(_local_dates("UTC", min_year, max_year))


def closures(
    *, min_year: int = DEFAULT_MIN_YEAR, max_year: int = DEFAULT_MAX_YEAR
) -> st.SearchStrategy[Closure]:
    """Valid ``Closure`` values: full-day, or partial (``time_ranges(within_day=True)``).

    The date falls in the years ``min_year`` to ``max_year``, often within two days of a new
    year; the closure is unnamed. Raises ``InvalidArgumentError`` (a ``ValueError``) unless
    ``1 <= min_year <= max_year <= 9998``.
    """
    _check_years(min_year, max_year)
    return _closure(_local_dates("UTC", min_year, max_year))


def special_openings(
    *, min_year: int = DEFAULT_MIN_YEAR, max_year: int = DEFAULT_MAX_YEAR
) -> st.SearchStrategy[SpecialOpening]:
    """Valid ``SpecialOpening`` values: up to two ranges from ``time_ranges()``, or none.

    Ranges may cross midnight or overlap; an opening with no hours closes its date. The date
    falls in the years ``min_year`` to ``max_year``, often within two days of a new year; the
    opening is unnamed. Raises ``InvalidArgumentError`` (a ``ValueError``) unless
    ``1 <= min_year <= max_year <= 9998``.
    """
    _check_years(min_year, max_year)
    return _special_opening(_local_dates("UTC", min_year, max_year))


def holiday_sources() -> st.SearchStrategy[HolidaySource]:
    """``HolidaySource`` values of countries with small, quick holiday data.

    The public holidays of the US, England (``GB``, ``ENG``), Chile and New Zealand, with
    observed days. Each source is built once and shared (building one loads its rules).
    """
    return _HOLIDAY_SOURCE_VALUES


@st.composite
def _calendar(
    draw: st.DrawFn,
    zone: str | None,
    hours: st.SearchStrategy[WeeklySchedule] | None,
    min_year: int,
    max_year: int,
    holidays: bool,
    dated_rules: bool,
) -> Calendar:
    # The arguments are the caller's, defaults unresolved, so that the repr shows the call.
    name = draw(_ZONES) if zone is None else zone
    weekly = draw(_WEEKLY_SCHEDULES if hours is None else hours)
    sources: tuple[HolidaySource, ...] = ()
    holiday_dates: frozenset[date] = frozenset()
    if holidays and draw(st.integers(0, 3)) == 0:
        country, subdivision = draw(st.sampled_from(_HOLIDAY_SOURCES))
        sources = (_holiday_source(country, subdivision),)
        holiday_dates = _holiday_dates(country, subdivision, min_year, max_year)
    if not dated_rules:
        return Calendar(name, weekly, holidays=sources)
    # Dated rules meet DST changes and holidays often: that is where precedence matters.
    changes, closures_, openings_ = _dated_rules(
        _local_dates(name, min_year, max_year, holiday_dates)
    )
    closures = draw(closures_)
    full_days = {closure.date for closure in closures if closure.is_full_day}
    return Calendar(
        name,
        weekly,
        hours_changes=draw(changes),
        closures=closures,
        # A calendar refuses a special opening on a fully closed date.
        openings=[o for o in draw(openings_) if o.date not in full_days],
        holidays=sources,
    )


def calendars(
    zone: str | None = None,
    *,
    hours: st.SearchStrategy[WeeklySchedule] | None = None,
    min_year: int = DEFAULT_MIN_YEAR,
    max_year: int = DEFAULT_MAX_YEAR,
    holidays: bool = True,
    dated_rules: bool = True,
) -> st.SearchStrategy[Calendar]:
    """Valid ``Calendar`` values in ``zone`` (default: any of ``zones()``).

    Each has weekly hours drawn from ``hours`` (default ``weekly_schedules()``) and, with
    ``dated_rules`` (the default), up to two hours changes, up to four closures (full-day and
    partial, several on one date at times) and up to three special openings (some with no
    hours, some on closure or holiday dates). With ``holidays`` (the default), one calendar in
    four has a holiday source of a country with cheap holiday data (US, England, Chile, New
    Zealand). Every dated rule falls in the years ``min_year`` to ``max_year``, often within
    two days of one of the zone's DST changes or holidays. Some calendars are never open, or
    never open after some date: ``add`` and ``next_open`` on them raise ``OutOfRangeError``.
    Raises ``InvalidArgumentError`` (a ``ValueError``) unless
    ``1 <= min_year <= max_year <= 9998``.
    """
    _check_zone(zone)
    _check_strategy(hours, "hours")
    _check_years(min_year, max_year)
    _check_flag(holidays, "holidays")
    _check_flag(dated_rules, "dated_rules")
    return _calendar(zone, hours, min_year, max_year, holidays, dated_rules)


def _on_wall_clock(day: date, wall: timedelta, fold: int, tz: ZoneInfo) -> datetime:
    return (datetime.combine(day, time()) + wall).replace(tzinfo=tz, fold=fold).astimezone(UTC)


def _after(start: datetime, micros: int) -> datetime:
    return start + micros * _US


def _clamped(at: datetime, in_utc: bool, lo: datetime, hi: datetime, tz: ZoneInfo) -> datetime:
    """``at`` moved into ``[lo, hi]``, in UTC or else in ``tz``."""
    kept = min(max(at, lo), hi)
    return kept if in_utc else kept.astimezone(tz)


@functools.cache
def _instants(
    zone: str, min_year: int, max_year: int, around: frozenset[date]
) -> st.SearchStrategy[datetime]:
    tz = ZoneInfo(zone)
    lo = datetime(min_year, 1, 1, tzinfo=UTC)
    hi = datetime(max_year + 1, 1, 1, tzinfo=UTC) - _US
    uniform = st.builds(_after, st.just(lo), st.integers(0, (hi - lo) // _US))
    # A wall-clock time, often a round one that can be the bound of a shift.
    wall = st.builds(
        _on_wall_clock,
        _local_dates(zone, min_year, max_year, around),
        _WALL_TIMES,
        st.integers(0, 1),
        st.just(tz),
    )
    choices = [uniform, wall, wall]
    transitions = _transitions(zone, min_year, max_year)
    if transitions:
        near = st.builds(operator.add, st.sampled_from(transitions), _NEAR_TRANSITION)
        choices += [near, near]
    return st.builds(
        _clamped, st.one_of(choices), st.booleans(), st.just(lo), st.just(hi), st.just(tz)
    )


@st.composite
def _instant(
    draw: st.DrawFn, zone: str | None, min_year: int, max_year: int, around: frozenset[date]
) -> datetime:
    # The strategies of each zone are built once (``_instants``); this only names the call.
    name = draw(_ZONES) if zone is None else zone
    return draw(_instants(name, min_year, max_year, around))


def instants(
    zone: str | None = None,
    *,
    min_year: int = DEFAULT_MIN_YEAR,
    max_year: int = DEFAULT_MAX_YEAR,
    around: Iterable[date] = (),
) -> st.SearchStrategy[datetime]:
    """Aware instants from ``min_year``-01-01 00:00 UTC to the end of ``max_year`` (UTC).

    Some are uniform over the years; many lie within three days of a DST change of ``zone``
    (exactly on it, a microsecond, a second, half an hour or an hour or two either side, or
    anywhere near); many are wall-clock times of ``zone`` (often round: on the quarter hour,
    at DST hours) on dates near DST changes, near new years, or near the local dates in
    ``around`` (pass a calendar's closure dates to meet them), read with ``fold`` 0 or 1. Each
    is a stdlib ``datetime`` in UTC or in ``ZoneInfo(zone)``, exact to the microsecond.
    Without ``zone``, the zone is drawn from ``zones()``. Raises ``ValueError`` unless
    ``1 <= min_year <= max_year <= 9998``.

    Compare drawn instants in UTC (``at.astimezone(UTC)``): PEP 495 ignores ``fold`` when
    comparing two times of one zone, and makes ``==`` false across zones for a time in a fold.
    """
    _check_zone(zone)
    _check_years(min_year, max_year)
    if isinstance(around, (str, bytes)) or not isinstance(around, Iterable):
        raise InputTypeError("must be a collection of dates", field="around", value=around)
    given = tuple(around)
    for i, day in enumerate(given):
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InputTypeError("must be a date (not a datetime)", field=f"around[{i}]", value=day)
    return _instant(zone, min_year, max_year, frozenset(given))


def _stepped(start: timedelta, step: timedelta, count: int) -> timedelta:
    return start + count * step


def business_durations(
    *, min_value: timedelta = timedelta(0), max_value: timedelta = timedelta(hours=200)
) -> st.SearchStrategy[timedelta]:
    """Durations of business time from ``min_value`` to ``max_value`` (inclusive).

    Exact to the microsecond, and often round (whole hours, half hours, whole minutes) so that
    adding them lands exactly on shift bounds. Both bounds are drawn now and then; they may be
    negative (for ``Calendar.add`` backwards). Raises ``ValueError`` when ``max_value`` is
    below ``min_value`` (``InvalidArgumentError``, a ``ValueError``).
    """
    for field, value in (("min_value", min_value), ("max_value", max_value)):
        if not isinstance(value, timedelta):
            raise InputTypeError("must be a timedelta", field=field, value=value)
    if max_value < min_value:
        raise InvalidArgumentError(
            f"is below min_value {min_value}", field="max_value", value=max_value
        )
    span_us = (max_value - min_value) // _US

    def within(step: timedelta) -> st.SearchStrategy[timedelta]:
        count = st.integers(0, span_us // (step // _US))
        return st.builds(_stepped, st.just(min_value), st.just(step), count)

    return st.one_of(
        st.sampled_from((min_value, max_value)),
        within(timedelta(hours=1)),
        within(timedelta(minutes=30)),
        within(timedelta(minutes=1)),
        within(_US),
    )

"""Turn a calendar's local rules into sorted, disjoint open intervals of UTC microseconds.

``Rules`` is the calendar's definition prepared for compilation (dates as ordinals, ranges as
microseconds); ``Rules.open_intervals(first, last)`` lays the rules out over a span of local
dates. It is the only place where the precedence of weekly hours, hours changes, special
openings, holidays and closures is implemented (``docs/calendar.md``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date

from pendulum.tz.timezone import Timezone

from safetycore._time import US_PER_DAY, local_to_micros
from safetycore.sla.closures import Closure, SpecialOpening
from safetycore.sla.holiday_sources import HolidaySource
from safetycore.sla.schedule import HoursChange, TimeRange, WeeklySchedule

# Shifts last less than two days even after merging (a range starts before 24:00 and ends at
# most a day after its start), so laying out this many extra dates on each side of a span
# catches every shift and closure that reaches into it.
MARGIN_DAYS = 3

Span = tuple[int, int]


def _spans(ranges: Iterable[TimeRange]) -> tuple[Span, ...]:
    return tuple((item.start_us, item.end_us) for item in ranges)


class Rules:
    """A calendar definition prepared for laying out; immutable after construction."""

    __slots__ = (
        "_change_ordinals",
        "_full_closures",
        "_holiday_sources",
        "_openings",
        "_partial_closures",
        "_weekly",
        "first_dated",
        "last_dated",
        "zone",
    )

    def __init__(
        self,
        zone: Timezone,
        hours: WeeklySchedule,
        hours_changes: Sequence[HoursChange],
        closures: Sequence[Closure],
        openings: Sequence[SpecialOpening],
        holiday_sources: Sequence[HolidaySource],
    ) -> None:
        self.zone = zone
        changes = sorted(hours_changes, key=lambda change: change.effective)
        self._change_ordinals = [change.effective.toordinal() for change in changes]
        self._weekly = [
            tuple(_spans(day) for day in schedule.days)
            for schedule in [hours, *(change.hours for change in changes)]
        ]
        self._openings = {opening.date.toordinal(): _spans(opening.hours) for opening in openings}
        self._full_closures = {c.date.toordinal() for c in closures if c.times is None}
        partial: dict[int, list[Span]] = {}
        for closure in closures:
            if closure.times is not None:
                partial.setdefault(closure.date.toordinal(), []).append(
                    (closure.times.start_us, closure.times.end_us)
                )
        self._partial_closures = partial
        self._holiday_sources = tuple(holiday_sources)
        dated = [*self._change_ordinals, *self._openings, *self._full_closures, *partial]
        # Outside [first_dated, last_dated] only the weekly hours and holidays apply.
        self.first_dated = min(dated, default=date.max.toordinal())
        self.last_dated = max(dated, default=date.min.toordinal())

    def weekly_at(self, ordinal: int) -> tuple[tuple[Span, ...], ...]:
        """The weekly hours (as spans per weekday) in force on the date ``ordinal``."""
        return self._weekly[bisect_right(self._change_ordinals, ordinal)]

    @property
    def has_holidays(self) -> bool:
        """Whether any holiday source is configured."""
        return bool(self._holiday_sources)

    def _holiday_ordinals(self, first: int, last: int) -> set[int]:
        years = range(date.fromordinal(first).year, date.fromordinal(last).year + 1)
        found: set[int] = set()
        for source in self._holiday_sources:
            found.update(day.toordinal() for day in source.dates(years))
        return found

    def open_intervals(self, first: int, last: int) -> tuple[list[int], list[int]]:
        """Open intervals exact for instants from local ``first`` 00:00 to ``last + 1`` 00:00.

        ``first`` and ``last`` are date ordinals. Returns ``(starts, ends)``: UTC microseconds,
        sorted, disjoint and not touching, clipped to that window.
        """
        zone = self.zone
        lo_date, hi_date = first - MARGIN_DAYS, last + MARGIN_DAYS
        holidays = self._holiday_ordinals(lo_date, hi_date) - self._openings.keys()
        shifts: list[Span] = []
        removed: list[Span] = []
        for ordinal in range(lo_date, hi_date + 1):
            day_spans = self._openings.get(ordinal)
            if day_spans is None:
                day_spans = self.weekly_at(ordinal)[(ordinal - 1) % 7]  # ordinal 1 is a Monday
            for start, end in day_spans:
                shifts.append(
                    (local_to_micros(ordinal, start, zone), local_to_micros(ordinal, end, zone))
                )
            if ordinal in self._full_closures or ordinal in holidays:
                removed.append(
                    (local_to_micros(ordinal, 0, zone), local_to_micros(ordinal, US_PER_DAY, zone))
                )
            for start, end in self._partial_closures.get(ordinal, ()):
                removed.append(
                    (local_to_micros(ordinal, start, zone), local_to_micros(ordinal, end, zone))
                )
        window = (local_to_micros(first, 0, zone), local_to_micros(last + 1, 0, zone))
        opened = _subtract(_union(shifts), _union(removed))
        return _clip(opened, window)


def _union(spans: list[Span]) -> list[Span]:
    """Sort spans and merge those that overlap or touch; empty spans vanish.

    A span can come out empty or reversed when its start falls in a DST gap and is shifted
    forward past its end (``02:30-03:15`` on a spring-forward night): it holds no time.
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _subtract(opened: list[Span], removed: list[Span]) -> list[Span]:
    """Remove every removed span from the opened ones (both sorted and disjoint)."""
    result: list[Span] = []
    j = 0
    for start, end in opened:
        while j < len(removed) and removed[j][1] <= start:
            j += 1
        k = j
        while k < len(removed) and removed[k][0] < end:
            cut_start, cut_end = removed[k]
            if cut_start > start:
                result.append((start, cut_start))
            start = max(start, cut_end)
            k += 1
        if start < end:
            result.append((start, end))
    return result


def _clip(spans: list[Span], window: Span) -> tuple[list[int], list[int]]:
    lo, hi = window
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        start, end = max(start, lo), min(end, hi)
        if start < end:
            starts.append(start)
            ends.append(end)
    return starts, ends

"""A slow, obviously correct reference implementation of a calendar: ``ReferenceCalendar``.

It reads a ``Calendar``'s public fields and answers the same questions straight from the
rules in ``docs/calendar.md``, with plain ``datetime`` and ``zoneinfo`` arithmetic and no
code shared with the compiled index. For each query it lays out the shifts and closures of
the local dates near the query, cuts time at every bound they have, and asks of each piece
whether it is inside a shift and outside every closure. Use it as the oracle in property
tests; it is far too slow for anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Final
from zoneinfo import ZoneInfo

from safetycore._config import whole_number
from safetycore._time import to_micros
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
)
from safetycore.sla import Calendar, WeeklySchedule
from safetycore.sla.schedule import to_date

__all__ = ["ReferenceCalendar"]

Span = tuple[datetime, datetime]

_DAY: Final = timedelta(days=1)
_US: Final = timedelta(microseconds=1)
_ZERO: Final = timedelta(0)
# A shift starts before 24:00 and lasts less than a day (or is 00:00-24:00), so it lies within
# wall-clock [its date 00:00, two dates later 00:00); a closure lies within its date. Laying
# out this many extra dates on each side of a stretch of time (UTC offsets differ by far less
# than a day) catches every shift and closure that reaches into it.
_MARGIN: Final = timedelta(days=3)
# Queries are answered over stretches of at most this length, one after another.
_CHUNK: Final = timedelta(days=7)


_FIRST: Final = datetime(2, 1, 1, tzinfo=UTC)
_LAST: Final = datetime(9998, 12, 31, tzinfo=UTC)


_MOST_DAYS = (date(9998, 12, 31) - date(2, 1, 1)).days + 1


def _utc(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise InputTypeError("must be an aware datetime", field=field, value=value)
    to_micros(value, field)  # the library's own refusal of naive datetimes and NaT
    if value.utcoffset() is None:  # pragma: no cover - to_micros refused it
        raise NaiveDatetimeError("is naive; give an aware datetime", field=field, value=value)
    try:
        at: datetime | None = value.astimezone(UTC)
    except OverflowError:
        at = None
    if at is None or not _FIRST <= at <= _LAST:
        raise OutOfRangeError("is outside the supported years 2 to 9998", field=field, value=value)
    # A plain datetime: pendulum's drop a stdlib tzinfo in arithmetic.
    return datetime(
        at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, tzinfo=UTC
    )


class ReferenceCalendar:
    """The reference answers for ``calendar``: slow, simple, and independent of its index.

    Takes instants as aware datetimes in any zone and returns them as aware ``datetime`` in
    UTC; business time is a ``timedelta`` of real elapsed time, exact to the microsecond.
    Searches (``add``, ``next_open``, ``next_close``) step a week at a time and give up with
    ``OutOfRangeError`` ``horizon_days`` local dates beyond both the query and the calendar's
    last dated rule (first, going backwards): past those only the weekly hours, holidays and
    the zone's DST rules repeat, each at least once a year, so an answer would have come up.

    Attributes:
        calendar: the calendar whose public fields are read (its compiled index never is).
        zone: ``ZoneInfo`` of the calendar's zone; wall-clock times resolve with ``fold=0``.
        horizon: how far searches go past the query and the dated rules (``horizon_days``).

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from safetycore.sla import Calendar, WeeklySchedule
    >>> calendar = Calendar("America/New_York", WeeklySchedule.parse({"mon-fri": "09:00-17:00"}))
    >>> reference = ReferenceCalendar(calendar)
    >>> friday_4pm = datetime(2025, 3, 7, 16, tzinfo=ZoneInfo("America/New_York"))
    >>> reference.add(friday_4pm, timedelta(hours=2))  # Monday 10:00 EDT: DST began on Sunday
    datetime.datetime(2025, 3, 10, 14, 0, tzinfo=datetime.timezone.utc)
    >>> reference.elapsed(friday_4pm, reference.add(friday_4pm, timedelta(hours=2)))
    datetime.timedelta(seconds=7200)
    """

    def __init__(self, calendar: Calendar, *, horizon_days: int = 400) -> None:
        if not isinstance(calendar, Calendar):
            raise InputTypeError(
                "must be a safetycore.sla.Calendar", field="calendar", value=calendar
            )
        if not 1 <= whole_number(horizon_days, "horizon_days") <= _MOST_DAYS:
            raise InvalidArgumentError(
                f"must be from 1 to {_MOST_DAYS:,} (the days of the supported years 2 to 9998)",
                field="horizon_days",
                value=horizon_days,
            )
        self.calendar = calendar
        self.zone = ZoneInfo(calendar.zone)
        self.horizon = timedelta(days=horizon_days)
        dated = [
            *(change.effective for change in calendar.hours_changes),
            *(closure.date for closure in calendar.closures),
            *(opening.date for opening in calendar.openings),
        ]
        self._first_dated = min(dated, default=None)
        self._last_dated = max(dated, default=None)
        self._holidays_by_year: dict[int, frozenset[date]] = {}

    # -- the rules, one local date at a time ------------------------------------------------

    def _weekly_on(self, day: date) -> WeeklySchedule:
        """The weekly hours in force on ``day``: the latest change effective by then."""
        hours = self.calendar.hours
        latest = date.min
        for change in self.calendar.hours_changes:
            if latest <= change.effective <= day:
                hours, latest = change.hours, change.effective
        return hours

    def _is_holiday(self, day: date) -> bool:
        # A source may list a date under a neighbouring year (an observed New Year's Day).
        return any(
            day in self._holidays_in(year) for year in (day.year - 1, day.year, day.year + 1)
        )

    def _holidays_in(self, year: int) -> frozenset[date]:
        if year not in self._holidays_by_year:
            found: set[date] = set()
            for source in self.calendar.holidays:
                found.update(source.dates([year]))
            self._holidays_by_year[year] = frozenset(found)
        return self._holidays_by_year[year]

    def _wall(self, day: date, offset: timedelta) -> datetime:
        """The instant (UTC) of wall-clock ``offset`` after local midnight of ``day``.

        ``fold=0``: a time in a gap is read with the offset before the gap (which shifts it
        forward by the gap), a time in a fold is the earlier occurrence.
        """
        naive = datetime.combine(day, time()) + offset
        return naive.replace(tzinfo=self.zone, fold=0).astimezone(UTC)

    def _rules_on(self, day: date) -> tuple[list[Span], list[Span]]:
        """The shifts that start on ``day`` and the time its closures remove, as UTC spans."""
        openings = [opening for opening in self.calendar.openings if opening.date == day]
        ranges = openings[0].hours if openings else self._weekly_on(day).days[day.weekday()]
        shifts = [(self._wall(day, r.start), self._wall(day, r.end)) for r in ranges]
        removed: list[Span] = []
        if not openings and self._is_holiday(day):
            removed.append((self._wall(day, _ZERO), self._wall(day, _DAY)))
        for closure in self.calendar.closures:
            if closure.date != day:
                continue
            if closure.times is None:
                removed.append((self._wall(day, _ZERO), self._wall(day, _DAY)))
            else:
                removed.append(
                    (self._wall(day, closure.times.start), self._wall(day, closure.times.end))
                )
        return shifts, removed

    # -- open time in a short stretch -------------------------------------------------------

    def _open_in_chunk(self, lo: datetime, hi: datetime) -> list[Span]:
        """The open intervals in ``[lo, hi)`` (UTC, ``lo < hi``, at most about a week apart)."""
        shifts: list[Span] = []
        removed: list[Span] = []
        day = (lo - _MARGIN).astimezone(self.zone).date()
        last = (hi + _MARGIN).astimezone(self.zone).date()
        while day <= last:
            day_shifts, day_removed = self._rules_on(day)
            shifts += day_shifts
            removed += day_removed
            day += _DAY
        # Between two consecutive bounds nothing changes, so each piece is open or closed as a
        # whole: open when its first instant is in some shift and in no removed span. A span
        # whose end is not after its start contains no instant, so it never counts.
        cuts = {lo, hi}
        for start, end in shifts + removed:
            cuts.update(point for point in (start, end) if lo < point < hi)
        points = sorted(cuts)
        result: list[Span] = []
        for a, b in pairwise(points):
            inside = any(start <= a < end for start, end in shifts)
            cut = any(start <= a < end for start, end in removed)
            if inside and not cut:
                if result and result[-1][1] == a:
                    result[-1] = (result[-1][0], b)
                else:
                    result.append((a, b))
        return result

    def _intervals(self, lo: datetime, hi: datetime) -> list[Span]:
        """The open intervals in ``[lo, hi)`` (UTC), touching ones united."""
        result: list[Span] = []
        start = lo
        while start < hi:
            stop = min(start + _CHUNK, hi)
            for a, b in self._open_in_chunk(start, stop):
                if result and result[-1][1] == a:
                    result[-1] = (result[-1][0], b)
                else:
                    result.append((a, b))
            start = stop
        return result

    def _forward(self, at: datetime) -> Iterator[tuple[datetime, list[Span]]]:
        """From ``at`` on, week after week: ``(end of the week, its open intervals)``."""
        start_day = at.astimezone(self.zone).date()
        limit = max(start_day, self._last_dated or start_day) + self.horizon
        start = at
        while start.astimezone(self.zone).date() <= limit:
            stop = start + _CHUNK
            yield stop, self._open_in_chunk(start, stop)
            start = stop
        raise OutOfRangeError(
            "no answer within the reference's horizon after this instant", field="at", value=at
        )

    def _backward(self, at: datetime) -> Iterator[list[Span]]:
        """Before ``at``, week after week into the past: each week's open intervals."""
        start_day = at.astimezone(self.zone).date()
        limit = min(start_day, self._first_dated or start_day) - self.horizon
        stop = at
        while stop.astimezone(self.zone).date() >= limit:
            start = stop - _CHUNK
            yield self._open_in_chunk(start, stop)
            stop = start
        raise OutOfRangeError(
            "no answer within the reference's horizon before this instant", field="at", value=at
        )

    # -- the public questions ---------------------------------------------------------------

    def open_intervals(self, start: datetime, end: datetime) -> list[Span]:
        """The open intervals within ``[start, end)``, clipped to it, in time order (UTC).

        Intervals that overlap or touch are united, so no two returned intervals touch. Raises
        ``InvalidArgumentError`` when ``end`` is before ``start``.
        """
        lo, hi = _utc(start, "start"), _utc(end, "end")
        if hi < lo:
            raise InvalidArgumentError("is before start", field="end", value=end)
        return self._intervals(lo, hi)

    def is_open(self, at: datetime) -> bool:
        """Whether the calendar is open at ``at``: open at an opening, closed at a close."""
        t = _utc(at, "at")
        return bool(self._open_in_chunk(t, t + _US))

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Open time in ``[start, end)``; the negated open time in ``[end, start)`` if reversed."""
        lo, hi = _utc(start, "start"), _utc(end, "end")
        if hi < lo:
            return -self.elapsed(end, start)
        return sum((b - a for a, b in self._intervals(lo, hi)), _ZERO)

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant (UTC) ``duration`` of open time after ``start``, or before if negative.

        ``duration == 0`` gives ``start``. Forwards: the earliest instant with that much open
        time since ``start``, so landing exactly on a close gives the close. Backwards: the
        latest instant with that much open time up to ``start``, so landing exactly on an
        opening gives the opening.
        """
        t = _utc(start, "start")
        if not isinstance(duration, timedelta):
            raise InputTypeError("must be a timedelta", field="duration", value=duration)
        if duration == _ZERO:
            return t
        remaining = abs(duration)
        if duration > _ZERO:
            for _, spans in self._forward(t):
                for a, b in spans:
                    if b - a >= remaining:
                        return a + remaining
                    remaining -= b - a
        else:
            for spans in self._backward(t):
                for a, b in reversed(spans):
                    if b - a >= remaining:
                        return b - remaining
                    remaining -= b - a
        raise AssertionError("unreachable: the searches end by raising")  # pragma: no cover

    def next_open(self, at: datetime) -> datetime:
        """The earliest instant (UTC) at or after ``at`` at which the calendar is open."""
        for _, spans in self._forward(_utc(at, "at")):
            if spans:
                return spans[0][0]
        raise AssertionError("unreachable: the search ends by raising")  # pragma: no cover

    def next_close(self, at: datetime) -> datetime:
        """The earliest instant (UTC) at or after ``at`` at which the calendar is closed.

        ``at`` itself when closed then; otherwise the end of the open interval containing it.
        """
        t = _utc(at, "at")
        for stop, spans in self._forward(t):
            if not spans or spans[0][0] != t:
                return t
            t = spans[0][1]
            if t < stop:
                return t
        raise AssertionError("unreachable: the search ends by raising")  # pragma: no cover

    # -- business days: a shift belongs to the business day it starts on ----------------------

    def _midnight(self, day: date, days: int) -> datetime:
        """Local 00:00 of the date ``days`` after ``day`` (``fold=0``), in UTC."""
        return self._wall(day, days * _DAY)

    def _own_time(self, day: date) -> tuple[list[Span], list[Span]]:
        """``(stretches, own)``: the open stretches near ``day`` and the open time it owns.

        ``stretches`` are the united open intervals of local ``day - 1`` 00:00 to ``day + 2``
        00:00, widened by a microsecond on each side, so that a stretch clipped at either end
        shows as starting before ``day - 1`` or closing after ``day + 2`` even when it was cut
        exactly there. ``own`` is ``day``'s open time minus the stretch carried from the day
        before: one open at ``day``'s midnight that started on ``day - 1`` and closes by the
        next midnight.
        """
        before, m0, m1, m2 = (self._midnight(day, k) for k in (-1, 0, 1, 2))
        stretches = self._intervals(before - _US, m2 + _US)
        carried_to = m0
        for a, b in stretches:
            if a <= m0 < b and before <= a < m0 and b <= m1:
                carried_to = b
        own = [
            (max(a, carried_to), min(b, m1))
            for a, b in stretches
            if max(a, carried_to) < min(b, m1)
        ]
        return stretches, own

    def is_business_day(self, day: date) -> bool:
        """Whether the local date ``day`` owns open time: a shift belongs to the date it starts on.

        ``day``'s time is the open time between its midnights (local 00:00 of ``day`` and of the
        next date, read with ``fold=0``) less the time *carried* to the day before: the part of
        an open stretch (touching intervals united) that is open at ``day``'s first midnight,
        started on the date before and closes by ``day``'s second midnight.
        """
        day = to_date(day, "day")
        if not _FIRST.date() <= day <= _LAST.date():
            raise OutOfRangeError(
                "is outside the supported years 2 to 9998", field="day", value=day
            )
        return bool(self._own_time(day)[1])

    def _day_end(self, day: date) -> datetime:
        """The end of the business day ``day`` (it must be one), in UTC."""
        stretches, own = self._own_time(day)
        m0, m1, m2 = (self._midnight(day, k) for k in (0, 1, 2))
        last_own = own[-1][0]
        a, b = next((a, b) for a, b in stretches if a <= last_own < b)
        if b <= m1:
            return b
        if m0 <= a < m1 and b <= m2:
            return b  # a night shift that starts on ``day`` ends on the next date
        return m1

    def _business_days_from(self, day: date, step: int) -> Iterator[date]:
        """The business days after ``day`` (``step = 1``) or before it (``step = -1``)."""
        # Clamped to the supported years, in ordinals (a date past them would overflow).
        reach = self.horizon.days
        if step > 0:
            far = max(day, self._last_dated or day).toordinal() + reach
            limit = date.fromordinal(min(far, _LAST.date().toordinal()))
        else:
            far = min(day, self._first_dated or day).toordinal() - reach
            limit = date.fromordinal(max(far, _FIRST.date().toordinal()))
        while day != limit:
            day += step * _DAY
            if self.is_business_day(day):
                yield day
        raise OutOfRangeError(
            "no business day within the reference's horizon", field="days", value=day
        )

    def _nth_business_day(self, day: date, days: int) -> date:
        """The ``days``-th business day after ``day`` (before it when ``days < 0``; not 0)."""
        found = self._business_days_from(day, 1 if days > 0 else -1)
        for _ in range(abs(days) - 1):
            next(found)
        return next(found)

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """The same local wall-clock time as ``start`` (UTC), ``days`` business days on.

        Counts business days after (``days < 0``: before) the local date of ``start``;
        ``days == 0`` gives ``start``. The wall-clock time is read on the target date with
        ``fold=0``.
        """
        t = _utc(start, "start")
        days = whole_number(days, "days")
        if days == 0:
            return t
        local = t.astimezone(self.zone)
        offset = datetime.combine(date.min, local.time()) - datetime.combine(date.min, time())
        return self._wall(self._nth_business_day(local.date(), days), offset)

    def end_of_business_day(self, start: datetime, days: int = 0) -> datetime:
        """The end (UTC) of a business day counted from the local date of ``start``.

        ``days == 0``: that date if it is a business day, else the next one; ``days > 0``: the
        ``days``-th business day after it. The end is the close of the day's last stretch with
        time of its own when it closes by the next midnight; a stretch that starts on the day
        and closes by the midnight after (a night shift) ends it at its close; otherwise the
        next midnight.
        """
        t = _utc(start, "start")
        days = whole_number(days, "days")
        if days < 0:
            raise InvalidArgumentError("must not be negative", field="days", value=days)
        day = t.astimezone(self.zone).date()
        if days == 0 and not self.is_business_day(day):
            days = 1
        return self._day_end(self._nth_business_day(day, days) if days else day)

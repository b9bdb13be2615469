"""The compiled calendar: an immutable table of open intervals, grown lazily by spans of years.

Every query is a binary search in a ``Table``: sorted interval starts and ends (UTC
microseconds) with the cumulative open time before each interval. A table is exact for the
instants of its *window* (local midnight of its first date to local midnight after its last
date). ``CalendarIndex`` holds the current table and replaces it with a wider one, under a lock,
when a query reaches outside; readers take one table reference per query and never see a table
change, so the index is safe to share between threads.

All instants here are ``int`` microseconds since the epoch (UTC); durations are ``int``
microseconds.
"""

from __future__ import annotations

import datetime as _dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from typing import Any, Final

import pendulum

from safetycore._time import from_micros, local_date_ordinal, local_to_micros, to_micros
from safetycore.errors import OutOfRangeError
from safetycore.sla._compile import MARGIN_DAYS, Rules
from safetycore.sla.schedule import covers_week

# Local dates a table may cover; three days short of datetime's range so that the layout
# margin and every conversion stay representable.
FIRST_ORDINAL: Final = date(2, 1, 1).toordinal()
LAST_ORDINAL: Final = date(9998, 12, 31).toordinal()
# Instants a query may name: a day inside datetime's range on each side, so that the instant's
# local date exists in every zone (an instant in year 1 or 9999 is then refused, not overflowed).
FIRST_INSTANT: Final = to_micros(_dt.datetime(1, 1, 2, tzinfo=_dt.UTC), "instant")
LAST_INSTANT: Final = to_micros(_dt.datetime(9999, 12, 30, tzinfo=_dt.UTC), "instant")


def _instant_text(micros: int) -> object:
    """The instant ``micros`` for an error message: a UTC datetime, or text if none exists.

    An aware datetime in year 1 or 9999 with a large offset lies outside datetime's range once
    in UTC; its error then names it in microseconds instead of overflowing.
    """
    try:
        return from_micros(micros, _UTC)
    except OverflowError:
        return f"{micros} microseconds from 1970-01-01T00:00:00+00:00"


# A query farther than this from the cached table gets a table of its own.
_NEAR_DAYS: Final = 5 * 366
WEEK: Final = 7 * 86_400_000_000
# More than any DST shift of the tz database (Troll's 2 hours is the largest).
_DST_SLACK: Final = 3 * 3_600_000_000
# How far a search for closed time looks before concluding that a calendar open all week on
# the wall clock never closes (see CalendarIndex._settled).
_CLOSE_HORIZON_DAYS: Final = 50 * 366


_UTC: Final = pendulum.UTC


class Table:
    """Open intervals of one window, with cumulative open time; never mutated once built."""

    __slots__ = (
        "business_days",
        "business_ends",
        "cache",
        "cum",
        "cum_end",
        "ends",
        "first",
        "hi",
        "last",
        "lo",
        "starts",
        "total",
    )

    def __init__(self, rules: Rules, first: int, last: int) -> None:
        self.first = first
        self.last = last
        zone = rules.zone
        # Local midnights of the dates first - 2 .. last + 3: midnight[k] opens first - 2 + k.
        midnights = [local_to_micros(ordinal, 0, zone) for ordinal in range(first - 2, last + 4)]
        self.lo = midnights[2]
        self.hi = midnights[-3]
        # Business days need the stretches around the window's edges (a shift carried into its
        # first date, one closing after its last): lay out two dates more on each side.
        wide_starts, wide_ends = rules.open_intervals(first - 2, last + 2)
        starts, ends = _clip(wide_starts, wide_ends, self.lo, self.hi)
        cum: list[int] = []
        cum_end: list[int] = []
        total = 0
        for start, end in zip(starts, ends, strict=True):
            cum.append(total)
            total += end - start
            cum_end.append(total)
        self.starts = starts
        self.ends = ends
        self.cum = cum
        self.cum_end = cum_end
        self.total = total
        # Derived forms of this table (the analysis extra's numpy arrays), built on first use.
        # Entries are written once and never changed, so sharing between threads is safe.
        self.cache: dict[str, object] = {}
        self.business_days, self.business_ends = _business_days(
            wide_starts, wide_ends, midnights, first
        )

    def covers(self, lo: int, hi: int) -> bool:
        """Whether ``lo`` and ``hi`` lie in the window ``[self.lo, self.hi)``.

        The window's end is excluded: an interval clipped there may go on past it.
        """
        return self.lo <= lo and hi < self.hi

    def open_before(self, t: int) -> int:
        """Open time from the window's start to ``t`` (``lo <= t <= hi``)."""
        i = bisect_right(self.starts, t) - 1
        if i < 0:
            return 0
        end = self.ends[i]
        return self.cum[i] + (t if t < end else end) - self.starts[i]

    def open_between(self, a: int, b: int) -> int:
        """Open time in ``[a, b)``, negative when ``b < a``."""
        return self.open_before(b) - self.open_before(a)

    def is_open(self, t: int) -> bool:
        """Whether ``t`` lies in an open interval (half-open: the opening is in, the close out)."""
        i = bisect_right(self.starts, t) - 1
        return i >= 0 and t < self.ends[i]


def _clip(starts: list[int], ends: list[int], lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The intervals cut to ``[lo, hi)``; those left empty dropped."""
    first = bisect_right(ends, lo)
    stop = bisect_left(starts, hi)
    clipped_starts = starts[first:stop]
    clipped_ends = ends[first:stop]
    if clipped_starts:
        clipped_starts[0] = max(clipped_starts[0], lo)
        clipped_ends[-1] = min(clipped_ends[-1], hi)
    return clipped_starts, clipped_ends


def _business_days(
    starts: list[int], ends: list[int], midnights: list[int], first: int
) -> tuple[list[int], list[int]]:
    """The business days of a window and the end of each (``docs/calendar.md``, section 6).

    A shift belongs to the business day it starts on. ``starts`` and ``ends`` are the open
    stretches (united open intervals), exact from local midnight of ``first - 2`` to that of
    ``last + 3``; ``midnights`` are the local midnights of ``first - 2`` to ``last + 3``, so
    the window's dates are ``first`` to ``first + len(midnights) - 6``. A stretch cut at the
    layout's edge then shows as starting before ``first - 1`` or closing after ``last + 2``,
    which is all the rules below need to know of it.

    For a date ``D`` with midnights ``m0`` and ``m1``: the stretch open at ``m0`` is *carried*
    (belongs to ``D - 1``) when it started on ``D - 1`` and closes by ``m1``. ``D`` is a business
    day when it has open time in ``[m0, m1)`` after the carried part. Its end is the close of
    its last stretch with such time, when that closes by ``m1``, or by the next midnight after
    it when it started on ``D`` (a night shift); otherwise ``m1``.
    """
    days: list[int] = []
    day_ends: list[int] = []
    for k in range(2, len(midnights) - 3):
        before, m0, m1, m2 = midnights[k - 1], midnights[k], midnights[k + 1], midnights[k + 2]
        own_from = m0
        i = bisect_right(starts, m0) - 1
        if i >= 0 and m0 < ends[i] and before <= starts[i] < m0 and ends[i] <= m1:
            own_from = ends[i]  # carried to the day before
        # The last stretch starting before m1; the day owns time in it if it closes after the
        # carried part (stretches do not touch, so an earlier one cannot instead).
        j = bisect_left(starts, m1) - 1
        if j < 0 or ends[j] <= own_from:
            continue
        start, end = starts[j], ends[j]
        days.append(first + k - 2)
        if end <= m1 or (m0 <= start and end <= m2):
            day_ends.append(end)
        else:
            day_ends.append(m1)
    return days, day_ends


def _year_bounds(ordinal: int) -> tuple[int, int]:
    year = date.fromordinal(ordinal).year
    return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()


class CalendarIndex:
    """The growing, cached table of one calendar; safe to share between threads."""

    __slots__ = ("_bounds", "_lock", "_table", "rules")

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        # open_time_bound per direction (False: backwards, True: forwards), built on first use.
        self._bounds: list[tuple[int, int, int] | None] = [None, None]
        self._table: Table | None = None
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, ...]:
        # The lock cannot be pickled; the table is a cache and is rebuilt on demand.
        return (CalendarIndex, (self.rules,))

    # -- building -------------------------------------------------------------------------

    def table_for(self, lo: int, hi: int) -> Table:
        """A table whose window contains the instants ``lo <= hi``."""
        table = self._table
        if table is not None and table.covers(lo, hi):
            return table
        for t in (lo, hi):
            if not FIRST_INSTANT <= t <= LAST_INSTANT:
                raise OutOfRangeError(
                    "is outside the supported years 2 to 9998",
                    field="instant",
                    value=_instant_text(t),
                )
        zone = self.rules.zone
        return self._table_for_dates(local_date_ordinal(lo, zone), local_date_ordinal(hi, zone))

    def _table_for_dates(self, first: int, last: int) -> Table:
        if first < FIRST_ORDINAL or last > LAST_ORDINAL:
            raise OutOfRangeError(
                "is outside the supported years 2 to 9998",
                field="instant",
                value=date.fromordinal(first if first < FIRST_ORDINAL else last),
            )
        with self._lock:
            table = self._table
            if table is not None and table.first <= first and last <= table.last:
                return table
            first = _year_bounds(first)[0]
            last = _year_bounds(last)[1]
            if table is not None and (
                last < table.first - _NEAR_DAYS or first > table.last + _NEAR_DAYS
            ):
                # A query far from the cached table (another century) starts a table of its
                # own: widening the old one would compile every year in between.
                table = None
            if table is None:
                # Start with a year either side: most queries stay near their first one.
                first, last = _year_bounds(first - 1)[0], _year_bounds(last + 1)[1]
            else:
                # Grow by at least the current span, so that a walk through time rebuilds
                # O(log n) times, not once per year.
                span = table.last - table.first + 1
                first = min(first, table.first - span) if first < table.first else table.first
                last = max(last, table.last + span) if last > table.last else table.last
            # Clamp before taking year bounds: growth may reach past datetime's range.
            first = max(_year_bounds(max(first, FIRST_ORDINAL))[0], FIRST_ORDINAL)
            last = min(_year_bounds(min(last, LAST_ORDINAL))[1], LAST_ORDINAL)
            table = Table(self.rules, first, last)
            self._table = table
            return table

    def _grown(self, table: Table, forward: bool) -> Table | None:
        """A wider table in the given direction, or ``None`` when none can hold more answers."""
        if forward:
            if table.last >= LAST_ORDINAL:
                return None
            return self._table_for_dates(table.first, min(table.last + 1, LAST_ORDINAL))
        if table.first <= FIRST_ORDINAL:
            return None
        return self._table_for_dates(max(table.first - 1, FIRST_ORDINAL), table.last)

    def _settled(self, table: Table, forward: bool, wants_open: bool) -> bool:
        """Whether nothing past the window can change: the search may stop there.

        Past the last dated rule, the weekly hours in force repeat for ever (holidays aside).
        An open search ends when those hours are empty. A close search cannot end as soon as
        the hours cover the week on the wall clock: a range that starts in a DST gap is
        shifted later and can leave a hole. DST rules repeat every year, so once the window
        reaches ``_CLOSE_HORIZON_DAYS`` past both the last dated rule and the window's far
        side, a hole would have been found; only then does the search stop.
        """
        rules = self.rules
        if forward:
            if table.last <= rules.last_dated + 7:
                return False
            weekly = rules.weekly_at(table.last)
            reach = table.last - max(rules.last_dated, table.first)
        else:
            if table.first >= rules.first_dated - 7:
                return False
            weekly = rules.weekly_at(table.first)
            reach = min(rules.first_dated, table.last) - table.first
        if wants_open:
            return not any(weekly)
        return not rules.has_holidays and covers_week(weekly) and reach >= _CLOSE_HORIZON_DAYS

    def search(
        self,
        table: Table,
        forward: bool,
        wants_open: bool | None,
        answer: Callable[[Table], int | None],
    ) -> int:
        """Run ``answer`` on wider and wider tables until it finds an answer or none can exist.

        ``answer`` returns ``None`` when the table's window is too narrow to decide.
        ``wants_open`` says whether the search needs open time (``True``) or closed time.
        """
        while True:
            found = answer(table)
            if found is not None:
                return found
            table = self.wider(table, forward, wants_open)

    def wider(self, table: Table, forward: bool, wants_open: bool | None) -> Table:
        """A table reaching further in one direction, or ``OutOfRangeError`` if that is futile.

        ``wants_open`` says whether the caller looks for open time (``True``), closed time
        (``False``) or both (``None``: an opening, closed time then open time).
        """
        edge = date.fromordinal(table.last if forward else table.first)
        for needs, never in ((True, "open"), (False, "closed")):
            if wants_open in (needs, None) and self._settled(table, forward, needs):
                raise OutOfRangeError(
                    f"the calendar is never {never} {'after' if forward else 'before'} it"
                    f"{'' if wants_open is not None else ', so it never opens or closes there'}"
                    f" (its hours repeat; searched to {edge})",
                    field="calendar",
                    value=edge,
                )
        grown = self._grown(table, forward)
        if grown is None:
            raise OutOfRangeError(
                f"has no answer within the supported years 2 to 9998 (searched to {edge})",
                field="instant",
                value=edge,
            )
        return grown

    def open_time_bound(self, forward: bool) -> tuple[int, int, int]:
        """``(dated, edge, per_week)``: the terms of ``most_open_time`` in one direction.

        ``dated`` is the instant past which only the weekly hours in force repeat, ``edge``
        the end of the supported range, ``per_week`` the most open time those hours hold in
        a week (their wall-clock length plus ``_DST_SLACK`` per range, at most a week).
        """
        cached = self._bounds[forward]
        if cached is not None:
            return cached
        rules = self.rules
        if forward:
            day = min(rules.last_dated + MARGIN_DAYS, LAST_ORDINAL)
            edge, weekly = LAST_INSTANT, rules.weekly_at(LAST_ORDINAL)
        else:
            day = max(rules.first_dated - MARGIN_DAYS, FIRST_ORDINAL)
            edge, weekly = FIRST_INSTANT, rules.weekly_at(FIRST_ORDINAL)
        dated = min(max(local_to_micros(day, 0, rules.zone), FIRST_INSTANT), LAST_INSTANT)
        spans = [span for spans_of_day in weekly for span in spans_of_day]
        per_week = min(WEEK, sum(end - start for start, end in spans) + len(spans) * _DST_SLACK)
        found = (dated, edge, per_week)
        self._bounds[forward] = found  # written once per direction; the same value if raced
        return found

    def most_open_time(self, t: int, forward: bool) -> int:
        """An upper bound of the open time from ``t`` to the edge of the supported range.

        Up to the dated rules (openings, closures, hours changes) it is the real time; past
        them the weekly hours in force repeat, so each week holds at most ``per_week`` of
        ``open_time_bound``. Holidays only remove time.
        """
        dated, edge, per_week = self.open_time_bound(forward)
        if forward:
            real_part, rest = max(0, min(dated, edge) - t), max(0, edge - max(dated, t))
        else:
            real_part, rest = max(0, t - max(dated, edge)), max(0, min(dated, t) - edge)
        return real_part + (rest // WEEK + 2) * per_week

    # -- queries on instants (int microseconds, UTC) --------------------------------------

    def is_open(self, t: int) -> bool:
        """Whether the calendar is open at ``t``."""
        return self.table_for(t, t).is_open(t)

    def elapsed(self, a: int, b: int) -> int:
        """Open time in ``[a, b)``; negative when ``b < a``."""
        return self.table_for(min(a, b), max(a, b)).open_between(a, b)

    def add(self, t: int, duration: int) -> int:
        """The instant ``duration`` of open time after (or, if negative, before) ``t``."""
        if duration == 0:
            return t
        forward = duration > 0
        table = self.table_for(t, t)
        # Most sums end inside the current table: answer without the general search.
        target = table.open_before(t) + duration
        found = find_forward(table, target) if forward else find_backward(table, target)
        if found is not None:
            return found
        # A sum past the supported range fails at once instead of compiling every year up to
        # it (``most_open_time``).
        if abs(duration) > self.most_open_time(t, forward):
            raise OutOfRangeError(
                "is more business time than the calendar holds within the supported years "
                "2 to 9998",
                field="duration",
                value=_dt.timedelta(microseconds=duration),
            )

        def answer(table: Table) -> int | None:
            target = table.open_before(t) + duration
            return find_forward(table, target) if forward else find_backward(table, target)

        # The current table holds no answer: search wider ones.
        return self.search(self.wider(table, forward, True), forward, True, answer)

    def next_open(self, t: int) -> int:
        """The earliest instant at or after ``t`` at which the calendar is open."""

        def answer(table: Table) -> int | None:
            i = bisect_right(table.starts, t) - 1
            if i >= 0 and t < table.ends[i]:
                return t
            return table.starts[i + 1] if i + 1 < len(table.starts) else None

        return self.search(self.table_for(t, t), True, True, answer)

    def next_close(self, t: int) -> int:
        """The earliest instant at or after ``t`` at which the calendar is closed."""

        def answer(table: Table) -> int | None:
            i = bisect_right(table.starts, t) - 1
            if i >= 0 and t < table.ends[i]:
                end = table.ends[i]
                return end if end < table.hi else None
            return t

        return self.search(self.table_for(t, t), True, False, answer)

    def previous_open(self, t: int) -> int:
        """The latest opening (start of an open interval) at or before ``t``."""

        def answer(table: Table) -> int | None:
            i = bisect_right(table.starts, t) - 1
            # A start at the window's edge may be the table's cut, not an opening: look wider.
            return table.starts[i] if i >= 0 and table.starts[i] > table.lo else None

        # An opening needs closed time before open time: never either, and there is none.
        return self.search(self.table_for(t, t), False, None, answer)

    def previous_close(self, t: int) -> int:
        """The latest close (end of an open interval) at or before ``t``."""

        def answer(table: Table) -> int | None:
            i = bisect_right(table.ends, t) - 1
            return table.ends[i] if i >= 0 else None

        # A close needs open time before closed time: never either, and there is none.
        return self.search(self.table_for(t, t), False, None, answer)

    def open_spans(self, a: int, b: int) -> list[tuple[int, int]]:
        """The open intervals within ``[a, b)``, clipped to it, in order."""
        if b <= a:
            return []
        table = self.table_for(a, b)
        first = bisect_right(table.ends, a)
        stop = bisect_left(table.starts, b)
        return [
            (max(start, a), min(end, b))
            for start, end in zip(table.starts[first:stop], table.ends[first:stop], strict=True)
        ]

    # -- queries on local dates (ordinals) ------------------------------------------------

    def _table_for_date(self, ordinal: int) -> Table:
        table = self._table
        if table is not None and table.first <= ordinal <= table.last:
            return table
        return self._table_for_dates(ordinal, ordinal)

    def is_business_day(self, ordinal: int) -> bool:
        """Whether the local date has any open time."""
        table = self._table_for_date(ordinal)
        i = bisect_left(table.business_days, ordinal)
        return i < len(table.business_days) and table.business_days[i] == ordinal

    def shift_business_days(self, ordinal: int, n: int) -> int:
        """The ``n``-th business day after (``n < 0``: before) a local date; ``n = 0``: itself."""
        if n == 0:
            return ordinal
        if not FIRST_ORDINAL - ordinal <= n <= LAST_ORDINAL - ordinal:
            raise OutOfRangeError(
                "is more business days than the supported years 2 to 9998 hold",
                field="days",
                value=n,
            )

        def answer(table: Table) -> int | None:
            days = table.business_days
            if n > 0:
                k = bisect_right(days, ordinal) + n - 1
                return days[k] if k < len(days) else None
            k = bisect_left(days, ordinal) + n
            return days[k] if k >= 0 else None

        return self.search(self._table_for_date(ordinal), n > 0, True, answer)

    def business_day_end(self, ordinal: int) -> int:
        """The end of a business day (``docs/calendar.md``, section 6); ``ordinal`` must be one.

        The close of its last stretch with time of its own, when that closes by the next
        midnight or, for a shift that starts on the date, by the midnight after; else the next
        midnight.
        """
        table = self._table_for_date(ordinal)
        i = bisect_left(table.business_days, ordinal)
        return table.business_ends[i]


def find_forward(table: Table, target: int) -> int | None:
    """Earliest instant whose open time from the window start reaches ``target`` (> 0)."""
    if target > table.total:
        return None
    i = bisect_left(table.cum_end, target)
    return table.starts[i] + target - table.cum[i]


def find_backward(table: Table, target: int) -> int | None:
    """Latest instant whose open time from the window start is at most ``target``, or ``None``.

    ``None`` means the answer lies before the window (``target`` is negative).
    """
    if target < 0 or not table.cum:
        return None
    i = bisect_right(table.cum, target) - 1
    return table.starts[i] + target - table.cum[i]

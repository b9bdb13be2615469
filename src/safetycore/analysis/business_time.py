"""Business time over whole columns: ``elapsed`` and ``add`` for pandas and numpy.

The same answers as ``Calendar.elapsed`` and ``Calendar.add``, to the unit of the input
(microseconds, or nanoseconds for nanosecond columns), for a million rows at a time. The
calendar's compiled table is turned into numpy arrays once and cached with it; each query
costs a few vectorised passes, never a Python-level loop over rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from safetycore.analysis._convert import (
    Column,
    Int64Array,
    durations,
    instant_result,
    instants,
    same_rows,
    timedelta_result,
)
from safetycore.analysis._lookup import BucketRank
from safetycore.errors import InputTypeError, OutOfRangeError
from safetycore.sla import Calendar
from safetycore.sla._index import WEEK, CalendarIndex, Table

__all__ = ["add", "elapsed"]

_SCALE = {"us": 1, "ns": 1000}


class _Arrays:
    """A ``Table`` as numpy arrays, with bucketed rank lookups over its three sorted keys."""

    __slots__ = ("by_cum", "by_cum_end", "by_start", "cum", "lengths", "starts", "total")

    def __init__(self, table: Table) -> None:
        starts = np.array(table.starts, dtype=np.int64)
        ends = np.array(table.ends, dtype=np.int64)
        cum = np.array(table.cum, dtype=np.int64)
        # A leading empty interval just before the window makes "no interval yet" index 0.
        self.starts = np.concatenate([[table.lo - 1], starts])
        self.lengths = np.concatenate([[0], ends - starts])
        self.cum = np.concatenate([[0], cum])
        self.total = table.total
        self.by_start = BucketRank(self.starts, table.lo, table.hi)
        self.by_cum_end = BucketRank(
            np.array(table.cum_end, dtype=np.int64), 0, max(table.total, 1)
        )
        self.by_cum = BucketRank(cum, 0, max(table.total, 1))


def _arrays(table: Table) -> _Arrays:
    found = table.cache.get("numpy")
    if not isinstance(found, _Arrays):
        found = _Arrays(table)
        table.cache["numpy"] = found
    return found


def _table(index: CalendarIndex, column: Column, *others: Column) -> Table:
    scale = _SCALE[column.unit]
    lows, highs = [], []
    for item in (column, *others):
        present = item.values[~item.missing] if item.missing.any() else item.values
        if len(present):
            lows.append(int(present.min()) // scale)
            highs.append(int(present.max()) // scale)
    if not lows:
        return index.table_for(0, 0)
    return index.table_for(min(lows), max(highs))


def _open_before(arrays: _Arrays, x: Int64Array, scale: int) -> Int64Array:
    """Open time (in the input unit) from the table's window start to each instant ``x``."""
    i = arrays.by_start.rank(x // scale if scale > 1 else x)
    i -= 1
    into = x - arrays.starts[i] * scale
    np.clip(into, 0, arrays.lengths[i] * scale, out=into)
    into += arrays.cum[i] * scale
    return into  # type: ignore[no-any-return]  # numpy's stubs lose the dtype through clip


def _check_scale(table: Table, scale: int) -> None:
    if table.total * scale >= 1 << 62:
        raise OutOfRangeError(
            "the calendar's compiled span is too wide for nanosecond arithmetic",
            field="unit",
            value="ns",
        )


def _index_of(calendar: object) -> CalendarIndex:
    if not isinstance(calendar, Calendar):
        raise InputTypeError("must be a safetycore.sla.Calendar", field="calendar", value=calendar)
    return calendar._index


def _check_reach(index: CalendarIndex, x: Int64Array, d: Int64Array, scale: int) -> None:
    """Refuse at once a row whose sum needs more open time than the supported range holds."""
    for forward, rows in ((True, d > 0), (False, d < 0)):
        if not rows.any():
            continue
        dated, edge, per_week = index.open_time_bound(forward)
        t, amount = x[rows] // scale, np.abs(d[rows]) // scale
        if forward:
            real = np.clip(min(dated, edge) - t, 0, None)
            rest = np.clip(edge - np.maximum(dated, t), 0, None)
        else:
            real = np.clip(t - max(dated, edge), 0, None)
            rest = np.clip(np.minimum(dated, t) - edge, 0, None)
        over = amount > real + (rest // WEEK + 2) * per_week
        if over.any():
            raise OutOfRangeError(
                "is more business time than the calendar holds within the supported years "
                f"2 to 9998 (row {int(np.flatnonzero(rows)[np.argmax(over)])})",
                field="duration",
                value=int(d[rows][np.argmax(over)]),
            )


def elapsed(calendar: Calendar, start: Any, end: Any, *, utc: bool = False) -> Any:
    """Business time between each pair of instants: ``Calendar.elapsed`` over columns.

    Args:
        calendar: the calendar to measure in.
        start: aware pandas Series or DatetimeIndex (any zone), or numpy ``datetime64`` array
            with ``utc=True``.
        end: the same kind as ``start``, of the same length (and the same index, for Series).
        utc: declare that numpy ``datetime64`` input holds UTC instants.

    Returns:
        A pandas Series of ``timedelta64`` (with ``start``'s index) for pandas input, else a
        numpy ``timedelta64`` array; in the finer unit of the inputs. Negative where
        ``end < start``; ``NaT`` where either is missing.

    >>> import pandas as pd
    >>> from safetycore.sla import Calendar
    >>> cal = Calendar.from_dict({"zone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}})
    >>> start = pd.Series(pd.to_datetime(["2025-07-04 16:00", "2025-07-07 08:00"]).tz_localize(
    ...     "America/New_York"))
    >>> elapsed(cal, start, start + pd.Timedelta(hours=24)).tolist()
    [Timedelta('0 days 01:00:00'), Timedelta('0 days 08:00:00')]
    """
    first = instants(start, "start", utc=utc)
    second = instants(end, "end", utc=utc)
    same_rows(first, second, ("start", "end"))
    unit = "ns" if "ns" in (first.unit, second.unit) else "us"
    first, second = first.to(unit), second.to(unit)
    scale = _SCALE[unit]
    table = _table(_index_of(calendar), first, second)
    _check_scale(table, scale)
    arrays = _arrays(table)
    missing = first.missing | second.missing
    a = np.where(missing, table.lo * scale, first.values)
    b = np.where(missing, table.lo * scale, second.values)
    result = _open_before(arrays, b, scale)
    result -= _open_before(arrays, a, scale)
    return timedelta_result(result, missing, first)


def add(calendar: Calendar, start: Any, duration: Any, *, utc: bool = False) -> Any:
    """The instant ``duration`` of business time after each start: ``Calendar.add`` over columns.

    Args:
        calendar: the calendar to count in.
        start: aware pandas Series or DatetimeIndex, or numpy ``datetime64`` with ``utc=True``.
        duration: one ``timedelta`` for every row, or a ``timedelta64`` column of the same
            length; negative durations go backwards, as in ``Calendar.add``.
        utc: declare that numpy ``datetime64`` input holds UTC instants.

    Returns:
        A pandas Series of datetimes in the calendar's zone (with ``start``'s index) for pandas
        input, else a numpy ``datetime64`` array in UTC; ``NaT`` where an input is missing.
        Raises ``OutOfRangeError`` when some row has no answer (the calendar never holds
        that much open time).

    >>> import pandas as pd
    >>> from datetime import timedelta
    >>> from safetycore.sla import Calendar
    >>> cal = Calendar.from_dict({"zone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}})
    >>> start = pd.Series(pd.to_datetime(["2025-07-04 16:00"]).tz_localize("America/New_York"))
    >>> add(cal, start, timedelta(hours=2)).tolist()
    [Timestamp('2025-07-07 10:00:00-0400', tz='America/New_York')]
    """
    index = _index_of(calendar)
    origin = instants(start, "start", utc=utc)
    try:
        amount = durations(duration, len(origin.values), origin.index)
    except OverflowError:  # numpy and pandas hold durations of about ±292 years in nanoseconds
        raise OutOfRangeError(
            "is more business time than the calendar holds within the supported years 2 to 9998",
            field="duration",
            value=duration,
        ) from None
    unit = "ns" if "ns" in (origin.unit, amount.unit) else "us"
    origin, amount = origin.to(unit), amount.to(unit)
    scale = _SCALE[unit]
    missing = origin.missing | amount.missing
    table = _table(index, origin)
    x = np.where(missing, table.lo * scale, origin.values)
    d = np.where(missing, 0, amount.values)
    _check_reach(index, x, d, scale)
    forward, backward = d > 0, d < 0
    while True:
        _check_scale(table, scale)
        arrays = _arrays(table)
        target = _open_before(arrays, x, scale) + d
        if np.any(forward & (target > table.total * scale)):
            table = index.wider(table, forward=True, wants_open=True)
            continue
        if np.any(backward & (target < 0)):
            table = index.wider(table, forward=False, wants_open=True)
            continue
        break
    result = x.copy()
    if forward.any():
        t = target[forward]
        # First interval whose cumulative end reaches t: count of cum_end < ceil(t / scale).
        i = arrays.by_cum_end.rank(-((-t) // scale) - 1) + 1
        result[forward] = arrays.starts[i] * scale + t - arrays.cum[i] * scale
    if backward.any():
        t = target[backward]
        i = arrays.by_cum.rank(t // scale)
        result[backward] = arrays.starts[i] * scale + t - arrays.cum[i] * scale
    return instant_result(result, missing, origin, calendar.zone)

"""Business time over whole columns: ``elapsed`` and ``add`` for pandas and numpy.

The same answers as ``Calendar.elapsed`` and ``Calendar.add``, to the unit of the input
(microseconds, or nanoseconds for nanosecond columns), for a million rows at a time. The
calendar's compiled table is turned into numpy arrays once and cached with it; each query
costs a few vectorised passes, never a Python-level loop over rows.

Rows of several teams are measured each in its own calendar by passing a mapping of
calendars and a ``by`` column of keys: the rows are grouped by key (one pass per calendar).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from safetycore.analysis._convert import (
    BoolArray,
    Column,
    Int64Array,
    durations,
    instant_result,
    instants,
    same_rows,
    timedelta_result,
)
from safetycore.analysis._lookup import BucketRank
from safetycore.errors import InputTypeError, InvalidArgumentError, OutOfRangeError
from safetycore.sla import Calendar
from safetycore.sla._index import WEEK, CalendarIndex, Table

__all__ = ["add", "elapsed"]

_SCALE = {"us": 1, "ns": 1000}

Calendars: TypeAlias = Calendar | Mapping[Hashable, Calendar]
"""One calendar for every row, or calendars by key (with a ``by`` column of keys)."""


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


def _table(
    index: CalendarIndex, columns: list[Int64Array], missing: BoolArray, scale: int
) -> Table:
    """The compiled table spanning every present instant (counts of ``1 / scale`` us)."""
    if missing.any():  # copies only when some row is missing
        columns = [values[~missing] for values in columns]
    if not len(columns[0]):
        return index.table_for(0, 0)
    low = min(int(values.min()) for values in columns) // scale
    high = max(int(values.max()) for values in columns) // scale
    return index.table_for(low, high)


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


def _index_of(calendar: object, field: str = "calendar") -> CalendarIndex:
    if not isinstance(calendar, Calendar):
        raise InputTypeError("must be a safetycore.sla.Calendar", field=field, value=calendar)
    return calendar._index


def _zone(calendar: Calendars) -> str:
    """The zone of the answers: the calendar's, the mapping's shared zone, else UTC."""
    if isinstance(calendar, Calendar):
        return calendar.zone
    zones = {each.zone for each in calendar.values()}
    return zones.pop() if len(zones) == 1 else "UTC"


_Group: TypeAlias = tuple[CalendarIndex, "npt.NDArray[np.intp] | None"]


def _groups(calendar: object, by: object, like: Column) -> Iterator[_Group]:
    """Each calendar's index with the rows it measures (``None``: every row).

    ``calendar`` is one ``Calendar`` (then ``by`` must be ``None``) or a non-empty mapping of
    keys to calendars, and ``by`` one key per row of ``like`` (a pandas Series with
    ``like``'s index, a numpy array or a list). A missing key or one the mapping lacks is
    refused naming its row: no row is ever measured in a guessed calendar.
    """
    if not isinstance(calendar, Mapping):
        index = _index_of(calendar)
        if by is not None:
            raise InvalidArgumentError(
                "needs a mapping of calendars to choose from (one Calendar was given)",
                field="by",
                value=by,
            )
        yield index, None
        return
    if not calendar:
        raise InvalidArgumentError("must hold at least one calendar", field="calendar", value={})
    indexes = {key: _index_of(each, f"calendar[{key!r}]") for key, each in calendar.items()}
    if by is None:
        raise InvalidArgumentError(
            "must give each row's calendar key when calendar is a mapping",
            field="by",
            value=None,
        )
    codes, keys = _keys(by, like)
    known = ", ".join(sorted(map(str, calendar)))
    if len(codes) and codes.min() < 0:
        row = int(np.argmax(codes < 0))
        raise InvalidArgumentError(
            f"row {row} has no calendar key (known: {known})", field="by", value=None
        )
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(keys) + 1))
    for code, key in enumerate(keys):
        if key not in indexes:
            row = int(np.argmax(codes == code))
            raise InvalidArgumentError(
                f"row {row} names no calendar (known: {known})", field="by", value=key
            )
    for code, key in enumerate(keys):
        yield indexes[key], order[bounds[code] : bounds[code + 1]]


def _keys(by: object, like: Column) -> tuple[npt.NDArray[np.intp], list[Hashable]]:
    """``by`` factorized: a code per row (-1 where missing) and the distinct keys."""
    if isinstance(by, str | bytes) or not isinstance(
        by, pd.Series | pd.Index | np.ndarray | list | tuple
    ):
        raise InputTypeError(
            "must be a column of calendar keys (Series, numpy array or list)",
            field="by",
            value=by,
        )
    if len(by) != len(like.values):
        raise InvalidArgumentError(
            f"has {len(by)} rows, start {len(like.values)}", field="by", value=len(by)
        )
    if isinstance(by, pd.Series) and like.index is not None and not by.index.equals(like.index):
        raise InvalidArgumentError(
            "has a different index from start; align them first", field="by", value="index"
        )
    try:
        codes, keys = pd.factorize(np.asarray(by, dtype=object), use_na_sentinel=True)
    except TypeError:  # an unhashable key
        raise InputTypeError("holds a key that is not hashable", field="by", value=by) from None
    return codes.astype(np.intp), list(keys)


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


def elapsed(calendar: Calendars, start: Any, end: Any, *, by: Any = None, utc: bool = False) -> Any:
    """Business time between each pair of instants: ``Calendar.elapsed`` over columns.

    Args:
        calendar: the calendar to measure in, or a mapping of keys to calendars (with ``by``).
        start: aware pandas Series or DatetimeIndex (any zone), or numpy ``datetime64`` array
            with ``utc=True``.
        end: the same kind as ``start``, of the same length (and the same index, for Series).
        by: with a mapping, each row's key (a Series with ``start``'s index, a numpy array or
            a list); a missing key, or one the mapping lacks, raises ``InvalidArgumentError``
            naming the row.
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
    missing = first.missing | second.missing
    result = np.zeros(len(missing), np.int64)
    for index, rows in _groups(calendar, by, first):
        if rows is None:
            result = _elapsed(index, first.values, second.values, missing, scale)
        else:
            result[rows] = _elapsed(
                index, first.values[rows], second.values[rows], missing[rows], scale
            )
    return timedelta_result(result, missing, first)


def _elapsed(
    index: CalendarIndex, a: Int64Array, b: Int64Array, missing: BoolArray, scale: int
) -> Int64Array:
    """Open time from ``a`` to ``b`` per row (0 where ``missing``), in the input unit."""
    table = _table(index, [a, b], missing, scale)
    _check_scale(table, scale)
    arrays = _arrays(table)
    a = np.where(missing, table.lo * scale, a)
    b = np.where(missing, table.lo * scale, b)
    result = _open_before(arrays, b, scale)
    result -= _open_before(arrays, a, scale)
    return result


def add(
    calendar: Calendars, start: Any, duration: Any, *, by: Any = None, utc: bool = False
) -> Any:
    """The instant ``duration`` of business time after each start: ``Calendar.add`` over columns.

    Args:
        calendar: the calendar to count in, or a mapping of keys to calendars (with ``by``).
        start: aware pandas Series or DatetimeIndex, or numpy ``datetime64`` with ``utc=True``.
        duration: one ``timedelta`` for every row, or a ``timedelta64`` column of the same
            length; negative durations go backwards, as in ``Calendar.add``.
        by: with a mapping, each row's key, as for ``elapsed``.
        utc: declare that numpy ``datetime64`` input holds UTC instants.

    Returns:
        A pandas Series of datetimes (with ``start``'s index) for pandas input, else a numpy
        ``datetime64`` array in UTC; ``NaT`` where an input is missing. The Series is in the
        calendar's zone; with a mapping, in the zone its calendars share, else in UTC.
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
    groups = list(_groups(calendar, by, origin))  # every key checked before any arithmetic
    result = np.zeros(len(missing), np.int64)
    for index, rows in groups:
        if rows is None:
            result = _add(index, origin.values, amount.values, missing, scale)
        else:
            result[rows] = _add(
                index, origin.values[rows], amount.values[rows], missing[rows], scale
            )
    return instant_result(result, missing, origin, _zone(calendar))


def _add(
    index: CalendarIndex, x: Int64Array, d: Int64Array, missing: BoolArray, scale: int
) -> Int64Array:
    """The instant ``d`` of open time after each ``x`` (``x`` itself where ``missing``)."""
    table = _table(index, [x], missing, scale)
    if missing.any():
        x = np.where(missing, table.lo * scale, x)
        d = np.where(missing, 0, d)
    forward, backward = d > 0, d < 0
    checked = False
    while True:
        _check_scale(table, scale)
        arrays = _arrays(table)
        target = _open_before(arrays, x, scale) + d
        beyond = (forward & (target > table.total * scale)) | (backward & (target < 0))
        if not beyond.any():
            break
        if not checked:  # only sums past the compiled table can be past the supported range
            _check_reach(index, x, np.where(beyond, d, 0), scale)
            checked = True
        ahead = bool(np.any(forward & beyond))
        table = index.wider(table, forward=ahead, wants_open=True)
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
    return result

"""The SLA clock rules, run over the events of many cases at once.

``safetycore.sla.clock`` applies events one by one to Python objects; here the same rules run
over columns (cases one after another, events in time order) in compiled loops
(``_clock_kernel``), one pass over the events, case by case and metric by metric:

- the status category after each event is the last one an event set (created sets new; a
  reopened event sets open when the case was solved or closed);
- each metric is a set/reset latch per case: within one event, stop and cancel signals reset
  it and start signals then set it; a cycle starts where a set finds the latch reset (or
  resets and sets it in one event), ``Restart.ONCE`` keeps a case's first set only,
  ``Restart.RESUME`` reopens the last cycle unless it was cancelled, and ``after`` gates sets
  on the other metric having completed by then (that event included);
- between one event and the next (or ``as_of``) a running cycle's clock runs unless the
  category is one the metric pauses in: those pieces are the cycle's spans, measured in its
  target's calendar as they are found (the open time before each event, looked up once per
  case and calendar), so no span is ever stored.

Cases whose targets change mid-way (a priority change) or whose policy maps status names are
not handled here: the caller gives them to the event-by-event engine. ``sla_frame`` holds the
two paths equal to ``safetycore.sla.evaluate`` (a property test compares every field).
"""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt

from safetycore.analysis import _clock_kernel as _kernel
from safetycore.analysis._clock_kernel import NONE
from safetycore.analysis.business_time import _arrays, _open_before
from safetycore.events import (
    PRIORITY_CODE_FLAG,
    CaseEvent,
)
from safetycore.sla._index import CalendarIndex
from safetycore.sla.metrics import Restart
from safetycore.sla.policy import PolicyVersion, Target

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Events:
    """The events of many cases as columns (cases contiguous, each in time order).

    Each event is its instant and its ``CaseEvent.code`` (kind, public flag and target status
    category, packed when the event was made), so adding a case is two list comprehensions;
    the case of each event comes from the per-case counts.
    """

    def __init__(self) -> None:
        self.lengths: list[int] = []  # events per case, cases in order
        self.at: list[int] = []
        self.code: list[int] = []
        self.firsts: IntArray | None = None  # where each case starts; None: contiguous

    @classmethod
    def of(
        cls, lengths: IntArray, at: IntArray, code: IntArray, firsts: IntArray | None = None
    ) -> Events:
        """Columns already built (an ``EventTable``'s): no event is looked at one by one.

        ``firsts``: where each case's events start in ``at`` and ``code`` (other events may
        lie between cases); by default, one case after another.
        """
        columns = cls()
        columns.firsts = firsts
        # cycle_rows() reads the three with np.asarray: whole arrays stand in for the lists.
        columns.lengths, columns.at, columns.code = lengths, at, code  # type: ignore[assignment]
        return columns

    def add(self, events: Sequence[CaseEvent], *, priority_changes: bool) -> bool:
        """Append the next case's events (the first is its created event).

        Unless ``priority_changes`` is true, returns ``False`` and appends nothing for a case
        with a priority change (its targets may change mid-cycle: the caller decides).
        """
        codes = [event.code for event in events]
        if not priority_changes and max(codes) >= PRIORITY_CODE_FLAG:
            return False
        self.lengths.append(len(codes))
        self.at.extend([event.micros for event in events])
        self.code.extend(codes)
        return True


_RESTART: Final = {
    Restart.NEW_CYCLE: _kernel.RESTART_NEW_CYCLE,
    Restart.RESUME: _kernel.RESTART_RESUME,
    Restart.ONCE: _kernel.RESTART_ONCE,
}


def _bits(names: frozenset[str]) -> int:
    """The signal bits of ``names``."""
    return sum(_kernel.SIGNAL_BITS[name] for name in names)


def _dependency_order(after: tuple[int | None, ...]) -> list[int]:
    """Metric positions with every ``after`` metric before the metric that waits on it."""
    order: list[int] = []
    while len(order) < len(after):
        for m, needs in enumerate(after):
            if m not in order and (needs is None or needs in order):
                order.append(m)
    return order


class CycleRows(NamedTuple):
    """Every cycle of many cases with its measures, a row each, case-major.

    Rows come case by case (``case``: a position in the columns' cases), metric by metric
    in plan order, cycle by cycle. Instants and durations are microseconds (UTC), ``NONE``
    where absent (``fraction``: ``nan``); ``state`` is a ``CycleState`` position; ``target``
    the target's duration and ``target_id`` its id (0: none) in the ``targets`` given to
    ``cycle_rows``. Each column is an array of its own, allocated once.
    """

    case: npt.NDArray[np.int32]
    metric: npt.NDArray[np.int8]
    number: IntArray
    started: IntArray
    ended: IntArray
    state: npt.NDArray[np.int8]
    due: IntArray
    breached: IntArray
    at_risk: IntArray
    business: IntArray
    met: IntArray
    target: IntArray
    actual: IntArray
    remaining: IntArray
    fraction: npt.NDArray[np.float64]
    running: BoolArray
    target_id: npt.NDArray[np.int32]


# Narrow where the values fit (a case position, a target id: below 2**31, since arrays of that
# many cases would not fit in memory; a metric or state code): fewer bytes of fresh memory a
# row, which the machine pays for on first touch.
_DTYPES: Final = {
    "case": np.int32,
    "metric": np.int8,
    "state": np.int8,
    "fraction": np.float64,
    "running": bool,
    "target_id": np.int32,
}


def _columns_of(size: int) -> tuple[Any, ...]:
    """``CycleRows``'s columns, ``size`` rows each, uninitialised (``_room``: paged in)."""
    return tuple(_room(size, _DTYPES.get(name, np.int64), size)[0] for name in CycleRows._fields)


_PAGED: Final = 1 << 22
"""Columns of this many bytes or more are placed in memory of their own (``_room``)."""

_PRIVATE: Final = getattr(mmap, "MAP_PRIVATE", 0) | getattr(mmap, "MAP_ANONYMOUS", 0)
"""Flags for private anonymous memory (0: not offered here, as on Windows).

Python's own anonymous maps are shared ones, which Linux backs with a memory file: each
fresh page costs about half as much again to fault in, and such a map cannot grow.
"""

_POPULATE: Final = getattr(mmap, "MAP_POPULATE", 0) if _PRIVATE else 0
"""Linux's flag to page a memory map in when it is made (0: not offered here)."""

_SAMPLE: Final = 1 << 14
"""About how many cases the row estimate counts (``_estimated_rows``)."""


def _map(length: int, flags: int = 0) -> mmap.mmap:
    """``length`` bytes of anonymous memory (no file, no I/O), private where the system allows."""
    if _PRIVATE:
        return mmap.mmap(-1, length, flags=_PRIVATE | flags)
    return mmap.mmap(-1, length)


def _room(size: int, dtype: Any, populated: int = 0) -> tuple[npt.NDArray[Any], mmap.mmap | None]:
    """``size`` cells of ``dtype`` (unset until written) for a column written once, in order.

    A large column gets an anonymous memory map of its own, returned with the array. numpy
    asks for huge pages for every large array, and on virtual machines each fresh huge page
    can cost milliseconds to fault in: for hundreds of megabytes of result rows, a second or
    more. The map's first ``populated`` cells are paged in at once where the system offers
    it (Linux's ``MAP_POPULATE``, then ``mremap`` for the rest: a fifth cheaper than faulting
    them in one by one); the rest are paged in 4 KiB at a time as rows are written, so room
    never used costs no page.
    """
    itemsize = np.dtype(dtype).itemsize
    if size * itemsize < _PAGED:
        return np.empty(size, dtype=dtype), None
    populated = min(populated, size)
    memory = None
    if _POPULATE and populated * itemsize >= _PAGED:
        memory = _map(populated * itemsize, _POPULATE)
        if populated < size:
            try:
                memory.resize(size * itemsize)
            except (OSError, SystemError, ValueError):  # no mremap here: no populated part
                memory.close()
                memory = None
    if memory is None:
        memory = _map(size * itemsize)
    return np.frombuffer(memory, dtype=dtype), memory


class _Room:
    """``CycleRows``'s columns for the one-pass fill, and the memory maps behind them."""

    def __init__(self, capacity: int, populated: int) -> None:
        self.dtypes = [_DTYPES.get(name, np.int64) for name in CycleRows._fields]
        made = [_room(capacity, dtype, populated) for dtype in self.dtypes]
        self.columns: tuple[npt.NDArray[Any], ...] = tuple(column for column, _ in made)
        self.maps = [memory for _, memory in made]
        self.capacity = capacity

    def grow(self, capacity: int, written: int) -> None:
        """Room for ``capacity`` rows, the first ``written`` kept.

        A memory map grows in place (``mremap``: no copy, the new part paged in as it is
        written) where the system allows; else the rows are copied to new room.
        """
        columns: list[Any] = list(self.columns)
        self.columns = ()
        for k, dtype in enumerate(self.dtypes):
            memory, old = self.maps[k], columns[k]
            if memory is not None and _PRIVATE:  # a shared map cannot grow
                columns[k] = old = None  # no export of the map left: it may move
                try:
                    memory.resize(capacity * np.dtype(dtype).itemsize)
                    columns[k] = np.frombuffer(memory, dtype=dtype)
                    continue
                except (OSError, SystemError, ValueError, BufferError):  # still viewed
                    old = np.frombuffer(memory, dtype=dtype)
            columns[k], self.maps[k] = _room(capacity, dtype)
            columns[k][:written] = old[:written]
        self.columns = tuple(columns)
        self.capacity = capacity


def _estimated_rows(
    compiled: _kernel.Kernels, arguments: tuple[Any, ...], table_rows: IntArray
) -> int:
    """About how many rows the pass will write: a count pass over a sample of the cases.

    Every k-th case (about ``_SAMPLE`` of them) is counted (the kernel's count pass: no
    business time, no row written) and the count scaled to every case, plus 1%. Only the
    memory paged in ahead depends on it, never a row: an estimate short or long costs time.
    """
    lengths = arguments[1]
    step = max(1, len(lengths) // _SAMPLE)
    sample = list(arguments)
    for k in (0, 1, 7):  # firsts, lengths, case_row
        sample[k] = np.ascontiguousarray(arguments[k][::step])
    n_sample = len(sample[1])
    offsets = np.zeros(n_sample * len(arguments[6]) + 1, dtype=np.int64)
    spill = np.zeros((4, 0), dtype=np.int64)
    counting = (table_rows, False, False, offsets, _columns_of(0), spill, 0, 0, 0)
    compiled.cycle_rows(*sample, *counting)
    rows = int(offsets.sum())
    return -(-rows * len(lengths) * 101 // (n_sample * 100)) if n_sample else 0


def _capacity(lengths: IntArray, n_metrics: int) -> int:
    """The one-pass fill's first room: a row per event and a row per case and metric."""
    return int(lengths.sum()) + len(lengths) * n_metrics


def _fill_in_one_pass(
    compiled: _kernel.Kernels,
    arguments: tuple[Any, ...],
    table_rows: IntArray,
    lengths: IntArray,
    spill: IntArray,
) -> tuple[tuple[Any, ...], int]:
    """The compiled pass writing rows one after another (no count pass): (columns, spills).

    The columns start with room for a row per event and a row per case and metric, which
    most policies never fill, and grow by half whenever the next case might not fit; each
    column returned is the rows written, a view of its room (``_Room``). Memory is only paid
    for where a row is written: the rows estimated (``_estimated_rows``) are paged in at
    once, the rest of the room as rows are written, and room never used costs no page.
    """
    n_metrics = len(arguments[6])
    capacity = _capacity(lengths, n_metrics)
    populated = 0
    if capacity * 8 >= _PAGED and _POPULATE:
        populated = _estimated_rows(compiled, arguments, table_rows)
    room = _Room(capacity, populated)
    case, written, count = 0, 0, 0
    offsets = np.zeros(1, dtype=np.int64)
    while True:
        state = (table_rows, True, True, offsets, room.columns, spill)
        count, case, written = compiled.cycle_rows(*arguments, *state, case, written, count)
        del state
        if case == len(lengths):
            break
        room.grow(max(room.capacity * 3 // 2, written + int(lengths[case]) * n_metrics), written)
    return tuple(column[:written] for column in room.columns), count


def cycle_rows(
    columns: Events,
    version: PolicyVersion,
    as_of: int,
    case_row: IntArray,
    target_of: IntArray,
    targets: Sequence[Target],
) -> CycleRows:
    """Every cycle of every metric of every case, measured, in one compiled pass.

    ``case_row`` is each case's policy row (a number); ``target_of[row, m]`` that row's
    target of metric ``m`` as an id, ``targets[id - 1]`` (0: no target). The rules are
    ``run``'s; the arithmetic is ``safetycore.sla.clock``'s (business elapsed to ``as_of``,
    due and at-risk instants, breach and state), on each calendar's compiled table, found
    for all the cycles at once; a due instant past that table takes the calendar's scalar
    search.
    """
    # Contiguous (no copy if so already): one compiled version for these and their samples.
    lengths = np.ascontiguousarray(columns.lengths, dtype=np.int64)
    if columns.firsts is None:
        firsts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=firsts[1:])
    else:
        firsts = np.ascontiguousarray(columns.firsts, dtype=np.int64)
    at = np.asarray(columns.at, dtype=np.int64)
    code = np.asarray(columns.code, dtype=np.int64)
    plan = version.plan
    metrics = np.array(
        [
            (
                _bits(metric.start),
                _bits(metric.stop),
                _bits(metric.cancel),
                sum(1 << _kernel.CATEGORY[c] for c in metric.pause_in),
                _RESTART[metric.restart],
                -1 if needs is None else needs,
            )
            for metric, needs in zip(plan.metrics, plan.after, strict=True)
        ],
        dtype=np.int64,
    ).reshape(len(plan.metrics), 6)
    order = np.array(_dependency_order(plan.after), dtype=np.int64)
    # Each calendar's table, spanning every instant of these cases and as_of.
    low = min(int(at.min()), as_of) if len(at) else as_of
    slot_of: dict[int, int] = {}
    indexes: list[CalendarIndex] = []
    for target in targets:
        calendar = target.calendar.calendar
        if id(calendar) not in slot_of:
            slot_of[id(calendar)] = len(indexes)
            indexes.append(calendar._index)
    parts = []
    calendars = np.zeros((len(indexes), 4), dtype=np.int64)
    width = 0
    for slot, index in enumerate(indexes):
        table = index.table_for(low, as_of)
        arrays = _arrays(table)
        parts.append(
            np.stack([arrays.starts, arrays.lengths, arrays.cum, arrays.cum + arrays.lengths])
        )
        now = int(_open_before(arrays, np.array([as_of], dtype=np.int64), 1)[0])
        calendars[slot] = (width, width + len(arrays.starts), now, table.total)
        width += len(arrays.starts)
    table_rows = np.concatenate(parts, axis=1) if parts else np.zeros((4, 0), dtype=np.int64)
    by_id = np.zeros((len(targets) + 1, 3), dtype=np.int64)
    by_id[0] = (NONE, NONE, -1)
    for t, target in enumerate(targets, start=1):
        warning = target.within_us * target.warnings[0] // 100 if target.warnings else NONE
        by_id[t] = (target.within_us, warning, slot_of[id(target.calendar.calendar)])
    n_metrics = len(order)
    compiled = _kernel.kernels()
    arguments = (
        firsts,
        lengths,
        at,
        code,
        as_of,
        metrics,
        order,
        np.ascontiguousarray(case_row, dtype=np.int64),
        target_of,
        by_id,
        calendars,
    )

    spill = np.zeros((4, 256), dtype=np.int64)
    if np.array_equal(order, np.arange(n_metrics)):
        out, count = _fill_in_one_pass(compiled, arguments, table_rows, lengths, spill)
        if count > spill.shape[1]:  # rare: run again with room for every one
            spill = np.zeros((4, count), dtype=np.int64)
            out, count = _fill_in_one_pass(compiled, arguments, table_rows, lengths, spill)
    else:  # a metric waits on one after it in plan order: count the rows, then fill them
        offsets = np.zeros(len(lengths) * n_metrics + 1, dtype=np.int64)
        counting = (table_rows, False, False, offsets, _columns_of(0), spill, 0, 0, 0)
        compiled.cycle_rows(*arguments, *counting)
        np.cumsum(offsets, out=offsets)
        out = _columns_of(int(offsets[-1]))
        filling = (table_rows, True, False, offsets, out, spill, 0, 0, 0)
        count = compiled.cycle_rows(*arguments, *filling)[0]
        if count > spill.shape[1]:  # rare: run again with room for every one
            spill = np.zeros((4, count), dtype=np.int64)
            compiled.cycle_rows(*arguments, table_rows, True, False, offsets, out, spill, 0, 0, 0)
    found = CycleRows._make(out)
    for row, which, origin, amount in spill[:, :count].T.tolist():
        index = indexes[int(by_id[found.target_id[row], 2])]
        (found.due if which == 0 else found.at_risk)[row] = index.add(origin, amount)
    return found

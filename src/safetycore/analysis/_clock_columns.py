"""The SLA clock rules, vectorised over the events of many cases at once.

``safetycore.sla.clock`` applies events one by one; here the same rules run as array
operations over every event of every case (cases one after another, events in time order):

- the status category after each event is a forward fill of the events that set it;
- each metric is a set/reset latch per case: within one event, stop and cancel signals reset
  it and start signals then set it, so "running after an event" is the kind of the last event
  that set or reset it; a cycle starts where a set finds the latch reset (or resets and sets
  it in one event), ``Restart.ONCE`` keeps a case's first set only, ``Restart.RESUME`` reopens
  the last cycle unless it was cancelled, and ``after`` gates sets on the other metric having
  completed by then;
- between one event and the next (or ``as_of``) a running cycle's clock runs unless the
  category is one the metric pauses in: those pieces are the cycle's spans.

Cases whose targets change mid-way (a priority change) or whose policy maps status names are
not handled here: the caller gives them to the event-by-event engine. ``sla_frame`` holds the
two paths equal to ``safetycore.sla.evaluate`` (a property test compares every field).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from safetycore.events import (
    CODE_CATEGORY_MASK,
    CODE_CATEGORY_SHIFT,
    CODE_KIND_MASK,
    CODE_PUBLIC_FLAG,
    PRIORITY_CODE_FLAG,
    CaseEvent,
    EventKind,
    StatusCategory,
)
from safetycore.sla.metrics import Restart
from safetycore.sla.policy import PolicyVersion

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Positions = npt.NDArray[np.signedinteger[Any]]  # int32 while event positions fit

_CATEGORIES: Final = list(StatusCategory)
_CATEGORY: Final = {category: code for code, category in enumerate(_CATEGORIES)}
_NEW, _OPEN = _CATEGORY[StatusCategory.NEW], _CATEGORY[StatusCategory.OPEN]
_SOLVED, _CLOSED = _CATEGORY[StatusCategory.SOLVED], _CATEGORY[StatusCategory.CLOSED]
_KINDS: Final = list(EventKind)
_KIND: Final = {kind: code for code, kind in enumerate(_KINDS)}


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

    @classmethod
    def of(cls, lengths: IntArray, at: IntArray, code: IntArray) -> Events:
        """Columns already built (an ``EventTable``'s): no event is looked at one by one."""
        columns = cls()
        # run() reads the three with np.array, so whole arrays stand in for the lists.
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


class Cycles:
    """Every cycle found, as columns, with the spans during which its clock ran.

    ``spans`` are closed pieces between two events of the case; ``tail`` is the start of the
    piece from the case's last event on (``-1`` unless the clock runs then): it runs to
    ``as_of`` for business time and on without end for a projected due instant.
    """

    def __init__(self) -> None:
        self.case: list[IntArray] = []
        self.metric: list[IntArray] = []
        self.number: list[IntArray] = []
        self.started: list[IntArray] = []
        self.ended: list[IntArray] = []  # -1 while running
        self.cancelled: list[BoolArray] = []
        self.tail: list[IntArray] = []
        self.span_cycle: list[IntArray] = []
        self.span_start: list[IntArray] = []
        self.span_end: list[IntArray] = []

    def joined(self) -> dict[str, Any]:
        """Every column as one array."""

        def cat(parts: list[IntArray] | list[BoolArray], dtype: type) -> Any:
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        return {
            name: cat(getattr(self, name), bool if name == "cancelled" else np.int64)
            for name in (
                "case",
                "metric",
                "number",
                "started",
                "ended",
                "cancelled",
                "tail",
                "span_cycle",
                "span_start",
                "span_end",
            )
        }


class _Case:
    """Per-event helpers for within-case scans.

    Event positions are int32 while they fit: the scans (``maximum.accumulate``) run about
    twice as fast on them as on int64.
    """

    def __init__(self, case: IntArray) -> None:
        n = len(case)
        self.n = n
        self.index: Positions = np.arange(n, dtype=np.int32 if n < 2**31 - 1 else np.int64)
        self.first = np.r_[True, case[1:] != case[:-1]] if n else np.zeros(0, dtype=bool)
        self.last = np.r_[case[1:] != case[:-1], True] if n else np.zeros(0, dtype=bool)
        self.start = np.maximum.accumulate(np.where(self.first, self.index, 0)) if n else self.index

    def latest(self, flags: BoolArray) -> Positions:
        """For each event, the latest flagged event at or before it in its case, or -1."""
        if not self.n:
            return self.index
        last = np.maximum.accumulate(np.where(flags, self.index, -1))
        return np.where(last >= self.start, last, -1)

    def previous(self, values: Any, outside: object) -> Any:
        """Each event's value at the event before it in its case (``outside`` for the first)."""
        if not self.n:
            return values
        shifted = np.r_[values[:1], values[:-1]]
        return np.where(self.first, outside, shifted)  # type: ignore[call-overload]

    def count(self, flags: BoolArray) -> Positions:
        """How many flagged events its case has up to and including each event."""
        if not self.n:
            return self.index
        total = np.cumsum(flags, dtype=self.index.dtype)
        base = np.maximum.accumulate(np.where(self.first, total - flags, 0))
        return total - base


def run(columns: Events, version: PolicyVersion, as_of: int) -> Cycles:
    """Find every cycle of every metric of every case, with its spans."""
    lengths = np.array(columns.lengths, dtype=np.int64)
    case = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    at = np.array(columns.at, dtype=np.int64)
    packed = np.array(columns.code, dtype=np.int64)
    kind = packed & CODE_KIND_MASK
    public = (packed & CODE_PUBLIC_FLAG) != 0
    # -1 unless a status change
    status_to = ((packed >> CODE_CATEGORY_SHIFT) & CODE_CATEGORY_MASK) - 1
    scan = _Case(case)
    following = np.where(scan.last, as_of, np.r_[at[1:], as_of][: scan.n])

    # The status category after each event (created sets new; a reopened event sets open
    # when the case was solved or closed).
    is_status = kind == _KIND[EventKind.STATUS_CHANGED]
    is_created = kind == _KIND[EventKind.CREATED]
    is_reopened = kind == _KIND[EventKind.REOPENED]
    sets = is_status | is_created
    value = np.where(is_created, _NEW, status_to)
    category = value[np.maximum(scan.latest(sets), 0)]
    before = scan.previous(category, -1)
    reopen_sets = is_reopened & ((before == _SOLVED) | (before == _CLOSED))
    if reopen_sets.any():
        sets = sets | reopen_sets
        value = np.where(reopen_sets, _OPEN, value)
        category = value[np.maximum(scan.latest(sets), 0)]
        before = scan.previous(category, -1)

    resumed_from_solved = (
        is_status & (before == _SOLVED) & (status_to != _SOLVED) & (status_to != _CLOSED)
    )
    signals: dict[str, BoolArray] = {
        "created": is_created,
        "agent_public_reply": (kind == _KIND[EventKind.AGENT_REPLIED]) & public,
        "agent_internal_reply": (kind == _KIND[EventKind.AGENT_REPLIED]) & ~public,
        "customer_reply": kind == _KIND[EventKind.CUSTOMER_REPLIED],
        "call_queued": kind == _KIND[EventKind.CALL_QUEUED],
        "call_answered": kind == _KIND[EventKind.CALL_ANSWERED],
        "call_abandoned": kind == _KIND[EventKind.CALL_ABANDONED],
        "reopened": is_reopened | resumed_from_solved,
        "assigned": kind == _KIND[EventKind.ASSIGNED],
        "priority_changed": kind == _KIND[EventKind.PRIORITY_CHANGED],
        "merged": kind == _KIND[EventKind.MERGED],
    }
    for name, category_code in _CATEGORY.items():
        signals[f"status:{name}"] = is_status & (status_to == category_code)
    nothing = np.zeros(scan.n, dtype=bool)

    def any_of(names: frozenset[str]) -> BoolArray:
        found = nothing
        for name in names:
            found = found | signals[name]
        return found

    cycles = Cycles()
    completed: dict[int, BoolArray] = {}
    plan = version.plan
    offset = 0
    for m in _dependency_order(plan.after):
        metric = plan.metrics[m]
        stop = any_of(metric.stop)
        cancel = any_of(metric.cancel) & ~stop  # a stop wins over a cancel in one event
        start = any_of(metric.start)
        if plan.after[m] is not None:
            start = start & completed[plan.after[m]]  # type: ignore[index]
        if metric.restart is Restart.ONCE:
            start = start & (scan.count(start) == 1)
        reset = stop | cancel
        # The latch: running after an event if the last event that set or reset it set it.
        mark = scan.latest(start | reset)
        running = (mark >= 0) & start[np.maximum(mark, 0)]
        running_before = scan.previous(running, False).astype(bool)
        ends = reset & running_before
        completed[m] = scan.latest(stop & running_before) >= 0
        begins = start & (~running_before | reset)
        if metric.restart is Restart.RESUME:
            # Reopen the last cycle, unless it was cancelled or there is none yet.
            last_end = scan.latest(ends)
            cancelled_last = (last_end < 0) | cancel[np.maximum(last_end, 0)]
            earlier_begin = scan.previous(scan.latest(begins), -1)
            new_cycle = begins & ((earlier_begin < 0) | cancelled_last)
        else:
            new_cycle = begins
        starts_at = np.flatnonzero(new_cycle)
        k = len(starts_at)
        position = np.full(scan.n, -1, dtype=np.int64)
        position[starts_at] = np.arange(k, dtype=np.int64)
        owner = scan.latest(new_cycle)
        cycle_after = np.where(running & (owner >= 0), position[np.maximum(owner, 0)], -1)
        cycle_before = scan.previous(cycle_after, -1)
        ended = np.full(k, -1, dtype=np.int64)
        cancelled = np.zeros(k, dtype=bool)
        stops = np.flatnonzero(ends)  # in time order: a resumed cycle's last stop wins
        ended[cycle_before[stops]] = at[stops]
        cancelled[cycle_before[stops]] = cancel[stops]
        still = np.flatnonzero(scan.last & running)
        ended[cycle_after[still]] = -1
        cancelled[cycle_after[still]] = False
        paused = np.isin(category, [_CATEGORY[c] for c in metric.pause_in])
        clock = running & ~paused
        pieces = np.flatnonzero(clock & ~scan.last)
        pieces = pieces[at[pieces] < following[pieces]]
        tails = np.flatnonzero(clock & scan.last)
        tail = np.full(k, -1, dtype=np.int64)
        tail[cycle_after[tails]] = at[tails]
        cycles.case.append(case[starts_at])
        cycles.metric.append(np.full(k, m, dtype=np.int64))
        cycles.number.append(scan.count(new_cycle)[starts_at])
        cycles.started.append(at[starts_at])
        cycles.ended.append(ended)
        cycles.cancelled.append(cancelled)
        cycles.tail.append(tail)
        cycles.span_cycle.append(cycle_after[pieces] + offset)
        cycles.span_start.append(at[pieces])
        cycles.span_end.append(following[pieces])
        offset += k
    return cycles


def _dependency_order(after: tuple[int | None, ...]) -> list[int]:
    """Metric positions with every ``after`` metric before the metric that waits on it."""
    order: list[int] = []
    while len(order) < len(after):
        for m, needs in enumerate(after):
            if m not in order and (needs is None or needs in order):
                order.append(m)
    return order

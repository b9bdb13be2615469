"""The SLA clock rules as compiled loops: one pass over the events of many cases.

``_clock_columns.cycle_rows`` hands the work to the kernels here, compiled by numba on first
use (``kernels()``: a few seconds, once per process; nothing is cached on disk, so the
library does no I/O):

- ``case_signals`` states, once, the status category after each event of a case and the
  signals it raises, as bits (``SIGNAL_BITS``); ``categories_and_signals`` runs it over
  every case (for tests and for readers of the rule);
- ``cycle_rows``: every cycle of every metric of every case with its business time, due,
  at-risk and breach instants and state, case by case (module ``_clock_columns``): in one
  pass writing rows one after another into arrays grown as needed, or (when a metric waits
  on one after it in plan order) once to count the rows and once to fill arrays of that size.

Each walks the events in order, keeping a few values per case and metric, so the cost is
one pass whatever the number of cases or events per case. The rules are those of
``safetycore.sla.clock`` (a property test holds ``sla_frame`` equal to ``evaluate``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final, NamedTuple

import numpy as np

from safetycore.events import (
    CODE_CATEGORY_MASK,
    CODE_CATEGORY_SHIFT,
    CODE_KIND_MASK,
    CODE_PUBLIC_FLAG,
    EventKind,
    StatusCategory,
)
from safetycore.sla.metrics import SIGNALS

CATEGORIES: Final = list(StatusCategory)
CATEGORY: Final = {category: code for code, category in enumerate(CATEGORIES)}
KIND: Final = {kind: code for code, kind in enumerate(EventKind)}

SIGNAL_BITS: Final = {name: 1 << bit for bit, name in enumerate(sorted(SIGNALS))}
# The bit of each status category's signal, by category code.
_STATUS_BITS: Final = np.array(
    [SIGNAL_BITS[f"status:{category}"] for category in CATEGORIES], dtype=np.int64
)

# Codes the kernels compare against, bound as constants when they compile.
_CREATED, _STATUS = KIND[EventKind.CREATED], KIND[EventKind.STATUS_CHANGED]
_REOPENED, _REPLIED = KIND[EventKind.REOPENED], KIND[EventKind.AGENT_REPLIED]
_NEW, _OPEN = CATEGORY[StatusCategory.NEW], CATEGORY[StatusCategory.OPEN]
_SOLVED, _CLOSED = CATEGORY[StatusCategory.SOLVED], CATEGORY[StatusCategory.CLOSED]
# Event kinds whose signal is the kind alone, as (kind code, signal bit).
_KIND_SIGNALS: Final = np.array(
    [
        (KIND[kind], SIGNAL_BITS[name])
        for kind, name in (
            (EventKind.CUSTOMER_REPLIED, "customer_reply"),
            (EventKind.CALL_QUEUED, "call_queued"),
            (EventKind.CALL_ANSWERED, "call_answered"),
            (EventKind.CALL_ABANDONED, "call_abandoned"),
            (EventKind.ASSIGNED, "assigned"),
            (EventKind.PRIORITY_CHANGED, "priority_changed"),
            (EventKind.MERGED, "merged"),
        )
    ],
    dtype=np.int64,
)
_CREATED_BIT, _REOPENED_BIT = SIGNAL_BITS["created"], SIGNAL_BITS["reopened"]
_PUBLIC_BIT = SIGNAL_BITS["agent_public_reply"]
_INTERNAL_BIT = SIGNAL_BITS["agent_internal_reply"]

RESTART_NEW_CYCLE, RESTART_RESUME, RESTART_ONCE = 0, 1, 2

# The signal bits of each event kind whose signal is the kind alone, by kind code.
_BY_KIND: Final = np.zeros(64, dtype=np.int64)
_BY_KIND[_KIND_SIGNALS[:, 0]] = _KIND_SIGNALS[:, 1]


# -- constants the kernels bind when they compile -------------------------------------------

# CycleState codes in declaration order (sla_frame's _CODE), bound as constants.
_RUNNING, _AT_RISK, _PAUSED, _MET, _BREACHED, _CANCELLED, _NOT_APPLICABLE = range(7)
NONE: Final = int(np.iinfo(np.int64).min)
"""No instant (``NaT``); never an instant in the supported range."""
_NO = NONE
_KIND_BITS, _PUBLIC = CODE_KIND_MASK, CODE_PUBLIC_FLAG
_CATEGORY_SHIFT, _CATEGORY_BITS = CODE_CATEGORY_SHIFT, CODE_CATEGORY_MASK


def _case_signals(code: Any, first: int, length: int, category: Any, signals: Any) -> None:
    """The category after each event of one case and the signals it raises, from 0 on.

    ``code``: the packed ``CaseEvent.code`` of every event; the case's are ``first`` to
    ``first + length``. A status change sets its category (reopened if it leaves solved for
    other than closed); a reopened event sets open after solved or closed; created sets new.
    """
    now = -1  # the category before the case's first event
    for j in range(length):
        packed = code[first + j]
        k = packed & _KIND_BITS
        before = now
        bits = _BY_KIND[k]
        if k == _CREATED:
            now = _NEW
            bits |= _CREATED_BIT
        elif k == _STATUS:
            to = ((packed >> _CATEGORY_SHIFT) & _CATEGORY_BITS) - 1
            now = to
            bits |= _STATUS_BITS[to]
            if before == _SOLVED and to != _SOLVED and to != _CLOSED:
                bits |= _REOPENED_BIT
        elif k == _REOPENED:
            bits |= _REOPENED_BIT
            if before in (_SOLVED, _CLOSED):
                now = _OPEN
        elif k == _REPLIED:
            bits |= _PUBLIC_BIT if (packed & _PUBLIC) != 0 else _INTERNAL_BIT
        category[j] = now
        signals[j] = bits


def _signals_kernel(case_signals: Callable[..., None]) -> Callable[[Any, Any], tuple[Any, Any]]:
    """``categories_and_signals``, calling the compiled ``case_signals``."""

    def categories_and_signals(starts: Any, code: Any) -> tuple[Any, Any]:
        """The category after each event and the signals it raises, every case in turn."""
        category = np.empty(len(code), dtype=np.int64)
        signals = np.zeros(len(code), dtype=np.int64)
        for c in range(len(starts) - 1):
            first = starts[c]
            case_signals(code, first, starts[c + 1] - first, category[first:], signals[first:])
        return category, signals

    return categories_and_signals


def _rows_kernel(case_signals: Callable[..., None]) -> Callable[..., tuple[int, int, int]]:
    """``cycle_rows``, calling the compiled ``case_signals``."""

    def _cycle_rows(
        firsts: Any,
        lengths: Any,
        at: Any,
        code: Any,
        as_of: int,
        metrics: Any,
        order: Any,
        case_row: Any,
        target_of: Any,
        targets: Any,
        calendars: Any,
        table: Any,
        fill: bool,
        sequential: bool,
        offsets: Any,
        out: Any,
        spill: Any,
        begin: int,
        next_row: int,
        spilled: int,
    ) -> tuple[int, int, int]:
        """Count (``fill`` false) or fill every cycle row of every metric of every case.

        One pass over the events, case by case; in each case, metric by metric in ``order`` (a
        metric after the one it waits on). The count pass writes the number of cycles of case
        ``c`` and metric ``m`` at ``offsets[c * M + m + 1]``; the fill pass reads the row where
        each (case, metric) starts at ``offsets[c * M + m]``, so rows come case by case, metric
        by metric (plan order), cycle by cycle, with no sort.

        ``sequential`` (``order`` must then be plan order) fills with no count pass: each
        (case, metric)'s rows follow the last's, from row ``next_row`` and case ``begin`` on
        (``spilled``: spills found so far). A metric opens at most one cycle per event, so a
        case has at most ``length * M`` rows: the pass stops before a case that might not
        fit in ``out``'s arrays. Returns (spills found, the case it stopped before or the
        number of cases, rows written up to it).

        Case ``c``'s events are ``lengths[c]`` events from position ``firsts[c]`` of ``at``
        and ``code`` (each event's packed ``CaseEvent.code``). ``metrics`` rows (one per metric):
        start, stop and cancel signal bits, paused category bits, restart, the metric waited on
        (-1: none). ``case_row``: each case's policy row; ``target_of[row, m]``: its target id
        (0: none). ``targets`` rows by target id: within, warning (``NONE``: none), calendar
        slot. ``calendars`` rows by slot: first and end column of the slot in ``table``, open
        time up to ``as_of``, total open time. ``table`` rows: interval starts, lengths,
        cumulative open time before each start and at each end (``business_time._Arrays``,
        leading empty interval included), one calendar after another.

        ``out`` (a tuple of arrays, a cell per row; ``_clock_columns.CycleRows`` names them):
        case, metric (int8), number, started, ended, state (int8), due, breached, at_risk,
        business elapsed, met, target, actual elapsed, remaining, fraction used (float),
        running (bool), target id; ``NONE`` (``nan``) where absent. A due or at-risk instant
        past the compiled table (so after ``as_of``: it changes no state) is left ``NONE``
        and written to ``spill`` columns (row, 0 due / 1 at risk, origin, open time still
        needed) for the caller; returns how many there are (past ``spill``'s capacity, only
        counted).
        """
        n_metrics = len(order)
        capacity = len(out[0])
        n_cases = len(firsts)
        longest = 1
        for c in range(n_cases):
            longest = max(longest, lengths[c])
        category = np.empty(longest, dtype=np.int64)
        signals = np.empty(longest, dtype=np.int64)
        # completed[m, j]: metric m had completed by event j, kept for a metric waited on.
        waited = np.zeros(n_metrics, dtype=np.bool_)
        for m in range(n_metrics):
            if metrics[m, 5] >= 0:
                waited[metrics[m, 5]] = True
        completed = np.zeros((n_metrics, longest), dtype=np.bool_)
        slots = max(len(calendars), 1)
        opened = np.empty((slots, longest), dtype=np.int64)  # open time before each event
        interval = np.empty((slots, longest), dtype=np.int64)  # the interval it falls in
        ready = np.zeros(slots, dtype=np.bool_)
        for c in range(begin, n_cases):
            first = firsts[c]
            length = lengths[c]
            if sequential and next_row + length * n_metrics > capacity:
                return spilled, c, next_row
            case_signals(code, first, length, category, signals)
            ready[:] = False
            case_policy = case_row[c]
            raised = 0  # every signal some event of the case raises
            for j in range(length):
                raised |= signals[j]
            for position in range(n_metrics):
                m = order[position]
                start_bits, stop_bits = metrics[m, 0], metrics[m, 1]
                keep = waited[m]
                if (raised & start_bits) == 0:
                    # No event starts the metric: it never runs, no cycle, no row.
                    if keep:
                        completed[m, :length] = False
                    if not fill:
                        offsets[c * n_metrics + m + 1] = 0
                    continue
                cancel_bits, pause_bits = metrics[m, 2], metrics[m, 3]
                restart, needs = metrics[m, 4], metrics[m, 5]
                target = target_of[case_policy, m]
                slot = targets[target, 2] if target > 0 else -1
                within, warning = targets[target, 0], targets[target, 1]
                if fill and slot >= 0 and not ready[slot]:
                    # Open time from the table's start to each event: one search, then a walk.
                    lo, hi = calendars[slot, 0], calendars[slot, 1]
                    x = at[first]
                    i, b = lo, hi  # the last interval starting at or before x (the empty one)
                    while b - i > 1:
                        middle = (i + b) // 2
                        if table[0, middle] <= x:
                            i = middle
                        else:
                            b = middle
                    for j in range(length):
                        x = at[first + j]
                        while i + 1 < hi and table[0, i + 1] <= x:
                            i += 1
                        opened[slot, j] = table[2, i] + min(max(x - table[0, i], 0), table[1, i])
                        interval[slot, j] = i
                    ready[slot] = True
                if not fill:
                    base = 0
                elif sequential:
                    base = next_row
                else:
                    base = offsets[c * n_metrics + m]
                running = False
                done = False
                number = 0
                starts_seen = 0
                began = False
                last_end_cancelled = True  # no cycle has ended yet
                row = -1  # the current cycle's row
                # The current cycle, held here until its row is written whole (when the next
                # one starts, or after the last event): its start; its end (NONE: none) and
                # whether that was a cancel; the open time before the end and the interval it
                # falls in; the open-time levels at which its closed spans reach the target and
                # the warning (NONE: not yet), with the interval of the event where they do;
                # the open time of its closed spans; whether its clock runs from the last event
                # on (active), and from what open time, in what interval.
                started = ended = _NO
                cancelled = False
                end_open = end_interval = 0
                due_level = risk_level = _NO
                due_hint = risk_hint = 0
                closed = 0
                active = False
                tail_open = tail_interval = 0
                j = -1
                while j < length:
                    j += 1
                    if not running:
                        # Stopped: only an event that starts it changes anything.
                        while j < length and (signals[j] & start_bits) == 0:
                            if keep:
                                completed[m, j] = done
                            j += 1
                    i = first + j
                    new = False
                    sets = False
                    start = reset = False
                    if j < length:
                        bits = signals[j]
                        stop = (bits & stop_bits) != 0
                        cancel = not stop and (bits & cancel_bits) != 0  # a stop wins over a cancel
                        start = (bits & start_bits) != 0
                        if needs >= 0:
                            start = start and completed[needs, j]
                        if restart == RESTART_ONCE and start:
                            starts_seen += 1
                            start = starts_seen == 1
                        reset = stop or cancel
                        if reset and running:
                            ended = at[i]
                            cancelled = cancel
                            if slot >= 0:
                                end_open = opened[slot, j]
                                end_interval = interval[slot, j]
                            last_end_cancelled = cancel
                            if stop:
                                done = True
                        sets = start and (not running or reset)
                        if sets:
                            new = True
                            if restart == RESTART_RESUME:
                                new = not began or last_end_cancelled
                            began = True
                    if fill and row >= 0 and (new or j == length):
                        # The cycle is over (a new one starts, or the events are): its row,
                        # every column written once, after the measures are worked out.
                        end = ended if ended != _NO else as_of
                        due = at_risk = breached = met = _NO
                        if slot < 0:
                            state = _CANCELLED if cancelled else _NOT_APPLICABLE
                            business = remaining = _NO
                            fraction = np.nan
                        else:
                            business = closed + (calendars[slot, 2] - tail_open if active else 0)
                            remaining = within - business
                            fraction = business / within
                            # Where the running sum reaches each amount: in a closed span
                            # (found above), or in the open span projected without end, or (the
                            # target only) projected from the end of an ended cycle; else
                            # nowhere.
                            for which in range(2):
                                amount = within if which == 0 else warning
                                level = due_level if which == 0 else risk_level
                                hint = due_hint if which == 0 else risk_hint
                                if level == _NO and amount != _NO and closed < amount:
                                    if active:
                                        level = tail_open + amount - closed
                                        hint = tail_interval
                                    elif which == 0 and ended != _NO:
                                        level = end_open + amount - closed
                                        hint = end_interval
                                instant = _NO
                                if level != _NO:
                                    if level <= calendars[slot, 3]:
                                        # The first interval whose cumulative end reaches the
                                        # level. Open time only grows: it is at or after the
                                        # hint, most often a few intervals on; else a binary
                                        # search.
                                        s, e = hint, calendars[slot, 1]
                                        for _ in range(8):
                                            if table[3, s] >= level:
                                                e = s
                                                break
                                            s += 1
                                        while s < e:
                                            middle = (s + e) // 2
                                            if table[3, middle] < level:
                                                s = middle + 1
                                            else:
                                                e = middle
                                        instant = table[0, s] + level - table[2, s]
                                    else:
                                        if spilled < spill.shape[1]:
                                            spill[0, spilled] = row
                                            spill[1, spilled] = which
                                            spill[2, spilled] = (
                                                at[first + length - 1] if active else ended
                                            )
                                            spill[3, spilled] = amount - closed
                                        spilled += 1
                                if which == 0:
                                    due = instant
                                else:
                                    at_risk = instant
                            breached = due + 1 if due != _NO and due < end else _NO
                            # A breach is a fact: it outranks a cancel that came after it.
                            if breached != _NO:
                                state = _BREACHED
                            elif cancelled:
                                state = _CANCELLED
                            elif ended != _NO:
                                state = _MET
                                met = ended
                            elif not active:
                                state = _PAUSED
                            elif at_risk != _NO and as_of >= at_risk:
                                state = _AT_RISK
                            else:
                                state = _RUNNING
                        out[0][row] = c
                        out[1][row] = m
                        out[2][row] = number
                        out[3][row] = started
                        out[4][row] = ended
                        out[5][row] = state
                        out[6][row] = due
                        out[7][row] = breached
                        out[8][row] = at_risk
                        out[9][row] = business
                        out[10][row] = met
                        out[11][row] = within
                        out[12][row] = end - started
                        out[13][row] = remaining
                        out[14][row] = fraction
                        out[15][row] = ended == _NO
                        out[16][row] = target
                    if j == length:
                        break
                    if sets:
                        if new:
                            number += 1
                            row = base + number - 1
                            started = at[i]
                            due_level = risk_level = _NO
                            closed = 0
                        ended = _NO  # a new or resumed cycle runs: not ended (yet)
                        cancelled = False
                    if start or reset:
                        running = start
                    if keep:
                        completed[m, j] = done
                    if fill and slot >= 0 and running and ((1 << category[j]) & pause_bits) == 0:
                        if j + 1 < length:
                            here = opened[slot, j]
                            gained = opened[slot, j + 1] - here
                            if due_level == _NO and closed < within <= closed + gained:
                                due_level = here + within - closed
                                due_hint = interval[slot, j]
                            if (
                                risk_level == _NO
                                and warning != _NO
                                and closed < warning <= closed + gained
                            ):
                                risk_level = here + warning - closed
                                risk_hint = interval[slot, j]
                            closed += gained
                        else:
                            active = True
                            tail_open = opened[slot, j]
                            tail_interval = interval[slot, j]
                if not fill:
                    offsets[c * n_metrics + m + 1] = number
                    continue
                next_row = base + number
        return spilled, n_cases, next_row

    return _cycle_rows


class Kernels(NamedTuple):
    """The compiled kernels (see the module docstring)."""

    categories_and_signals: Callable[[Any, Any], tuple[Any, Any]]
    cycle_rows: Callable[..., tuple[int, int, int]]


@functools.cache
def kernels() -> Kernels:
    """The kernels, compiled on first call (numba is imported then, not with the package)."""
    import numba  # half a second to import: only when a clock first runs

    jit = numba.njit(nogil=True, boundscheck=False)
    case_signals = jit(_case_signals)
    return Kernels(jit(_signals_kernel(case_signals)), jit(_rows_kernel(case_signals)))

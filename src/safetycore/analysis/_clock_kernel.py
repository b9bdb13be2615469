"""The SLA clock rules as compiled loops: one pass over the events of many cases.

``_clock_columns.run`` states the rules and hands the work to the two kernels here, compiled
by numba on first use (``kernels()``: under a second, once per process; nothing is cached
on disk, so the library does no I/O):

- ``categories_and_signals``: for each event, the status category after it and the signals
  it raises, as bits (``SIGNAL_BITS``);
- ``metric_cycles``: for one metric, every cycle of every case and the spans during which
  its clock ran, called once to count them and once to fill arrays of that size.

Both walk the events in order, keeping a few values per case, so the cost is one pass per
metric whatever the number of cases or events per case. The rules are those of
``safetycore.sla.clock`` (a property test holds ``sla_frame`` equal to ``evaluate``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final, NamedTuple

import numpy as np

from safetycore.events import EventKind, StatusCategory
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


def _categories_and_signals(
    starts: Any, kind: Any, public: Any, status_to: Any, kind_signals: Any, status_bits: Any
) -> tuple[Any, Any]:
    n = len(kind)
    category = np.empty(n, dtype=np.int64)
    signals = np.zeros(n, dtype=np.int64)
    by_kind = np.zeros(64, dtype=np.int64)
    for j in range(len(kind_signals)):
        by_kind[kind_signals[j, 0]] = kind_signals[j, 1]
    for c in range(len(starts) - 1):
        now = -1  # the category before the case's first event
        for i in range(starts[c], starts[c + 1]):
            k = kind[i]
            before = now
            bits = by_kind[k]
            if k == _CREATED:
                now = _NEW
                bits |= _CREATED_BIT
            elif k == _STATUS:
                to = status_to[i]
                now = to
                bits |= status_bits[to]
                if before == _SOLVED and to != _SOLVED and to != _CLOSED:
                    bits |= _REOPENED_BIT
            elif k == _REOPENED:
                bits |= _REOPENED_BIT
                if before in (_SOLVED, _CLOSED):
                    now = _OPEN
            elif k == _REPLIED:
                bits |= _PUBLIC_BIT if public[i] else _INTERNAL_BIT
            category[i] = now
            signals[i] = bits
    return category, signals


def _metric_cycles(
    starts: Any,
    at: Any,
    as_of: int,
    category: Any,
    signals: Any,
    masks: Any,
    restart: int,
    gate: Any,
    gated: bool,
    completed: Any,
    record: bool,
    fill: bool,
    cycles: Any,
    spans: Any,
) -> tuple[int, int]:
    """Count (``fill`` false) or fill this metric's cycles and spans; return both counts.

    ``masks``: the start, stop and cancel signal bits and the paused category bits.
    ``gate``: the completed flags of the metric this one waits on (used when ``gated``).
    ``completed`` (written when ``record``): whether the metric has completed by each event.
    ``cycles`` rows: case, number, started, ended (-1 running), cancelled (0/1), tail (-1 if
    the clock is not running from the case's last event on). ``spans`` rows: cycle, start,
    end, the pieces between two events of a case during which the clock ran.
    """
    start_bits, stop_bits, cancel_bits, pause_bits = masks[0], masks[1], masks[2], masks[3]
    k = 0  # cycles so far
    s = 0  # spans so far
    for c in range(len(starts) - 1):
        first, end = starts[c], starts[c + 1]
        running = False
        done = False
        current = -1  # the case's last new cycle
        number = 0
        starts_seen = 0
        began = False
        last_end_cancelled = True  # no cycle has ended yet
        for i in range(first, end):
            bits = signals[i]
            stop = (bits & stop_bits) != 0
            cancel = not stop and (bits & cancel_bits) != 0  # a stop wins over a cancel
            start = (bits & start_bits) != 0
            if gated:
                start = start and gate[i]
            if restart == RESTART_ONCE and start:
                starts_seen += 1
                start = starts_seen == 1
            reset = stop or cancel
            if reset and running:
                if fill:
                    cycles[3, current] = at[i]
                    cycles[4, current] = 1 if cancel else 0
                last_end_cancelled = cancel
                if stop:
                    done = True
            if start and (not running or reset):
                new = True
                if restart == RESTART_RESUME:
                    new = not began or last_end_cancelled
                began = True
                if new:
                    current = k
                    k += 1
                    number += 1
                    if fill:
                        cycles[0, current] = c
                        cycles[1, current] = number
                        cycles[2, current] = at[i]
                        cycles[5, current] = -1
                if fill:  # a new or resumed cycle runs: not ended (yet)
                    cycles[3, current] = -1
                    cycles[4, current] = 0
            if start or reset:
                running = start
            if record:
                completed[i] = done
            if running and ((1 << category[i]) & pause_bits) == 0:
                if i + 1 < end:
                    if at[i] < at[i + 1]:
                        if fill:
                            spans[0, s] = current
                            spans[1, s] = at[i]
                            spans[2, s] = at[i + 1]
                        s += 1
                elif fill:
                    cycles[5, current] = at[i]
    return k, s


class Kernels(NamedTuple):
    """The compiled kernels (see the module docstring)."""

    categories_and_signals: Callable[[Any, Any, Any, Any, Any, Any], tuple[Any, Any]]
    metric_cycles: Callable[..., tuple[int, int]]


@functools.cache
def kernels() -> Kernels:
    """The kernels, compiled on first call (numba is imported then, not with the package)."""
    import numba  # half a second to import: only when a clock first runs

    jit = numba.njit(nogil=True, boundscheck=False)
    return Kernels(jit(_categories_and_signals), jit(_metric_cycles))


def signal_tables() -> tuple[Any, Any]:
    """``categories_and_signals``'s last two arguments: the signal tables.

    The (kind code, signal bit) pairs of kinds whose signal is the kind alone, and the bit of
    each status category's signal by category code.
    """
    return _KIND_SIGNALS, _STATUS_BITS

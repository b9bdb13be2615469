"""SLA clocks for many cases at once, as one pandas DataFrame (one row per metric cycle).

The events of each case run through the same engine as ``safetycore.sla.evaluate`` (so the
clocks' rules exist once); the business-time arithmetic of every cycle (business elapsed,
due, at-risk and breach instants) is then done for all cycles together on numpy arrays,
each calendar's table compiled once. Cycles whose target changed mid-way (a priority change)
take the scalar path, cycle by cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

import numpy as np
import pandas as pd

from safetycore._time import to_micros
from safetycore.analysis.business_time import _arrays, _open_before
from safetycore.events import CaseHistory
from safetycore.sla import CycleState, SlaPolicy, Versioning
from safetycore.sla.calendar import Calendar
from safetycore.sla.clock import _Cycle, _Engine, _replay, _result, _version
from safetycore.sla.policy import Target

__all__ = ["sla_frame"]

_NONE: Final = np.iinfo(np.int64).min  # NaT, and "no instant" inside the arithmetic
_STATES: Final = list(CycleState)
_CODE: Final = {state: code for code, state in enumerate(_STATES)}

COLUMNS: Final = (
    "case_id",
    "metric",
    "cycle",
    "state",
    "running",
    "started_at",
    "ended_at",
    "due_at",
    "met_at",
    "breached_at",
    "at_risk_at",
    "target",
    "business_elapsed",
    "actual_elapsed",
    "remaining",
    "fraction_used",
    "policy",
    "policy_version",
    "calendar",
    "calendar_version",
)


class _Rows:
    """Column buffers, one entry per cycle."""

    def __init__(self) -> None:
        self.text: dict[str, list[Any]] = {
            name: []
            for name in (
                "case_id",
                "metric",
                "policy",
                "policy_version",
                "calendar",
                "calendar_version",
            )
        }
        self.ints: dict[str, list[int]] = {
            name: []
            for name in (
                "cycle",
                "state",
                "running",
                "started",
                "ended",
                "due",
                "breached",
                "at_risk",
                "target",
                "business",
            )
        }

    def add(self, **values: Any) -> None:
        for name, column in self.text.items():
            column.append(values[name])
        for name, column in self.ints.items():
            column.append(values[name])


def _micros(value: datetime | None) -> int:
    return _NONE if value is None else to_micros(value, "instant")


def _from_result(rows: _Rows, case_id: str, result: Any) -> None:
    business = result.business_elapsed
    rows.add(
        case_id=case_id,
        metric=result.metric,
        policy=result.policy,
        policy_version=result.policy_version,
        calendar=result.calendar,
        calendar_version=result.calendar_version,
        cycle=result.cycle,
        state=_CODE[result.state],
        running=int(result.running),
        started=_micros(result.started_at),
        ended=_micros(result.ended_at),
        due=_micros(result.due_at),
        breached=_micros(result.breached_at),
        at_risk=_micros(result.at_risk_at),
        target=_NONE if result.target is None else result.target // _US,
        business=_NONE if business is None else business // _US,
    )


_US: Final = pd.Timedelta(microseconds=1).to_pytimedelta()


class _Batch:
    """The single-target cycles of one calendar, evaluated together."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.rows: list[int] = []  # positions in _Rows
        self.targets: list[int] = []
        self.warnings: list[int] = []
        self.ends: list[int] = []
        self.active: list[int] = []  # active_since, or _NONE
        self.ended: list[bool] = []
        self.cancelled: list[bool] = []
        self.span_row: list[int] = []
        self.span_start: list[int] = []
        self.span_end: list[int] = []

    def add(self, row: int, cycle: _Cycle, target: Target, end: int) -> None:
        k = len(self.rows)
        self.rows.append(row)
        self.targets.append(target.within_us)
        self.warnings.append(
            target.within_us * target.warnings[0] // 100 if target.warnings else _NONE
        )
        self.ends.append(end)
        self.active.append(_NONE if cycle.active_since is None else cycle.active_since)
        self.ended.append(cycle.ended is not None)
        self.cancelled.append(cycle.cancelled)
        for a, b in cycle.spans:
            self.span_row.append(k)
            self.span_start.append(a)
            self.span_end.append(b)


def sla_frame(
    histories: Iterable[CaseHistory],
    policy: SlaPolicy,
    as_of: datetime,
    *,
    versioning: Versioning = Versioning.PIN,
) -> pd.DataFrame:
    """Every metric cycle of every case as of ``as_of``: ``safetycore.sla.evaluate`` in bulk.

    Columns: ``case_id``, ``metric``, ``cycle``, ``state`` (``CycleState`` values),
    ``running``; instants ``started_at``, ``ended_at``, ``due_at``, ``met_at``,
    ``breached_at``, ``at_risk_at`` (UTC, ``NaT`` where absent); durations ``target``,
    ``business_elapsed``, ``actual_elapsed``, ``remaining``; ``fraction_used`` (float); and
    the ``policy``, ``policy_version``, ``calendar`` and ``calendar_version`` used. Row by
    row, the values are those of ``evaluate`` for that case (a property test holds them
    equal). Events after ``as_of`` are left out.
    """
    at = to_micros(as_of, "as_of")
    rows = _Rows()
    batches: dict[int, _Batch] = {}
    for history in histories:
        events = [event for event in history.events if event.micros <= at]
        if not events:
            continue
        version = _version(policy, versioning, events[0].micros, at)
        engine = _replay(events, version, history.case_id, policy.statuses)
        _collect(engine, history.case_id, at, rows, batches)
    for batch in batches.values():
        _evaluate(batch, rows, at)
    return _frame(rows, at)


def _collect(
    engine: _Engine, case_id: str, at: int, rows: _Rows, batches: dict[int, _Batch]
) -> None:
    policy_name = None if engine.policy is None else engine.policy.name
    version = engine.version.version
    for name, cycles in zip(engine.plan.names, engine.cycles, strict=True):
        for cycle in cycles:
            if len(cycle.targets) > 1:  # re-targeted: the scalar rules, cycle by cycle
                _from_result(rows, case_id, _result(engine.version, engine.policy, name, cycle, at))
                continue
            target = cycle.targets[0][1]
            row = len(rows.ints["cycle"])
            if target is None:
                state = CycleState.CANCELLED if cycle.cancelled else CycleState.NOT_APPLICABLE
            else:
                state = CycleState.RUNNING  # the batch decides
            rows.add(
                case_id=case_id,
                metric=name,
                policy=policy_name,
                policy_version=version,
                calendar=None if target is None else target.calendar.name,
                calendar_version=None if target is None else target.calendar.version,
                cycle=cycle.number,
                state=_CODE[state],
                running=int(cycle.ended is None),
                started=cycle.started,
                ended=_NONE if cycle.ended is None else cycle.ended,
                due=_NONE,
                breached=_NONE,
                at_risk=_NONE,
                target=_NONE if target is None else target.within_us,
                business=_NONE,
            )
            if target is None:
                continue
            calendar = target.calendar.calendar
            batch = batches.get(id(calendar))
            if batch is None:
                batch = batches[id(calendar)] = _Batch(calendar)
            batch.add(row, cycle, target, cycle.ended if cycle.ended is not None else at)


def _evaluate(batch: _Batch, rows: _Rows, at: int) -> None:
    index = batch.calendar._index
    n = len(batch.rows)
    targets = np.array(batch.targets, dtype=np.int64)
    warnings = np.array(batch.warnings, dtype=np.int64)
    ends = np.array(batch.ends, dtype=np.int64)
    active = np.array(batch.active, dtype=np.int64)
    span_row = np.array(batch.span_row, dtype=np.int64)
    span_a = np.array(batch.span_start, dtype=np.int64)
    span_b = np.array(batch.span_end, dtype=np.int64)
    is_active = active != _NONE
    lows = [at, *batch.span_start, *active[is_active].tolist()]
    table = index.table_for(min(lows), at)
    arrays = _arrays(table)
    # Business time of closed spans, summed per cycle (exact int64 arithmetic).
    gained = _open_before(arrays, span_b, 1) - _open_before(arrays, span_a, 1)
    closed = np.zeros(n, dtype=np.int64)
    np.add.at(closed, span_row, gained)
    open_from = np.where(is_active, active, at)
    open_gain = np.where(
        is_active, _open_before(arrays, np.full(n, at), 1) - _open_before(arrays, open_from, 1), 0
    )
    business = closed + open_gain
    # Where does the running sum reach an amount? In the closed span that crosses it, or in
    # the open span (projected without end), or nowhere (paused or ended short of it).
    cum_before = np.cumsum(gained) - gained
    if len(span_row):
        first_of_row = np.r_[True, span_row[1:] != span_row[:-1]]
        base = np.zeros(n, dtype=np.int64)
        base[span_row[first_of_row]] = cum_before[first_of_row]
        cum_before = cum_before - base[span_row]

    def reach(amount: np.ndarray) -> np.ndarray:
        found = np.full(n, _NONE, dtype=np.int64)
        wanted = amount[span_row]
        hit = (wanted != _NONE) & (cum_before < wanted) & (cum_before + gained >= wanted)
        if hit.any():
            level = _open_before(arrays, span_a[hit], 1) + (wanted[hit] - cum_before[hit])
            found[span_row[hit]] = _instant_at(arrays, level)
        rest = (found == _NONE) & is_active & (amount != _NONE) & (closed < amount)
        if rest.any():
            level = _open_before(arrays, active[rest], 1) + (amount[rest] - closed[rest])
            inside = level <= table.total
            positions = np.flatnonzero(rest)
            if inside.any():
                found[positions[inside]] = _instant_at(arrays, level[inside])
            for k in positions[~inside]:  # beyond the compiled span: the scalar index grows
                found[k] = index.add(int(active[k]), int(amount[k] - closed[k]))
        return found

    due = reach(targets)
    at_risk = reach(warnings)
    cancelled = np.array(batch.cancelled, dtype=bool)
    breached = np.where((due != _NONE) & (due < ends) & ~cancelled, due + 1, _NONE)
    ended_flag = np.array(batch.ended, dtype=bool)
    state = np.select(
        [
            cancelled,
            breached != _NONE,
            ended_flag,
            ~is_active,
            (at_risk != _NONE) & (at >= at_risk),
        ],
        [
            _CODE[CycleState.CANCELLED],
            _CODE[CycleState.BREACHED],
            _CODE[CycleState.MET],
            _CODE[CycleState.PAUSED],
            _CODE[CycleState.AT_RISK],
        ],
        _CODE[CycleState.RUNNING],
    )
    columns = rows.ints
    for k, row in enumerate(batch.rows):
        columns["state"][row] = int(state[k])
        columns["due"][row] = int(due[k])
        columns["breached"][row] = int(breached[k])
        columns["at_risk"][row] = int(at_risk[k])
        columns["business"][row] = int(business[k])


def _instant_at(arrays: Any, level: np.ndarray) -> np.ndarray:
    """The earliest instant at which open time from the window start reaches ``level`` (> 0)."""
    i = arrays.by_cum_end.rank(level - 1) + 1
    return arrays.starts[i] + level - arrays.cum[i]  # type: ignore[no-any-return]


def _frame(rows: _Rows, at: int) -> pd.DataFrame:
    ints = {name: np.array(values, dtype=np.int64) for name, values in rows.ints.items()}

    def instants(values: np.ndarray) -> pd.Series:
        return pd.Series(values.view("M8[us]")).dt.tz_localize("UTC")

    def durations(values: np.ndarray) -> pd.Series:
        return pd.Series(values.view("m8[us]"))

    ended = ints["ended"]
    end = np.where(ended == _NONE, at, ended)
    state = ints["state"]
    target = ints["target"]
    business = ints["business"]
    has_target = target != _NONE
    met = state == _CODE[CycleState.MET]
    return pd.DataFrame(
        {
            "case_id": rows.text["case_id"],
            "metric": rows.text["metric"],
            "cycle": ints["cycle"],
            "state": [_STATES[code].value for code in state.tolist()],
            "running": ints["running"].astype(bool),
            "started_at": instants(ints["started"]),
            "ended_at": instants(ended),
            "due_at": instants(ints["due"]),
            "met_at": instants(np.where(met, ended, _NONE)),
            "breached_at": instants(ints["breached"]),
            "at_risk_at": instants(ints["at_risk"]),
            "target": durations(target),
            "business_elapsed": durations(business),
            "actual_elapsed": durations(end - ints["started"]),
            "remaining": durations(
                np.where(has_target & (business != _NONE), target - business, _NONE)
            ),
            "fraction_used": np.where(
                has_target & (business != _NONE), business / np.where(has_target, target, 1), np.nan
            ),
            "policy": rows.text["policy"],
            "policy_version": rows.text["policy_version"],
            "calendar": rows.text["calendar"],
            "calendar_version": rows.text["calendar_version"],
        },
        columns=list(COLUMNS),
    )

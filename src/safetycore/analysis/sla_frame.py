"""SLA clocks for many cases at once, as one pandas DataFrame (one row per metric cycle).

Cases whose targets stay fixed take one compiled pass (``_clock_columns.cycle_rows``): the
clock rules, the business-time arithmetic (business elapsed, due, at-risk and breach
instants, in each calendar's compiled table) and the numeric result columns, case by case,
into arrays allocated once and already in the frame's order. The others (a priority change
that selects another row, a policy with a ``StatusMap``, metrics that reset or pause on
signals) run through the engine of ``safetycore.sla.evaluate`` event by event, their
arithmetic on numpy arrays (``_arith``), and re-targeted cycles take the scalar rules. A
property test holds every row equal to ``evaluate``'s, on both inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

import attrs
import numpy as np
import pandas as pd

from safetycore.analysis import _case_codes, _category_codes
from safetycore.analysis._case_codes import TEXT, Coded, code_dtype
from safetycore.analysis._clock_columns import Events, cycle_rows
from safetycore.analysis.business_time import _arrays, _open_before
from safetycore.analysis.events_table import EventTable, read_events
from safetycore.errors import InputTypeError, OutOfRangeError, SafetycoreError
from safetycore.events import PRIORITY_CODE_FLAG, CaseEvent, CaseHistory, EventKind
from safetycore.sla import CycleState, SlaPolicy, Versioning
from safetycore.sla.calendar import Calendar
from safetycore.sla.clock import (
    Measures,
    _as_of,
    _Cycle,
    _Engine,
    _history,
    _measure,
    _policy,
    _replay,
    _version,
    _versioning,
    in_case,
    measured_under,
    named_version,
)
from safetycore.sla.policy import CaseAttributes, Policy, PolicyVersion, Target, attributes_from

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
    "priority",
    "channel",
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
                "priority",
                "channel",
            )
        }
        self.blocks: list[dict[str, Any]] = []  # whole column blocks from the vectorised path
        self.ints: dict[str, list[int]] = {
            name: []
            for name in (
                "order_case",
                "order_metric",
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


def _add_cycle(
    rows: _Rows,
    engine: _Engine,
    case_id: str,
    order: tuple[int, int],
    name: str,
    cycle: _Cycle,
    measures: Measures,
) -> int:
    """Append a cycle's row (``None`` measures become gaps); return its position."""
    state, due, breached, at_risk, business = measures
    target, policy = measured_under(cycle, breached)

    def micros(value: int | None) -> int:
        return _NONE if value is None else value

    rows.add(
        order_case=order[0],
        order_metric=order[1],
        case_id=case_id,
        metric=name,
        policy=policy,
        policy_version=engine.version.version,
        calendar=None if target is None else target.calendar.name,
        calendar_version=None if target is None else target.calendar.version,
        priority=engine.attributes.priority,
        channel=None if engine.attributes.channel is None else engine.attributes.channel.value,
        cycle=cycle.number,
        state=_CODE[state],
        running=int(cycle.ended is None),
        started=cycle.started,
        ended=micros(cycle.ended),
        due=micros(due),
        breached=micros(breached),
        at_risk=micros(at_risk),
        target=_NONE if target is None else target.budget_us(cycle.started),
        business=micros(business),
    )
    return len(rows.ints["cycle"]) - 1


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
        budget = target.budget_us(cycle.started)
        self.targets.append(budget)
        self.warnings.append(budget * target.warnings[0] // 100 if target.warnings else _NONE)
        self.ends.append(end)
        self.active.append(_NONE if cycle.active_since is None else cycle.active_since)
        self.ended.append(cycle.ended is not None)
        self.cancelled.append(cycle.cancelled)
        for a, b in cycle.spans:
            self.span_row.append(k)
            self.span_start.append(a)
            self.span_end.append(b)


def sla_frame(
    histories: Iterable[CaseHistory] | EventTable | pd.DataFrame,
    policy: SlaPolicy,
    as_of: datetime,
    *,
    versioning: Versioning = Versioning.PIN,
    version: str | None = None,
) -> pd.DataFrame:
    """Every metric cycle of every case as of ``as_of``: ``safetycore.sla.evaluate`` in bulk.

    Columns: ``case_id``, ``metric``, ``cycle``, ``state`` (``CycleState`` values),
    ``running``; instants ``started_at``, ``ended_at``, ``due_at``, ``met_at``,
    ``breached_at``, ``at_risk_at`` (UTC, ``NaT`` where absent); durations ``target``,
    ``business_elapsed``, ``actual_elapsed``, ``remaining``; ``fraction_used`` (float); and
    the ``policy``, ``policy_version``, ``calendar`` and ``calendar_version`` used. ``state``,
    ``metric`` and those four are categoricals; ``case_id`` is text. Row by row, the values
    are those of ``evaluate`` for that case (a property test holds them equal). Events after
    ``as_of`` are left out.

    Each row also carries its case's ``priority`` (the created one, or the last priority
    change up to ``as_of``) and ``channel`` (the created event's), so that no join back to
    the cases is needed.

    ``histories`` is a collection of ``CaseHistory``, or a table of events: an
    ``EventTable`` from ``read_events``, or a DataFrame (read with ``read_events``, which
    raises on a bad row). A table runs the clocks over its columns, with no Python object per
    event (a case whose priority change selects another policy row, and every case under a
    policy with a ``StatusMap``, takes the event-by-event path; so does every case of a
    version whose metrics reset or pause on signals, or with a target in business days,
    whose budget depends on each cycle's start). ``version`` is as for ``evaluate``.
    """
    policy = _policy(policy)
    versioning = _versioning(versioning)
    named = named_version(policy, versioning, version)
    at = _as_of(as_of)
    if isinstance(histories, pd.DataFrame):
        histories = read_events(histories)
    if isinstance(histories, EventTable):
        return _table_frame(histories, policy, versioning, at, named)
    if isinstance(histories, (str, Mapping, CaseHistory)) or not isinstance(histories, Iterable):
        raise InputTypeError(
            "must be a collection of CaseHistory", field="histories", value=histories
        )
    rows = _Rows()
    batches: dict[int, _Batch] = {}
    groups: dict[int, _Group] = {}
    # The version depends on the case only when pinned to its creation among several.
    # Under CURRENT, the one version in force at as_of (found at first use); or the named one.
    current = named
    single = policy.versions[0] if len(policy.versions) == 1 else None
    for position, history in enumerate(histories):
        _history(history, f"histories[{position}]")
        try:
            events: Sequence[CaseEvent] = history.events
            if events and events[-1].micros > at:
                events = [event for event in events if event.micros <= at]
            if not events:
                continue
            if current is not None or versioning is Versioning.CURRENT:
                if current is None:
                    current = _version(policy, versioning, 0, at)
                in_force = current
            elif single is not None and events[0].micros >= single.effective_us:
                in_force = single
            else:
                in_force = _version(policy, versioning, events[0].micros, at)
            if (
                policy.statuses is None
                and not in_force.plan.by_signal
                and not in_force.counts_business_days
                and events[0].kind is EventKind.CREATED
            ):
                group = groups.get(id(in_force))
                if group is None:
                    group = groups[id(in_force)] = _Group(in_force)
                if group.add(position, history.case_id, events):
                    continue
            engine = _replay(events, in_force, history.case_id, policy.statuses)
            _collect(engine, history.case_id, position, at, rows, batches)
        except SafetycoreError as error:
            # A bad case in a batch of thousands says which one it is.
            raise in_case(error, position, history.case_id) from error
    for batch in batches.values():
        _evaluate(batch, rows, at)
    for group in groups.values():
        rows.blocks.append(group.evaluate(at))
    return _frame(rows, at)


def _table_frame(
    table: EventTable,
    policy: SlaPolicy,
    versioning: Versioning,
    at: int,
    named: PolicyVersion | None = None,
) -> pd.DataFrame:
    """``sla_frame`` over an events table: every case on the vectorised path it can take.

    What each case's conditions read (its created priority, category, tags and channel)
    stays integer codes into a few labels (``_case_codes``), from the source columns to the
    frame's text columns: no Python object per case.
    """
    rows = _Rows()
    batches: dict[int, _Batch] = {}
    if not len(table):
        return _frame(rows, at)
    starts = table.starts()
    # Events after as_of are left out: a case's kept events are a prefix (time order).
    lengths, flagged = _case_codes.kept_events(table, starts, at, PRIORITY_CODE_FLAG)
    present = lengths > 0
    versions = policy.versions
    version_of: np.ndarray | None = None  # None: every case under the chosen version
    chosen = 0
    if named is not None or versioning is Versioning.CURRENT:
        chosen = versions.index(policy.version_at(at) if named is None else named)
    else:
        created_us = table.at[starts]
        effective = np.array([version.effective_us for version in versions], dtype=np.int64)
        version_of = np.searchsorted(effective, created_us, side="right") - 1
        early = np.flatnonzero(present & (version_of < 0))
        if len(early):
            case = int(early[0])
            try:
                policy.version_at(int(created_us[case]))
            except OutOfRangeError as error:
                raise in_case(error, case, table.case_ids[case]) from error
    created = _case_codes.created_codes(table, starts)
    priorities, categories = created["priority"], created["category"]
    tags, channels = created["tags"], created["via"]
    changes = _priority_changes(table, flagged, starts)
    # Cases alike in what conditions read select alike: one selection per distinct kind.
    kinds, distinct = _case_codes.combined((priorities, categories, tags, channels))
    selected: dict[tuple[int, object, int, int, int], Policy | None] = {}

    def select(version: PolicyVersion, v: int, case: int, priority: object) -> Policy | None:
        key = (
            v,
            priority,
            int(categories.codes[case]),
            int(tags.codes[case]),
            int(channels.codes[case]),
        )
        try:
            return selected[key]
        except KeyError:
            attributes = CaseAttributes(
                priority=priority,  # type: ignore[arg-type]
                channel=channels.labels[key[4]],
                category=categories.labels[key[2]],
                tags=tags.labels[key[3]],
            )
            row = selected[key] = version.select(attributes)
            return row

    changed = np.zeros(len(table), dtype=bool)
    if changes:
        changed[np.fromiter(changes, dtype=np.int64, count=len(changes))] = True
    # A priority change's value joins the created priorities' labels (the same text: the
    # same label).
    priority_labels = list(priorities.labels)
    priority_code = {label: code for code, label in enumerate(priority_labels)}
    channel_labels = [channel.value for channel in channels.labels]
    for v, version in enumerate(versions):
        if version_of is None:
            if v != chosen:
                continue
            in_version = present
        else:
            in_version = present & (version_of == v)
        if not in_version.any():
            continue
        try:
            # One selection per kind of case (its first case stands for all).
            rows_of_kind = [
                select(version, v, case, priority_labels[priorities.codes[case]])
                for case in distinct.tolist()
            ]
        except SafetycoreError as error:
            case = int(distinct[0])
            raise in_case(error, case, table.case_ids[case]) from error
        policies: list[Policy | None] = []
        position: dict[int, int] = {}
        for row in rows_of_kind:
            position.setdefault(id(row), len(policies))
            if position[id(row)] == len(policies):
                policies.append(row)
        code_of_kind = np.array([position[id(row)] for row in rows_of_kind], dtype=np.int64)
        row_code = code_of_kind[kinds]
        priority_now = priorities.codes
        if policy.statuses is not None or version.plan.by_signal or version.counts_business_days:
            slow = in_version.copy()
        else:
            slow = np.zeros(len(table), dtype=bool)
            if changes:
                priority_now = priority_now.astype(np.int32)  # room for new labels
                for case in np.flatnonzero(in_version & changed).tolist():
                    row = policies[row_code[case]]
                    later = changes[case]
                    if all(select(version, v, case, to) is row for to in later):
                        priority_now[case] = priority_code.setdefault(later[-1], len(priority_code))
                        if len(priority_code) > len(priority_labels):
                            priority_labels.append(later[-1])
                    else:
                        slow[case] = True
        for case in np.flatnonzero(slow).tolist():
            try:
                history = table.history(case)
                events = [event for event in history.events if event.micros <= at]
                engine = _replay(events, version, history.case_id, policy.statuses)
                _collect(engine, history.case_id, case, at, rows, batches)
            except SafetycoreError as error:
                raise in_case(error, case, table.case_ids[case]) from error
        fast = np.flatnonzero(in_version & ~slow)
        if len(fast):
            # Every case (the usual): views of the per-case columns, none gathered.
            pick: Any = slice(None) if len(fast) == len(table) else fast
            rows.blocks.append(
                _table_group(
                    table,
                    version,
                    fast,
                    _case_codes.case_labels(table, starts[pick]),
                    (row_code[pick], policies),
                    Coded(priority_now[pick], list(priority_labels)),
                    Coded(channels.codes[pick], channel_labels),
                    lengths[pick],
                    starts[pick],
                    at,
                )
            )
    for batch in batches.values():
        _evaluate(batch, rows, at)
    return _frame(rows, at)


def _priority_changes(
    table: EventTable, flagged: np.ndarray, starts: np.ndarray
) -> dict[int, list[object]]:
    """The new priorities of each case's priority changes up to ``as_of``, by case position.

    ``flagged`` lists the kept priority changes' positions in the event columns.
    """
    if not len(flagged):
        return {}
    case_of = np.searchsorted(starts, flagged, side="right") - 1
    values = table._source["to"].iloc[table.rows[flagged]].tolist()
    found: dict[int, list[object]] = {}
    for case, value in zip(case_of.tolist(), values, strict=True):
        found.setdefault(case, []).append(value)
    return found


def _table_group(
    table: EventTable,
    version: PolicyVersion,
    cases: np.ndarray,
    case_ids: Any,
    rows: tuple[np.ndarray, list[Policy | None]],
    priorities: Coded,
    channels: Coded,
    lengths: np.ndarray,
    starts: np.ndarray,
    at: int,
) -> dict[str, Any]:
    """The vectorised path's rows for ``cases`` of ``table`` under one version.

    A case per entry of each argument: ``case_ids`` its id (a pandas text array);
    ``rows`` its policy row as a code into the list of rows; ``priorities`` and
    ``channels`` codes into their labels; ``lengths`` the number of events it keeps (those
    up to ``as_of``, a prefix) and ``starts`` where its events start in the table's columns.
    """
    group = _Group(version)
    # The table's own columns: each case its kept events (a prefix), from where it starts.
    group.columns = Events.of(lengths, table.at, table.code, starts)
    group.positions = cases  # type: ignore[assignment]
    group.case_ids = case_ids
    group.row_codes, group.policies = rows
    group.coded = {"priority": priorities, "channel": channels}
    return group.evaluate(at)


class _Group:
    """Cases of one policy version whose targets stay fixed: the vectorised path."""

    def __init__(self, version: PolicyVersion) -> None:
        self.version = version
        self.columns = Events()
        self.positions: list[int] = []
        self.case_ids: Any = []  # ids as str, or (the table path) a pandas text array
        self.rows: list[Policy | None] = []
        self.priorities: list[str | None] = []  # each case's priority as of as_of
        self.channels: list[str] = []  # each case's created event's channel
        # Set by the table path instead of rows: each case's position in policies.
        self.row_codes: np.ndarray | None = None
        self.policies: list[Policy | None] = []
        # Set by the table path instead of priorities and channels: codes into labels.
        self.coded: dict[str, Coded] = {}
        self._selected: dict[tuple[object, ...], tuple[Policy | None, str | None, str]] = {}

    def add(self, position: int, case_id: str, events: Sequence[CaseEvent]) -> bool:
        """Take a case whose targets stay fixed; ``False`` (taking nothing) otherwise.

        A priority change that selects the same policy row changes no target, so such a case
        stays on this path.
        """
        created = events[0]
        row, priority, channel = self._select(created)
        if not self.columns.add(events, priority_changes=False):
            attributes = attributes_from(dict(created.data), created.via)
            for event in events:
                if event.kind is EventKind.PRIORITY_CHANGED:
                    attributes = attrs.evolve(attributes, priority=event["to"])
                    if self.version.select(attributes) is not row:
                        return False
            self.columns.add(events, priority_changes=True)
            priority = attributes.priority
        self.positions.append(position)
        self.case_ids.append(case_id)
        self.rows.append(row)
        self.priorities.append(priority)
        self.channels.append(channel)
        return True

    def _select(self, created: CaseEvent) -> tuple[Policy | None, str | None, str]:
        """The row a created event selects, with its priority and channel.

        Cases with the same created data and channel select the same row: looked up once.
        """
        key = (created.data, created.via)
        try:
            return self._selected[key]
        except KeyError:
            found = self._selected[key] = self._selection(created)
            return found

    def _selection(self, created: CaseEvent) -> tuple[Policy | None, str | None, str]:
        attributes = attributes_from(dict(created.data), created.via)
        return self.version.select(attributes), attributes.priority, created.via.value

    def _text(self, name: str, values: Sequence[str | None]) -> tuple[np.ndarray, Sequence[object]]:
        """A per-case text column as codes into labels: the table path's, or ``values``'."""
        coded = self.coded.get(name)
        return _per_case(values) if coded is None else (coded.codes, coded.labels)

    def evaluate(self, at: int) -> dict[str, Any]:
        """Rows for every cycle of the group's cases (the _Rows integer and text columns).

        Cycles and their measures come from one compiled pass (``cycle_rows``), already in
        the frame's order within the group: case, metric, cycle.
        """
        names = self.version.plan.names
        # Lookup tables instead of per-cycle Python: policy rows, then (row, metric) targets.
        if self.row_codes is not None:
            policies, case_row = self.policies, self.row_codes
        else:
            distinct: dict[int, int] = {}
            policies = []
            for row in self.rows:
                if id(row) not in distinct:
                    distinct[id(row)] = len(policies)
                    policies.append(row)
            case_row = np.array([distinct[id(row)] for row in self.rows], dtype=np.int64)
        chosen_targets: list[Target] = []  # target id t + 1 is chosen_targets[t]; 0 is none
        table = np.zeros((len(policies), len(names)), dtype=np.int64)
        for r, row in enumerate(policies):
            for m, name in enumerate(names):
                target = None if row is None else row.target(name)
                if target is not None:
                    chosen_targets.append(target)
                    table[r, m] = len(chosen_targets)
        found = cycle_rows(
            self.columns,
            self.version,
            at,
            np.asarray(case_row, dtype=np.int64),
            table,
            chosen_targets,
        )
        case = found.case
        # Text columns stay codes into their labels until the frame is built (_category).
        return {
            # Each row's case position in the input, as (positions, case): looked up only
            # if rows must be sorted (cycle_rows's come in order; so do increasing positions).
            "order_case": (np.asarray(self.positions, dtype=np.int64), case),
            "order_metric": found.metric,
            "case_id": (case, self.case_ids),
            "metric": (found.metric, list(names)),
            "policy": (case, case_row, [None if p is None else p.name for p in policies]),
            "policy_version": (
                case,
                np.zeros(len(case_row), dtype=np.int8),
                [self.version.version],
            ),
            "calendar": (found.target_id, [None, *(t.calendar.name for t in chosen_targets)]),
            "calendar_version": (
                found.target_id,
                [None, *(t.calendar.version for t in chosen_targets)],
            ),
            "priority": (case, *self._text("priority", self.priorities)),
            "channel": (case, *self._text("channel", self.channels)),
            "cycle": found.number,
            "state": found.state,
            "running": found.running,
            "started_at": found.started,
            "ended_at": found.ended,
            "due_at": found.due,
            "met_at": found.met,
            "breached_at": found.breached,
            "at_risk_at": found.at_risk,
            "target": found.target,
            "business_elapsed": found.business,
            "actual_elapsed": found.actual,
            "remaining": found.remaining,
            "fraction_used": found.fraction,
        }


def _per_case(values: Sequence[str | None]) -> tuple[np.ndarray, list[str | None]]:
    """Per-case text values as codes into labels (a missing value: the last label)."""
    cells = np.empty(len(values), dtype=object)
    cells[:] = values
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    labels: list[str | None] = [*uniques.tolist(), None]
    return np.where(codes < 0, len(labels) - 1, codes), labels


def _objects(values: Sequence[object]) -> Any:
    """An object array of ``values`` (for fancy indexing of text columns)."""
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column


# A text column's block: labels, one a row; or (codes, labels), codes a row; or (index,
# codes, labels), codes[index] a row (per-case codes, index each row's case). Code -1: missing.
Text = (
    Sequence[str | None]
    | tuple[np.ndarray, Sequence[str | None]]
    | tuple[np.ndarray, np.ndarray, Sequence[str | None]]
)


def _parts(part: Text) -> tuple[np.ndarray | None, np.ndarray, Sequence[str | None]]:
    """A block of a text column as (index or ``None``, codes, labels)."""
    if isinstance(part, tuple):
        if len(part) == 3:
            return part  # type: ignore[return-value]
        return None, part[0], part[1]
    return None, np.arange(len(part), dtype=np.int64), part


def _category(parts: Sequence[Text], order: np.ndarray | None) -> pd.Categorical:
    """A text column of a few values from its blocks: categorical of the values present, sorted.

    The categories then depend only on the values, never on which path made which row. The
    blocks' labels are numbered together once; each row costs two compiled lookups of small
    codes (``_category_codes``), written into the column in place.
    """
    blocks = [_parts(part) for part in parts]
    if not blocks:
        return pd.Categorical.from_codes([], categories=pd.Index([], dtype=object))
    every = np.concatenate([_objects(labels) for _, _, labels in blocks])
    numbers, uniques = pd.factorize(every, use_na_sentinel=True)
    wide = code_dtype(len(uniques))
    used = np.zeros(len(uniques) + 1, dtype=bool)  # by number + 1 (0: missing)
    sizes = [len(codes) if index is None else len(index) for index, codes, _ in blocks]
    column = np.empty(sum(sizes), dtype=wide)
    first = row = 0
    for (index, codes, labels), size in zip(blocks, sizes, strict=True):
        block_numbers = numbers[first : first + len(labels)]
        first += len(labels)
        rows = column[row : row + size]
        row += size
        if index is not None and len(codes) and size and _one_number(codes, block_numbers):
            rows[:] = number = block_numbers[codes[0]]  # one value for every case (a version)
            used[number + 1] = True
        else:
            _category_codes.numbered(codes, index, block_numbers, used, rows)
    names = sorted(uniques[number] for number in np.flatnonzero(used[1:]).tolist())
    position = {name: k for k, name in enumerate(names)}
    final = np.array([-1, *(position.get(name, -1) for name in uniques)], dtype=wide)
    if not np.array_equal(final[1:], np.arange(len(uniques))):  # numbers are not the codes
        _category_codes.renumbered(column, final)
    column = column.astype(code_dtype(len(names)), copy=False)
    if order is not None:
        column = column[order]
    return pd.Categorical.from_codes(column, categories=pd.Index(names, dtype=object))


def _one_number(codes: np.ndarray, numbers: np.ndarray) -> bool:
    """Whether per-case ``codes`` all name one value, none missing (-1)."""
    low, high = int(codes.min()), int(codes.max())
    return low >= 0 and (low == high or bool((numbers[low : high + 1] == numbers[low]).all()))


def _collect(
    engine: _Engine,
    case_id: str,
    position: int,
    at: int,
    rows: _Rows,
    batches: dict[int, _Batch],
) -> None:
    for m, (name, cycles) in enumerate(zip(engine.plan.names, engine.cycles, strict=True)):
        for cycle in cycles:
            if len(cycle.targets) > 1:  # re-targeted: the scalar rules, cycle by cycle
                _add_cycle(rows, engine, case_id, (position, m), name, cycle, _measure(cycle, at))
                continue
            target = cycle.targets[0][1]
            if target is None:
                state = CycleState.CANCELLED if cycle.cancelled else CycleState.NOT_APPLICABLE
            else:
                state = CycleState.RUNNING  # the batch decides
            measures: Measures = (state, None, None, None, None)
            row = _add_cycle(rows, engine, case_id, (position, m), name, cycle, measures)
            if target is None:
                continue
            calendar = target.calendar.calendar
            batch = batches.get(id(calendar))
            if batch is None:
                batch = batches[id(calendar)] = _Batch(calendar)
            batch.add(row, cycle, target, cycle.ended if cycle.ended is not None else at)


def _evaluate(batch: _Batch, rows: _Rows, at: int) -> None:
    state, due, breached, at_risk, business = _arith(
        batch.calendar,
        at,
        np.array(batch.targets, dtype=np.int64),
        np.array(batch.warnings, dtype=np.int64),
        np.array(batch.ends, dtype=np.int64),
        np.array(batch.active, dtype=np.int64),
        np.array(batch.cancelled, dtype=bool),
        np.array(batch.ended, dtype=bool),
        np.array(batch.span_row, dtype=np.int64),
        np.array(batch.span_start, dtype=np.int64),
        np.array(batch.span_end, dtype=np.int64),
    )
    columns = rows.ints
    for k, row in enumerate(batch.rows):
        columns["state"][row] = int(state[k])
        columns["due"][row] = int(due[k])
        columns["breached"][row] = int(breached[k])
        columns["at_risk"][row] = int(at_risk[k])
        columns["business"][row] = int(business[k])


def _arith(
    calendar: Calendar,
    at: int,
    targets: np.ndarray,
    warnings: np.ndarray,
    ends: np.ndarray,
    active: np.ndarray,
    cancelled: np.ndarray,
    ended_flag: np.ndarray,
    span_row: np.ndarray,
    span_a: np.ndarray,
    span_b: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Business time, due, at-risk and breach instants and state of cycles in one calendar.

    ``active`` is where each cycle's open span starts (``_NONE`` if its clock is stopped);
    spans must be grouped by cycle (``span_row``) and in time order within each.
    """
    index = calendar._index
    n = len(targets)
    is_active = active != _NONE
    low = min(
        at,
        int(span_a.min()) if len(span_a) else at,
        int(active[is_active].min()) if is_active.any() else at,
    )
    table = index.table_for(low, at)
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

    def reach(amount: np.ndarray, project_ended: bool = False) -> np.ndarray:
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
        if project_ended:  # an ended cycle short of the amount: projected from its end
            rest = (found == _NONE) & ended_flag & (amount != _NONE) & (closed < amount)
            if rest.any():
                level = _open_before(arrays, ends[rest], 1) + (amount[rest] - closed[rest])
                inside = level <= table.total
                positions = np.flatnonzero(rest)
                if inside.any():
                    found[positions[inside]] = _instant_at(arrays, level[inside])
                for k in positions[~inside]:
                    found[k] = index.add(int(ends[k]), int(amount[k] - closed[k]))
        return found

    due = reach(targets, project_ended=True)
    at_risk = reach(warnings)
    # A breach is a fact: it outranks a cancel that came after it (clock._measure).
    breached = np.where((due != _NONE) & (due < ends), due + 1, _NONE)
    # Each state where it holds, the first that holds winning: written from the last rule up.
    state = np.full(n, _CODE[CycleState.RUNNING], dtype=np.int64)
    state[(at_risk != _NONE) & (at >= at_risk)] = _CODE[CycleState.AT_RISK]
    state[~is_active] = _CODE[CycleState.PAUSED]
    state[ended_flag] = _CODE[CycleState.MET]
    state[cancelled] = _CODE[CycleState.CANCELLED]
    state[breached != _NONE] = _CODE[CycleState.BREACHED]
    return state, due, breached, at_risk, business


def _instant_at(arrays: Any, level: np.ndarray) -> np.ndarray:
    """The earliest instant at which open time from the window start reaches ``level`` (> 0)."""
    i = arrays.by_cum_end.rank(level - 1) + 1
    return arrays.starts[i] + level - arrays.cum[i]  # type: ignore[no-any-return]


def _categorical(codes: Any) -> Any:
    """The ``CycleState`` values as a pandas categorical column."""
    categories: Any = [state.value for state in _STATES]
    return pd.Categorical.from_codes(codes, categories=categories)


def _row_order(case: np.ndarray, metric: np.ndarray, cycle: np.ndarray) -> np.ndarray | None:
    """The rows sorted by case, then metric, then cycle number; ``None`` if already so.

    One key when it fits; the vectorised path's rows of one group come in that order.
    """
    if not len(case):
        return None
    cycles = int(cycle.max()) + 1
    metrics = int(metric.max()) + 1
    if (int(case.max()) + 1) * metrics * cycles < 2**62:
        key = (case * metrics + metric) * cycles + cycle
        if bool((key[1:] > key[:-1]).all()):
            return None
        return np.argsort(key, kind="stable")
    return np.lexsort((cycle, metric, case))


def _text_column(parts: Sequence[Text], order: np.ndarray | None) -> Any:
    """A text column from its blocks (``Text``), each label made text once."""
    pieces = []
    for index, codes, labels in map(_parts, parts):
        # The table path's ids are a text array already (_case_codes.case_labels).
        piece: Any = labels if getattr(labels, "dtype", None) == TEXT else _text_array(labels)
        pieces.append(_case_codes.take_text(piece, codes if index is None else codes[index]))
    if not pieces:
        column = _text_array([])
    elif len(pieces) == 1:
        column = pieces[0]
    else:
        column = pd.concat([pd.Series(piece) for piece in pieces], ignore_index=True).array
    return column if order is None else column.take(order)


def _text_array(labels: Sequence[str | None]) -> Any:
    """Labels as a pandas text array (``str``)."""
    return pd.array(_objects(labels), dtype=TEXT)


_INSTANTS: Final = ("started_at", "ended_at", "due_at", "met_at", "breached_at", "at_risk_at")
_DURATIONS: Final = ("target", "business_elapsed", "actual_elapsed", "remaining")
_NUMBERS: Final = ("order_case", "order_metric", "cycle", "state", "running", "fraction_used")


def _rows_block(rows: _Rows, at: int) -> dict[str, Any]:
    """The event-by-event path's rows as a block of the frame's columns (``_frame``)."""
    ints = {name: np.asarray(values, dtype=np.int64) for name, values in rows.ints.items()}
    ended, state, target, business = ints["ended"], ints["state"], ints["target"], ints["business"]
    measured = (target != _NONE) & (business != _NONE)
    return {
        **rows.text,
        "order_case": ints["order_case"],
        "order_metric": ints["order_metric"],
        "cycle": ints["cycle"],
        "state": state,
        "running": ints["running"].astype(bool),
        "started_at": ints["started"],
        "ended_at": ended,
        "due_at": ints["due"],
        "met_at": np.where(state == _CODE[CycleState.MET], ended, _NONE),
        "breached_at": ints["breached"],
        "at_risk_at": ints["at_risk"],
        "target": target,
        "business_elapsed": business,
        "actual_elapsed": np.where(ended == _NONE, at, ended) - ints["started"],
        "remaining": np.where(measured, target - business, _NONE),
        "fraction_used": np.where(measured, business / np.where(measured, target, 1), np.nan),
    }


def _frame(rows: _Rows, at: int) -> pd.DataFrame:
    """The frame of every block's rows, sorted by case, metric and cycle.

    A block is a dict of the frame's columns (numbers as arrays: instants and durations in
    microseconds, ``_NONE`` where absent; text as ``Text``) with ``order_case`` and
    ``order_metric``. One block already in order (the usual vectorised run) becomes the
    frame without a sort or a copy of its arrays.
    """
    blocks = [block for block in [_rows_block(rows, at), *rows.blocks] if len(block["cycle"])]
    # One vectorised block of cases in input order is in order already (cycle_rows's
    # rows are case-major): no sort key is built.
    in_order = (
        len(blocks) == 1
        and isinstance(blocks[0]["order_case"], tuple)
        and _increasing(blocks[0]["order_case"][0])
    )

    def joined(name: str) -> np.ndarray:
        if len(blocks) == 1:
            return np.asarray(blocks[0][name])
        if blocks:
            return np.concatenate([np.asarray(block[name]) for block in blocks])
        return np.zeros(0, dtype=bool if name == "running" else np.int64)

    order = None
    if not in_order:
        for block in blocks:
            if isinstance(block["order_case"], tuple):
                positions, case = block["order_case"]
                block["order_case"] = positions[case]
        order = _row_order(joined("order_case"), joined("order_metric"), joined("cycle"))
    numbers = {name: joined(name) for name in (*_NUMBERS[2:], *_INSTANTS, *_DURATIONS)}
    if order is not None:
        numbers = {name: values[order] for name, values in numbers.items()}
    text: dict[str, Any] = {}
    for name in rows.text:
        parts = [block[name] for block in blocks]
        if name == "case_id":  # many values: plain text, each id made into text once
            text[name] = _text_column(parts, order)
        else:  # a few values each: categorical, of the values present, sorted
            text[name] = _category(parts, order)
    columns: dict[str, Any] = {
        "case_id": text["case_id"],
        "metric": text["metric"],
        "cycle": numbers["cycle"].astype(np.int64, copy=False),
        "state": _categorical(numbers["state"]),
        "running": numbers["running"],
        **{name: _utc(numbers[name]) for name in _INSTANTS},
        **{name: pd.Series(numbers[name].view("m8[us]"), copy=False) for name in _DURATIONS},
        "fraction_used": numbers["fraction_used"].astype(np.float64, copy=False),
        **{name: text[name] for name in COLUMNS[-6:]},
    }
    return pd.DataFrame(
        columns,
        columns=list(COLUMNS),
        copy=False,  # every column is an array of its own: no copy into 2-D blocks
    )


def _increasing(values: np.ndarray) -> bool:
    """Whether ``values`` strictly increase."""
    return bool((values[1:] > values[:-1]).all())


def _utc(values: np.ndarray) -> pd.Series:
    """Microseconds since the epoch (``_NONE``: missing) as a UTC datetime column, no copy.

    pandas copies a naive array when localizing it, even to UTC; ``_simple_new`` wraps the
    array as it is (the values are UTC instants already). Falls back to the copying public
    constructor should a pandas release drop it.
    """
    stamps = values.view("M8[us]")
    make = getattr(pd.arrays.DatetimeArray, "_simple_new", None)
    if make is not None:
        return pd.Series(make(stamps, dtype=_UTC_US), copy=False)
    return pd.Series(stamps, dtype=_UTC_US)  # pragma: no cover - a future pandas


_UTC_US: Final = pd.DatetimeTZDtype(unit="us", tz="UTC")

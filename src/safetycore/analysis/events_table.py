"""Tables of case events: a long pandas DataFrame checked once and kept as columns.

Analysts hold months of cases as one table, a row per event. ``read_events`` checks every
row as ``CaseEvent`` would check it and encodes the events as integer columns (instants in
microseconds, the packed ``CaseEvent.code``), so ``sla_frame`` runs the clocks over them with
no Python object per event. ``events_frame`` writes histories back as such a table.

A row is ``CaseEvent.to_dict()`` with its ``data`` spread over columns:

========== =========================================================================
column     holds
========== =========================================================================
case_id    the case (non-empty text); required
at         the instant: an aware datetime column, or ISO 8601 text with an offset; required
kind       an ``EventKind`` value (``created``, ``agent_replied``, ...); required
actor      who did it (non-empty text); required
via        a ``Channel`` value; optional (``system`` where absent, as ``CaseEvent``)
priority   ``created``: the case's priority (optional)
category   ``created``: the case's category (optional); ``status_changed``: the new
           status's ``StatusCategory`` (required)
tags       ``created``: the case's tags, a list of names or ``;``-joined text (optional)
from       ``status_changed``, ``priority_changed``: the status or priority before
           (optional: the row before's ``to``, ``new`` before a case's first status)
to         ``status_changed``: the new status name; ``priority_changed``: the new
           priority (required)
public     ``agent_replied``: ``True``/``False`` or the text ``true``/``false`` (required)
assignee   ``assigned``: who (required)
into       ``merged``: the case merged into (required)
========== =========================================================================

A cell a row's kind does not read is ignored. Another column is refused: a misspelt column
(``priorty``) would otherwise silently drop what it holds. Rows need not be sorted: a case's
events are taken in time order, rows at one instant in table order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd
import pendulum

from safetycore._config import whole_number
from safetycore._time import from_micros, to_micros
from safetycore.analysis import _arrow_text
from safetycore.analysis._convert import FALSE_TEXT, TRUE_TEXT
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    SafetycoreError,
)
from safetycore.events import (
    _END_US,
    _FIRST_US,
    CODE_CATEGORY_SHIFT,
    CODE_PUBLIC_FLAG,
    PRIORITY_CODE_FLAG,
    CaseEvent,
    CaseHistory,
    Channel,
    EventKind,
    StatusCategory,
)

__all__ = ["EventTable", "events_frame", "read_events"]

IntArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.int8]
"""Codes of an enumeration's members (kinds, channels, categories: fewer than 127), -1: none."""
BoolArray = npt.NDArray[np.bool_]

REQUIRED: Final = ("case_id", "at", "kind", "actor")
"""The columns every events table has."""
OPTIONAL: Final = (
    "via",
    "priority",
    "category",
    "tags",
    "from",
    "to",
    "public",
    "assignee",
    "into",
)
"""The columns an events table may have (the data keys the clocks and ``CaseEvent`` read)."""
_DATA_KEYS: Final = OPTIONAL[1:]

_KINDS: Final = list(EventKind)
_KIND_CODE: Final = {kind.value: code for code, kind in enumerate(_KINDS)}
_CHANNELS: Final = list(Channel)
_CHANNEL_CODE: Final = {channel.value: code for code, channel in enumerate(_CHANNELS)}
_SYSTEM: Final = _CHANNEL_CODE[Channel.SYSTEM.value]
_CATEGORY_CODE: Final = {category.value: code for code, category in enumerate(StatusCategory)}
_OFFSET: Final = re.compile(r"(?:[zZ]|[+-]\d\d(?::?\d\d(?::?\d\d(?:\.\d+)?)?)?)$")
_REJECTED_COLUMNS: Final = ("row", "case_id", "column", "value", "reason")

# The data each kind reads: (column, required) in CaseEvent's order of checks.
_KIND_COLUMNS: Final[dict[str, tuple[tuple[str, bool], ...]]] = {
    "created": (("priority", False), ("category", False), ("tags", False)),
    "status_changed": (("from", False), ("to", True), ("category", True)),
    "agent_replied": (("public", True),),
    "priority_changed": (("from", False), ("to", True)),
    "assigned": (("assignee", True),),
    "merged": (("into", True),),
}


class _Problems:
    """Bad cells found so far: (source position, column, value, reason), first per row kept."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.found: dict[int, tuple[str, Any, str]] = {}

    def add(self, rows: Iterable[int], column: str, reason: str) -> None:
        values = self.frame.get(column)
        for row in rows:
            position = int(row)
            if position not in self.found:
                value = None if values is None else values.iloc[position]
                self.found[position] = (column, value, reason)

    def mask(self, length: int) -> BoolArray:
        bad = np.zeros(length, dtype=bool)
        if self.found:
            bad[np.fromiter(self.found, dtype=np.int64)] = True
        return bad


def _missing(values: pd.Series) -> BoolArray:
    return np.asarray(values.isna().to_numpy(), dtype=bool)


Rows = IntArray | None
"""Positions of the rows a check reads, ascending; ``None``: every row."""


def _cells(values: pd.Series, rows: IntArray) -> npt.NDArray[Any]:
    """The cells at ``rows`` as an object array (an object column's own, not copied whole)."""
    if values.dtype == object:
        return values.to_numpy()[rows]
    return values.iloc[rows].to_numpy(dtype=object)


def _text(values: pd.Series, rows: Rows, column: str, problems: _Problems) -> None:
    """Cells at ``rows`` must be non-empty ``str``; others are not looked at."""
    if rows is not None and not len(rows):
        return
    parts = _arrow_text.chunks(values)
    if parts is not None:  # a pyarrow text column: one compiled pass, no copy of the rows
        blank = _arrow_text.blanks(parts)
        if blank is not None:
            bad = np.flatnonzero(blank) if rows is None else rows[blank[rows]]
            problems.add(bad, column, "must be non-empty text")
        return
    picked = values if rows is None else values.iloc[rows]  # every row (case_id): no copy
    if pd.api.types.infer_dtype(picked, skipna=False) == "string":
        # A missing cell of a pandas string column (NaN, or NA) is no text: a CSV's empty cell.
        empty = np.asarray((picked.isna() | (picked == "")).to_numpy(), dtype=bool)
    else:
        empty = np.array(
            [not isinstance(value, str) or not value for value in picked.tolist()], dtype=bool
        )
    if empty.any():
        bad = np.flatnonzero(empty) if rows is None else rows[empty]
        problems.add(bad, column, "must be non-empty text")


def _hashable(values: pd.Series) -> pd.Series:
    """``values`` as ``factorize`` numbers them: text columns as they are, others as objects.

    A pandas text column (``str``, pyarrow-backed once pyarrow is installed) is numbered in
    place, never turned into a million Python strings; any other column goes through
    ``object``, so that ``1`` and ``"1"`` stay two values.
    """
    return values if isinstance(values.dtype, pd.StringDtype) else values.astype(object)


def _codes(
    values: pd.Series,
    rows: Rows,
    table: Mapping[str, int],
    column: str,
    problems: _Problems,
    what: str,
) -> CodeArray:
    """The code in ``table`` (a ``StrEnum``'s values) of each cell at ``rows``, in order.

    A cell that names no member is a problem (and -1). Codes are ``int8``: a byte a row,
    not eight, for columns of millions of rows.
    """
    if rows is not None and not len(rows):
        return np.zeros(0, dtype=np.int8)
    found = _arrow_names(values, table, rows)  # a pyarrow text column: a compiled lookup
    if found is None:
        # Few distinct values: look each up once. Only a str can name a member (a StrEnum
        # member is a str, and maps by its value). The whole column is numbered (no copy of
        # the rows read first); a cell no row reads only joins the lookup.
        try:
            numbers, distinct = pd.factorize(_hashable(values))
            if rows is not None:
                numbers = numbers[rows]
        except TypeError:  # an unhashable cell: number only the cells read
            numbers, distinct = pd.factorize(
                _hashable(values if rows is None else values.iloc[rows])
            )
        lookup = np.array(
            [table.get(value, -1) if isinstance(value, str) else -1 for value in distinct] + [-1],
            dtype=np.int8,
        )
        found = lookup[numbers]  # factorize's -1 (a missing cell) picks the trailing -1
    bad = np.flatnonzero(found < 0)
    if len(bad):
        problems.add(
            bad if rows is None else rows[bad], column, f"is not {what} ({', '.join(table)})"
        )
    return found


def _arrow_names(values: pd.Series, table: Mapping[str, int], rows: Rows) -> CodeArray | None:
    """The code in ``table`` (-1: no member, or missing) of each cell at ``rows``, in order.

    ``None`` unless ``values`` is a pyarrow text column. pyarrow's ``index_in`` finds each
    cell among a few names in one compiled pass: no numbering of the column's distinct
    values, no Python per cell. A few rows of a long column are taken first.
    """
    if not _arrow_text.backed(values.dtype):
        return None
    # pyarrow ships no type information; installed, since it backs this column.
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    cells = values.array.__arrow_array__()
    if rows is not None:
        cells = cells.take(pa.array(rows))
    names = list(table)
    found = pc.index_in(cells, value_set=pa.array(names, type=cells.type))
    if found.null_count:  # a missing cell, or one that names no member
        found = found.fill_null(len(names))
    lookup = np.array([*(table[name] for name in names), -1], dtype=np.int8)
    codes: CodeArray = lookup[found.to_numpy()]
    return codes


def _instants(values: pd.Series, problems: _Problems) -> IntArray:
    """The ``at`` column as microseconds since the epoch (UTC); 0 where a row is bad."""
    n = len(values)
    dtype = values.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        raw = np.asarray(values.array.view("i8"), dtype=np.int64)
        missing = _missing(values)
        if dtype.unit == "ns":
            fine = (raw % 1000 != 0) & ~missing
            problems.add(
                np.flatnonzero(fine), "at", "has nanoseconds (safetycore counts microseconds)"
            )
            micros = raw // 1000
        elif dtype.unit == "us":
            micros = raw.copy()  # the table's own: never a view of the caller's frame
        else:
            micros = raw * {"s": 1_000_000, "ms": 1_000}[dtype.unit]
        if missing.any():
            problems.add(np.flatnonzero(missing), "at", "must be an instant, not a missing value")
            micros[missing] = 0
    elif isinstance(dtype, np.dtype) and np.issubdtype(dtype, np.datetime64):
        raise NaiveDatetimeError(
            "holds naive datetimes; tz_localize the column first (safetycore never guesses a zone)",
            field="at",
            value=str(dtype),
        )
    else:
        micros = np.zeros(n, dtype=np.int64)
        for position, value in enumerate(values.tolist()):
            reason = None
            if isinstance(value, str):
                if not _OFFSET.search(value):
                    reason = "is ISO 8601 text without a UTC offset (safetycore never guesses one)"
                else:
                    try:
                        value = datetime.fromisoformat(value)
                    except ValueError:
                        reason = "is not ISO 8601 text with an offset"
            if reason is None and isinstance(value, pd.Timestamp) and value.nanosecond:
                reason = "has nanoseconds (safetycore counts microseconds)"
            if reason is None:
                try:  # the rules of every instant in safetycore: aware, not NaT
                    micros[position] = to_micros(value, "at")
                except SafetycoreError as error:
                    reason = error.reason
            if reason is not None:
                problems.add((position,), "at", reason)
    outside = (micros < _FIRST_US) | (micros >= _END_US)
    problems.add(np.flatnonzero(outside), "at", "is outside the supported years 2 to 9998")
    return micros


def _public(values: pd.Series, rows: IntArray, needs: str, problems: _Problems) -> BoolArray:
    """``public`` as flags at ``rows`` (agent replies), in order.

    A missing cell is the problem ``needs``; a value other than a bool or the text true or
    false is another.
    """
    if values.dtype == bool:
        return np.asarray(values.to_numpy(), dtype=bool)[rows]
    picked = _cells(values, rows)
    if pd.api.types.infer_dtype(picked, skipna=False) == "boolean":  # only bools: no loop
        return picked.astype(bool)
    flags = np.zeros(len(rows), dtype=bool)
    missing, bad = [], []
    for k, value in enumerate(picked.tolist()):
        if value is True or value is False or isinstance(value, np.bool_):
            flags[k] = bool(value)
        elif isinstance(value, str) and value in TRUE_TEXT:
            flags[k] = True
        elif _absent(value):
            missing.append(k)
        elif not (isinstance(value, str) and value in FALSE_TEXT):
            bad.append(k)
    problems.add(rows[missing], "public", needs)
    problems.add(rows[bad], "public", "must be True or False (or the text true / false)")
    return flags


def _tags(value: object) -> tuple[str, ...] | None:
    """A created row's tags as a sorted tuple of distinct names; ``None`` if not names."""
    if value is None or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        items: Sequence[object] = [part.strip() for part in value.split(";") if part.strip()]
    elif isinstance(value, list | tuple | set | frozenset | np.ndarray):
        items = list(value)
    else:
        return None
    if not all(isinstance(item, str) and item for item in items):
        return None
    return tuple(sorted(set(items)))  # type: ignore[arg-type]


@attrs.frozen(eq=False)
class EventTable:
    """The events of many cases, checked, as columns: what ``sla_frame`` reads.

    Made by ``read_events``; immutable. Cases keep the order in which their ids first appear
    in the table; each case's events are in time order.

    Attributes:
        case_ids: the id of each case read, in order.
        rejected: the bad rows, one per row (the first problem found in it): ``row`` (the
            table's index label), ``case_id``, ``column``, ``value`` and ``reason``. Empty
            unless read with ``errors="report"``.
        excluded: ids of the cases left out because one of their rows is bad (a case is
            evaluated whole or not at all: dropping one event would change its clocks).
    """

    case_ids: tuple[str, ...]
    rejected: pd.DataFrame = attrs.field(repr=False)
    excluded: tuple[str, ...]
    lengths: IntArray = attrs.field(repr=False)
    """Events per case."""
    at: IntArray = attrs.field(repr=False)
    """Each event's instant, microseconds since the epoch (UTC); cases one after another."""
    code: IntArray = attrs.field(repr=False)
    """Each event's ``CaseEvent.code``."""
    rows: IntArray = attrs.field(repr=False)
    """Each event's position in the table read."""
    _source: pd.DataFrame = attrs.field(repr=False, alias="_source")
    _via: CodeArray = attrs.field(repr=False, alias="_via")
    _starts: IntArray = attrs.field(init=False, repr=False)

    @_starts.default
    def _first_positions(self) -> IntArray:
        starts = np.zeros(len(self.lengths), dtype=np.int64)
        np.cumsum(self.lengths[:-1], out=starts[1:])
        starts.flags.writeable = False
        return starts

    def __len__(self) -> int:
        return len(self.case_ids)

    def starts(self) -> IntArray:
        """The position of each case's first event in the event columns (read-only).

        Computed once, with the table: ``history(case)`` looks a case up in constant time.
        """
        return self._starts

    def created(self) -> pd.DataFrame:
        """Each case's created event: ``priority``, ``category``, ``tags`` and ``via``.

        One row per case (index ``case_ids``); ``priority`` and ``category`` text or
        ``None``, ``tags`` a sorted tuple of names, ``via`` a ``Channel``.
        """
        columns = self._created_columns()
        index = pd.Index(self.case_ids, name="case_id")
        # Object Series, so that pandas infers no string dtype (pyarrow's would turn a
        # Channel into str and None into NaN).
        return pd.DataFrame(
            {name: pd.Series(values, index=index, dtype=object) for name, values in columns.items()}
        )

    def _created_columns(self) -> dict[str, Any]:
        """``created()``'s columns as object arrays, a cell per case (no index built)."""
        first = self.rows[self.starts()] if len(self) else np.zeros(0, dtype=np.int64)
        source = self._source
        columns: dict[str, Any] = {}
        for name in ("priority", "category"):
            values = np.full(len(first), None, dtype=object)
            if name in source:
                cells = source[name].iloc[first].to_numpy(dtype=object)
                given = ~pd.isna(cells)
                values[given] = cells[given]
            columns[name] = values
        tags = np.empty(len(first), dtype=object)
        tags[:] = [()] * len(first)
        if "tags" in source:
            tag_cells = source["tags"].iloc[first]
            with_tags = np.flatnonzero(~_missing(tag_cells))
            if isinstance(tag_cells.dtype, pd.StringDtype):  # few distinct texts: parsed once
                codes, distinct = pd.factorize(tag_cells.iloc[with_tags])
                parsed = np.empty(len(distinct), dtype=object)
                parsed[:] = [_tags(value) for value in distinct]
                tags[with_tags] = parsed[codes]
            else:
                cells = tag_cells.to_numpy(dtype=object)
                for k in with_tags.tolist():
                    tags[k] = _tags(cells[k])
        columns["tags"] = tags
        channels = np.array(_CHANNELS, dtype=object)
        columns["via"] = channels[self._via[self.starts()]] if len(self) else channels[:0]
        return columns

    def history(self, case: int) -> CaseHistory:
        """The ``case``-th case (a position in ``case_ids``) as a ``CaseHistory``.

        A status or priority change without ``from`` gets the case's ``to`` before it (the
        created priority; ``new`` before a case's first status change).
        """
        if whole_number(case, "case") < 0 or case >= len(self):
            raise InvalidArgumentError(
                f"is not the position of a case (the table has {len(self)})",
                field="case",
                value=case,
            )
        start = int(self.starts()[case])
        before: dict[str, Any] = {"status_changed": "new", "priority_changed": None}
        events = []
        for position in range(start, start + int(self.lengths[case])):
            event = self._event(position, before)
            if event.kind is EventKind.CREATED:
                before["priority_changed"] = event.get("priority")
            elif event.kind.value in before:
                before[event.kind.value] = event["to"]
            events.append(event)
        return CaseHistory(self.case_ids[case], events)

    def histories(self) -> Iterator[CaseHistory]:
        """Every case as a ``CaseHistory``, in order (a Python object per event: for a few)."""
        for case in range(len(self)):
            yield self.history(case)

    def _event(self, position: int, before: Mapping[str, Any]) -> CaseEvent:
        source = self._source
        record = source.iloc[int(self.rows[position])]
        kind = str(record["kind"])
        data: dict[str, Any] = {}
        for column, _ in _KIND_COLUMNS.get(kind, ()):
            value = record[column] if column in source else None
            if _absent(value):
                continue
            if column == "tags":
                value = _tags(value)
            elif column == "public":
                value = value in TRUE_TEXT if isinstance(value, str) else bool(value)
            data[column] = value
        if kind in before and "from" not in data:
            data["from"] = before[kind]
        return CaseEvent(
            str(record["case_id"]),
            from_micros(int(self.at[position]), pendulum.UTC),
            kind,
            actor=str(record["actor"]),
            via=_CHANNELS[int(self._via[position])],
            data=data,
        )


def _absent(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    )


def read_events(frame: pd.DataFrame, *, errors: Literal["raise", "report"] = "raise") -> EventTable:
    """Check a table of events (a row per event; module docstring) and encode it.

    Every row is checked as ``CaseEvent`` checks an event: the four required columns, the
    kind's data, an instant in years 2 to 9998 (exact to the microsecond), no exact repeat
    of a row of the same case at the same instant; and each case's first event (in time
    order) must be its ``created`` event. With ``errors="raise"`` (the default) the first bad
    row raises ``InvalidArgumentError`` naming ``events[<row label>].<column>`` and the value,
    with a count of the others; with ``errors="report"`` the bad rows come back in
    ``EventTable.rejected`` and their cases are left out whole (``EventTable.excluded``). No
    row is ever dropped silently.

    A column that is not in the table's schema raises ``InvalidArgumentError`` naming it
    (select the columns first); a naive ``datetime64`` ``at`` column raises
    ``NaiveDatetimeError``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError("must be a pandas DataFrame of events", field="events", value=frame)
    if errors not in ("raise", "report"):
        raise InvalidArgumentError("must be 'raise' or 'report'", field="errors", value=errors)
    known = (*REQUIRED, *OPTIONAL)
    for name in frame.columns:
        if name not in known:
            raise InvalidArgumentError(
                f"is not a column of an events table (known: {', '.join(known)}); select the "
                "columns first",
                field="events.columns",
                value=name,
            )
    for name in REQUIRED:
        if name not in frame.columns:
            raise InvalidArgumentError(
                f"is a required column of an events table (required: {', '.join(REQUIRED)})",
                field="events.columns",
                value=name,
            )
    if frame.columns.duplicated().any():
        name = frame.columns[frame.columns.duplicated()][0]
        raise InvalidArgumentError("is a column twice", field="events.columns", value=name)
    source = frame.reset_index(drop=True)
    n = len(source)
    problems = _Problems(source)
    _text(source["case_id"], None, "case_id", problems)
    at = _instants(source["at"], problems)
    kind = _codes(source["kind"], None, _KIND_CODE, "kind", problems, "an event kind")
    _text(source["actor"], None, "actor", problems)
    if "via" in source:
        missing = _missing(source["via"])
        if missing.any():
            given = np.flatnonzero(~missing)
            via = np.full(n, _SYSTEM, dtype=np.int8)
            via[given] = _codes(source["via"], given, _CHANNEL_CODE, "via", problems, "a channel")
        else:
            via = _codes(source["via"], None, _CHANNEL_CODE, "via", problems, "a channel")
    else:
        via = np.full(n, _SYSTEM, dtype=np.int8)
    code = kind.astype(np.int64)
    code[code < 0] = 0
    present: dict[str, BoolArray] = {}
    # Each kind's data, checked at that kind's rows only (positions, not masks of every row).
    for name, columns in _KIND_COLUMNS.items():
        of_kind = np.flatnonzero(kind == _KIND_CODE[name])
        if not len(of_kind):
            continue
        needs = {column: f"a {name} row needs {column}" for column, _ in columns}
        for column, required in columns:
            if column not in source:
                if required:
                    problems.add(of_kind, column, needs[column])
                continue
            values = source[column]
            if column == "public":  # reports a missing cell itself (its check reads cells)
                code[of_kind[_public(values, of_kind, needs[column], problems)]] |= CODE_PUBLIC_FLAG
                continue
            if values.dtype == object:  # only the kind's cells: a Python object each
                here = ~pd.isna(values.to_numpy()[of_kind])
            else:
                if column not in present:  # a column several kinds read is scanned once
                    present[column] = ~_missing(values)
                here = present[column][of_kind]
            given = of_kind if here.all() else of_kind[here]
            if required and len(given) < len(of_kind):
                problems.add(of_kind[~here], column, needs[column])
            if column == "tags":
                if isinstance(values.dtype, pd.StringDtype):
                    continue  # text is always names (';'-joined, blanks dropped)
                bad = [_tags(value) is None for value in _cells(values, given).tolist()]
                problems.add(
                    given[np.array(bad, dtype=bool)],
                    column,
                    "must be a list of names or ';'-joined text",
                )
            elif column == "category" and name == "status_changed":
                categories = _codes(
                    values, given, _CATEGORY_CODE, column, problems, "a status category"
                )
                ok = categories >= 0
                code[given[ok]] |= (categories[ok].astype(np.int64) + 1) << CODE_CATEGORY_SHIFT
            else:
                _text(values, given, column, problems)
    code[kind == _KIND_CODE["priority_changed"]] |= PRIORITY_CODE_FLAG

    case_codes, case_labels = _case_numbers(source["case_id"])
    bad_rows = problems.mask(n) | (case_codes < 0)
    order = _time_order(case_codes, at)
    in_order = order is None  # most tables: no row moves, and no column is copied to sort it
    order = np.arange(n, dtype=np.int64) if order is None else order
    ordered_codes = case_codes if in_order else case_codes[order]
    _repeats(source, at, kind, via, case_codes, order, bad_rows, problems)
    bad_rows = problems.mask(n) | (case_codes < 0)
    # Each case's first event, in time order, must be its created event.
    first = order[np.r_[True, ordered_codes[1:] != ordered_codes[:-1]]] if n else order
    not_created = first[(kind[first] != _KIND_CODE["created"]) & ~bad_rows[first]]
    problems.add(not_created, "kind", "is a case's first event in time order; it must be created")
    bad_rows = problems.mask(n) | (case_codes < 0)
    excluded_codes = np.unique(case_codes[bad_rows & (case_codes >= 0)])
    rejected = _rejected(problems, frame.index)
    if errors == "raise" and len(rejected):
        first_bad = rejected.iloc[0]
        label = first_bad["row"]
        label = label.item() if isinstance(label, np.generic) else label
        raise InvalidArgumentError(
            f"{first_bad['reason']}"
            + (
                f" (and {len(rejected) - 1} more bad rows; read_events(events, errors='report') "
                "lists them)"
                if len(rejected) > 1
                else ""
            ),
            field=f"events[{label!r}].{first_bad['column']}",
            value=first_bad["value"],
        )
    keep_case = np.ones(len(case_labels), dtype=bool)
    keep_case[excluded_codes] = False
    if not len(excluded_codes) and not (case_codes < 0).any():  # every row kept, in order
        kept = order
        lengths = np.bincount(case_codes, minlength=len(keep_case)).astype(np.int64)
    else:
        # A row without a case id (reported) belongs to no case: it is no case's event.
        named = ordered_codes >= 0
        kept = order[named][keep_case[ordered_codes[named]]]
        renumber = np.cumsum(keep_case) - 1
        lengths = np.bincount(renumber[case_codes[kept]], minlength=int(keep_case.sum())).astype(
            np.int64
        )

    def take(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return values if in_order and kept is order else values[kept]

    if isinstance(case_labels.dtype, pd.StringDtype):  # text, none missing (no NA label)
        labels = case_labels.to_numpy(dtype=object).tolist()
    else:  # text already, but for bad rows' ids (reported, kept out of case_ids)
        labels = [
            label if type(label) is str else str(label)
            for label in np.asarray(case_labels, dtype=object).tolist()
        ]
    return EventTable(
        case_ids=(
            tuple(labels)
            if not len(excluded_codes)
            else tuple(label for label, keep in zip(labels, keep_case, strict=True) if keep)
        ),
        rejected=rejected,
        excluded=tuple(labels[code] for code in excluded_codes.tolist()),
        lengths=lengths,
        at=take(at),
        code=take(code),
        rows=kept.astype(np.int64, copy=False),
        _source=source,
        _via=take(via),
    )


def _case_numbers(values: pd.Series) -> tuple[IntArray, Any]:
    """Each row's case as a number (cases in order of first appearance; -1: no id), and ids.

    A pyarrow text column whose cases come one after another (as most exports do) is
    numbered by its runs: one compiled pass finds where each run starts, and only those
    cells (a cell per case, not per event) are numbered, to check that no id comes back
    after another's run. Any other column is numbered cell by cell (``pd.factorize``).
    """
    parts = _arrow_text.chunks(values)
    if parts is not None:
        heads = _arrow_text.runs(parts)
        firsts = values.iloc[heads].array  # a cell per run
        if _arrow_text.distinct(firsts):  # each run a case of its own, none without an id
            sizes = np.diff(heads, append=len(values))
            return np.repeat(np.arange(len(heads), dtype=np.int64), sizes), firsts
    codes, labels = pd.factorize(_hashable(values), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), labels


def _time_order(case_codes: IntArray, at: IntArray) -> IntArray | None:
    """Row positions by case (as first seen), then instant, then table position.

    ``None`` for a table already in that order (cases one after another, each in time
    order, as most exports are): recognised in one pass, not sorted.
    """
    n = len(at)
    later_case = case_codes[1:] > case_codes[:-1]
    same_case = case_codes[1:] == case_codes[:-1]
    if bool((later_case | (same_case & (at[1:] >= at[:-1]))).all()):
        return None
    return np.lexsort((np.arange(n), at, case_codes)).astype(np.int64)


def _repeats(
    source: pd.DataFrame,
    at: IntArray,
    kind: CodeArray,
    via: CodeArray,
    case_codes: IntArray,
    order: IntArray,
    bad: BoolArray,
    problems: _Problems,
) -> None:
    """Rows that repeat an earlier row of their case exactly (same instant, kind, data)."""
    n = len(source)
    if n < 2:
        return
    # Only rows sharing case, instant and kind can repeat one another (a reply and a status
    # change at one instant are two events, never a repeat). ``order`` (case, instant, row)
    # puts rows of one case and instant side by side as runs; one compiled pass over the
    # runs marks every row whose kind another row of its run has: the candidates.
    near = np.zeros(n, dtype=bool)
    if not _run_kernel()(order, case_codes, at, kind, near):
        return
    rows = np.flatnonzero(near & ~bad)
    source, at, kind, via, case_codes = (
        source.iloc[rows],
        at[rows],
        kind[rows],
        via[rows],
        case_codes[rows],
    )
    key = pd.DataFrame({"case": case_codes, "at": at, "kind": kind, "via": via})
    key["actor"] = source["actor"].astype(object).to_numpy()
    for column in _DATA_KEYS:
        if column in source:
            values = source[column].astype(object)
            if column == "tags":
                values = values.map(lambda value: _tags(value) if not _absent(value) else ())
            # A cell the row's kind does not read is no part of the event (CaseEvent data).
            reads = np.isin(
                kind,
                [
                    _KIND_CODE[k]
                    for k, cols in _KIND_COLUMNS.items()
                    if any(c == column for c, _ in cols)
                ],
            )
            key[column] = values.where(~values.isna() & reads, None).to_numpy()
    try:
        repeated = key.duplicated(keep="first").to_numpy()
    except TypeError:  # an unhashable cell (already reported as bad elsewhere)
        return
    problems.add(
        rows[repeated],
        "at",
        "repeats an earlier row of the case exactly (same instant, kind and data)",
    )


def _same_kind_in_run(order: Any, case_codes: Any, at: Any, kind: Any, near: Any) -> bool:
    """Mark rows whose case, instant and kind another row has; whether any was marked.

    ``order`` lists the rows by case, then instant (runs of rows sharing both are side by
    side); ``kind`` codes are below 63 (-1 for a bad row's).
    """
    first = np.full(64, -1, dtype=np.int64)  # by kind + 1: the run's first row of that kind
    touched = np.empty(64, dtype=np.int64)
    found = False
    n = len(order)
    start = 0
    while start < n:
        head = order[start]
        end = start + 1
        while end < n and case_codes[order[end]] == case_codes[head]:
            if at[order[end]] != at[head]:
                break
            end += 1
        if end - start > 1:
            count = 0
            for p in range(start, end):
                row = order[p]
                k = kind[row] + 1
                if first[k] < 0:
                    first[k] = row
                    touched[count] = k
                    count += 1
                else:
                    near[row] = True
                    near[first[k]] = True
                    found = True
            for q in range(count):
                first[touched[q]] = -1
        start = end
    return found


@functools.cache
def _run_kernel() -> Any:
    """``_same_kind_in_run`` compiled (numba, on first use)."""
    import numba  # only when a table is first read

    return numba.njit(nogil=True, boundscheck=False)(_same_kind_in_run)


def _rejected(problems: _Problems, index: pd.Index) -> pd.DataFrame:
    """The problems as a frame, in table order, rows labelled as the caller's table."""
    positions = sorted(problems.found)
    source = problems.frame
    return pd.DataFrame(
        {
            "row": index[positions].tolist() if positions else [],
            "case_id": [source["case_id"].iloc[p] for p in positions],
            "column": [problems.found[p][0] for p in positions],
            "value": [problems.found[p][1] for p in positions],
            "reason": [problems.found[p][2] for p in positions],
        },
        columns=list(_REJECTED_COLUMNS),
    )


def events_frame(histories: Iterable[CaseHistory]) -> pd.DataFrame:
    """The events of ``histories`` as a table ``read_events`` reads back (module docstring).

    One row per event, cases in order, each case's events in order; ``at`` in UTC
    (``datetime64[us, UTC]``); the data keys of the schema as columns (``None`` where an
    event lacks one), ``tags`` as tuples. Data keys outside the schema are not written.
    """
    if isinstance(histories, (str, Mapping, CaseHistory)) or not isinstance(histories, Iterable):
        raise InputTypeError(
            "must be a collection of CaseHistory", field="histories", value=histories
        )
    columns: dict[str, list[Any]] = {name: [] for name in (*REQUIRED, *OPTIONAL)}
    for position, history in enumerate(histories):
        if not isinstance(history, CaseHistory):
            raise InputTypeError(
                "must be a CaseHistory", field=f"histories[{position}]", value=history
            )
        for event in history.events:
            columns["case_id"].append(event.case_id)
            columns["at"].append(event.micros)
            columns["kind"].append(event.kind.value)
            columns["actor"].append(event.actor)
            columns["via"].append(event.via.value)
            data = dict(event.data)
            for key in _DATA_KEYS:
                columns[key].append(data.get(key))
    at = np.array(columns.pop("at"), dtype=np.int64).view("M8[us]")
    frame = pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in columns.items()}
    )
    frame.insert(1, "at", pd.Series(at).dt.tz_localize("UTC"))
    return frame

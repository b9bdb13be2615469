"""The analysis functions on Dask DataFrames, partition by partition (the ``dask`` extra).

Each function takes what its in-memory namesake takes, with Dask collections in place of
pandas ones, and returns a lazy Dask collection: nothing runs until ``.compute()`` (or
``dask.compute(...)``), on whatever scheduler is active (a ``distributed.Client`` for a
cluster). Each partition goes through the in-memory function itself, so the answers are its
answers:

============================ ============================ ===================================
function                     runs per partition           partitions must hold
============================ ============================ ===================================
``sla_frame_dask``           ``sla_frame``                whole cases (shuffled on case_id)
``decide_frame_dask``        ``decide_frame``             any rows (a claim is one row)
``elapsed_dask``             ``elapsed``                  any rows
``add_dask``                 ``add``                      any rows
============================ ============================ ===================================

The clocks of a case read all its events, so ``sla_frame_dask`` first brings each case's
events into one partition: a hash shuffle on ``case_id``, unless the frame is indexed by
``case_id`` with known divisions (``events.set_index("case_id")``), which already keeps
each case in one partition. Dask cannot know any other layout without reading the data, so
every other frame is shuffled: the cost of one pass over the events, never a wrong clock.
Within a case, rows at one instant keep the frame's order, as ``read_events`` reads them.

The result's ``meta`` (its columns and dtypes) is the in-memory function's answer on no rows,
so Dask never runs a function on made-up rows to guess it, and every argument is checked
when the collection is built, before any partition runs. Categorical columns are declared
with unknown categories (each partition has the categories of its own values;
``.cat.as_known()`` gathers them).

Dask turns object columns into text by default (its ``dataframe.convert-string`` setting,
when a frame is made from pandas or read from files), and the functions read text as a CSV
reader gives it: ISO 8601 instants and dates, ``true``/``false``, ``;``-joined tags and
documents, a choice by its value. Python objects that are not text (a tuple of tags, an
enum member, a ``date``) do not survive that conversion: write them as such text, or make
the frame under ``dask.config.set({"dataframe.convert-string": False})``. The results keep
the in-memory dtypes (``payable`` holds ``Decimal``).

A bad row raises, from ``compute``, the error the in-memory function raises for it (the
same ``SafetycoreError`` subclass, ``field`` and ``value``), sent back from the worker that
read it. When several partitions hold bad rows, the one named is the first to fail, not
necessarily the first in the frame; and positions in a field (``histories[3]``) count
within the partition.

Dask is imported when a function is first called, so this module, and
``safetycore.analysis``, import without it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, Never

import attrs
import numpy as np
import pandas as pd

from safetycore.analysis.business_time import Calendars, add, elapsed
from safetycore.analysis.eligibility_frame import _KEYWORDS, decide_frame
from safetycore.analysis.sla_frame import sla_frame
from safetycore.eligibility import Policy
from safetycore.eligibility.engine import no_unknown
from safetycore.errors import InputTypeError
from safetycore.sla import SlaPolicy, Versioning

if TYPE_CHECKING:
    import dask.dataframe as dd

__all__ = [
    "EligibilityFramesDask",
    "add_dask",
    "decide_frame_dask",
    "elapsed_dask",
    "sla_frame_dask",
]

# Two columns that carry each row's place in the frame through the shuffle.
_PARTITION: Final = "__safetycore_partition"
_ROW: Final = "__safetycore_row"
# What pandas makes of a column of text (str from pandas 3, object before).
_TEXT: Final = pd.Series(["text"], dtype=object).infer_objects().dtype


def _dask() -> Any:
    """``dask.dataframe``, or a ``ModuleNotFoundError`` naming the extra to install."""
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError as missing:
        raise ModuleNotFoundError(
            f"{__name__} needs {missing.name} (the 'dask' extra): pip install 'safetycore[dask]'",
            name=missing.name,
        ) from missing


def _collection(value: object, kind: str, field: str) -> Any:
    """``value`` if it is a Dask DataFrame (``kind="DataFrame"``) or Series, else refused."""
    dataframes = _dask()
    if not isinstance(value, getattr(dataframes, kind)):
        raise InputTypeError(f"must be a dask {kind}", field=field, value=value)
    return value


def _meta(empty: pd.DataFrame, text: Iterable[str] = ()) -> pd.DataFrame:
    """The meta of a result: its frame on no rows, categories unknown, ``text`` as text."""
    utils: Any = importlib.import_module("dask.dataframe.utils")  # untyped
    meta = utils.clear_known_categories(empty)
    return meta.astype(dict.fromkeys(text, _TEXT))  # type: ignore[no-any-return]


def sla_frame_dask(
    events: dd.DataFrame,
    policy: SlaPolicy,
    as_of: datetime,
    *,
    versioning: Versioning = Versioning.PIN,
) -> dd.DataFrame:
    """``sla_frame`` over a Dask DataFrame of events: one row per metric cycle, lazily.

    ``events`` holds the columns ``read_events`` reads (the events-table schema), in any
    partitions: each case's events are brought into one partition first (a shuffle on
    ``case_id``, skipped when ``case_id`` is the index with known divisions), then each
    partition runs ``sla_frame(partition, policy, as_of, versioning=versioning)``.

    The result has ``sla_frame``'s columns and values (all instants UTC, durations in
    microseconds); its rows come partition by partition, each partition's cases in the
    order ``sla_frame`` gives them, and its index restarts in each partition (sort by
    ``case_id``, ``metric``, ``cycle`` for one order). ``policy``, ``as_of``, ``versioning``
    and the columns are checked at once; a bad row raises ``InvalidArgumentError`` from
    ``compute``, as ``read_events`` raises it.
    """
    table = _collection(events, "DataFrame", "events")
    whole = False  # whether each case is known to be in one partition
    if table.index.name == "case_id" and "case_id" not in table.columns:
        # Sorted divisions put each value of the index in one partition.
        whole = bool(table.known_divisions)
        table = table.reset_index()
    # The in-memory function on no rows: checks every argument now, and gives the meta.
    meta = _meta(sla_frame(table._meta, policy, as_of, versioning=versioning), ["case_id"])
    cases = table
    if not whole:
        numbered = table.map_partitions(_number, meta=_numbered(table._meta, 0))
        cases = numbered.shuffle(on="case_id").map_partitions(_in_order, meta=table._meta)
    return cases.map_partitions(  # type: ignore[no-any-return]
        sla_frame, policy, as_of, versioning=versioning, meta=meta
    )


def _numbered(partition: pd.DataFrame, number: int) -> pd.DataFrame:
    """``partition`` with each row's place: the partition's number and the row's position."""
    return partition.assign(
        **{
            _PARTITION: np.full(len(partition), number, dtype=np.int64),
            _ROW: np.arange(len(partition), dtype=np.int64),
        }
    )


def _number(partition: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    # Dask passes partition_info to a function that names it; None only when building meta.
    return _numbered(partition, 0 if partition_info is None else partition_info["number"])


def _in_order(partition: pd.DataFrame) -> pd.DataFrame:
    """A shuffled partition back in the frame's row order, without the place columns."""
    order = np.lexsort((partition[_ROW].to_numpy(), partition[_PARTITION].to_numpy()))
    return partition.iloc[order].drop(columns=[_PARTITION, _ROW])


@attrs.frozen(eq=False)
class EligibilityFramesDask:
    """What :func:`decide_frame_dask` returns: ``EligibilityFrames``'s frames, lazily.

    Computing them together (``dask.compute(result.decisions, result.trace,
    result.counts)``) decides each claim once.

    Attributes:
        decisions: one row per claim, with the input's index and partitions: ``verdict``,
            ``version``, ``reasons``, ``needs``, ``payable``, ``would_pay``.
        trace: one row per claim and rule (``claim`` the input label, ``version``, ``rule``,
            ``outcome``), partition by partition; its index restarts in each partition.
        counts: one row per rule, the partitions' counts added (one partition).
    """

    decisions: dd.DataFrame
    trace: dd.DataFrame
    counts: dd.DataFrame


def decide_frame_dask(
    policy: Policy,
    frame: dd.DataFrame,
    *,
    as_of: object = None,
    ignore: Iterable[str] = (),
    **unknown: Never,
) -> EligibilityFramesDask:
    """``decide_frame`` over a Dask DataFrame of claims (one row per claim), lazily.

    Rows are read as ``decide_frame`` reads them; each partition is decided on its own (a
    claim is one row, so no shuffle is needed). ``policy``, ``as_of``, ``ignore``, the
    columns and unknown keywords are checked at once; a bad row raises from ``compute`` the
    error ``decide_frame`` raises, naming ``rows[<label>].<column>``. There is no
    ``DecisionBatch`` (it would gather every claim in one process): ``counts`` holds its
    counts. The rules in ``counts`` come in the order of their first claim, as in
    ``decide_frame``.
    """
    no_unknown(unknown, _KEYWORDS)
    claims = _collection(frame, "DataFrame", "frame")
    if isinstance(ignore, Iterable) and not isinstance(ignore, str):
        ignore = tuple(ignore)  # read twice: now, and by each partition (a generator once)
    empty = decide_frame(policy, claims._meta, as_of=as_of, ignore=ignore)
    dataframes = _dask()
    config: Any = importlib.import_module("dask.config")
    delayed: Any = importlib.import_module("dask.delayed").delayed  # untyped
    decided = [
        delayed(_decide, pure=True)(policy, part, as_of, ignore) for part in claims.to_delayed()
    ]
    # The frames keep decide_frame's dtypes: Dask would turn its object columns into
    # pyarrow strings (its convert-string setting), payable's Decimals among them.
    with config.set({"dataframe.convert-string": False}):
        return _eligibility_frames(dataframes, decided, empty, claims.divisions)


def _eligibility_frames(
    dataframes: Any, decided: list[Any], empty: Any, divisions: Any
) -> EligibilityFramesDask:
    delayed: Any = importlib.import_module("dask.delayed").delayed  # untyped
    decisions = dataframes.from_delayed(
        [each[0] for each in decided],
        meta=_meta(empty.decisions, ["verdict", "reasons", "needs"]),
        divisions=divisions,
        verify_meta=False,
    )
    trace = dataframes.from_delayed(
        [each[1] for each in decided],
        meta=_meta(empty.trace, ["version", "rule", "outcome"]),
        verify_meta=False,
    )
    counts_meta = _meta(empty.counts.astype(np.int64)).rename_axis("rule")
    counts = dataframes.from_delayed(
        [delayed(_add_counts, pure=True)(counts_meta, *(each[2] for each in decided))],
        meta=counts_meta.set_axis(counts_meta.index.astype(_TEXT)),
        verify_meta=False,
    )
    return EligibilityFramesDask(decisions, trace, counts)


def _decide(
    policy: Policy, part: pd.DataFrame, as_of: object, ignore: Iterable[str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    frames = decide_frame(policy, part, as_of=as_of, ignore=ignore)
    return frames.decisions, frames.trace, frames.counts


def _add_counts(meta: pd.DataFrame, *parts: pd.DataFrame) -> pd.DataFrame:
    """The partitions' counts added, each rule where it first appears."""
    present = [part for part in parts if len(part)]
    if not present:
        return meta
    return pd.concat(present).groupby(level=0, sort=False).sum()


def elapsed_dask(
    calendar: Calendars, start: dd.Series, end: dd.Series, *, by: Any = None, utc: bool = False
) -> dd.Series:
    """``elapsed`` over Dask Series: business time between each pair of instants, lazily.

    ``start`` and ``end`` (and ``by``, with a mapping of calendars) are Dask Series with
    the same partitions, usually columns of one frame; each partition runs ``elapsed``, so
    the values, unit and ``NaT`` are its. ``calendar``, ``by``'s kind and the dtypes are
    checked at once; a bad row (a key the mapping lacks) raises from ``compute``.
    """
    start = _collection(start, "Series", "start")
    end = _collection(end, "Series", "end")
    if by is not None:
        by = _collection(by, "Series", "by")
    meta = elapsed(calendar, start._meta, end._meta, by=_meta_of(by), utc=utc)
    dataframes = _dask()
    return dataframes.map_partitions(  # type: ignore[no-any-return]
        _elapsed, calendar, utc, start, end, by, meta=meta
    )


def _elapsed(calendar: Calendars, utc: bool, start: Any, end: Any, by: Any) -> Any:
    return elapsed(calendar, start, end, by=by, utc=utc)


def add_dask(
    calendar: Calendars,
    start: dd.Series,
    duration: dd.Series | timedelta,
    *,
    by: Any = None,
    utc: bool = False,
) -> dd.Series:
    """``add`` over Dask Series: the instant ``duration`` of business time after each start.

    ``duration`` is one ``timedelta`` for every row or a Dask Series of durations with
    ``start``'s partitions (and ``by`` as for ``elapsed_dask``); each partition runs
    ``add``, so the zone, unit and ``NaT`` are its. A row with no answer raises
    ``OutOfRangeError`` from ``compute``.
    """
    start = _collection(start, "Series", "start")
    if not isinstance(duration, timedelta):
        duration = _collection(duration, "Series", "duration")
    if by is not None:
        by = _collection(by, "Series", "by")
    meta = add(calendar, start._meta, _meta_of(duration), by=_meta_of(by), utc=utc)
    dataframes = _dask()
    return dataframes.map_partitions(  # type: ignore[no-any-return]
        _add, calendar, utc, start, duration, by, meta=meta
    )


def _add(calendar: Calendars, utc: bool, start: Any, duration: Any, by: Any) -> Any:
    return add(calendar, start, duration, by=by, utc=utc)


def _meta_of(value: Any) -> Any:
    """A Dask collection's empty pandas stand-in; anything else as it is."""
    return getattr(value, "_meta", value)

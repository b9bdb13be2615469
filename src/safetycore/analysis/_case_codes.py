"""What ``sla_frame`` reads of each case of an events table, as integer codes, not objects.

A million cases hold a handful of distinct priorities, categories, tag sets and channels.
``sla_frame`` selects one policy row per distinct combination (``combined``) and writes each
case's priority, channel and id into its result rows. Here each per-case attribute is read
from the case's created row of the source columns (``EventTable._source`` at
``rows[starts]``: positions in the table read, whose index was reset) and encoded once, as
``Coded``: a code per case into a few labels (``created_codes``). pyarrow text is numbered
in its own buffers by one compiled pass a chunk (``_arrow_text.numbered``), or else taken and
numbered by pyarrow, with no Python object per case; any other column is read as objects,
as ``EventTable.created`` reads it. A missing column or cell is the label ``None`` (tags:
``()``), the values ``created()`` gives. The cases' ids stay pyarrow text
(``case_labels``), and the events each case keeps up to ``as_of`` are counted in one
compiled pass (``kept_events``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from safetycore.analysis import _arrow_text
from safetycore.analysis.events_table import EventTable, _absent, _tags
from safetycore.events import Channel

IntArray = npt.NDArray[np.int64]

_CHANNELS: Final = list(Channel)  # the order of EventTable._via's codes (read_events)
TEXT: Final = pd.array([], dtype="str").dtype
"""pandas' text dtype (``str``): the frame's ``case_id`` column's."""


class Coded(NamedTuple):
    """Per-case values as ``labels[codes[case]]``: every code a position in ``labels``."""

    codes: npt.NDArray[np.signedinteger[Any]]
    labels: list[Any]


def created_codes(table: EventTable, starts: IntArray) -> dict[str, Coded]:
    """Each case's created ``priority``, ``category``, ``tags`` and ``via`` (``Channel``).

    ``starts`` is ``table.starts()``. The labels are ``created()``'s values: text or
    ``None``; a sorted tuple of tag names (``()`` where absent); a ``Channel``.
    """
    first = table.rows[starts]
    source = table._source
    return {
        "priority": _text_codes(source.get("priority"), first),
        "category": _text_codes(source.get("category"), first),
        "tags": _tag_codes(source.get("tags"), first),
        "via": Coded(table._via[starts], list(_CHANNELS)),
    }


def case_labels(table: EventTable, starts: IntArray) -> Any:
    """The ids of the cases whose events start at ``starts``, as a pandas text array.

    Each id is the case's first source row's (``str``, the frame's ``case_id`` dtype).

    A pyarrow text column gives its cells as they are (no Python ``str`` per case); any
    other column is made text as the frame's ``case_id`` column always was.
    """
    taken = take_text(table._source["case_id"].array, table.rows[starts])
    if taken.dtype == TEXT:
        return taken
    return pd.array(np.asarray(taken, dtype=object), dtype=TEXT)


def take_text(cells: Any, positions: npt.NDArray[np.integer[Any]]) -> Any:
    """``cells.take(positions)`` (a pandas array; positions in it, none negative).

    pandas' pyarrow text is taken by pyarrow itself, into one chunk: pandas' own ``take``
    first scans a row-sized index for its bounds and negative positions.
    """
    if not _arrow_text.backed(cells.dtype):
        return cells.take(positions)
    import pyarrow as pa  # type: ignore[import-untyped]  # installed: it backs this column
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    chunks = cells.__arrow_array__()
    if chunks.num_chunks > 1 and len(positions) > len(chunks):  # many rows: one chunk first
        chunks = pa.chunked_array([chunks.combine_chunks()], type=chunks.type)
    return pd.array(pc.take(chunks, positions), dtype=cells.dtype)


def combined(columns: Sequence[Coded]) -> tuple[IntArray, IntArray]:
    """Each case's combination of the columns' codes as a number, and a case of each number.

    Numbers are 0, 1, ... in order of first appearance; the second array holds the first
    case of each.
    """
    key = np.zeros(len(columns[0].codes), dtype=np.int64)
    size = 1
    for column in columns:
        labels = len(column.labels)
        if size * labels >= 2**62:  # renumbered to the combinations present: small again
            key, uniques = pd.factorize(key)
            size = len(uniques)
        key = key * labels + column.codes
        size *= labels
    if size <= _DENSE:  # few possible combinations: numbered in one compiled pass
        kinds = np.empty(len(key), dtype=np.int64)
        first = np.empty(min(size, len(key)), dtype=np.int64)
        number = np.full(size, -1, dtype=np.int64)  # by key: its number, or -1
        count = _kernels()[2](key, number, kinds, first)
        return kinds, first[:count]
    kinds, _ = pd.factorize(key)
    kinds = np.asarray(kinds, dtype=np.int64)
    if not len(kinds):
        return kinds, kinds
    # factorize numbers in order of first appearance: a kind's first case is where the
    # running maximum first reaches it.
    highest = np.maximum.accumulate(kinds)
    first = np.flatnonzero(np.r_[True, highest[1:] > highest[:-1]])
    return kinds, first.astype(np.int64)


_DENSE: Final = 1 << 20
"""Combinations ``combined`` numbers through a table of them all (8 bytes each)."""


def kept_events(
    table: EventTable, starts: IntArray, as_of: int, flag: int
) -> tuple[IntArray, IntArray]:
    """Events each case keeps up to ``as_of`` (a prefix), and the kept events with ``flag``.

    ``flag`` is a bit of ``CaseEvent.code``; the second array lists positions in the event
    columns. One compiled pass over the events: no temporary of a row per event.
    """
    kept = np.empty(len(starts), dtype=np.int64)
    kernels = _kernels()
    count = kernels[0](table.at, table.code, starts, table.lengths, as_of, flag, kept)
    flagged = np.empty(count, dtype=np.int64)
    if count:
        kernels[1](table.code, starts, kept, flag, flagged)
    return kept, flagged


def _text_codes(column: pd.Series | None, first: IntArray) -> Coded:
    """A text column's cells at ``first`` as codes; a missing cell (or column) is ``None``."""
    if column is None:
        return Coded(np.zeros(len(first), dtype=np.int8), [None])
    numbered = _numbered_text(column, first)
    if numbered is not None:
        return _with_missing(*numbered)
    values = np.asarray(column.array.take(first), dtype=object)
    missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = None
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return _with_missing(np.asarray(codes), list(uniques))


def _tag_codes(column: pd.Series | None, first: IntArray) -> Coded:
    """The tags at ``first`` as codes into sorted tuples of names (``()`` where absent)."""
    if column is None:
        return Coded(np.zeros(len(first), dtype=np.int8), [()])
    numbered = _numbered_text(column, first)
    if numbered is not None:  # each distinct text parsed once
        codes, texts = numbered
        parsed = [_tags(text) for text in texts]
    else:
        values = np.asarray(column.array.take(first), dtype=object)
        tags = np.empty(len(values), dtype=object)
        tags[:] = [() if _absent(value) else _tags(value) for value in values.tolist()]
        found, uniques = pd.factorize(tags, use_na_sentinel=False)
        codes, parsed = np.asarray(found), list(uniques)
    # Texts that name the same tags ("a;b", "b;a") are one label.
    numbers: dict[Any, int] = {}
    renumber = np.array(
        [numbers.setdefault(tags, len(numbers)) for tags in parsed] + [-1], dtype=np.int64
    )
    labels = list(numbers)
    if (codes < 0).any():  # missing: no tags
        empty = numbers.get(())
        if empty is None:
            empty = len(labels)
            labels.append(())
        renumber[-1] = empty
    return Coded(_small(renumber[codes]), labels)


def _numbered_text(
    column: pd.Series, first: IntArray
) -> tuple[npt.NDArray[np.signedinteger[Any]], list[str]] | None:
    """A pandas text column's cells at ``first`` numbered by first appearance (missing: -1).

    The numbers and the distinct texts; ``None`` for a column of another dtype. pyarrow
    text is read in its own buffers where it can be (``_arrow_text.numbered``), else taken and
    numbered by pyarrow (``pd.factorize``): never a Python ``str`` per cell.
    """
    if not isinstance(column.dtype, pd.StringDtype):
        return None
    parts = _arrow_text.chunks(column)
    if parts is not None:
        found = _arrow_text.numbered(parts, first)
        if found is not None:
            return found
    codes, uniques = pd.factorize(column.array.take(first), use_na_sentinel=True)
    return np.asarray(codes), uniques.tolist()


def _with_missing(codes: npt.NDArray[np.signedinteger[Any]], labels: list[Any]) -> Coded:
    """``factorize``'s codes and uniques, a missing cell's -1 made the label ``None``."""
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels = [*labels, None]
    return Coded(_small(codes), labels)


def code_dtype(count: int) -> type[np.signedinteger[Any]]:
    """The smallest integer type holding codes of ``count`` labels (and -1)."""
    return np.int8 if count < 2**7 else np.int16 if count < 2**15 else np.int32


def _small(codes: npt.NDArray[np.signedinteger[Any]]) -> npt.NDArray[np.signedinteger[Any]]:
    """Codes in the smallest integer type that holds them (a byte a case, usually)."""
    top = int(codes.max()) if len(codes) else 0
    return codes.astype(code_dtype(top + 1), copy=False)


def _count_kept(
    at: Any, code: Any, starts: Any, lengths: Any, as_of: int, flag: int, kept: Any
) -> int:
    """Write each case's events at or before ``as_of`` into ``kept``; count those with flag."""
    count = 0
    for case in range(len(starts)):
        start = starts[case]
        k = 0
        while k < lengths[case] and at[start + k] <= as_of:
            if code[start + k] & flag:
                count += 1
            k += 1
        kept[case] = k
    return count


def _list_flagged(code: Any, starts: Any, kept: Any, flag: int, out: Any) -> None:
    """Write the positions of kept events with ``flag`` into ``out`` (sized by the count)."""
    found = 0
    for case in range(len(starts)):
        start = starts[case]
        for position in range(start, start + kept[case]):
            if code[position] & flag:
                out[found] = position
                found += 1


def _first_seen(key: Any, number: Any, kinds: Any, first: Any) -> int:
    """Number each key by first appearance; return how many numbers.

    ``number`` holds -1 for each possible key (numpy's, not made here: compiling
    ``np.full`` would cost a third of a second). Each position's number goes into ``kinds``,
    each number's first position into ``first``.
    """
    count = 0
    for case in range(len(key)):
        k = key[case]
        if number[k] < 0:
            number[k] = count
            first[count] = case
            count += 1
        kinds[case] = number[k]
    return count


@functools.cache
def _kernels() -> tuple[Callable[..., int], Callable[..., None], Callable[..., int]]:
    """``_count_kept``, ``_list_flagged`` and ``_first_seen`` compiled (numba, on first use)."""
    import numba  # only when a table is first evaluated

    jit = numba.njit(nogil=True, boundscheck=False)
    return jit(_count_kept), jit(_list_flagged), jit(_first_seen)

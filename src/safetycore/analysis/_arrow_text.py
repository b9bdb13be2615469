"""Text columns backed by pyarrow, read in compiled passes over their buffers.

A pandas ``str`` column (pyarrow-backed once pyarrow is installed) holds its cells as
Arrow ``large_string`` chunks: a validity bitmap, offsets and the UTF-8 bytes.
``read_events`` and ``sla_frame`` ask three questions of such columns, each answered here
by one compiled pass per chunk that makes no Python object per cell:

- ``blanks``: whether each cell is missing or the empty text;
- ``runs``: where a new run of equal cells starts (case ids, one case after another);
- ``numbered``: the cells at some rows numbered by first appearance, with the few distinct
  texts (each case's created priority or category).

``chunks`` gives a column's chunks as numpy views (``None`` for any other column: the
callers keep their pandas path for it). The kernels compile with numba on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


class Chunk(NamedTuple):
    """One Arrow text chunk as numpy views: cells ``offset`` to ``offset + length``.

    ``valid`` is the validity bitmap (bit ``i``: cell ``i`` is present), empty when every cell
    is; cell ``i``'s bytes are ``data[offsets[i]:offsets[i + 1]]``.
    """

    valid: npt.NDArray[np.uint8]
    offsets: IntArray
    data: npt.NDArray[np.uint8]
    offset: int
    length: int


def backed(dtype: object) -> bool:
    """Whether ``dtype`` is pandas text held by pyarrow (``str`` once pyarrow is installed)."""
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def chunks(values: pd.Series) -> list[Chunk] | None:
    """The chunks of a pyarrow-backed text column; ``None`` for any other column."""
    if not backed(values.dtype):
        return None
    # pyarrow ships no type information; installed, since it backs this column.
    import pyarrow as pa  # type: ignore[import-untyped]

    cells = values.array.__arrow_array__()
    found = []
    for chunk in cells.chunks:
        if chunk.type != pa.large_string():  # pandas keeps text as large_string
            return None
        valid, offsets, data = chunk.buffers()
        found.append(
            Chunk(
                np.zeros(0, np.uint8)
                if valid is None or chunk.null_count == 0
                else np.frombuffer(valid, dtype=np.uint8),
                np.frombuffer(offsets, dtype=np.int64),
                np.zeros(0, np.uint8) if data is None else np.frombuffer(data, dtype=np.uint8),
                chunk.offset,
                len(chunk),
            )
        )
    return found


def blanks(parts: Sequence[Chunk]) -> BoolArray | None:
    """Whether each cell is missing or empty text; ``None`` when none is (the usual case)."""
    count = _kernels().blank
    if not any(count(*part, np.zeros(0, dtype=np.bool_)) for part in parts):
        return None
    out = np.empty(sum(part.length for part in parts), dtype=np.bool_)
    base = 0
    for part in parts:
        count(*part, out[base : base + part.length])
        base += part.length
    return out


def runs(parts: Sequence[Chunk]) -> IntArray:
    """The position of each cell that differs from the cell before it (the first cell too).

    Missing cells are equal to one another and to no text.
    """
    heads = np.empty(sum(part.length for part in parts), dtype=np.int64)
    run = _kernels().run
    found = base = 0
    last: bytes | None = b""  # the cell before the chunk's first: none yet
    for part in parts:
        if part.length:
            head = base == 0 or _cell(part, 0) != last
            found = run(*part, head, base, heads, found)
            last = _cell(part, part.length - 1)
        base += part.length
    return heads[:found]


def distinct(cells: Any) -> bool:
    """Whether a pyarrow-backed text array's cells are all present and all different.

    Ascending cells (ids numbered in order, the usual export) are recognised by one
    comparison of each cell with the next; others are numbered (``pd.factorize``).
    """
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    arrow = cells.__arrow_array__()
    if arrow.null_count:
        return False
    if len(arrow) < 2 or not pc.any(pc.less_equal(arrow[1:], arrow[:-1])).as_py():
        return True
    return len(pd.unique(cells)) == len(cells)


_MOST_LABELS = 256
"""Distinct texts ``numbered`` numbers itself; cells holding more are left to the caller."""
_MOST_LABEL_BYTES = 1 << 16


def numbered(
    parts: Sequence[Chunk], rows: IntArray
) -> tuple[npt.NDArray[np.int16], list[str]] | None:
    """The cells at ``rows`` (increasing) numbered by first appearance (missing: -1).

    Returns the numbers and the distinct texts. The cells stay in the column's buffers (no
    take of a million texts, no hash table of pyarrow's); the few distinct texts are kept,
    as bytes, in a small table of the pass's. ``None`` when ``rows`` is not increasing or
    the cells hold more than ``_MOST_LABELS`` distinct texts: the caller numbers them then.
    """
    if len(rows) > 1 and not bool((rows[1:] > rows[:-1]).all()):
        return None
    bounds = np.cumsum([0, *(part.length for part in parts)])
    splits = np.searchsorted(rows, bounds)  # where each chunk's rows start in rows
    codes = np.empty(len(rows), dtype=np.int16)
    slots = np.full(4 * _MOST_LABELS, -1, dtype=np.int32)  # hash table: label or -1
    label_ends = np.zeros(_MOST_LABELS + 1, dtype=np.int64)  # label k: [ends[k], ends[k+1])
    label_bytes = np.empty(_MOST_LABEL_BYTES, dtype=np.uint8)
    count = np.zeros(1, dtype=np.int64)
    number = _kernels().number
    for c, part in enumerate(parts):
        a, b = int(splits[c]), int(splits[c + 1])
        if a < b and not number(
            *part, rows[a:b] - bounds[c], codes[a:b], slots, label_ends, label_bytes, count
        ):
            return None
    labels = [
        bytes(label_bytes[label_ends[k] : label_ends[k + 1]]).decode("utf-8")
        for k in range(int(count[0]))
    ]
    return codes, labels


def _cell(part: Chunk, r: int) -> bytes | None:
    """Cell ``r`` of a chunk as bytes; ``None`` if missing."""
    i = part.offset + r
    if len(part.valid) and not (part.valid[i >> 3] >> (i & 7)) & 1:
        return None
    return part.data[part.offsets[i] : part.offsets[i + 1]].tobytes()


# -- the kernels (compiled on first use) --------------------------------------------------
# Flat loops, each a chunk's cells in turn: no call per cell (a compiled call taking arrays
# counts references on every call).


def _blank(valid: Any, offsets: Any, data: Any, offset: int, length: int, out: Any) -> int:
    """Count the missing or empty cells, and mark them in ``out`` unless it is empty."""
    every = len(valid) == 0
    mark = len(out) > 0
    count = 0
    for r in range(length):
        i = offset + r
        blank = offsets[i + 1] == offsets[i] or not (every or (valid[i >> 3] >> (i & 7)) & 1)
        if mark:
            out[r] = blank
        count += blank
    return count


def _run(
    valid: Any,
    offsets: Any,
    data: Any,
    offset: int,
    length: int,
    head: bool,
    base: int,
    heads: Any,
    found: int,
) -> int:
    """Append to ``heads`` the cells of a chunk that differ from the cell before them.

    ``head``: whether the chunk's first cell does (the caller compares it with the chunk
    before). Returns how many heads there are now.
    """
    every = len(valid) == 0
    if head:
        heads[found] = base
        found += 1
    before = every or (valid[offset >> 3] >> (offset & 7)) & 1 == 1
    for r in range(1, length):
        i = offset + r
        present = every or (valid[i >> 3] >> (i & 7)) & 1 == 1
        if present and before:
            a, c = offsets[i], offsets[i - 1]
            size = offsets[i + 1] - a
            same = size == a - c
            if same:
                for q in range(size):
                    if data[a + q] != data[c + q]:
                        same = False
                        break
        else:
            same = present == before
        if not same:
            heads[found] = base + r
            found += 1
        before = present
    return found


def _number(
    valid: Any,
    offsets: Any,
    data: Any,
    offset: int,
    length: int,
    rows: Any,
    out: Any,
    slots: Any,
    label_ends: Any,
    label_bytes: Any,
    count: Any,
) -> bool:
    """Number a chunk's cells at ``rows`` into ``out`` among the labels found so far.

    Texts are looked up (FNV-1a hash, linear probing in ``slots``) among the labels, kept as
    bytes in ``label_bytes`` (label ``k``: ``label_ends[k]`` to ``label_ends[k + 1]``;
    ``count[0]`` of them); a missing cell is -1. ``False`` if a new text does not fit (too
    many labels or bytes): the caller numbers the cells otherwise.
    """
    every = len(valid) == 0
    mask = len(slots) - 1
    for k in range(len(rows)):
        i = offset + rows[k]
        if not (every or (valid[i >> 3] >> (i & 7)) & 1):
            out[k] = -1
            continue
        a = offsets[i]
        size = offsets[i + 1] - a
        h = np.uint64(14695981039346656037)
        for p in range(size):
            h = (h ^ np.uint64(data[a + p])) * np.uint64(1099511628211)
        slot = np.int64(h & np.uint64(mask))
        while True:
            label = slots[slot]
            if label < 0:  # a new text
                n = count[0]
                end = label_ends[n]
                if n + 1 >= len(label_ends) or end + size > len(label_bytes):
                    return False
                for p in range(size):
                    label_bytes[end + p] = data[a + p]
                label_ends[n + 1] = end + size
                slots[slot] = n
                count[0] = n + 1
                out[k] = n
                break
            begin = label_ends[label]
            if label_ends[label + 1] - begin == size:
                same = True
                for p in range(size):
                    if label_bytes[begin + p] != data[a + p]:
                        same = False
                        break
                if same:
                    out[k] = label
                    break
            slot = (slot + 1) & mask
    return True


class _Kernels(NamedTuple):
    blank: Any
    run: Any
    number: Any


@functools.cache
def _kernels() -> _Kernels:
    """The kernels, compiled on first call (numba is imported then, not with the package)."""
    import numba

    jit = numba.njit(nogil=True, boundscheck=False)
    return _Kernels(jit(_blank), jit(_run), jit(_number))

"""The codes of ``sla_frame``'s categorical columns, written row by row in compiled passes.

A categorical column of the frame comes in blocks, each a code a row into the block's
labels, or a code a case and each row's case (``sla_frame._parts``). Its final codes are
positions among the sorted values present, known only once every row has been seen: one
pass writes each row's number (its label among every block's, numbered together) and marks
the numbers used, a second turns numbers into final codes in place. Each pass reads its
codes as they are (``int8`` codes, ``int32`` case positions): no row-sized index array is
widened to ``intp`` as numpy's fancy indexing would, and no row-sized temporary is made.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt


def numbered(
    codes: npt.NDArray[Any],
    index: npt.NDArray[Any] | None,
    numbers: npt.NDArray[Any],
    used: npt.NDArray[np.bool_],
    out: npt.NDArray[Any],
) -> None:
    """Write each row's number into ``out``; mark ``used[number + 1]`` (0: missing).

    A row's code is ``codes[row]``, or ``codes[index[row]]`` given ``index``; a code is
    -1 (missing, number -1) or a position in ``numbers``.
    """
    number_rows, _ = _kernels()
    indexed = index is not None
    number_rows(codes, codes[:0] if index is None else index, indexed, numbers, used, out)


def renumbered(column: npt.NDArray[Any], final: npt.NDArray[Any]) -> None:
    """Turn each number in ``column`` into ``final[number + 1]``, in place."""
    _, renumber = _kernels()
    renumber(column, final)


def _number_rows(codes: Any, index: Any, indexed: bool, numbers: Any, used: Any, out: Any) -> None:
    for row in range(len(index) if indexed else len(codes)):
        code = codes[index[row]] if indexed else codes[row]
        number = numbers[code] if code >= 0 else -1
        out[row] = number
        used[number + 1] = True


def _renumber(column: Any, final: Any) -> None:
    for row in range(len(column)):
        column[row] = final[column[row] + 1]


@functools.cache
def _kernels() -> tuple[Callable[..., None], Callable[..., None]]:
    """The two passes compiled (numba, on first use)."""
    import numba  # only when a frame is first built

    jit = numba.njit(nogil=True, boundscheck=False)
    return jit(_number_rows), jit(_renumber)

"""Vectorised rank queries on a sorted key array, by direct-addressed buckets.

``numpy.searchsorted`` costs a binary search per query, with a cache miss at each step when
queries come in random order. ``BucketRank`` precomputes, for fixed-width buckets over the
key range, how many keys lie at or before each bucket's start; a query then costs one shift,
one gather and a few comparisons with the keys that fall inside its bucket. Bucket width is a
power of two no wider than the smallest gap between keys (so most buckets hold at most one
key), widened only when that would need more than ``MAX_BUCKETS`` buckets.

The queries run in one compiled loop (numba, compiled on first use, once per process): each
query walks only the keys of its own bucket, where a numpy expression would make as many
passes over all the queries as the fullest bucket holds keys.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import numpy.typing as npt

Int64Array = npt.NDArray[np.int64]

MAX_BUCKETS: Final = 1 << 21
_INT64_MAX: Final = np.iinfo(np.int64).max


class BucketRank:
    """Count the keys at or before each query: ``np.searchsorted(keys, x, "right")``.

    ``keys`` must be strictly increasing int64; queries must lie in ``[lo, hi]``.
    """

    __slots__ = ("_base", "_keys", "_lo", "_shift")

    def __init__(self, keys: Int64Array, lo: int, hi: int) -> None:
        span = hi - lo + 1
        gap = int(np.diff(keys).min()) if len(keys) > 1 else span
        shift = max(gap.bit_length() - 1, 0)
        while (span >> shift) >= MAX_BUCKETS:
            shift += 1
        starts = lo + (np.arange((span >> shift) + 1, dtype=np.int64) << shift)
        self._base = np.searchsorted(keys, starts, side="right").astype(np.int64)
        self._keys = np.concatenate([keys, np.full(1, _INT64_MAX, dtype=np.int64)])
        self._lo = lo
        self._shift = shift

    def rank(self, x: Int64Array) -> Int64Array:
        """Return, for each query, the number of keys ``<= x``."""
        result: Int64Array = _kernel()(x, self._lo, self._shift, self._base, self._keys)
        return result


def _rank(x: Any, lo: int, shift: int, base: Any, keys: Any) -> Any:
    out = np.empty(len(x), dtype=np.int64)
    for j in range(len(x)):
        value = x[j]
        i = base[(value - lo) >> shift]
        while keys[i] <= value:  # the padding (int64 max) stops the walk
            i += 1
        out[j] = i
    return out


@functools.cache
def _kernel() -> Callable[[Any, int, int, Any, Any], Any]:
    import numba  # only when a query first runs

    return numba.njit(nogil=True, boundscheck=False)(_rank)

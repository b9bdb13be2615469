"""Vectorised rank queries on a sorted key array, by direct-addressed buckets.

``numpy.searchsorted`` costs a binary search per query, with a cache miss at each step when
queries come in random order. ``BucketRank`` precomputes, for fixed-width buckets over the
key range, how many keys lie at or before each bucket's start; a query then costs one shift,
one gather and a few comparisons with the keys that fall inside its bucket. Bucket width is a
power of two no wider than the smallest gap between keys (so most buckets hold at most one
key), widened only when that would need more than ``MAX_BUCKETS`` buckets.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

Int64Array = npt.NDArray[np.int64]

MAX_BUCKETS: Final = 1 << 21
_INT64_MAX: Final = np.iinfo(np.int64).max


class BucketRank:
    """Count the keys at or before each query: ``np.searchsorted(keys, x, "right")``.

    ``keys`` must be strictly increasing int64; queries must lie in ``[lo, hi]``.
    """

    __slots__ = ("_base", "_keys", "_lo", "_shift", "_steps")

    def __init__(self, keys: Int64Array, lo: int, hi: int) -> None:
        span = hi - lo + 1
        gap = int(np.diff(keys).min()) if len(keys) > 1 else span
        shift = max(gap.bit_length() - 1, 0)
        while (span >> shift) >= MAX_BUCKETS:
            shift += 1
        starts = lo + (np.arange((span >> shift) + 1, dtype=np.int64) << shift)
        base = np.searchsorted(keys, starts, side="right")
        inside = np.searchsorted(keys, starts + ((1 << shift) - 1), side="right") - base
        self._steps = int(inside.max()) if len(inside) else 0
        self._keys = np.concatenate([keys, np.full(self._steps + 1, _INT64_MAX, dtype=np.int64)])
        self._base = base.astype(np.int64)
        self._lo = lo
        self._shift = shift

    def rank(self, x: Int64Array) -> Int64Array:
        """Return, for each query, the number of keys ``<= x``."""
        bucket = x - self._lo
        np.right_shift(bucket, self._shift, out=bucket)
        index = self._base[bucket]
        keys = self._keys
        for _ in range(self._steps):
            index += keys[index] <= x
        return index

"""``BucketRank.rank`` equals ``numpy.searchsorted(keys, x, side="right")``."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.analysis._lookup import MAX_BUCKETS, BucketRank


@st.composite
def keys_and_queries(draw: st.DrawFn) -> tuple[np.ndarray, int, int, np.ndarray]:
    # Spans up to 2**60 make buckets wider than the smallest gap, so that several keys share
    # a bucket and a query walks past them.
    span = draw(st.sampled_from([1, 10, 1_000, MAX_BUCKETS * 4, 2**60]))
    lo = draw(st.integers(-(2**61), 2**61))
    hi = lo + span
    inside = st.integers(lo, hi)
    keys = np.array(sorted(set(draw(st.lists(inside, min_size=1, max_size=60)))), dtype=np.int64)
    edges = [lo, hi, *keys.tolist(), *(k - 1 for k in keys if k > lo)]
    queries = draw(st.lists(st.one_of(inside, st.sampled_from(edges)), max_size=60))
    return keys, lo, hi, np.array(queries, dtype=np.int64)


@given(keys_and_queries())
def test_equals_searchsorted(case: tuple[np.ndarray, int, int, np.ndarray]) -> None:
    """Every query's rank is the count of keys at or before it, at keys and between them."""
    keys, lo, hi, queries = case
    expected = np.searchsorted(keys, queries, side="right")
    np.testing.assert_array_equal(BucketRank(keys, lo, hi).rank(queries), expected)


@pytest.mark.parametrize("span", [MAX_BUCKETS * 8, 2**62])
def test_crowded_bucket(span: int) -> None:
    """A thousand keys one apart at the start of a wide range share one bucket, all ranked."""
    keys = np.arange(1_000, dtype=np.int64)
    queries = np.array([0, 1, 499, 998, 999, 1_000, span], dtype=np.int64)
    rank = BucketRank(keys, 0, span).rank(queries)
    np.testing.assert_array_equal(rank, [1, 2, 500, 999, 1_000, 1_000, 1_000])

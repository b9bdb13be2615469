"""The arguments every generator shares, checked when it is called and streamed in chunks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from safetycore._config import whole_number
from safetycore.errors import InputTypeError, InvalidArgumentError

MOST_CASES: Final = 10**9
LARGEST_CHUNK: Final = 10**7

Chunk = Callable[[np.random.Generator, int, int], pd.DataFrame]
"""Makes one table: ``(rng, first case number, case count) -> DataFrame``."""


def check(cases: int, seed: int, start: date, days: int, chunk_size: int) -> None:
    """Refuse junk at once, naming the argument (a generator would refuse it only when read)."""
    for name, value in (("cases", cases), ("seed", seed), ("days", days)):
        whole_number(value, name)
    whole_number(chunk_size, "chunk_size")
    if seed < 0:
        raise InvalidArgumentError("must be 0 or more", field="seed", value=seed)
    if not 0 <= cases <= MOST_CASES:
        raise InvalidArgumentError(f"must be from 0 to {MOST_CASES:,}", field="cases", value=cases)
    if not 1 <= chunk_size <= LARGEST_CHUNK:
        raise InvalidArgumentError(
            f"must be from 1 to {LARGEST_CHUNK:,} cases (one table in memory)",
            field="chunk_size",
            value=chunk_size,
        )
    if not 1 <= days <= 3660:
        raise InvalidArgumentError("must be from 1 to 3660 (ten years)", field="days", value=days)
    if not isinstance(start, date):
        raise InputTypeError("must be a date", field="start", value=start)
    if not 1900 <= start.year <= 2200:
        raise InvalidArgumentError("must be in the years 1900 to 2200", field="start", value=start)


def stream(cases: int, chunk_size: int, seed: list[int], chunk: Chunk) -> Iterator[pd.DataFrame]:
    """``cases`` in tables of ``chunk_size``, table ``n`` drawn from the stream ``seed + [n]``."""
    for number, first in enumerate(range(0, cases, chunk_size)):
        rng = np.random.default_rng([*seed, number])
        yield chunk(rng, first, min(chunk_size, cases - first))

"""Timing shared by the benchmarks: the best wall time of a few runs, garbage collector off."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best(run: Callable[[], object], repeats: int) -> float:
    """The best wall time of ``repeats`` runs, garbage collector off, in seconds."""
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            began = time.perf_counter()
            run()
            times.append(time.perf_counter() - began)
        finally:
            gc.enable()
    return min(times)

"""Rolling to an opening or a close: ``previous_close`` and friends against pandas' rollback.

A Mon-Fri 09:00-17:00 America/New_York calendar without holidays (what pandas'
``BusinessHour`` expresses), queried at seeded random instants:

- ``Calendar.previous_close`` against ``pd.offsets.BusinessHour(start="09:00", end="17:00")
  .rollback`` at instants outside open hours, where both mean "the latest close at or before
  t" (pandas leaves an instant inside open hours where it is); answers checked equal;
- ``previous_open``, ``next_open`` and ``next_close`` alone, over one year and over thirty,
  to show a query's cost does not grow with the span the calendar covers (O(log n) in the
  compiled intervals).

Run ``.venv/bin/python benchmarks/calendar_rolls_bench.py [--queries N]``.
"""

from __future__ import annotations

import argparse
import platform
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from _timing import best
from safetycore.sla import Calendar

NEW_YORK = ZoneInfo("America/New_York")
OFFICE = Calendar.from_dict({"zone": "America/New_York", "hours": {"mon-fri": "09:00-17:00"}})
START = datetime(2025, 1, 1, tzinfo=UTC)


def instants(count: int, years: int, seed: int) -> list[datetime]:
    """``count`` instants to the second, uniform over ``years`` from 2025, in New York time."""
    seconds = np.random.default_rng(seed).integers(0, years * 365 * 86_400, count)
    return [(START + timedelta(seconds=int(s))).astimezone(NEW_YORK) for s in seconds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, pandas {pd.__version__}; {args.queries:,} queries")

    closed = [t for t in instants(args.queries * 2, 1, seed=1) if not OFFICE.is_open(t)]
    closed = closed[: args.queries]
    offset = pd.offsets.BusinessHour(start="09:00", end="17:00")
    stamps = [pd.Timestamp(t) for t in closed]
    ours = [OFFICE.previous_close(t) for t in closed]
    theirs = [offset.rollback(t) for t in stamps]
    wrong = sum(pd.Timestamp(a) != b for a, b in zip(ours, theirs, strict=True))
    assert wrong == 0, f"{wrong} answers differ"

    ours_s = best(lambda: [OFFICE.previous_close(t) for t in closed], args.repeats)
    theirs_s = best(lambda: [offset.rollback(t) for t in stamps], args.repeats)
    per = 1e6 / len(closed)
    print(f"\nprevious close of {len(closed):,} closed instants, answers equal:")
    print("| implementation | us/query | vs safetycore |\n| --- | ---: | ---: |")
    print(f"| `Calendar.previous_close` | {ours_s * per:.2f} | 1.00x |")
    print(f"| pandas `BusinessHour.rollback` | {theirs_s * per:.2f} | {theirs_s / ours_s:.2f}x |")

    print("\nus per query, by the span the queries cover:")
    print("| query | 1 year | 30 years |\n| --- | ---: | ---: |")
    spans = {years: instants(args.queries, years, seed=years) for years in (1, 30)}
    for name in ("previous_open", "previous_close", "next_open", "next_close"):
        cells = []
        for points in spans.values():
            calendar = Calendar.from_dict(OFFICE.to_dict())  # a fresh compiled index per span
            query = getattr(calendar, name)
            [query(t) for t in points]  # compile the span once, as a service would
            cells.append(best(lambda q=query, p=points: [q(t) for t in p], args.repeats))
        print(f"| `{name}` | " + " | ".join(f"{s * 1e6 / args.queries:.2f}" for s in cells) + " |")


if __name__ == "__main__":
    main()

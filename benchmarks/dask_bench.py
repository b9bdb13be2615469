"""SLA clocks on Dask: ``sla_frame_dask`` on a two-process LocalCluster against ``sla_frame``.

The events of ``sla_table_bench.py`` (seeded support tickets, about seven events a case), in
memory and as a Dask DataFrame of ``--partitions`` partitions, evaluated under the policy of
``sla_bench.py``. Times, on the same run:

- in memory: ``sla_frame(frame, POLICY, AS_OF)`` (``read_events`` included) in this process;
- Dask, shuffled: ``sla_frame_dask`` on a frame partitioned in row order (every case spread
  over the partitions), so Dask first shuffles on ``case_id``;
- Dask, by case: the same on a frame indexed by ``case_id`` with known divisions (no shuffle).

Each Dask figure includes handing the pandas partitions to the workers (``from_pandas``) and
bringing the result back (``compute``), as a notebook would; the results are checked equal to
the in-memory one (same rows once sorted). Prints each time and its ratio to in memory.

Run ``.venv/bin/python benchmarks/dask_bench.py [--cases N] [--partitions P]`` (the
``dask`` extra).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import warnings
from typing import Any

import dask
import dask.dataframe as dd
import distributed
import pandas as pd

from _timing import best
from safetycore.analysis import sla_frame
from safetycore.analysis.dask import sla_frame_dask
from safetycore.datasets import support_tickets
from sla_bench import AS_OF, POLICY

SEED = 20251122


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["case_id", "metric", "cycle"]).reset_index(drop=True)
    for name, column in frame.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            frame[name] = column.astype(object)
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    frame = pd.concat(list(support_tickets(args.cases, seed=SEED)), ignore_index=True)
    print(
        f"{args.cases:,} cases, {len(frame):,} events, {args.partitions} partitions; "
        f"python {platform.python_version()}, dask {dask.__version__}, {os.cpu_count()} cores"
    )
    expected = _sorted(sla_frame(frame, POLICY, AS_OF))
    by_case = frame.set_index("case_id").sort_index()

    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    warnings.filterwarnings("ignore", message=".*large graph.*")  # from_pandas: as intended
    with cluster, distributed.Client(cluster), dask.config.set({"dataframe.convert-string": False}):

        def shuffled() -> Any:
            events = dd.from_pandas(frame, npartitions=args.partitions, sort=False)
            return sla_frame_dask(events, POLICY, AS_OF).compute()

        def indexed() -> Any:
            events = dd.from_pandas(by_case, npartitions=args.partitions, sort=True)
            return sla_frame_dask(events, POLICY, AS_OF).compute()

        for run in (shuffled, indexed):  # warm the workers (imports, numba compilation)
            pd.testing.assert_frame_equal(_sorted(run()), expected)
        memory = best(lambda: sla_frame(frame, POLICY, AS_OF), args.repeats)
        rows = [("in memory, 1 process", memory)]
        rows.append(("Dask, shuffled on case_id, 2 workers", best(shuffled, args.repeats)))
        rows.append(("Dask, indexed by case_id, 2 workers", best(indexed, args.repeats)))

    print(f"{len(expected):,} cycles, equal to in memory on every run")
    print("| path | seconds | vs in memory |\n| --- | ---: | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / memory:.2f}x |")


if __name__ == "__main__":
    main()

"""SLA clocks at scale from an events table: ``read_events`` + ``sla_frame``, and DuckDB.

Seeded support tickets (``safetycore.datasets.support_tickets``, about eight events a case)
as one events DataFrame, evaluated as of 2026-01-01 under the policy of ``sla_bench.py``
(urgent in 24/7 time; standard in Mon-Fri 08:00-18:00 Chicago with US holidays). Times
``read_events(frame)`` and ``sla_frame(table, POLICY, AS_OF)`` apart and together (every
metric of the policy, one row per cycle), and DuckDB computing two of them on the same
DataFrame (first reply, and resolution paused in pending and on hold) with window functions
and an ASOF join over a business-time table built from ``Calendar.open_intervals``. Checks
that DuckDB's two figures equal safetycore's ``business_elapsed`` on every case (cycle 1).

Run ``.venv/bin/python benchmarks/sla_table_bench.py [--cases N] [--quick] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import pstats
import resource
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from _timing import best
from safetycore.analysis import read_events, sla_frame
from safetycore.datasets import support_tickets
from safetycore.sla import Calendar
from sla_bench import AS_OF, POLICY

SEED = 20251122
TARGET_CASES = 1_000_000
TARGET_SECONDS = 2.5
METRICS = ("first_reply", "resolution")
# What DuckDB needs of the policy: the calendar of each row's first_reply and resolution
# targets, and the row a created priority selects (POLICY's one condition).
URGENT_ROW, OTHER_ROW = "urgent", "standard"

# Business time between two instants is cum(b) - cum(a), where cum(t) is the open time before
# t: the latest boundary at or before t (an ASOF join) holds the open time before it and
# whether the calendar opens there. Events are ordered as read_events orders them (time, then
# table position); a status change sets the category the clock runs in until the next event.
QUERY = """
WITH ev AS (
    SELECT case_id, epoch_us("at") AS t, seq, kind, category, public, priority
    FROM events
    WHERE epoch_us("at") <= $as_of
),
calendar_of AS (
    SELECT case_id, CASE WHEN priority = 'urgent' THEN $urgent ELSE $other END AS calendar
    FROM ev
    WHERE kind = 'created'
),
stamped AS (
    SELECT ev.*, calendar_of.calendar,
        b.cum + CASE WHEN b.opens THEN ev.t - b.t ELSE 0 END AS cum
    FROM ev
    JOIN calendar_of USING (case_id)
    ASOF JOIN business b ON calendar_of.calendar = b.calendar AND ev.t >= b.t
),
ordered AS (
    SELECT case_id, calendar, cum,
        row_number() OVER w AS pos,
        lead(cum) OVER w AS next_cum,
        last_value(CASE WHEN kind = 'status_changed' THEN category END IGNORE NULLS)
            OVER w AS category_now,
        -- resolution's cycle 1 stops at the first solved or closed status (merged cancels)
        count(CASE WHEN (kind = 'status_changed' AND category IN ('solved', 'closed'))
            OR kind = 'merged' THEN 1 END) OVER w AS resolution_over,
        -- first_reply stops at the first public agent reply; solved, closed, merged cancel
        (kind = 'agent_replied' AND public) OR kind = 'merged'
            OR (kind = 'status_changed' AND category IN ('solved', 'closed')) AS reply_end
    FROM stamped
    WINDOW w AS (PARTITION BY case_id ORDER BY t, seq
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
as_of_cum AS (
    SELECT calendar, arg_max(cum + CASE WHEN opens THEN $as_of - t ELSE 0 END, t) AS cum_now
    FROM business
    WHERE t <= $as_of
    GROUP BY calendar
)
SELECT case_id, any_value(calendar) AS calendar,
    coalesce(arg_min(cum, pos) FILTER (WHERE reply_end), any_value(cum_now))
        - arg_min(cum, pos) AS first_reply,
    sum(CASE WHEN resolution_over = 0
            AND coalesce(category_now, 'new') NOT IN ('pending', 'on_hold')
        THEN coalesce(next_cum, cum_now) - cum ELSE 0 END)::BIGINT AS resolution
FROM ordered
JOIN as_of_cum USING (calendar)
GROUP BY case_id
"""


def micros(instant: datetime) -> int:
    """An aware instant as microseconds since the epoch (a pendulum one too, in any zone)."""
    return int(pd.Timestamp(instant).value) // 1_000


def business_table(calendars: dict[str, Calendar], start: datetime, end: datetime) -> pd.DataFrame:
    """Cumulative open microseconds at each boundary of each calendar's open intervals.

    One row per opening (``opens``) and per close, from a first row at ``start`` (open time
    0); intervals that touch are merged, so no instant is a boundary twice.
    """
    columns: dict[str, list[Any]] = {"calendar": [], "t": [], "cum": [], "opens": []}

    def row(name: str, t: int, cum: int, opens: bool) -> None:
        columns["calendar"].append(name)
        columns["t"].append(t)
        columns["cum"].append(cum)
        columns["opens"].append(opens)

    for name, calendar in calendars.items():
        spans: list[list[int]] = []
        for interval in calendar.open_intervals(start, end):
            a, b = micros(interval.start), micros(interval.end)
            if spans and spans[-1][1] == a:
                spans[-1][1] = b
            else:
                spans.append([a, b])
        cum = 0
        if not spans or spans[0][0] > micros(start):
            row(name, micros(start), 0, False)
        for a, b in spans:
            row(name, a, cum, True)
            cum += b - a
            row(name, b, cum, False)
    return pd.DataFrame(columns).astype({"t": "int64", "cum": "int64"})


def target_calendars() -> dict[str, Calendar]:
    """The calendars of POLICY's first_reply and resolution targets, by row name."""
    (version,) = POLICY.versions
    found: dict[str, Calendar] = {}
    for row in version.policies:
        (calendar,) = {row.target(metric).calendar.calendar for metric in METRICS}  # type: ignore[union-attr]
        found[row.name] = calendar
    return found


def peak_rss_growth(run: Callable[[], object]) -> float | None:
    """MiB by which peak RSS exceeds RSS before ``run``, in a forked child; None if unknown.

    The child resets the kernel's high-water mark (``/proc/self/clear_refs``), runs, and
    reads ``VmHWM``: numpy, pandas and DuckDB memory alike, and none of what the parent's
    earlier steps freed but kept. Call it before this process starts any DuckDB threads.
    """
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(reader)
        answer = b""
        try:
            gc.collect()
            with open("/proc/self/clear_refs", "w") as handle:
                handle.write("5")
            before = _status_kib("VmRSS:")
            run()
            answer = str((_status_kib("VmHWM:") - before) / 1024).encode()
        except OSError:
            pass
        finally:
            os.write(writer, answer)
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        answer = pipe.read()
    os.waitpid(child, 0)
    return float(answer) if answer else None


def _status_kib(key: str) -> int:
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(key):
                return int(line.split()[1])
    raise OSError(f"no {key} in /proc/self/status")


def profile_top(run: Callable[[], object], count: int) -> tuple[list[str], list[str]]:
    """The top ``count`` entries of a profile of ``run``: by cumulative time inside safetycore.

    And the top ``count`` by own time anywhere (numpy and pandas included).
    """
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler)
    inside, anywhere = [], []
    for (path, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{path.rsplit(os.sep, 2)[-1]}:{line}({function})"
        if f"{os.sep}safetycore{os.sep}" in path:
            where = f"{path.split(f'{os.sep}safetycore{os.sep}', 1)[1]}:{line}({function})"
            inside.append((cumulative, calls, where))
        anywhere.append((own, calls, where))
    inside.sort(reverse=True)
    anywhere.sort(reverse=True)
    return tuple(  # type: ignore[return-value]
        [f"{t:8.3f} s {n:>10,} calls  {where}" for t, n, where in entries[:count]]
        for entries in (inside, anywhere)
    )


def print_floors(frame: pd.DataFrame, result: pd.DataFrame, repeats: int) -> None:
    """What pandas alone costs on this input and output: a floor under any design.

    Reading: factorizing the case ids and kinds, and finding missing cells in the optional
    text columns (what any reader of the table must do at least once). Writing: building a
    frame of the result's shape again from its columns as they stand (arrays ready, nothing
    computed), and the text ``case_id`` column on its own, as text, object and categorical.
    """
    text = [name for name in frame.columns if name not in ("case_id", "at", "kind")]
    columns = {name: result[name].array for name in result.columns}
    case_ids = result["case_id"].to_numpy(dtype=object)
    codes, labels = pd.factorize(case_ids)
    floors = (
        ("factorize case_id", lambda: pd.factorize(frame["case_id"])),
        ("factorize kind", lambda: pd.factorize(frame["kind"])),
        (f"isna over {len(text)} other columns", lambda: [frame[c].isna() for c in text]),
        (f"DataFrame of the result's {len(columns)} columns", lambda: pd.DataFrame(columns)),
        ("result case_id as str", lambda: pd.Series(case_ids, dtype="str")),
        ("result case_id as object", lambda: pd.Series(case_ids, dtype=object)),
        ("result case_id as categorical", lambda: pd.Categorical.from_codes(codes, labels)),
    )
    storage = getattr(frame["case_id"].dtype, "storage", "object")
    print(f"floors (pandas alone; input text columns: {frame['case_id'].dtype} ({storage}))")
    for label, run in floors:
        print(f"  {label:48} {best(run, repeats):8.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=TARGET_CASES, help="tickets to generate")
    parser.add_argument("--quick", action="store_true", help="50,000 cases, for a smoke run")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timing (best)")
    parser.add_argument(
        "--profile", action="store_true", help="also profile read_events + sla_frame once"
    )
    parser.add_argument(
        "--floors",
        action="store_true",
        help="also time what pandas alone spends reading this input and building this output",
    )
    args = parser.parse_args()
    n = 50_000 if args.quick else args.cases

    began = time.perf_counter()
    frame = pd.concat(list(support_tickets(n, seed=SEED)), ignore_index=True)
    generation = time.perf_counter() - began
    events = len(frame)

    # Compile calendars and plans on a few cases, outside the timings.
    sla_frame(read_events(frame.head(2_000)), POLICY, AS_OF)

    calendars = target_calendars()
    span_start = frame["at"].min().to_pydatetime() - timedelta(days=1)
    span_end = AS_OF + timedelta(days=1)
    began = time.perf_counter()
    business = business_table(calendars, span_start, span_end)
    business_seconds = time.perf_counter() - began

    def duck(threads: int) -> Callable[[], pd.DataFrame]:
        con = duckdb.connect()
        con.execute(f"SET threads = {threads}")
        con.register("business", business)

        def run() -> pd.DataFrame:
            # read_events orders events at one instant by table position: DuckDB needs it too.
            con.register("events", frame.assign(seq=np.arange(len(frame))))
            parameters = {"as_of": micros(AS_OF), "urgent": URGENT_ROW, "other": OTHER_ROW}
            return con.execute(QUERY, parameters).df()

        return run

    # Memory first, each step in a child of its own, before any DuckDB thread exists here.
    table = read_events(frame)
    memory = {
        "read": peak_rss_growth(lambda: read_events(frame)),
        "frame": peak_rss_growth(lambda: sla_frame(table, POLICY, AS_OF)),
        "both": peak_rss_growth(lambda: sla_frame(read_events(frame), POLICY, AS_OF)),
        "duck1": peak_rss_growth(lambda: duck(1)()),
        "duck2": peak_rss_growth(lambda: duck(2)()),
    }

    duck_one, duck_two = duck(1), duck(2)
    duck_one()  # plan once

    # Interleaved rounds, so that a passing load falls on every row alike.
    times: dict[str, list[float]] = {name: [] for name in ("read", "frame", "both", "duck1")}
    for _ in range(args.repeats):
        times["read"].append(best(lambda: read_events(frame), 1))
        times["frame"].append(best(lambda: sla_frame(table, POLICY, AS_OF), 1))
        times["both"].append(best(lambda: sla_frame(read_events(frame), POLICY, AS_OF), 1))
        times["duck1"].append(best(duck_one, 1))
    times["duck2"] = [best(duck_two, 1) for _ in range(args.repeats)]
    fastest = {name: min(values) for name, values in times.items()}

    # Equality: DuckDB's two figures against safetycore's business_elapsed, cycle 1.
    result = sla_frame(table, POLICY, AS_OF)
    ours = result[result["metric"].isin(METRICS) & (result["cycle"] == 1)]
    ours = ours.pivot(index="case_id", columns="metric", values="business_elapsed")
    ours = ours.apply(lambda column: column.to_numpy().astype("m8[us]").astype(np.int64))
    theirs = duck_one().set_index("case_id")
    # Cases whose priority changes may move to another row (and calendar) mid-way.
    moved = set(frame.loc[frame["kind"] == "priority_changed", "case_id"])
    live = int((table.at[table.starts()] <= micros(AS_OF)).sum())
    compared = ours.index.difference(pd.Index(sorted(moved), dtype=ours.index.dtype))
    missing = len(compared.difference(theirs.index))
    compared = compared.intersection(theirs.index)
    wrong = {
        metric: int((ours.loc[compared, metric] != theirs.loc[compared, metric]).sum())
        for metric in METRICS
    }

    cores = os.cpu_count()
    print(f"machine: {cores} cores, {platform.platform()}")
    print(
        f"python {platform.python_version()}; numpy {np.__version__}, pandas {pd.__version__}, "
        f"duckdb {duckdb.__version__}"
    )
    print(
        f"{n:,} support tickets, {events:,} events ({events / n:.2f} per case), "
        f"{len(result):,} cycles, as of {AS_OF:%Y-%m-%d}; best of {args.repeats}"
    )
    print(f"data generation (not timed below): {generation:.2f} s")
    print(
        f"business-time table (not timed below): {len(business):,} boundaries of "
        f"{', '.join(calendars)} rows' calendars, {business_seconds * 1e3:.0f} ms"
    )
    print()
    header = f"{'step':52} {'seconds':>8} {'cases/s':>11} {'us/case':>8} {'us/event':>9}"
    header += f" {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    rows = (
        ("read", "read_events(frame)"),
        ("frame", "sla_frame(table, POLICY, AS_OF), every metric"),
        ("both", "read_events + sla_frame (from the DataFrame)"),
        ("duck1", "DuckDB, 2 metrics, 1 thread"),
        ("duck2", "DuckDB, 2 metrics, 2 threads"),
    )
    for key, label in rows:
        seconds = fastest[key]
        peak = memory[key]
        print(
            f"{label:52} {seconds:8.3f} {n / seconds:11,.0f} {seconds / n * 1e6:8.2f} "
            f"{seconds / events * 1e6:9.3f} {'n/a' if peak is None else f'{peak:9,.0f}'}"
        )
    print(
        "peak MiB: growth of peak RSS over RSS before the step (VmHWM after resetting it "
        "through /proc/self/clear_refs), one untimed run in a forked child"
    )
    print()
    print(
        f"safetycore every metric / DuckDB two metrics: "
        f"{fastest['both'] / fastest['duck1']:.2f}x (1 thread), "
        f"{fastest['both'] / fastest['duck2']:.2f}x (DuckDB on 2 threads)"
    )
    print(
        f"DuckDB vs sla_frame business_elapsed, cycle 1, on {len(compared):,} cases "
        f"(of {live:,} created by as_of; {len(moved):,} with a priority change left out, "
        f"{missing:,} missing from DuckDB): "
        + ", ".join(f"{metric} {count:,} disagreements" for metric, count in wrong.items())
    )
    per_million = fastest["both"] * TARGET_CASES / n
    verdict = "met" if per_million < TARGET_SECONDS else "NOT met"
    print(
        f"target (issue 10): {TARGET_CASES:,} cases of about 8 events, every standard metric, "
        f"under {TARGET_SECONDS} s on one core from the events DataFrame: "
        f"{per_million:.2f} s{' (scaled from this run)' if n != TARGET_CASES else ''}, {verdict}"
    )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS (ru_maxrss, everything above): {maxrss:,.0f} MiB")

    if args.floors:
        print()
        print_floors(frame, result, args.repeats)

    if args.profile:
        print()
        inside, anywhere = profile_top(lambda: sla_frame(read_events(frame), POLICY, AS_OF), 10)
        print("cProfile, read_events + sla_frame once: top 10 cumulative inside safetycore")
        for line in inside:
            print(f"  {line}")
        print("top 10 own time, any function")
        for line in anywhere:
            print(f"  {line}")


if __name__ == "__main__":
    main()

"""Business-time throughput and correctness: safetycore against what users pick today.

Two workloads (``WORKLOADS``) run through safetycore's scalar ``Calendar`` API and its bulk
``safetycore.analysis`` path, through two hand-written baselines that query the same table of
open intervals (pure-Python ``bisect``; ``numpy.searchsorted``), and through the peer libraries
users reach for: pandas ``CustomBusinessHour`` (add), ``businesstime`` and
``business-duration`` (elapsed). For each it prints throughput, the ratio to safetycore's scalar
API and to the relevant baseline, and how many answers on a sample disagree with the slow,
independent oracle ``safetycore.testing.oracle.ReferenceCalendar``.

Run ``.venv/bin/python benchmarks/calendar_bench.py [--quick]`` (``make bench``); what is
measured and how answers are compared is in ``benchmarks/README.md`` and in ``NOTES`` below.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.metadata
import math
import os
import platform
import subprocess
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from safetycore.sla import Calendar

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_US = timedelta(microseconds=1)
US_PER_SECOND = 1_000_000
US_PER_HOUR = 3_600 * US_PER_SECOND
# Peers answer in whole seconds or in float hours; an answer within this much of the oracle's
# counts as right. safetycore and the baselines must match the oracle to the microsecond.
PEER_TOLERANCE_US = US_PER_SECOND
_datetime_sub = datetime.__sub__  # pendulum.DateTime - datetime would build an Interval

# Queries start uniformly over these local years; elapsed ends come up to 30 days later and
# add durations are 1 to 40 whole business hours (CustomBusinessHour counts whole hours).
FIRST_YEAR, LAST_YEAR = 2024, 2026
MAX_ELAPSED = timedelta(days=30)
MAX_HOURS = 40
# The baseline tables cover the queries with room to spare on both sides.
SPAN_FIRST, SPAN_LAST = date(FIRST_YEAR - 1, 12, 1), date(LAST_YEAR + 1, 3, 1)

NOTES = """\
How answers are compared (wrong / checked; checked = the first queries of the timed set):
- safetycore and both baselines: exact, to the microsecond (elapsed as a timedelta, add as
  the instant: UTC microseconds, so a fold's two 01:30s are told apart).
- peers: within 1 second of the oracle. An exception (pandas raises for a wall-clock result in
  a DST gap or fold), NaN or a non-answer counts as wrong.
- "0 open time apart": wrong add answers with no open time between them and the oracle's,
  such as the next opening where the oracle (safetycore's documented rule) lands on the close:
  an SLA due at 17:00 is breached at 18:00, one due at 09:00 the next day is not. They are
  counted wrong, and shown apart so that a reader can weigh them.
- businesstime needs naive datetimes: each aware input is converted to the calendar zone's
  local wall time (dt.astimezone(zone).replace(tzinfo=None)), as a user would; its answer is
  businesstime_hours(), a timedelta of business hours.
- business-duration gets the same naive local times, unit='hour'; its float hours are
  converted to seconds.
- pandas gets pd.Timestamp(aware start) + CustomBusinessHour(n=k) with the k-hour offsets
  built once up front; its aware Timestamp result is compared as an instant.
- every peer gets the very dates of the holidays safetycore uses (the holidays package, as
  safetycore.sla.HolidaySource returns them), so no disagreement is about holiday data. The
  second workload has no holidays: peers close a holiday's business day (its shift runs on past
  midnight), safetycore its whole local date, and that convention is not what is measured.
- the second schedule is open on Saturday and Sunday nights, so London's two DST changes
  (Sunday 01:00 UTC) fall inside open time; every peer that can express it runs on it, and a
  peer that cannot runs on the part it can ([night shift only] rows, against the oracle of
  that calendar).
- timing: time.perf_counter around a list comprehension over the queries (or one bulk call),
  garbage collector off, best of the repeats, rows compared by a target ratio timed
  interleaved (A B A B ...); the calendar and tables are built and warmed
  before timing (queries, not compilation, are measured). Baseline tables come from
  safetycore's own Calendar.open_intervals() over the span."""


# -- workloads -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """One calendar, with what each peer needs to express it (or why it cannot)."""

    key: str
    title: str
    config: dict[str, Any]
    seed: int
    # Why each peer cannot express the schedule; absent when it can.
    cannot: dict[str, str] = field(default_factory=dict)
    # pandas CustomBusinessHour arguments (start, end, weekmask); businesstime/business-duration
    # take one (opening, closing) pair and a weekend list.
    pandas_hours: tuple[list[str], list[str], str] | None = None
    day_hours: tuple[clock, clock] | None = None
    weekend: tuple[int, ...] = (5, 6)
    # The part of the schedule that peers unable to express the whole can express: they run
    # on it as extra "probe" rows, checked against the oracle of that smaller calendar.
    part: Workload | None = None

    @property
    def zone(self) -> str:
        return str(self.config["zone"])


WORKLOADS = (
    Workload(
        key="office",
        title="Mon-Fri 09:00-17:00 America/New_York, US federal holidays",
        config={
            "zone": "America/New_York",
            "hours": {"mon-fri": "09:00-17:00"},
            "holidays": [{"country": "US"}],
        },
        seed=20240101,
        pandas_hours=(["09:00"], ["17:00"], "Mon Tue Wed Thu Fri"),
        day_hours=(clock(9), clock(17)),
    ),
    Workload(
        key="night",
        title="Daily split day 09:00-12:00, 13:00-17:00 plus night shift 22:00-06:00, "
        "Europe/London, no holidays",
        config={
            "zone": "Europe/London",
            "hours": {"daily": "09:00-12:00, 13:00-17:00, 22:00-06:00"},
        },
        seed=20240331,
        cannot={
            "businesstime": "one opening pair per day (business_hours=(start, end)); no split "
            "day and no shift past midnight",
            "business-duration": "one starttime-endtime pair per day; no split day",
        },
        part=Workload(
            key="night shift only",
            title="daily 22:00-06:00 Europe/London",
            config={"zone": "Europe/London", "hours": {"daily": "22:00-06:00"}},
            seed=20240331,
            cannot={
                "pandas": "runs the whole schedule above",
                "businesstime": "no shift past midnight",
            },
            day_hours=(clock(22), clock(6)),
            weekend=(),
        ),
        pandas_hours=(
            ["09:00", "13:00", "22:00"],
            ["12:00", "17:00", "06:00"],
            "Mon Tue Wed Thu Fri Sat Sun",
        ),
    ),
)


@dataclass(frozen=True)
class Sizes:
    """How many queries each kind of implementation runs, and how many are checked."""

    scalar: int  # safetycore scalar API and the pure-Python baseline
    peer: int  # the peer libraries (slow); at least ``check``
    bulk: int  # the bulk path and the numpy baseline
    check: int  # answers per operation compared with the oracle
    repeats: int


FULL = Sizes(scalar=200_000, peer=2_000, bulk=1_000_000, check=2_000, repeats=5)
QUICK = Sizes(scalar=10_000, peer=200, bulk=50_000, check=200, repeats=2)


@dataclass
class Queries:
    """Random queries in random order: integer UTC microseconds, plus aware datetimes."""

    start_us: np.ndarray
    end_us: np.ndarray
    duration_us: np.ndarray
    starts: list[datetime]  # the first ``sizes.scalar`` starts, aware, in the calendar zone
    ends: list[datetime]
    durations: list[timedelta]


def make_queries(workload: Workload, count: int, scalar_count: int) -> Queries:
    zone = ZoneInfo(workload.zone)
    lo = (datetime(FIRST_YEAR, 1, 1, tzinfo=zone) - EPOCH) // ONE_US
    hi = (datetime(LAST_YEAR + 1, 1, 1, tzinfo=zone) - EPOCH) // ONE_US
    rng = np.random.default_rng(workload.seed)
    seconds = US_PER_SECOND
    start_us = rng.integers(lo // seconds, hi // seconds, count, dtype=np.int64) * seconds
    span_s = MAX_ELAPSED // timedelta(seconds=1)
    end_us = start_us + rng.integers(0, span_s, count, dtype=np.int64, endpoint=True) * seconds
    duration_us = rng.integers(1, MAX_HOURS, count, dtype=np.int64, endpoint=True) * US_PER_HOUR

    def aware(values: np.ndarray) -> list[datetime]:
        return [(EPOCH + timedelta(microseconds=int(u))).astimezone(zone) for u in values]

    return Queries(
        start_us=start_us,
        end_us=end_us,
        duration_us=duration_us,
        starts=aware(start_us[:scalar_count]),
        ends=aware(end_us[:scalar_count]),
        durations=[timedelta(microseconds=int(u)) for u in duration_us[:scalar_count]],
    )


# -- answers as integers --------------------------------------------------------------------


def instant_us(value: Any) -> int | None:
    """UTC microseconds of an aware instant (stdlib, pendulum or pandas), else ``None``."""
    if isinstance(value, pd.Timestamp):
        return None if value.tzinfo is None else int(value.value) // 1_000
    if isinstance(value, datetime) and value.tzinfo is not None:
        return int(_datetime_sub(value, EPOCH) // ONE_US)
    return None


def duration_us(value: Any) -> int | None:
    """Microseconds of a timedelta, else ``None``."""
    if isinstance(value, timedelta):
        return int(value // ONE_US)
    return None


def hours_us(value: Any) -> int | None:
    """Microseconds of a float number of hours (business-duration's answer), else ``None``."""
    if isinstance(value, int | float) and math.isfinite(value):
        return round(value * US_PER_HOUR)
    return None


def fmt_duration(micros: int | None) -> str:
    if micros is None:
        return "no answer"
    sign = "-" if micros < 0 else ""
    seconds, micro = divmod(abs(micros), US_PER_SECOND)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    text = f"{sign}{hours}:{minute:02d}:{second:02d}"
    return text + (f".{micro:06d}" if micro else "") + " h"


def fmt_instant(micros: int | None, zone: ZoneInfo) -> str:
    if micros is None:
        return "no answer"
    return (EPOCH + timedelta(microseconds=micros)).astimezone(zone).isoformat()


# -- baselines over the same table of open intervals ------------------------------------------


@dataclass(frozen=True)
class IntervalTable:
    """Sorted open intervals as UTC microseconds, with cumulative open time before each."""

    starts: list[int]
    ends: list[int]
    cum: list[int]  # open time before each interval
    cum_end: list[int]  # open time up to each interval's end

    @classmethod
    def of(cls, calendar: Calendar) -> IntervalTable:
        zone = ZoneInfo(calendar.zone)
        span = calendar.open_intervals(
            datetime.combine(SPAN_FIRST, clock(), tzinfo=zone),
            datetime.combine(SPAN_LAST, clock(), tzinfo=zone),
        )
        starts = [int(_datetime_sub(item.start, EPOCH) // ONE_US) for item in span]
        ends = [int(_datetime_sub(item.end, EPOCH) // ONE_US) for item in span]
        cum, cum_end, total = [], [], 0
        for start, end in zip(starts, ends, strict=True):
            cum.append(total)
            total += end - start
            cum_end.append(total)
        return cls(starts, ends, cum, cum_end)


def bisect_baseline(
    table: IntervalTable, zone: ZoneInfo
) -> tuple[Callable[[datetime, datetime], timedelta], Callable[[datetime, timedelta], datetime]]:
    """Hand-written scalar elapsed and add: aware datetimes in and out, ``bisect`` inside.

    No range checks: every query lies well inside the table's span by construction.
    """
    starts, ends, cum, cum_end = table.starts, table.ends, table.cum, table.cum_end

    def open_before(t: int) -> int:
        i = bisect_right(starts, t) - 1
        end = ends[i]
        return cum[i] + (t if t < end else end) - starts[i]

    def elapsed(start: datetime, end: datetime) -> timedelta:
        a = (start - EPOCH) // ONE_US
        b = (end - EPOCH) // ONE_US
        return timedelta(microseconds=open_before(b) - open_before(a))

    def add(start: datetime, duration: timedelta) -> datetime:
        target = open_before((start - EPOCH) // ONE_US) + duration // ONE_US
        i = bisect_left(cum_end, target)
        return (EPOCH + timedelta(microseconds=starts[i] + target - cum[i])).astimezone(zone)

    return elapsed, add


def numpy_baseline(
    table: IntervalTable,
) -> tuple[
    Callable[[np.ndarray, np.ndarray], np.ndarray], Callable[[np.ndarray, np.ndarray], np.ndarray]
]:
    """Hand-written bulk elapsed and add on ``datetime64[us]`` (UTC) arrays, ``searchsorted``."""
    starts = np.asarray(table.starts, dtype=np.int64)
    ends = np.asarray(table.ends, dtype=np.int64)
    cum = np.asarray(table.cum, dtype=np.int64)
    cum_end = np.asarray(table.cum_end, dtype=np.int64)

    def open_before(t: np.ndarray) -> np.ndarray:
        i = np.searchsorted(starts, t, side="right") - 1
        return cum[i] + np.minimum(t, ends[i]) - starts[i]

    def elapsed(start: np.ndarray, end: np.ndarray) -> np.ndarray:
        a = start.view(np.int64)
        b = end.view(np.int64)
        return (open_before(b) - open_before(a)).view("timedelta64[us]")

    def add(start: np.ndarray, duration: np.ndarray) -> np.ndarray:
        target = open_before(start.view(np.int64)) + duration.view(np.int64)
        i = np.searchsorted(cum_end, target, side="left")
        return (starts[i] + target - cum[i]).view("datetime64[us]")

    return elapsed, add


# -- timing and checking ----------------------------------------------------------------------


def best_time(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The shortest of ``repeats`` runs (seconds), garbage collector off, and the last result."""
    best, result = math.inf, None
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            began = time.perf_counter()
            result = run()
            took = time.perf_counter() - began
        finally:
            gc.enable()
        best = min(best, took)
    return best, result


def guarded(call: Callable[..., Any], *columns: Sequence[Any]) -> list[Any]:
    """``call`` over the rows of ``columns``, keeping an exception as that row's answer."""
    out: list[Any] = []
    append = out.append
    for args in zip(*columns, strict=True):
        try:
            append(call(*args))
        except Exception as error:  # a peer's failure is a wrong answer, not a crash
            append(error)
    return out


@dataclass
class Row:
    """One implementation and operation of one workload: its speed and its wrong answers."""

    impl: str
    op: str
    kind: str  # "scalar", "baseline-py", "bulk", "baseline-np", "peer" or "probe"
    n: int = 0
    seconds: float = 0.0
    wrong: int = 0
    checked: int = 0
    # Wrong add answers with no open time between them and the oracle's (such as the next
    # opening where the oracle lands on a close): still wrong, counted apart to be fair.
    apart0: int = 0
    raised: int = 0  # answers that were exceptions (counted in ``wrong``)
    example: str = ""  # the first wrong answer (not one of ``apart0`` when there is another)
    example_apart0: str = ""
    na: str = ""  # why the implementation cannot run this workload

    @property
    def rate(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0


@dataclass
class Oracle:
    """The oracle's answers on the check sample of one workload."""

    reference: Any  # safetycore.testing.oracle.ReferenceCalendar
    zone: ZoneInfo
    starts: list[datetime]
    ends: list[datetime]
    durations: list[timedelta]
    elapsed: list[int]
    add: list[int]

    def judge(
        self,
        row: Row,
        answers: Sequence[Any],
        to_us: Callable[[Any], int | None],
        tolerance: int,
    ) -> None:
        """Count ``answers`` that miss the oracle's by more than ``tolerance`` microseconds."""
        expected = self.elapsed if row.op == "elapsed" else self.add
        row.checked = len(expected)
        row.wrong = row.apart0 = row.raised = 0
        for i, (want, answer) in enumerate(zip(expected, answers, strict=True)):
            have = to_us(answer)
            if have is not None and abs(have - want) <= tolerance:
                continue
            row.wrong += 1
            row.raised += isinstance(answer, Exception)
            text = self.describe(row.op, i, answer, have, want)
            if row.op == "add" and have is not None and self.no_open_time(have, want):
                row.apart0 += 1
                row.example_apart0 = row.example_apart0 or text
            else:
                row.example = row.example or text
        if not row.example:
            row.example = row.example_apart0
            row.example_apart0 = ""

    def no_open_time(self, a: int, b: int) -> bool:
        """Whether the oracle finds no open time between the instants ``a`` and ``b``."""
        first, last = sorted((a, b))
        return not self.reference.elapsed(
            EPOCH + timedelta(microseconds=first), EPOCH + timedelta(microseconds=last)
        )

    def describe(self, op: str, i: int, answer: Any, have: int | None, want: int) -> str:
        start = self.starts[i].isoformat()
        if isinstance(answer, Exception):
            got = f"raises {type(answer).__name__}: {str(answer).splitlines()[0][:90]}"
        elif op == "elapsed":
            got = f"= {fmt_duration(have)}"
        else:
            got = f"= {fmt_instant(have, self.zone)}"
        if op == "elapsed":
            return (
                f"elapsed({start}, {self.ends[i].isoformat()}) {got}; oracle {fmt_duration(want)}"
            )
        hours = self.durations[i] // timedelta(hours=1)
        return f"add({start}, {hours} h) {got}; oracle {fmt_instant(want, self.zone)}"


def oracle_answers(calendar: Calendar, queries: Queries, count: int) -> Oracle:
    from safetycore.testing.oracle import ReferenceCalendar

    reference = ReferenceCalendar(calendar)
    starts, ends, durations = (
        queries.starts[:count],
        queries.ends[:count],
        queries.durations[:count],
    )
    elapsed = [duration_us(reference.elapsed(s, e)) for s, e in zip(starts, ends, strict=True)]
    added = [instant_us(reference.add(s, d)) for s, d in zip(starts, durations, strict=True)]
    if None in elapsed or None in added:
        raise SystemExit("the oracle returned something that is not a timedelta / aware instant")
    return Oracle(
        reference,
        ZoneInfo(calendar.zone),
        starts,
        ends,
        durations,
        [int(v) for v in elapsed if v is not None],
        [int(v) for v in added if v is not None],
    )


def array_us(values: Any) -> list[int | None]:
    """Microseconds of each element of a numpy or pandas result (instants in UTC)."""
    if isinstance(values, pd.Series):
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        values = values.to_numpy()
    array = np.asarray(values)
    if array.dtype.kind == "M":
        array = array.astype("datetime64[us]")
    elif array.dtype.kind == "m":
        array = array.astype("timedelta64[us]")
    else:
        return [None] * len(array)
    return [int(v) for v in array.view(np.int64)]


# -- one workload ---------------------------------------------------------------------------


@dataclass
class Job:
    """One implementation and operation to time: a warm-up, the timed run, and its judging."""

    impl: str
    kind: str
    op: str
    n: int
    warm: Callable[[], Any]
    run: Callable[[], Any]
    judge: Callable[[Row, Any], None]  # counts the run's answers against the oracle


def measure(jobs: Sequence[Job], repeats: int) -> list[Row]:
    """Time ``jobs`` interleaved (A, B, A, B, ...), best of ``repeats`` each, then judge them.

    Interleaving puts a passing load on the machine on every side of a ratio, not on one.
    """
    live: list[Job] = []
    rows: dict[int, Row] = {}
    for i, job in enumerate(jobs):
        try:
            job.warm()
        except Exception as error:  # a path still being written: report it, run the rest
            rows[i] = Row(job.impl, job.op, job.kind, na=f"raised {type(error).__name__}: {error}")
        else:
            live.append(job)
    best = dict.fromkeys(map(id, live), math.inf)
    results: dict[int, Any] = {}
    for _ in range(repeats):
        for job in live:
            took, results[id(job)] = best_time(job.run, 1)
            best[id(job)] = min(best[id(job)], took)
    for i, job in enumerate(jobs):
        if i not in rows:
            row = Row(job.impl, job.op, job.kind, n=job.n, seconds=best[id(job)])
            job.judge(row, results[id(job)])
            rows[i] = row
    return [rows[i] for i in range(len(jobs))]


def run_workload(workload: Workload, sizes: Sizes) -> list[Row]:
    calendar = Calendar.from_dict(workload.config)
    zone = ZoneInfo(workload.zone)
    queries = make_queries(workload, sizes.bulk, sizes.scalar)
    table = IntervalTable.of(calendar)  # also compiles and warms the calendar's index
    print(f"  oracle: {sizes.check:,} queries per operation ...", flush=True)
    began = time.perf_counter()
    oracle = oracle_answers(calendar, queries, sizes.check)
    print(f"  oracle took {time.perf_counter() - began:.1f} s", flush=True)
    check = sizes.check
    second_of = {"elapsed": queries.ends, "add": queries.durations}
    answer_of = {"elapsed": duration_us, "add": instant_us}

    def scalar_job(
        impl: str,
        kind: str,
        op: str,
        call: Callable[[Any, Any], Any],
        n: int,
        *,
        to_us: Callable[[Any], int | None] | None = None,
        tolerance: int = 0,
        judge_with: Oracle | None = None,
    ) -> Job:
        firsts, seconds = queries.starts[:n], second_of[op][:n]
        if kind in {"peer", "probe"}:

            def run() -> list[Any]:
                return guarded(call, firsts, seconds)
        else:

            def run() -> list[Any]:
                return [call(a, b) for a, b in zip(firsts, seconds)]  # noqa: B905 (speed)

        def judge(row: Row, result: Any) -> None:
            (judge_with or oracle).judge(row, result[:check], to_us or answer_of[op], tolerance)

        def warm() -> Any:
            if kind in {"peer", "probe"}:  # a peer's exception is an answer, not a reason to skip
                return guarded(call, firsts[:1], seconds[:1])
            return call(firsts[0], seconds[0])

        return Job(impl, kind, op, n, warm, run, judge)

    def bulk_job(impl: str, kind: str, op: str, run: Callable[[], Any]) -> Job:
        def judge(row: Row, result: Any) -> None:
            oracle.judge(row, array_us(result)[:check], lambda v: v, 0)

        return Job(impl, kind, op, sizes.bulk, run, run, judge)

    py_call = dict(zip(("elapsed", "add"), bisect_baseline(table, zone), strict=True))
    sc_call = {"elapsed": calendar.elapsed, "add": calendar.add}
    start64 = queries.start_us.view("datetime64[us]")
    other64 = {
        "elapsed": queries.end_us.view("datetime64[us]"),
        "add": queries.duration_us.view("timedelta64[us]"),
    }
    np_call = dict(zip(("elapsed", "add"), numpy_baseline(table), strict=True))
    start_series = pd.Series(pd.DatetimeIndex(start64, tz="UTC").tz_convert(workload.zone))
    other_series = {
        "elapsed": pd.Series(pd.DatetimeIndex(other64["elapsed"], tz="UTC").tz_convert(zone)),
        "add": pd.Series(other64["add"]),
    }
    analysis, missing = bulk_module()

    measured: list[Row] = []
    for op in ("elapsed", "add"):
        measured += measure(
            [
                scalar_job("safetycore Calendar", "scalar", op, sc_call[op], sizes.scalar),
                scalar_job(
                    "baseline: bisect (pure Python)", "baseline-py", op, py_call[op], sizes.scalar
                ),
            ],
            sizes.repeats,
        )
        jobs: list[Job] = []
        if analysis is None:
            measured += [
                Row(impl, op, "bulk", na=missing)
                for impl in ("safetycore.analysis (numpy)", "safetycore.analysis (pandas)")
            ]
        else:
            bulk_call = getattr(analysis, op)
            jobs += [
                bulk_job(
                    "safetycore.analysis (numpy)",
                    "bulk",
                    op,
                    functools.partial(bulk_call, calendar, start64, other64[op], utc=True),
                ),
                bulk_job(
                    "safetycore.analysis (pandas)",
                    "bulk",
                    op,
                    functools.partial(bulk_call, calendar, start_series, other_series[op]),
                ),
            ]
        jobs.append(
            bulk_job(
                "baseline: numpy.searchsorted",
                "baseline-np",
                op,
                functools.partial(np_call[op], start64, other64[op]),
            )
        )
        measured += measure(jobs, sizes.repeats)
    order = [
        "safetycore Calendar",
        "baseline: bisect (pure Python)",
        "safetycore.analysis (numpy)",
        "safetycore.analysis (pandas)",
        "baseline: numpy.searchsorted",
    ]
    rows = sorted(measured, key=lambda row: (order.index(row.impl), row.op != "elapsed"))

    peer_n = max(sizes.peer, check)
    for job_or_row in peer_jobs(workload, zone, holidays_of(calendar), scalar_job, peer_n):
        rows += (
            [job_or_row] if isinstance(job_or_row, Row) else measure([job_or_row], sizes.repeats)
        )
    part = workload.part
    if part is not None:
        part_calendar = Calendar.from_dict(part.config)
        probe = functools.partial(
            scalar_job, judge_with=oracle_answers(part_calendar, queries, check)
        )
        for job in peer_jobs(part, zone, holidays_of(part_calendar), probe, peer_n):
            if isinstance(job, Job):
                job.impl, job.kind = f"{job.impl} [{part.key}]", "probe"
                rows += measure([job], sizes.repeats)
    return rows


def bulk_module() -> tuple[Any, str]:
    """``safetycore.analysis`` if it has ``elapsed`` and ``add``, else ``None`` and why not."""
    try:
        from safetycore import analysis
    except ImportError as error:
        return None, f"safetycore.analysis is not importable ({error})"
    for name in ("elapsed", "add"):
        if not callable(getattr(analysis, name, None)):
            return None, f"safetycore.analysis has no {name}()"
    return analysis, ""


def holidays_of(calendar: Calendar) -> list[date]:
    years = range(SPAN_FIRST.year, SPAN_LAST.year + 1)
    found: set[date] = set()
    for source in calendar.holidays:
        found.update(source.dates(years))
    return sorted(found)


def peer_jobs(
    workload: Workload,
    zone: ZoneInfo,
    holiday_dates: list[date],
    scalar_job: Callable[..., Job],
    n: int,
) -> list[Job | Row]:
    """A job for each peer that can express ``workload``; an n/a row for each that cannot."""
    out: list[Job | Row] = []
    tolerance = PEER_TOLERANCE_US

    # pandas CustomBusinessHour: add only
    if "pandas" in workload.cannot or workload.pandas_hours is None:
        reason = workload.cannot.get("pandas", "")
        out.append(Row("pandas CustomBusinessHour", "add", "peer", na=reason))
    else:
        start, end, weekmask = workload.pandas_hours
        offsets = {
            k: pd.offsets.CustomBusinessHour(
                n=k, start=start, end=end, weekmask=weekmask, holidays=holiday_dates
            )
            for k in range(1, MAX_HOURS + 1)
        }
        hour = timedelta(hours=1)

        def pandas_add(at: datetime, duration: timedelta) -> pd.Timestamp:
            return pd.Timestamp(at) + offsets[duration // hour]

        out.append(
            scalar_job(
                "pandas CustomBusinessHour", "peer", "add", pandas_add, n, tolerance=tolerance
            )
        )

    # businesstime: elapsed only
    if "businesstime" in workload.cannot or workload.day_hours is None:
        reason = workload.cannot.get("businesstime", "")
        out.append(Row("businesstime", "elapsed", "peer", na=reason))
    else:
        from businesstime import BusinessTime

        bt = BusinessTime(
            business_hours=workload.day_hours,
            weekends=workload.weekend,
            holidays=set(holiday_dates),
        )

        def businesstime_elapsed(start: datetime, end: datetime) -> timedelta:
            return bt.businesstime_hours(
                start.astimezone(zone).replace(tzinfo=None),
                end.astimezone(zone).replace(tzinfo=None),
            )

        out.append(
            scalar_job(
                "businesstime", "peer", "elapsed", businesstime_elapsed, n, tolerance=tolerance
            )
        )

    # business-duration: elapsed only
    if "business-duration" in workload.cannot or workload.day_hours is None:
        reason = workload.cannot.get("business-duration", "")
        out.append(Row("business-duration", "elapsed", "peer", na=reason))
    else:
        from business_duration import businessDuration

        opening, closing = workload.day_hours
        holiday_set = set(holiday_dates)
        weekend = list(workload.weekend)

        def business_duration_elapsed(start: datetime, end: datetime) -> float:
            return businessDuration(
                start.astimezone(zone).replace(tzinfo=None),
                end.astimezone(zone).replace(tzinfo=None),
                starttime=opening,
                endtime=closing,
                weekendlist=weekend,
                holidaylist=holiday_set,
                unit="hour",
            )

        out.append(
            scalar_job(
                "business-duration",
                "peer",
                "elapsed",
                business_duration_elapsed,
                n,
                to_us=hours_us,
                tolerance=tolerance,
            )
        )
    return out


# -- report ---------------------------------------------------------------------------------

BASELINE_OF = {"scalar": "baseline-py", "baseline-py": "baseline-py", "peer": "baseline-py"}
BASELINE_OF |= {"bulk": "baseline-np", "baseline-np": "baseline-np"}
BASELINE_NAME = {"baseline-py": "bisect", "baseline-np": "numpy"}


def rate_of(rows: Sequence[Row], kind: str, op: str) -> float:
    """The throughput of the first measured row of ``kind`` for ``op`` (0 when absent)."""
    for row in rows:
        if row.kind == kind and row.op == op and not row.na:
            return row.rate
    return 0.0


def ratio(a: float, b: float) -> str:
    if not a or not b:
        return "-"
    value = a / b
    return f"{value:.3f}x" if value < 0.1 else f"{value:.2f}x"


def table_lines(rows: Sequence[Row]) -> list[str]:
    header = (
        "implementation",
        "op",
        "n",
        "calls/s",
        "us/call",
        "vs safetycore scalar",
        "vs baseline",
        "wrong/checked",
        "raised",
        "0 open time apart",
    )
    body: list[tuple[str, ...]] = []
    for row in rows:
        if row.na:
            body.append((row.impl, row.op, "-", "n/a", "-", "-", "-", "n/a", "-", "-"))
            continue
        if row.kind == "probe":  # another calendar: ratios would compare unlike work
            vs_scalar = vs_baseline = "-"
        else:
            baseline = BASELINE_OF[row.kind]
            vs_scalar = ratio(row.rate, rate_of(rows, "scalar", row.op))
            vs_baseline = (
                f"{ratio(row.rate, rate_of(rows, baseline, row.op))} ({BASELINE_NAME[baseline]})"
            )
        body.append(
            (
                row.impl,
                row.op,
                f"{row.n:,}",
                f"{row.rate:,.0f}",
                f"{1e6 / row.rate:.3f}" if row.rate > 1e5 else f"{1e6 / row.rate:.1f}",
                vs_scalar,
                vs_baseline,
                f"{row.wrong:,}/{row.checked:,}",
                f"{row.raised:,}" if row.kind in {"peer", "probe"} else "-",
                f"{row.apart0:,}" if row.op == "add" else "-",
            )
        )
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    left = {0, 1}

    def fmt(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(w) if i in left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [fmt(header), fmt(tuple("-" * w for w in widths))]
    lines.extend(fmt(cells) for cells in body)
    return lines


def report(workload: Workload, rows: Sequence[Row]) -> list[str]:
    lines = table_lines(rows)
    notes = [f"  n/a {row.impl} ({row.op}): {row.na}" for row in rows if row.na]
    examples = [f"  {row.impl} ({row.op}): {row.example}" for row in rows if row.example]
    examples += [
        f"  {row.impl} ({row.op}, 0 open time apart): {row.example_apart0}"
        for row in rows
        if row.example_apart0
    ]
    if notes:
        lines += ["", "cannot run:", *notes]
    if workload.part is not None and any(row.kind == "probe" for row in rows):
        lines += [
            "",
            f"[{workload.part.key}]: a peer that cannot express this schedule, run on the part "
            f"it can ({workload.part.title}, no holidays) and checked against the oracle of that "
            "calendar on the same queries",
        ]
    if examples:
        lines += ["", "first wrong answer of each:", *examples]
    return [f"== {workload.title}", *lines]


def targets(all_rows: dict[str, list[Row]]) -> tuple[list[str], bool]:
    """The issue's targets, checked on this run's figures: lines to print and whether all hold."""
    lines: list[str] = []
    ok = True
    for key, rows in all_rows.items():
        for op in ("elapsed", "add"):
            scalar = rate_of(rows, "scalar", op) / (rate_of(rows, "baseline-py", op) or math.inf)
            passed = scalar >= 1 / 3
            ok &= passed
            lines.append(
                f"{key:6} {op:8} scalar / bisect baseline = {scalar:.2f} (target >= 0.33): "
                f"{'met' if passed else 'NOT MET'}"
            )
            bulk = rate_of(rows, "bulk", op) / (rate_of(rows, "baseline-np", op) or math.inf)
            passed = bulk >= 2
            ok &= passed
            shown = f"{bulk:.2f}" if bulk else "not measured"
            lines.append(
                f"{key:6} {op:8} bulk (numpy in) / numpy baseline = {shown} (target >= 2): "
                f"{'met' if passed else 'NOT MET'}"
            )
        wrong = sum(row.wrong for row in rows if row.kind in {"scalar", "bulk"} and not row.na)
        checked = sum(row.checked for row in rows if row.kind in {"scalar", "bulk"} and not row.na)
        ok &= wrong == 0
        lines.append(
            f"{key:6} safetycore wrong answers = {wrong:,}/{checked:,} (target 0): "
            f"{'met' if wrong == 0 else 'NOT MET'}"
        )
    return lines, ok


def machine() -> list[str]:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = []
    for dist in ("safetycore", "pendulum", "numpy", "pandas", "businesstime", "business-duration"):
        try:
            versions.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{dist} (not installed)")
    return [
        f"safetycore source: {source_state()}",
        f"machine: {os.cpu_count()} cores ({model or platform.processor() or platform.machine()}), "
        f"{platform.system()} {platform.release()}",
        f"python {platform.python_version()} ({platform.python_implementation()}); "
        + ", ".join(versions),
    ]


def source_state() -> str:
    """The commit of the working tree and whether ``src`` differs from it (read-only git)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    return f"commit {commit}" + (" with uncommitted changes under src/" if dirty else "")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small n: a smoke run of < 60 s")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    began = time.perf_counter()
    print("safetycore calendar benchmark" + (" (quick)" if args.quick else ""))
    print(*machine(), sep="\n")
    print(
        f"queries: starts uniform over {FIRST_YEAR}-{LAST_YEAR} (local, whole seconds, random "
        f"order); elapsed ends up to {MAX_ELAPSED.days} days later; add 1-{MAX_HOURS} whole "
        f"business hours; best of {sizes.repeats}"
    )
    all_rows: dict[str, list[Row]] = {}
    for workload in WORKLOADS:
        print(f"\n[{workload.key}] {workload.title}")
        print(f"  calendar: {workload.config}", flush=True)
        rows = run_workload(workload, sizes)
        all_rows[workload.key] = rows
        print()
        print(*report(workload, rows), sep="\n", flush=True)
    print("\ntargets (ratios within this run):")
    lines, ok = targets(all_rows)
    print(*lines, sep="\n")
    print("all targets met" if ok else "some targets NOT met")
    print()
    print(NOTES)
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

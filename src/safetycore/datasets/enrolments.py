"""Seeded benefits enrolment requests, as facts tables for the group health policy.

Each table has a ``request_id`` column and one column per fact of
``safetycore.eligibility.us_benefits.EnrolmentRequest``, so
``decide_frame(GROUP_HEALTH_ENROLMENT, table, ignore=["request_id"])`` decides it. The mix
is what a benefits care team sees: mostly new hires, then the HIPAA special-enrolment
events; most requests in time, some late; most employees full-time; most proof sent, some
still to come; now and then a fact not yet known.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, Final

import numpy as np
import pandas as pd

from safetycore.datasets._arguments import check, stream
from safetycore.eligibility.benefits import SpecialEnrolmentEvent as E
from safetycore.eligibility.us_benefits import NEW_HIRE

__all__ = ["benefits_enrolments"]

_EVENTS: Final[tuple[tuple[object, float, tuple[str, ...]], ...]] = (
    # (event, share, the documents that prove it)
    (NEW_HIRE, 0.62, ()),
    (E.MARRIAGE, 0.08, ("marriage_certificate",)),
    (E.BIRTH, 0.09, ("birth_certificate",)),
    (E.ADOPTION, 0.02, ("adoption_order",)),
    (E.PLACEMENT_FOR_ADOPTION, 0.01, ("placement_agreement",)),
    (E.LOSS_OF_COVERAGE, 0.12, ("loss_of_coverage_letter",)),
    (E.MEDICAID_CHIP_LOSS, 0.04, ("medicaid_chip_notice",)),
    (E.MEDICAID_CHIP_SUBSIDY, 0.02, ("medicaid_chip_notice",)),
)
_COLUMNS: Final = (
    "request_id",
    "event",
    "event_date",
    "request_date",
    "hours_per_week",
    "hours_in_month",
    "documents",
)


def benefits_enrolments(
    cases: int,
    *,
    seed: int = 0,
    start: date = date(2025, 1, 1),
    days: int = 365,
    chunk_size: int = 100_000,
) -> Iterator[pd.DataFrame]:
    """Enrolment requests as facts tables, ``chunk_size`` requests a table, ``cases`` in all.

    Events (hire or special-enrolment event) fall on the ``days`` days from ``start``, hires
    mostly on Mondays and on the first of a month; a request follows its event by a
    log-normal lag (median ten days: about one in seven is past 30 days); 85 % of employees
    work full time (30 to 45 hours a week), the others 10 to 29; the proof an event needs is
    sent with 85 % of requests; a request date or hours are not known yet in 2 % each
    (``None``). Request ids ``E-0000000`` on. The same arguments give the same tables. The
    argument bounds are ``support_tickets``'s.

    >>> from safetycore.analysis import decide_frame
    >>> from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT
    >>> table = next(benefits_enrolments(200, seed=1))
    >>> frames = decide_frame(GROUP_HEALTH_ENROLMENT, table, ignore=["request_id"])
    >>> sorted(frames.decisions["verdict"].unique())
    ['eligible', 'ineligible', 'needs_info']
    """
    check(cases, seed, start, days, chunk_size)
    # [seed, 1]: streams of their own, apart from the events generators' [seed].
    chunk = functools.partial(_chunk, start=start, days=days)
    return stream(cases, chunk_size, [seed, 1], chunk)


def _chunk(
    rng: np.random.Generator, first: int, count: int, start: date, days: int
) -> pd.DataFrame:
    shares = np.array([share for _, share, _ in _EVENTS])
    which = rng.choice(len(_EVENTS), size=count, p=shares / shares.sum())
    events = np.empty(len(_EVENTS), dtype=object)
    events[:] = [event for event, _, _ in _EVENTS]
    ordinals = np.arange(start.toordinal(), start.toordinal() + days, dtype=np.int64)
    # Hires cluster on Mondays and on the first of a month; other events fall on any day.
    weekday = (ordinals + 6) % 7
    first_of_month = np.array([date.fromordinal(int(o)).day == 1 for o in ordinals])
    hire_weight = np.where(weekday == 0, 5.0, np.where(weekday >= 5, 0.2, 1.0))
    hire_weight = hire_weight * np.where(first_of_month, 4.0, 1.0)
    is_hire = which == 0
    day = rng.choice(ordinals, size=count)
    hires = int(is_hire.sum())
    day[is_hire] = rng.choice(ordinals, size=hires, p=hire_weight / hire_weight.sum())
    lag = np.floor(10 * np.exp(0.75 * rng.standard_normal(count))).astype(np.int64)
    full_time = rng.random(count) < 0.85
    weekly = np.where(full_time, rng.uniform(30, 45, count), rng.uniform(10, 29.9, count))
    weekly = np.round(weekly, 1)
    monthly = np.round(weekly * rng.uniform(4.1, 4.5, count), 1)
    proof = rng.random(count) < 0.85
    unknown_request = rng.random(count) < 0.02
    unknown_hours = rng.random(count) < 0.02
    columns: dict[str, Any] = {
        "request_id": [f"E-{n:07d}" for n in range(first, first + count)],
        "event": events[which],
        "event_date": [date.fromordinal(int(o)) for o in day],
        "request_date": [
            None if unknown else date.fromordinal(int(o)) + timedelta(days=int(d))
            for o, d, unknown in zip(day, lag, unknown_request, strict=True)
        ],
        "hours_per_week": _unknown_where(weekly, unknown_hours),
        "hours_in_month": _unknown_where(monthly, unknown_hours),
        "documents": [
            _EVENTS[k][2] if sent else () for k, sent in zip(which.tolist(), proof, strict=True)
        ],
    }
    return pd.DataFrame(columns, columns=list(_COLUMNS))


def _unknown_where(values: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    """``values`` as Python floats in an object column, ``None`` where not known yet."""
    cells = values.astype(object)
    cells[unknown] = None
    return cells

"""Seeded pet-care guarantee claims, as facts tables for the example pet guarantee.

Each table has a ``claim_id`` column and one column per fact of
``safetycore.eligibility.pet_guarantee.PetGuaranteeClaim``, so
``decide_frame(PET_GUARANTEE, table, ignore=["claim_id"])`` decides it. The mix is what a
trust-and-safety team sees: mostly boardings, sittings and walks booked and paid on the
platform; an injury during the booking, reported within a day of it ending, with a long tail
of late reports; vet care within days; the invoice and the vet records sent with most claims;
now and then a fact not yet known.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from safetycore.datasets._arguments import check, stream
from safetycore.eligibility.money import InvoiceLine

__all__ = ["pet_guarantee_claims"]

_SERVICES: Final[tuple[tuple[str, float, int, float, int], ...]] = (
    # (service, share, fewest extra days, chance a booking ends each further day, most days)
    ("boarding", 0.34, 1, 0.25, 21),
    ("house_sitting", 0.18, 1, 0.3, 14),
    ("drop_in", 0.10, 0, 0.45, 10),
    ("dog_walking", 0.23, 0, 1.0, 0),
    ("day_care", 0.12, 0, 0.8, 4),
    ("meet_and_greet", 0.03, 0, 1.0, 0),
)
_CAUSES: Final = (
    ("injury", 0.83),
    ("illness", 0.09),
    ("poisoning", 0.05),
    ("parasites", 0.02),
    ("preventive", 0.01),
)
_ZONES: Final = (
    ("America/New_York", 0.42),
    ("America/Chicago", 0.26),
    ("America/Denver", 0.08),
    ("America/Los_Angeles", 0.24),
)
_CATEGORIES: Final[tuple[tuple[str, float, float], ...]] = (
    # (invoice category, share of the lines after the first, median amount in dollars)
    ("diagnostics", 0.22, 240.0),
    ("imaging", 0.12, 380.0),
    ("medication", 0.22, 55.0),
    ("surgery", 0.10, 2_400.0),
    ("hospitalisation", 0.08, 1_100.0),
    ("bandaging", 0.10, 85.0),
    ("preventive", 0.06, 120.0),
    ("parasite_treatment", 0.05, 70.0),
    ("grooming", 0.05, 65.0),
)
_FIRST_LINES: Final = (("exam", 0.7, 90.0), ("emergency", 0.3, 420.0))
_LINES: Final = (0.35, 0.35, 0.2, 0.1)  # 1, 2, 3 or 4 lines
_BLOCK: Final = 1_000  # claims a stream draws (see _chunk)
_COLUMNS: Final = (
    "claim_id",
    "incident_date",
    "booked_on_platform",
    "paid_on_platform",
    "service",
    "service_start",
    "service_end",
    "booking_ended_at",
    "reported_at",
    "own_pet",
    "cause",
    "pre_existing",
    "first_vet_visit",
    "documents",
    "invoice",
)


def pet_guarantee_claims(
    cases: int,
    *,
    seed: int = 0,
    start: date = date(2025, 7, 1),
    days: int = 365,
    chunk_size: int = 100_000,
) -> Iterator[pd.DataFrame]:
    """Guarantee claims as facts tables, ``chunk_size`` claims a table, ``cases`` in all.

    Bookings start on the ``days`` days from ``start`` (by default 1 July 2025, when the
    guarantee's first version takes effect, so that every claim falls under a version and
    both versions decide some): 34 % boarding (one night to three weeks), 23 % dog walking
    and 3 % meet-and-greets (one day), 18 % house sitting, 12 % day care, 10 % drop-in
    visits. 97 % are booked on the platform and 98 % of those paid there (30 % of the
    others). The harm happens on a day of the booking (2.5 % of claims one to three days
    outside it); the cause is an injury (83 %), an illness (9 %), poisoning (5 %),
    parasites (2 %) or preventive care (1 %), pre-existing for 2 % of the injuries and 20 %
    of the rest; 98 % of the pets are the claimant's own. The booking ends between 8:00 and
    19:00 in its zone (New York, Chicago, Denver or Los Angeles; aware datetimes); a fifth of
    the harms are reported before it ends, the others after it by a log-normal lag (median
    eight hours, four in five within a day: about 7 % of claims past 48 hours, 3.5 % past
    72, where the two versions differ). The first vet visit is the day of the harm for 55 %,
    else a log-normal few days later (about 1 % past 30 days). 80 % of the claims have sent
    the itemised invoice and the vet records (with photos or a receipt now and then), the
    others one or neither; a sent invoice has one to four lines (an exam or emergency fee,
    then diagnostics, imaging, medication, surgery, hospitalisation, bandaging or the lines
    the guarantee leaves out: preventive, parasite treatment, grooming), log-normal
    ``Decimal`` amounts to the cent, dated from the first visit on (a follow-up now and then
    past the 30-day care window); an invoice not sent is ``None``. Whether it was paid on the
    platform, the pet's owner, a pre-existing condition or the first visit's date is not
    known yet in 1 to 3 % each (``None``). Claim ids ``G-0000000`` on. The same arguments
    give the same tables, and a claim does not depend on ``chunk_size`` or ``cases`` (each
    block of 1,000 claims draws from its own seeded stream). The argument bounds are
    ``support_tickets``'s.

    >>> from safetycore.analysis import decide_frame
    >>> from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
    >>> table = next(pet_guarantee_claims(200, seed=1))
    >>> frames = decide_frame(PET_GUARANTEE, table, ignore=["claim_id"])
    >>> sorted(frames.decisions["verdict"].unique())
    ['eligible', 'ineligible', 'needs_info']
    """
    check(cases, seed, start, days, chunk_size)
    chunk = functools.partial(_chunk, start=start, days=days)
    # [seed, 2, 1]: streams of their own. numpy pads a seed with zeros, so [seed, 2, n]
    # would repeat the events generators' [seed, 2] for n = 0; the 1 keeps them apart, and
    # apart from the enrolments' [seed, 1, n]. Blocks of _BLOCK claims a stream, cut into
    # tables of chunk_size: a claim is the same whatever the tables' size.
    return _tables(stream(cases, _BLOCK, [seed, 2, 1], chunk), chunk_size)


def _tables(blocks: Iterator[pd.DataFrame], size: int) -> Iterator[pd.DataFrame]:
    """The rows of ``blocks``, in order, in tables of ``size`` rows (the last one shorter)."""
    pending: list[pd.DataFrame] = []
    held = 0
    for block in blocks:
        taken = 0
        while held + len(block) - taken >= size:
            cut = taken + size - held
            pending.append(block.iloc[taken:cut])
            yield pd.concat(pending, ignore_index=True)
            pending, held, taken = [], 0, cut
        if taken < len(block):
            pending.append(block.iloc[taken:])
            held += len(block) - taken
    if pending:
        yield pd.concat(pending, ignore_index=True)


@dataclasses.dataclass(frozen=True)
class _Draws:
    """The numbers behind a block of claims, one array row per claim."""

    service: np.ndarray
    begin: np.ndarray
    end: np.ndarray
    incident: np.ndarray
    booked: np.ndarray
    paid: np.ndarray
    cause: np.ndarray
    pre_existing: np.ndarray
    own_pet: np.ndarray
    zone: np.ndarray
    ended_minute: np.ndarray
    lag: np.ndarray
    visit: np.ndarray
    has_invoice: np.ndarray
    has_records: np.ndarray
    photos: np.ndarray
    receipt: np.ndarray
    lines: np.ndarray
    first_line: np.ndarray
    line_category: np.ndarray
    cents: np.ndarray
    follow_up: np.ndarray
    unknown_paid: np.ndarray
    unknown_own: np.ndarray
    unknown_pre: np.ndarray
    unknown_visit: np.ndarray

    def head(self, count: int) -> _Draws:
        """The first ``count`` claims."""
        return _Draws(*(getattr(self, f.name)[:count] for f in dataclasses.fields(self)))


def _chunk(
    rng: np.random.Generator, first: int, count: int, start: date, days: int
) -> pd.DataFrame:
    # Every stream draws a whole block and keeps the first ``count`` claims: a claim depends
    # on the seed and its number only, never on how many claims there are in all.
    return _table(_draw(rng, _BLOCK, start, days).head(count), first)


def _draw(rng: np.random.Generator, size: int, start: date, days: int) -> _Draws:
    service = _pick(rng, [share for _, share, *_ in _SERVICES], size)
    fewest = np.array([s[2] for s in _SERVICES])[service]
    ends = np.array([s[3] for s in _SERVICES])[service]
    most = np.array([s[4] for s in _SERVICES])[service]
    length = np.minimum(fewest + rng.geometric(ends) - 1, most)
    begin = start.toordinal() + rng.integers(0, days, size)
    end = begin + length
    # The harm: a day of the booking, or now and then a day or three outside it.
    incident = begin + np.floor(rng.random(size) * (length + 1)).astype(np.int64)
    outside = rng.random(size) < 0.025
    shift = rng.integers(1, 4, size)
    before = (rng.random(size) < 0.5) & (begin - shift >= start.toordinal())
    incident = np.where(outside, np.where(before, begin - shift, end + shift), incident)
    booked = rng.random(size) < 0.97
    paid = np.where(booked, rng.random(size) < 0.98, rng.random(size) < 0.3)
    cause = _pick(rng, [share for _, share in _CAUSES], size)
    pre_existing = rng.random(size) < np.where(cause == 0, 0.02, 0.2)
    own_pet = rng.random(size) < 0.98
    zone = _pick(rng, [share for _, share in _ZONES], size)
    # The booking ends between 8:00 and 19:00; a report before it ends comes after 8:00
    # on the day of the harm, one after it by a log-normal lag in minutes (from the day of
    # the harm if that came later).
    ended_minute = rng.integers(8 * 60, 19 * 60, size)
    span = np.maximum((end - incident) * 1440 + ended_minute - 8 * 60, 0)
    during = rng.random(size) < 0.2
    after = 8 * 60 * np.exp(1.3 * rng.standard_normal(size))
    lag = np.where(during, -rng.random(size) * span, after)
    # A harm after the booking ended is reported after it happened.
    lag = np.where(incident > end, (incident - end) * 1440 + after, lag).round().astype(np.int64)
    same_day = rng.random(size) < 0.55
    visit_lag = 1 + np.minimum(np.floor(2 * np.exp(1.4 * rng.standard_normal(size))), 90)
    visit = incident + np.where(same_day, 0, visit_lag).astype(np.int64)
    complete = rng.random(size) < 0.8
    partial = rng.choice(3, size=size, p=[0.45, 0.3, 0.25])  # invoice, records, neither
    photos = rng.random(size) < 0.4
    receipt = rng.random(size) < 0.2
    has_invoice = complete | (partial == 0)
    has_records = complete | (partial == 1)
    lines = 1 + _pick(rng, list(_LINES), size)
    first_line = _pick(rng, [share for _, share, _ in _FIRST_LINES], size)
    line_category = _pick(rng, [share for _, share, _ in _CATEGORIES], size * 3).reshape(size, 3)
    medians = np.array([median for *_, median in _CATEGORIES])
    first_medians = np.array([median for *_, median in _FIRST_LINES])
    spread = np.exp(0.6 * rng.standard_normal((size, 4)))
    cents = np.empty((size, 4), dtype=np.int64)
    cents[:, 0] = np.round(first_medians[first_line] * spread[:, 0] * 100)
    cents[:, 1:] = np.round(medians[line_category] * spread[:, 1:] * 100)
    # Later lines: the same day, or a follow-up days later (now and then past 30 days).
    follow_up = np.where(
        rng.random((size, 3)) < 0.6,
        0,
        np.minimum(np.floor(6 * np.exp(rng.standard_normal((size, 3)))), 90),
    ).astype(np.int64)
    unknown_paid = rng.random(size) < 0.01
    unknown_own = rng.random(size) < 0.01
    unknown_pre = rng.random(size) < 0.03
    unknown_visit = rng.random(size) < 0.02
    return _Draws(
        service,
        begin,
        end,
        incident,
        booked,
        paid,
        cause,
        pre_existing,
        own_pet,
        zone,
        ended_minute,
        lag,
        visit,
        has_invoice,
        has_records,
        photos,
        receipt,
        lines,
        first_line,
        line_category,
        cents,
        follow_up,
        unknown_paid,
        unknown_own,
        unknown_pre,
        unknown_visit,
    )


def _table(d: _Draws, first: int) -> pd.DataFrame:
    count = len(d.service)
    low = int(min(d.begin.min(), d.incident.min()))
    day_of = _days(low, int(max(d.end.max(), d.visit.max() + d.follow_up.max())))
    zones = [ZoneInfo(name) for name, _ in _ZONES]
    ended_at = [
        datetime.combine(day_of[day - low], time(m // 60, m % 60), tzinfo=zones[z])
        for day, m, z in zip(d.end.tolist(), d.ended_minute.tolist(), d.zone.tolist(), strict=True)
    ]
    reported_at = [
        (moment.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(moment.tzinfo)
        for moment, minutes in zip(ended_at, d.lag.tolist(), strict=True)
    ]
    kinds = np.array(
        [
            frozenset(
                kind
                for kind, sent in (
                    ("itemised_vet_invoice", i),
                    ("vet_records", r),
                    ("photos", p),
                    ("vet_receipt", c),
                )
                if sent
            )
            for i in (False, True)
            for r in (False, True)
            for p in (False, True)
            for c in (False, True)
        ],
        dtype=object,
    )
    documents = kinds[d.has_invoice * 8 + d.has_records * 4 + d.photos * 2 + d.receipt]
    names = [name for name, *_ in _CATEGORIES]
    first_names = [name for name, *_ in _FIRST_LINES]
    invoice: list[tuple[InvoiceLine, ...] | None] = []
    for row, (sent, n, head, visited) in enumerate(
        zip(
            d.has_invoice.tolist(),
            d.lines.tolist(),
            d.first_line.tolist(),
            d.visit.tolist(),
            strict=True,
        )
    ):
        if not sent:
            invoice.append(None)
            continue
        amounts = d.cents[row].tolist()
        rest = d.line_category[row].tolist()
        later = d.follow_up[row].tolist()
        invoice.append(
            (
                InvoiceLine(
                    first_names[head], Decimal(amounts[0]).scaleb(-2), date=day_of[visited - low]
                ),
                *(
                    InvoiceLine(
                        names[rest[k]],
                        Decimal(amounts[k + 1]).scaleb(-2),
                        date=day_of[visited + later[k] - low],
                    )
                    for k in range(n - 1)
                ),
            )
        )
    columns: dict[str, Any] = {
        "claim_id": [f"G-{n:07d}" for n in range(first, first + count)],
        "incident_date": day_of[d.incident - low],
        "booked_on_platform": d.booked.astype(object),
        "paid_on_platform": _unknown_where(d.paid, d.unknown_paid),
        "service": np.array([name for name, *_ in _SERVICES], dtype=object)[d.service],
        "service_start": day_of[d.begin - low],
        "service_end": day_of[d.end - low],
        "booking_ended_at": _objects(ended_at),
        "reported_at": _objects(reported_at),
        "own_pet": _unknown_where(d.own_pet, d.unknown_own),
        "cause": np.array([name for name, _ in _CAUSES], dtype=object)[d.cause],
        "pre_existing": _unknown_where(d.pre_existing, d.unknown_pre),
        "first_vet_visit": _unknown_where(day_of[d.visit - low], d.unknown_visit),
        "documents": documents,
        "invoice": _objects(invoice),
    }
    return pd.DataFrame(columns, columns=list(_COLUMNS))


def _pick(rng: np.random.Generator, shares: list[float], count: int) -> np.ndarray:
    """``count`` indexes into ``shares``, each drawn with its share's weight."""
    weights = np.array(shares)
    return rng.choice(len(weights), size=count, p=weights / weights.sum())


def _days(low: int, high: int) -> np.ndarray:
    """The dates of the ordinals ``low`` to ``high``, as an object array to index."""
    return _objects([date.fromordinal(o) for o in range(low, high + 1)])


def _objects(values: list[Any]) -> np.ndarray:
    """``values`` in an object array (pandas keeps the Python objects as they are)."""
    cells = np.empty(len(values), dtype=object)
    cells[:] = values
    return cells


def _unknown_where(values: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    """``values`` as Python objects in an object column, ``None`` where not known yet."""
    cells = values.astype(object)
    cells[unknown] = None
    return cells

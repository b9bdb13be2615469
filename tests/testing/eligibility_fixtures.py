"""Policies to test the eligibility checkers against: sound ones, and ones broken on purpose.

All read :class:`Visit`, a small vet-visit claim, so that the default claim strategy
(``facts_for(Visit)``) reaches every outcome of every rule in a few dozen examples.

Sound: :data:`CLINIC` (two versions; 2026 raises the cap), :data:`DOCUMENTS_WAIT` (an
evidence rule without a deadline, which waits by design), :data:`DOCUMENTS_DUE` (one with a
deadline).

Broken:

- :data:`DOGS_ONLY`: its only rule applies to dogs, so a claim ELIGIBLE while the species is
  missing becomes NOT_APPLICABLE once it is a cat (not monotone);
- :data:`UNLISTED_SPECIES`: an age limit that comes out MISSING for a rabbit, so a claim with
  every fact provided is NEEDS_INFO and asks for nothing (not complete);
- :data:`TABLE_GAP`: an age-limit decision table without rabbits, so deciding a rabbit raises;
- :data:`CLINIC` 2027: pays 80% after the owner's share (pays less than 2026 on every paid
  claim), and :data:`SURGERY_LIMIT`: limits surgery to 500.00 (pays less on some claims);
- :data:`NO_RABBITS`: a new exclusion, so a rabbit eligible before is ineligible after.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from safetycore.eligibility import (
    MISSING,
    DecisionTable,
    Evidence,
    Exclusion,
    F,
    Input,
    InvoiceLine,
    Payout,
    Policy,
    PolicyVersion,
    Row,
    Rule,
    call,
    days,
    documents,
    fact,
    facts,
)
from safetycore.eligibility.pet_guarantee import DOCUMENT_KINDS, PetGuaranteeClaim
from safetycore.testing import facts_for

START = dt.date(2024, 1, 1)
SPECIES = frozenset({"dog", "cat", "rabbit"})


@facts
class Visit:
    """A vet visit to be reimbursed."""

    seen_on: dt.date = fact(dt.date, label="date of the visit")
    species: str = fact(str, choices=SPECIES, label="species of the pet")
    age: int = fact(int, minimum=0, maximum=30, label="age of the pet in years")
    vaccinated: bool = fact(bool, label="whether the pet is vaccinated")
    documents: frozenset[str] = documents(kinds={"receipt", "records"}, label="documents")
    invoice: tuple[InvoiceLine, ...] = fact(tuple, of=InvoiceLine, label="invoice lines")


AGE_LIMITS = {"dog": 14, "cat": 18, "rabbit": 9}

VACCINATED = Rule(
    "vaccinated",
    "The pet is vaccinated",
    F.vaccinated.is_true(),
    failure="Only vaccinated pets are covered.",
)
YOUNG_ENOUGH = Rule(
    "age-limit",
    "Within the species' age limit",
    F.age <= call(AGE_LIMITS.__getitem__, F.species, label="age_limit"),
    failure="The pet is older than the age limit for its species.",
)
BASE_PAYOUT = Payout(owner_share=Decimal("50"), cap=Decimal("2000"))


def _clinic(name: str, start: dt.date, payout: Payout, *rules: Any) -> PolicyVersion:
    return PolicyVersion(name, start, [VACCINATED, YOUNG_ENOUGH, *rules], payout=payout)


def _policy(id: str, *versions: PolicyVersion) -> Policy:
    return Policy(
        id=id,
        title=id.replace("-", " ").capitalize(),
        facts=Visit,
        decided_by="seen_on",
        versions=versions,
    )


CLINIC = _policy(
    "clinic-cover",
    _clinic("2025", START, BASE_PAYOUT),
    _clinic("2026", dt.date(2026, 1, 1), Payout(owner_share=Decimal("50"), cap=Decimal("5000"))),
    _clinic(
        "2027",
        dt.date(2027, 1, 1),
        Payout(owner_share=Decimal("50"), cap=Decimal("5000"), pays_percent=Decimal("80")),
    ),
)
"""Sound in every version; 2026 raises the cap (pays more), 2027 adds 80% co-insurance."""

SURGERY_LIMIT = _policy(
    "clinic-cover",
    _clinic("2026-s", START, attrs.evolve(BASE_PAYOUT, limits={"surgery": Decimal("500")})),
)
"""The 2025 clinic cover with surgery limited to 500.00: pays less when surgery costs more."""

NO_RABBITS = _policy(
    "clinic-cover",
    _clinic(
        "2026-r",
        START,
        BASE_PAYOUT,
        Exclusion(
            "no-rabbits",
            "Rabbits",
            F.species.equals("rabbit"),
            failure="Rabbits are no longer covered.",
        ),
    ),
)
"""The 2025 clinic cover that stops covering rabbits."""

DOGS_ONLY = _policy(
    "dog-vaccination",
    PolicyVersion(
        "1",
        START,
        [
            Rule(
                "dogs-vaccinated",
                "Dogs are vaccinated",
                F.vaccinated.is_true(),
                applies_if=F.species.equals("dog"),
            )
        ],
    ),
)
"""Not monotone: a vaccinated pet of unknown species is ELIGIBLE; a cat is NOT_APPLICABLE."""


def _listed_limit(species: str) -> object:
    # The bug: "we will look the limit up later" leaves the value missing for good.
    return AGE_LIMITS[species] if species != "rabbit" else MISSING


UNLISTED_SPECIES = _policy(
    "unlisted-species",
    PolicyVersion(
        "1",
        START,
        [
            VACCINATED,
            Rule("age-limit", "Within the age limit", F.age <= call(_listed_limit, F.species)),
        ],
    ),
)
"""Not complete: a rabbit's age limit comes out MISSING, so the claim waits for nothing."""

_LIMITS_TABLE = DecisionTable(
    "age limits",
    (Input("species", domain={"dog", "cat"}),),
    (Row(('"dog"',), 14), Row(('"cat"',), 18)),
)

TABLE_GAP = _policy(
    "table-gap",
    PolicyVersion(
        "1",
        START,
        [Rule("age-limit", "Within the age limit", F.age <= call(_LIMITS_TABLE.lookup, F.species))],
    ),
)
"""Not complete: deciding a rabbit raises, the table knows only dogs and cats."""

DOCUMENTS_WAIT = _policy(
    "documents-wait",
    PolicyVersion("1", START, [VACCINATED, Evidence("records", "Vet records", ["records"])]),
)
"""Sound: its evidence rule has no deadline, so a claim without records waits (by design)."""

DOCUMENTS_DUE = _policy(
    "documents-due",
    PolicyVersion(
        "1",
        START,
        [VACCINATED, Evidence("records", "Vet records", ["records"], due=F.seen_on.plus(days(30)))],
    ),
)
"""Sound: its evidence rule fails once its deadline has passed without the records."""


def visits(*, missing: bool = False, **fixed: st.SearchStrategy[Any]) -> st.SearchStrategy[Visit]:
    """Visits on 2026-03-02 without documents or invoice, unless ``fixed`` says otherwise.

    Fixing what a test does not vary keeps the search short and the shrunk claim small.
    """
    base: dict[str, st.SearchStrategy[Any]] = {
        "seen_on": st.just(dt.date(2026, 3, 2)),
        "documents": st.just(frozenset()),
        "invoice": st.just(()),
    }
    return facts_for(Visit, missing=missing, fixed={**base, **fixed})


def paid_visits() -> st.SearchStrategy[Visit]:
    """Visits of a vaccinated young pet with one invoice line of 100.00 to 3,000.00.

    Built directly rather than with ``facts_for``: fewer drawn parts make hypothesis'
    search, shrinking and explanation of a failure short.
    """
    line = st.builds(
        InvoiceLine,
        st.sampled_from(("surgery", "x_ray", "medication")),
        st.decimals(min_value=100, max_value=3000, places=2),
    )
    return st.builds(
        Visit,
        seen_on=st.just(dt.date(2026, 3, 2)),
        species=st.sampled_from(sorted(SPECIES)),
        age=st.integers(0, 8),
        vaccinated=st.just(True),
        invoice=line.map(lambda item: (item,)),
    )


_ENDED = dt.datetime(2026, 3, 5, 18, 0, tzinfo=ZoneInfo("America/New_York"))


def reported_pet_claims() -> st.SearchStrategy[PetGuaranteeClaim]:
    """Complete pet-guarantee claims that pass every rule but, perhaps, the reporting window.

    Each is reported 0 to 100 hours after the booking ended: from 48 to 72 hours, the
    2025-07 version refuses what 2026-01 accepts.
    """
    return st.integers(0, 100 * 60).map(
        lambda minutes: PetGuaranteeClaim(
            incident_date=dt.date(2026, 3, 3),
            booked_on_platform=True,
            paid_on_platform=True,
            service="boarding",
            service_start=dt.date(2026, 3, 2),
            service_end=dt.date(2026, 3, 5),
            booking_ended_at=_ENDED,
            reported_at=_ENDED + dt.timedelta(minutes=minutes),
            own_pet=True,
            cause="injury",
            pre_existing=False,
            first_vet_visit=dt.date(2026, 3, 3),
            documents=DOCUMENT_KINDS,
            invoice=(InvoiceLine("surgery", Decimal("1800.00")),),
        )
    )

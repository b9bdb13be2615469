"""An example policy: a pet-care marketplace's guarantee for vet care after harm during a booking.

This is an example to learn from and to test with, not any company's official terms. Two
versions are shipped, so that what-if comparisons have something to compare:

- ``2025-07``: claims reported within 48 hours of the end of the booking;
- ``2026-01``: the reporting window grows to 72 hours.

Both: the booking made *and* paid through the platform; harm during the booked service dates;
vet care for the owner's pet that starts within 30 days of the harm; exclusions for
pre-existing conditions, illness, preventive care, fleas / ticks / parasites and
meet-and-greets; an itemised vet invoice and the vet records, within 60 days of the incident.
The payout covers the invoice up to $25,000 after an owner's share of $250, leaving out
preventive, parasite-treatment and grooming lines and care more than 30 days after the harm.

>>> from datetime import date
>>> from safetycore.eligibility import decide
>>> claim = PetGuaranteeClaim(incident_date=date(2026, 3, 2), cause="illness")
>>> decision = decide(PET_GUARANTEE, claim)
>>> decision.verdict.value, [r.rule_id for r in decision.reasons]
('ineligible', ['not-illness'])
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from safetycore.eligibility.expressions import F
from safetycore.eligibility.facts import documents, fact, facts
from safetycore.eligibility.money import InvoiceLine, Payout
from safetycore.eligibility.parameters import Param, Parameter
from safetycore.eligibility.policy import Policy, PolicyVersion
from safetycore.eligibility.rules import Evidence, Exclusion, Rule
from safetycore.eligibility.windows import days, hours

__all__ = ["CAUSES", "DOCUMENT_KINDS", "PET_GUARANTEE", "SERVICES", "PetGuaranteeClaim"]

CAUSES = frozenset({"injury", "illness", "preventive", "parasites", "poisoning"})
SERVICES = frozenset(
    {"boarding", "house_sitting", "drop_in", "day_care", "dog_walking", "meet_and_greet"}
)
DOCUMENT_KINDS = frozenset({"itemised_vet_invoice", "vet_records", "vet_receipt", "photos"})


@facts
class PetGuaranteeClaim:
    """The facts of one guarantee claim (every one MISSING until someone provides it)."""

    incident_date: _dt.date = fact(_dt.date, label="date the harm happened")
    booked_on_platform: bool = fact(bool, label="whether the booking was made on the platform")
    paid_on_platform: bool = fact(bool, label="whether the booking was paid on the platform")
    service: str = fact(str, choices=SERVICES, label="service booked")
    service_start: _dt.date = fact(_dt.date, label="first day of the booked service")
    service_end: _dt.date = fact(_dt.date, label="last day of the booked service")
    booking_ended_at: _dt.datetime = fact(_dt.datetime, label="time the booking ended")
    reported_at: _dt.datetime = fact(_dt.datetime, label="time the harm was reported")
    own_pet: bool = fact(bool, label="whether the pet belongs to the claimant")
    cause: str = fact(str, choices=CAUSES, label="cause of the harm")
    pre_existing: bool = fact(bool, label="whether the condition existed before the booking")
    first_vet_visit: _dt.date = fact(_dt.date, label="date of the first vet visit")
    documents: frozenset[str] = documents(kinds=DOCUMENT_KINDS, label="documents received")
    invoice: tuple[InvoiceLine, ...] = fact(tuple, of=InvoiceLine, label="itemised invoice lines")


_TERMS = "Guarantee terms (example)"
_DOCUMENTS_DUE = F.incident_date.plus(days(Param("documents_within_days")))

_RULES = (
    Rule(
        "on-platform",
        "Booked and paid through the platform",
        F.booked_on_platform.is_true() & F.paid_on_platform.is_true(),
        citation=f"{_TERMS} s. 1.1",
        failure="The booking was not made and paid through the platform.",
    ),
    Rule(
        "during-service",
        "Harm during the booked service dates",
        F.incident_date.between(F.service_start, F.service_end),
        citation=f"{_TERMS} s. 1.2",
        failure="The harm did not happen during the booked service dates.",
    ),
    Rule(
        "owners-pet",
        "Vet care for the owner's own pet",
        F.own_pet.is_true(),
        citation=f"{_TERMS} s. 2.1",
        failure="The guarantee covers only the claimant's own pet.",
    ),
    Rule(
        "care-within-30-days",
        "Vet care began within 30 days of the harm",
        F.first_vet_visit.within(days(30), of=F.incident_date),
        citation=f"{_TERMS} s. 2.2",
        failure="Vet care did not begin within 30 days of the harm.",
    ),
    Rule(
        "reported-in-time",
        "Reported no later than the window after the booking ended",
        F.reported_at <= F.booking_ended_at.plus(hours(Param("report_window_hours"))),
        citation=f"{_TERMS} s. 5.1",
        failure="The harm was not reported within the window after the booking ended.",
    ),
    Exclusion(
        "not-pre-existing",
        "Pre-existing conditions",
        F.pre_existing.is_true(),
        citation=f"{_TERMS} s. 4.1",
        failure="Pre-existing conditions are not covered.",
    ),
    Exclusion(
        "not-illness",
        "Illness",
        F.cause.equals("illness"),
        citation=f"{_TERMS} s. 4.2",
        failure="Illness is not covered; the guarantee covers harm such as injury.",
    ),
    Exclusion(
        "not-preventive",
        "Preventive care",
        F.cause.equals("preventive"),
        citation=f"{_TERMS} s. 4.3",
        failure="Preventive care is not covered.",
    ),
    Exclusion(
        "not-parasites",
        "Fleas, ticks and other parasites",
        F.cause.equals("parasites"),
        citation=f"{_TERMS} s. 4.4",
        failure="Fleas, ticks and other parasites are not covered.",
    ),
    Exclusion(
        "not-meet-and-greet",
        "Meet-and-greets",
        F.service.equals("meet_and_greet"),
        citation=f"{_TERMS} s. 4.5",
        failure="Harm during a meet-and-greet is not covered.",
    ),
    Evidence(
        "vet-invoice",
        "Itemised vet invoice",
        ("itemised_vet_invoice",),
        due=_DOCUMENTS_DUE,
        citation=f"{_TERMS} s. 6.1",
        failure="The itemised vet invoice did not arrive in time.",
    ),
    Evidence(
        "vet-records",
        "Vet records for the visit",
        ("vet_records",),
        due=_DOCUMENTS_DUE,
        citation=f"{_TERMS} s. 6.2",
        failure="The vet records did not arrive in time.",
    ),
)

_PAYOUT = Payout(
    owner_share=Param("owner_share"),
    cap=Param("cap"),
    excluded={"preventive", "parasite_treatment", "grooming"},
    care_within=days(30),
    care_from="incident_date",
    citation=f"{_TERMS} s. 3",
)


def _parameters(window_hours: int, source: str) -> dict[str, Parameter]:
    return {
        "report_window_hours": Parameter(window_hours, source),
        "documents_within_days": Parameter(60, f"{_TERMS} s. 6"),
        "owner_share": Parameter(Decimal("250"), f"{_TERMS} s. 3.2"),
        "cap": Parameter(Decimal("25000"), f"{_TERMS} s. 3.3"),
    }


PET_GUARANTEE = Policy(
    id="pet-guarantee",
    title="Pet-care guarantee",
    facts=PetGuaranteeClaim,
    decided_by="incident_date",
    versions=(
        PolicyVersion(
            "2025-07",
            _dt.date(2025, 7, 1),
            _RULES,
            payout=_PAYOUT,
            parameters=_parameters(48, f"{_TERMS} s. 5.1 (July 2025)"),
        ),
        PolicyVersion(
            "2026-01",
            _dt.date(2026, 1, 1),
            _RULES,
            payout=_PAYOUT,
            parameters=_parameters(72, f"{_TERMS} s. 5.1 (January 2026)"),
            notes="Reporting window from 48 to 72 hours after the booking ends.",
        ),
    ),
)
"""The example guarantee, decided by the incident date."""

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

The rules, payout and parameters are data, the source of truth: ``policies/pet_guarantee.json``
(package data), read here with ``Policy.from_dict`` and this module's facts class (see
``docs/config-eligibility.md``). Edit the file, not this module.

>>> from datetime import date
>>> from safetycore.eligibility import decide
>>> claim = PetGuaranteeClaim(incident_date=date(2026, 3, 2), cause="illness")
>>> decision = decide(PET_GUARANTEE, claim)
>>> decision.verdict.value, [r.rule_id for r in decision.reasons]
('ineligible', ['not-illness'])
"""

from __future__ import annotations

import datetime as _dt

from safetycore.eligibility._documents import shipped
from safetycore.eligibility.facts import documents, fact, facts
from safetycore.eligibility.money import InvoiceLine

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


PET_GUARANTEE = shipped("pet_guarantee.json", facts=PetGuaranteeClaim)
"""The example guarantee, decided by the incident date (``policies/pet_guarantee.json``)."""

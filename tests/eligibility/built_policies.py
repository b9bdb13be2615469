"""The example policies built in Python, to pin the shipped data files against.

``pet_guarantee.PET_GUARANTEE`` and ``us_benefits.GROUP_HEALTH_ENROLMENT`` are read from
``safetycore/policies/*.json``; these are the same policies as they were written in code
before the files became the source of truth.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from safetycore.eligibility import (
    Evidence,
    Exclusion,
    F,
    Param,
    Parameter,
    Payout,
    Policy,
    PolicyVersion,
    Rule,
    call,
    days,
    hours,
)
from safetycore.eligibility.benefits import (
    SpecialEnrolmentEvent,
    election_deadline,
    first_premium_deadline,
    is_full_time_monthly,
    is_full_time_weekly,
)
from safetycore.eligibility.pet_guarantee import PetGuaranteeClaim
from safetycore.eligibility.us_benefits import (
    _LOSS,
    _NEW_DEPENDANT,
    _PLAN,
    _SIXTY_DAYS,
    _THIRTY_DAYS,
    COBRA_ELECTION,
    NEW_HIRE,
    PLAN_LOOK_BACK,
    PLAN_WAITING_PERIOD,
    EnrolmentRequest,
    _full_time_by_look_back,
    _may_elect,
    _small_employer,
    _wait_in_time,
)

_TERMS = "Guarantee terms (example)"
_DOCUMENTS_DUE = F.incident_date.plus(days(Param("documents_within_days")))

_PET_RULES = (
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


def _pet_parameters(window_hours: int, source: str) -> dict[str, Parameter]:
    return {
        "report_window_hours": Parameter(window_hours, source),
        "documents_within_days": Parameter(60, f"{_TERMS} s. 6"),
        "owner_share": Parameter(Decimal("250"), f"{_TERMS} s. 3.2"),
        "cap": Parameter(Decimal("25000"), f"{_TERMS} s. 3.3"),
    }


PET_GUARANTEE_BUILT = Policy(
    id="pet-guarantee",
    title="Pet-care guarantee",
    facts=PetGuaranteeClaim,
    decided_by="incident_date",
    versions=(
        PolicyVersion(
            "2025-07",
            _dt.date(2025, 7, 1),
            _PET_RULES,
            payout=_PAYOUT,
            parameters=_pet_parameters(48, f"{_TERMS} s. 5.1 (July 2025)"),
        ),
        PolicyVersion(
            "2026-01",
            _dt.date(2026, 1, 1),
            _PET_RULES,
            payout=_PAYOUT,
            parameters=_pet_parameters(72, f"{_TERMS} s. 5.1 (January 2026)"),
            notes="Reporting window from 48 to 72 hours after the booking ends.",
        ),
    ),
)


_US_RULES = (
    Rule(
        "full-time",
        "Full-time employee: 30 hours a week or 130 hours in a month",
        call(is_full_time_weekly, F.hours_per_week).is_true()
        | call(is_full_time_monthly, F.hours_in_month).is_true()
        | call(
            _full_time_by_look_back,
            Param("look_back"),
            F.measurement_hours,
            F.measurement_start,
            F.event_date,
        ).is_true(),
        applies_if=F.event.differs(COBRA_ELECTION),
        citation="26 CFR 54.4980H-1(a)(21); 26 CFR 54.4980H-3",
        failure=(
            "The plan covers full-time employees: 30 hours a week or 130 in a month, or full "
            "time for the stability period under the look-back measurement method."
        ),
    ),
    Rule(
        "waiting-period-90-days",
        "A new hire's coverage starts by day 91 of the waiting period",
        call(
            _wait_in_time,
            Param("waiting_period"),
            F.event_date,
            F.otherwise_eligible_on,
            F.offered_coverage_start,
        ).is_true(),
        applies_if=F.event.equals(NEW_HIRE),
        citation="29 CFR 2590.715-2708",
        failure=(
            "Coverage must start no later than 90 days after the waiting period begins (the "
            "day the employee is otherwise eligible)."
        ),
    ),
    Rule(
        "cobra-may-elect",
        "The qualifying event gives this beneficiary a COBRA election",
        call(_may_elect, F.qualifying_event, F.beneficiary).is_true(),
        applies_if=F.event.equals(COBRA_ELECTION),
        citation="ERISA s. 603; 26 CFR 54.4980B-3, Q&A-1; 26 CFR 54.4980B-4, Q&A-1",
        failure="This qualifying event gives this person no COBRA election.",
    ),
    Rule(
        "cobra-election-in-time",
        "COBRA elected within 60 days of the later of the loss of coverage and the notice",
        F.request_date <= call(election_deadline, F.coverage_lost_on, F.election_notice_on),
        applies_if=F.event.equals(COBRA_ELECTION),
        citation="ERISA s. 605(a); 29 CFR 2590.606-4; 26 CFR 54.4980B-6",
        failure=(
            "COBRA must be elected within 60 days of the later of the loss of coverage and "
            "the election notice."
        ),
    ),
    Rule(
        "cobra-first-premium-in-time",
        "The first COBRA premium paid within 45 days of the election",
        F.first_premium_paid_on <= call(first_premium_deadline, F.request_date),
        applies_if=F.event.equals(COBRA_ELECTION),
        citation="ERISA s. 602(3); 26 CFR 54.4980B-8, Q&A-5(b)",
        failure="The first COBRA premium is due within 45 days of the election.",
    ),
    Exclusion(
        "cobra-small-employer",
        "Small employer: fewer than 20 employees on at least half of last year's business days",
        call(_small_employer, F.small_days_last_year, F.business_days_last_year).is_true(),
        applies_if=F.event.equals(COBRA_ELECTION),
        citation="Code s. 4980B(d)(1); 26 CFR 54.4980B-2, Q&A-5",
        failure="COBRA does not apply to the plan of an employer this small last year.",
    ),
    Rule(
        "new-hire-in-time",
        "A new hire enrols within 30 days of the hire date",
        F.request_date.within(days(30), of=F.event_date),
        applies_if=F.event.equals(NEW_HIRE),
        citation=f"{_PLAN} s. 2.1",
        failure="New hires must enrol within 30 days of their hire date.",
    ),
    Rule(
        "special-enrolment-30-days",
        "Special enrolment requested within 30 days of the event",
        F.request_date.within(days(30), of=F.event_date),
        applies_if=F.event.is_in(_THIRTY_DAYS),
        citation="29 CFR 2590.701-6",
        failure="Special enrolment must be requested within 30 days of the event.",
    ),
    Rule(
        "special-enrolment-60-days",
        "Medicaid / CHIP: special enrolment requested within 60 days",
        F.request_date.within(days(60), of=F.event_date),
        applies_if=F.event.is_in(_SIXTY_DAYS),
        citation="ERISA s. 701(f)(3); 29 CFR 2590.701-6",
        failure="After a Medicaid or CHIP event, enrolment must be requested within 60 days.",
    ),
    Evidence(
        "proof-of-new-dependant",
        "Proof of the birth, adoption or placement",
        ("birth_certificate", "adoption_order", "placement_agreement"),
        applies_if=F.event.is_in(_NEW_DEPENDANT),
        citation="29 CFR 2590.701-6(b)",
    ),
    Evidence(
        "proof-of-marriage",
        "Proof of the marriage",
        ("marriage_certificate",),
        applies_if=F.event.equals(SpecialEnrolmentEvent.MARRIAGE),
        citation="29 CFR 2590.701-6(b)",
    ),
    Evidence(
        "proof-of-loss",
        "Proof of the loss of other coverage",
        ("loss_of_coverage_letter", "medicaid_chip_notice"),
        applies_if=F.event.is_in(_LOSS),
        citation="29 CFR 2590.701-6(a)",
    ),
)

GROUP_HEALTH_ENROLMENT_BUILT = Policy(
    id="group-health-enrolment",
    title="Group health plan enrolment",
    facts=EnrolmentRequest,
    decided_by="event_date",
    versions=(
        PolicyVersion(
            "2024",
            _dt.date(2024, 1, 1),
            _US_RULES,
            parameters={
                "waiting_period": Parameter(PLAN_WAITING_PERIOD, f"{_PLAN} s. 2.3"),
                "look_back": Parameter(PLAN_LOOK_BACK, f"{_PLAN} s. 2.4"),
            },
        ),
    ),
)

"""The example pet-care guarantee: every rule, the payout, version choice and rendering.

Every expected value is worked out by hand. The complete claim used throughout:

- service booked 2026-04-13 to 2026-04-17, booking ended 2026-04-17 18:00 New York (EDT, no
  DST change for weeks either side), harm on 2026-04-14, first vet visit the same day;
- reported 2026-04-18 10:00 New York (16 hours after the booking ended);
- documents due 60 days after the harm: April has 16 days left after the 14th (to 04-30), May
  31 more (47, to 05-31), then 13 days of June: 2026-06-13;
- the 30-day care window ends 2026-04-14 + 30 days = 2026-05-14 (16 days to 04-30, 14 of May);
- invoice 1,200.00 + 600.00 = 1,800.00, less the owner's share of 250.00 = 1,550.00.

Month lengths used: January 31, February 28 (2026), March 31, April 30, May 31, June 30.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    Decision,
    InvoiceLine,
    Outcome,
    Parameter,
    PayoutStep,
    Requirement,
    RequirementKind,
    Verdict,
    decide,
)
from safetycore.eligibility.engine import decide_slowly
from safetycore.eligibility.pet_guarantee import CAUSES, PET_GUARANTEE, SERVICES, PetGuaranteeClaim
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    SafetycoreError,
)

NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
AUCKLAND = ZoneInfo("Pacific/Auckland")
MICROSECOND = timedelta(microseconds=1)
DAY = timedelta(days=1)

TERMS = "Guarantee terms (example)"
RULE_IDS = [
    "on-platform",
    "during-service",
    "owners-pet",
    "care-within-30-days",
    "reported-in-time",
    "not-pre-existing",
    "not-illness",
    "not-preventive",
    "not-parasites",
    "not-meet-and-greet",
    "vet-invoice",
    "vet-records",
]

INCIDENT = date(2026, 4, 14)
SERVICE_START = date(2026, 4, 13)
SERVICE_END = date(2026, 4, 17)
BOOKING_ENDED = datetime(2026, 4, 17, 18, 0, tzinfo=NEW_YORK)
REPORTED = datetime(2026, 4, 18, 10, 0, tzinfo=NEW_YORK)
DOCUMENTS_DUE = date(2026, 6, 13)
CARE_WINDOW_END = date(2026, 5, 14)

SURGERY = InvoiceLine("surgery", Decimal("1200.00"), date=INCIDENT, description="wound repair")
X_RAY = InvoiceLine("x_ray", Decimal("600.00"))

_COMPLETE = PetGuaranteeClaim(
    incident_date=INCIDENT,
    booked_on_platform=True,
    paid_on_platform=True,
    service="boarding",
    service_start=SERVICE_START,
    service_end=SERVICE_END,
    booking_ended_at=BOOKING_ENDED,
    reported_at=REPORTED,
    own_pet=True,
    cause="injury",
    pre_existing=False,
    first_vet_visit=INCIDENT,
    documents=frozenset({"itemised_vet_invoice", "vet_records"}),
    invoice=(SURGERY, X_RAY),
)


def complete_claim(**changes: Any) -> PetGuaranteeClaim:
    """The fully eligible claim of the module docstring, with ``changes`` applied."""
    return attrs.evolve(_COMPLETE, **changes)


def claim_on(incident: date, **changes: Any) -> PetGuaranteeClaim:
    """The complete claim moved so that the harm happens on ``incident`` (every date shifts).

    Datetimes shift by whole calendar days of wall-clock time in New York, so the booking
    still ends at 18:00 local and the report still comes at 10:00 local the next day.
    """
    shift = incident - INCIDENT
    moved = complete_claim(
        incident_date=incident,
        service_start=SERVICE_START + shift,
        service_end=SERVICE_END + shift,
        booking_ended_at=BOOKING_ENDED + shift,
        reported_at=REPORTED + shift,
        first_vet_visit=incident,
        invoice=(attrs.evolve(SURGERY, date=incident), X_RAY),
    )
    return attrs.evolve(moved, **changes)


def decision_for(claim: object, *, as_of: object = None) -> Decision:
    """``decide`` on the claim, checked against the slow reference evaluator."""
    decision = decide(PET_GUARANTEE, claim, as_of=as_of)
    assert decision == decide_slowly(PET_GUARANTEE, claim, as_of=as_of)
    return decision


def reason_ids(decision: Decision) -> list[str]:
    return [reason.rule_id for reason in decision.reasons]


def assert_only_failure(decision: Decision, rule_id: str) -> None:
    """The decision is INELIGIBLE for ``rule_id`` alone, with its text and no requirements."""
    assert decision.verdict is Verdict.INELIGIBLE
    assert reason_ids(decision) == [rule_id]
    rule = PET_GUARANTEE.versions[-1].rule(rule_id)
    assert decision.reasons[0].message == rule.failure
    assert decision.reasons[0].citation == rule.citation
    assert decision.requirements == ()
    assert decision.payout is None


def assert_needs_fact(decision: Decision, name: str, *rule_ids: str) -> None:
    """The decision NEEDS_INFO and asks once, decisively, for fact ``name`` for ``rule_ids``."""
    assert decision.verdict is Verdict.NEEDS_INFO
    for rule_id in rule_ids:
        assert decision.outcome(rule_id) is Outcome.UNKNOWN
    asked = [q for q in decision.requirements if q.name == name]
    assert len(asked) == 1
    (requirement,) = asked
    assert requirement.kind is RequirementKind.FACT
    assert requirement.decisive
    assert requirement.rules == rule_ids
    assert requirement.label == PET_GUARANTEE.fact_specs[name].label


def assert_not_applicable(decision: Decision, rule_id: str) -> None:
    """Only ``rule_id`` is NOT_APPLICABLE; being neutral, it leaves the claim ELIGIBLE."""
    assert decision.outcome(rule_id) is Outcome.NOT_APPLICABLE
    assert decision.verdict is Verdict.ELIGIBLE
    assert decision.requirements == ()


class TestCompleteClaim:
    def test_every_rule_passes(self) -> None:
        """The complete claim passes all 12 rules, in the version's order, and is ELIGIBLE."""
        decision = decision_for(complete_claim())
        assert decision.verdict is Verdict.ELIGIBLE
        assert [r.rule_id for r in decision.results] == RULE_IDS
        assert {r.outcome for r in decision.results} == {Outcome.PASS}
        assert decision.requirements == ()
        assert decision.reasons == ()


class TestOnPlatform:
    def test_passes_when_booked_and_paid_on_the_platform(self) -> None:
        """Booked and paid through the platform passes on-platform."""
        assert decision_for(complete_claim()).outcome("on-platform") is Outcome.PASS

    def test_fails_when_booked_elsewhere(self) -> None:
        """A booking not made on the platform fails on-platform alone."""
        assert_only_failure(decision_for(complete_claim(booked_on_platform=False)), "on-platform")

    def test_fails_when_paid_elsewhere(self) -> None:
        """A booking made on the platform but paid elsewhere fails on-platform."""
        assert_only_failure(decision_for(complete_claim(paid_on_platform=False)), "on-platform")

    def test_unknown_when_booking_is_missing(self) -> None:
        """A missing booked_on_platform makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(booked_on_platform=MISSING))
        assert_needs_fact(decision, "booked_on_platform", "on-platform")

    def test_unknown_when_payment_is_missing(self) -> None:
        """A missing paid_on_platform makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(paid_on_platform=MISSING))
        assert_needs_fact(decision, "paid_on_platform", "on-platform")

    def test_a_false_part_beats_a_missing_one(self) -> None:
        """Booked elsewhere with the payment unknown is a definite FAIL (Kleene and)."""
        decision = decision_for(complete_claim(booked_on_platform=False, paid_on_platform=MISSING))
        assert_only_failure(decision, "on-platform")

    def test_not_applicable_when_both_facts_are(self) -> None:
        """With both facts NOT_APPLICABLE the rule does not apply."""
        claim = complete_claim(booked_on_platform=NOT_APPLICABLE, paid_on_platform=NOT_APPLICABLE)
        assert_not_applicable(decision_for(claim), "on-platform")

    def test_one_not_applicable_part_is_ignored(self) -> None:
        """With booking NOT_APPLICABLE the rule rests on the payment alone and PASSES."""
        decision = decision_for(complete_claim(booked_on_platform=NOT_APPLICABLE))
        assert decision.outcome("on-platform") is Outcome.PASS


class TestDuringService:
    def test_passes_on_the_first_service_day(self) -> None:
        """Harm exactly on service_start is during the service."""
        claim = complete_claim(incident_date=SERVICE_START, first_vet_visit=SERVICE_START)
        assert decision_for(claim).verdict is Verdict.ELIGIBLE

    def test_passes_on_the_last_service_day(self) -> None:
        """Harm exactly on service_end is during the service."""
        claim = complete_claim(incident_date=SERVICE_END, first_vet_visit=SERVICE_END)
        assert decision_for(claim).verdict is Verdict.ELIGIBLE

    def test_fails_the_day_before_the_service(self) -> None:
        """Harm one day before service_start (2026-04-12) fails during-service."""
        day = SERVICE_START - DAY
        claim = complete_claim(incident_date=day, first_vet_visit=day)
        assert_only_failure(decision_for(claim), "during-service")

    def test_fails_the_day_after_the_service(self) -> None:
        """Harm one day after service_end (2026-04-18) fails during-service."""
        day = SERVICE_END + DAY
        claim = complete_claim(incident_date=day, first_vet_visit=day)
        assert_only_failure(decision_for(claim), "during-service")

    def test_unknown_when_the_start_is_missing(self) -> None:
        """A missing service_start makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(service_start=MISSING))
        assert_needs_fact(decision, "service_start", "during-service")

    def test_unknown_when_the_end_is_missing(self) -> None:
        """A missing service_end makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(service_end=MISSING))
        assert_needs_fact(decision, "service_end", "during-service")

    def test_fails_after_the_end_even_with_the_start_missing(self) -> None:
        """Harm after service_end fails even though service_start is unknown."""
        day = SERVICE_END + DAY
        claim = complete_claim(incident_date=day, first_vet_visit=day, service_start=MISSING)
        assert_only_failure(decision_for(claim), "during-service")

    def test_not_applicable_when_both_service_dates_are(self) -> None:
        """With both service dates NOT_APPLICABLE the rule does not apply."""
        claim = complete_claim(service_start=NOT_APPLICABLE, service_end=NOT_APPLICABLE)
        assert_not_applicable(decision_for(claim), "during-service")

    def test_a_not_applicable_bound_makes_the_rule_not_applicable(self) -> None:
        """With service_start NOT_APPLICABLE the window has no start: the rule does not apply."""
        day = date(2026, 1, 5)
        claim = claim_on(day, service_start=NOT_APPLICABLE, service_end=SERVICE_END)
        assert decision_for(claim).outcome("during-service") is Outcome.NOT_APPLICABLE


class TestOwnersPet:
    def test_passes_for_the_owners_pet(self) -> None:
        """own_pet True passes owners-pet."""
        assert decision_for(complete_claim()).outcome("owners-pet") is Outcome.PASS

    def test_fails_for_someone_elses_pet(self) -> None:
        """own_pet False fails owners-pet."""
        assert_only_failure(decision_for(complete_claim(own_pet=False)), "owners-pet")

    def test_unknown_when_missing(self) -> None:
        """A missing own_pet makes the rule UNKNOWN and is asked for."""
        assert_needs_fact(decision_for(complete_claim(own_pet=MISSING)), "own_pet", "owners-pet")

    def test_not_applicable_when_not_applicable(self) -> None:
        """own_pet NOT_APPLICABLE makes the rule NOT_APPLICABLE."""
        decision = decision_for(complete_claim(own_pet=NOT_APPLICABLE))
        assert_not_applicable(decision, "owners-pet")


class TestCareWithin30Days:
    def test_passes_on_the_day_of_the_harm(self) -> None:
        """A first vet visit on the incident date is within the window."""
        assert decision_for(complete_claim()).outcome("care-within-30-days") is Outcome.PASS

    def test_passes_exactly_30_days_later(self) -> None:
        """A first vet visit on 2026-05-14, exactly 30 days after the harm, passes."""
        claim = complete_claim(first_vet_visit=CARE_WINDOW_END)
        assert decision_for(claim).verdict is Verdict.ELIGIBLE

    def test_fails_31_days_later(self) -> None:
        """A first vet visit on 2026-05-15, 31 days after the harm, fails."""
        claim = complete_claim(first_vet_visit=CARE_WINDOW_END + DAY)
        assert_only_failure(decision_for(claim), "care-within-30-days")

    def test_fails_before_the_harm(self) -> None:
        """A first vet visit the day before the harm is not care for it: FAIL."""
        claim = complete_claim(first_vet_visit=INCIDENT - DAY)
        assert_only_failure(decision_for(claim), "care-within-30-days")

    def test_unknown_when_the_visit_is_missing(self) -> None:
        """A missing first_vet_visit makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(first_vet_visit=MISSING))
        assert_needs_fact(decision, "first_vet_visit", "care-within-30-days")

    def test_not_applicable_when_the_visit_is(self) -> None:
        """first_vet_visit NOT_APPLICABLE makes the rule NOT_APPLICABLE."""
        decision = decision_for(complete_claim(first_vet_visit=NOT_APPLICABLE))
        assert_not_applicable(decision, "care-within-30-days")

    def test_crosses_a_month_end(self) -> None:
        """From 2026-01-31, 30 days is 2026-03-02 (28-day February): that day passes."""
        claim = claim_on(date(2026, 1, 31), first_vet_visit=date(2026, 3, 2))
        assert decision_for(claim).outcome("care-within-30-days") is Outcome.PASS
        later = attrs.evolve(claim, first_vet_visit=date(2026, 3, 3))
        assert decision_for(later).outcome("care-within-30-days") is Outcome.FAIL


class TestReportedInTime:
    def test_passes_at_the_moment_the_booking_ended(self) -> None:
        """A report at booking_ended_at itself (0 hours) is in time."""
        claim = complete_claim(reported_at=BOOKING_ENDED)
        assert decision_for(claim).outcome("reported-in-time") is Outcome.PASS

    def test_passes_exactly_72_hours_later_under_2026_01(self) -> None:
        """A report at 2026-04-20 18:00 New York, exactly 72 hours after, is in time."""
        reported = datetime(2026, 4, 20, 18, 0, tzinfo=NEW_YORK)
        assert reported - BOOKING_ENDED == timedelta(hours=72)
        decision = decision_for(complete_claim(reported_at=reported))
        assert decision.version == "2026-01"
        assert decision.verdict is Verdict.ELIGIBLE

    def test_fails_one_microsecond_after_72_hours(self) -> None:
        """A report one microsecond after the 72 hours fails."""
        reported = datetime(2026, 4, 20, 18, 0, tzinfo=NEW_YORK) + MICROSECOND
        assert_only_failure(decision_for(complete_claim(reported_at=reported)), "reported-in-time")

    def test_passes_exactly_48_hours_later_under_2025_07(self) -> None:
        """Harm on 2025-12-31 is decided by 2025-07: a report 48 hours after the end passes."""
        claim = claim_on(date(2025, 12, 31))
        ended = claim.booking_ended_at
        assert ended == datetime(2026, 1, 3, 18, 0, tzinfo=NEW_YORK)
        decision = decision_for(attrs.evolve(claim, reported_at=ended + timedelta(hours=48)))
        assert decision.version == "2025-07"
        assert decision.verdict is Verdict.ELIGIBLE

    def test_fails_one_microsecond_after_48_hours_under_2025_07(self) -> None:
        """Under 2025-07 a report 48 hours and one microsecond after the end fails."""
        claim = claim_on(date(2025, 12, 31))
        late = claim.booking_ended_at + timedelta(hours=48) + MICROSECOND
        assert_only_failure(decision_for(attrs.evolve(claim, reported_at=late)), "reported-in-time")

    def test_72_hours_is_too_late_under_2025_07(self) -> None:
        """Under 2025-07 a report 72 hours after the end (in time for 2026-01) fails."""
        claim = claim_on(date(2025, 12, 31))
        late = claim.booking_ended_at + timedelta(hours=72)
        assert_only_failure(decision_for(attrs.evolve(claim, reported_at=late)), "reported-in-time")

    def test_counts_real_hours_across_spring_forward(self) -> None:
        """Across 2026-03-08's spring-forward, 18:30 three days later is 71.5 real hours: PASS.

        18:00 EST on 2026-03-07 is 23:00 UTC; 18:30 EDT on 2026-03-10 is 22:30 UTC: 71.5
        hours, though the wall clock reads 72.5 hours later.
        """
        ended = datetime(2026, 3, 7, 18, 0, tzinfo=NEW_YORK)
        reported = datetime(2026, 3, 10, 18, 30, tzinfo=NEW_YORK)
        assert reported.astimezone(UTC) - ended.astimezone(UTC) == timedelta(hours=71, minutes=30)
        claim = claim_on(date(2026, 3, 6), booking_ended_at=ended, reported_at=reported)
        assert decision_for(claim).verdict is Verdict.ELIGIBLE

    def test_spring_forward_window_ends_at_19_00_local(self) -> None:
        """72 real hours from 18:00 EST on 03-07 end at 19:00 EDT on 03-10; any later fails."""
        ended = datetime(2026, 3, 7, 18, 0, tzinfo=NEW_YORK)
        last = datetime(2026, 3, 10, 19, 0, tzinfo=NEW_YORK)
        assert last.astimezone(UTC) - ended.astimezone(UTC) == timedelta(hours=72)
        on_time = claim_on(date(2026, 3, 6), booking_ended_at=ended, reported_at=last)
        assert decision_for(on_time).outcome("reported-in-time") is Outcome.PASS
        late = attrs.evolve(on_time, reported_at=last + MICROSECOND)
        assert decision_for(late).outcome("reported-in-time") is Outcome.FAIL

    def test_counts_real_hours_across_fall_back(self) -> None:
        """Across 2026-11-01's fall-back, 17:30 three days later is 72.5 real hours: FAIL.

        18:00 EDT on 2026-10-31 is 22:00 UTC; 17:30 EST on 2026-11-03 is 22:30 UTC, though
        the wall clock reads only 71.5 hours later.
        """
        ended = datetime(2026, 10, 31, 18, 0, tzinfo=NEW_YORK)
        reported = datetime(2026, 11, 3, 17, 30, tzinfo=NEW_YORK)
        assert reported.astimezone(UTC) - ended.astimezone(UTC) == timedelta(hours=72, minutes=30)
        claim = claim_on(date(2026, 10, 30), booking_ended_at=ended, reported_at=reported)
        assert_only_failure(decision_for(claim), "reported-in-time")

    def test_compares_instants_across_zones(self) -> None:
        """A report stamped in UTC is compared as an instant: 2026-04-20 22:00 UTC is 72 h."""
        reported = datetime(2026, 4, 20, 22, 0, tzinfo=UTC)
        assert decision_for(complete_claim(reported_at=reported)).verdict is Verdict.ELIGIBLE
        late = complete_claim(reported_at=reported + MICROSECOND)
        assert decision_for(late).outcome("reported-in-time") is Outcome.FAIL

    def test_a_report_during_the_booking_is_in_time(self) -> None:
        """Harm reported during the booking (2026-04-14 12:00, before it ended) is in time."""
        reported = datetime(2026, 4, 14, 12, 0, tzinfo=NEW_YORK)
        decision = decision_for(complete_claim(reported_at=reported))
        assert decision.outcome("reported-in-time") is Outcome.PASS

    def test_unknown_when_the_report_time_is_missing(self) -> None:
        """A missing reported_at makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(reported_at=MISSING))
        assert_needs_fact(decision, "reported_at", "reported-in-time")

    def test_unknown_when_the_booking_end_is_missing(self) -> None:
        """A missing booking_ended_at makes the rule UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(booking_ended_at=MISSING))
        assert_needs_fact(decision, "booking_ended_at", "reported-in-time")

    def test_not_applicable_when_the_report_time_is(self) -> None:
        """reported_at NOT_APPLICABLE makes the rule NOT_APPLICABLE."""
        decision = decision_for(complete_claim(reported_at=NOT_APPLICABLE))
        assert_not_applicable(decision, "reported-in-time")

    def test_not_applicable_when_the_booking_end_is(self) -> None:
        """booking_ended_at NOT_APPLICABLE makes the rule NOT_APPLICABLE (the deadline too)."""
        decision = decision_for(complete_claim(booking_ended_at=NOT_APPLICABLE))
        assert_not_applicable(decision, "reported-in-time")


class TestNotPreExisting:
    def test_passes_for_a_new_condition(self) -> None:
        """pre_existing False passes the exclusion."""
        assert decision_for(complete_claim()).outcome("not-pre-existing") is Outcome.PASS

    def test_fails_for_a_pre_existing_condition(self) -> None:
        """pre_existing True excludes the claim."""
        decision = decision_for(complete_claim(pre_existing=True))
        assert_only_failure(decision, "not-pre-existing")
        assert decision.reasons[0].kind == "exclusion"

    def test_unknown_when_missing(self) -> None:
        """A missing pre_existing makes the exclusion UNKNOWN (never a pass) and is asked for."""
        decision = decision_for(complete_claim(pre_existing=MISSING))
        assert_needs_fact(decision, "pre_existing", "not-pre-existing")

    def test_not_applicable_when_not_applicable(self) -> None:
        """pre_existing NOT_APPLICABLE makes the exclusion NOT_APPLICABLE."""
        decision = decision_for(complete_claim(pre_existing=NOT_APPLICABLE))
        assert_not_applicable(decision, "not-pre-existing")


CAUSE_RULES = ("not-illness", "not-preventive", "not-parasites")
EXCLUDED_BY = {
    "illness": "not-illness",
    "preventive": "not-preventive",
    "parasites": "not-parasites",
}


class TestNotIllness:
    def test_fails_for_illness(self) -> None:
        """A cause of 'illness' is excluded by not-illness alone."""
        assert_only_failure(decision_for(complete_claim(cause="illness")), "not-illness")

    @pytest.mark.parametrize("cause", sorted(CAUSES - {"illness"}))
    def test_passes_for_every_other_cause(self, cause: str) -> None:
        """Every cause other than illness passes not-illness."""
        assert decision_for(complete_claim(cause=cause)).outcome("not-illness") is Outcome.PASS

    def test_unknown_when_the_cause_is_missing(self) -> None:
        """A missing cause is asked for once, for all three cause exclusions."""
        assert_needs_fact(decision_for(complete_claim(cause=MISSING)), "cause", *CAUSE_RULES)

    def test_not_applicable_when_the_cause_is(self) -> None:
        """A NOT_APPLICABLE cause makes not-illness (and the other cause rules) NOT_APPLICABLE."""
        decision = decision_for(complete_claim(cause=NOT_APPLICABLE))
        for rule_id in CAUSE_RULES:
            assert_not_applicable(decision, rule_id)


class TestNotPreventive:
    def test_fails_for_preventive_care(self) -> None:
        """A cause of 'preventive' is excluded by not-preventive alone."""
        assert_only_failure(decision_for(complete_claim(cause="preventive")), "not-preventive")

    @pytest.mark.parametrize("cause", sorted(CAUSES - {"preventive"}))
    def test_passes_for_every_other_cause(self, cause: str) -> None:
        """Every cause other than preventive passes not-preventive."""
        decision = decision_for(complete_claim(cause=cause))
        assert decision.outcome("not-preventive") is Outcome.PASS

    def test_unknown_when_the_cause_is_missing(self) -> None:
        """A missing cause leaves not-preventive UNKNOWN, asked for via the cause fact."""
        decision = decision_for(complete_claim(cause=MISSING))
        assert decision.outcome("not-preventive") is Outcome.UNKNOWN
        assert "not-preventive" in decision.requirements[0].rules

    def test_not_applicable_when_the_cause_is(self) -> None:
        """A NOT_APPLICABLE cause makes not-preventive NOT_APPLICABLE."""
        decision = decision_for(complete_claim(cause=NOT_APPLICABLE))
        assert_not_applicable(decision, "not-preventive")


class TestNotParasites:
    def test_fails_for_parasites(self) -> None:
        """A cause of 'parasites' is excluded by not-parasites alone."""
        assert_only_failure(decision_for(complete_claim(cause="parasites")), "not-parasites")

    @pytest.mark.parametrize("cause", sorted(CAUSES - {"parasites"}))
    def test_passes_for_every_other_cause(self, cause: str) -> None:
        """Every cause other than parasites passes not-parasites."""
        decision = decision_for(complete_claim(cause=cause))
        assert decision.outcome("not-parasites") is Outcome.PASS

    def test_unknown_when_the_cause_is_missing(self) -> None:
        """A missing cause leaves not-parasites UNKNOWN, asked for via the cause fact."""
        decision = decision_for(complete_claim(cause=MISSING))
        assert decision.outcome("not-parasites") is Outcome.UNKNOWN
        assert "not-parasites" in decision.requirements[0].rules

    def test_not_applicable_when_the_cause_is(self) -> None:
        """A NOT_APPLICABLE cause makes not-parasites NOT_APPLICABLE."""
        decision = decision_for(complete_claim(cause=NOT_APPLICABLE))
        assert_not_applicable(decision, "not-parasites")

    @pytest.mark.parametrize("cause", sorted(CAUSES))
    def test_each_cause_fails_at_most_one_cause_rule(self, cause: str) -> None:
        """Each cause fails exactly the exclusion named for it, and none for injury/poisoning."""
        decision = decision_for(complete_claim(cause=cause))
        expected = [EXCLUDED_BY[cause]] if cause in EXCLUDED_BY else []
        assert reason_ids(decision) == expected


class TestNotMeetAndGreet:
    def test_fails_for_a_meet_and_greet(self) -> None:
        """Harm during a meet-and-greet is excluded."""
        decision = decision_for(complete_claim(service="meet_and_greet"))
        assert_only_failure(decision, "not-meet-and-greet")

    @pytest.mark.parametrize("service", sorted(SERVICES - {"meet_and_greet"}))
    def test_passes_for_every_other_service(self, service: str) -> None:
        """Every other service is covered."""
        assert decision_for(complete_claim(service=service)).verdict is Verdict.ELIGIBLE

    def test_unknown_when_the_service_is_missing(self) -> None:
        """A missing service makes the exclusion UNKNOWN and is asked for."""
        decision = decision_for(complete_claim(service=MISSING))
        assert_needs_fact(decision, "service", "not-meet-and-greet")

    def test_not_applicable_when_the_service_is(self) -> None:
        """A NOT_APPLICABLE service makes the exclusion NOT_APPLICABLE."""
        decision = decision_for(complete_claim(service=NOT_APPLICABLE))
        assert_not_applicable(decision, "not-meet-and-greet")


def document_requirement(rule_id: str, kind: str) -> Requirement:
    """The document requirement an evidence rule raises, due 60 days after the harm."""
    label = PET_GUARANTEE.versions[-1].rule(rule_id).label
    return Requirement(
        RequirementKind.DOCUMENT, rule_id, label, (kind,), 1, DOCUMENTS_DUE, True, (rule_id,)
    )


class TestVetInvoice:
    def test_passes_when_the_invoice_arrived(self) -> None:
        """An itemised vet invoice among the documents passes vet-invoice."""
        claim = complete_claim(documents={"itemised_vet_invoice", "vet_records", "photos"})
        assert decision_for(claim).outcome("vet-invoice") is Outcome.PASS

    def test_passes_after_the_due_date_once_received(self) -> None:
        """Received documents pass even when the decision is made after the due date."""
        decision = decision_for(complete_claim(), as_of=DOCUMENTS_DUE + DAY)
        assert decision.outcome("vet-invoice") is Outcome.PASS

    def test_a_receipt_is_not_an_itemised_invoice(self) -> None:
        """A vet receipt does not satisfy vet-invoice: the invoice is still required."""
        decision = decision_for(complete_claim(documents={"vet_receipt", "vet_records"}))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.requirements == (
            document_requirement("vet-invoice", "itemised_vet_invoice"),
        )

    def test_unknown_when_the_documents_are_missing(self) -> None:
        """Documents MISSING: each evidence rule asks for its documents, by the due date."""
        decision = decision_for(complete_claim(documents=MISSING))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.requirements == (
            document_requirement("vet-invoice", "itemised_vet_invoice"),
            document_requirement("vet-records", "vet_records"),
        )

    def test_empty_documents_require_the_invoice_by_the_due_date(self) -> None:
        """Documents provided but empty: a document requirement due 2026-06-13 (60 days)."""
        decision = decision_for(complete_claim(documents=frozenset()))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.requirements[0] == document_requirement(
            "vet-invoice", "itemised_vet_invoice"
        )

    def test_still_unknown_on_the_due_date(self) -> None:
        """Decided on the due date itself, the missing invoice is still only awaited."""
        decision = decision_for(complete_claim(documents={"vet_records"}), as_of=DOCUMENTS_DUE)
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.outcome("vet-invoice") is Outcome.UNKNOWN

    def test_fails_the_day_after_the_due_date(self) -> None:
        """Decided on 2026-06-14 without the invoice, vet-invoice FAILS with its text."""
        decision = decision_for(
            complete_claim(documents={"vet_records"}), as_of=DOCUMENTS_DUE + DAY
        )
        assert_only_failure(decision, "vet-invoice")
        assert decision.reasons[0].message == "The itemised vet invoice did not arrive in time."

    def test_an_aware_as_of_counts_by_its_own_local_date(self) -> None:
        """as_of 2026-06-13 23:30 Los Angeles (06-14 in UTC) is still the due date: UNKNOWN."""
        as_of = datetime(2026, 6, 13, 23, 30, tzinfo=LOS_ANGELES)
        assert as_of.astimezone(UTC).date() == DOCUMENTS_DUE + DAY
        decision = decision_for(complete_claim(documents={"vet_records"}), as_of=as_of)
        assert decision.verdict is Verdict.NEEDS_INFO

    def test_an_aware_as_of_past_the_due_date_locally_fails(self) -> None:
        """as_of 2026-06-14 01:00 Auckland (06-13 in UTC) is past the due date there: FAIL."""
        as_of = datetime(2026, 6, 14, 1, 0, tzinfo=AUCKLAND)
        assert as_of.astimezone(UTC).date() == DOCUMENTS_DUE
        decision = decision_for(complete_claim(documents={"vet_records"}), as_of=as_of)
        assert_only_failure(decision, "vet-invoice")

    def test_not_applicable_when_the_documents_are(self) -> None:
        """Documents NOT_APPLICABLE make both evidence rules NOT_APPLICABLE."""
        decision = decision_for(complete_claim(documents=NOT_APPLICABLE))
        assert_not_applicable(decision, "vet-invoice")
        assert decision.outcome("vet-records") is Outcome.NOT_APPLICABLE


class TestVetRecords:
    def test_passes_when_the_records_arrived(self) -> None:
        """Vet records among the documents pass vet-records."""
        assert decision_for(complete_claim()).outcome("vet-records") is Outcome.PASS

    def test_requires_the_records_by_the_due_date(self) -> None:
        """With only the invoice received, the records are required by 2026-06-13."""
        decision = decision_for(complete_claim(documents={"itemised_vet_invoice"}))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.outcome("vet-invoice") is Outcome.PASS
        assert decision.requirements == (document_requirement("vet-records", "vet_records"),)

    def test_unknown_when_the_documents_are_missing(self) -> None:
        """Documents MISSING leave vet-records UNKNOWN, with its own document requirement."""
        decision = decision_for(complete_claim(documents=MISSING))
        assert decision.outcome("vet-records") is Outcome.UNKNOWN
        assert [q.rules for q in decision.requirements] == [("vet-invoice",), ("vet-records",)]

    def test_still_unknown_on_the_due_date(self) -> None:
        """Decided on 2026-06-13 without records, the claim still NEEDS_INFO."""
        claim = complete_claim(documents={"itemised_vet_invoice"})
        assert decision_for(claim, as_of=DOCUMENTS_DUE).verdict is Verdict.NEEDS_INFO

    def test_fails_the_day_after_the_due_date(self) -> None:
        """Decided on 2026-06-14 without records, vet-records FAILS with its text."""
        claim = complete_claim(documents={"itemised_vet_invoice"})
        decision = decision_for(claim, as_of=DOCUMENTS_DUE + DAY)
        assert_only_failure(decision, "vet-records")
        assert decision.reasons[0].message == "The vet records did not arrive in time."

    def test_not_applicable_when_the_documents_are(self) -> None:
        """Documents NOT_APPLICABLE make vet-records NOT_APPLICABLE."""
        decision = decision_for(complete_claim(documents=NOT_APPLICABLE))
        assert_not_applicable(decision, "vet-records")


class TestKleene:
    def test_a_definite_exclusion_beats_missing_facts(self) -> None:
        """Illness with pre_existing and documents MISSING is INELIGIBLE and asks for nothing."""
        claim = complete_claim(cause="illness", pre_existing=MISSING, documents=MISSING)
        decision = decision_for(claim)
        assert decision.verdict is Verdict.INELIGIBLE
        assert reason_ids(decision) == ["not-illness"]
        assert decision.outcome("not-pre-existing") is Outcome.UNKNOWN
        assert decision.requirements == ()
        assert decision.payout is None

    def test_every_failed_rule_is_listed(self) -> None:
        """Four failing rules are all listed, in the version's order (no short-circuit)."""
        claim = complete_claim(
            booked_on_platform=False,
            own_pet=False,
            cause="parasites",
            service="meet_and_greet",
            first_vet_visit=MISSING,
        )
        decision = decision_for(claim)
        assert decision.verdict is Verdict.INELIGIBLE
        assert reason_ids(decision) == [
            "on-platform",
            "owners-pet",
            "not-parasites",
            "not-meet-and-greet",
        ]
        assert len(decision.results) == 12
        assert decision.requirements == ()

    def test_only_the_incident_date_known_needs_every_fact(self) -> None:
        """With only the incident date, every rule is UNKNOWN and every other fact is asked for."""
        decision = decision_for(PetGuaranteeClaim(incident_date=INCIDENT))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert {r.outcome for r in decision.results} == {Outcome.UNKNOWN}
        asked = {q.name for q in decision.requirements if q.decisive}
        facts = set(PET_GUARANTEE.fact_specs) - {"incident_date", "invoice", "documents"}
        assert asked == facts | {"vet-invoice", "vet-records"}
        assert [q.name for q in decision.requirements if not q.decisive] == ["invoice"]

    def test_not_applicable_rules_are_neutral(self) -> None:
        """With owners-pet and the cause rules NOT_APPLICABLE the claim is still ELIGIBLE."""
        claim = complete_claim(own_pet=NOT_APPLICABLE, cause=NOT_APPLICABLE)
        decision = decision_for(claim)
        assert decision.verdict is Verdict.ELIGIBLE
        assert decision.payable == Decimal("1550.00")


class TestPayout:
    def test_plain_invoice(self) -> None:
        """1,200.00 + 600.00 = 1,800.00 invoiced, less 250 owner's share = 1,550.00."""
        payout = decision_for(complete_claim()).payout
        assert payout is not None
        citation = f"{TERMS} s. 3"
        assert payout.steps == (
            PayoutStep("Invoiced", Decimal("1800.00"), Decimal("1800.00")),
            PayoutStep("Owner's share: 250.00", Decimal("-250"), Decimal("1550.00"), citation),
        )
        assert payout.payable == Decimal("1550.00")
        assert payout.currency == "USD"

    def test_excluded_categories_are_subtracted_line_by_line(self) -> None:
        """Preventive, parasite-treatment and grooming lines each get their own step."""
        invoice = (
            SURGERY,
            InvoiceLine("preventive", Decimal("45.50")),
            InvoiceLine("parasite_treatment", Decimal("30.25")),
            InvoiceLine("grooming", Decimal("80.00")),
        )
        payout = decision_for(complete_claim(invoice=invoice)).payout
        assert payout is not None
        # 1200.00 + 45.50 + 30.25 + 80.00 = 1355.75
        assert [(s.label, s.change, s.amount) for s in payout.steps] == [
            ("Invoiced", Decimal("1355.75"), Decimal("1355.75")),
            ("Not covered: preventive (line 2)", Decimal("-45.50"), Decimal("1310.25")),
            ("Not covered: parasite_treatment (line 3)", Decimal("-30.25"), Decimal("1280.00")),
            ("Not covered: grooming (line 4)", Decimal("-80.00"), Decimal("1200.00")),
            ("Owner's share: 250.00", Decimal("-250"), Decimal("950.00")),
        ]
        assert payout.payable == Decimal("950.00")

    def test_care_window_keeps_day_30_and_drops_day_31(self) -> None:
        """A line dated 2026-05-14 (day 30) is covered; one dated 2026-05-15 (day 31) is not."""
        invoice = (
            SURGERY,
            InvoiceLine("follow_up", Decimal("300.00"), date=CARE_WINDOW_END),
            InvoiceLine("follow_up", Decimal("175.00"), date=CARE_WINDOW_END + DAY),
        )
        payout = decision_for(complete_claim(invoice=invoice)).payout
        assert payout is not None
        # 1200 + 300 + 175 = 1675; less 175 = 1500; less 250 = 1250.
        assert [(s.label, s.change, s.amount) for s in payout.steps] == [
            ("Invoiced", Decimal("1675.00"), Decimal("1675.00")),
            (
                "Outside the care window (30 days): line 3 (2026-05-15)",
                Decimal("-175.00"),
                Decimal("1500.00"),
            ),
            ("Owner's share: 250.00", Decimal("-250"), Decimal("1250.00")),
        ]

    def test_care_window_drops_a_line_dated_before_the_harm(self) -> None:
        """A line dated the day before the harm (2026-04-13) is outside the care window."""
        invoice = (SURGERY, InvoiceLine("exam", Decimal("90.00"), date=INCIDENT - DAY))
        decision = decision_for(complete_claim(invoice=invoice))
        # 1290.00 - 90.00 - 250 = 950.00
        assert decision.payable == Decimal("950.00")

    def test_cap(self) -> None:
        """30,000.00 invoiced: less 250 = 29,750.00, capped at 25,000.00 (a 4,750.00 step)."""
        invoice = (InvoiceLine("surgery", Decimal("30000.00"), date=INCIDENT),)
        payout = decision_for(complete_claim(invoice=invoice)).payout
        assert payout is not None
        assert [(s.label, s.change, s.amount) for s in payout.steps] == [
            ("Invoiced", Decimal("30000.00"), Decimal("30000.00")),
            ("Owner's share: 250.00", Decimal("-250"), Decimal("29750.00")),
            ("Cap: 25,000.00", Decimal("-4750.00"), Decimal("25000.00")),
        ]
        assert payout.payable == Decimal("25000.00")

    def test_exactly_at_the_cap_has_no_cap_step(self) -> None:
        """25,250.00 invoiced less 250 is exactly the 25,000.00 cap: no cap step."""
        invoice = (InvoiceLine("surgery", Decimal("25250.00")),)
        payout = decision_for(complete_claim(invoice=invoice)).payout
        assert payout is not None
        assert [s.label for s in payout.steps] == ["Invoiced", "Owner's share: 250.00"]
        assert payout.payable == Decimal("25000.00")

    def test_owners_share_larger_than_the_covered_amount_pays_zero(self) -> None:
        """100.00 covered against a 250 share: the share step takes 100.00, leaving 0.00."""
        invoice = (InvoiceLine("exam", Decimal("100.00")),)
        payout = decision_for(complete_claim(invoice=invoice)).payout
        assert payout is not None
        assert payout.steps[-1] == PayoutStep(
            "Owner's share: 250.00", Decimal("-100.00"), Decimal("0.00"), f"{TERMS} s. 3"
        )
        assert payout.payable == Decimal("0.00")

    def test_everything_excluded_pays_zero_not_a_negative(self) -> None:
        """Only a grooming line: 0.00 left, so the owner's share takes nothing and pays 0."""
        invoice = (InvoiceLine("grooming", Decimal("60.00")),)
        payout = decision_for(complete_claim(invoice=invoice)).payout
        assert payout is not None
        assert [s.label for s in payout.steps] == ["Invoiced", "Not covered: grooming (line 1)"]
        assert payout.payable == Decimal("0.00")

    def test_missing_invoice_on_an_eligible_claim(self) -> None:
        """An eligible claim without an invoice asks for it non-decisively and has no amount."""
        decision = decision_for(complete_claim(invoice=MISSING))
        assert decision.verdict is Verdict.ELIGIBLE
        assert decision.payout is None
        assert decision.payable is None
        assert decision.requirements == (
            Requirement(
                RequirementKind.FACT,
                "invoice",
                "itemised invoice lines",
                decisive=False,
                rules=("payout",),
            ),
        )

    def test_needs_info_claim_shows_the_would_be_amount(self) -> None:
        """A NEEDS_INFO claim with an invoice carries the amount it would pay."""
        decision = decision_for(complete_claim(own_pet=MISSING))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.payable == Decimal("1550.00")
        text = decision.render()
        assert "If eligible, the amount would be:" in text
        assert "Amount payable" not in text

    def test_ineligible_claim_has_no_amount(self) -> None:
        """An INELIGIBLE claim is given no payout."""
        decision = decision_for(complete_claim(own_pet=False))
        assert decision.payout is None

    def test_same_amount_under_both_versions(self) -> None:
        """Both versions share the payout: the 2025-07 claim also pays 1,550.00."""
        assert decision_for(claim_on(date(2025, 12, 31))).payable == Decimal("1550.00")


class TestVersionChoice:
    def test_last_day_of_2025_is_decided_by_2025_07(self) -> None:
        """Harm on 2025-12-31 is decided by 2025-07 with the 48-hour window."""
        decision = decision_for(claim_on(date(2025, 12, 31)))
        assert decision.version == "2025-07"
        assert decision.effective_from == date(2025, 7, 1)
        assert decision.parameters["report_window_hours"] == Parameter(
            48, f"{TERMS} s. 5.1 (July 2025)"
        )

    def test_first_day_of_2026_is_decided_by_2026_01(self) -> None:
        """Harm on 2026-01-01 is decided by 2026-01 with the 72-hour window."""
        decision = decision_for(claim_on(date(2026, 1, 1)))
        assert decision.version == "2026-01"
        assert decision.effective_from == date(2026, 1, 1)
        assert decision.parameters["report_window_hours"].value == 72

    def test_the_first_version_starts_on_2025_07_01(self) -> None:
        """Harm on 2025-07-01 is decided by 2025-07."""
        assert decision_for(claim_on(date(2025, 7, 1))).version == "2025-07"

    def test_the_claims_date_decides_not_the_report(self) -> None:
        """Harm on 2025-12-31 reported in 2026 is still decided by 2025-07."""
        claim = claim_on(date(2025, 12, 31))
        assert claim.reported_at.year == 2026
        assert decision_for(claim, as_of=date(2026, 2, 1)).version == "2025-07"

    def test_before_the_first_version_is_not_applicable(self) -> None:
        """Harm on 2025-06-30 is NOT_APPLICABLE, with a note and no rules run."""
        decision = decision_for(claim_on(date(2025, 6, 30)))
        assert decision.verdict is Verdict.NOT_APPLICABLE
        assert decision.version is None
        assert decision.results == ()
        assert decision.requirements == ()
        assert decision.note == (
            "No version of the policy was in force on 2025-06-30 (date the harm happened)."
        )
        assert decision.note in decision.render()

    def test_a_missing_incident_date_is_asked_for(self) -> None:
        """Without incident_date the claim NEEDS_INFO and asks for the date first."""
        decision = decision_for(complete_claim(incident_date=MISSING))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.version is None
        assert decision.requirements == (
            Requirement(RequirementKind.FACT, "incident_date", "date the harm happened"),
        )
        assert decision.note == (
            "The date the harm happened decides which version of the policy applies."
        )

    def test_a_not_applicable_incident_date(self) -> None:
        """incident_date NOT_APPLICABLE makes the whole claim NOT_APPLICABLE, with a note."""
        decision = decision_for(complete_claim(incident_date=NOT_APPLICABLE))
        assert decision.verdict is Verdict.NOT_APPLICABLE
        assert decision.note == "The date the harm happened does not apply to this claim."

    def test_parameters_are_listed_with_their_sources(self) -> None:
        """The decision lists every parameter of its version with the clause it comes from."""
        decision = decision_for(complete_claim())
        assert dict(decision.parameters) == {
            "report_window_hours": Parameter(72, f"{TERMS} s. 5.1 (January 2026)"),
            "documents_within_days": Parameter(60, f"{TERMS} s. 6"),
            "owner_share": Parameter(Decimal("250"), f"{TERMS} s. 3.2"),
            "cap": Parameter(Decimal("25000"), f"{TERMS} s. 3.3"),
        }

    def test_render_names_the_version(self) -> None:
        """The rendering ends with the version and its start date."""
        text = decision_for(complete_claim()).render()
        assert text.endswith("Decided under version 2026-01 (from 2026-01-01).")


class TestRequirements:
    def test_decisive_first_then_by_deadline(self) -> None:
        """Documents with a deadline come first, then facts, then what only the amount needs."""
        claim = complete_claim(
            documents=frozenset(), pre_existing=MISSING, service=MISSING, invoice=MISSING
        )
        decision = decision_for(claim)
        assert [(q.name, q.decisive, q.due) for q in decision.requirements] == [
            ("vet-invoice", True, DOCUMENTS_DUE),
            ("vet-records", True, DOCUMENTS_DUE),
            ("pre_existing", True, None),
            ("service", True, None),
            ("invoice", False, None),
        ]

    def test_a_fact_several_rules_need_is_asked_once(self) -> None:
        """The cause feeds three rules and is asked for once, naming all three."""
        decision = decision_for(complete_claim(cause=MISSING))
        assert [q.name for q in decision.requirements] == ["cause"]
        assert decision.requirements[0].rules == CAUSE_RULES

    def test_describe(self) -> None:
        """Requirements describe themselves in one customer-facing line."""
        decision = decision_for(complete_claim(documents=frozenset(), invoice=MISSING))
        assert [q.describe() for q in decision.requirements] == [
            "Itemised vet invoice, by 2026-06-13",
            "Vet records for the visit, by 2026-06-13",
            "Itemised invoice lines (needed for the amount)",
        ]


class TestRendering:
    def test_ineligible_lists_every_reason_with_its_citation(self) -> None:
        """The text of an ineligible claim holds every reason's message and citation."""
        claim = complete_claim(booked_on_platform=False, own_pet=False, cause="illness")
        decision = decision_for(claim)
        text = decision.render()
        assert text.startswith("Pet-care guarantee: not eligible.\nEvery reason:\n")
        assert len(decision.reasons) == 3
        for reason in decision.reasons:
            assert f"  - {reason.message} ({reason.citation})" in text
        assert f"  - The guarantee covers only the claimant's own pet. ({TERMS} s. 2.1)" in text

    def test_needs_info_lists_the_requirement_with_its_due_date(self) -> None:
        """The text of a needs-info claim numbers what is needed, with the due date."""
        text = decision_for(complete_claim(documents={"vet_records"})).render()
        assert "Pet-care guarantee: waiting for information." in text
        assert "We still need:\n  1. Itemised vet invoice, by 2026-06-13\n" in text

    def test_eligible_shows_the_amount(self) -> None:
        """The text of an eligible claim states the amount payable and its steps."""
        text = decision_for(complete_claim()).render()
        assert text.startswith("Pet-care guarantee: eligible.\n")
        assert "Amount payable: 1,550.00 USD" in text
        assert "Owner's share: 250.00" in text
        assert str(decision_for(complete_claim())) == text

    @pytest.mark.parametrize(
        "claim",
        [
            complete_claim(),
            complete_claim(own_pet=False, cause="parasites"),
            complete_claim(documents=frozenset(), invoice=MISSING),
            complete_claim(incident_date=MISSING),
            claim_on(date(2025, 6, 30)),
        ],
        ids=["eligible", "ineligible", "needs-info", "no-date", "too-early"],
    )
    def test_to_dict_is_json(self, claim: PetGuaranteeClaim) -> None:
        """to_dict() survives json.dumps and json.loads unchanged."""
        summary = decision_for(claim).to_dict()
        assert json.loads(json.dumps(summary)) == summary

    def test_to_dict_content(self) -> None:
        """to_dict() gives the verdict, version, due dates in ISO form and the amount as text."""
        summary = decision_for(complete_claim(documents={"vet_records"})).to_dict()
        assert summary["verdict"] == "needs_info"
        assert summary["version"] == "2026-01"
        assert summary["payable"] == "1550.00"
        assert summary["requirements"] == [
            {
                "kind": "document",
                "name": "vet-invoice",
                "label": "Itemised vet invoice",
                "accepted": ["itemised_vet_invoice"],
                "need": 1,
                "due": "2026-06-13",
                "decisive": True,
                "rules": ["vet-invoice"],
            }
        ]
        assert summary["outcomes"]["vet-invoice"] == "unknown"

    def test_html_escapes_what_it_shows(self) -> None:
        """_repr_html_ shows a missing fact as read (not its repr) and escapes quotes."""
        page = decision_for(complete_claim(pre_existing=MISSING))._repr_html_()
        assert "pre_existing: missing" in page
        assert "Absent" not in page
        assert "Owner&#x27;s share" in page
        assert "Owner's" not in page

    def test_html_escapes_the_policy_title(self) -> None:
        """A title with markup is shown as text, not as markup."""
        policy = attrs.evolve(PET_GUARANTEE, title="Pets <b>&</b> co")
        page = decide(policy, complete_claim())._repr_html_()
        assert "Pets &lt;b&gt;&amp;&lt;/b&gt; co" in page
        assert "<b>&</b>" not in page


class TestInvalidInput:
    def test_float_amount(self) -> None:
        """A float invoice amount raises InputTypeError naming amount and the value."""
        with pytest.raises(InputTypeError, match=r"^amount=12\.5: must be a Decimal") as info:
            InvoiceLine("surgery", 12.5)  # type: ignore[arg-type]
        assert isinstance(info.value, SafetycoreError)
        assert isinstance(info.value, TypeError)
        assert (info.value.field, info.value.value) == ("amount", 12.5)

    def test_negative_amount(self) -> None:
        """A negative invoice amount raises InvalidArgumentError naming amount."""
        with pytest.raises(InvalidArgumentError, match=r"^amount=Decimal\('-1'\)"):
            InvoiceLine("surgery", Decimal("-1"))

    def test_naive_report_time(self) -> None:
        """A naive reported_at raises NaiveDatetimeError (a ValueError) naming the field."""
        naive = datetime(2026, 4, 18, 10, 0)
        with pytest.raises(NaiveDatetimeError, match=r"^reported_at=datetime\.datetime\(2026, 4"):
            complete_claim(reported_at=naive)
        with pytest.raises(ValueError, match="time-zone aware"):
            complete_claim(reported_at=naive)

    def test_unknown_cause(self) -> None:
        """An unknown cause raises InvalidArgumentError naming cause, value and the choices."""
        with pytest.raises(
            InvalidArgumentError, match=r"^cause='snakebite': must be one of"
        ) as info:
            complete_claim(cause="snakebite")
        assert isinstance(info.value, ValueError)
        assert "illness, injury, parasites, poisoning, preventive" in str(info.value)

    def test_datetime_incident_date(self) -> None:
        """A datetime for incident_date raises InputTypeError: it must be a date."""
        moment = datetime(2026, 4, 14, 9, 0, tzinfo=NEW_YORK)
        with pytest.raises(
            InputTypeError, match=r"^incident_date='2026-04-14T09:00:00-04:00\[America/New_York\]'"
        ) as info:
            complete_claim(incident_date=moment)
        assert "must be a date, not a datetime" in str(info.value)
        assert isinstance(info.value, TypeError)

    def test_unknown_document_kind(self) -> None:
        """An unknown document kind raises InvalidArgumentError naming documents and the kind."""
        with pytest.raises(InvalidArgumentError, match=r"^documents=frozenset") as info:
            complete_claim(documents={"vet_records", "selfie"})
        assert "unknown document kinds ['selfie']" in str(info.value)

    def test_documents_as_a_bare_string(self) -> None:
        """A bare string of documents is refused rather than read as a set of letters."""
        with pytest.raises(InputTypeError, match=r"^documents='vet_records'"):
            complete_claim(documents="vet_records")

    def test_invoice_item_of_the_wrong_type(self) -> None:
        """An invoice item that is not an InvoiceLine raises InputTypeError naming its index."""
        with pytest.raises(InputTypeError, match=r"^invoice\[1\]=\('x_ray', 600\)"):
            complete_claim(invoice=(SURGERY, ("x_ray", 600)))

    def test_naive_as_of(self) -> None:
        """A naive as_of raises NaiveDatetimeError naming as_of."""
        with pytest.raises(NaiveDatetimeError, match=r"^as_of="):
            decide(PET_GUARANTEE, complete_claim(), as_of=datetime(2026, 6, 13))

    def test_unknown_field_in_a_mapping(self) -> None:
        """A mapping with a field the claim lacks raises InputTypeError naming that field."""
        with pytest.raises(InputTypeError, match=r"^species='dog': is not a fact") as info:
            decide(PET_GUARANTEE, {"species": "dog"})
        assert info.value.field == "species"

    def test_a_bad_value_in_a_mapping_is_still_named(self) -> None:
        """A wrong-type value in a mapping raises an error whose message names the fact."""
        moment = datetime(2026, 4, 14, 9, 0, tzinfo=NEW_YORK)
        with pytest.raises(InputTypeError, match=r"incident_date='2026-04-14T09:00:00-04:00"):
            decide(PET_GUARANTEE, {"incident_date": moment})

    def test_a_bad_value_in_a_mapping_keeps_its_field(self) -> None:
        """A wrong-type value in a mapping raises an error whose field is that fact."""
        moment = datetime(2026, 4, 14, 9, 0, tzinfo=NEW_YORK)
        with pytest.raises(InputTypeError) as info:
            decide(PET_GUARANTEE, {"incident_date": moment})
        assert info.value.field in ("incident_date", "facts.incident_date")
        assert info.value.value == moment


class TestDecideMapping:
    def test_a_mapping_decides_like_the_claim(self) -> None:
        """decide() given the claim's fields as a dict returns the same decision."""
        fields = attrs.asdict(complete_claim(), recurse=False)
        assert decision_for(fields) == decision_for(complete_claim())

    def test_a_partial_mapping_leaves_the_rest_missing(self) -> None:
        """Fields left out of the mapping are MISSING and asked for."""
        decision = decision_for({"incident_date": INCIDENT, "cause": "injury"})
        assert decision.verdict is Verdict.NEEDS_INFO
        assert "cause" not in {q.name for q in decision.requirements}
        assert "own_pet" in {q.name for q in decision.requirements}

    def test_a_mapping_is_validated(self) -> None:
        """A mapping with an unknown cause raises the same error as the claim class."""
        with pytest.raises(InvalidArgumentError, match=r"^cause='snakebite'"):
            decide(PET_GUARANTEE, {"incident_date": INCIDENT, "cause": "snakebite"})

    def test_documents_given_as_a_list(self) -> None:
        """Documents given as a list in a mapping are stored as a frozenset."""
        decision = decision_for(
            {**attrs.asdict(complete_claim(), recurse=False), "documents": ["vet_records"]}
        )
        assert decision.outcome("vet-records") is Outcome.PASS
        assert decision.outcome("vet-invoice") is Outcome.UNKNOWN

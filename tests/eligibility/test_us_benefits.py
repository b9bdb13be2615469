"""The group health enrolment example policy: every rule, evidence per event, coverage start.

Days counted by hand (the request window is closed at both ends, the event date is day 0):

- hire 2026-02-01: day 30 is 2026-03-03 (February 2026 has 28 days);
- marriage 2026-06-14: day 30 is 2026-07-14 (June has 30 days);
- birth 2026-05-03: day 30 is 2026-06-02 (May has 31 days);
- Medicaid / CHIP loss 2026-03-01: day 60 is 2026-04-30 (March 31 days, April 30).

The optional rules (issue 14), counted the same way:

- hire 2026-01-15 otherwise eligible 2026-06-10: day 91 of the wait is 2026-09-08 (20 days
  to June 30, 31 in July, 31 in August, 8);
- look-back measured 2025-10-15 to 2026-10-14 (365 days, 30 x 365 / 7 = 1,564.29 hours),
  78 administrative days, stable 2027-01-01 to 2027-12-31;
- COBRA lost 2026-01-31, notice 2026-03-06: day 60 is 2026-05-05 (25 days to March 31, 30
  in April, 5); elected 2026-05-05: day 45 is 2026-06-19 (26 days to May 31, 19).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    Outcome,
    RequirementKind,
    Verdict,
    decide,
)
from safetycore.eligibility.benefits import (
    Beneficiary,
    Entry,
    LookBack,
    QualifyingEvent,
    SpecialEnrolmentEvent,
    WaitingPeriod,
)
from safetycore.eligibility.us_benefits import (
    COBRA_ELECTION,
    GROUP_HEALTH_ENROLMENT,
    NEW_HIRE,
    PLAN_LOOK_BACK,
    PLAN_WAITING_PERIOD,
    EnrolmentRequest,
    coverage_start,
)
from safetycore.errors import InvalidArgumentError

Event = SpecialEnrolmentEvent
PASS, FAIL, UNKNOWN, NA = (
    Outcome.PASS,
    Outcome.FAIL,
    Outcome.UNKNOWN,
    Outcome.NOT_APPLICABLE,
)
EVIDENCE = ("proof-of-new-dependant", "proof-of-marriage", "proof-of-loss")


def request(**values: Any) -> EnrolmentRequest:
    """A request with 40 weekly hours unless told otherwise."""
    values.setdefault("hours_per_week", Decimal("40"))
    return EnrolmentRequest(**values)


def outcome(rule_id: str, **values: Any) -> Outcome:
    """The outcome of one rule for a request."""
    return decide(GROUP_HEALTH_ENROLMENT, request(**values)).outcome(rule_id)


class TestFullTime:
    @pytest.mark.parametrize(
        ("weekly", "monthly", "expected"),
        [
            (Decimal("30"), MISSING, PASS),
            (Decimal("29.99"), Decimal("100"), FAIL),
            (Decimal("29.99"), MISSING, UNKNOWN),
            (MISSING, Decimal("130"), PASS),
            (Decimal("29"), Decimal("129.99"), FAIL),
            (MISSING, Decimal("129.99"), UNKNOWN),
            (Decimal("0"), Decimal("130"), PASS),
            (Decimal("45"), Decimal("0"), PASS),
            (MISSING, MISSING, UNKNOWN),
            (NOT_APPLICABLE, Decimal("130"), PASS),
        ],
    )
    def test_weekly_or_monthly(self, weekly: object, monthly: object, expected: Outcome) -> None:
        """30 a week or 130 a month is full time; either suffices even if the other is missing."""
        result = outcome(
            "full-time",
            event=NEW_HIRE,
            event_date=dt.date(2026, 2, 1),
            request_date=dt.date(2026, 2, 2),
            hours_per_week=weekly,
            hours_in_month=monthly,
        )
        assert result is expected

    def test_part_time_is_ineligible(self) -> None:
        """A known part-timer is ineligible with the plan's failure text as the reason."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE,
                event_date=dt.date(2026, 2, 1),
                request_date=dt.date(2026, 2, 2),
                hours_per_week=Decimal("20"),
                hours_in_month=Decimal("86"),
            ),
        )
        assert decision.verdict is Verdict.INELIGIBLE
        assert [r.rule_id for r in decision.reasons] == ["full-time"]
        assert "30 hours a week or 130 in a month" in decision.reasons[0].message

    def test_missing_hours_are_asked_for(self) -> None:
        """With both hours missing, the decision asks for both facts for the full-time rule."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            EnrolmentRequest(
                event=NEW_HIRE, event_date=dt.date(2026, 2, 1), request_date=dt.date(2026, 2, 2)
            ),
        )
        assert decision.verdict is Verdict.NEEDS_INFO
        assert [(q.name, q.rules) for q in decision.requirements] == [
            ("hours_in_month", ("full-time",)),
            ("hours_per_week", ("full-time",)),
        ]


class TestNewHireInTime:
    @pytest.mark.parametrize(
        ("asked", "expected"),
        [
            (dt.date(2026, 2, 1), PASS),
            (dt.date(2026, 3, 3), PASS),
            (dt.date(2026, 3, 4), FAIL),
            (dt.date(2026, 1, 31), FAIL),
        ],
    )
    def test_within_30_days(self, asked: dt.date, expected: Outcome) -> None:
        """Hired 2026-02-01: day 30 (03-03) is in time, day 31 is late, the day before is not in."""
        result = outcome(
            "new-hire-in-time", event=NEW_HIRE, event_date=dt.date(2026, 2, 1), request_date=asked
        )
        assert result is expected

    def test_not_applicable_to_special_enrolment(self) -> None:
        """The new-hire window does not apply to a marriage."""
        result = outcome(
            "new-hire-in-time",
            event=Event.MARRIAGE,
            event_date=dt.date(2026, 6, 14),
            request_date=dt.date(2026, 12, 1),
        )
        assert result is NA

    def test_new_hire_in_time_is_eligible(self) -> None:
        """A full-time hire asking on day 30 is eligible; special-enrolment rules do not apply."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE, event_date=dt.date(2026, 2, 1), request_date=dt.date(2026, 3, 3)
            ),
        )
        assert decision.verdict is Verdict.ELIGIBLE
        assert {r.rule_id: r.outcome for r in decision.results} == {
            "full-time": PASS,
            "waiting-period-90-days": NA,
            "cobra-may-elect": NA,
            "cobra-election-in-time": NA,
            "cobra-first-premium-in-time": NA,
            "cobra-small-employer": NA,
            "new-hire-in-time": PASS,
            "special-enrolment-30-days": NA,
            "special-enrolment-60-days": NA,
            "proof-of-new-dependant": NA,
            "proof-of-marriage": NA,
            "proof-of-loss": NA,
        }


class TestSpecialEnrolment30Days:
    @pytest.mark.parametrize(
        ("event", "happened", "asked", "expected"),
        [
            (Event.MARRIAGE, dt.date(2026, 6, 14), dt.date(2026, 7, 14), PASS),
            (Event.MARRIAGE, dt.date(2026, 6, 14), dt.date(2026, 7, 15), FAIL),
            (Event.MARRIAGE, dt.date(2026, 6, 14), dt.date(2026, 6, 13), FAIL),
            (Event.BIRTH, dt.date(2026, 5, 3), dt.date(2026, 6, 2), PASS),
            (Event.BIRTH, dt.date(2026, 5, 3), dt.date(2026, 6, 3), FAIL),
            (Event.BIRTH, dt.date(2026, 5, 3), dt.date(2026, 5, 3), PASS),
            (Event.LOSS_OF_COVERAGE, dt.date(2026, 6, 14), dt.date(2026, 7, 15), FAIL),
            (Event.ADOPTION, dt.date(2026, 6, 14), dt.date(2026, 7, 14), PASS),
        ],
    )
    def test_window(
        self, event: Event, happened: dt.date, asked: dt.date, expected: Outcome
    ) -> None:
        """Day 30 after the event is in time, day 31 is late, a request before the event fails."""
        result = outcome(
            "special-enrolment-30-days", event=event, event_date=happened, request_date=asked
        )
        assert result is expected

    @pytest.mark.parametrize("event", [NEW_HIRE, Event.MEDICAID_CHIP_LOSS])
    def test_not_applicable_to_other_events(self, event: object) -> None:
        """The 30-day rule does not apply to a new hire or a Medicaid / CHIP event."""
        result = outcome(
            "special-enrolment-30-days",
            event=event,
            event_date=dt.date(2026, 3, 1),
            request_date=dt.date(2026, 4, 30),
        )
        assert result is NA

    def test_unknown_event_with_late_request(self) -> None:
        """With the event missing, a request 45 days late for a 30-day event is unknown."""
        result = outcome(
            "special-enrolment-30-days",
            event_date=dt.date(2026, 3, 1),
            request_date=dt.date(2026, 4, 15),
        )
        assert result is UNKNOWN

    def test_unknown_event_with_timely_request(self) -> None:
        """With the event missing, a request within 30 days passes whichever event it was."""
        result = outcome(
            "special-enrolment-30-days",
            event_date=dt.date(2026, 3, 1),
            request_date=dt.date(2026, 3, 10),
        )
        assert result is PASS


class TestSpecialEnrolment60Days:
    @pytest.mark.parametrize(
        ("event", "asked", "expected"),
        [
            (Event.MEDICAID_CHIP_LOSS, dt.date(2026, 3, 31), PASS),
            (Event.MEDICAID_CHIP_LOSS, dt.date(2026, 4, 30), PASS),
            (Event.MEDICAID_CHIP_LOSS, dt.date(2026, 5, 1), FAIL),
            (Event.MEDICAID_CHIP_LOSS, dt.date(2026, 2, 28), FAIL),
            (Event.MEDICAID_CHIP_SUBSIDY, dt.date(2026, 4, 30), PASS),
            (Event.MEDICAID_CHIP_SUBSIDY, dt.date(2026, 5, 1), FAIL),
        ],
    )
    def test_window(self, event: Event, asked: dt.date, expected: Outcome) -> None:
        """Lost 2026-03-01: day 60 (04-30) is in time, day 61 (05-01) is late."""
        result = outcome(
            "special-enrolment-60-days",
            event=event,
            event_date=dt.date(2026, 3, 1),
            request_date=asked,
        )
        assert result is expected

    def test_not_applicable_to_a_marriage(self) -> None:
        """The 60-day rule does not apply to a marriage (whose window is 30 days)."""
        result = outcome(
            "special-enrolment-60-days",
            event=Event.MARRIAGE,
            event_date=dt.date(2026, 3, 1),
            request_date=dt.date(2026, 4, 30),
        )
        assert result is NA

    def test_medicaid_loss_on_day_45_is_eligible(self) -> None:
        """A Medicaid loss with a notice, asked on day 45, is eligible: the 30-day rule is n/a."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=Event.MEDICAID_CHIP_LOSS,
                event_date=dt.date(2026, 3, 1),
                request_date=dt.date(2026, 4, 15),
                documents={"medicaid_chip_notice"},
            ),
        )
        assert decision.verdict is Verdict.ELIGIBLE
        assert decision.outcome("special-enrolment-30-days") is NA


class TestEvidence:
    @pytest.mark.parametrize(
        ("event", "docs", "expected"),
        [
            (Event.BIRTH, {"birth_certificate"}, (PASS, NA, NA)),
            (Event.ADOPTION, {"adoption_order"}, (PASS, NA, NA)),
            (Event.PLACEMENT_FOR_ADOPTION, {"placement_agreement"}, (PASS, NA, NA)),
            (Event.MARRIAGE, {"marriage_certificate"}, (NA, PASS, NA)),
            (Event.LOSS_OF_COVERAGE, {"loss_of_coverage_letter"}, (NA, NA, PASS)),
            (Event.MEDICAID_CHIP_LOSS, {"medicaid_chip_notice"}, (NA, NA, PASS)),
            (Event.MEDICAID_CHIP_SUBSIDY, {"loss_of_coverage_letter"}, (NA, NA, PASS)),
            (NEW_HIRE, set(), (NA, NA, NA)),
            (Event.BIRTH, {"marriage_certificate"}, (UNKNOWN, NA, NA)),
            (Event.MARRIAGE, set(), (NA, UNKNOWN, NA)),
        ],
    )
    def test_per_event(
        self, event: object, docs: set[str], expected: tuple[Outcome, Outcome, Outcome]
    ) -> None:
        """Each event needs its own proof; the other evidence rules are NOT_APPLICABLE."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=event,
                event_date=dt.date(2026, 5, 3),
                request_date=dt.date(2026, 5, 10),
                documents=docs,
            ),
        )
        assert tuple(decision.outcome(rule_id) for rule_id in EVIDENCE) == expected

    def test_missing_proof_is_asked_for(self) -> None:
        """A birth without a certificate needs any one of the three accepted documents."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=Event.BIRTH,
                event_date=dt.date(2026, 5, 3),
                request_date=dt.date(2026, 5, 10),
                documents=set(),
            ),
        )
        assert decision.verdict is Verdict.NEEDS_INFO
        (need,) = decision.requirements
        assert (need.kind, need.name, need.need, need.due) == (
            RequirementKind.DOCUMENT,
            "proof-of-new-dependant",
            1,
            None,
        )
        assert need.accepted == ("birth_certificate", "adoption_order", "placement_agreement")

    def test_no_deadline_so_never_fails(self) -> None:
        """The evidence rules have no deadline: proof missing a year later is still unknown."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=Event.MARRIAGE,
                event_date=dt.date(2026, 6, 14),
                request_date=dt.date(2026, 6, 20),
                documents=set(),
            ),
            as_of=dt.date(2027, 6, 14),
        )
        assert decision.outcome("proof-of-marriage") is UNKNOWN


class TestPolicyDating:
    def test_event_before_the_first_version_is_not_covered(self) -> None:
        """An event dated before the 2024 version is NOT_APPLICABLE."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE, event_date=dt.date(2023, 12, 31), request_date=dt.date(2024, 1, 2)
            ),
        )
        assert decision.verdict is Verdict.NOT_APPLICABLE

    def test_hire_late_in_2025_is_decided(self) -> None:
        """A hire on 2025-12-20 asking on 2026-01-05 is decided under version 2024: eligible."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE, event_date=dt.date(2025, 12, 20), request_date=dt.date(2026, 1, 5)
            ),
        )
        assert (decision.verdict, decision.version) == (Verdict.ELIGIBLE, "2024")

    def test_unknown_event_is_asked_for_beside_the_documents(self) -> None:
        """With the event missing and no documents yet, the reason for enrolling is asked for."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event_date=dt.date(2026, 5, 3),
                request_date=dt.date(2026, 5, 10),
                documents=frozenset(),
            ),
        )
        asked = {q.name for q in decision.requirements}
        assert "event" in asked
        assert set(EVIDENCE) <= asked

    def test_waiting_period_parameter_is_listed(self) -> None:
        """The decision lists the plan's waiting period with its source."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE, event_date=dt.date(2026, 2, 1), request_date=dt.date(2026, 2, 2)
            ),
        )
        parameter = decision.parameters["waiting_period"]
        assert parameter.value is PLAN_WAITING_PERIOD
        assert "2.3" in parameter.source


class TestCoverageStart:
    @pytest.mark.parametrize(
        ("hired", "expected"),
        [
            # 2026-01-15 + 60 days = 2026-03-16 (16 days to Jan 31, 28 in Feb, 16 in March).
            (dt.date(2026, 1, 15), dt.date(2026, 4, 1)),
            # 2026-03-02 + 60 days = 2026-05-01 (29 days to Mar 31, 30 in April, 1): a 1st.
            (dt.date(2026, 3, 2), dt.date(2026, 5, 1)),
            # 2026-11-01 + 60 days = 2026-12-31 (29 days to Nov 30, 31 in Dec).
            (dt.date(2026, 11, 1), dt.date(2027, 1, 1)),
        ],
    )
    def test_new_hire(self, hired: dt.date, expected: dt.date) -> None:
        """A new hire's coverage starts on the first of the month on or after 60 days."""
        result = coverage_start(
            EnrolmentRequest(event=NEW_HIRE, event_date=hired, request_date=hired)
        )
        assert result == expected

    def test_new_hire_needs_no_request_date(self) -> None:
        """A new hire's coverage start does not depend on the request date."""
        result = coverage_start(EnrolmentRequest(event=NEW_HIRE, event_date=dt.date(2026, 1, 15)))
        assert result == dt.date(2026, 4, 1)

    def test_birth(self) -> None:
        """A birth's coverage starts on the date of birth."""
        result = coverage_start(
            EnrolmentRequest(
                event=Event.BIRTH,
                event_date=dt.date(2026, 5, 3),
                request_date=dt.date(2026, 6, 2),
            )
        )
        assert result == dt.date(2026, 5, 3)

    @pytest.mark.parametrize(
        ("asked", "expected"),
        [
            (dt.date(2026, 6, 20), dt.date(2026, 7, 1)),
            (dt.date(2026, 7, 1), dt.date(2026, 8, 1)),
            (dt.date(2026, 6, 30), dt.date(2026, 7, 1)),
        ],
    )
    def test_marriage(self, asked: dt.date, expected: dt.date) -> None:
        """A marriage's coverage starts on the first of the month after the request."""
        result = coverage_start(
            EnrolmentRequest(
                event=Event.MARRIAGE, event_date=dt.date(2026, 6, 14), request_date=asked
            )
        )
        assert result == expected

    def test_medicaid_loss(self) -> None:
        """A Medicaid loss asked on 2026-04-15 starts coverage on 2026-05-01."""
        result = coverage_start(
            EnrolmentRequest(
                event=Event.MEDICAID_CHIP_LOSS,
                event_date=dt.date(2026, 3, 1),
                request_date=dt.date(2026, 4, 15),
            )
        )
        assert result == dt.date(2026, 5, 1)

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            ({"event_date": dt.date(2026, 6, 14)}, MISSING),
            ({"event": Event.MARRIAGE}, MISSING),
            ({"event": Event.MARRIAGE, "event_date": dt.date(2026, 6, 14)}, MISSING),
            ({"event": Event.MARRIAGE, "event_date": NOT_APPLICABLE}, NOT_APPLICABLE),
            (
                {
                    "event": Event.MARRIAGE,
                    "event_date": dt.date(2026, 6, 14),
                    "request_date": NOT_APPLICABLE,
                },
                NOT_APPLICABLE,
            ),
        ],
    )
    def test_absent_facts(self, values: dict[str, Any], expected: object) -> None:
        """An absent fact the start needs makes the start absent the same way."""
        assert coverage_start(EnrolmentRequest(**values)) is expected

    def test_request_before_event(self) -> None:
        """A special-enrolment request dated before its event raises InvalidArgumentError."""
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_start(
                EnrolmentRequest(
                    event=Event.MARRIAGE,
                    event_date=dt.date(2026, 6, 14),
                    request_date=dt.date(2026, 6, 13),
                )
            )
        assert caught.value.field == "request_date"


class TestPlanWaitingPeriod:
    def test_is_sixty_days_then_first_of_month(self) -> None:
        """The plan waits 60 days, then starts coverage on the first of a month on or after."""
        expected = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
        assert expected == PLAN_WAITING_PERIOD

    def test_passes_the_90_day_check(self) -> None:
        """The longest wait is exactly 90 days, first for a hire on 2024-01-02 (coverage 04-01)."""
        # 2024-01-02 + 60 days = 2024-03-02 (29 days to Jan 31, 29 in Feb 2024, 2): first of
        # the month on or after is 2024-04-01, which is 29 + 29 + 31 + 1 = 90 days after.
        assert PLAN_WAITING_PERIOD.max_wait() == (dt.date(2024, 1, 2), 90)
        assert PLAN_WAITING_PERIOD.coverage_start(dt.date(2024, 1, 2)) == dt.date(2024, 4, 1)


class TestWaitingPeriod90Days:
    @pytest.mark.parametrize(
        ("eligible", "offered", "expected"),
        [
            (dt.date(2026, 6, 10), dt.date(2026, 9, 1), PASS),  # the plan's own start
            (dt.date(2026, 6, 10), dt.date(2026, 9, 8), PASS),  # day 91
            (dt.date(2026, 6, 10), dt.date(2026, 9, 9), FAIL),  # day 92
            (dt.date(2026, 1, 15), dt.date(2026, 4, 15), PASS),  # eligible on hire: day 91
            (dt.date(2026, 1, 15), dt.date(2026, 4, 16), FAIL),
            (dt.date(2026, 1, 2), dt.date(2026, 4, 15), PASS),  # before the hire: the hire
        ],
    )
    def test_from_the_day_otherwise_eligible(
        self, eligible: dt.date, offered: dt.date, expected: Outcome
    ) -> None:
        """Hired 2026-01-15: coverage by day 91 counted from the later of hire and eligibility."""
        result = outcome(
            "waiting-period-90-days",
            event=NEW_HIRE,
            event_date=dt.date(2026, 1, 15),
            request_date=dt.date(2026, 1, 20),
            otherwise_eligible_on=eligible,
            offered_coverage_start=offered,
        )
        assert result is expected

    def test_not_applicable_without_an_offer(self) -> None:
        """Without an offered coverage start the rule is NOT_APPLICABLE."""
        result = outcome(
            "waiting-period-90-days",
            event=NEW_HIRE,
            event_date=dt.date(2026, 1, 15),
            otherwise_eligible_on=dt.date(2026, 1, 15),
        )
        assert result is NA

    def test_not_applicable_to_a_marriage(self) -> None:
        """The waiting-period rule is for new hires only."""
        result = outcome(
            "waiting-period-90-days",
            event=Event.MARRIAGE,
            event_date=dt.date(2026, 6, 14),
            request_date=dt.date(2026, 6, 20),
            otherwise_eligible_on=dt.date(2026, 1, 15),
            offered_coverage_start=dt.date(2027, 1, 1),
        )
        assert result is NA

    def test_late_offer_is_ineligible_with_the_reason(self) -> None:
        """An offer on day 92 makes the hire's request ineligible, citing the 90-day rule."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE,
                event_date=dt.date(2026, 1, 15),
                request_date=dt.date(2026, 1, 20),
                otherwise_eligible_on=dt.date(2026, 6, 10),
                offered_coverage_start=dt.date(2026, 9, 9),
            ),
        )
        assert decision.verdict is Verdict.INELIGIBLE
        assert [r.rule_id for r in decision.reasons] == ["waiting-period-90-days"]


class TestFullTimeByLookBack:
    @pytest.mark.parametrize(
        ("hours", "event_date", "expected"),
        [
            (Decimal("1565"), dt.date(2027, 3, 1), PASS),
            (Decimal("1564.29"), dt.date(2027, 3, 1), PASS),  # 7 x 1,564.29 >= 30 x 365
            (Decimal("1564.28"), dt.date(2027, 3, 1), FAIL),
            (Decimal("1565"), dt.date(2027, 12, 31), PASS),  # the stability period's last day
            (Decimal("1565"), dt.date(2028, 1, 1), FAIL),  # after it
            (Decimal("1565"), dt.date(2026, 12, 31), FAIL),  # in the administrative period
        ],
    )
    def test_stability_status_decides(
        self, hours: Decimal, event_date: dt.date, expected: Outcome
    ) -> None:
        """Full time in the measurement period is full time for its stability period only."""
        result = outcome(
            "full-time",
            event=NEW_HIRE,
            event_date=event_date,
            request_date=event_date,
            hours_per_week=Decimal("20"),
            hours_in_month=Decimal("86"),
            measurement_start=dt.date(2025, 10, 15),
            measurement_hours=hours,
        )
        assert result is expected

    def test_current_hours_still_suffice(self) -> None:
        """40 hours a week is full time whatever the measurement period gave."""
        result = outcome(
            "full-time",
            event=NEW_HIRE,
            event_date=dt.date(2027, 3, 1),
            request_date=dt.date(2027, 3, 1),
            measurement_start=dt.date(2025, 10, 15),
            measurement_hours=Decimal("100"),
        )
        assert result is PASS

    def test_plan_look_back_is_a_listed_parameter(self) -> None:
        """The plan's look-back periods are a parameter with its source."""
        assert LookBack(12, 78, 12) == PLAN_LOOK_BACK
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE, event_date=dt.date(2026, 2, 1), request_date=dt.date(2026, 2, 2)
            ),
        )
        assert decision.parameters["look_back"].value is PLAN_LOOK_BACK
        assert "2.4" in decision.parameters["look_back"].source


def cobra(**values: Any) -> EnrolmentRequest:
    """A timely spouse's election after a termination on 2026-01-31, changed by ``values``."""
    facts: dict[str, Any] = {
        "event": COBRA_ELECTION,
        "event_date": dt.date(2026, 1, 31),
        "request_date": dt.date(2026, 5, 5),
        "qualifying_event": QualifyingEvent.TERMINATION,
        "beneficiary": Beneficiary.SPOUSE,
        "coverage_lost_on": dt.date(2026, 1, 31),
        "election_notice_on": dt.date(2026, 3, 6),
        "first_premium_paid_on": dt.date(2026, 6, 19),
        "business_days_last_year": 260,
        "small_days_last_year": 0,
    }
    facts.update(values)
    return EnrolmentRequest(**facts)


COBRA_RULES = (
    "cobra-may-elect",
    "cobra-election-in-time",
    "cobra-first-premium-in-time",
    "cobra-small-employer",
)


class TestCobraElection:
    def test_a_timely_election_is_eligible(self) -> None:
        """Elected on day 60, paid on day 45: eligible; full time and enrolment rules are n/a."""
        decision = decide(GROUP_HEALTH_ENROLMENT, cobra())
        assert decision.verdict is Verdict.ELIGIBLE
        assert {r.rule_id: r.outcome for r in decision.results} == {
            "full-time": NA,
            "waiting-period-90-days": NA,
            "cobra-may-elect": PASS,
            "cobra-election-in-time": PASS,
            "cobra-first-premium-in-time": PASS,
            "cobra-small-employer": PASS,
            "new-hire-in-time": NA,
            "special-enrolment-30-days": NA,
            "special-enrolment-60-days": NA,
            "proof-of-new-dependant": NA,
            "proof-of-marriage": NA,
            "proof-of-loss": NA,
        }

    @pytest.mark.parametrize(
        ("values", "failing"),
        [
            ({"request_date": dt.date(2026, 5, 6)}, "cobra-election-in-time"),  # day 61
            ({"first_premium_paid_on": dt.date(2026, 6, 20)}, "cobra-first-premium-in-time"),
            (
                {"qualifying_event": QualifyingEvent.LOSS_OF_DEPENDENT_STATUS},
                "cobra-may-elect",
            ),
            (
                {"qualifying_event": QualifyingEvent.DEATH, "beneficiary": Beneficiary.EMPLOYEE},
                "cobra-may-elect",
            ),
            ({"small_days_last_year": 130}, "cobra-small-employer"),  # 130 of 260: half
        ],
    )
    def test_each_rule_fails_one_day_or_one_fact_over(
        self, values: dict[str, Any], failing: str
    ) -> None:
        """One day late, the wrong beneficiary, or a small employer: ineligible for that reason."""
        decision = decide(GROUP_HEALTH_ENROLMENT, cobra(**values))
        assert decision.verdict is Verdict.INELIGIBLE
        assert [r.rule_id for r in decision.reasons] == [failing]

    def test_129_small_days_of_260_is_not_small(self) -> None:
        """Fewer than 20 employees on 129 of 260 days is under half: COBRA applies."""
        assert (
            decide(GROUP_HEALTH_ENROLMENT, cobra(small_days_last_year=129)).outcome(
                "cobra-small-employer"
            )
            is PASS
        )

    def test_later_loss_of_coverage_counts(self) -> None:
        """Notice 2026-01-20, coverage lost 2026-01-31 (later): day 60 is 04-01."""
        in_time = cobra(election_notice_on=dt.date(2026, 1, 20), request_date=dt.date(2026, 4, 1))
        late = cobra(election_notice_on=dt.date(2026, 1, 20), request_date=dt.date(2026, 4, 2))
        outcomes = [
            decide(GROUP_HEALTH_ENROLMENT, r).outcome("cobra-election-in-time")
            for r in (in_time, late)
        ]
        assert outcomes == [PASS, FAIL]

    def test_cobra_facts_do_not_touch_a_new_hire(self) -> None:
        """The COBRA rules are NOT_APPLICABLE to a new hire even with COBRA facts given."""
        decision = decide(
            GROUP_HEALTH_ENROLMENT,
            request(
                event=NEW_HIRE,
                event_date=dt.date(2026, 2, 1),
                request_date=dt.date(2026, 2, 2),
                qualifying_event=QualifyingEvent.TERMINATION,
                small_days_last_year=260,
                business_days_last_year=260,
            ),
        )
        assert [decision.outcome(rule) for rule in COBRA_RULES] == [NA] * 4

    def test_has_no_coverage_start(self) -> None:
        """coverage_start refuses a COBRA election: it continues the lost coverage."""
        with pytest.raises(InvalidArgumentError) as caught:
            coverage_start(cobra())
        assert (caught.value.field, caught.value.value) == ("event", COBRA_ELECTION)

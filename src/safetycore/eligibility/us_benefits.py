"""An example policy: enrolment in an employer's group health plan, under US rules.

An example to learn from and to test with, not legal advice nor any plan's official terms.
It decides a request to enrol, made on a new hire or on a HIPAA special-enrolment event:

- the employee is full-time under the ACA: 30 hours of service a week, or 130 in a calendar
  month (26 CFR 54.4980H-1(a)(21), 54.4980H-3); either one is enough, so a known 130-hour
  month decides even when the weekly hours are missing;
- a new hire asks within 30 days of the hire date (the plan's own rule);
- a special-enrolment request comes within 30 days of the event, or 60 days for the loss of
  Medicaid / CHIP or eligibility for its premium assistance (29 CFR 2590.701-6; ERISA
  s. 701(f)(3));
- the event is shown by one accepted document.

The plan's waiting period is a :class:`~safetycore.eligibility.benefits.WaitingPeriod`
parameter, which refuses at construction any waiting period that would exceed the 90-day
maximum for some hire date (29 CFR 2590.715-2708). :func:`coverage_start` says when coverage
begins for an eligible request.

>>> from datetime import date
>>> from decimal import Decimal
>>> from safetycore.eligibility import decide
>>> request = EnrolmentRequest(
...     event=SpecialEnrolmentEvent.BIRTH, event_date=date(2026, 5, 3),
...     request_date=date(2026, 6, 2), hours_per_week=Decimal("32"),
...     documents={"birth_certificate"},
... )
>>> decide(GROUP_HEALTH_ENROLMENT, request).verdict.value
'eligible'
>>> coverage_start(request)
datetime.date(2026, 5, 3)
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from safetycore.eligibility.benefits import (
    Entry,
    SpecialEnrolmentEvent,
    WaitingPeriod,
    effective_date,
    is_full_time_monthly,
    is_full_time_weekly,
)
from safetycore.eligibility.expressions import F, call
from safetycore.eligibility.facts import MISSING, NOT_APPLICABLE, Absent, documents, fact, facts
from safetycore.eligibility.parameters import Parameter
from safetycore.eligibility.policy import Policy, PolicyVersion
from safetycore.eligibility.rules import Evidence, Rule
from safetycore.eligibility.windows import days
from safetycore.errors import InvalidArgumentError

__all__ = [
    "GROUP_HEALTH_ENROLMENT",
    "NEW_HIRE",
    "PLAN_WAITING_PERIOD",
    "EnrolmentRequest",
    "coverage_start",
]

NEW_HIRE = "new_hire"
"""The ``event`` of a new hire's first enrolment (not a HIPAA event)."""

PLAN_WAITING_PERIOD = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
"""First of the month on or after 60 days: at most 90 days for every hire date."""

_EVENTS = frozenset({NEW_HIRE, *SpecialEnrolmentEvent})
_SIXTY_DAYS = frozenset(
    {SpecialEnrolmentEvent.MEDICAID_CHIP_LOSS, SpecialEnrolmentEvent.MEDICAID_CHIP_SUBSIDY}
)
_THIRTY_DAYS = frozenset(SpecialEnrolmentEvent) - _SIXTY_DAYS
_NEW_DEPENDANT = frozenset(
    {
        SpecialEnrolmentEvent.BIRTH,
        SpecialEnrolmentEvent.ADOPTION,
        SpecialEnrolmentEvent.PLACEMENT_FOR_ADOPTION,
    }
)
_LOSS = frozenset({SpecialEnrolmentEvent.LOSS_OF_COVERAGE, *_SIXTY_DAYS})


@facts
class EnrolmentRequest:
    """A request to enrol in the group health plan."""

    event: object = fact(object, choices=_EVENTS, label="reason for enrolling")
    event_date: _dt.date | Absent = fact(_dt.date, label="date of the hire or the event")
    request_date: _dt.date | Absent = fact(_dt.date, label="date the request was received")
    hours_per_week: Decimal = fact(Decimal, minimum=0, label="hours of service per week")
    hours_in_month: Decimal = fact(
        Decimal, minimum=0, label="hours of service in the last calendar month"
    )
    documents: frozenset[str] = documents(
        kinds={
            "birth_certificate",
            "adoption_order",
            "placement_agreement",
            "marriage_certificate",
            "loss_of_coverage_letter",
            "medicaid_chip_notice",
        },
        label="documents received",
    )


_PLAN = "Plan document (example)"

_RULES = (
    Rule(
        "full-time",
        "Full-time employee: 30 hours a week or 130 hours in a month",
        call(is_full_time_weekly, F.hours_per_week).is_true()
        | call(is_full_time_monthly, F.hours_in_month).is_true(),
        citation="26 CFR 54.4980H-1(a)(21); 26 CFR 54.4980H-3",
        failure="The plan covers full-time employees: 30 hours a week or 130 in a month.",
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

GROUP_HEALTH_ENROLMENT = Policy(
    id="group-health-enrolment",
    title="Group health plan enrolment",
    facts=EnrolmentRequest,
    decided_by="event_date",
    versions=(
        PolicyVersion(
            "2024",
            _dt.date(2024, 1, 1),
            _RULES,
            parameters={
                "waiting_period": Parameter(PLAN_WAITING_PERIOD, f"{_PLAN} s. 2.3"),
            },
        ),
    ),
)
"""The example enrolment policy, decided by the date of the hire or event."""


def coverage_start(
    request: EnrolmentRequest, policy: Policy = GROUP_HEALTH_ENROLMENT
) -> _dt.date | Absent:
    """The day coverage begins for ``request`` (the latest day the rules allow).

    A new hire: the waiting period of the policy version in force on the hire date (its
    ``waiting_period`` parameter). A birth, adoption or placement: the event date. Other
    events: the first of the month after the request. Returns
    :data:`~safetycore.eligibility.MISSING` while a fact it needs is missing, and
    NOT_APPLICABLE when no version was in force.
    """
    event, day, asked = request.event, request.event_date, request.request_date
    if isinstance(event, Absent) or isinstance(day, Absent):
        return MISSING if MISSING in (event, day) else NOT_APPLICABLE
    if event == NEW_HIRE:
        version = policy.version_for(request)
        if version is None:
            return NOT_APPLICABLE
        waiting: WaitingPeriod = version.parameters["waiting_period"].value
        return waiting.coverage_start(day)
    if isinstance(asked, Absent):
        return asked
    if not isinstance(event, SpecialEnrolmentEvent):
        raise InvalidArgumentError("is not an enrolment event", field="event", value=event)
    return effective_date(event, day, asked)

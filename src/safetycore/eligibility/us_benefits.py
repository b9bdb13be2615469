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
- the event is shown by one accepted document;
- optional, for a new hire whose coverage start is offered (``offered_coverage_start``): it
  is no later than day 91 of the waiting period, which begins on the hire date or the later
  day the employee met the plan's other conditions (``otherwise_eligible_on``, such as a move
  into an eligible job class; 29 CFR 2590.715-2708);
- optional, under the look-back measurement method (``measurement_start`` and
  ``measurement_hours``): an employee whose standard measurement period gave a full-time
  stability period covering the event date is full time, whatever the current hours
  (26 CFR 54.4980H-3(d)(1));
- a COBRA election (``event`` ``COBRA_ELECTION``, the qualifying event on ``event_date``,
  the election on ``request_date``): the qualifying event gives this beneficiary an election
  (26 CFR 54.4980B-3, -4), the election is made within 60 days of the later of the loss of
  coverage and the election notice (ERISA s. 605(a)), the first premium is paid within 45
  days of the election (26 CFR 54.4980B-8, Q&A-5), and the employer is not exempt as a small
  employer (fewer than 20 employees on at least half of last year's typical business days;
  26 CFR 54.4980B-2, Q&A-5). The full-time rule does not apply to a COBRA election.

The optional facts default to NOT_APPLICABLE, so a request that leaves them out is decided
as before; give them to apply their rules.

The plan's waiting period is a :class:`~safetycore.eligibility.benefits.WaitingPeriod`
parameter, which refuses at construction any waiting period that would exceed the 90-day
maximum for some hire date (29 CFR 2590.715-2708). :func:`coverage_start` says when coverage
begins for an eligible request.

The rules and parameters are data, the source of truth: ``policies/us_benefits_enrolment.json``
(package data), read with ``Policy.from_dict``, this module's facts class and
:data:`REGISTRY` (the functions, types and parameter objects the document names: see
``docs/config-eligibility.md``).

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
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from safetycore.eligibility._documents import shipped
from safetycore.eligibility.benefits import (
    Beneficiary,
    Entry,
    LookBack,
    QualifyingEvent,
    SpecialEnrolmentEvent,
    WaitingPeriod,
    effective_date,
    election_deadline,
    first_premium_deadline,
    is_full_time_monthly,
    is_full_time_weekly,
    who_may_elect,
)
from safetycore.eligibility.facts import MISSING, NOT_APPLICABLE, Absent, documents, fact, facts
from safetycore.eligibility.policy import Policy
from safetycore.errors import InvalidArgumentError

__all__ = [
    "COBRA_ELECTION",
    "GROUP_HEALTH_ENROLMENT",
    "NEW_HIRE",
    "PLAN_LOOK_BACK",
    "PLAN_WAITING_PERIOD",
    "REGISTRY",
    "EnrolmentRequest",
    "coverage_start",
]

NEW_HIRE = "new_hire"
"""The ``event`` of a new hire's first enrolment (not a HIPAA event)."""

COBRA_ELECTION = "cobra_election"
"""The ``event`` of an election of COBRA continuation coverage after a qualifying event."""

PLAN_WAITING_PERIOD = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
"""First of the month on or after 60 days: at most 90 days for every hire date."""

PLAN_LOOK_BACK = LookBack(12, 78, 12)
"""12 months measured from October 15, 78 administrative days, a calendar-year stability period."""

_EVENTS = frozenset({NEW_HIRE, COBRA_ELECTION, *SpecialEnrolmentEvent})
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
    otherwise_eligible_on: _dt.date | Absent = fact(
        _dt.date,
        default=NOT_APPLICABLE,
        label="date the employee met the plan's other eligibility conditions",
    )
    offered_coverage_start: _dt.date | Absent = fact(
        _dt.date, default=NOT_APPLICABLE, label="date coverage is offered to start"
    )
    measurement_start: _dt.date | Absent = fact(
        _dt.date,
        default=NOT_APPLICABLE,
        label="first day of the standard measurement period",
    )
    measurement_hours: Decimal | Absent = fact(
        Decimal,
        minimum=0,
        default=NOT_APPLICABLE,
        label="hours of service in the standard measurement period",
    )
    qualifying_event: QualifyingEvent | Absent = fact(
        QualifyingEvent, default=NOT_APPLICABLE, label="COBRA qualifying event"
    )
    beneficiary: Beneficiary | Absent = fact(
        Beneficiary, default=NOT_APPLICABLE, label="who elects COBRA"
    )
    coverage_lost_on: _dt.date | Absent = fact(
        _dt.date, default=NOT_APPLICABLE, label="date coverage was lost"
    )
    election_notice_on: _dt.date | Absent = fact(
        _dt.date, default=NOT_APPLICABLE, label="date the COBRA election notice was given"
    )
    first_premium_paid_on: _dt.date | Absent = fact(
        _dt.date, default=NOT_APPLICABLE, label="date the first COBRA premium was paid"
    )
    business_days_last_year: int | Absent = fact(
        int,
        minimum=1,
        default=NOT_APPLICABLE,
        label="the employer's typical business days in the preceding calendar year",
    )
    small_days_last_year: int | Absent = fact(
        int,
        minimum=0,
        default=NOT_APPLICABLE,
        label="business days in the preceding calendar year with fewer than 20 employees",
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


def _wait_in_time(
    plan: WaitingPeriod, hired: _dt.date, eligible_on: _dt.date, offered: _dt.date
) -> bool:
    """Whether ``offered`` is no later than day 91 of the wait (29 CFR 2590.715-2708).

    The wait begins on the plan's usual first day or on ``eligible_on`` if later; an
    ``eligible_on`` before the hire counts as the hire date.
    """
    first = plan.waiting_period_start(hired, otherwise_eligible_on=max(hired, eligible_on))
    return offered <= first + _dt.timedelta(days=90)


def _full_time_by_look_back(
    plan: LookBack, hours: Decimal, measurement_start: _dt.date, day: _dt.date
) -> bool:
    """Whether the measurement period makes the employee full time on ``day``."""
    status = plan.status(hours, measurement_start)
    return status.full_time and status.first_day <= day <= status.last_day


def _may_elect(event: QualifyingEvent, beneficiary: Beneficiary) -> bool:
    return beneficiary in who_may_elect(event)


def _small_employer(small_days: int, business_days: int) -> bool:
    """Fewer than 20 employees on at least half the typical business days (54.4980B-2)."""
    # More small days than business days is inconsistent input; it is read as all of them.
    return 2 * min(small_days, business_days) >= business_days


REGISTRY: Final[Mapping[str, object]] = MappingProxyType(
    {
        "is_full_time_weekly": is_full_time_weekly,
        "is_full_time_monthly": is_full_time_monthly,
        "full_time_by_look_back": _full_time_by_look_back,
        "wait_in_time": _wait_in_time,
        "may_elect": _may_elect,
        "election_deadline": election_deadline,
        "first_premium_deadline": first_premium_deadline,
        "small_employer": _small_employer,
        "QualifyingEvent": QualifyingEvent,
        "Beneficiary": Beneficiary,
        "SpecialEnrolmentEvent": SpecialEnrolmentEvent,
        "plan_waiting_period": PLAN_WAITING_PERIOD,
        "plan_look_back": PLAN_LOOK_BACK,
    }
)
"""What ``us_benefits_enrolment.json`` names and no document can state (read-only).

The ACA full-time tests, the waiting-period and look-back computations, the COBRA election
rules and deadlines (``call`` functions), the enum types the facts declare, and the plan's
``WaitingPeriod`` and ``LookBack`` parameter objects. Pass it to ``Policy.from_dict`` as
``registry=`` to read the document (or an edited copy of it).
"""

GROUP_HEALTH_ENROLMENT = shipped(
    "us_benefits_enrolment.json", facts=EnrolmentRequest, registry=REGISTRY
)
"""The example enrolment policy, decided by the date of the hire or event.

Read from ``policies/us_benefits_enrolment.json`` with :data:`REGISTRY`.
"""


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
    if event == COBRA_ELECTION:
        raise InvalidArgumentError(
            "a COBRA election continues the coverage that was lost: it has no new start",
            field="event",
            value=event,
        )
    if isinstance(asked, Absent):
        return asked
    if not isinstance(event, SpecialEnrolmentEvent):
        raise InvalidArgumentError("is not an enrolment event", field="event", value=event)
    return effective_date(event, day, asked)

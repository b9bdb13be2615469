"""US employee-benefits timing rules as pure functions over ``datetime.date`` (examples only).

These are worked examples of a few federal rules, written so that every date can be checked
by hand; they are not legal advice, and a plan's own terms and later guidance govern. Every
date argument must be a ``datetime.date`` (a ``datetime`` is refused with ``InputTypeError``);
nothing reads the clock. Regulation references (details and day-counting in
``docs/benefits.md``):

- Waiting periods, ``WaitingPeriod`` and ``Entry``: 29 CFR 2590.715-2708 (PHS Act §2708, the
  90-day limit; the same rule is 26 CFR 54.9815-2708 and 45 CFR 147.116). All calendar days
  count, beginning on the day the employee is otherwise eligible (the hire date here), so the
  hire date is day 1 and coverage must start no later than day 91: ``coverage_start <=
  eligibility_date + 90 days``. A bona fide orientation period of at most one month
  (paragraph (c)(3)(iii), measured by ``safetycore.eligibility.months.one_month_after``) may
  come first; the 90 days then count from the day after it ends. A cumulative
  hours-of-service condition may not exceed 1,200 hours, and the waiting period then begins
  on the first day after the hours are met (paragraph (c) of the section).
  ``WaitingPeriodTerms`` and ``HireWait`` check a plan's wording per hire as well as for
  every hire date, and ``otherwise_eligible_on`` starts the wait from the day other
  eligibility conditions (a job class) are met.
- Full-time status under the employer shared-responsibility rules,
  ``is_full_time_weekly`` and ``is_full_time_monthly``: 26 CFR 54.4980H-1(a)(21) (at least
  30 hours of service a week, or 130 hours of service in a calendar month as its monthly
  equivalent) and 26 CFR 54.4980H-3.
- The look-back measurement method, 26 CFR 54.4980H-3(d): ``LookBack`` (standard
  measurement, administrative and stability periods for ongoing employees) and
  ``InitialMeasurement`` with ``initial_measurement_limit`` (new variable-hour, seasonal and
  part-time employees), their ``MeasurementCycle`` and ``StabilityStatus``;
  ``average_weekly_hours``, ``is_full_time_over_period`` and ``is_full_time_over_months``.
- HIPAA special enrollment, ``SpecialEnrolmentEvent``, ``request_deadline``,
  ``effective_date``, ``is_timely``: ERISA §701(f) (29 U.S.C. 1181(f)) and 29 CFR 2590.701-6;
  the 60-day Medicaid/CHIP window is ERISA §701(f)(3), added by CHIPRA 2009.
- COBRA election period, ``election_deadline``: ERISA §605(a) (29 U.S.C. 1165(a)); the
  election notice is 29 CFR 2590.606-4 and the Treasury rules 26 CFR 54.4980B-6.
- The COBRA lifecycle: ``QualifyingEvent``, ``Beneficiary`` and ``who_may_elect`` (ERISA
  §603, 26 CFR 54.4980B-3 and -4); the notices, ``employer_notice_deadline``,
  ``beneficiary_notice_deadline`` and ``election_notice_deadline`` (29 CFR 2590.606-2 to
  -4); premiums, ``first_premium_deadline`` and ``premium_grace_deadline`` (26 CFR
  54.4980B-8); ``CobraCoverage``, the maximum coverage period and premium limit (26 CFR
  54.4980B-7 and -8), with the Medicare-entitlement rule (ERISA §602(2)(A)(v)) and the
  employer's bankruptcy (ERISA §§603(6), 602(2)(A)(iii); ``bankruptcy_loss_window``);
  ``EarlyEnd`` and ``coverage_end``, the early ends of coverage (26 CFR 54.4980B-7,
  Q&A-1); ``is_small_employer`` (26 CFR 54.4980B-2).
"""

# The re-exported names report this module (publish below), so doctest runs their examples
# here: these two are the names those examples use.
from datetime import date  # noqa: F401
from decimal import Decimal  # noqa: F401

from safetycore._config import publish
from safetycore.eligibility.benefits._aca import (
    Averaging,
    InitialMeasurement,
    InitialStart,
    LookBack,
    MeasurementCycle,
    StabilityStatus,
    average_weekly_hours,
    initial_measurement_limit,
    is_full_time_monthly,
    is_full_time_over_months,
    is_full_time_over_period,
    is_full_time_weekly,
)
from safetycore.eligibility.benefits._cobra import (
    Beneficiary,
    CobraCoverage,
    EarlyEnd,
    QualifyingEvent,
    bankruptcy_loss_window,
    beneficiary_notice_deadline,
    coverage_end,
    election_deadline,
    election_notice_deadline,
    employer_notice_deadline,
    first_premium_deadline,
    is_small_employer,
    premium_grace_deadline,
    who_may_elect,
)
from safetycore.eligibility.benefits._special_enrolment import (
    SpecialEnrolmentEvent,
    effective_date,
    is_timely,
    request_deadline,
)
from safetycore.eligibility.benefits._waiting import (
    Entry,
    HireWait,
    WaitingPeriod,
    WaitingPeriodTerms,
)

__all__ = [
    "Averaging",
    "Beneficiary",
    "CobraCoverage",
    "EarlyEnd",
    "Entry",
    "HireWait",
    "InitialMeasurement",
    "InitialStart",
    "LookBack",
    "MeasurementCycle",
    "QualifyingEvent",
    "SpecialEnrolmentEvent",
    "StabilityStatus",
    "WaitingPeriod",
    "WaitingPeriodTerms",
    "average_weekly_hours",
    "bankruptcy_loss_window",
    "beneficiary_notice_deadline",
    "coverage_end",
    "effective_date",
    "election_deadline",
    "election_notice_deadline",
    "employer_notice_deadline",
    "first_premium_deadline",
    "initial_measurement_limit",
    "is_full_time_monthly",
    "is_full_time_over_months",
    "is_full_time_over_period",
    "is_full_time_weekly",
    "is_small_employer",
    "is_timely",
    "premium_grace_deadline",
    "request_deadline",
    "who_may_elect",
]

publish(globals(), __all__)

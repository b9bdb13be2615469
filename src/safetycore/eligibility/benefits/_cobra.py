"""COBRA continuation coverage: who elects, the notices, the election, premiums and how long.

ERISA §§601-608 (29 U.S.C. 1161-1168) and Code §4980B; the Treasury rules are 26 CFR
54.4980B-1 to 54.4980B-10 and the Labor notice rules 29 CFR 2590.606-1 to 2590.606-4. Days
are calendar days and the day of the event a period counts from is day 0, so "30 days after
March 1" is March 31; a deadline is the last day that is still in time. Months are calendar
months with the end of the month clamped (``safetycore.eligibility.months.add_months``).
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

import attrs

from safetycore._config import boolean, collection, instance_of
from safetycore.eligibility.months import (
    _plus_days,
    _require_date,
    _require_int,
    add_months,
    first_of_month_after,
)
from safetycore.errors import InputTypeError, InvalidArgumentError

__all__ = [
    "Beneficiary",
    "CobraCoverage",
    "EarlyEnd",
    "QualifyingEvent",
    "bankruptcy_loss_window",
    "beneficiary_notice_deadline",
    "coverage_end",
    "election_deadline",
    "election_notice_deadline",
    "employer_notice_deadline",
    "first_premium_deadline",
    "is_small_employer",
    "premium_grace_deadline",
    "who_may_elect",
]

_COBRA_MIN_ELECTION_DAYS = 60  # ERISA §605(a)(1)
_EMPLOYER_NOTICE_DAYS = 30  # ERISA §606(a)(2); 29 CFR 2590.606-2(b)
_BENEFICIARY_NOTICE_DAYS = 60  # ERISA §606(a)(3); 29 CFR 2590.606-3
_ELECTION_NOTICE_DAYS = 14  # ERISA §606(c); 29 CFR 2590.606-4(b)(1)
_EMPLOYER_ADMINISTRATOR_DAYS = 44  # 29 CFR 2590.606-4(b)(2): 30 + 14
_FIRST_PREMIUM_DAYS = 45  # ERISA §602(3); 26 CFR 54.4980B-8, Q&A-5(b)
_GRACE_DAYS = 30  # ERISA §602(2)(C); 26 CFR 54.4980B-8, Q&A-5(a)
_SMALL_EMPLOYER = 20  # Code §4980B(d)(1); 26 CFR 54.4980B-2, Q&A-5
_BASIC_MONTHS = 18  # ERISA §602(2)(A)(i)
_DISABILITY_MONTHS = 29  # ERISA §602(2)(A), its disability sentence; 54.4980B-7, Q&A-5
_LONG_MONTHS = 36  # ERISA §602(2)(A)(ii) and (iv); after a retiree's death, (iii)
_DETERMINATION_DAYS = 30  # ERISA §602(2)(E); 54.4980B-7, Q&A-1(a)(6): "more than 30 days"
_YEAR_MONTHS = 12  # ERISA §603: one year either side of a bankruptcy's commencement
_PREMIUM: Final = Decimal(102)  # ERISA §604(1): at most 102% of the applicable premium
_DISABILITY_PREMIUM: Final = Decimal(150)  # ERISA §604(3): months 19-29 of the extension
_HUNDRED: Final = Decimal(100)
_CENT: Final = Decimal("0.01")
# The premium limit is computed exactly and rounded down to the cent in a context that cannot
# overflow or run out of digits, so the answer is never above the limit.
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)


class QualifyingEvent(enum.Enum):
    """A COBRA qualifying event (ERISA §603; 26 CFR 54.4980B-4, Q&A-1).

    - ``TERMINATION``: the employee's termination of employment (other than for gross
      misconduct); 18 months.
    - ``REDUCTION_OF_HOURS``: a reduction of the employee's hours; 18 months.
    - ``DEATH``: the employee's death; 36 months.
    - ``DIVORCE``: divorce or legal separation from the employee; 36 months.
    - ``MEDICARE_ENTITLEMENT``: the employee's entitlement to Medicare; 36 months.
    - ``LOSS_OF_DEPENDENT_STATUS``: a child ceasing to be a dependent under the plan; 36
      months.
    - ``BANKRUPTCY``: a proceeding under Title 11 of the United States Code with respect to
      the employer from whose employment the covered employee retired (ERISA §603(6); 26
      CFR 54.4980B-4, Q&A-1(b)). It is a qualifying event for the retiree
      (``Beneficiary.EMPLOYEE``) and the retiree's spouse, surviving spouse or dependent
      child when it costs them coverage; a substantial elimination of coverage within one
      year before or after the proceeding commences counts as a loss
      (``bankruptcy_loss_window``). The retiree is covered for life, the others until 36
      months after the retiree's death (ERISA §602(2)(A)(iii)).
    """

    TERMINATION = "termination"
    REDUCTION_OF_HOURS = "reduction_of_hours"
    DEATH = "death"
    DIVORCE = "divorce"
    MEDICARE_ENTITLEMENT = "medicare_entitlement"
    LOSS_OF_DEPENDENT_STATUS = "loss_of_dependent_status"
    BANKRUPTCY = "bankruptcy"


class Beneficiary(enum.Enum):
    """Who a qualified beneficiary is (ERISA §607(3); 26 CFR 54.4980B-3, Q&A-1)."""

    EMPLOYEE = "employee"
    SPOUSE = "spouse"
    DEPENDENT_CHILD = "dependent_child"


_EMPLOYMENT_EVENTS: Final = frozenset(
    {QualifyingEvent.TERMINATION, QualifyingEvent.REDUCTION_OF_HOURS}
)
# The events a covered employee or a qualified beneficiary must tell the administrator of
# (ERISA §606(a)(3)); the employer gives notice of the others (ERISA §606(a)(2)).
_BENEFICIARY_NOTIFIES: Final = frozenset(
    {QualifyingEvent.DIVORCE, QualifyingEvent.LOSS_OF_DEPENDENT_STATUS}
)
_ELECTORS: Final = {
    QualifyingEvent.TERMINATION: frozenset(Beneficiary),
    QualifyingEvent.REDUCTION_OF_HOURS: frozenset(Beneficiary),
    QualifyingEvent.DEATH: frozenset({Beneficiary.SPOUSE, Beneficiary.DEPENDENT_CHILD}),
    QualifyingEvent.DIVORCE: frozenset({Beneficiary.SPOUSE, Beneficiary.DEPENDENT_CHILD}),
    QualifyingEvent.MEDICARE_ENTITLEMENT: frozenset(
        {Beneficiary.SPOUSE, Beneficiary.DEPENDENT_CHILD}
    ),
    QualifyingEvent.LOSS_OF_DEPENDENT_STATUS: frozenset({Beneficiary.DEPENDENT_CHILD}),
    # ERISA §607(3)(C): the retired covered employee, and whoever was covered the day before
    # as the retiree's spouse, dependent child or surviving spouse.
    QualifyingEvent.BANKRUPTCY: frozenset(Beneficiary),
}


def _require_event(value: object, field: str = "event") -> QualifyingEvent:
    if not isinstance(value, QualifyingEvent):
        raise InputTypeError("must be a QualifyingEvent", field=field, value=value)
    return value


def who_may_elect(event: QualifyingEvent) -> frozenset[Beneficiary]:
    """The qualified beneficiaries a qualifying ``event`` gives an election to.

    A termination or a reduction of hours: the employee, the spouse and the dependent
    children covered the day before the event. A death, a divorce or legal separation, or
    the employee's Medicare entitlement: the spouse and the dependent children (the employee
    is not the one losing coverage). A loss of dependent status: the child only. The
    employer's bankruptcy: the retired employee, the spouse (or surviving spouse) and the
    dependent children (ERISA §§603, 607(3); 26 CFR 54.4980B-3, Q&A-1 and 54.4980B-4,
    Q&A-1). Each qualified
    beneficiary elects independently (ERISA §605(a)(2)).

    Raises:
        InputTypeError: ``event`` is not a ``QualifyingEvent``.

    >>> sorted(b.value for b in who_may_elect(QualifyingEvent.DIVORCE))
    ['dependent_child', 'spouse']
    """
    return _ELECTORS[_require_event(event)]


def employer_notice_deadline(event: QualifyingEvent, event_date: date) -> date:
    """The last day the employer may notify the plan administrator of ``event``: 30 days.

    ERISA §606(a)(2) and 29 CFR 2590.606-2(b): within 30 days after the qualifying event
    (for termination, reduction of hours, death, Medicare entitlement and the employer's
    bankruptcy). Where the plan measures its periods from the loss of coverage instead,
    pass the day coverage is lost as ``event_date`` (2590.606-2(b)(1)).

    Raises:
        InputTypeError: a wrong type, or a datetime for a date.
        InvalidArgumentError: a divorce or loss of dependent status, which the employee or
            beneficiary notifies (``beneficiary_notice_deadline``).

    >>> employer_notice_deadline(QualifyingEvent.TERMINATION, date(2026, 1, 31))
    datetime.date(2026, 3, 2)
    """
    kind = _require_event(event)
    happened = _require_date(event_date, "event_date")
    if kind in _BENEFICIARY_NOTIFIES:
        raise InvalidArgumentError(
            "the employee or the qualified beneficiary gives this notice, not the employer "
            "(ERISA §606(a)(3)): use beneficiary_notice_deadline",
            field="event",
            value=kind,
        )
    return _plus_days(happened, _EMPLOYER_NOTICE_DAYS, "event_date")


def beneficiary_notice_deadline(
    event: QualifyingEvent,
    event_date: date,
    *,
    coverage_lost_on: date | None = None,
    informed_on: date | None = None,
) -> date:
    """The earliest last day a plan may set for the notice of a divorce or a lost dependant.

    ERISA §606(a)(3) and 29 CFR 2590.606-3: the plan may not require the notice sooner
    than 60 days after the latest of the date of the qualifying event, the date coverage
    would be lost (``coverage_lost_on``) and the date the beneficiary is informed of the duty
    to notify, through the summary plan description or the general notice
    (``informed_on``). The dates not given are left out of the "latest of".

    Raises:
        InputTypeError: a wrong type, or a datetime for a date.
        InvalidArgumentError: an event the employer notifies, or a date before the event.

    >>> beneficiary_notice_deadline(QualifyingEvent.DIVORCE, date(2026, 5, 15),
    ...     coverage_lost_on=date(2026, 5, 31))
    datetime.date(2026, 7, 30)
    """
    kind = _require_event(event)
    happened = _require_date(event_date, "event_date")
    if kind not in _BENEFICIARY_NOTIFIES:
        raise InvalidArgumentError(
            "the employer gives this notice (ERISA §606(a)(2)): use employer_notice_deadline",
            field="event",
            value=kind,
        )
    latest = happened
    for field, value in (("coverage_lost_on", coverage_lost_on), ("informed_on", informed_on)):
        if value is None:
            continue
        day = _not_before(_require_date(value, field), happened, field)
        latest = max(latest, day)
    return _plus_days(latest, _BENEFICIARY_NOTICE_DAYS, "event_date")


def _not_before(day: date, event_date: date, field: str) -> date:
    if day < event_date:
        raise InvalidArgumentError(
            f"cannot precede the qualifying event ({event_date.isoformat()})",
            field=field,
            value=day,
        )
    return day


def election_notice_deadline(
    event: QualifyingEvent,
    event_date: date,
    *,
    administrator_notified_on: date | None = None,
    employer_is_administrator: bool = False,
) -> date:
    """The last day the plan administrator may send the election notice.

    - 14 days after the administrator is notified of the event (ERISA §606(c); 29 CFR
      2590.606-4(b)(1)): give ``administrator_notified_on``.
    - Where the employer is also the administrator and the event is one the employer must
      notify, 44 days after the event (29 CFR 2590.606-4(b)(2): the 30 days of the employer
      notice and the 14 of the election notice combined). ``administrator_notified_on`` is
      then not used and must not be given.

    A divorce or a loss of dependent status is always counted from the beneficiary's notice,
    so it needs ``administrator_notified_on`` even when the employer is the administrator.
    As in ``employer_notice_deadline``, a plan that measures from the loss of coverage
    passes that day as ``event_date``.

    Raises:
        InputTypeError: a wrong type, or a datetime for a date.
        InvalidArgumentError: ``administrator_notified_on`` missing when needed, given when
            not, or before the event.

    >>> election_notice_deadline(QualifyingEvent.TERMINATION, date(2026, 1, 31),
    ...     administrator_notified_on=date(2026, 2, 20))
    datetime.date(2026, 3, 6)
    >>> election_notice_deadline(QualifyingEvent.TERMINATION, date(2026, 1, 31),
    ...     employer_is_administrator=True)
    datetime.date(2026, 3, 16)
    """
    kind = _require_event(event)
    happened = _require_date(event_date, "event_date")
    if not isinstance(employer_is_administrator, bool):
        raise InputTypeError(
            "must be True or False",
            field="employer_is_administrator",
            value=employer_is_administrator,
        )
    combined = employer_is_administrator and kind not in _BENEFICIARY_NOTIFIES
    if combined:
        if administrator_notified_on is not None:
            raise InvalidArgumentError(
                "is not used when the employer is the administrator (44 days from the event, "
                "29 CFR 2590.606-4(b)(2)): leave it out",
                field="administrator_notified_on",
                value=administrator_notified_on,
            )
        return _plus_days(happened, _EMPLOYER_ADMINISTRATOR_DAYS, "event_date")
    if administrator_notified_on is None:
        raise InvalidArgumentError(
            "is required: the 14 days run from the day the administrator is notified "
            "(29 CFR 2590.606-4(b)(1))",
            field="administrator_notified_on",
            value=None,
        )
    notified = _require_date(administrator_notified_on, "administrator_notified_on")
    _not_before(notified, happened, "administrator_notified_on")
    return _plus_days(notified, _ELECTION_NOTICE_DAYS, "administrator_notified_on")


def election_deadline(coverage_lost_on: date, notice_given_on: date, *, days: int = 60) -> date:
    """The last day of a COBRA election period: ``days`` after the later of the two dates.

    ERISA §605(a)(1) (29 U.S.C. 1165(a)(1)): the election period lasts at least 60 days and
    ends no earlier than 60 days after the later of the day coverage terminates and the day
    the election notice is given (29 CFR 2590.606-4; 26 CFR 54.4980B-6). A plan may allow
    more than 60 days, never fewer.

    Args:
        coverage_lost_on: the day coverage terminates because of the qualifying event.
        notice_given_on: the day the election notice is provided.
        days: the plan's election period, at least 60.

    Raises:
        InputTypeError: a date that is not a date (or is a datetime), or ``days`` not an int.
        InvalidArgumentError: ``days`` below 60.

    >>> election_deadline(date(2025, 3, 31), date(2025, 4, 10))
    datetime.date(2025, 6, 9)
    """
    lost = _require_date(coverage_lost_on, "coverage_lost_on")
    notified = _require_date(notice_given_on, "notice_given_on")
    period = _require_int(days, "days")
    if period < _COBRA_MIN_ELECTION_DAYS:
        raise InvalidArgumentError(
            f"a COBRA election period lasts at least {_COBRA_MIN_ELECTION_DAYS} days "
            "(ERISA §605(a)(1))",
            field="days",
            value=period,
        )
    return _plus_days(max(lost, notified), period, "days")


def first_premium_deadline(elected_on: date) -> date:
    """The last day for the first premium payment: 45 days after the election.

    ERISA §602(3) and 26 CFR 54.4980B-8, Q&A-5(b): the plan must allow at least 45 days
    after the date of the election (the day the election is made, or sent if mailed). The
    first payment covers every month from the loss of coverage to the month of payment.

    Raises:
        InputTypeError: ``elected_on`` is not a date, or is a datetime.

    >>> first_premium_deadline(date(2026, 1, 15))
    datetime.date(2026, 3, 1)
    """
    return _plus_days(_require_date(elected_on, "elected_on"), _FIRST_PREMIUM_DAYS, "elected_on")


def premium_grace_deadline(due_on: date) -> date:
    """The last day a premium due on ``due_on`` may be paid: 30 days of grace.

    ERISA §602(2)(C) and 26 CFR 54.4980B-8, Q&A-5(a): a payment is timely if made within
    at least 30 days after the first day of the period of coverage it is for (the due
    date); a plan may allow longer. Not for the first payment (``first_premium_deadline``).

    Raises:
        InputTypeError: ``due_on`` is not a date, or is a datetime.

    >>> premium_grace_deadline(date(2026, 2, 1)), premium_grace_deadline(date(2028, 2, 1))
    (datetime.date(2026, 3, 3), datetime.date(2028, 3, 2))
    """
    return _plus_days(_require_date(due_on, "due_on"), _GRACE_DAYS, "due_on")


def _require_count(value: object, field: str) -> int | Decimal:
    # Part-time employees count as fractions (26 CFR 54.4980B-2, Q&A-5(e)), so a Decimal is
    # accepted; a float cannot hold the fraction exactly and a bool is not a count.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputTypeError("must be an int or a Decimal (not a float)", field=field, value=value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidArgumentError("must be a finite number", field=field, value=value)
    if value < 0:
        raise InvalidArgumentError("must not be negative", field=field, value=value)
    return value


def is_small_employer(employees_on_business_days: Iterable[int | Decimal]) -> bool:
    """Whether the small-employer exception applies for a year, from the year before.

    Code §4980B(d)(1) and 26 CFR 54.4980B-2, Q&A-5: COBRA does not apply to a plan for a
    calendar year if the employer normally employed fewer than 20 employees in the
    preceding calendar year, which it did if and only if it had fewer than 20 employees on
    at least 50 percent of its typical business days that year.

    Args:
        employees_on_business_days: the number of employees on each typical business day of
            the preceding calendar year, one item a day; a part-time employee counts as the
            fraction of a full-time employee that Q&A-5(e) gives (the caller counts them).

    Raises:
        InputTypeError: not a collection, or an item that is not an int or a Decimal.
        InvalidArgumentError: no days, or a negative or non-finite count.

    >>> is_small_employer([19, 19, 25, 25]), is_small_employer([19, 20, 25, 25])
    (True, False)
    """
    counts = collection(employees_on_business_days, "employees_on_business_days", "counts")
    if not counts:
        raise InvalidArgumentError(
            "must list at least one business day",
            field="employees_on_business_days",
            value=employees_on_business_days,
        )
    small = 0
    for i, count in enumerate(counts):
        if _require_count(count, f"employees_on_business_days[{i}]") < _SMALL_EMPLOYER:
            small += 1
    # "At least 50 percent" compared in whole numbers: 2 * small >= days.
    return 2 * small >= len(counts)


def bankruptcy_loss_window(commenced_on: date) -> tuple[date, date]:
    """The first and last days a retiree's loss of coverage counts for a bankruptcy.

    ERISA §603, its last sentence (29 U.S.C. 1163), and 26 CFR 54.4980B-4, Q&A-1(b): for a
    Title 11 proceeding, a loss of coverage includes a substantial elimination of coverage
    of a retiree, or of the retiree's spouse, surviving spouse or dependent child, "within
    one year before or after the date of commencement of the proceeding". The window is
    ``commenced_on`` minus and plus 12 calendar months, clamped, both days included. Whether
    an elimination is substantial is the caller's to decide.

    Raises:
        InputTypeError: ``commenced_on`` is not a date, or is a datetime.
        OutOfRangeError: a day before January 1, 1 or after December 31, 9999.

    >>> bankruptcy_loss_window(date(2024, 2, 29))
    (datetime.date(2023, 2, 28), datetime.date(2025, 2, 28))
    """
    commenced = _require_date(commenced_on, "commenced_on")
    return add_months(commenced, -_YEAR_MONTHS), add_months(commenced, _YEAR_MONTHS)


def _check_date(_: object, attribute: Any, value: Any) -> None:
    _require_date(value, attribute.name)


def _check_optional_date(_: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _require_date(value, attribute.name)


def _check_optional_event(_: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _require_event(value, attribute.name)


@attrs.frozen
class CobraCoverage:
    """One qualified beneficiary's COBRA coverage: how long it may last and what it may cost.

    The maximum coverage period (ERISA §602(2)(A); 26 CFR 54.4980B-7, Q&A-4) ends on the day
    that many calendar months after ``event_date``, clamped to the end of a shorter month
    (18 months from August 31, 2026 is February 29, 2028; from August 31, 2025 it is
    February 28, 2027):

    - 18 months after a termination or a reduction of hours;
    - 29 months with ``disability_extension`` (ERISA §602(2)(A); 54.4980B-7, Q&A-5),
      which only those two events allow; whether its conditions are met (a Social Security
      disability determination for the first 60 days of coverage, notified within 60 days
      and before the 18 months end) is the caller's to decide;
    - 36 months after any other qualifying event;
    - 36 months from the original ``event_date`` when a ``second_event`` happens to a spouse
      or dependent child during the 18 (or 29) months (ERISA §602(2)(A)(ii); 54.4980B-7,
      Q&A-6). It must be one of the 36-month events the beneficiary could elect for, dated
      after the first event and no later than the last day of its period. That the second
      event would have cost coverage without the first is the caller's to decide.
    - With ``medicare_entitled_on``, the day the covered employee became entitled to
      Medicare, on or before a termination or a reduction of hours that happens less than
      18 months after it: a spouse's or dependent child's period ends on the later of that
      day plus 36 months and the 18 (or 29, or 36) months above (ERISA §602(2)(A)(v): "shall
      not terminate ... before the close of the 36-month period beginning on the date the
      covered employee became so entitled"; 26 CFR 54.4980B-7, Q&A-4(b): "the later of 36
      months after the date the covered employee becomes entitled ... or 18 months (or 29
      months, if there is a disability extension) after the date of the covered employee's
      termination of employment or reduction of hours"). An entitlement 18 months or more
      before the event changes nothing; one after the event is a second event instead.

    Pass the day coverage is lost as ``event_date`` when the plan measures the period from
    the loss of coverage (54.4980B-7, Q&A-4(b)). The end of the maximum period is a limit:
    coverage ends earlier for the reasons of 54.4980B-7, Q&A-1 (``EarlyEnd``,
    ``coverage_end``).

    After the employer's ``BANKRUPTCY`` (ERISA §602(2)(A)(iii)) the period is not counted in
    months: the retired employee is covered until death and the spouse (or surviving
    spouse) and dependent children until 36 months after the retiree's death, given as
    ``retiree_died_on`` once it has happened (on or after ``event_date``, the day the
    proceeding commences, or the day coverage is lost); until then ``last_day`` and
    ``maximum_months`` are ``None``. The beneficiary's own earlier death ends the coverage
    too, which the caller knows. No extension applies to these periods.

    Coverage month ``k`` (``month_number``) runs from ``event_date`` plus ``k - 1`` months to
    the day before ``event_date`` plus ``k`` months, except that the last month also holds
    the period's last day.

    Raises:
        InputTypeError: a field of the wrong type.
        InvalidArgumentError: a beneficiary the event gives no election to, a disability
            extension after a 36-month event, or a second event that cannot extend this
            coverage (its kind, its beneficiary, or its date), or a ``medicare_entitled_on``
            for the employee, after another kind of event, or after the event, or a
            ``retiree_died_on`` without a bankruptcy or before the event.

    >>> coverage = CobraCoverage(QualifyingEvent.TERMINATION, date(2025, 8, 31),
    ...     Beneficiary.EMPLOYEE)
    >>> coverage.maximum_months, coverage.last_day
    (18, datetime.date(2027, 2, 28))
    """

    event: QualifyingEvent = attrs.field(validator=instance_of(QualifyingEvent))
    event_date: date = attrs.field(validator=_check_date)
    beneficiary: Beneficiary = attrs.field(validator=instance_of(Beneficiary))
    disability_extension: bool = attrs.field(default=False, kw_only=True, validator=boolean)
    second_event: QualifyingEvent | None = attrs.field(
        default=None, kw_only=True, validator=_check_optional_event
    )
    second_event_date: date | None = attrs.field(
        default=None, kw_only=True, validator=_check_optional_date
    )
    medicare_entitled_on: date | None = attrs.field(
        default=None, kw_only=True, validator=_check_optional_date
    )
    retiree_died_on: date | None = attrs.field(
        default=None, kw_only=True, validator=_check_optional_date
    )

    def __attrs_post_init__(self) -> None:
        if self.beneficiary not in _ELECTORS[self.event]:
            raise InvalidArgumentError(
                f"a {self.event.value} gives no COBRA election to the {self.beneficiary.value} "
                "(ERISA §603; 26 CFR 54.4980B-4, Q&A-1)",
                field="beneficiary",
                value=self.beneficiary,
            )
        if self.disability_extension and self.event not in _EMPLOYMENT_EVENTS:
            raise InvalidArgumentError(
                "the disability extension lengthens only the 18 months after a termination or "
                "a reduction of hours (ERISA §602(2)(A); 26 CFR 54.4980B-7, Q&A-5)",
                field="disability_extension",
                value=True,
            )
        self._check_second_event()
        self._check_medicare()
        self._check_retiree_death()

    def _check_retiree_death(self) -> None:
        died = self.retiree_died_on
        if died is None:
            return
        if self.event is not QualifyingEvent.BANKRUPTCY:
            raise InvalidArgumentError(
                "is used only after the employer's bankruptcy (ERISA §602(2)(A)(iii)); the "
                "death of a covered employee is itself a qualifying event (DEATH)",
                field="retiree_died_on",
                value=died,
            )
        if died < self.event_date:
            raise InvalidArgumentError(
                f"cannot precede the qualifying event ({self.event_date.isoformat()}): a "
                "surviving spouse widowed before the proceeding is covered for life (leave "
                "retiree_died_on out), and a child of a retiree who died before it is not "
                "modelled",
                field="retiree_died_on",
                value=died,
            )

    def _check_medicare(self) -> None:
        entitled = self.medicare_entitled_on
        if entitled is None:
            return
        if self.event not in _EMPLOYMENT_EVENTS or self.beneficiary is Beneficiary.EMPLOYEE:
            raise InvalidArgumentError(
                "the Medicare-entitlement rule lengthens only a spouse's or dependent child's "
                "coverage after a termination or a reduction of hours (ERISA §602(2)(A)(v); "
                "26 CFR 54.4980B-7, Q&A-4(b))",
                field="medicare_entitled_on",
                value=entitled,
            )
        if entitled > self.event_date:
            raise InvalidArgumentError(
                f"must be on or before the qualifying event ({self.event_date.isoformat()}); an "
                "entitlement after it is a second qualifying event (second_event)",
                field="medicare_entitled_on",
                value=entitled,
            )

    def _check_second_event(self) -> None:
        second, when = self.second_event, self.second_event_date
        if (second is None) != (when is None):
            field, value = (
                ("second_event_date", when) if second is None else ("second_event", second)
            )
            raise InvalidArgumentError(
                "second_event and second_event_date are given together or not at all",
                field=field,
                value=value,
            )
        if second is None or when is None:
            return
        if self.event not in _EMPLOYMENT_EVENTS:
            raise InvalidArgumentError(
                "only the 18 months after a termination or a reduction of hours are extended "
                "by a second qualifying event (ERISA §602(2)(A)(ii))",
                field="second_event",
                value=second,
            )
        if second in _EMPLOYMENT_EVENTS or self.beneficiary not in _ELECTORS[second]:
            raise InvalidArgumentError(
                f"is not a second qualifying event for the {self.beneficiary.value}: it must "
                "be a 36-month event that gives the beneficiary an election "
                "(26 CFR 54.4980B-7, Q&A-6)",
                field="second_event",
                value=second,
            )
        first_end = add_months(self.event_date, self._first_months())
        if not self.event_date < when <= first_end:
            raise InvalidArgumentError(
                f"must fall after the first event ({self.event_date.isoformat()}) and no later "
                f"than the end of its maximum coverage period ({first_end.isoformat()})",
                field="second_event_date",
                value=when,
            )

    def _first_months(self) -> int:
        if self.event not in _EMPLOYMENT_EVENTS:
            return _LONG_MONTHS
        return _DISABILITY_MONTHS if self.disability_extension else _BASIC_MONTHS

    @property
    def maximum_months(self) -> int | None:
        """The coverage months the maximum period reaches into: 18, 29, 36, or more.

        The least ``n``, at least 1, for which ``event_date`` plus ``n`` months is on or
        after ``last_day``: 18, 29 or 36 for a period of whole months, and the month that
        holds ``last_day`` when the period ends mid-month (the Medicare-entitlement rule, a
        retiree's death; a death on ``event_date`` leaves month 1). ``None`` when
        ``last_day`` is ``None``.
        """
        last = self.last_day
        if last is None:
            return None
        months = (last.year - self.event_date.year) * 12 + last.month - self.event_date.month
        if add_months(self.event_date, months) < last:
            months += 1
        return max(months, 1)

    @property
    def last_day(self) -> date | None:
        """The day the maximum coverage period ends: ``event_date`` plus the months, clamped.

        With ``medicare_entitled_on`` before a termination or reduction of hours that comes
        less than 18 months after it, the later of that day and ``medicare_entitled_on``
        plus 36 months, clamped (ERISA §602(2)(A)(v); 26 CFR 54.4980B-7, Q&A-4(b)).

        After the employer's bankruptcy (ERISA §602(2)(A)(iii)): the retiree's coverage ends
        on ``retiree_died_on``, and a spouse's or dependent child's 36 months after it,
        clamped. ``None`` while the retiree lives (``retiree_died_on`` not given): the
        period has no fixed end, and the beneficiary's own death ends it.

        Raises:
            OutOfRangeError: the day would be after December 31, 9999.
        """
        if self.event is QualifyingEvent.BANKRUPTCY:
            died = self.retiree_died_on
            if died is None:
                return None
            if self.beneficiary is Beneficiary.EMPLOYEE:
                return died
            return add_months(died, _LONG_MONTHS)
        months = _LONG_MONTHS if self.second_event is not None else self._first_months()
        last = add_months(self.event_date, months)
        entitled = self.medicare_entitled_on
        # "Less than 18 months after" the entitlement (§602(2)(A)(v)); later, 36 months from
        # the entitlement could still beat 18 from the event by a clamped day or two.
        if entitled is not None and self.event_date < add_months(entitled, _BASIC_MONTHS):
            last = max(last, add_months(entitled, _LONG_MONTHS))
        return last

    def month_number(self, day: date) -> int:
        """The coverage month (1 to ``maximum_months``) that ``day`` falls in.

        Month ``k`` begins on ``event_date`` plus ``k - 1`` months (clamped); the period's
        last day belongs to the month before the one it would begin.

        Raises:
            InputTypeError: ``day`` is not a date, or is a datetime.
            InvalidArgumentError: ``day`` before ``event_date`` or after ``last_day``.

        >>> coverage = CobraCoverage(QualifyingEvent.TERMINATION, date(2026, 1, 31),
        ...     Beneficiary.EMPLOYEE)
        >>> coverage.month_number(date(2026, 2, 27)), coverage.month_number(date(2026, 2, 28))
        (1, 2)
        """
        when = _require_date(day, "day")
        last = self.last_day
        if when < self.event_date or (last is not None and when > last):
            end = "no fixed end" if last is None else last.isoformat()
            raise InvalidArgumentError(
                f"is outside the maximum coverage period ({self.event_date.isoformat()} to {end})",
                field="day",
                value=when,
            )
        # The months begun by ``when``: event_date + k months lies in when's month or after.
        begun = (when.year - self.event_date.year) * 12 + when.month - self.event_date.month
        if add_months(self.event_date, begun) > when:
            begun -= 1
        month = begun + 1
        limit = self.maximum_months
        return month if limit is None else min(month, limit)

    def premium_percent(self, month: int, *, disabled_covered: bool = False) -> Decimal:
        """The most the plan may charge for coverage ``month``, in percent of the premium.

        102 percent (ERISA §604(1); 26 CFR 54.4980B-8, Q&A-1(a)). 150 percent only for
        months 19 to 29 of a disability extension, and only when ``disabled_covered`` says
        the disabled qualified beneficiary is among those the month's payment covers (ERISA
        §604(3); 26 CFR 54.4980B-8, Q&A-1(b): a family's coverage without the disabled
        member stays at 102 percent). It defaults to ``False`` so that an unconfirmed month
        is never overcharged. With a second qualifying event, months 30 to 36 are charged at
        102 percent (this library's reading: §604(3) raises only the months of the
        disability extension).

        Raises:
            InputTypeError: ``month`` is not an int, or ``disabled_covered`` not a bool.
            InvalidArgumentError: ``month`` outside 1 to ``maximum_months``.

        >>> coverage = CobraCoverage(QualifyingEvent.TERMINATION, date(2026, 1, 31),
        ...     Beneficiary.EMPLOYEE, disability_extension=True)
        >>> coverage.premium_percent(18, disabled_covered=True), coverage.premium_percent(19,
        ...     disabled_covered=True), coverage.premium_percent(19)
        (Decimal('102'), Decimal('150'), Decimal('102'))
        """
        number = _require_int(month, "month")
        if not isinstance(disabled_covered, bool):
            raise InputTypeError(
                "must be True or False", field="disabled_covered", value=disabled_covered
            )
        limit = self.maximum_months
        if number < 1 or (limit is not None and number > limit):
            raise InvalidArgumentError(
                f"must be a coverage month, 1 to {'no end' if limit is None else limit}",
                field="month",
                value=number,
            )
        if (
            disabled_covered
            and self.disability_extension
            and _BASIC_MONTHS < number <= _DISABILITY_MONTHS
        ):
            return _DISABILITY_PREMIUM
        return _PREMIUM

    def max_premium(
        self, applicable_premium: Decimal, month: int, *, disabled_covered: bool = False
    ) -> Decimal:
        """The most the plan may charge for coverage ``month``: the percent of the premium.

        ``applicable_premium`` is the plan's cost for a similarly situated non-COBRA
        beneficiary (ERISA §604; 26 CFR 54.4980B-8, Q&A-2); the percent is
        ``premium_percent(month, disabled_covered=...)``. The result is rounded down to the
        cent, so that it never exceeds the limit.

        Raises:
            InputTypeError: ``applicable_premium`` is not a Decimal, ``month`` not an int,
                or ``disabled_covered`` not a bool.
            InvalidArgumentError: a negative or non-finite premium, or a month outside the
                coverage.

        >>> coverage = CobraCoverage(QualifyingEvent.TERMINATION, date(2026, 1, 31),
        ...     Beneficiary.EMPLOYEE, disability_extension=True)
        >>> coverage.max_premium(Decimal("612.35"), 1), coverage.max_premium(Decimal("612.35"),
        ...     19, disabled_covered=True), coverage.max_premium(Decimal("612.35"), 19)
        (Decimal('624.59'), Decimal('918.52'), Decimal('624.59'))
        """
        if not isinstance(applicable_premium, Decimal):
            raise InputTypeError(
                "must be a Decimal (not a float)",
                field="applicable_premium",
                value=applicable_premium,
            )
        if not applicable_premium.is_finite() or applicable_premium < 0:
            raise InvalidArgumentError(
                "must be a finite amount, not negative",
                field="applicable_premium",
                value=applicable_premium,
            )
        percent = self.premium_percent(month, disabled_covered=disabled_covered)
        exact = _EXACT.divide(_EXACT.multiply(applicable_premium, percent), _HUNDRED)
        return exact.quantize(_CENT, rounding=decimal.ROUND_DOWN, context=_EXACT)


class EarlyEnd(enum.Enum):
    """A reason COBRA coverage may end before its maximum period (26 CFR 54.4980B-7, Q&A-1).

    Each goes with the day ``coverage_end`` reads for it:

    - ``PREMIUM_NOT_PAID``: the first day for which timely payment is not made (Q&A-1(a)(2);
      ERISA §602(2)(C); the grace periods are 26 CFR 54.4980B-8, Q&A-5).
    - ``EMPLOYER_ENDS_ALL_PLANS``: the day the employer (or employee organization) ceases to
      provide any group health plan, successor plans included, to any employee
      (Q&A-1(a)(3); ERISA §602(2)(B)).
    - ``OTHER_GROUP_PLAN``: the day, after the election, the qualified beneficiary first
      becomes covered under any other group health plan (Q&A-1(a)(4) and Q&A-2; ERISA
      §602(2)(D)(i)).
    - ``MEDICARE``: the day, after the election, the qualified beneficiary first becomes
      entitled to Medicare (Q&A-1(a)(5) and Q&A-3; ERISA §602(2)(D)(ii), which excepts the
      beneficiaries of an employer's bankruptcy).
    - ``NO_LONGER_DISABLED``: the day of the final Social Security determination that the
      disabled qualified beneficiary is no longer disabled (Q&A-1(a)(6); ERISA §602(2)(E)).
    - ``FOR_CAUSE``: the day the plan ends the coverage for cause, on the basis it would
      end a similarly situated non-COBRA beneficiary's, such as a fraudulent claim
      (Q&A-1(b)).
    """

    PREMIUM_NOT_PAID = "premium_not_paid"
    EMPLOYER_ENDS_ALL_PLANS = "employer_ends_all_plans"
    OTHER_GROUP_PLAN = "other_group_plan"
    MEDICARE = "medicare"
    NO_LONGER_DISABLED = "no_longer_disabled"
    FOR_CAUSE = "for_cause"


_AFTER_ELECTION: Final = frozenset({EarlyEnd.OTHER_GROUP_PLAN, EarlyEnd.MEDICARE})


def coverage_end(
    coverage: CobraCoverage,
    early_ends: Mapping[EarlyEnd, date] | None = None,
    *,
    elected_on: date | None = None,
) -> date | None:
    """The day ``coverage`` ends: the earliest of its maximum period's end and any early end.

    26 CFR 54.4980B-7, Q&A-1(a): coverage must extend from the qualifying event to no
    earlier than the earliest of the last day of the maximum coverage period
    (``coverage.last_day``) and the days of the early ends that have happened, given in
    ``early_ends`` (one day per ``EarlyEnd``, the day that reason names). Every day is read
    as the regulation words it, as the day the coverage ends, the same way as ``last_day``.

    - ``OTHER_GROUP_PLAN`` and ``MEDICARE`` count only when their day is after
      ``elected_on`` (Q&A-1(a)(4) and (5)), which they then need. ``MEDICARE`` does not end
      coverage after an employer's bankruptcy (ERISA §602(2)(D)(ii)).
    - ``NO_LONGER_DISABLED`` needs a disability extension. Its day ``d`` gives the later of
      (i) the earlier of ``event_date`` plus 29 months (clamped) and the first day of the
      month that is more than 30 days after ``d``, and (ii) the end of the maximum period
      without the extension (Q&A-1(a)(6)): 18 months, or 36 with a second event within the
      18 months; a second event after the 18 months counted only through the extension and
      ends with it, and the Medicare-entitlement rule still applies.

    Returns ``None`` when nothing ends an open-ended period (a living retiree's after a
    bankruptcy).

    Raises:
        InputTypeError: ``coverage`` is not a ``CobraCoverage``, ``early_ends`` not a mapping
            of ``EarlyEnd`` to dates, or ``elected_on`` not a date (a datetime is refused).
        InvalidArgumentError: a day before ``coverage.event_date``; ``OTHER_GROUP_PLAN`` or
            ``MEDICARE`` without ``elected_on`` or not after it; ``MEDICARE`` after a
            bankruptcy; ``NO_LONGER_DISABLED`` without a disability extension.
        OutOfRangeError: a day would be after December 31, 9999.

    >>> coverage = CobraCoverage(QualifyingEvent.TERMINATION, date(2026, 1, 31),
    ...     Beneficiary.EMPLOYEE, disability_extension=True)
    >>> coverage_end(coverage), coverage_end(coverage, {EarlyEnd.PREMIUM_NOT_PAID:
    ...     date(2026, 9, 1)})
    (datetime.date(2028, 6, 30), datetime.date(2026, 9, 1))
    >>> coverage_end(coverage, {EarlyEnd.NO_LONGER_DISABLED: date(2027, 10, 31)})
    datetime.date(2027, 12, 1)
    """
    if not isinstance(coverage, CobraCoverage):
        raise InputTypeError("must be a CobraCoverage", field="coverage", value=coverage)
    ends = {} if early_ends is None else early_ends
    if not isinstance(ends, Mapping):
        raise InputTypeError(
            "must be a mapping of EarlyEnd to dates", field="early_ends", value=early_ends
        )
    elected = None if elected_on is None else _require_date(elected_on, "elected_on")
    end = coverage.last_day
    for reason, value in ends.items():
        if not isinstance(reason, EarlyEnd):
            raise InputTypeError("must be an EarlyEnd", field="early_ends", value=reason)
        field = f"early_ends[{reason.value}]"
        day = _not_before(_require_date(value, field), coverage.event_date, field)
        if reason in _AFTER_ELECTION:
            _check_after_election(coverage, reason, day, elected, field)
        if reason is EarlyEnd.NO_LONGER_DISABLED:
            day = _disability_end(coverage, day, field)
        end = day if end is None else min(end, day)
    return end


def _check_after_election(
    coverage: CobraCoverage, reason: EarlyEnd, day: date, elected: date | None, field: str
) -> None:
    if reason is EarlyEnd.MEDICARE and coverage.event is QualifyingEvent.BANKRUPTCY:
        raise InvalidArgumentError(
            "Medicare entitlement does not end the coverage of a retiree or a retiree's "
            "family after the employer's bankruptcy (ERISA §602(2)(D)(ii))",
            field=field,
            value=day,
        )
    if elected is None:
        raise InvalidArgumentError(
            f"is needed: {reason.value} ends coverage only when it begins after the election "
            "(26 CFR 54.4980B-7, Q&A-1(a)(4) and (5))",
            field="elected_on",
            value=None,
        )
    if day <= elected:
        raise InvalidArgumentError(
            f"must be after the election ({elected.isoformat()}): coverage or entitlement "
            "that began by then does not end COBRA coverage (26 CFR 54.4980B-7, Q&A-2 and "
            "Q&A-3)",
            field=field,
            value=day,
        )


def _disability_end(coverage: CobraCoverage, determined: date, field: str) -> date:
    if not coverage.disability_extension:
        raise InvalidArgumentError(
            "ends only a disability extension, and this coverage has none "
            "(26 CFR 54.4980B-7, Q&A-1(a)(6))",
            field=field,
            value=determined,
        )
    # "The first day of the month that is more than 30 days after" the determination: the
    # first 1st strictly after the 30th day.
    first = first_of_month_after(_plus_days(determined, _DETERMINATION_DAYS, field))
    extended = min(add_months(coverage.event_date, _DISABILITY_MONTHS), first)
    second = coverage.second_event_date
    keep = second is not None and second <= add_months(coverage.event_date, _BASIC_MONTHS)
    without = attrs.evolve(
        coverage,
        disability_extension=False,
        second_event=coverage.second_event if keep else None,
        second_event_date=second if keep else None,
    ).last_day
    # A disability extension follows only a termination or a reduction of hours, whose
    # periods always end.
    assert without is not None
    return max(extended, without)

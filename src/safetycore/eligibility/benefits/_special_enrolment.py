"""HIPAA special enrollment (ERISA §701(f); 29 CFR 2590.701-6)."""

from __future__ import annotations

import enum
from datetime import date

from safetycore.eligibility.months import _plus_days, _require_date, first_of_month_after
from safetycore.errors import InputTypeError, InvalidArgumentError

__all__ = ["SpecialEnrolmentEvent", "effective_date", "is_timely", "request_deadline"]


class SpecialEnrolmentEvent(enum.Enum):
    """An event that opens HIPAA special enrollment (ERISA §701(f); 29 CFR 2590.701-6).

    - ``LOSS_OF_COVERAGE``: loss of eligibility for other coverage (or of the employer's
      contributions to it, or COBRA exhausted).
    - ``MARRIAGE``, ``BIRTH``, ``ADOPTION``, ``PLACEMENT_FOR_ADOPTION``: a new dependent.
    - ``MEDICAID_CHIP_LOSS``: Medicaid or CHIP coverage terminated for lost eligibility.
    - ``MEDICAID_CHIP_SUBSIDY``: eligibility for premium assistance from Medicaid or CHIP.

    The two Medicaid/CHIP events (ERISA §701(f)(3)) have a 60-day request window; the others
    30 days.
    """

    LOSS_OF_COVERAGE = "loss_of_coverage"
    MARRIAGE = "marriage"
    BIRTH = "birth"
    ADOPTION = "adoption"
    PLACEMENT_FOR_ADOPTION = "placement_for_adoption"
    MEDICAID_CHIP_LOSS = "medicaid_chip_loss"
    MEDICAID_CHIP_SUBSIDY = "medicaid_chip_subsidy"


_SIXTY_DAY_EVENTS = frozenset(
    {SpecialEnrolmentEvent.MEDICAID_CHIP_LOSS, SpecialEnrolmentEvent.MEDICAID_CHIP_SUBSIDY}
)
_EFFECTIVE_ON_EVENT = frozenset(
    {
        SpecialEnrolmentEvent.BIRTH,
        SpecialEnrolmentEvent.ADOPTION,
        SpecialEnrolmentEvent.PLACEMENT_FOR_ADOPTION,
    }
)


def _require_event(value: object) -> SpecialEnrolmentEvent:
    if not isinstance(value, SpecialEnrolmentEvent):
        raise InputTypeError("must be a SpecialEnrolmentEvent", field="event", value=value)
    return value


def _event_and_request(
    event: object, event_date: object, request_date: object
) -> tuple[SpecialEnrolmentEvent, date, date]:
    kind = _require_event(event)
    happened = _require_date(event_date, "event_date")
    requested = _require_date(request_date, "request_date")
    if requested < happened:
        raise InvalidArgumentError(
            f"a special-enrollment request cannot precede its event ({happened.isoformat()})",
            field="request_date",
            value=requested,
        )
    return kind, happened, requested


def request_deadline(event: SpecialEnrolmentEvent, event_date: date) -> date:
    """The last day a special-enrollment request for ``event`` on ``event_date`` is timely.

    30 days after the event (ERISA §701(f)(1) and (2); 29 CFR 2590.701-6), or 60 days after
    it for ``MEDICAID_CHIP_LOSS`` and ``MEDICAID_CHIP_SUBSIDY`` (ERISA §701(f)(3)). These
    are the minimum windows a plan must allow; a plan may allow more.

    Raises:
        InputTypeError: ``event`` is not a ``SpecialEnrolmentEvent``, or ``event_date`` is
            not a date (or is a datetime).

    >>> request_deadline(SpecialEnrolmentEvent.MARRIAGE, date(2025, 6, 14))
    datetime.date(2025, 7, 14)
    >>> request_deadline(SpecialEnrolmentEvent.MEDICAID_CHIP_LOSS, date(2025, 6, 14))
    datetime.date(2025, 8, 13)
    """
    kind = _require_event(event)
    happened = _require_date(event_date, "event_date")
    return _plus_days(happened, 60 if kind in _SIXTY_DAY_EVENTS else 30, "event_date")


def is_timely(event: SpecialEnrolmentEvent, event_date: date, request_date: date) -> bool:
    """Whether a request received on ``request_date`` is on or before ``request_deadline``.

    Raises:
        InputTypeError: a wrong type, or a datetime for a date.
        InvalidArgumentError: ``request_date`` is before ``event_date``.

    >>> is_timely(SpecialEnrolmentEvent.BIRTH, date(2025, 3, 1), date(2025, 3, 31))
    True
    >>> is_timely(SpecialEnrolmentEvent.BIRTH, date(2025, 3, 1), date(2025, 4, 1))
    False
    """
    kind, happened, requested = _event_and_request(event, event_date, request_date)
    return requested <= request_deadline(kind, happened)


def effective_date(event: SpecialEnrolmentEvent, event_date: date, request_date: date) -> date:
    """The latest day special-enrollment coverage may take effect for a timely request.

    - ``BIRTH``, ``ADOPTION``, ``PLACEMENT_FOR_ADOPTION``: the event date itself (the date
      of birth, adoption or placement; ERISA §701(f)(2); 29 CFR 2590.701-6(b)).
    - ``MARRIAGE`` and ``LOSS_OF_COVERAGE``: the first day of the first calendar month
      beginning after the date the request is received (29 CFR 2590.701-6(a)(4) and (b)),
      so a request received on the 1st waits for the next month's 1st.
    - ``MEDICAID_CHIP_LOSS`` and ``MEDICAID_CHIP_SUBSIDY``: ERISA §701(f)(3) sets the 60-day
      window but no effective date; this library applies the loss-of-coverage rule (first
      of the month after the request), a common plan choice. Check the plan.

    The answer is the rule's latest permitted date; a plan may start coverage earlier.
    Timeliness is not checked here (``is_timely``).

    Raises:
        InputTypeError: a wrong type, or a datetime for a date.
        InvalidArgumentError: ``request_date`` is before ``event_date``.

    >>> effective_date(SpecialEnrolmentEvent.BIRTH, date(2025, 3, 9), date(2025, 3, 20))
    datetime.date(2025, 3, 9)
    >>> effective_date(SpecialEnrolmentEvent.MARRIAGE, date(2025, 6, 14), date(2025, 7, 1))
    datetime.date(2025, 8, 1)
    """
    kind, happened, requested = _event_and_request(event, event_date, request_date)
    if kind in _EFFECTIVE_ON_EVENT:
        return happened
    return first_of_month_after(requested)

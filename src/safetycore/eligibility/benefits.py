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
- Full-time status under the employer shared-responsibility rules,
  ``is_full_time_weekly`` and ``is_full_time_monthly``: 26 CFR 54.4980H-1(a)(21) (at least
  30 hours of service a week, or 130 hours of service in a calendar month as its monthly
  equivalent) and 26 CFR 54.4980H-3.
- HIPAA special enrollment, ``SpecialEnrolmentEvent``, ``request_deadline``,
  ``effective_date``, ``is_timely``: ERISA §701(f) (29 U.S.C. 1181(f)) and 29 CFR 2590.701-6;
  the 60-day Medicaid/CHIP window is ERISA §701(f)(3), added by CHIPRA 2009.
- COBRA election period, ``election_deadline``: ERISA §605(a) (29 U.S.C. 1165(a)); the
  election notice is 29 CFR 2590.606-4 and the Treasury rules 26 CFR 54.4980B-6.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from safetycore._config import enum_member
from safetycore.eligibility.months import (
    _plus_days,
    _require_date,
    _require_int,
    first_of_month_after,
    first_of_month_on_or_after,
    one_month_after,
)
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

__all__ = [
    "Entry",
    "SpecialEnrolmentEvent",
    "WaitingPeriod",
    "effective_date",
    "election_deadline",
    "is_full_time_monthly",
    "is_full_time_weekly",
    "is_timely",
    "request_deadline",
]

_DAY = timedelta(days=1)
_MAX_WAIT_DAYS = 90  # 29 CFR 2590.715-2708: coverage no later than the 91st day
_MAX_CUMULATIVE_HOURS = 1200  # 29 CFR 2590.715-2708(c)
_FULL_TIME_WEEKLY_HOURS = 30  # 26 CFR 54.4980H-1(a)(21)
_FULL_TIME_MONTHLY_HOURS = 130  # 26 CFR 54.4980H-1(a)(21): the monthly equivalent of 30 a week
_COBRA_MIN_ELECTION_DAYS = 60  # ERISA §605(a)(1)

# A complete cycle of hire dates for checking a policy against the 90-day limit exactly.
# Why four consecutive years starting January 1, 2024 suffice: the wait a policy imposes
# depends only on the hire date's month and day and on the lengths of the months from the
# hire month to the coverage month. Those lengths are fixed except February's. Coverage
# starts at most 152 days after the hire (an orientation period of at most 31 days, at most
# 90 waiting days, at most 31 more days to reach a first of the month; one day more for an
# hours policy, whose wait begins the day after; policies of more than 90 days are refused
# before the scan), so the span crosses at most one February. Hires in 2024-2027 meet every
# month and day with both February lengths: hires in January or February 2024 meet a 29-day
# February and in 2025 a 28-day one; hires in March to December 2026 reach February 2027
# (28 days) and in 2027 February 2028 (29 days).
# So every hire date of any year, including years such as 2100 whose February has 28 days
# despite a leap-year number, behaves exactly like one of these 1,461.
_CYCLE_START = date(2024, 1, 1)
_CYCLE_DAYS = (date(2028, 1, 1) - _CYCLE_START).days


class Entry(enum.Enum):
    """When coverage starts once the waiting days have run (29 CFR 2590.715-2708).

    With a wait of ``days`` days starting on day 1 (the hire date, or the day after an
    orientation period or after the hours are met), the waiting days are days 1 to
    ``days`` and day ``days + 1`` (``start + days``) is the first day after the wait.

    - ``DAY_AFTER``: coverage starts on that first day after the wait.
    - ``FIRST_OF_MONTH_ON_OR_AFTER``: on the first day of a month that is on or after it
      (plan wording: "the first of the month following the waiting period").
    - ``FIRST_OF_MONTH_AFTER``: on the first day of a month strictly after it, so a wait
      whose next day is the 1st still waits a whole further month.
    """

    DAY_AFTER = "day_after"
    FIRST_OF_MONTH_ON_OR_AFTER = "first_of_month_on_or_after"
    FIRST_OF_MONTH_AFTER = "first_of_month_after"


def _entry(value: object) -> Entry:
    if isinstance(value, Entry):
        return value
    return enum_member(Entry, value, "entry", error=ConfigurationError)


def _check_days(_: object, attribute: Any, value: Any) -> None:
    days = _require_int(value, attribute.name)
    if days < 0:
        raise ConfigurationError("must not be negative", field=attribute.name, value=days)
    if days > _MAX_WAIT_DAYS:
        raise ConfigurationError(
            f"a waiting period may not exceed {_MAX_WAIT_DAYS} days "
            "(29 CFR 2590.715-2708: coverage by day 91)",
            field=attribute.name,
            value=days,
        )


def _check_orientation(_: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, bool):
        raise InputTypeError("must be a bool", field=attribute.name, value=value)


def _check_hours(_: object, attribute: Any, value: Any) -> None:
    if value is None:
        return
    hours = _require_int(value, attribute.name)
    if hours < 1:
        raise ConfigurationError(
            "must be at least 1 (give None for no hours requirement)",
            field=attribute.name,
            value=hours,
        )
    if hours > _MAX_CUMULATIVE_HOURS:
        raise ConfigurationError(
            f"a cumulative hours-of-service requirement over {_MAX_CUMULATIVE_HOURS:,} hours "
            "is treated as designed to avoid the 90-day limit (29 CFR 2590.715-2708(c))",
            field=attribute.name,
            value=hours,
        )


@attrs.frozen
class WaitingPeriod:
    """A health plan's waiting period: ``days`` calendar days, then coverage starts by ``entry``.

    Day counting (29 CFR 2590.715-2708): every calendar day counts, and the day the wait
    begins is day 1; coverage must start no later than day 91, that is at most 90 days after
    the day the wait begins. The wait begins on:

    - the hire date (taken as the date the employee is otherwise eligible);
    - with ``orientation``, the day after a one-month orientation period that starts on the
      hire date ends (``one_month_after``; 29 CFR 2590.715-2708(c)(3)(iii));
    - with ``cumulative_hours``, the day after the employee completes that many hours of
      service (at most 1,200; 29 CFR 2590.715-2708(c)). Only the caller knows that day: use
      ``coverage_start_after_hours``. An orientation period and an hours requirement are not
      combined here (construction refuses it).

    Construction checks the 90-day limit exactly, for every hire date (see ``max_wait``),
    and refuses a policy that could exceed it with a ``ConfigurationError`` naming the first
    hire date that would wait too long. Examples only, not legal advice.

    Raises:
        InputTypeError: a field of the wrong type.
        ConfigurationError: negative ``days``, an unknown ``entry``, ``cumulative_hours``
            outside 1 to 1,200, orientation combined with hours, or a policy that exceeds the
            90-day limit for some hire date.

    >>> policy = WaitingPeriod(60, Entry.FIRST_OF_MONTH_ON_OR_AFTER)
    >>> policy.coverage_start(date(2025, 1, 2)), policy.wait_days(date(2025, 1, 2))
    (datetime.date(2025, 4, 1), 89)
    >>> policy.max_wait()
    (datetime.date(2024, 1, 2), 90)
    """

    days: int = attrs.field(validator=_check_days)
    entry: Entry = attrs.field(converter=_entry)
    orientation: bool = attrs.field(default=False, kw_only=True, validator=_check_orientation)
    cumulative_hours: int | None = attrs.field(default=None, kw_only=True, validator=_check_hours)

    def __attrs_post_init__(self) -> None:
        if self.orientation and self.cumulative_hours is not None:
            raise ConfigurationError(
                "an orientation period and a cumulative-hours requirement are not combined "
                "here; model one of them",
                field="orientation",
                value=self.orientation,
            )
        anchor, wait_start, start, wait = self._scan(stop_over=_MAX_WAIT_DAYS)
        if wait > _MAX_WAIT_DAYS:
            after = "hours met" if self.cumulative_hours is not None else "a hire"
            raise ConfigurationError(
                f"coverage can start more than {_MAX_WAIT_DAYS} days after the waiting "
                f"period begins (entry {self.entry.value}"
                f"{', after a one-month orientation' if self.orientation else ''}): for "
                f"{after} on {anchor.isoformat()} the wait begins {wait_start.isoformat()} "
                f"and coverage starts {start.isoformat()}, {wait} days later "
                "(29 CFR 2590.715-2708 allows at most 90: coverage by day 91)",
                field="days",
                value=self.days,
            )

    def _wait_start(self, anchor: date, field: str) -> date:
        """The first day of the wait for a hire (or hours met) on ``anchor``."""
        if self.cumulative_hours is not None:
            return _plus_days(anchor, 1, field)
        if self.orientation:
            return _plus_days(one_month_after(anchor), 1, field)
        return anchor

    def _start_from(self, wait_start: date, field: str) -> date:
        """Coverage start for a wait whose day 1 is ``wait_start``."""
        after_wait = _plus_days(wait_start, self.days, field)
        if self.entry is Entry.DAY_AFTER:
            return after_wait
        if self.entry is Entry.FIRST_OF_MONTH_ON_OR_AFTER:
            return first_of_month_on_or_after(after_wait)
        return first_of_month_after(after_wait)

    def _scan(self, *, stop_over: int | None = None) -> tuple[date, date, date, int]:
        """The worst (earliest of the longest) wait over the cycle of anchors.

        Returns ``(anchor, wait_start, coverage_start, wait_days)``; with ``stop_over``, the
        first anchor whose wait exceeds it as soon as one is found.
        """
        worst: tuple[date, date, date, int] | None = None
        for offset in range(_CYCLE_DAYS):
            anchor = _CYCLE_START + timedelta(days=offset)
            wait_start = self._wait_start(anchor, "anchor")
            start = self._start_from(wait_start, "anchor")
            wait = (start - wait_start).days
            if stop_over is not None and wait > stop_over:
                return anchor, wait_start, start, wait
            if worst is None or wait > worst[3]:
                worst = (anchor, wait_start, start, wait)
        assert worst is not None  # the cycle is not empty
        return worst

    def _refuse_hours(self, hire_date: date) -> None:
        if self.cumulative_hours is not None:
            raise InvalidArgumentError(
                f"this wait begins after {self.cumulative_hours} hours of service, which a "
                "hire date cannot tell: use coverage_start_after_hours",
                field="hire_date",
                value=hire_date,
            )

    def waiting_period_start(self, hire_date: date) -> date:
        """Day 1 of the waiting period: ``hire_date``, or the day after orientation ends.

        Raises:
            InputTypeError: ``hire_date`` is not a date, or is a datetime.
            InvalidArgumentError: the policy has a cumulative-hours requirement.

        >>> WaitingPeriod(30, Entry.DAY_AFTER, orientation=True).waiting_period_start(
        ...     date(2025, 5, 3))
        datetime.date(2025, 6, 3)
        """
        hire = _require_date(hire_date, "hire_date")
        self._refuse_hours(hire)
        return self._wait_start(hire, "hire_date")

    def coverage_start(self, hire_date: date) -> date:
        """The day coverage starts for an employee hired (and otherwise eligible) on ``hire_date``.

        Raises:
            InputTypeError: ``hire_date`` is not a date, or is a datetime.
            InvalidArgumentError: the policy has a cumulative-hours requirement (use
                ``coverage_start_after_hours``).
            OutOfRangeError: the answer would be after December 31, 9999.

        >>> WaitingPeriod(90, Entry.DAY_AFTER).coverage_start(date(2025, 1, 19))
        datetime.date(2025, 4, 19)
        """
        wait_start = self.waiting_period_start(hire_date)
        return self._start_from(wait_start, "hire_date")

    def wait_days(self, hire_date: date) -> int:
        """Days from the waiting period's day 1 to the coverage start (at most 90).

        With orientation this counts from the day after the orientation period ends, not
        from the hire date: it is the number the 90-day limit applies to.

        Raises:
            InputTypeError: ``hire_date`` is not a date, or is a datetime.
            InvalidArgumentError: the policy has a cumulative-hours requirement.
        """
        wait_start = self.waiting_period_start(hire_date)
        return (self._start_from(wait_start, "hire_date") - wait_start).days

    def coverage_start_after_hours(self, hours_met_on: date) -> date:
        """Coverage start when the cumulative-hours requirement was met on ``hours_met_on``.

        The waiting period begins on the first day after the hours are met (29 CFR
        2590.715-2708(c)), so coverage starts no later than 91 days after ``hours_met_on``.

        Raises:
            InputTypeError: ``hours_met_on`` is not a date, or is a datetime.
            InvalidArgumentError: the policy has no cumulative-hours requirement.

        >>> WaitingPeriod(90, Entry.DAY_AFTER, cumulative_hours=1200).coverage_start_after_hours(
        ...     date(2025, 3, 10))
        datetime.date(2025, 6, 9)
        """
        met = _require_date(hours_met_on, "hours_met_on")
        if self.cumulative_hours is None:
            raise InvalidArgumentError(
                "this policy has no cumulative-hours requirement: use coverage_start",
                field="hours_met_on",
                value=met,
            )
        return self._start_from(self._wait_start(met, "hours_met_on"), "hours_met_on")

    def max_wait(self) -> tuple[date, int]:
        """The longest wait this policy imposes, and the first hire date that gets it.

        Exact for every hire date of every year: the scan covers 2024-01-01 to 2027-12-31,
        which meets every month, day and February length (see the comment on the cycle).
        For an hours policy the date is the day the hours are met. The wait counts from the
        waiting period's day 1, as ``wait_days`` does.
        """
        anchor, _, _, wait = self._scan()
        return anchor, wait


def _require_hours(value: object, field: str) -> int | Decimal:
    """``value`` as hours: an int or a finite, non-negative Decimal."""
    # A float cannot hold 29.9 exactly, and bool is an int subclass that means nothing here.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputTypeError("must be an int or a Decimal (not a float)", field=field, value=value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidArgumentError("must be a finite number", field=field, value=value)
    if value < 0:
        raise InvalidArgumentError("must not be negative", field=field, value=value)
    return value


def is_full_time_weekly(hours_per_week: int | Decimal) -> bool:
    """Whether an average of ``hours_per_week`` hours of service a week is full time.

    Full time is at least 30 hours of service per week on average (26 CFR
    54.4980H-1(a)(21)); how the average is measured is 26 CFR 54.4980H-3.

    Raises:
        InputTypeError: a float, a bool or anything but an int or Decimal.
        InvalidArgumentError: a negative or non-finite value.

    >>> is_full_time_weekly(30), is_full_time_weekly(Decimal("29.9"))
    (True, False)
    """
    return _require_hours(hours_per_week, "hours_per_week") >= _FULL_TIME_WEEKLY_HOURS


def is_full_time_monthly(hours_in_month: int | Decimal) -> bool:
    """Whether ``hours_in_month`` hours of service in one calendar month is full time.

    130 hours of service in a calendar month is the monthly equivalent of 30 a week (26 CFR
    54.4980H-1(a)(21)).

    Raises:
        InputTypeError: a float, a bool or anything but an int or Decimal.
        InvalidArgumentError: a negative or non-finite value.

    >>> is_full_time_monthly(130), is_full_time_monthly(Decimal("129.99"))
    (True, False)
    """
    return _require_hours(hours_in_month, "hours_in_month") >= _FULL_TIME_MONTHLY_HOURS


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

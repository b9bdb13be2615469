"""The 90-day waiting-period limit, per plan and per hire (29 CFR 2590.715-2708)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs

from safetycore._config import enum_member, instance_of
from safetycore.eligibility.months import (
    _plus_days,
    _require_date,
    _require_int,
    first_of_month_after,
    first_of_month_on_or_after,
    one_month_after,
)
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

__all__ = ["Entry", "HireWait", "WaitingPeriod", "WaitingPeriodTerms"]

_MAX_WAIT_DAYS = 90  # 29 CFR 2590.715-2708: coverage no later than the 91st day
_MAX_CUMULATIVE_HOURS = 1200  # 29 CFR 2590.715-2708(c)
_MAX_TERMS_DAYS = 365  # the scan of WaitingPeriodTerms is exact up to this


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
        return _coverage_from(self.days, self.entry, wait_start, field)

    def _scan(self, *, stop_over: int | None = None) -> tuple[date, date, date, int]:
        """The worst (earliest of the longest) wait over the cycle of anchors."""
        return _worst_wait(self._wait_start, self._start_from, stop_over=stop_over)

    def _refuse_hours(self, hire_date: date) -> None:
        if self.cumulative_hours is not None:
            raise InvalidArgumentError(
                f"this wait begins after {self.cumulative_hours} hours of service, which a "
                "hire date cannot tell: use coverage_start_after_hours",
                field="hire_date",
                value=hire_date,
            )

    def waiting_period_start(
        self, hire_date: date, *, otherwise_eligible_on: date | None = None
    ) -> date:
        """Day 1 of the waiting period: ``hire_date``, or the day after orientation ends.

        With ``otherwise_eligible_on``, the day the employee meets the plan's other
        eligibility conditions (such as moving into an eligible job class; 29 CFR
        2590.715-2708(b) and (c)), the wait begins on that day instead when it is later.
        The limit holds from any first day, since construction checked every one.

        Raises:
            InputTypeError: ``hire_date`` or ``otherwise_eligible_on`` is not a date, or is
                a datetime.
            InvalidArgumentError: the policy has a cumulative-hours requirement, or
                ``otherwise_eligible_on`` is before ``hire_date``.

        >>> WaitingPeriod(30, Entry.DAY_AFTER, orientation=True).waiting_period_start(
        ...     date(2025, 5, 3))
        datetime.date(2025, 6, 3)
        >>> WaitingPeriod(30, Entry.DAY_AFTER).waiting_period_start(
        ...     date(2025, 5, 3), otherwise_eligible_on=date(2025, 8, 18))
        datetime.date(2025, 8, 18)
        """
        hire = _require_date(hire_date, "hire_date")
        self._refuse_hours(hire)
        return _otherwise_eligible(hire, self._wait_start(hire, "hire_date"), otherwise_eligible_on)

    def coverage_start(self, hire_date: date, *, otherwise_eligible_on: date | None = None) -> date:
        """The day coverage starts for an employee hired (and otherwise eligible) on ``hire_date``.

        ``otherwise_eligible_on`` moves the wait's first day as in ``waiting_period_start``.

        Raises:
            InputTypeError: ``hire_date`` is not a date, or is a datetime.
            InvalidArgumentError: the policy has a cumulative-hours requirement (use
                ``coverage_start_after_hours``).
            OutOfRangeError: the answer would be after December 31, 9999.

        >>> WaitingPeriod(90, Entry.DAY_AFTER).coverage_start(date(2025, 1, 19))
        datetime.date(2025, 4, 19)
        """
        wait_start = self.waiting_period_start(
            hire_date, otherwise_eligible_on=otherwise_eligible_on
        )
        return self._start_from(wait_start, "hire_date")

    def wait_days(self, hire_date: date, *, otherwise_eligible_on: date | None = None) -> int:
        """Days from the waiting period's day 1 to the coverage start (at most 90).

        With orientation this counts from the day after the orientation period ends, not
        from the hire date: it is the number the 90-day limit applies to.

        Raises:
            InputTypeError: ``hire_date`` is not a date, or is a datetime.
            InvalidArgumentError: the policy has a cumulative-hours requirement.
        """
        wait_start = self.waiting_period_start(
            hire_date, otherwise_eligible_on=otherwise_eligible_on
        )
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


def _coverage_from(days: int, entry: Entry, wait_start: date, field: str) -> date:
    """Coverage start for a wait of ``days`` whose day 1 is ``wait_start``."""
    after_wait = _plus_days(wait_start, days, field)
    if entry is Entry.DAY_AFTER:
        return after_wait
    if entry is Entry.FIRST_OF_MONTH_ON_OR_AFTER:
        return first_of_month_on_or_after(after_wait)
    return first_of_month_after(after_wait)


def _worst_wait(
    wait_start: Callable[[date, str], date],
    coverage_from: Callable[[date, str], date],
    *,
    stop_over: int | None = None,
) -> tuple[date, date, date, int]:
    """The worst (earliest of the longest) wait over the cycle of anchors.

    Returns ``(anchor, wait_start, coverage_start, wait_days)``; with ``stop_over``, the
    first anchor whose wait exceeds it as soon as one is found.
    """
    worst: tuple[date, date, date, int] | None = None
    for offset in range(_CYCLE_DAYS):
        anchor = _CYCLE_START + timedelta(days=offset)
        first = wait_start(anchor, "anchor")
        start = coverage_from(first, "anchor")
        wait = (start - first).days
        if stop_over is not None and wait > stop_over:
            return anchor, first, start, wait
        if worst is None or wait > worst[3]:
            worst = (anchor, first, start, wait)
    assert worst is not None  # the cycle is not empty
    return worst


def _otherwise_eligible(hire: date, wait_start: date, value: object) -> date:
    """Day 1 of the wait once ``value`` (the day other conditions are met, or None) is known."""
    if value is None:
        return wait_start
    met = _require_date(value, "otherwise_eligible_on")
    if met < hire:
        raise InvalidArgumentError(
            f"cannot precede the hire date ({hire.isoformat()})",
            field="otherwise_eligible_on",
            value=met,
        )
    return max(wait_start, met)


def _check_entry_days(_: object, attribute: Any, value: Any) -> None:
    days = _require_int(value, attribute.name)
    if not 0 <= days <= _MAX_TERMS_DAYS:
        raise ConfigurationError(
            f"must be 0 to {_MAX_TERMS_DAYS} days", field=attribute.name, value=days
        )


@attrs.frozen
class HireWait:
    """One hire's waiting period under a plan's terms, and whether the terms comply at all.

    ``wait_start`` is day 1 of the wait and ``latest_start`` is day 91 (``wait_start + 90
    days``), the last day coverage may start (29 CFR 2590.715-2708). ``within_limit`` answers
    for this hire; ``plan_complies`` for every hire date, with ``worst_hire`` the first hire
    date that waits longest and ``worst_wait`` its wait. A plan can fail for some hire dates
    and still start this hire's coverage in time.
    """

    hire_date: date = attrs.field(validator=instance_of(date))
    wait_start: date = attrs.field(validator=instance_of(date))
    coverage_start: date = attrs.field(validator=instance_of(date))
    wait_days: int = attrs.field(validator=instance_of(int))
    latest_start: date = attrs.field(validator=instance_of(date))
    within_limit: bool = attrs.field(validator=instance_of(bool))
    plan_complies: bool = attrs.field(validator=instance_of(bool))
    worst_hire: date = attrs.field(validator=instance_of(date))
    worst_wait: int = attrs.field(validator=instance_of(int))


@attrs.frozen
class WaitingPeriodTerms:
    """A plan's waiting-period wording as written, checked per hire rather than refused.

    The same wording as ``WaitingPeriod`` (``days``, ``entry``, ``orientation``; cumulative
    hours are left to ``WaitingPeriod``), but construction checks only the types and that
    ``days`` is 0 to 365: a wording that breaks the 90-day limit for some hire dates is
    allowed here so that ``check`` can answer both questions for one hire: is this hire's
    coverage in time, and is the wording compliant for every hire date? (Scanning the
    2024-2027 hire dates stays exact for waits up to 365 days: the span from a hire to its
    coverage crosses at most two Februaries, and those years meet every pattern of them.)

    Raises:
        InputTypeError: a field of the wrong type.
        ConfigurationError: ``days`` outside 0 to 365, or an unknown ``entry``.

    >>> terms = WaitingPeriodTerms(60, Entry.FIRST_OF_MONTH_AFTER)
    >>> terms.complies(), terms.max_wait()
    (False, (datetime.date(2024, 1, 1), 91))
    >>> result = terms.check(date(2026, 1, 15))
    >>> result.coverage_start, result.wait_days, result.within_limit, result.plan_complies
    (datetime.date(2026, 4, 1), 76, True, False)
    """

    days: int = attrs.field(validator=_check_entry_days)
    entry: Entry = attrs.field(converter=_entry)
    orientation: bool = attrs.field(default=False, kw_only=True, validator=_check_orientation)

    def _wait_start(self, anchor: date, field: str) -> date:
        if self.orientation:
            return _plus_days(one_month_after(anchor), 1, field)
        return anchor

    def _start_from(self, wait_start: date, field: str) -> date:
        return _coverage_from(self.days, self.entry, wait_start, field)

    def max_wait(self) -> tuple[date, int]:
        """The longest wait the wording imposes, and the first hire date in 2024-2027 with it."""
        anchor, _, _, wait = _worst_wait(self._wait_start, self._start_from)
        return anchor, wait

    def complies(self) -> bool:
        """Whether every hire date's coverage starts by day 91 of its wait."""
        return self.max_wait()[1] <= _MAX_WAIT_DAYS

    def check(self, hire_date: date, *, otherwise_eligible_on: date | None = None) -> HireWait:
        """The wait for one employee hired on ``hire_date``, against the 90-day limit.

        ``otherwise_eligible_on`` is the day the employee meets the plan's other eligibility
        conditions, such as moving into an eligible job class (29 CFR 2590.715-2708(b) and
        (c)): the wait begins on that day when it is later than the usual first day (the
        hire date, or the day after orientation).

        Raises:
            InputTypeError: a date that is not a date, or is a datetime.
            InvalidArgumentError: ``otherwise_eligible_on`` before ``hire_date``.
            OutOfRangeError: a date after December 31, 9999.
        """
        hire = _require_date(hire_date, "hire_date")
        first = _otherwise_eligible(
            hire, self._wait_start(hire, "hire_date"), otherwise_eligible_on
        )
        start = self._start_from(first, "hire_date")
        latest = _plus_days(first, _MAX_WAIT_DAYS, "hire_date")
        worst_hire, worst_wait = self.max_wait()
        return HireWait(
            hire,
            first,
            start,
            (start - first).days,
            latest,
            start <= latest,
            worst_wait <= _MAX_WAIT_DAYS,
            worst_hire,
            worst_wait,
        )

"""COBRA continuation coverage (ERISA §§601-608; 26 CFR 54.4980B-*; 29 CFR 2590.606-*)."""

from __future__ import annotations

from datetime import date

from safetycore.eligibility.months import _plus_days, _require_date, _require_int
from safetycore.errors import InvalidArgumentError

__all__ = ["election_deadline"]

_COBRA_MIN_ELECTION_DAYS = 60  # ERISA §605(a)(1)


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

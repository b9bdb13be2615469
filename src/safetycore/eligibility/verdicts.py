"""Verdicts and rule outcomes, and how outcomes combine (Kleene logic, every rule counted).

A rule ends in one of four outcomes (:class:`Outcome`); a decision in one of four verdicts
(:class:`Verdict`).
:func:`combine` turns the outcomes of all of a policy's rules into the verdict:

1. any rule FAILS -> INELIGIBLE (a definite exclusion beats missing data);
2. otherwise any rule is UNKNOWN -> NEEDS_INFO (unknown never becomes false, nor true);
3. otherwise any rule PASSES -> ELIGIBLE;
4. otherwise (no rule applies) -> NOT_APPLICABLE.

This is Kleene's strong conjunction with NOT_APPLICABLE as its neutral element, so the verdict
does not depend on the order of the rules, and supplying a missing fact can only move a
NEEDS_INFO verdict to a definite one, never ELIGIBLE to INELIGIBLE.

>>> combine([Outcome.PASS, Outcome.UNKNOWN, Outcome.FAIL])
<Verdict.INELIGIBLE: 'ineligible'>
>>> combine([Outcome.PASS, Outcome.UNKNOWN])
<Verdict.NEEDS_INFO: 'needs_info'>
>>> combine([Outcome.NOT_APPLICABLE])
<Verdict.NOT_APPLICABLE: 'not_applicable'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

from safetycore._config import items_of

__all__ = ["Outcome", "Verdict", "combine"]


class Outcome(enum.Enum):
    """How one rule ended for one claim."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Verdict(enum.Enum):
    """The decision on a claim."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    NEEDS_INFO = "needs_info"
    NOT_APPLICABLE = "not_applicable"

    @property
    def is_definite(self) -> bool:
        """Whether more facts cannot change this verdict (everything but NEEDS_INFO)."""
        return self is not Verdict.NEEDS_INFO


# Outcome codes used by compiled policies: small ints index these tuples.
OUTCOMES = (Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN, Outcome.NOT_APPLICABLE)
PASS, FAIL, UNKNOWN, NOT_APPLICABLE = range(4)
VERDICTS = (Verdict.ELIGIBLE, Verdict.INELIGIBLE, Verdict.NEEDS_INFO, Verdict.NOT_APPLICABLE)


def verdict_code(codes: Sequence[int]) -> int:
    """The verdict code (an index into ``VERDICTS``) of a sequence of outcome codes."""
    return 1 if FAIL in codes else 2 if UNKNOWN in codes else 0 if PASS in codes else 3


def combine(outcomes: Iterable[Outcome]) -> Verdict:
    """The verdict of a set of rule outcomes (see the module docstring); order-independent.

    Anything but a collection of :class:`Outcome` raises ``InputTypeError`` naming
    ``outcomes`` (or ``outcomes[i]``).
    """
    checked = items_of(outcomes, Outcome, "outcomes")
    return VERDICTS[verdict_code([OUTCOMES.index(outcome) for outcome in checked])]

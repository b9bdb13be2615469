"""Invariant checkers for eligibility policies: the promises a policy makes, searched for a break.

Each checker draws claims with hypothesis, decides them, and raises
:class:`~safetycore.testing.InvariantError` (an ``AssertionError``) with the smallest claim it
found that breaks the promise, told in the policy's words: the claim as a constructor call
(dates in ISO 8601, instants with their zone), the verdicts and the rules behind them, the
amounts with their currency. A test calls one in one line::

    def test_guarantee_is_monotone():
        check_monotone(PET_GUARANTEE)

- :func:`check_monotone`: more information never changes a definite verdict.
- :func:`check_complete`: a claim with every fact provided, decided after its deadlines, is
  decided (never NEEDS_INFO but while an evidence rule without a deadline waits for its
  documents), and deciding it never raises.
- :func:`check_never_pays_less`: a new policy (or version) pays every claim at least what the
  old one pays.
- :func:`check_no_worse`: a new policy (or version) never makes an eligible claim ineligible.

Two versions of one policy are compared as :func:`~safetycore.eligibility.compare` compares
them: pass ``policy.pinned("2025-07")`` and ``policy.pinned("2026-01")``.

Claims come from ``claims=`` (a strategy of the policy's facts class) or by default from
:func:`~safetycore.testing.facts_for` over the policy's facts class, joined for the example
pet guarantee by :func:`~safetycore.testing.pet_guarantee_claims` (whose dates are
correlated, so that eligible claims occur). The search runs under the active hypothesis
profile; ``max_examples`` overrides its number of examples. Arguments are checked when the
checker is called: a wrong type raises ``InputTypeError`` naming the argument.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    Decision,
    Evidence,
    InvoiceLine,
    Outcome,
    Policy,
    RequirementKind,
    Verdict,
    decide,
    fact_specs,
)
from safetycore.eligibility.engine import _as_of
from safetycore.eligibility.pet_guarantee import PetGuaranteeClaim
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError
from safetycore.testing._search import InvariantError, search
from safetycore.testing.eligibility import facts_for, pet_guarantee_claims, refinements

__all__ = ["check_complete", "check_monotone", "check_never_pays_less", "check_no_worse"]


# --- arguments -------------------------------------------------------------------------------


def _policy(value: object, field: str) -> Policy:
    if not isinstance(value, Policy):
        raise InputTypeError("must be a Policy", field=field, value=value)
    return value


def _pair(before: object, after: object) -> tuple[Policy, Policy]:
    old, new = _policy(before, "before"), _policy(after, "after")
    if old.facts is not new.facts:
        raise ConfigurationError(
            f"must read the same facts class as before ({old.facts.__name__}), "
            f"not {new.facts.__name__}",
            field="after",
            value=new.id,
        )
    return old, new


def _claims(value: object, policy: Policy, *, missing: bool) -> st.SearchStrategy[Any]:
    """The strategy to draw claims from: ``value``, or the default for the policy's facts."""
    if value is None:
        kind = policy.facts
        default = facts_for(kind, missing=missing)
        if kind is PetGuaranteeClaim:
            return pet_guarantee_claims(missing=missing) | default
        return default
    if not isinstance(value, st.SearchStrategy):
        raise InputTypeError(
            "must be a hypothesis strategy of claims, or None", field="claims", value=value
        )
    return value


def _drawn(claim: object, policy: Policy) -> Any:
    """A drawn claim, if it is an instance of the policy's facts class."""
    if not isinstance(claim, policy.facts):
        raise InputTypeError(
            f"must draw {policy.facts.__name__} facts (the policy's facts class)",
            field="claims",
            value=claim,
        )
    return claim


# --- words -----------------------------------------------------------------------------------


def _currency(*policies: Policy) -> str | None:
    for policy in policies:
        for version in policy.versions:
            if version.payout is not None:
                return version.payout.currency
    return None


def _money(amount: Decimal, currency: str | None) -> str:
    return f"{amount:,.2f} {currency}" if currency else f"{amount:,.2f}"


def _value(value: object, currency: str | None) -> str:
    """``value`` as a person reads it: dates in ISO 8601, instants with their zone."""
    if value is MISSING:
        return "MISSING"
    if value is NOT_APPLICABLE:
        return "NOT_APPLICABLE"
    if isinstance(value, _dt.datetime):
        # Minutes when that is exact; never rounded, so a report one second late reads so.
        exact = "auto" if value.microsecond else "seconds" if value.second else "minutes"
        text = value.isoformat(timespec=exact)
        zone = getattr(value.tzinfo, "key", None)
        return f"{text}[{zone}]" if zone and "/" in zone else text
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, InvoiceLine):
        amount = f"{value.amount:.2f} {currency}" if currency else f"{value.amount:.2f}"
        dated = "" if value.date is None else f", date={value.date.isoformat()}"
        return f"InvoiceLine({value.category!r}, {amount}{dated})"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(_value(v, currency) for v in value)) + "}"
    if isinstance(value, tuple):
        inner = ", ".join(_value(v, currency) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, Decimal):
        return str(value)
    return repr(value)


def _claim(claim: Any, currency: str | None) -> str:
    """The claim as a constructor call of the facts left at something but their default."""
    parts = []
    for field in attrs.fields(type(claim)):
        value = getattr(claim, field.name)
        if value is not field.default:
            parts.append(f"{field.name}={_value(value, currency)}")
    return f"{type(claim).__name__}({', '.join(parts)})"


def _ids(rules: Iterable[str]) -> str:
    ids = list(rules)
    return f"rule {ids[0]}" if len(ids) == 1 else "rules " + ", ".join(ids)


def _verdict(decision: Decision, currency: str | None) -> str:
    """The verdict's name and what explains it: failed rules, what is awaited, the amount."""
    name = decision.verdict.name
    if decision.verdict is Verdict.INELIGIBLE:
        return f"{name} ({_ids(r.rule_id for r in decision.reasons)})"
    if decision.verdict is Verdict.NEEDS_INFO:
        wanted = [q.name for q in decision.requirements if q.decisive]
        unknown = [r.rule_id for r in decision.results if r.outcome is Outcome.UNKNOWN]
        if wanted:
            return f"{name} (waiting for {', '.join(wanted)})"
        if unknown:
            return f"{name} ({_ids(unknown)} unknown, asking for nothing)"
        return f"{name} ({decision.note})" if decision.note else name
    if decision.verdict is Verdict.ELIGIBLE and decision.payable is not None:
        return f"{name} (pays {_money(decision.payable, currency)})"
    if decision.verdict is Verdict.NOT_APPLICABLE:
        return f"{name} ({decision.note or 'no rule applies'})"
    return name


def _changed_rules(first: Decision, second: Decision) -> str:
    """The rules whose outcome differs between two decisions, as ``id a->b``."""
    one = {r.rule_id: r.outcome for r in first.results}
    two = {r.rule_id: r.outcome for r in second.results}
    changed = [
        f"{rule} {_outcome(one.get(rule))}->{_outcome(two.get(rule))}"
        for rule in sorted(one.keys() | two.keys())
        if one.get(rule) is not two.get(rule)
    ]
    return ", ".join(changed) or "none"


def _outcome(outcome: Outcome | None) -> str:
    return "absent" if outcome is None else outcome.value


def _side(name: str, decision: Decision) -> str:
    if decision.version is None:
        return f"{name} ({decision.policy_title})"
    return f"{name} ({decision.policy_title}, version {decision.version})"


def _decide(
    policy: Policy, claim: Any, as_of: object, invariant: str, currency: str | None
) -> Decision:
    """``decide``, with anything it raises turned into a violation naming the claim."""
    try:
        return decide(policy, claim, as_of=as_of)
    except Exception as error:
        when = "" if as_of is None else f" as of {_value(as_of, None)}"
        raise InvariantError(
            f"deciding claim {_claim(claim, currency)} under {policy.title}{when} raised "
            f"{type(error).__name__}: {error}",
            invariant=invariant,
            example=claim,
        ) from error


# --- the checkers ----------------------------------------------------------------------------

_MONOTONE = "more information never changes a definite verdict"


def check_monotone(
    policy: Policy,
    *,
    claims: st.SearchStrategy[Any] | None = None,
    as_of: object = None,
    max_examples: int | None = None,
) -> None:
    """Check that providing missing facts never changes a definite verdict of ``policy``.

    The promise: a claim whose verdict is ELIGIBLE, INELIGIBLE or NOT_APPLICABLE (definite:
    anything but NEEDS_INFO, :attr:`Verdict.is_definite`) keeps that verdict when some of its
    missing facts are filled in (:func:`~safetycore.testing.refinements`), decided at the
    same ``as_of``. A NEEDS_INFO claim may become anything. The amount may change (an
    invoice filled in gives one); the verdict may not.

    Args:
        policy: the policy.
        claims: a strategy of the policy's facts, some facts missing; default
            ``facts_for(policy.facts)`` (and for the pet guarantee, its correlated claims).
        as_of: when both decisions are made (a date or an aware datetime); ``None``, the
            default, means no evidence deadline has passed.
        max_examples: the number of claims to try (a whole number from 1); default the
            active hypothesis profile's.

    Raises:
        InvariantError: a claim whose definite verdict changed once a fact was provided; the
            message names the claim, both verdicts with their rules and the facts filled in.
        InputTypeError: an argument of the wrong type (``policy``, ``claims``, a drawn
            claim that is not of the policy's facts class).
        NaiveDatetimeError: a naive ``as_of``.

    >>> from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
    >>> check_monotone(PET_GUARANTEE, max_examples=20)
    """
    _policy(policy, "policy")
    strategy = _claims(claims, policy, missing=True)
    when = _as_of(as_of)
    currency = _currency(policy)

    @st.composite
    def pairs(draw: st.DrawFn) -> tuple[Any, Any]:
        claim = _drawn(draw(strategy), policy)
        return claim, draw(refinements(claim))

    def check(value: tuple[Any, Any]) -> None:
        claim, refined = value
        first = _decide(policy, claim, when, _MONOTONE, currency)
        if not first.verdict.is_definite or refined == claim:
            return
        second = _decide(policy, refined, when, _MONOTONE, currency)
        if second.verdict is first.verdict:
            return
        filled = [
            name
            for name in fact_specs(type(claim))
            if getattr(claim, name) is MISSING and getattr(refined, name) is not MISSING
        ]
        given = ", ".join(f"{n}={_value(getattr(refined, n), currency)}" for n in filled)
        moment = "" if when is None else f" as of {_value(when, None)}"
        raise InvariantError(
            f"claim {_claim(claim, currency)} was {_verdict(first, currency)}{moment} with "
            f"{', '.join(filled)} missing; filling in {given} made it "
            f"{_verdict(second, currency)}; rules that changed: {_changed_rules(first, second)}",
            invariant=_MONOTONE,
            example=(claim, refined),
        )

    search(pairs(), check, name="check_monotone", max_examples=max_examples)


_COMPLETE = "complete facts are decided"


def _after_deadlines(decision: Decision) -> _dt.date | None:
    """The day after the last deadline a decision waits for, or ``None`` if none."""
    days = [
        q.due.date() if isinstance(q.due, _dt.datetime) else q.due
        for q in decision.requirements
        if q.kind is RequirementKind.DOCUMENT and q.due is not None
    ]
    if not days:
        return None
    last = max(days)
    return last if last == _dt.date.max else last + _dt.timedelta(days=1)


def check_complete(
    policy: Policy,
    *,
    claims: st.SearchStrategy[Any] | None = None,
    max_examples: int | None = None,
) -> None:
    """Check that ``policy`` decides every claim with every fact provided, once deadlines pass.

    The promise: a claim with no fact MISSING (each provided, or NOT_APPLICABLE), decided
    the day after the last deadline it waits for (so that evidence not received in time
    fails), is ELIGIBLE, INELIGIBLE or NOT_APPLICABLE, and deciding it does not raise.
    One NEEDS_INFO is allowed, by design (docs/eligibility.md, "Decisions"): an evidence
    rule *without* a deadline never fails, it waits for its documents; a claim kept
    NEEDS_INFO only by such rules passes. Anything else still unknown breaks the promise: a
    rule that reads a value computed by ``call`` that came out missing, a deadline that is
    unknown, an evidence rule that still waits after its deadline.

    Args:
        policy: the policy.
        claims: a strategy of complete claims of the policy's facts; default
            ``facts_for(policy.facts, missing=False)`` (and for the pet guarantee, its
            correlated claims). A drawn claim with a fact missing raises
            ``InvalidArgumentError`` naming ``claims``.
        max_examples: the number of claims to try (a whole number from 1); default the
            active hypothesis profile's.

    Raises:
        InvariantError: a complete claim left NEEDS_INFO, or whose decision raised; the
            message names the claim, the moment, the rules still unknown and what the
            decision asks for.
        InputTypeError: an argument of the wrong type.

    >>> from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
    >>> check_complete(PET_GUARANTEE, max_examples=20)
    """
    _policy(policy, "policy")
    strategy = _claims(claims, policy, missing=False)
    currency = _currency(policy)

    def check(drawn: object) -> None:
        claim = _drawn(drawn, policy)
        missing = [n for n in fact_specs(type(claim)) if getattr(claim, n) is MISSING]
        if missing:
            raise InvalidArgumentError(
                f"drew a claim with {', '.join(missing)} missing; check_complete needs "
                f"complete claims, such as facts_for({type(claim).__name__}, missing=False)",
                field="claims",
                value=claim,
            )
        decision = _decide(policy, claim, None, _COMPLETE, currency)
        when = _after_deadlines(decision)
        if when is not None:
            decision = _decide(policy, claim, when, _COMPLETE, currency)
        if decision.verdict is not Verdict.NEEDS_INFO:
            return
        version = policy.version_for(claim)
        stuck = []
        for result in decision.results:
            if result.outcome is not Outcome.UNKNOWN:
                continue
            rule = None if version is None else version.rule(result.rule_id)
            if isinstance(rule, Evidence) and rule.due is None:
                continue  # waits for its documents by design: it has no deadline
            stuck.append(result.rule_id)
        if not stuck and version is not None:
            return
        moment = "" if when is None else f" as of {when.isoformat()} (after its deadlines)"
        asks = "; ".join(q.describe() for q in decision.requirements if q.decisive)
        unknown = ", ".join(
            f"{r.rule_id} ({r.label})" for r in decision.results if r.rule_id in stuck
        )
        raise InvariantError(
            f"claim {_claim(claim, currency)} has every fact provided but is "
            f"NEEDS_INFO{moment}: still unknown: {unknown or 'the version in force'}; "
            f"it asks for: {asks or 'nothing'}",
            invariant=_COMPLETE,
            example=claim,
        )

    search(strategy, check, name="check_complete", max_examples=max_examples)


_PAYS = "after never pays less than before"


def _paid(decision: Decision) -> Decimal:
    """What a decision pays now: the amount of an ELIGIBLE claim, else nothing."""
    if decision.verdict is Verdict.ELIGIBLE and decision.payable is not None:
        amount: Decimal = decision.payable
        return amount
    return Decimal(0)


def _steps(first: Decision, second: Decision) -> str:
    """``; payout steps that differ: ...`` when both sides computed an amount, else ``""``."""
    if first.payout is None or second.payout is None:
        return ""
    one = [s.label for s in first.payout.steps[1:]]
    two = [s.label for s in second.payout.steps[1:]]
    only = [f"{label} (before only)" for label in one if label not in two]
    only += [f"{label} (after only)" for label in two if label not in one]
    return f"; payout steps that differ: {'; '.join(only) or 'none'}"


def check_never_pays_less(
    before: Policy,
    after: Policy,
    *,
    claims: st.SearchStrategy[Any] | None = None,
    as_of: object = None,
    max_examples: int | None = None,
) -> None:
    """Check that ``after`` pays every claim at least what ``before`` pays it.

    The promise, claim by claim: what ``after`` pays is at least what ``before`` pays, where
    a decision pays its amount when it is ELIGIBLE and nothing otherwise (an INELIGIBLE,
    NEEDS_INFO or NOT_APPLICABLE claim is not paid now). So a claim ``before`` pays must be
    ELIGIBLE under ``after`` too, for as much or more. To compare two versions of one
    policy, pin them: ``check_never_pays_less(p.pinned("2025-07"), p.pinned("2026-01"))``.

    Args:
        before: the old policy (or pinned version).
        after: the new one; it must read the same facts class.
        claims: a strategy of the policies' facts; default complete claims
            (``facts_for(facts, missing=False)``, and for the pet guarantee its correlated
            claims), so that a claim is not held back by a fact only one side reads.
        as_of: when both decisions are made (a date or an aware datetime), or ``None``.
        max_examples: the number of claims to try (a whole number from 1).

    Raises:
        InvariantError: a claim ``after`` pays less; the message names the claim, both
            amounts with their currency, the rules whose outcome differs and the payout
            steps found on one side only.
        InputTypeError: an argument of the wrong type.
        ConfigurationError: ``after`` reads another facts class than ``before``.

    >>> from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
    >>> check_never_pays_less(
    ...     PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01"), max_examples=20
    ... )
    """
    old, new = _pair(before, after)
    strategy = _claims(claims, old, missing=False)
    when = _as_of(as_of)
    currency = _currency(old, new)

    def check(drawn: object) -> None:
        claim = _drawn(drawn, old)
        first = _decide(old, claim, when, _PAYS, currency)
        if first.verdict is not Verdict.ELIGIBLE:
            return
        second = _decide(new, claim, when, _PAYS, currency)
        paid_before, paid_after = _paid(first), _paid(second)
        if paid_after >= paid_before:
            return
        if second.verdict is Verdict.ELIGIBLE:
            then = f"pays {_money(paid_after, currency)}"
        else:
            then = f"pays nothing: {_verdict(second, currency)}"
        raise InvariantError(
            f"claim {_claim(claim, currency)}: {_side('before', first)} pays "
            f"{_money(paid_before, currency)}; {_side('after', second)} {then}, "
            f"{_money(paid_before - paid_after, currency)} less (rules that differ: "
            f"{_changed_rules(first, second)}{_steps(first, second)})",
            invariant=_PAYS,
            example=claim,
        )

    search(strategy, check, name="check_never_pays_less", max_examples=max_examples)


_NO_WORSE = "after never makes an eligible claim ineligible"


def check_no_worse(
    before: Policy,
    after: Policy,
    *,
    claims: st.SearchStrategy[Any] | None = None,
    as_of: object = None,
    max_examples: int | None = None,
) -> None:
    """Check that no claim ELIGIBLE under ``before`` is INELIGIBLE under ``after``.

    Only that move is refused: ``after`` may ask for more (ELIGIBLE to NEEDS_INFO, such as
    a new rule reading a fact the claim lacks), pay a different amount (see
    :func:`check_never_pays_less`) or accept claims ``before`` refused. Pin two versions of
    one policy to compare them (``p.pinned("2025-07")``).

    Args:
        before: the old policy (or pinned version).
        after: the new one; it must read the same facts class.
        claims: a strategy of the policies' facts; default claims with some facts missing
            (as :func:`check_monotone` draws them).
        as_of: when both decisions are made (a date or an aware datetime), or ``None``.
        max_examples: the number of claims to try (a whole number from 1).

    Raises:
        InvariantError: a claim eligible before and ineligible after; the message names the
            claim, both sides and each rule that now fails, with its failure text.
        InputTypeError: an argument of the wrong type.
        ConfigurationError: ``after`` reads another facts class than ``before``.

    >>> from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
    >>> check_no_worse(
    ...     PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01"), max_examples=20
    ... )
    """
    old, new = _pair(before, after)
    strategy = _claims(claims, old, missing=True)
    when = _as_of(as_of)
    currency = _currency(old, new)

    def check(drawn: object) -> None:
        claim = _drawn(drawn, old)
        first = _decide(old, claim, when, _NO_WORSE, currency)
        if first.verdict is not Verdict.ELIGIBLE:
            return
        second = _decide(new, claim, when, _NO_WORSE, currency)
        if second.verdict is not Verdict.INELIGIBLE:
            return
        failures = "; ".join(
            f"{r.rule_id}: {r.message}" if r.message else r.rule_id for r in second.reasons
        )
        raise InvariantError(
            f"claim {_claim(claim, currency)} is {_verdict(first, currency)} under "
            f"{_side('before', first)} but {_verdict(second, currency)} under "
            f"{_side('after', second)} (rules that differ: {_changed_rules(first, second)}; "
            f"now failing: {failures})",
            invariant=_NO_WORSE,
            example=claim,
        )

    search(strategy, check, name="check_no_worse", max_examples=max_examples)

"""Deciding claims: one at a time, in batches, and two policies side by side (what-if).

:func:`decide` gives a full :class:`~safetycore.eligibility.Decision`. :func:`decide_many`
runs the compiled policy over many claims and keeps, for each, the outcome of every rule and
the three-valued verdict; full decisions are built only when asked for (``batch[i]``), so a
batch costs little more than the rules themselves. :func:`compare` decides the same claims
under two policies (or two versions, via :meth:`Policy.pinned`) and lists each claim whose
verdict or amount changes, with the rules that changed.

``as_of`` is the instant (or date) the decision is made, used only to tell whether an evidence
deadline has passed; safetycore never reads the clock. Without it, no deadline has passed.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Never

import attrs

from safetycore._config import collection, whole_number
from safetycore._html import comparison_html, decision_batch_html
from safetycore._time import aware
from safetycore.eligibility._compile import evaluate_slowly
from safetycore.eligibility.decision import Decision, Requirement, RequirementKind, RuleResult
from safetycore.eligibility.expressions import Env, utc_key
from safetycore.eligibility.facts import MISSING, Absent
from safetycore.eligibility.money import PayoutResult
from safetycore.eligibility.policy import Policy, PolicyVersion
from safetycore.eligibility.rules import Evidence
from safetycore.eligibility.verdicts import (
    OUTCOMES,
    VERDICTS,
    Outcome,
    Verdict,
    combine,
    verdict_code,
)
from safetycore.errors import InputTypeError, InvalidArgumentError, SafetycoreError

__all__ = ["Change", "Comparison", "DecisionBatch", "compare", "decide", "decide_many"]

_NO_VERSION = -1
_DATE_MISSING = -2


def _as_of(value: object) -> _dt.date | None:
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    when = aware(value, "as_of")
    utc_key(when, "as_of")  # deadlines are compared in UTC: the instant must exist there
    return when


def no_unknown(unknown: Mapping[str, object], known: str) -> None:
    """Refuse keywords a function lacks with a safetycore error (still a ``TypeError``).

    ``decide(policy, claim, asof=when)`` would otherwise fail with Python's bare ``TypeError``;
    this one names the keyword, its value and the keywords there are.
    """
    for name, value in unknown.items():
        raise InputTypeError(f"is not a keyword (the keywords: {known})", field=name, value=value)


def _policy(policy: object, field: str = "policy") -> Policy:
    if not isinstance(policy, Policy):
        raise InputTypeError("must be a Policy", field=field, value=policy)
    return policy


def _claims(claims: object) -> Iterable[object]:
    if isinstance(claims, str | Mapping) or not isinstance(claims, Iterable):
        raise InputTypeError(
            "must be a collection of claims (facts or mappings), not one claim",
            field="claims",
            value=claims,
        )
    return claims


def _facts(policy: Policy, claim: object, where: str) -> object:
    if isinstance(claim, policy.facts):
        return claim
    if isinstance(claim, Mapping):
        for name in claim:
            if not isinstance(name, str):
                raise InputTypeError("must be a fact's name (text)", field=where, value=name)
        try:
            return policy.facts(**claim)
        except SafetycoreError as error:
            if where == "facts":
                raise
            raise type(error)(
                error.reason, field=f"{where}.{error.field}", value=error.value
            ) from None
    raise InputTypeError(
        f"must be a {policy.facts.__name__} or a mapping", field=where, value=claim
    )


def _run(policy: Policy, facts: object, as_of: object) -> tuple[int, tuple[int, ...], int]:
    """(version index or a negative marker, outcome codes, verdict code)."""
    index = policy._index_of(facts)
    if index.__class__ is Absent:
        return _DATE_MISSING, (), 2 if index is MISSING else 3
    if index < 0:  # type: ignore[operator]
        return _NO_VERSION, (), 3
    codes = policy.runner(index)(facts, as_of)  # type: ignore[arg-type]
    verdict = verdict_code(codes)
    return index, codes, verdict  # type: ignore[return-value]


def _requirement(
    kind: RequirementKind,
    name: str,
    label: str,
    accepted: tuple[str, ...] = (),
    need: int = 1,
    due: _dt.date | None = None,
    decisive: bool = True,
    rules: tuple[str, ...] = (),
) -> Requirement:
    """A :class:`Requirement` from parts the policy validated when built (no checks again)."""
    made = object.__new__(Requirement)
    for field, value in (
        ("kind", kind),
        ("name", name),
        ("label", label),
        ("accepted", accepted),
        ("need", need),
        ("due", due),
        ("decisive", decisive),
        ("rules", rules),
    ):
        object.__setattr__(made, field, value)
    return made


def build_decision(
    policy: Policy,
    facts: object,
    index: int,
    codes: tuple[int, ...],
    verdict_index: int,
) -> Decision:
    """The full :class:`Decision` for a claim already run through the compiled policy."""
    specs = policy.specs
    verdict = VERDICTS[verdict_index]
    if index < 0:
        assert policy.decided_by is not None  # a pinned policy always has a version
        date_fact = specs[policy.decided_by]
        if index == _DATE_MISSING and verdict is Verdict.NEEDS_INFO:
            need = _requirement(RequirementKind.FACT, date_fact.name, date_fact.label)
            note = f"The {date_fact.label} decides which version of the policy applies."
            return Decision(verdict, policy.id, policy.title, None, None, (), (need,), note=note)
        day = getattr(facts, policy.decided_by)
        note = (
            f"No version of the policy was in force on {day} ({date_fact.label})."
            if index == _NO_VERSION
            else f"The {date_fact.label} does not apply to this claim."
        )
        return Decision(verdict, policy.id, policy.title, None, None, (), note=note)
    version = policy.versions[index]
    env = Env(facts, version.parameters)
    results = []
    wanted: dict[tuple[RequirementKind, str], Requirement] = {}
    described = policy.described(index)
    for rule, code, (kind, text, reads) in zip(version.rules, codes, described, strict=True):
        outcome = OUTCOMES[code]
        inputs = tuple([(name, getattr(facts, name)) for name in reads])
        message = rule.failure_text if outcome is Outcome.FAIL else ""
        results.append(
            RuleResult(rule.id, rule.label, rule.citation, kind, outcome, inputs, message, text)
        )
        if outcome is not Outcome.UNKNOWN or verdict is not Verdict.NEEDS_INFO:
            continue
        if isinstance(rule, Evidence):
            # Which documents, how many and by when, whether or not we know what arrived.
            due = rule.due.evaluate(env) if rule.due is not None else None
            wanted[(RequirementKind.DOCUMENT, rule.id)] = _requirement(
                RequirementKind.DOCUMENT,
                rule.id,
                rule.label,
                rule.accepted,
                rule.need,
                None if due.__class__ is Absent else due,
                True,
                (rule.id,),
            )
        for name, value in inputs:
            if value is MISSING and not (isinstance(rule, Evidence) and name == rule.documents):
                key = (RequirementKind.FACT, name)
                known = wanted.get(key)
                ids = (known.rules if known else ()) + (rule.id,)
                wanted[key] = _requirement(RequirementKind.FACT, name, specs[name].label, rules=ids)
    payout = None
    if version.payout is not None and verdict in (Verdict.ELIGIBLE, Verdict.NEEDS_INFO):
        payout, missing = _payout(version, facts)
        for name in missing:
            key = (RequirementKind.FACT, name)
            if key not in wanted:
                wanted[key] = _requirement(
                    RequirementKind.FACT, name, specs[name].label, decisive=False, rules=("payout",)
                )
    order = _by_deadline(list(wanted.values())) if len(wanted) > 1 else list(wanted.values())
    return Decision(
        verdict,
        policy.id,
        policy.title,
        version.version,
        version.effective_from,
        tuple(results),
        tuple(order),
        payout,
        version.parameters,
    )


def _by_deadline(requirements: list[Requirement]) -> list[Requirement]:
    """Decisive first; then by deadline, as ``as_of`` judges deadlines past; the rest last.

    The order is the rule of ``_compile.is_past``: two instants as instants (UTC); a date and
    an instant by the instant's date in its own zone, so a date deadline goes before an instant
    only when its day is earlier (a date deadline lasts its whole day, so an instant on that
    day comes first). Within those, and for requirements without a deadline, rule order.
    """
    ordered: list[Requirement] = []
    for decisive in (True, False):
        group = [q for q in requirements if q.decisive is decisive]
        timed = sorted(
            (q for q in group if isinstance(q.due, _dt.datetime)),
            key=lambda q: q.due.timestamp(),  # type: ignore[union-attr]
        )
        days = sorted(
            (q for q in group if q.due is not None and not isinstance(q.due, _dt.datetime)),
            key=lambda q: q.due,  # type: ignore[arg-type,return-value]
        )
        i = 0
        for q in timed:
            day = q.due.date()  # type: ignore[union-attr]
            while i < len(days) and days[i].due < day:
                ordered.append(days[i])
                i += 1
            ordered.append(q)
        ordered += days[i:]
        ordered += [q for q in group if q.due is None]
    return ordered


def _payout(version: PolicyVersion, facts: object) -> tuple[PayoutResult | None, list[str]]:
    payout = version.payout
    assert payout is not None
    lines = getattr(facts, payout.lines)
    start = getattr(facts, payout.care_from) if payout.care_from else None
    missing = [
        n for n, v in ((payout.lines, lines), (payout.care_from, start)) if v is MISSING and n
    ]
    if missing or lines.__class__ is Absent or start.__class__ is Absent:
        return None, missing
    if payout.benefit is None:
        return payout.compute(lines, version.parameters, start), []
    # A fixed benefit reads facts too: the amount waits for each, and none is owed for one
    # that does not apply.
    read = {name: getattr(facts, name) for name in payout.benefit.input_names}
    missing = [name for name, value in read.items() if value is MISSING]
    if missing or any(value.__class__ is Absent for value in read.values()):
        return None, missing
    return payout.compute(lines, version.parameters, start, facts=read), []


def decide(policy: Policy, facts: object, *, as_of: object = None, **unknown: Never) -> Decision:
    """Decide one claim under the version of ``policy`` in force on the claim's own date.

    Args:
        policy: the policy.
        facts: an instance of ``policy.facts`` (or a mapping of its fields).
        as_of: when the decision is made (aware datetime or date), for evidence deadlines.
        **unknown: none; any other keyword (``asof=``) raises ``InputTypeError`` naming it.

    Raises:
        InputTypeError: facts of another class, or a keyword other than ``as_of``.
        NaiveDatetimeError: a naive ``as_of``.
    """
    if unknown:
        no_unknown(unknown, "as_of")
    claim = _facts(_policy(policy), facts, "facts")
    when = _as_of(as_of)
    index, codes, verdict = _run(policy, claim, when)
    return build_decision(policy, claim, index, codes, verdict)


def decide_slowly(policy: Policy, facts: object, *, as_of: object = None) -> Decision:
    """:func:`decide` through the expression trees instead of the compiled function.

    The reference the property tests hold the compiled path to; use :func:`decide`.
    """
    claim = _facts(_policy(policy), facts, "facts")
    when = _as_of(as_of)
    index = policy._index_of(claim)
    if index.__class__ is Absent or index < 0:  # type: ignore[operator]
        index, codes, verdict = _run(policy, claim, when)
        return build_decision(policy, claim, index, codes, verdict)
    version = policy.versions[index]  # type: ignore[index]
    codes = evaluate_slowly(version.rules, version.parameters, claim, when)
    verdict = VERDICTS.index(combine(OUTCOMES[c] for c in codes))  # the reference rule
    return build_decision(policy, claim, index, codes, verdict)  # type: ignore[arg-type]


class DecisionBatch:
    """The decisions on many claims, kept compact: per claim, every rule's outcome and the verdict.

    ``batch[i]`` builds claim *i*'s full :class:`Decision`. :meth:`counts` gives the per-rule
    pass / fail / unknown / not-applicable counts, :meth:`trace` one row per claim and rule.
    """

    __slots__ = ("_codes", "_facts", "_indexes", "_verdicts", "as_of", "policy")

    def __init__(
        self,
        policy: Policy,
        facts: list[object],
        indexes: list[int],
        codes: list[tuple[int, ...]],
        verdicts: list[int],
        as_of: Any,
    ) -> None:
        self.policy = policy
        self._facts = facts
        self._indexes = indexes
        self._codes = codes
        self._verdicts = verdicts
        self.as_of = as_of  # when the claims were decided (for their evidence deadlines)

    def __len__(self) -> int:
        return len(self._facts)

    def __repr__(self) -> str:
        counts = self.verdict_counts()
        tally = ", ".join(f"{v.value}={counts.get(v, 0)}" for v in Verdict)
        return f"DecisionBatch(policy={self.policy.id!r}, claims={len(self)}, {tally})"

    def _repr_html_(self) -> str:
        """The notebook display: verdict counts, outcomes per rule and the first claims."""
        return decision_batch_html(self)

    def _claim(self, i: object) -> int:
        """``i`` as a claim's position (negative counts from the end), or a safetycore error."""
        n = len(self._facts)
        if not -n <= whole_number(i, "i") < n:
            raise InvalidArgumentError(
                f"must be a claim's position, from 0 to {n - 1} (or from -{n})", field="i", value=i
            )
        return i % n  # type: ignore[operator]

    def __getitem__(self, i: int) -> Decision:
        i = self._claim(i)
        return build_decision(
            self.policy,
            self._facts[i],
            self._indexes[i],
            self._codes[i],
            self._verdicts[i],
        )

    def __iter__(self) -> Iterator[Decision]:
        return (self[i] for i in range(len(self)))

    @property
    def claims(self) -> tuple[object, ...]:
        """The facts of each claim, in input order (mappings turned into facts)."""
        return tuple(self._facts)

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """Each claim's verdict, in input order."""
        return tuple(VERDICTS[v] for v in self._verdicts)

    def version(self, i: int) -> str | None:
        """The name of the version that decided claim ``i``, or ``None``."""
        index = self._indexes[self._claim(i)]
        return None if index < 0 else self.policy.versions[index].version

    def outcomes(self, i: int) -> dict[str, Outcome]:
        """Claim ``i``'s outcome of every rule, by rule id."""
        i = self._claim(i)
        index = self._indexes[i]
        if index < 0:
            return {}
        rules = self.policy.versions[index].rules
        return {rule.id: OUTCOMES[c] for rule, c in zip(rules, self._codes[i], strict=True)}

    def verdict_counts(self) -> Counter[Verdict]:
        """How many claims got each verdict."""
        return Counter(VERDICTS[v] for v in self._verdicts)

    def counts(self) -> dict[str, Counter[Outcome]]:
        """For each rule id, how many claims passed, failed, were unknown or not applicable."""
        tallies: dict[tuple[int, tuple[int, ...]], int] = Counter(
            zip(self._indexes, self._codes, strict=True)
        )
        counts: dict[str, Counter[Outcome]] = {}
        for (index, codes), n in tallies.items():
            if index < 0:
                continue
            for rule, code in zip(self.policy.versions[index].rules, codes, strict=True):
                counts.setdefault(rule.id, Counter())[OUTCOMES[code]] += n
        return counts

    def trace(self) -> Iterator[tuple[int, str, str, Outcome]]:
        """One ``(claim index, version, rule id, outcome)`` row per claim and rule."""
        versions = self.policy.versions
        for i, (index, codes) in enumerate(zip(self._indexes, self._codes, strict=True)):
            if index < 0:
                continue
            version = versions[index]
            for rule, code in zip(version.rules, codes, strict=True):
                yield i, version.version, rule.id, OUTCOMES[code]


def decide_many(
    policy: Policy, claims: Iterable[object], *, as_of: object = None, **unknown: Never
) -> DecisionBatch:
    """Decide every claim (facts instances or mappings); same results as :func:`decide` each.

    Every rule is evaluated for every claim; the batch keeps each outcome, so nothing is
    lost, and builds full decisions lazily. A claim of the wrong type raises
    ``InputTypeError`` naming its index (``claims[7]``); so does a keyword other than ``as_of``.
    """
    no_unknown(unknown, "as_of")
    when = _as_of(as_of)
    claims = _claims(claims)
    _policy(policy)
    facts_list: list[object] = []
    indexes: list[int] = []
    codes_list: list[tuple[int, ...]] = []
    verdicts: list[int] = []
    kind = policy.facts
    version_index = policy._index_of
    runners = [policy.runner(i) for i in range(len(policy.versions))]
    for i, claim in enumerate(claims):
        if claim.__class__ is not kind:
            claim = _facts(policy, claim, f"claims[{i}]")
        index = version_index(claim)
        if index.__class__ is Absent or index < 0:  # type: ignore[operator]
            index, codes, verdict = _run(policy, claim, when)
        else:
            codes = runners[index](claim, when)  # type: ignore[index]
            verdict = verdict_code(codes)
        facts_list.append(claim)
        indexes.append(index)  # type: ignore[arg-type]
        codes_list.append(codes)
        verdicts.append(verdict)
    return DecisionBatch(policy, facts_list, indexes, codes_list, verdicts, when)


@attrs.frozen
class Change:
    """A claim whose verdict or amount differs between two policies.

    Attributes:
        index: the claim's position in the input.
        label: the claim's label (``compare``'s ``labels``), or ``"#<index>"`` without them.
        before: the verdict under the first policy.
        after: the verdict under the second.
        amount_before: the payable amount under the first, or ``None``.
        amount_after: the payable amount under the second, or ``None``.
        rules: ids of the rules whose outcome differs (or that exist under only one).
        why: one line saying what changed.
    """

    index: int
    label: str
    before: Verdict
    after: Verdict
    amount_before: Decimal | None
    amount_after: Decimal | None
    rules: tuple[str, ...]
    why: str


@attrs.frozen
class Comparison:
    """The result of :func:`compare`: the changes, and the verdict counts on each side."""

    changes: tuple[Change, ...]
    claims: int
    before: Mapping[Verdict, int]
    after: Mapping[Verdict, int]

    def _repr_html_(self) -> str:
        """The notebook display: verdict counts on both sides, then the first changes."""
        return comparison_html(self)

    def render(self) -> str:
        """A short text report: counts per verdict on both sides, then each change."""
        lines = [f"{len(self.changes)} of {self.claims} claims change."]
        for verdict in Verdict:
            b, a = self.before.get(verdict, 0), self.after.get(verdict, 0)
            lines.append(f"  {verdict.value:<15} {b:>6} -> {a:>6}")
        lines.extend(f"  {c.label}: {c.why}" for c in self.changes)
        return "\n".join(lines)


def compare(
    before: Policy,
    after: Policy,
    claims: Iterable[object],
    *,
    as_of: object = None,
    labels: Iterable[str] | None = None,
    **unknown: Never,
) -> Comparison:
    """Decide the same claims under two policies; list those whose verdict or amount changes.

    To compare two versions of one policy, pass ``policy.pinned("2025-01")`` and
    ``policy.pinned("2026-01")``. ``labels`` names the claims (their ids, one non-empty str
    per claim, none repeated), so that a change reads ``G-102: ineligible -> eligible``;
    without them a claim is named by its position, ``#1``. An amount a side does not pay
    reads ``no payout``. A keyword other than ``as_of`` and ``labels`` raises
    ``InputTypeError``.
    """
    no_unknown(unknown, "as_of, labels")
    _policy(before, "before")
    _policy(after, "after")
    claims = list(_claims(claims))
    names = _labels(labels, len(claims))
    left = decide_many(before, claims, as_of=as_of)
    right = decide_many(after, claims, as_of=as_of)
    changes = []
    needs_amount = any(v.payout is not None for v in (*before.versions, *after.versions))
    verdicts_b, verdicts_a = left.verdicts, right.verdicts  # once: each call builds a tuple
    for i in range(len(claims)):
        b_out, a_out = left.outcomes(i), right.outcomes(i)
        verdict_b, verdict_a = verdicts_b[i], verdicts_a[i]
        amount_b = amount_a = None
        if needs_amount:
            amount_b, amount_a = left[i].payable, right[i].payable
        if verdict_b is verdict_a and amount_b == amount_a:
            continue
        rules = tuple(
            sorted(r for r in b_out.keys() | a_out.keys() if b_out.get(r) is not a_out.get(r))
        )
        why = f"{verdict_b.value} -> {verdict_a.value}"
        if amount_b != amount_a:
            why += f"; amount {_amount(amount_b)} -> {_amount(amount_a)}"
        if rules:
            detail = ", ".join(f"{r} {_name(b_out.get(r))}->{_name(a_out.get(r))}" for r in rules)
            why += f" ({detail})"
        changes.append(Change(i, names[i], verdict_b, verdict_a, amount_b, amount_a, rules, why))
    return Comparison(tuple(changes), len(claims), left.verdict_counts(), right.verdict_counts())


def _labels(labels: object, count: int) -> tuple[str, ...]:
    """``compare``'s labels checked, or the claims' positions (``#0``, ``#1``...)."""
    if labels is None:
        return tuple(f"#{i}" for i in range(count))
    names = collection(labels, "labels", "text labels, one per claim")
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name:
            raise InputTypeError("must be non-empty text", field=f"labels[{i}]", value=name)
    if len(names) != count:
        raise InvalidArgumentError(
            f"must give one label per claim ({count} claims)", field="labels", value=len(names)
        )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidArgumentError("must not repeat a label", field="labels", value=name)
        seen.add(name)
    return names


def _amount(amount: Decimal | None) -> str:
    return "no payout" if amount is None else f"{amount:,}"


def _name(outcome: Outcome | None) -> str:
    return "absent" if outcome is None else outcome.value

"""Eligibility decisions against their invariants, on generated facts and predicates."""

from __future__ import annotations

import datetime as dt
import random

import attrs
from hypothesis import given
from hypothesis import strategies as st

from safetycore.eligibility import (
    MISSING,
    Decision,
    Policy,
    PolicyVersion,
    Rule,
    Verdict,
    decide,
    decide_many,
)
from safetycore.eligibility.engine import decide_slowly
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT, EnrolmentRequest
from safetycore.testing.eligibility import (
    facts_for,
    pet_guarantee_claims,
    predicates_for,
    refinements,
)

LATE = dt.date(2099, 1, 1)
claims = pet_guarantee_claims() | facts_for(PetGuaranteeClaim, not_applicable=True)
requests = facts_for(
    EnrolmentRequest,
    not_applicable=True,
    fixed={
        "event_date": st.dates(dt.date(2023, 12, 1), dt.date(2026, 12, 31)),
        "request_date": st.dates(dt.date(2023, 12, 1), dt.date(2027, 3, 31)),
    },
)
POLICIES = st.sampled_from(((PET_GUARANTEE, claims), (GROUP_HEALTH_ENROLMENT, requests)))


def _summary(decision: Decision) -> tuple[object, ...]:
    return (
        decision.verdict,
        decision.version,
        sorted((r.rule_id, r.outcome) for r in decision.results),
        sorted((q.kind.value, q.name, q.decisive, str(q.due)) for q in decision.requirements),
        decision.payable,
    )


class TestCompiledEqualsSlow:
    """The compiled function of a policy gives what walking its expressions gives."""

    @given(st.data(), st.sampled_from((None, dt.date(2026, 3, 1), LATE)))
    def test_example_policies(self, data: st.DataObject, as_of: dt.date | None) -> None:
        """Every rule outcome, verdict, requirement and amount agree on both example policies."""
        policy, strategy = data.draw(POLICIES)
        claim = data.draw(strategy)
        assert decide(policy, claim, as_of=as_of) == decide_slowly(policy, claim, as_of=as_of)

    @given(
        st.lists(predicates_for(PetGuaranteeClaim), min_size=1, max_size=4),
        st.lists(facts_for(PetGuaranteeClaim, not_applicable=True), min_size=1, max_size=5),
    )
    def test_random_predicates(self, predicates: list[object], facts: list[object]) -> None:
        """Random three-valued predicates compile to the same outcomes as the slow path."""
        rules = [Rule(f"r{i}", f"rule {i}", p) for i, p in enumerate(predicates)]  # type: ignore[arg-type]
        policy = Policy(
            id="random",
            title="Random",
            facts=PetGuaranteeClaim,
            decided_by="incident_date",
            versions=[PolicyVersion("1", dt.date.min, rules)],
        )
        for claim in facts:
            assert decide(policy, claim) == decide_slowly(policy, claim)


class TestMonotonicity:
    """More information never reverses a definite verdict."""

    @given(st.data())
    def test_refining_keeps_definite_verdicts(self, data: st.DataObject) -> None:
        """Providing missing facts keeps ELIGIBLE eligible and INELIGIBLE ineligible."""
        policy, strategy = data.draw(POLICIES)
        claim = data.draw(strategy)
        as_of = data.draw(st.sampled_from((None, dt.date(2026, 3, 1), LATE)))
        before = decide(policy, claim, as_of=as_of).verdict
        after = decide(policy, data.draw(refinements(claim)), as_of=as_of).verdict
        if before is Verdict.INELIGIBLE:
            assert after is Verdict.INELIGIBLE
        if before is Verdict.ELIGIBLE:
            assert after is Verdict.ELIGIBLE

    @given(pet_guarantee_claims(missing=False))
    def test_complete_facts_are_decided(self, claim: PetGuaranteeClaim) -> None:
        """With every fact provided and every deadline passed, the verdict is definite."""
        decision = decide(PET_GUARANTEE, claim, as_of=LATE)
        assert decision.verdict.is_definite
        assert not decision.requirements

    @given(claims)
    def test_needs_info_lists_decisive_requirements(self, claim: PetGuaranteeClaim) -> None:
        """NEEDS_INFO asks for something decisive; other verdicts ask for nothing decisive."""
        decision = decide(PET_GUARANTEE, claim)
        decisive = [q for q in decision.requirements if q.decisive]
        assert bool(decisive) == (decision.verdict is Verdict.NEEDS_INFO)
        for requirement in decisive:
            if requirement.kind.value == "fact":
                assert getattr(claim, requirement.name) is MISSING


class TestOrderIndependence:
    """The order of a version's rules changes nothing but the order of the trace."""

    @given(st.data(), st.randoms(use_true_random=False))
    def test_shuffled_rules(self, data: st.DataObject, rng: random.Random) -> None:
        """Shuffling the rules keeps the verdict, every outcome, the requirements and amount."""
        policy, strategy = data.draw(POLICIES)
        claim = data.draw(strategy)
        versions = []
        for version in policy.versions:
            rules = list(version.rules)
            rng.shuffle(rules)
            versions.append(attrs.evolve(version, rules=rules))
        shuffled = attrs.evolve(policy, versions=versions)
        assert _summary(decide(shuffled, claim)) == _summary(decide(policy, claim))


class TestBatch:
    """A batch decides each claim exactly as deciding it alone does."""

    @given(st.lists(claims, max_size=12), st.sampled_from((None, LATE)))
    def test_batch_equals_one_by_one(self, batch: list[PetGuaranteeClaim], as_of: object) -> None:
        """decide_many()[i] equals decide(claim i), and its counts add up."""
        decided = decide_many(PET_GUARANTEE, batch, as_of=as_of)
        assert list(decided) == [decide(PET_GUARANTEE, c, as_of=as_of) for c in batch]
        for counts in decided.counts().values():
            assert sum(counts.values()) <= len(batch)
        assert sum(decided.verdict_counts().values()) == len(batch)

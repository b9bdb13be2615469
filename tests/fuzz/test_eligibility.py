"""Fuzz safetycore.eligibility: facts, expressions, rules, tables, policies and the engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from safetycore.eligibility import (
    Anything,
    Change,
    Comparison,
    Decision,
    DecisionBatch,
    DecisionTable,
    Evidence,
    Exclusion,
    F,
    FactSpec,
    HitPolicy,
    Input,
    InvoiceLine,
    Length,
    OneOf,
    Param,
    Parameter,
    Payout,
    PayoutResult,
    PayoutStep,
    Policy,
    PolicyVersion,
    Predicate,
    Range,
    Requirement,
    Row,
    Rule,
    RuleResult,
    Value,
    all_of,
    any_of,
    business_days,
    business_hours,
    call,
    cell,
    combine,
    compare,
    days,
    decide,
    decide_many,
    documents,
    fact,
    fact_specs,
    facts,
    hours,
    not_,
    us_benefits,
)
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT, EnrolmentRequest
from safetycore.eligibility.verdicts import Outcome
from tests.fuzz import samples as s
from tests.fuzz.junk import Entry, function, fuzz_test, instants, like, many, method, spoiled

POLICIES = many(s.POLICIES)
PET = st.just(PET_GUARANTEE)
CLAIMS = many(s.CLAIMS)
PREDICATES = many((s.PREDICATE, s.EXCLUSION.excluded_if, all_of(s.PREDICATE, F.cause.is_in({"x"}))))
VALUES = many((F.incident_date, F.cause, F.documents, F.booking_ended_at))
LENGTHS = many((s.LENGTH, s.BUSINESS_LENGTH, s.HOURS_LENGTH))
COUNTS = st.integers(0, 400)
DATES = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
AS_OF = st.one_of(st.none(), DATES, instants())
POLICY_ID = st.just("demo")
PARAMETERS = st.just(s.PARAMETERS)


def _fact_of(name: str) -> Any:
    """``F.<name>``: the attribute access is the public entry point of ``F``.

    Only text can be an attribute name: Python's ``getattr`` refuses anything else with its
    own TypeError before any code of ours runs, so junk that is not text is no test of ours.
    """
    if not isinstance(name, str):
        return F
    return getattr(F, name)


ENTRIES: tuple[Entry, ...] = (
    function("eligibility.F", _fact_of, name=many(("incident_date", "cause"))),
    function("eligibility.Anything", Anything),
    method("eligibility.Anything.contains", (Anything(),), value=st.integers()),
    function("eligibility.OneOf", OneOf, values=st.just({"dog", "cat"})),
    method("eligibility.OneOf.contains", (s.CELLS[1],), value=st.text()),
    function(
        "eligibility.Range",
        Range,
        low=st.integers(0, 5),
        high=st.integers(6, 9),
        low_closed=st.booleans(),
        high_closed=st.booleans(),
    ),
    method(
        "eligibility.Range.contains",
        (s.CELLS[2], Range(dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
        value=st.one_of(st.integers(), DATES),
    ),
    function("eligibility.cell", cell, text=many(("-", '"dog"', "< 8", "[1..5]", "not(3)"))),
    function("eligibility.Input", Input, **like(s.INPUT)),
    function("eligibility.Row", Row, **like(s.ROW)),
    function(
        "eligibility.DecisionTable",
        DecisionTable,
        **{
            **{key: value for key, value in like(s.TABLE).items() if key != "default"},
            "hit_policy": many(HitPolicy),
            "output_order": st.one_of(
                st.none(),
                st.just((Decimal("45.00"), Decimal("30.00"), Decimal("20.00"))),
                st.just(tuple(row.then for row in s.TABLE.rows)),
            ),
        },
    ),
    method(
        "eligibility.DecisionTable.lookup",
        (s.TABLE,),
        **{"*values": st.tuples(many(("dog", "cat", "rabbit")), st.integers(0, 20))},
    ),
    method(
        "eligibility.DecisionTable.matches",
        (s.TABLE,),
        **{"*values": st.tuples(many(("dog", "cat", "rabbit")), st.integers(0, 20))},
    ),
    method("eligibility.DecisionTable.to_text", (s.TABLE,)),
    function("eligibility.Param", Param, **like(s.PARAM)),
    method("eligibility.Param.resolve", (s.PARAM,), parameters=PARAMETERS),
    function("eligibility.Parameter", Parameter, **like(s.PARAMETER)),
    function("eligibility.days", days, n=COUNTS),
    function("eligibility.hours", hours, n=COUNTS),
    function("eligibility.business_days", business_days, n=COUNTS, calendar=many(s.CALENDARS)),
    function("eligibility.business_hours", business_hours, n=COUNTS, calendar=many(s.CALENDARS)),
    function("eligibility.Length", Length, **like(s.BUSINESS_LENGTH)),
    method("eligibility.Length.resolved", (s.LENGTH, days(s.PARAM)), parameters=PARAMETERS),
    method("eligibility.Length.describe", (s.LENGTH, s.BUSINESS_LENGTH, s.HOURS_LENGTH)),
    method("eligibility.Length.after", (s.LENGTH, s.BUSINESS_LENGTH, s.HOURS_LENGTH), anchor=DATES),
    function("eligibility.all_of", all_of, **{"*parts": st.lists(PREDICATES, max_size=3)}),
    function("eligibility.any_of", any_of, **{"*parts": st.lists(PREDICATES, max_size=3)}),
    function("eligibility.not_", not_, part=PREDICATES),
    function(
        "eligibility.call",
        call,
        function=st.just(max),
        **{"*arguments": st.just((F.incident_date, F.incident_date))},
        label=st.just("latest"),
    ),
    function("eligibility.Predicate", Predicate),
    method("eligibility.Predicate.reads", PREDICATES),
    function("eligibility.Value", Value),
    method("eligibility.Value.reads", VALUES),
    method("eligibility.Value.equals", VALUES, other=st.text()),
    method("eligibility.Value.differs", VALUES, other=st.text()),
    method("eligibility.Value.is_in", VALUES, options=st.just({"injury"})),
    method("eligibility.Value.is_true", VALUES),
    method("eligibility.Value.is_false", VALUES),
    method("eligibility.Value.between", VALUES, low=DATES, high=DATES),
    method("eligibility.Value.plus", VALUES, length=LENGTHS),
    method("eligibility.Value.within", VALUES, length=LENGTHS, of=st.just(F.booking_ended_at)),
    method(
        "eligibility.Value.includes",
        VALUES,
        items=st.just({"vet_records"}),
        need=st.integers(1, 2),
    ),
    function("eligibility.Rule", Rule, **like(s.RULE)),
    method("eligibility.Rule.reads", (s.RULE,)),
    function("eligibility.Exclusion", Exclusion, **like(s.EXCLUSION)),
    method("eligibility.Exclusion.reads", (s.EXCLUSION,)),
    function("eligibility.Evidence", Evidence, **like(s.EVIDENCE)),
    method("eligibility.Evidence.reads", (s.EVIDENCE,)),
    method("eligibility.Evidence.describe", (s.EVIDENCE,)),
    function("eligibility.InvoiceLine", InvoiceLine, **like(s.LINE)),
    function(
        "eligibility.Payout",
        Payout,
        **{
            **like(s.PAYOUT),
            "pays_percent": st.decimals(0, 100, places=2),
            "benefit": st.just(s.TABLE),
        },
    ),
    method("eligibility.Payout.reads", (s.PAYOUT, s.FULL_PAYOUT)),
    method(
        "eligibility.Payout.compute",
        (s.PAYOUT, s.FULL_PAYOUT),
        lines=st.just((s.LINE,)),
        parameters=PARAMETERS,
        care_from=DATES,
        facts=st.fixed_dictionaries(
            {"species": many(("dog", "cat", "rabbit")), "age": st.integers(0, 20)}
        ),
    ),
    function("eligibility.PayoutResult", PayoutResult, **like(s.PAYOUT_RESULT)),
    method("eligibility.PayoutResult.render", (s.PAYOUT_RESULT,)),
    function("eligibility.PayoutStep", PayoutStep, **like(s.PAYOUT_RESULT.steps[0])),
    function(
        "eligibility.PolicyVersion",
        PolicyVersion,
        **like(s.PET_GUARANTEE.versions[-1]),
    ),
    method(
        "eligibility.PolicyVersion.rule", PET_GUARANTEE.versions, rule_id=st.just("not-illness")
    ),
    function(
        "eligibility.Policy",
        Policy,
        id=POLICY_ID,
        title=st.just("Demo"),
        facts=st.just(PetGuaranteeClaim),
        decided_by=st.just("incident_date"),
        versions=st.just(s.SMALL_POLICY.versions),
    ),
    method("eligibility.Policy.version_index", s.POLICIES, facts=CLAIMS),
    method("eligibility.Policy.version_for", s.POLICIES, facts=CLAIMS),
    method("eligibility.Policy.version_named", s.POLICIES, version=st.just("2026-01")),
    method("eligibility.Policy.pinned", s.POLICIES, version=st.just("2026-01")),
    method(
        "eligibility.Policy.to_dict",
        (PET_GUARANTEE, GROUP_HEALTH_ENROLMENT),
        registry=many((None, us_benefits.REGISTRY)),
    ),
    function(
        "eligibility.Policy.from_dict",
        Policy.from_dict,
        data=st.one_of(
            spoiled(PET_GUARANTEE.to_dict()),
            spoiled(GROUP_HEALTH_ENROLMENT.to_dict(registry=us_benefits.REGISTRY)),
        ),
        facts=many((None, PetGuaranteeClaim, EnrolmentRequest)),
        registry=many((None, us_benefits.REGISTRY)),
    ),
    function("eligibility.fact", fact, kind=st.just(dt.date), label=st.text(max_size=5)),
    function(
        "eligibility.documents",
        documents,
        label=st.just("documents"),
        kinds=st.just({"vet_records"}),
    ),
    function("eligibility.facts", facts, cls=st.just(type("Bare", (), {}))),
    function("eligibility.fact_specs", fact_specs, cls=st.just(PetGuaranteeClaim)),
    function("eligibility.FactSpec", FactSpec, **like(s.SPEC)),
    function("eligibility.combine", combine, outcomes=st.lists(many(Outcome))),
    function("eligibility.decide", decide, policy=POLICIES, facts=CLAIMS, as_of=AS_OF),
    function(
        "eligibility.decide_many",
        decide_many,
        policy=PET,
        claims=st.lists(CLAIMS, max_size=3),
        as_of=AS_OF,
    ),
    function(
        "eligibility.compare",
        compare,
        before=st.just(s.PINNED),
        after=PET,
        claims=st.lists(CLAIMS, max_size=3),
        as_of=AS_OF,
    ),
    function("eligibility.Decision", Decision, **like(s.DECISION)),
    method("eligibility.Decision.outcome", (s.DECISION,), rule_id=st.just("not-illness")),
    method("eligibility.Decision.render", (s.DECISION, decide(PET_GUARANTEE, s.CLAIM))),
    method("eligibility.Decision.to_dict", (s.DECISION,)),
    function(
        "eligibility.DecisionBatch",
        DecisionBatch,
        policy=PET,
        facts=st.just(list(s.CLAIMS)),
        as_of=st.none(),
    ),
    method("eligibility.DecisionBatch.version", (s.BATCH,), i=st.integers(0, 2)),
    method("eligibility.DecisionBatch.outcomes", (s.BATCH,), i=st.integers(0, 2)),
    method("eligibility.DecisionBatch.verdict_counts", (s.BATCH,)),
    method("eligibility.DecisionBatch.counts", (s.BATCH,)),
    method("eligibility.DecisionBatch.trace", (s.BATCH,)),
    function("eligibility.Comparison", Comparison, **like(s.COMPARISON)),
    method("eligibility.Comparison.render", (s.COMPARISON,)),
    function(
        "eligibility.Change",
        Change,
        index=st.integers(0, 3),
        amount_before=st.just(Decimal("1.00")),
        amount_after=st.none(),
        rules=st.just(("not-illness",)),
        why=st.just("not-illness"),
    ),
    function("eligibility.Requirement", Requirement, **like(s.ELIGIBILITY_REQUIREMENT)),
    method("eligibility.Requirement.describe", (s.ELIGIBILITY_REQUIREMENT,)),
    function("eligibility.RuleResult", RuleResult, **like(s.RULE_RESULT)),
)

EXEMPT: dict[str, str] = {
    "eligibility.MISSING": "an Absent constant, nothing to call; fuzzed as a fact value",
    "eligibility.NOT_APPLICABLE": "an Absent constant, nothing to call; fuzzed as a fact value",
    "eligibility.Absent": "an enum class; its members are fuzzed as fact values",
    "eligibility.HitPolicy": "an enum class; its members are fuzzed as junk",
    "eligibility.Outcome": "an enum class; its members are fuzzed as junk",
    "eligibility.RequirementKind": "an enum class; its members are fuzzed as junk",
    "eligibility.Unit": "an enum class; its members are fuzzed as junk",
    "eligibility.Verdict": "an enum class; its members are fuzzed as junk",
    "eligibility.Cell": "a type alias (text of a decision-table cell), nothing to call",
    "eligibility.Predicate.evaluate": "the slow path's hook; takes the engine's private Env",
    "eligibility.Predicate.emit": "the compiler's hook; takes the engine's private Emitter",
    "eligibility.Value.evaluate": "the slow path's hook; takes the engine's private Env",
    "eligibility.Value.emit": "the compiler's hook; takes the engine's private Emitter",
    "eligibility.Value.emit_key": "the compiler's hook; takes the engine's private Emitter",
    "eligibility.Policy.runner": "the engine's hook: a compiled runner by version index",
    "eligibility.Policy.described": "the engine's hook: compiled rule texts by version index",
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

"""Deciding claims: one at a time, in batches, and under two policies side by side."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    Change,
    DecisionBatch,
    DecisionTable,
    Evidence,
    Exclusion,
    F,
    Input,
    InvoiceLine,
    Outcome,
    Payout,
    Policy,
    PolicyVersion,
    Requirement,
    RequirementKind,
    Row,
    Rule,
    Verdict,
    compare,
    days,
    decide,
    decide_many,
    documents,
    fact,
    facts,
)
from safetycore.eligibility._compile import is_past
from safetycore.eligibility.engine import decide_slowly
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
)

NY = ZoneInfo("America/New_York")
DAY = dt.date(2026, 3, 2)
START = dt.date(2026, 1, 1)
PASS, FAIL, UNKNOWN, NA = (
    Outcome.PASS,
    Outcome.FAIL,
    Outcome.UNKNOWN,
    Outcome.NOT_APPLICABLE,
)


@facts
class Claim:
    """Facts for engine tests: a dating fact, flags, a number, documents and an invoice."""

    day: dt.date = fact(dt.date, label="day of the claim")
    flag: bool = fact(bool, label="whether the flag is set")
    other: bool = fact(bool)
    x: int = fact(int, minimum=0)
    docs: frozenset[str] = documents(kinds={"invoice", "receipt", "records"})
    invoice: tuple[InvoiceLine, ...] = fact(tuple, of=InvoiceLine)


@facts
class OtherClaim:
    """A second facts class, to feed a policy the wrong one."""

    day: dt.date = fact(dt.date)


def make_policy(*rules: Any, payout: Payout | None = None) -> Policy:
    """A one-version policy over ``Claim`` from 2026-01-01 with the given rules."""
    return Policy(
        id="test",
        title="Test policy",
        facts=Claim,
        decided_by="day",
        versions=[PolicyVersion("1", START, rules, payout=payout)],
    )


FLAG = Rule("flag", "The flag is set", F.flag.is_true())
SMALL = Rule("small", "x below 10", F.x < 10)
BASIC = make_policy(FLAG, SMALL)


class TestDecideInput:
    def test_mapping_gives_the_same_decision(self) -> None:
        """A mapping of fields is decided exactly like the facts instance it describes."""
        mapping = {"day": DAY, "flag": True, "x": 3}
        assert decide(BASIC, mapping) == decide(BASIC, Claim(**mapping))

    def test_mapping_with_an_unknown_field(self) -> None:
        """A mapping with a field the class lacks raises InputTypeError naming that field."""
        with pytest.raises(InputTypeError) as caught:
            decide(BASIC, {"day": DAY, "colour": "red"})
        assert caught.value.field == "colour"
        assert caught.value.value == "red"

    def test_mapping_with_an_invalid_value_names_the_fact(self) -> None:
        """A mapping with a wrong-typed value raises the fact's own InputTypeError."""
        with pytest.raises(InputTypeError) as caught:
            decide(BASIC, {"day": DAY, "x": True})
        assert caught.value.field == "x"
        assert caught.value.value is True

    def test_mapping_with_an_out_of_range_value(self) -> None:
        """A mapping with a value below its minimum raises InvalidArgumentError naming it."""
        with pytest.raises(InvalidArgumentError) as caught:
            decide(BASIC, {"day": DAY, "x": -1})
        assert caught.value.field == "x"

    def test_wrong_facts_class(self) -> None:
        """Facts of another class raise InputTypeError naming ``facts`` and the class wanted."""
        other = OtherClaim(day=DAY)
        with pytest.raises(InputTypeError) as caught:
            decide(BASIC, other)
        assert caught.value.field == "facts"
        assert caught.value.value is other
        assert "Claim" in str(caught.value)

    def test_naive_as_of(self) -> None:
        """A naive ``as_of`` raises NaiveDatetimeError naming ``as_of``."""
        with pytest.raises(NaiveDatetimeError) as caught:
            decide(BASIC, Claim(day=DAY), as_of=dt.datetime(2026, 3, 2, 9))
        assert caught.value.field == "as_of"

    def test_as_of_of_the_wrong_type(self) -> None:
        """An ``as_of`` that is neither a date nor a datetime raises InputTypeError."""
        with pytest.raises(InputTypeError):
            decide(BASIC, Claim(day=DAY), as_of=20260302)

    def test_as_of_date_and_aware_datetime_are_accepted(self) -> None:
        """A date and an aware datetime are both valid ``as_of`` values."""
        claim = Claim(day=DAY, flag=True, x=1)
        by_date = decide(BASIC, claim, as_of=DAY)
        by_instant = decide(BASIC, claim, as_of=dt.datetime(2026, 3, 2, 9, tzinfo=NY))
        assert by_date.verdict is by_instant.verdict is Verdict.ELIGIBLE


class TestDecideVerdict:
    @pytest.mark.parametrize(
        ("flag", "x", "verdict"),
        [
            (True, 3, Verdict.ELIGIBLE),
            (False, 3, Verdict.INELIGIBLE),
            (True, 10, Verdict.INELIGIBLE),
            (MISSING, 3, Verdict.NEEDS_INFO),
            (MISSING, 10, Verdict.INELIGIBLE),
            (NOT_APPLICABLE, 3, Verdict.ELIGIBLE),
            (NOT_APPLICABLE, NOT_APPLICABLE, Verdict.NOT_APPLICABLE),
        ],
    )
    def test_combines_every_rule(self, flag: object, x: object, verdict: Verdict) -> None:
        """A failure beats unknown, unknown beats pass, and no applicable rule is NOT_APPLICABLE."""
        assert decide(BASIC, Claim(day=DAY, flag=flag, x=x)).verdict is verdict

    def test_every_rule_not_applicable(self) -> None:
        """A policy whose rules all come out NOT_APPLICABLE gives Verdict.NOT_APPLICABLE."""
        policy = make_policy(
            Rule("a", "A", F.x > 0, applies_if=F.flag.is_true()),
            Rule("b", "B", F.x < 5, applies_if=F.other.is_true()),
        )
        decision = decide(policy, Claim(day=DAY, flag=False, other=NOT_APPLICABLE, x=3))
        assert [r.outcome for r in decision.results] == [NA, NA]
        assert decision.verdict is Verdict.NOT_APPLICABLE
        assert decision.requirements == ()

    def test_missing_date(self) -> None:
        """A missing dating fact is NEEDS_INFO and the date is the one requirement."""
        decision = decide(BASIC, Claim(flag=True, x=1))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert decision.version is None
        assert decision.requirements == (
            Requirement(RequirementKind.FACT, "day", "day of the claim"),
        )

    def test_date_before_the_first_version(self) -> None:
        """A claim dated before the first version is NOT_APPLICABLE with no rule results."""
        decision = decide(BASIC, Claim(day=dt.date(2025, 12, 31), flag=True, x=1))
        assert decision.verdict is Verdict.NOT_APPLICABLE
        assert (decision.version, decision.results) == (None, ())
        assert "2025-12-31" in decision.note

    def test_results_record_inputs_and_message(self) -> None:
        """A failed rule's result lists the facts it read and its failure text."""
        decision = decide(BASIC, Claim(day=DAY, flag=False, x=3))
        flag = decision.results[0]
        assert (flag.rule_id, flag.kind, flag.outcome) == ("flag", "rule", FAIL)
        assert flag.inputs == (("flag", False),)
        assert flag.message == "Not met: The flag is set"
        assert decision.reasons == (flag,)

    def test_exclusion_fails_when_its_condition_holds(self) -> None:
        """An exclusion FAILS when ``excluded_if`` is true and PASSES when it is false."""
        policy = make_policy(Exclusion("no-flag", "Flagged claims", F.flag.is_true()))
        excluded = decide(policy, Claim(day=DAY, flag=True))
        assert excluded.outcome("no-flag") is FAIL
        assert excluded.reasons[0].message == "Excluded: Flagged claims"
        assert excluded.reasons[0].expression == "excluded if flag"
        assert decide(policy, Claim(day=DAY, flag=False)).outcome("no-flag") is PASS


class TestAppliesIf:
    RULE = Rule("r", "x positive", F.x > 0, applies_if=F.flag.is_true())
    POLICY = make_policy(RULE)

    @pytest.mark.parametrize(
        ("flag", "x", "outcome"),
        [
            (True, 1, PASS),
            (True, 0, FAIL),
            (True, MISSING, UNKNOWN),
            (False, 0, NA),
            (False, MISSING, NA),
            (NOT_APPLICABLE, 0, NA),
            (MISSING, 1, PASS),
            (MISSING, 0, UNKNOWN),
            (MISSING, MISSING, UNKNOWN),
            (MISSING, NOT_APPLICABLE, UNKNOWN),
        ],
    )
    def test_semantics(self, flag: object, x: object, outcome: Outcome) -> None:
        """False/n.a. applies_if -> NOT_APPLICABLE; unknown -> PASS only if the test passes."""
        claim = Claim(day=DAY, flag=flag, x=x)
        assert decide(self.POLICY, claim).outcome("r") is outcome
        assert decide_slowly(self.POLICY, claim).outcome("r") is outcome

    def test_unknown_applicability_asks_for_the_fact(self) -> None:
        """A rule unknown because of ``applies_if`` asks for the missing fact it reads."""
        decision = decide(self.POLICY, Claim(day=DAY, x=0))
        assert decision.verdict is Verdict.NEEDS_INFO
        assert [q.name for q in decision.requirements] == ["flag"]


class TestEvidence:
    PROOF = Evidence("proof", "Proof of purchase", ("invoice", "receipt"), documents="docs")
    DUE = Evidence(
        "records",
        "Vet records",
        ("records",),
        due=F.day.plus(days(30)),
        documents="docs",
    )

    @pytest.mark.parametrize(
        ("docs", "outcome"),
        [({"receipt"}, PASS), (set(), UNKNOWN), ({"records"}, UNKNOWN), (MISSING, UNKNOWN)],
    )
    def test_without_deadline_never_fails(self, docs: object, outcome: Outcome) -> None:
        """Evidence without ``due`` passes with one accepted kind and is otherwise unknown."""
        policy = make_policy(self.PROOF)
        claim = Claim(day=DAY, docs=docs)
        assert decide(policy, claim, as_of=dt.date(2030, 1, 1)).outcome("proof") is outcome

    @pytest.mark.parametrize(
        ("as_of", "outcome"),
        [
            (None, UNKNOWN),
            (dt.date(2026, 4, 1), UNKNOWN),
            (dt.date(2026, 4, 2), FAIL),
            (dt.datetime(2026, 4, 1, 23, 59, tzinfo=NY), UNKNOWN),
            (dt.datetime(2026, 4, 2, 0, 1, tzinfo=NY), FAIL),
        ],
    )
    def test_fails_only_after_the_deadline(self, as_of: object, outcome: Outcome) -> None:
        """Due 30 days after 2026-03-02 (2026-04-01, inclusive): missing records fail from 04-02."""
        policy = make_policy(self.DUE)
        claim = Claim(day=DAY, docs=set())
        assert decide(policy, claim, as_of=as_of).outcome("records") is outcome
        assert decide_slowly(policy, claim, as_of=as_of).outcome("records") is outcome

    def test_document_requirement(self) -> None:
        """An unknown evidence rule asks for its documents with the kinds and the deadline."""
        policy = make_policy(self.DUE)
        decision = decide(policy, Claim(day=DAY, docs=set()))
        assert decision.requirements == (
            Requirement(
                RequirementKind.DOCUMENT,
                "records",
                "Vet records",
                ("records",),
                1,
                dt.date(2026, 4, 1),
                True,
                ("records",),
            ),
        )

    def test_evidence_with_unknown_applicability_passes_on_documents(self) -> None:
        """Evidence that may not apply still PASSES when the documents are there."""
        rule = Evidence(
            "proof", "Proof", ("receipt",), documents="docs", applies_if=F.flag.is_true()
        )
        decision = decide(make_policy(rule), Claim(day=DAY, docs={"receipt"}))
        assert decision.outcome("proof") is PASS


class TestRequirements:
    def test_a_fact_two_rules_need_is_asked_once(self) -> None:
        """A missing fact read by two unknown rules is one requirement listing both rule ids."""
        policy = make_policy(
            Rule("low", "x above 0", F.x > 0),
            FLAG,
            Rule("high", "x below 10", F.x < 10),
        )
        decision = decide(policy, Claim(day=DAY))
        assert [(q.name, q.rules) for q in decision.requirements] == [
            ("x", ("low", "high")),
            ("flag", ("flag",)),
        ]
        assert decision.requirements[0].label == "x"
        assert decision.requirements[1].label == "whether the flag is set"

    def test_ineligible_lists_no_requirements(self) -> None:
        """An ineligible claim lists nothing, even with facts still missing."""
        decision = decide(BASIC, Claim(day=DAY, flag=False))
        assert decision.verdict is Verdict.INELIGIBLE
        assert decision.requirements == ()

    def test_ordering(self) -> None:
        """Decisive before non-decisive; among decisive ones, by deadline, undated ones last."""
        late = Evidence(
            "late", "Late proof", ("receipt",), due=F.day.plus(days(60)), documents="docs"
        )
        early = Evidence(
            "early", "Early proof", ("records",), due=F.day.plus(days(10)), documents="docs"
        )
        payout = Payout(owner_share=Decimal("0"))
        policy = make_policy(FLAG, late, early, payout=payout)
        decision = decide(policy, Claim(day=DAY, docs=set()))
        assert decision.verdict is Verdict.NEEDS_INFO
        summary = [(q.name, q.due, q.decisive, q.rules) for q in decision.requirements]
        assert summary == [
            ("early", dt.date(2026, 3, 12), True, ("early",)),
            ("late", dt.date(2026, 5, 1), True, ("late",)),
            ("flag", None, True, ("flag",)),
            ("invoice", None, False, ("payout",)),
        ]

    def test_eligible_claim_asks_for_the_invoice(self) -> None:
        """An eligible claim with no invoice asks for it, not decisive, and has no amount."""
        policy = make_policy(FLAG, payout=Payout(owner_share=Decimal("0")))
        decision = decide(policy, Claim(day=DAY, flag=True))
        assert decision.verdict is Verdict.ELIGIBLE
        assert decision.payable is None
        assert [(q.name, q.decisive) for q in decision.requirements] == [("invoice", False)]

    def test_eligible_claim_is_paid(self) -> None:
        """An eligible claim with an invoice of 120.00 and a share of 20 is paid 100.00."""
        policy = make_policy(FLAG, payout=Payout(owner_share=Decimal("20")))
        invoice = (InvoiceLine("exam", Decimal("45.00")), InvoiceLine("x-ray", Decimal("75.00")))
        decision = decide(policy, Claim(day=DAY, flag=True, invoice=invoice))
        assert decision.payable == Decimal("100.00")
        assert decision.requirements == ()


SIZE_BENEFIT = DecisionTable(
    "size benefit",
    (Input("x"),),
    (Row("< 5", Decimal("100.00")), Row(">= 5", Decimal("400.00"))),
)


class TestPayoutWiring:
    """The engine hands a payout's fixed-benefit table the facts it reads."""

    def test_fixed_benefit_from_the_facts(self) -> None:
        """A 120.00 invoice pays the table's 400.00 when x is 7, and 100.00 when x is 2."""
        policy = make_policy(FLAG, payout=Payout(Decimal(0), benefit=SIZE_BENEFIT))
        invoice = (InvoiceLine("exam", Decimal("120.00")),)
        paid = [decide(policy, Claim(day=DAY, flag=True, x=x, invoice=invoice)) for x in (7, 2)]
        assert [d.payable for d in paid] == [Decimal("400.00"), Decimal("100.00")]
        assert paid[0].payout is not None
        assert paid[0].payout.steps[-1].label == "Fixed benefit from size benefit for x=7"

    def test_missing_benefit_fact_is_asked_for(self) -> None:
        """Without x the amount cannot be known: no payout, and x asked for (not decisive)."""
        policy = make_policy(FLAG, payout=Payout(Decimal(0), benefit=SIZE_BENEFIT))
        invoice = (InvoiceLine("exam", Decimal("120.00")),)
        decision = decide(policy, Claim(day=DAY, flag=True, invoice=invoice))
        assert decision.verdict is Verdict.ELIGIBLE
        assert decision.payable is None
        assert [(q.name, q.decisive, q.rules) for q in decision.requirements] == [
            ("x", False, ("payout",))
        ]

    def test_not_applicable_benefit_fact_pays_nothing_known(self) -> None:
        """With x not applicable no amount is computed and nothing is asked for."""
        policy = make_policy(FLAG, payout=Payout(Decimal(0), benefit=SIZE_BENEFIT))
        invoice = (InvoiceLine("exam", Decimal("120.00")),)
        decision = decide(policy, Claim(day=DAY, flag=True, x=NOT_APPLICABLE, invoice=invoice))
        assert (decision.payable, decision.requirements) == (None, ())

    def test_slow_path_agrees(self) -> None:
        """``decide_slowly`` computes the same fixed benefit."""
        policy = make_policy(FLAG, payout=Payout(Decimal(0), benefit=SIZE_BENEFIT))
        claim = Claim(day=DAY, flag=True, x=9, invoice=(InvoiceLine("exam", Decimal("1.00")),))
        assert decide_slowly(policy, claim) == decide(policy, claim)

    def test_benefit_input_must_be_a_fact(self) -> None:
        """A benefit table reading a fact the policy lacks is refused when the policy is built."""
        table = DecisionTable("t", (Input("size"),), (Row("-", Decimal(1)),))
        with pytest.raises(ConfigurationError, match="size"):
            make_policy(FLAG, payout=Payout(Decimal(0), benefit=table))


CLAIMS = [
    Claim(day=DAY, flag=True, x=5),  # flag pass, small pass -> eligible
    Claim(day=DAY, flag=False, x=20),  # fail, fail -> ineligible
    Claim(day=DAY, x=20),  # unknown, fail -> ineligible
    Claim(day=DAY, flag=True),  # pass, unknown -> needs info
]


class TestDecisionBatch:
    def batch(self) -> DecisionBatch:
        """The four hand-checked claims decided under the basic policy."""
        return decide_many(BASIC, CLAIMS)

    def test_len_and_iteration(self) -> None:
        """A batch has one decision per claim, equal to deciding each claim alone."""
        batch = self.batch()
        assert len(batch) == 4
        assert list(batch) == [decide(BASIC, claim) for claim in CLAIMS]
        assert batch[3] == decide(BASIC, CLAIMS[3])

    def test_verdicts(self) -> None:
        """The verdicts are eligible, ineligible, ineligible, needs info, in input order."""
        assert self.batch().verdicts == (
            Verdict.ELIGIBLE,
            Verdict.INELIGIBLE,
            Verdict.INELIGIBLE,
            Verdict.NEEDS_INFO,
        )

    def test_verdict_counts(self) -> None:
        """Two ineligible, one eligible, one needing information."""
        assert self.batch().verdict_counts() == Counter(
            {Verdict.INELIGIBLE: 2, Verdict.ELIGIBLE: 1, Verdict.NEEDS_INFO: 1}
        )

    def test_version_and_outcomes(self) -> None:
        """Each claim records the version that decided it and every rule's outcome."""
        batch = self.batch()
        assert batch.version(2) == "1"
        assert batch.outcomes(2) == {"flag": UNKNOWN, "small": FAIL}
        assert batch.outcomes(3) == {"flag": PASS, "small": UNKNOWN}

    def test_counts(self) -> None:
        """Per rule: flag passes 2, fails 1, unknown 1; small passes 1, fails 2, unknown 1."""
        assert self.batch().counts() == {
            "flag": Counter({PASS: 2, FAIL: 1, UNKNOWN: 1}),
            "small": Counter({PASS: 1, FAIL: 2, UNKNOWN: 1}),
        }

    def test_trace(self) -> None:
        """The trace has one (claim, version, rule, outcome) row per claim and rule."""
        assert list(self.batch().trace()) == [
            (0, "1", "flag", PASS),
            (0, "1", "small", PASS),
            (1, "1", "flag", FAIL),
            (1, "1", "small", FAIL),
            (2, "1", "flag", UNKNOWN),
            (2, "1", "small", FAIL),
            (3, "1", "flag", PASS),
            (3, "1", "small", UNKNOWN),
        ]

    def test_claim_without_a_version(self) -> None:
        """A claim dated before the policy has no version, no outcomes, and no counts or trace."""
        batch = decide_many(BASIC, [Claim(day=dt.date(2025, 1, 1), flag=True, x=1)])
        assert batch.verdicts == (Verdict.NOT_APPLICABLE,)
        assert batch.version(0) is None
        assert batch.outcomes(0) == {}
        assert batch.counts() == {}
        assert list(batch.trace()) == []

    def test_mappings_are_accepted(self) -> None:
        """Claims given as mappings are decided like facts instances."""
        batch = decide_many(BASIC, [{"day": DAY, "flag": True, "x": 5}])
        assert batch.verdicts == (Verdict.ELIGIBLE,)

    def test_wrong_claim_names_its_index(self) -> None:
        """A claim of the wrong type raises InputTypeError naming ``claims[i]``."""
        with pytest.raises(InputTypeError) as caught:
            decide_many(BASIC, [CLAIMS[0], "claim"])
        assert caught.value.field == "claims[1]"

    def test_naive_as_of(self) -> None:
        """A naive ``as_of`` raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            decide_many(BASIC, CLAIMS, as_of=dt.datetime(2026, 3, 2))


BOOKING_END = dt.datetime(2026, 3, 5, 18, tzinfo=NY)


def pet_claim(hours_after_end: int, **changes: Any) -> PetGuaranteeClaim:
    """A pet claim meeting every rule except perhaps the reporting window; invoice 1,200.00."""
    values: dict[str, Any] = {
        "incident_date": dt.date(2026, 3, 3),
        "booked_on_platform": True,
        "paid_on_platform": True,
        "service": "boarding",
        "service_start": dt.date(2026, 3, 1),
        "service_end": dt.date(2026, 3, 5),
        "booking_ended_at": BOOKING_END,
        # Elapsed hours, added in UTC: the clocks go forward in New York on 2026-03-08.
        "reported_at": (BOOKING_END.astimezone(dt.UTC) + dt.timedelta(hours=hours_after_end)),
        "own_pet": True,
        "cause": "injury",
        "pre_existing": False,
        "first_vet_visit": dt.date(2026, 3, 4),
        "documents": {"itemised_vet_invoice", "vet_records"},
        "invoice": (InvoiceLine("surgery", Decimal("1200.00")),),
    }
    values.update(changes)
    return PetGuaranteeClaim(**values)


class TestCompare:
    OLD = PET_GUARANTEE.pinned("2025-07")  # 48-hour reporting window
    NEW = PET_GUARANTEE.pinned("2026-01")  # 72-hour reporting window
    CLAIMS: ClassVar[list[PetGuaranteeClaim]] = [
        pet_claim(24),  # in time under both: eligible, 950.00 both
        pet_claim(60),  # late under 48 h, in time under 72 h
        pet_claim(80),  # late under both
        pet_claim(60, cause="illness"),  # excluded under both
    ]

    def test_changed_claim(self) -> None:
        """A claim reported 60 h after the booking ended goes from ineligible to eligible."""
        comparison = compare(self.OLD, self.NEW, self.CLAIMS)
        assert comparison.changes == (
            Change(
                index=1,
                label="#1",
                before=Verdict.INELIGIBLE,
                after=Verdict.ELIGIBLE,
                amount_before=None,
                amount_after=Decimal("950.00"),
                rules=("reported-in-time",),
                why=comparison.changes[0].why,
            ),
        )
        why = comparison.changes[0].why
        assert why.startswith("ineligible -> eligible")
        assert "reported-in-time fail->pass" in why
        assert "950.00" in why

    def test_unchanged_claims_are_not_listed(self) -> None:
        """Claims with the same verdict and amount on both sides are left out."""
        comparison = compare(self.OLD, self.NEW, self.CLAIMS)
        assert [c.index for c in comparison.changes] == [1]
        assert comparison.claims == 4

    def test_verdict_counts(self) -> None:
        """Before: 1 eligible, 3 ineligible; after: 2 and 2."""
        comparison = compare(self.OLD, self.NEW, self.CLAIMS)
        assert dict(comparison.before) == {Verdict.ELIGIBLE: 1, Verdict.INELIGIBLE: 3}
        assert dict(comparison.after) == {Verdict.ELIGIBLE: 2, Verdict.INELIGIBLE: 2}

    def test_render_mentions_the_counts(self) -> None:
        """The report gives the number of changes and each verdict's counts on both sides."""
        text = compare(self.OLD, self.NEW, self.CLAIMS).render()
        lines = text.splitlines()
        assert lines[0] == "1 of 4 claims change."
        assert lines[1].split() == ["eligible", "1", "->", "2"]
        assert lines[2].split() == ["ineligible", "3", "->", "2"]
        assert lines[3].split() == ["needs_info", "0", "->", "0"]
        assert lines[4].split() == ["not_applicable", "0", "->", "0"]
        assert lines[5].startswith("  #1: ineligible -> eligible")

    def test_render_names_claims_by_their_labels(self) -> None:
        """Given labels, each change is named by its claim's label, not its position."""
        labels = ["G-101", "G-102", "G-103", "G-104"]
        comparison = compare(self.OLD, self.NEW, self.CLAIMS, labels=labels)
        assert [c.label for c in comparison.changes] == ["G-102"]
        assert comparison.changes[0].index == 1
        assert comparison.render().splitlines()[5].startswith("  G-102: ineligible -> eligible")

    def test_render_without_labels_says_positions_are_positions(self) -> None:
        """Without labels a claim is named by its position, marked as one (#1 of 0..3)."""
        comparison = compare(self.OLD, self.NEW, self.CLAIMS)
        assert comparison.changes[0].label == "#1"
        assert comparison.render().splitlines()[5].startswith("  #1: ineligible -> eligible")

    def test_no_python_none_in_the_report(self) -> None:
        """A side that pays nothing reads "no payout", never Python's None; amounts as money."""
        comparison = compare(self.OLD, self.NEW, self.CLAIMS)
        assert "None" not in comparison.render()
        assert "amount no payout -> 950.00" in comparison.changes[0].why

    def test_labels_are_checked(self) -> None:
        """Labels must be text, one per claim, no two alike; else the error names labels."""
        with pytest.raises(InvalidArgumentError, match="labels"):
            compare(self.OLD, self.NEW, self.CLAIMS, labels=["a", "b"])
        with pytest.raises(InvalidArgumentError, match="labels"):
            compare(self.OLD, self.NEW, self.CLAIMS, labels=["a", "a", "b", "c"])
        with pytest.raises(InputTypeError, match="labels"):
            compare(self.OLD, self.NEW, self.CLAIMS, labels="abcd")

    def test_same_policy_changes_nothing(self) -> None:
        """Comparing a policy with itself lists no changes."""
        comparison = compare(self.NEW, self.NEW, self.CLAIMS)
        assert comparison.changes == ()
        assert comparison.render().startswith("0 of 4 claims change.")

    def test_the_boundary_of_each_window(self) -> None:
        """48 h exactly is in time under the old version; 49 h is not; 72 h is in under the new."""
        old = [decide(self.OLD, pet_claim(h)).outcome("reported-in-time") for h in (48, 49)]
        new = [decide(self.NEW, pet_claim(h)).outcome("reported-in-time") for h in (72, 73)]
        assert old == [PASS, FAIL]
        assert new == [PASS, FAIL]

    def test_window_is_elapsed_time_across_dst(self) -> None:
        """72 h after Thu 18:00 EST is Sun 19:00 EDT (wall clock 73 h later): in time; 19:01 not."""
        in_time = pet_claim(0, reported_at=dt.datetime(2026, 3, 8, 19, tzinfo=NY))
        late = pet_claim(0, reported_at=dt.datetime(2026, 3, 8, 19, 1, tzinfo=NY))
        assert decide(self.NEW, in_time).outcome("reported-in-time") is PASS
        assert decide(self.NEW, late).outcome("reported-in-time") is FAIL


@facts
class Timed:
    """Two deadline anchors in different zones, and documents."""

    day: dt.date = fact(dt.date)
    sent_ny: dt.datetime = fact(dt.datetime)
    sent_tokyo: dt.datetime = fact(dt.datetime)
    docs: frozenset[str] = documents(kinds={"a", "b"})


class TestReviewFindings:
    """Behaviours pinned after review: requirements, what-if amounts, batch errors."""

    def test_deadlines_sort_by_instant_across_zones(self) -> None:
        """20:00 New York (01:00 UTC next day) sorts after 01:00 Tokyo (16:00 UTC before)."""
        from safetycore.eligibility import hours

        policy = Policy(
            id="t",
            title="T",
            facts=Timed,
            decided_by="day",
            versions=[
                PolicyVersion(
                    "1",
                    START,
                    [
                        Evidence("a", "A", ("a",), documents="docs", due=F.sent_ny.plus(hours(0))),
                        Evidence(
                            "b", "B", ("b",), documents="docs", due=F.sent_tokyo.plus(hours(0))
                        ),
                    ],
                )
            ],
        )
        claim = Timed(
            day=DAY,
            sent_ny=dt.datetime(2026, 3, 1, 20, tzinfo=NY),
            sent_tokyo=dt.datetime(2026, 3, 2, 1, tzinfo=ZoneInfo("Asia/Tokyo")),
            docs=frozenset(),
        )
        assert [q.name for q in decide(policy, claim).requirements] == ["b", "a"]

    def test_compare_sees_amounts_when_only_a_later_version_pays(self) -> None:
        """An amount change is listed even when the first version has no payout."""
        rule = Rule("flag", "Flag", F.flag.is_true())

        def paying(share: str) -> Policy:
            return Policy(
                id="p",
                title="P",
                facts=Claim,
                decided_by="day",
                versions=[
                    PolicyVersion("0", dt.date(2025, 1, 1), [rule]),
                    PolicyVersion("1", START, [rule], payout=Payout(owner_share=Decimal(share))),
                ],
            )

        claim = Claim(day=DAY, flag=True, invoice=(InvoiceLine("x", Decimal("1000")),))
        report = compare(paying("100"), paying("500"), [claim])
        assert [(c.amount_before, c.amount_after) for c in report.changes] == [
            (Decimal("900"), Decimal("500"))
        ]

    def test_batch_mapping_error_names_the_claim(self) -> None:
        """A bad value in the third mapping names claims[2] and the fact."""
        claims: list[object] = [Claim(day=DAY), {"day": DAY}, {"day": DAY, "x": -1}]
        with pytest.raises(InvalidArgumentError) as caught:
            decide_many(BASIC, claims)
        assert caught.value.field == "claims[2].x"


class TestNotebookViews:
    """Batches and comparisons show themselves usefully in a notebook."""

    def test_batch_repr_counts_verdicts(self) -> None:
        """The repr names the policy, the number of claims and each verdict's count."""
        batch = decide_many(BASIC, [Claim(day=DAY, flag=True, x=1), Claim(day=DAY)])
        assert repr(batch).startswith("DecisionBatch(policy='test', claims=2,")
        assert "needs_info=1" in repr(batch)

    def test_comparison_html_counts_verdicts(self) -> None:
        """The HTML view holds the verdict counts of both sides (tests/test_html.py has more)."""
        report = compare(BASIC, BASIC, [Claim(day=DAY)])
        assert "->" in report.render()
        assert "0 of 1 claims change" in report._repr_html_()


class TestDeadlinePassed:
    """When an evidence deadline counts as passed (``_compile.is_past``), for each mix of kinds."""

    TOKYO = ZoneInfo("Asia/Tokyo")

    def test_two_instants_compare_as_instants(self) -> None:
        """09:00 Tokyo (00:00 UTC) is not after 19:30 New York the day before (00:30 UTC)."""
        due = dt.datetime(2026, 3, 1, 19, 30, tzinfo=NY)
        assert not is_past(dt.datetime(2026, 3, 2, 9, 0, tzinfo=self.TOKYO), due)
        assert is_past(dt.datetime(2026, 3, 2, 9, 31, tzinfo=self.TOKYO), due)

    def test_dates_exactly_on_the_deadline_are_not_past(self) -> None:
        """A date as_of on the due date is in time; the day after is past."""
        assert not is_past(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
        assert is_past(dt.date(2026, 3, 2), dt.date(2026, 3, 1))

    def test_date_against_instant_compares_by_date(self) -> None:
        """A date as_of meets an instant deadline by the deadline's own local date, both ways."""
        due = dt.datetime(2026, 3, 1, 23, 0, tzinfo=NY)  # 2026-03-02 04:00 UTC
        assert not is_past(dt.date(2026, 3, 1), due)
        assert is_past(dt.date(2026, 3, 2), due)
        late_evening = dt.datetime(2026, 3, 1, 23, 59, tzinfo=NY)
        assert not is_past(late_evening, dt.date(2026, 3, 1))

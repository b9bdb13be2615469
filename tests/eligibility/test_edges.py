"""Trust at the edges (issue 9): bad input to eligibility raises a named safetycore error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import strategies as st

from safetycore.eligibility import (
    F,
    OneOf,
    Outcome,
    Param,
    Payout,
    Policy,
    PolicyVersion,
    Range,
    Requirement,
    RequirementKind,
    Rule,
    call,
    combine,
    compare,
    days,
    decide,
    decide_many,
    documents,
    fact,
    facts,
    hours,
)
from safetycore.eligibility.expressions import Compare, Const, Fact, Includes
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.rules import Evidence
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
    SafetycoreError,
)
from safetycore.testing import (
    fact_values,
    facts_for,
    pet_guarantee_claims,
    predicates_for,
    refinements,
)

DAY = dt.date(2026, 3, 1)


@facts
class Order:
    """Facts for the edge tests: a dating fact, a choice, two numbers, documents."""

    day: dt.date = fact(dt.date)
    channel: str = fact(str, choices={"web", "phone"})
    a: int = fact(int)
    b: int = fact(int)
    docs: frozenset[str] = documents(kinds={"receipt", "photo"})


def policy_of(*rules: Rule) -> Policy:
    """A one-version policy of ``rules`` over ``Order``."""
    return Policy("o", "Orders", Order, "day", [PolicyVersion("1", DAY, rules)])


class TestNoPythonTruth:
    """``and`` / ``or`` / ``not`` / ``if`` on expressions raise instead of dropping a side."""

    def test_and_is_refused(self) -> None:
        """``F.a > 1 and F.b < 2`` raises InputTypeError naming the predicate."""
        with pytest.raises(InputTypeError, match="&") as caught:
            _ = F.a > 1 and F.b < 2
        assert (caught.value.field, caught.value.value) == ("predicate", "a > 1")

    def test_or_and_not_are_refused(self) -> None:
        """``or`` and ``not`` on a predicate raise InputTypeError too."""
        with pytest.raises(InputTypeError):
            _ = F.a > 1 or F.b < 2
        with pytest.raises(InputTypeError):
            _ = not F.a.equals(1)

    def test_chained_comparison_is_refused(self) -> None:
        """``1 < F.a < 5`` (an implicit ``and``) raises instead of keeping one comparison."""
        with pytest.raises(InputTypeError):
            1 < F.a < 5  # noqa: B015

    def test_value_has_no_truth(self) -> None:
        """``if F.a:`` raises InputTypeError naming the value."""
        with pytest.raises(InputTypeError) as caught:
            bool(F.a)
        assert (caught.value.field, caught.value.value) == ("value", "a")

    def test_operators_still_work(self) -> None:
        """``&``, ``|`` and ``~`` still build predicates and policies still compile."""
        policy = policy_of(Rule("r", "r", (F.a > 1) & ~(F.b < 2) | F.a.equals(9)))
        assert decide(policy, Order(day=DAY, a=2, b=3)).verdict.value == "eligible"


class TestNoBareStr:
    """A bare str where a collection belongs is refused, never read as its letters."""

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda: F.channel.is_in("web"), "options"),
            (lambda: F.docs.includes("receipt"), "items"),
            (lambda: Evidence("e", "E", "receipt", documents="docs"), "accepted"),
            (lambda: documents(kinds="receipt"), "kinds"),
            (lambda: fact(str, choices="web"), "choices"),
        ],
        ids=["is_in", "includes", "evidence", "documents", "choices"],
    )
    def test_refused(self, build: Any, field: str) -> None:
        """Each raises InputTypeError naming the field and the str."""
        with pytest.raises(InputTypeError) as caught:
            build()
        assert caught.value.field == field
        assert isinstance(caught.value.value, str)


class TestNoSmuggledSource:
    """No field pasted into the compiled source can carry text of its own."""

    def test_operator(self) -> None:
        """An operator outside the six comparisons raises ConfigurationError naming ``op``."""
        smuggled = "< 0 or __import__('os').system('true') or 1 <"
        with pytest.raises(ConfigurationError) as caught:
            Compare(smuggled, F.a, Const(1))
        assert (caught.value.field, caught.value.value) == ("op", smuggled)

    @pytest.mark.parametrize("need", ["1 or True", 1.0, True, 0, 3])
    def test_need(self, need: object) -> None:
        """A need that is not a whole number from 1 to the kinds listed is refused."""
        with pytest.raises(SafetycoreError) as caught:
            Includes(F.docs, frozenset({"receipt", "photo"}), need)  # type: ignore[arg-type]
        assert caught.value.field == "need"

    @pytest.mark.parametrize("name", ["a; import os", "a\n", "a.b", "_hidden", "class", "ﬁle", 3])
    def test_fact_name(self, name: object) -> None:
        """A fact name that is not a plain identifier raises InputTypeError naming ``name``."""
        with pytest.raises(InputTypeError) as caught:
            Fact(name)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == ("name", name)

    def test_fact_name_through_f(self) -> None:
        """``getattr(F, "x y")`` is refused the same way; ``F._x`` is no attribute."""
        with pytest.raises(InputTypeError):
            getattr(F, "x y")
        with pytest.raises(AttributeError):
            F._private  # noqa: B018

    def test_documents_name(self) -> None:
        """An Evidence ``documents`` name that is not an identifier is refused when built."""
        with pytest.raises(InputTypeError) as caught:
            Evidence("e", "E", ("receipt",), documents="docs or 1")
        assert caught.value.field == "documents"

    def test_rule_id_with_a_newline(self) -> None:
        """A rule id with a trailing newline is refused (the pattern matches the whole id)."""
        with pytest.raises(ConfigurationError):
            Rule("r\n", "r", F.a > 1)


class TestVersionNames:
    """Unknown or mistyped version names raise safetycore errors listing the versions."""

    def test_unknown_version(self) -> None:
        """``pinned("2024-01")`` raises InvalidArgumentError naming ``version`` and listing them."""
        with pytest.raises(InvalidArgumentError, match="2025-07, 2026-01") as caught:
            PET_GUARANTEE.pinned("2024-01")
        assert (caught.value.field, caught.value.value) == ("version", "2024-01")

    def test_wrong_type(self) -> None:
        """``pinned(2024)`` raises InputTypeError naming ``version``."""
        with pytest.raises(InputTypeError) as caught:
            PET_GUARANTEE.version_named(2024)  # type: ignore[arg-type]
        assert caught.value.field == "version"


class TestOutOfRange:
    """Instants and deadlines past the ends of time raise OutOfRangeError, not OverflowError."""

    def test_instant_without_a_utc_time(self) -> None:
        """A year-1 instant east of UTC has no UTC time: the facts refuse it."""
        east = dt.timezone(dt.timedelta(hours=5))
        with pytest.raises(OutOfRangeError) as caught:
            PetGuaranteeClaim(reported_at=dt.datetime(1, 1, 1, tzinfo=east))
        assert caught.value.field == "reported_at"

    def test_deadline_past_9999(self) -> None:
        """A deadline after 9999-12-31 raises OutOfRangeError naming its anchor fact."""
        claim = PetGuaranteeClaim(incident_date=dt.date(9999, 12, 30), documents=frozenset())
        with pytest.raises(OutOfRangeError) as caught:
            decide(PET_GUARANTEE, claim, as_of=dt.date(9999, 12, 31))
        assert caught.value.field == "incident_date"

    def test_hours_deadline_past_9999(self) -> None:
        """An hours deadline (compiled inline) past the end raises OutOfRangeError too."""
        end = dt.datetime(9999, 12, 31, 20, tzinfo=dt.UTC)
        claim = PetGuaranteeClaim(incident_date=DAY, booking_ended_at=end, reported_at=end)
        with pytest.raises(OutOfRangeError) as caught:
            decide(PET_GUARANTEE, claim)
        assert caught.value.field == "booking_ended_at"

    def test_length_too_long(self) -> None:
        """A window longer than years 1 to 9999 is refused when built."""
        with pytest.raises(InvalidArgumentError) as caught:
            days(10**20)
        assert caught.value.field == "amount"


JUNK: list[object] = [
    None,
    True,
    10**30,
    float("nan"),
    float("inf"),
    "ü\u0000",
    dt.datetime(1, 1, 1),
    dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
    [[None]],
    {"a": [1]},
    Decimal("NaN"),
]


class TestJunk:
    """Junk handed to the public constructors and functions raises only SafetycoreErrors."""

    @pytest.mark.parametrize("junk", JUNK, ids=repr)
    @pytest.mark.parametrize(
        "call",
        [
            lambda j: fact(j),
            lambda j: fact(str, choices=j),
            lambda j: fact(int, minimum=j),
            lambda j: fact(str, label=j),
            lambda j: documents(kinds=j),
            lambda j: facts(j),
            lambda j: Rule(j, "r", F.a > 1),
            lambda j: Rule("r", j, F.a > 1),
            lambda j: Rule("r", "r", j),
            lambda j: Evidence("e", "E", j),
            lambda j: Evidence("e", "E", ("receipt",), need=j),
            lambda j: PolicyVersion(j, DAY, []),
            lambda j: PolicyVersion("1", j, []),
            lambda j: PolicyVersion("1", DAY, j),
            lambda j: PolicyVersion("1", DAY, [], parameters=j),
            lambda j: PolicyVersion("1", DAY, [], payout=j),
            lambda j: Policy(j, "t", Order, "day", [PolicyVersion("1", DAY, [])]),
            lambda j: Policy("o", "t", j, "day", [PolicyVersion("1", DAY, [])]),
            lambda j: Policy("o", "t", Order, j, [PolicyVersion("1", DAY, [])]),
            lambda j: Policy("o", "t", Order, "day", j),
            lambda j: decide(j, Order()),
            lambda j: decide(PET_GUARANTEE, j),
            lambda j: decide(PET_GUARANTEE, PetGuaranteeClaim(), as_of=j),
            lambda j: decide_many(PET_GUARANTEE, j),
            lambda j: decide_many(PET_GUARANTEE, [j]),
            lambda j: PET_GUARANTEE.version_index(j),
            lambda j: PET_GUARANTEE.pinned(j),
            lambda j: PET_GUARANTEE.versions[0].rule(j),
            lambda j: decide_many(PET_GUARANTEE, [PetGuaranteeClaim()])[j],  # type: ignore[index]
            lambda j: Param("x").resolve(j),
            lambda j: F.a.is_in([j]),
            lambda j: F.a.between(j, 5),
            lambda j: F.a.plus(j),
            lambda j: F.a.includes([j]),
            lambda j: days(j),
        ],
    )
    def test_only_safetycore_errors(self, call: Any, junk: object) -> None:
        """Either the call succeeds or it raises a SafetycoreError that names a field."""
        try:
            call(junk)
        except SafetycoreError as error:
            field = error.field
        else:
            field = "(succeeded)"
        assert field


@facts
class Timed:
    """Facts for deadline-order tests: a day, an instant and the documents received."""

    day: dt.date = fact(dt.date)
    at: dt.datetime = fact(dt.datetime)
    docs: frozenset[str] = documents(kinds={"receipt", "photo"})


def _timed_policy() -> Policy:
    rules = [
        Evidence("by-day", "A receipt", ("receipt",), due=F.day.plus(days(0)), documents="docs"),
        Evidence("by-instant", "A photo", ("photo",), due=F.at.plus(hours(0)), documents="docs"),
    ]
    return Policy("t", "Timed", Timed, "day", [PolicyVersion("1", DAY, rules)])


class TestNeverMatches:
    """A constant no value of a fact with declared choices can equal is refused when built."""

    @pytest.mark.parametrize(
        "predicate",
        [
            F.channel.equals("webb"),
            F.channel.differs("webb"),
            F.channel.is_in({"web", "webb"}),
            F.docs.includes({"receipt", "recipt"}),
        ],
        ids=["equals", "differs", "is_in", "includes"],
    )
    def test_refused(self, predicate: Any) -> None:
        """The policy raises ConfigurationError naming the rule, the value and the choices."""
        with pytest.raises(ConfigurationError, match=r"webb|recipt") as caught:
            policy_of(Rule("r", "r", predicate))
        assert "rules[0] (r)" in caught.value.field
        assert "phone, web" in caught.value.reason or "photo, receipt" in caught.value.reason

    def test_declared_choices_pass(self) -> None:
        """Constants among the declared choices build and decide as before."""
        policy = policy_of(Rule("r", "r", F.channel.is_in({"web"}) & F.docs.includes({"photo"})))
        claim = Order(day=DAY, channel="web", docs={"photo"})
        assert decide(policy, claim).verdict.value == "eligible"

    def test_in_applies_if_too(self) -> None:
        """An ``applies_if`` is checked the same way."""
        with pytest.raises(ConfigurationError):
            policy_of(Rule("r", "r", F.a > 1, applies_if=F.channel.equals("fax")))


class TestUnknownKeywords:
    """An unknown keyword to decide, decide_many or compare is a SafetycoreError naming it."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda: decide(PET_GUARANTEE, PetGuaranteeClaim(), keep=1),
            lambda: decide_many(PET_GUARANTEE, [], asof=None),
            lambda: compare(PET_GUARANTEE, PET_GUARANTEE, [], as_at=None),
        ],
        ids=["decide", "decide_many", "compare"],
    )
    def test_refused(self, call: Any) -> None:
        """InputTypeError (a TypeError, as Python raises) names the keyword and the known ones."""
        with pytest.raises(InputTypeError, match="as_of") as caught:
            call()
        assert caught.value.field in ("keep", "asof", "as_at")


class TestDeadlineOrder:
    """Requirements sort by when ``as_of`` first judges their deadline past."""

    def test_instant_on_an_earlier_local_day_comes_first(self) -> None:
        """An instant late on day D-1 in its zone (day D in UTC) precedes a date deadline D."""
        east = dt.timezone(dt.timedelta(hours=-5))
        at = dt.datetime(2026, 3, 10, 23, tzinfo=east)  # 2026-03-11 04:00 UTC
        claim = Timed(day=dt.date(2026, 3, 11), at=at, docs=frozenset())
        names = [q.name for q in decide(_timed_policy(), claim).requirements]
        assert names == ["by-instant", "by-day"]
        # ...and that is the order as_of judges them past in:
        decision = decide(_timed_policy(), claim, as_of=dt.date(2026, 3, 11))
        assert [r.outcome.value for r in decision.results] == ["unknown", "fail"]

    def test_instant_on_the_same_day_comes_first(self) -> None:
        """An instant during day D precedes a date deadline D (which lasts all of D)."""
        at = dt.datetime(2026, 3, 11, 10, tzinfo=dt.UTC)
        claim = Timed(day=dt.date(2026, 3, 11), at=at, docs=frozenset())
        names = [q.name for q in decide(_timed_policy(), claim).requirements]
        assert names == ["by-instant", "by-day"]

    def test_date_on_an_earlier_day_comes_first(self) -> None:
        """A date deadline D precedes an instant on day D+1 in its own zone."""
        at = dt.datetime(2026, 3, 12, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
        claim = Timed(day=dt.date(2026, 3, 11), at=at, docs=frozenset())
        names = [q.name for q in decide(_timed_policy(), claim).requirements]
        assert names == ["by-day", "by-instant"]


class TestFuzzFindings:
    """The fuzz suite's findings, each pinned: junk raises a SafetycoreError naming it."""

    def test_one_of_without_a_utc_time(self) -> None:
        """A year-1 instant east of UTC in a decision-table cell raises OutOfRangeError."""
        east = dt.timezone(dt.timedelta(hours=23, minutes=59))
        with pytest.raises(OutOfRangeError) as caught:
            OneOf([dt.datetime(1, 1, 1, tzinfo=east)])
        assert caught.value.field == "values"

    @pytest.mark.parametrize("bounds", [(0, Decimal("NaN")), (None, Decimal("sNaN"))])
    def test_range_with_nan(self, bounds: tuple[object, object]) -> None:
        """A NaN bound (which compares with nothing) raises InvalidArgumentError."""
        with pytest.raises(InvalidArgumentError) as caught:
            Range(*bounds)
        assert caught.value.field == "high"

    def test_range_contains_nan(self) -> None:
        """Asking whether NaN lies in a range raises InvalidArgumentError naming ``value``."""
        with pytest.raises(InvalidArgumentError) as caught:
            Range(0, 5).contains(Decimal("NaN"))
        assert caught.value.field == "value"

    def test_call_of_a_non_function(self) -> None:
        """``call(None)`` raises InputTypeError naming ``function``."""
        with pytest.raises(InputTypeError) as caught:
            call(None)  # type: ignore[arg-type]
        assert caught.value.field == "function"

    def test_call_label_not_implemented(self) -> None:
        """``label=NotImplemented`` raises InputTypeError (no truth test, no warning)."""
        with pytest.raises(InputTypeError) as caught:
            call(max, F.a, label=NotImplemented)  # type: ignore[arg-type]
        assert caught.value.field == "label"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"excluded": None}, "excluded"),
            ({"excluded": "grooming"}, "excluded"),
            ({"limits": []}, "limits"),
            ({"limits": {3: Decimal(1)}}, "limits"),
            ({"care_within": "30 days", "care_from": "day"}, "care_within"),
            ({"care_within": days(3), "care_from": 3}, "care_from"),
            ({"lines": None}, "lines"),
            ({"citation": None}, "citation"),
        ],
    )
    def test_payout_fields(self, changes: dict[str, object], field: str) -> None:
        """Each Payout field of the wrong kind raises InputTypeError naming it."""
        with pytest.raises(InputTypeError) as caught:
            Payout(Decimal(0), **changes)  # type: ignore[arg-type]
        assert caught.value.field.startswith(field)

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ((None, {}, None), "lines"),
            (("invoice", {}, None), "lines"),
            (((), [], None), "parameters"),
            (((), {}, True), "care_from"),
            (((), {}, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)), "care_from"),
        ],
    )
    def test_payout_compute(self, arguments: tuple[object, ...], field: str) -> None:
        """Payout.compute refuses lines, parameters and a care_from of the wrong kind."""
        payout = Payout(Decimal(0), care_within=days(3), care_from="day")
        with pytest.raises(InputTypeError) as caught:
            payout.compute(*arguments)  # type: ignore[arg-type]
        assert caught.value.field == field

    @pytest.mark.parametrize("outcomes", [None, [None], "pass", [Outcome.PASS, "fail"]])
    def test_combine(self, outcomes: object) -> None:
        """``combine`` of anything but a collection of Outcome raises InputTypeError."""
        with pytest.raises(InputTypeError) as caught:
            combine(outcomes)  # type: ignore[arg-type]
        assert caught.value.field.startswith("outcomes")

    def test_decision_outcome(self) -> None:
        """Decision.outcome refuses a non-str and names the rule ids for an unknown one."""
        decision = decide(PET_GUARANTEE, PetGuaranteeClaim(incident_date=DAY))
        with pytest.raises(InputTypeError) as caught:
            decision.outcome([])  # type: ignore[arg-type]
        assert caught.value.field == "rule_id"
        with pytest.raises(InvalidArgumentError, match="on-platform") as missing:
            decision.outcome("nope")
        assert (missing.value.field, missing.value.value) == ("rule_id", "nope")

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"kind": "fact"}, "kind"),
            ({"name": None}, "name"),
            ({"accepted": "receipt"}, "accepted"),
            ({"rules": "r"}, "rules"),
            ({"need": True}, "need"),
            ({"due": "2026-03-01"}, "due"),
            ({"decisive": 1}, "decisive"),
        ],
    )
    def test_requirement_fields(self, changes: dict[str, object], field: str) -> None:
        """A Requirement built by hand is checked like every other value (a bare str refused)."""
        values: dict[str, Any] = {"kind": RequirementKind.FACT, "name": "a", "label": "a"}
        with pytest.raises(InputTypeError) as caught:
            Requirement(**{**values, **changes})
        assert caught.value.field == field


class TestStrategies:
    """The eligibility strategies of safetycore.testing refuse junk when called."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda: fact_values([]),  # type: ignore[arg-type]
            lambda: facts_for(object),
            lambda: facts_for(PetGuaranteeClaim, missing=1),  # type: ignore[arg-type]
            lambda: facts_for(PetGuaranteeClaim, not_applicable=None),  # type: ignore[arg-type]
            lambda: facts_for(PetGuaranteeClaim, fixed=True),  # type: ignore[arg-type]
            lambda: facts_for(PetGuaranteeClaim, fixed={"nope": st.just(1)}),
            lambda: facts_for(PetGuaranteeClaim, fixed={"cause": "injury"}),  # type: ignore[dict-item]
            lambda: predicates_for(3),  # type: ignore[arg-type]
            lambda: predicates_for(PetGuaranteeClaim, max_leaves=0),
            lambda: predicates_for(PetGuaranteeClaim, max_leaves=True),
            lambda: refinements(3),
            lambda: pet_guarantee_claims(missing=None),  # type: ignore[arg-type]
        ],
    )
    def test_refused_when_called(self, call: Any) -> None:
        """Each raises a SafetycoreError when called, before anything is drawn."""
        with pytest.raises(SafetycoreError) as caught:
            call()
        assert caught.value.field

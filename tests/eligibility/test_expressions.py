"""Three-valued expressions: Kleene logic, absent operands, the predicate methods, rendering.

Every truth table is written out by hand (T true, F false, M missing, N not applicable) and
checked twice: through the slow evaluator (``Predicate.evaluate``) and through a policy
compiled from a single rule (``decide``), whose outcome maps back to a truth value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    F,
    Outcome,
    Param,
    Parameter,
    Policy,
    PolicyVersion,
    Predicate,
    Rule,
    all_of,
    any_of,
    call,
    days,
    decide,
    documents,
    fact,
    facts,
    not_,
)
from safetycore.eligibility.expressions import All, AnyOf, Env, Not
from safetycore.errors import ConfigurationError, InputTypeError

T, Fa, M, N = True, False, MISSING, NOT_APPLICABLE
VALUES = (T, Fa, M, N)
DAY = dt.date(2026, 3, 1)


@facts
class Tiny:
    """Facts for expression tests: a dating fact, two flags, numbers, text, dates, documents."""

    day: dt.date = fact(dt.date)
    p: bool = fact(bool)
    q: bool = fact(bool)
    x: int = fact(int)
    y: int = fact(int)
    amount: Decimal = fact(Decimal)
    kind: str = fact(str)
    start: dt.date = fact(dt.date)
    end: dt.date = fact(dt.date)
    docs: frozenset[str] = documents()


TRUTH_OF = {
    Outcome.PASS: T,
    Outcome.FAIL: Fa,
    Outcome.UNKNOWN: M,
    Outcome.NOT_APPLICABLE: N,
}

PARAMETERS = {"limit": Parameter(10, "Terms s. 1")}


def slow(predicate: Predicate, **values: Any) -> object:
    """The predicate's truth through the slow evaluator."""
    return predicate.evaluate(Env(Tiny(**values), PARAMETERS))


def compiled(predicate: Predicate, **values: Any) -> object:
    """The predicate's truth through a policy compiled from one rule holding it."""
    policy = Policy(
        id="tiny",
        title="Tiny",
        facts=Tiny,
        decided_by="day",
        versions=[PolicyVersion("1", DAY, [Rule("r", "r", predicate)], parameters=PARAMETERS)],
    )
    return TRUTH_OF[decide(policy, Tiny(day=DAY, **values)).outcome("r")]


def both(predicate: Predicate, **values: Any) -> tuple[object, object]:
    """The truth through both paths, for one assertion that they agree with the expectation."""
    return slow(predicate, **values), compiled(predicate, **values)


AND_TABLE = {
    (T, T): T,
    (T, Fa): Fa,
    (T, M): M,
    (T, N): T,
    (Fa, T): Fa,
    (Fa, Fa): Fa,
    (Fa, M): Fa,
    (Fa, N): Fa,
    (M, T): M,
    (M, Fa): Fa,
    (M, M): M,
    (M, N): M,
    (N, T): T,
    (N, Fa): Fa,
    (N, M): M,
    (N, N): N,
}

OR_TABLE = {
    (T, T): T,
    (T, Fa): T,
    (T, M): T,
    (T, N): T,
    (Fa, T): T,
    (Fa, Fa): Fa,
    (Fa, M): M,
    (Fa, N): Fa,
    (M, T): T,
    (M, Fa): M,
    (M, M): M,
    (M, N): M,
    (N, T): T,
    (N, Fa): Fa,
    (N, M): M,
    (N, N): N,
}

NOT_TABLE = {T: Fa, Fa: T, M: M, N: N}


def _ids(pair: tuple[object, object]) -> str:
    return "-".join(str(v) for v in pair)


class TestKleeneAnd:
    @pytest.mark.parametrize(("pair", "expected"), AND_TABLE.items(), ids=map(_ids, AND_TABLE))
    def test_truth_table(self, pair: tuple[object, object], expected: object) -> None:
        """``p & q`` follows Kleene's conjunction with not-applicable as the neutral element."""
        p, q = pair
        assert both(F.p.is_true() & F.q.is_true(), p=p, q=q) == (expected, expected)

    def test_table_is_complete(self) -> None:
        """The hand-written table covers all 16 pairs of the four truth values."""
        assert set(AND_TABLE) == {(a, b) for a in VALUES for b in VALUES}


class TestKleeneOr:
    @pytest.mark.parametrize(("pair", "expected"), OR_TABLE.items(), ids=map(_ids, OR_TABLE))
    def test_truth_table(self, pair: tuple[object, object], expected: object) -> None:
        """``p | q`` follows Kleene's disjunction with not-applicable as the neutral element."""
        p, q = pair
        assert both(F.p.is_true() | F.q.is_true(), p=p, q=q) == (expected, expected)

    def test_table_is_complete(self) -> None:
        """The hand-written table covers all 16 pairs of the four truth values."""
        assert set(OR_TABLE) == {(a, b) for a in VALUES for b in VALUES}


class TestKleeneNot:
    @pytest.mark.parametrize(("value", "expected"), NOT_TABLE.items(), ids=map(str, NOT_TABLE))
    def test_truth_table(self, value: object, expected: object) -> None:
        """``~p`` swaps true and false and keeps missing and not-applicable."""
        assert both(~F.p.is_true(), p=value) == (expected, expected)

    @pytest.mark.parametrize(("value", "expected"), NOT_TABLE.items(), ids=map(str, NOT_TABLE))
    def test_not_function_and_is_false_agree(self, value: object, expected: object) -> None:
        """``not_(p)`` and ``F.p.is_false()`` mean the same as ``~p``."""
        assert both(not_(F.p.is_true()), p=value) == (expected, expected)
        assert both(F.p.is_false(), p=value) == (expected, expected)


class TestAllOfAnyOf:
    def test_all_of_three(self) -> None:
        """``all_of`` of true, not-applicable and missing parts is missing."""
        predicate = all_of(F.p.is_true(), F.q.is_true(), F.x > 0)
        assert both(predicate, p=True, q=N, x=M) == (M, M)

    def test_any_of_three(self) -> None:
        """``any_of`` of false, missing and true parts is true."""
        predicate = any_of(F.p.is_true(), F.q.is_true(), F.x > 0)
        assert both(predicate, p=False, q=M, x=1) == (T, T)

    def test_nested_all_is_flattened(self) -> None:
        """``(a & b) & c`` and ``all_of(a & b, c & d)`` hold their parts in one flat tuple."""
        a, b, c, d = F.p.is_true(), F.q.is_true(), F.x > 0, F.y > 0
        nested = (a & b) & c
        assert isinstance(nested, All)
        assert nested.parts == (a, b, c)
        assert all_of(a & b, c & d).parts == (a, b, c, d)  # type: ignore[attr-defined]

    def test_nested_any_is_flattened(self) -> None:
        """``a | (b | c)`` holds its three parts in one flat tuple."""
        a, b, c = F.p.is_true(), F.q.is_true(), F.x > 0
        nested = a | (b | c)
        assert isinstance(nested, AnyOf)
        assert nested.parts == (a, b, c)

    def test_mixed_nesting_is_kept(self) -> None:
        """An any inside an all is one part of the all, not flattened into it."""
        a, b, c = F.p.is_true(), F.q.is_true(), F.x > 0
        mixed = a & (b | c)
        assert isinstance(mixed, All)
        assert mixed.parts == (a, AnyOf((b, c)))

    def test_refuses_a_non_predicate(self) -> None:
        """A part that is not a predicate raises InputTypeError naming ``parts``."""
        with pytest.raises(InputTypeError) as caught:
            all_of(F.p.is_true(), True)  # type: ignore[arg-type]
        assert caught.value.field == "parts"
        assert caught.value.value is True


class TestCompare:
    @pytest.mark.parametrize(
        ("predicate", "x", "y", "expected"),
        [
            (F.x < F.y, 1, 2, T),
            (F.x < F.y, 2, 2, Fa),
            (F.x <= F.y, 2, 2, T),
            (F.x > F.y, 3, 2, T),
            (F.x > F.y, 2, 2, Fa),
            (F.x >= F.y, 2, 2, T),
            (F.x >= F.y, 1, 2, Fa),
        ],
    )
    def test_operators(self, predicate: Predicate, x: int, y: int, expected: bool) -> None:
        """Each comparison operator compares two provided facts as Python does."""
        assert both(predicate, x=x, y=y) == (expected, expected)

    @pytest.mark.parametrize(
        ("x", "y", "expected"),
        [(M, 1, M), (1, M, M), (M, M, M), (N, 1, N), (1, N, N), (M, N, N), (N, M, N)],
    )
    def test_absent_operand(self, x: object, y: object, expected: object) -> None:
        """A missing operand makes a comparison unknown; a not-applicable one wins over missing."""
        assert both(F.x < F.y, x=x, y=y) == (expected, expected)

    def test_constant_operand(self) -> None:
        """A constant on the right is compared with the fact."""
        assert both(F.amount > Decimal("0"), amount=Decimal("0.01")) == (T, T)
        assert both(F.amount > Decimal("0"), amount=Decimal("0")) == (Fa, Fa)

    def test_missing_against_constant(self) -> None:
        """A missing fact compared with a constant is unknown."""
        assert both(F.amount > Decimal("0")) == (M, M)

    def test_param_operand(self) -> None:
        """A Param operand reads the version's parameter (limit 10)."""
        assert both(F.x <= Param("limit"), x=10) == (T, T)
        assert both(F.x <= Param("limit"), x=11) == (Fa, Fa)

    def test_float_constant_is_refused(self) -> None:
        """Comparing with a float raises InputTypeError naming ``operand``."""
        with pytest.raises(InputTypeError) as caught:
            F.amount > 1.5  # noqa: B015  (the comparison builds the predicate that raises)
        assert caught.value.field == "operand"
        assert caught.value.value == 1.5

    def test_float_in_equals_is_refused(self) -> None:
        """``equals`` with a float raises InputTypeError too."""
        with pytest.raises(InputTypeError):
            F.amount.equals(0.1)

    def test_absent_constant_is_refused(self) -> None:
        """Comparing with MISSING raises InputTypeError (use the fact's state instead)."""
        with pytest.raises(InputTypeError) as caught:
            F.x.equals(MISSING)
        assert caught.value.value is MISSING

    def test_predicate_operand_is_refused(self) -> None:
        """A predicate is not a value: comparing with one raises InputTypeError."""
        with pytest.raises(InputTypeError):
            F.x < (F.y > 0)  # noqa: B015  (the comparison builds the predicate that raises)


class TestEqualsDiffers:
    @pytest.mark.parametrize(
        ("kind", "equals", "differs"),
        [("dog", T, Fa), ("cat", Fa, T), (M, M, M), (N, N, N)],
    )
    def test_against_constant(self, kind: object, equals: object, differs: object) -> None:
        """``equals`` and ``differs`` are opposites on a provided value and absent otherwise."""
        assert both(F.kind.equals("dog"), kind=kind) == (equals, equals)
        assert both(F.kind.differs("dog"), kind=kind) == (differs, differs)

    def test_between_facts(self) -> None:
        """``equals`` may compare two facts."""
        assert both(F.x.equals(F.y), x=3, y=3) == (T, T)
        assert both(F.x.differs(F.y), x=3, y=3) == (Fa, Fa)


class TestIsIn:
    @pytest.mark.parametrize(("kind", "expected"), [("dog", T), ("horse", Fa), (M, M), (N, N)])
    def test_membership(self, kind: object, expected: object) -> None:
        """``is_in`` is true for an option, false otherwise, and absent for an absent fact."""
        assert both(F.kind.is_in({"dog", "cat"}), kind=kind) == (expected, expected)

    def test_float_option_is_refused(self) -> None:
        """A float among the options raises InputTypeError, as a float comparison does."""
        with pytest.raises(InputTypeError):
            F.amount.is_in({0.1})


class TestBetween:
    @pytest.mark.parametrize(
        ("x", "expected"), [(0, Fa), (1, T), (3, T), (5, T), (6, Fa), (M, M), (N, N)]
    )
    def test_both_ends_inclusive(self, x: object, expected: object) -> None:
        """``between(1, 5)`` holds for 1 and 5 themselves and not for 0 or 6."""
        assert both(F.x.between(1, 5), x=x) == (expected, expected)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (dt.date(2026, 2, 28), Fa),
            (dt.date(2026, 3, 1), T),
            (dt.date(2026, 3, 7), T),
            (dt.date(2026, 3, 8), Fa),
        ],
    )
    def test_between_facts(self, day: dt.date, expected: bool) -> None:
        """``between`` takes facts as ends (a booking's first and last day, both included)."""
        predicate = F.day.between(F.start, F.end)
        values = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 7)}
        env = Env(Tiny(day=day, **values), {})
        assert predicate.evaluate(env) is expected

    def test_float_end_is_refused(self) -> None:
        """A float end raises InputTypeError."""
        with pytest.raises(InputTypeError):
            F.x.between(0.5, 2)


class TestIncludes:
    @pytest.mark.parametrize(
        ("docs", "need", "expected"),
        [
            ({"a", "b", "c"}, None, T),
            ({"a", "b"}, None, Fa),
            ({"a", "z"}, 1, T),
            (set(), 1, Fa),
            ({"a", "c", "z"}, 2, T),
            ({"a", "z"}, 2, Fa),
            (M, 1, M),
            (N, 1, N),
        ],
    )
    def test_need(self, docs: object, need: int | None, expected: object) -> None:
        """``includes`` counts the wanted kinds present; by default all of them are needed."""
        predicate = F.docs.includes(["a", "b", "c"], need=need)
        assert both(predicate, docs=docs) == (expected, expected)


class TestIsTrue:
    @pytest.mark.parametrize(("p", "expected"), [(True, T), (False, Fa), (M, M), (N, N)])
    def test_bool_fact(self, p: object, expected: object) -> None:
        """A bool fact is its own truth; an absent one stays absent."""
        assert both(F.p.is_true(), p=p) == (expected, expected)

    def test_non_bool_raises_when_evaluated(self) -> None:
        """``is_true`` on an int value raises InputTypeError naming the expression."""
        with pytest.raises(InputTypeError) as caught:
            slow(F.x.is_true(), x=1)
        assert caught.value.field == "x"
        assert caught.value.value == 1

    def test_non_bool_fact_refused_when_the_policy_is_built(self) -> None:
        """A policy using an int fact as a condition is refused when built, naming the rule."""
        with pytest.raises(ConfigurationError) as caught:
            compiled(F.x.is_true(), x=0)
        assert caught.value.field.endswith("(r)")
        assert "is_true needs a bool" in str(caught.value)

    def test_non_bool_call_result_raises_when_compiled(self) -> None:
        """A call() result that is not a bool raises InputTypeError when the claim is decided."""
        with pytest.raises(InputTypeError) as caught:
            compiled(call(lambda v: v, F.x).is_true(), x=0)
        assert caught.value.value == 0


class TestCall:
    def test_runs_on_provided_arguments(self) -> None:
        """``call`` applies the function to the facts' values (3 + 4 = 7)."""
        predicate = call(lambda a, b: a + b, F.x, F.y).equals(7)
        assert both(predicate, x=3, y=4) == (T, T)

    @pytest.mark.parametrize(("x", "y", "expected"), [(M, 1, M), (N, 1, N), (M, N, N), (1, M, M)])
    def test_not_run_when_an_argument_is_absent(
        self, x: object, y: object, expected: object
    ) -> None:
        """The function is never called with an absent argument; the value is absent instead."""
        seen: list[tuple[object, ...]] = []

        def record(*args: object) -> int:
            seen.append(args)
            return 0

        predicate = call(record, F.x, F.y) > 0
        assert both(predicate, x=x, y=y) == (expected, expected)
        assert seen == []

    def test_constant_argument(self) -> None:
        """A constant argument is passed as it is (max(2, 5) = 5)."""
        assert both(call(max, F.x, 5).equals(5), x=2) == (T, T)

    def test_float_argument_is_refused(self) -> None:
        """A float argument raises InputTypeError."""
        with pytest.raises(InputTypeError):
            call(max, F.x, 0.5)


class TestReads:
    def test_comparison(self) -> None:
        """A comparison reads the facts on both sides and none for a constant."""
        assert (F.x < F.y).reads() == {"x", "y"}
        assert (F.x < 3).reads() == {"x"}

    def test_combined(self) -> None:
        """``&``, ``|`` and ``~`` read the union of their parts' facts."""
        predicate = ~(F.p.is_true() | F.kind.is_in({"dog"})) & F.docs.includes(["a"])
        assert predicate.reads() == {"p", "kind", "docs"}

    def test_param_and_call_and_deadline(self) -> None:
        """A Param reads no fact; a call and a deadline read their arguments' facts."""
        assert (F.x > Param("limit")).reads() == {"x"}
        assert (call(max, F.x, F.y) > 0).reads() == {"x", "y"}
        assert F.day.within(days(30), of=F.start).reads() == {"day", "start"}


class TestStr:
    @pytest.mark.parametrize(
        ("predicate", "text"),
        [
            (F.x < 3, "x < 3"),
            (F.kind.equals("dog"), "kind == 'dog'"),
            (F.kind.differs("dog"), "kind != 'dog'"),
            (F.day >= dt.date(2026, 1, 1), "day >= 2026-01-01"),
            (F.kind.is_in({"dog", "cat"}), "kind in {'cat', 'dog'}"),
            (F.x.between(1, 5), "1 <= x <= 5"),
            (F.docs.includes({"b", "a"}, need=1), "docs has 1 of ['a', 'b']"),
            (F.p.is_true(), "p"),
            (~F.p.is_true(), "not (p)"),
            (F.p.is_true() & F.q.is_true(), "(p) and (q)"),
            (F.p.is_true() | (F.q.is_true() & (F.x > 0)), "(p) or ((q) and (x > 0))"),
            (F.x <= Param("limit"), "x <= limit"),
            (call(abs, F.x) > 3, "abs(x) > 3"),
            (call(abs, F.x, label="size") > 3, "size(x) > 3"),
            (F.start.plus(days(30)) >= F.day, "start + 30 days >= day"),
            (F.day.within(days(1), of=F.start), "start <= day <= start + 1 day"),
        ],
    )
    def test_rendering(self, predicate: Predicate, text: str) -> None:
        """Each predicate renders as readable text."""
        assert str(predicate) == text

    def test_not_is_a_not(self) -> None:
        """``~p`` builds a Not around ``p``."""
        part = F.p.is_true()
        assert ~part == Not(part)


@facts
class Stamps:
    """Two instants and a dating fact, for comparisons across a DST fold."""

    day: dt.date = fact(dt.date)
    ended: dt.datetime = fact(dt.datetime)
    reported: dt.datetime = fact(dt.datetime)


class TestInstantsCompareAsInstants:
    """Datetimes compare in UTC, even when they share a zone and sit in a DST fold."""

    NY = __import__("zoneinfo").ZoneInfo("America/New_York")

    def _outcome(self, predicate: Predicate, stamps: Stamps) -> Outcome:
        policy = Policy(
            id="p",
            title="P",
            facts=Stamps,
            decided_by="day",
            versions=[PolicyVersion("1", DAY, [Rule("r", "r", predicate)])],
        )
        return decide(policy, stamps).outcome("r")

    def test_second_pass_of_the_fold_is_later(self) -> None:
        """01:15 EST (fold=1) is 45 minutes after 01:30 EDT, though its wall clock reads less."""
        ended = dt.datetime(2025, 11, 2, 1, 30, tzinfo=self.NY)  # EDT, 05:30 UTC
        reported = dt.datetime(2025, 11, 2, 1, 15, fold=1, tzinfo=self.NY)  # EST, 06:15 UTC
        stamps = Stamps(day=DAY, ended=ended, reported=reported)
        predicate = F.reported <= F.ended
        assert predicate.evaluate(Env(stamps, {})) is False
        assert self._outcome(predicate, stamps) is Outcome.FAIL

    def test_hours_window_across_the_fold(self) -> None:
        """48 hours after 2025-10-31 01:30 EDT is 2025-11-02 00:30 EST; 01:15 EST is too late."""
        from safetycore.eligibility import hours

        ended = dt.datetime(2025, 10, 31, 1, 30, tzinfo=self.NY)
        late = dt.datetime(2025, 11, 2, 1, 15, fold=1, tzinfo=self.NY)
        in_time = dt.datetime(2025, 11, 2, 0, 30, tzinfo=self.NY)
        predicate = F.reported <= F.ended.plus(hours(48))
        assert self._outcome(predicate, Stamps(day=DAY, ended=ended, reported=late)) is (
            Outcome.FAIL
        )
        assert self._outcome(predicate, Stamps(day=DAY, ended=ended, reported=in_time)) is (
            Outcome.PASS
        )
        assert predicate.evaluate(Env(Stamps(day=DAY, ended=ended, reported=late), {})) is False


@facts
class Counted:
    """A dating fact, a count and an instant, for the second review's findings."""

    day: dt.date = fact(dt.date)
    n: int = fact(int)
    when: dt.datetime = fact(dt.datetime)


class TestSecondReview:
    """Findings of the second review, pinned."""

    NY = __import__("zoneinfo").ZoneInfo("America/New_York")

    def _both(self, predicate: Predicate, facts: Counted) -> tuple[Outcome, Outcome]:
        from safetycore.eligibility.engine import decide_slowly

        policy = Policy(
            id="p",
            title="P",
            facts=Counted,
            decided_by="day",
            versions=[PolicyVersion("1", DAY, [Rule("r", "r", predicate)])],
        )
        return decide(policy, facts).outcome("r"), decide_slowly(policy, facts).outcome("r")

    def test_numpy_results_compare_as_bools(self) -> None:
        """A call() returning a numpy integer compares the same on both paths."""
        import numpy as np

        facts_ = Counted(day=DAY, n=5)
        as_numpy = call(np.int64, F.n)
        assert self._both(as_numpy.between(1, 3), facts_) == (Outcome.FAIL, Outcome.FAIL)
        assert self._both(as_numpy <= 3, facts_) == (Outcome.FAIL, Outcome.FAIL)

    def test_naive_datetime_constant_refused(self) -> None:
        """A naive datetime constant is refused: its meaning would depend on the machine."""
        from safetycore.errors import NaiveDatetimeError

        with pytest.raises(NaiveDatetimeError):
            F.when <= dt.datetime(2025, 1, 1, 12)  # noqa: B015

    def test_is_in_compares_instants(self) -> None:
        """01:30 on the second pass of the fold is not the first-pass 01:30, in is_in too."""
        first = dt.datetime(2025, 11, 2, 1, 30, tzinfo=self.NY)
        second = first.replace(fold=1)
        facts_ = Counted(day=DAY, when=second)
        assert self._both(F.when.is_in({first}), facts_) == (Outcome.FAIL, Outcome.FAIL)
        assert self._both(F.when.is_in({second}), facts_) == (Outcome.PASS, Outcome.PASS)

    def test_hours_after_a_date_refused_when_built(self) -> None:
        """Adding hours to a date fact is refused when the policy is built, naming the rule."""
        from safetycore.eligibility import hours

        with pytest.raises(ConfigurationError, match="needs a datetime"):
            self._both(F.day <= F.day.plus(hours(3)), Counted(day=DAY))

    def test_between_ends_that_do_not_compare(self) -> None:
        """Constant ends of kinds that do not compare raise ConfigurationError."""
        with pytest.raises(ConfigurationError):
            F.n.between(1, "x")


class TestFactNames:
    """A fact's name is how it is given, so it cannot start with an underscore."""

    def test_underscore_name_refused(self) -> None:
        """A fact called ``_secret`` is refused when the class is declared."""
        with pytest.raises(InputTypeError):

            @facts
            class Hidden:
                _secret: int = fact(int)

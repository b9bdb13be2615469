"""DMN decision tables: cells, hit policies, construction-time checks and lookups."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any as AnyType

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.eligibility.tables import (
    Anything,
    Cell,
    DecisionTable,
    HitPolicy,
    Input,
    OneOf,
    Range,
    Row,
    cell,
)
from safetycore.errors import (
    ConfigurationError,
    EmptyIntervalError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
)

AGE = (Input("age"),)
SPECIES = Input("species", domain={"dog", "cat", "bird"})


def brute_matches(rows: Sequence[Row], point: Sequence[object]) -> list[int]:
    """The rows whose every cell contains the point, by the cells' own ``contains``."""
    return [
        i
        for i, row in enumerate(rows)
        if all(item.contains(value) for item, value in zip(row.when, point, strict=True))
    ]


def fee_table(**options: AnyType) -> DecisionTable:
    """Species and age to a fee: the running example."""
    return DecisionTable(
        "fee",
        (SPECIES, Input("age")),
        (
            Row(('"dog", "cat"', "< 1"), 25),
            Row(('"dog", "cat"', "[1..10)"), 40),
            Row(('"dog", "cat"', ">= 10"), 30),
            Row(('"bird"', "-"), 10),
        ),
        **options,
    )


class TestHitPolicy:
    def test_codes(self) -> None:
        """Each policy's value is its DMN 1.4 code."""
        assert [policy.value for policy in HitPolicy] == [
            "U",
            "F",
            "P",
            "A",
            "C",
            "C+",
            "C<",
            "C>",
            "C#",
            "O",
            "R",
        ]

    def test_from_code(self) -> None:
        """A policy is found from its code."""
        assert HitPolicy("C#") is HitPolicy.COLLECT_COUNT
        assert HitPolicy("O") is HitPolicy.OUTPUT_ORDER
        assert HitPolicy("R") is HitPolicy.RULE_ORDER

    def test_table_takes_the_code(self) -> None:
        """A table accepts the code in place of the member."""
        table = DecisionTable("t", AGE, (Row("-", 1),), hit_policy="F")
        assert table.hit_policy is HitPolicy.FIRST

    def test_unknown_code(self) -> None:
        """An unknown code raises ``ConfigurationError`` listing the codes."""
        with pytest.raises(ConfigurationError, match="C#") as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="X")
        assert (info.value.field, info.value.value) == ("hit_policy", "X")


class TestAny:
    def test_contains_everything(self) -> None:
        """``Anything`` matches every value, whatever its type."""
        assert all(Anything().contains(value) for value in (None, 1, "x", [1], date(2025, 1, 1)))

    def test_text(self) -> None:
        """Its text form is DMN's ``-``."""
        assert str(Anything()) == "-"

    def test_equal(self) -> None:
        """Every ``Anything`` equals every other."""
        assert Anything() == Anything()


class TestOneOf:
    def test_contains(self) -> None:
        """A value matches when it equals one of the values."""
        item = OneOf({"dog", "cat"})
        assert (item.contains("dog"), item.contains("cow")) == (True, False)

    def test_python_equality(self) -> None:
        """Equality is Python's: ``1``, ``1.0`` and ``Decimal("1")`` are one value."""
        item = OneOf({1})
        assert item.contains(1.0)
        assert item.contains(Decimal("1"))

    def test_converts_to_frozenset(self) -> None:
        """Anything iterable of values becomes a frozenset."""
        assert OneOf([1, 2, 2]).values == frozenset({1, 2})

    def test_empty_refused(self) -> None:
        """An empty list of values raises ``ConfigurationError``: it could never match."""
        with pytest.raises(ConfigurationError):
            OneOf(set())

    def test_str_refused(self) -> None:
        """A bare string is refused rather than split into characters."""
        with pytest.raises(InputTypeError):
            OneOf("dog")

    def test_unhashable_refused(self) -> None:
        """Unhashable values raise ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            OneOf([[1]])

    @pytest.mark.parametrize("make", [lambda v: OneOf([v]), lambda v: Range(v, None)])
    def test_missing_datetime_refused(self, make: AnyType) -> None:
        """A missing datetime (pandas' ``NaT``) raises ``InputTypeError``.

        Found by the fuzz test: it raised pandas' own bare ``ValueError`` from ``utcoffset``.
        """
        pd = pytest.importorskip("pandas")
        with pytest.raises(InputTypeError) as caught:
            make(pd.NaT)
        assert "missing" in str(caught.value)

    def test_unhashable_value(self) -> None:
        """Testing an unhashable value raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            OneOf({1}).contains([1])

    def test_text(self) -> None:
        """The text form lists the values sorted, strings quoted."""
        assert str(OneOf({"cat", "dog"})) == '"cat", "dog"'
        assert str(OneOf({True})) == "true"


class TestRange:
    @pytest.mark.parametrize(
        ("low_closed", "high_closed", "expected"),
        [
            (True, False, (False, True, True, False, False)),
            (False, True, (False, False, True, True, False)),
            (True, True, (False, True, True, True, False)),
            (False, False, (False, False, True, False, False)),
        ],
    )
    def test_boundaries(
        self, low_closed: bool, high_closed: bool, expected: tuple[bool, ...]
    ) -> None:
        """A closed bound contains itself, an open one does not (checked at 0, 1, 5, 10, 11)."""
        item = Range(1, 10, low_closed=low_closed, high_closed=high_closed)
        assert tuple(item.contains(v) for v in (0, 1, 5, 10, 11)) == expected

    def test_default_half_open(self) -> None:
        """By default a range is ``[low..high)``."""
        assert str(Range(1, 10)) == "[1..10)"

    def test_unbounded_sides(self) -> None:
        """``None`` leaves a side unbounded and that side is never closed."""
        item = Range(None, 5)
        assert (item.low_closed, item.contains(-(10**9)), item.contains(5)) == (False, True, False)
        assert Range(None, 5) == Range(None, 5, low_closed=False)

    def test_point(self) -> None:
        """Equal closed bounds make a one-value range."""
        item = Range(5, 5, high_closed=True)
        assert (item.contains(5), item.contains(4)) == (True, False)

    @pytest.mark.parametrize(
        "bounds", [(5, 5, True, False), (5, 5, False, True), (7, 3, True, True)]
    )
    def test_empty(self, bounds: tuple[int, int, bool, bool]) -> None:
        """A range containing no value raises ``EmptyIntervalError``."""
        low, high, low_closed, high_closed = bounds
        with pytest.raises(EmptyIntervalError):
            Range(low, high, low_closed=low_closed, high_closed=high_closed)

    def test_incomparable_bounds(self) -> None:
        """Bounds that do not compare raise ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Range(1, "z")

    def test_wrong_value_type(self) -> None:
        """Testing a value that does not compare with the bounds raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Range(1, 10).contains("5")

    def test_dates(self) -> None:
        """Dates are ordered values like any other."""
        item = Range(date(2025, 1, 1), date(2025, 2, 1))
        assert item.contains(date(2025, 1, 31))
        assert not item.contains(date(2025, 2, 1))

    @pytest.mark.parametrize(
        ("item", "text"),
        [
            (Range(None, 3), "< 3"),
            (Range(None, 3, high_closed=True), "<= 3"),
            (Range(5, None), ">= 5"),
            (Range(5, None, low_closed=False), "> 5"),
            (Range(1, 10, low_closed=False, high_closed=True), "(1..10]"),
            (Range(None, None), "-"),
        ],
    )
    def test_text(self, item: Range, text: str) -> None:
        """The text form is the DMN-ish one that ``cell`` reads."""
        assert str(item) == text


class TestCell:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("-", Anything()),
            ("  -  ", Anything()),
            ("[1..10)", Range(1, 10)),
            ("(1..10]", Range(1, 10, low_closed=False, high_closed=True)),
            ("]1..10[", Range(1, 10, low_closed=False)),
            ("[1..10]", Range(1, 10, high_closed=True)),
            ("[ 1 .. 10 ]", Range(1, 10, high_closed=True)),
            ("[1.5..2.5)", Range(Decimal("1.5"), Decimal("2.5"))),
            ('["a".."m")', Range("a", "m")),
            (">= 5", Range(5, None)),
            ("> 5", Range(5, None, low_closed=False)),
            ("<= 5", Range(None, 5, high_closed=True)),
            ("< 3", Range(None, 3)),
            ("<-3", Range(None, -3)),
            ("= 4", OneOf({4})),
            ("5", OneOf({5})),
            ("-2", OneOf({-2})),
            ("0.50", OneOf({Decimal("0.50")})),
            ('"dog", "cat"', OneOf({"dog", "cat"})),
            ("1, 2,3", OneOf({1, 2, 3})),
            ('"a, b"', OneOf({"a, b"})),
            ('"say \\"hi\\""', OneOf({'say "hi"'})),
            ("true", OneOf({True})),
            ("false", OneOf({False})),
        ],
    )
    def test_parses(self, text: str, expected: Cell) -> None:
        """Each DMN-ish text form reads as its cell."""
        assert cell(text) == expected

    def test_number_types(self) -> None:
        """Numbers with a dot are ``Decimal``, without are ``int``."""
        (whole,) = cell("5").values  # type: ignore[union-attr]
        (decimal,) = cell("5.0").values  # type: ignore[union-attr]
        assert (type(whole), type(decimal)) == (int, Decimal)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "dog",
            "[1..10",
            "[1 10]",
            "1,",
            ">=",
            "[1..2..3]",
            '"open',
            "5 6",
            "1.",
            "[1..10] x",
            "truest",
            "[1..]",
        ],
    )
    def test_malformed(self, text: str) -> None:
        """Malformed text raises ``ConfigurationError`` naming the text."""
        with pytest.raises(ConfigurationError) as info:
            cell(text)
        assert (info.value.field, info.value.value) == ("cell", text)

    def test_empty_range(self) -> None:
        """A range text that contains no value raises ``EmptyIntervalError`` naming the text."""
        with pytest.raises(EmptyIntervalError) as info:
            cell("[10..1]")
        assert info.value.value == "[10..1]"

    def test_incomparable_bounds(self) -> None:
        """Bounds of types that do not compare raise ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            cell('[1.."a"]')
        assert info.value.value == '[1.."a"]'

    def test_not_text(self) -> None:
        """A non-string raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            cell(5)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "item",
        [Anything(), OneOf({"a", "b"}), OneOf({1, 2}), Range(1, 10), Range(None, Decimal("2.5"))],
    )
    def test_round_trip(self, item: Cell) -> None:
        """``cell(str(c)) == c`` for text-expressible cells."""
        assert cell(str(item)) == item


class TestInput:
    def test_domain_frozenset(self) -> None:
        """A domain becomes a frozenset."""
        assert Input("x", domain=[1, 2]).domain == frozenset({1, 2})

    def test_no_domain(self) -> None:
        """Without a domain, ``domain`` is ``None``."""
        assert Input("x").domain is None

    def test_blank_name(self) -> None:
        """A blank name raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError):
            Input(" ")

    def test_name_type(self) -> None:
        """A non-string name raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Input(1)  # type: ignore[arg-type]

    @pytest.mark.parametrize("domain", ["dog", 5, [[1]]])
    def test_domain_type(self, domain: object) -> None:
        """A domain that is not a collection of hashable values raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Input("x", domain=domain)

    def test_empty_domain(self) -> None:
        """An empty domain raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError):
            Input("x", domain=())


class TestRow:
    def test_text_cells(self) -> None:
        """Text cells are read by ``cell``."""
        assert Row(("-", "< 3"), "x").when == (Anything(), Range(None, 3))

    def test_single_cell(self) -> None:
        """A single text or cell stands for a one-cell row."""
        assert Row("5", "x").when == (OneOf({5}),)
        assert Row(Anything(), "x").when == (Anything(),)

    def test_label(self) -> None:
        """A row carries its label and output."""
        row = Row("-", 3, label="catch-all")
        assert (row.then, row.label) == (3, "catch-all")

    def test_bad_text_names_position(self) -> None:
        """Malformed text raises ``ConfigurationError`` naming ``when[i]``."""
        with pytest.raises(ConfigurationError) as info:
            Row(("-", "dog"), "x")
        assert (info.value.field, info.value.value) == ("when[1]", "dog")

    def test_not_a_cell(self) -> None:
        """An item that is neither a cell nor text raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            Row(("-", 5), "x")
        assert info.value.field == "when[1]"

    def test_not_iterable(self) -> None:
        """A ``when`` that is not a sequence raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Row(5, "x")


class TestDecisionTable:
    def test_arity(self) -> None:
        """A row with the wrong number of cells raises ``ConfigurationError`` naming it."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (Input("a"), Input("b")), (Row(("-", "-"), 1), Row("-", 2)))
        assert (info.value.field, info.value.value) == ("rows[1].when", (Anything(),))

    def test_no_inputs(self) -> None:
        """A table without inputs raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError):
            DecisionTable("t", (), ())

    def test_repeated_input(self) -> None:
        """Two inputs of one name raise ``ConfigurationError`` naming the second."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (Input("a"), Input("a")), (Row(("-", "-"), 1),))
        assert info.value.field == "inputs[1]"

    def test_items_checked(self) -> None:
        """A row that is not a ``Row`` raises ``InputTypeError`` naming its index."""
        with pytest.raises(InputTypeError) as info:
            DecisionTable("t", AGE, (Row("-", 1), "- 2"))
        assert info.value.field == "rows[1]"

    def test_unique_overlap(self) -> None:
        """Overlapping rows under UNIQUE raise, naming both rows and a point both match."""
        rows = (Row("< 18", 0), Row("[18..65]", 1), Row(">= 65", 2))
        with pytest.raises(ConfigurationError, match=r"rows\[1\]") as info:
            DecisionTable("t", AGE, rows)
        assert (info.value.field, info.value.value) == ("rows[2]", (65,))
        assert brute_matches(rows, info.value.value) == [1, 2]

    def test_unique_overlap_two_inputs(self) -> None:
        """The overlap point of two inputs lies in both rows' boxes."""
        rows = (
            Row(('"dog"', "< 5"), 0),
            Row(("-", "[3..9)"), 1),
            Row(('"cat"', "< 3"), 2),
        )
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (SPECIES, Input("age")), rows, default=0)
        assert info.value.field == "rows[1]"
        assert brute_matches(rows, info.value.value)[:2] == [0, 1]

    def test_unique_touching_half_open(self) -> None:
        """Half-open ranges that touch do not overlap."""
        DecisionTable("t", AGE, (Row("< 18", 0), Row("[18..65)", 1), Row(">= 65", 2)))

    def test_any_conflict(self) -> None:
        """Overlapping rows with different outputs under ANY raise, naming both rows."""
        rows = (Row("< 10", "a"), Row("[5..20)", "b"), Row(">= 20", "c"))
        with pytest.raises(ConfigurationError, match=r"rows\[0\]") as info:
            DecisionTable("t", AGE, rows, hit_policy=HitPolicy.ANY)
        assert info.value.field == "rows[1]"
        assert brute_matches(rows, info.value.value) == [0, 1]

    def test_any_agreeing_overlap(self) -> None:
        """Under ANY, rows may overlap where their outputs are equal."""
        table = DecisionTable(
            "t", AGE, (Row("< 10", "a"), Row("[5..20)", "a"), Row(">= 20", "c")), hit_policy="A"
        )
        assert table.lookup(7) == "a"

    def test_gap(self) -> None:
        """A gap raises ``ConfigurationError`` with an uncovered example point as its value."""
        rows = (Row("< 18", 0), Row("[20..65)", 1), Row(">= 65", 2))
        with pytest.raises(ConfigurationError, match="age=18") as info:
            DecisionTable("t", AGE, rows)
        assert (info.value.field, info.value.value) == ("rows", (18,))
        assert brute_matches(rows, info.value.value) == []

    def test_gap_two_inputs(self) -> None:
        """The example point of a two-input gap is matched by no row."""
        rows = (Row(('"dog", "cat"', "< 5"), 0), Row(('"bird"', "-"), 1))
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (SPECIES, Input("age")), rows)
        assert info.value.value[0] in {"dog", "cat"}
        assert brute_matches(rows, info.value.value) == []

    def test_gap_allowed_with_default(self) -> None:
        """With a default, a gap is allowed and answered by the default."""
        table = DecisionTable("t", AGE, (Row("< 18", 0), Row(">= 20", 1)), default=-1)
        assert (table.lookup(19), table.lookup(17)) == (-1, 0)

    def test_other_values_gap(self) -> None:
        """Without a domain, values no row lists are a gap, described in words."""
        with pytest.raises(ConfigurationError, match="none of") as info:
            DecisionTable("t", (Input("s"),), (Row('"dog"', 0), Row('"cat"', 1)))
        assert info.value.value == ('s is none of "cat", "dog"',)

    def test_other_values_covered_by_any(self) -> None:
        """A row of ``-`` covers the other values."""
        table = DecisionTable("t", (Input("s"),), (Row('"dog"', 0), Row("-", 1)), hit_policy="F")
        assert (table.lookup("dog"), table.lookup("cow")) == (0, 1)

    def test_domain_fully_listed(self) -> None:
        """With a finite domain, listing every value leaves no gap."""
        table = DecisionTable("t", (SPECIES,), (Row('"dog", "cat"', 0), Row('"bird"', 1)))
        assert table.lookup("bird") == 1

    def test_domain_gap(self) -> None:
        """A domain value no row lists is a gap, reported by value."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (SPECIES,), (Row('"dog", "cat"', 0),))
        assert info.value.value == ("bird",)

    def test_domain_with_ranges(self) -> None:
        """A finite ordered domain is covered value by value, not as intervals."""
        table = DecisionTable(
            "t", (Input("n", domain={1, 2, 3}),), (Row("< 2", "low"), Row("> 1.5", "high"))
        )
        assert (table.lookup(1), table.lookup(2), table.lookup(3)) == ("low", "high", "high")

    def test_domain_outside_values_refused(self) -> None:
        """A cell listing a value outside its input's domain raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (SPECIES,), (Row('"dog", "cow"', 0),), default=0)
        assert (info.value.field, info.value.value) == ("rows[0].when[0]", ("cow",))

    def test_integers_are_discrete(self) -> None:
        """On integer inputs ``[1..5]`` and ``[6..9]`` leave no gap."""
        DecisionTable("t", AGE, (Row("<= 5", 0), Row("[6..9]", 1), Row("> 9", 2)))

    def test_decimals_are_dense(self) -> None:
        """On decimal inputs ``<= 5.0`` and ``>= 6.0`` leave a gap, reported at its middle."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("<= 5.0", 0), Row(">= 6.0", 1)))
        assert info.value.value == (Decimal("5.5"),)

    def test_days_are_discrete(self) -> None:
        """On date inputs, consecutive closed day ranges leave no gap."""
        rows = (
            Row(Range(None, date(2025, 1, 1)), "before"),
            Row(Range(date(2025, 1, 1), date(2025, 1, 31), high_closed=True), "january"),
            Row(Range(date(2025, 2, 1), None), "later"),
        )
        table = DecisionTable("t", (Input("day"),), rows)
        assert table.lookup(date(2025, 1, 31)) == "january"

    def test_missing_day(self) -> None:
        """A missing day is a gap reported as that date."""
        rows = (
            Row(Range(None, date(2025, 1, 31), high_closed=True), "up to january"),
            Row(Range(date(2025, 2, 2), None), "later"),
        )
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (Input("day"),), rows)
        assert info.value.value == (date(2025, 2, 1),)

    def test_datetimes_are_dense(self) -> None:
        """On datetime inputs, closed ranges meeting nowhere leave a gap between them."""
        noon, one = datetime(2025, 1, 1, 12, tzinfo=UTC), datetime(2025, 1, 1, 13, tzinfo=UTC)
        rows = (Row(Range(None, noon, high_closed=True), 0), Row(Range(one, None), 1))
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (Input("at"),), rows)
        assert info.value.value == (datetime(2025, 1, 1, 12, 30, tzinfo=UTC),)

    def test_first_shadow(self) -> None:
        """Under FIRST, a row wholly matched by one earlier row is shadowed."""
        rows = (Row("< 18", 0), Row("[5..10)", 1), Row(">= 18", 2))
        with pytest.raises(ConfigurationError, match=r"rows\[0\]") as info:
            DecisionTable("t", AGE, rows, hit_policy="F")
        assert (info.value.field, info.value.value) == ("rows[1]", rows[1])

    def test_first_shadow_by_union(self) -> None:
        """Under FIRST, a row matched only by the union of two earlier rows is shadowed."""
        rows = (Row("< 18", 0), Row(">= 18", 1), Row("[10..20]", 2))
        with pytest.raises(ConfigurationError, match=r"rows\[0\], rows\[1\]") as info:
            DecisionTable("t", AGE, rows, hit_policy="F")
        assert info.value.field == "rows[2]"

    def test_first_shadow_by_union_two_inputs(self) -> None:
        """The union check works across inputs: two half-boxes cover a later box."""
        rows = (
            Row(("< 5", "-"), 0),
            Row((">= 5", "< 3"), 1),
            Row(("[6..8)", "[0..2)"), 2),
            Row(("-", "-"), 3),
        )
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (Input("a"), Input("b")), rows, hit_policy="F")
        assert info.value.field == "rows[2]"

    def test_first_catch_all(self) -> None:
        """A last row of ``-`` is not shadowed while it still matches something new."""
        table = DecisionTable("t", AGE, (Row("< 18", 0), Row("-", 1)), hit_policy="F")
        assert (table.lookup(3), table.lookup(30)) == (0, 1)

    def test_priority_shadow(self) -> None:
        """Under PRIORITY, a row always outranked by matching rows is shadowed."""
        rows = (Row("< 18", "low"), Row(">= 18", "low"), Row("[10..20]", "mid"))
        with pytest.raises(ConfigurationError, match="priority") as info:
            DecisionTable("t", AGE, rows, hit_policy="P", output_order=("high", "low", "mid"))
        assert info.value.field == "rows[2]"

    def test_priority_same_output_earlier(self) -> None:
        """Under PRIORITY, a row covered by an earlier row of the same output is shadowed."""
        rows = (Row("-", "low"), Row("< 5", "low"))
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, rows, hit_policy="P", output_order=("high", "low"))
        assert info.value.field == "rows[1]"

    def test_priority_winner_not_shadowed(self) -> None:
        """A later row with a higher-priority output is not shadowed by an earlier catch-all."""
        rows = (Row("-", "low"), Row("< 5", "high"))
        table = DecisionTable("t", AGE, rows, hit_policy="P", output_order=("high", "low"))
        assert (table.lookup(3), table.lookup(7)) == ("high", "low")

    def test_priority_needs_output_order(self) -> None:
        """PRIORITY without ``output_order`` raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="P")
        assert info.value.field == "output_order"

    def test_output_order_only_for_priority(self) -> None:
        """``output_order`` with a policy other than P and O raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("-", 1),), output_order=(1,))
        assert info.value.field == "output_order"

    def test_output_not_ordered(self) -> None:
        """Under PRIORITY, an output missing from ``output_order`` raises, naming the row."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable(
                "t", AGE, (Row("< 5", 1), Row(">= 5", 2)), hit_policy="P", output_order=(1,)
            )
        assert (info.value.field, info.value.value) == ("rows[1].then", 2)

    def test_output_order_repeat(self) -> None:
        """An output listed twice in ``output_order`` raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="P", output_order=(1, 2, 1))
        assert info.value.field == "output_order[2]"

    def test_output_order_policy_needs_output_order(self) -> None:
        """OUTPUT_ORDER without ``output_order`` raises ``ConfigurationError`` on it."""
        with pytest.raises(ConfigurationError, match="OUTPUT_ORDER") as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="O")
        assert (info.value.field, info.value.value) == ("output_order", None)

    def test_output_order_policy_output_not_ordered(self) -> None:
        """Under OUTPUT_ORDER, an output missing from ``output_order`` raises, naming the row."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable(
                "t", AGE, (Row("< 5", "a"), Row("-", "b")), hit_policy="O", output_order=("a",)
            )
        assert (info.value.field, info.value.value) == ("rows[1].then", "b")

    def test_output_order_policy_repeat(self) -> None:
        """Under OUTPUT_ORDER, an output listed twice raises on its second place."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="O", output_order=(1, 2, 1))
        assert (info.value.field, info.value.value) == ("output_order[2]", 1)

    def test_output_order_may_list_more_outputs(self) -> None:
        """``output_order`` may list outputs no row gives (as under PRIORITY)."""
        table = DecisionTable("t", AGE, (Row("-", "b"),), hit_policy="O", output_order=("a", "b"))
        assert table.lookup(1) == ("b",)

    def test_output_order_item_without_equality(self) -> None:
        """An ``output_order`` item whose ``==`` has no truth value raises, naming its place."""

        class Vague:
            __hash__ = None  # type: ignore[assignment]

            def __eq__(self, other: object) -> bool:
                raise ValueError("ambiguous")

        vague = Vague()
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="O", output_order=(1, vague))
        assert (info.value.field, info.value.value) == ("output_order[1]", vague)

    def test_rule_order_refuses_output_order(self) -> None:
        """RULE_ORDER keeps row order, so an ``output_order`` is refused as for COLLECT."""
        with pytest.raises(ConfigurationError, match="PRIORITY and OUTPUT_ORDER") as info:
            DecisionTable("t", AGE, (Row("-", 1),), hit_policy="R", output_order=(1,))
        assert info.value.field == "output_order"

    def test_ordered_collects_allow_overlap_gap_and_cover(self) -> None:
        """O and R check no overlap, gap or shadow: a row inside another is a second hit."""
        rows = (Row("< 10", "a"), Row("[2..5)", "b"), Row("[2..5)", "a"))
        rule_order = DecisionTable("t", AGE, rows, hit_policy="R")
        output_order = DecisionTable("t", AGE, rows, hit_policy="O", output_order=("b", "a"))
        assert (rule_order.lookup(3), rule_order.lookup(20)) == (("a", "b", "a"), ())
        assert (output_order.lookup(3), output_order.lookup(20)) == (("b", "a", "a"), ())

    @pytest.mark.parametrize("policy", ["O", "R"])
    def test_ordered_collects_refuse_dead_rows(self, policy: str) -> None:
        """A row that can never match is refused under O and R as under every policy."""
        order = (0, 1) if policy == "O" else None
        with pytest.raises(ConfigurationError, match="never match") as info:
            DecisionTable(
                "t", AGE, (Row("-", 1), Row("(3..4)", 0)), hit_policy=policy, output_order=order
            )
        assert info.value.field == "rows[1]"

    def test_never_matches(self) -> None:
        """A row with no input value left (an integer range ``(3..4)``) raises under any policy."""
        with pytest.raises(ConfigurationError, match="never match") as info:
            DecisionTable("t", AGE, (Row("(3..4)", 0), Row("-", 1)), hit_policy="C")
        assert info.value.field == "rows[0]"

    def test_never_matches_in_domain(self) -> None:
        """A range holding no value of its input's domain can never match."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", (Input("n", domain={1, 5}),), (Row("[2..4]", 0),), hit_policy="C")
        assert info.value.field == "rows[0]"

    def test_collect_allows_overlap_and_gap(self) -> None:
        """COLLECT and COLLECT_COUNT check neither overlaps nor gaps."""
        rows = (Row("< 10", "a"), Row("[5..20)", "b"))
        for policy in ("C", "C#"):
            DecisionTable("t", AGE, rows, hit_policy=policy)

    @pytest.mark.parametrize("policy", ["C+", "C<", "C>"])
    def test_aggregates_check_gaps(self, policy: str) -> None:
        """The sum, min and max need a match or a default: a gap raises."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("< 10", 1), Row("[5..20)", 2)), hit_policy=policy)
        assert info.value.value == (20,)

    def test_sum_of_unaddable_outputs(self) -> None:
        """Outputs that match together but cannot be added raise, naming the rows."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("-", 1), Row("< 5", "x")), hit_policy="C+")
        assert (info.value.field, info.value.value) == ("rows[1]", (1, "x"))

    def test_incomparable_column(self) -> None:
        """One input's cells mixing values that do not compare raise, naming the input."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("< 5", 0), Row('"old"', 1)), default=0)
        assert (info.value.field, info.value.value) == ("inputs[0]", "age")

    def test_no_rows(self) -> None:
        """A table without rows is a gap everywhere, and fine with a default."""
        with pytest.raises(ConfigurationError):
            DecisionTable("t", AGE, ())
        assert DecisionTable("t", AGE, (), default=0).lookup(5) == 0

    def test_equality(self) -> None:
        """Tables built from equal definitions are equal and hash alike."""
        assert fee_table() == fee_table()
        assert hash(fee_table()) == hash(fee_table())

    def test_frozen(self) -> None:
        """A table is immutable."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            fee_table().name = "x"  # type: ignore[misc]

    def test_error_pickles(self) -> None:
        """A construction error survives pickling with its field and value."""
        with pytest.raises(ConfigurationError) as info:
            DecisionTable("t", AGE, (Row("< 18", 0),))
        copy = pickle.loads(pickle.dumps(info.value))
        assert (copy.field, copy.value) == ("rows", (18,))


class TestLookup:
    def test_unique(self) -> None:
        """UNIQUE returns the one matching row's output."""
        table = fee_table()
        assert [table.lookup(s, a) for s, a in [("dog", 0), ("cat", 1), ("dog", 10)]] == [
            25,
            40,
            30,
        ]
        assert table.lookup("bird", 99) == 10

    def test_first(self) -> None:
        """FIRST returns the first matching row's output in row order."""
        table = DecisionTable(
            "t", AGE, (Row("< 5", "a"), Row("< 10", "b"), Row("-", "c")), hit_policy="F"
        )
        assert [table.lookup(a) for a in (4, 5, 9, 10)] == ["a", "b", "b", "c"]

    def test_priority(self) -> None:
        """PRIORITY returns the matching output listed first in ``output_order``."""
        table = DecisionTable(
            "risk",
            AGE,
            (Row("-", "low"), Row("< 10", "medium"), Row("< 3", "high")),
            hit_policy="P",
            output_order=("high", "medium", "low"),
        )
        assert [table.lookup(a) for a in (1, 3, 9, 10)] == ["high", "medium", "medium", "low"]

    def test_any(self) -> None:
        """ANY returns the common output of the matching rows."""
        table = DecisionTable(
            "t", AGE, (Row("< 10", "yes"), Row("< 20", "yes"), Row(">= 20", "no")), hit_policy="A"
        )
        assert [table.lookup(a) for a in (5, 15, 25)] == ["yes", "yes", "no"]

    def test_collect(self) -> None:
        """COLLECT returns the outputs of every matching row, in row order."""
        table = DecisionTable(
            "t", AGE, (Row(">= 5", "b"), Row("< 10", "a"), Row("-", "c")), hit_policy="C"
        )
        assert table.lookup(7) == ("b", "a", "c")
        assert table.lookup(12) == ("b", "c")

    def test_collect_no_match(self) -> None:
        """COLLECT with no match returns ``()``, or the default when one is given."""
        rows = (Row("< 5", "a"),)
        assert DecisionTable("t", AGE, rows, hit_policy="C").lookup(7) == ()
        assert DecisionTable("t", AGE, rows, hit_policy="C", default=None).lookup(7) is None

    def test_sum(self) -> None:
        """COLLECT_SUM adds the matching outputs."""
        table = DecisionTable(
            "t",
            AGE,
            (Row("-", Decimal("1.5")), Row("< 10", Decimal(2)), Row("< 5", Decimal(3))),
            hit_policy="C+",
        )
        assert [table.lookup(a) for a in (1, 7, 12)] == [Decimal("6.5"), Decimal("3.5"), 1.5]

    def test_min_max(self) -> None:
        """COLLECT_MIN and COLLECT_MAX return the least and greatest matching output."""
        rows = (Row("-", 5), Row("< 10", 2), Row("< 5", 9))
        low = DecisionTable("t", AGE, rows, hit_policy="C<")
        high = DecisionTable("t", AGE, rows, hit_policy="C>")
        assert [low.lookup(a) for a in (1, 7, 12)] == [2, 2, 5]
        assert [high.lookup(a) for a in (1, 7, 12)] == [9, 5, 5]

    def test_aggregate_default(self) -> None:
        """With no match, the sum, min and max are the default."""
        table = DecisionTable("t", AGE, (Row("< 5", 1),), hit_policy="C+", default=0)
        assert table.lookup(9) == 0

    def test_count(self) -> None:
        """COLLECT_COUNT counts the matching rows, 0 when none does."""
        table = DecisionTable("t", AGE, (Row("< 5", "a"), Row("< 10", "b")), hit_policy="C#")
        assert [table.lookup(a) for a in (1, 7, 12)] == [2, 1, 0]

    def test_output_order(self) -> None:
        """OUTPUT_ORDER returns every matching output, by ``output_order`` then row order.

        Rows: 0 low (any), 1 medium (>= 2), 2 high (>= 5), 3 low (>= 5). At 7 all match:
        high (row 2), medium (row 1), then the two lows in row order (rows 0 and 3).
        """
        table = DecisionTable(
            "risk",
            AGE,
            (Row("-", "low"), Row(">= 2", "medium"), Row(">= 5", "high"), Row(">= 5", "low")),
            hit_policy=HitPolicy.OUTPUT_ORDER,
            output_order=("high", "medium", "low"),
        )
        assert [table.lookup(a) for a in (0, 2, 4, 5, 7)] == [
            ("low",),
            ("medium", "low"),
            ("medium", "low"),
            ("high", "medium", "low", "low"),
            ("high", "medium", "low", "low"),
        ]

    def test_output_order_no_match(self) -> None:
        """OUTPUT_ORDER with no match returns ``()`` (like COLLECT), or the default."""
        rows = (Row("< 5", "a"), Row("< 3", "b"))
        table = DecisionTable("t", AGE, rows, hit_policy="O", output_order=("b", "a"))
        assert (table.lookup(1), table.lookup(4), table.lookup(5)) == (("b", "a"), ("a",), ())
        with_default = DecisionTable(
            "t", AGE, rows, hit_policy="O", output_order=("b", "a"), default=("none",)
        )
        assert with_default.lookup(5) == ("none",)

    def test_output_order_of_unhashable_outputs(self) -> None:
        """Outputs that cannot be hashed (lists) are still ranked by equality."""
        rows = (Row("-", [1]), Row("< 5", [2]))
        table = DecisionTable("t", AGE, rows, hit_policy="O", output_order=([2], [1]))
        assert (table.lookup(1), table.lookup(9)) == (([2], [1]), ([1],))

    def test_rule_order(self) -> None:
        """RULE_ORDER returns every matching output in row order, ``()`` when none matches."""
        table = DecisionTable(
            "t", AGE, (Row(">= 5", "b"), Row("< 10", "a"), Row(">= 5", "b")), hit_policy="R"
        )
        assert [table.lookup(a) for a in (1, 7, 12)] == [("a",), ("b", "a", "b"), ("b", "b")]
        assert DecisionTable("t", AGE, (Row("< 5", "a"),), hit_policy="R").lookup(7) == ()

    def test_rule_order_is_collect_without_aggregation(self) -> None:
        """R and C give the same tuples: C here already keeps row order (DMN leaves it open)."""
        rows = (Row(">= 5", "b"), Row("< 10", "a"), Row("-", "c"), Row("[3..8]", "a"))
        rule_order = DecisionTable("t", AGE, rows, hit_policy="R")
        collect = DecisionTable("t", AGE, rows, hit_policy="C")
        assert [rule_order.lookup(a) for a in range(-1, 12)] == [
            collect.lookup(a) for a in range(-1, 12)
        ]

    def test_range_boundaries(self) -> None:
        """A closed bound matches its own value and an open one the next row's."""
        table = DecisionTable(
            "t", AGE, (Row("<= 10", "a"), Row("(10..20)", "b"), Row(">= 20", "c"))
        )
        assert [table.lookup(a) for a in (10, 11, 19, 20)] == ["a", "b", "b", "c"]

    def test_decimal_boundaries(self) -> None:
        """On a dense input, values between bounds and at bounds find their rows."""
        table = DecisionTable("t", AGE, (Row("< 2.5", "a"), Row(">= 2.5", "b")))
        assert [table.lookup(v) for v in (2, Decimal("2.49"), Decimal("2.5"), 2.6)] == [
            "a",
            "a",
            "b",
            "b",
        ]

    def test_string_ranges(self) -> None:
        """Strings are ordered values: ``["a".."n")`` holds ``"m"`` but not ``"n"``."""
        table = DecisionTable("t", (Input("name"),), (Row('< "n"', 1), Row('>= "n"', 2)))
        assert (table.lookup("mike"), table.lookup("n")) == (1, 2)

    def test_outside_domain(self) -> None:
        """A value outside an input's domain raises ``InvalidArgumentError`` naming both."""
        with pytest.raises(InvalidArgumentError) as info:
            fee_table().lookup("cow", 3)
        assert (info.value.field, info.value.value) == ("species", "cow")

    def test_wrong_type_for_range(self) -> None:
        """A value that does not compare with an input's bounds raises ``InputTypeError``."""
        table = DecisionTable("t", AGE, (Row("< 2.5", "a"), Row(">= 2.5", "b")))
        with pytest.raises(InputTypeError) as info:
            table.lookup("3")
        assert (info.value.field, info.value.value) == ("age", "3")

    @pytest.mark.parametrize("value", [3.5, Decimal(3), "3", True])
    def test_integer_input_needs_int(self, value: object) -> None:
        """An integer input refuses non-``int`` values, whose answer its checks never proved."""
        with pytest.raises(InputTypeError) as info:
            fee_table().lookup("dog", value)
        assert info.value.field == "age"

    def test_day_input_needs_date(self) -> None:
        """A day input refuses a ``datetime``."""
        table = DecisionTable(
            "t",
            (Input("day"),),
            (Row(Range(None, date(2025, 1, 1)), 0), Row(Range(date(2025, 1, 1), None), 1)),
        )
        with pytest.raises(InputTypeError):
            table.lookup(datetime(2025, 1, 1, tzinfo=UTC))

    def test_unhashable_value(self) -> None:
        """An unhashable value for a listed input raises ``InputTypeError``."""
        table = DecisionTable("t", (Input("s"),), (Row('"a"', 0),), default=1)
        with pytest.raises(InputTypeError):
            table.lookup(["a"])

    def test_wrong_count(self) -> None:
        """The wrong number of values raises ``InvalidArgumentError`` naming the inputs."""
        with pytest.raises(InvalidArgumentError, match="species, age"):
            fee_table().lookup("dog")

    def test_other_value_default(self) -> None:
        """Without a domain, an unlisted value falls to the default."""
        table = DecisionTable("t", (Input("s"),), (Row('"a"', 0),), default=1)
        assert (table.lookup("a"), table.lookup("b"), table.lookup(None)) == (0, 1, 1)


class TestMatches:
    def test_indices(self) -> None:
        """``matches`` lists the matching rows' indices, ascending."""
        table = DecisionTable(
            "t", AGE, (Row(">= 5", "b"), Row("< 10", "a"), Row("-", "c")), hit_policy="C"
        )
        assert (table.matches(7), table.matches(12)) == ((0, 1, 2), (0, 2))

    def test_priority_in_row_order(self) -> None:
        """Under PRIORITY too, indices come in row order, not priority order."""
        table = DecisionTable(
            "t",
            AGE,
            (Row("-", "low"), Row("< 3", "high")),
            hit_policy="P",
            output_order=("high", "low"),
        )
        assert table.matches(1) == (0, 1)

    def test_output_order_in_row_order(self) -> None:
        """Under OUTPUT_ORDER, indices come in row order while ``lookup`` follows the ranks."""
        table = DecisionTable(
            "t",
            AGE,
            (Row("-", "low"), Row("< 3", "high")),
            hit_policy="O",
            output_order=("high", "low"),
        )
        assert (table.matches(1), table.lookup(1)) == ((0, 1), ("high", "low"))

    def test_none(self) -> None:
        """No match gives an empty tuple."""
        assert DecisionTable("t", AGE, (Row("< 5", 0),), default=1).matches(9) == ()

    def test_errors(self) -> None:
        """``matches`` validates values like ``lookup``."""
        with pytest.raises(InvalidArgumentError):
            fee_table().matches("cow", 1)


class TestInputNames:
    def test_order(self) -> None:
        """``input_names`` lists the inputs in ``lookup`` order."""
        assert fee_table().input_names == ("species", "age")


class TestHasDefault:
    def test_flag(self) -> None:
        """``has_default`` tells whether a default was given, even ``None``."""
        assert not fee_table().has_default
        assert fee_table(default=None).has_default


class TestToText:
    def test_render(self) -> None:
        """``to_text`` renders DMN's tabular form with the default underneath."""
        text = DecisionTable(
            "fee", AGE, (Row("< 18", 0), Row(">= 18", 20)), hit_policy="F", default=5
        ).to_text()
        assert text.splitlines() == [
            "fee (hit policy F)",
            "# | age   || output",
            "--+-------++-------",
            "0 | < 18  || 0",
            "1 | >= 18 || 20",
            "default: 5",
        ]


class TestRepr:
    def test_readable(self) -> None:
        """The repr names the table, its inputs, row count and policy."""
        assert repr(fee_table()) == (
            "DecisionTable('fee', inputs=('species', 'age'), rows=4, hit_policy=U)"
        )


# -- against a brute-force oracle ---------------------------------------------------------------

NO_DEFAULT = object()
SMALL = st.integers(0, 6)
GRID = range(-2, 9)  # every bound (0..6) and the values between and beyond them, +-1 and +-2


@st.composite
def int_cells(draw: st.DrawFn) -> Cell:
    """A cell over small integers: ``-``, a few listed values, or a range (maybe unbounded)."""
    kind = draw(st.sampled_from(["any", "one_of", "range"]))
    if kind == "any":
        return Anything()
    if kind == "one_of":
        return OneOf(draw(st.frozensets(SMALL, min_size=1, max_size=3)))
    low, high = draw(st.none() | SMALL), draw(st.none() | SMALL)
    low_closed, high_closed = draw(st.booleans()), draw(st.booleans())
    if low is not None and high is not None:
        low, high = min(low, high), max(low, high)
        if low == high:
            low_closed = high_closed = True
    return Range(low, high, low_closed=low_closed, high_closed=high_closed)


@st.composite
def table_specs(
    draw: st.DrawFn,
) -> tuple[int, HitPolicy, list[Row], object, tuple[int, ...] | None]:
    """Inputs, policy, rows, default (or ``NO_DEFAULT``) and output order of a small table."""
    inputs = draw(st.integers(1, 2))
    policy = draw(st.sampled_from(list(HitPolicy)))
    rows = draw(
        st.lists(
            st.builds(Row, st.tuples(*[int_cells()] * inputs), st.integers(0, 3)),
            max_size=5,
        )
    )
    default = draw(st.sampled_from([NO_DEFAULT, 99]))
    ranked = policy in (HitPolicy.PRIORITY, HitPolicy.OUTPUT_ORDER)
    order = tuple(draw(st.permutations(range(4)))) if ranked else None
    return inputs, policy, rows, default, order


def winner(policy: HitPolicy, rows: list[Row], hits: list[int], order: AnyType) -> int:
    """The deciding row among ``hits`` under FIRST-like policies (PRIORITY by rank, then row)."""
    if policy is HitPolicy.PRIORITY:
        return min(hits, key=lambda i: (order.index(rows[i].then), i))
    return hits[0]


def oracle(
    policy: HitPolicy, rows: list[Row], hits: list[int], default: object, order: AnyType
) -> object:
    """The hit policy's result computed by scanning the matching rows."""
    outputs = [rows[i].then for i in hits]
    if not hits:
        if default is not NO_DEFAULT:
            return default
        return 0 if policy is HitPolicy.COLLECT_COUNT else ()
    if policy is HitPolicy.OUTPUT_ORDER:
        return tuple(
            rows[i].then for i in sorted(hits, key=lambda i: (order.index(rows[i].then), i))
        )
    if policy in (HitPolicy.UNIQUE, HitPolicy.FIRST, HitPolicy.ANY, HitPolicy.PRIORITY):
        return rows[winner(policy, rows, hits, order)].then
    return {
        HitPolicy.COLLECT: tuple(outputs),
        HitPolicy.RULE_ORDER: tuple(outputs),
        HitPolicy.COLLECT_SUM: sum(outputs),
        HitPolicy.COLLECT_MIN: min(outputs),
        HitPolicy.COLLECT_MAX: max(outputs),
        HitPolicy.COLLECT_COUNT: len(outputs),
    }[policy]


def problem(
    policy: HitPolicy,
    rows: list[Row],
    grid: Iterable[list[int]],
    default: object,
    order: AnyType,
) -> str | None:
    """The first defect a brute-force scan finds, given the rows matching each grid point."""
    everything = list(grid)
    if any(all(i not in hits for hits in everything) for i in range(len(rows))):
        return "never matches"
    if policy is HitPolicy.UNIQUE and any(len(hits) > 1 for hits in everything):
        return "overlap"
    if policy is HitPolicy.ANY and any(
        len({rows[i].then for i in hits}) > 1 for hits in everything
    ):
        return "conflict"
    if policy in (HitPolicy.FIRST, HitPolicy.PRIORITY):
        winners = {winner(policy, rows, hits, order) for hits in everything if hits}
        if len(winners) < len(rows):
            return "shadow"
    lenient = (
        HitPolicy.COLLECT,
        HitPolicy.COLLECT_COUNT,
        HitPolicy.OUTPUT_ORDER,
        HitPolicy.RULE_ORDER,
    )
    if default is NO_DEFAULT and policy not in lenient and any(not h for h in everything):
        return "gap"
    return None


class TestAgainstBruteForce:
    @given(table_specs())
    def test_checks_and_lookup_are_exact(
        self, spec: tuple[int, HitPolicy, list[Row], object, tuple[int, ...] | None]
    ) -> None:
        """A table builds exactly when a grid scan finds no defect, then agrees with the scan."""
        inputs, policy, rows, default, order = spec
        points = [(a,) for a in GRID] if inputs == 1 else [(a, b) for a in GRID for b in GRID]
        grid = {point: brute_matches(rows, point) for point in points}
        options: dict[str, AnyType] = {"hit_policy": policy, "output_order": order}
        if default is not NO_DEFAULT:
            options["default"] = default
        columns = tuple(Input(name) for name in ("a", "b")[:inputs])
        expected = problem(policy, rows, grid.values(), default, order)
        if expected is not None:
            with pytest.raises(ConfigurationError):
                DecisionTable("t", columns, rows, **options)
            return
        table = DecisionTable("t", columns, rows, **options)
        for point, hits in grid.items():
            assert table.matches(*point) == tuple(hits)
            assert table.lookup(*point) == oracle(policy, rows, hits, default, order)

    @given(st.lists(st.tuples(int_cells(), int_cells()), min_size=1, max_size=4))
    def test_no_gap_without_default(self, whens: list[tuple[Cell, Cell]]) -> None:
        """A FIRST table that builds without a default matches every bound and bound +-1."""
        rows = [Row(when, i) for i, when in enumerate(whens)]
        try:
            table = DecisionTable("t", (Input("a"), Input("b")), rows, hit_policy="F")
        except ConfigurationError:
            return
        near: set[int] = {0}
        for row in rows:
            for item in row.when:
                bounds = (
                    item.values
                    if isinstance(item, OneOf)
                    else (item.low, item.high)
                    if isinstance(item, Range)
                    else ()
                )
                near |= {b + d for b in bounds if b is not None for d in (-1, 0, 1)}
        for a in near:
            for b in near:
                assert table.matches(a, b), (a, b)

    @given(
        st.lists(
            st.tuples(
                st.sampled_from([Decimal(k) / 2 for k in range(7)]),
                st.sampled_from([Decimal(k) / 2 for k in range(7)]),
                st.booleans(),
                st.booleans(),
            ),
            max_size=4,
        ),
        st.sampled_from([HitPolicy.UNIQUE, HitPolicy.FIRST, HitPolicy.COLLECT_SUM]),
    )
    def test_dense_decimal_inputs(
        self, bounds: list[tuple[Decimal, Decimal, bool, bool]], policy: HitPolicy
    ) -> None:
        """On decimal inputs, checks and lookups agree with a scan at bounds and midpoints."""
        rows = []
        for k, (x, y, low_closed, high_closed) in enumerate(bounds):
            low, high = min(x, y), max(x, y)
            if low == high:
                low_closed = high_closed = True
            rows.append(Row(Range(low, high, low_closed=low_closed, high_closed=high_closed), k))
        points = {(Decimal(k) / 4,) for k in range(-2, 15)}  # bounds, midpoints, beyond
        grid = {point: brute_matches(rows, point) for point in sorted(points)}
        expected = problem(policy, rows, grid.values(), NO_DEFAULT, None)
        if expected is not None:
            with pytest.raises(ConfigurationError):
                DecisionTable("t", AGE, rows, hit_policy=policy)
            return
        table = DecisionTable("t", AGE, rows, hit_policy=policy)
        for point, hits in grid.items():
            assert table.lookup(*point) == oracle(policy, rows, hits, NO_DEFAULT, None)


class TestInstants:
    """Datetime bounds and values compare as instants (in UTC), also inside a DST fold."""

    NY = __import__("zoneinfo").ZoneInfo("America/New_York")

    def test_fold_second_pass_is_after_first_pass(self) -> None:
        """01:30 EST (fold=1, 06:30 UTC) is after a 01:45 EDT bound (05:45 UTC)."""
        bound = datetime(2025, 11, 2, 1, 45, tzinfo=self.NY)
        later = datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=self.NY)
        table = DecisionTable(
            "t",
            (Input("at"),),
            (Row((Range(None, bound),), "before"), Row((Range(bound, None),), "after")),
        )
        assert table.lookup(later) == "after"

    def test_range_across_the_fold_is_not_empty(self) -> None:
        """[01:45 EDT .. 01:30 EST) holds 45 minutes, though its wall clock runs backwards."""
        low = datetime(2025, 11, 2, 1, 45, tzinfo=self.NY)
        high = datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=self.NY)
        assert Range(low, high).contains(datetime(2025, 11, 2, 6, 0, tzinfo=UTC))

    def test_naive_bound_refused(self) -> None:
        """A naive datetime bound raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError):
            Range(datetime(2025, 1, 1), None)

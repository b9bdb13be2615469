"""Payouts: co-insurance (the share of what is left that the policy pays) and fixed benefits.

Every amount below is computed by hand in the docstring or a comment beside it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from safetycore.eligibility import (
    DecisionTable,
    Input,
    InvoiceLine,
    Param,
    Parameter,
    Payout,
    PayoutResult,
    Row,
)
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

SURGERY = InvoiceLine("surgery", Decimal("1200.00"))
X_RAY = InvoiceLine("x_ray", Decimal("600.00"))
GROOMING = InvoiceLine("grooming", Decimal("80.00"))

BENEFITS = DecisionTable(
    "procedure benefits",
    (
        Input("species", domain={"dog", "cat"}),
        Input("procedure", domain={"cruciate", "dental", "other"}),
    ),
    (
        Row(('"dog"', '"cruciate"'), Decimal("1500.00")),
        Row(('"dog"', '"dental"'), Decimal("300.00")),
        Row(('"dog"', '"other"'), Decimal("0.00")),
        Row(('"cat"', "-"), Decimal("250.00")),
    ),
)
DOG_CRUCIATE = {"species": "dog", "procedure": "cruciate"}


def summary(result: PayoutResult) -> list[tuple[str, Decimal, Decimal]]:
    """The steps as (label, change, amount after it)."""
    return [(step.label, step.change, step.amount) for step in result.steps]


def pay(payout: Payout, *lines: InvoiceLine, **options: Any) -> PayoutResult:
    """``payout.compute`` of the lines, without parameters or a care window by default."""
    parameters = options.pop("parameters", {})
    return payout.compute(lines, parameters, None, **options)


class TestPaysPercent:
    def test_default_pays_everything(self) -> None:
        """Without ``pays_percent`` there is no co-insurance step (the policy pays 100%)."""
        payout = Payout(Decimal("250"))
        assert payout.pays_percent is None
        assert [s.label for s in pay(payout, SURGERY).steps] == [
            "Invoiced",
            "Owner's share: 250.00",
        ]

    def test_after_the_share_and_before_the_cap(self) -> None:
        """1,800.00 less 250 = 1,550.00; 80% of it = 1,240.00; capped at 1,000.00."""
        payout = Payout(Decimal("250"), Decimal("1000"), pays_percent=Decimal("80"))
        result = pay(payout, SURGERY, X_RAY)
        assert summary(result) == [
            ("Invoiced", Decimal("1800.00"), Decimal("1800.00")),
            ("Owner's share: 250.00", Decimal("-250"), Decimal("1550.00")),
            ("Co-insurance: pays 80%", Decimal("-310.00"), Decimal("1240.00")),
            ("Cap: 1,000.00", Decimal("-240.00"), Decimal("1000.00")),
        ]
        assert result.payable == Decimal("1000.00")

    def test_after_exclusions_and_limits(self) -> None:
        """Exclusions and limits come first, then the share, then co-insurance.

        1,880.00 less grooming 80.00, less 200.00 over the x-ray limit of 400 = 1,600.00; less
        the 100 share = 1,500.00; 90% of it = 1,350.00.
        """
        payout = Payout(
            Decimal("100"),
            excluded={"grooming"},
            limits={"x_ray": Decimal("400")},
            pays_percent=Decimal("90"),
        )
        assert summary(pay(payout, SURGERY, X_RAY, GROOMING)) == [
            ("Invoiced", Decimal("1880.00"), Decimal("1880.00")),
            ("Not covered: grooming (line 3)", Decimal("-80.00"), Decimal("1800.00")),
            ("Limit for x_ray: 400.00", Decimal("-200.00"), Decimal("1600.00")),
            ("Owner's share: 100.00", Decimal("-100"), Decimal("1500.00")),
            ("Co-insurance: pays 90%", Decimal("-150.00"), Decimal("1350.00")),
        ]

    def test_rounds_half_up_to_the_cent(self) -> None:
        """50% of 100.05 is 50.025: half up gives 50.03 (banker's rounding would give 50.02)."""
        payout = Payout(Decimal(0), pays_percent=Decimal("50"))
        result = pay(payout, InvoiceLine("exam", Decimal("100.05")))
        assert result.steps[-1].change == Decimal("-50.02")
        assert result.payable == Decimal("50.03")

    def test_rounds_down_below_half_a_cent(self) -> None:
        """80% of 33.33 is 26.664, paid as 26.66; the owner's part is 6.67."""
        payout = Payout(Decimal(0), pays_percent=Decimal("80"))
        result = pay(payout, InvoiceLine("exam", Decimal("33.33")))
        assert (result.steps[-1].change, result.payable) == (Decimal("-6.67"), Decimal("26.66"))

    def test_a_cent_at_half_stays_a_cent(self) -> None:
        """50% of 0.01 is 0.005, which rounds up to 0.01: no change, so no step."""
        payout = Payout(Decimal(0), pays_percent=Decimal("50"))
        result = pay(payout, InvoiceLine("exam", Decimal("0.01")))
        assert [s.label for s in result.steps] == ["Invoiced"]
        assert result.payable == Decimal("0.01")

    def test_fractional_percent(self) -> None:
        """62.5% of 1,200.00 is exactly 750.00."""
        payout = Payout(Decimal(0), pays_percent=Decimal("62.5"))
        result = pay(payout, SURGERY)
        assert result.steps[-1].label == "Co-insurance: pays 62.5%"
        assert result.payable == Decimal("750.00")

    def test_zero_pays_nothing(self) -> None:
        """At 0% the co-insurance step takes all that is left."""
        payout = Payout(Decimal("200"), pays_percent=Decimal("0"))
        result = pay(payout, SURGERY)
        assert summary(result)[-1] == (
            "Co-insurance: pays 0%",
            Decimal("-1000.00"),
            Decimal("0.00"),
        )
        assert result.payable == Decimal("0.00")

    def test_hundred_is_no_step(self) -> None:
        """At 100% nothing changes, so there is no co-insurance step."""
        payout = Payout(Decimal(0), pays_percent=Decimal("100"))
        assert [s.label for s in pay(payout, SURGERY).steps] == ["Invoiced"]

    def test_nothing_left_after_the_share(self) -> None:
        """A share larger than the invoice leaves 0.00; 80% of nothing is no step."""
        payout = Payout(Decimal("250"), pays_percent=Decimal("80"))
        result = pay(payout, InvoiceLine("exam", Decimal("100.00")))
        assert [s.label for s in result.steps] == ["Invoiced", "Owner's share: 250.00"]
        assert result.payable == Decimal("0.00")

    def test_other_amounts_keep_their_precision(self) -> None:
        """Only the co-insurance step rounds: without it 10.005 stays 10.005."""
        result = pay(Payout(Decimal(0)), InvoiceLine("exam", Decimal("10.005")))
        assert result.payable == Decimal("10.005")

    def test_huge_amounts_round_without_error(self) -> None:
        """50% of 1E+400 is 5E+399: rounding it to the cent needs 402 digits and still works."""
        payout = Payout(Decimal(0), pays_percent=Decimal("50"))
        result = pay(payout, InvoiceLine("exam", Decimal("1E+400")))
        assert result.payable == Decimal("5E+399")

    def test_param(self) -> None:
        """A ``Param`` percentage is read from the version's parameters: 70% of 1,000.00."""
        payout = Payout(Decimal("200"), pays_percent=Param("coinsurance"))
        parameters = {"coinsurance": Parameter(Decimal("70"), source="plan s. 2")}
        result = pay(payout, SURGERY, parameters=parameters)
        assert result.payable == Decimal("700.00")

    @pytest.mark.parametrize(
        ("value", "error"),
        [
            (Decimal("100.01"), InvalidArgumentError),
            (Decimal("-1"), InvalidArgumentError),
            (Decimal("NaN"), InvalidArgumentError),
            (Decimal("Infinity"), InvalidArgumentError),
            (80, InputTypeError),
            (80.0, InputTypeError),
            (True, InputTypeError),
            ("80%", InputTypeError),
        ],
    )
    def test_refused(self, value: object, error: type[Exception]) -> None:
        """A percentage that is not a ``Decimal`` from 0 to 100 is refused, naming the field."""
        with pytest.raises(error) as info:
            Payout(Decimal(0), pays_percent=value)  # type: ignore[arg-type]
        assert (info.value.field, info.value.value) == ("pays_percent", value)  # type: ignore[attr-defined]

    def test_param_out_of_range(self) -> None:
        """A ``Param`` resolving to 120 is refused when the payout is computed."""
        payout = Payout(Decimal(0), pays_percent=Param("coinsurance"))
        parameters = {"coinsurance": Parameter(Decimal("120"), source="typo")}
        with pytest.raises(InvalidArgumentError) as info:
            pay(payout, SURGERY, parameters=parameters)
        assert (info.value.field, info.value.value) == ("pays_percent", Decimal("120"))


class TestFixedBenefit:
    def test_replaces_the_covered_amount(self) -> None:
        """A dog's cruciate surgery pays the table's 1,500.00, not the 2,000.00 invoiced."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        result = pay(payout, InvoiceLine("surgery", Decimal("2000.00")), facts=DOG_CRUCIATE)
        assert summary(result) == [
            ("Invoiced", Decimal("2000.00"), Decimal("2000.00")),
            (
                "Fixed benefit from procedure benefits for species='dog', procedure='cruciate'",
                Decimal("-500.00"),
                Decimal("1500.00"),
            ),
        ]
        assert result.payable == Decimal("1500.00")

    def test_may_pay_more_than_invoiced(self) -> None:
        """A fixed benefit is fixed: a cat's 120.00 visit pays 250.00 (a +130.00 step)."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        result = pay(
            payout,
            InvoiceLine("exam", Decimal("120.00")),
            facts={"species": "cat", "procedure": "dental"},
        )
        assert result.steps[-1].change == Decimal("130.00")
        assert result.payable == Decimal("250.00")

    def test_zero_benefit(self) -> None:
        """A benefit of 0.00 pays nothing: the step takes the whole covered amount."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        result = pay(payout, SURGERY, facts={"species": "dog", "procedure": "other"})
        assert (result.steps[-1].change, result.payable) == (Decimal("-1200.00"), Decimal("0.00"))

    def test_nothing_covered_pays_no_benefit(self) -> None:
        """Only a grooming line, which is not covered: no covered care, so no benefit step."""
        payout = Payout(Decimal(0), excluded={"grooming"}, benefit=BENEFITS)
        result = pay(payout, GROOMING, facts=DOG_CRUCIATE)
        assert [s.label for s in result.steps] == ["Invoiced", "Not covered: grooming (line 1)"]
        assert result.payable == Decimal("0.00")

    def test_no_lines_pay_no_benefit(self) -> None:
        """An empty invoice has no covered care: 0, and no benefit step."""
        result = pay(Payout(Decimal(0), benefit=BENEFITS), facts=DOG_CRUCIATE)
        assert [s.label for s in result.steps] == ["Invoiced"]
        assert result.payable == Decimal(0)

    def test_then_share_co_insurance_and_cap(self) -> None:
        """After the benefit come the share, co-insurance and the cap.

        2,000.00 -> benefit 1,500.00 -> less 100 share = 1,400.00 -> 80% = 1,120.00 -> cap
        1,000.00.
        """
        payout = Payout(
            Decimal("100"), Decimal("1000"), pays_percent=Decimal("80"), benefit=BENEFITS
        )
        result = pay(payout, InvoiceLine("surgery", Decimal("2000.00")), facts=DOG_CRUCIATE)
        assert [(s.change, s.amount) for s in result.steps] == [
            (Decimal("2000.00"), Decimal("2000.00")),
            (Decimal("-500.00"), Decimal("1500.00")),
            (Decimal("-100"), Decimal("1400.00")),
            (Decimal("-280.00"), Decimal("1120.00")),
            (Decimal("-120.00"), Decimal("1000.00")),
        ]

    def test_collect_sum_table(self) -> None:
        """A C+ table adds the matching benefits: 100.00 + 40.00 for a senior dog."""
        table = DecisionTable(
            "senior top-up",
            (Input("age"),),
            (Row("-", Decimal("100.00")), Row(">= 8", Decimal("40.00"))),
            hit_policy="C+",
        )
        result = pay(Payout(Decimal(0), benefit=table), SURGERY, facts={"age": 9})
        assert result.payable == Decimal("140.00")

    def test_reads_the_table_inputs(self) -> None:
        """The payout reads its invoice and each of the table's inputs as facts."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        assert payout.reads() == {"invoice", "species", "procedure"}

    def test_fact_not_given(self) -> None:
        """A table input missing from ``facts`` raises naming it."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        with pytest.raises(InvalidArgumentError) as info:
            pay(payout, SURGERY, facts={"species": "dog"})
        assert info.value.field == "facts['procedure']"
        with pytest.raises(InvalidArgumentError) as info:
            pay(payout, SURGERY)
        assert info.value.field == "facts['species']"

    def test_value_outside_the_domain(self) -> None:
        """A fact value the table does not know raises as its lookup does, naming the input."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        with pytest.raises(InvalidArgumentError) as info:
            pay(payout, SURGERY, facts={"species": "rabbit", "procedure": "dental"})
        assert (info.value.field, info.value.value) == ("species", "rabbit")

    def test_facts_not_a_mapping(self) -> None:
        """``facts`` that is not a mapping raises ``InputTypeError``."""
        payout = Payout(Decimal(0), benefit=BENEFITS)
        with pytest.raises(InputTypeError) as info:
            pay(payout, SURGERY, facts=[("species", "dog")])
        assert info.value.field == "facts"

    def test_facts_ignored_without_a_benefit(self) -> None:
        """Without a benefit table, ``facts`` is not read."""
        assert pay(Payout(Decimal(0)), SURGERY, facts={"x": 1}).payable == Decimal("1200.00")

    def test_not_a_table(self) -> None:
        """A benefit that is not a ``DecisionTable`` raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            Payout(Decimal(0), benefit={"dog": Decimal(1)})  # type: ignore[arg-type]
        assert info.value.field == "benefit"

    @pytest.mark.parametrize("policy", ["C", "C#", "O", "R"])
    def test_table_of_several_outputs_refused(self, policy: str) -> None:
        """A table whose lookup gives a tuple or a count is no amount: refused at construction."""
        order = (Decimal(1),) if policy == "O" else None
        table = DecisionTable(
            "t", (Input("age"),), (Row("-", Decimal(1)),), hit_policy=policy, output_order=order
        )
        with pytest.raises(ConfigurationError) as info:
            Payout(Decimal(0), benefit=table)
        assert (info.value.field, info.value.value) == ("benefit.hit_policy", policy)

    @pytest.mark.parametrize(
        ("then", "error"),
        [(5, InputTypeError), (5.0, InputTypeError), (Decimal("-1"), InvalidArgumentError)],
    )
    def test_output_not_an_amount(self, then: object, error: type[Exception]) -> None:
        """A row output that is not an amount is refused at construction, naming the row."""
        table = DecisionTable("t", (Input("age"),), (Row("< 5", Decimal(1)), Row(">= 5", then)))
        with pytest.raises(error) as info:
            Payout(Decimal(0), benefit=table)
        assert (info.value.field, info.value.value) == ("benefit.rows[1].then", then)  # type: ignore[attr-defined]

    def test_default_not_an_amount(self) -> None:
        """A table default that is not an amount is refused at construction."""
        table = DecisionTable("t", (Input("age"),), (Row("< 5", Decimal(1)),), default=None)
        with pytest.raises(InputTypeError) as info:
            Payout(Decimal(0), benefit=table)
        assert info.value.field == "benefit.default"

    def test_input_not_a_fact_name(self) -> None:
        """A table input that cannot name a fact (``pet species``) is refused at construction."""
        table = DecisionTable("t", (Input("pet species"),), (Row("-", Decimal(1)),))
        with pytest.raises(InputTypeError) as info:
            Payout(Decimal(0), benefit=table)
        assert (info.value.field, info.value.value) == ("benefit.inputs[0]", "pet species")

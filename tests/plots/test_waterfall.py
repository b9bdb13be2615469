"""``plots.payout_waterfall``: invoiced, each step's change, payable, as floating bars."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import attrs
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from safetycore.eligibility import (
    Decision,
    InvoiceLine,
    Payout,
    PayoutResult,
    PayoutStep,
    Verdict,
)
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots import payout_waterfall

# docs/eligibility.md's worked example: 1,800 invoiced, 250 share, 80 % co-insurance, 1,000 cap.
HEALTH = Payout(Decimal("250"), Decimal("1000"), pays_percent=Decimal("80")).compute(
    (InvoiceLine("surgery", Decimal("1800.00")),), {}, None
)
DECISION = Decision(
    verdict=Verdict.ELIGIBLE,
    policy_id="health",
    policy_title="Health plan",
    version="1",
    effective_from=None,
    results=(),
    payout=HEALTH,
)


def geometry(figure: Figure) -> list[tuple[float, float]]:
    """Each bar's (bottom, height), left to right."""
    return [(p.get_y(), p.get_height()) for p in figure.axes[0].patches]


def test_bars_are_the_payout_steps() -> None:
    """Invoiced 0-1800, then 1550-1800, 1240-1550, 1000-1240, and Payable 0-1000."""
    assert geometry(payout_waterfall(DECISION)) == [
        (0.0, 1800.0),
        (1550.0, 250.0),
        (1240.0, 310.0),
        (1000.0, 240.0),
        (0.0, 1000.0),
    ]


def test_ticks_labels_and_colours() -> None:
    """Ticks are the step labels; bars carry exact amounts; reductions are red, totals blue."""
    axes = payout_waterfall(DECISION).axes[0]
    assert [t.get_text().replace("\n", " ") for t in axes.get_xticklabels()] == [
        "Invoiced",
        "Owner's share: 250.00",
        "Co-insurance: pays 80%",
        "Cap: 1,000.00",
        "Payable",
    ]
    assert [t.get_text() for t in axes.texts] == [
        "1,800.00",
        "-250.00",
        "-310.00",
        "-240.00",
        "1,000.00 USD",
    ]
    colours = [to_hex(p.get_facecolor()) for p in axes.patches]
    assert colours == ["#4c72b0", "#c44e52", "#c44e52", "#c44e52", "#4c72b0"]
    assert axes.get_ylabel() == "amount (USD)"


def test_an_increase_rises_from_the_amount_before() -> None:
    """A positive step spans from the amount before it up to the amount after, in green."""
    steps = (
        PayoutStep("Invoiced", Decimal("100"), Decimal("100")),
        PayoutStep("Bonus", Decimal("20.5"), Decimal("120.5")),
    )
    figure = payout_waterfall(PayoutResult(steps, Decimal("120.5"), "EUR"))
    assert geometry(figure) == [(0.0, 100.0), (100.0, 20.5), (0.0, 120.5)]
    assert to_hex(figure.axes[0].patches[1].get_facecolor()) == "#55a868"
    assert figure.axes[0].texts[1].get_text() == "+20.50"
    assert figure.axes[0].get_title() == "Payout: 120.50 EUR payable"


def test_titles() -> None:
    """An eligible claim "pays", a needs-info one "would pay"; ``title=`` replaces them."""
    assert payout_waterfall(DECISION).axes[0].get_title() == "Health plan: pays 1,000.00 USD"
    pending = attrs.evolve(DECISION, verdict=Verdict.NEEDS_INFO)
    title = payout_waterfall(pending).axes[0].get_title()
    assert title == "Health plan: would pay 1,000.00 USD"
    assert payout_waterfall(DECISION, title="Claim 7").axes[0].get_title() == "Claim 7"


def test_draws_into_a_given_axes_even_from_threads() -> None:
    """With ``ax=`` the bars go on that Axes; figures drawn in threads at once all agree."""
    figure = Figure()
    axes = figure.add_subplot()
    assert payout_waterfall(DECISION, ax=axes) is figure
    with ThreadPoolExecutor(4) as pool:
        drawn = list(pool.map(lambda _: geometry(payout_waterfall(DECISION)), range(8)))
    assert all(bars == geometry(figure) for bars in drawn)


def test_without_a_payout_or_a_decision() -> None:
    """A decision with no payout names ``decision.payout``; other values are refused."""
    with pytest.raises(InvalidArgumentError, match="ineligible") as caught:
        payout_waterfall(attrs.evolve(DECISION, verdict=Verdict.INELIGIBLE, payout=None))
    assert caught.value.field == "decision.payout"
    with pytest.raises(InputTypeError, match="decision"):
        payout_waterfall(HEALTH.steps)  # type: ignore[arg-type]

"""A payout waterfall: the invoiced amount, each step's change, and what is payable."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import Final

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from safetycore.eligibility import Decision, PayoutResult, Verdict
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots._axes import labelled_ticks, surface, text_title

__all__ = ["COLOURS", "payout_waterfall", "waterfall_bars"]

COLOURS: Final = {"total": "#4c72b0", "down": "#c44e52", "up": "#55a868"}


def waterfall_bars(payout: PayoutResult) -> list[tuple[str, Decimal, Decimal, str]]:
    """The bars as ``(label, bottom, height, kind)``, amounts exact.

    The first step (the total invoiced) rises from 0 to its amount; each later step spans
    its change, from the lower to the higher of the amounts before and after it (``kind``
    ``"down"`` for a reduction, ``"up"`` for an increase); the last bar, ``Payable``, rises
    from 0 to the payable amount.
    """
    first, *rest = payout.steps
    bars = [(first.label, Decimal(0), first.amount, "total")]
    before = first.amount
    for step in rest:
        bars.append(
            (
                step.label,
                min(before, step.amount),
                abs(step.change),
                "down" if step.change < 0 else "up",
            )
        )
        before = step.amount
    bars.append(("Payable", Decimal(0), payout.payable, "total"))
    return bars


def _payout(decision: object) -> tuple[PayoutResult, str]:
    """The payout to draw and the default title."""
    if isinstance(decision, PayoutResult):
        return decision, f"Payout: {decision.payable:,.2f} {decision.currency} payable"
    if not isinstance(decision, Decision):
        raise InputTypeError(
            "must be a Decision (or its PayoutResult)", field="decision", value=decision
        )
    if decision.payout is None or not decision.payout.steps:
        raise InvalidArgumentError(
            f"has no payout steps (a {decision.verdict.value} decision without an amount)",
            field="decision.payout",
            value=decision.payout,
        )
    payout = decision.payout
    verb = "pays" if decision.verdict is Verdict.ELIGIBLE else "would pay"
    return payout, f"{decision.policy_title}: {verb} {payout.payable:,.2f} {payout.currency}"


def payout_waterfall(
    decision: Decision | PayoutResult, *, title: str | None = None, ax: Axes | None = None
) -> Figure:
    """A waterfall of a decision's payout steps: invoiced, each change, payable.

    One bar per step, left to right in the payout's order, then a ``Payable`` bar: the
    first step (the total invoiced) and ``Payable`` rise from 0 (blue); each other step
    spans its change between the running amounts before and after it (red for a
    reduction, green for an increase; a step that changes nothing is a bar of height 0).
    Dotted lines carry the running amount from bar to bar. Each bar is labelled with the
    step's exact ``Decimal`` (the first with its amount, the others with their signed
    change, ``Payable`` with the amount and currency), formatted as ``render`` formats
    them; only the bar geometry is drawn from floats. Tick labels are the step labels,
    wrapped.

    Args:
        decision: an ``eligibility.Decision`` with a payout (an eligible or needs-info
            claim with an invoice), or a ``PayoutResult`` itself.
        title: the axes' title (default "<policy>: pays <payable> <currency>", "would pay"
            unless the claim is eligible).
        ax: an Axes to draw into; a new ``Figure`` is made when ``None``.

    Returns:
        The ``Figure`` drawn on (``ax``'s own figure when given). pyplot is never used.

    Raises:
        InputTypeError: ``decision`` is neither; ``title`` is not text; ``ax`` is no Axes.
        InvalidArgumentError: the decision has no payout (``decision.payout``).
    """
    payout, default = _payout(decision)
    figure, axes = surface(ax, text_title(title), default)
    bars = waterfall_bars(payout)
    drawn = axes.bar(
        range(len(bars)),
        [float(height) for _, _, height, _ in bars],
        0.6,
        bottom=[float(bottom) for _, bottom, _, _ in bars],
        color=[COLOURS[kind] for *_, kind in bars],
    )
    texts = [f"{payout.steps[0].amount:,.2f}"]
    texts += [f"{step.change:+,.2f}" for step in payout.steps[1:]]
    texts.append(f"{payout.payable:,.2f} {payout.currency}")
    axes.bar_label(drawn, labels=texts, fontsize=8)
    running = [step.amount for step in payout.steps]
    for i, amount in enumerate(running):
        axes.hlines(float(amount), i + 0.3, i + 0.7, colors="grey", linestyles="dotted")
    labelled_ticks(axes, [textwrap.fill(label, 18) for label, *_ in bars])
    axes.tick_params(axis="x", labelsize=8)
    axes.set_ylabel(f"amount ({payout.currency})")
    highest = float(max(*running, payout.payable))
    axes.set_ylim(0, highest * 1.12 if highest > 0 else 1.0)
    return figure

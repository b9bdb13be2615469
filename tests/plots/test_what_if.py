"""``plots.what_if``: attainment, breaches and median time of two policies, side by side."""

from __future__ import annotations

import attrs
import pytest

from safetycore.analysis import SlaComparison
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots import what_if


def heights(comparison: SlaComparison) -> list[dict[str, list[float]]]:
    """Per panel, each side's bar heights."""
    return [
        {c.get_label(): [p.get_height() for p in c] for c in axes.containers}
        for axes in what_if(comparison).axes
    ]


def test_bars_are_the_hand_computed_summary(comparison: SlaComparison) -> None:
    """4 h then 2 h: first reply met by 5 of 7 then 3 of 7; every resolution breached."""
    attained, breached, median = heights(comparison)
    assert attained["before"] == pytest.approx([5 / 7, 0.0])
    assert attained["after"] == pytest.approx([3 / 7, 0.0])
    assert breached == {"before": [2, 5], "after": [4, 5]}
    # Replies 0.5, 1, 1, 2, 3, 4, 5 h: median 2 h; no resolution cycle ended, so no bar.
    assert median == {"before": [2.0], "after": [2.0]}


def test_panels_ticks_and_legend(comparison: SlaComparison) -> None:
    """Three titled panels; ticks name the targeted metrics; the legend names the sides."""
    figure = what_if(comparison, labels=("4 h", "2 h"))
    assert [a.get_title() for a in figure.axes] == [
        "attainment",
        "breached cycles",
        "median business hours",
    ]
    for axes in figure.axes:
        assert [t.get_text() for t in axes.get_xticklabels()] == ["first_reply", "resolution"]
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["4 h", "2 h"]
    assert figure.get_suptitle() == "What-if: 4 h vs 2 h"


def test_values_are_labelled(comparison: SlaComparison) -> None:
    """Attainment as percentages, breaches as counts, medians in hours."""
    attained, breached, median = (
        [t.get_text() for t in axes.texts] for axes in what_if(comparison).axes
    )
    assert attained == ["71%", "0%", "43%", "0%"]
    assert breached == ["2", "5", "4", "5"]
    assert median == ["2.00h", "2.00h"]


def test_title_given(comparison: SlaComparison) -> None:
    """``title=`` replaces the default figure title."""
    assert what_if(comparison, title="Q3 targets").get_suptitle() == "Q3 targets"


def test_no_targeted_metric_says_so(comparison: SlaComparison) -> None:
    """A summary without a targeted cycle on either side gives one panel with a note."""
    summary = comparison.summary.assign(cycles_before=0, cycles_after=0)
    (axes,) = what_if(attrs.evolve(comparison, summary=summary)).axes
    assert [t.get_text() for t in axes.texts] == ["no metric has a target on either side"]


def test_bad_arguments_are_refused(comparison: SlaComparison) -> None:
    """A non-comparison, labels that are not two names, and a summary missing a column."""
    with pytest.raises(InputTypeError, match="comparison"):
        what_if(comparison.summary)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="labels"):
        what_if(comparison, labels=("only one",))  # type: ignore[arg-type]
    summary = comparison.summary.drop(columns=["breached_after"])
    with pytest.raises(InvalidArgumentError, match="breached_after") as caught:
        what_if(attrs.evolve(comparison, summary=summary))
    assert caught.value.field == "comparison.summary.columns"

"""``plots.attainment``: met over met plus breached, by metric and priority, as grouped bars."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots import attainment

# Hand-computed from the seven cases (conftest): first reply met by 1 of 2 urgent, 2 of 3
# normal, 1 of 1 low and 1 of 1 without a priority; every resolution cycle is breached.
EXPECTED = {
    "urgent": [0.5],
    "normal": [2 / 3, 0.0],
    "low": [1.0, 0.0],
    "(none)": [1.0, 0.0],
}


def test_bars_are_the_hand_computed_attainment(frame: pd.DataFrame) -> None:
    """One bar container per priority, in urgent-high-normal-low-(none) order, heights exact."""
    axes = attainment(frame).axes[0]
    heights = {c.get_label(): [p.get_height() for p in c] for c in axes.containers}
    assert list(heights) == list(EXPECTED)
    for priority, expected in EXPECTED.items():
        assert heights[priority] == pytest.approx(expected)
    assert sum(len(c) for c in axes.containers) == 7


def test_metrics_name_the_ticks_and_priorities_the_legend(frame: pd.DataFrame) -> None:
    """The x ticks are the metrics with a decided cycle; the legend lists the priorities."""
    axes = attainment(frame).axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["first_reply", "resolution"]
    legend = axes.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == list(EXPECTED)
    assert legend.get_title().get_text() == "priority"


def test_bars_are_labelled_as_percentages(frame: pd.DataFrame) -> None:
    """Each bar carries its attainment as a whole percentage."""
    axes = attainment(frame).axes[0]
    assert [t.get_text() for t in axes.texts] == ["50%", "67%", "0%", "100%", "0%", "100%", "0%"]


def test_bars_sit_in_their_metric_group(frame: pd.DataFrame) -> None:
    """A bar's centre is within its metric's group: the urgent bar at first_reply (x near 0)."""
    axes = attainment(frame).axes[0]
    urgent = axes.containers[0]
    (bar,) = urgent
    assert -0.4 < bar.get_x() + bar.get_width() / 2 < 0
    normal = axes.containers[1]
    assert [round(p.get_x() + p.get_width() / 2) for p in normal] == [0, 1]


def test_title_default_and_given(frame: pd.DataFrame) -> None:
    """The default title says what is shown; ``title=`` replaces it."""
    assert attainment(frame).axes[0].get_title() == "SLA attainment by metric and priority"
    assert attainment(frame, title="Week 10").axes[0].get_title() == "Week 10"


def test_draws_into_a_given_axes(frame: pd.DataFrame) -> None:
    """With ``ax=`` the bars go on that Axes and its own figure is returned."""
    figure = Figure()
    axes = figure.add_subplot()
    assert attainment(frame, ax=axes) is figure
    assert len(axes.containers) == 4


def test_no_decided_cycle_says_so(frame: pd.DataFrame) -> None:
    """A frame with nothing met or breached gives a figure with a note and no bars."""
    axes = attainment(frame[frame["state"] == "not_applicable"]).axes[0]
    assert axes.containers == []
    assert [t.get_text() for t in axes.texts] == ["no met or breached cycles"]


def test_missing_column_is_named(frame: pd.DataFrame) -> None:
    """A frame without ``priority`` raises InvalidArgumentError naming the column."""
    with pytest.raises(InvalidArgumentError, match="priority") as caught:
        attainment(frame.drop(columns=["priority"]))
    assert (caught.value.field, caught.value.value) == ("frame.columns", "priority")


def test_wrong_types_are_refused(frame: pd.DataFrame) -> None:
    """A non-DataFrame, a non-Axes ``ax`` and a non-text title raise InputTypeError."""
    with pytest.raises(InputTypeError, match="frame"):
        attainment(frame.to_dict())  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="ax"):
        attainment(frame, ax="left")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="title"):
        attainment(frame, title=3)  # type: ignore[arg-type]


def test_each_priority_keeps_its_colour(frame: pd.DataFrame) -> None:
    """A priority's bars have its fixed colour, whichever other priorities are present."""
    everyone = attainment(frame).axes[0].containers
    normal_only = attainment(frame[frame["priority"] == "normal"]).axes[0].containers
    colour = {c.get_label(): to_hex(c[0].get_facecolor()) for c in everyone}
    assert colour["normal"] == to_hex(normal_only[0][0].get_facecolor())
    assert len(set(colour.values())) == 4

"""``plots.reply_time_distribution``: histograms of business time, a panel per priority."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.axes import Axes

from safetycore.errors import InputTypeError, InvalidArgumentError, UnknownNameError
from safetycore.plots import reply_time_distribution


def counts(axes: Axes) -> list[float]:
    """The heights of a panel's histogram bars."""
    return [p.get_height() for p in axes.patches]


def target_lines(axes: Axes) -> dict[str, float]:
    """Each vertical line's legend label and its x."""
    return {line.get_label(): line.get_xdata()[0] for line in axes.get_lines()}


def test_one_panel_per_priority_in_reading_order(frame: pd.DataFrame) -> None:
    """Panels urgent, normal, low, (none), each titled with its count of cycles."""
    figure = reply_time_distribution(frame, bins=5)
    assert [a.get_title() for a in figure.axes] == [
        "priority urgent (2 cycles)",
        "priority normal (3 cycles)",
        "priority low (1 cycles)",
        "priority (none) (1 cycles)",
    ]


def test_histograms_are_the_hand_computed_counts(frame: pd.DataFrame) -> None:
    """Bins of one hour from 0 to 5: urgent 0.5 h, 2 h; normal 1, 3, 5 h; low 4 h; none 1 h."""
    urgent, normal, low, none = reply_time_distribution(frame, bins=5).axes
    assert counts(urgent) == [1, 0, 1, 0, 0]
    assert counts(normal) == [0, 1, 0, 1, 1]  # the last bin includes its right edge
    assert counts(low) == [0, 0, 0, 0, 1]
    assert counts(none) == [0, 1, 0, 0, 0]
    assert [p.get_x() for p in urgent.patches] == pytest.approx([0, 1, 2, 3, 4])


def test_the_target_line_sits_at_the_target(frame: pd.DataFrame) -> None:
    """Urgent's dashed line is at 1 h, the others' at 4 h, each labelled with its target."""
    urgent, normal, low, none = reply_time_distribution(frame).axes
    assert target_lines(urgent) == {"target 1h": 1.0}
    for axes in (normal, low, none):
        assert target_lines(axes) == {"target 4h": 4.0}
        legend = axes.get_legend()
        assert legend is not None
        assert [t.get_text() for t in legend.get_texts()] == ["target 4h"]


def test_minutes(frame: pd.DataFrame) -> None:
    """In minutes the bins and the target scale by sixty and the axis says so."""
    urgent, *_, none = reply_time_distribution(frame, unit="minutes", bins=5).axes
    assert target_lines(urgent) == {"target 60 min": 60.0}
    assert [p.get_x() for p in urgent.patches] == pytest.approx([0, 60, 120, 180, 240])
    assert none.get_xlabel() == "business minutes"


def test_titles(frame: pd.DataFrame) -> None:
    """The default figure title names the metric and the unit; ``title=`` replaces it."""
    figure = reply_time_distribution(frame)
    assert figure.get_suptitle() == "first_reply: business hours, cycles met or breached"
    assert figure.axes[-1].get_xlabel() == "business hours"
    assert reply_time_distribution(frame, title="Replies").get_suptitle() == "Replies"


def test_running_cycles_are_left_out(frame: pd.DataFrame) -> None:
    """Resolution cycles are all still running (breached): nothing ended, so a note says so."""
    figure = reply_time_distribution(frame, metric="resolution")
    (axes,) = figure.axes
    assert len(axes.patches) == 0
    assert [t.get_text() for t in axes.texts] == ["no resolution cycle met or breached"]


def test_bad_arguments_are_refused(frame: pd.DataFrame) -> None:
    """An unknown unit or metric, bins below 1 or not whole, a missing column: each named."""
    with pytest.raises(InvalidArgumentError, match="unit"):
        reply_time_distribution(frame, unit="days")
    with pytest.raises(UnknownNameError, match="metric"):
        reply_time_distribution(frame, metric="first_reploy")
    with pytest.raises(InvalidArgumentError, match="bins"):
        reply_time_distribution(frame, bins=0)
    with pytest.raises(InputTypeError, match="bins"):
        reply_time_distribution(frame, bins=2.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="business_elapsed"):
        reply_time_distribution(frame.drop(columns=["business_elapsed"]))

"""``plots._axes``: the shared checks, drawing surfaces and orders of every plot."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from safetycore.errors import InputTypeError, InvalidArgumentError, SafetycoreError
from safetycore.plots import attainment, breach_heatmap, reply_time_distribution
from safetycore.plots._axes import frame_with, offsets, ordered_priorities, surface


def test_priorities_read_urgent_to_low_then_others_then_none() -> None:
    """Known priorities in their urgency order, others sorted, missing ones last."""
    values = ["low", "(none)", "vip", "normal", "urgent", "basic", "high", "low"]
    assert ordered_priorities(values) == [
        "urgent",
        "high",
        "normal",
        "low",
        "basic",
        "vip",
        "(none)",
    ]


def test_a_missing_column_is_a_value_error_naming_it() -> None:
    """The error is an InvalidArgumentError (a ValueError) naming the column and the field."""
    frame = pd.DataFrame({"metric": ["first_reply"]})
    with pytest.raises(InvalidArgumentError) as caught:
        frame_with(frame, ["metric", "state"], field="frame", what="an sla_frame")
    error = caught.value
    assert isinstance(error, SafetycoreError)
    assert isinstance(error, ValueError)
    assert (error.field, error.value) == ("frame.columns", "state")
    assert "an sla_frame" in str(error)


def test_a_non_frame_is_a_type_error() -> None:
    """Anything but a DataFrame raises InputTypeError (a TypeError) naming the field."""
    with pytest.raises(InputTypeError) as caught:
        frame_with([1, 2], ["metric"], field="frame", what="an sla_frame")
    assert isinstance(caught.value, TypeError)
    assert caught.value.field == "frame"


def test_a_new_surface_is_a_plain_figure() -> None:
    """Without ``ax`` a new ``Figure`` with one titled Axes is made, outside pyplot."""
    figure, axes = surface(None, None, "Default")
    assert type(figure) is Figure
    assert figure.axes == [axes]
    assert axes.get_title() == "Default"


def test_an_axes_in_a_subfigure_returns_the_root_figure(frame: pd.DataFrame) -> None:
    """Drawing into an Axes of a SubFigure returns the top-level Figure that holds it."""
    figure = Figure()
    left, _ = figure.subfigures(1, 2)
    axes = left.add_subplot()
    assert attainment(frame, ax=axes) is figure


def test_offsets_centre_the_group_on_its_tick() -> None:
    """Bars side by side fill 0.8 of a tick's width, centred on it."""
    assert offsets(1) == ([0.0], 0.8)
    shifts, width = offsets(4)
    assert width == pytest.approx(0.2)
    assert shifts == pytest.approx([-0.3, -0.1, 0.1, 0.3])


@pytest.mark.parametrize(
    ("column", "junk"),
    [
        ("breached_at", ["2025-03-03T10:00:00+00:00"] * 35),  # text, not instants
        ("business_elapsed", [1.5] * 35),  # numbers, not durations
        ("running", ["false"] * 35),  # text, not flags
        ("priority", [["urgent"]] * 35),  # lists, not text
    ],
)
def test_a_column_of_another_kind_is_a_type_error(
    frame: pd.DataFrame, column: str, junk: list[object]
) -> None:
    """A needed column holding the wrong kind raises InputTypeError naming ``frame.<column>``."""
    spoilt = frame.assign(**{column: junk})
    plot = breach_heatmap if column == "breached_at" else reply_time_distribution
    with pytest.raises(InputTypeError) as caught:
        plot(spoilt)
    assert caught.value.field == f"frame.{column}"


def test_text_columns_may_be_categorical_string_or_object(frame: pd.DataFrame) -> None:
    """sla_frame's categoricals, pandas strings and object text with gaps are all text."""
    for dtype in ("category", "string", object):
        checked = frame.assign(priority=frame["priority"].astype(dtype))
        assert frame_with(checked, {"priority": "text"}, field="frame", what="x") is checked


def test_a_column_twice_is_refused(frame: pd.DataFrame) -> None:
    """Two columns of one name (which would read as a frame) raise InvalidArgumentError."""
    doubled = pd.concat([frame, frame[["state"]]], axis=1)
    with pytest.raises(InvalidArgumentError, match="twice"):
        attainment(doubled)

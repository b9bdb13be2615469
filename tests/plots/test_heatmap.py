"""``plots.breach_heatmap``: breaches counted by weekday and hour of their breach instant."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    UnknownNameError,
    UnknownTimeZoneError,
)
from safetycore.plots import breach_heatmap

MON, TUE = 0, 1


def grid_of(figure: Figure) -> np.ndarray:
    """The counts the heat map's image shows."""
    return np.asarray(figure.axes[0].images[0].get_array())


def expected(cells: dict[tuple[int, int], int]) -> np.ndarray:
    grid = np.zeros((7, 24), dtype=np.int64)
    for (day, hour), count in cells.items():
        grid[day, hour] = count
    return grid


def test_cells_are_the_hand_computed_counts_in_utc(frame: pd.DataFrame) -> None:
    """U2 breaches Mon 10:00, N3 Mon 13:00, five resolutions Tue 09:00 (UTC, the default)."""
    grid = grid_of(breach_heatmap(frame))
    assert grid.shape == (7, 24)
    assert np.array_equal(grid, expected({(MON, 10): 1, (MON, 13): 1, (TUE, 9): 5}))


def test_hours_are_read_in_the_given_zone(frame: pd.DataFrame) -> None:
    """In New York (UTC-5 in early March) the same breaches fall five hours earlier."""
    grid = grid_of(breach_heatmap(frame, zone="America/New_York"))
    assert np.array_equal(grid, expected({(MON, 5): 1, (MON, 8): 1, (TUE, 4): 5}))


def test_a_mapping_places_each_calendar_in_its_zone(frame: pd.DataFrame) -> None:
    """Each cycle's calendar is looked up: the 24x7 calendar in Tokyo (UTC+9)."""
    figure = breach_heatmap(frame, zone={"24x7": "Asia/Tokyo", "other": "UTC"})
    assert np.array_equal(grid_of(figure), expected({(MON, 19): 1, (MON, 22): 1, (TUE, 18): 5}))
    assert figure.axes[0].get_title() == "SLA breaches by hour of week (each calendar's zone)"


def test_one_metric(frame: pd.DataFrame) -> None:
    """``metric=`` counts only that metric's breaches, and says so in the title."""
    figure = breach_heatmap(frame, metric="first_reply")
    assert np.array_equal(grid_of(figure), expected({(MON, 10): 1, (MON, 13): 1}))
    assert figure.axes[0].get_title() == "first_reply breaches by hour of week (UTC)"


def test_counts_are_written_in_their_cells(frame: pd.DataFrame) -> None:
    """Each non-empty cell carries its count at (hour, weekday); empty cells are blank."""
    axes = breach_heatmap(frame).axes[0]
    written = {(t.get_position(), t.get_text()) for t in axes.texts}
    assert written == {((10, MON), "1"), ((13, MON), "1"), ((9, TUE), "5")}


def test_axes_name_weekdays_hours_and_the_colorbar(frame: pd.DataFrame) -> None:
    """Rows are Mon..Sun, columns 00..23, and a colorbar labelled "breaches" is added."""
    figure = breach_heatmap(frame)
    axes, colorbar = figure.axes
    assert [t.get_text() for t in axes.get_yticklabels()] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
    ]  # fmt: skip
    assert [t.get_text() for t in axes.get_xticklabels()] == [f"{h:02d}" for h in range(24)]
    assert colorbar.get_ylabel() == "breaches"
    assert axes.get_title() == "SLA breaches by hour of week (UTC)"


def test_draws_into_a_given_axes(frame: pd.DataFrame) -> None:
    """With ``ax=`` the grid goes on that Axes, titled as given, in its own figure."""
    figure = Figure()
    axes = figure.add_subplot()
    assert breach_heatmap(frame, ax=axes, title="Breaches") is figure
    assert axes.get_title() == "Breaches"
    assert int(np.asarray(axes.images[0].get_array()).sum()) == 7


def test_bad_zones_are_refused(frame: pd.DataFrame) -> None:
    """An unknown zone, a zone of the wrong type, and a calendar the mapping lacks."""
    with pytest.raises(UnknownTimeZoneError, match="Mars/Olympus"):
        breach_heatmap(frame, zone="Mars/Olympus")
    with pytest.raises(InputTypeError, match="zone"):
        breach_heatmap(frame, zone=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="24x7") as caught:
        breach_heatmap(frame, zone={"other": "UTC"})
    assert caught.value.field == "zone"


def test_unknown_metric_is_refused(frame: pd.DataFrame) -> None:
    """A metric the frame lacks (a misspelling) raises UnknownNameError listing the metrics."""
    with pytest.raises(UnknownNameError, match="first_reply"):
        breach_heatmap(frame, metric="first_replies")


def test_missing_columns_are_named(frame: pd.DataFrame) -> None:
    """Without ``breached_at``, or without ``calendar`` for a mapping, the column is named."""
    with pytest.raises(InvalidArgumentError, match="breached_at"):
        breach_heatmap(frame.drop(columns=["breached_at"]))
    breach_heatmap(frame.drop(columns=["calendar"]))  # one zone needs no calendar
    with pytest.raises(InvalidArgumentError, match="calendar"):
        breach_heatmap(frame.drop(columns=["calendar"]), zone={"24x7": "UTC"})

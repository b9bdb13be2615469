"""SLA attainment by metric and priority: grouped bars of met over met plus breached."""

from __future__ import annotations

from typing import Final

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from safetycore.plots._axes import (
    DECIDED,
    TEXT,
    frame_with,
    labelled_ticks,
    note,
    offsets,
    ordered_priorities,
    positions,
    priority_colours,
    priority_labels,
    surface,
    text_title,
)

__all__ = ["attainment", "attainment_table"]

COLUMNS: Final = {"metric": TEXT, "state": TEXT, "priority": TEXT}


def attainment_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Met, decided and attainment by metric (rows) and priority (columns).

    A cycle is decided when its ``state`` is met or breached (a running cycle past its due
    instant is breached); running, paused, cancelled and untargeted cycles are left out, as
    ``compare_sla``'s summary leaves them out. Attainment is ``NaN`` where none is decided.
    """
    state = frame["state"].astype(object)
    decided = frame.loc[state.isin(DECIDED).to_numpy()]
    if decided.empty:
        return pd.DataFrame(columns=["met", "decided", "attainment"])
    grouped = pd.DataFrame(
        {
            "metric": decided["metric"].astype(object).map(str),
            "priority": priority_labels(decided),
            "met": (decided["state"].astype(object) == "met").astype(int),
        }
    ).groupby(["metric", "priority"], sort=True)["met"]
    table = pd.DataFrame({"met": grouped.sum(), "decided": grouped.count()})
    table["attainment"] = table["met"] / table["decided"]
    return table


def attainment(frame: pd.DataFrame, *, title: str | None = None, ax: Axes | None = None) -> Figure:
    """SLA attainment of an ``sla_frame``, by metric and priority, as grouped bars.

    One group of bars per metric with a decided cycle (sorted by name), one bar per priority
    (urgent, high, normal, low, then any other sorted, then ``(none)`` for cases without a
    priority); each bar's height is the share of that metric's decided cycles (met or
    breached) that were met, labelled as a percentage. A (metric, priority) without a
    decided cycle has no bar. The legend names the priorities.

    Args:
        frame: an ``analysis.sla_frame`` (needs ``metric``, ``state``, ``priority``).
        title: the axes' title (default "SLA attainment by metric and priority").
        ax: an Axes to draw into; a new ``Figure`` is made when ``None``.

    Returns:
        The ``Figure`` drawn on (``ax``'s own figure when given). pyplot is never used.

    Raises:
        InputTypeError: ``frame`` is not a DataFrame, ``ax`` not an Axes, ``title`` not text.
        InvalidArgumentError: a needed column is missing (named).
    """
    frame = frame_with(frame, COLUMNS, field="frame", what="an sla_frame")
    figure, axes = surface(ax, text_title(title), "SLA attainment by metric and priority")
    table = attainment_table(frame)
    if table.empty:
        note(axes, "no met or breached cycles")
        return figure
    metrics = sorted(set(table.index.get_level_values("metric")))
    priorities = ordered_priorities(table.index.get_level_values("priority"))
    shifts, width = offsets(len(priorities))
    colours = priority_colours(priorities)
    for priority, shift, colour in zip(priorities, shifts, colours, strict=True):
        xs, heights = [], []
        for x, metric in zip(positions(len(metrics), shift), metrics, strict=True):
            if (metric, priority) in table.index:
                xs.append(x)
                heights.append(float(table.loc[(metric, priority), "attainment"]))
        bars = axes.bar(xs, heights, width, label=priority, color=colour)
        axes.bar_label(bars, labels=[f"{h:.0%}" for h in heights], fontsize=8)
    labelled_ticks(axes, metrics)
    axes.set_ylim(0, 1.12)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel("met / (met + breached)")
    axes.legend(title="priority", fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure

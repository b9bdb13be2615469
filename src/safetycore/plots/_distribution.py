"""The distribution of a metric's business time (time to first reply), one panel a priority."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from safetycore._config import whole_number
from safetycore.errors import InvalidArgumentError
from safetycore.plots._axes import (
    DECIDED,
    DURATION,
    FLAG,
    TEXT,
    frame_with,
    known_metric,
    note,
    ordered_priorities,
    priority_colours,
    priority_labels,
    text_title,
)

__all__ = ["UNITS", "ended_cycles", "reply_time_distribution"]

COLUMNS: Final = {
    "metric": TEXT,
    "state": TEXT,
    "running": FLAG,
    "priority": TEXT,
    "business_elapsed": DURATION,
    "target": DURATION,
}
UNITS: Final = {"hours": 3600.0, "minutes": 60.0}  # seconds in one unit


def ended_cycles(frame: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The cycles of ``metric`` that ended met or breached, with a ``_priority`` label.

    These are the cycles ``compare_sla``'s ``median_elapsed`` is over: a running cycle,
    even one past its due instant, has no time to first reply yet.
    """
    state = frame["state"].astype(object)
    keep = (frame["metric"].astype(object) == metric) & state.isin(DECIDED) & ~frame["running"]
    keep &= frame["business_elapsed"].notna()
    ended = frame.loc[keep.to_numpy()]
    return ended.assign(_priority=priority_labels(ended))


def _duration(value: pd.Timedelta, unit: str) -> str:
    """A target as a short label: ``4h``, ``1.5h``, ``90 min``."""
    amount = value.total_seconds() / UNITS[unit]
    return f"{amount:g}h" if unit == "hours" else f"{amount:g} min"


def reply_time_distribution(
    frame: pd.DataFrame,
    *,
    metric: str = "first_reply",
    unit: str = "hours",
    bins: int = 20,
    title: str | None = None,
) -> Figure:
    """A histogram of a metric's business time, one panel per priority, targets drawn.

    The cycles are those of ``metric`` that ended met or breached (the cycles
    ``compare_sla``'s ``median_elapsed`` is over: for ``first_reply``, the time to first
    reply). The x axis is **business** time (``business_elapsed``: the open hours of the
    target's calendar while the clock ran, pauses excluded) in ``unit`` (``"hours"``, the
    default, or ``"minutes"``). Targets differ by priority, so each priority present has
    with such a cycle has its own panel (urgent, high, normal, low, then others, then
    ``(none)``), stacked with
    one shared x axis and the same bin edges, each titled with its cycle count; each
    distinct target among the panel's cycles is a dashed vertical line at the target's x,
    labelled ("target 4h"). The edges run from 0 to the largest time or target.

    Args:
        frame: an ``analysis.sla_frame`` (needs ``metric``, ``state``, ``running``,
            ``priority``, ``business_elapsed``, ``target``).
        metric: the metric (default ``"first_reply"``).
        unit: ``"hours"`` or ``"minutes"``.
        bins: the number of bins (a whole number, at least 1).
        title: the figure's title (default "<metric>: business <unit>, cycles met or
            breached").

    Returns:
        A new ``Figure`` (pyplot is never used).

    Raises:
        InputTypeError: a wrong type for ``frame``, ``metric``, ``bins`` or ``title``.
        InvalidArgumentError: a needed column is missing, ``unit`` is not a known unit,
            ``bins`` is below 1.
        UnknownNameError: ``metric`` is not a metric of the frame.
    """
    frame = frame_with(frame, COLUMNS, field="frame", what="an sla_frame")
    known_metric(frame, metric)
    if not isinstance(unit, str) or unit not in UNITS:
        raise InvalidArgumentError(f"must be one of: {', '.join(UNITS)}", field="unit", value=unit)
    if whole_number(bins, "bins") < 1:
        raise InvalidArgumentError("must be at least 1", field="bins", value=bins)
    heading = text_title(title)
    ended = ended_cycles(frame, metric)
    figure = Figure(layout="constrained")
    figure.suptitle(
        f"{metric}: business {unit}, cycles met or breached" if heading is None else heading
    )
    priorities = ordered_priorities(ended["_priority"])
    if not priorities:
        note(figure.add_subplot(), f"no {metric} cycle met or breached")
        return figure
    scale = UNITS[unit]
    values = (ended["business_elapsed"].dt.total_seconds() / scale).to_numpy(dtype=float)
    targets = (ended["target"].dropna().dt.total_seconds() / scale).to_numpy(dtype=float)
    top = max(float(values.max()), float(targets.max()) if len(targets) else 0.0)
    edges = np.histogram_bin_edges(values, bins=bins, range=(0.0, top if top > 0 else 1.0))
    figure.set_size_inches(6.4, 1.2 + 2.0 * len(priorities))
    panels = figure.subplots(len(priorities), 1, sharex=True, squeeze=False)[:, 0]
    colours = priority_colours(priorities)
    for axes, priority, colour in zip(panels, priorities, colours, strict=True):
        rows = ended.loc[(ended["_priority"] == priority).to_numpy()]
        times = rows["business_elapsed"].dt.total_seconds() / scale
        axes.hist(times.to_numpy(dtype=float), bins=edges, color=colour)
        for target in sorted(set(rows["target"].dropna())):
            axes.axvline(
                target.total_seconds() / scale,
                color="black",
                linestyle="--",
                label=f"target {_duration(target, unit)}",
            )
        axes.set_title(f"priority {priority} ({len(rows)} cycles)", fontsize=9)
        axes.set_ylabel("cycles")
        if axes.get_legend_handles_labels()[0]:
            axes.legend(fontsize=8)
    panels[-1].set_xlabel(f"business {unit}")
    return figure

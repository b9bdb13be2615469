"""A what-if of two SLA policies: attainment, breaches and median time, before and after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from safetycore.analysis.sla_compare import SlaComparison
from safetycore.errors import InputTypeError
from safetycore.plots._axes import (
    DURATION,
    NUMBER,
    frame_with,
    labelled_ticks,
    note,
    offsets,
    positions,
    text_title,
)

__all__ = ["PANELS", "what_if"]

SIDES: Final = ("before", "after")
# (summary column, panel title, how a bar's value reads)
PANELS: Final = (
    ("attainment", "attainment", "{:.0%}"),
    ("breached", "breached cycles", "{:.0f}"),
    ("median_elapsed", "median business hours", "{:.2f}h"),
)
_KINDS: Final = {
    "cycles": NUMBER,
    "attainment": NUMBER,
    "breached": NUMBER,
    "median_elapsed": DURATION,
}
COLUMNS: Final = {f"{name}_{side}": kind for name, kind in _KINDS.items() for side in SIDES}


def _hours(value: Any) -> float:
    return float("nan") if pd.isna(value) else float(value / pd.Timedelta(hours=1))


def _number(value: Any) -> float:
    return float("nan") if pd.isna(value) else float(value)


def _side_names(labels: object) -> tuple[str, str]:
    if (
        not isinstance(labels, tuple | list)
        or len(labels) != 2
        or not all(isinstance(label, str) and label for label in labels)
    ):
        raise InputTypeError(
            "must be two non-empty names (before, after)", field="labels", value=labels
        )
    return labels[0], labels[1]


def what_if(
    comparison: SlaComparison,
    *,
    labels: tuple[str, str] = ("before", "after"),
    title: str | None = None,
) -> Figure:
    """A what-if of two SLA policies from ``compare_sla``: three panels, bars per metric.

    Panels, side by side: attainment (met over met plus breached, as a percentage),
    breached cycles, and median business time in hours of the cycles that ended met or
    breached, each a pair of bars per metric (``labels[0]`` for the ``before`` policy,
    ``labels[1]`` for ``after``), every bar labelled with its value. The metrics are those
    of ``comparison.summary`` with a targeted cycle on either side, in its order (by
    name); a value that is ``NaN`` (no decided cycle on that side) has no bar. The first
    panel's legend names the two sides.

    Args:
        comparison: an ``analysis.SlaComparison`` (its ``summary`` is read: the
            ``cycles_``, ``attainment_``, ``breached_`` and ``median_elapsed_`` columns).
        labels: the names of the two sides in the legend.
        title: the figure's title (default "What-if: <before> vs <after>").

    Returns:
        A new ``Figure`` (pyplot is never used).

    Raises:
        InputTypeError: ``comparison`` is not an ``SlaComparison``; ``labels`` is not two
            names; ``title`` is not text.
        InvalidArgumentError: the summary lacks a needed column (named).
    """
    if not isinstance(comparison, SlaComparison):
        raise InputTypeError(
            "must be an SlaComparison (what analysis.compare_sla returns)",
            field="comparison",
            value=comparison,
        )
    names = _side_names(labels)
    heading = text_title(title)
    summary = frame_with(
        comparison.summary, COLUMNS, field="comparison.summary", what="compare_sla's summary"
    )
    targeted = (summary["cycles_before"].fillna(0) > 0) | (summary["cycles_after"].fillna(0) > 0)
    rows = summary.loc[targeted.to_numpy(dtype=bool)]  # by metric, as compare_sla sorts them
    metrics = [str(metric) for metric in rows.index]
    figure = Figure(layout="constrained", figsize=(12.0, 4.0))
    figure.suptitle(f"What-if: {names[0]} vs {names[1]}" if heading is None else heading)
    if not metrics:
        note(figure.add_subplot(), "no metric has a target on either side")
        return figure
    panels = figure.subplots(1, len(PANELS), squeeze=False)[0]
    for axes, (name, heading_, shown) in zip(panels, PANELS, strict=True):
        read: Callable[[Any], float] = _hours if name == "median_elapsed" else _number
        _pairs(axes, [[read(v) for v in rows[f"{name}_{side}"]] for side in SIDES], names, shown)
        labelled_ticks(axes, metrics)
        axes.tick_params(axis="x", labelrotation=20)
        axes.set_title(heading_)
        if name == "attainment":
            axes.set_ylim(0, 1.15)
            axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    panels[0].legend(fontsize=8)
    return figure


def _pairs(axes: Axes, sides: list[list[float]], names: tuple[str, str], shown: str) -> None:
    """Two bars per tick, the finite values only, each labelled with ``shown``."""
    shifts, width = offsets(2)
    for values, shift, label in zip(sides, shifts, names, strict=True):
        xs = [
            x for x, v in zip(positions(len(values), shift), values, strict=True) if np.isfinite(v)
        ]
        heights = [v for v in values if np.isfinite(v)]
        bars = axes.bar(xs, heights, width, label=label)
        axes.bar_label(bars, labels=[shown.format(h) for h in heights], fontsize=8)

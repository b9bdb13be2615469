"""The checks and drawing surfaces every plot shares: frames, columns, axes, orders.

A plot reads the library's own outputs, so a frame missing a column, or an ``ax`` that is
no Axes, is refused at the start with a safetycore error naming it, before anything is drawn.
Figures are built with ``matplotlib.figure.Figure`` directly: no pyplot, no global state,
no backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from safetycore.errors import InputTypeError, InvalidArgumentError, UnknownNameError

# Priorities in the order a support team reads them; any other value follows, sorted.
PRIORITY_ORDER: Final = ("urgent", "high", "normal", "low")
NO_PRIORITY: Final = "(none)"
# Each known priority keeps its colour whichever others are present, so weeks compare.
PRIORITY_COLOURS: Final = {
    "urgent": "#c44e52",
    "high": "#dd8452",
    "normal": "#4c72b0",
    "low": "#8c8c8c",
    NO_PRIORITY: "#b3b3b3",
}
_OTHER_COLOURS: Final = ("#55a868", "#8172b3", "#937860", "#da8bc3", "#ccb974", "#64b5cd")
# The two outcomes that decide a cycle: attainment is met over met plus breached.
DECIDED: Final = ("met", "breached")


# What a column must hold: each kind's check and how its error reads.
TEXT: Final = "text"
INSTANT: Final = "instant"
DURATION: Final = "duration"
FLAG: Final = "flag"
NUMBER: Final = "number"
_KINDS: Final = {
    TEXT: "text (or missing)",
    INSTANT: "aware instants (datetime64 with a zone)",
    DURATION: "durations (timedelta64)",
    FLAG: "True or False (a bool column)",
    NUMBER: "numbers",
}


def frame_with(frame: object, columns: Mapping[str, str], *, field: str, what: str) -> pd.DataFrame:
    """``frame`` if it is a DataFrame whose ``columns`` are there and of their kinds.

    ``columns`` maps each needed column to its kind (``TEXT``, ``INSTANT``, ``DURATION``,
    ``FLAG``, ``NUMBER``). A non-DataFrame raises ``InputTypeError`` naming ``field``; a
    missing column raises ``InvalidArgumentError`` naming ``field.columns`` and the column
    (``what`` says which of the library's outputs has it); a column of another kind raises
    ``InputTypeError`` naming ``field.<column>``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError(f"must be a pandas DataFrame ({what})", field=field, value=frame)
    for name in columns:
        if name not in frame.columns:
            raise InvalidArgumentError(
                f"is a column this plot needs ({what} has it; needed: {', '.join(columns)})",
                field=f"{field}.columns",
                value=name,
            )
    if frame.columns.duplicated().any():
        name = frame.columns[frame.columns.duplicated()][0]
        raise InvalidArgumentError("is a column twice", field=f"{field}.columns", value=name)
    for name, kind in columns.items():
        column = frame[name]
        if not _holds(column, kind):
            raise InputTypeError(
                f"must hold {_KINDS[kind]}, as {what} has it",
                field=f"{field}.{name}",
                value=column.dtype,
            )
    return frame


def _holds(column: pd.Series, kind: str) -> bool:
    """Whether ``column`` holds values of ``kind``."""
    dtype = column.dtype
    if kind == INSTANT:
        return isinstance(dtype, pd.DatetimeTZDtype)
    if kind == DURATION:
        return pd.api.types.is_timedelta64_dtype(dtype)
    if kind == FLAG:
        return isinstance(dtype, np.dtype) and dtype.kind == "b"  # numpy bools: no gaps
    if kind == NUMBER:
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    values = column.cat.categories if isinstance(dtype, pd.CategoricalDtype) else column
    if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        return True  # a pandas string column holds text and missing cells only
    return all(isinstance(v, str) or _missing(v) for v in values.astype(object))


def _missing(value: object) -> bool:
    """Whether ``value`` is one of pandas' missing-value markers."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    )


def text_title(title: object) -> str | None:
    """``title`` if it is ``None`` or text, else ``InputTypeError`` naming ``title``."""
    if title is not None and not isinstance(title, str):
        raise InputTypeError("must be text or None", field="title", value=title)
    return title


def surface(ax: object, title: str | None, default: str) -> tuple[Figure, Axes]:
    """The figure and axes to draw into: ``ax`` and its root figure, or a new figure.

    The title (``title``, or ``default`` when it is ``None``) goes on the axes.
    """
    if ax is None:
        figure = Figure(layout="constrained")
        axes = figure.add_subplot()
    elif isinstance(ax, Axes):
        axes = ax
        figure = root_figure(ax)
    else:
        raise InputTypeError("must be a matplotlib Axes or None", field="ax", value=ax)
    axes.set_title(default if title is None else title)
    return figure, axes


def root_figure(ax: Axes) -> Figure:
    """The top-level Figure that holds ``ax`` (through a SubFigure if need be)."""
    figure: Any = ax.figure
    return figure if isinstance(figure, Figure) else figure.figure


def note(ax: Axes, message: str) -> None:
    """Write ``message`` in the middle of an axes that has nothing to show."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center")
    ax.set_xticks([])
    ax.set_yticks([])


def known_metric(frame: pd.DataFrame, metric: object, field: str = "metric") -> str:
    """``metric`` if the frame has cycles of it; else a safetycore error naming ``field``.

    ``sla_frame`` reports every metric of the policy (untargeted ones as not applicable), so
    a name it lacks is a misspelling, never an empty week.
    """
    if not isinstance(metric, str):
        raise InputTypeError("must be a metric's name (text)", field=field, value=metric)
    present = sorted(str(m) for m in frame["metric"].dropna().unique())
    if metric not in present:
        raise UnknownNameError(
            f"is not a metric of this frame (its metrics: {', '.join(present) or 'none'})",
            field=field,
            value=metric,
        )
    return metric


def priority_labels(frame: pd.DataFrame) -> pd.Series:
    """Each row's priority as text, a missing one as ``"(none)"``."""
    return frame["priority"].astype(object).where(frame["priority"].notna(), NO_PRIORITY).map(str)


def ordered_priorities(values: Iterable[str]) -> list[str]:
    """Distinct priorities: urgent, high, normal, low, then others sorted, then "(none)"."""
    present = set(values)
    known = [p for p in PRIORITY_ORDER if p in present]
    others = sorted(p for p in present if p not in PRIORITY_ORDER and p != NO_PRIORITY)
    return known + others + ([NO_PRIORITY] if NO_PRIORITY in present else [])


def priority_colours(priorities: Iterable[str]) -> list[str]:
    """The colour of each priority: a fixed one for known ones, others in turn."""
    colours, others = [], 0
    for priority in priorities:
        if priority in PRIORITY_COLOURS:
            colours.append(PRIORITY_COLOURS[priority])
        else:
            colours.append(_OTHER_COLOURS[others % len(_OTHER_COLOURS)])
            others += 1
    return colours


def offsets(groups: int, width: float = 0.8) -> tuple[list[float], float]:
    """The offsets of ``groups`` bars side by side around a tick, and each bar's width."""
    bar = width / max(groups, 1)
    return [(i - (groups - 1) / 2) * bar for i in range(groups)], bar


def positions(count: int, shift: float) -> list[float]:
    """Tick positions ``0 .. count - 1`` moved by ``shift``."""
    return [i + shift for i in range(count)]


def labelled_ticks(ax: Axes, labels: Sequence[str], *, axis: str = "x") -> None:
    """Put one tick per label at ``0 .. n - 1`` on ``axis``."""
    ticks = list(range(len(labels)))
    if axis == "x":
        ax.set_xticks(ticks, list(labels))
    else:
        ax.set_yticks(ticks, list(labels))

"""SLA breaches by hour of week: a 7 x 24 grid of counts, Monday to Sunday, hour 0 to 23."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from safetycore._time import zone_named
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots._axes import INSTANT, TEXT, frame_with, known_metric, surface, text_title

__all__ = ["WEEKDAYS", "breach_grid", "breach_heatmap"]

WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
COLUMNS: Final = {"metric": TEXT, "breached_at": INSTANT}


def _zones(zone: object) -> str | dict[str, str]:
    """``zone`` checked: one IANA name, or a mapping of calendar names to IANA names."""
    if isinstance(zone, str):
        zone_named(zone)
        return zone
    if isinstance(zone, Mapping):
        zones: dict[str, str] = {}
        for calendar, name in zone.items():
            if not isinstance(calendar, str):
                raise InputTypeError(
                    "must be a calendar's name (text)", field="zone", value=calendar
                )
            zone_named(name, field=f"zone[{calendar!r}]")
            zones[calendar] = name
        return zones
    raise InputTypeError(
        "must be an IANA time zone name, or a mapping of calendar names to them",
        field="zone",
        value=zone,
    )


def breach_grid(
    frame: pd.DataFrame, zone: str | Mapping[str, str] = "UTC", metric: str | None = None
) -> np.ndarray:
    """The breach counts as a 7 x 24 int array: row = weekday (Monday 0), column = hour.

    Each cycle with a ``breached_at`` counts once, at the weekday and hour of its breach
    instant in ``zone`` (one zone, or each cycle's ``calendar`` looked up in a mapping).
    """
    breached = frame.loc[frame["breached_at"].notna().to_numpy()]
    if metric is not None:
        breached = breached.loc[(breached["metric"].astype(object) == metric).to_numpy()]
    grid = np.zeros((7, 24), dtype=np.int64)
    if isinstance(zone, str):
        parts = [breached["breached_at"].dt.tz_convert(zone)]
    else:
        parts = []
        calendars = breached["calendar"].astype(object)
        for calendar in sorted(str(c) for c in calendars.dropna().unique()):
            if calendar not in zone:
                raise InvalidArgumentError(
                    f"has no zone for calendar {calendar!r} (zones given for: "
                    f"{', '.join(sorted(zone)) or 'none'})",
                    field="zone",
                    value=calendar,
                )
            rows = breached.loc[(calendars == calendar).to_numpy(), "breached_at"]
            parts.append(rows.dt.tz_convert(zone[calendar]))
    for local in parts:
        np.add.at(grid, (local.dt.day_of_week.to_numpy(), local.dt.hour.to_numpy()), 1)
    return grid


def breach_heatmap(
    frame: pd.DataFrame,
    *,
    zone: str | Mapping[str, str] = "UTC",
    metric: str | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """SLA breaches of an ``sla_frame`` by hour of week, as a 7 x 24 heat map.

    Rows are weekdays (Monday at the top), columns hours 0 to 23; a cell's colour and the
    number written in it (cells with no breach are left blank) count the cycles whose
    breach instant (``breached_at``, one microsecond past ``due_at``) falls in that hour of
    that weekday, in local time. A colorbar gives the scale. A cycle is counted once, where
    it breached, whatever state it ended in.

    The frame's instants are UTC and it does not carry a calendar's zone, so the zone is
    the caller's: ``zone`` is one IANA name for every cycle (default ``"UTC"``), or a
    mapping of calendar names (the frame's ``calendar`` column) to IANA names, placing each
    breach in its own team's wall-clock time.

    Args:
        frame: an ``analysis.sla_frame`` (needs ``metric``, ``breached_at``, and
            ``calendar`` when ``zone`` is a mapping).
        zone: where hours are read (see above).
        metric: count only this metric's cycles (default: every metric).
        title: the axes' title (default "SLA breaches by hour of week (<zone>)").
        ax: an Axes to draw into; a new ``Figure`` is made when ``None``.

    Returns:
        The ``Figure`` drawn on (``ax``'s own figure when given), with the colorbar.

    Raises:
        InputTypeError: a wrong type for ``frame``, ``zone``, ``metric``, ``title`` or ``ax``.
        UnknownTimeZoneError: a zone is no IANA name.
        UnknownNameError: ``metric`` is not a metric of the frame.
        InvalidArgumentError: a needed column is missing, or a breached cycle's calendar has
            no zone in the mapping.
    """
    zones = _zones(zone)
    needed = COLUMNS if isinstance(zones, str) else {**COLUMNS, "calendar": TEXT}
    frame = frame_with(frame, needed, field="frame", what="an sla_frame")
    if metric is not None:
        known_metric(frame, metric)
    where = zones if isinstance(zones, str) else "each calendar's zone"
    default = f"SLA breaches by hour of week ({where})"
    if metric is not None:
        default = f"{metric} breaches by hour of week ({where})"
    grid = breach_grid(frame, zones, metric)
    figure, axes = surface(ax, text_title(title), default)
    image = axes.imshow(grid, cmap="Reds", vmin=0, vmax=max(int(grid.max()), 1), aspect="auto")
    threshold = grid.max() / 2
    for day, hour in zip(*np.nonzero(grid), strict=True):
        count = int(grid[day, hour])
        colour = "white" if count > threshold else "black"
        axes.text(hour, day, str(count), ha="center", va="center", fontsize=7, color=colour)
    axes.set_yticks(range(7), list(WEEKDAYS))
    axes.set_xticks(range(24), [f"{h:02d}" for h in range(24)], fontsize=7)
    axes.set_xlabel("hour of day (local time)")
    figure.colorbar(image, ax=axes, label="breaches")
    return figure

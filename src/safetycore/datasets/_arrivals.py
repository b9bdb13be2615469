"""When cases arrive: local dates and hours drawn by weight, placed on the time line.

A day's weight is its weekday's, times a factor on a holiday and another on the days beside
one; an hour's weight is the hour-of-day profile's. The local wall time drawn is placed in
the zone as ``Calendar`` places wall times: a time in a spring-forward gap reads forward
(shifted by the gap), a time in a fold is its later occurrence (standard time).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from safetycore._time import to_micros
from safetycore.sla import HolidaySource

IntArray = npt.NDArray[np.int64]

_US_PER_HOUR = 3_600_000_000
_US_PER_DAY = 24 * _US_PER_HOUR
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@attrs.frozen
class Profile:
    """How arrivals spread over the week, the day and the holidays of a country."""

    hours: Sequence[float]
    """Weights of the 24 local hours."""
    weekdays: Sequence[float]
    """Weights of Monday to Sunday."""
    holiday: float
    """Factor on a holiday's weight."""
    beside_holiday: float
    """Factor on the days just before and after a holiday."""


def arrivals(
    rng: np.random.Generator,
    count: int,
    *,
    start: date,
    days: int,
    zone: str,
    country: str,
    profile: Profile,
) -> IntArray:
    """``count`` arrival instants (microseconds since the epoch, UTC), sorted."""
    ordinals = np.arange(start.toordinal(), start.toordinal() + days, dtype=np.int64)
    weekday = (ordinals + 6) % 7  # date.fromordinal(1) is a Monday: ordinal 1 -> 0
    weights = np.asarray(profile.weekdays, dtype=float)[weekday]
    last = start + timedelta(days=days - 1)
    holidays = HolidaySource(country).dates(range(start.year, last.year + 1))
    if holidays:
        marked = np.array(sorted(day.toordinal() for day in holidays), dtype=np.int64)
        on = np.isin(ordinals, marked)
        beside = np.isin(ordinals, np.concatenate([marked - 1, marked + 1])) & ~on
        weights = weights * np.where(
            on, profile.holiday, np.where(beside, profile.beside_holiday, 1)
        )
    day = rng.choice(ordinals, size=count, p=weights / weights.sum())
    hours = np.asarray(profile.hours, dtype=float)
    hour = rng.choice(24, size=count, p=hours / hours.sum())
    within = rng.integers(0, _US_PER_HOUR, size=count, dtype=np.int64)
    wall = (day - _EPOCH_ORDINAL) * _US_PER_DAY + hour * _US_PER_HOUR + within
    local = pd.DatetimeIndex(wall.view("M8[us]"))
    placed = local.tz_localize(zone, ambiguous=np.zeros(count, dtype=bool), nonexistent="NaT")
    micros = np.asarray(placed.tz_convert("UTC").tz_localize(None).view("i8"), dtype=np.int64)
    gap = np.flatnonzero(placed.isna())
    if len(gap):  # in a spring-forward gap: read forward by the gap's length, as Calendar does
        tz = ZoneInfo(zone)
        for k in gap.tolist():
            wall_time = datetime(1970, 1, 1) + timedelta(microseconds=int(wall[k]))
            micros[k] = to_micros(wall_time.replace(tzinfo=tz), "at")  # fold 0: offset before
    return np.sort(micros)

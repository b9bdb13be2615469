"""Date-specific exceptions to a weekly schedule: ``Closure`` and ``SpecialOpening``.

Both name a local date of the calendar's zone. Precedence on a date (``docs/calendar.md``):

1. the date's shifts are its ``SpecialOpening`` hours if it has one, else its weekly hours;
2. holidays from a ``HolidaySource`` close the whole date, unless the date has a special
   opening (an explicit opening overrides a generic holiday);
3. every ``Closure`` is then removed: a full-day closure removes the whole local date
   (00:00-24:00), cutting shifts that cross into or out of it; a partial closure removes its
   local time range.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Self

import attrs

from safetycore._config import instance_of, known_keys, required
from safetycore.errors import EmptyIntervalError, InvalidTimeError
from safetycore.sla.schedule import TimeRange, parse_ranges, to_date

__all__ = ["Closure", "SpecialOpening"]

_DAY = timedelta(days=1)
_Date = date  # the class below has a field called date


def _date(value: object) -> date:
    return to_date(value, "date")


def _closure_range(value: object) -> TimeRange | None:
    if value is None:
        return None
    ranges = parse_ranges(value, "times") if not isinstance(value, TimeRange) else (value,)
    if len(ranges) != 1:
        raise InvalidTimeError(
            "a closure takes one range (give several closures, or none for the whole day)",
            field="times",
            value=value,
        )
    (item,) = ranges
    if item.start == timedelta(0) and item.end == _DAY:
        return None  # 00:00-24:00 is the whole day: the same as a full-day closure
    if item.end > _DAY:
        raise EmptyIntervalError(
            "a closure must lie within its day (00:00-24:00); split it at midnight",
            field="times",
            value=str(item),
        )
    return item


@attrs.frozen(repr=False)
class Closure:
    """The calendar is closed on local date ``date``: all day, or during ``times`` only.

    ``times`` must lie within the day (``12:00-17:00``, at most ``00:00-24:00``); a closure
    that crosses midnight is two closures. The repr is the call that builds it, with the date
    and range as text.

    >>> eve = Closure("2025-12-24", "12:00-24:00", name="Christmas Eve")
    >>> eve.date, str(eve.times), eve.is_full_day
    (datetime.date(2025, 12, 24), '12:00-24:00', False)
    >>> eve
    Closure('2025-12-24', '12:00-24:00', name='Christmas Eve')
    """

    date: date = attrs.field(converter=_date)
    times: TimeRange | None = attrs.field(default=None, converter=_closure_range)
    name: str = attrs.field(default="", validator=instance_of(str))

    def __repr__(self) -> str:
        times = "" if self.times is None else f", {str(self.times)!r}"
        name = f", name={self.name!r}" if self.name else ""
        return f"Closure({self.date.isoformat()!r}{times}{name})"

    def sort_key(self) -> tuple[_Date, int, int, str]:
        """The canonical order of closures: by date, full days first, then by range."""
        if self.times is None:
            return (self.date, -1, -1, self.name)
        return (self.date, self.times.start_us, self.times.end_us, self.name)

    @property
    def is_full_day(self) -> bool:
        """Whether the closure removes the whole local date."""
        return self.times is None

    def to_dict(self) -> dict[str, str]:
        """Return the plain-dict form read by ``Closure.from_dict``."""
        result = {"date": self.date.isoformat()}
        if self.times is not None:
            result["times"] = str(self.times)
        if self.name:
            result["name"] = self.name
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, field: str = "closures") -> Self:
        """Build from ``{"date": "2025-12-24", "times": "12:00-17:00", "name": "..."}``.

        Only ``date`` is required; any other key is refused (``ConfigurationError``), so that a
        misspelt ``"time"`` cannot turn a partial closure into a full-day one.
        """
        known_keys(data, ("date", "times", "name"), field)
        return cls(required(data, "date", field), data.get("times"), name=data.get("name", ""))


def _opening_ranges(value: object) -> tuple[TimeRange, ...]:
    if isinstance(value, tuple) and all(isinstance(item, TimeRange) for item in value):
        return value
    return parse_ranges(value, "hours")


@attrs.frozen(repr=False)
class SpecialOpening:
    """On local date ``date`` the calendar keeps ``hours`` instead of its weekly hours.

    The hours replace the shifts that start on that date (a range may cross midnight, as in a
    weekly schedule); a shift from the previous date that runs into it is unaffected. A special
    opening overrides a holiday on its date, but not an explicit ``Closure``. The repr is the
    call that builds it, with the date and hours as text (``'closed'`` for no hours).

    >>> SpecialOpening("2025-11-29", "10:00-14:00, 22:00-02:00")
    SpecialOpening('2025-11-29', '10:00-14:00, 22:00-02:00')
    """

    date: date = attrs.field(converter=_date)
    hours: tuple[TimeRange, ...] = attrs.field(converter=_opening_ranges)
    name: str = attrs.field(default="", validator=instance_of(str))

    def __repr__(self) -> str:
        hours = ", ".join(map(str, self.hours)) or "closed"
        name = f", name={self.name!r}" if self.name else ""
        return f"SpecialOpening({self.date.isoformat()!r}, {hours!r}{name})"

    def to_dict(self) -> dict[str, str]:
        """Return the plain-dict form read by ``SpecialOpening.from_dict``."""
        result = {
            "date": self.date.isoformat(),
            "hours": ", ".join(map(str, self.hours)) or "closed",
        }
        if self.name:
            result["name"] = self.name
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, field: str = "openings") -> Self:
        """Build from ``{"date": "2025-11-29", "hours": "10:00-14:00", "name": "..."}``.

        ``date`` and ``hours`` are required; any other key is refused (``ConfigurationError``).
        """
        known_keys(data, ("date", "hours", "name"), field)
        day = required(data, "date", field)
        return cls(day, required(data, "hours", field), name=data.get("name", ""))

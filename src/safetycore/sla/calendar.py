"""Business-time calendars: ``Calendar`` and the ``OpenInterval`` values it returns.

A calendar is a weekly schedule placed in an IANA time zone, with effective-dated changes of
hours, holidays, closures and special openings. It answers questions about *instants* (aware
datetimes in any zone; results are ``pendulum.DateTime`` in the calendar's zone) and about
*business time* (``timedelta``, exact to the microsecond). The rules at the edges (half-open
intervals, DST gaps and folds, landing on a close) are in ``docs/calendar.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Self, TypeVar

import attrs
import pendulum

from safetycore._config import instance_of, items_of, known_keys, reject_repeats, required
from safetycore._html import calendar_html
from safetycore._time import (
    from_micros,
    local_to_micros,
    local_wall_offset,
    to_micros,
    zone_named,
)
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
)
from safetycore.sla._compile import Rules
from safetycore.sla._index import CalendarIndex
from safetycore.sla.closures import Closure, SpecialOpening
from safetycore.sla.holiday_sources import HolidaySource
from safetycore.sla.schedule import HoursChange, WeeklySchedule, to_date

__all__ = ["Calendar", "OpenInterval"]

_T = TypeVar("_T")
_ONE_US = timedelta(microseconds=1)


@attrs.frozen
class OpenInterval:
    """A stretch of open time ``[start, end)``; both ends in the calendar's zone."""

    start: pendulum.DateTime
    end: pendulum.DateTime

    @property
    def duration(self) -> timedelta:
        """Real elapsed time from ``start`` to ``end``."""
        # Not end - start: with one tzinfo on both sides Python subtracts wall-clock times.
        return timedelta(microseconds=to_micros(self.end, "end") - to_micros(self.start, "start"))


def _sorted_tuple(
    values: Iterable[_T], kind: type[_T], field: str, key: Callable[[_T], Any]
) -> tuple[_T, ...]:
    items = items_of(values, kind, field)
    # A canonical order, so that equal definitions compare equal whatever order they came in.
    return tuple(sorted(items, key=key))


def _hours_changes(values: Iterable[HoursChange]) -> tuple[HoursChange, ...]:
    return _sorted_tuple(values, HoursChange, "hours_changes", lambda c: c.effective)


def _closures(values: Iterable[Closure]) -> tuple[Closure, ...]:
    return _sorted_tuple(values, Closure, "closures", Closure.sort_key)


def _openings(values: Iterable[SpecialOpening]) -> tuple[SpecialOpening, ...]:
    return _sorted_tuple(values, SpecialOpening, "openings", lambda o: o.date)


def _holidays(values: Iterable[HolidaySource]) -> tuple[HolidaySource, ...]:
    return _sorted_tuple(
        values,
        HolidaySource,
        "holidays",
        lambda h: (h.country, h.subdivision or "", h.observed, sorted(h.categories)),
    )


def _entries(data: Mapping[str, Any], key: str) -> list[Any]:
    """The list under ``key`` of a calendar's plain-dict form (empty when absent)."""
    value = data.get(key, ())
    if isinstance(value, (str, Mapping)) or not isinstance(value, (list, tuple)):
        raise InputTypeError("must be a list", field=key, value=value)
    return list(value)


def _check_zone(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    zone_named(value, field=attribute.name)


def _to_duration(value: object) -> int:
    if not isinstance(value, timedelta):
        raise InputTypeError(
            "must be a timedelta of business time (count business days with add_business_days)",
            field="duration",
            value=value,
        )
    return value // _ONE_US


def _to_count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputTypeError("must be a whole number of business days", field=field, value=value)
    return value


_SHOWN = 3
"""How many hours changes, closures, openings and sources a calendar's repr lists of each."""


def _listed(items: tuple[Any, ...]) -> str:
    """The first ``_SHOWN`` of ``items`` as a list, with a count of the rest instead of them."""
    shown = ", ".join(map(repr, items[:_SHOWN]))
    rest = len(items) - _SHOWN
    return f"[{shown}, ...{rest} more]" if rest > 0 else f"[{shown}]"


@attrs.frozen(repr=False)
class Calendar:
    """Open hours of a team in its own time zone, minus holidays and closures, plus openings.

    Attributes:
        zone: IANA time zone name; every wall-clock time of the calendar is read in it.
        hours: the weekly schedule, in force until the first of ``hours_changes``.
        hours_changes: later weekly schedules, each from its local ``effective`` date on.
        closures: full-day and partial closures on local dates (explicit holidays too).
        openings: special openings, each replacing one local date's hours.
        holidays: sources of public holidays (each closes its whole local date).

    Instants may be given in any zone, as stdlib or pendulum aware datetimes; a naive
    datetime raises ``NaiveDatetimeError``. Returned instants are ``pendulum.DateTime`` in
    ``zone``. Business time is ``timedelta``, exact to the microsecond, counting real elapsed
    time (an ``01:00-03:00`` range on a spring-forward night holds one hour).

    Compiled lazily into an index of open intervals, per span of years; a calendar is
    immutable and safe to share between threads.

    The repr is the call that builds the calendar, in the values' own short forms, and stays
    short: it lists the first three hours changes, closures, openings and holiday sources of
    each kind and counts the rest (``[..., ...9 more]``); ``to_dict`` gives them all.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> cal = Calendar.from_dict({
    ...     "zone": "America/New_York",
    ...     "hours": {"mon-fri": "09:00-17:00"},
    ...     "holidays": [{"country": "US"}],
    ... })
    >>> thursday_4pm = datetime(2025, 7, 3, 16, 0, tzinfo=ZoneInfo("America/New_York"))
    >>> cal.add(thursday_4pm, timedelta(hours=2))  # Friday July 4th is a holiday, then the weekend
    DateTime(2025, 7, 7, 10, 0, 0, tzinfo=Timezone('America/New_York'))
    >>> cal.elapsed(thursday_4pm, cal.add(thursday_4pm, timedelta(hours=2)))
    datetime.timedelta(seconds=7200)
    """

    zone: str = attrs.field(validator=_check_zone)
    hours: WeeklySchedule = attrs.field(validator=instance_of(WeeklySchedule))
    hours_changes: tuple[HoursChange, ...] = attrs.field(
        default=(), kw_only=True, converter=_hours_changes
    )
    closures: tuple[Closure, ...] = attrs.field(default=(), kw_only=True, converter=_closures)
    openings: tuple[SpecialOpening, ...] = attrs.field(
        default=(), kw_only=True, converter=_openings
    )
    holidays: tuple[HolidaySource, ...] = attrs.field(default=(), kw_only=True, converter=_holidays)
    _index: CalendarIndex = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        twice = "names the same date twice"
        reject_repeats((c.effective for c in self.hours_changes), "hours_changes", twice)
        reject_repeats((o.date for o in self.openings), "openings", twice)
        full_days = {c.date for c in self.closures if c.is_full_day}
        for opening in self.openings:
            if opening.date in full_days:
                raise ConfigurationError(
                    "has both a full-day closure and a special opening",
                    field="openings",
                    value=opening.date,
                )
        rules = Rules(
            zone_named(self.zone),
            self.hours,
            self.hours_changes,
            self.closures,
            self.openings,
            self.holidays,
        )
        object.__setattr__(self, "_index", CalendarIndex(rules))

    def __repr__(self) -> str:
        parts = [repr(self.zone), repr(self.hours)]
        for key in ("hours_changes", "closures", "openings", "holidays"):
            items = getattr(self, key)
            if items:
                parts.append(f"{key}={_listed(items)}")
        return f"Calendar({', '.join(parts)})"

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def always(cls, zone: str = "UTC") -> Self:
        """A calendar open at every instant (24/7), for targets counted in plain elapsed time."""
        return cls(zone, WeeklySchedule.always())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build a calendar from its plain-dict form (the form ``to_dict`` returns).

        ``{"zone": ..., "hours": <schedule text form>, "hours_changes": [{"effective":
        "2026-01-01", "hours": {...}}], "closures": [{"date": ..., "times": ..., "name": ...}],
        "openings": [{"date": ..., "hours": ..., "name": ...}], "holidays": [{"country": "US",
        "subdivision": "NY"}]}``; only ``zone`` and ``hours`` are required.
        """
        known_keys(
            data,
            ("zone", "hours", "hours_changes", "closures", "openings", "holidays"),
            "calendar",
        )
        for key in ("zone", "hours"):
            if key not in data:
                raise ConfigurationError("is required", field=key, value=None)
        changes = []
        for i, item in enumerate(_entries(data, "hours_changes")):
            where = f"hours_changes[{i}]"
            known_keys(item, ("effective", "hours"), where)
            changes.append(
                HoursChange(
                    to_date(required(item, "effective", where), f"{where}.effective"),
                    WeeklySchedule.parse(required(item, "hours", where), field=f"{where}.hours"),
                )
            )
        return cls(
            data["zone"],
            WeeklySchedule.parse(data["hours"]),
            hours_changes=changes,
            closures=[
                Closure.from_dict(item, field=f"closures[{i}]")
                for i, item in enumerate(_entries(data, "closures"))
            ],
            openings=[
                SpecialOpening.from_dict(item, field=f"openings[{i}]")
                for i, item in enumerate(_entries(data, "openings"))
            ],
            holidays=[
                HolidaySource.from_dict(item, field=f"holidays[{i}]")
                for i, item in enumerate(_entries(data, "holidays"))
            ],
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-dict form; ``Calendar.from_dict(cal.to_dict()) == cal``."""
        result: dict[str, Any] = {"zone": self.zone, "hours": self.hours.to_dict()}
        if self.hours_changes:
            result["hours_changes"] = [
                {"effective": c.effective.isoformat(), "hours": c.hours.to_dict()}
                for c in self.hours_changes
            ]
        for key in ("closures", "openings", "holidays"):
            items = getattr(self, key)
            if items:
                result[key] = [item.to_dict() for item in items]
        return result

    # -- instants -------------------------------------------------------------------------

    @property
    def tz(self) -> pendulum.Timezone:
        """The calendar's zone as a ``pendulum.Timezone``."""
        return self._index.rules.zone

    def is_open(self, at: datetime) -> bool:
        """Whether the calendar is open at ``at``: open at an opening, closed at a close."""
        return self._index.is_open(to_micros(at, "at"))

    def next_open(self, at: datetime) -> pendulum.DateTime:
        """The earliest instant at or after ``at`` at which the calendar is open.

        Returns ``at`` itself (in the calendar's zone) when open at ``at``. Raises
        ``OutOfRangeError`` when the calendar never opens again.
        """
        return from_micros(self._index.next_open(to_micros(at, "at")), self.tz)

    def next_close(self, at: datetime) -> pendulum.DateTime:
        """The earliest instant at or after ``at`` at which the calendar is closed.

        Returns ``at`` itself when closed at ``at``; otherwise the end of the open interval
        that contains it. Raises ``OutOfRangeError`` when the calendar never closes again.
        """
        return from_micros(self._index.next_close(to_micros(at, "at")), self.tz)

    def previous_open(self, at: datetime) -> pendulum.DateTime:
        """The latest opening at or before ``at``: the start of an open interval.

        Open at ``at``: the start of the interval holding it (``at`` itself when it opens
        then); closed: the start of the last interval before it. Intervals are the calendar's
        united open time, so an overnight shift opens once, the evening before. Raises
        ``OutOfRangeError`` when the calendar never opened before ``at``.
        """
        return from_micros(self._index.previous_open(to_micros(at, "at")), self.tz)

    def previous_close(self, at: datetime) -> pendulum.DateTime:
        """The latest close at or before ``at``: the end of an open interval.

        ``at`` itself when an interval ends then (a close is the first closed instant); open
        at ``at``: the end of the interval before the one holding it; closed: the end of the
        last interval before it. Raises ``OutOfRangeError`` when the calendar never closed
        before ``at``.
        """
        return from_micros(self._index.previous_close(to_micros(at, "at")), self.tz)

    def open_intervals(self, start: datetime, end: datetime) -> tuple[OpenInterval, ...]:
        """The open intervals within ``[start, end)``, clipped to it, in time order.

        Raises ``InvalidArgumentError`` when ``end`` is before ``start``.
        """
        a, b = to_micros(start, "start"), to_micros(end, "end")
        if b < a:
            raise InvalidArgumentError("is before start", field="end", value=end)
        tz = self.tz
        return tuple(
            OpenInterval(from_micros(s, tz), from_micros(e, tz))
            for s, e in self._index.open_spans(a, b)
        )

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants: open time in ``[start, end)``.

        Negative (the open time in ``[end, start)``, negated) when ``end`` is before ``start``.
        """
        micros = self._index.elapsed(to_micros(start, "start"), to_micros(end, "end"))
        return timedelta(microseconds=micros)

    def add(self, start: datetime, duration: timedelta) -> pendulum.DateTime:
        """The earliest instant at which open time since ``start`` reaches ``duration``.

        ``add(t, timedelta(0))`` is ``t``. A result that lands exactly on a close is that close,
        not the next opening. A negative ``duration`` goes backwards: the latest instant before
        ``start`` with that much open time up to ``start``; landing on an opening returns it.
        Raises ``OutOfRangeError`` when the calendar never holds that much open time.
        """
        return from_micros(
            self._index.add(to_micros(start, "start"), _to_duration(duration)), self.tz
        )

    # -- business days --------------------------------------------------------------------

    def is_business_day(self, day: date) -> bool:
        """Whether the local date ``day`` (in the calendar's zone) is a business day.

        A shift belongs to the business day it starts on. ``day`` is one when it has open time
        between its midnights besides *carried* time: the part of the open stretch (touching
        open intervals united) at its first midnight, when that stretch started on the date
        before and closes by ``day``'s next midnight. So a date holding only the end of the
        previous night's shift is not a business day; a stretch open all through ``day`` (24/7)
        gives it its time. The rules and examples are in ``docs/calendar.md``, section 6.
        """
        return self._index.is_business_day(to_date(day, "day").toordinal())

    def add_business_days(self, start: datetime, days: int) -> pendulum.DateTime:
        """The same local wall-clock time as ``start``, ``days`` business days later.

        Counts business days (``is_business_day``: a shift belongs to the date it starts on,
        so a date holding only the end of the night before's shift is not counted) after the
        local date of ``start`` (before it when ``days`` is negative); ``days == 0`` returns
        ``start``. A wall-clock
        time that the target date lacks (a DST gap) is shifted forward by the gap; one it has
        twice (a fold) takes the earlier. The result may fall outside open hours: a count of
        days is not a duration.
        """
        count = _to_count(days, "days")
        at = to_micros(start, "start")
        if count == 0:
            return from_micros(at, self.tz)
        ordinal, wall = local_wall_offset(start, self.tz)
        target = self._index.shift_business_days(ordinal, count)
        return from_micros(local_to_micros(target, wall, self.tz), self.tz)

    def end_of_business_day(self, start: datetime, days: int = 0) -> pendulum.DateTime:
        """The end of open time on a business day counted from the local date of ``start``.

        ``days = 0`` is that date when it is a business day, else the next business day;
        ``days = n > 0`` is the ``n``-th business day after the local date of ``start``
        (business days as in ``is_business_day``). The end comes from the day's last open
        stretch with time of its own: its close when it closes by the next local midnight; its
        close on the next date when it starts on the day and closes by the midnight after (a
        night shift: Monday 22:00-06:00 ends Monday's business day at Tuesday 06:00);
        otherwise the next local midnight (a stretch of several days, or 24/7).
        """
        count = _to_count(days, "days")
        if count < 0:
            raise InvalidArgumentError("must not be negative", field="days", value=days)
        to_micros(start, "start")  # reject naive and non-datetime input first
        ordinal, _ = local_wall_offset(start, self.tz)
        index = self._index
        if count == 0 and not index.is_business_day(ordinal):
            count = 1
        day = index.shift_business_days(ordinal, count)
        return from_micros(index.business_day_end(day), self.tz)

    # -- display --------------------------------------------------------------------------

    def _repr_html_(self) -> str:
        """The notebook display: zone, the week as a grid, holidays, closures, openings."""
        return calendar_html(self)

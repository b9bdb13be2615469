"""Weekly open hours in local wall-clock time: ``TimeRange``, ``WeeklySchedule``, ``HoursChange``.

A schedule says nothing about instants by itself: a ``Calendar`` places it in a time zone and
resolves each wall-clock bound to an instant (see ``docs/calendar.md`` for the DST rules).

Text form, for humans and configuration files::

    {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}
    {"mon-thu": "22:00-06:00"}              # overnight: one shift that starts on its weekday
    {"weekdays": "09:00-12:00, 13:00-17:00", "weekends": "closed"}
    "24/7"

Day keys: ``mon`` .. ``sun`` (or full names), ranges (``mon-fri``, ``fri-mon`` wraps), comma
lists (``mon,wed``), and ``daily``, ``weekdays``, ``weekends``. Values: a range ``HH:MM-HH:MM``
(seconds and microseconds optional: ``HH:MM:SS.ffffff``), several separated by commas or given
as a list, ``24h`` for ``00:00-24:00``, or ``closed``.

Keys may overlap when one is more specific: a key whose days are a strict subset of another's
overrides it on those days (``{"daily": "09:00-17:00", "sun": "closed"}`` closes Sunday,
``{"weekdays": "09:00-17:00", "fri": "09:00-13:00"}`` shortens Friday). Two keys that name a
day with neither's days inside the other's (``mon-fri`` and ``fri-sun``), or with the same
days (``mon`` and ``monday``), are ambiguous and raise ``ConfigurationError``.

A day's ranges are kept as written (sorted, exact repeats dropped), never merged on the wall
clock: whether two ranges overlap depends on where their bounds land on a DST day, which only
a calendar's zone decides (``docs/calendar.md``, section 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final, Self

import attrs

from safetycore._config import instance_of
from safetycore._time import US_PER_DAY
from safetycore.errors import (
    ConfigurationError,
    EmptyIntervalError,
    InputTypeError,
    InvalidTimeError,
)

__all__ = ["HoursChange", "TimeRange", "WeeklySchedule"]

WEEKDAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_ALIASES: Final[dict[str, tuple[int, ...]]] = {
    "daily": tuple(range(7)),
    "everyday": tuple(range(7)),
    "weekdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
}
_DAY: Final = timedelta(days=1)
_ZERO: Final = timedelta(0)
_TIME_RE: Final = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$")


def _parse_time(text: str, field: str) -> timedelta:
    match = _TIME_RE.match(text.strip())
    if match is None:
        raise InvalidTimeError("is not a time of day HH:MM[:SS[.ffffff]]", field=field, value=text)
    hours, minutes = int(match[1]), int(match[2])
    seconds = int(match[3] or 0)
    micros = int((match[4] or "0").ljust(6, "0"))
    if (
        minutes > 59
        or seconds > 59
        or hours > 24
        or (hours == 24 and (minutes or seconds or micros))
    ):
        raise InvalidTimeError("is not a time of day (00:00 to 24:00)", field=field, value=text)
    return timedelta(hours=hours, minutes=minutes, seconds=seconds, microseconds=micros)


def _format_time(offset: timedelta) -> str:
    micros = offset // timedelta(microseconds=1)
    seconds, micro = divmod(micros, 1_000_000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    text = f"{hour:02d}:{minute:02d}"
    if second or micro:
        text += f":{second:02d}"
    if micro:
        text += f".{micro:06d}"
    return text


def _check_offset(value: object, field: str) -> timedelta:
    if not isinstance(value, timedelta):
        raise InputTypeError("must be a timedelta since local midnight", field=field, value=value)
    return value


def _start_offset(value: object) -> timedelta:
    return _check_offset(value, "start")


def _end_offset(value: object) -> timedelta:
    return _check_offset(value, "end")


@attrs.frozen(order=True, repr=False)
class TimeRange:
    """A span of local wall-clock time that starts on some date, as offsets from its midnight.

    ``start`` is in ``[00:00, 24:00)``; ``end`` is after ``start`` and less than a day later
    (exactly a day only for ``00:00-24:00``), so ``end`` beyond 24 hours means the range ends
    on the next date: ``22:00-06:00`` is ``TimeRange(timedelta(hours=22), timedelta(hours=30))``.
    Offsets are wall-clock time, not elapsed time: on a DST day ``00:00-24:00`` lasts 23 or 25
    real hours.

    >>> TimeRange.parse("22:00-06:00")
    TimeRange.parse('22:00-06:00')
    >>> TimeRange.parse("22:00-06:00").end
    datetime.timedelta(days=1, seconds=21600)
    """

    start: timedelta = attrs.field(converter=_start_offset)
    end: timedelta = attrs.field(converter=_end_offset)

    def __attrs_post_init__(self) -> None:
        if not _ZERO <= self.start < _DAY:
            raise InvalidTimeError("must be in [00:00, 24:00)", field="start", value=self.start)
        if not _valid_bounds(self.start, self.end):
            raise EmptyIntervalError(
                f"must be after start {_format_time(self.start)} and less than a day later",
                field="end",
                value=self.end,
            )

    def __repr__(self) -> str:
        return f"TimeRange.parse({str(self)!r})"

    @classmethod
    def parse(cls, text: str, *, field: str = "range") -> Self:
        """Parse ``HH:MM-HH:MM``; an end at or before the start means the next day.

        ``00:00-24:00`` (or ``24h``) is a whole day; a range that starts and ends at the same
        time is empty
        and raises ``EmptyIntervalError``.
        """
        if not isinstance(text, str):
            raise InputTypeError("must be a text 'HH:MM-HH:MM'", field=field, value=text)
        if text.strip().lower() == "24h":
            return cls(_ZERO, _DAY)
        parts = text.split("-")
        if len(parts) != 2:
            raise InvalidTimeError("is not a range 'HH:MM-HH:MM'", field=field, value=text)
        start = _parse_time(parts[0], field)
        end = _parse_time(parts[1], field)
        if start == _DAY:
            raise InvalidTimeError("cannot start at 24:00", field=field, value=text)
        if end == start:
            raise EmptyIntervalError("starts and ends at the same time", field=field, value=text)
        if end < start:
            end += _DAY
        return cls(start, end)

    @property
    def crosses_midnight(self) -> bool:
        """Whether the range ends on the date after the one it starts on."""
        return self.end > _DAY

    @property
    def start_us(self) -> int:
        """``start`` in whole microseconds since local midnight."""
        return self.start // timedelta(microseconds=1)

    @property
    def end_us(self) -> int:
        """``end`` in whole microseconds since local midnight of the start date."""
        return self.end // timedelta(microseconds=1)

    def __str__(self) -> str:
        if self.start == _ZERO and self.end == _DAY:
            return "24h"
        end = self.end - _DAY if self.end > _DAY else self.end
        return f"{_format_time(self.start)}-{_format_time(end)}"


def _valid_bounds(start: timedelta, end: timedelta) -> bool:
    return start < end < start + _DAY or (start == _ZERO and end == _DAY)


def _as_written(ranges: Iterable[TimeRange]) -> tuple[TimeRange, ...]:
    """Sort a day's ranges and drop exact repeats; overlapping ranges stay apart.

    Merging on the wall clock would be wrong on DST days: ``02:30-05:00`` and ``03:00-04:00``
    overlap on the wall clock, but in New York on a spring-forward Sunday 02:30 reads as
    03:30 EDT, so their union on the time line is 03:00-05:00, not 03:30-05:00. The calendar
    unites ranges after it has placed each bound (``safetycore.sla._compile``).
    """
    return tuple(sorted(set(ranges)))


def _parse_days(key: str, field: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in key.lower().replace(" ", "").split(","):
        if part in _DAY_ALIASES:
            days.extend(_DAY_ALIASES[part])
            continue
        ends = part.split("-")
        if len(ends) > 2 or not all(ends):
            raise InvalidTimeError("is not a weekday or weekday range", field=field, value=key)
        first, last = (_weekday(name, field, key) for name in (ends[0], ends[-1]))
        days.extend((first + step) % 7 for step in range((last - first) % 7 + 1))
    return tuple(days)


def _weekday(name: str, field: str, key: str) -> int:
    if name in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(name)
    if name in _FULL_NAMES:
        return _FULL_NAMES.index(name)
    raise InvalidTimeError("is not a weekday or weekday range", field=field, value=key)


def parse_ranges(value: object, field: str) -> tuple[TimeRange, ...]:
    """Parse the hours of one day: a range text, comma-separated texts, a list, or ``closed``."""
    if isinstance(value, TimeRange):
        return (value,)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "closed"):
            return ()
        return tuple(
            TimeRange.parse(part, field=f"{field}[{i}]") for i, part in enumerate(text.split(","))
        )
    if isinstance(value, Sequence):
        ranges: list[TimeRange] = []
        for i, item in enumerate(value):
            if isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
                item = f"{item[0]}-{item[1]}"
            ranges.extend(parse_ranges(item, f"{field}[{i}]"))
        return tuple(ranges)
    raise InputTypeError(
        "must be hours text such as '09:00-17:00' or a list", field=field, value=value
    )


def covers_week(days: Sequence[Sequence[tuple[int, int]]]) -> bool:
    """Whether spans per weekday (microseconds from that day's midnight) cover the whole week.

    A span that runs past Sunday 24:00 wraps onto the start of the week.
    """
    week = 7 * US_PER_DAY
    spans: list[tuple[int, int]] = []
    for weekday, day in enumerate(days):
        for start, end in day:
            start, end = start + weekday * US_PER_DAY, end + weekday * US_PER_DAY
            spans.append((start, min(end, week)))
            if end > week:
                spans.append((0, end - week))
    covered = 0
    for start, end in sorted(spans):
        if start > covered:
            return False
        covered = max(covered, end)
    return covered >= week


def _normalise_days(value: object) -> tuple[tuple[TimeRange, ...], ...]:
    if not isinstance(value, Sequence) or len(value) != 7:
        raise InputTypeError(
            "must be seven sequences of TimeRange, Monday first", field="days", value=value
        )
    return tuple(_as_written(parse_ranges(list(day), f"days[{i}]")) for i, day in enumerate(value))


@attrs.frozen(repr=False)
class WeeklySchedule:
    """Open hours for each weekday in local wall-clock time, Monday first.

    Each day holds its ranges as written: sorted, exact repeats dropped, never merged. A range
    belongs to the weekday it starts on, even when it crosses midnight. Ranges that overlap or
    touch, of one day (``09:00-13:00, 12:00-17:00``) or of two (Monday ``22:00-06:00`` and
    Tuesday ``00:00-08:00``), are united by the calendar after it places each bound on the time
    line in its zone, so open time is never counted twice and a DST day reads them right.
    Equality compares the hours as written.

    >>> schedule = WeeklySchedule.parse({"mon-fri": "09:00-17:00", "sat": "10:00-14:00"})
    >>> schedule.to_dict()
    {'mon-fri': '09:00-17:00', 'sat': '10:00-14:00'}
    >>> WeeklySchedule.parse("24/7").to_dict()
    {'mon-sun': '24h'}
    """

    days: tuple[tuple[TimeRange, ...], ...] = attrs.field(converter=_normalise_days)

    def __repr__(self) -> str:
        return f"WeeklySchedule.parse({self.to_dict()!r})"

    @classmethod
    def parse(cls, spec: Mapping[str, Any] | str, *, field: str = "hours") -> Self:
        """Build a schedule from its text form (module docstring) or ``"24/7"``."""
        if isinstance(spec, str):
            if spec.strip().lower() in ("24/7", "always"):
                return cls.always()
            raise InvalidTimeError(
                "is not a schedule; use a mapping or '24/7'", field=field, value=spec
            )
        if not isinstance(spec, Mapping):
            raise InputTypeError("must be a mapping of weekdays to hours", field=field, value=spec)
        # Each weekday takes the hours of the most specific key naming it (module docstring).
        naming: list[list[tuple[frozenset[int], str, tuple[TimeRange, ...]]]] = [
            [] for _ in range(7)
        ]
        for key, hours in spec.items():
            if not isinstance(key, str):
                raise InputTypeError("weekday keys must be text", field=field, value=key)
            ranges = parse_ranges(hours, f"{field}.{key}")
            days = frozenset(_parse_days(key, f"{field}.{key}"))
            for day in days:
                naming[day].append((days, key, ranges))
        chosen: list[tuple[TimeRange, ...]] = []
        for day, keys in enumerate(naming):
            if not keys:
                chosen.append(())
                continue
            days, key, ranges = min(keys, key=lambda item: len(item[0]))
            for other_days, other_key, _ in keys:
                if other_key != key and not days < other_days:
                    raise ConfigurationError(
                        f"names {WEEKDAY_NAMES[day]} as key {key!r} does, and neither key's "
                        "days lie within the other's (a more specific key overrides)",
                        field=f"{field}.{other_key}",
                        value=other_key,
                    )
            chosen.append(ranges)
        return cls(tuple(chosen))

    @classmethod
    def always(cls) -> Self:
        """Open every day, all day (24/7)."""
        whole = (TimeRange(_ZERO, _DAY),)
        return cls((whole,) * 7)

    @classmethod
    def closed(cls) -> Self:
        """Never open (useful as an effective-dated change: a team that stops working)."""
        return cls(((),) * 7)

    @property
    def is_closed(self) -> bool:
        """Whether no weekday has any open range."""
        return not any(self.days)

    @property
    def is_always_open(self) -> bool:
        """Whether every wall-clock instant of the week is inside some range."""
        return covers_week([[(r.start_us, r.end_us) for r in day] for day in self.days])

    def to_dict(self) -> dict[str, str]:
        """Return the compact text form; ``WeeklySchedule.parse`` of it gives back ``self``.

        Consecutive weekdays with the same hours share one key (``mon-fri``).
        """
        texts = [", ".join(map(str, day)) for day in self.days]
        result: dict[str, str] = {}
        first = 0
        for weekday in range(1, 8):
            if weekday == 7 or texts[weekday] != texts[first]:
                if texts[first]:
                    name = WEEKDAY_NAMES[first]
                    if weekday - 1 > first:
                        name += f"-{WEEKDAY_NAMES[weekday - 1]}"
                    result[name] = texts[first]
                first = weekday
        return result


def to_date(value: object, field: str) -> date:
    """Return ``value`` as a ``date``; ISO text is accepted, a datetime is not."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidTimeError(
                "is not an ISO date YYYY-MM-DD", field=field, value=value
            ) from None
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise InputTypeError("must be a date (not a datetime)", field=field, value=value)
    return value


def _effective_date(value: object) -> date:
    return to_date(value, "effective")


@attrs.frozen(repr=False)
class HoursChange:
    """A new weekly schedule in force from local date ``effective`` on (effective-dated hours).

    A shift belongs to the date it starts on, so an overnight shift that starts the day before
    ``effective`` runs to its end under the old schedule.

    >>> HoursChange("2026-01-05", WeeklySchedule.parse({"mon-thu": "08:00-18:00"}))
    HoursChange('2026-01-05', WeeklySchedule.parse({'mon-thu': '08:00-18:00'}))
    """

    effective: date = attrs.field(converter=_effective_date)
    hours: WeeklySchedule = attrs.field(validator=instance_of(WeeklySchedule))

    def __repr__(self) -> str:
        return f"HoursChange({self.effective.isoformat()!r}, {self.hours!r})"

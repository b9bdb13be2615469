"""Business-time calendars: ``Calendar`` and ``OpenInterval``, every answer computed by hand.

Dates used below (all 2025 unless said otherwise):

- July: Thu 3, Fri 4 (Independence Day), Sat 5, Sun 6, Mon 7, Tue 8.
- New York DST: spring forward Sun March 9 at 02:00 EST -> 03:00 EDT (gap 02:00-03:00); fall
  back Sun November 2 at 02:00 EDT -> 01:00 EST (fold 01:00-02:00). EST is UTC-5, EDT UTC-4.
- London DST: spring forward Sun March 30 at 01:00 GMT -> 02:00 BST (gap 01:00-02:00); fall
  back Sun October 26 at 02:00 BST -> 01:00 GMT (fold 01:00-02:00). GMT is UTC, BST UTC+1.
- June: Sun 1, Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7 (London on BST, no transition).
- December: Wed 24, Thu 25 (Christmas), Fri 26 (Boxing Day in the UK).

Expected instants are written either as the calendar's local wall-clock time (with ``fold=1``
for the second occurrence of a repeated hour) or as UTC when the DST arithmetic is the point.
"""

from __future__ import annotations

import pickle
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pendulum
import pytest

from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    UnknownTimeZoneError,
)
from safetycore.sla import (
    Calendar,
    Closure,
    HolidaySource,
    HoursChange,
    OpenInterval,
    SpecialOpening,
    WeeklySchedule,
)

NEW_YORK = "America/New_York"
LONDON = "Europe/London"
NY = ZoneInfo(NEW_YORK)
LON = ZoneInfo(LONDON)

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
MICRO = timedelta(microseconds=1)


def ny(*args: int, fold: int = 0) -> datetime:
    """Wall-clock time in New York."""
    return datetime(*args, tzinfo=NY, fold=fold)  # type: ignore[arg-type, misc]


def lon(*args: int, fold: int = 0) -> datetime:
    """Wall-clock time in London."""
    return datetime(*args, tzinfo=LON, fold=fold)  # type: ignore[arg-type, misc]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[arg-type, misc]


def local(zone: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold)  # type: ignore[arg-type, misc]


def assert_instant(result: datetime, expected: datetime, zone: str) -> None:
    """``result`` is a ``pendulum.DateTime`` in ``zone`` at the instant ``expected``.

    Compared in UTC: an aware datetime in a fold never equals one in another tzinfo (PEP 495).
    The UTC offset is compared too, so that the wall-clock reading (and its fold) is pinned.
    """
    assert isinstance(result, pendulum.DateTime)
    assert result.timezone_name == zone
    assert result.astimezone(UTC) == expected.astimezone(UTC)
    assert result.utcoffset() == expected.astimezone(ZoneInfo(zone)).utcoffset()


def spans(intervals: tuple[OpenInterval, ...]) -> list[tuple[datetime, datetime]]:
    """The intervals as pairs of UTC datetimes."""
    return [(i.start.astimezone(UTC), i.end.astimezone(UTC)) for i in intervals]


def in_utc(*pairs: tuple[datetime, datetime]) -> list[tuple[datetime, datetime]]:
    """Expected intervals, written in local time, as pairs of UTC datetimes."""
    return [(start.astimezone(UTC), end.astimezone(UTC)) for start, end in pairs]


def schedule(spec: dict[str, str] | str) -> WeeklySchedule:
    return WeeklySchedule.parse(spec)


def daily(zone: str, hours: str, **rules: Any) -> Calendar:
    """A calendar with the same hours every day."""
    return Calendar(zone, schedule({"daily": hours}), **rules)


OFFICE = {"mon-fri": "09:00-17:00"}
NIGHTS = {"mon-fri": "22:00-06:00"}

# Mon-Fri 09:00-17:00 in New York, with US federal holidays (observed days included).
NY_OFFICE = Calendar(NEW_YORK, schedule(OFFICE), holidays=[HolidaySource("US")])
# Mon-Fri overnight shifts 22:00-06:00 in London: each belongs to the weekday it starts on.
LONDON_NIGHTS = Calendar(LONDON, schedule(NIGHTS))


def ny_office(**rules: Any) -> Calendar:
    """``NY_OFFICE`` with extra closures, openings or hours changes."""
    return Calendar(NEW_YORK, schedule(OFFICE), holidays=[HolidaySource("US")], **rules)


def london_nights(**rules: Any) -> Calendar:
    """``LONDON_NIGHTS`` with extra closures, openings or hours changes."""
    return Calendar(LONDON, schedule(NIGHTS), **rules)


def multi_day_opening() -> Calendar:
    """Closed but for one stretch, open from Friday June 6th 2025 22:00 to Sunday 22:00."""
    return Calendar(
        LONDON,
        WeeklySchedule.closed(),
        openings=[
            SpecialOpening("2025-06-06", "22:00-24:00"),
            SpecialOpening("2025-06-07", "24h"),
            SpecialOpening("2025-06-08", "00:00-22:00"),
        ],
    )


# -- the DST rules, hand-computed at both transitions of both zones ----------------------------
#
# (zone, daily hours, window start, window end, expected open spans in UTC). The window is the
# local date from midnight to midnight, or noon to noon for overnight shifts.
DST_CASES = [
    # An 01:00-03:00 range holds 1 real hour on the spring-forward night and 3 on fall-back.
    # New York spring: 01:00 EST = 06:00Z, 03:00 EDT = 07:00Z.
    pytest.param(
        NEW_YORK, "01:00-03:00", (2025, 3, 9), (2025, 3, 10),
        [(utc(2025, 3, 9, 6), utc(2025, 3, 9, 7))], id="ny-spring-0100-0300",
    ),
    # New York fall: 01:00 is in the fold, earlier occurrence EDT = 05:00Z; 03:00 EST = 08:00Z.
    pytest.param(
        NEW_YORK, "01:00-03:00", (2025, 11, 2), (2025, 11, 3),
        [(utc(2025, 11, 2, 5), utc(2025, 11, 2, 8))], id="ny-fall-0100-0300",
    ),
    # London spring: 01:00 is the first instant of the gap, shifted to 02:00 BST = 01:00Z;
    # 03:00 BST = 02:00Z.
    pytest.param(
        LONDON, "01:00-03:00", (2025, 3, 30), (2025, 3, 31),
        [(utc(2025, 3, 30, 1), utc(2025, 3, 30, 2))], id="london-spring-0100-0300",
    ),
    # London fall: 01:00 earlier occurrence BST = 00:00Z; 03:00 GMT = 03:00Z.
    pytest.param(
        LONDON, "01:00-03:00", (2025, 10, 26), (2025, 10, 27),
        [(utc(2025, 10, 26, 0), utc(2025, 10, 26, 3))], id="london-fall-0100-0300",
    ),
    # A range entirely inside the gap moves forward by the gap and keeps its 30 minutes.
    # New York: 02:15-02:45 -> 03:15-03:45 EDT = 07:15Z-07:45Z.
    pytest.param(
        NEW_YORK, "02:15-02:45", (2025, 3, 9), (2025, 3, 10),
        [(utc(2025, 3, 9, 7, 15), utc(2025, 3, 9, 7, 45))], id="ny-inside-gap",
    ),
    # London: 01:15-01:45 -> 02:15-02:45 BST = 01:15Z-01:45Z.
    pytest.param(
        LONDON, "01:15-01:45", (2025, 3, 30), (2025, 3, 31),
        [(utc(2025, 3, 30, 1, 15), utc(2025, 3, 30, 1, 45))], id="london-inside-gap",
    ),
    # A range whose shifted start passes its end holds no time.
    # New York: 02:30 -> 03:30 EDT, which is after the end 03:15 EDT.
    pytest.param(
        NEW_YORK, "02:30-03:15", (2025, 3, 9), (2025, 3, 10), [], id="ny-start-passes-end",
    ),
    # London: 01:30 -> 02:30 BST, after the end 02:15 BST.
    pytest.param(
        LONDON, "01:30-02:15", (2025, 3, 30), (2025, 3, 31), [], id="london-start-passes-end",
    ),
    # A start in the gap shifts forward. New York 02:30-05:00 -> 03:30 EDT (07:30Z) to
    # 05:00 EDT (09:00Z): 1.5 h.
    pytest.param(
        NEW_YORK, "02:30-05:00", (2025, 3, 9), (2025, 3, 10),
        [(utc(2025, 3, 9, 7, 30), utc(2025, 3, 9, 9))], id="ny-start-in-gap",
    ),
    # London 01:30-05:00 -> 02:30 BST (01:30Z) to 05:00 BST (04:00Z): 2.5 h.
    pytest.param(
        LONDON, "01:30-05:00", (2025, 3, 30), (2025, 3, 31),
        [(utc(2025, 3, 30, 1, 30), utc(2025, 3, 30, 4))], id="london-start-in-gap",
    ),
    # An end in the gap shifts forward. New York 00:00 EST (05:00Z) to 02:30 -> 03:30 EDT
    # (07:30Z): 2.5 h.
    pytest.param(
        NEW_YORK, "00:00-02:30", (2025, 3, 9), (2025, 3, 10),
        [(utc(2025, 3, 9, 5), utc(2025, 3, 9, 7, 30))], id="ny-end-in-gap",
    ),
    # London 00:00 GMT (00:00Z) to 01:30 -> 02:30 BST (01:30Z): 1.5 h.
    pytest.param(
        LONDON, "00:00-01:30", (2025, 3, 30), (2025, 3, 31),
        [(utc(2025, 3, 30, 0), utc(2025, 3, 30, 1, 30))], id="london-end-in-gap",
    ),
    # An end in the fold takes the earlier occurrence. New York 00:00 EDT (04:00Z) to
    # 01:30 EDT (05:30Z): 1.5 h.
    pytest.param(
        NEW_YORK, "00:00-01:30", (2025, 11, 2), (2025, 11, 3),
        [(utc(2025, 11, 2, 4), utc(2025, 11, 2, 5, 30))], id="ny-end-in-fold",
    ),
    # London 00:00 BST (Oct 25 23:00Z) to 01:30 BST (00:30Z): 1.5 h.
    pytest.param(
        LONDON, "00:00-01:30", (2025, 10, 26), (2025, 10, 27),
        [(utc(2025, 10, 25, 23), utc(2025, 10, 26, 0, 30))], id="london-end-in-fold",
    ),
    # A start in the fold takes the earlier occurrence. New York 01:30 EDT (05:30Z) to
    # 05:00 EST (10:00Z): 4.5 h.
    pytest.param(
        NEW_YORK, "01:30-05:00", (2025, 11, 2), (2025, 11, 3),
        [(utc(2025, 11, 2, 5, 30), utc(2025, 11, 2, 10))], id="ny-start-in-fold",
    ),
    # London 01:30 BST (00:30Z) to 05:00 GMT (05:00Z): 4.5 h.
    pytest.param(
        LONDON, "01:30-05:00", (2025, 10, 26), (2025, 10, 27),
        [(utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 5))], id="london-start-in-fold",
    ),
    # Overnight shifts across the transitions count real time: 7 h in spring, 9 h in fall.
    # New York: Sat 22:00 EST (Sun 03:00Z) to Sun 06:00 EDT (10:00Z).
    pytest.param(
        NEW_YORK, "22:00-06:00", (2025, 3, 8, 12), (2025, 3, 9, 12),
        [(utc(2025, 3, 9, 3), utc(2025, 3, 9, 10))], id="ny-spring-overnight",
    ),
    # New York: Sat 22:00 EDT (Sun 02:00Z) to Sun 06:00 EST (11:00Z).
    pytest.param(
        NEW_YORK, "22:00-06:00", (2025, 11, 1, 12), (2025, 11, 2, 12),
        [(utc(2025, 11, 2, 2), utc(2025, 11, 2, 11))], id="ny-fall-overnight",
    ),
    # London: Sat 22:00 GMT (22:00Z) to Sun 06:00 BST (05:00Z).
    pytest.param(
        LONDON, "22:00-06:00", (2025, 3, 29, 12), (2025, 3, 30, 12),
        [(utc(2025, 3, 29, 22), utc(2025, 3, 30, 5))], id="london-spring-overnight",
    ),
    # London: Sat 22:00 BST (21:00Z) to Sun 06:00 GMT (06:00Z).
    pytest.param(
        LONDON, "22:00-06:00", (2025, 10, 25, 12), (2025, 10, 26, 12),
        [(utc(2025, 10, 25, 21), utc(2025, 10, 26, 6))], id="london-fall-overnight",
    ),
    # A whole day lasts 23 h on the spring-forward date and 25 h on the fall-back date.
    pytest.param(
        NEW_YORK, "24h", (2025, 3, 9), (2025, 3, 10),
        [(utc(2025, 3, 9, 5), utc(2025, 3, 10, 4))], id="ny-spring-whole-day",
    ),
    pytest.param(
        NEW_YORK, "24h", (2025, 11, 2), (2025, 11, 3),
        [(utc(2025, 11, 2, 4), utc(2025, 11, 3, 5))], id="ny-fall-whole-day",
    ),
    pytest.param(
        LONDON, "24h", (2025, 3, 30), (2025, 3, 31),
        [(utc(2025, 3, 30, 0), utc(2025, 3, 30, 23))], id="london-spring-whole-day",
    ),
    pytest.param(
        LONDON, "24h", (2025, 10, 26), (2025, 10, 27),
        [(utc(2025, 10, 25, 23), utc(2025, 10, 27, 0))], id="london-fall-whole-day",
    ),
]  # fmt: skip


class TestCalendar:
    def test_defaults(self) -> None:
        """A calendar has no dated rules unless given."""
        cal = Calendar("UTC", WeeklySchedule.always())
        assert (cal.hours_changes, cal.closures, cal.openings, cal.holidays) == ((), (), (), ())

    def test_dated_rules_sorted(self) -> None:
        """Closures, openings and hours changes are stored sorted by date."""
        late, early = Closure("2025-12-31"), Closure("2025-12-24", "12:00-24:00")
        sat, thu = SpecialOpening("2025-11-29", "10:00-12:00"), SpecialOpening("2025-11-27", "24h")
        spring = HoursChange("2026-03-02", WeeklySchedule.closed())
        winter = HoursChange("2026-01-05", WeeklySchedule.always())
        cal = ny_office(closures=[late, early], openings=[sat, thu], hours_changes=[spring, winter])
        assert (cal.closures, cal.openings, cal.hours_changes) == (
            (early, late),
            (thu, sat),
            (winter, spring),
        )

    def test_unknown_zone(self) -> None:
        """An unknown zone raises ``UnknownTimeZoneError`` (a ``ConfigurationError``)."""
        with pytest.raises(UnknownTimeZoneError) as info:
            Calendar("Mars/Olympus_Mons", WeeklySchedule.always())
        assert (info.value.field, info.value.value) == ("zone", "Mars/Olympus_Mons")
        assert isinstance(info.value, ConfigurationError)

    def test_zone_not_text(self) -> None:
        """A zone object instead of its name raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            Calendar(NY, WeeklySchedule.always())  # type: ignore[arg-type]
        assert info.value.field == "zone"

    def test_full_day_closure_and_opening_on_one_date(self) -> None:
        """A full-day closure and a special opening on the same date contradict each other."""
        with pytest.raises(ConfigurationError) as info:
            ny_office(
                closures=[Closure("2025-11-27")],
                openings=[SpecialOpening("2025-11-27", "10:00-14:00")],
            )
        assert (info.value.field, info.value.value) == ("openings", date(2025, 11, 27))

    def test_partial_closure_and_opening_on_one_date(self) -> None:
        """A partial closure may cut into a special opening on the same date."""
        cal = ny_office(
            closures=[Closure("2025-11-27", "12:00-13:00")],
            openings=[SpecialOpening("2025-11-27", "10:00-14:00")],
        )
        assert len(cal.closures) == 1

    def test_two_openings_on_one_date(self) -> None:
        """Two special openings on one date raise ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            ny_office(
                openings=[
                    SpecialOpening("2025-11-29", "10:00-12:00"),
                    SpecialOpening("2025-11-29", "13:00-14:00"),
                ]
            )
        assert (info.value.field, info.value.value) == ("openings", date(2025, 11, 29))

    def test_two_equal_hours_changes_on_one_date(self) -> None:
        """The same hours change given twice raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            ny_office(hours_changes=[HoursChange("2026-01-05", WeeklySchedule.closed())] * 2)
        assert (info.value.field, info.value.value) == ("hours_changes", date(2026, 1, 5))

    def test_two_different_hours_changes_on_one_date(self) -> None:
        """Two different hours changes effective on one date raise ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            ny_office(
                hours_changes=[
                    HoursChange("2026-01-05", WeeklySchedule.closed()),
                    HoursChange("2026-01-05", WeeklySchedule.always()),
                ]
            )
        assert (info.value.field, info.value.value) == ("hours_changes", date(2026, 1, 5))

    def test_full_day_and_partial_closure_on_one_date(self) -> None:
        """A full-day and a partial closure may share a date; the date is closed."""
        cal = ny_office(closures=[Closure("2025-07-08"), Closure("2025-07-08", "12:00-13:00")])
        assert cal.elapsed(ny(2025, 7, 8), ny(2025, 7, 9)) == timedelta(0)

    def test_two_closures_on_one_date_allowed(self) -> None:
        """Several partial closures may share a date."""
        cal = ny_office(
            closures=[Closure("2025-07-08", "09:00-10:00"), Closure("2025-07-08", "16:00-17:00")]
        )
        assert cal.elapsed(ny(2025, 7, 8), ny(2025, 7, 9)) == 6 * HOUR

    def test_wrong_item_type(self) -> None:
        """A closure given as text raises ``InputTypeError`` naming its position."""
        with pytest.raises(InputTypeError) as info:
            ny_office(closures=["2025-12-31"])
        assert (info.value.field, info.value.value) == ("closures[0]", "2025-12-31")

    def test_hours_not_a_schedule(self) -> None:
        """Hours given as a plain mapping raise ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Calendar("UTC", {"mon-fri": "09:00-17:00"})  # type: ignore[arg-type]

    def test_equality_and_hash(self) -> None:
        """Calendars with the same definition are equal and hash alike."""
        a = ny_office(closures=[Closure("2025-12-31")])
        b = ny_office(closures=[Closure("2025-12-31")])
        assert a == b
        assert hash(a) == hash(b)
        assert a != NY_OFFICE


class TestAlways:
    def test_default_zone(self) -> None:
        """``Calendar.always()`` is 24/7 in UTC."""
        assert Calendar.always() == Calendar("UTC", WeeklySchedule.always())

    def test_counts_real_hours_across_fall_back(self) -> None:
        """24/7 in New York holds 25 hours on November 2nd 2025 (EDT midnight to EST midnight)."""
        cal = Calendar.always(NEW_YORK)
        assert cal.elapsed(ny(2025, 11, 2), ny(2025, 11, 3)) == 25 * HOUR

    def test_open_everywhere(self) -> None:
        """Open at the first microsecond of a year and at a DST transition."""
        cal = Calendar.always(NEW_YORK)
        assert cal.is_open(ny(2025, 1, 1))
        assert cal.is_open(utc(2025, 3, 9, 7))  # 03:00 EDT, the first instant after the gap


class TestFromDict:
    def test_minimal(self) -> None:
        """Only ``zone`` and ``hours`` are required."""
        cal = Calendar.from_dict({"zone": NEW_YORK, "hours": OFFICE})
        assert cal == Calendar(NEW_YORK, schedule(OFFICE))

    def test_everything(self) -> None:
        """Every key builds the matching rule objects."""
        cal = Calendar.from_dict(
            {
                "zone": NEW_YORK,
                "hours": OFFICE,
                "hours_changes": [{"effective": "2026-01-05", "hours": "24/7"}],
                "closures": [{"date": "2025-12-24", "times": "12:00-24:00"}],
                "openings": [{"date": "2025-11-29", "hours": "10:00-14:00", "name": "Sale"}],
                "holidays": [{"country": "US", "subdivision": "NY"}],
            }
        )
        assert cal == Calendar(
            NEW_YORK,
            schedule(OFFICE),
            hours_changes=[HoursChange(date(2026, 1, 5), WeeklySchedule.always())],
            closures=[Closure(date(2025, 12, 24), "12:00-24:00")],
            openings=[SpecialOpening(date(2025, 11, 29), "10:00-14:00", name="Sale")],
            holidays=[HolidaySource("US", "NY")],
        )

    @pytest.mark.parametrize("missing", ["zone", "hours"])
    def test_required(self, missing: str) -> None:
        """A missing ``zone`` or ``hours`` raises ``ConfigurationError`` naming it."""
        data = {"zone": NEW_YORK, "hours": OFFICE}
        del data[missing]
        with pytest.raises(ConfigurationError) as info:
            Calendar.from_dict(data)
        assert (info.value.field, info.value.value) == (missing, None)

    def test_unknown_key(self) -> None:
        """An unknown key raises ``ConfigurationError`` naming the key."""
        with pytest.raises(ConfigurationError) as info:
            Calendar.from_dict({"zone": "UTC", "hours": "24/7", "timezone": "UTC"})
        assert (info.value.field, info.value.value) == ("calendar.timezone", "timezone")

    def test_not_a_mapping(self) -> None:
        """A non-mapping raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Calendar.from_dict([("zone", "UTC")])  # type: ignore[arg-type]

    def test_bad_hours_change_names_its_position(self) -> None:
        """An error inside an hours change names the change's position."""
        with pytest.raises(ConfigurationError) as info:
            Calendar.from_dict(
                {
                    "zone": "UTC",
                    "hours": "24/7",
                    "hours_changes": [{"effective": "2026-01-05", "hours": {"mon": "9-5"}}],
                }
            )
        assert info.value.field == "hours_changes[0].hours.mon[0]"

    def test_unknown_zone(self) -> None:
        """An unknown zone in the plain-dict form raises ``UnknownTimeZoneError``."""
        with pytest.raises(UnknownTimeZoneError):
            Calendar.from_dict({"zone": "Europe/Londres", "hours": "24/7"})

    def test_unknown_holiday_country(self) -> None:
        """An unknown holiday country raises ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            Calendar.from_dict({"zone": "UTC", "hours": "24/7", "holidays": [{"country": "XX"}]})
        assert (info.value.field, info.value.value) == ("country", "XX")


class TestToDict:
    def test_minimal(self) -> None:
        """Empty rule lists are left out."""
        assert LONDON_NIGHTS.to_dict() == {"zone": LONDON, "hours": {"mon-fri": "22:00-06:00"}}

    def test_exact_round_trip(self) -> None:
        """A plain dict in normal form comes back unchanged, and so does the calendar."""
        data = {
            "zone": NEW_YORK,
            "hours": {"mon-fri": "09:00-17:00"},
            "hours_changes": [{"effective": "2026-01-05", "hours": {"mon-thu": "08:00-18:00"}}],
            "closures": [
                {"date": "2025-12-24", "times": "12:00-24:00", "name": "Christmas Eve"},
                {"date": "2025-12-31"},
            ],
            "openings": [{"date": "2025-11-27", "hours": "10:00-14:00", "name": "Cover"}],
            "holidays": [{"country": "US", "subdivision": "NY"}],
        }
        cal = Calendar.from_dict(data)
        assert cal.to_dict() == data
        assert Calendar.from_dict(cal.to_dict()) == cal

    def test_round_trip_of_built_calendar(self) -> None:
        """``Calendar.from_dict(cal.to_dict()) == cal`` for a calendar built from objects."""
        cal = Calendar(
            LONDON,
            schedule({"mon-fri": "22:00-06:00", "sat": "10:00-14:00, 13:00-15:00"}),
            hours_changes=[
                HoursChange("2026-03-02", WeeklySchedule.closed()),
                HoursChange("2026-01-05", schedule({"weekdays": "09:00-17:00"})),
            ],
            closures=[Closure("2025-12-24", "00:00:00.5-09:00"), Closure("2025-12-25")],
            openings=[SpecialOpening("2025-12-26", "closed"), SpecialOpening("2025-12-28", "24h")],
            holidays=[HolidaySource("GB", "ENG", observed=False)],
        )
        assert Calendar.from_dict(cal.to_dict()) == cal


class TestTz:
    def test_pendulum_zone(self) -> None:
        """``tz`` is the calendar's zone as a ``pendulum.Timezone``."""
        assert isinstance(NY_OFFICE.tz, pendulum.Timezone)
        assert NY_OFFICE.tz.name == NEW_YORK


class TestIsOpen:
    def test_open_at_opening(self) -> None:
        """Open at the opening instant (half-open intervals)."""
        assert NY_OFFICE.is_open(ny(2025, 7, 7, 9))

    def test_closed_at_close(self) -> None:
        """Closed at the closing instant."""
        assert not NY_OFFICE.is_open(ny(2025, 7, 7, 17))

    def test_microsecond_edges(self) -> None:
        """Open a microsecond before the close, closed a microsecond before the opening."""
        assert NY_OFFICE.is_open(ny(2025, 7, 7, 16, 59, 59, 999_999))
        assert not NY_OFFICE.is_open(ny(2025, 7, 7, 8, 59, 59, 999_999))

    def test_weekend(self) -> None:
        """Closed on Saturday."""
        assert not NY_OFFICE.is_open(ny(2025, 7, 5, 12))

    def test_holiday(self) -> None:
        """Closed at noon on Independence Day, a Friday."""
        assert not NY_OFFICE.is_open(ny(2025, 7, 4, 12))

    def test_observed_holiday(self) -> None:
        """Friday July 3rd 2026 is observed for the Saturday holiday; closed unless opted out."""
        assert not NY_OFFICE.is_open(ny(2026, 7, 3, 12))
        cal = Calendar(NEW_YORK, schedule(OFFICE), holidays=[HolidaySource("US", observed=False)])
        assert cal.is_open(ny(2026, 7, 3, 12))

    def test_instant_in_another_zone(self) -> None:
        """13:00 UTC on July 7th is 09:00 EDT: open; a microsecond earlier: closed."""
        assert NY_OFFICE.is_open(utc(2025, 7, 7, 13))
        assert not NY_OFFICE.is_open(utc(2025, 7, 7, 12, 59, 59, 999_999))

    def test_fixed_offset_zone(self) -> None:
        """A fixed-offset tzinfo is accepted: 18:30 at UTC+5:30 is 09:00 EDT."""
        india = timezone(timedelta(hours=5, minutes=30))
        assert NY_OFFICE.is_open(datetime(2025, 7, 7, 18, 30, tzinfo=india))

    def test_pendulum_instant(self) -> None:
        """A ``pendulum.DateTime`` is accepted: 22:00 in Tokyo on July 7th is 09:00 EDT."""
        assert NY_OFFICE.is_open(pendulum.datetime(2025, 7, 7, 22, tz="Asia/Tokyo"))

    def test_overnight_shift_after_midnight(self) -> None:
        """At 03:00 on Tuesday the Monday 22:00-06:00 shift is still open."""
        assert LONDON_NIGHTS.is_open(lon(2025, 6, 3, 3))

    def test_overnight_shift_runs_into_saturday(self) -> None:
        """Friday's shift runs to Saturday 06:00; with no Sunday shift, Monday 03:00 is closed."""
        assert LONDON_NIGHTS.is_open(lon(2025, 6, 7, 5, 59))
        assert not LONDON_NIGHTS.is_open(lon(2025, 6, 7, 6))
        assert not LONDON_NIGHTS.is_open(lon(2025, 6, 2, 3))

    @pytest.mark.parametrize(
        ("zone", "first", "second"),
        [
            # 00:00-01:30 ends at the first 01:30; the repeated hour's second 01:15 is closed.
            (NEW_YORK, (2025, 11, 2, 1, 15), (2025, 11, 2, 1, 15)),
            (LONDON, (2025, 10, 26, 1, 15), (2025, 10, 26, 1, 15)),
        ],
    )
    def test_fold_takes_earlier_occurrence(
        self, zone: str, first: tuple[int, ...], second: tuple[int, ...]
    ) -> None:
        """A close in the fold is the earlier 01:30: open at the first 01:15, not the second."""
        cal = daily(zone, "00:00-01:30")
        assert cal.is_open(local(zone, *first, fold=0))
        assert not cal.is_open(local(zone, *second, fold=1))

    @pytest.mark.parametrize(
        ("zone", "hours", "before", "at_opening"),
        [
            # 02:30 -> 03:30 EDT = 07:30Z; 03:15 EDT (07:15Z) is still closed.
            (NEW_YORK, "02:30-05:00", utc(2025, 3, 9, 7, 15), utc(2025, 3, 9, 7, 30)),
            # 01:30 -> 02:30 BST = 01:30Z; 02:15 BST (01:15Z) is still closed.
            (LONDON, "01:30-05:00", utc(2025, 3, 30, 1, 15), utc(2025, 3, 30, 1, 30)),
        ],
    )
    def test_gap_shifts_opening_forward(
        self, zone: str, hours: str, before: datetime, at_opening: datetime
    ) -> None:
        """An opening in the gap is shifted forward by the gap's length."""
        cal = daily(zone, hours)
        assert not cal.is_open(before)
        assert cal.is_open(at_opening)

    def test_naive(self) -> None:
        """A naive datetime raises ``NaiveDatetimeError`` on ``at``."""
        naive = datetime(2025, 7, 7, 10)
        with pytest.raises(NaiveDatetimeError) as info:
            NY_OFFICE.is_open(naive)
        assert (info.value.field, info.value.value) == ("at", naive)

    @pytest.mark.parametrize("value", ["2025-07-07T10:00:00-04:00", date(2025, 7, 7), 1751896800])
    def test_not_a_datetime(self, value: object) -> None:
        """Text, a date or a timestamp raises ``InputTypeError`` on ``at``."""
        with pytest.raises(InputTypeError) as info:
            NY_OFFICE.is_open(value)  # type: ignore[arg-type]
        assert info.value.field == "at"


class TestNextOpen:
    def test_open_returns_itself(self) -> None:
        """When open at ``t`` the answer is ``t``, expressed in the calendar's zone."""
        result = NY_OFFICE.next_open(utc(2025, 7, 7, 14, 0, 0, 1))
        assert_instant(result, ny(2025, 7, 7, 10, 0, 0, 1), NEW_YORK)

    def test_at_opening(self) -> None:
        """At the opening instant the answer is that instant."""
        assert_instant(NY_OFFICE.next_open(ny(2025, 7, 7, 9)), ny(2025, 7, 7, 9), NEW_YORK)

    def test_at_close(self) -> None:
        """At the close the answer is the next opening, Tuesday 09:00."""
        assert_instant(NY_OFFICE.next_open(ny(2025, 7, 7, 17)), ny(2025, 7, 8, 9), NEW_YORK)

    def test_before_opening(self) -> None:
        """A microsecond before the opening, the answer is the opening."""
        result = NY_OFFICE.next_open(ny(2025, 7, 7, 8, 59, 59, 999_999))
        assert_instant(result, ny(2025, 7, 7, 9), NEW_YORK)

    def test_skips_holiday_and_weekend(self) -> None:
        """After Thursday July 3rd's close: Friday is a holiday, so Monday 09:00."""
        assert_instant(NY_OFFICE.next_open(ny(2025, 7, 3, 17)), ny(2025, 7, 7, 9), NEW_YORK)

    def test_on_holiday(self) -> None:
        """From noon on the holiday, Monday 09:00."""
        assert_instant(NY_OFFICE.next_open(ny(2025, 7, 4, 12)), ny(2025, 7, 7, 9), NEW_YORK)

    def test_overnight_shift(self) -> None:
        """From Sunday noon in London, the next shift opens Monday 22:00."""
        result = LONDON_NIGHTS.next_open(lon(2025, 6, 1, 12))
        assert_instant(result, lon(2025, 6, 2, 22), LONDON)

    @pytest.mark.parametrize(
        ("zone", "hours", "start", "expected"),
        [
            # Gap: 02:30 -> 03:30 EDT (07:30Z).
            (NEW_YORK, "02:30-05:00", (2025, 3, 9), utc(2025, 3, 9, 7, 30)),
            # Gap: 01:30 -> 02:30 BST (01:30Z).
            (LONDON, "01:30-05:00", (2025, 3, 30), utc(2025, 3, 30, 1, 30)),
            # Fold: the earlier 01:30, EDT (05:30Z).
            (NEW_YORK, "01:30-05:00", (2025, 11, 2), utc(2025, 11, 2, 5, 30)),
            # Fold: the earlier 01:30, BST (00:30Z).
            (LONDON, "01:30-05:00", (2025, 10, 26), utc(2025, 10, 26, 0, 30)),
        ],
    )
    def test_dst(self, zone: str, hours: str, start: tuple[int, ...], expected: datetime) -> None:
        """An opening in a gap moves forward; an opening in a fold is its earlier occurrence."""
        assert_instant(daily(zone, hours).next_open(local(zone, *start)), expected, zone)

    @pytest.mark.parametrize("zone", [NEW_YORK, LONDON])
    def test_second_occurrence_of_fold_inside_interval(self, zone: str) -> None:
        """The second 01:45 of a fall-back night lies inside 01:30-05:00 and is its own answer."""
        at = (2025, 11, 2, 1, 45) if zone == NEW_YORK else (2025, 10, 26, 1, 45)
        result = daily(zone, "01:30-05:00").next_open(local(zone, *at, fold=1))
        assert_instant(result, local(zone, *at, fold=1), zone)
        assert result.fold == 1

    def test_special_opening_years_ahead(self) -> None:
        """A closed calendar with one special opening in 2030 finds it from 2025."""
        cal = Calendar(
            "UTC", WeeklySchedule.closed(), openings=[SpecialOpening("2030-06-03", "09:00-10:00")]
        )
        assert_instant(cal.next_open(utc(2025, 1, 1)), utc(2030, 6, 3, 9), "UTC")

    def test_never_opens(self) -> None:
        """A calendar that never opens raises ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            Calendar("UTC", WeeklySchedule.closed()).next_open(utc(2025, 1, 1))

    def test_never_opens_after_hours_change(self) -> None:
        """After a change to closed hours there is no next opening; before it, there is."""
        cal = Calendar(
            "UTC",
            WeeklySchedule.always(),
            hours_changes=[HoursChange("2025-01-01", WeeklySchedule.closed())],
        )
        with pytest.raises(OutOfRangeError):
            cal.next_open(utc(2025, 6, 1))
        assert_instant(cal.next_open(utc(2024, 12, 31, 12)), utc(2024, 12, 31, 12), "UTC")

    def test_naive(self) -> None:
        """A naive datetime raises ``NaiveDatetimeError``."""
        with pytest.raises(NaiveDatetimeError):
            NY_OFFICE.next_open(datetime(2025, 7, 7, 10))


class TestNextClose:
    def test_open_returns_close(self) -> None:
        """When open, the answer is the end of the open interval."""
        assert_instant(NY_OFFICE.next_close(ny(2025, 7, 7, 10)), ny(2025, 7, 7, 17), NEW_YORK)

    def test_at_opening(self) -> None:
        """At the opening instant the calendar is open, so the answer is the close."""
        assert_instant(NY_OFFICE.next_close(ny(2025, 7, 7, 9)), ny(2025, 7, 7, 17), NEW_YORK)

    def test_at_close_returns_itself(self) -> None:
        """At the close the calendar is already closed: the answer is ``t``."""
        assert_instant(NY_OFFICE.next_close(ny(2025, 7, 7, 17)), ny(2025, 7, 7, 17), NEW_YORK)

    def test_microsecond_before_close(self) -> None:
        """A microsecond before the close, the answer is the close."""
        result = NY_OFFICE.next_close(ny(2025, 7, 7, 16, 59, 59, 999_999))
        assert_instant(result, ny(2025, 7, 7, 17), NEW_YORK)

    def test_closed_returns_itself(self) -> None:
        """On Saturday the answer is ``t`` itself, in the calendar's zone."""
        result = NY_OFFICE.next_close(utc(2025, 7, 5, 16))
        assert_instant(result, ny(2025, 7, 5, 12), NEW_YORK)

    def test_overnight_shift_after_midnight(self) -> None:
        """At 03:00 Tuesday, inside Monday's shift, the answer is Tuesday 06:00."""
        assert_instant(LONDON_NIGHTS.next_close(lon(2025, 6, 3, 3)), lon(2025, 6, 3, 6), LONDON)

    def test_holiday_cuts_overnight_shift(self) -> None:
        """Christmas Eve's 22:00 shift stops at midnight: Christmas Day is a holiday."""
        cal = daily(LONDON, "22:00-06:00", holidays=[HolidaySource("GB")])
        assert_instant(cal.next_close(lon(2025, 12, 24, 23)), lon(2025, 12, 25), LONDON)

    def test_always_open_with_holidays(self) -> None:
        """24/7 except US holidays: from July 1st the next close is midnight starting July 4th."""
        cal = Calendar(NEW_YORK, WeeklySchedule.always(), holidays=[HolidaySource("US")])
        assert_instant(cal.next_close(ny(2025, 7, 1, 12)), ny(2025, 7, 4), NEW_YORK)

    @pytest.mark.parametrize(
        ("zone", "hours", "start", "expected"),
        [
            # Close in the fold: the earlier 01:30, EDT (05:30Z).
            (NEW_YORK, "00:00-01:30", (2025, 11, 2, 0, 30), utc(2025, 11, 2, 5, 30)),
            # Close in the fold: the earlier 01:30, BST (00:30Z).
            (LONDON, "00:00-01:30", (2025, 10, 26, 0, 30), utc(2025, 10, 26, 0, 30)),
            # Close in the gap: 02:30 -> 03:30 EDT (07:30Z).
            (NEW_YORK, "00:00-02:30", (2025, 3, 9, 1), utc(2025, 3, 9, 7, 30)),
            # Close in the gap: 01:30 -> 02:30 BST (01:30Z).
            (LONDON, "00:00-01:30", (2025, 3, 30, 0, 30), utc(2025, 3, 30, 1, 30)),
            # Overnight shift across spring forward ends 06:00 EDT (10:00Z).
            (NEW_YORK, "22:00-06:00", (2025, 3, 8, 23), utc(2025, 3, 9, 10)),
            # Overnight shift across fall back ends 06:00 GMT (06:00Z).
            (LONDON, "22:00-06:00", (2025, 10, 25, 23), utc(2025, 10, 26, 6)),
        ],
    )
    def test_dst(self, zone: str, hours: str, start: tuple[int, ...], expected: datetime) -> None:
        """A close in a fold is its earlier occurrence; a close in a gap moves forward."""
        assert_instant(daily(zone, hours).next_close(local(zone, *start)), expected, zone)

    @pytest.mark.parametrize("zone", [NEW_YORK, LONDON])
    def test_second_occurrence_of_fold_is_closed(self, zone: str) -> None:
        """With 00:00-01:30, the second 01:15 of fall-back night is closed: answer is itself."""
        at = (2025, 11, 2, 1, 15) if zone == NEW_YORK else (2025, 10, 26, 1, 15)
        result = daily(zone, "00:00-01:30").next_close(local(zone, *at, fold=1))
        assert_instant(result, local(zone, *at, fold=1), zone)

    @pytest.mark.parametrize("zone", ["UTC", NEW_YORK])
    def test_never_closes(self, zone: str) -> None:
        """A 24/7 calendar without holidays never closes: ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            Calendar.always(zone).next_close(utc(2025, 1, 1))

    def test_never_closes_after_hours_change(self) -> None:
        """After a change to 24/7 hours there is no next close."""
        cal = Calendar(
            "UTC",
            schedule(OFFICE),
            hours_changes=[HoursChange("2025-01-06", WeeklySchedule.always())],
        )
        with pytest.raises(OutOfRangeError):
            cal.next_close(utc(2025, 2, 1))

    def test_naive(self) -> None:
        """A naive datetime raises ``NaiveDatetimeError``."""
        with pytest.raises(NaiveDatetimeError):
            NY_OFFICE.next_close(datetime(2025, 7, 7, 10))


class TestOpenIntervals:
    def test_clipped_to_window(self) -> None:
        """Thursday noon to Tuesday noon: three intervals, the first and last clipped."""
        result = NY_OFFICE.open_intervals(ny(2025, 7, 3, 12), ny(2025, 7, 8, 12))
        assert spans(result) == in_utc(
            (ny(2025, 7, 3, 12), ny(2025, 7, 3, 17)),
            (ny(2025, 7, 7, 9), ny(2025, 7, 7, 17)),
            (ny(2025, 7, 8, 9), ny(2025, 7, 8, 12)),
        )

    def test_values_in_calendar_zone(self) -> None:
        """Interval ends are ``pendulum.DateTime`` in the calendar's zone."""
        (interval,) = NY_OFFICE.open_intervals(utc(2025, 7, 7), utc(2025, 7, 8))
        assert_instant(interval.start, ny(2025, 7, 7, 9), NEW_YORK)
        assert_instant(interval.end, ny(2025, 7, 7, 17), NEW_YORK)

    def test_empty_window(self) -> None:
        """An empty window holds no interval."""
        assert NY_OFFICE.open_intervals(ny(2025, 7, 7, 10), ny(2025, 7, 7, 10)) == ()

    def test_closed_window(self) -> None:
        """A window over the weekend holds no interval."""
        assert NY_OFFICE.open_intervals(ny(2025, 7, 5), ny(2025, 7, 7)) == ()

    def test_end_before_start(self) -> None:
        """An end before the start raises ``InvalidArgumentError`` on ``end``."""
        end = ny(2025, 7, 7, 9)
        with pytest.raises(InvalidArgumentError) as info:
            NY_OFFICE.open_intervals(ny(2025, 7, 7, 10), end)
        assert (info.value.field, info.value.value) == ("end", end)

    def test_naive(self) -> None:
        """A naive end raises ``NaiveDatetimeError`` on ``end``."""
        with pytest.raises(NaiveDatetimeError) as info:
            NY_OFFICE.open_intervals(ny(2025, 7, 7), datetime(2025, 7, 8))
        assert info.value.field == "end"

    @pytest.mark.parametrize(("zone", "hours", "start", "end", "expected"), DST_CASES)
    def test_dst(
        self,
        zone: str,
        hours: str,
        start: tuple[int, ...],
        end: tuple[int, ...],
        expected: list[tuple[datetime, datetime]],
    ) -> None:
        """Wall-clock bounds resolve with the gap (shift forward) and fold (earlier) rules."""
        result = daily(zone, hours).open_intervals(local(zone, *start), local(zone, *end))
        assert spans(result) == expected

    def test_inside_gap_wall_clock(self) -> None:
        """02:15-02:45 on the New York spring-forward date reads 03:15-03:45 EDT."""
        (interval,) = daily(NEW_YORK, "02:15-02:45").open_intervals(ny(2025, 3, 9), ny(2025, 3, 10))
        assert (interval.start.hour, interval.start.minute) == (3, 15)
        assert (interval.end.hour, interval.end.minute) == (3, 45)
        assert interval.start.utcoffset() == -4 * HOUR

    def test_ranges_of_different_days_united(self) -> None:
        """Saturday 22:00-06:00 and Sunday 00:00-08:00 form one interval: Sat 22:00-Sun 08:00."""
        cal = Calendar("UTC", schedule({"sat": "22:00-06:00", "sun": "00:00-08:00"}))
        result = cal.open_intervals(utc(2025, 6, 7), utc(2025, 6, 9))
        assert spans(result) == [(utc(2025, 6, 7, 22), utc(2025, 6, 8, 8))]

    def test_full_day_closure_cuts_overnight_shifts(self) -> None:
        """A full-day closure cuts the shifts that cross into and out of its date at midnight."""
        # Closing Wednesday June 4th: Tuesday's shift stops at Wed 00:00, Wednesday's shift
        # keeps only its Thursday part.
        cal = london_nights(closures=[Closure("2025-06-04")])
        result = cal.open_intervals(lon(2025, 6, 3, 12), lon(2025, 6, 5, 12))
        assert spans(result) == in_utc(
            (lon(2025, 6, 3, 22), lon(2025, 6, 4)),
            (lon(2025, 6, 5), lon(2025, 6, 5, 6)),
        )

    def test_partial_closure_inside_overnight_shift(self) -> None:
        """A 02:00-04:00 closure on Wednesday splits Tuesday's 22:00-06:00 shift in two."""
        cal = london_nights(closures=[Closure("2025-06-04", "02:00-04:00")])
        result = cal.open_intervals(lon(2025, 6, 3, 12), lon(2025, 6, 4, 12))
        assert spans(result) == in_utc(
            (lon(2025, 6, 3, 22), lon(2025, 6, 4, 2)),
            (lon(2025, 6, 4, 4), lon(2025, 6, 4, 6)),
        )

    def test_special_opening_replaces_weekly_hours(self) -> None:
        """A special opening on a weekday replaces that day's 09:00-17:00."""
        cal = ny_office(openings=[SpecialOpening("2025-07-08", "12:00-13:00, 15:00-16:00")])
        result = cal.open_intervals(ny(2025, 7, 8), ny(2025, 7, 9))
        assert spans(result) == in_utc(
            (ny(2025, 7, 8, 12), ny(2025, 7, 8, 13)),
            (ny(2025, 7, 8, 15), ny(2025, 7, 8, 16)),
        )

    def test_special_opening_on_holiday(self) -> None:
        """A special opening on Thanksgiving overrides the holiday."""
        cal = ny_office(openings=[SpecialOpening("2025-11-27", "10:00-14:00")])
        result = cal.open_intervals(ny(2025, 11, 27), ny(2025, 11, 28))
        assert spans(result) == in_utc((ny(2025, 11, 27, 10), ny(2025, 11, 27, 14)))

    def test_closure_beats_special_opening(self) -> None:
        """An explicit partial closure still applies on a special opening's date."""
        cal = ny_office(
            openings=[SpecialOpening("2025-11-27", "10:00-14:00")],
            closures=[Closure("2025-11-27", "12:00-13:00")],
        )
        result = cal.open_intervals(ny(2025, 11, 27), ny(2025, 11, 28))
        assert spans(result) == in_utc(
            (ny(2025, 11, 27, 10), ny(2025, 11, 27, 12)),
            (ny(2025, 11, 27, 13), ny(2025, 11, 27, 14)),
        )

    def test_special_opening_leaves_previous_shift(self) -> None:
        """A special opening replaces its date's shifts, not the previous date's shift into it."""
        # A ``closed`` opening on Wednesday: Tuesday's shift still runs to Wednesday 06:00.
        cal = london_nights(openings=[SpecialOpening("2025-06-04", "closed")])
        result = cal.open_intervals(lon(2025, 6, 3, 12), lon(2025, 6, 5, 12))
        assert spans(result) == in_utc((lon(2025, 6, 3, 22), lon(2025, 6, 4, 6)))

    def test_hours_change_keeps_overnight_shift_under_old_hours(self) -> None:
        """An overnight shift starting the day before an hours change runs under the old hours."""
        # Daily 22:00-06:00 becomes 09:00-17:00 on Monday June 2nd: Sunday's shift runs to
        # Monday 06:00, then Monday has the new hours.
        cal = daily(
            LONDON,
            "22:00-06:00",
            hours_changes=[HoursChange("2025-06-02", schedule({"daily": "09:00-17:00"}))],
        )
        result = cal.open_intervals(lon(2025, 6, 1), lon(2025, 6, 3))
        assert spans(result) == in_utc(
            (lon(2025, 6, 1), lon(2025, 6, 1, 6)),  # Saturday's shift, clipped
            (lon(2025, 6, 1, 22), lon(2025, 6, 2, 6)),
            (lon(2025, 6, 2, 9), lon(2025, 6, 2, 17)),
        )


class TestOpenInterval:
    def test_duration_is_real_time(self) -> None:
        """01:00 EDT to 03:00 EST on fall-back night lasts 3 hours."""
        (interval,) = daily(NEW_YORK, "01:00-03:00").open_intervals(
            ny(2025, 11, 2), ny(2025, 11, 3)
        )
        assert interval.duration == 3 * HOUR

    def test_duration_is_plain_timedelta(self) -> None:
        """Business time is a plain ``timedelta`` (whose text is ``8:00:00``), like ``elapsed``."""
        (interval,) = NY_OFFICE.open_intervals(ny(2025, 7, 7), ny(2025, 7, 8))
        assert type(interval.duration) is timedelta
        assert str(interval.duration) == "8:00:00"


class TestElapsed:
    def test_within_a_day(self) -> None:
        """09:00 to 17:00 on a Monday is 8 hours."""
        assert NY_OFFICE.elapsed(ny(2025, 7, 7, 9), ny(2025, 7, 7, 17)) == 8 * HOUR

    def test_across_holiday_and_weekend(self) -> None:
        """Thursday 16:00 to Monday 10:00 around July 4th: 1 h + 1 h."""
        assert NY_OFFICE.elapsed(ny(2025, 7, 3, 16), ny(2025, 7, 7, 10)) == 2 * HOUR

    def test_negative(self) -> None:
        """Reversed bounds give the negated open time."""
        assert NY_OFFICE.elapsed(ny(2025, 7, 7, 10), ny(2025, 7, 3, 16)) == -2 * HOUR

    def test_zero(self) -> None:
        """Equal bounds give no time."""
        assert NY_OFFICE.elapsed(ny(2025, 7, 7, 10), ny(2025, 7, 7, 10)) == timedelta(0)

    def test_microsecond(self) -> None:
        """Open time is exact to the microsecond."""
        start = ny(2025, 7, 7, 16, 59, 59, 999_998)
        assert NY_OFFICE.elapsed(start, ny(2025, 7, 7, 18)) == 2 * MICRO

    def test_week(self) -> None:
        """A week of office hours without holidays is 40 hours."""
        assert NY_OFFICE.elapsed(ny(2025, 8, 4), ny(2025, 8, 11)) == 40 * HOUR

    def test_start_on_holiday(self) -> None:
        """From noon on Independence Day to Monday 10:00 is 1 hour."""
        assert NY_OFFICE.elapsed(ny(2025, 7, 4, 12), ny(2025, 7, 7, 10)) == HOUR

    def test_start_in_partial_closure(self) -> None:
        """Time inside a partial closure does not count: Dec 24 13:00 to Dec 26 10:00 is 1 h."""
        cal = ny_office(closures=[Closure("2025-12-24", "12:00-24:00")])
        assert cal.elapsed(ny(2025, 12, 24, 13), ny(2025, 12, 26, 10)) == HOUR
        assert cal.elapsed(ny(2025, 12, 24), ny(2025, 12, 25)) == 3 * HOUR

    def test_special_opening_on_saturday(self) -> None:
        """A Saturday opening 10:00-14:00 adds 4 hours to the weekend."""
        cal = ny_office(openings=[SpecialOpening("2025-11-29", "10:00-14:00")])
        assert cal.elapsed(ny(2025, 11, 29), ny(2025, 12, 1)) == 4 * HOUR

    def test_effective_dated_hours(self) -> None:
        """Hours become 08:00-18:00 from Wednesday October 1st: Tuesday 8 h + Wednesday 10 h."""
        cal = ny_office(
            hours_changes=[HoursChange("2025-10-01", schedule({"mon-fri": "08:00-18:00"}))]
        )
        assert cal.elapsed(ny(2025, 9, 30), ny(2025, 10, 2)) == 18 * HOUR

    def test_overnight_shift_after_midnight(self) -> None:
        """From Saturday 03:00 (inside Friday's shift) to Saturday 10:00: 3 hours."""
        assert LONDON_NIGHTS.elapsed(lon(2025, 6, 7, 3), lon(2025, 6, 7, 10)) == 3 * HOUR

    def test_holidays_cut_overnight_shifts(self) -> None:
        """Holidays close whole local dates, cutting overnight shifts at both midnights."""
        # Christmas and Boxing Day are holidays: of the shifts from Dec 24 to 26 only
        # Dec 24 22:00-24:00 and Dec 27 00:00-06:00 remain, 2 h + 6 h.
        cal = daily(LONDON, "22:00-06:00", holidays=[HolidaySource("GB")])
        assert cal.elapsed(lon(2025, 12, 24, 12), lon(2025, 12, 27, 12)) == 8 * HOUR

    def test_special_opening_on_holiday_lets_previous_shift_run(self) -> None:
        """A special opening lifts the holiday, so the previous night's shift runs into it."""
        # A ``closed`` opening on Christmas: Dec 24's shift runs to 06:00 (8 h); Boxing Day
        # still cuts Dec 26's shift, leaving Dec 27 00:00-06:00 (6 h).
        cal = daily(
            LONDON,
            "22:00-06:00",
            holidays=[HolidaySource("GB")],
            openings=[SpecialOpening("2025-12-25", "closed")],
        )
        assert cal.elapsed(lon(2025, 12, 24, 12), lon(2025, 12, 27, 12)) == 14 * HOUR

    @pytest.mark.parametrize(("zone", "hours", "start", "end", "expected"), DST_CASES)
    def test_dst(
        self,
        zone: str,
        hours: str,
        start: tuple[int, ...],
        end: tuple[int, ...],
        expected: list[tuple[datetime, datetime]],
    ) -> None:
        """Open time is real elapsed time: the sum of the hand-computed UTC spans."""
        total = sum((b - a for a, b in expected), timedelta(0))
        assert daily(zone, hours).elapsed(local(zone, *start), local(zone, *end)) == total

    def test_mixed_zones_and_types(self) -> None:
        """Bounds may be in different zones and types: UTC stdlib and Tokyo pendulum."""
        start = utc(2025, 7, 7, 15)  # 11:00 EDT
        end = pendulum.datetime(2025, 7, 8, 1, tz="Asia/Tokyo")  # 12:00 EDT on July 7th
        assert NY_OFFICE.elapsed(start, end) == HOUR

    def test_naive(self) -> None:
        """A naive start raises ``NaiveDatetimeError`` on ``start``."""
        with pytest.raises(NaiveDatetimeError) as info:
            NY_OFFICE.elapsed(datetime(2025, 7, 7), ny(2025, 7, 8))
        assert info.value.field == "start"

    def test_not_a_datetime(self) -> None:
        """A non-datetime end raises ``InputTypeError`` on ``end``."""
        with pytest.raises(InputTypeError) as info:
            NY_OFFICE.elapsed(ny(2025, 7, 7), "2025-07-08")  # type: ignore[arg-type]
        assert info.value.field == "end"


class TestAdd:
    def test_zero_returns_start(self) -> None:
        """Adding nothing returns the start itself, even when closed, in the calendar's zone."""
        assert_instant(
            NY_OFFICE.add(utc(2025, 7, 5, 16), timedelta(0)), ny(2025, 7, 5, 12), NEW_YORK
        )

    def test_within_a_day(self) -> None:
        """Monday 10:00 plus 2 hours is Monday 12:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 7, 10), 2 * HOUR), ny(2025, 7, 7, 12), NEW_YORK)

    def test_landing_on_close_returns_close(self) -> None:
        """Thursday 09:00 plus 8 hours is Thursday 17:00, not Monday 09:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 3, 9), 8 * HOUR), ny(2025, 7, 3, 17), NEW_YORK)

    def test_last_microsecond(self) -> None:
        """One microsecond before the close plus one microsecond is the close."""
        result = NY_OFFICE.add(ny(2025, 7, 7, 16, 59, 59, 999_999), MICRO)
        assert_instant(result, ny(2025, 7, 7, 17), NEW_YORK)

    def test_across_holiday_and_weekend(self) -> None:
        """Thursday July 3rd 16:00 plus 2 hours skips the holiday and weekend: Monday 10:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 3, 16), 2 * HOUR), ny(2025, 7, 7, 10), NEW_YORK)

    def test_start_on_holiday(self) -> None:
        """From noon on Independence Day, 2 hours is Monday 11:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 4, 12), 2 * HOUR), ny(2025, 7, 7, 11), NEW_YORK)

    def test_start_in_partial_closure(self) -> None:
        """From 13:00 on Christmas Eve (closed from 12:00) 1 hour is Dec 26 10:00."""
        cal = ny_office(closures=[Closure("2025-12-24", "12:00-24:00")])
        assert_instant(cal.add(ny(2025, 12, 24, 13), HOUR), ny(2025, 12, 26, 10), NEW_YORK)

    def test_into_partial_closure(self) -> None:
        """From 11:00 on Christmas Eve, 2 hours: 1 h before 12:00, then Dec 26 09:00 + 1 h."""
        cal = ny_office(closures=[Closure("2025-12-24", "12:00-24:00")])
        assert_instant(cal.add(ny(2025, 12, 24, 11), 2 * HOUR), ny(2025, 12, 26, 10), NEW_YORK)

    def test_special_opening_on_holiday(self) -> None:
        """Thanksgiving open 10:00-14:00: from Wednesday 16:00, 3 hours is Thursday 12:00."""
        cal = ny_office(openings=[SpecialOpening("2025-11-27", "10:00-14:00")])
        assert_instant(cal.add(ny(2025, 11, 26, 16), 3 * HOUR), ny(2025, 11, 27, 12), NEW_YORK)

    def test_effective_dated_hours(self) -> None:
        """From 08:00 on October 1st the new hours apply: Tuesday 16:00 + 2 h is Wednesday 09:00."""
        cal = ny_office(
            hours_changes=[HoursChange("2025-10-01", schedule({"mon-fri": "08:00-18:00"}))]
        )
        assert_instant(cal.add(ny(2025, 9, 30, 16), 2 * HOUR), ny(2025, 10, 1, 9), NEW_YORK)

    def test_overnight_shift_after_midnight(self) -> None:
        """Tuesday 03:00 + 4 hours: 3 h to 06:00, then 1 h of Tuesday's 22:00 shift: 23:00."""
        assert_instant(LONDON_NIGHTS.add(lon(2025, 6, 3, 3), 4 * HOUR), lon(2025, 6, 3, 23), LONDON)

    def test_overnight_shift_over_weekend(self) -> None:
        """Saturday 05:00 + 2 hours: 1 h of Friday's shift, then Monday 22:00 + 1 h."""
        assert_instant(LONDON_NIGHTS.add(lon(2025, 6, 7, 5), 2 * HOUR), lon(2025, 6, 9, 23), LONDON)

    def test_negative_landing_on_opening(self) -> None:
        """Monday 10:00 minus 1 hour is the opening Monday 09:00, not Thursday 17:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 7, 10), -HOUR), ny(2025, 7, 7, 9), NEW_YORK)

    def test_negative_whole_day_lands_on_opening(self) -> None:
        """Monday 17:00 minus 8 hours is Monday 09:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 7, 17), -8 * HOUR), ny(2025, 7, 7, 9), NEW_YORK)

    def test_negative_across_holiday(self) -> None:
        """Monday 10:00 minus 2 hours: 1 h back to 09:00, then Thursday 17:00 - 1 h = 16:00."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 7, 10), -2 * HOUR), ny(2025, 7, 3, 16), NEW_YORK)

    def test_negative_from_closed_time(self) -> None:
        """From Saturday noon, minus 1 hour is Thursday 16:00 (Friday is a holiday)."""
        assert_instant(NY_OFFICE.add(ny(2025, 7, 5, 12), -HOUR), ny(2025, 7, 3, 16), NEW_YORK)

    @pytest.mark.parametrize(
        ("zone", "start", "duration", "expected", "fold"),
        [
            # Daily 22:00-06:00. New York spring: the Saturday shift holds 7 h (03:00Z-10:00Z).
            (NEW_YORK, (2025, 3, 8, 22), 7 * HOUR, utc(2025, 3, 9, 10), 0),
            # 8 h: 7 h in that shift, then Sunday 22:00 EDT (Mon 02:00Z) + 1 h.
            (NEW_YORK, (2025, 3, 8, 22), 8 * HOUR, utc(2025, 3, 10, 3), 0),
            # New York fall: 22:00 EDT = 02:00Z, + 4 h = 06:00Z = the second 01:00 (EST).
            (NEW_YORK, (2025, 11, 1, 22), 4 * HOUR, utc(2025, 11, 2, 6), 1),
            # The whole 9 h shift ends at 06:00 EST = 11:00Z.
            (NEW_YORK, (2025, 11, 1, 22), 9 * HOUR, utc(2025, 11, 2, 11), 0),
            # London spring: 22:00 GMT + 7 h = 05:00Z = 06:00 BST, the close.
            (LONDON, (2025, 3, 29, 22), 7 * HOUR, utc(2025, 3, 30, 5), 0),
            # London fall: 22:00 BST = 21:00Z, + 3 h = 00:00Z = the first 01:00 (BST).
            (LONDON, (2025, 10, 25, 22), 3 * HOUR, utc(2025, 10, 26, 0), 0),
            # + 4 h = 01:00Z = the second 01:00 (GMT).
            (LONDON, (2025, 10, 25, 22), 4 * HOUR, utc(2025, 10, 26, 1), 1),
            # Backwards from the close at 06:00 EDT by the whole shift lands on its opening.
            (NEW_YORK, (2025, 3, 9, 6), -7 * HOUR, utc(2025, 3, 9, 3), 0),
            (LONDON, (2025, 10, 26, 6), -9 * HOUR, utc(2025, 10, 25, 21), 0),
        ],
    )
    def test_dst_overnight(
        self,
        zone: str,
        start: tuple[int, ...],
        duration: timedelta,
        expected: datetime,
        fold: int,
    ) -> None:
        """Adding across a DST transition counts real time and reads the right wall clock."""
        result = daily(zone, "22:00-06:00").add(local(zone, *start), duration)
        assert_instant(result, expected, zone)
        assert result.fold == fold

    @pytest.mark.parametrize(
        ("zone", "start", "duration", "expected"),
        [
            # 24/7: 01:30 EST (06:30Z) + 1 h = 07:30Z = 03:30 EDT.
            (NEW_YORK, (2025, 3, 9, 1, 30), HOUR, utc(2025, 3, 9, 7, 30)),
            # 00:30 GMT + 1 h = 01:30Z = 02:30 BST.
            (LONDON, (2025, 3, 30, 0, 30), HOUR, utc(2025, 3, 30, 1, 30)),
            # 00:30 EDT (04:30Z) + 2 h = 06:30Z = the second 01:30 (EST).
            (NEW_YORK, (2025, 11, 2, 0, 30), 2 * HOUR, utc(2025, 11, 2, 6, 30)),
            # 00:30 BST (Oct 25 23:30Z) + 2 h = 01:30Z = the second 01:30 (GMT).
            (LONDON, (2025, 10, 26, 0, 30), 2 * HOUR, utc(2025, 10, 26, 1, 30)),
        ],
    )
    def test_dst_always_open(
        self, zone: str, start: tuple[int, ...], duration: timedelta, expected: datetime
    ) -> None:
        """On a 24/7 calendar adding is plain elapsed time, whatever the wall clock does."""
        assert_instant(Calendar.always(zone).add(local(zone, *start), duration), expected, zone)

    def test_pendulum_start(self) -> None:
        """A pendulum start in UTC (13:00Z = 09:00 EDT) plus 1 hour is 10:00 EDT."""
        result = NY_OFFICE.add(pendulum.datetime(2025, 7, 7, 13, tz="UTC"), HOUR)
        assert_instant(result, ny(2025, 7, 7, 10), NEW_YORK)

    @pytest.mark.parametrize("duration", [1, 1.5, "1h", None])
    def test_duration_not_timedelta(self, duration: object) -> None:
        """A number of hours is ambiguous: anything but a ``timedelta`` is ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            NY_OFFICE.add(ny(2025, 7, 7, 10), duration)  # type: ignore[arg-type]
        assert info.value.field == "duration"

    def test_naive(self) -> None:
        """A naive start raises ``NaiveDatetimeError`` on ``start``."""
        with pytest.raises(NaiveDatetimeError) as info:
            NY_OFFICE.add(datetime(2025, 7, 7, 10), HOUR)
        assert info.value.field == "start"

    @pytest.mark.parametrize("duration", [HOUR, -HOUR])
    def test_never_open(self, duration: timedelta) -> None:
        """A calendar that never opens cannot supply open time: ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            Calendar("UTC", WeeklySchedule.closed()).add(utc(2025, 1, 1), duration)

    def test_no_open_time_before_hours_change(self) -> None:
        """Going back past the first open time ever raises ``OutOfRangeError``."""
        # Closed before 2025 and 24/7 after: 1 h back from 01:00 on Jan 1st is midnight,
        # 2 h back does not exist.
        cal = Calendar(
            "UTC",
            WeeklySchedule.closed(),
            hours_changes=[HoursChange("2025-01-01", WeeklySchedule.always())],
        )
        assert_instant(cal.add(utc(2025, 1, 1, 1), -HOUR), utc(2025, 1, 1), "UTC")
        with pytest.raises(OutOfRangeError):
            cal.add(utc(2025, 1, 1, 1), -2 * HOUR)


class TestIsBusinessDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2025, 7, 3), True),  # Thursday
            (date(2025, 7, 4), False),  # Independence Day
            (date(2025, 7, 5), False),  # Saturday
            (date(2026, 7, 3), False),  # observed Independence Day
        ],
    )
    def test_office(self, day: date, expected: bool) -> None:
        """Weekdays that are not holidays are business days."""
        assert NY_OFFICE.is_business_day(day) is expected

    def test_iso_text(self) -> None:
        """A date may be given as ISO text."""
        assert NY_OFFICE.is_business_day("2025-07-07")  # type: ignore[arg-type]

    def test_special_opening_on_holiday(self) -> None:
        """A special opening makes a holiday a business day."""
        cal = ny_office(openings=[SpecialOpening("2025-11-27", "10:00-14:00")])
        assert cal.is_business_day(date(2025, 11, 27))

    def test_closures(self) -> None:
        """A partial closure leaves a business day; a full-day closure removes it."""
        cal = ny_office(closures=[Closure("2025-12-24", "12:00-24:00"), Closure("2025-12-31")])
        assert cal.is_business_day(date(2025, 12, 24))
        assert not cal.is_business_day(date(2025, 12, 31))

    def test_date_with_only_the_end_of_a_shift(self) -> None:
        """Saturday holds only the end of Friday's shift, which belongs to Friday: not a day."""
        assert not LONDON_NIGHTS.is_business_day(date(2025, 6, 7))
        assert not LONDON_NIGHTS.is_business_day(date(2025, 6, 8))

    @pytest.mark.parametrize("day", [2, 3, 4, 5, 6])
    def test_night_shifts_belong_to_the_date_they_start_on(self, day: int) -> None:
        """Monday to Friday each start a shift: each is a business day, Tuesday's carry aside."""
        assert LONDON_NIGHTS.is_business_day(date(2025, 6, day))

    def test_always_open(self) -> None:
        """Open around the clock: every date is a business day (nothing is carried)."""
        cal = Calendar.always(LONDON)
        assert all(cal.is_business_day(date(2025, 3, 28) + timedelta(days=k)) for k in range(5))

    def test_contiguous_stretches_merge(self) -> None:
        """Friday's 22:00-06:00 and Saturday's 06:00-12:00 are one stretch, started on Friday."""
        joined = Calendar(LONDON, schedule({**NIGHTS, "sat": "06:00-12:00"}))
        assert not joined.is_business_day(date(2025, 6, 7))
        apart = Calendar(LONDON, schedule({**NIGHTS, "sat": "07:00-12:00"}))
        assert apart.is_business_day(date(2025, 6, 7))

    def test_multi_day_opening(self) -> None:
        """Open from Friday 22:00 to Sunday 22:00: Friday, Saturday and Sunday are all days."""
        cal = multi_day_opening()
        assert [cal.is_business_day(date(2025, 6, d)) for d in (5, 6, 7, 8, 9)] == [
            False,
            True,
            True,
            True,
            False,
        ]

    def test_carry_at_the_window_edge(self) -> None:
        """Saturday January 1st 2022, first date of the compiled table, is not a business day."""
        cal = london_nights()
        cal.is_open(lon(2023, 6, 1))  # compiles 2022-2024: January 1st 2022 is its first date
        assert not cal.is_business_day(date(2022, 1, 1))
        assert cal.is_business_day(date(2021, 12, 31))  # Friday, in another table
        assert not cal.is_business_day(date(2022, 1, 1))

    def test_dst_nights(self) -> None:
        """The Saturday-night shifts of both UK transitions make Saturday, not Sunday, a day."""
        cal = Calendar(LONDON, schedule({"sat": "22:00-06:00"}))
        for saturday in (date(2025, 3, 29), date(2025, 10, 25)):
            assert cal.is_business_day(saturday)
            assert not cal.is_business_day(saturday + timedelta(days=1))

    @pytest.mark.parametrize(
        ("zone", "hours", "day"),
        [(NEW_YORK, "02:30-03:15", date(2025, 3, 9)), (LONDON, "01:30-02:15", date(2025, 3, 30))],
    )
    def test_range_emptied_by_gap(self, zone: str, hours: str, day: date) -> None:
        """A date whose only range is emptied by the DST gap is not a business day."""
        cal = daily(zone, hours)
        assert not cal.is_business_day(day)
        assert cal.is_business_day(day - timedelta(days=1))

    def test_datetime_refused(self) -> None:
        """A datetime is not a date: ``InputTypeError`` on ``day``."""
        with pytest.raises(InputTypeError) as info:
            NY_OFFICE.is_business_day(ny(2025, 7, 7))
        assert info.value.field == "day"


class TestAddBusinessDays:
    def test_next_day(self) -> None:
        """Monday 10:00 plus one business day is Tuesday 10:00."""
        result = NY_OFFICE.add_business_days(ny(2025, 7, 7, 10), 1)
        assert_instant(result, ny(2025, 7, 8, 10), NEW_YORK)

    def test_across_holiday(self) -> None:
        """Thursday July 3rd plus one business day skips the holiday and weekend: Monday."""
        result = NY_OFFICE.add_business_days(ny(2025, 7, 3, 10), 1)
        assert_instant(result, ny(2025, 7, 7, 10), NEW_YORK)

    def test_backwards_across_holiday(self) -> None:
        """Monday July 7th minus one business day is Thursday July 3rd."""
        result = NY_OFFICE.add_business_days(ny(2025, 7, 7, 10), -1)
        assert_instant(result, ny(2025, 7, 3, 10), NEW_YORK)

    def test_several(self) -> None:
        """Monday July 7th plus five business days is Monday July 14th."""
        result = NY_OFFICE.add_business_days(ny(2025, 7, 7, 10), 5)
        assert_instant(result, ny(2025, 7, 14, 10), NEW_YORK)

    def test_from_holiday(self) -> None:
        """Counting starts after the start's date even when it is not a business day."""
        result = NY_OFFICE.add_business_days(ny(2025, 7, 4, 12), 1)
        assert_instant(result, ny(2025, 7, 7, 12), NEW_YORK)
        result = NY_OFFICE.add_business_days(ny(2025, 7, 5, 12), -1)
        assert_instant(result, ny(2025, 7, 3, 12), NEW_YORK)

    def test_outside_open_hours(self) -> None:
        """The wall-clock time is kept even outside open hours: Thursday 20:00 -> Monday 20:00."""
        result = NY_OFFICE.add_business_days(ny(2025, 7, 3, 20), 1)
        assert_instant(result, ny(2025, 7, 7, 20), NEW_YORK)

    def test_zero_returns_start(self) -> None:
        """Zero days returns the start itself, even on a Saturday, in the calendar's zone."""
        result = NY_OFFICE.add_business_days(utc(2025, 7, 5, 16), 0)
        assert_instant(result, ny(2025, 7, 5, 12), NEW_YORK)

    def test_local_date_of_start(self) -> None:
        """02:00 UTC on Tuesday July 8th is Monday 22:00 in New York: the next day is Tuesday."""
        result = NY_OFFICE.add_business_days(utc(2025, 7, 8, 2), 1)
        assert_instant(result, ny(2025, 7, 8, 22), NEW_YORK)

    def test_date_with_only_the_end_of_a_shift_does_not_count(self) -> None:
        """Saturday holds only the end of Friday's shift: Friday 23:00 + 1 is Monday 23:00."""
        result = LONDON_NIGHTS.add_business_days(lon(2025, 6, 6, 23), 1)
        assert_instant(result, lon(2025, 6, 9, 23), LONDON)
        result = LONDON_NIGHTS.add_business_days(lon(2025, 6, 9, 3), -1)
        assert_instant(result, lon(2025, 6, 6, 3), LONDON)
        result = LONDON_NIGHTS.add_business_days(lon(2025, 6, 7, 12), 1)
        assert_instant(result, lon(2025, 6, 9, 12), LONDON)

    def test_night_shift_to_the_next_weekday(self) -> None:
        """Monday 12:00 plus one business day is Tuesday 12:00; plus five, the next Monday."""
        result = LONDON_NIGHTS.add_business_days(lon(2025, 6, 2, 12), 1)
        assert_instant(result, lon(2025, 6, 3, 12), LONDON)
        result = LONDON_NIGHTS.add_business_days(lon(2025, 6, 2, 12), 5)
        assert_instant(result, lon(2025, 6, 9, 12), LONDON)

    @pytest.mark.parametrize(("saturday", "expected"), [("06:00-12:00", 9), ("07:00-12:00", 7)])
    def test_merged_stretch(self, saturday: str, expected: int) -> None:
        """Saturday counts only when a gap parts its hours from Friday's shift."""
        cal = Calendar(LONDON, schedule({**NIGHTS, "sat": saturday}))
        result = cal.add_business_days(lon(2025, 6, 6, 23), 1)
        assert_instant(result, lon(2025, 6, expected, 23), LONDON)

    def test_across_the_window_edge(self) -> None:
        """Counting across a table's first date: from Monday January 3rd 2022 back one day."""
        cal = london_nights()
        cal.is_open(lon(2023, 6, 1))  # compiles 2022-2024
        result = cal.add_business_days(lon(2022, 1, 3, 12), -1)
        assert_instant(result, lon(2021, 12, 31, 12), LONDON)

    @pytest.mark.parametrize(
        ("zone", "start", "days", "expected"),
        [
            # Gap: Sunday 02:30 does not exist in New York; shifted to 03:30 EDT (07:30Z).
            (NEW_YORK, (2025, 3, 8, 2, 30), 1, utc(2025, 3, 9, 7, 30)),
            (NEW_YORK, (2025, 3, 10, 2, 30), -1, utc(2025, 3, 9, 7, 30)),
            # Gap: Sunday 01:30 does not exist in London; shifted to 02:30 BST (01:30Z).
            (LONDON, (2025, 3, 29, 1, 30), 1, utc(2025, 3, 30, 1, 30)),
            # Fold: the earlier Sunday 01:30, EDT (05:30Z).
            (NEW_YORK, (2025, 11, 1, 1, 30), 1, utc(2025, 11, 2, 5, 30)),
            # Fold: the earlier Sunday 01:30, BST (00:30Z).
            (LONDON, (2025, 10, 25, 1, 30), 1, utc(2025, 10, 26, 0, 30)),
        ],
    )
    def test_dst(self, zone: str, start: tuple[int, ...], days: int, expected: datetime) -> None:
        """A time the target date lacks shifts forward; a time it has twice takes the earlier."""
        result = daily(zone, "09:00-17:00").add_business_days(local(zone, *start), days)
        assert_instant(result, expected, zone)

    @pytest.mark.parametrize(
        ("zone", "start", "expected"),
        [
            # The second 01:30 (EST, 06:30Z) keeps its wall clock: Monday 01:30 EST = 06:30Z.
            (NEW_YORK, (2025, 11, 2, 1, 30), utc(2025, 11, 3, 6, 30)),
            # The second 01:30 (GMT, 01:30Z): Monday 01:30 GMT = 01:30Z.
            (LONDON, (2025, 10, 26, 1, 30), utc(2025, 10, 27, 1, 30)),
        ],
    )
    def test_from_second_occurrence_of_fold(
        self, zone: str, start: tuple[int, ...], expected: datetime
    ) -> None:
        """A start in the repeated hour keeps its wall-clock time on the next business day."""
        result = daily(zone, "09:00-17:00").add_business_days(local(zone, *start, fold=1), 1)
        assert_instant(result, expected, zone)

    @pytest.mark.parametrize(
        ("zone", "hours", "start", "expected"),
        [
            (NEW_YORK, "02:30-03:15", (2025, 3, 8, 12), (2025, 3, 10, 12)),
            (LONDON, "01:30-02:15", (2025, 3, 29, 12), (2025, 3, 31, 12)),
        ],
    )
    def test_skips_date_emptied_by_gap(
        self, zone: str, hours: str, start: tuple[int, ...], expected: tuple[int, ...]
    ) -> None:
        """A date whose only range is emptied by the DST gap is skipped."""
        result = daily(zone, hours).add_business_days(local(zone, *start), 1)
        assert_instant(result, local(zone, *expected), zone)

    @pytest.mark.parametrize("days", [True, 1.0, "1", None])
    def test_days_not_int(self, days: object) -> None:
        """Days must be an ``int`` (not a bool or float): ``InputTypeError`` on ``days``."""
        with pytest.raises(InputTypeError) as info:
            NY_OFFICE.add_business_days(ny(2025, 7, 7, 10), days)  # type: ignore[arg-type]
        assert info.value.field == "days"

    @pytest.mark.parametrize("days", [0, 1])
    def test_naive(self, days: int) -> None:
        """A naive start raises ``NaiveDatetimeError``, even for zero days."""
        with pytest.raises(NaiveDatetimeError):
            NY_OFFICE.add_business_days(datetime(2025, 7, 7, 10), days)

    @pytest.mark.parametrize("days", [1, -1])
    def test_no_business_days(self, days: int) -> None:
        """A calendar without business days raises ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            Calendar("UTC", WeeklySchedule.closed()).add_business_days(utc(2025, 1, 1), days)


class TestEndOfBusinessDay:
    def test_today(self) -> None:
        """On a business day, days=0 gives that day's close."""
        result = NY_OFFICE.end_of_business_day(ny(2025, 7, 3, 8))
        assert_instant(result, ny(2025, 7, 3, 17), NEW_YORK)

    def test_today_after_close(self) -> None:
        """After the close, days=0 still gives the same date's close (earlier than ``t``)."""
        result = NY_OFFICE.end_of_business_day(ny(2025, 7, 3, 20))
        assert_instant(result, ny(2025, 7, 3, 17), NEW_YORK)

    def test_on_holiday(self) -> None:
        """On a holiday, days=0 gives the next business day's close: Monday 17:00."""
        result = NY_OFFICE.end_of_business_day(ny(2025, 7, 4, 12))
        assert_instant(result, ny(2025, 7, 7, 17), NEW_YORK)

    def test_next_across_holiday(self) -> None:
        """From Thursday July 3rd, days=1 gives Monday 17:00."""
        result = NY_OFFICE.end_of_business_day(ny(2025, 7, 3, 10), 1)
        assert_instant(result, ny(2025, 7, 7, 17), NEW_YORK)

    def test_from_weekend(self) -> None:
        """From a Saturday, days=0 and days=1 both give Monday, and days=2 gives Tuesday."""
        saturday = ny(2025, 7, 5, 12)
        assert_instant(NY_OFFICE.end_of_business_day(saturday), ny(2025, 7, 7, 17), NEW_YORK)
        assert_instant(NY_OFFICE.end_of_business_day(saturday, 1), ny(2025, 7, 7, 17), NEW_YORK)
        assert_instant(NY_OFFICE.end_of_business_day(saturday, 2), ny(2025, 7, 8, 17), NEW_YORK)

    def test_local_date_of_start(self) -> None:
        """02:00 UTC on July 8th is Monday July 7th in New York: Monday's close."""
        result = NY_OFFICE.end_of_business_day(utc(2025, 7, 8, 2))
        assert_instant(result, ny(2025, 7, 7, 17), NEW_YORK)

    def test_last_interval_of_day(self) -> None:
        """With a lunch break the end is the afternoon close."""
        cal = Calendar(NEW_YORK, schedule({"mon-fri": "09:00-12:00, 13:00-17:00"}))
        assert_instant(cal.end_of_business_day(ny(2025, 7, 7, 10)), ny(2025, 7, 7, 17), NEW_YORK)

    def test_partial_closure(self) -> None:
        """Closed from 12:00 on Christmas Eve: the day ends at 12:00."""
        cal = ny_office(closures=[Closure("2025-12-24", "12:00-24:00")])
        result = cal.end_of_business_day(ny(2025, 12, 24, 8))
        assert_instant(result, ny(2025, 12, 24, 12), NEW_YORK)

    def test_special_opening_on_holiday(self) -> None:
        """Thanksgiving open 10:00-14:00 ends at 14:00."""
        cal = ny_office(openings=[SpecialOpening("2025-11-27", "10:00-14:00")])
        result = cal.end_of_business_day(ny(2025, 11, 27, 8))
        assert_instant(result, ny(2025, 11, 27, 14), NEW_YORK)

    def test_overnight_shift_ends_with_the_shift(self) -> None:
        """Monday's 22:00-06:00 shift runs past midnight: the day ends at Tuesday 06:00."""
        result = LONDON_NIGHTS.end_of_business_day(lon(2025, 6, 2, 12))
        assert_instant(result, lon(2025, 6, 3, 6), LONDON)

    def test_friday_and_the_next_day(self) -> None:
        """Friday ends at Saturday 06:00; the next business day is Monday, ending Tuesday 06:00."""
        friday = lon(2025, 6, 6, 12)
        assert_instant(LONDON_NIGHTS.end_of_business_day(friday), lon(2025, 6, 7, 6), LONDON)
        assert_instant(LONDON_NIGHTS.end_of_business_day(friday, 1), lon(2025, 6, 10, 6), LONDON)

    def test_date_with_only_the_end_of_a_shift(self) -> None:
        """Saturday holds only Friday's tail, so it is not a day: Monday's ends Tuesday 06:00."""
        result = LONDON_NIGHTS.end_of_business_day(lon(2025, 6, 7, 12))
        assert_instant(result, lon(2025, 6, 10, 6), LONDON)

    def test_sunday_goes_to_monday(self) -> None:
        """Sunday has no open time; Monday's shift ends the day at Tuesday 06:00."""
        result = LONDON_NIGHTS.end_of_business_day(lon(2025, 6, 1, 12))
        assert_instant(result, lon(2025, 6, 3, 6), LONDON)

    def test_asked_during_the_tail(self) -> None:
        """Tuesday 03:00 is in Monday's shift, but Tuesday's own shift ends Wednesday 06:00."""
        result = LONDON_NIGHTS.end_of_business_day(lon(2025, 6, 3, 3))
        assert_instant(result, lon(2025, 6, 4, 6), LONDON)

    def test_always_open(self) -> None:
        """Open around the clock: each day ends at the next local midnight."""
        cal = Calendar.always(LONDON)
        assert_instant(cal.end_of_business_day(lon(2025, 6, 6, 12)), lon(2025, 6, 7), LONDON)
        assert_instant(cal.end_of_business_day(lon(2025, 6, 6, 12), 2), lon(2025, 6, 9), LONDON)

    def test_contiguous_stretches_merge(self) -> None:
        """Friday's shift runs on into Saturday's 06:00-12:00: Friday ends Saturday 12:00."""
        joined = Calendar(LONDON, schedule({**NIGHTS, "sat": "06:00-12:00"}))
        friday = lon(2025, 6, 6, 12)
        assert_instant(joined.end_of_business_day(friday), lon(2025, 6, 7, 12), LONDON)
        assert_instant(joined.end_of_business_day(friday, 1), lon(2025, 6, 10, 6), LONDON)
        apart = Calendar(LONDON, schedule({**NIGHTS, "sat": "07:00-12:00"}))
        assert_instant(apart.end_of_business_day(friday), lon(2025, 6, 7, 6), LONDON)
        assert_instant(apart.end_of_business_day(friday, 1), lon(2025, 6, 7, 12), LONDON)

    def test_closure_inside_a_shift(self) -> None:
        """Closed Saturday 02:00-03:00: Friday ends at 02:00; 03:00-06:00 is Saturday's own day."""
        cal = london_nights(closures=[Closure("2025-06-07", "02:00-03:00")])
        assert_instant(cal.end_of_business_day(lon(2025, 6, 6, 12)), lon(2025, 6, 7, 2), LONDON)
        assert cal.is_business_day(date(2025, 6, 7))
        assert_instant(cal.end_of_business_day(lon(2025, 6, 7, 12)), lon(2025, 6, 7, 6), LONDON)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [(6, lon(2025, 6, 7)), (7, lon(2025, 6, 8)), (8, lon(2025, 6, 8, 22))],
    )
    def test_multi_day_opening(self, day: int, expected: datetime) -> None:
        """Open Friday 22:00 to Sunday 22:00: Friday and Saturday end at midnight, Sunday 22:00."""
        result = multi_day_opening().end_of_business_day(lon(2025, 6, day, 12))
        assert_instant(result, expected, LONDON)

    @pytest.mark.parametrize(
        ("saturday", "start", "end", "hours"),
        [
            # Spring: 22:00 GMT (22:00Z) to 06:00 BST (05:00Z): 7 hours.
            (date(2025, 3, 29), utc(2025, 3, 29, 22), utc(2025, 3, 30, 5), 7),
            # Autumn: 22:00 BST (21:00Z) to 06:00 GMT (06:00Z): 9 hours.
            (date(2025, 10, 25), utc(2025, 10, 25, 21), utc(2025, 10, 26, 6), 9),
        ],
    )
    def test_dst_nights(self, saturday: date, start: datetime, end: datetime, hours: int) -> None:
        """The UK's Saturday-night shifts at both transitions end on Sunday 06:00 local."""
        cal = Calendar(LONDON, schedule({"sat": "22:00-06:00"}))
        at = lon(saturday.year, saturday.month, saturday.day, 12)
        result = cal.end_of_business_day(at)
        assert_instant(result, end, LONDON)
        assert cal.elapsed(start, result) == hours * HOUR
        sunday = lon(saturday.year, saturday.month, saturday.day + 1, 12)
        assert_instant(cal.end_of_business_day(sunday), end + timedelta(days=7), LONDON)

    def test_at_the_window_edge(self) -> None:
        """Tuesday December 31st 2024, last date of the compiled table, ends on 2025-01-01."""
        cal = london_nights()
        cal.is_open(lon(2023, 6, 1))  # compiles 2022-2024
        result = cal.end_of_business_day(lon(2024, 12, 31, 12))
        assert_instant(result, lon(2025, 1, 1, 6), LONDON)

    @pytest.mark.parametrize(
        ("zone", "hours", "start", "expected"),
        [
            # Close in the fold: the earlier 01:30 (EDT, 05:30Z).
            (NEW_YORK, "00:00-01:30", (2025, 11, 2, 12), utc(2025, 11, 2, 5, 30)),
            # Close in the fold: the earlier 01:30 (BST, 00:30Z).
            (LONDON, "00:00-01:30", (2025, 10, 26, 12), utc(2025, 10, 26, 0, 30)),
            # Close in the gap: 02:30 -> 03:30 EDT (07:30Z).
            (NEW_YORK, "00:00-02:30", (2025, 3, 9, 12), utc(2025, 3, 9, 7, 30)),
            # Close in the gap: 01:30 -> 02:30 BST (01:30Z).
            (LONDON, "00:00-01:30", (2025, 3, 30, 12), utc(2025, 3, 30, 1, 30)),
            # Overnight shift on the eve of spring forward: Sunday 06:00 BST (05:00Z).
            (LONDON, "22:00-06:00", (2025, 3, 29, 12), utc(2025, 3, 30, 5)),
            # Overnight shift on the eve of fall back: Sunday 06:00 EST (11:00Z).
            (NEW_YORK, "22:00-06:00", (2025, 11, 1, 12), utc(2025, 11, 2, 11)),
        ],
    )
    def test_dst(self, zone: str, hours: str, start: tuple[int, ...], expected: datetime) -> None:
        """Closes in a fold or gap follow the DST rules; a night shift ends with the shift."""
        result = daily(zone, hours).end_of_business_day(local(zone, *start))
        assert_instant(result, expected, zone)

    def test_negative_days(self) -> None:
        """A negative count raises ``InvalidArgumentError`` on ``days``."""
        with pytest.raises(InvalidArgumentError) as info:
            NY_OFFICE.end_of_business_day(ny(2025, 7, 7), -1)
        assert (info.value.field, info.value.value) == ("days", -1)

    @pytest.mark.parametrize("days", [True, 1.0])
    def test_days_not_int(self, days: object) -> None:
        """A bool or float count raises ``InputTypeError`` on ``days``."""
        with pytest.raises(InputTypeError) as info:
            NY_OFFICE.end_of_business_day(ny(2025, 7, 7), days)  # type: ignore[arg-type]
        assert info.value.field == "days"

    def test_naive(self) -> None:
        """A naive start raises ``NaiveDatetimeError`` on ``start``."""
        with pytest.raises(NaiveDatetimeError) as info:
            NY_OFFICE.end_of_business_day(datetime(2025, 7, 7))
        assert info.value.field == "start"

    def test_no_business_days(self) -> None:
        """A calendar without business days raises ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError):
            Calendar("UTC", WeeklySchedule.closed()).end_of_business_day(utc(2025, 1, 1))


class TestPickling:
    def test_round_trip_equal(self) -> None:
        """An unpickled calendar equals the original."""
        cal = ny_office(closures=[Closure("2025-12-24", "12:00-24:00")])
        assert pickle.loads(pickle.dumps(cal)) == cal

    def test_usable_after_unpickling(self) -> None:
        """An unpickled calendar answers queries (its index is rebuilt on demand)."""
        cal = pickle.loads(pickle.dumps(ny_office()))
        assert_instant(cal.add(ny(2025, 7, 3, 16), 2 * HOUR), ny(2025, 7, 7, 10), NEW_YORK)

    def test_used_calendar_round_trip(self) -> None:
        """A calendar that has already compiled its index pickles and keeps answering."""
        cal = ny_office()
        cal.is_open(ny(2025, 7, 7, 10))
        copy = pickle.loads(pickle.dumps(cal))
        assert copy.elapsed(ny(2025, 7, 3, 16), ny(2025, 7, 7, 10)) == 2 * HOUR
        assert not copy.is_open(ny(2030, 7, 4, 12))  # a holiday, far from the first table


class TestThreads:
    def test_identical_answers(self) -> None:
        """Eight threads growing one fresh calendar's index concurrently get identical answers."""
        # Each thread visits the years in its own order, so that the lazily built index is
        # widened in both directions while other threads read it.
        cal = ny_office()
        years = list(range(1990, 2061, 5))
        barrier = threading.Barrier(8)

        def work(seed: int) -> dict[tuple[str, int], object]:
            order = years[:]
            random.Random(seed).shuffle(order)
            barrier.wait()
            answers: dict[tuple[str, int], object] = {}
            for year in order:
                # A week in August holds no federal holiday: 5 weekdays x 8 h.
                answers["week", year] = cal.elapsed(ny(year, 8, 1), ny(year, 8, 8))
                answers["july4", year] = cal.is_business_day(date(year, 7, 4))
                answers["open", year] = cal.next_open(ny(year, 8, 1, 12)).isoformat()
            return answers

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(work, range(8)))
        assert all(result == results[0] for result in results)
        for year in years:
            assert results[0]["week", year] == 40 * HOUR
            assert results[0]["july4", year] is False
        assert results[0]["open", 2025] == "2025-08-01T12:00:00-04:00"  # a Friday, open


class TestUnknownKeysAtEveryDepth:
    @pytest.mark.parametrize(
        ("data", "field"),
        [
            # A misspelt "times" would have made a partial closure a full-day one.
            ({"closures": [{"date": "2025-12-24", "time": "12:00-24:00"}]}, "closures[0].time"),
            # A misspelt "subdivision" would have dropped California's holidays.
            ({"holidays": [{"country": "US", "subdiv": "CA"}]}, "holidays[0].subdiv"),
            (
                {"openings": [{"date": "2025-11-29", "hours": "10:00-14:00", "hour": "x"}]},
                "openings[0].hour",
            ),
            (
                {"hours_changes": [{"effective": "2026-01-01", "hours": "24/7", "zone": "UTC"}]},
                "hours_changes[0].zone",
            ),
        ],
    )
    def test_nested_unknown_key_is_refused(self, data: dict[str, Any], field: str) -> None:
        """An unknown key inside a nested calendar dict raises ``ConfigurationError`` naming it."""
        with pytest.raises(ConfigurationError) as info:
            Calendar.from_dict({"zone": "America/Los_Angeles", "hours": "24/7", **data})
        assert info.value.field == field

    @pytest.mark.parametrize("key", ["closures", "openings", "holidays", "hours_changes"])
    def test_a_list_key_that_is_not_a_list(self, key: str) -> None:
        """A closures, openings, holidays or hours_changes value that is no list is refused."""
        with pytest.raises(InputTypeError) as info:
            Calendar.from_dict({"zone": "UTC", "hours": "24/7", key: "2025-12-24"})
        assert info.value.field == key


class TestCollectionsOfJunk:
    @pytest.mark.parametrize("key", ["hours_changes", "closures", "openings", "holidays"])
    @pytest.mark.parametrize("value", [None, 5, "2025-12-24", {"date": "2025-12-24"}])
    def test_not_a_collection(self, key: str, value: object) -> None:
        """A dated-rules argument that is not a collection raises ``InputTypeError`` on it."""
        with pytest.raises(InputTypeError) as info:
            Calendar("UTC", WeeklySchedule.always(), **{key: value})
        assert info.value.field == key

    def test_one_closure_where_a_collection_belongs(self) -> None:
        """A single ``Closure`` is refused: write ``[Closure(...)]``."""
        with pytest.raises(InputTypeError) as info:
            Calendar("UTC", WeeklySchedule.always(), closures=Closure("2025-12-24"))  # type: ignore[arg-type]
        assert info.value.field == "closures"

    def test_nat_is_not_an_instant(self) -> None:
        """A pandas ``NaT`` (a datetime that is no instant) raises ``InputTypeError``."""
        pd = pytest.importorskip("pandas")
        with pytest.raises(InputTypeError) as info:
            Calendar.always().is_open(pd.NaT)
        assert info.value.field == "at"


class TestRangesUnitedAfterPlacement:
    """Issue 16: a day's overlapping ranges are united on the time line, not the wall clock."""

    SPRING = (datetime(2025, 3, 9, tzinfo=NY), datetime(2025, 3, 10, tzinfo=NY))

    def test_start_side_in_the_gap(self) -> None:
        """02:30-05:00 and 03:00-04:00 on spring-forward Sunday: 02:30 reads 03:30 EDT, so 2 h."""
        weekly = Calendar(
            "America/New_York", WeeklySchedule.parse({"sun": "02:30-05:00, 03:00-04:00"})
        )
        assert weekly.elapsed(*self.SPRING) == timedelta(hours=2)
        assert weekly.open_intervals(*self.SPRING)[0].start == datetime(2025, 3, 9, 3, tzinfo=NY)

    def test_end_side_in_the_gap(self) -> None:
        """Saturday 22:00-02:30 and 22:00-03:15: 02:30 reads 03:30 EDT, past 03:15, so 4.5 h."""
        # 22:00 EST is 03:00Z; 02:30 in the gap is 03:30 EDT = 07:30Z; 03:15 EDT is 07:15Z.
        weekly = Calendar(
            "America/New_York", WeeklySchedule.parse({"sat": "22:00-02:30, 22:00-03:15"})
        )
        start, end = datetime(2025, 3, 8, tzinfo=NY), datetime(2025, 3, 10, tzinfo=NY)
        assert weekly.elapsed(start, end) == timedelta(hours=4, minutes=30)
        assert weekly.next_close(datetime(2025, 3, 8, 23, tzinfo=NY)) == datetime(
            2025, 3, 9, 7, 30, tzinfo=UTC
        )

    def test_weekly_equals_the_same_special_opening(self) -> None:
        """The weekly hours and the same hours as a special opening give the same answer."""
        special = Calendar(
            "America/New_York",
            WeeklySchedule.closed(),
            openings=[SpecialOpening("2025-03-09", "02:30-05:00, 03:00-04:00")],
        )
        assert special.elapsed(*self.SPRING) == timedelta(hours=2)


class TestOutOfRange:
    CAL = Calendar("America/New_York", WeeklySchedule.parse({"mon-fri": "09:00-17:00"}))
    T = datetime(2025, 1, 6, 10, tzinfo=NY)

    @pytest.mark.parametrize(
        "at",
        [
            datetime(1, 1, 1, tzinfo=UTC),
            datetime(9999, 12, 31, 23, tzinfo=UTC),
            # Instants before year 1 and after 9999 in UTC: no datetime names them in UTC.
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=23, minutes=59))),
            datetime(9999, 12, 31, 23, 59, tzinfo=timezone(-timedelta(hours=23, minutes=59))),
        ],
    )
    def test_instant_at_the_edge_of_datetime(self, at: datetime) -> None:
        """An instant in year 1 or 9999 raises ``OutOfRangeError``, not ``OverflowError``.

        Found by the fuzz test: ``0001-01-01T00:00+23:59`` is in year 0 in UTC, and the
        error's own value overflowed while it was being made.
        """
        for query in (self.CAL.next_open, self.CAL.next_close, self.CAL.is_open):
            with pytest.raises(OutOfRangeError) as info:
                query(at)
            assert info.value.field == "instant"
        with pytest.raises(OutOfRangeError):
            self.CAL.elapsed(at, self.T)

    @pytest.mark.parametrize("days", [10**6, -(10**6), 999_999_999])
    def test_add_more_than_the_supported_years_hold(self, days: int) -> None:
        """``add`` of a million days of business time fails at once with ``OutOfRangeError``."""
        with pytest.raises(OutOfRangeError) as info:
            self.CAL.add(self.T, timedelta(days=days))
        assert info.value.field == "duration"

    def test_add_timedelta_max_on_a_24_7_calendar(self) -> None:
        """Even a 24/7 calendar cannot hold ``timedelta.max`` of open time."""
        with pytest.raises(OutOfRangeError):
            Calendar.always().add(self.T, timedelta.max)

    def test_add_near_the_edge_is_still_answered(self) -> None:
        """The bound refuses only the impossible: a year of 24/7 time from 9990 is answered."""
        result = Calendar.always().add(datetime(9990, 1, 1, tzinfo=UTC), timedelta(days=365))
        assert result == datetime(9991, 1, 1, tzinfo=UTC)

    @pytest.mark.parametrize("days", [10**9, -(10**9)])
    def test_business_days_past_the_range(self, days: int) -> None:
        """A billion business days raises ``OutOfRangeError`` on ``days``."""
        with pytest.raises(OutOfRangeError) as info:
            self.CAL.add_business_days(self.T, days)
        assert info.value.field == "days"
        if days > 0:
            with pytest.raises(OutOfRangeError):
                self.CAL.end_of_business_day(self.T, days)

    def test_error_value_is_a_readable_instant(self) -> None:
        """The error shows the instant in ISO 8601, not raw microseconds."""
        with pytest.raises(OutOfRangeError) as info:
            self.CAL.next_open(datetime(1, 1, 1, tzinfo=UTC))
        assert "0001-01-01T00:00:00+00:00" in str(info.value)


class TestFarApartQueries:
    def test_a_far_query_does_not_compile_the_years_between(self) -> None:
        """After a 2025 query, one in year 2 gets a table of its own, not 2,000 compiled years."""
        cal = Calendar("America/Chicago", WeeklySchedule.parse({"mon-fri": "08:00-18:00"}))
        cal.is_open(datetime(2025, 1, 1, tzinfo=UTC))
        assert cal.next_open(datetime(2, 6, 1, tzinfo=UTC)).year == 2
        table = cal._index._table
        assert table is not None
        assert table.last - table.first < 10 * 366

    def test_answers_agree_after_jumping_back_and_forth(self) -> None:
        """Jumping between centuries gives the same answers as a fresh calendar."""
        spec = {"zone": "Europe/London", "hours": {"mon-fri": "09:00-17:00"}}
        jumping, fresh = Calendar.from_dict(spec), Calendar.from_dict(spec)
        moments = [datetime(y, 3, 30, 12, tzinfo=UTC) for y in (2025, 1900, 2300, 2026)]
        for at in moments:
            jumping.is_open(at)
        for at in moments:
            assert jumping.next_close(at) == fresh.next_close(at)
            assert jumping.add(at, timedelta(hours=30)) == Calendar.from_dict(spec).add(
                at, timedelta(hours=30)
            )

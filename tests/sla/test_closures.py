"""Date-specific exceptions to a weekly schedule: ``Closure`` and ``SpecialOpening``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from safetycore.errors import (
    ConfigurationError,
    EmptyIntervalError,
    InputTypeError,
    InvalidTimeError,
)
from safetycore.sla import Calendar, Closure, SpecialOpening, TimeRange, WeeklySchedule


def hm(hours: int, minutes: int = 0) -> timedelta:
    """Offset from local midnight."""
    return timedelta(hours=hours, minutes=minutes)


class TestClosure:
    def test_full_day(self) -> None:
        """Without ``times`` a closure covers the whole local date."""
        closure = Closure("2025-12-31")
        assert (closure.date, closure.times, closure.name) == (date(2025, 12, 31), None, "")

    def test_partial(self) -> None:
        """``times`` is a local range within the date."""
        closure = Closure(date(2025, 12, 24), "12:00-17:00", name="Christmas Eve")
        assert closure.times == TimeRange(hm(12), hm(17))
        assert closure.name == "Christmas Eve"

    def test_until_midnight(self) -> None:
        """A closure may run to the end of its date: ``12:00-24:00``."""
        assert Closure("2025-12-24", "12:00-24:00").times == TimeRange(hm(12), hm(24))

    def test_time_range_times(self) -> None:
        """``times`` may be given as a ``TimeRange``."""
        closure = Closure("2025-12-24", TimeRange(hm(12), hm(17)))
        assert closure.times == TimeRange(hm(12), hm(17))

    def test_crossing_midnight_refused(self) -> None:
        """A closure crossing midnight raises ``EmptyIntervalError``: it must be split in two."""
        with pytest.raises(EmptyIntervalError) as info:
            Closure("2025-12-24", "22:00-02:00")
        assert (info.value.field, info.value.value) == ("times", "22:00-02:00")

    def test_crossing_midnight_time_range_refused(self) -> None:
        """A ``TimeRange`` crossing midnight is refused like its text."""
        with pytest.raises(EmptyIntervalError):
            Closure("2025-12-24", TimeRange(hm(22), hm(26)))

    def test_empty_range(self) -> None:
        """A range with equal bounds raises ``EmptyIntervalError``."""
        with pytest.raises(EmptyIntervalError):
            Closure("2025-12-24", "12:00-12:00")

    def test_malformed_times(self) -> None:
        """Malformed times raise ``InvalidTimeError``."""
        with pytest.raises(InvalidTimeError):
            Closure("2025-12-24", "noon-5pm")

    def test_two_ranges_refused(self) -> None:
        """Two ranges in one closure raise a ``ConfigurationError``: use two closures."""
        with pytest.raises(ConfigurationError):
            Closure("2025-12-24", "09:00-10:00, 12:00-13:00")

    def test_closed_times_refused(self) -> None:
        """``times="closed"`` holds no range and raises a ``ConfigurationError``."""
        with pytest.raises(ConfigurationError):
            Closure("2025-12-24", "closed")

    def test_malformed_date(self) -> None:
        """A date that is not ISO text raises ``InvalidTimeError`` on ``date``."""
        with pytest.raises(InvalidTimeError) as info:
            Closure("24/12/2025")
        assert (info.value.field, info.value.value) == ("date", "24/12/2025")

    def test_datetime_refused(self) -> None:
        """A datetime is not a date: ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Closure(datetime(2025, 12, 24))

    def test_name_not_text(self) -> None:
        """A name that is not text raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Closure("2025-12-24", name=5)  # type: ignore[arg-type]

    def test_canonical_order_in_a_calendar(self) -> None:
        """A calendar keeps closures by date, a full day before a partial one on the same date."""
        later, partial, full = (
            Closure("2025-12-31"),
            Closure("2025-12-24", "12:00-17:00"),
            Closure("2025-12-24"),
        )
        cal = Calendar("UTC", WeeklySchedule.always(), closures=[later, partial, full])
        assert cal.closures == (full, partial, later)


class TestClosureIsFullDay:
    def test_full_day(self) -> None:
        """A closure without times is full-day."""
        assert Closure("2025-12-31").is_full_day

    def test_partial(self) -> None:
        """A closure with times is partial."""
        assert not Closure("2025-12-24", "12:00-17:00").is_full_day

    def test_24h_is_full_day(self) -> None:
        """``times="24h"`` (00:00-24:00) is the same as a full-day closure."""
        assert Closure("2025-12-24", "24h") == Closure("2025-12-24")
        assert Closure("2025-12-24", "00:00-24:00").is_full_day


class TestClosureToDict:
    def test_full_day(self) -> None:
        """A full-day closure without a name is just its ISO date."""
        assert Closure("2025-12-31").to_dict() == {"date": "2025-12-31"}

    def test_partial_named(self) -> None:
        """A partial, named closure lists date, times and name."""
        closure = Closure("2025-12-24", "12:00-24:00", name="Christmas Eve")
        expected = {"date": "2025-12-24", "times": "12:00-24:00", "name": "Christmas Eve"}
        assert closure.to_dict() == expected


class TestClosureFromDict:
    @pytest.mark.parametrize(
        "closure",
        [
            Closure("2025-12-31"),
            Closure("2025-12-24", "12:00-24:00", name="Christmas Eve"),
            Closure("2025-12-24", "00:00:00.5-09:00"),
        ],
    )
    def test_round_trip(self, closure: Closure) -> None:
        """``Closure.from_dict(c.to_dict()) == c``."""
        assert Closure.from_dict(closure.to_dict()) == closure

    def test_date_required(self) -> None:
        """A missing date raises ``ConfigurationError`` on ``closures.date``."""
        with pytest.raises(ConfigurationError) as info:
            Closure.from_dict({"times": "12:00-17:00"})
        assert (info.value.field, info.value.value) == ("closures.date", None)

    def test_not_a_mapping(self) -> None:
        """A non-mapping raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            Closure.from_dict("2025-12-31")  # type: ignore[arg-type]


class TestSpecialOpening:
    def test_hours(self) -> None:
        """Hours are parsed like one day of a weekly schedule."""
        opening = SpecialOpening("2025-11-27", "10:00-12:00, 13:00-14:00", name="Cover")
        assert opening.date == date(2025, 11, 27)
        assert opening.hours == (TimeRange(hm(10), hm(12)), TimeRange(hm(13), hm(14)))
        assert opening.name == "Cover"

    def test_overnight_hours(self) -> None:
        """An opening's range may cross midnight (22:00-06:00 ends at offset 30 h)."""
        opening = SpecialOpening("2025-12-31", "22:00-06:00")
        assert opening.hours == (TimeRange(hm(22), hm(30)),)

    def test_closed(self) -> None:
        """``closed`` is an opening with no hours: the date's weekly hours are replaced by none."""
        assert SpecialOpening("2025-11-27", "closed").hours == ()

    def test_tuple_of_ranges(self) -> None:
        """A tuple of ``TimeRange`` is kept as given."""
        hours = (TimeRange(hm(10), hm(14)),)
        assert SpecialOpening("2025-11-27", hours).hours == hours

    def test_list_of_texts(self) -> None:
        """A list of range texts is accepted."""
        opening = SpecialOpening("2025-11-27", ["10:00-12:00", "13:00-14:00"])
        assert opening.hours == (TimeRange(hm(10), hm(12)), TimeRange(hm(13), hm(14)))

    def test_malformed_hours(self) -> None:
        """Malformed hours raise ``InvalidTimeError``."""
        with pytest.raises(InvalidTimeError) as info:
            SpecialOpening("2025-11-27", "10-14")
        assert info.value.field == "hours[0]"

    def test_hours_not_text(self) -> None:
        """Hours of the wrong type raise ``InputTypeError`` on ``hours``."""
        with pytest.raises(InputTypeError) as info:
            SpecialOpening("2025-11-27", 10)
        assert info.value.field == "hours"

    def test_malformed_date(self) -> None:
        """A malformed date raises ``InvalidTimeError`` on ``date``."""
        with pytest.raises(InvalidTimeError):
            SpecialOpening("2025-02-30", "10:00-14:00")


class TestSpecialOpeningToDict:
    def test_named(self) -> None:
        """The plain-dict form lists date, hours (comma-separated) and name."""
        opening = SpecialOpening("2025-11-27", "13:00-14:00, 10:00-12:00", name="Cover")
        # The text keeps the ranges in the order given.
        expected = {"date": "2025-11-27", "hours": "13:00-14:00, 10:00-12:00", "name": "Cover"}
        assert opening.to_dict() == expected

    def test_closed(self) -> None:
        """An opening without hours is written ``closed``."""
        assert SpecialOpening("2025-11-27", ()).to_dict() == {
            "date": "2025-11-27",
            "hours": "closed",
        }


class TestSpecialOpeningFromDict:
    @pytest.mark.parametrize(
        "opening",
        [
            SpecialOpening("2025-11-27", "10:00-14:00", name="Thanksgiving cover"),
            SpecialOpening("2025-12-31", "22:00-06:00"),
            SpecialOpening("2025-12-31", "closed"),
        ],
    )
    def test_round_trip(self, opening: SpecialOpening) -> None:
        """``SpecialOpening.from_dict(o.to_dict()) == o``."""
        assert SpecialOpening.from_dict(opening.to_dict()) == opening

    @pytest.mark.parametrize(
        ("data", "field"),
        [({"hours": "10:00-14:00"}, "openings.date"), ({"date": "2025-11-27"}, "openings.hours")],
    )
    def test_required_keys(self, data: dict[str, str], field: str) -> None:
        """A missing date or hours raises ``ConfigurationError`` naming the key."""
        with pytest.raises(ConfigurationError) as info:
            SpecialOpening.from_dict(data)
        assert info.value.field == field

"""Weekly schedules in local wall-clock time: ``TimeRange``, ``WeeklySchedule``, ``HoursChange``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from safetycore.errors import (
    ConfigurationError,
    EmptyIntervalError,
    InputTypeError,
    InvalidTimeError,
)
from safetycore.sla import Calendar, HoursChange, TimeRange, WeeklySchedule


def hm(hours: int, minutes: int = 0) -> timedelta:
    """Offset from local midnight."""
    return timedelta(hours=hours, minutes=minutes)


def rng(start: timedelta, end: timedelta) -> TimeRange:
    return TimeRange(start, end)


NINE_TO_FIVE = rng(hm(9), hm(17))
CLOSED: tuple[TimeRange, ...] = ()


class TestTimeRangeParse:
    def test_same_day_range(self) -> None:
        """``09:00-17:00`` is the offsets 9 h and 17 h from midnight."""
        assert TimeRange.parse("09:00-17:00") == rng(hm(9), hm(17))

    def test_overnight_range_ends_next_day(self) -> None:
        """An end before the start means the next day: ``22:00-06:00`` ends at offset 30 h."""
        item = TimeRange.parse("22:00-06:00")
        assert (item.start, item.end) == (hm(22), hm(30))

    def test_end_at_midnight(self) -> None:
        """``22:00-00:00`` ends at the following midnight, offset 24 h."""
        assert TimeRange.parse("22:00-00:00") == rng(hm(22), hm(24))

    def test_end_at_24(self) -> None:
        """``12:00-24:00`` is the same as ``12:00-00:00``."""
        assert TimeRange.parse("12:00-24:00") == TimeRange.parse("12:00-00:00")

    def test_whole_day(self) -> None:
        """``00:00-24:00`` is the whole day, 24 h of wall-clock time."""
        assert TimeRange.parse("00:00-24:00") == rng(hm(0), hm(24))

    @pytest.mark.parametrize("text", ["24h", "24H", " 24h "])
    def test_24h_keyword(self, text: str) -> None:
        """``24h`` (any case, surrounding spaces ignored) means ``00:00-24:00``."""
        assert TimeRange.parse(text) == rng(hm(0), hm(24))

    def test_seconds_and_microseconds(self) -> None:
        """Seconds and fractions down to the microsecond are kept exactly."""
        item = TimeRange.parse("09:00:30.25-17:00:00.000001")
        assert item.start == timedelta(hours=9, seconds=30, microseconds=250_000)
        assert item.end == timedelta(hours=17, microseconds=1)

    def test_single_digit_hour(self) -> None:
        """An hour may be written with one digit: ``9:00``."""
        assert TimeRange.parse("9:00-17:00") == NINE_TO_FIVE

    def test_spaces_around_bounds(self) -> None:
        """Spaces around the two bounds are ignored."""
        assert TimeRange.parse(" 09:00 - 17:00 ") == NINE_TO_FIVE

    def test_equal_bounds_are_empty(self) -> None:
        """A range that starts and ends at the same time is empty, not a whole day."""
        with pytest.raises(EmptyIntervalError) as info:
            TimeRange.parse("09:00-09:00")
        assert (info.value.field, info.value.value) == ("range", "09:00-09:00")

    def test_midnight_to_midnight_is_empty(self) -> None:
        """``00:00-00:00`` is empty; a whole day is written ``00:00-24:00`` or ``24h``."""
        with pytest.raises(EmptyIntervalError):
            TimeRange.parse("00:00-00:00")

    @pytest.mark.parametrize(
        "text",
        [
            "9-17",  # hours without minutes
            "09:00",  # no end
            "09:00-17:00-18:00",  # three bounds
            "09:60-10:00",  # minute 60
            "09:00:60-10:00",  # second 60
            "25:00-26:00",  # hour 25
            "24:30-01:00",  # past 24:00
            "24:00-01:00",  # starts at 24:00
            "09:00-24:01",  # ends past 24:00
            "1:2-3:4",  # one-digit minutes
            "09:00:00.1234567-10:00",  # seven fractional digits
            "nine-five",
            "",
        ],
    )
    def test_malformed_text(self, text: str) -> None:
        """Malformed text raises ``InvalidTimeError`` naming the field and the bad text."""
        with pytest.raises(InvalidTimeError) as info:
            TimeRange.parse(text, field="hours.mon[0]")
        assert info.value.field == "hours.mon[0]"

    def test_not_text(self) -> None:
        """A non-text value raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            TimeRange.parse(9)  # type: ignore[arg-type]
        assert (info.value.field, info.value.value) == ("range", 9)


class TestTimeRange:
    def test_overnight_offsets(self) -> None:
        """A range may end up to a day after its start: 22 h to 30 h is ``22:00-06:00``."""
        assert str(rng(hm(22), hm(30))) == "22:00-06:00"

    def test_start_outside_day(self) -> None:
        """A start at or after 24:00 raises ``InvalidTimeError`` on ``start``."""
        with pytest.raises(InvalidTimeError) as info:
            rng(hm(24), hm(25))
        assert info.value.field == "start"

    def test_negative_start(self) -> None:
        """A start before midnight raises ``InvalidTimeError`` on ``start``."""
        with pytest.raises(InvalidTimeError) as info:
            rng(-hm(1), hm(3))
        assert info.value.field == "start"

    def test_end_equal_to_start(self) -> None:
        """An end equal to the start raises ``EmptyIntervalError`` on ``end``."""
        with pytest.raises(EmptyIntervalError) as info:
            rng(hm(9), hm(9))
        assert (info.value.field, info.value.value) == ("end", hm(9))

    def test_end_before_start(self) -> None:
        """An end before the start (as offsets) raises ``EmptyIntervalError``."""
        with pytest.raises(EmptyIntervalError):
            rng(hm(9), hm(8))

    def test_a_full_day_after_start(self) -> None:
        """An end a whole day after a start other than midnight is refused (09:00 to 09:00)."""
        with pytest.raises(EmptyIntervalError):
            rng(hm(9), hm(33))

    def test_not_a_timedelta(self) -> None:
        """Offsets must be ``timedelta``; a number raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            TimeRange(9, 17)

    def test_ordering(self) -> None:
        """Ranges order by start, then end."""
        assert rng(hm(8), hm(20)) < rng(hm(9), hm(10)) < rng(hm(9), hm(11))

    def test_repr_is_parse_call(self) -> None:
        """The repr is the ``TimeRange.parse`` call that rebuilds the range."""
        assert repr(rng(hm(22), hm(30))) == "TimeRange.parse('22:00-06:00')"


class TestTimeRangeStr:
    @pytest.mark.parametrize(
        ("item", "text"),
        [
            (rng(hm(9), hm(17)), "09:00-17:00"),
            (rng(hm(22), hm(30)), "22:00-06:00"),
            (rng(hm(22), hm(24)), "22:00-24:00"),
            (rng(hm(0), hm(24)), "24h"),
            (rng(hm(9), hm(9) + timedelta(seconds=30)), "09:00-09:00:30"),
            (rng(hm(9), hm(9) + timedelta(microseconds=5)), "09:00-09:00:00.000005"),
        ],
    )
    def test_text_form(self, item: TimeRange, text: str) -> None:
        """The text form shows seconds and microseconds only when present."""
        assert str(item) == text

    @pytest.mark.parametrize(
        "text", ["09:00-17:00", "22:00-06:00", "24h", "12:00-24:00", "09:00:30.000001-10:00"]
    )
    def test_round_trip(self, text: str) -> None:
        """Parsing the text form gives back the same range."""
        assert str(TimeRange.parse(text)) == text


class TestCrossesMidnight:
    def test_overnight(self) -> None:
        """``22:00-06:00`` ends on the next date."""
        assert TimeRange.parse("22:00-06:00").crosses_midnight

    def test_ends_at_midnight(self) -> None:
        """A range ending exactly at 24:00 stays within its date."""
        assert not TimeRange.parse("22:00-24:00").crosses_midnight

    def test_day_range(self) -> None:
        """``09:00-17:00`` stays within its date."""
        assert not NINE_TO_FIVE.crosses_midnight


class TestStartUsEndUs:
    def test_microseconds(self) -> None:
        """``start_us`` and ``end_us`` are whole microseconds since local midnight."""
        item = TimeRange.parse("22:00-06:00")
        assert (item.start_us, item.end_us) == (22 * 3_600_000_000, 30 * 3_600_000_000)


class TestWeeklyScheduleParse:
    def test_weekday_range(self) -> None:
        """``mon-fri`` gives Monday to Friday the hours and the weekend none."""
        schedule = WeeklySchedule.parse({"mon-fri": "09:00-17:00"})
        assert schedule.days == ((NINE_TO_FIVE,),) * 5 + (CLOSED, CLOSED)

    def test_several_keys(self) -> None:
        """Each key sets its own days."""
        schedule = WeeklySchedule.parse({"mon-fri": "09:00-17:00", "sat": "10:00-14:00"})
        assert schedule.days[5] == (rng(hm(10), hm(14)),)
        assert schedule.days[6] == CLOSED

    def test_wrapping_range(self) -> None:
        """``fri-mon`` wraps over the weekend: Friday, Saturday, Sunday and Monday."""
        schedule = WeeklySchedule.parse({"fri-mon": "10:00-11:00"})
        ten = (rng(hm(10), hm(11)),)
        assert schedule.days == (ten, CLOSED, CLOSED, CLOSED, ten, ten, ten)

    def test_comma_list_of_days(self) -> None:
        """``mon,wed`` names two separate days."""
        schedule = WeeklySchedule.parse({"mon,wed": "09:00-17:00"})
        assert [bool(day) for day in schedule.days] == [1, 0, 1, 0, 0, 0, 0]

    def test_full_names_any_case(self) -> None:
        """Full weekday names are accepted in any case."""
        schedule = WeeklySchedule.parse({"Monday": "09:00-17:00", "SUNDAY": "09:00-17:00"})
        assert [bool(day) for day in schedule.days] == [1, 0, 0, 0, 0, 0, 1]

    def test_full_name_range_with_spaces(self) -> None:
        """A range of full names may contain spaces: ``Monday - Wednesday``."""
        schedule = WeeklySchedule.parse({"Monday - Wednesday": "09:00-17:00"})
        assert [bool(day) for day in schedule.days] == [1, 1, 1, 0, 0, 0, 0]

    @pytest.mark.parametrize(
        ("key", "open_days"),
        [
            ("daily", [1, 1, 1, 1, 1, 1, 1]),
            ("everyday", [1, 1, 1, 1, 1, 1, 1]),
            ("weekdays", [1, 1, 1, 1, 1, 0, 0]),
            ("weekends", [0, 0, 0, 0, 0, 1, 1]),
        ],
    )
    def test_aliases(self, key: str, open_days: list[int]) -> None:
        """``daily``, ``weekdays`` and ``weekends`` name their days."""
        schedule = WeeklySchedule.parse({key: "09:00-17:00"})
        assert [bool(day) for day in schedule.days] == open_days

    def test_comma_separated_ranges(self) -> None:
        """Several ranges of one day may be comma-separated: a lunch break."""
        schedule = WeeklySchedule.parse({"mon": "09:00-12:00, 13:00-17:00"})
        assert schedule.days[0] == (rng(hm(9), hm(12)), rng(hm(13), hm(17)))

    def test_list_of_ranges(self) -> None:
        """Ranges may be given as a list of texts or of ``(start, end)`` pairs."""
        schedule = WeeklySchedule.parse({"mon": ["09:00-12:00", ("13:00", "17:00")]})
        assert schedule.days[0] == (rng(hm(9), hm(12)), rng(hm(13), hm(17)))

    def test_time_range_values(self) -> None:
        """A ``TimeRange`` may stand in for its text."""
        assert WeeklySchedule.parse({"mon": NINE_TO_FIVE}).days[0] == (NINE_TO_FIVE,)

    @pytest.mark.parametrize("value", ["closed", "CLOSED", "", []])
    def test_closed_day(self, value: object) -> None:
        """``closed``, an empty text or an empty list give the day no hours."""
        assert WeeklySchedule.parse({"mon": value}).days[0] == CLOSED

    def test_overnight_belongs_to_start_day(self) -> None:
        """``22:00-06:00`` is kept on the weekday it starts on, not split at midnight."""
        schedule = WeeklySchedule.parse({"fri": "22:00-06:00"})
        assert schedule.days[4] == (rng(hm(22), hm(30)),)
        assert schedule.days[5] == CLOSED

    @pytest.mark.parametrize("text", ["24/7", "always", " 24/7 "])
    def test_24_7(self, text: str) -> None:
        """``"24/7"`` for the whole schedule is every day ``00:00-24:00``."""
        assert WeeklySchedule.parse(text) == WeeklySchedule.always()

    def test_day_named_twice_by_nested_keys_takes_the_specific_one(self) -> None:
        """A key whose days lie within another key's overrides it on those days."""
        schedule = WeeklySchedule.parse({"mon-fri": "09:00-12:00", "mon": "13:00-17:00"})
        assert schedule.days[0] == (rng(hm(13), hm(17)),)
        assert schedule.days[1] == (rng(hm(9), hm(12)),)

    def test_empty_mapping_is_closed(self) -> None:
        """An empty mapping is a schedule that never opens."""
        assert WeeklySchedule.parse({}) == WeeklySchedule.closed()

    # -- ranges as written -----------------------------------------------------------------

    def test_sorts_ranges(self) -> None:
        """Ranges of a day are sorted by start whatever order they are written in."""
        schedule = WeeklySchedule.parse({"mon": "13:00-17:00, 09:00-12:00"})
        assert schedule.days[0] == (rng(hm(9), hm(12)), rng(hm(13), hm(17)))

    def test_keeps_touching_ranges_apart(self) -> None:
        """Touching ranges of one day stay two ranges; the calendar unites them when placed."""
        schedule = WeeklySchedule.parse({"mon": "09:00-12:00, 12:00-17:00"})
        assert schedule.days[0] == (rng(hm(9), hm(12)), rng(hm(12), hm(17)))

    def test_keeps_overlapping_ranges_apart(self) -> None:
        """Overlapping ranges of one day are kept as written, sorted."""
        schedule = WeeklySchedule.parse({"mon": "09:00-13:00, 12:00-17:00, 10:00-11:00"})
        assert schedule.days[0] == (
            rng(hm(9), hm(13)),
            rng(hm(10), hm(11)),
            rng(hm(12), hm(17)),
        )

    def test_drops_exact_repeats(self) -> None:
        """A range written twice on one day is kept once."""
        schedule = WeeklySchedule.parse({"mon": "09:00-17:00, 09:00-17:00"})
        assert schedule.days[0] == (NINE_TO_FIVE,)

    def test_overlap_in_a_dst_gap_is_not_merged_on_the_wall_clock(self) -> None:
        """02:30-05:00 and 03:00-04:00 stay apart: in a gap 02:30 may land after 03:00."""
        schedule = WeeklySchedule.parse({"sun": "02:30-05:00, 03:00-04:00"})
        assert schedule.to_dict() == {"sun": "02:30-05:00, 03:00-04:00"}

    def test_ranges_of_different_days_kept_as_written(self) -> None:
        """Saturday 22:00-06:00 and Sunday 00:00-08:00 overlap but are kept on their days."""
        schedule = WeeklySchedule.parse({"sat": "22:00-06:00", "sun": "00:00-08:00"})
        assert schedule.days[5] == (rng(hm(22), hm(30)),)
        assert schedule.days[6] == (rng(hm(0), hm(8)),)

    # -- errors ----------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("spec", "field"),
        [
            ({"mon": "9-17"}, "hours.mon[0]"),
            ({"mon": "09:00-12:00, 13:00"}, "hours.mon[1]"),
            ({"mon": "25:00-26:00"}, "hours.mon[0]"),
            ({"mon": ["09:00-12:00", "13:00-77:00"]}, "hours.mon[1][0]"),
            ({"moonday": "09:00-17:00"}, "hours.moonday"),
            ({"mon-": "09:00-17:00"}, "hours.mon-"),
            ({"mon-tue-wed": "09:00-17:00"}, "hours.mon-tue-wed"),
            ({"": "09:00-17:00"}, "hours."),
        ],
    )
    def test_malformed(self, spec: dict[str, object], field: str) -> None:
        """A malformed weekday or time raises ``InvalidTimeError`` naming where it is."""
        with pytest.raises(InvalidTimeError) as info:
            WeeklySchedule.parse(spec)
        assert info.value.field == field

    def test_empty_range(self) -> None:
        """A range with equal start and end raises ``EmptyIntervalError``."""
        with pytest.raises(EmptyIntervalError) as info:
            WeeklySchedule.parse({"tue": "10:00-10:00"})
        assert (info.value.field, info.value.value) == ("hours.tue[0]", "10:00-10:00")

    def test_text_other_than_24_7(self) -> None:
        """A text schedule other than ``"24/7"`` raises ``InvalidTimeError``."""
        with pytest.raises(InvalidTimeError) as info:
            WeeklySchedule.parse("weekdays")
        assert (info.value.field, info.value.value) == ("hours", "weekdays")

    def test_not_a_mapping(self) -> None:
        """A schedule that is neither text nor a mapping raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            WeeklySchedule.parse(5)  # type: ignore[arg-type]

    def test_key_not_text(self) -> None:
        """A weekday key that is not text raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            WeeklySchedule.parse({1: "09:00-17:00"})  # type: ignore[dict-item]

    def test_hours_not_text(self) -> None:
        """Hours that are neither text nor a list raise ``InputTypeError`` on that key."""
        with pytest.raises(InputTypeError) as info:
            WeeklySchedule.parse({"mon": 9})
        assert info.value.field == "hours.mon"

    def test_field_prefix(self) -> None:
        """The ``field`` argument prefixes the path reported in errors."""
        with pytest.raises(InvalidTimeError) as info:
            WeeklySchedule.parse({"mon": "9-17"}, field="hours_changes[0].hours")
        assert info.value.field == "hours_changes[0].hours.mon[0]"


class TestWeeklyScheduleKeyPrecedence:
    def test_a_single_day_overrides_daily(self) -> None:
        """``{"daily": ..., "sun": "closed"}`` closes Sunday (it stayed open before)."""
        schedule = WeeklySchedule.parse({"daily": "09:00-17:00", "sun": "closed"})
        assert schedule.to_dict() == {"mon-sat": "09:00-17:00"}

    def test_a_single_day_overrides_weekdays(self) -> None:
        """``{"weekdays": ..., "fri": "09:00-13:00"}`` keeps the short Friday (it was lost)."""
        schedule = WeeklySchedule.parse({"weekdays": "09:00-17:00", "fri": "09:00-13:00"})
        assert schedule.to_dict() == {"mon-thu": "09:00-17:00", "fri": "09:00-13:00"}

    def test_override_does_not_depend_on_key_order(self) -> None:
        """The more specific key wins whether it is written first or last."""
        first = WeeklySchedule.parse({"fri": "09:00-13:00", "weekdays": "09:00-17:00"})
        last = WeeklySchedule.parse({"weekdays": "09:00-17:00", "fri": "09:00-13:00"})
        assert first == last

    def test_nested_keys_choose_the_innermost(self) -> None:
        """daily, then weekends, then sun: each day takes its most specific key."""
        schedule = WeeklySchedule.parse(
            {"daily": "09:00-17:00", "weekends": "10:00-14:00", "sun": "closed"}
        )
        assert schedule.to_dict() == {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"}

    def test_a_key_within_two_others_resolves_them(self) -> None:
        """Two crossing keys are fine on a day that a key inside both overrides."""
        schedule = WeeklySchedule.parse(
            {"mon,tue": "09:00-10:00", "mon": "closed", "mon,wed": "10:00-11:00"}
        )
        assert schedule.to_dict() == {"tue": "09:00-10:00", "wed": "10:00-11:00"}

    @pytest.mark.parametrize(
        ("spec", "field"),
        [
            ({"mon-fri": "09:00-17:00", "fri-sun": "10:00-14:00"}, "hours.mon-fri"),
            ({"mon": "09:00-12:00", "monday": "13:00-17:00"}, "hours.monday"),
            ({"weekdays": "09:00-12:00", "mon-fri": "13:00-17:00"}, "hours.mon-fri"),
        ],
    )
    def test_crossing_or_equal_keys_are_ambiguous(self, spec: dict[str, str], field: str) -> None:
        """Two keys naming a day, neither inside the other, raise ``ConfigurationError``."""
        with pytest.raises(ConfigurationError) as info:
            WeeklySchedule.parse(spec)
        assert (info.value.field, info.value.value) == (field, field.removeprefix("hours."))


class TestWeeklyScheduleInit:
    def test_seven_days(self) -> None:
        """A schedule is built from seven sequences of ranges, Monday first."""
        days = [[NINE_TO_FIVE]] * 5 + [[], []]
        assert WeeklySchedule(days) == WeeklySchedule.parse({"mon-fri": "09:00-17:00"})

    def test_sorts_given_days(self) -> None:
        """Ranges given directly are sorted like parsed ones, and not merged."""
        halves = [rng(hm(13), hm(17)), rng(hm(9), hm(13))]
        assert WeeklySchedule([halves] + [[]] * 6).days[0] == (
            rng(hm(9), hm(13)),
            rng(hm(13), hm(17)),
        )

    def test_wrong_number_of_days(self) -> None:
        """Anything but seven days raises ``InputTypeError`` on ``days``."""
        with pytest.raises(InputTypeError) as info:
            WeeklySchedule([[]] * 6)
        assert info.value.field == "days"

    def test_equality(self) -> None:
        """Two schedules with the same ranges are equal however their days were keyed."""
        a = WeeklySchedule.parse({"weekdays": "12:00-17:00, 09:00-12:00"})
        b = WeeklySchedule.parse({"mon-fri": "09:00-12:00, 12:00-17:00", "sat,sun": "closed"})
        assert a == b
        assert hash(a) == hash(b)

    def test_repr(self) -> None:
        """The repr is the ``WeeklySchedule.parse`` call that rebuilds the schedule."""
        schedule = WeeklySchedule.parse({"mon-fri": "09:00-17:00"})
        assert repr(schedule) == "WeeklySchedule.parse({'mon-fri': '09:00-17:00'})"


class TestAlways:
    def test_every_day_all_day(self) -> None:
        """``always()`` is ``00:00-24:00`` on each of the seven days."""
        assert WeeklySchedule.always().days == ((rng(hm(0), hm(24)),),) * 7


class TestClosed:
    def test_no_hours(self) -> None:
        """``closed()`` has no range on any day."""
        assert WeeklySchedule.closed().days == ((),) * 7


class TestIsClosed:
    def test_closed(self) -> None:
        """A schedule without ranges is closed."""
        assert WeeklySchedule.closed().is_closed

    def test_one_range(self) -> None:
        """One range on one day is enough not to be closed."""
        assert not WeeklySchedule.parse({"sun": "10:00-11:00"}).is_closed


class TestIsAlwaysOpen:
    def test_24_7(self) -> None:
        """``24/7`` covers the week."""
        assert WeeklySchedule.always().is_always_open

    def test_halves(self) -> None:
        """Two ranges that together cover every day cover the week."""
        assert WeeklySchedule.parse({"daily": "06:00-18:00, 18:00-06:00"}).is_always_open

    def test_overnight_chain(self) -> None:
        """Daily 12:00-12:00 is impossible, but daily 00:00-12:00 plus 12:00-00:00 covers."""
        assert WeeklySchedule.parse({"daily": ["00:00-12:00", "12:00-00:00"]}).is_always_open

    def test_sunday_night_wraps_to_monday(self) -> None:
        """Sunday 18:00-06:00 wraps onto Monday 00:00-06:00 and closes the week's gap."""
        spec = {"mon": "06:00-24:00", "tue-sat": "24h", "sun": "00:00-18:00, 18:00-06:00"}
        assert WeeklySchedule.parse(spec).is_always_open

    def test_gap_of_a_microsecond(self) -> None:
        """A single missing microsecond in the week is enough not to be always open."""
        spec = {"mon": "00:00:00.000001-24:00", "tue-sun": "24h"}
        assert not WeeklySchedule.parse(spec).is_always_open

    def test_office_hours(self) -> None:
        """Office hours are not always open."""
        assert not WeeklySchedule.parse({"mon-fri": "09:00-17:00"}).is_always_open


class TestToDict:
    @pytest.mark.parametrize(
        ("spec", "expected"),
        [
            ({"mon-fri": "09:00-17:00"}, {"mon-fri": "09:00-17:00"}),
            (
                {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"},
                {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"},
            ),
            ({"weekdays": "9:00-17:00"}, {"mon-fri": "09:00-17:00"}),
            ({"daily": "24h"}, {"mon-sun": "24h"}),
            ({"weekends": "22:00-06:00"}, {"sat-sun": "22:00-06:00"}),
            # Friday to Monday wrap is written as two runs of consecutive days.
            ({"fri-mon": "10:00-11:00"}, {"mon": "10:00-11:00", "fri-sun": "10:00-11:00"}),
            (
                {"mon-fri": "09:00-12:00", "mon": "09:00-12:00, 13:00-17:00"},
                {"mon": "09:00-12:00, 13:00-17:00", "tue-fri": "09:00-12:00"},
            ),
            ({"mon,wed": "09:00-17:00"}, {"mon": "09:00-17:00", "wed": "09:00-17:00"}),
            ({}, {}),
        ],
    )
    def test_compact_form(self, spec: dict[str, str], expected: dict[str, str]) -> None:
        """Consecutive weekdays with the same hours share one key; closed days are omitted."""
        assert WeeklySchedule.parse(spec).to_dict() == expected

    @pytest.mark.parametrize(
        "spec",
        [
            {"mon-fri": "09:00-12:00, 13:00-17:00", "sat": "10:00-14:00"},
            {"fri-mon": "22:00-06:00"},
            {"mon": "24h, 22:00-06:00"},
            {"mon": "06:00-18:00, 18:00-06:00"},
            {"sat": "22:00-06:00", "sun": "00:00-08:00"},
            {"tue": "09:00:00.5-09:00:01"},
            "24/7",
        ],
    )
    def test_round_trip(self, spec: dict[str, str] | str) -> None:
        """``WeeklySchedule.parse(s.to_dict()) == s``."""
        schedule = WeeklySchedule.parse(spec)
        assert WeeklySchedule.parse(schedule.to_dict()) == schedule


class TestHoursChange:
    def test_iso_text_date(self) -> None:
        """``effective`` accepts ISO text and stores a ``date``."""
        change = HoursChange("2026-01-05", WeeklySchedule.closed())
        assert change.effective == date(2026, 1, 5)

    def test_date(self) -> None:
        """``effective`` accepts a ``date``."""
        assert HoursChange(date(2026, 1, 5), WeeklySchedule.closed()).effective == date(2026, 1, 5)

    def test_datetime_refused(self) -> None:
        """A datetime is not a date: ``InputTypeError`` on ``effective``."""
        with pytest.raises(InputTypeError) as info:
            HoursChange(datetime(2026, 1, 5), WeeklySchedule.closed())
        assert info.value.field == "effective"

    def test_malformed_date(self) -> None:
        """Text that is not an ISO date raises ``InvalidTimeError`` on ``effective``."""
        with pytest.raises(InvalidTimeError) as info:
            HoursChange("2026-13-01", WeeklySchedule.closed())
        assert (info.value.field, info.value.value) == ("effective", "2026-13-01")

    def test_hours_not_a_schedule(self) -> None:
        """Hours that are not a ``WeeklySchedule`` raise ``InputTypeError`` on ``hours``."""
        with pytest.raises(InputTypeError):
            HoursChange("2026-01-05", {"mon": "09:00-17:00"})  # type: ignore[arg-type]

    def test_calendar_keeps_them_by_date(self) -> None:
        """A calendar keeps its hours changes in effective-date order."""
        later = HoursChange("2026-02-01", WeeklySchedule.closed())
        earlier = HoursChange("2026-01-01", WeeklySchedule.always())
        cal = Calendar("UTC", WeeklySchedule.always(), hours_changes=[later, earlier])
        assert cal.hours_changes == (earlier, later)

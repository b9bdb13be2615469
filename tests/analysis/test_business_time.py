"""Bulk business time over columns agrees with the scalar calendar, row by row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore import analysis
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
)
from safetycore.sla import Calendar, WeeklySchedule

NEW_YORK = Calendar.from_dict(
    {
        "zone": "America/New_York",
        "hours": {"mon-fri": "09:00-17:00"},
        "holidays": [{"country": "US"}],
    }
)
LONDON_NIGHTS = Calendar.from_dict(
    {
        "zone": "Europe/London",
        "hours": {"mon-fri": "22:00-06:00", "sat": "09:00-12:00, 13:00-17:00"},
    }
)
US = 1_000_000
LO = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp()) * US
HI = int(datetime(2026, 12, 1, tzinfo=UTC).timestamp()) * US


def _series(micros: list[int], zone: str = "UTC") -> pd.Series:
    return (
        pd.Series(np.array(micros, dtype=np.int64).view("M8[us]"))
        .dt.tz_localize("UTC")
        .dt.tz_convert(zone)
    )


def _aware(micros: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)


calendars = st.sampled_from([NEW_YORK, LONDON_NIGHTS])
instants = st.integers(LO, HI)


class TestElapsed:
    @given(
        calendars,
        st.lists(
            st.tuples(instants, st.integers(-40 * 86400 * US, 40 * 86400 * US)),
            min_size=1,
            max_size=40,
        ),
    )
    def test_equals_scalar_row_by_row(self, cal: Calendar, rows: list[tuple[int, int]]) -> None:
        """Each row of the bulk result is exactly the scalar elapsed of that row."""
        starts = [a for a, _ in rows]
        ends = [a + span for a, span in rows]
        got = analysis.elapsed(cal, _series(starts), _series(ends, "Asia/Tokyo"))
        expected = [cal.elapsed(_aware(a), _aware(b)) for a, b in zip(starts, ends, strict=True)]
        assert [value.to_pytimedelta() for value in got] == expected

    def test_numpy_requires_utc_declaration(self) -> None:
        """A numpy datetime64 column has no zone: refused unless utc=True declares UTC."""
        values = np.array([LO], dtype=np.int64).view("M8[us]")
        with pytest.raises(NaiveDatetimeError, match="utc=True"):
            analysis.elapsed(NEW_YORK, values, values)
        assert analysis.elapsed(NEW_YORK, values, values, utc=True).dtype == np.dtype("m8[us]")

    def test_naive_pandas_is_refused(self) -> None:
        """A tz-naive pandas column raises NaiveDatetimeError naming the argument."""
        naive = pd.Series(pd.to_datetime(["2025-01-02 10:00"]))
        with pytest.raises(NaiveDatetimeError) as error:
            analysis.elapsed(NEW_YORK, naive, naive)
        assert error.value.field == "start"

    def test_missing_values_stay_missing(self) -> None:
        """NaT in either column gives NaT in that row and leaves the other rows exact."""
        start = pd.Series(
            pd.to_datetime(["2025-01-02 10:00", None]).tz_localize("America/New_York")
        )
        end = pd.Series(pd.to_datetime([None, "2025-01-02 12:00"]).tz_localize("America/New_York"))
        end2 = pd.Series(
            pd.to_datetime(["2025-01-02 12:00", "2025-01-02 12:00"]).tz_localize("America/New_York")
        )
        assert analysis.elapsed(NEW_YORK, start, end).isna().tolist() == [True, True]
        result = analysis.elapsed(NEW_YORK, start, end2)
        assert result.isna().tolist() == [False, True]
        assert result[0] == pd.Timedelta(hours=2)

    def test_nanoseconds_are_exact(self) -> None:
        """Nanosecond columns are measured exactly, to the nanosecond."""
        start = pd.Series(
            pd.to_datetime(
                ["2025-01-02 16:59:59.999999999", "2025-01-02 17:00:00.000000001"]
            ).tz_localize("America/New_York")
        )
        end = start + pd.Timedelta(hours=1)
        assert analysis.elapsed(NEW_YORK, start, end).tolist() == [pd.Timedelta(1), pd.Timedelta(0)]

    def test_index_is_kept_and_checked(self) -> None:
        """The result keeps the start column's index; mismatched indexes are refused."""
        start = _series([LO, LO + 3600 * US]).set_axis(["a", "b"])
        assert analysis.elapsed(NEW_YORK, start, start).index.tolist() == ["a", "b"]
        with pytest.raises(InvalidArgumentError, match="index"):
            analysis.elapsed(NEW_YORK, start, start.set_axis(["b", "a"]))
        with pytest.raises(InvalidArgumentError):
            analysis.elapsed(NEW_YORK, start, start.iloc[:1])

    def test_wrong_type_is_refused(self) -> None:
        """A plain list is neither a pandas nor a numpy column: InputTypeError."""
        with pytest.raises(InputTypeError):
            analysis.elapsed(NEW_YORK, [1, 2], [3, 4])


class TestAdd:
    @given(
        calendars,
        st.lists(
            st.tuples(instants, st.integers(-60 * 3600 * US, 60 * 3600 * US)),
            min_size=1,
            max_size=40,
        ),
    )
    def test_equals_scalar_row_by_row(self, cal: Calendar, rows: list[tuple[int, int]]) -> None:
        """Each row is exactly the scalar add of that row, in the calendar's zone."""
        starts = _series([a for a, _ in rows], "America/Los_Angeles")
        amounts = pd.Series(np.array([d for _, d in rows], dtype=np.int64).view("m8[us]"))
        got = analysis.add(cal, starts, amounts)
        assert str(got.dt.tz) == cal.zone
        expected = [cal.add(_aware(a), timedelta(microseconds=d)) for a, d in rows]
        assert [value.to_pydatetime() for value in got] == expected

    def test_zero_returns_the_start(self) -> None:
        """Adding zero returns the start itself, even in closed time."""
        saturday = _series([int(datetime(2025, 1, 4, 15, tzinfo=UTC).timestamp()) * US])
        assert analysis.add(NEW_YORK, saturday, timedelta(0))[0] == saturday[0]

    def test_lands_on_close_and_opening(self) -> None:
        """Forward sums ending on a close give it; backward ones ending on an opening too."""
        start = pd.Series(pd.to_datetime(["2025-01-02 12:00"]).tz_localize("America/New_York"))
        assert analysis.add(NEW_YORK, start, timedelta(hours=5))[0] == pd.Timestamp(
            "2025-01-02 17:00", tz="America/New_York"
        )
        assert analysis.add(NEW_YORK, start, timedelta(hours=-3))[0] == pd.Timestamp(
            "2025-01-02 09:00", tz="America/New_York"
        )

    def test_numpy_in_numpy_out(self) -> None:
        """A numpy column (declared UTC) gives UTC datetime64 of the same unit."""
        start = np.array(["2025-01-02T17:00"], dtype="M8[us]")  # 12:00 in New York
        result = analysis.add(
            NEW_YORK, start, np.array([2 * 3600 * US], dtype=np.int64).view("m8[us]"), utc=True
        )
        assert result.tolist() == [datetime(2025, 1, 2, 19, 0)]

    def test_far_sums_grow_the_table(self) -> None:
        """Sums that reach years away are still exact (the compiled table grows)."""
        start = _series([LO])
        got = analysis.add(NEW_YORK, start, timedelta(hours=20_000))[0].to_pydatetime()
        assert got == NEW_YORK.add(_aware(LO), timedelta(hours=20_000))

    def test_never_enough_open_time(self) -> None:
        """A calendar that never opens has no answer: OutOfRangeError, not a wrong instant."""
        closed = Calendar("UTC", WeeklySchedule.closed())
        with pytest.raises(OutOfRangeError):
            analysis.add(closed, _series([LO]), timedelta(hours=1))

    def test_duration_must_be_a_duration(self) -> None:
        """A bare number is not a duration: InputTypeError, never a silent unit."""
        with pytest.raises(InputTypeError):
            analysis.add(NEW_YORK, _series([LO]), 3600)


class TestJunkInput:
    START = _series([LO])

    @pytest.mark.parametrize("calendar", [None, [], "America/New_York"])
    def test_calendar_that_is_not_a_calendar(self, calendar: object) -> None:
        """A calendar argument that is not a ``Calendar`` raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            analysis.elapsed(calendar, self.START, self.START)  # type: ignore[arg-type]
        assert info.value.field == "calendar"
        with pytest.raises(InputTypeError):
            analysis.add(calendar, self.START, timedelta(hours=1))  # type: ignore[arg-type]

    @pytest.mark.parametrize("days", [10**6, -(10**6)])
    def test_add_past_the_supported_range_fails_at_once(self, days: int) -> None:
        """A sum past year 9998 raises ``OutOfRangeError`` without compiling every year."""
        with pytest.raises(OutOfRangeError) as info:
            analysis.add(NEW_YORK, self.START, timedelta(days=days))
        assert info.value.field == "duration"


TEAMS = {"ny": NEW_YORK, "london": LONDON_NIGHTS}


class TestSeveralCalendars:
    """A mapping of calendars and a ``by`` column of keys: each row in its own calendar."""

    @given(
        rows=st.lists(
            st.tuples(st.sampled_from(sorted(TEAMS)), instants, instants), min_size=1, max_size=8
        )
    )
    def test_elapsed_equals_scalar_in_each_rows_calendar(
        self, rows: list[tuple[str, int, int]]
    ) -> None:
        """Row i is measured in ``TEAMS[by[i]]``, exactly as ``Calendar.elapsed``."""
        keys = [key for key, _, _ in rows]
        start, end = _series([a for _, a, _ in rows]), _series([b for _, _, b in rows])
        got = analysis.elapsed(TEAMS, start, end, by=keys)
        for i, (key, a, b) in enumerate(rows):
            assert got[i] == TEAMS[key].elapsed(_aware(a), _aware(b))

    @given(
        rows=st.lists(
            st.tuples(st.sampled_from(sorted(TEAMS)), instants, st.integers(0, 200 * 3600 * US)),
            min_size=1,
            max_size=8,
        )
    )
    def test_add_equals_scalar_in_each_rows_calendar(
        self, rows: list[tuple[str, int, int]]
    ) -> None:
        """Row i is added in ``TEAMS[by[i]]``, exactly as ``Calendar.add``; zones differ: UTC."""
        keys = pd.Series([key for key, _, _ in rows])
        start = _series([a for _, a, _ in rows])
        duration = pd.Series(np.array([d for _, _, d in rows], dtype=np.int64).view("m8[us]"))
        got = analysis.add(TEAMS, start, duration, by=keys)
        assert str(got.dt.tz) == "UTC"
        for i, (key, a, d) in enumerate(rows):
            assert got[i] == TEAMS[key].add(_aware(a), timedelta(microseconds=d))

    def test_add_keeps_a_zone_the_calendars_share(self) -> None:
        """When every calendar of the mapping has one zone, ``add`` answers in it."""
        teams = {"a": NEW_YORK, "b": Calendar("America/New_York", WeeklySchedule.always())}
        start = _series([LO, LO])
        got = analysis.add(teams, start, timedelta(hours=1), by=["a", "b"])
        assert str(got.dt.tz) == "America/New_York"
        assert got[1] == _aware(LO) + timedelta(hours=1)

    def test_missing_instants_stay_missing(self) -> None:
        """A row with a missing instant is NaT whatever its calendar."""
        start = _series([LO, LO]).astype("datetime64[us, UTC]")
        start[1] = pd.NaT
        got = analysis.elapsed(TEAMS, start, start + pd.Timedelta(days=3), by=["ny", "london"])
        assert got.isna().tolist() == [False, True]

    def test_unknown_key_names_the_row(self) -> None:
        """A key the mapping lacks raises InvalidArgumentError on ``by`` naming row and key."""
        start = _series([LO, LO, LO])
        with pytest.raises(InvalidArgumentError, match=r"row 2.*known: london, ny") as info:
            analysis.elapsed(TEAMS, start, start, by=["ny", "ny", "paris"])
        assert (info.value.field, info.value.value) == ("by", "paris")

    @pytest.mark.parametrize("missing", [None, float("nan")])
    def test_missing_key_names_the_row(self, missing: object) -> None:
        """A missing key is refused (never a silent default calendar), naming its row."""
        start = _series([LO, LO])
        with pytest.raises(InvalidArgumentError, match="row 1") as info:
            analysis.add(TEAMS, start, timedelta(hours=1), by=["ny", missing])
        assert info.value.field == "by"

    def test_by_needs_a_mapping_and_a_mapping_needs_by(self) -> None:
        """``by`` with one calendar, or a mapping without ``by``, is refused naming ``by``."""
        start = _series([LO])
        with pytest.raises(InvalidArgumentError) as info:
            analysis.elapsed(NEW_YORK, start, start, by=["ny"])
        assert info.value.field == "by"
        with pytest.raises(InvalidArgumentError) as info:
            analysis.elapsed(TEAMS, start, start)
        assert info.value.field == "by"

    def test_by_of_another_length_or_index(self) -> None:
        """``by`` must have the rows of ``start``, and for a Series the same index."""
        start = _series([LO, LO])
        with pytest.raises(InvalidArgumentError) as info:
            analysis.elapsed(TEAMS, start, start, by=["ny"])
        assert info.value.field == "by"
        with pytest.raises(InvalidArgumentError) as info:
            analysis.elapsed(TEAMS, start, start, by=pd.Series(["ny", "ny"], index=[5, 6]))
        assert info.value.field == "by"
        with pytest.raises(InputTypeError) as info:
            analysis.elapsed(TEAMS, start, start, by="ny")
        assert info.value.field == "by"

    @pytest.mark.parametrize(
        ("calendars", "field"),
        [({}, "calendar"), ({"ny": "America/New_York"}, "calendar['ny']")],
    )
    def test_bad_mapping(self, calendars: object, field: str) -> None:
        """An empty mapping, or one holding a non-Calendar, is refused naming it."""
        start = _series([LO])
        with pytest.raises((InputTypeError, InvalidArgumentError)) as info:
            analysis.elapsed(calendars, start, start, by=["ny"])  # type: ignore[arg-type]
        assert info.value.field == field

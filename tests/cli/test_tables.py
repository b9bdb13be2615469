"""Results as CSV text: the column-at-once ISO 8601 writers equal the one-value ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from safetycore._cli.tables import csv_text, iso_durations, iso_instants
from safetycore._config import duration_text

_DELTAS = st.one_of(
    st.timedeltas(min_value=timedelta(days=-40_000), max_value=timedelta(days=40_000)),
    st.sampled_from([timedelta(0), timedelta(microseconds=1), timedelta(days=1)]),
)
_INSTANTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9998, 12, 31), timezones=st.just(UTC)
)


def _signed(delta: timedelta) -> str:
    return f"-{duration_text(-delta)}" if delta < timedelta(0) else duration_text(delta)


@given(st.lists(st.none() | _DELTAS, max_size=20))
def test_durations_as_duration_text_writes_them(deltas: list[timedelta | None]) -> None:
    """Each duration is ``duration_text``'s text (signed when negative); NaT is empty."""
    column = pd.Series(deltas, dtype="timedelta64[us]")
    expected = ["" if d is None else _signed(d) for d in deltas]
    assert iso_durations(column).tolist() == expected


@given(st.lists(st.none() | _INSTANTS, max_size=20))
def test_instants_as_isoformat_writes_them(instants: list[datetime | None]) -> None:
    """Each instant is its ``isoformat()`` in UTC; NaT is empty."""
    column = pd.Series(instants, dtype="datetime64[us, UTC]")
    expected = ["" if i is None else i.isoformat() for i in instants]
    assert iso_instants(column).tolist() == expected


def test_other_zones_are_written_in_utc() -> None:
    """An instant column in another zone is written in UTC."""
    column = pd.Series(pd.to_datetime(["2026-03-08T01:30:00-05:00"], utc=True)).dt.tz_convert(
        "America/New_York"
    )
    assert csv_text(pd.DataFrame({"at": column})) == "at\n2026-03-08T06:30:00+00:00\n"


def test_nanoseconds_columns() -> None:
    """A nanosecond column (pandas' default unit) is written to the microsecond."""
    column = pd.Series([timedelta(hours=1, microseconds=3)], dtype="timedelta64[ns]")
    assert iso_durations(column).tolist() == ["PT1H0.000003S"]


def test_other_columns_as_they_are() -> None:
    """Text, numbers, flags and missing values are written as pandas writes them."""
    frame = pd.DataFrame({"a": ["x", None], "b": [1.5, None], "c": [True, False]})
    assert csv_text(frame) == "a,b,c\nx,1.5,True\n,,False\n"

"""Results tables as CSV text: instants and durations in ISO 8601, column by column.

A results frame has hundreds of thousands of instants and durations; each column is turned
into text by numpy's string operations at once, never value by value in Python. The text is
exact: every instant to the microsecond in UTC, every duration as ``_config.duration_text``
writes it (a property test holds the two equal), an overdue ``remaining`` with a minus sign.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

_US: Final = {"s": 1_000_000, "ms": 1_000, "us": 1}
_MISSING: Final = np.iinfo(np.int64).min


def _micros(column: pd.Series, kind: str) -> npt.NDArray[np.int64]:
    """The column as int64 microseconds (NaT as ``_MISSING``); nanoseconds are cut."""
    unit = np.datetime_data(column.to_numpy().dtype)[0] if kind == "m" else column.dt.unit
    raw = np.asarray(column.array.view("i8"), dtype=np.int64)
    missing = np.asarray(column.isna().to_numpy(), dtype=bool)
    micros = raw // 1000 if unit == "ns" else raw * _US[unit]
    return np.where(missing, _MISSING, micros)


def iso_instants(column: pd.Series) -> npt.NDArray[np.str_]:
    """A UTC datetime column as ISO 8601 text, as ``isoformat`` writes it (``""`` for NaT)."""
    micros = _micros(column, "M")
    if not len(micros):
        return np.array([], dtype=str)
    missing = micros == _MISSING
    instants = np.where(missing, 0, micros).view("M8[us]")
    # As ``datetime.isoformat`` writes them: the microseconds only when there are some.
    text = np.where(
        micros % 1_000_000 == 0,
        np.datetime_as_string(instants, unit="s"),
        np.datetime_as_string(instants, unit="us"),
    )
    return np.where(missing, "", np.strings.add(text, "+00:00"))


def iso_durations(column: pd.Series) -> npt.NDArray[np.str_]:
    """A timedelta column as ISO 8601 durations (``duration_text``; ``""`` for NaT).

    A negative duration is written with a leading minus sign (``-PT1H30M``).
    """
    micros = _micros(column, "m")
    if not len(micros):  # numpy's string operations refuse empty arrays
        return np.array([], dtype=str)
    missing = micros == _MISSING
    value = np.abs(np.where(missing, 0, micros))
    hours, rest = np.divmod(value, 3_600_000_000)  # hours, never days, as duration_text
    minutes, rest = np.divmod(rest, 60_000_000)
    seconds, fraction = np.divmod(rest, 1_000_000)

    def part(numbers: npt.NDArray[np.int64], suffix: str) -> npt.NDArray[np.str_]:
        return np.where(numbers > 0, np.strings.add(numbers.astype(str), suffix), "")

    decimals = np.strings.rstrip(np.strings.zfill(fraction.astype(str), 6), "0")
    point = np.where(fraction > 0, np.strings.add(".", decimals), "")
    second = np.where(
        (seconds > 0) | (fraction > 0),
        np.strings.add(np.strings.add(seconds.astype(str), point), "S"),
        "",
    )
    clock = np.strings.add(np.strings.add(part(hours, "H"), part(minutes, "M")), second)
    text = np.strings.add("PT", np.where(clock != "", clock, "0S"))
    text = np.where(micros < 0, np.strings.add("-", text), text)
    return np.where(missing, "", text)


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index): instants and durations as above, the rest as is."""
    out: dict[str, Any] = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            out[name] = iso_instants(column.dt.tz_convert("UTC"))
        elif pd.api.types.is_timedelta64_dtype(column.dtype):
            out[name] = iso_durations(column)
        else:
            out[name] = column.to_numpy()
    text: str = pd.DataFrame(out, columns=list(frame.columns)).to_csv(
        index=False, lineterminator="\n"
    )
    return text

"""Columns in and out: pandas and numpy instants and durations as int64 arrays, and back.

An instant column becomes int64 counts of ``unit`` (``"us"`` or ``"ns"``) since the epoch in
UTC, with a mask of missing values (``NaT``). pandas columns must be time-zone aware; numpy
``datetime64`` has no zone, so it is accepted only when the caller says it holds UTC
(``utc=True``), never guessed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from safetycore.errors import InputTypeError, InvalidArgumentError, NaiveDatetimeError

Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_NAT: Final = np.iinfo(np.int64).min
TRUE_TEXT: Final = frozenset({"true", "True", "TRUE"})
"""The text of a flag that is true, as CSV files write it; ``FALSE_TEXT`` its opposite."""
FALSE_TEXT: Final = frozenset({"false", "False", "FALSE"})
_TO_US: Final = {"s": 1_000_000, "ms": 1_000}


@attrs.frozen(eq=False)
class Column:
    """An int64 column in ``unit`` with its missing-value mask and where it came from."""

    values: Int64Array
    missing: BoolArray
    unit: str
    index: pd.Index | None  # the pandas index to give results, or None for numpy input

    def to(self, unit: str) -> Column:
        """The same column counted in ``unit`` (``"us"`` to ``"ns"`` only widens)."""
        if unit == self.unit:
            return self
        values = np.where(self.missing, 0, self.values) * 1000
        return Column(values, self.missing, unit, self.index)


def _from_int64(raw: Int64Array, unit: str, index: pd.Index | None) -> Column:
    missing = raw == _NAT
    if unit in _TO_US:
        raw = np.where(missing, 0, raw) * _TO_US[unit]
        unit = "us"
    elif unit not in ("us", "ns"):
        raise InputTypeError("has an unsupported time unit", field="unit", value=unit)
    return Column(np.ascontiguousarray(raw, dtype=np.int64), missing, unit, index)


def instants(value: Any, field: str, *, utc: bool) -> Column:
    """Read a column of instants: an aware pandas Series/Index, or numpy datetime64 if ``utc``."""
    if isinstance(value, pd.Series | pd.Index):
        dtype = value.dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            index = value.index if isinstance(value, pd.Series) else pd.RangeIndex(len(value))
            raw = np.asarray(value.array.view("i8"), dtype=np.int64)  # UTC counts of dtype.unit
            return _from_int64(raw, dtype.unit, index)
        if isinstance(dtype, np.dtype) and np.issubdtype(dtype, np.datetime64):
            raise NaiveDatetimeError(
                "holds naive datetimes; tz_localize it first", field=field, value=str(dtype)
            )
        raise InputTypeError("must hold aware datetimes", field=field, value=str(dtype))
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.datetime64):
        if not utc:
            raise NaiveDatetimeError(
                "is numpy datetime64, which has no time zone; pass utc=True if it holds UTC",
                field=field,
                value=str(value.dtype),
            )
        unit, _ = np.datetime_data(value.dtype)
        return _from_int64(value.reshape(-1).view(np.int64), unit, None)
    raise InputTypeError(
        "must be a pandas Series/Index of aware datetimes or a numpy datetime64 array",
        field=field,
        value=type(value).__name__,
    )


def durations(value: Any, length: int, index: pd.Index | None) -> Column:
    """Read durations: one ``timedelta`` for every row, or a timedelta64 column of ``length``."""
    if isinstance(value, timedelta | np.timedelta64):
        if isinstance(value, np.timedelta64) and np.isnat(value):
            raise InvalidArgumentError("must not be NaT", field="duration", value=value)
        ns = pd.Timedelta(value).value
        unit = "ns" if ns % 1000 else "us"
        scalar = ns if unit == "ns" else ns // 1000
        return Column(np.full(length, scalar, np.int64), np.zeros(length, np.bool_), unit, index)
    dtype = getattr(value, "dtype", None)
    if (
        isinstance(value, pd.Series | pd.Index | np.ndarray)
        and isinstance(dtype, np.dtype)
        and np.issubdtype(dtype, np.timedelta64)
    ):
        raw = np.asarray(value).reshape(-1)
        if len(raw) != length:
            raise InvalidArgumentError(
                f"has {len(raw)} rows, the instants {length}", field="duration", value=len(raw)
            )
        unit, _ = np.datetime_data(raw.dtype)
        return _from_int64(raw.view(np.int64), unit, index)
    raise InputTypeError(
        "must be a timedelta or a timedelta64 column (count business days separately)",
        field="duration",
        value=type(value).__name__,
    )


def same_rows(first: Column, second: Column, names: tuple[str, str]) -> None:
    """Raise unless the two columns have the same length and (for pandas) the same index."""
    if len(first.values) != len(second.values):
        raise InvalidArgumentError(
            f"has {len(second.values)} rows, {names[0]} {len(first.values)}",
            field=names[1],
            value=len(second.values),
        )
    if (
        first.index is not None
        and second.index is not None
        and not first.index.equals(second.index)
    ):
        raise InvalidArgumentError(
            f"has a different index from {names[0]}; align them first",
            field=names[1],
            value="index",
        )


def timedelta_result(values: Int64Array, missing: BoolArray, like: Column) -> Any:
    """Durations out: a pandas Series for pandas input, else a numpy timedelta64 array."""
    out = np.where(missing, _NAT, values).view(f"m8[{like.unit}]")
    if like.index is None:
        return out
    return pd.Series(out, index=like.index, copy=False)


def instant_result(values: Int64Array, missing: BoolArray, like: Column, zone: str) -> Any:
    """Instants out: a pandas Series in ``zone`` for pandas input, else UTC datetime64."""
    out = np.where(missing, _NAT, values).view(f"M8[{like.unit}]")
    if like.index is None:
        return out
    aware = pd.DatetimeIndex(out).tz_localize("UTC").tz_convert(zone)
    return pd.Series(aware, index=like.index, copy=False)

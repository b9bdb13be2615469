"""Junk values, mostly valid calls, and the runner that allows only SafetycoreError out.

``junk()`` draws arbitrary values of every kind a caller could hand in by mistake. An
``Entry`` names one public entry point and the valid values of its parameters; ``calls(entry)``
draws calls of it that are either all junk or valid but for one argument (so that the fuzz
reaches past the first check), and ``run(call)`` makes the call under a hang guard.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import itertools
import math
import signal
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from types import FrameType, MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pandas as pd
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetycore.errors import SafetycoreError
from tests.fuzz import samples

# A whole call may take this long before it counts as hung (the deadline flags slow ones).
HANG_SECONDS = 20
FUZZ = settings(
    deadline=timedelta(seconds=2),
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ZONE_NAMES = (
    "America/New_York",
    "America/Chicago",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "Pacific/Apia",
    "UTC",
)
_ZONES = tuple(ZoneInfo(name) for name in ZONE_NAMES)
_EXTREME_OFFSETS = (
    timezone(timedelta(hours=23, minutes=59)),
    timezone(-timedelta(hours=23, minutes=59)),
    timezone(timedelta(hours=14)),
)


class Plain:
    """An object of no kind the library knows."""

    def __repr__(self) -> str:
        return "Plain()"


class Color(enum.Enum):
    """An enum of no kind the library knows."""

    RED = "open"


TEXTS = (
    "",
    " ",
    "\x00",
    "25:00",
    "24:00",
    "23:60",
    "-01:00",
    "09:00-17:00",
    "17:00-09:00",
    "00:00-00:00",
    "00:00-24:00",
    "9-17",
    "mon-fri",
    "sun-mon",
    "funday",
    "2025-13-01",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-23:59",
    "2025-03-09T02:30:00",
    "2025-03-09T02:30:00-05:00",
    "America/New_York",
    "Europe/Londres",
    "UTC",
    "US",
    "XX",
    "open",
    "pending",
    "solved",
    "created",
    "agent_replied",
    "status_changed",
    "first_reply",
    "resolution",
    "start_work",
    "incident_date",
    "documents",
    "< 8",
    ">= x",
    '"dog"',
    "[1..",
    "-",
    "NaN",
    "inf",
    "-0",
    "1e400",
    "not applicable",
    "\U0001f600",
    "\u202e\u0301",
    "\u017f",
    "a" * 300,
    "__class__",
    "_private",
)
HUGE_INTS = (0, 1, -1, 2**31, 2**63, -(2**63), 2**64, 10**30, -(10**30), 10**400)
FLOATS = (math.nan, math.inf, -math.inf, -0.0, 0.5, 1e308, 5e-324, -1.0)
DECIMALS = (
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("-0"),
    Decimal("1E+400"),
    Decimal("0.0000000001"),
    Decimal("-5.00"),
)
_NEAR_DST = (
    datetime(2025, 3, 9, 2, 30),
    datetime(2025, 11, 2, 1, 30),
    datetime(2025, 3, 30, 1, 30),
    datetime(2025, 10, 26, 1, 30),
    datetime(2025, 4, 6, 1, 45),
)
EDGE_INSTANTS: tuple[Any, ...] = (
    datetime.min,
    datetime.max,
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(1, 1, 1, tzinfo=_EXTREME_OFFSETS[0]),
    datetime(9999, 12, 31, 23, 59, tzinfo=_EXTREME_OFFSETS[1]),
    datetime(9999, 12, 31, 12, tzinfo=ZoneInfo("Pacific/Kiritimati")),
    datetime(1, 1, 1, 12, tzinfo=ZoneInfo("America/New_York")),
    datetime(2025, 3, 9, 2, 30, tzinfo=ZoneInfo("America/New_York")),
    datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")),
    datetime(2025, 4, 6, 1, 45, fold=1, tzinfo=ZoneInfo("Australia/Lord_Howe")),
    datetime(2025, 11, 26, 16, 30),
    pendulum.datetime(9999, 12, 31, 23, tz="Pacific/Kiritimati"),
    pendulum.datetime(1, 1, 1, tz="America/Chicago"),
    pendulum.datetime(2025, 3, 9, 2, 30, tz="America/New_York"),
    pendulum.naive(2025, 3, 9, 2, 30),
    pd.Timestamp("2025-11-26 16:30", tz="America/Chicago"),
    pd.Timestamp("2025-11-26 16:30"),
    date.min,
    date.max,
    date(2025, 11, 27),
    pendulum.date(2025, 12, 25),
    dt.time(23, 59),
    dt.time(0, tzinfo=UTC),
)
DURATIONS = (
    timedelta(0),
    timedelta(microseconds=1),
    timedelta(microseconds=-1),
    timedelta(days=-1),
    timedelta.max,
    timedelta.min,
    timedelta(days=3_000_000),
    pendulum.duration(years=1),
    pd.Timedelta(hours=8),
)
ODDITIES: tuple[Any, ...] = (
    None,
    True,
    False,
    Ellipsis,
    NotImplemented,
    b"",
    b"09:00-17:00",
    bytearray(b"\xff"),
    object(),
    Plain(),
    Color.RED,
    int,
    str,
    object,
    len,
    lambda *args, **kwargs: None,
    print,
    range(3),
    iter([1, 2]),
    MappingProxyType({"a": 1}),
    frozenset(),
    np.int64(7),
    np.float64("nan"),
    np.bool_(True),
    np.datetime64("NaT"),
    np.datetime64("2025-11-26T16:30"),
    np.array([1, 2]),
    pd.NaT,
    pd.NA,
    pd.Series([1, None]),
    complex(1, 1),
)


def _naive_or_aware() -> st.SearchStrategy[datetime]:
    zones: st.SearchStrategy[dt.tzinfo | None] = st.sampled_from((None, *_ZONES))
    return st.one_of(
        # Drawn instants stay within five centuries (see below); the edges are fixed values.
        st.datetimes(
            min_value=datetime(1800, 1, 1), max_value=datetime(2300, 12, 31), timezones=zones
        ),
        st.builds(
            lambda moment, zone: moment.replace(tzinfo=zone),
            st.sampled_from(_NEAR_DST),
            st.sampled_from(_ZONES),
        ),
        st.builds(
            lambda moment, zone, fold: pendulum.instance(moment.replace(fold=fold), tz=zone),
            # Years 1 and 9999 come from the fixed edge instants above; drawn ones stay within
            # five centuries, since a query spanning millennia is slow by design (a calendar
            # compiles every year a span touches, docs/calendar.md section 8), not hung.
            st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2300, 12, 31)),
            st.sampled_from(ZONE_NAMES),
            st.integers(0, 1),
        ),
    )


def atoms() -> st.SearchStrategy[Any]:
    """Junk that holds nothing else: scalars, text, instants, durations and strange objects."""
    return st.one_of(
        st.sampled_from(ODDITIES),
        st.sampled_from(HUGE_INTS),
        # Counts of days or hours in the tens of thousands: a count of centuries compiles
        # each year it spans (docs/calendar.md section 8: slow by design, not hung); the
        # counts past the supported range are the fixed HUGE_INTS.
        st.integers(-20_000, 20_000),
        st.sampled_from(FLOATS),
        st.floats(),
        st.sampled_from(TEXTS),
        st.text(max_size=12),
        st.sampled_from(EDGE_INSTANTS),
        _naive_or_aware(),
        st.dates(),
        st.sampled_from(DURATIONS),
        st.timedeltas(),
        st.sampled_from(DECIMALS),
        st.decimals(),
        st.binary(max_size=6),
        st.sampled_from(samples.WRONG_KINDS),
    )


_HASHABLE = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(HUGE_INTS),
    st.sampled_from(TEXTS),
    st.text(max_size=6),
    st.sampled_from(FLOATS),
    st.sampled_from(EDGE_INSTANTS[:12]),
    st.sampled_from(DECIMALS[2:]),
)


def junk() -> st.SearchStrategy[Any]:
    """Arbitrary values, nested: atoms, and lists, tuples, sets and dicts of junk."""
    return st.recursive(
        atoms(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.lists(inner, max_size=3).map(tuple),
            st.frozensets(_HASHABLE, max_size=3),
            st.sets(_HASHABLE, max_size=3),
            st.dictionaries(_HASHABLE, inner, max_size=3),
            st.dictionaries(st.sampled_from(TEXTS[:40]), inner, max_size=3),
        ),
        max_leaves=6,
    )


def junk_frames() -> st.SearchStrategy[Any]:
    """DataFrames of junk: junk columns, junk cells, odd indexes."""
    columns = st.lists(st.sampled_from(TEXTS[:45]), min_size=0, max_size=3, unique=True)
    return st.builds(
        lambda names, cells: pd.DataFrame({name: pd.Series(cells, dtype=object) for name in names}),
        columns,
        st.lists(atoms(), min_size=0, max_size=3),
    )


def _spoil(value: Any, draw: st.DrawFn, depth: int = 0) -> Any:
    """The value with one nested part replaced, removed or added as junk."""
    if depth < 4 and isinstance(value, Mapping) and value and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value, key=repr)))
        copy = dict(value)
        action = draw(st.sampled_from(("deeper", "replace", "remove", "add")))
        if action == "deeper":
            copy[key] = _spoil(copy[key], draw, depth + 1)
        elif action == "replace":
            copy[key] = draw(junk())
        elif action == "remove":
            del copy[key]
        else:
            copy[draw(st.sampled_from(TEXTS[:40]))] = draw(junk())
        return copy
    if depth < 4 and isinstance(value, list | tuple) and value and draw(st.booleans()):
        copy_list = list(value)
        index = draw(st.integers(0, len(copy_list) - 1))
        copy_list[index] = _spoil(copy_list[index], draw, depth + 1)
        return type(value)(copy_list) if isinstance(value, tuple) else copy_list
    return draw(junk())


def spoiled(value: Any) -> st.SearchStrategy[Any]:
    """A valid nested value (a ``to_dict`` result) with one part junk, or the value itself."""
    return st.one_of(st.just(value), st.composite(lambda draw: _spoil(value, draw))())


@attrs.frozen(repr=False)
class Entry:
    """One public entry point and how to call it.

    Attributes:
        name: its public dotted path under ``safetycore`` (``"sla.Calendar.add"``).
        target: the callable itself, or for a method the name of the method.
        owner: for a method, the instances it is called on.
        valid: per parameter name, a strategy of valid values (``"*parts"`` for ``*parts``).
        draw_result: draw one value from the returned hypothesis strategy.
    """

    name: str
    target: Callable[..., Any] | str
    owner: st.SearchStrategy[Any] | None = None
    valid: Mapping[str, st.SearchStrategy[Any]] = attrs.field(factory=dict)
    draw_result: bool = False

    @property
    def package(self) -> str:
        return self.name.split(".")[0]

    def __repr__(self) -> str:
        return f"Entry({self.name!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        del cycle
        printer.text(repr(self))


def method(name: str, owner: Any, /, **valid: st.SearchStrategy[Any]) -> Entry:
    """An entry for ``name`` (``"sla.Calendar.add"``) called on each of ``owner``'s values."""
    owners = owner if isinstance(owner, st.SearchStrategy) else st.sampled_from(owner)
    return Entry(name, name.rsplit(".", 1)[1], owners, valid)


def function(name: str, target: Callable[..., Any], /, **valid: st.SearchStrategy[Any]) -> Entry:
    """An entry for a function, class or classmethod ``target`` published as ``name``."""
    return Entry(name, target, None, valid)


# Sample values show by their name in tests/fuzz/samples.py, so that a reproduction stays short.
_SAMPLE_NAMES = {
    id(value): f"samples.{name}"
    for name, value in vars(samples).items()
    if name.isupper() and value is not None and not isinstance(value, str | int | float | tuple)
}


def _show(value: Any) -> str:
    if id(value) in _SAMPLE_NAMES:
        return _SAMPLE_NAMES[id(value)]
    text = repr(value)
    return text if len(text) <= 400 else text[:400] + "..."


class Call:
    """One drawn call; its repr is the call to paste into a reproduction."""

    def __init__(
        self,
        label: str,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: Mapping[str, Any],
        receiver: Any = None,
    ) -> None:
        self.label = label
        self.function = function
        self.args = args
        self.kwargs = kwargs
        self.receiver = receiver

    def __repr__(self) -> str:
        parts = [_show(arg) for arg in self.args]
        parts += [f"{key}={_show(value)}" for key, value in self.kwargs.items()]
        name = self.label.rsplit(".", 1)[1]
        head = f"({_show(self.receiver)}).{name}" if self.receiver is not None else self.label
        return f"{head}({', '.join(parts)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        del cycle
        printer.text(repr(self))


@st.composite
def calls(draw: st.DrawFn, entry: Entry) -> Call:
    """A call of the entry: every argument junk, or all valid but one junk argument."""
    receiver = None
    if isinstance(entry.target, str):
        assert entry.owner is not None
        receiver = draw(entry.owner, label="receiver")
        function = getattr(receiver, entry.target)
    else:
        function = entry.target
    parameters = list(inspect.signature(function).parameters.values())
    names = [parameter.name for parameter in parameters]
    # None: every argument junk; otherwise the name of the one junk argument.
    spoilt = draw(st.sampled_from([None, *names]) if names else st.none(), label="junk argument")
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parameter in parameters:
        if parameter.name.startswith("_"):
            continue  # a private hook (ClockState's engine), not part of the public call
        key = "*" + parameter.name if parameter.kind is parameter.VAR_POSITIONAL else parameter.name
        good = entry.valid.get(key)
        use_junk = spoilt is None or spoilt == parameter.name or good is None
        required = parameter.default is parameter.empty and parameter.kind not in (
            parameter.VAR_POSITIONAL,
            parameter.VAR_KEYWORD,
        )
        if parameter.kind is parameter.VAR_KEYWORD:
            if spoilt == parameter.name:
                kwargs.update(draw(st.dictionaries(st.sampled_from(TEXTS), junk(), max_size=2)))
            continue
        if parameter.kind is parameter.VAR_POSITIONAL:
            if use_junk:
                args.extend(draw(st.lists(junk(), max_size=3)))
            else:
                assert good is not None
                args.extend(draw(good))
            continue
        optional = not required and parameter.kind is not parameter.POSITIONAL_ONLY
        if optional and spoilt != parameter.name and (good is None or draw(st.booleans())):
            continue
        value = draw(junk() if use_junk else good, label=parameter.name)  # type: ignore[arg-type]
        if parameter.kind is parameter.POSITIONAL_ONLY or (
            required and not kwargs and (parameter.kind is parameter.POSITIONAL_OR_KEYWORD)
        ):
            args.append(value)
        else:
            kwargs[parameter.name] = value
    return Call(entry.name, function, tuple(args), kwargs, receiver)


class Hang(BaseException):
    """A call ran longer than HANG_SECONDS (a BaseException, so no ``except Exception`` eats it)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise Hang(f"the call ran longer than {HANG_SECONDS} s")


def _consume(result: Any, data: Any) -> None:
    """Pull lazy results, so that errors raised late are raised here."""
    if isinstance(result, st.SearchStrategy) and data is not None:
        data.draw(result, label="drawn from the result")
    elif isinstance(result, Iterator):
        for _ in itertools.islice(result, 50):
            pass
    elif isinstance(result, pd.DataFrame):
        result.to_string(max_rows=5)


def run(call: Call, data: Any = None) -> None:
    """Make the call; only a SafetycoreError may come out, and it must end in HANG_SECONDS."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        _consume(call.function(*call.args, **call.kwargs), data)
    except SafetycoreError:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def like(sample: Any) -> dict[str, st.SearchStrategy[Any]]:
    """Valid values for each constructor argument of an attrs class: those of ``sample``."""
    return {
        (field.alias or field.name): st.just(getattr(sample, field.name))
        for field in attrs.fields(type(sample))
        if field.init and not field.name.startswith("_")
    }


def instants() -> st.SearchStrategy[datetime]:
    """Valid aware instants, 2024 to 2027, in zones with DST and without."""
    return st.datetimes(
        min_value=datetime(2024, 1, 1),
        max_value=datetime(2027, 12, 31),
        timezones=st.sampled_from(_ZONES),
    )


def durations() -> st.SearchStrategy[timedelta]:
    """Valid durations: zero to sixty days."""
    return st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60))


def many(values: Any) -> st.SearchStrategy[Any]:
    """One of the given values."""
    return st.sampled_from(tuple(values))


def fuzz_test(entries: tuple[Entry, ...]) -> Callable[..., None]:
    """The test that fuzzes each of ``entries``, parametrized by entry name."""

    @pytest.mark.parametrize("entry", entries, ids=lambda entry: entry.name)
    @FUZZ
    @given(data=st.data())
    def test_only_safetycore_errors(entry: Entry, data: st.DataObject) -> None:
        """Junk at the entry point raises only SafetycoreError, and every call ends in time."""
        run(data.draw(calls(entry), label="call"), data if entry.draw_result else None)

    return test_only_safetycore_errors


def junk_series() -> st.SearchStrategy[Any]:
    """Columns of junk: object Series, numpy arrays and lists of junk cells."""
    cells = st.lists(atoms(), max_size=3)
    return st.one_of(
        cells.map(lambda values: pd.Series(values, dtype=object)),
        cells.map(lambda values: np.array(values, dtype=object)),
        cells,
        st.sampled_from(
            (
                pd.Series(pd.to_datetime(["2025-11-26 16:30", None])),
                pd.Series([pd.NaT, pd.NaT]),
                pd.Series([], dtype="datetime64[ns, UTC]"),
                np.array(["2025-11-26T16:30"], dtype="datetime64[us]"),
                pd.DatetimeIndex(["2025-11-26 16:30"], tz="America/Chicago"),
                pd.Series([1.5, math.nan]),
            )
        ),
    )


@st.composite
def _spoiled_frame(draw: st.DrawFn, frame: pd.DataFrame) -> pd.DataFrame:
    copy = frame.copy()
    action = draw(st.sampled_from(("column", "drop", "add", "index", "empty")))
    column = draw(st.sampled_from(list(copy.columns)))
    if action == "column":
        cells = draw(st.lists(atoms(), min_size=len(copy), max_size=len(copy)))
        copy[column] = pd.Series(cells, index=copy.index, dtype=object)
    elif action == "drop":
        copy = copy.drop(columns=[column])
    elif action == "add":
        cells = draw(st.lists(atoms(), min_size=len(copy), max_size=len(copy)))
        copy[draw(st.sampled_from(TEXTS[:40]))] = pd.Series(cells, index=copy.index, dtype=object)
    elif action == "index":
        copy.index = pd.Index(draw(st.lists(_HASHABLE, min_size=len(copy), max_size=len(copy))))
    else:
        copy = copy.iloc[0:0]
    return copy


def spoiled_frame(frame: pd.DataFrame) -> st.SearchStrategy[pd.DataFrame]:
    """The frame, or the frame with one column junk, dropped or added, a junk index, no rows."""
    return st.one_of(st.just(frame), _spoiled_frame(frame), junk_frames())

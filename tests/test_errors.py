"""The error tree of ``safetycore.errors``: bases, context, messages and pickling."""

from __future__ import annotations

import builtins
import pickle
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from safetycore import errors
from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    EmptyIntervalError,
    HistoryOrderError,
    InputTypeError,
    InvalidArgumentError,
    InvalidTimeError,
    NaiveDatetimeError,
    OutOfRangeError,
    ReplayError,
    SafetycoreError,
    TransitionRefusedError,
    UnknownNameError,
    UnknownStatusError,
    UnknownTimeZoneError,
)

# Every concrete error with its direct bases, exactly as the tree in the docstring draws them.
TREE = {
    NaiveDatetimeError: (SafetycoreError, ValueError),
    InputTypeError: (SafetycoreError, TypeError),
    InvalidArgumentError: (SafetycoreError, ValueError),
    UnknownNameError: (InvalidArgumentError, LookupError),
    ConfigurationError: (SafetycoreError, ValueError),
    ConfigurationErrorGroup: (ConfigurationError, ExceptionGroup),
    UnknownTimeZoneError: (ConfigurationError,),
    InvalidTimeError: (ConfigurationError,),
    EmptyIntervalError: (ConfigurationError,),
    OutOfRangeError: (SafetycoreError, ValueError),
    HistoryOrderError: (SafetycoreError, ValueError),
    UnknownStatusError: (SafetycoreError, LookupError),
    TransitionRefusedError: (SafetycoreError, ValueError),
    ReplayError: (SafetycoreError, ValueError),
}

# Every exported error, including any added after this table was written.
EXPORTED = [getattr(errors, name) for name in errors.__all__]
# Errors built with the common ``(message, *, field, value)`` signature.
COMMON = [cls for cls in EXPORTED if cls not in (TransitionRefusedError, ConfigurationErrorGroup)]

_TREE_LINE = re.compile(r"(\w+Error(?:Group)?)(?: \((\w+)\))?")


def drawn_tree() -> dict[str, tuple[str, ...]]:
    """Read ``{error name: names of its bases}`` from the tree in the module docstring.

    A line's depth is the column of its error name; its parent is the nearest line above it
    drawn further left, and a built-in base is written in parentheses after the name.
    """
    assert errors.__doc__ is not None
    drawn: dict[str, tuple[str, ...]] = {}
    parents: list[tuple[int, str]] = []  # (column, name) of the open branches
    for line in errors.__doc__.split("::", 1)[1].splitlines():
        match = _TREE_LINE.search(line)
        if match is None:
            continue
        column, name, builtin = match.start(), match[1], match[2]
        while parents and parents[-1][0] >= column:
            parents.pop()
        bases = (parents[-1][1],) if parents else ("Exception",)
        drawn[name] = bases + ((builtin,) if builtin else ())
        parents.append((column, name))
    return drawn


class TestTree:
    @pytest.mark.parametrize(("cls", "bases"), list(TREE.items()))
    def test_direct_bases(self, cls: type[SafetycoreError], bases: tuple[type, ...]) -> None:
        """Each error subclasses exactly the parents drawn for it in the tree."""
        assert cls.__bases__ == bases

    def test_root_is_a_plain_exception(self) -> None:
        """The root of the tree subclasses ``Exception`` and no built-in error."""
        assert SafetycoreError.__bases__ == (Exception,)

    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            (NaiveDatetimeError, ValueError),
            (InputTypeError, TypeError),
            (InvalidArgumentError, ValueError),
            (ConfigurationError, ValueError),
            (UnknownTimeZoneError, ValueError),
            (InvalidTimeError, ValueError),
            (EmptyIntervalError, ValueError),
            (OutOfRangeError, ValueError),
            (HistoryOrderError, ValueError),
            (UnknownStatusError, LookupError),
            (UnknownNameError, LookupError),
            (UnknownNameError, ValueError),
            (ReplayError, ValueError),
        ],
    )
    def test_caught_by_builtin(self, cls: type[SafetycoreError], builtin: type) -> None:
        """Code that only knows the built-in exceptions still catches every concrete error."""
        with pytest.raises(builtin):
            raise cls("bad", field="f", value=1)

    @pytest.mark.parametrize("cls", EXPORTED)
    def test_every_export_is_in_the_tree(self, cls: type) -> None:
        """Everything the module exports is a ``SafetycoreError``."""
        assert issubclass(cls, SafetycoreError)

    @pytest.mark.parametrize("cls", COMMON)
    def test_caught_by_root(self, cls: type[SafetycoreError]) -> None:
        """``except SafetycoreError`` catches every error of the library."""
        with pytest.raises(SafetycoreError):
            raise cls("bad", field="f", value=1)

    def test_all_sorted_and_complete(self) -> None:
        """``__all__`` is sorted and names at least every error of the table above."""
        assert sorted(errors.__all__) == errors.__all__
        assert {cls.__name__ for cls in [SafetycoreError, *TREE]} <= set(errors.__all__)

    def test_docstring_draws_every_exported_error(self) -> None:
        """The tree in the module docstring draws exactly the exported errors."""
        assert set(drawn_tree()) == set(errors.__all__)

    def test_docstring_tree_matches_classes(self) -> None:
        """Each error's bases are the parent and built-in drawn for it in the docstring."""
        for name, bases in drawn_tree().items():
            cls = getattr(errors, name)
            expected = tuple(getattr(errors, b, None) or getattr(builtins, b) for b in bases)
            assert cls.__bases__ == expected, name


class TestSafetycoreError:
    def test_carries_field_and_value(self) -> None:
        """An error keeps the offending field, value and reason as attributes."""
        error = InvalidArgumentError("is before start", field="end", value=3)
        assert (error.field, error.value, error.reason) == ("end", 3, "is before start")

    def test_message_names_field_and_value(self) -> None:
        """The message reads ``field=repr(value): reason``."""
        error = InvalidTimeError("is not a time of day", field="hours.mon[0]", value="25:00")
        assert str(error) == "hours.mon[0]='25:00': is not a time of day"

    def test_message_uses_repr_of_value(self) -> None:
        """A non-text value appears in the message as its repr."""
        value = datetime(2025, 1, 1, 9, 0)
        error = NaiveDatetimeError("is naive", field="start", value=value)
        assert str(error) == "start=datetime.datetime(2025, 1, 1, 9, 0): is naive"

    def test_aware_instant_reads_in_iso_with_its_zone(self) -> None:
        """An aware datetime appears in ISO 8601 with its IANA zone name, not as a repr."""
        value = datetime(2025, 3, 9, 3, 30, tzinfo=ZoneInfo("America/New_York"))
        error = InvalidArgumentError("is before start", field="end", value=value)
        assert str(error) == "end='2025-03-09T03:30:00-04:00[America/New_York]': is before start"

    def test_utc_instant_reads_in_iso(self) -> None:
        """A UTC instant appears in ISO 8601 with its +00:00 offset and no zone name."""
        value = datetime(2025, 3, 9, 7, 30, tzinfo=UTC)
        error = InvalidArgumentError("is late", field="as_of", value=value)
        assert str(error) == "as_of='2025-03-09T07:30:00+00:00': is late"

    def test_date_reads_in_iso(self) -> None:
        """A date appears as its ISO text."""
        error = ConfigurationError("twice", field="openings", value=date(2025, 11, 27))
        assert str(error) == "openings='2025-11-27': twice"

    def test_long_value_is_shortened(self) -> None:
        """A huge value is shortened in the message but kept whole on the error."""
        value = list(range(10_000))
        error = InputTypeError("bad", field="events", value=value)
        assert len(str(error)) < 100
        assert error.value is value

    def test_field_and_value_are_keyword_only(self) -> None:
        """``field`` and ``value`` cannot be passed positionally."""
        with pytest.raises(TypeError):
            SafetycoreError("bad", "f", 1)  # type: ignore[call-arg]

    def test_value_may_be_none(self) -> None:
        """A missing value (a required key) is reported as ``None``."""
        error = ConfigurationError("is required", field="zone", value=None)
        assert str(error) == "zone=None: is required"


class TestTransitionRefusedError:
    def test_context(self) -> None:
        """A refused step carries case, event, status and reasons; ``field`` is ``event``."""
        error = TransitionRefusedError("C-1", "close", "new", ("no owner", "no reply"), None)
        assert (error.case_id, error.event, error.status) == ("C-1", "close", "new")
        assert (error.field, error.value) == ("event", "close")
        assert str(error) == "event='close': case 'C-1' in status 'new' cannot take it: " + (
            "no owner; no reply"
        )

    def test_pickling_drops_attempt(self) -> None:
        """Pickling keeps the context but not the live ``attempt`` object."""
        error = TransitionRefusedError("C-1", "close", "new", ("no owner",), object())
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is TransitionRefusedError
        assert (copy.case_id, copy.event, copy.status, copy.reasons) == (
            "C-1",
            "close",
            "new",
            ("no owner",),
        )
        assert copy.attempt is None
        assert str(copy) == str(error)


class TestPickling:
    @pytest.mark.parametrize("cls", COMMON)
    def test_round_trip(self, cls: type[SafetycoreError]) -> None:
        """Pickling keeps an error's type, field, value, reason and message."""
        error = cls("is wrong", field="closures[2].date", value=["x", 1])
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is cls
        assert (copy.field, copy.value, copy.reason) == ("closures[2].date", ["x", 1], "is wrong")
        assert str(copy) == str(error)

    def test_round_trip_with_datetime_value(self) -> None:
        """An error whose value is a datetime survives pickling with the value intact."""
        value = datetime(2025, 3, 9, 2, 30)
        copy = pickle.loads(pickle.dumps(NaiveDatetimeError("is naive", field="at", value=value)))
        assert copy.value == value

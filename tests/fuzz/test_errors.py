"""Fuzz safetycore.errors: any offending value renders in a message; nothing to call with junk."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore import errors
from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    SafetycoreError,
    TransitionRefusedError,
)
from tests.fuzz.junk import FUZZ, Entry, junk

ENTRIES: tuple[Entry, ...] = ()

_REASON = "an exception class: raised by the library, not an entry point; its message is fuzzed"
EXEMPT: dict[str, str] = {f"errors.{name}": _REASON for name in errors.__all__}

ERROR_CLASSES = tuple(
    getattr(errors, name)
    for name in errors.__all__
    if getattr(errors, name) not in (TransitionRefusedError, ConfigurationErrorGroup)
)


class TestMessages:
    """An error built with any offending value renders and keeps its context."""

    @pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
    @FUZZ
    @given(value=junk(), field=st.text(max_size=12))
    def test_any_value_renders(self, cls: type[SafetycoreError], value: Any, field: str) -> None:
        """str() and repr() of an error never fail, whatever the offending value is."""
        error = cls("must be right", field=field, value=value)
        assert str(error).startswith(f"{field}=")
        assert error.value is value
        repr(error)

    @pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
    @FUZZ
    @given(value=junk())
    def test_picklable_values_survive_pickling(
        self, cls: type[SafetycoreError], value: Any
    ) -> None:
        """An error whose value pickles comes back from pickle with its field and reason."""
        try:
            pickle.dumps(value)
        except Exception:
            return
        error = pickle.loads(pickle.dumps(cls("must be right", field="f", value=value)))
        assert (type(error), error.field, error.reason) == (cls, "f", "must be right")


class TestGroupMessages:
    """A document's group of problems renders and pickles whatever its members' values are."""

    @FUZZ
    @given(
        values=st.lists(junk(), min_size=1, max_size=4),
        document=st.from_regex(r"[a-z_]{0,12}", fullmatch=True),
    )
    def test_any_members_render(self, values: list[Any], document: str) -> None:
        members = [
            ConfigurationError("bad", field=f"f[{i}]", value=v) for i, v in enumerate(values)
        ]
        group = ConfigurationErrorGroup(document, members)
        lines = str(group).split("\n")
        assert lines[0].startswith(f"{document}: {len(values)} problem")
        assert len(lines) >= len(values) + 1
        assert list(group.exceptions) == members
        repr(group)

    @FUZZ
    @given(values=st.lists(junk(), min_size=1, max_size=4))
    def test_picklable_members_survive_pickling(self, values: list[Any]) -> None:
        members = [ConfigurationError("bad", field="f", value=v) for v in values]
        try:
            pickle.dumps(members)
        except Exception:
            return
        back = pickle.loads(pickle.dumps(ConfigurationErrorGroup("doc", members)))
        assert type(back) is ConfigurationErrorGroup
        assert [(e.field, e.reason) for e in back.exceptions] == [("f", "bad")] * len(values)

"""``safetycore.testing.workflows``: the strategies refuse junk arguments when called."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    SafetycoreError,
)
from safetycore.testing import workflows as strategies
from safetycore.testing.workflows import cases
from safetycore.workflow import SUPPORT_TICKET, Case

# The strategy functions as a type checker sees junk calls: anything goes in.
loose: Any = strategies


class TestStrategyArguments:
    @pytest.mark.parametrize(
        ("build", "error", "field"),
        [
            (lambda: loose.event_sequences("support-ticket"), InputTypeError, "workflow"),
            (lambda: loose.valid_histories([]), InputTypeError, "workflow"),
            (lambda: loose.invalid_histories(None), InputTypeError, "workflow"),
            (lambda: loose.cases(5), InputTypeError, "workflow"),
            (lambda: loose.valid_histories(SUPPORT_TICKET, max_steps=True), InputTypeError,
             "max_steps"),
            (lambda: loose.valid_histories(SUPPORT_TICKET, max_steps=2.0), InputTypeError,
             "max_steps"),
            (lambda: loose.valid_histories(SUPPORT_TICKET, max_steps=-1), InvalidArgumentError,
             "max_steps"),
            (lambda: loose.invalid_histories(SUPPORT_TICKET, max_steps=0), InvalidArgumentError,
             "max_steps"),
            (lambda: loose.event_sequences(SUPPORT_TICKET, min_steps=3, max_steps=2),
             InvalidArgumentError, "max_steps"),
            (lambda: loose.event_sequences(SUPPORT_TICKET, min_steps=None), InputTypeError,
             "min_steps"),
            (lambda: loose.cases(SUPPORT_TICKET, max_steps="3"), InputTypeError, "max_steps"),
            (lambda: loose.cases(SUPPORT_TICKET, data="x"), InputTypeError, "data"),
            (lambda: loose.cases(SUPPORT_TICKET, data={"slove": {"resolution": "x"}}),
             ConfigurationError, "data.slove"),
            (lambda: loose.cases(SUPPORT_TICKET, data={"solve": [("resolution", "x", 1)]}),
             InputTypeError, "data.solve[0]"),
            (lambda: loose.cases(SUPPORT_TICKET, data={"solve": {"resolution": math.nan}}),
             InvalidArgumentError, "data.solve.resolution"),
            (lambda: loose.cases(SUPPORT_TICKET, evidence={"solve": "receipt"}), InputTypeError,
             "evidence.solve"),
            (lambda: loose.cases(SUPPORT_TICKET, evidence={"solve": [1]}), InputTypeError,
             "evidence.solve[0]"),
            (lambda: loose.cases(SUPPORT_TICKET, opened_at=datetime(2025, 1, 1, tzinfo=UTC)),
             InputTypeError, "opened_at"),
        ],
    )  # fmt: skip
    def test_junk_argument_is_refused(
        self, build: Callable[[], Any], error: type[SafetycoreError], field: str
    ) -> None:
        """A junk argument raises a SafetycoreError naming it when the strategy is built."""
        with pytest.raises(error) as info:
            build()
        assert info.value.field == field

    @given(
        cases(
            SUPPORT_TICKET,
            max_steps=3,
            data={"solve": {"resolution": "answered"}},
            evidence={"solve": st.just(["call_log"])},
        )
    )
    def test_valid_inputs_still_draw(self, case: Case) -> None:
        """Fixed values and strategies keyed by real events draw cases as before."""
        assert case.workflow == SUPPORT_TICKET.name

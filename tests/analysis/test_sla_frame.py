"""Bulk SLA evaluation as a DataFrame agrees with ``evaluate``, case by case, field by field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.analysis import sla_frame
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import CycleResult, evaluate
from safetycore.testing.clocks import EVENT_KINDS, case_histories
from tests.property.test_clock_properties import POLICY

FIXED_TARGET_KINDS = tuple(kind for kind in EVENT_KINDS if kind != "priority_changed")


def _expected_row(case_id: str, result: CycleResult) -> dict[str, object]:
    def instant(value: object) -> object:
        return pd.NaT if value is None else pd.Timestamp(value).tz_convert("UTC")

    def duration(value: timedelta | None) -> object:
        return pd.NaT if value is None else pd.Timedelta(value)

    return {
        "case_id": case_id,
        "metric": result.metric,
        "cycle": result.cycle,
        "state": result.state.value,
        "running": result.running,
        "started_at": instant(result.started_at),
        "ended_at": instant(result.ended_at),
        "due_at": instant(result.due_at),
        "met_at": instant(result.met_at),
        "breached_at": instant(result.breached_at),
        "at_risk_at": instant(result.at_risk_at),
        "target": duration(result.target),
        "business_elapsed": duration(result.business_elapsed),
        "actual_elapsed": duration(result.actual_elapsed),
        "remaining": duration(result.remaining),
        "policy": result.policy,
        "policy_version": result.policy_version,
        "calendar": result.calendar,
        "calendar_version": result.calendar_version,
    }


def _same(got: object, expected: object) -> bool:
    if expected is None or expected is pd.NaT:  # pandas shows a missing value as NaN or NaT
        return bool(pd.isna(got))
    return bool(got == expected)


class TestSlaFrame:
    @settings(max_examples=60)
    @given(
        st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(*(case_histories(f"C-{i}") for i in ids))
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_rows_equal_evaluate(self, histories: tuple[CaseHistory, ...], later_us: int) -> None:
        """Every row equals the scalar report's cycle, field by field, for every case."""
        as_of = max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)
        frame = sla_frame(histories, POLICY, as_of)
        expected = [
            _expected_row(h.case_id, cycle)
            for h in histories
            for cycle in evaluate(h, POLICY, as_of)
        ]
        assert len(frame) == len(expected)
        for got, want in zip(frame.to_dict("records"), expected, strict=True):
            for key, value in want.items():
                assert _same(got[key], value), (key, got[key], value, want)

    @settings(max_examples=150)
    @given(
        st.lists(st.integers(0, 10_000), min_size=1, max_size=8, unique=True).flatmap(
            lambda ids: st.tuples(
                *(case_histories(f"C-{i}", kinds=FIXED_TARGET_KINDS, max_events=16) for i in ids)
            )
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_vectorised_rows_equal_evaluate(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Without priority changes every case takes the vectorised path; rows still match."""
        self.test_rows_equal_evaluate.hypothesis.inner_test(self, histories, later_us)  # type: ignore[attr-defined]

    def test_events_after_as_of_are_left_out(self) -> None:
        """A case created after ``as_of`` contributes no rows."""
        opened = datetime(2025, 3, 3, 9, tzinfo=UTC)
        history = CaseHistory("C-1", [CaseEvent("C-1", opened, "created", actor="customer:1")])
        frame = sla_frame([history], POLICY, opened - timedelta(seconds=1))
        assert frame.empty

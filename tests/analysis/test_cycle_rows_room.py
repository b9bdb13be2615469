"""The one-pass fill's memory: rows estimated and paged in ahead, room grown in place.

Only time depends on the estimate and on how the room grows, never a row: every way the
room can be made or grown gives the very frame the default does.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.analysis import _clock_columns as columns
from safetycore.analysis import events_frame, sla_frame
from safetycore.analysis._clock_columns import CycleRows, Events, _Room, cycle_rows
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Metric,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
)
from safetycore.testing.clocks import case_histories
from tests.analysis.test_sla_frame import (
    FIXED_TARGET_KINDS,
    _assert_rows_equal_evaluate,
    drawn_policies,
    far_cases,
)
from tests.property.test_clock_properties import ALWAYS, POLICY

H = timedelta(hours=1)


def _grown(calls: list[int]) -> Any:
    """``_Room.grow``, counting its calls in ``calls``."""
    grow = _Room.grow

    def counted(self: _Room, capacity: int, written: int) -> None:
        calls.append(capacity)
        grow(self, capacity, written)

    return counted


# Each mode: module attributes of _clock_columns to set for the run.
MODES: dict[str, dict[str, Any]] = {
    # every column in a memory map, the rows estimated from every other case
    "sampled": {"_PAGED": 1, "_SAMPLE": 2},
    # the estimate short: one row paged in ahead, the rest of the room as rows are written
    "short": {"_PAGED": 1, "_estimated_rows": lambda *_: 1},
    # the estimate long: the whole room paged in, none of it grown
    "long": {"_PAGED": 1, "_estimated_rows": lambda *_: 10**9},
    # the first room holds no case: it grows (in place) before every case
    "grown": {"_PAGED": 1, "_capacity": lambda *_: 1},
    # plain arrays, too small to be maps: they grow by a copy
    "copied": {"_PAGED": 1 << 60, "_capacity": lambda *_: 1},
    # no MAP_POPULATE (as off Linux): plain maps, nothing paged in ahead
    "unpopulated": {"_PAGED": 1, "_POPULATE": 0, "_capacity": lambda *_: 1},
    # shared maps (as where private ones are not offered): they grow by a copy
    "shared": {"_PAGED": 1, "_PRIVATE": 0, "_POPULATE": 0, "_capacity": lambda *_: 1},
}


@contextmanager
def _mode(name: str, grows: list[int] | None = None) -> Iterator[None]:
    """``_clock_columns`` set as ``MODES[name]`` says (``grows``: each growth's capacity)."""
    with pytest.MonkeyPatch.context() as patch:
        for attribute, value in MODES[name].items():
            patch.setattr(columns, attribute, value)
        if grows is not None:
            patch.setattr(_Room, "grow", _grown(grows))
        yield


def _far_histories(count: int) -> tuple[SlaPolicy, datetime, list[CaseHistory]]:
    """``far_cases`` under a calendar of this module's own."""
    return far_cases(count, "office-room")


class TestModes:
    @pytest.mark.parametrize("mode", sorted(MODES))
    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(st.integers(0, 10_000), min_size=1, max_size=8, unique=True).flatmap(
            lambda ids: st.tuples(
                *(case_histories(f"C-{i}", kinds=FIXED_TARGET_KINDS, max_events=16) for i in ids)
            )
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_the_same_frame(
        self, mode: str, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """From histories and from an events table: the frame the default room gives."""
        as_of = max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)
        table = events_frame(histories)
        want = sla_frame(table, POLICY, as_of)
        grows: list[int] = []
        with _mode(mode, grows):
            from_table = sla_frame(table, POLICY, as_of)
            from_histories = sla_frame(histories, POLICY, as_of)
        pd.testing.assert_frame_equal(from_table, want)
        pd.testing.assert_frame_equal(from_histories, want)
        if "_capacity" in MODES[mode] and len(want):
            assert grows  # the growth path ran

    @pytest.mark.parametrize("mode", ["sampled", "shared"])
    @settings(max_examples=25, deadline=None)
    @given(
        drawn_policies(reverse=True).filter(
            # a metric waits on one listed after it: rows counted, then filled
            lambda policy: any(needs is not None for needs in policy.versions[0].plan.after)
        ),
        st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(
                *(case_histories(f"C-{i}", kinds=FIXED_TARGET_KINDS, max_events=16) for i in ids)
            )
        ),
    )
    def test_counted_then_filled(
        self, mode: str, policy: SlaPolicy, histories: tuple[CaseHistory, ...]
    ) -> None:
        """Rows counted, then filled in room of that size (a map, paged in): the same frame."""
        as_of = max(h.events[-1].at for h in histories) + 30 * H
        want = sla_frame(histories, policy, as_of)
        with _mode(mode):
            pd.testing.assert_frame_equal(sla_frame(histories, policy, as_of), want)

    @pytest.mark.parametrize("mode", sorted(MODES))
    def test_spills_past_the_table(self, mode: str) -> None:
        """Instants past the compiled table are found alike whatever the room.

        More than the pass's first 256 of them: it runs again.
        """
        far, as_of, histories = _far_histories(400)
        want = sla_frame(histories, far, as_of)
        # due instants of running and paused cycles, each found past the table (then added)
        assert want["due_at"].notna().sum() > 256
        with _mode(mode):
            pd.testing.assert_frame_equal(sla_frame(histories, far, as_of), want)

    @pytest.mark.parametrize("mode", sorted(MODES))
    def test_no_cases(self, mode: str) -> None:
        """Zero cases: every column empty, of its dtype."""
        empty = np.zeros(0, dtype=np.int64)
        version = POLICY.versions[0]
        n_metrics = len(version.plan.metrics)
        with _mode(mode):
            found = cycle_rows(
                Events.of(empty, empty, empty),
                version,
                0,
                empty,
                np.zeros((1, n_metrics), dtype=np.int64),
                [],
            )
        for name in CycleRows._fields:
            column = getattr(found, name)
            assert len(column) == 0, name
            assert column.dtype == np.dtype(columns._DTYPES.get(name, np.int64)), name


class TestEstimate:
    def test_close_to_the_rows_written(self) -> None:
        """Every other case counted, scaled to every case, plus 1%."""
        far, as_of, histories = _far_histories(600)
        with pytest.MonkeyPatch.context() as patch:
            estimates: list[int] = []
            estimate = columns._estimated_rows
            patch.setattr(columns, "_PAGED", 1)
            patch.setattr(columns, "_SAMPLE", 300)

            def recorded(*arguments: Any) -> int:
                estimates.append(estimate(*arguments))
                return estimates[-1]

            patch.setattr(columns, "_estimated_rows", recorded)
            frame = sla_frame(histories, far, as_of)
        # a cycle of each of the 4 metrics a case: 300 cases counted, 1_200 rows, scaled to
        # 600 cases, plus 1%; the pass runs twice (more than 256 instants past the table)
        assert estimates == [2_424, 2_424]
        assert len(frame) == 2_400


class TestRoom:
    def test_the_estimate_paged_in_ahead_the_rest_mapped(self) -> None:
        """A populated part shorter than the room: the map spans the room, every cell zero."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(columns, "_PAGED", 1)
            room = _Room(5_000, 1_000)
        assert [len(column) for column in room.columns] == [5_000] * len(CycleRows._fields)
        for column, memory in zip(room.columns, room.maps, strict=True):
            assert isinstance(memory, mmap.mmap)
            assert len(memory) == 5_000 * column.itemsize
            assert not column.any()
            column[-1] = 1  # writable to the end

    def test_grown_in_place_keeps_the_rows(self) -> None:
        """A map grows in place (the same map, longer); the rows written are kept."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(columns, "_PAGED", 1)
            room = _Room(1_000, 1_000)
            maps = list(room.maps)
            for k, column in enumerate(room.columns):
                column[:700] = np.arange(700) % 100 + k
            del column
            room.grow(3_000, 700)
        assert room.capacity == 3_000
        assert [m is n for m, n in zip(room.maps, maps, strict=True)] == [True] * len(maps)
        for k, column in enumerate(room.columns):
            assert len(column) == 3_000
            assert (column[:700] == (np.arange(700) % 100 + k).astype(column.dtype)).all()

    def test_a_map_still_viewed_is_copied(self) -> None:
        """A view of a column still held (the map cannot move): new room, the rows copied.

        The view still reads the old rows.
        """
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(columns, "_PAGED", 1)
            room = _Room(1_000, 0)
            room.columns[3][:10] = np.arange(10)
            held = room.columns[3][:10]
            old = room.maps[3]
            room.grow(2_000, 10)
        assert room.maps[3] is not old
        assert len(room.columns[3]) == 2_000
        assert (room.columns[3][:10] == np.arange(10)).all()
        assert (held == np.arange(10)).all()


class TestMetricsNeverStarted:
    def test_a_metric_no_event_starts_completes_nothing(self) -> None:
        """A metric none of a case's events starts is skipped, and has not completed.

        The first case completes ``call`` by its third event; the second starts no call,
        so ``after_call`` (which waits on it) starts at none of its customer replies, the
        third included, as ``evaluate`` says.
        """
        call = Metric("call", start={"call_queued"}, stop={"call_answered"})
        after_call = Metric(
            "after_call", start={"customer_reply"}, stop={"agent_public_reply"}, after="call"
        )
        policy = SlaPolicy(
            "calls",
            [
                PolicyVersion(
                    "1",
                    datetime(2020, 1, 1, tzinfo=UTC),
                    [Policy("all", [Target("call", H, ALWAYS), Target("after_call", H, ALWAYS)])],
                    [call, after_call],
                )
            ],
        )
        opened = datetime(2025, 3, 3, 9, tzinfo=UTC)

        def case(case_id: str, *kinds: str) -> CaseHistory:
            events = [CaseEvent(case_id, opened, "created", actor="customer:1")]
            for k, kind in enumerate(kinds, start=1):
                actor = "customer:1" if kind.startswith("customer") else "agent:1"
                events.append(CaseEvent(case_id, opened + k * H, kind, actor=actor))
            return CaseHistory(case_id, events)

        histories = (
            case("C-1", "call_queued", "call_answered", "customer_replied"),
            case("C-2", "customer_replied", "customer_replied", "customer_replied"),
        )
        _assert_rows_equal_evaluate(histories, policy, 0)
        frame = sla_frame(histories, policy, opened + 5 * H)
        assert frame[["case_id", "metric"]].values.tolist() == [
            ["C-1", "call"],
            ["C-1", "after_call"],
        ]

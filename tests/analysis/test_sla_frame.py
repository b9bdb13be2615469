"""Bulk SLA evaluation as a DataFrame agrees with ``evaluate``, case by case, field by field."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.analysis import events_frame, sla_frame
from safetycore.errors import UnknownNameError
from safetycore.events import CaseEvent, CaseHistory, StatusCategory
from safetycore.sla import (
    BusinessDays,
    Calendar,
    Condition,
    CycleResult,
    EndOfBusinessDay,
    Metric,
    Policy,
    PolicyVersion,
    Restart,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.sla.metrics import SIGNALS
from safetycore.testing.clocks import EVENT_KINDS, case_histories
from tests.property.test_clock_properties import ALWAYS, HOURS, POLICY

H = timedelta(hours=1)
FIXED_TARGET_KINDS = tuple(kind for kind in EVENT_KINDS if kind != "priority_changed")
SIGNAL_NAMES = sorted(SIGNALS)


WITHIN = st.one_of(
    st.just(timedelta(hours=3)),
    st.builds(BusinessDays, st.integers(1, 3)),
    st.builds(EndOfBusinessDay, st.integers(0, 2)),
)
"""A target's ``within``: a duration, or either business-day form."""

# POLICY with day targets: a priority change re-targets between durations and day forms.
DAY_POLICY = SlaPolicy(
    "days",
    [
        PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [
                Policy(
                    "urgent",
                    [
                        Target("first_reply", EndOfBusinessDay(0), HOURS),
                        Target("resolution", 24 * H, ALWAYS),
                    ],
                    when=Condition(priority="urgent"),
                ),
                Policy(
                    "high",
                    [
                        Target("first_reply", 4 * H, HOURS),
                        Target("resolution", EndOfBusinessDay(1), HOURS, warnings=[25]),
                        Target("periodic_update", BusinessDays(1), ALWAYS),
                    ],
                    when=Condition(priority="high"),
                ),
                Policy(
                    "standard",
                    [
                        Target("first_reply", BusinessDays(1), HOURS),
                        Target("resolution", BusinessDays(3), HOURS),
                        Target("requester_wait_time", EndOfBusinessDay(2), ALWAYS),
                    ],
                ),
            ],
        )
    ],
)


@st.composite
def drawn_policies(draw: st.DrawFn, *, reverse: bool = False) -> SlaPolicy:
    """A policy of one to three drawn metrics: any signals, restart, pauses and ``after``.

    ``after`` names an earlier metric; with ``reverse`` the metrics are listed last first, so
    that a metric may wait on one after it in the plan.
    """
    count = draw(st.integers(1, 3))
    metrics = []
    for m in range(count):
        signals = st.sets(st.sampled_from(SIGNAL_NAMES), min_size=1, max_size=4)
        metrics.append(
            Metric(
                f"m{m}",
                start=draw(signals),
                stop=draw(signals),
                cancel=draw(st.sets(st.sampled_from(SIGNAL_NAMES), max_size=3)),
                pause_in=draw(st.sets(st.sampled_from(list(StatusCategory)), max_size=3)),
                restart=draw(st.sampled_from(list(Restart))),
                after=draw(st.sampled_from([None, *(f"m{k}" for k in range(m))])),
            )
        )
    calendar = draw(st.sampled_from([HOURS, ALWAYS]))
    targets = [Target(metric.name, draw(WITHIN), calendar) for metric in metrics]
    listed = metrics[::-1] if reverse else metrics
    version = PolicyVersion("1", datetime(2020, 1, 1, tzinfo=UTC), [Policy("all", targets)], listed)
    return SlaPolicy("drawn", [version])


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


def _assert_rows_equal_evaluate(
    histories: tuple[CaseHistory, ...], policy: SlaPolicy, later_us: int
) -> None:
    """``sla_frame`` of the histories, row by row, is ``evaluate`` of each, field by field."""
    as_of = max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)
    frame = sla_frame(histories, policy, as_of)
    expected = [
        _expected_row(h.case_id, cycle) for h in histories for cycle in evaluate(h, policy, as_of)
    ]
    assert len(frame) == len(expected)
    for got, want in zip(frame.to_dict("records"), expected, strict=True):
        for key, value in want.items():
            assert _same(got[key], value), (key, got[key], value, want)
    # The same cases as an events table take the columns' path: the very same frame.
    pd.testing.assert_frame_equal(sla_frame(events_frame(histories), policy, as_of), frame)


def far_cases(count: int, calendar: str) -> tuple[SlaPolicy, datetime, list[CaseHistory]]:
    """A target of years of business time over ``count`` cases: running, paused and solved.

    The target's calendar is office hours under the name ``calendar`` (a test's own, so
    that no other test has grown its compiled table); due and at-risk instants fall past
    that table. Returns the policy, an ``as_of`` after every event, and the cases.
    """
    office = VersionedCalendar(calendar, "1", Calendar.from_dict(HOURS.calendar.to_dict()))
    far = SlaPolicy(
        "far",
        [
            PolicyVersion(
                "1",
                datetime(2020, 1, 1, tzinfo=UTC),
                [Policy("all", [Target("resolution", 6_000 * H, office, warnings=(60,))])],
                list(POLICY.versions[0].metrics),
            )
        ],
    )
    opened = datetime(2025, 3, 3, 9, tzinfo=UTC)
    histories = []
    for k in range(count):
        start = opened + timedelta(minutes=k)
        events = [CaseEvent(f"C-{k}", start, "created", actor="customer:1")]
        if k % 3:
            category = "solved" if k % 3 == 1 else "pending"
            events.append(
                CaseEvent(
                    f"C-{k}",
                    start + 2 * H,
                    "status_changed",
                    actor="agent:1",
                    data={"from": "new", "to": category, "category": category},
                )
            )
        histories.append(CaseHistory(f"C-{k}", events))
    return far, opened + 240 * H, histories


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
        _assert_rows_equal_evaluate(histories, POLICY, later_us)

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

    @settings(max_examples=80)
    @given(
        st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(*(case_histories(f"C-{i}") for i in ids))
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_day_targets_equal_evaluate(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Business-day targets, re-targeted by priority changes or not: the same rows.

        Read from an events table (``read_events``' path), the frame is the same.
        """
        _assert_rows_equal_evaluate(histories, DAY_POLICY, later_us)
        as_of = max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)
        pd.testing.assert_frame_equal(
            sla_frame(events_frame(histories), DAY_POLICY, as_of),
            sla_frame(histories, DAY_POLICY, as_of),
        )

    @settings(max_examples=150)
    @given(
        drawn_policies(),
        st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(
                *(case_histories(f"C-{i}", kinds=FIXED_TARGET_KINDS, max_events=16) for i in ids)
            )
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_drawn_metrics_equal_evaluate(
        self, policy: SlaPolicy, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Any metric the vocabulary allows (each restart, ``after``, pauses): the same rows."""
        _assert_rows_equal_evaluate(histories, policy, later_us)

    @settings(max_examples=60)
    @given(
        drawn_policies(reverse=True).filter(
            # a metric waits on one listed after it
            lambda policy: any(needs is not None for needs in policy.versions[0].plan.after)
        ),
        st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(
                *(case_histories(f"C-{i}", kinds=FIXED_TARGET_KINDS, max_events=16) for i in ids)
            )
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_a_metric_waiting_on_a_later_one(
        self, policy: SlaPolicy, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Plan order is not the order the clocks run in (rows counted, then filled): same rows."""
        _assert_rows_equal_evaluate(histories, policy, later_us)

    def test_a_case_before_1970(self) -> None:
        """Instants before the epoch (negative microseconds) end and measure cycles as any.

        Failed before the fused pass: a cycle ended before 1970 read as still running.
        """
        opened = datetime(1969, 12, 31, 22, tzinfo=UTC)
        history = CaseHistory(
            "C-1",
            [
                CaseEvent("C-1", opened, "created", actor="customer:1", data={"priority": "low"}),
                CaseEvent(
                    "C-1", opened + H, "agent_replied", actor="agent:1", data={"public": True}
                ),
            ],
        )
        (version,) = POLICY.versions
        early = SlaPolicy(
            POLICY.name,
            [
                PolicyVersion(
                    version.version,
                    datetime(1960, 1, 1, tzinfo=UTC),
                    list(version.policies),
                    list(version.metrics),
                )
            ],
        )
        _assert_rows_equal_evaluate((history,), early, 12 * 3_600_000_000)
        frame = sla_frame([history], early, opened + 14 * H)
        (ended,) = frame.loc[frame["metric"] == "first_reply", "ended_at"]
        assert ended == pd.Timestamp(opened + H)

    def test_due_instants_past_the_compiled_table(self) -> None:
        """Targets of years of business time: due and at-risk instants past the table.

        Running, paused and ended cycles alike (more than the compiled pass's first 256
        such answers, so it runs twice) take the calendar's own search, as ``evaluate``.
        """
        # A calendar of its own, so that no other test has grown its compiled table.
        far, _, histories = far_cases(450, "office")
        _assert_rows_equal_evaluate(tuple(histories), far, 0)

    def test_events_after_as_of_are_left_out(self) -> None:
        """A case created after ``as_of`` contributes no rows."""
        opened = datetime(2025, 3, 3, 9, tzinfo=UTC)
        history = CaseHistory("C-1", [CaseEvent("C-1", opened, "created", actor="customer:1")])
        frame = sla_frame([history], POLICY, opened - timedelta(seconds=1))
        assert frame.empty


class TestVersioning:
    """Both versioning rules pick the same version per case as ``evaluate``."""

    @staticmethod
    def _policy() -> object:
        from safetycore.sla import (
            Calendar,
            Policy,
            PolicyVersion,
            SlaPolicy,
            Target,
            VersionedCalendar,
        )

        always = VersionedCalendar("always", "1", Calendar.always("UTC"))
        hour = timedelta(hours=1)
        return SlaPolicy(
            "two",
            [
                PolicyVersion(
                    "2020",
                    datetime(2020, 1, 1, tzinfo=UTC),
                    [Policy("all", [Target("first_reply", 4 * hour, always)])],
                ),
                PolicyVersion(
                    "2025-03",
                    datetime(2025, 3, 1, tzinfo=UTC),
                    [Policy("all", [Target("first_reply", 2 * hour, always)])],
                ),
            ],
        )

    @staticmethod
    def _replied_after_three_hours() -> list[CaseHistory]:
        """Two cases answered 3 h after creation, one before the 2025-03 version, one after."""
        return [
            CaseHistory(
                f"C-{day}",
                [
                    CaseEvent(f"C-{day}", start, "created", actor="customer:1"),
                    CaseEvent(
                        f"C-{day}",
                        start + 3 * H,
                        "agent_replied",
                        actor="agent:1",
                        data={"public": True},
                    ),
                ],
            )
            for day, start in (
                (1, datetime(2025, 1, 5, 9, tzinfo=UTC)),
                (2, datetime(2025, 3, 5, 9, tzinfo=UTC)),
            )
        ]

    def test_pin_and_current(self) -> None:
        """Cases made before and after a new version: PIN keeps each one's, CURRENT the newest."""
        from safetycore.sla import Versioning

        policy = self._policy()
        histories = TestVersioning._replied_after_three_hours()
        as_of = datetime(2025, 6, 1, tzinfo=UTC)
        for versioning in Versioning:
            frame = sla_frame(histories, policy, as_of, versioning=versioning)  # type: ignore[arg-type]
            expected = [
                _expected_row(h.case_id, cycle)
                for h in histories
                for cycle in evaluate(h, policy, as_of, versioning=versioning)  # type: ignore[arg-type]
            ]
            got = frame.to_dict("records")
            assert len(got) == len(expected)
            for row, want in zip(got, expected, strict=True):
                for key, value in want.items():
                    assert _same(row[key], value), (versioning, key, row[key], value)
        pinned = sla_frame(histories, policy, as_of)
        first = pinned[pinned["metric"] == "first_reply"]
        assert list(first["policy_version"]) == ["2020", "2025-03"]
        assert list(first["state"]) == ["met", "breached"]
        current = sla_frame(histories, policy, as_of, versioning=Versioning.CURRENT)  # type: ignore[arg-type]
        first = current[current["metric"] == "first_reply"]
        assert list(first["state"]) == ["breached", "breached"]


class TestCurrentWithoutCases:
    """Under current versioning, no version is needed when no case is kept."""

    def test_empty_input_before_the_first_version(self) -> None:
        """No histories and an as_of before every version: an empty frame, not an error."""
        from safetycore.sla import Versioning

        frame = sla_frame(
            [], POLICY, datetime(2000, 1, 1, tzinfo=UTC), versioning=Versioning.CURRENT
        )
        assert frame.empty


class TestCaseAttributes:
    """Each row carries its case's priority (as of ``as_of``) and channel: no join back."""

    def _history(self, *, change: bool) -> CaseHistory:
        opened = datetime(2025, 3, 3, 9, tzinfo=UTC)
        events = [
            CaseEvent(
                "C-1", opened, "created", actor="customer:1", via="email", data={"priority": "low"}
            )
        ]
        if change:
            events.append(
                CaseEvent(
                    "C-1",
                    opened + timedelta(hours=1),
                    "priority_changed",
                    actor="agent:1",
                    data={"from": "low", "to": "urgent"},
                )
            )
        return CaseHistory("C-1", events)

    def test_priority_and_channel_columns(self) -> None:
        """Without a change: the created priority and the created event's channel."""
        frame = sla_frame([self._history(change=False)], POLICY, datetime(2025, 3, 4, tzinfo=UTC))
        assert set(frame["priority"]) == {"low"}
        assert set(frame["channel"]) == {"email"}
        assert list(frame.columns[-2:]) == ["priority", "channel"]

    def test_columns_share_no_memory(self) -> None:
        """Each column owns its values: setting a cell of one never changes another."""
        histories = [self._history(change=False), self._history(change=True)]
        frame = sla_frame(histories, POLICY, datetime(2025, 3, 4, tzinfo=UTC))
        arrays = {name: np.asarray(frame[name].array) for name in frame.columns}
        for one, other in itertools.combinations(arrays, 2):
            assert not np.shares_memory(arrays[one], arrays[other]), (one, other)
        before = frame.copy()
        frame.loc[0, "cycle"] = 99
        pd.testing.assert_frame_equal(frame.drop(columns="cycle"), before.drop(columns="cycle"))

    def test_case_id_is_text_even_when_empty(self) -> None:
        """``case_id`` has pandas' text dtype (``str``), with rows and without."""
        as_of = datetime(2025, 3, 4, tzinfo=UTC)
        frame = sla_frame([self._history(change=False)], POLICY, as_of)
        assert isinstance(frame["case_id"].dtype, pd.StringDtype)
        assert isinstance(sla_frame([], POLICY, as_of)["case_id"].dtype, pd.StringDtype)

    def test_priority_after_a_change(self) -> None:
        """After a priority change up to ``as_of``: the new priority; before it: the old."""
        history = self._history(change=True)
        later = sla_frame([history], POLICY, datetime(2025, 3, 4, tzinfo=UTC))
        assert set(later["priority"]) == {"urgent"}
        earlier = sla_frame([history], POLICY, datetime(2025, 3, 3, 9, 30, tzinfo=UTC))
        assert set(earlier["priority"]) == {"low"}


def _signal_policy() -> SlaPolicy:
    """The property tests' targets, plus metrics that reset and pause on signals (issue 15)."""
    version = POLICY.versions[0]
    resetting = Metric(
        "resolution_reset", start="created", stop="status:solved", reset="customer_reply"
    )
    awaiting = Metric(
        "awaiting_customer",
        start=("created", "reopened"),
        stop=("status:solved", "status:closed"),
        pause_in={StatusCategory.ON_HOLD},
        pause_on="agent_public_reply",
        resume_on="customer_reply",
        reset="priority_changed",
    )
    calendar = version.policies[-1].targets[0].calendar
    rows = [
        attrs.evolve(
            row,
            targets=[
                *row.targets,
                Target("resolution_reset", timedelta(hours=6), calendar),
                Target("awaiting_customer", timedelta(hours=9), calendar),
            ],
        )
        for row in version.policies
    ]
    metrics = [*version.metrics, resetting, awaiting]
    return SlaPolicy("signals", [attrs.evolve(version, policies=rows, metrics=metrics)])


SIGNAL_POLICY = _signal_policy()


class TestSignalRules:
    """Issue 15: versions whose metrics reset or pause on signals take the event-by-event path."""

    @settings(max_examples=60)
    @given(
        st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
            lambda ids: st.tuples(*(case_histories(f"C-{i}", max_events=16) for i in ids))
        ),
        st.integers(0, 40 * 86_400 * 1_000_000),
    )
    def test_rows_equal_evaluate_from_histories_and_a_table(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Both inputs give every row equal to ``evaluate``, field by field, resets included."""
        as_of = max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)
        frame = sla_frame(histories, SIGNAL_POLICY, as_of)
        expected = [
            _expected_row(h.case_id, cycle)
            for h in histories
            for cycle in evaluate(h, SIGNAL_POLICY, as_of)
        ]
        assert len(frame) == len(expected)
        for got, want in zip(frame.to_dict("records"), expected, strict=True):
            for key, value in want.items():
                assert _same(got[key], value), (key, got[key], value, want)
        table = sla_frame(events_frame(histories), SIGNAL_POLICY, as_of)
        pd.testing.assert_frame_equal(table, frame)

    def test_a_reset_and_a_hold_in_a_table(self) -> None:
        """By hand: a reset at 11:00 and a hold from 10:00 to 11:00, from an events table."""
        opened = datetime(2025, 3, 3, 9, tzinfo=UTC)  # a Monday, 09:00 in London
        events = [
            CaseEvent("C-1", opened, "created", actor="customer:1", data={"priority": "low"}),
            CaseEvent("C-1", opened + H, "agent_replied", actor="agent:1", data={"public": True}),
            CaseEvent("C-1", opened + 2 * H, "customer_replied", actor="customer:1"),
        ]
        frame = sla_frame(events_frame([CaseHistory("C-1", events)]), SIGNAL_POLICY, opened + 4 * H)
        reset = frame[frame["metric"] == "resolution_reset"]
        assert list(reset["state"]) == ["cancelled", "running"]
        assert list(reset["business_elapsed"]) == [pd.Timedelta(2 * H), pd.Timedelta(2 * H)]
        (awaiting,) = frame[frame["metric"] == "awaiting_customer"]["business_elapsed"]
        assert awaiting == pd.Timedelta(3 * H)  # 09:00-10:00 and 11:00-13:00


class TestNamedVersion:
    """Issue 15: ``sla_frame(..., version=)`` runs every case under the version of that name."""

    def test_every_case_under_the_named_version(self) -> None:
        """Cases from before and after "2025-03", both inputs: as ``evaluate(version=)``."""
        policy = TestVersioning._policy()
        histories = TestVersioning._replied_after_three_hours()
        as_of = datetime(2025, 6, 1, tzinfo=UTC)
        for name in ("2020", "2025-03"):
            frame = sla_frame(histories, policy, as_of, version=name)  # type: ignore[arg-type]
            expected = [
                _expected_row(h.case_id, cycle)
                for h in histories
                for cycle in evaluate(h, policy, as_of, version=name)  # type: ignore[arg-type]
            ]
            got = frame.to_dict("records")
            assert len(got) == len(expected)
            for row, want in zip(got, expected, strict=True):
                for key, value in want.items():
                    assert _same(row[key], value), (name, key, row[key], value)
            assert set(frame["policy_version"]) == {name}
            table = sla_frame(events_frame(histories), policy, as_of, version=name)  # type: ignore[arg-type]
            pd.testing.assert_frame_equal(table, frame)
        first = sla_frame(histories, policy, as_of, version="2025-03")  # type: ignore[arg-type]
        assert list(first[first["metric"] == "first_reply"]["state"]) == ["breached", "breached"]

    def test_an_unknown_name_is_refused_before_any_case(self) -> None:
        """A name no version has raises UnknownNameError listing the versions, on both inputs."""
        policy = TestVersioning._policy()
        as_of = datetime(2025, 6, 1, tzinfo=UTC)
        for histories in ([], events_frame([])):
            with pytest.raises(UnknownNameError) as info:
                sla_frame(histories, policy, as_of, version="2026-Q3")  # type: ignore[arg-type]
            assert (info.value.field, info.value.value) == ("version", "2026-Q3")
            assert "(its versions: 2020, 2025-03)" in str(info.value)

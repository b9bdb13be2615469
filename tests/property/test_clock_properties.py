"""SLA clocks against their invariants, on generated histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    ClockState,
    Condition,
    CycleState,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.testing.clocks import case_histories

H = timedelta(hours=1)
HOURS = VersionedCalendar(
    "office",
    "1",
    Calendar.from_dict(
        {
            "zone": "Europe/London",
            "hours": {"mon-fri": "09:00-17:00", "sat": "22:00-06:00"},
            "holidays": [{"country": "GB", "subdivision": "ENG"}],
        }
    ),
)
ALWAYS = VersionedCalendar("always", "1", Calendar.always("America/New_York"))
TARGETS = [
    Target("first_reply", 4 * H, HOURS),
    Target("next_reply", 8 * H, HOURS),
    Target("periodic_update", 6 * H, HOURS),
    Target("resolution", 30 * H, HOURS),
    Target("requester_wait_time", 20 * H, HOURS),
    Target("agent_work_time", 20 * H, HOURS),
    Target("time_to_answer", timedelta(minutes=2), ALWAYS),
]
POLICY = SlaPolicy(
    "mixed",
    [
        PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [
                Policy(
                    "urgent",
                    [Target("first_reply", H, ALWAYS), Target("resolution", 24 * H, ALWAYS)],
                    when=Condition(priority="urgent"),
                ),
                Policy("standard", TARGETS),
            ],
        )
    ],
)
PLAIN = SlaPolicy(
    "plain",
    [
        PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [Policy("all", [Target("resolution", 30 * H, ALWAYS)])],
        )
    ],
)
as_of_after = st.integers(0, 40 * 86_400 * 1_000_000).map(lambda us: timedelta(microseconds=us))


class TestLiveEqualsReplay:
    @given(case_histories(), as_of_after)
    def test_folding_increments_equals_replay(self, history: CaseHistory, later: timedelta) -> None:
        """Applying events one by one and replaying them at once give the same report."""
        as_of = history.events[-1].at + later
        state = ClockState(POLICY, history.case_id)
        for event in history.events:
            state = state.apply(event)
        assert state.evaluate(as_of) == evaluate(history, POLICY, as_of)

    @given(case_histories(), as_of_after)
    def test_states_are_unchanged_by_later_events(
        self, history: CaseHistory, later: timedelta
    ) -> None:
        """A stored state still reports the same after newer states were derived from it."""
        state = ClockState(POLICY, history.case_id).apply(history.events[0])
        as_of = history.events[0].at + later
        before = state.evaluate(as_of) if as_of >= history.events[0].at else None
        for event in history.events[1:]:
            state.apply(event)  # derive, and drop, newer states
        if before is not None:
            assert state.evaluate(as_of) == before


def _without_status(history: CaseHistory) -> list[CaseEvent]:
    return [e for e in history.events if e.kind not in ("status_changed", "reopened")]


def _status(at: datetime, category: str) -> CaseEvent:
    data = {"from": "?", "to": category, "category": category}
    return CaseEvent("C-1", at, "status_changed", actor="agent:1", data=data)


def _insert(events: list[CaseEvent], extra: list[CaseEvent]) -> CaseHistory:
    merged = sorted([*events, *extra], key=lambda e: e.micros)  # stable: originals first on ties
    return CaseHistory("C-1", merged)


pause_window = st.tuples(
    st.integers(0, 10 * 86_400 * 1_000_000), st.integers(0, 5 * 86_400 * 1_000_000)
).map(lambda pair: (timedelta(microseconds=pair[0]), timedelta(microseconds=pair[1])))
base = case_histories(
    kinds=("agent_public_reply", "customer_replied", "agent_internal_reply"), priorities=("normal",)
)


class TestPauses:
    @given(base, pause_window, as_of_after)
    def test_pausing_never_makes_due_earlier(
        self, history: CaseHistory, window: tuple[timedelta, timedelta], later: timedelta
    ) -> None:
        """Inserting a pending stretch never moves the resolution due instant earlier."""
        events = _without_status(history)
        start = events[0].at + window[0]
        paused = _insert(events, [_status(start, "pending"), _status(start + window[1], "open")])
        as_of = max(paused.events[-1].at, history.events[-1].at) + later
        plain = evaluate(CaseHistory("C-1", events), POLICY, as_of).latest("resolution")
        with_pause = evaluate(paused, POLICY, as_of).latest("resolution")
        assert plain is not None
        assert with_pause is not None
        assert plain.due_at is not None
        assert with_pause.due_at is not None
        assert with_pause.due_at >= plain.due_at

    @given(base, pause_window, st.integers(1, 20 * 86_400 * 1_000_000))
    def test_adding_a_pause_never_turns_met_into_breached(
        self, history: CaseHistory, window: tuple[timedelta, timedelta], solve_after: int
    ) -> None:
        """If resolution was met, it is still met with a pending stretch inserted."""
        events = _without_status(history)
        solved = _status(events[-1].at + timedelta(microseconds=solve_after), "solved")
        start = events[0].at + window[0]
        pause = [_status(start, "pending"), _status(start + window[1], "open")]
        if pause[1].at >= solved.at:
            return  # the pause must end before the case is solved to be a pause
        as_of = solved.at + H
        plain = evaluate(CaseHistory("C-1", [*events, solved]), POLICY, as_of).latest("resolution")
        paused = evaluate(_insert([*events, solved], pause), POLICY, as_of).latest("resolution")
        assert plain is not None
        assert paused is not None
        if plain.state is CycleState.MET:
            assert paused.state is CycleState.MET


class TestAlwaysOpen:
    @given(case_histories(kinds=("status_changed", "agent_public_reply")), as_of_after)
    def test_24_7_equals_wall_clock_arithmetic(
        self, history: CaseHistory, later: timedelta
    ) -> None:
        """With a 24/7 calendar, business time is the real time the clock ran: sums of spans."""
        as_of = history.events[-1].at + later
        report = evaluate(history, PLAIN, as_of)
        running_since: datetime | None = history.events[0].at
        ended_at: datetime | None = None  # when solved or closed stopped the clock
        ran: list[tuple[datetime, datetime | None]] = []  # the pieces the clock ran
        category = "new"
        first = report.metric("resolution")[0]
        for event in history.events[1:]:
            if event.kind != "status_changed":
                continue
            new = event["category"]
            if running_since is not None and category not in ("pending", "on_hold"):
                ran.append((running_since, event.at))
                running_since = None
            category = new
            if new in ("solved", "closed"):
                ended_at = event.at if event.at <= as_of else None
                break
            if new not in ("pending", "on_hold"):
                running_since = event.at
        else:
            if running_since is not None:
                ran.append((running_since, None))  # still running: on without end
        total = sum((min(b or as_of, as_of) - a for a, b in ran if a < as_of), timedelta(0))
        assert first.business_elapsed == total
        # The due instant: where the pieces' running sum reaches 30 hours; for an ended cycle
        # short of it, as projected from its end (the clock run on); a paused one has none.
        due, left = None, 30 * H
        for a, b in ran:
            if b is None or b - a >= left:
                due = a + left
                break
            left -= b - a
        if due is None and ended_at is not None:
            due = ended_at + left
        assert first.due_at == due

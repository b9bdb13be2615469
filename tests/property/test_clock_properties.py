"""SLA clocks against their invariants, on generated histories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.events import CaseEvent, CaseHistory, StatusCategory
from safetycore.sla import (
    Calendar,
    ClockState,
    Condition,
    CycleState,
    Metric,
    Policy,
    PolicyVersion,
    Restart,
    SlaPolicy,
    Target,
    VersionedCalendar,
    Versioning,
    evaluate,
)
from safetycore.testing.clocks import EVENT_KINDS, case_histories

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
# Two versions of one policy: cases drawn over 2025 fall on either side of July 1.
VERSIONED = SlaPolicy(
    "versioned",
    [
        *POLICY.versions,
        PolicyVersion(
            "2025-H2",
            datetime(2025, 7, 1, tzinfo=UTC),
            [
                Policy(
                    "urgent",
                    [Target("first_reply", H / 2, ALWAYS)],
                    when=Condition(priority="urgent"),
                ),
                Policy(
                    "standard",
                    [Target("first_reply", 2 * H, HOURS), Target("resolution", 10 * H, ALWAYS)],
                ),
            ],
        ),
    ],
)
# The version choice: by date (either rule), or a version named (which needs PIN).
version_choices = st.one_of(
    st.tuples(st.sampled_from(Versioning), st.none()),
    st.tuples(st.just(Versioning.PIN), st.sampled_from([v.version for v in VERSIONED.versions])),
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

    @given(case_histories(), as_of_after, version_choices)
    def test_folding_under_a_chosen_version_equals_replay(
        self,
        history: CaseHistory,
        later: timedelta,
        choice: tuple[Versioning, str | None],
    ) -> None:
        """Under a version chosen by rule or by name, live and replay give the same report."""
        versioning, version = choice
        as_of = history.events[-1].at + later
        state = ClockState(VERSIONED, history.case_id, versioning, version=version)
        for event in history.events:
            state = state.apply(event)
        expected = evaluate(history, VERSIONED, as_of, versioning=versioning, version=version)
        assert state.evaluate(as_of) == expected
        if version is not None:
            assert expected.policy_version == version
        stored = ClockState.from_dict(state.to_dict(), VERSIONED)
        assert stored.evaluate(as_of) == expected

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


# -- issue 15: resets and pauses by signal, against a reference walk ----------------------------

_SIGNAL_POOL = (
    "created",
    "agent_public_reply",
    "agent_internal_reply",
    "customer_reply",
    "call_queued",
    "call_answered",
    "call_abandoned",
    "reopened",
    *(f"status:{category}" for category in StatusCategory),
)
_ACTIVE = ("new", "open", "pending", "on_hold")


def _subset(pool: Sequence[str], *, min_size: int = 0) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(pool), min_size=min_size, max_size=3)


@st.composite
def signal_metrics(draw: st.DrawFn) -> Metric:
    """A metric drawn from the whole vocabulary: resets, signal holds, categories, restarts."""
    start = draw(_subset(_SIGNAL_POOL, min_size=1))
    stop = draw(_subset(_SIGNAL_POOL, min_size=1))
    cancel = draw(_subset(_SIGNAL_POOL))
    free = [s for s in _SIGNAL_POOL if s not in stop | cancel]
    reset = draw(_subset(free)) if free else frozenset()
    pause_on = draw(_subset(_SIGNAL_POOL))
    resume_on: frozenset[str] = frozenset()
    if pause_on:
        resume_on = draw(_subset([s for s in _SIGNAL_POOL if s not in pause_on], min_size=1))
    return Metric(
        "m",
        start=start,
        stop=stop,
        cancel=cancel,
        pause_in=draw(st.frozensets(st.sampled_from(list(StatusCategory)))),
        restart=draw(st.sampled_from(list(Restart))),
        reset=reset,
        pause_on=pause_on,
        resume_on=resume_on,
    )


def _reference_signals(event: CaseEvent, category: str) -> tuple[set[str], str]:
    """The signals of one event and the category after it, read straight from docs/sla.md."""
    kind = event.kind
    if kind == "created":
        return {"created"}, "new"
    if kind == "status_changed":
        new = event["category"]
        signals = {f"status:{new}"}
        if category == "solved" and new in _ACTIVE:
            signals.add("reopened")
        return signals, new
    if kind == "agent_replied":
        return {"agent_public_reply" if event["public"] else "agent_internal_reply"}, category
    if kind == "customer_replied":
        return {"customer_reply"}, category
    if kind == "reopened":
        return {"reopened"}, "open" if category in ("solved", "closed") else category
    return {str(kind)}, category


class _RefCycle:
    def __init__(self, start: datetime) -> None:
        self.start = start
        self.end: datetime | None = None
        self.how = ""  # "met" or "cancelled" once ended
        self.ran: list[tuple[datetime, datetime]] = []  # the pieces between events it ran


def _reference(
    metric: Metric, history: CaseHistory, as_of: datetime
) -> tuple[list[_RefCycle], bool]:
    """The metric's cycles by a walk over the pieces between events (24/7: wall-clock time).

    With them, whether a cycle's clock runs after the last event.
    """
    cycles: list[_RefCycle] = []
    running: _RefCycle | None = None
    category, held, runs = "new", False, False
    events = history.events
    for k, event in enumerate(events):
        signals, after = _reference_signals(event, category)
        t = event.at
        stops, cancels = signals & metric.stop, signals & metric.cancel
        resets, starts = signals & metric.reset, signals & metric.start
        if running is not None and (stops or cancels):
            running.end, running.how = t, "met" if stops else "cancelled"
            running = None
        if running is not None and resets:
            running.end, running.how = t, "cancelled"
            running = _RefCycle(t)
            cycles.append(running)
        if running is None and starts:
            if metric.restart is Restart.ONCE and cycles:
                pass
            elif metric.restart is Restart.RESUME and cycles and cycles[-1].how == "met":
                running = cycles[-1]
                running.end, running.how = None, ""
            else:
                running = _RefCycle(t)
                cycles.append(running)
        if signals & metric.pause_on:
            held = True
        if signals & metric.resume_on:
            held = False
        category = after
        following = events[k + 1].at if k + 1 < len(events) else as_of
        runs = running is not None and not held and category not in metric.pause_in
        if running is not None and runs and following > t:
            running.ran.append((t, following))
    return cycles, runs


class TestSignalRulesAgainstReference:
    """Issue 15: the engine equals a plain walk of the rules for metrics drawn whole."""

    @settings(max_examples=300)
    @given(
        signal_metrics(),
        case_histories(kinds=[k for k in EVENT_KINDS if k != "priority_changed"], max_events=16),
        as_of_after,
        st.integers(1, 5 * 86_400).map(lambda s: timedelta(seconds=s)),
    )
    def test_cycles_equal_the_reference(
        self, metric: Metric, history: CaseHistory, later: timedelta, within: timedelta
    ) -> None:
        """Each cycle's start, end, state, business time and due instant are the reference's."""
        version = PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [Policy("all", [Target("m", within, ALWAYS)])],
            metrics=[metric],
        )
        policy = SlaPolicy("drawn", [version])
        as_of = history.events[-1].at + later
        got = evaluate(history, policy, as_of).metric("m")
        expected, runs = _reference(metric, history, as_of)
        assert len(got) == len(expected)
        for result, cycle in zip(got, expected, strict=True):
            end = cycle.end or as_of
            business = sum((b - a for a, b in cycle.ran), timedelta(0))
            assert (result.started_at, result.ended_at) == (cycle.start, cycle.end)
            assert result.business_elapsed == business
            due, left = None, within
            for a, b in cycle.ran:
                if b - a >= left:
                    due = a + left
                    break
                left -= b - a
            open_now = cycle.end is None and runs
            if due is None and open_now:
                due = as_of + left
            elif due is None and cycle.end is not None:
                due = cycle.end + left
            assert result.due_at == due
            if due is not None and due < end:
                state = CycleState.BREACHED
            elif cycle.end is not None:
                state = CycleState.MET if cycle.how == "met" else CycleState.CANCELLED
            elif not open_now:
                state = CycleState.PAUSED
            elif business >= within * 50 / 100:
                state = CycleState.AT_RISK
            else:
                state = CycleState.RUNNING
            assert result.state is state

    @given(signal_metrics(), case_histories(), as_of_after)
    def test_live_equals_replay(
        self, metric: Metric, history: CaseHistory, later: timedelta
    ) -> None:
        """With resets and holds too, applying events one by one equals replaying them."""
        version = PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [Policy("all", [Target("m", 8 * H, HOURS)])],
            metrics=[metric],
        )
        policy = SlaPolicy("drawn", [version])
        as_of = history.events[-1].at + later
        state = ClockState(policy, history.case_id)
        for event in history.events:
            state = state.apply(event)
        assert state.evaluate(as_of) == evaluate(history, policy, as_of)

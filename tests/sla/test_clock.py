"""SLA clocks: every documented edge, computed by hand.

The calendar throughout: Mon-Fri 08:00-18:00 America/Chicago with US holidays
(Thanksgiving 2025-11-27 is closed). Targets are in that calendar unless a case is urgent,
then in a 24/7 calendar.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from safetycore.errors import (
    ConfigurationError,
    HistoryOrderError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
    UnknownNameError,
    UnknownStatusError,
)
from safetycore.events import CaseEvent, CaseHistory, StatusCategory, StatusMap
from safetycore.sla import (
    Calendar,
    ClockState,
    Condition,
    CycleResult,
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
    evaluate_many,
)

CHI = ZoneInfo("America/Chicago")
HOURS = VersionedCalendar(
    "care",
    "2025",
    Calendar.from_dict(
        {
            "zone": "America/Chicago",
            "hours": {"mon-fri": "08:00-18:00"},
            "holidays": [{"country": "US"}],
        }
    ),
)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))
H = timedelta(hours=1)
MINUTE = timedelta(minutes=1)

STANDARD = Policy(
    "standard",
    [
        Target("first_reply", 8 * H, HOURS),
        Target("next_reply", 4 * H, HOURS),
        Target("resolution", 30 * H, HOURS),
        Target("time_to_answer", timedelta(seconds=60), ALWAYS),
        Target("requester_wait_time", 40 * H, HOURS),
    ],
)
URGENT = Policy(
    "urgent",
    [
        Target("first_reply", H, ALWAYS),
        Target("resolution", 24 * H, ALWAYS),
        Target("periodic_update", 4 * H, ALWAYS),
    ],
    when=Condition(priority="urgent"),
)
V1 = PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), [URGENT, STANDARD])
POLICY = SlaPolicy("care", [V1])


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=CHI)


def event(
    when: datetime, kind: str, actor: str = "agent:1", case: str = "T-1", **data: object
) -> CaseEvent:
    return CaseEvent(case, when, kind, actor=actor, data=data)


def status(when: datetime, to: str, category: str | None = None) -> CaseEvent:
    return event(when, "status_changed", **{"from": "x", "to": to, "category": category or to})


def created(when: datetime, priority: str = "normal") -> CaseEvent:
    return event(when, "created", actor="customer:1", priority=priority)


def reply(when: datetime) -> CaseEvent:
    return event(when, "agent_replied", public=True)


def report(events: list[CaseEvent], as_of: datetime, policy: SlaPolicy = POLICY, **options: object):
    return evaluate(CaseHistory("T-1", events), policy, as_of, **options)


class TestStartEdges:
    def test_created_on_a_holiday(self) -> None:
        """A case opened on Thanksgiving accrues nothing until Friday 08:00; 8h are due at 16:00."""
        result = report([created(at(27, 10))], at(27, 23)).latest("first_reply")
        assert result is not None
        assert result.business_elapsed == timedelta(0)
        assert result.due_at == at(28, 16)
        assert result.state is CycleState.RUNNING

    def test_created_outside_hours(self) -> None:
        """Opened Saturday 20:00, 8 business hours are due Monday 16:00."""
        result = report([created(at(22, 20))], at(23, 12)).latest("first_reply")
        assert result is not None
        assert result.due_at == at(24, 16)


class TestMetAndBreached:
    def test_reply_exactly_at_due_is_met(self) -> None:
        """The deadline is inclusive: a reply at the due instant meets the target."""
        events = [created(at(24, 8)), reply(at(24, 16))]
        result = report(events, at(24, 17)).latest("first_reply")
        assert result is not None
        assert result.state is CycleState.MET
        assert result.met_at == at(24, 16)
        assert result.business_elapsed == 8 * H

    def test_reply_a_microsecond_late_is_breached(self) -> None:
        """One microsecond past due is breached, and the breach instant is that microsecond."""
        late = at(24, 16) + timedelta(microseconds=1)
        result = report([created(at(24, 8)), reply(late)], at(24, 17)).latest("first_reply")
        assert result is not None
        assert result.state is CycleState.BREACHED
        assert result.breached_at == late

    def test_running_past_due_is_breached(self) -> None:
        """With no reply, at 16:30 the 16:00 deadline has passed: breached since 16:00 + 1 us."""
        result = report([created(at(24, 8))], at(24, 16, 30)).latest("first_reply")
        assert result is not None
        assert result.state is CycleState.BREACHED
        assert result.breached_at == at(24, 16) + timedelta(microseconds=1)
        assert result.remaining == -timedelta(minutes=30)

    def test_due_on_a_close_breaches_after_the_close(self) -> None:
        """Due exactly at Friday 18:00 (a close): not breached at 18:00, breached after it."""
        events = [created(at(28, 8))]
        resolution_target = report(events, at(28, 18)).latest("first_reply")
        assert resolution_target is not None
        assert resolution_target.due_at == at(28, 16)
        ten_hours = Policy("ten", [Target("first_reply", 10 * H, HOURS)])
        policy = SlaPolicy(
            "ten", [PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), [ten_hours])]
        )
        at_close = report(events, at(28, 18), policy).latest("first_reply")
        weekend = report(events, at(29, 12), policy).latest("first_reply")
        assert at_close is not None
        assert weekend is not None
        assert at_close.due_at == at(28, 18)
        assert at_close.state is CycleState.AT_RISK
        assert weekend.state is CycleState.BREACHED


class TestPauses:
    def test_pause_and_resume_inside_closed_hours(self) -> None:
        """Pending from 19:00 to 22:00 on a weekday night changes no business time."""
        events = [
            created(at(24, 8)),
            status(at(24, 19), "pending"),
            status(at(24, 22), "open"),
        ]
        result = report(events, at(25, 10)).latest("resolution")
        assert result is not None
        assert result.business_elapsed == 12 * H  # 10h Monday + 2h Tuesday
        assert result.due_at == at(26, 18)  # 30h: 10 on Mon, 10 on Tue, 10 on Wed

    def test_pause_without_resume_holds(self) -> None:
        """Pending with no resume: the clock is paused, business time frozen, no due instant."""
        events = [created(at(24, 8)), status(at(24, 10), "pending")]
        result = report(events, at(28, 12)).latest("resolution")
        assert result is not None
        assert result.state is CycleState.PAUSED
        assert result.business_elapsed == 2 * H
        assert result.due_at is None
        assert result.actual_elapsed == at(28, 12) - at(24, 8)

    def test_zero_length_pause_changes_nothing(self) -> None:
        """Pending and back to open at the same instant leaves the due instant where it was."""
        plain = report([created(at(24, 8))], at(24, 12)).latest("resolution")
        paused = report(
            [created(at(24, 8)), status(at(24, 10), "pending"), status(at(24, 10), "open")],
            at(24, 12),
        ).latest("resolution")
        assert plain is not None
        assert paused is not None
        assert paused.due_at == plain.due_at
        assert paused.business_elapsed == plain.business_elapsed == 4 * H


class TestCycles:
    def test_reopen_after_solved(self) -> None:
        """Solved then reopened: a second resolution cycle; requester wait resumes its own."""
        events = [
            created(at(24, 8)),
            status(at(24, 12), "solved"),
            status(at(25, 9), "open"),
        ]
        result = report(events, at(25, 11))
        first, second = result.metric("resolution")
        assert first.state is CycleState.MET
        assert first.business_elapsed == 4 * H
        assert second.cycle == 2
        assert second.business_elapsed == 2 * H
        (wait,) = result.metric("requester_wait_time")
        assert wait.running
        assert wait.business_elapsed == 6 * H

    def test_next_reply_cycles(self) -> None:
        """A customer message after an answer opens a next-reply cycle from the oldest one."""
        events = [
            created(at(24, 8)),
            reply(at(24, 9)),
            event(at(24, 10), "customer_replied", actor="customer:1"),
            event(at(24, 11), "customer_replied", actor="customer:1"),
            reply(at(24, 12)),
            event(at(24, 13), "customer_replied", actor="customer:1"),
        ]
        cycles = report(events, at(24, 14)).metric("next_reply")
        assert [c.started_at for c in cycles] == [at(24, 10), at(24, 13)]
        assert cycles[0].state is CycleState.MET
        assert cycles[0].business_elapsed == 2 * H
        assert cycles[1].running

    def test_time_to_answer_and_abandoned_calls(self) -> None:
        """A call answered in 45 s meets a 60 s target; one abandoned within 60 s is cancelled."""
        events = [
            created(at(24, 8)),
            event(at(24, 9), "call_queued", actor="system"),
            event(at(24, 9) + timedelta(seconds=45), "call_answered"),
            event(at(24, 10), "call_queued", actor="system"),
            event(at(24, 10) + timedelta(seconds=50), "call_abandoned", actor="customer:1"),
        ]
        first, second = report(events, at(24, 11)).metric("time_to_answer")
        assert first.state is CycleState.MET
        assert first.business_elapsed == timedelta(seconds=45)
        assert second.state is CycleState.CANCELLED


class TestPriorityChanges:
    def test_raised_after_the_target_passed_breaches_once_at_the_change(self) -> None:
        """Raised to urgent after 2 real hours: the 1-hour 24/7 target breaches at the change."""
        events = [
            created(at(24, 8)),
            event(at(24, 10), "priority_changed", **{"from": "normal", "to": "urgent"}),
        ]
        result = report(events, at(24, 11)).latest("first_reply")
        assert result is not None
        assert result.state is CycleState.BREACHED
        assert result.breached_at == at(24, 10)
        assert result.target == H
        assert result.calendar == "24/7"

    def test_raised_in_time_retargets_from_the_original_start(self) -> None:
        """Raised to urgent 30 minutes in: the 1-hour target counts from creation, due 09:00."""
        events = [
            created(at(24, 8)),
            event(at(24, 8, 30), "priority_changed", **{"from": "normal", "to": "urgent"}),
        ]
        result = report(events, at(24, 8, 40)).latest("first_reply")
        assert result is not None
        assert result.due_at == at(24, 9)
        assert result.state is CycleState.AT_RISK  # past 50% (08:30)


class TestBadHistories:
    def test_unknown_status(self) -> None:
        """With a status map, a status the policy does not know raises UnknownStatusError."""
        policy = SlaPolicy("care", [V1], statuses=StatusMap({"Open": "open", "Waiting": "pending"}))
        with pytest.raises(UnknownStatusError) as error:
            report([created(at(24, 8)), status(at(24, 9), "Parked", "pending")], at(24, 10), policy)
        assert error.value.value == "Parked"

    def test_other_case_events(self) -> None:
        """Events of another case are refused, by the history and by the live clock alike."""
        stray = event(at(24, 9), "customer_replied", case="T-2")
        with pytest.raises(HistoryOrderError):
            CaseHistory("T-1", [created(at(24, 8)), stray])
        with pytest.raises(HistoryOrderError):
            ClockState(POLICY, "T-1").apply(created(at(24, 8))).apply(stray)

    def test_created_only_once(self) -> None:
        """A second created event in one case's clock is refused."""
        state = ClockState(POLICY, "T-1").apply(created(at(24, 8)))
        with pytest.raises(HistoryOrderError, match="created once"):
            state.apply(created(at(24, 9)))

    def test_events_after_as_of_are_left_out(self) -> None:
        """A batch report as of 10:00 ignores a reply at 11:00: the clock still runs."""
        events = [created(at(24, 8)), reply(at(24, 11))]
        result = report(events, at(24, 10)).latest("first_reply")
        assert result is not None
        assert result.state is CycleState.RUNNING
        assert result.business_elapsed == 2 * H

    def test_must_start_with_created(self) -> None:
        """A clock cannot start from a reply: the created event comes first."""
        with pytest.raises(HistoryOrderError):
            ClockState(POLICY, "T-1").apply(reply(at(24, 9)))

    def test_as_of_before_last_event(self) -> None:
        """Evaluating a live state before its last event is refused."""
        state = ClockState(POLICY, "T-1").apply(created(at(24, 8)))
        with pytest.raises(InvalidArgumentError):
            state.evaluate(at(24, 7))


class TestLiveState:
    def test_next_deadline_is_the_next_warning_or_breach(self) -> None:
        """Live: the next wake-up is the 50% warning at 12:00, then 14:00, then 16:00 + 1 us."""
        state = ClockState(POLICY, "T-1").apply(created(at(24, 8)))
        first = state.next_deadline(at(24, 9))
        assert first is not None
        assert first.at == at(24, 12)
        assert first.metric == "first_reply"
        later = state.next_deadline(at(24, 15))
        assert later is not None
        assert later.at == at(24, 16) + timedelta(microseconds=1)
        assert later.kind == "breach"

    def test_versions_pinned_or_current(self) -> None:
        """A stricter version from Dec 1: pinned cases keep v1, CURRENT re-evaluates under v2."""
        strict = Policy("standard", [Target("first_reply", 2 * H, HOURS)])
        v2 = PolicyVersion("2", datetime(2025, 12, 1, tzinfo=CHI), [strict])
        policy = SlaPolicy("care", [V1, v2])
        events = [created(at(28, 8))]
        pinned = report(events, at(1, 12, month=12), policy).latest("first_reply")
        current = report(events, at(1, 12, month=12), policy, versioning=Versioning.CURRENT).latest(
            "first_reply"
        )
        assert pinned is not None
        assert current is not None
        assert (pinned.policy_version, pinned.target) == ("1", 8 * H)
        assert (current.policy_version, current.target) == ("2", 2 * H)

    def test_rendering(self) -> None:
        """The text rendering names each metric and state; the notebook view is an HTML table."""
        result = report([created(at(24, 8)), reply(at(24, 9))], at(24, 10))
        text = result.render()
        assert "first_reply #1: met" in text
        assert result._repr_html_().startswith("<table><caption>T-1 as of ")

    def test_stored_state_round_trips(self) -> None:
        """A state stored as JSON and rebuilt reports exactly as the original."""
        import json

        state = ClockState(POLICY, "T-1")
        for item in [created(at(24, 8)), reply(at(24, 9)), status(at(24, 10), "pending")]:
            state = state.apply(item)
        again = ClockState.from_dict(json.loads(json.dumps(state.to_dict())), POLICY)
        assert again.evaluate(at(25, 12)) == state.evaluate(at(25, 12))


class TestCustomMetrics:
    def test_stop_wins_over_cancel_in_one_event(self) -> None:
        """One event that both stops and cancels a cycle (two signals) stops it: met."""
        from safetycore.sla import Metric

        metric = Metric("reopen_watch", start="created", stop="reopened", cancel="status:open")
        policy = SlaPolicy(
            "watch",
            [
                PolicyVersion(
                    "1",
                    datetime(2025, 1, 1, tzinfo=UTC),
                    [Policy("all", [Target("reopen_watch", 100 * H, HOURS)])],
                    metrics=[metric],
                )
            ],
        )
        events = [created(at(24, 8)), status(at(24, 9), "solved"), status(at(24, 10), "open")]
        result = report(events, at(24, 11), policy).latest("reopen_watch")
        assert result is not None
        assert result.state is CycleState.MET
        assert result.met_at == at(24, 10)


def three_ways(events: list[CaseEvent], as_of: datetime, metric: str) -> list[dict[str, object]]:
    """The latest cycle of ``metric`` from ``evaluate``, a live ``ClockState`` and ``sla_frame``.

    Each as a dict of the fields the tests below compare, instants in UTC.
    """
    pd = pytest.importorskip("pandas")
    from safetycore.analysis import sla_frame

    def utc(value: object) -> object:
        return None if value is None or value is pd.NaT else pd.Timestamp(value).tz_convert("UTC")

    batch = report(events, as_of).latest(metric)
    state = ClockState(POLICY, "T-1")
    for item in events:
        state = state.apply(item)
    live = state.evaluate(as_of).latest(metric)
    found = []
    for result in (batch, live):
        assert result is not None
        found.append(
            {
                "state": result.state.value,
                "breached_at": utc(result.breached_at),
                "due_at": utc(result.due_at),
                "ended_at": utc(result.ended_at),
                "policy": result.policy,
                "target": result.target,
            }
        )
    frame = sla_frame([CaseHistory("T-1", events)], POLICY, as_of)
    row = frame[frame.metric == metric].iloc[-1]
    found.append(
        {
            "state": row.state,
            "breached_at": utc(row.breached_at),
            "due_at": utc(row.due_at),
            "ended_at": utc(row.ended_at),
            "policy": row.policy,
            "target": None if pd.isna(row.target) else row.target.to_pytimedelta(),
        }
    )
    return found


class TestABreachIsNeverErased:
    """Issue 9: a breach is a fact; a later cancel or re-target to no target keeps it."""

    def test_call_abandoned_after_its_target(self) -> None:
        """Queued 09:00, target 60 s, abandoned 09:05: breached at 09:01 + 1 us, not cancelled."""
        events = [
            created(at(24, 8)),
            event(at(24, 9), "call_queued"),
            event(at(24, 9, 5), "call_abandoned"),
        ]
        for got in three_ways(events, at(24, 10), "time_to_answer"):
            assert got["state"] == "breached"
            assert got["breached_at"] == at(24, 9, 1) + timedelta(microseconds=1)
            assert got["ended_at"] == at(24, 9, 5)

    def test_call_abandoned_in_time_is_cancelled(self) -> None:
        """Abandoned 30 s after queueing, within the 60 s target: cancelled, no breach."""
        events = [
            created(at(24, 8)),
            event(at(24, 9), "call_queued"),
            event(at(24, 9) + timedelta(seconds=30), "call_abandoned"),
        ]
        for got in three_ways(events, at(24, 10), "time_to_answer"):
            assert (got["state"], got["breached_at"]) == ("cancelled", None)

    def test_reply_clock_cancelled_by_solve_after_due(self) -> None:
        """First reply due Mon 16:00, solved unreplied Tue 10:00: breached at 16:00 + 1 us."""
        events = [created(at(24, 8)), status(at(25, 10), "solved")]
        for got in three_ways(events, at(25, 11), "first_reply"):
            assert got["state"] == "breached"
            assert got["breached_at"] == at(24, 16) + timedelta(microseconds=1)

    def test_breach_kept_when_the_new_priority_sets_no_target(self) -> None:
        """Time to answer breached at 09:01, then raised to urgent (no such target): breached."""
        events = [
            created(at(24, 8)),
            event(at(24, 9), "call_queued"),
            event(at(24, 9, 5), "priority_changed", **{"from": "normal", "to": "urgent"}),
        ]
        for got in three_ways(events, at(24, 10), "time_to_answer"):
            assert got["state"] == "breached"
            assert got["breached_at"] == at(24, 9, 1) + timedelta(microseconds=1)
            assert got["target"] == timedelta(seconds=60)
            assert got["policy"] == "standard"


class TestMeasuredUnder:
    def test_policy_names_the_row_the_cycle_was_measured_under(self) -> None:
        """First reply met under "standard" stays "standard" after the case turns urgent."""
        events = [
            created(at(24, 8)),
            reply(at(24, 9)),
            event(at(24, 10), "priority_changed", **{"from": "normal", "to": "urgent"}),
        ]
        for got in three_ways(events, at(24, 11), "first_reply"):
            assert (got["state"], got["policy"], got["target"]) == ("met", "standard", 8 * H)

    def test_due_at_is_kept_once_met(self) -> None:
        """Met at 10:00, the 16:00 deadline stays on the result (as projected when it ended)."""
        events = [created(at(24, 8)), reply(at(24, 10))]
        for got in three_ways(events, at(24, 11), "first_reply"):
            assert (got["state"], got["due_at"]) == ("met", at(24, 16))


class TestEntryPointsRefuseJunk:
    """Issue 9: the clock entry points refuse junk at once with a SafetycoreError."""

    EVENTS = (created(at(24, 8)), reply(at(24, 9)))

    def test_apply_none(self) -> None:
        """``ClockState.apply(None)`` raises ``InputTypeError`` naming the event's position."""
        state = ClockState(POLICY, "T-1").apply(self.EVENTS[0])
        with pytest.raises(InputTypeError) as info:
            state.apply(None)  # type: ignore[arg-type]
        assert info.value.field == "events[1]"

    def test_evaluate_a_list_of_events(self) -> None:
        """A list of events where a ``CaseHistory`` belongs raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            evaluate(self.EVENTS, POLICY, at(24, 10))  # type: ignore[arg-type]
        assert info.value.field == "history"

    def test_from_dict_with_unknown_versioning(self) -> None:
        """``versioning="latest"`` raises ``InvalidArgumentError``, not a raw enum ValueError."""
        stored = ClockState(POLICY, "T-1").apply(self.EVENTS[0]).to_dict()
        stored["versioning"] = "latest"
        with pytest.raises(InvalidArgumentError) as info:
            ClockState.from_dict(stored, POLICY)
        assert (info.value.field, info.value.value) == ("versioning", "latest")

    def test_from_dict_with_unknown_key(self) -> None:
        """A stored state with an unknown key is refused, naming it."""
        stored = ClockState(POLICY, "T-1").apply(self.EVENTS[0]).to_dict()
        stored["verisoning"] = "pin"
        with pytest.raises(ConfigurationError) as info:
            ClockState.from_dict(stored, POLICY)
        assert info.value.field == "clock.verisoning"

    @pytest.mark.parametrize("policy", [None, "care", [POLICY]])
    def test_policy_that_is_not_a_policy(self, policy: object) -> None:
        """A policy that is not an ``SlaPolicy`` is refused by every entry point."""
        history = CaseHistory("T-1", self.EVENTS)
        for call in (
            lambda: ClockState(policy, "T-1"),  # type: ignore[arg-type]
            lambda: evaluate(history, policy, at(24, 10)),  # type: ignore[arg-type]
            lambda: evaluate_many([history], policy, at(24, 10)),  # type: ignore[arg-type]
            lambda: ClockState.from_dict({}, policy),  # type: ignore[arg-type]
        ):
            with pytest.raises(InputTypeError) as info:
                call()
            assert info.value.field == "policy"

    @pytest.mark.parametrize(
        "as_of", [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, tzinfo=UTC)]
    )
    def test_as_of_outside_the_supported_years(self, as_of: datetime) -> None:
        """``as_of`` in year 1 or 9999 raises ``OutOfRangeError``, never ``OverflowError``."""
        state = ClockState(POLICY, "T-1").apply(self.EVENTS[0])
        for call in (
            lambda: state.evaluate(as_of),
            lambda: state.next_deadline(as_of),
            lambda: evaluate(CaseHistory("T-1", self.EVENTS), POLICY, as_of),
        ):
            with pytest.raises(OutOfRangeError) as info:
                call()
            assert info.value.field == "as_of"

    def test_a_bad_case_in_a_batch_is_named(self) -> None:
        """In a batch of 1,000 histories, the one that fails is named by position and id."""
        good = [
            CaseHistory(f"T-{i}", [event(at(24, 8), "created", case=f"T-{i}", priority="low")])
            for i in range(1000)
        ]
        bad = CaseHistory("T-bad", [event(at(24, 8), "agent_replied", case="T-bad", public=True)])
        histories = [*good[:700], bad, *good[700:]]
        with pytest.raises(HistoryOrderError) as info:
            evaluate_many(histories, POLICY, at(24, 10))
        assert info.value.field == "histories[700].events[0]"
        assert "'T-bad'" in str(info.value)

    def test_a_bad_case_in_sla_frame_is_named(self) -> None:
        """``sla_frame`` names the failing case too."""
        pytest.importorskip("pandas")
        from safetycore.analysis import sla_frame

        bad = CaseHistory("T-bad", [event(at(24, 8), "agent_replied", case="T-bad", public=True)])
        with pytest.raises(HistoryOrderError) as info:
            sla_frame([CaseHistory("T-1", self.EVENTS), bad], POLICY, at(24, 10))
        assert info.value.field.startswith("histories[1].")
        assert "'T-bad'" in str(info.value)

    def test_histories_that_are_not_histories(self) -> None:
        """A history that is not a ``CaseHistory`` is named by its position."""
        with pytest.raises(InputTypeError) as info:
            evaluate_many([CaseHistory("T-1", self.EVENTS), None], POLICY, at(24, 10))  # type: ignore[list-item]
        assert info.value.field == "histories[1]"


def _one_metric(metric: Metric, within: timedelta = 10 * H) -> SlaPolicy:
    """A policy tracking only ``metric``, with a target of ``within`` in the 24/7 calendar."""
    version = PolicyVersion(
        "1",
        datetime(2025, 1, 1, tzinfo=UTC),
        [Policy("all", [Target(metric.name, within, ALWAYS)])],
        metrics=[metric],
    )
    return SlaPolicy("one", [version])


def customer(when: datetime) -> CaseEvent:
    return event(when, "customer_replied", actor="customer:1")


def _cycles(events: list[CaseEvent], as_of: datetime, policy: SlaPolicy) -> list[CycleResult]:
    """The cycles of the policy's one metric, the live state checked to agree with the replay."""
    found = report(events, as_of, policy)
    state = ClockState(policy, "T-1")
    for item in events:
        state = state.apply(item)
    assert state.evaluate(as_of) == found
    return list(found.cycles)


# A resolution clock that starts over on each customer message.
RESET = Metric("resolution", start="created", stop="status:solved", reset="customer_reply")


class TestReset:
    """Issue 15: a reset signal ends the running cycle as cancelled and begins the next."""

    def test_reset_ends_the_cycle_and_begins_the_next_from_zero(self) -> None:
        """08:00 created, 10:00 customer, 13:00 solved: 2h cancelled, then 3h met of a fresh 10h."""
        events = [created(at(24, 8)), customer(at(24, 10)), status(at(24, 13), "solved")]
        first, second = _cycles(events, at(24, 14), _one_metric(RESET))
        assert (first.state, first.ended_at, first.business_elapsed) == (
            CycleState.CANCELLED,
            at(24, 10),
            2 * H,
        )
        assert first.due_at == at(24, 18)  # projected from its end: 10:00 + the 8h left
        assert first.met_at is None
        assert (second.cycle, second.started_at, second.state) == (2, at(24, 10), CycleState.MET)
        assert (second.business_elapsed, second.due_at) == (3 * H, at(24, 20))

    def test_a_reset_after_the_deadline_keeps_the_breach(self) -> None:
        """A 1h target reset at 10:00: cycle 1 stays breached (09:00 + 1 us), cycle 2 runs."""
        events = [created(at(24, 8)), customer(at(24, 10))]
        first, second = _cycles(events, at(24, 10, 30), _one_metric(RESET, within=H))
        assert first.state is CycleState.BREACHED
        assert first.breached_at == at(24, 9) + timedelta(microseconds=1)
        assert first.ended_at == at(24, 10)
        assert (second.state, second.business_elapsed) == (CycleState.AT_RISK, 30 * MINUTE)

    def test_a_reset_with_no_cycle_running_does_nothing(self) -> None:
        """After solved, a customer message neither resets nor starts a cycle."""
        events = [created(at(24, 8)), status(at(24, 9), "solved"), customer(at(24, 10))]
        (only,) = _cycles(events, at(24, 11), _one_metric(RESET))
        assert (only.state, only.business_elapsed) == (CycleState.MET, H)

    def test_start_and_reset_on_one_signal(self) -> None:
        """In start and reset: a customer message starts a cycle if none runs, else resets it."""
        metric = attrs.evolve(RESET, start=["created", "customer_reply"])
        events = [
            created(at(24, 8)),
            customer(at(24, 9)),  # resets cycle 1
            status(at(24, 10), "solved"),  # cycle 2 met
            customer(at(24, 11)),  # starts cycle 3
        ]
        cycles = _cycles(events, at(24, 12), _one_metric(metric))
        assert [(c.cycle, c.state, c.started_at) for c in cycles] == [
            (1, CycleState.CANCELLED, at(24, 8)),
            (2, CycleState.MET, at(24, 9)),
            (3, CycleState.RUNNING, at(24, 11)),
        ]

    def test_a_start_signal_alone_never_resets(self) -> None:
        """Without reset, a start while a cycle runs changes nothing (the rule before issue 15)."""
        metric = Metric("resolution", start=["created", "customer_reply"], stop="status:solved")
        (only,) = _cycles(
            [created(at(24, 8)), customer(at(24, 9))], at(24, 10), _one_metric(metric)
        )
        assert only.business_elapsed == 2 * H

    def test_a_reset_overrides_once(self) -> None:
        """``Restart.ONCE`` governs starts after a cycle ended; a reset still begins cycle 2."""
        metric = Metric(
            "first_reply",
            start="created",
            stop="agent_public_reply",
            restart=Restart.ONCE,
            reset="customer_reply",
        )
        events = [created(at(24, 8)), customer(at(24, 9)), reply(at(24, 10))]
        first, second = _cycles(events, at(24, 11), _one_metric(metric))
        assert (first.state, second.state, second.business_elapsed) == (
            CycleState.CANCELLED,
            CycleState.MET,
            H,
        )

    def test_resume_continues_the_cycle_after_the_reset(self) -> None:
        """``Restart.RESUME`` reopens the cycle the reset began, its time so far counted."""
        metric = Metric(
            "wait",
            start=["created", "reopened"],
            stop="status:solved",
            restart=Restart.RESUME,
            reset="customer_reply",
        )
        events = [
            created(at(24, 8)),
            customer(at(24, 9)),  # cycle 1 cancelled after 1h, cycle 2 from 09:00
            status(at(24, 10), "solved"),  # cycle 2 stops after 1h
            status(at(24, 12), "open"),  # reopened: cycle 2 resumes
        ]
        first, second = _cycles(events, at(24, 13), _one_metric(metric))
        assert first.state is CycleState.CANCELLED
        assert (second.running, second.business_elapsed) == (True, 2 * H)

    def test_a_cycle_begun_by_a_reset_while_paused_starts_paused(self) -> None:
        """Reset in pending: cycle 2 begins at 10:00 paused and runs from open at 12:00."""
        metric = attrs.evolve(RESET, pause_in={StatusCategory.PENDING})
        events = [
            created(at(24, 8)),
            status(at(24, 9), "pending"),
            customer(at(24, 10)),
            status(at(24, 12), "open"),
        ]
        first, second = _cycles(events, at(24, 14), _one_metric(metric))
        assert (first.business_elapsed, first.ended_at) == (H, at(24, 10))
        assert (second.started_at, second.business_elapsed) == (at(24, 10), 2 * H)
        assert second.actual_elapsed == 4 * H

    def test_a_stop_in_the_same_event_wins_over_a_reset(self) -> None:
        """Solved to open carries status:open (a stop here) and reopened (a reset): met."""
        metric = Metric("watch", start="created", stop="status:open", reset="reopened")
        events = [created(at(24, 8)), status(at(24, 9), "solved"), status(at(24, 10), "open")]
        (only,) = _cycles(events, at(24, 11), _one_metric(metric))
        assert (only.state, only.met_at) == (CycleState.MET, at(24, 10))

    def test_the_next_cycle_takes_the_target_in_force(self) -> None:
        """A reset on a priority change begins the next cycle under the new priority's target."""
        metric = Metric(
            "resolution", start="created", stop="status:solved", reset="priority_changed"
        )
        rows = [
            Policy(
                "urgent", [Target("resolution", 2 * H, ALWAYS)], when=Condition(priority="urgent")
            ),
            Policy("standard", [Target("resolution", 10 * H, ALWAYS)]),
        ]
        version = PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), rows, metrics=[metric])
        events = [
            created(at(24, 8)),
            event(at(24, 9), "priority_changed", **{"from": "normal", "to": "urgent"}),
        ]
        first, second = _cycles(events, at(24, 10), SlaPolicy("p", [version]))
        assert (first.state, first.target, first.policy) == (
            CycleState.CANCELLED,
            10 * H,
            "standard",
        )
        assert (second.target, second.policy, second.due_at) == (2 * H, "urgent", at(24, 11))


# A resolution clock that waits on the customer: held from a public reply to their answer.
AWAITING = Metric(
    "resolution",
    start="created",
    stop="status:solved",
    pause_in={StatusCategory.PENDING},
    pause_on="agent_public_reply",
    resume_on="customer_reply",
)


class TestPauseBySignal:
    """Issue 15: pause_on signals hold the clock until a resume_on signal lifts the hold."""

    def test_held_from_the_pause_to_the_resume(self) -> None:
        """08:00 created, 09:00 reply, 11:00 customer: 1h + 2h by 13:00, due 20:00."""
        events = [created(at(24, 8)), reply(at(24, 9)), customer(at(24, 11))]
        (only,) = _cycles(events, at(24, 13), _one_metric(AWAITING))
        assert (only.state, only.business_elapsed, only.due_at) == (
            CycleState.RUNNING,  # 30% of the target: short of the 50% warning
            3 * H,
            at(24, 20),
        )

    def test_held_with_no_resume_is_paused(self) -> None:
        """A hold no resume lifts: paused, its time frozen, no due instant, no wake-up."""
        events = [created(at(24, 8)), reply(at(24, 9))]
        policy = _one_metric(AWAITING)
        (only,) = _cycles(events, at(25, 9), policy)
        assert (only.state, only.business_elapsed, only.due_at) == (CycleState.PAUSED, H, None)
        state = ClockState(policy, "T-1", events=events)
        assert state.next_deadline(at(24, 9)) is None

    def test_a_second_pause_while_held_changes_nothing(self) -> None:
        """Two replies then one customer message: one resume lifts the hold (no counting)."""
        events = [created(at(24, 8)), reply(at(24, 9)), reply(at(24, 10)), customer(at(24, 11))]
        (only,) = _cycles(events, at(24, 13), _one_metric(AWAITING))
        assert only.business_elapsed == 3 * H

    def test_a_resume_without_a_pause_does_nothing(self) -> None:
        """A customer message while nothing holds the clock: it runs on, 5h by 13:00."""
        events = [created(at(24, 8)), customer(at(24, 9))]
        (only,) = _cycles(events, at(24, 13), _one_metric(AWAITING))
        assert only.business_elapsed == 5 * H

    def test_held_by_signal_then_category(self) -> None:
        """Held at 09:00, pending at 10:00, resumed at 11:00 but still pending: runs from 12:00."""
        events = [
            created(at(24, 8)),
            reply(at(24, 9)),
            status(at(24, 10), "pending"),
            customer(at(24, 11)),
            status(at(24, 12), "open"),
        ]
        (only,) = _cycles(events, at(24, 13), _one_metric(AWAITING))
        assert only.business_elapsed == 2 * H

    def test_held_by_category_then_signal(self) -> None:
        """Pending at 09:00, held at 10:00, open at 11:00 but still held: runs from 12:00."""
        events = [
            created(at(24, 8)),
            status(at(24, 9), "pending"),
            reply(at(24, 10)),
            status(at(24, 11), "open"),
            customer(at(24, 12)),
        ]
        cycles = _cycles(events[:4], at(24, 11, 30), _one_metric(AWAITING))
        assert cycles[0].state is CycleState.PAUSED
        (only,) = _cycles(events, at(24, 13), _one_metric(AWAITING))
        assert only.business_elapsed == 2 * H

    def test_a_pause_at_the_instant_of_the_start(self) -> None:
        """Created and replied at 08:00: the cycle starts held and gains nothing until 10:00."""
        events = [created(at(24, 8)), reply(at(24, 8)), customer(at(24, 10))]
        (only,) = _cycles(events, at(24, 12), _one_metric(AWAITING))
        assert (only.started_at, only.business_elapsed) == (at(24, 8), 2 * H)

    def test_a_start_that_is_also_a_pause_starts_held(self) -> None:
        """One signal both starting and pausing the metric: the cycle begins paused."""
        metric = attrs.evolve(AWAITING, pause_on="created")
        (only,) = _cycles([created(at(24, 8))], at(24, 12), _one_metric(metric))
        assert (only.state, only.business_elapsed) == (CycleState.PAUSED, timedelta(0))

    def test_the_hold_is_the_cases_not_the_cycles(self) -> None:
        """A hold set before a cycle starts (as a status would be) holds the new cycle."""
        metric = attrs.evolve(AWAITING, start="status:open")
        events = [
            created(at(24, 8)),
            reply(at(24, 9)),  # held, no cycle yet
            status(at(24, 10), "open"),  # starts held
            customer(at(24, 11)),
        ]
        (only,) = _cycles(events, at(24, 13), _one_metric(metric))
        assert (only.started_at, only.business_elapsed) == (at(24, 10), 2 * H)

    def test_a_pause_and_a_resume_in_one_event_leave_it_running(self) -> None:
        """Solved to open carries reopened (a pause here) and status:open (a resume): it runs."""
        metric = Metric(
            "watch",
            start="created",
            stop="status:closed",
            pause_on="reopened",
            resume_on="status:open",
        )
        events = [created(at(24, 8)), status(at(24, 9), "solved"), status(at(24, 10), "open")]
        (only,) = _cycles(events, at(24, 12), _one_metric(metric))
        assert only.business_elapsed == 4 * H
        held = [*events, event(at(24, 12), "reopened")]  # reopened alone: held from 12:00
        (only,) = _cycles(held, at(24, 14), _one_metric(metric))
        assert (only.state, only.business_elapsed) == (CycleState.PAUSED, 4 * H)

    def test_the_deadline_moves_by_the_hold(self) -> None:
        """Live: the breach wake-up is 18:00 + 1 us unheld, 20:00 + 1 us after a 2h hold."""
        policy = _one_metric(AWAITING)
        state = ClockState(policy, "T-1", events=[created(at(24, 8))])
        plain = state.next_deadline(at(24, 17))
        held = state.apply(reply(at(24, 9))).apply(customer(at(24, 11))).next_deadline(at(24, 19))
        assert plain is not None
        assert held is not None
        assert (plain.kind, plain.at) == ("breach", at(24, 18) + timedelta(microseconds=1))
        assert (held.kind, held.at) == ("breach", at(24, 20) + timedelta(microseconds=1))


class TestNamedVersion:
    """Issue 15: ``version=`` runs a case under the version of that name, whatever its dates."""

    V2 = PolicyVersion(
        "2026-Q3",
        datetime(2026, 7, 1, tzinfo=UTC),
        [Policy("standard", [Target("first_reply", 2 * H, HOURS)])],
    )
    TWO = SlaPolicy("care", [V1, V2])

    def test_a_named_version_is_used_before_it_takes_effect(self) -> None:
        """A November 2025 case under "2026-Q3": its 2h target, reported under that version."""
        events = [created(at(24, 8))]
        result = report(events, at(24, 12), self.TWO, version="2026-Q3").latest("first_reply")
        assert result is not None
        assert (result.policy_version, result.target, result.state) == (
            "2026-Q3",
            2 * H,
            CycleState.BREACHED,
        )
        pinned = report(events, at(24, 12), self.TWO).latest("first_reply")
        assert pinned is not None
        assert (pinned.policy_version, pinned.target) == ("1", 8 * H)

    def test_naming_the_version_in_force_changes_nothing(self) -> None:
        """Naming the version the case is pinned to gives the pinned report."""
        events = [created(at(24, 8)), reply(at(24, 9))]
        assert report(events, at(24, 12), self.TWO, version="1") == report(
            events, at(24, 12), self.TWO
        )

    def test_evaluate_many_takes_the_name(self) -> None:
        """``evaluate_many(..., version=)`` runs every case under the named version."""
        histories = [CaseHistory("T-1", [created(at(24, 8))])]
        (found,) = evaluate_many(histories, self.TWO, at(24, 12), version="2026-Q3")
        assert found.policy_version == "2026-Q3"

    def test_an_unknown_name_lists_the_versions(self) -> None:
        """A name no version has: UnknownNameError naming version and the value, listing names."""
        history = CaseHistory("T-1", [created(at(24, 8))])
        for call in (
            lambda: evaluate(history, self.TWO, at(24, 12), version="2026-Q4"),
            lambda: evaluate_many([history], self.TWO, at(24, 12), version="2026-Q4"),
        ):
            with pytest.raises(UnknownNameError) as info:
                call()
            assert (info.value.field, info.value.value) == ("version", "2026-Q4")
            assert "(its versions: 1, 2026-Q3)" in str(info.value)
            assert isinstance(info.value, LookupError)

    @pytest.mark.parametrize("junk", [1, b"1", ["1"]])
    def test_a_name_that_is_not_text(self, junk: object) -> None:
        """A version name that is not text is an InputTypeError naming version."""
        with pytest.raises(InputTypeError) as info:
            report([created(at(24, 8))], at(24, 12), self.TWO, version=junk)  # type: ignore[arg-type]
        assert (info.value.field, info.value.value) == ("version", junk)

    def test_a_name_with_current_versioning_is_refused(self) -> None:
        """A name with CURRENT (which picks the version in force at as_of) is contradictory."""
        with pytest.raises(InvalidArgumentError) as info:
            report(
                [created(at(24, 8))],
                at(24, 12),
                self.TWO,
                versioning=Versioning.CURRENT,
                version="1",
            )
        assert (info.value.field, info.value.value) == ("version", "1")


class TestClockStateNamedVersion:
    """Issue 15: a live ``ClockState`` takes ``version=`` too, and keeps it when stored."""

    TWO = TestNamedVersion.TWO
    EVENTS = (created(at(24, 8)), reply(at(24, 11)))

    def _state(self, **options: object) -> ClockState:
        state = ClockState(self.TWO, "T-1", **options)  # type: ignore[arg-type]
        for item in self.EVENTS:
            state = state.apply(item)
        return state

    def test_equals_evaluate_with_the_name(self) -> None:
        """Applied one by one under "2026-Q3": the report ``evaluate(..., version=)`` gives."""
        state = self._state(version="2026-Q3")
        expected = report(list(self.EVENTS), at(24, 12), self.TWO, version="2026-Q3")
        assert state.evaluate(at(24, 12)) == expected
        result = expected.latest("first_reply")
        assert result is not None
        assert (result.policy_version, result.state) == ("2026-Q3", CycleState.BREACHED)
        assert state.version == "2026-Q3"

    def test_built_with_events_keeps_the_name(self) -> None:
        """``ClockState(..., events=..., version=)`` replays under the named version."""
        state = ClockState(self.TWO, "T-1", events=self.EVENTS, version="2026-Q3")
        assert state.evaluate(at(24, 12)) == self._state(version="2026-Q3").evaluate(at(24, 12))

    def test_next_deadline_under_the_name(self) -> None:
        """Unreplied since 08:00, 2h target: warning 50% at 09:00 under "2026-Q3"."""
        state = ClockState(self.TWO, "T-1", version="2026-Q3").apply(created(at(24, 8)))
        deadline = state.next_deadline(at(24, 8))
        assert deadline is not None
        assert (deadline.kind, deadline.at) == ("warning 50%", at(24, 9))

    def test_round_trip_keeps_the_name(self) -> None:
        """``to_dict`` writes the name, ``from_dict`` reads it back: the same report."""
        state = self._state(version="2026-Q3")
        stored = state.to_dict()
        assert stored["version"] == "2026-Q3"
        again = ClockState.from_dict(stored, self.TWO)
        assert again.version == "2026-Q3"
        assert again.evaluate(at(24, 12)) == state.evaluate(at(24, 12))

    def test_without_a_name_the_stored_form_is_unchanged(self) -> None:
        """No name chosen: no ``version`` key, so states stored before read the same."""
        stored = self._state().to_dict()
        assert "version" not in stored
        assert ClockState.from_dict(stored, self.TWO).version is None

    def test_from_dict_with_an_unknown_name(self) -> None:
        """A stored name the policy lacks: UnknownNameError naming ``version``."""
        stored = self._state(version="2026-Q3").to_dict()
        stored["version"] = "2026-Q4"
        with pytest.raises(UnknownNameError) as info:
            ClockState.from_dict(stored, self.TWO)
        assert (info.value.field, info.value.value) == ("version", "2026-Q4")
        assert "(its versions: 1, 2026-Q3)" in str(info.value)

    def test_an_unknown_name_is_refused_when_built(self) -> None:
        """A name the policy lacks is refused at once, before any event."""
        with pytest.raises(UnknownNameError) as info:
            ClockState(self.TWO, "T-1", version="2026-Q4")
        assert (info.value.field, info.value.value) == ("version", "2026-Q4")

    @pytest.mark.parametrize("junk", [1, b"1", ["1"]])
    def test_a_name_that_is_not_text(self, junk: object) -> None:
        """A version name that is not text is an InputTypeError naming version."""
        with pytest.raises(InputTypeError) as info:
            ClockState(self.TWO, "T-1", version=junk)  # type: ignore[arg-type]
        assert (info.value.field, info.value.value) == ("version", junk)

    def test_a_name_with_current_versioning_is_refused(self) -> None:
        """As for ``evaluate``: a name and ``versioning="current"`` contradict."""
        with pytest.raises(InvalidArgumentError) as info:
            ClockState(self.TWO, "T-1", Versioning.CURRENT, version="1")
        assert (info.value.field, info.value.value) == ("version", "1")

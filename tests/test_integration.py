"""One history drives both: a workflow's trail becomes the events SLA clocks read."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from safetycore.events import CaseEvent
from safetycore.sla import (
    Calendar,
    CycleState,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.workflow import SUPPORT_TICKET, Actor, case_history, fire, open_case

CHI = ZoneInfo("America/Chicago")
HOURS = VersionedCalendar(
    "care",
    "1",
    Calendar.from_dict({"zone": "America/Chicago", "hours": {"mon-fri": "08:00-18:00"}}),
)
POLICY = SlaPolicy(
    "care",
    [
        PolicyVersion(
            "1",
            datetime(2025, 1, 1, tzinfo=CHI),
            [Policy("all", [Target("resolution", timedelta(hours=10), HOURS)])],
        )
    ],
)
AGENT = Actor("agent:7", {"agent"})


def at(day: int, hour: int) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=CHI)


class TestWorkflowDrivesClocks:
    def test_pending_status_pauses_resolution(self) -> None:
        """Waiting on the customer (a pending status) pauses resolution; solving meets it."""
        case = open_case(SUPPORT_TICKET, "T-9", at=at(3, 8), actor=Actor("customer:1"))
        case = fire(SUPPORT_TICKET, case, "start_work", at=at(3, 9), actor=AGENT)
        case = fire(SUPPORT_TICKET, case, "ask_customer", at=at(3, 12), actor=AGENT)
        case = fire(SUPPORT_TICKET, case, "customer_replied", at=at(4, 16), actor=Actor("c:1"))
        case = fire(
            SUPPORT_TICKET, case, "solve", at=at(5, 9), actor=AGENT, data={"resolution": "done"}
        )
        history = case_history(SUPPORT_TICKET, case)
        assert [e.kind for e in history] == ["created", *["status_changed"] * 4]
        result = evaluate(history, POLICY, at(6, 12)).latest("resolution")
        assert result is not None
        # Mon 08:00-12:00 (4h), paused until Tue 16:00, Tue 16:00-18:00 (2h), Wed 08:00-09:00 (1h).
        assert result.business_elapsed == timedelta(hours=7)
        assert result.state is CycleState.MET
        assert result.met_at == at(5, 9)

    def test_status_changes_carry_categories(self) -> None:
        """Each emitted status change names the category SLA rules key on."""
        case = open_case(SUPPORT_TICKET, "T-9", at=at(3, 8), actor=Actor("customer:1"))
        case = fire(SUPPORT_TICKET, case, "start_work", at=at(3, 9), actor=AGENT)
        event: CaseEvent = case_history(SUPPORT_TICKET, case).events[-1]
        assert (event["from"], event["to"], event["category"]) == ("new", "open", "open")

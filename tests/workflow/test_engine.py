"""Running cases: open, fire, available, replay, bulk validation, serialisation, events."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    NaiveDatetimeError,
    ReplayError,
    TransitionRefusedError,
)
from safetycore.events import CaseHistory, Channel, EventKind
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Actor,
    AuditRecord,
    BulkReplay,
    Case,
    Refusal,
    Status,
    Step,
    available,
    case_history,
    fire,
    open_case,
    replay,
    validate_histories,
)

AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
AGENT = Actor("agent:7", {"agent"})
CUSTOMER = Actor("customer:1")
BOT = Actor("bot:1", {"system"})

V2 = SUPPORT_TICKET.with_status(
    Status("escalated", "open"),
    Step("escalate", "open", "escalated", roles={"agent"}),
    Step("de_escalate", "escalated", "open", roles={"agent"}),
    version="2",
)


def ticket() -> Case:
    """A support ticket opened by a customer, worked, held, resumed and solved."""
    case = open_case(
        SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER, via="web", data={"topic": "refund"}
    )
    case = fire(SUPPORT_TICKET, case, "start_work", at=AT + HOUR, actor=AGENT, via="email")
    case = fire(
        SUPPORT_TICKET,
        case,
        "hold",
        at=AT + 2 * HOUR,
        actor=AGENT,
        reason="waiting for the carrier",
        data={"third_party": "carrier"},
    )
    case = fire(SUPPORT_TICKET, case, "resume", at=AT + 3 * HOUR, actor=BOT)
    return fire(
        SUPPORT_TICKET,
        case,
        "solve",
        at=AT + 4 * HOUR,
        actor=AGENT,
        data={"resolution": "refunded", "topic": "refund_sent"},
        evidence=["transcript"],
    )


def claim() -> Case:
    """A guarantee claim taken through documents, eligibility, approval and payment."""
    lead = Actor("claims:1", {"claims_agent", "finance"})
    case = open_case(GUARANTEE_CLAIM, "G-1", at=AT, actor=CUSTOMER, evidence=["vet_invoice"])
    steps: list[tuple[str, dict[str, object], tuple[str, ...]]] = [
        ("request_documents", {"documents": ["vet_records"]}, ()),
        ("documents_received", {}, ("vet_records",)),
        ("record_eligibility", {"eligibility": "eligible"}, ()),
        ("approve", {"amount": 12_000, "currency": "EUR"}, ()),
        ("pay", {"payment": {"id": "P-9", "lines": [1, 2]}}, ()),
        ("close", {}, ()),
    ]
    for hours, (event, data, evidence) in enumerate(steps, start=1):
        case = fire(
            GUARANTEE_CLAIM,
            case,
            event,
            at=AT + hours * HOUR,
            actor=lead,
            data=data,
            evidence=evidence,
        )
    return case


def evolve_record(case: Case, index: int, **changes: Any) -> list[AuditRecord]:
    """The case's trail with record ``index`` changed."""
    records = list(case.trail)
    records[index] = attrs.evolve(records[index], **changes)
    return records


class TestOpenCase:
    def test_created_record(self) -> None:
        """The trail's first record is ``created``, sequence 0, from nothing to the initial."""
        case = open_case(
            SUPPORT_TICKET,
            "T-9",
            at=AT,
            actor=CUSTOMER,
            via="phone",
            data={"topic": "login"},
            evidence=["screenshot"],
        )
        assert (case.case_id, case.workflow, case.version, case.status) == (
            "T-9",
            "support-ticket",
            "1",
            "new",
        )
        assert case.facts == (("topic", "login"),)
        assert case.evidence == frozenset({"screenshot"})
        assert case.trail == (
            AuditRecord(
                "T-9",
                0,
                AT,
                "customer:1",
                frozenset(),
                Channel.PHONE,
                "created",
                "",
                "new",
                "support-ticket",
                "1",
                data={"topic": "login"},
                evidence=["screenshot"],
            ),
        )
        assert case.opened_at == AT

    def test_naive_instant(self) -> None:
        """A naive instant is refused."""
        with pytest.raises(NaiveDatetimeError):
            open_case(SUPPORT_TICKET, "T-9", at=datetime(2025, 3, 3, 9), actor=CUSTOMER)


class TestFire:
    def test_appends_one_record(self) -> None:
        """A step returns a new case one record longer; the record says what happened."""
        before = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER)
        after = fire(
            SUPPORT_TICKET,
            before,
            "start_work",
            at=AT + HOUR,
            actor=AGENT,
            via="chat",
            reason="picked up",
        )
        assert (before.status, len(before.trail)) == ("new", 1)
        assert after.status == "open"
        assert after.trail[:1] == before.trail
        assert after.trail[1] == AuditRecord(
            "T-1",
            1,
            AT + HOUR,
            "agent:7",
            frozenset({"agent"}),
            Channel.CHAT,
            "start_work",
            "new",
            "open",
            "support-ticket",
            "1",
            reason="picked up",
        )

    def test_facts_merged_and_evidence_added(self) -> None:
        """Step data is merged into the facts (later values win); evidence accumulates."""
        case = ticket()
        assert case.fact_map == {
            "topic": "refund_sent",
            "third_party": "carrier",
            "resolution": "refunded",
        }
        assert case.evidence == frozenset({"transcript"})
        assert [record.sequence for record in case.trail] == [0, 1, 2, 3, 4]
        assert case.trail[2].reason == "waiting for the carrier"

    def test_refusal_changes_nothing(self) -> None:
        """A refused step leaves the case exactly as it was."""
        case = fire(SUPPORT_TICKET, ticket(), "reopen", at=AT + 5 * HOUR, actor=CUSTOMER)
        before = case.to_dict()
        with pytest.raises(TransitionRefusedError):
            fire(SUPPORT_TICKET, case, "hold", at=AT + 6 * HOUR, actor=CUSTOMER, data={"x": 1})
        assert case.to_dict() == before
        assert case == Case.from_dict(before)

    def test_refusal_carries_the_attempt(self) -> None:
        """The error names case, event and status, lists the reasons and keeps the attempt."""
        case = fire(SUPPORT_TICKET, ticket(), "reopen", at=AT + 5 * HOUR, actor=CUSTOMER)
        at = AT + 6 * HOUR
        with pytest.raises(TransitionRefusedError) as caught:
            fire(
                SUPPORT_TICKET,
                case,
                "hold",
                at=at,
                actor=CUSTOMER,
                data={"note": "hi"},
                evidence=["photo"],
            )
        error = caught.value
        assert isinstance(error, ValueError)
        assert (error.case_id, error.event, error.status) == ("T-1", "hold", "open")
        assert error.reasons == (
            Refusal("role", "customer:1 needs one of the roles agent"),
            Refusal("data_third_party", "the step needs data: third_party"),
        )
        assert str(error) == (
            "event='hold': case 'T-1' in status 'open' cannot take it: "
            "customer:1 needs one of the roles agent; the step needs data: third_party"
        )
        attempt = error.attempt
        assert attempt.case is case
        assert (attempt.event, attempt.actor, attempt.at) == ("hold", CUSTOMER, at)
        assert dict(attempt.data) == {"note": "hi"}
        assert dict(attempt.facts) == {**case.fact_map, "note": "hi"}
        assert attempt.evidence == frozenset({"transcript", "photo"})

    def test_other_version_refused(self) -> None:
        """A case opened under version 1 cannot be fired under version 2."""
        case = ticket()
        with pytest.raises(ConfigurationError) as caught:
            fire(V2, case, "reopen", at=AT + 5 * HOUR, actor=CUSTOMER)
        assert (caught.value.field, caught.value.value) == ("workflow", "T-1")
        assert "support-ticket version 1, not support-ticket version 2" in str(caught.value)

    def test_other_workflow_refused(self) -> None:
        """A case of one workflow cannot be fired under another."""
        case = open_case(SAFETY_INCIDENT, "S-1", at=AT, actor=CUSTOMER)
        with pytest.raises(ConfigurationError):
            fire(SUPPORT_TICKET, case, "start_work", at=AT, actor=AGENT)


WRONG = "cannot be taken from status 'new'"


class TestAvailable:
    def test_agent_on_new_ticket(self) -> None:
        """An agent can start a new ticket; solving needs a resolution; the rest do not leave."""
        case = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER)
        result = available(SUPPORT_TICKET, case, AGENT, at=AT)
        assert result.allowed == ("start_work",)
        assert dict(result.refused) == {
            "ask_customer": (Refusal("wrong_status", f"'ask_customer' {WRONG}"),),
            "hold": (Refusal("wrong_status", f"'hold' {WRONG}"),),
            "customer_replied": (Refusal("wrong_status", f"'customer_replied' {WRONG}"),),
            "resume": (Refusal("wrong_status", f"'resume' {WRONG}"),),
            "solve": (Refusal("data_resolution", "the step needs data: resolution"),),
            "reopen": (Refusal("wrong_status", f"'reopen' {WRONG}"),),
            "close": (Refusal("wrong_status", f"'close' {WRONG}"),),
        }

    def test_with_data(self) -> None:
        """Data handed in is what each event is judged with."""
        case = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER)
        result = available(SUPPORT_TICKET, case, AGENT, at=AT, data={"resolution": "answered"})
        assert result.allowed == ("start_work", "solve")
        assert set(result.refused) == {
            "ask_customer",
            "hold",
            "customer_replied",
            "resume",
            "reopen",
            "close",
        }

    def test_customer_sees_role_reasons(self) -> None:
        """A customer may take nothing on a new ticket, and is told every reason."""
        case = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER)
        result = available(SUPPORT_TICKET, case, CUSTOMER, at=AT)
        assert result.allowed == ()
        assert result.refused["start_work"] == (
            Refusal("role", "customer:1 needs one of the roles agent, system"),
        )
        assert result.refused["solve"] == (
            Refusal("role", "customer:1 needs one of the roles agent"),
            Refusal("data_resolution", "the step needs data: resolution"),
        )

    def test_time_order(self) -> None:
        """An instant before the last record refuses every event that leaves the status."""
        case = ticket()
        early = AT
        result = available(SUPPORT_TICKET, case, CUSTOMER, at=early)
        assert result.allowed == ()
        assert result.refused["reopen"] == (
            Refusal("time_order", f"{early.isoformat()} is before the case's last step"),
        )

    def test_every_event_once(self) -> None:
        """On every stock case, each event is either allowed or refused with reasons."""
        everyone = Actor("all:1", {"agent", "claims_agent", "finance"})
        for workflow, case in ((SUPPORT_TICKET, ticket()), (GUARANTEE_CLAIM, claim())):
            result = available(workflow, case, everyone, at=AT + 9 * HOUR)
            assert sorted((*result.allowed, *result.refused)) == sorted(workflow.events)
            assert all(result.refused.values())

    def test_changes_nothing(self) -> None:
        """Asking what is available leaves the case as it was."""
        case = ticket()
        before = case.to_dict()
        available(SUPPORT_TICKET, case, AGENT, at=AT + 9 * HOUR, data={"x": 1}, evidence=["e"])
        assert case.to_dict() == before

    def test_other_version_refused(self) -> None:
        """A case of another version is a ``ConfigurationError``."""
        with pytest.raises(ConfigurationError):
            available(V2, ticket(), AGENT, at=AT)


class TestReplay:
    @pytest.mark.parametrize("build", [ticket, claim])
    def test_rebuilds_exactly(self, build: Callable[[], Case]) -> None:
        """Replaying a case's trail rebuilds the very same case."""
        case = build()
        workflow = SUPPORT_TICKET if case.workflow == "support-ticket" else GUARANTEE_CLAIM
        assert replay(case.trail, workflow) == case
        assert replay(list(case.trail), [SAFETY_INCIDENT, workflow]) == case

    def test_does_not_rerun_requirements(self) -> None:
        """A record is a fact: a step whose roles and data would now be refused still replays."""
        case = ticket()
        trail = evolve_record(case, 4, actor="nobody", roles=frozenset(), data={})
        rebuilt = replay(trail, SUPPORT_TICKET)
        assert rebuilt.status == "solved"
        assert "resolution" not in rebuilt.fact_map

    @pytest.mark.parametrize(
        ("index", "changes", "message"),
        [
            (2, {"event": "close", "to_status": "closed"}, "'close' cannot be taken from 'open'"),
            (2, {"to_status": "pending"}, "'hold' leads to 'on_hold', not 'pending'"),
            (3, {"from_status": "pending"}, "starts from 'pending' but the case is in 'on_hold'"),
            (3, {"sequence": 4}, "has sequence 4, expected 3"),
            (3, {"at": AT}, "is earlier than the record before it"),
            (4, {"case_id": "T-2"}, "belongs to case 'T-2', not 'T-1'"),
        ],
        ids=["impossible-event", "wrong-target", "wrong-source", "sequence", "time", "case"],
    )
    def test_impossible_record(self, index: int, changes: dict[str, Any], message: str) -> None:
        """The first impossible record raises ``ReplayError`` naming its index."""
        trail = evolve_record(ticket(), index, **changes)
        with pytest.raises(ReplayError) as caught:
            replay(trail, SUPPORT_TICKET)
        assert caught.value.field == f"records[{index}]"
        assert caught.value.value == trail[index]
        assert message in str(caught.value)

    def test_first_problem_wins(self) -> None:
        """With two impossible records, the earlier is reported."""
        case = ticket()
        trail = evolve_record(case, 1, event="close", to_status="closed")
        trail[3] = attrs.evolve(trail[3], sequence=9)
        with pytest.raises(ReplayError) as caught:
            replay(trail, SUPPORT_TICKET)
        assert caught.value.field == "records[1]"

    def test_empty_trail(self) -> None:
        """An empty trail has no created record."""
        with pytest.raises(ReplayError) as caught:
            replay([], SUPPORT_TICKET)
        assert caught.value.field == "records"

    @pytest.mark.parametrize(
        "changes", [{"event": "start_work"}, {"sequence": 1}, {"to_status": "open"}]
    )
    def test_first_record_must_be_created(self, changes: dict[str, Any]) -> None:
        """The first record must be ``created``, sequence 0, into the initial status."""
        with pytest.raises(ReplayError) as caught:
            replay(evolve_record(ticket(), 0, **changes), SUPPORT_TICKET)
        assert caught.value.field == "records[0]"

    def test_version_not_given(self) -> None:
        """A trail naming a version that was not given cannot be replayed."""
        with pytest.raises(ReplayError) as caught:
            replay(ticket().trail, [V2])
        assert (caught.value.field, caught.value.value) == ("records[0].version", "1")

    def test_version_change_mid_trail(self) -> None:
        """A trail cannot switch workflow version halfway."""
        trail = evolve_record(ticket(), 2, version="2")
        with pytest.raises(ReplayError) as caught:
            replay(trail, [SUPPORT_TICKET, V2])
        assert (caught.value.field, caught.value.value) == ("records[2].version", "2")

    def test_older_version(self) -> None:
        """A version 1 trail replays under version 1 when both versions are given."""
        case = ticket()
        rebuilt = replay(case.trail, [SUPPORT_TICKET, V2])
        assert rebuilt == case
        assert rebuilt.version == "1"

    def test_newer_version(self) -> None:
        """A version 2 trail, with a step version 1 lacks, replays under version 2 only."""
        case = open_case(V2, "T-2", at=AT, actor=CUSTOMER)
        case = fire(V2, case, "start_work", at=AT, actor=AGENT)
        case = fire(V2, case, "escalate", at=AT + HOUR, actor=AGENT)
        assert replay(case.trail, [SUPPORT_TICKET, V2]) == case
        forged = [attrs.evolve(record, version="1") for record in case.trail]
        with pytest.raises(ReplayError) as caught:
            replay(forged, [SUPPORT_TICKET, V2])
        assert caught.value.field == "records[2]"


class TestValidateHistories:
    def test_by_hand(self) -> None:
        """Each history ends in its status or fails at its first impossible event."""
        histories = [
            [],
            ["start_work"],
            ["close"],
            ["start_work", "solve", "reopen", "hold"],
            ["solve", "close", "reopen"],
            ["escalate"],
            ("solve", "reopen", "solve", "close"),
        ]
        result = validate_histories(SUPPORT_TICKET, histories)
        assert result == BulkReplay(
            final=("new", "open", None, "on_hold", None, None, "closed"),
            failed_at=(None, None, 0, None, 2, 0, None),
            transitions=0 + 1 + 0 + 4 + 2 + 0 + 4,
        )
        assert result.valid == 4

    def test_self_loop(self) -> None:
        """A step that stays in its status counts as a transition."""
        result = validate_histories(
            GUARANTEE_CLAIM, [["start_review", "record_eligibility", "record_eligibility"]]
        )
        assert (result.final, result.failed_at, result.transitions) == (
            ("under_review",),
            (None,),
            3,
        )

    def test_accepts_any_iterable(self) -> None:
        """Histories may come from a generator, read once."""
        result = validate_histories(SUPPORT_TICKET, (["solve"] for _ in range(3)))
        assert result.final == ("solved",) * 3

    def test_nothing(self) -> None:
        """No histories give an empty result."""
        assert validate_histories(SUPPORT_TICKET, []) == BulkReplay((), (), 0)


class TestCaseSerialisation:
    @pytest.mark.parametrize("build", [ticket, claim])
    def test_json_round_trip(self, build: Callable[[], Case]) -> None:
        """``to_dict``, ``json.dumps``, ``json.loads``, ``from_dict`` gives the same case."""
        case = build()
        assert Case.from_dict(json.loads(json.dumps(case.to_dict()))) == case

    def test_offsets_kept(self) -> None:
        """Instants in another zone round-trip as the same instants, offsets in the text."""
        berlin = datetime(2025, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
        case = open_case(SUPPORT_TICKET, "T-1", at=berlin, actor=CUSTOMER)
        case = fire(SUPPORT_TICKET, case, "start_work", at=berlin + HOUR, actor=AGENT)
        form = json.loads(json.dumps(case.to_dict()))
        assert form["trail"][1]["at"] == "2025-03-03T11:00:00+01:00"
        assert Case.from_dict(form) == case

    def test_form(self) -> None:
        """The plain form of a small case, written out."""
        case = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER, evidence=["b", "a"])
        assert case.to_dict() == {
            "case_id": "T-1",
            "workflow": "support-ticket",
            "version": "1",
            "status": "new",
            "facts": {},
            "evidence": ["a", "b"],
            "trail": [
                {
                    "case_id": "T-1",
                    "sequence": 0,
                    "at": "2025-03-03T09:00:00+00:00",
                    "actor": "customer:1",
                    "roles": [],
                    "via": "system",
                    "event": "created",
                    "from": "",
                    "to": "new",
                    "workflow": "support-ticket",
                    "version": "1",
                    "reason": "",
                    "data": {},
                    "evidence": ["a", "b"],
                }
            ],
        }

    def test_missing_key(self) -> None:
        """A missing key is a ``ConfigurationError`` naming the record it is missing from."""
        form = ticket().to_dict()
        del form["trail"][1]["event"]
        with pytest.raises(ConfigurationError) as caught:
            Case.from_dict(form)
        assert caught.value.field == "case.trail[1].event"

    def test_bad_instant(self) -> None:
        """An instant that is not ISO 8601 text is an ``InputTypeError``."""
        form = ticket().to_dict()
        form["trail"][1]["at"] = "yesterday"
        with pytest.raises(InputTypeError) as caught:
            Case.from_dict(form)
        assert (caught.value.field, caught.value.value) == ("case.trail[1].at", "yesterday")


class TestCaseHistory:
    def test_created_then_status_changes(self) -> None:
        """The history is created, then one status change per step, with its category."""
        history = case_history(SUPPORT_TICKET, ticket())
        assert isinstance(history, CaseHistory)
        assert history.case_id == "T-1"
        assert [(e.kind, e.at, e.actor, e.via) for e in history] == [
            (EventKind.CREATED, AT, "customer:1", Channel.WEB),
            (EventKind.STATUS_CHANGED, AT + HOUR, "agent:7", Channel.EMAIL),
            (EventKind.STATUS_CHANGED, AT + 2 * HOUR, "agent:7", Channel.SYSTEM),
            (EventKind.STATUS_CHANGED, AT + 3 * HOUR, "bot:1", Channel.SYSTEM),
            (EventKind.STATUS_CHANGED, AT + 4 * HOUR, "agent:7", Channel.SYSTEM),
        ]
        assert [dict(e.data) for e in history.events[1:]] == [
            {"from": "new", "to": "open", "category": "open", "event": "start_work", "sequence": 1},
            {
                "from": "open",
                "to": "on_hold",
                "category": "on_hold",
                "event": "hold",
                "sequence": 2,
            },
            {"from": "on_hold", "to": "open", "category": "open", "event": "resume", "sequence": 3},
            {"from": "open", "to": "solved", "category": "solved", "event": "solve", "sequence": 4},
        ]

    def test_self_loop_and_same_instant(self) -> None:
        """A step that keeps the status, and steps at one instant, still make a valid history."""
        case = open_case(GUARANTEE_CLAIM, "G-1", at=AT, actor=CUSTOMER)
        agent = Actor("claims:1", {"claims_agent"})
        case = fire(GUARANTEE_CLAIM, case, "start_review", at=AT, actor=agent)
        for verdict in ("eligible", "eligible"):
            case = fire(
                GUARANTEE_CLAIM,
                case,
                "record_eligibility",
                at=AT,
                actor=agent,
                data={"eligibility": verdict},
            )
        history = case_history(GUARANTEE_CLAIM, case)
        assert len(history) == 4
        assert [(e["from"], e["to"], e["category"]) for e in history.events[2:]] == [
            ("under_review", "under_review", "open"),
        ] * 2

    def test_replayed_case_same_history(self) -> None:
        """A case rebuilt by replay gives the same history as the original."""
        case = claim()
        assert case_history(GUARANTEE_CLAIM, replay(case.trail, GUARANTEE_CLAIM)) == case_history(
            GUARANTEE_CLAIM, case
        )

    def test_other_version_refused(self) -> None:
        """A case of another version is a ``ConfigurationError``."""
        with pytest.raises(ConfigurationError):
            case_history(V2, ticket())

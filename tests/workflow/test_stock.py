"""The stock workflows, step by step: every transition allowed or refused, with its reasons.

Expectations are written out by hand below (``EXPECTED``, ``ROLES``, ``CATEGORIES``) from the
policy each workflow states, not read from the workflow values under test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from safetycore.errors import TransitionRefusedError
from safetycore.events import StatusCategory
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Actor,
    Case,
    Refusal,
    Workflow,
    fire,
    open_case,
)

AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
LATER = AT + timedelta(days=1)
CUSTOMER = Actor("customer:1")
NOBODY = Actor("nobody:1", {"visitor"})
STOCK = {w.name: w for w in (SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM)}
DOCS = ("vet_invoice", "vet_records")

# (status, event) -> the status the event leads to; every other pair is refused.
EXPECTED: dict[str, dict[tuple[str, str], str]] = {
    "support-ticket": {
        ("new", "start_work"): "open",
        ("new", "solve"): "solved",
        ("open", "ask_customer"): "pending",
        ("open", "hold"): "on_hold",
        ("open", "solve"): "solved",
        ("pending", "customer_replied"): "open",
        ("pending", "solve"): "solved",
        ("on_hold", "resume"): "open",
        ("on_hold", "solve"): "solved",
        ("solved", "reopen"): "open",
        ("solved", "close"): "closed",
    },
    "safety-incident": {
        ("reported", "triage_emergency"): "triaged_emergency",
        ("reported", "triage_standard"): "triaged_standard",
        ("triaged_emergency", "investigate"): "investigating",
        ("triaged_standard", "investigate"): "investigating",
        ("investigating", "request_information"): "awaiting_information",
        ("awaiting_information", "information_received"): "investigating",
        ("investigating", "decide"): "decided",
        ("investigating", "propose_removal"): "removal_review",
        ("removal_review", "confirm_removal"): "decided",
        ("removal_review", "reject_removal"): "investigating",
        ("decided", "appeal"): "appeal",
        ("decided", "close"): "closed",
        ("appeal", "resolve_appeal"): "closed",
    },
    "guarantee-claim": {
        ("submitted", "start_review"): "under_review",
        ("submitted", "request_documents"): "awaiting_documents",
        ("under_review", "request_documents"): "awaiting_documents",
        ("awaiting_documents", "documents_received"): "under_review",
        ("under_review", "record_eligibility"): "under_review",
        ("under_review", "approve"): "approved",
        ("under_review", "deny"): "denied",
        ("approved", "pay"): "paid",
        ("denied", "appeal"): "appeal",
        ("appeal", "overturn"): "under_review",
        ("appeal", "uphold_denial"): "closed",
        ("paid", "close"): "closed",
        ("denied", "close"): "closed",
    },
}

# event -> (the roles that may take it, data and evidence that satisfy its requirements).
Inputs = tuple[tuple[str, ...], Mapping[str, Any], tuple[str, ...]]
ROLES: dict[str, dict[str, Inputs]] = {
    "support-ticket": {
        "start_work": (("agent", "system"), {}, ()),
        "ask_customer": (("agent",), {}, ()),
        "hold": (("agent",), {"third_party": "carrier"}, ()),
        "customer_replied": ((), {}, ()),
        "resume": (("agent", "system"), {}, ()),
        "solve": (("agent",), {"resolution": "refunded"}, ()),
        "reopen": ((), {}, ()),
        "close": (("agent", "system"), {}, ()),
    },
    "safety-incident": {
        "triage_emergency": (("trust_safety",), {"emergency_reason": "threat"}, ()),
        "triage_standard": (("trust_safety",), {}, ()),
        "investigate": (("trust_safety",), {}, ()),
        "request_information": (("trust_safety",), {}, ()),
        "information_received": ((), {}, ()),
        "decide": (("trust_safety",), {"outcome": "warning"}, ("investigation_notes",)),
        "propose_removal": (("trust_safety",), {}, ("investigation_notes",)),
        "confirm_removal": (("trust_safety_lead",), {"outcome": "removal"}, ()),
        "reject_removal": (("trust_safety_lead",), {}, ()),
        "appeal": ((), {}, ()),
        "resolve_appeal": (("trust_safety_lead",), {"appeal_outcome": "upheld"}, ()),
        "close": (("system", "trust_safety"), {}, ()),
    },
    "guarantee-claim": {
        "start_review": (("claims_agent", "system"), {}, ()),
        "request_documents": (("claims_agent", "system"), {"documents": list(DOCS)}, ()),
        "documents_received": ((), {}, DOCS),
        "record_eligibility": (("claims_agent",), {"eligibility": "eligible"}, ()),
        "approve": (("claims_agent",), {"amount": 12_000}, ()),
        "deny": (("claims_agent",), {"reasons": ["late"]}, ()),
        "pay": (("finance",), {}, ()),
        "appeal": ((), {}, ()),
        "overturn": (("claims_lead",), {}, ()),
        "uphold_denial": (("claims_lead",), {}, ()),
        "close": (("claims_agent", "system"), {}, ()),
    },
}

# status -> the events that reach it from the initial status (each with the inputs above).
PATHS: dict[str, dict[str, tuple[str, ...]]] = {
    "support-ticket": {
        "new": (),
        "open": ("start_work",),
        "pending": ("start_work", "ask_customer"),
        "on_hold": ("start_work", "hold"),
        "solved": ("solve",),
        "closed": ("solve", "close"),
    },
    "safety-incident": {
        "reported": (),
        "triaged_emergency": ("triage_emergency",),
        "triaged_standard": ("triage_standard",),
        "investigating": ("triage_standard", "investigate"),
        "awaiting_information": ("triage_standard", "investigate", "request_information"),
        "removal_review": ("triage_standard", "investigate", "propose_removal"),
        "decided": ("triage_standard", "investigate", "decide"),
        "appeal": ("triage_standard", "investigate", "decide", "appeal"),
        "closed": ("triage_standard", "investigate", "decide", "close"),
    },
    "guarantee-claim": {
        "submitted": (),
        "awaiting_documents": ("request_documents",),
        # Documents in and eligibility decided, so that every step out of review can be taken.
        "under_review": ("request_documents", "documents_received", "record_eligibility"),
        "approved": ("request_documents", "documents_received", "record_eligibility", "approve"),
        "denied": ("start_review", "deny"),
        "paid": (
            "request_documents",
            "documents_received",
            "record_eligibility",
            "approve",
            "pay",
        ),
        "appeal": ("start_review", "deny", "appeal"),
        "closed": ("start_review", "deny", "close"),
    },
}

CATEGORIES: dict[str, dict[str, StatusCategory]] = {
    "support-ticket": {
        "new": StatusCategory.NEW,
        "open": StatusCategory.OPEN,
        "pending": StatusCategory.PENDING,
        "on_hold": StatusCategory.ON_HOLD,
        "solved": StatusCategory.SOLVED,
        "closed": StatusCategory.CLOSED,
    },
    "safety-incident": {
        "reported": StatusCategory.NEW,
        "triaged_emergency": StatusCategory.OPEN,
        "triaged_standard": StatusCategory.OPEN,
        "investigating": StatusCategory.OPEN,
        "awaiting_information": StatusCategory.PENDING,
        "removal_review": StatusCategory.ON_HOLD,
        "decided": StatusCategory.SOLVED,
        "appeal": StatusCategory.OPEN,
        "closed": StatusCategory.CLOSED,
    },
    "guarantee-claim": {
        "submitted": StatusCategory.NEW,
        "awaiting_documents": StatusCategory.PENDING,
        "under_review": StatusCategory.OPEN,
        "approved": StatusCategory.SOLVED,
        "denied": StatusCategory.SOLVED,
        "paid": StatusCategory.SOLVED,
        "appeal": StatusCategory.OPEN,
        "closed": StatusCategory.CLOSED,
    },
}


def actor_for(roles: tuple[str, ...], role: str | None = None) -> Actor:
    """An actor holding just ``role`` (by default the first of ``roles``), or a customer."""
    if not roles:
        return CUSTOMER
    chosen = role or roles[0]
    return Actor(f"{chosen}:1", {chosen})


def take(
    workflow: Workflow,
    case: Case,
    event: str,
    *,
    at: datetime,
    actor: Actor | None = None,
    data: Mapping[str, Any] | None = None,
    evidence: Iterable[str] | None = None,
) -> Case:
    """Fire ``event`` with the satisfying inputs of ``ROLES``, any of them overridden."""
    roles, good_data, good_evidence = ROLES[workflow.name][event]
    return fire(
        workflow,
        case,
        event,
        at=at,
        actor=actor or actor_for(roles),
        data=good_data if data is None else data,
        evidence=good_evidence if evidence is None else evidence,
    )


def walk(workflow: Workflow, events: Iterable[str], case_id: str = "C-1") -> Case:
    """A case opened at ``AT`` and taken through ``events``, one minute apart."""
    case = open_case(workflow, case_id, at=AT, actor=CUSTOMER)
    for minutes, event in enumerate(events, start=1):
        case = take(workflow, case, event, at=AT + timedelta(minutes=minutes))
    return case


def reach(workflow: Workflow, status: str) -> Case:
    """A case in ``status``, reached along ``PATHS``."""
    case = walk(workflow, PATHS[workflow.name][status])
    assert case.status == status
    return case


def refused(
    workflow: Workflow,
    case: Case,
    event: str,
    *,
    at: datetime = LATER,
    actor: Actor | None = None,
    data: Mapping[str, Any] | None = None,
    evidence: Iterable[str] | None = None,
) -> tuple[Refusal, ...]:
    """The reasons ``take`` is refused with, checking that the case is left as it was."""
    before = case.to_dict()
    with pytest.raises(TransitionRefusedError) as caught:
        take(workflow, case, event, at=at, actor=actor, data=data, evidence=evidence)
    assert case.to_dict() == before
    assert (caught.value.event, caught.value.status) == (event, case.status)
    return tuple(caught.value.reasons)


ALLOWED = [
    pytest.param(name, status, event, target, id=f"{name}:{status}:{event}")
    for name, table in EXPECTED.items()
    for (status, event), target in table.items()
]
ALLOWED_BY_ROLE = [
    pytest.param(name, status, event, role, id=f"{name}:{status}:{event}:{role}")
    for name, table in EXPECTED.items()
    for status, event in table
    for role in ROLES[name][event][0]
]
WITH_ROLES = [
    pytest.param(name, status, event, id=f"{name}:{status}:{event}")
    for name, table in EXPECTED.items()
    for status, event in table
    if ROLES[name][event][0]
]
WRONG_STATUS = [
    pytest.param(name, status, event, id=f"{name}:{status}:{event}")
    for name, table in EXPECTED.items()
    for status in PATHS[name]
    for event in ROLES[name]
    if (status, event) not in table
]


class TestStockDefinitions:
    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_table_is_the_policy(self, name: str) -> None:
        """The compiled table holds exactly the transitions written out by hand."""
        workflow = STOCK[name]
        table = {
            (status, event): target
            for status, row in workflow.targets.items()
            for event, target in row.items()
        }
        assert table == EXPECTED[name]

    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_roles_are_the_policy(self, name: str) -> None:
        """Each event's roles are those written out by hand."""
        workflow = STOCK[name]
        roles = {step.event: step.roles for step in workflow.steps}
        assert roles == {event: frozenset(r) for event, (r, _, _) in ROLES[name].items()}

    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_categories(self, name: str) -> None:
        """Each status has the SLA category written out by hand."""
        workflow = STOCK[name]
        assert {s.name: s.category for s in workflow.statuses} == CATEGORIES[name]

    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_only_closed_is_final(self, name: str) -> None:
        """Every stock workflow starts at its first status and ends only in ``closed``."""
        workflow = STOCK[name]
        assert workflow.initial == next(iter(PATHS[name]))
        assert workflow.final == frozenset({"closed"})


class TestFireOnStock:
    @pytest.mark.parametrize(("name", "status", "event", "target"), ALLOWED)
    def test_allowed(self, name: str, status: str, event: str, target: str) -> None:
        """Each allowed transition, with satisfying inputs, moves the case to its target."""
        workflow = STOCK[name]
        case = reach(workflow, status)
        after = take(workflow, case, event, at=LATER)
        assert after.status == target
        record = after.trail[-1]
        assert (record.event, record.from_status, record.to_status) == (event, status, target)

    @pytest.mark.parametrize(("name", "status", "event", "role"), ALLOWED_BY_ROLE)
    def test_each_role_suffices(self, name: str, status: str, event: str, role: str) -> None:
        """An actor holding any single one of the step's roles may take it."""
        workflow = STOCK[name]
        after = take(workflow, reach(workflow, status), event, at=LATER, actor=Actor("x:1", {role}))
        assert after.status == EXPECTED[name][(status, event)]

    @pytest.mark.parametrize(("name", "status", "event"), WITH_ROLES)
    def test_refused_without_role(self, name: str, status: str, event: str) -> None:
        """An actor with none of the step's roles is refused for that reason alone."""
        workflow = STOCK[name]
        roles = ", ".join(sorted(ROLES[name][event][0]))
        reasons = refused(workflow, reach(workflow, status), event, actor=NOBODY)
        assert reasons == (Refusal("role", f"nobody:1 needs one of the roles {roles}"),)

    @pytest.mark.parametrize(("name", "status", "event"), WRONG_STATUS)
    def test_refused_from_wrong_status(self, name: str, status: str, event: str) -> None:
        """Every event that does not leave the case's status is refused as wrong_status only."""
        workflow = STOCK[name]
        reasons = refused(workflow, reach(workflow, status), event)
        assert reasons == (
            Refusal("wrong_status", f"{event!r} cannot be taken from status {status!r}"),
        )

    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_unknown_event(self, name: str) -> None:
        """An event the workflow does not have is refused as unknown_event."""
        workflow = STOCK[name]
        case = reach(workflow, workflow.initial)
        with pytest.raises(TransitionRefusedError) as caught:
            fire(workflow, case, "escalate", at=LATER, actor=CUSTOMER)
        assert caught.value.reasons == (
            Refusal("unknown_event", f"'escalate' is not a step of {name}"),
        )

    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_time_order(self, name: str) -> None:
        """A step dated before the case's last record is refused as time_order."""
        workflow = STOCK[name]
        status, event = next(iter(EXPECTED[name]))
        case = reach(workflow, status)
        early = AT - timedelta(seconds=1)
        reasons = refused(workflow, case, event, at=early)
        assert reasons == (
            Refusal("time_order", f"{early.isoformat()} is before the case's last step"),
        )

    @pytest.mark.parametrize("name", list(EXPECTED))
    def test_same_instant_allowed(self, name: str) -> None:
        """A step at the very instant of the last record is in time order."""
        workflow = STOCK[name]
        status, event = next(iter(EXPECTED[name]))
        assert take(workflow, reach(workflow, status), event, at=AT).status != status


class TestSupportTicket:
    def test_hold_needs_third_party(self) -> None:
        """Putting a ticket on hold needs the third party it waits on."""
        case = reach(SUPPORT_TICKET, "open")
        assert refused(SUPPORT_TICKET, case, "hold", data={}) == (
            Refusal("data_third_party", "the step needs data: third_party"),
        )

    @pytest.mark.parametrize("status", ["new", "open", "pending", "on_hold"])
    def test_solve_needs_resolution(self, status: str) -> None:
        """Solving needs a non-empty resolution, from every status it leaves."""
        case = reach(SUPPORT_TICKET, status)
        assert refused(SUPPORT_TICKET, case, "solve", data={"resolution": ""}) == (
            Refusal("data_resolution", "the step needs data: resolution"),
        )

    def test_all_reasons_at_once(self) -> None:
        """Role, requirement and time order are all reported together."""
        case = reach(SUPPORT_TICKET, "open")
        early = AT - timedelta(hours=1)
        reasons = refused(SUPPORT_TICKET, case, "hold", at=early, actor=NOBODY, data={})
        assert [reason.code for reason in reasons] == ["role", "data_third_party", "time_order"]

    def test_customer_reopens_solved(self) -> None:
        """A customer (no role) reopens a solved ticket, which can then be solved again."""
        case = reach(SUPPORT_TICKET, "solved")
        reopened = take(SUPPORT_TICKET, case, "reopen", at=LATER, actor=CUSTOMER)
        assert reopened.status == "open"
        assert reopened.trail[-1].actor == "customer:1"
        again = take(SUPPORT_TICKET, reopened, "solve", at=LATER)
        assert [r.event for r in again.trail] == ["created", "solve", "reopen", "solve"]

    def test_closed_cannot_reopen(self) -> None:
        """Once closed, a ticket cannot be reopened."""
        case = reach(SUPPORT_TICKET, "closed")
        assert refused(SUPPORT_TICKET, case, "reopen") == (
            Refusal("wrong_status", "'reopen' cannot be taken from status 'closed'"),
        )

    def test_resolution_becomes_a_fact(self) -> None:
        """The resolution carried by ``solve`` is kept among the case's facts."""
        assert reach(SUPPORT_TICKET, "closed").fact_map == {"resolution": "refunded"}


OUTCOME_REASON = (
    "the decision needs an outcome: no_action, warning or suspension "
    "(removal goes through propose_removal)"
)
NOTES = Refusal("evidence_investigation_notes", "evidence required: investigation_notes")
SECOND = Refusal(
    "second_reviewer", "a second reviewer, not the one who proposed the removal, must confirm it"
)
LEAD_A = Actor("ts:a", {"trust_safety", "trust_safety_lead"})
LEAD_B = Actor("ts:b", {"trust_safety", "trust_safety_lead"})


class TestSafetyIncident:
    def test_emergency_needs_reason(self) -> None:
        """Emergency triage needs the emergency's reason; standard triage needs nothing."""
        case = reach(SAFETY_INCIDENT, "reported")
        assert refused(SAFETY_INCIDENT, case, "triage_emergency", data={}) == (
            Refusal("data_emergency_reason", "the step needs data: emergency_reason"),
        )

    @pytest.mark.parametrize(
        ("data", "evidence", "expected"),
        [
            ({"outcome": "warning"}, (), (NOTES,)),
            (
                {"outcome": "removal"},
                ("investigation_notes",),
                (Refusal("outcome", OUTCOME_REASON),),
            ),
            ({}, (), (Refusal("outcome", OUTCOME_REASON), NOTES)),
        ],
        ids=["no-notes", "removal-is-not-an-outcome", "nothing"],
    )
    def test_decide_requirements(
        self, data: dict[str, Any], evidence: tuple[str, ...], expected: tuple[Refusal, ...]
    ) -> None:
        """A decision needs a known outcome (not removal) and the investigation notes."""
        case = reach(SAFETY_INCIDENT, "investigating")
        assert refused(SAFETY_INCIDENT, case, "decide", data=data, evidence=evidence) == expected

    @pytest.mark.parametrize("outcome", ["no_action", "warning", "suspension"])
    def test_decide_outcomes(self, outcome: str) -> None:
        """Each of the three outcomes is accepted and becomes a fact."""
        case = reach(SAFETY_INCIDENT, "investigating")
        decided = take(SAFETY_INCIDENT, case, "decide", at=LATER, data={"outcome": outcome})
        assert decided.fact_map["outcome"] == outcome

    def test_notes_on_file_suffice(self) -> None:
        """Notes that arrived with an earlier step satisfy a later one."""
        case = reach(SAFETY_INCIDENT, "removal_review")
        back = take(SAFETY_INCIDENT, case, "reject_removal", at=LATER)
        decided = take(SAFETY_INCIDENT, back, "decide", at=LATER, evidence=())
        assert decided.status == "decided"

    def test_propose_removal_needs_notes(self) -> None:
        """Proposing a removal needs the investigation notes."""
        case = reach(SAFETY_INCIDENT, "investigating")
        assert refused(SAFETY_INCIDENT, case, "propose_removal", evidence=()) == (NOTES,)

    def test_second_reviewer(self) -> None:
        """The person who proposed a removal cannot confirm it; another lead can."""
        case = walk(SAFETY_INCIDENT, PATHS["safety-incident"]["investigating"])
        proposed = take(SAFETY_INCIDENT, case, "propose_removal", at=LATER, actor=LEAD_A)
        assert refused(SAFETY_INCIDENT, proposed, "confirm_removal", actor=LEAD_A) == (SECOND,)
        confirmed = take(SAFETY_INCIDENT, proposed, "confirm_removal", at=LATER, actor=LEAD_B)
        assert (confirmed.status, confirmed.fact_map["outcome"]) == ("decided", "removal")

    def test_second_reviewer_of_the_last_proposal(self) -> None:
        """After a rejection and a new proposal, only the last proposer is barred."""
        case = walk(SAFETY_INCIDENT, PATHS["safety-incident"]["investigating"])
        case = take(SAFETY_INCIDENT, case, "propose_removal", at=LATER, actor=LEAD_A)
        case = take(SAFETY_INCIDENT, case, "reject_removal", at=LATER, actor=LEAD_B)
        case = take(SAFETY_INCIDENT, case, "propose_removal", at=LATER, actor=LEAD_B)
        assert refused(SAFETY_INCIDENT, case, "confirm_removal", actor=LEAD_B) == (SECOND,)
        assert take(SAFETY_INCIDENT, case, "confirm_removal", at=LATER, actor=LEAD_A).status == (
            "decided"
        )

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            ({}, ("outcome_removal",)),
            ({"outcome": "warning"}, ("outcome_removal",)),
        ],
        ids=["no-outcome", "other-outcome"],
    )
    def test_confirm_removal_outcome(self, data: dict[str, Any], expected: tuple[str, ...]) -> None:
        """Confirming a removal must carry the outcome ``removal``."""
        case = reach(SAFETY_INCIDENT, "removal_review")
        reasons = refused(SAFETY_INCIDENT, case, "confirm_removal", data=data)
        assert tuple(reason.code for reason in reasons) == expected
        assert reasons[-1].reason == "the confirmation needs outcome: removal"

    def test_no_action_not_appealable(self) -> None:
        """A no-action decision cannot be appealed, but can be closed."""
        case = walk(SAFETY_INCIDENT, PATHS["safety-incident"]["investigating"])
        case = take(SAFETY_INCIDENT, case, "decide", at=LATER, data={"outcome": "no_action"})
        assert refused(SAFETY_INCIDENT, case, "appeal") == (
            Refusal("appealable", "a no-action decision cannot be appealed"),
        )
        assert take(SAFETY_INCIDENT, case, "close", at=LATER).status == "closed"

    def test_removal_appealable(self) -> None:
        """A confirmed removal can be appealed by anyone (no role)."""
        case = reach(SAFETY_INCIDENT, "removal_review")
        case = take(SAFETY_INCIDENT, case, "confirm_removal", at=LATER)
        assert take(SAFETY_INCIDENT, case, "appeal", at=LATER, actor=CUSTOMER).status == "appeal"

    def test_resolve_appeal_needs_outcome(self) -> None:
        """Resolving an appeal needs its outcome."""
        case = reach(SAFETY_INCIDENT, "appeal")
        assert refused(SAFETY_INCIDENT, case, "resolve_appeal", data={}) == (
            Refusal("data_appeal_outcome", "the step needs data: appeal_outcome"),
        )


ELIGIBLE_FIRST = Refusal("fact_eligibility", "eligibility must be decided as eligible first")
NO_DOCS = Refusal("evidence_vet_invoice_vet_records", "evidence required: vet_invoice, vet_records")


class TestGuaranteeClaim:
    def test_request_documents_names_them(self) -> None:
        """Requesting documents must say which."""
        case = reach(GUARANTEE_CLAIM, "submitted")
        assert refused(GUARANTEE_CLAIM, case, "request_documents", data={"documents": []}) == (
            Refusal("data_documents", "the step needs data: documents"),
        )

    def test_documents_move_claim_back_to_review(self) -> None:
        """Documents arriving (from anyone) move the claim back to review, and are kept."""
        case = reach(GUARANTEE_CLAIM, "awaiting_documents")
        after = take(GUARANTEE_CLAIM, case, "documents_received", at=LATER, actor=CUSTOMER)
        assert after.status == "under_review"
        assert after.evidence == frozenset(DOCS)
        assert after.trail[-1].evidence == frozenset(DOCS)

    def test_documents_requested_again_from_review(self) -> None:
        """A claim under review can go back to waiting for documents."""
        case = reach(GUARANTEE_CLAIM, "under_review")
        again = take(GUARANTEE_CLAIM, case, "request_documents", at=LATER)
        assert again.status == "awaiting_documents"

    def test_record_eligibility_stays_in_review(self) -> None:
        """Recording eligibility keeps the claim under review and records the decision."""
        case = walk(GUARANTEE_CLAIM, ["start_review"])
        case = take(GUARANTEE_CLAIM, case, "record_eligibility", at=LATER)
        assert (case.status, case.fact_map["eligibility"]) == ("under_review", "eligible")
        assert refused(GUARANTEE_CLAIM, case, "record_eligibility", data={}) == (
            Refusal("data_eligibility", "the step needs data: eligibility"),
        )

    def test_approve_before_eligibility(self) -> None:
        """Approval before an eligibility decision is refused, documents or not."""
        case = walk(GUARANTEE_CLAIM, ["request_documents", "documents_received"])
        assert refused(GUARANTEE_CLAIM, case, "approve") == (ELIGIBLE_FIRST,)

    def test_approve_when_ineligible(self) -> None:
        """Approval after an ineligible decision is refused."""
        case = walk(GUARANTEE_CLAIM, ["request_documents", "documents_received"])
        case = take(
            GUARANTEE_CLAIM, case, "record_eligibility", at=LATER, data={"eligibility": "no"}
        )
        assert refused(GUARANTEE_CLAIM, case, "approve") == (ELIGIBLE_FIRST,)

    def test_approve_cannot_decide_eligibility_itself(self) -> None:
        """Approval cannot bring its own eligibility decision with it."""
        case = walk(GUARANTEE_CLAIM, ["request_documents", "documents_received"])
        reasons = refused(
            GUARANTEE_CLAIM, case, "approve", data={"amount": 100, "eligibility": "eligible"}
        )
        assert reasons == (ELIGIBLE_FIRST,)

    def test_approve_needs_documents(self) -> None:
        """Approval needs both the vet invoice and the vet records."""
        case = walk(GUARANTEE_CLAIM, ["start_review", "record_eligibility"])
        assert refused(GUARANTEE_CLAIM, case, "approve") == (NO_DOCS,)
        assert refused(GUARANTEE_CLAIM, case, "approve", evidence=["vet_invoice"]) == (NO_DOCS,)

    def test_documents_may_arrive_with_approval(self) -> None:
        """Documents handed in with the approval itself satisfy it."""
        case = walk(GUARANTEE_CLAIM, ["start_review", "record_eligibility"])
        approved = take(GUARANTEE_CLAIM, case, "approve", at=LATER, evidence=DOCS)
        assert approved.status == "approved"

    def test_approve_every_reason(self) -> None:
        """Without role, decision, amount and documents, all four reasons are listed."""
        case = walk(GUARANTEE_CLAIM, ["start_review"])
        reasons = refused(GUARANTEE_CLAIM, case, "approve", actor=NOBODY, data={})
        assert reasons == (
            Refusal("role", "nobody:1 needs one of the roles claims_agent"),
            ELIGIBLE_FIRST,
            Refusal("data_amount", "the step needs data: amount"),
            NO_DOCS,
        )

    def test_deny_needs_reasons(self) -> None:
        """A denial needs its reasons."""
        case = reach(GUARANTEE_CLAIM, "under_review")
        assert refused(GUARANTEE_CLAIM, case, "deny", data={"reasons": []}) == (
            Refusal("data_reasons", "the step needs data: reasons"),
        )

    def test_overturned_denial_returns_to_review(self) -> None:
        """An overturned denial goes back to review, where it can be approved."""
        case = walk(GUARANTEE_CLAIM, [*PATHS["guarantee-claim"]["under_review"], "deny", "appeal"])
        case = take(GUARANTEE_CLAIM, case, "overturn", at=LATER)
        assert take(GUARANTEE_CLAIM, case, "approve", at=LATER).status == "approved"

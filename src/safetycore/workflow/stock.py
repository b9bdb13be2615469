"""The three stock workflows: support ticket, safety incident, guarantee claim.

Each is an ordinary ``Workflow`` value: use it as it is, or derive your own version with
``with_status``, ``with_steps`` and ``with_requirement``. Roles used here: ``agent``,
``customer``, ``system``, ``trust_safety``, ``trust_safety_lead``, ``claims_agent``,
``claims_lead``, ``finance``. Diagrams of all three are in ``docs/workflows.md``.
"""

from __future__ import annotations

from typing import Final

from safetycore.events import StatusCategory as C
from safetycore.workflow.definition import Attempt, Requirement, Status, Step, Workflow

__all__ = ["GUARANTEE_CLAIM", "SAFETY_INCIDENT", "SUPPORT_TICKET"]

_AGENTS = ("agent", "system")

SUPPORT_TICKET: Final = Workflow(
    "support-ticket",
    "1",
    statuses=[
        Status("new", C.NEW),
        Status("open", C.OPEN),
        Status("pending", C.PENDING, label="Pending (waiting on customer)"),
        Status("on_hold", C.ON_HOLD, label="On hold (waiting on a third party)"),
        Status("solved", C.SOLVED),
        Status("closed", C.CLOSED),
    ],
    initial="new",
    steps=[
        Step("start_work", "new", "open", roles=_AGENTS),
        Step("ask_customer", "open", "pending", roles={"agent"}),
        Step(
            "hold",
            "open",
            "on_hold",
            roles={"agent"},
            requirements=[Requirement.data("third_party")],
        ),
        Step("customer_replied", "pending", "open"),
        Step("resume", "on_hold", "open", roles=_AGENTS),
        Step(
            "solve",
            ("new", "open", "pending", "on_hold"),
            "solved",
            roles={"agent"},
            requirements=[Requirement.data("resolution")],
        ),
        Step("reopen", "solved", "open", label="reopen (customer reply)"),
        Step("close", "solved", "closed", roles=_AGENTS),
    ],
    final={"closed"},
)
"""new -> open -> pending / on hold -> solved -> closed; a customer reply reopens until closed."""

_OUTCOMES: Final = frozenset({"no_action", "warning", "suspension"})


def _known_outcome(attempt: Attempt) -> bool:
    return attempt.data.get("outcome") in _OUTCOMES


def _second_reviewer(attempt: Attempt) -> bool:
    proposers = [r.actor for r in attempt.case.trail if r.event == "propose_removal"]
    return bool(proposers) and proposers[-1] != attempt.actor.id


def _removal_outcome(attempt: Attempt) -> bool:
    return attempt.data.get("outcome") == "removal"


def _documents_arrived(attempt: Attempt) -> bool:
    return bool(attempt.evidence - attempt.case.evidence)


def _appealable(attempt: Attempt) -> bool:
    return attempt.facts.get("outcome") != "no_action"


SAFETY_INCIDENT: Final = Workflow(
    "safety-incident",
    "1",
    statuses=[
        Status("reported", C.NEW),
        Status("triaged_emergency", C.OPEN, label="Triaged: emergency"),
        Status("triaged_standard", C.OPEN, label="Triaged: standard"),
        Status("investigating", C.OPEN),
        Status("awaiting_information", C.PENDING),
        Status("removal_review", C.ON_HOLD, label="Removal: second review"),
        Status("decided", C.SOLVED),
        Status("appeal", C.OPEN),
        Status("closed", C.CLOSED),
    ],
    initial="reported",
    steps=[
        Step(
            "triage_emergency",
            "reported",
            "triaged_emergency",
            roles={"trust_safety"},
            requirements=[Requirement.data("emergency_reason")],
            label="triage: emergency (jumps the queue)",
        ),
        Step("triage_standard", "reported", "triaged_standard", roles={"trust_safety"}),
        Step(
            "investigate",
            ("triaged_emergency", "triaged_standard"),
            "investigating",
            roles={"trust_safety"},
        ),
        Step(
            "request_information", "investigating", "awaiting_information", roles={"trust_safety"}
        ),
        Step("information_received", "awaiting_information", "investigating"),
        Step(
            "decide",
            "investigating",
            "decided",
            roles={"trust_safety"},
            requirements=[
                Requirement(
                    "outcome",
                    "the decision needs an outcome: no_action, warning or suspension "
                    "(removal goes through propose_removal)",
                    _known_outcome,
                ),
                Requirement.evidence("investigation_notes"),
            ],
        ),
        Step(
            "propose_removal",
            "investigating",
            "removal_review",
            roles={"trust_safety"},
            requirements=[Requirement.evidence("investigation_notes")],
        ),
        Step(
            "confirm_removal",
            "removal_review",
            "decided",
            roles={"trust_safety_lead"},
            requirements=[
                Requirement(
                    "second_reviewer",
                    "a second reviewer, not the one who proposed the removal, must confirm it",
                    _second_reviewer,
                ),
                Requirement(
                    "outcome_removal",
                    "the confirmation needs outcome: removal",
                    _removal_outcome,
                ),
            ],
        ),
        Step("reject_removal", "removal_review", "investigating", roles={"trust_safety_lead"}),
        Step(
            "appeal",
            "decided",
            "appeal",
            requirements=[
                Requirement("appealable", "a no-action decision cannot be appealed", _appealable)
            ],
        ),
        Step(
            "resolve_appeal",
            "appeal",
            "closed",
            roles={"trust_safety_lead"},
            requirements=[Requirement.data("appeal_outcome")],
        ),
        Step("close", "decided", "closed", roles=("trust_safety", "system")),
    ],
    final={"closed"},
)
"""reported -> triaged -> investigating <-> awaiting information -> decided -> appeal -> closed.

A removal from the platform takes two people: one proposes it, a lead (another person)
confirms it.
"""

_DOCUMENTS: Final = ("vet_invoice", "vet_records")

GUARANTEE_CLAIM: Final = Workflow(
    "guarantee-claim",
    "1",
    statuses=[
        Status("submitted", C.NEW),
        Status("awaiting_documents", C.PENDING),
        Status("under_review", C.OPEN),
        Status("approved", C.SOLVED),
        Status("denied", C.SOLVED),
        Status("paid", C.SOLVED),
        Status("appeal", C.OPEN),
        Status("closed", C.CLOSED),
    ],
    initial="submitted",
    steps=[
        Step("start_review", "submitted", "under_review", roles=("claims_agent", "system")),
        Step(
            "request_documents",
            ("submitted", "under_review"),
            "awaiting_documents",
            roles=("claims_agent", "system"),
            requirements=[Requirement.data("documents")],
        ),
        Step(
            "documents_received",
            "awaiting_documents",
            "under_review",
            requirements=[
                Requirement(
                    "documents_arrived",
                    "at least one new document must arrive with this step",
                    _documents_arrived,
                )
            ],
        ),
        Step(
            "record_eligibility",
            "under_review",
            "under_review",
            roles={"claims_agent"},
            requirements=[Requirement.data("eligibility")],
        ),
        Step(
            "approve",
            "under_review",
            "approved",
            roles={"claims_agent"},
            requirements=[
                Requirement.fact(
                    "eligibility",
                    equals="eligible",
                    reason="eligibility must be decided as eligible first",
                ),
                Requirement.data("amount"),
                Requirement.evidence(*_DOCUMENTS),
            ],
        ),
        Step(
            "deny",
            "under_review",
            "denied",
            roles={"claims_agent"},
            requirements=[Requirement.data("reasons")],
        ),
        Step("pay", "approved", "paid", roles={"finance"}),
        Step("appeal", "denied", "appeal"),
        Step("overturn", "appeal", "under_review", roles={"claims_lead"}),
        Step("uphold_denial", "appeal", "closed", roles={"claims_lead"}),
        Step("close", ("paid", "denied"), "closed", roles=("claims_agent", "system")),
    ],
    final={"closed"},
)
"""submitted -> awaiting documents <-> under review -> approved -> paid -> closed, or denied
-> appeal. Approval needs an eligible decision, an amount and the vet invoice and records."""

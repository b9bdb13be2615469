"""The stock workflows as data: each file pinned against a Python definition written here.

The files in ``safetycore/policies`` are the stock workflows' source of truth; the
definitions below are the policy written out again by hand, so a change to a file that is
not a change of policy fails here.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest

from safetycore.events import StatusCategory as C
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    STOCK_CHECKS,
    SUPPORT_TICKET,
    Requirement,
    Status,
    Step,
    Workflow,
)

_AGENTS = ("agent", "system")

PINNED_SUPPORT_TICKET = Workflow(
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

PINNED_SAFETY_INCIDENT = Workflow(
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
                Requirement.named(
                    "known_outcome",
                    STOCK_CHECKS["known_outcome"],
                    code="outcome",
                    reason="the decision needs an outcome: no_action, warning or suspension "
                    "(removal goes through propose_removal)",
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
                Requirement.named(
                    "second_reviewer",
                    STOCK_CHECKS["second_reviewer"],
                    reason="a second reviewer, not the one who proposed the removal, must "
                    "confirm it",
                ),
                Requirement.named(
                    "removal_outcome",
                    STOCK_CHECKS["removal_outcome"],
                    code="outcome_removal",
                    reason="the confirmation needs outcome: removal",
                ),
            ],
        ),
        Step("reject_removal", "removal_review", "investigating", roles={"trust_safety_lead"}),
        Step(
            "appeal",
            "decided",
            "appeal",
            requirements=[
                Requirement.named(
                    "appealable",
                    STOCK_CHECKS["appealable"],
                    reason="a no-action decision cannot be appealed",
                )
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

_DOCUMENTS = ("vet_invoice", "vet_records")

PINNED_GUARANTEE_CLAIM = Workflow(
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
                Requirement.named(
                    "documents_arrived",
                    STOCK_CHECKS["documents_arrived"],
                    reason="at least one new document must arrive with this step",
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

FILES = {
    "support_ticket.workflow.json": (SUPPORT_TICKET, PINNED_SUPPORT_TICKET),
    "safety_incident.workflow.json": (SAFETY_INCIDENT, PINNED_SAFETY_INCIDENT),
    "guarantee_claim.workflow.json": (GUARANTEE_CLAIM, PINNED_GUARANTEE_CLAIM),
}


def shipped_document(file: str) -> Any:
    """The parsed shipped file ``safetycore/policies/<file>``, read as package data."""
    return json.loads(files("safetycore").joinpath("policies", file).read_text("utf-8"))


class TestStockFiles:
    @pytest.mark.parametrize("file", sorted(FILES))
    def test_file_is_the_pinned_definition(self, file: str) -> None:
        """Each shipped workflow equals its definition written out here, graph and all."""
        shipped, pinned = FILES[file]
        assert shipped == pinned
        assert shipped.targets == pinned.targets
        assert [s.requirements for s in shipped.steps] == [s.requirements for s in pinned.steps]

    @pytest.mark.parametrize("file", sorted(FILES))
    def test_loading_is_deterministic(self, file: str) -> None:
        """Reading a file again gives an equal workflow, and writing it gives the file back."""
        shipped, _ = FILES[file]
        again = Workflow.from_dict(shipped_document(file), checks=STOCK_CHECKS)
        assert again == shipped
        text = files("safetycore").joinpath("policies", file).read_text(encoding="utf-8")
        written = {"$schema": "../schemas/workflow.schema.json", **shipped.to_dict()}
        assert text == json.dumps(written, indent=2, ensure_ascii=False) + "\n"

    def test_every_stock_check_is_used(self) -> None:
        """The registry holds exactly the checks the stock files name."""
        named = {
            requirement.spec[1]
            for shipped, _ in FILES.values()
            for step in shipped.steps
            for requirement in step.requirements
            if requirement.spec is not None and requirement.spec[0] == "check"
        }
        assert named == set(STOCK_CHECKS)

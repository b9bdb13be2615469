"""The three stock workflows: support ticket, safety incident, guarantee claim.

Each is an ordinary ``Workflow`` value: use it as it is, or derive your own version with
``with_status``, ``with_steps`` and ``with_requirement``. Roles used here: ``agent``,
``customer``, ``system``, ``trust_safety``, ``trust_safety_lead``, ``claims_agent``,
``claims_lead``, ``finance``. Diagrams of all three are in ``docs/workflows.md``.

The definitions are data: ``safetycore/policies/<name>.workflow.json``, read through
``importlib.resources`` by ``Workflow.from_dict`` with ``STOCK_CHECKS`` as the registry of
the custom checks they name. The files are the source of truth; edit them, not this module.
"""

from __future__ import annotations

import json
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Final

from safetycore.workflow.definition import Attempt, Workflow

__all__ = ["GUARANTEE_CLAIM", "SAFETY_INCIDENT", "STOCK_CHECKS", "SUPPORT_TICKET"]

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


STOCK_CHECKS: Final = MappingProxyType(
    {
        "appealable": _appealable,
        "documents_arrived": _documents_arrived,
        "known_outcome": _known_outcome,
        "removal_outcome": _removal_outcome,
        "second_reviewer": _second_reviewer,
    }
)
"""The custom checks the stock workflows name, by name: pass it as ``checks=`` to read them.

``known_outcome``: the step's ``outcome`` is ``no_action``, ``warning`` or ``suspension``;
``removal_outcome``: it is ``removal``; ``second_reviewer``: the actor is not the one who
last proposed the removal; ``documents_arrived``: the step brings new evidence;
``appealable``: the case's ``outcome`` is not ``no_action``.
"""


def _document(file: str) -> Any:
    """The parsed JSON document ``safetycore/policies/<file>`` (package data, read-only)."""
    text = files("safetycore").joinpath("policies", file).read_text(encoding="utf-8")
    return json.loads(text)


def _stock(file: str) -> Workflow:
    return Workflow.from_dict(_document(file), checks=STOCK_CHECKS)


SUPPORT_TICKET: Final = _stock("support_ticket.workflow.json")
"""new -> open -> pending / on hold -> solved -> closed; a customer reply reopens until closed."""

SAFETY_INCIDENT: Final = _stock("safety_incident.workflow.json")
"""reported -> triaged -> investigating <-> awaiting information -> decided -> appeal -> closed.

A removal from the platform takes two people: one proposes it, a lead (another person)
confirms it.
"""

GUARANTEE_CLAIM: Final = _stock("guarantee_claim.workflow.json")
"""submitted -> awaiting documents <-> under review -> approved -> paid -> closed, or denied
-> appeal. Approval needs an eligible decision, an amount and the vet invoice and records."""

"""Small workflows for the model-based tools' tests, with their answers worked out by hand.

``LOAN``: five statuses, two ways to ``approved`` of equal length (the tie the shortest paths
break by declaration order) and a rejection that is shorter to ``closed`` than approving.
``REFUND``: the refund of ``docs/workflows.md``, whose ``refund`` step needs data and evidence
that no stock input supplies.
"""

from __future__ import annotations

from typing import Final

from safetycore.workflow import Requirement, Status, Step, Workflow

LOAN: Final = Workflow(
    "loan",
    "1",
    statuses=[
        Status("applied", "new"),
        Status("checking", "open"),
        Status("express", "open"),
        Status("approved", "solved"),
        Status("closed", "closed"),
    ],
    initial="applied",
    steps=[
        Step("check", "applied", "checking"),
        Step("fast_track", "applied", "express"),
        Step("approve", ("checking", "express"), "approved"),
        Step("reject", "checking", "closed"),
        Step("close", "approved", "closed"),
    ],
    final={"closed"},
)

LOAN_SHORTEST: Final = {
    "applied": (),
    "checking": ("check",),
    "express": ("fast_track",),
    "approved": ("check", "approve"),  # ties with fast_track, approve: check is declared first
    "closed": ("check", "reject"),  # two steps, where approving and closing takes three
}

# Walk 1 takes the first untaken step at each status; walk 2 the other way to approved;
# walk 3 goes back through checking (already visited) for the one step left, reject.
LOAN_COVERING: Final = (
    ("check", "approve", "close"),
    ("fast_track", "approve"),
    ("check", "reject"),
)

REFUND: Final = Workflow(
    "refund",
    "1",
    statuses=[
        Status("requested", "new"),
        Status("reviewing", "open"),
        Status("refunded", "solved"),
        Status("closed", "closed"),
    ],
    initial="requested",
    steps=[
        Step("review", "requested", "reviewing", roles={"agent"}),
        Step(
            "refund",
            "reviewing",
            "refunded",
            roles={"finance"},
            requirements=[Requirement.data("amount"), Requirement.evidence("receipt")],
        ),
        Step("close", ("requested", "refunded"), "closed", roles={"agent"}),
    ],
    final={"closed"},
)

REFUND_DATA: Final = {"refund": {"amount": 40}}
REFUND_EVIDENCE: Final = {"refund": ["receipt"]}

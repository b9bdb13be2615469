"""Case workflows: declared statuses and steps, guarded by roles and reasons, with audit trails.

>>> from datetime import datetime, timezone
>>> from safetycore.workflow import SUPPORT_TICKET, Actor, fire, open_case
>>> at = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
>>> agent = Actor("agent:7", {"agent"})
>>> case = open_case(SUPPORT_TICKET, "T-1", at=at, actor=Actor("customer:1"))
>>> case = fire(SUPPORT_TICKET, case, "start_work", at=at, actor=agent)
>>> case.status, len(case.trail)
('open', 2)
"""

from safetycore._config import publish
from safetycore.workflow.case import Actor, AuditRecord, Case, Refusal
from safetycore.workflow.definition import Attempt, Requirement, Status, Step, Workflow
from safetycore.workflow.diagrams import to_dot, to_mermaid
from safetycore.workflow.engine import (
    Availability,
    BulkReplay,
    available,
    case_history,
    fire,
    open_case,
    replay,
    validate_histories,
)
from safetycore.workflow.migration import Migration, migrate
from safetycore.workflow.stock import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    STOCK_CHECKS,
    SUPPORT_TICKET,
)

__all__ = [
    "GUARANTEE_CLAIM",
    "SAFETY_INCIDENT",
    "STOCK_CHECKS",
    "SUPPORT_TICKET",
    "Actor",
    "Attempt",
    "AuditRecord",
    "Availability",
    "BulkReplay",
    "Case",
    "Migration",
    "Refusal",
    "Requirement",
    "Status",
    "Step",
    "Workflow",
    "available",
    "case_history",
    "fire",
    "migrate",
    "open_case",
    "replay",
    "to_dot",
    "to_mermaid",
    "validate_histories",
]

publish(globals(), __all__)  # report the public path, not the private module


def __dir__() -> list[str]:
    return list(__all__)

"""Fuzz safetycore.workflow: definitions, cases, audit records, the engine and diagrams."""

from __future__ import annotations

from hypothesis import strategies as st

from safetycore.workflow import (
    STOCK_CHECKS,
    SUPPORT_TICKET,
    Actor,
    Attempt,
    AuditRecord,
    Availability,
    BulkReplay,
    Case,
    Migration,
    Refusal,
    Requirement,
    Status,
    Step,
    Workflow,
    available,
    case_history,
    fire,
    migrate,
    open_case,
    replay,
    to_dot,
    to_mermaid,
    validate_histories,
)
from tests.fuzz import samples as s
from tests.fuzz.junk import Entry, function, fuzz_test, instants, like, many, method, spoiled

WORKFLOWS = many(s.WORKFLOWS)
TICKET = st.just(s.SUPPORT_TICKET)
CASES = many(s.CASES)
ACTORS = many(s.ACTORS)
EVENTS = many(s.EVENT_NAMES)
NEW_STATUS = Status("escalated", "open")
TICKET_V2 = SUPPORT_TICKET.with_status(
    NEW_STATUS,
    Step("escalate", "open", "escalated"),
    Step("de_escalate", "escalated", "open"),
    version="2",
)
MIGRATION = Migration(SUPPORT_TICKET, TICKET_V2)

ENTRIES: tuple[Entry, ...] = (
    function("workflow.Actor", Actor, **like(s.AGENT)),
    function("workflow.Actor.from_dict", Actor.from_dict, data=spoiled(s.AGENT.to_dict())),
    method("workflow.Actor.to_dict", s.ACTORS),
    function("workflow.Attempt", Attempt, **like(s.ATTEMPT)),
    function("workflow.AuditRecord", AuditRecord, **like(s.RECORD)),
    function(
        "workflow.AuditRecord.from_dict", AuditRecord.from_dict, data=spoiled(s.RECORD.to_dict())
    ),
    method("workflow.AuditRecord.to_dict", s.RECORDS),
    function("workflow.Availability", Availability, **like(s.AVAILABILITY)),
    function("workflow.BulkReplay", BulkReplay, **like(s.BULK)),
    function("workflow.Case", Case, **like(s.WORKED)),
    function("workflow.Case.from_dict", Case.from_dict, data=spoiled(s.WORKED.to_dict())),
    method("workflow.Case.to_dict", s.CASES),
    function("workflow.Refusal", Refusal, **like(s.REFUSAL)),
    function("workflow.Requirement", Requirement, **like(s.WF_REQUIREMENT)),
    function("workflow.Requirement.data", Requirement.data, **{"*keys": st.just(("amount",))}),
    function(
        "workflow.Requirement.evidence", Requirement.evidence, **{"*names": st.just(("receipt",))}
    ),
    function(
        "workflow.Requirement.fact",
        Requirement.fact,
        name=st.just("outcome"),
        equals=st.just("removal"),
        reason=st.just("only after a removal"),
    ),
    function(
        "workflow.Requirement.named",
        Requirement.named,
        name=st.just("always"),
        check=st.just(bool),
        reason=st.just("always holds"),
        code=st.just("always_code"),
    ),
    function(
        "workflow.Migration",
        Migration,
        old=st.just(SUPPORT_TICKET),
        new=st.just(TICKET_V2),
        statuses=st.just({"open": "open"}),
    ),
    function(
        "workflow.Migration.from_dict",
        Migration.from_dict,
        data=spoiled(MIGRATION.to_dict()),
        workflows=st.just((SUPPORT_TICKET, TICKET_V2)),
    ),
    method("workflow.Migration.target", (MIGRATION,), status=many(("new", "open"))),
    method("workflow.Migration.to_dict", (MIGRATION,)),
    function(
        "workflow.migrate",
        migrate,
        migration=st.just(MIGRATION),
        case=CASES,
        actor=ACTORS,
        at=instants(),
        via=st.just("email"),
        reason=st.just("moved to version 2"),
    ),
    function("workflow.Status", Status, **like(s.STATUS)),
    function("workflow.Step", Step, **like(s.STEP)),
    function(
        "workflow.Workflow",
        Workflow,
        **like(s.SUPPORT_TICKET),
    ),
    method("workflow.Workflow.status", s.WORKFLOWS, name=many(("new", "open"))),
    function(
        "workflow.Workflow.from_dict",
        Workflow.from_dict,
        data=spoiled(s.SAFETY_INCIDENT.to_dict()),
        checks=st.just(STOCK_CHECKS),
    ),
    method("workflow.Workflow.to_dict", s.WORKFLOWS),
    method(
        "workflow.Workflow.with_status",
        (s.SUPPORT_TICKET,),
        status=st.just(NEW_STATUS),
        **{"*steps": st.just((Step("escalate", "open", "escalated"),))},
        version=st.just("2"),
        final=st.booleans(),
    ),
    method(
        "workflow.Workflow.with_steps",
        (s.SUPPORT_TICKET,),
        **{"*steps": st.just((Step("bounce", "open", "new"),))},
        version=st.just("2"),
    ),
    method(
        "workflow.Workflow.with_requirement",
        (s.SUPPORT_TICKET,),
        event=st.just("start_work"),
        requirement=st.just(s.WF_REQUIREMENT),
        version=st.just("2"),
    ),
    function(
        "workflow.open_case",
        open_case,
        workflow=WORKFLOWS,
        case_id=st.just("T-9"),
        at=instants(),
        actor=ACTORS,
        via=st.just("email"),
        data=st.just({"priority": "high"}),
        evidence=st.just(("receipt",)),
    ),
    function(
        "workflow.fire",
        fire,
        workflow=TICKET,
        case=CASES,
        event=EVENTS,
        at=instants(),
        actor=ACTORS,
        via=st.just("email"),
        reason=st.just("because"),
        data=st.just({"amount": 5}),
        evidence=st.just(("receipt",)),
    ),
    function(
        "workflow.available",
        available,
        workflow=TICKET,
        case=CASES,
        actor=ACTORS,
        at=instants(),
        data=st.just({"amount": 5}),
        evidence=st.just(("receipt",)),
    ),
    function(
        "workflow.replay",
        replay,
        records=st.one_of(st.just(s.RECORDS), st.just(list(s.RECORDS)).flatmap(spoiled)),
        workflows=st.one_of(TICKET, st.just(s.WORKFLOWS)),
    ),
    function("workflow.case_history", case_history, workflow=TICKET, case=CASES),
    function(
        "workflow.validate_histories",
        validate_histories,
        workflow=WORKFLOWS,
        histories=st.lists(st.lists(EVENTS, max_size=4), max_size=3),
    ),
    function("workflow.to_dot", to_dot, workflow=WORKFLOWS),
    function("workflow.to_mermaid", to_mermaid, workflow=WORKFLOWS),
)

EXEMPT: dict[str, str] = {
    "workflow.GUARANTEE_CLAIM": "a stock Workflow constant; Workflow itself is fuzzed",
    "workflow.SAFETY_INCIDENT": "a stock Workflow constant; Workflow itself is fuzzed",
    "workflow.SUPPORT_TICKET": "a stock Workflow constant; Workflow itself is fuzzed",
    "workflow.STOCK_CHECKS": "a read-only mapping of the stock checks; fuzzed through from_dict",
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

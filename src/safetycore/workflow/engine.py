"""Running cases through workflows: open, fire, ask what is available, replay, bulk-validate.

All functions are pure: they take a case (an immutable value) and return a new one, or raise
``TransitionRefusedError`` carrying every reason and the attempt itself, leaving the given
case untouched. Nothing reads the clock: ``at`` is always an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any

import attrs

from safetycore._time import to_micros
from safetycore.errors import ConfigurationError, ReplayError, TransitionRefusedError
from safetycore.events import CaseEvent, CaseHistory, Channel, EventKind
from safetycore.workflow.case import CREATED, Actor, AuditRecord, Case, Refusal
from safetycore.workflow.definition import Attempt, Step, Workflow

__all__ = [
    "Availability",
    "BulkReplay",
    "available",
    "case_history",
    "fire",
    "open_case",
    "replay",
    "validate_histories",
]


def open_case(
    workflow: Workflow,
    case_id: str,
    *,
    at: datetime,
    actor: Actor,
    via: Channel | str = Channel.SYSTEM,
    data: Mapping[str, Any] | None = None,
    evidence: Iterable[str] = (),
) -> Case:
    """A new case in the workflow's initial status, its trail holding the ``created`` record."""
    record = AuditRecord(
        case_id,
        0,
        at,
        actor.id,
        actor.roles,
        via,
        CREATED,
        "",
        workflow.initial,
        workflow.name,
        workflow.version,
        data=data or {},
        evidence=evidence,
    )
    return Case(
        case_id,
        workflow.name,
        workflow.version,
        workflow.initial,
        record.data,
        record.evidence,
        (record,),
    )


def _check_version(workflow: Workflow, case: Case) -> None:
    if (case.workflow, case.version) != (workflow.name, workflow.version):
        raise ConfigurationError(
            f"the case runs under {case.workflow} version {case.version}, not "
            f"{workflow.name} version {workflow.version}",
            field="workflow",
            value=case.case_id,
        )


def _refusals(step: Step, attempt: Attempt) -> list[Refusal]:
    found = []
    if step.roles and not step.roles & attempt.actor.roles:
        found.append(
            Refusal(
                "role",
                f"{attempt.actor.id} needs one of the roles {', '.join(sorted(step.roles))}",
            )
        )
    # Every requirement is checked, none skipped: the agent sees all reasons at once.
    found.extend(
        Refusal(requirement.code, requirement.reason)
        for requirement in step.requirements
        if not requirement.check(attempt)
    )
    return found


def _attempt(
    case: Case,
    event: str,
    actor: Actor,
    at: datetime,
    data: Mapping[str, Any],
    evidence: Iterable[str],
) -> Attempt:
    facts = {**dict(case.facts), **data}
    return Attempt(
        case,
        event,
        actor,
        at,
        MappingProxyType(dict(data)),
        MappingProxyType(facts),
        case.evidence | frozenset(evidence),
    )


def _why_not(workflow: Workflow, case: Case, attempt: Attempt) -> tuple[Step | None, list[Refusal]]:
    step = workflow.table[case.status].get(attempt.event)
    if step is None:
        if attempt.event not in workflow.events:
            return None, [
                Refusal("unknown_event", f"{attempt.event!r} is not a step of {workflow.name}")
            ]
        return None, [
            Refusal(
                "wrong_status",
                f"{attempt.event!r} cannot be taken from status {case.status!r}",
            )
        ]
    refusals = _refusals(step, attempt)
    if case.trail and to_micros(attempt.at, "at") < to_micros(case.trail[-1].at, "at"):
        refusals.append(
            Refusal("time_order", f"{attempt.at.isoformat()} is before the case's last step")
        )
    return step, refusals


def fire(
    workflow: Workflow,
    case: Case,
    event: str,
    *,
    at: datetime,
    actor: Actor,
    via: Channel | str = Channel.SYSTEM,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
    evidence: Iterable[str] = (),
) -> Case:
    """Take ``event`` on ``case``: a new case one record longer, or ``TransitionRefusedError``.

    The refusal names the case, the event and the current status, lists every reason
    (role, each unmet requirement, wrong status, time order) and carries the attempt, so the
    caller can store or show it: nothing handed in is dropped.
    """
    _check_version(workflow, case)
    evidence = tuple(evidence)
    attempt = _attempt(case, event, actor, at, data or {}, evidence)
    step, refusals = _why_not(workflow, case, attempt)
    if step is None or refusals:
        raise TransitionRefusedError(case.case_id, event, case.status, tuple(refusals), attempt)
    record = AuditRecord(
        case.case_id,
        len(case.trail),
        at,
        actor.id,
        actor.roles,
        via,
        event,
        case.status,
        step.target,
        workflow.name,
        workflow.version,
        reason=reason,
        data=attempt.data,
        evidence=evidence,
    )
    return attrs.evolve(
        case,
        status=step.target,
        facts=attempt.facts,
        evidence=attempt.evidence,
        trail=(*case.trail, record),
    )


@attrs.frozen
class Availability:
    """What ``actor`` can do on a case now: ``allowed`` events, and why each other is refused.

    ``refused`` maps every other event of the workflow to its reasons (``wrong_status`` for
    events that do not leave the current status).
    """

    allowed: tuple[str, ...]
    refused: Mapping[str, tuple[Refusal, ...]]


def available(
    workflow: Workflow,
    case: Case,
    actor: Actor,
    *,
    at: datetime,
    data: Mapping[str, Any] | None = None,
    evidence: Iterable[str] = (),
) -> Availability:
    """Every event of the workflow, split into allowed now and refused (with reasons)."""
    _check_version(workflow, case)
    evidence = tuple(evidence)
    allowed: list[str] = []
    refused: dict[str, tuple[Refusal, ...]] = {}
    for event in workflow.events:
        attempt = _attempt(case, event, actor, at, data or {}, evidence)
        step, refusals = _why_not(workflow, case, attempt)
        if step is not None and not refusals:
            allowed.append(event)
        else:
            refused[event] = tuple(refusals)
    return Availability(tuple(allowed), MappingProxyType(refused))


def replay(records: Sequence[AuditRecord], workflows: Iterable[Workflow] | Workflow) -> Case:
    """Rebuild a case from its trail, checking every step against its workflow version.

    ``workflows`` holds every version the trail may use; each record replays against the
    version it names. Requirements and roles are not re-run (they held when the step was
    taken; the trail is the record of that); the graph, sequence numbers, time order and case
    id are. The first impossible record raises ``ReplayError`` naming its index.
    """
    versions = {
        (w.name, w.version): w
        for w in ([workflows] if isinstance(workflows, Workflow) else workflows)
    }
    if not records:
        raise ReplayError("a trail needs at least its created record", field="records", value=())
    first = records[0]
    workflow = versions.get((first.workflow, first.version))
    if workflow is None:
        raise ReplayError(
            f"names {first.workflow} version {first.version}, which was not given",
            field="records[0].version",
            value=first.version,
        )
    if first.event != CREATED or first.sequence != 0 or first.to_status != workflow.initial:
        raise ReplayError(
            f"must be the created record (sequence 0, to {workflow.initial!r})",
            field="records[0]",
            value=first,
        )
    case = Case(
        first.case_id,
        workflow.name,
        workflow.version,
        workflow.initial,
        first.data,
        first.evidence,
        (first,),
    )
    for index, record in enumerate(records[1:], start=1):
        if (record.workflow, record.version) != (workflow.name, workflow.version):
            raise ReplayError(
                f"changes workflow version mid-trail (from {workflow.version})",
                field=f"records[{index}].version",
                value=record.version,
            )
        problem = _replay_problem(workflow, case, record, index)
        if problem is not None:
            raise ReplayError(problem, field=f"records[{index}]", value=record)
        case = attrs.evolve(
            case,
            status=record.to_status,
            facts={**dict(case.facts), **dict(record.data)},
            evidence=case.evidence | record.evidence,
            trail=(*case.trail, record),
        )
    return case


def _replay_problem(workflow: Workflow, case: Case, record: AuditRecord, index: int) -> str | None:
    if record.case_id != case.case_id:
        return f"belongs to case {record.case_id!r}, not {case.case_id!r}"
    if record.sequence != index:
        return f"has sequence {record.sequence}, expected {index}"
    if to_micros(record.at, "at") < to_micros(case.trail[-1].at, "at"):
        return "is earlier than the record before it"
    if record.from_status != case.status:
        return f"starts from {record.from_status!r} but the case is in {case.status!r}"
    target = workflow.targets[case.status].get(record.event)
    if target is None:
        return f"{record.event!r} cannot be taken from {case.status!r}"
    if target != record.to_status:
        return f"{record.event!r} leads to {target!r}, not {record.to_status!r}"
    return None


@attrs.frozen
class BulkReplay:
    """Outcome of ``validate_histories``: per history, its final status or where it failed.

    ``final[i]`` is the status history ``i`` ends in, or ``None`` if it failed;
    ``failed_at[i]`` the index of its first impossible event, or ``None``.
    """

    final: tuple[str | None, ...]
    failed_at: tuple[int | None, ...]
    transitions: int

    @property
    def valid(self) -> int:
        """How many histories replayed completely."""
        return sum(1 for index in self.failed_at if index is None)


def validate_histories(workflow: Workflow, histories: Iterable[Sequence[str]]) -> BulkReplay:
    """Replay many histories (event names from the initial status) on the compiled table.

    No machine instance and no case value is built: one dictionary lookup per event. This is
    the path for validating millions of historical transitions.
    """
    targets = workflow.targets
    initial = workflow.initial
    final: list[str | None] = []
    failed: list[int | None] = []
    count = 0
    for events in histories:
        status = initial
        row = targets[status]
        bad = None
        for index, event in enumerate(events):
            following = row.get(event)
            if following is None:
                bad = index
                break
            status = following
            row = targets[status]
        count += len(events) if bad is None else bad
        final.append(None if bad is not None else status)
        failed.append(bad)
    return BulkReplay(tuple(final), tuple(failed), count)


def case_history(workflow: Workflow, case: Case) -> CaseHistory:
    """The ``safetycore.events`` history of a case: created, then one status change per step.

    Each status change carries ``from`` and ``to`` status names, the ``category`` of ``to``
    (what SLA clocks key on) and the workflow ``event``; so one trail drives both the
    workflow and the clocks.
    """
    _check_version(workflow, case)
    events = []
    for record in case.trail:
        if record.event == CREATED:
            events.append(
                CaseEvent(
                    case.case_id, record.at, EventKind.CREATED, actor=record.actor, via=record.via
                )
            )
            continue
        events.append(
            CaseEvent(
                case.case_id,
                record.at,
                EventKind.STATUS_CHANGED,
                actor=record.actor,
                via=record.via,
                data={
                    "from": record.from_status,
                    "to": record.to_status,
                    "category": str(workflow.status(record.to_status).category),
                    "event": record.event,
                    "sequence": record.sequence,
                },
            )
        )
    return CaseHistory(case.case_id, events)

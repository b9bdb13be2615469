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

from safetycore._config import items_of, names_of, whole_number
from safetycore._html import availability_html
from safetycore._time import to_micros
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    ReplayError,
    TransitionRefusedError,
)
from safetycore.events import CaseEvent, CaseHistory, Channel, EventKind
from safetycore.workflow.case import (
    CREATED,
    MIGRATED,
    Actor,
    AuditRecord,
    Case,
    Refusal,
    channel,
    created_event,
    instant,
    step_data,
    unchecked,
)
from safetycore.workflow.definition import Attempt, Step, Workflow, check_workflow
from safetycore.workflow.migration import mapping_problem

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


def _check_actor(actor: object) -> Actor:
    if isinstance(actor, str):
        raise InputTypeError(
            f"must be an Actor, not its id: write Actor({actor!r}, {{'agent'}}) with the "
            "roles it holds",
            field="actor",
            value=actor,
        )
    if not isinstance(actor, Actor):
        raise InputTypeError("must be an Actor", field="actor", value=actor)
    return actor


def _check_case(case: object) -> Case:
    if not isinstance(case, Case):
        raise InputTypeError("must be a Case (see open_case)", field="case", value=case)
    return case


def _text(value: object, field: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not value and not empty):
        raise InputTypeError(
            "must be text" if empty else "must be non-empty text", field=field, value=value
        )
    return value


def _data(value: object) -> Mapping[str, Any]:
    """``data`` as a read-only mapping (``None`` is none), its keys and values checked."""
    if value is None:
        return MappingProxyType({})
    return MappingProxyType(dict(step_data(value, "data")))


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
    """A new case in the workflow's initial status, its trail holding the ``created`` record.

    ``data`` becomes the case's first facts and travels, with ``via`` as its channel, on the
    ``created`` event of ``case_history``: the SLA clocks read ``priority``, ``category`` and
    ``tags`` from it, so they are checked here as ``safetycore.events.CaseEvent`` checks a
    created event. Every argument is checked first, naming it: ``actor`` is an ``Actor`` (a
    str id is refused, with how to build one), ``via`` a ``Channel`` or its value,
    ``evidence`` a collection of names (a bare str is refused), ``at`` an aware instant in
    years 2 to 9998.
    """
    check_workflow(workflow)
    _check_actor(actor)
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
        data={} if data is None else data,
        evidence=evidence,
    )
    return _opened(workflow, record)


def _opened(workflow: Workflow, record: AuditRecord) -> Case:
    """The case its checked ``created`` record opens: in the initial status, one record long."""
    return unchecked(
        Case,
        case_id=record.case_id,
        workflow=workflow.name,
        version=workflow.version,
        status=workflow.initial,
        facts=record.data,
        evidence=record.evidence,
        trail=(record,),
    )


def _check_call(workflow: object, case: object, actor: object) -> tuple[Workflow, Case]:
    """What every call on a case checks first: the kinds, the version, the case's status."""
    workflow = check_workflow(workflow)
    case = _check_case(case)
    _check_actor(actor)
    _check_version(workflow, case)
    if case.status not in workflow.table:
        raise ConfigurationError(
            f"is not a status of {workflow.name} version {workflow.version}",
            field="case.status",
            value=case.status,
        )
    return workflow, case


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
    evidence: frozenset[str],
) -> Attempt:
    # Every argument was checked by the caller (fire, available).
    return unchecked(
        Attempt,
        case=case,
        event=event,
        actor=actor,
        at=at,
        data=data,
        facts=MappingProxyType({**dict(case.facts), **data}),
        evidence=case.evidence | evidence,
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

    Junk is refused before any of that, with a ``SafetycoreError`` naming the argument: a
    non-``Workflow``, non-``Case`` or non-``Actor`` (a str id included), a case of another
    workflow version or in a status its workflow lacks, an ``event`` or ``reason`` that is
    not text, an ``at`` that is no aware instant in years 2 to 9998, a ``via`` that is no
    ``Channel``, ``data`` that is not a mapping with text keys and JSON-like values,
    ``evidence`` that is not a collection of names (a bare str).
    """
    workflow, case = _check_call(workflow, case, actor)
    _text(event, "event")
    _text(reason, "reason", empty=True)
    at = instant(at, "at")
    via = channel(via)
    step_data_ = _data(data)
    new_evidence = names_of(evidence, "evidence")
    attempt = _attempt(case, event, actor, at, step_data_, new_evidence)
    step, refusals = _why_not(workflow, case, attempt)
    if step is None or refusals:
        raise TransitionRefusedError(case.case_id, event, case.status, tuple(refusals), attempt)
    # Every field below is a checked argument or comes from the checked case and workflow.
    record = unchecked(
        AuditRecord,
        case_id=case.case_id,
        sequence=len(case.trail),
        at=at,
        actor=actor.id,
        roles=actor.roles,
        via=via,
        event=event,
        from_status=case.status,
        to_status=step.target,
        workflow=workflow.name,
        version=workflow.version,
        reason=reason,
        data=tuple(sorted(step_data_.items())),
        evidence=new_evidence,
        from_version="",
    )
    return unchecked(
        Case,
        case_id=case.case_id,
        workflow=case.workflow,
        version=case.version,
        status=step.target,
        facts=tuple(sorted(attempt.facts.items())),
        evidence=attempt.evidence,
        trail=(*case.trail, record),
    )


def _allowed(value: object) -> tuple[str, ...]:
    events = items_of(value, str, "allowed")  # type: ignore[arg-type]
    names_of(events, "allowed")  # each non-empty
    return events


def _refused(value: object) -> Mapping[str, tuple[Refusal, ...]]:
    if not isinstance(value, Mapping):
        raise InputTypeError("must be a mapping of event names", field="refused", value=value)
    names_of(tuple(value), "refused")
    return MappingProxyType(
        {event: items_of(why, Refusal, f"refused.{event}") for event, why in value.items()}
    )


@attrs.frozen
class Availability:
    """What ``actor`` can do on a case now: ``allowed`` events, and why each other is refused.

    ``refused`` maps every other event of the workflow to its reasons (``wrong_status`` for
    events that do not leave the current status). Built by hand, ``allowed`` must be a
    collection of event names and ``refused`` a mapping of names to ``Refusal`` collections.
    """

    allowed: tuple[str, ...] = attrs.field(converter=_allowed)
    refused: Mapping[str, tuple[Refusal, ...]] = attrs.field(converter=_refused)

    def _repr_html_(self) -> str:
        """The notebook display: the events allowed now, then each refused one with why."""
        return availability_html(self)


def available(
    workflow: Workflow,
    case: Case,
    actor: Actor,
    *,
    at: datetime,
    data: Mapping[str, Any] | None = None,
    evidence: Iterable[str] = (),
) -> Availability:
    """Every event of the workflow, split into allowed now and refused (with reasons).

    The arguments are checked as ``fire`` checks them.
    """
    workflow, case = _check_call(workflow, case, actor)
    at = instant(at, "at")
    step_data_ = _data(data)
    new_evidence = names_of(evidence, "evidence")
    allowed: list[str] = []
    refused: dict[str, tuple[Refusal, ...]] = {}
    for event in workflow.events:
        attempt = _attempt(case, event, actor, at, step_data_, new_evidence)
        step, refusals = _why_not(workflow, case, attempt)
        if step is not None and not refusals:
            allowed.append(event)
        else:
            refused[event] = tuple(refusals)
    return unchecked(Availability, allowed=tuple(allowed), refused=MappingProxyType(refused))


def replay(records: Sequence[AuditRecord], workflows: Iterable[Workflow] | Workflow) -> Case:
    """Rebuild a case from its trail, checking every step against its workflow version.

    ``workflows`` holds every version the trail may use; each record replays against the
    version it names. Requirements and roles are not re-run (they held when the step was
    taken; the trail is the record of that); the graph, sequence numbers, time order and case
    id are. The first impossible record raises ``ReplayError`` naming its index.

    A ``migrated`` record (see ``migrate``) moves the replay to the version it names: it
    must leave the version the case is in (``records[i].from_version``), name a version
    that was given (``records[i].version``), start from the case's status and move it
    soundly (same category, final to final: ``Migration``'s rule); later records replay
    against the new version.

    ``records`` is a collection of ``AuditRecord`` and ``workflows`` a ``Workflow`` or a
    collection of them; anything else raises ``InputTypeError`` naming the argument (or
    ``records[i]``, ``workflows[i]``).
    """
    versions = _versions(workflows)
    records = items_of(records, AuditRecord, "records")
    if not records:
        raise ReplayError("a trail needs at least its created record", field="records", value=())
    first = records[0]
    workflow = _given(versions, first, 0)
    if first.event != CREATED or first.sequence != 0 or first.to_status != workflow.initial:
        raise ReplayError(
            f"must be the created record (sequence 0, to {workflow.initial!r})",
            field="records[0]",
            value=first,
        )
    # The records were checked when they were built: cases are assembled from them as is.
    case = _opened(workflow, first)
    for index, record in enumerate(records[1:], start=1):
        facts = case.facts
        if record.event == MIGRATED:
            if (record.workflow, record.from_version) != (workflow.name, workflow.version):
                raise ReplayError(
                    f"migrates from {record.workflow} version {record.from_version}, but the"
                    f" case is in {workflow.name} version {workflow.version}",
                    field=f"records[{index}].from_version",
                    value=record.from_version,
                )
            old, workflow = workflow, _given(versions, record, index)
            problem = _order_problem(case, record, index) or _moved_problem(old, workflow, record)
        else:
            if (record.workflow, record.version) != (workflow.name, workflow.version):
                raise ReplayError(
                    f"changes workflow version mid-trail (from {workflow.version}) without a"
                    f" {MIGRATED!r} record",
                    field=f"records[{index}].version",
                    value=record.version,
                )
            problem = _order_problem(case, record, index) or _step_problem(workflow, case, record)
            facts = tuple(sorted({**dict(case.facts), **dict(record.data)}.items()))
        if problem is not None:
            raise ReplayError(problem, field=f"records[{index}]", value=record)
        case = unchecked(
            Case,
            case_id=case.case_id,
            workflow=workflow.name,
            version=workflow.version,
            status=record.to_status,
            facts=facts,
            evidence=case.evidence | record.evidence,
            trail=(*case.trail, record),
        )
    return case


def _versions(workflows: object) -> dict[tuple[str, str], Workflow]:
    given = (workflows,) if isinstance(workflows, Workflow) else workflows
    return {(w.name, w.version): w for w in items_of(given, Workflow, "workflows")}  # type: ignore[arg-type]


def _given(
    versions: Mapping[tuple[str, str], Workflow], record: AuditRecord, index: int
) -> Workflow:
    workflow = versions.get((record.workflow, record.version))
    if workflow is None:
        raise ReplayError(
            f"names {record.workflow} version {record.version}, which was not given",
            field=f"records[{index}].version",
            value=record.version,
        )
    return workflow


def _order_problem(case: Case, record: AuditRecord, index: int) -> str | None:
    if record.case_id != case.case_id:
        return f"belongs to case {record.case_id!r}, not {case.case_id!r}"
    if record.sequence != index:
        return f"has sequence {record.sequence}, expected {index}"
    if to_micros(record.at, "at") < to_micros(case.trail[-1].at, "at"):
        return "is earlier than the record before it"
    if record.from_status != case.status:
        return f"starts from {record.from_status!r} but the case is in {case.status!r}"
    return None


def _step_problem(workflow: Workflow, case: Case, record: AuditRecord) -> str | None:
    target = workflow.targets[case.status].get(record.event)
    if target is None:
        return f"{record.event!r} cannot be taken from {case.status!r}"
    if target != record.to_status:
        return f"{record.event!r} leads to {target!r}, not {record.to_status!r}"
    return None


def _moved_problem(old: Workflow, new: Workflow, record: AuditRecord) -> str | None:
    problem = mapping_problem(old, new, record.from_status, record.to_status)
    return None if problem is None else f"its to status {record.to_status!r} {problem}"


def _finals(value: object) -> tuple[str | None, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InputTypeError("must be a collection", field="final", value=value)
    finals = tuple(value)
    for i, status in enumerate(finals):
        if status is not None and (not isinstance(status, str) or not status):
            raise InputTypeError("must be a status name or None", field=f"final[{i}]", value=status)
    return finals


def _failures(value: object) -> tuple[int | None, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InputTypeError("must be a collection", field="failed_at", value=value)
    failures = tuple(value)
    for i, index in enumerate(failures):
        if index is not None and whole_number(index, f"failed_at[{i}]") < 0:
            raise InvalidArgumentError("must not be negative", field=f"failed_at[{i}]", value=index)
    return failures


@attrs.frozen
class BulkReplay:
    """Outcome of ``validate_histories``: per history, its final status or where it failed.

    ``final[i]`` is the status history ``i`` ends in, or ``None`` if it failed;
    ``failed_at[i]`` the index of its first impossible event, or ``None``. Built by hand,
    the two have one entry per history and ``transitions`` is a whole number from 0.
    """

    final: tuple[str | None, ...] = attrs.field(converter=_finals)
    failed_at: tuple[int | None, ...] = attrs.field(converter=_failures)
    transitions: int = attrs.field()

    @transitions.validator
    def _check(self, _: attrs.Attribute[int], value: object) -> None:
        if whole_number(value, "transitions") < 0:
            raise InvalidArgumentError("must not be negative", field="transitions", value=value)
        if len(self.final) != len(self.failed_at):
            raise InvalidArgumentError(
                f"has {len(self.failed_at)} entries, final {len(self.final)}",
                field="failed_at",
                value=self.failed_at,
            )

    @property
    def valid(self) -> int:
        """How many histories replayed completely."""
        return sum(1 for index in self.failed_at if index is None)


def validate_histories(workflow: Workflow, histories: Iterable[Sequence[str]]) -> BulkReplay:
    """Replay many histories (event names from the initial status) on the compiled table.

    No machine instance and no case value is built: one dictionary lookup per event. This is
    the path for validating millions of historical transitions.

    ``histories`` is a collection of histories, each a sequence (a list or tuple) of event
    names; a bare str history (read letter by letter otherwise), a set, or an event that is
    not text raises ``InputTypeError`` naming ``histories[i]`` or ``histories[i][j]``. An
    event is type-checked only where the lookup fails, so valid histories cost nothing more.
    """
    check_workflow(workflow)
    if isinstance(histories, (str, bytes, Mapping)) or not isinstance(histories, Iterable):
        raise InputTypeError(
            "must be a collection of histories (sequences of event names)",
            field="histories",
            value=histories,
        )
    targets = workflow.targets
    initial = workflow.initial
    final: list[str | None] = []
    failed: list[int | None] = []
    count = 0
    for number, events in enumerate(histories):
        kind = type(events)
        if kind is not list and kind is not tuple and not _is_history(events):
            raise InputTypeError(
                "must be a sequence of event names", field=f"histories[{number}]", value=events
            )
        status = initial
        row = targets[status]
        bad = None
        index = 0
        try:
            for index, event in enumerate(events):
                following = row.get(event)
                if following is None:
                    bad = index
                    break
                status = following
                row = targets[status]
        except TypeError:  # an unhashable event: no event name
            bad = index
        if bad is not None and not isinstance(events[bad], str):
            raise InputTypeError(
                "must be an event name (text)",
                field=f"histories[{number}][{bad}]",
                value=events[bad],
            )
        count += len(events) if bad is None else bad
        final.append(None if bad is not None else status)
        failed.append(bad)
    return unchecked(BulkReplay, final=tuple(final), failed_at=tuple(failed), transitions=count)


def _is_history(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def case_history(workflow: Workflow | Iterable[Workflow], case: Case) -> CaseHistory:
    """The ``safetycore.events`` history of a case: created, then one status change per step.

    Each status change carries ``from`` and ``to`` status names, the ``category`` of ``to``
    (what SLA clocks key on) and the workflow ``event``; so one trail drives both the
    workflow and the clocks. The ``created`` event carries the data given to ``open_case``
    and its channel as ``via``, so the clocks see the case's ``priority``, ``category`` and
    ``tags`` (an urgent case is timed under the urgent policy row).

    ``workflow`` is the case's workflow version, or, for a case migrated across versions,
    a collection holding every version its trail names (each record's category is read
    from its own version; the ``migrated`` record is a status change with event
    ``migrated``, to a status of the same category). The case's own version must be given.
    """
    if isinstance(workflow, Workflow):
        versions = {(workflow.name, workflow.version): workflow}
    else:
        if isinstance(workflow, (str, bytes, Mapping)) or not isinstance(workflow, Iterable):
            check_workflow(workflow)
        given = [check_workflow(item) for item in workflow]
        versions = {(w.name, w.version): w for w in given}
    _check_case(case)
    current = versions.get((case.workflow, case.version))
    if current is None:
        first = next(iter(versions.values()), None)
        _check_version(check_workflow(first), case)
    events = []
    for index, record in enumerate(case.trail):
        if record.event == CREATED:
            events.append(created_event(record))
            continue
        version = versions.get((record.workflow, record.version))
        if version is None:
            raise ConfigurationError(
                f"names {record.workflow} version {record.version}, which was not given",
                field=f"case.trail[{index}].version",
                value=record.version,
            )
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
                    "category": str(version.status(record.to_status).category),
                    "event": record.event,
                    "sequence": record.sequence,
                },
            )
        )
    return CaseHistory(case.case_id, events)

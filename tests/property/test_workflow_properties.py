"""Properties of the workflow engine on drawn histories and cases, for every stock workflow.

The independent references are python-statemachine (``Workflow.machine_class``), which holds
the same graph with its own semantics, and walks written out here over the compiled table.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statemachine.exceptions import TransitionNotAllowed

from safetycore.errors import InvalidArgumentError, ReplayError, TransitionRefusedError
from safetycore.events import EventKind
from safetycore.testing.workflows import (
    cases,
    event_sequences,
    invalid_histories,
    valid_histories,
)
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Actor,
    AuditRecord,
    Case,
    Requirement,
    Status,
    Step,
    Workflow,
    available,
    case_history,
    fire,
    replay,
    validate_histories,
)

STOCK = pytest.mark.parametrize(
    "workflow", [SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM], ids=lambda w: w.name
)


class Model:
    """A plain model object for a python-statemachine instance."""

    state: str | None = None


def machine_run(workflow: Workflow, events: tuple[str, ...]) -> tuple[str, int | None]:
    """Send ``events`` to a fresh machine until one is not allowed: (state, failing index)."""
    machine = workflow.machine_class(model=Model())
    for index, event in enumerate(events):
        try:
            machine.send(event)
        except TransitionNotAllowed:
            return machine.current_state_value, index
    return machine.current_state_value, None


def trail_of(workflow: Workflow, events: tuple[str, ...]) -> list[AuditRecord]:
    """The audit trail a case would have after ``events``; an impossible event stays put."""
    at = datetime(2025, 1, 1, tzinfo=UTC)
    status = workflow.initial

    def record(sequence: int, event: str, source: str, target: str) -> AuditRecord:
        return AuditRecord(
            "C-1",
            sequence,
            at,
            "x",
            (),
            "system",
            event,
            source,
            target,
            workflow.name,
            workflow.version,
        )

    records = [record(0, "created", "", status)]
    for sequence, event in enumerate(events, start=1):
        target = workflow.targets[status].get(event, status)
        records.append(record(sequence, event, status, target))
        status = target
    return records


ACTORS = st.sampled_from(
    [
        Actor("customer:1"),
        Actor("tester:1", {"agent", "trust_safety", "claims_agent"}),
        Actor("tester:2", {"agent", "system", "trust_safety_lead", "finance", "claims_lead"}),
    ]
)
DATA = st.dictionaries(
    st.sampled_from(["outcome", "resolution", "eligibility", "amount", "reasons", "x"]),
    st.sampled_from(["", "warning", "removal", "no_action", "eligible", "yes", 7]),
    max_size=3,
)
EVIDENCE = st.lists(st.sampled_from(["investigation_notes", "vet_invoice", "vet_records"]))
OFFSETS = st.timedeltas(min_value=timedelta(hours=-2), max_value=timedelta(days=2))


class TestMachineClass:
    @STOCK
    @given(data=st.data())
    def test_agrees_with_table(self, workflow: Workflow, data: st.DataObject) -> None:
        """At every step of any event sequence, table and machine agree on the move."""
        events = data.draw(event_sequences(workflow))
        machine = workflow.machine_class(model=Model())
        status = workflow.initial
        for event in events:
            row = workflow.targets[status]
            assert {e.id for e in machine.allowed_events} == set(row)
            try:
                machine.send(event)
                moved = True
            except TransitionNotAllowed:
                moved = False
            assert moved == (event in row)
            status = row.get(event, status)
            assert machine.current_state_value == status


class TestValidateHistories:
    @STOCK
    @given(data=st.data())
    def test_equals_one_by_one_replay(self, workflow: Workflow, data: st.DataObject) -> None:
        """The bulk result equals replaying each history's trail, one by one."""
        histories = data.draw(
            st.lists(
                st.one_of(event_sequences(workflow, max_steps=8), valid_histories(workflow)),
                max_size=8,
            )
        )
        result = validate_histories(workflow, histories)
        final: list[str | None] = []
        failed: list[int | None] = []
        for events in histories:
            try:
                final.append(replay(trail_of(workflow, events), workflow).status)
                failed.append(None)
            except ReplayError as error:
                final.append(None)
                failed.append(int(error.field.removeprefix("records[").rstrip("]")) - 1)
        assert result.final == tuple(final)
        assert result.failed_at == tuple(failed)
        assert result.transitions == sum(
            len(events) if index is None else index
            for events, index in zip(histories, failed, strict=True)
        )
        singles = [validate_histories(workflow, [events]) for events in histories]
        assert result.failed_at == tuple(one.failed_at[0] for one in singles)

    @STOCK
    @given(data=st.data())
    def test_valid_histories_validate(self, workflow: Workflow, data: st.DataObject) -> None:
        """A walk of the table validates, ending where the machine ends."""
        events = data.draw(valid_histories(workflow))
        state, failing = machine_run(workflow, events)
        assert failing is None
        result = validate_histories(workflow, [events])
        assert (result.final, result.failed_at, result.transitions) == (
            (state,),
            (None,),
            len(events),
        )

    @STOCK
    @given(data=st.data())
    def test_invalid_histories_fail_at_index(self, workflow: Workflow, data: st.DataObject) -> None:
        """A mutated history fails exactly at the computed index, where the machine refuses."""
        events, index = data.draw(invalid_histories(workflow))
        assert machine_run(workflow, events)[1] == index
        result = validate_histories(workflow, [events])
        assert (result.final, result.failed_at, result.transitions) == ((None,), (index,), index)


class TestFire:
    @STOCK
    @given(data=st.data())
    def test_refusal_changes_nothing(self, workflow: Workflow, data: st.DataObject) -> None:
        """Any attempt on any case is taken as the table says, or refused leaving the case."""
        case = data.draw(cases(workflow))
        before = case.to_dict()
        event = data.draw(st.sampled_from(workflow.events))
        actor = data.draw(ACTORS)
        at = case.trail[-1].at + data.draw(OFFSETS)
        inputs: dict[str, Any] = {"data": data.draw(DATA), "evidence": data.draw(EVIDENCE)}
        refusal: TransitionRefusedError | None = None
        try:
            after = fire(workflow, case, event, at=at, actor=actor, **inputs)
        except TransitionRefusedError as error:
            refusal = error
        if refusal is not None:
            assert refusal.reasons
            assert (refusal.case_id, refusal.event, refusal.status) == (
                case.case_id,
                event,
                case.status,
            )
            assert refusal.attempt.case is case
        else:
            assert after.status == workflow.targets[case.status][event]
            assert after.trail[:-1] == case.trail
        assert case.to_dict() == before

    @STOCK
    @given(data=st.data())
    def test_available_agrees(self, workflow: Workflow, data: st.DataObject) -> None:
        """An event is listed as allowed exactly when firing it succeeds, with the same reasons."""
        case = data.draw(cases(workflow))
        actor = data.draw(ACTORS)
        at = case.trail[-1].at + data.draw(OFFSETS)
        inputs: dict[str, Any] = {"data": data.draw(DATA), "evidence": data.draw(EVIDENCE)}
        result = available(workflow, case, actor, at=at, **inputs)
        for event in workflow.events:
            reasons: tuple[object, ...] = ()
            try:
                fire(workflow, case, event, at=at, actor=actor, **inputs)
            except TransitionRefusedError as error:
                reasons = error.reasons
            if reasons:
                assert result.refused[event] == reasons
            else:
                assert event in result.allowed


class TestReplay:
    @STOCK
    @given(data=st.data())
    def test_rebuilds_drawn_cases(self, workflow: Workflow, data: st.DataObject) -> None:
        """Replaying a drawn case's trail, and its JSON form, rebuild the same case."""
        case = data.draw(cases(workflow))
        assert replay(case.trail, workflow) == case
        assert Case.from_dict(json.loads(json.dumps(case.to_dict()))) == case


class TestCaseHistory:
    @STOCK
    @given(data=st.data())
    def test_one_event_per_record(self, workflow: Workflow, data: st.DataObject) -> None:
        """Created, then one status change per step, each with the category of its target."""
        case = data.draw(cases(workflow))
        history = case_history(workflow, case)
        assert [event.kind for event in history] == [EventKind.CREATED] + [
            EventKind.STATUS_CHANGED
        ] * (len(case.trail) - 1)
        for event, record in zip(history.events[1:], case.trail[1:], strict=True):
            assert (event["from"], event["to"], event["event"]) == (
                record.from_status,
                record.to_status,
                record.event,
            )
            assert event["category"] == workflow.status(record.to_status).category


class TestStrategies:
    @STOCK
    @given(data=st.data())
    def test_event_sequences(self, workflow: Workflow, data: st.DataObject) -> None:
        """Event sequences hold workflow events only, within the length bounds."""
        events = data.draw(event_sequences(workflow, min_steps=2, max_steps=5))
        assert 2 <= len(events) <= 5
        assert set(events) <= set(workflow.events)

    @STOCK
    @given(data=st.data())
    def test_valid_histories_stop_at_final(self, workflow: Workflow, data: st.DataObject) -> None:
        """No event of a valid history follows a final status."""
        events = data.draw(valid_histories(workflow, max_steps=10))
        assert len(events) <= 10
        status = workflow.initial
        for event in events:
            assert status not in workflow.final
            status = workflow.targets[status][event]

    @STOCK
    @given(data=st.data())
    def test_invalid_histories_bounds(self, workflow: Workflow, data: st.DataObject) -> None:
        """Invalid histories have 1 to ``max_steps`` workflow events, the index among them."""
        events, index = data.draw(invalid_histories(workflow, max_steps=6))
        assert 1 <= len(events) <= 6
        assert 0 <= index < len(events)
        assert set(events) <= set(workflow.events)

    @STOCK
    @given(data=st.data())
    def test_cases_in_time_order(self, workflow: Workflow, data: st.DataObject) -> None:
        """Drawn cases are of the workflow, at most ``max_steps`` steps, in time order."""
        case = data.draw(cases(workflow, max_steps=5))
        assert (case.workflow, case.version) == (workflow.name, workflow.version)
        assert len(case.trail) <= 6
        instants = [record.at for record in case.trail]
        assert instants == sorted(instants)


LOOP = Workflow("loop", "1", [Status("only", "open")], "only", [Step("poke", "only", "only")])
GATED = Workflow(
    "gated",
    "1",
    [Status("shut", "new"), Status("ajar", "open"), Status("gone", "closed")],
    "shut",
    [
        Step("push", "shut", "ajar"),
        Step("shut", "ajar", "shut", requirements=[Requirement.data("why")]),
        Step("leave", "ajar", "gone", requirements=[Requirement.evidence("key")]),
    ],
    final={"gone"},
)


class TestStrategiesOnOtherWorkflows:
    def test_bad_bounds(self) -> None:
        """Lengths below zero or a maximum below the minimum are refused up front."""
        with pytest.raises(InvalidArgumentError):
            event_sequences(GATED, min_steps=3, max_steps=2)
        with pytest.raises(InvalidArgumentError):
            valid_histories(GATED, max_steps=-1)
        with pytest.raises(InvalidArgumentError):
            invalid_histories(GATED, max_steps=0)

    def test_nothing_impossible(self) -> None:
        """A workflow in which every status accepts every event has no invalid history."""
        with pytest.raises(InvalidArgumentError):
            invalid_histories(LOOP)

    @given(invalid_histories(GATED, max_steps=4))
    def test_invalid_on_custom(self, drawn: tuple[tuple[str, ...], int]) -> None:
        """On a custom workflow, the index is where validation fails."""
        events, index = drawn
        assert validate_histories(GATED, [events]).failed_at == (index,)

    @given(cases(GATED, evidence={"leave": ["key"]}))
    def test_cases_take_only_satisfiable_steps(self, case: Case) -> None:
        """Without data for ``shut`` a drawn case never takes it, but may leave with the key."""
        assert "shut" not in [record.event for record in case.trail]
        assert case.status in {"shut", "ajar", "gone"}
        assert replay(case.trail, GATED) == case

    @given(cases(GATED, data={"shut": {"why": "draught"}}, max_steps=6))
    def test_cases_with_given_data(self, case: Case) -> None:
        """With data for ``shut`` given, drawn cases may take it; it is merged into the facts."""
        if any(record.event == "shut" for record in case.trail):
            assert case.fact_map == {"why": "draught"}
        assert "leave" not in [record.event for record in case.trail]

"""Declaring workflows: construction checks, lookups, customisation and the generated machine."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from statemachine.exceptions import TransitionNotAllowed

from safetycore.errors import ConfigurationError, InputTypeError
from safetycore.events import StatusCategory
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Actor,
    Attempt,
    Requirement,
    Status,
    Step,
    Workflow,
    open_case,
)

AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
STOCK = [SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM]


def door(*steps: Step, **options: Any) -> Workflow:
    """A three-status workflow (closed -> open -> locked, locked final) plus ``steps``."""
    definition: dict[str, Any] = {
        "name": "door",
        "version": "1",
        "statuses": [Status("closed", "new"), Status("open", "open"), Status("locked", "closed")],
        "initial": "closed",
        "steps": [
            Step("push", "closed", "open"),
            Step("shut", "open", "closed"),
            Step("lock", "closed", "locked", roles={"keyholder"}),
            *steps,
        ],
        "final": {"locked"},
    }
    return Workflow(**{**definition, **options})


def attempt(
    data: dict[str, Any] | None = None,
    facts: dict[str, Any] | None = None,
    evidence: frozenset[str] = frozenset(),
) -> Attempt:
    """An attempt to take ``push`` on a new door case carrying the given inputs."""
    case = open_case(door(), "D-1", at=AT, actor=Actor("someone"))
    return Attempt(case, "push", Actor("someone"), AT, data or {}, facts or {}, evidence)


class TestStatus:
    def test_category_from_text(self) -> None:
        """A category given as text becomes the ``StatusCategory`` member."""
        assert Status("waiting", "pending").category is StatusCategory.PENDING

    def test_unknown_category(self) -> None:
        """A category outside ``StatusCategory`` is a ``ConfigurationError`` naming it."""
        with pytest.raises(ConfigurationError) as caught:
            Status("waiting", "snoozed")
        assert (caught.value.field, caught.value.value) == ("category", "snoozed")

    @pytest.mark.parametrize("name", ["Open", "2nd", "on-hold", "", "on hold"])
    def test_name_must_be_identifier(self, name: str) -> None:
        """A status name that is not a lower-case identifier is refused."""
        with pytest.raises(ConfigurationError) as caught:
            Status(name, "open")
        assert (caught.value.field, caught.value.value) == ("status.name", name)

    def test_title_from_label_or_name(self) -> None:
        """``title`` is the label when given, otherwise the name in words."""
        assert Status("on_hold", "on_hold").title == "On hold"
        assert Status("on_hold", "on_hold", label="Waiting on vet").title == "Waiting on vet"


class TestRequirementEvidence:
    def test_holds_when_all_present(self) -> None:
        """The requirement holds only when every named piece of evidence is there."""
        requirement = Requirement.evidence("vet_records", "vet_invoice")
        assert requirement.check(attempt(evidence=frozenset({"vet_invoice", "vet_records"})))
        assert not requirement.check(attempt(evidence=frozenset({"vet_invoice"})))

    def test_code_and_reason_sorted(self) -> None:
        """Its code and reason list the names sorted, whatever the order given."""
        requirement = Requirement.evidence("vet_records", "vet_invoice")
        assert requirement.code == "evidence_vet_invoice_vet_records"
        assert requirement.reason == "evidence required: vet_invoice, vet_records"


class TestRequirementFact:
    def test_reads_facts_recorded_before(self) -> None:
        """The requirement reads the case's recorded facts, never the attempt's own data."""
        requirement = Requirement.fact("eligibility", equals="eligible", reason="not eligible")
        recorded = open_case(
            door(), "D-1", at=AT, actor=Actor("someone"), data={"eligibility": "eligible"}
        )
        assert requirement.check(
            Attempt(recorded, "push", Actor("someone"), AT, {}, dict(recorded.facts), frozenset())
        )
        assert not requirement.check(attempt(data={"eligibility": "eligible"}))
        assert not requirement.check(attempt(facts={"eligibility": "eligible"}))
        assert (requirement.code, requirement.reason) == ("fact_eligibility", "not eligible")


class TestRequirementData:
    @pytest.mark.parametrize("empty", [None, "", (), []])
    def test_empty_values_are_missing(self, empty: object) -> None:
        """``None``, empty text and empty sequences count as missing data."""
        assert not Requirement.data("amount").check(attempt(data={"amount": empty}))

    def test_every_key_needed(self) -> None:
        """Every key must be present; a falsy but real value such as 0 counts."""
        requirement = Requirement.data("amount", "currency")
        assert requirement.check(attempt(data={"amount": 0, "currency": "EUR"}))
        assert not requirement.check(attempt(data={"amount": 10}))
        assert requirement.code == "data_amount_currency"
        assert requirement.reason == "the step needs data: amount, currency"


class TestWorkflow:
    def test_valid_definition(self) -> None:
        """A valid definition keeps what it was given, roles as a frozenset."""
        workflow = door()
        assert workflow.initial == "closed"
        assert workflow.final == frozenset({"locked"})
        assert workflow.steps[2].roles == frozenset({"keyholder"})
        assert workflow.steps[0].sources == ("closed",)

    def test_unknown_initial(self) -> None:
        """An initial status that is not declared is refused."""
        with pytest.raises(ConfigurationError) as caught:
            door(initial="ajar")
        assert (caught.value.field, caught.value.value) == ("initial", "ajar")

    def test_unknown_final(self) -> None:
        """A final status that is not declared is refused."""
        with pytest.raises(ConfigurationError) as caught:
            door(final={"locked", "gone"})
        assert (caught.value.field, caught.value.value) == ("final", "gone")

    def test_unknown_target(self) -> None:
        """A step to an undeclared status is refused, naming the field by its path."""
        with pytest.raises(ConfigurationError) as caught:
            door(Step("slam", "open", "ajar"))
        assert (caught.value.field, caught.value.value) == ("steps[3].target", "ajar")

    def test_unknown_source(self) -> None:
        """A step from an undeclared status is refused, naming the source by its path."""
        with pytest.raises(ConfigurationError) as caught:
            door(Step("slam", ("open", "ajar"), "closed"))
        assert (caught.value.field, caught.value.value) == ("steps[3].sources[1]", "ajar")

    def test_duplicate_status(self) -> None:
        """A status declared twice is refused."""
        with pytest.raises(ConfigurationError) as caught:
            Workflow("w", "1", [Status("a", "new"), Status("a", "open")], "a", [])
        assert (caught.value.field, caught.value.value) == ("statuses[1].name", "a")

    def test_non_deterministic_step(self) -> None:
        """An event leaving the same status twice (to anywhere) is refused."""
        with pytest.raises(ConfigurationError) as caught:
            door(Step("push", "closed", "locked"))
        assert (caught.value.field, caught.value.value) == ("steps[3]", "push")
        assert "leaves 'closed' twice" in str(caught.value)

    def test_same_event_from_other_statuses(self) -> None:
        """One event may be declared in several steps when they leave different statuses."""
        workflow = door(Step("lock", "open", "locked"))
        assert workflow.targets["open"]["lock"] == "locked"
        assert workflow.targets["closed"]["lock"] == "locked"

    def test_unreachable_status(self) -> None:
        """Statuses that no walk from the initial status reaches are refused, all listed."""
        with pytest.raises(ConfigurationError) as caught:
            Workflow(
                "w",
                "1",
                [Status("a", "new"), Status("c", "open"), Status("b", "open")],
                "a",
                [Step("go", "c", "b")],
            )
        assert (caught.value.field, caught.value.value) == ("statuses", ["b", "c"])

    def test_step_from_final(self) -> None:
        """A step leaving a final status is refused."""
        with pytest.raises(ConfigurationError) as caught:
            door(Step("unlock", "locked", "closed"))
        assert (caught.value.field, caught.value.value) == ("steps[3].sources[0]", "locked")

    @pytest.mark.parametrize("name", ["send", "events", "states", "configuration"])
    def test_reserved_event_name(self, name: str) -> None:
        """An event named like python-statemachine's API (``send``) is refused."""
        with pytest.raises(ConfigurationError) as caught:
            door(Step(name, "open", "closed"))
        assert (caught.value.field, caught.value.value) == ("steps[3].event", name)

    def test_reserved_status_name(self) -> None:
        """A status named like python-statemachine's API is refused too."""
        with pytest.raises(ConfigurationError) as caught:
            Workflow("w", "1", [Status("send", "new")], "send", [], final={"send"})
        assert (caught.value.field, caught.value.value) == ("statuses[0].name", "send")

    @pytest.mark.parametrize("name", ["created", "migrated"])
    def test_trail_record_event_names_are_reserved(self, name: str) -> None:
        """A step named like the trail's own records (``created``, ``migrated``) is refused."""
        with pytest.raises(ConfigurationError) as caught:
            door(Step(name, "open", "closed"))
        assert (caught.value.field, caught.value.value) == ("steps[3].event", name)

    def test_event_may_share_a_status_name(self) -> None:
        """An event and a status may share a name (``appeal`` in the stock workflows)."""
        workflow = door(Step("open", "closed", "open", label="open the door"))
        assert workflow.targets["closed"]["open"] == "open"
        assert workflow.machine_class.__name__ == "DoorMachine"

    def test_event_name_must_be_identifier(self) -> None:
        """An event name that is not a lower-case identifier is refused."""
        with pytest.raises(ConfigurationError) as caught:
            Step("Push", "closed", "open")
        assert (caught.value.field, caught.value.value) == ("step.event", "Push")

    def test_statuses_must_be_status_values(self) -> None:
        """Anything but a ``Status`` among the statuses is an ``InputTypeError`` naming it."""
        with pytest.raises(InputTypeError) as caught:
            Workflow("w", "1", [Status("a", "new"), "b"], "a", [])  # type: ignore[list-item]
        assert (caught.value.field, caught.value.value) == ("statuses[1]", "b")

    def test_steps_must_be_step_values(self) -> None:
        """Anything but a ``Step`` among the steps is an ``InputTypeError`` naming it."""
        with pytest.raises(InputTypeError) as caught:
            Workflow("w", "1", [Status("a", "new")], "a", [("go", "a", "a")])  # type: ignore[list-item]
        assert caught.value.field == "steps[0]"

    def test_dead_end_status_rejected(self) -> None:
        """A non-final status with no way out is refused up front, naming it."""
        with pytest.raises(ConfigurationError) as caught:
            Workflow(
                "w", "1", [Status("a", "new"), Status("b", "open")], "a", [Step("go", "a", "b")]
            )
        assert caught.value.value == ["b"]

    def test_trap_statuses_rejected(self) -> None:
        """A loop that never reaches a final status is refused up front, naming its statuses."""
        with pytest.raises(ConfigurationError) as caught:
            Workflow(
                "w",
                "1",
                [
                    Status("a", "new"),
                    Status("b", "open"),
                    Status("c", "open"),
                    Status("d", "closed"),
                ],
                "a",
                [
                    Step("go", "a", "b"),
                    Step("there", "b", "c"),
                    Step("back", "c", "b"),
                    Step("finish", "a", "d"),
                ],
                final={"d"},
            )
        assert caught.value.value == ["b", "c"]


class TestWorkflowStatus:
    def test_known(self) -> None:
        """The status of that name is returned."""
        assert SUPPORT_TICKET.status("pending").category is StatusCategory.PENDING

    def test_unknown(self) -> None:
        """An unknown name is a ``ConfigurationError`` naming it."""
        with pytest.raises(ConfigurationError) as caught:
            SUPPORT_TICKET.status("escalated")
        assert (caught.value.field, caught.value.value) == ("status", "escalated")


class TestWorkflowEvents:
    def test_declaration_order_each_once(self) -> None:
        """Events come in declaration order, an event declared in two steps once."""
        workflow = door(Step("lock", "open", "locked"), Step("knock", "closed", "closed"))
        assert workflow.events == ("push", "shut", "lock", "knock")


class TestWorkflowTable:
    def test_table_by_hand(self) -> None:
        """Each status maps each event leaving it to its step and target, and nothing else."""
        workflow = door(Step("lock", "open", "locked"))
        assert workflow.targets == {
            "closed": {"push": "open", "lock": "locked"},
            "open": {"shut": "closed", "lock": "locked"},
            "locked": {},
        }
        assert workflow.table["closed"]["lock"] is workflow.steps[2]
        assert workflow.table["open"]["lock"] is workflow.steps[3]


class TestWorkflowWithStatus:
    def test_adds_status_and_steps(self) -> None:
        """The new version has the status and its steps; the original is unchanged."""
        ajar = door().with_status(
            Status("ajar", "open"),
            Step("nudge", "closed", "ajar"),
            Step("close_ajar", "ajar", "closed"),
            version="2",
        )
        assert ajar.version == "2"
        assert ajar.targets["closed"]["nudge"] == "ajar"
        assert ajar.targets["ajar"] == {"close_ajar": "closed"}
        assert "ajar" not in door().targets

    def test_final_status(self) -> None:
        """``final=True`` adds the status to the final ones."""
        gone = door().with_status(
            Status("removed", "closed"), Step("remove", "open", "removed"), version="2", final=True
        )
        assert gone.final == frozenset({"locked", "removed"})

    def test_checked_like_a_definition(self) -> None:
        """A status added without a step into it is unreachable and refused."""
        with pytest.raises(ConfigurationError) as caught:
            door().with_status(Status("ajar", "open"), version="2")
        assert (caught.value.field, caught.value.value) == ("statuses", ["ajar"])


class TestWorkflowWithSteps:
    def test_adds_steps(self) -> None:
        """The new version has the extra steps and the version given."""
        workflow = door().with_steps(Step("slam", "open", "closed"), version="1.1")
        assert workflow.version == "1.1"
        assert workflow.targets["open"] == {"shut": "closed", "slam": "closed"}
        assert workflow.events == ("push", "shut", "lock", "slam")

    def test_non_deterministic_refused(self) -> None:
        """An added step that duplicates an event out of a status is refused."""
        with pytest.raises(ConfigurationError):
            door().with_steps(Step("shut", "open", "locked"), version="2")


class TestWorkflowWithRequirement:
    def test_added_to_every_step_of_the_event(self) -> None:
        """Every step of the event gets the requirement after its own; others are untouched."""
        key = Requirement.evidence("key")
        workflow = door(Step("lock", "open", "locked", requirements=[Requirement.data("why")]))
        stricter = workflow.with_requirement("lock", key, version="2")
        assert stricter.version == "2"
        assert stricter.table["closed"]["lock"].requirements == (key,)
        assert stricter.table["open"]["lock"].requirements == (Requirement.data("why"), key)
        assert stricter.table["closed"]["push"].requirements == ()

    def test_unknown_event(self) -> None:
        """An event the workflow lacks is a ``ConfigurationError`` naming it."""
        with pytest.raises(ConfigurationError) as caught:
            door().with_requirement("kick", Requirement.data("why"), version="2")
        assert (caught.value.field, caught.value.value) == ("event", "kick")


class Model:
    """A plain model object for a python-statemachine instance."""

    state: str | None = None


class TestWorkflowMachineClass:
    @pytest.mark.parametrize("workflow", STOCK, ids=lambda w: w.name)
    def test_matches_the_table(self, workflow: Workflow) -> None:
        """From every status, every event moves the machine as the table says, or raises."""
        machine_class = workflow.machine_class
        for status in workflow.statuses:
            row = workflow.targets[status.name]
            for event in workflow.events:
                machine = machine_class(start_value=status.name)
                if event in row:
                    machine.send(event)
                    assert machine.current_state_value == row[event], (status.name, event)
                else:
                    with pytest.raises(TransitionNotAllowed):
                        machine.send(event)
                    assert machine.current_state_value == status.name

    @pytest.mark.parametrize("workflow", STOCK, ids=lambda w: w.name)
    def test_allowed_events(self, workflow: Workflow) -> None:
        """The machine's allowed events in each status are the table's row."""
        for status in workflow.statuses:
            machine = workflow.machine_class(start_value=status.name)
            allowed = {event.id for event in machine.allowed_events}
            assert allowed == set(workflow.targets[status.name]), status.name

    def test_model_starts_in_initial(self) -> None:
        """An instance on a fresh model puts the model in the initial status."""
        model = Model()
        machine = SUPPORT_TICKET.machine_class(model=model)
        assert machine.current_state_value == "new"
        machine.send("start_work")
        assert model.state == "open"

    def test_built_once(self) -> None:
        """The class is built once per workflow value and named after the workflow."""
        assert SUPPORT_TICKET.machine_class is SUPPORT_TICKET.machine_class
        assert SUPPORT_TICKET.machine_class.__name__ == "SupportTicketMachine"

    def test_final_states(self) -> None:
        """The machine's final states are the workflow's final statuses."""
        machine = GUARANTEE_CLAIM.machine_class(start_value="closed")
        assert machine.is_terminated
        assert not GUARANTEE_CLAIM.machine_class(start_value="paid").is_terminated

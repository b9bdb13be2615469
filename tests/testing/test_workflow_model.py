"""``safetycore.testing.workflow_model``: the generated state machine and the path tools."""

from __future__ import annotations

import unittest
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import run_state_machine_as_test

from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    SafetycoreError,
)
from safetycore.testing import (
    check_each_path,
    covering_paths,
    shortest_paths,
    state_machine_for,
)
from safetycore.testing import workflow_model as model
from safetycore.testing._search import InvariantError
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Case,
    Status,
    Step,
    Workflow,
    validate_histories,
)
from tests.testing.workflow_fixtures import (
    LOAN,
    LOAN_COVERING,
    LOAN_SHORTEST,
    REFUND,
    REFUND_DATA,
    REFUND_EVIDENCE,
)

STOCK = pytest.mark.parametrize(
    "workflow", [SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM], ids=lambda w: w.name
)
SINGLE = Workflow("single", "1", [Status("only", "closed")], "only", [], final={"only"})
ESCALATING = SUPPORT_TICKET.with_status(
    Status("escalated", "open"),
    Step("escalate", "open", "escalated", roles={"agent"}),
    Step("de_escalate", "escalated", "open", roles={"agent"}),
    version="2",
)
# Small runs keep the module fast; a failing run stops at its first failure anyway.
SMALL = settings(max_examples=20, stateful_step_count=10, deadline=None, database=None)
SEARCHING = settings(
    max_examples=200,
    stateful_step_count=10,
    deadline=None,
    database=None,
    report_multiple_bugs=False,
)
# Finding a failure is what most tests pin; shrinking it (seconds) only where the words are,
# and never explaining it (hypothesis' slowest phase here, and it only adds notes).
FINDING = settings(SEARCHING, phases=[Phase.explicit, Phase.reuse, Phase.generate])
SHRINKING = settings(SEARCHING, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])

# The functions as a type checker sees junk calls: anything goes in.
loose: Any = model


def never_closed(case: Case) -> None:
    """A promise the support ticket breaks: it is closed after solve, close."""
    assert case.status != "closed", "a case was closed"


def solved_has_resolution(case: Case) -> bool:
    """A promise the support ticket keeps: a solved or closed case says how it was solved."""
    return case.status not in {"solved", "closed"} or "resolution" in case.fact_map


def last_record(case: Case, **changes: Any) -> Case:
    """The case with its last audit record changed: a trail the engine never wrote."""
    return attrs.evolve(case, trail=(*case.trail[:-1], attrs.evolve(case.trail[-1], **changes)))


class TestStateMachineFor:
    @STOCK
    def test_runs_clean_on_stock_workflows(self, workflow: Workflow) -> None:
        """The machine walks every stock workflow with its built-in inputs without failing."""
        run_state_machine_as_test(state_machine_for(workflow), settings=SMALL)

    def test_test_case_is_collectable(self) -> None:
        """``.TestCase`` is a unittest case that runs the machine under its settings."""
        test_case = state_machine_for(SUPPORT_TICKET, invariant=solved_has_resolution).TestCase
        test_case.settings = SMALL
        assert issubclass(test_case, unittest.TestCase)
        test_case("runTest").runTest()

    def test_final_status_still_has_a_rule(self) -> None:
        """A case in a final status (here, from the start) runs the refusal rule, not nothing."""
        run_state_machine_as_test(state_machine_for(SINGLE), settings=SMALL)

    def test_derived_version_keeps_stock_inputs(self) -> None:
        """A version derived from a stock workflow walks with the stock inputs, by name."""
        run_state_machine_as_test(state_machine_for(ESCALATING), settings=SMALL)
        check_each_path(ESCALATING, solved_has_resolution)

    def test_one_rule_per_event(self) -> None:
        """The machine has a ``fire_<event>`` rule for each event, and is named for the flow."""
        machine = state_machine_for(GUARANTEE_CLAIM)
        assert machine.__name__ == "GuaranteeClaimModel"
        for event in GUARANTEE_CLAIM.events:
            assert callable(getattr(machine, f"fire_{event}"))

    def test_broken_invariant_fails_in_domain_words(self) -> None:
        """An invariant the workflow breaks fails, shrunk, with the case, status and trail."""
        machine = state_machine_for(SUPPORT_TICKET, invariant=never_closed)
        with pytest.raises(InvariantError) as info:
            run_state_machine_as_test(machine, settings=SHRINKING)
        error = info.value
        message = str(error)
        assert message.startswith(
            "case C-1 (support-ticket version 1) in status 'closed' after created → solve → "
            "close: never_closed does not hold (a case was closed"
        )
        assert ": never_closed does not hold (a case was closed" in message
        assert error.invariant == "never_closed"
        assert isinstance(error.example, Case)
        assert error.example.status == "closed"

    def test_invariant_returning_false_fails(self) -> None:
        """An invariant that returns False (rather than raising) fails just the same."""
        machine = state_machine_for(SUPPORT_TICKET, invariant=lambda case: case.status != "open")
        with pytest.raises(InvariantError, match=r"in status 'open' .*it returned False"):
            run_state_machine_as_test(machine, settings=FINDING)

    @pytest.mark.parametrize(
        ("spoil", "words"),
        [
            (lambda before, after: attrs.evolve(after, status=before.status),
             "by the workflow's table"),
            (lambda before, after: attrs.evolve(after, trail=after.trail[:-1]),
             "should add exactly one record to the audit trail"),
            (lambda before, after: attrs.evolve(after, facts={"forged": True}),
             "should hold the facts"),
            (lambda before, after: attrs.evolve(after, evidence={"forged"}),
             "and the evidence"),
            (lambda before, after: last_record(after, data={"forged": 1}),
             "replaying its audit trail gives another case"),
            (lambda before, after: last_record(after, sequence=0),
             r"its audit trail does not replay \(records\[\d+\]=.*has sequence 0"),
        ],
        ids=["wrong-status", "no-record", "facts", "evidence", "other-case", "not-replayable"],
    )  # fmt: skip
    def test_catches_a_broken_engine(
        self,
        monkeypatch: pytest.MonkeyPatch,
        spoil: Callable[[Case, Case], Case],
        words: str,
    ) -> None:
        """A step landing elsewhere, without its record, data or evidence, or not replayable."""
        honest = loose.fire_by_anyone

        def broken(workflow: Workflow, case: Case, event: str, **kwargs: Any) -> Case:
            return spoil(case, honest(workflow, case, event, **kwargs))

        monkeypatch.setattr(model, "fire_by_anyone", broken)
        with pytest.raises(InvariantError, match=words):
            run_state_machine_as_test(state_machine_for(SUPPORT_TICKET), settings=FINDING)

    def test_custom_inputs_satisfy_custom_requirements(self) -> None:
        """Given data and evidence for its steps, a custom workflow's machine runs clean."""
        machine = state_machine_for(
            REFUND,
            data={"refund": st.fixed_dictionaries({"amount": st.integers(1, 100)})},
            evidence=REFUND_EVIDENCE,
            opened_at=st.just(datetime(2025, 3, 3, 9, tzinfo=UTC)),
        )
        run_state_machine_as_test(machine, settings=SMALL)


class TestShortestPaths:
    def test_hand_computed(self) -> None:
        """The shortest walk to each status, ties broken by declaration order, as by hand."""
        assert dict(shortest_paths(LOAN)) == LOAN_SHORTEST

    def test_every_status_in_declaration_order(self) -> None:
        """Every status is a key, in declaration order, and the mapping is read-only."""
        paths = shortest_paths(GUARANTEE_CLAIM)
        assert list(paths) == [status.name for status in GUARANTEE_CLAIM.statuses]
        with pytest.raises(TypeError):
            paths["closed"] = ()  # type: ignore[index]

    @STOCK
    def test_each_walk_ends_where_it_says(self, workflow: Workflow) -> None:
        """Every walk is possible and ends in its status, and none is longer than needed."""
        paths = shortest_paths(workflow)
        result = validate_histories(workflow, list(paths.values()))
        assert result.final == tuple(paths)
        for status, path in paths.items():
            for shorter in paths.values():
                if len(shorter) < len(path):
                    assert validate_histories(workflow, [shorter]).final != (status,)


def _transitions_taken(workflow: Workflow, paths: tuple[tuple[str, ...], ...]) -> set[Any]:
    """Each (status, event) the paths take, walking the table from the initial status."""
    taken = set()
    for path in paths:
        status = workflow.initial
        for event in path:
            taken.add((status, event))
            status = workflow.targets[status][event]
    return taken


class TestCoveringPaths:
    def test_hand_computed(self) -> None:
        """The greedy walks of the small loan workflow are the ones worked out by hand."""
        assert covering_paths(LOAN) == LOAN_COVERING

    @STOCK
    def test_covers_every_step(self, workflow: Workflow) -> None:
        """Together the walks take every step from every one of its source statuses."""
        paths = covering_paths(workflow)
        assert validate_histories(workflow, paths).valid == len(paths)
        every = {(source, step.event) for step in workflow.steps for source in step.sources}
        assert _transitions_taken(workflow, paths) == every
        assert len(paths) <= 3

    def test_no_steps_no_paths(self) -> None:
        """A workflow whose only status is final has nothing to cover."""
        assert covering_paths(SINGLE) == ()
        assert dict(shortest_paths(SINGLE)) == {"only": ()}


class TestCheckEachPath:
    @STOCK
    def test_true_property_passes(self, workflow: Workflow) -> None:
        """Every covering path of every stock workflow is walked with its built-in inputs."""
        check_each_path(workflow, lambda case: len(case.trail) > 1)

    def test_domain_property_holds(self) -> None:
        """A promise the support ticket keeps holds at the end of every path and status."""
        check_each_path(SUPPORT_TICKET, solved_has_resolution)
        check_each_path(
            SUPPORT_TICKET, solved_has_resolution, paths=shortest_paths(SUPPORT_TICKET).values()
        )

    def test_false_property_names_the_path(self) -> None:
        """A false property fails on the first path breaking it, named in words."""
        with pytest.raises(InvariantError) as info:
            check_each_path(LOAN, lambda case: case.status != "closed")
        message = str(info.value)
        assert message.startswith("along created → check → approve → close (paths[0])")
        assert "case P-1 ends in status 'closed'" in message
        assert info.value.example.status == "closed"  # type: ignore[attr-defined]

    def test_assertion_message_is_kept(self) -> None:
        """The property's own assertion message and name appear in the failure."""
        with pytest.raises(InvariantError, match=r"never_closed does not hold \(a case was"):
            check_each_path(SUPPORT_TICKET, never_closed, paths=[["solve", "close"]])

    def test_step_its_inputs_cannot_take(self) -> None:
        """A step refused with the inputs given raises InvalidArgumentError naming it."""
        with pytest.raises(InvalidArgumentError) as info:
            check_each_path(REFUND, lambda case: True, paths=[["review", "refund"]])
        assert info.value.field == "paths[0][1]"
        assert info.value.value == "refund"
        assert "the step needs data: amount" in str(info.value)
        assert "evidence required: receipt" in str(info.value)
        check_each_path(
            REFUND,
            lambda case: True,
            paths=[["review", "refund", "close"]],
            data=REFUND_DATA,
            evidence=REFUND_EVIDENCE,
        )

    def test_shortest_path_missing_earlier_steps(self) -> None:
        """The graph's shortest walk to approved lacks eligibility: the error says approve."""
        with pytest.raises(InvalidArgumentError) as info:
            check_each_path(GUARANTEE_CLAIM, bool, paths=[shortest_paths(GUARANTEE_CLAIM)["paid"]])
        assert info.value.field == "paths[0][1]"
        assert "eligibility must be decided as eligible first" in str(info.value)

    def test_impossible_path(self) -> None:
        """A path taking a step that does not leave its status names the step and status."""
        with pytest.raises(InvalidArgumentError, match=r"not a step from status 'new'") as info:
            check_each_path(SUPPORT_TICKET, bool, paths=[["start_work"], ["close"]])
        assert info.value.field == "paths[1][0]"


class TestArguments:
    @pytest.mark.parametrize(
        ("call", "error", "field"),
        [
            (lambda: loose.state_machine_for("support-ticket"), InputTypeError, "workflow"),
            (lambda: loose.state_machine_for(SUPPORT_TICKET, invariant="closed"),
             InputTypeError, "invariant"),
            (lambda: loose.state_machine_for(SUPPORT_TICKET, data="x"), InputTypeError, "data"),
            (lambda: loose.state_machine_for(SUPPORT_TICKET, data={"slove": {}}),
             ConfigurationError, "data.slove"),
            (lambda: loose.state_machine_for(SUPPORT_TICKET, evidence={"solve": "receipt"}),
             InputTypeError, "evidence.solve"),
            (lambda: loose.state_machine_for(SUPPORT_TICKET, opened_at=datetime(2025, 1, 1)),
             InputTypeError, "opened_at"),
            (lambda: loose.shortest_paths(None), InputTypeError, "workflow"),
            (lambda: loose.covering_paths("support-ticket"), InputTypeError, "workflow"),
            (lambda: loose.check_each_path([], bool), InputTypeError, "workflow"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, "closed"), InputTypeError, "prop"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool, paths="solve"),
             InputTypeError, "paths"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool, paths=["solve"]),
             InputTypeError, "paths[0]"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool, paths=[[], {"solve"}]),
             InputTypeError, "paths[1]"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool, paths=[["solve", 3]]),
             InputTypeError, "paths[0][1]"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool,
                                           data={"solve": st.just({"resolution": "x"})}),
             InputTypeError, "data.solve"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool, evidence={"solve": "log"}),
             InputTypeError, "evidence.solve"),
            (lambda: loose.check_each_path(SUPPORT_TICKET, bool, data={"close": 5}),
             InputTypeError, "data.close"),
        ],
    )  # fmt: skip
    def test_junk_is_refused(
        self, call: Callable[[], Any], error: type[SafetycoreError], field: str
    ) -> None:
        """A junk argument raises the SafetycoreError naming it, before anything runs."""
        with pytest.raises(error) as info:
            call()
        assert info.value.field == field

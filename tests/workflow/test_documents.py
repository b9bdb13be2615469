"""Workflows as data: the exact round trip, the data form of requirements, every problem."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    InputTypeError,
    SafetycoreError,
    UnknownNameError,
)
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    STOCK_CHECKS,
    SUPPORT_TICKET,
    Actor,
    Requirement,
    Status,
    Step,
    Workflow,
    available,
    open_case,
)
from tests.workflow.document_fixtures import CHECKS, always, members, workflows

STOCK = (SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM)


class TestRoundTrip:
    @pytest.mark.parametrize("workflow", STOCK, ids=lambda w: w.name)
    def test_stock_through_json(self, workflow: Workflow) -> None:
        """Each stock workflow comes back equal through JSON text, answering identically."""
        back = Workflow.from_dict(json.loads(json.dumps(workflow.to_dict())), checks=STOCK_CHECKS)
        assert back == workflow
        assert back.targets == workflow.targets
        assert back.to_dict() == workflow.to_dict()

    @given(workflows())
    def test_drawn_workflows(self, workflow: Workflow) -> None:
        """Any workflow whose requirements have data forms round-trips exactly."""
        document = workflow.to_dict()
        back = Workflow.from_dict(json.loads(json.dumps(document)), checks=CHECKS)
        assert back == workflow
        assert back.to_dict() == document
        assert back.table.keys() == workflow.table.keys()
        assert back.targets == workflow.targets

    @given(workflows(), st.sampled_from([{}, {"amount": 5, "reasons": "r", "notes": 1}]))
    def test_drawn_workflows_answer_identically(
        self, workflow: Workflow, data: dict[str, Any]
    ) -> None:
        """What the read-back workflow allows and refuses, with every reason, is the same."""
        back = Workflow.from_dict(workflow.to_dict(), checks=CHECKS)
        actor = Actor("agent:1", {"agent", "lead"})
        evidence = ("vet_invoice",) if data else ()
        at = datetime(2026, 1, 5, 9, tzinfo=UTC)
        case = open_case(workflow, "W-1", at=at, actor=actor, data={"amount": 1})
        assert available(back, case, actor, at=at, data=data, evidence=evidence) == available(
            workflow, case, actor, at=at, data=data, evidence=evidence
        )

    def test_deterministic_output(self) -> None:
        """Sets are written sorted and defaults left out, so equal workflows write equal text."""
        document = SUPPORT_TICKET.to_dict()
        assert document["steps"][0] == {
            "event": "start_work",
            "sources": ["new"],
            "target": "open",
            "roles": ["agent", "system"],
        }
        assert document["final"] == ["closed"]
        assert list(document)[:2] == ["kind", "format"]
        assert json.dumps(document) == json.dumps(Workflow.from_dict(document).to_dict())

    def test_requirement_forms(self) -> None:
        """Each built-in kind and a named check have their own data form."""
        step = GUARANTEE_CLAIM.to_dict()["steps"][4]
        assert step["event"] == "approve"
        assert step["requirements"] == [
            {
                "fact": "eligibility",
                "equals": "eligible",
                "reason": "eligibility must be decided as eligible first",
            },
            {"data": ["amount"]},
            {"evidence": ["vet_invoice", "vet_records"]},
        ]
        decide = SAFETY_INCIDENT.to_dict()["steps"][5]["requirements"][0]
        assert decide["check"] == "known_outcome"
        assert decide["code"] == "outcome"

    def test_named_check_code_defaults_to_its_name(self) -> None:
        """A check's ``code`` is written only when it is not the check's name."""
        workflow = _one_step(Requirement.named("always", always, reason="r"))
        assert workflow.to_dict()["steps"][0]["requirements"] == [
            {"check": "always", "reason": "r"}
        ]

    def test_loaded_checks_are_the_registry_functions(self) -> None:
        """A named requirement read from data runs the function the registry gives."""
        for workflow in STOCK:
            for step in workflow.steps:
                for requirement in step.requirements:
                    assert requirement.spec is not None
                    if requirement.spec[0] == "check":
                        assert requirement.check is STOCK_CHECKS[requirement.spec[1]]


class TestRequirementEquality:
    def test_spec_takes_part(self) -> None:
        """Two requirements with the same code and reason but other forms are not equal."""
        one = Requirement.fact("x", equals="a", reason="r")
        other = Requirement.fact("x", equals="b", reason="r")
        assert (one.code, one.reason) == (other.code, other.reason)
        assert one != other

    def test_bare_callable_has_no_form(self) -> None:
        """A requirement built from a callable has ``spec`` None, and evolve drops a spec."""
        import attrs

        assert Requirement("c", "r", always).spec is None
        assert attrs.evolve(Requirement.data("amount"), reason="custom").spec is None

    @pytest.mark.parametrize("equals", [[1], {"a": 1}, float("nan"), float("inf"), object()])
    def test_fact_equals_must_be_a_document_value(self, equals: object) -> None:
        """``fact``'s ``equals`` must be a JSON scalar a document can hold."""
        with pytest.raises(InputTypeError) as caught:
            Requirement.fact("x", equals=equals, reason="r")
        assert caught.value.field == "equals"

    def test_hashable(self) -> None:
        """Workflows stay hashable values."""
        assert hash(GUARANTEE_CLAIM) == hash(
            Workflow.from_dict(GUARANTEE_CLAIM.to_dict(), checks=STOCK_CHECKS)
        )


def _one_step(*requirements: Requirement) -> Workflow:
    return Workflow(
        "w",
        "1",
        [Status("a", "new"), Status("b", "closed")],
        "a",
        [Step("go", "a", "b", requirements=requirements)],
        final={"b"},
    )


def _fields(document: object, **kwargs: Any) -> list[tuple[type[SafetycoreError], str]]:
    with pytest.raises(ConfigurationErrorGroup) as caught:
        Workflow.from_dict(document, **kwargs)  # type: ignore[arg-type]
    assert caught.value.document == "workflow"
    return [(type(error), error.field) for error in members(caught.value)]


def _ticket() -> dict[str, Any]:
    return copy.deepcopy(SUPPORT_TICKET.to_dict())


class TestToDictRefusals:
    def test_bare_callables_are_refused_each_with_its_path(self) -> None:
        """Every requirement without a data form is named, all at once."""
        workflow = _one_step(
            Requirement.data("amount"), Requirement("c", "r", always), Requirement("d", "r", always)
        )
        with pytest.raises(ConfigurationErrorGroup) as caught:
            workflow.to_dict()
        assert [(type(e), e.field, e.value) for e in members(caught.value)] == [
            (ConfigurationError, "steps[0].requirements[1]", "c"),
            (ConfigurationError, "steps[0].requirements[2]", "d"),
        ]


class TestFromDictProblems:
    def test_three_independent_problems_are_all_reported(self) -> None:
        """A version, a status and a requirement wrong: three members, each with its path."""
        document = _ticket()
        document["version"] = 2
        document["statuses"][3]["category"] = "waiting"
        document["steps"][2]["requirements"][0] = {"check": "third_party_named", "reason": "r"}
        assert _fields(document) == [
            (InputTypeError, "version"),
            (ConfigurationError, "statuses[3].category"),
            (UnknownNameError, "steps[2].requirements[0].check"),
        ]

    def test_unknown_check_lists_the_known(self) -> None:
        """An unknown check name is an ``UnknownNameError`` listing the registry's names."""
        document = SAFETY_INCIDENT.to_dict()
        checks = {k: v for k, v in STOCK_CHECKS.items() if k != "appealable"}
        with pytest.raises(ConfigurationErrorGroup) as caught:
            Workflow.from_dict(document, checks=checks)
        (error,) = members(caught.value)
        assert isinstance(error, UnknownNameError)
        assert (error.field, error.value) == ("steps[9].requirements[0].check", "appealable")
        assert "known: documents_arrived, known_outcome, removal_outcome, second_reviewer" in str(
            error
        )

    def test_no_registry(self) -> None:
        """Without ``checks`` every named check is unknown, and the message says to pass one."""
        errors = _fields(SAFETY_INCIDENT.to_dict())
        assert errors == [
            (UnknownNameError, "steps[5].requirements[0].check"),
            (UnknownNameError, "steps[7].requirements[0].check"),
            (UnknownNameError, "steps[7].requirements[1].check"),
            (UnknownNameError, "steps[9].requirements[0].check"),
        ]

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (lambda d: d.pop("steps"), [(ConfigurationError, "steps")]),
            (lambda d: d.update(stpes=[]), [(ConfigurationError, "stpes")]),
            (lambda d: d.update(kind="sla_policy"), [(ConfigurationError, "kind")]),
            (lambda d: d.update(format=2), [(ConfigurationError, "format")]),
            (lambda d: d.update(name=""), [(InputTypeError, "name")]),
            (lambda d: d.update(initial="nowhere"), [(ConfigurationError, "initial")]),
            (lambda d: d.update(final="closed"), [(InputTypeError, "final")]),
            (lambda d: d.update(final=["closed", "gone"]), [(ConfigurationError, "final")]),
            (lambda d: d.update(statuses="new"), [(InputTypeError, "statuses")]),
            (
                lambda d: d["statuses"][0].pop("category"),
                [(ConfigurationError, "statuses[0].category")],
            ),
            (
                lambda d: d["statuses"][0].update(name="New"),
                [(ConfigurationError, "statuses[0].name")],
            ),
            (
                lambda d: d["statuses"][0].update(colour="red"),
                [(ConfigurationError, "statuses[0].colour")],
            ),
            (
                lambda d: d["statuses"][2].update(label="two\nlines"),
                [(ConfigurationError, "statuses[2].label")],
            ),
            (lambda d: d["statuses"].__setitem__(1, "open"), [(InputTypeError, "statuses[1]")]),
            (lambda d: d["steps"].__setitem__(1, ["x"]), [(InputTypeError, "steps[1]")]),
            (
                lambda d: d["steps"][0].update(event="Start"),
                [(ConfigurationError, "steps[0].event")],
            ),
            (
                lambda d: d["steps"][0].update(event="send"),
                [(ConfigurationError, "steps[0].event")],
            ),
            (lambda d: d["steps"][0].pop("target"), [(ConfigurationError, "steps[0].target")]),
            (
                lambda d: d["steps"][0].update(target="nope"),
                [(ConfigurationError, "steps[0].target")],
            ),
            (
                lambda d: d["steps"][5].update(sources=["new", "nope"]),
                [(ConfigurationError, "steps[5].sources[1]")],
            ),
            (
                lambda d: d["steps"][5].update(sources=["new", 3]),
                [(InputTypeError, "steps[5].sources[1]")],
            ),
            (lambda d: d["steps"][0].update(roles="agent"), [(InputTypeError, "steps[0].roles")]),
            (
                lambda d: d["steps"][7].update(sources=["closed"]),
                [
                    (ConfigurationError, "steps[7].sources[0]"),
                    (ConfigurationError, "statuses"),
                ],
            ),
            (
                lambda d: d["steps"][1].update(event="start_work", sources=["new"]),
                [(ConfigurationError, "steps[1]")],
            ),
            (
                lambda d: d["steps"][0].update(requirements={"data": ["x"]}),
                [(InputTypeError, "steps[0].requirements")],
            ),
            (
                lambda d: d["steps"][2].update(requirements=["third_party"]),
                [(InputTypeError, "steps[2].requirements[0]")],
            ),
            (
                lambda d: d["steps"][2]["requirements"][0].update(evidence=["x"]),
                [(ConfigurationError, "steps[2].requirements[0]")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {}),
                [(ConfigurationError, "steps[2].requirements[0]")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"data": "third_party"}),
                [(InputTypeError, "steps[2].requirements[0].data")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"data": []}),
                [(ConfigurationError, "steps[2].requirements[0].data")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"data": ["Third"]}),
                [(ConfigurationError, "steps[2].requirements[0].data[0]")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"evidence": ["ok", 4]}),
                [(InputTypeError, "steps[2].requirements[0].evidence[1]")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(
                    0, {"data": ["x"], "reason": "r"}
                ),
                [(ConfigurationError, "steps[2].requirements[0].reason")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(
                    0, {"fact": "x", "reason": "r"}
                ),
                [(ConfigurationError, "steps[2].requirements[0].equals")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"fact": "x", "equals": 1}),
                [(ConfigurationError, "steps[2].requirements[0].reason")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(
                    0, {"fact": "X", "equals": 1, "reason": "r"}
                ),
                [(ConfigurationError, "steps[2].requirements[0].fact")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(
                    0, {"fact": "x", "equals": [1], "reason": "r"}
                ),
                [(InputTypeError, "steps[2].requirements[0].equals")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(
                    0, {"fact": "x", "equals": 1, "reason": ""}
                ),
                [(InputTypeError, "steps[2].requirements[0].reason")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"check": 5, "reason": "r"}),
                [(InputTypeError, "steps[2].requirements[0].check")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(0, {"check": "always"}),
                [(ConfigurationError, "steps[2].requirements[0].reason")],
            ),
            (
                lambda d: d["steps"][2]["requirements"].__setitem__(
                    0, {"check": "always", "code": "Bad", "reason": "r"}
                ),
                [(ConfigurationError, "steps[2].requirements[0].code")],
            ),
        ],
    )
    def test_each_problem_names_its_path(self, change: Any, expected: list[Any]) -> None:
        """Each hand-broken document is refused, naming the field by its full path."""
        document = _ticket()
        change(document)
        assert _fields(document, checks=CHECKS) == expected

    def test_unreachable_status(self) -> None:
        """The constructor's graph checks surface too: an unreachable status."""
        document = _ticket()
        document["steps"] = [s for s in document["steps"] if s["event"] != "hold"]
        assert _fields(document) == [(ConfigurationError, "statuses")]

    def test_every_graph_problem(self) -> None:
        """Independent graph problems are all reported, not only the first."""
        document = _ticket()
        document["steps"][0]["target"] = "opne"
        document["steps"][3]["sources"] = ["pendign"]
        assert _fields(document) == [
            (ConfigurationError, "steps[0].target"),
            (ConfigurationError, "steps[3].sources[0]"),
        ]

    def test_another_kind_is_refused_by_its_envelope_only(self) -> None:
        """An SLA policy handed to the workflow reader is refused by name, not key by key."""
        document = {"kind": "sla_policy", "format": 1, "name": "care", "versions": []}
        assert _fields(document) == [(ConfigurationError, "kind"), (ConfigurationError, "versions")]
        assert _fields({**_ticket(), "format": 2}) == [(ConfigurationError, "format")]

    def test_not_a_mapping(self) -> None:
        """A document that is not a mapping is refused, naming the document."""
        assert _fields(["workflow"]) == [(InputTypeError, "workflow")]

    @pytest.mark.parametrize("checks", [["always"], {"always": "yes"}, {"": always}])
    def test_registry_must_be_names_to_functions(self, checks: object) -> None:
        """A bad registry is the caller's error, raised at once naming ``checks``."""
        with pytest.raises(InputTypeError) as caught:
            Workflow.from_dict(_ticket(), checks=checks)  # type: ignore[arg-type]
        assert caught.value.field.startswith("checks")

    def test_schema_key_is_allowed(self) -> None:
        """An editor's ``$schema`` key is read and ignored."""
        document = {"$schema": "workflow.schema.json", **_ticket()}
        assert Workflow.from_dict(document) == SUPPORT_TICKET

    def test_source_shorthand(self) -> None:
        """One source as a bare text is the shorthand the constructor documents."""
        document = _ticket()
        document["steps"][0]["sources"] = "new"
        assert Workflow.from_dict(document) == SUPPORT_TICKET

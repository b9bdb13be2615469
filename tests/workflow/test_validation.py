"""Issue 9 at the workflow edges: junk refused at once, naming the field; nothing dropped."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    SafetycoreError,
    TransitionRefusedError,
)
from safetycore.events import Channel
from safetycore.sla import (
    Calendar,
    Condition,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SUPPORT_TICKET,
    Actor,
    AuditRecord,
    Availability,
    BulkReplay,
    Case,
    Refusal,
    Requirement,
    Status,
    Step,
    Workflow,
    available,
    case_history,
    fire,
    open_case,
    replay,
    to_dot,
    to_mermaid,
    validate_histories,
)

AT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
AGENT = Actor("agent:7", {"agent"})
CUSTOMER = Actor("customer:1")
NAIVE = datetime(2025, 3, 3, 9, 0)
YEAR_1 = datetime(1, 1, 1, 12, tzinfo=UTC)
YEAR_9999 = datetime(9999, 12, 31, tzinfo=UTC)
HUGE = 10**400
# Junk of every kind; the huge int gets a short test id.
JUNK: tuple[Any, ...] = (
    None, 7, True, math.nan, pytest.param(HUGE, id="10**400"), 2.5, b"x", object(), [[None]],
    {"a": {1}},
)  # fmt: skip


def opened() -> Case:
    """A new support ticket."""
    return open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER)


def raises(error: type[SafetycoreError], action: Callable[[], object]) -> SafetycoreError:
    """The error ``action`` raises, checked to be of class ``error``."""
    with pytest.raises(error) as caught:
        action()
    return caught.value


class TestCreatedDataReachesTheClocks:
    """Defect 1: ``case_history`` dropped the data given to ``open_case``."""

    def test_created_event_carries_what_the_clocks_read(self) -> None:
        """The data given to open_case (priority, category, tags, the rest) is on the event."""
        case = open_case(
            SUPPORT_TICKET,
            "T-1",
            at=AT,
            actor=CUSTOMER,
            via="chat",
            data={"priority": "urgent", "category": "billing", "tags": ["vip"], "topic": "x"},
        )
        created = case_history(SUPPORT_TICKET, case).events[0]
        assert created.via is Channel.CHAT
        assert dict(created.data) == {
            "priority": "urgent", "category": "billing", "tags": ("vip",), "topic": "x",
        }  # fmt: skip

    def test_urgent_priority_selects_the_urgent_policy(self) -> None:
        """End to end: an urgent ticket is measured under the urgent policy row."""
        always = VersionedCalendar("24/7", "1", Calendar.always("UTC"))
        urgent = Policy(
            "urgent", [Target("first_reply", HOUR, always)], when=Condition(priority="urgent")
        )
        standard = Policy("standard", [Target("first_reply", 8 * HOUR, always)])
        policy = SlaPolicy("care", [PolicyVersion("1", AT - HOUR, [urgent, standard])])
        for priority, row, due in (
            ("urgent", "urgent", AT + HOUR),
            (None, "standard", AT + 8 * HOUR),
        ):
            data = {} if priority is None else {"priority": priority}
            case = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER, data=data)
            case = fire(SUPPORT_TICKET, case, "start_work", at=AT + HOUR, actor=AGENT)
            report = evaluate(case_history(SUPPORT_TICKET, case), policy, AT + 2 * HOUR)
            assert {cycle.policy for cycle in report.cycles} == {row}
            (first_reply,) = [cycle for cycle in report.cycles if cycle.metric == "first_reply"]
            assert first_reply.due_at == due

    @pytest.mark.parametrize(
        ("key", "value"),
        [("priority", 5), ("category", ""), ("tags", "vip"), ("channel", "fax")],
    )
    def test_bad_clock_data_refused_at_open(self, key: str, value: object) -> None:
        """Data the clocks would refuse later is refused by open_case, naming data.<key>."""
        error = raises(
            SafetycoreError,
            lambda: open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER, data={key: value}),
        )
        assert error.field == f"data.{key}"
        assert error.value == value


class TestBareStrRefused:
    """Defect 2: a bare str where names belong was split into letters or taken silently."""

    @pytest.mark.parametrize(
        ("action", "field"),
        [
            (lambda: fire(SUPPORT_TICKET, opened(), "start_work", at=AT, actor=AGENT,
                          evidence="receipt"), "evidence"),
            (lambda: available(SUPPORT_TICKET, opened(), AGENT, at=AT, evidence="receipt"),
             "evidence"),
            (lambda: open_case(SUPPORT_TICKET, "T-1", at=AT, actor=AGENT, evidence="receipt"),
             "evidence"),
            (lambda: Actor("agent:7", "agent"), "roles"),
            (lambda: Step("go", ["new"], "open", roles="agent"), "roles"),
            (lambda: Step("go", ["new"], "open", requirements="x"), "requirements"),
            (lambda: Workflow("w", "1", [Status("a", "new")], "a", [], final="a"), "final"),
            (lambda: validate_histories(SUPPORT_TICKET, ["start_work"]), "histories[0]"),
            (lambda: replay("records", SUPPORT_TICKET), "records"),  # type: ignore[arg-type]
        ],
        ids=["fire", "available", "open_case", "actor", "roles", "requirements",
             "final", "history", "records"],
    )  # fmt: skip
    def test_refused(self, action: Callable[[], object], field: str) -> None:
        """A bare str raises InputTypeError naming the field, never read letter by letter."""
        assert raises(InputTypeError, action).field == field

    def test_one_source_status_stays_shorthand(self) -> None:
        """Step sources keep the documented one-name str shorthand (every stock step uses it)."""
        assert Step("go", "new", "open").sources == ("new",)
        assert Step("go", iter(["new", "open"]), "solved").sources == ("new", "open")

    def test_evidence_not_split_into_letters(self) -> None:
        """Names in a collection are kept whole."""
        case = fire(GUARANTEE_CLAIM, open_case(GUARANTEE_CLAIM, "G-1", at=AT, actor=CUSTOMER),
                    "request_documents", at=AT, actor=Actor("c:1", ["claims_agent"]),
                    data={"documents": ["vet_invoice"]}, evidence=["receipt"])  # fmt: skip
        assert case.evidence == frozenset({"receipt"})

    def test_requirement_constructors_need_names(self) -> None:
        """Requirement.evidence and .data need at least one name, each non-empty text."""
        assert raises(InputTypeError, lambda: Requirement.evidence(["a"])).field == "names[0]"  # type: ignore[arg-type]
        assert raises(ConfigurationError, lambda: Requirement.data()).field == "keys"
        assert raises(ConfigurationError, lambda: Requirement.data("")).field == "keys[0]"
        assert raises(InputTypeError, lambda: Requirement.data(5)).field == "keys[0]"  # type: ignore[arg-type]
        assert raises(ConfigurationError, lambda: Requirement.evidence("Vet invoice")).field == (
            "names[0]"
        )
        assert raises(InputTypeError, lambda: Requirement.fact(5, equals=1, reason="r")).field == (  # type: ignore[arg-type]
            "name"
        )


class TestActor:
    """Defect 3: a str where an Actor belongs, and actors of junk."""

    def test_str_actor_refused_with_a_hint(self) -> None:
        """open_case(actor="agent:7") says how to build the Actor."""
        error = raises(
            InputTypeError,
            lambda: open_case(SUPPORT_TICKET, "T-1", at=AT, actor="agent:7"),  # type: ignore[arg-type]
        )
        assert (error.field, error.value) == ("actor", "agent:7")
        assert "Actor('agent:7'" in str(error)

    @pytest.mark.parametrize("junk", ["", *JUNK])
    def test_id_is_text(self, junk: object) -> None:
        """An actor's id is non-empty text."""
        assert raises(InputTypeError, lambda: Actor(junk)).field == "id"  # type: ignore[arg-type]

    @pytest.mark.parametrize("roles", [[""], [1], None, 5, {"agent": 1}])
    def test_roles_are_names(self, roles: object) -> None:
        """Roles are a collection of non-empty names."""
        error = raises(InputTypeError, lambda: Actor("a:1", roles))
        assert error.field.startswith("roles")

    def test_from_dict_unknown_key(self) -> None:
        """A misspelt key is refused."""
        error = raises(ConfigurationError, lambda: Actor.from_dict({"id": "a:1", "role": ["x"]}))
        assert error.field == "actor.role"


class TestDefinitions:
    """Defect 3: definitions that took junk and failed later."""

    def test_step_requirements_are_requirements(self) -> None:
        """Step(requirements=["x"]) names the item."""
        error = raises(InputTypeError, lambda: Step("go", ["new"], "open", requirements=["x"]))
        assert (error.field, error.value) == ("requirements[0]", "x")

    def test_requirement_check_callable(self) -> None:
        """Requirement(check=5) is refused: it must be callable."""
        error = raises(InputTypeError, lambda: Requirement("x", "because", 5))  # type: ignore[arg-type]
        assert (error.field, error.value) == ("check", 5)

    @pytest.mark.parametrize("junk", ["", *JUNK])
    def test_requirement_reason_is_text(self, junk: object) -> None:
        """A requirement's reason is non-empty text."""
        error = raises(InputTypeError, lambda: Requirement("x", junk, bool))  # type: ignore[arg-type]
        assert error.field == "reason"

    @pytest.mark.parametrize("junk", JUNK)
    def test_status_name_is_text(self, junk: object) -> None:
        """A status name that is not text is a type error naming it."""
        error = raises(InputTypeError, lambda: Status(junk, "open"))  # type: ignore[arg-type]
        assert error.field == "status.name"

    @pytest.mark.parametrize("junk", [*JUNK, "fax"])
    def test_status_category(self, junk: object) -> None:
        """A category outside StatusCategory is refused naming it."""
        assert raises(SafetycoreError, lambda: Status("a", junk)).field == "category"

    @pytest.mark.parametrize("label", [5, "two\nlines"])
    def test_labels_are_one_line_of_text(self, label: object) -> None:
        """Labels are text on one line (a line break would break the diagrams)."""
        assert raises(SafetycoreError, lambda: Status("a", "open", label=label)).field == "label"  # type: ignore[arg-type]
        error = raises(SafetycoreError, lambda: Step("go", ["a"], "b", label=label))  # type: ignore[arg-type]
        assert error.field == "label"

    @pytest.mark.parametrize("field", ["target", "event"])
    @pytest.mark.parametrize("junk", JUNK)
    def test_step_names(self, field: str, junk: object) -> None:
        """A step's event and target are names."""
        values: dict[str, Any] = {"event": "go", "sources": ["a"], "target": "b", field: junk}
        assert raises(SafetycoreError, lambda: Step(**values)).field.endswith(field)

    def test_step_sources_not_empty_nor_repeated(self) -> None:
        """A step leaves at least one status, each once."""
        assert raises(ConfigurationError, lambda: Step("go", [], "b")).field == "sources"
        assert raises(ConfigurationError, lambda: Step("go", ["a", "a"], "b")).field == "sources"

    @pytest.mark.parametrize("field", ["name", "version", "initial"])
    @pytest.mark.parametrize("junk", ["", *JUNK])
    def test_workflow_texts(self, field: str, junk: object) -> None:
        """A workflow's name, version and initial status are non-empty text."""
        values: dict[str, Any] = {
            "name": "w", "version": "1", "statuses": [Status("a", "new")], "initial": "a",
            "steps": [], "final": {"a"}, field: junk,
        }  # fmt: skip
        assert raises(InputTypeError, lambda: Workflow(**values)).field == field

    def test_workflow_lookups_and_customising(self) -> None:
        """Workflow.status, with_status and with_requirement refuse junk arguments."""
        assert raises(InputTypeError, lambda: SUPPORT_TICKET.status(["new"])).field == "status"  # type: ignore[arg-type]
        error = raises(InputTypeError, lambda: SUPPORT_TICKET.with_status("x", version="2"))  # type: ignore[arg-type]
        assert error.field == "status"
        error = raises(
            InputTypeError,
            lambda: SUPPORT_TICKET.with_requirement("solve", "r", version="2"),  # type: ignore[arg-type]
        )
        assert error.field == "requirement"
        error = raises(
            InputTypeError,
            lambda: SUPPORT_TICKET.with_requirement(["solve"], Requirement.data("a"), version="2"),  # type: ignore[arg-type]
        )
        assert error.field == "event"
        error = raises(
            InputTypeError,
            lambda: SUPPORT_TICKET.with_status(Status("x", "open"), version="2", final=1),  # type: ignore[arg-type]
        )
        assert error.field == "final"


class TestRecordsAndCases:
    """Defect 3: audit records and cases of junk, and their plain-dict forms."""

    def record(self, **changes: Any) -> AuditRecord:
        values: dict[str, Any] = {
            "case_id": "T-1", "sequence": 1, "at": AT, "actor": "agent:7", "roles": ["agent"],
            "via": "email", "event": "start_work", "from_status": "new", "to_status": "open",
            "workflow": "support-ticket", "version": "1",
        }  # fmt: skip
        return AuditRecord(**{**values, **changes})

    @pytest.mark.parametrize(
        ("field", "junk", "error"),
        [
            ("case_id", "", InputTypeError),
            ("sequence", True, InputTypeError),
            ("sequence", -1, InvalidArgumentError),
            ("sequence", 2.0, InputTypeError),
            ("at", NAIVE, NaiveDatetimeError),
            ("at", YEAR_1, OutOfRangeError),
            ("at", YEAR_9999, OutOfRangeError),
            ("actor", None, InputTypeError),
            ("roles", "agent", InputTypeError),
            ("via", "fax", InvalidArgumentError),
            ("via", 5, InputTypeError),
            ("event", 3, InputTypeError),
            ("from_status", None, InputTypeError),
            ("to_status", "", InputTypeError),
            ("workflow", None, InputTypeError),
            ("version", 1, InputTypeError),
            ("reason", None, InputTypeError),
            ("data", "x", InputTypeError),
            ("evidence", "receipt", InputTypeError),
        ],
    )
    def test_record_fields(self, field: str, junk: object, error: type[SafetycoreError]) -> None:
        """Each field of an AuditRecord is checked when it is built."""
        assert raises(error, lambda: self.record(**{field: junk})).field.startswith(field)

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({1: "a"}, "data"),
            ({"": "a"}, "data"),
            ({"a": math.nan}, "data.a"),
            ({"a": {1, 2}}, "data.a"),
            ({"a": [datetime(2025, 1, 1, tzinfo=UTC)]}, "data.a[0]"),
            ({"a": {"b": object()}}, "data.a.b"),
        ],
    )
    def test_data_is_json_like(self, data: object, field: str) -> None:
        """Step data must round-trip through JSON: text keys, JSON-like values."""
        assert raises(SafetycoreError, lambda: self.record(data=data)).field == field

    def test_from_dict_unknown_keys(self) -> None:
        """Case.from_dict and AuditRecord.from_dict refuse keys they do not know."""
        form = opened().to_dict()
        error = raises(ConfigurationError, lambda: Case.from_dict({**form, "state": "new"}))
        assert error.field == "case.state"
        form["trail"][0]["sequnce"] = 0
        error = raises(ConfigurationError, lambda: Case.from_dict(form))
        assert error.field == "case.trail[0].sequnce"

    def test_from_dict_trail_is_a_list(self) -> None:
        """A trail that is not a list of records is refused naming it."""
        form = opened().to_dict()
        assert raises(InputTypeError, lambda: Case.from_dict({**form, "trail": "x"})).field == (
            "case.trail"
        )
        error = raises(InputTypeError, lambda: Case.from_dict({**form, "trail": [5]}))
        assert error.field == "case.trail[0]"

    def test_case_needs_its_created_record(self) -> None:
        """A case without a trail has no created record (opened_at failed with IndexError)."""
        error = raises(InvalidArgumentError, lambda: Case("T-1", "w", "1", "new", {}, [], []))
        assert error.field == "trail"

    def test_case_trail_of_records(self) -> None:
        """A trail item that is not an AuditRecord, or of another case, is refused."""
        case = opened()
        error = raises(InputTypeError, lambda: Case("T-1", "w", "1", "new", {}, [], ["x"]))
        assert error.field == "trail[0]"
        error = raises(
            InvalidArgumentError,
            lambda: Case("T-2", "support-ticket", "1", "new", {}, [], case.trail),
        )
        assert (error.field, error.value) == ("trail[0].case_id", "T-1")
        error = raises(InputTypeError, lambda: Case("T-1", "w", "1", "new", {}, "ab", case.trail))
        assert error.field == "evidence"

    def test_refusal_fields(self) -> None:
        """A refusal's code and reason are non-empty text."""
        assert raises(InputTypeError, lambda: Refusal(5, "x")).field == "code"  # type: ignore[arg-type]
        assert raises(InputTypeError, lambda: Refusal("x", None)).field == "reason"  # type: ignore[arg-type]


class TestEngineArguments:
    """Defect 3: engine functions that failed late, or with internal errors, on junk."""

    @pytest.mark.parametrize("junk", [*JUNK, "support-ticket"])
    def test_workflow_is_a_workflow(self, junk: object) -> None:
        """Every function refuses a workflow that is not a Workflow, naming ``workflow``."""
        case = opened()
        actions: list[Callable[[], object]] = [
            lambda: open_case(junk, "T-1", at=AT, actor=AGENT),  # type: ignore[arg-type]
            lambda: fire(junk, case, "start_work", at=AT, actor=AGENT),  # type: ignore[arg-type]
            lambda: available(junk, case, AGENT, at=AT),  # type: ignore[arg-type]
            lambda: case_history(junk, case),  # type: ignore[arg-type]
            lambda: validate_histories(junk, []),  # type: ignore[arg-type]
            lambda: to_mermaid(junk),  # type: ignore[arg-type]
            lambda: to_dot(junk),  # type: ignore[arg-type]
        ]
        for action in actions:
            assert raises(InputTypeError, action).field == "workflow"
        assert raises(InputTypeError, lambda: replay(case.trail, junk)).field.startswith(  # type: ignore[arg-type]
            "workflows"
        )

    @pytest.mark.parametrize("junk", JUNK)
    def test_case_is_a_case(self, junk: object) -> None:
        """fire, available and case_history refuse a case that is not a Case."""
        for action in (
            lambda: fire(SUPPORT_TICKET, junk, "start_work", at=AT, actor=AGENT),  # type: ignore[arg-type]
            lambda: available(SUPPORT_TICKET, junk, AGENT, at=AT),  # type: ignore[arg-type]
            lambda: case_history(SUPPORT_TICKET, junk),  # type: ignore[arg-type]
        ):
            assert raises(InputTypeError, action).field == "case"

    def test_unknown_via_is_a_safetycore_error(self) -> None:
        """open_case(via="fax") names via and lists the channels, no raw enum ValueError."""
        error = raises(
            InvalidArgumentError,
            lambda: open_case(SUPPORT_TICKET, "T-1", at=AT, actor=AGENT, via="fax"),
        )
        assert (error.field, error.value) == ("via", "fax")
        assert "phone, email, chat, sms, web, system" in str(error)

    @pytest.mark.parametrize(
        ("at", "error"),
        [(NAIVE, NaiveDatetimeError), (YEAR_1, OutOfRangeError), (YEAR_9999, OutOfRangeError),
         ("soon", InputTypeError), (None, InputTypeError)],
    )  # fmt: skip
    def test_at_checked_first(self, at: object, error: type[SafetycoreError]) -> None:
        """An instant that is no instant, naive or outside years 2 to 9998 is refused at once."""
        case = opened()
        for action in (
            lambda: open_case(SUPPORT_TICKET, "T-1", at=at, actor=AGENT),  # type: ignore[arg-type]
            lambda: fire(SUPPORT_TICKET, case, "start_work", at=at, actor=CUSTOMER),  # type: ignore[arg-type]
            lambda: available(SUPPORT_TICKET, case, AGENT, at=at),  # type: ignore[arg-type]
        ):
            assert raises(error, action).field == "at"

    @pytest.mark.parametrize("junk", JUNK)
    def test_event_is_text(self, junk: object) -> None:
        """An event name that is not text is refused by fire (an unhashable one failed inside)."""
        error = raises(
            InputTypeError,
            lambda: fire(SUPPORT_TICKET, opened(), junk, at=AT, actor=AGENT),  # type: ignore[arg-type]
        )
        assert error.field == "event"

    @pytest.mark.parametrize(
        ("name", "junk"),
        [("case_id", ""), ("case_id", 5), ("reason", None), ("data", "x"), ("data", [1]),
         ("data", {"a": math.nan}), ("actor", None), ("via", 5)],
    )  # fmt: skip
    def test_other_arguments(self, name: str, junk: object) -> None:
        """Each argument of open_case and fire is checked, naming it."""
        values: dict[str, Any] = {"at": AT, "actor": AGENT, name: junk}

        def action() -> object:
            if name == "case_id":
                return open_case(SUPPORT_TICKET, junk, at=AT, actor=AGENT)  # type: ignore[arg-type]
            if name == "reason":
                return fire(SUPPORT_TICKET, opened(), "start_work", **values)
            return open_case(SUPPORT_TICKET, "T-1", **values)

        assert raises(SafetycoreError, action).field.startswith(name)

    def test_status_of_a_hand_built_case(self) -> None:
        """A case in a status its workflow lacks is refused, not a KeyError."""
        case = opened()
        bogus = Case("T-1", "support-ticket", "1", "bogus", {}, [], case.trail)
        error = raises(
            ConfigurationError,
            lambda: fire(SUPPORT_TICKET, bogus, "start_work", at=AT, actor=AGENT),
        )
        assert (error.field, error.value) == ("case.status", "bogus")
        error = raises(ConfigurationError, lambda: available(SUPPORT_TICKET, bogus, AGENT, at=AT))
        assert error.field == "case.status"

    def test_refused_step_keeps_its_attempt(self) -> None:
        """A refused step still carries everything handed in: nothing is lost."""
        with pytest.raises(TransitionRefusedError) as caught:
            fire(SUPPORT_TICKET, opened(), "solve", at=AT, actor=CUSTOMER,
                 data={"note": "x"}, evidence=["call"])  # fmt: skip
        attempt = caught.value.attempt
        assert (attempt.event, attempt.actor, attempt.at) == ("solve", CUSTOMER, AT)
        assert (dict(attempt.data), attempt.evidence) == ({"note": "x"}, frozenset({"call"}))

    @pytest.mark.parametrize(
        ("histories", "field"),
        [(None, "histories"), ("abc", "histories"), ({"a": ["x"]}, "histories"),
         ([5], "histories[0]"), ([{"a"}], "histories[0]"), ([["start_work", 5]], "histories[0][1]"),
         ([["start_work", ["x"]]], "histories[0][1]")],
    )  # fmt: skip
    def test_validate_histories_arguments(self, histories: object, field: str) -> None:
        """Histories are sequences of event names; junk is refused naming its place."""
        error = raises(InputTypeError, lambda: validate_histories(SUPPORT_TICKET, histories))  # type: ignore[arg-type]
        assert error.field == field

    @pytest.mark.parametrize(
        ("records", "field"),
        [(None, "records"), (5, "records"), (["x"], "records[0]")],
    )
    def test_replay_arguments(self, records: object, field: str) -> None:
        """Records are a collection of AuditRecord."""
        error = raises(InputTypeError, lambda: replay(records, SUPPORT_TICKET))  # type: ignore[arg-type]
        assert error.field == field
        error = raises(InputTypeError, lambda: replay(opened().trail, [SUPPORT_TICKET, 5]))  # type: ignore[list-item]
        assert error.field == "workflows[1]"


class TestResults:
    """Result values built by hand check their fields like any other value."""

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda: Availability("start_work", {}), "allowed"),
            (lambda: Availability([""], {}), "allowed[0]"),
            (lambda: Availability([], []), "refused"),
            (lambda: Availability([], {"solve": ["role"]}), "refused.solve[0]"),
            (lambda: BulkReplay([5], [None], 0), "final[0]"),
            (lambda: BulkReplay(["new"], [True], 0), "failed_at[0]"),
            (lambda: BulkReplay(["new"], [None], None), "transitions"),  # type: ignore[arg-type]
            (lambda: BulkReplay(["new"], [None], -1), "transitions"),
            (lambda: BulkReplay(["new"], [], 0), "failed_at"),
        ],
    )
    def test_junk_refused(self, build: Callable[[], object], field: str) -> None:
        """Each field is checked when the result is built, naming it."""
        assert raises(SafetycoreError, build).field == field

    def test_engine_results_unchanged(self) -> None:
        """The results the engine builds read as before."""
        result = validate_histories(SUPPORT_TICKET, [["start_work"], ["close"]])
        assert (result.final, result.failed_at, result.transitions) == (
            ("open", None),
            (None, 0),
            1,
        )
        assert available(SUPPORT_TICKET, opened(), AGENT, at=AT).allowed == ("start_work",)

"""Model-based testing of workflows: a generated state machine, and every path walked.

Two ways to test a ``Workflow`` (stock or your own) against its own declaration, and code
built on it against your promises (``invariant(case)``):

- ``state_machine_for(workflow)``: a hypothesis ``RuleBasedStateMachine`` that opens a case
  and takes random steps with ``fire``, one rule per event, checking after each step that the
  case is where the workflow's table says, that its trail grew by exactly one record, that
  its facts and evidence are what the steps brought, that ``replay`` of the trail gives the
  case back, and your invariant. Collect it with
  ``TestSupportTicket = state_machine_for(SUPPORT_TICKET).TestCase``.
- ``shortest_paths``, ``covering_paths`` and ``check_each_path``: the paths of the graph
  (the shortest walk to each status; a few walks that take every transition), and a real
  case built along each, handed to your property. Deterministic: the same walks every run.

Every failure is an ``InvariantError`` (an ``AssertionError``) that says what broke in the
workflow's words: the case, its status, and the steps it took (``created → start_work →
solve``).

>>> from safetycore.workflow import SUPPORT_TICKET
>>> shortest_paths(SUPPORT_TICKET)["closed"]
('solve', 'close')
>>> check_each_path(SUPPORT_TICKET, lambda case: len(case.trail) >= 1)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from safetycore._config import names_of
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    ReplayError,
    TransitionRefusedError,
)
from safetycore.events import Channel
from safetycore.testing._search import InvariantError
from safetycore.testing._workflow_inputs import (
    ACTORS,
    OPENED,
    STOCK_OPENING,
    DataInputs,
    EvidenceInputs,
    actors_for,
    check_inputs,
    check_strategy,
    drawn_inputs,
    example_inputs,
    fire_by_anyone,
)
from safetycore.workflow import Actor, Case, Workflow, open_case, replay
from safetycore.workflow.case import CREATED, step_data
from safetycore.workflow.definition import check_workflow

__all__ = ["check_each_path", "covering_paths", "shortest_paths", "state_machine_for"]

CaseInvariant = Callable[[Case], object]
"""A promise about a case: it holds unless it raises ``AssertionError`` or returns ``False``."""

PATH_OPENED_AT: Final = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
"""When ``check_each_path`` opens each case (a Monday, 09:00 UTC); each step is an hour on."""

_PATH_GAP: Final = timedelta(hours=1)
# 0 to 3 days between steps, as ``cases`` has (``GAPS``), in whole seconds: one choice per
# step instead of a timedelta's several, so that a failing run shrinks in a fraction of
# the time.
_STEP_GAPS: Final = st.integers(0, 3 * 24 * 3600).map(lambda seconds: timedelta(seconds=seconds))
_ARROW: Final = " → "

# Codes of refusals that a step whose roles the actor holds, attempted in time order, can
# still get: its own requirements' codes. Anything else is the engine's fault.
_ENGINE_CODES: Final = frozenset({"role", "time_order", "wrong_status", "unknown_event"})


def _words(events: Iterable[str]) -> str:
    """A walk in words: ``created → start_work → solve``."""
    return _ARROW.join((CREATED, *events))


def _trail_words(case: Case) -> str:
    return _ARROW.join(record.event for record in case.trail)


def _where(case: Case) -> str:
    return (
        f"case {case.case_id} ({case.workflow} version {case.version}) in status "
        f"{case.status!r} after {_trail_words(case)}"
    )


def _name_of(function: object) -> str:
    return str(getattr(function, "__name__", None) or repr(function))


def _check_callable(value: object, field: str, what: str) -> None:
    if not callable(value):
        raise InputTypeError(f"must be callable ({what})", field=field, value=value)


def _holds(check: CaseInvariant, case: Case) -> str | None:
    """``None`` if ``check(case)`` holds, else why not (the assertion's message, if any)."""
    try:
        result = check(case)
    except AssertionError as error:
        return str(error) or "it raised AssertionError"
    return "it returned False" if result is False else None


def _check_user(check: CaseInvariant | None, case: Case) -> None:
    if check is None:
        return
    why = _holds(check, case)
    if why is not None:
        raise InvariantError(
            f"{_where(case)}: {_name_of(check)} does not hold ({why})",
            invariant=_name_of(check),
            example=case,
        )


def _check_step(
    workflow: Workflow,
    before: Case,
    event: str,
    after: Case,
    data: Mapping[str, Any],
    evidence: Iterable[str],
) -> None:
    """The model's promises about one step taken with ``data`` and ``evidence``.

    The status is the table's, the trail one record longer, the facts the step's data merged
    over the case's and the evidence the case's with the step's added, and replaying the
    trail gives the case back.
    """
    expected = workflow.targets[before.status][event]
    if after.status != expected:
        raise InvariantError(
            f"{_where(after)}: {event!r} from {before.status!r} should lead to {expected!r} "
            "by the workflow's table",
            invariant="status follows the workflow's table",
            example=after,
        )
    if len(after.trail) != len(before.trail) + 1 or after.trail[-1].event != event:
        raise InvariantError(
            f"{_where(after)}: {event!r} should add exactly one record to the audit trail "
            f"(it had {len(before.trail)}, now {len(after.trail)})",
            invariant="each step adds one audit record",
            example=after,
        )
    facts = {**before.fact_map, **data}
    pieces = before.evidence | frozenset(evidence)
    if after.fact_map != facts or after.evidence != pieces:
        raise InvariantError(
            f"{_where(after)}: after {event!r} the case should hold the facts {facts!r} and "
            f"the evidence {sorted(pieces)!r}, not {after.fact_map!r} and "
            f"{sorted(after.evidence)!r}",
            invariant="facts and evidence are what the steps brought",
            example=after,
        )
    _check_replay(workflow, after)


def _check_replay(workflow: Workflow, case: Case) -> None:
    try:
        replayed = replay(case.trail, workflow)
    except ReplayError as error:
        raise InvariantError(
            f"{_where(case)}: its audit trail does not replay ({error})",
            invariant="replay reproduces the case",
            example=case,
        ) from error
    if replayed != case:
        raise InvariantError(
            f"{_where(case)}: replaying its audit trail gives another case (status "
            f"{replayed.status!r}, facts {dict(replayed.facts)!r})",
            invariant="replay reproduces the case",
            example=case,
        )


class _WorkflowModel(RuleBasedStateMachine):
    """What every generated machine shares; ``state_machine_for`` adds the rules.

    The model is the status the workflow's table says the case is in (``status``), which
    gates the rules; the case itself (``case``) must agree with it after every step.
    """

    workflow: Workflow
    user_invariant: CaseInvariant | None
    actors: tuple[Actor, ...]
    unknown_event: str

    def __init__(self) -> None:
        super().__init__()
        self.case: Case | None = None
        self.status = self.workflow.initial
        self.at = PATH_OPENED_AT

    def _current(self) -> Case:
        assert self.case is not None, "the case is opened first (initialize)"
        return self.case

    def _open(self, at: datetime, tester: str, via: Channel, evidence: Iterable[str]) -> None:
        first = ACTORS.index(tester)
        self.at = at
        self.case = open_case(
            self.workflow,
            "C-1",
            at=at,
            actor=self.actors[first],
            via=via,
            evidence=evidence,
        )
        if self.case.status != self.workflow.initial or len(self.case.trail) != 1:
            raise InvariantError(
                f"{_where(self.case)}: a new case should be in {self.workflow.initial!r} with "
                "one record",
                invariant="a case opens in the initial status",
                example=self.case,
            )
        _check_replay(self.workflow, self.case)
        _check_user(self.user_invariant, self.case)

    def _take(
        self,
        event: str,
        gap: timedelta,
        tester: str,
        via: Channel,
        data: Mapping[str, Any],
        evidence: Iterable[str],
    ) -> None:
        case = self._current()
        self.at += gap
        first = ACTORS.index(tester)
        evidence = tuple(evidence)
        try:
            after = fire_by_anyone(
                self.workflow,
                case,
                event,
                at=self.at,
                actors=(*self.actors[first:], *self.actors[:first]),
                via=via,
                data=data,
                evidence=evidence,
            )
        except TransitionRefusedError as error:
            self._refused_by_requirements(case, event, error)
            return
        _check_step(self.workflow, case, event, after, data, evidence)
        self.case = after
        self.status = after.status
        _check_user(self.user_invariant, after)

    def _refused_by_requirements(
        self, case: Case, event: str, error: TransitionRefusedError
    ) -> None:
        # The testers hold every role and act in time order: only the step's requirements
        # (unmet by the drawn data, or by the case's history) may refuse it.
        engine = [r for r in error.reasons if r.code in _ENGINE_CODES]
        if engine or not error.reasons:
            why = "; ".join(str(r) for r in engine) or "no reason given"
            raise InvariantError(
                f"{_where(case)}: {event!r} leaves {case.status!r} and the tester holds its "
                f"roles, yet it was refused: {why}",
                invariant="an allowed step is refused only by its requirements",
                example=case,
            ) from error

    def _refuse(self, event: str) -> None:
        case = self._current()
        code = "wrong_status" if event in self.workflow.events else "unknown_event"
        try:
            fire_by_anyone(
                self.workflow, case, event, at=self.at, actors=self.actors, data={}, evidence=()
            )
        except TransitionRefusedError as error:
            if [r.code for r in error.reasons] != [code]:
                raise InvariantError(
                    f"{_where(case)}: {event!r} should be refused for {code} alone, not "
                    f"{', '.join(r.code for r in error.reasons)}",
                    invariant="a step the table lacks is refused",
                    example=case,
                ) from error
            return
        raise InvariantError(
            f"{_where(case)}: {event!r} does not leave {case.status!r}, yet it was taken",
            invariant="a step the table lacks is refused",
            example=case,
        )


def _camel(name: str) -> str:
    return "".join(part.title() for part in name.replace("-", "_").split("_"))


def _event_rule(
    event: str,
    data: st.SearchStrategy[Mapping[str, Any]],
    evidence: st.SearchStrategy[Iterable[str]],
) -> Callable[..., None]:
    def take(
        self: _WorkflowModel,
        gap: timedelta,
        tester: str,
        via: Channel,
        data: Mapping[str, Any],
        evidence: Iterable[str],
    ) -> None:
        self._take(event, gap, tester, via, data, evidence)

    take.__name__ = take.__qualname__ = f"fire_{event}"

    def allowed(self: _WorkflowModel) -> bool:
        return event in self.workflow.table[self.status]

    wrapped = rule(
        gap=_STEP_GAPS,
        tester=st.sampled_from(ACTORS),
        via=st.sampled_from(Channel),
        data=data,
        evidence=evidence,
    )(take)
    return precondition(allowed)(wrapped)


def state_machine_for(
    workflow: Workflow,
    *,
    invariant: CaseInvariant | None = None,
    data: DataInputs | None = None,
    evidence: EvidenceInputs | None = None,
    opened_at: st.SearchStrategy[datetime] | None = None,
) -> type[RuleBasedStateMachine]:
    """A hypothesis state machine that walks random cases of ``workflow`` and checks each step.

    The machine opens one case (``initialize``) at a drawn instant (``opened_at``; by default
    UTC, years 2020 to 2030), then runs rules: one per event, ``fire_<event>``, enabled when
    the event leaves the status the model says the case is in (``workflow.table``), and
    ``refuse_untakeable``, which attempts an event that does not leave it (or no event at
    all) and expects ``fire`` to refuse it for that reason alone. A step is fired 0 to 3
    days after the one before, by one of two testers holding every role the workflow names
    (the other is tried if the first is refused, for steps needing a second person), with
    ``data[event]`` and ``evidence[event]`` (a fixed value or a strategy; for the stock
    workflows, and versions derived from them, values satisfying their requirements are
    built in, and yours override them event by event).

    After opening and after every step taken the machine checks, raising ``InvariantError``
    naming the case, its status and its trail in words (``created → start_work → solve``):

    - the case is in the status ``workflow.targets`` gives for the event;
    - its audit trail grew by exactly one record, for that event;
    - its facts are the step's data merged over the case's, its evidence the case's with
      the step's added;
    - ``replay(case.trail, workflow)`` gives the case back;
    - ``invariant(case)``, if given, holds: it fails by raising ``AssertionError`` or
      returning ``False`` (``None`` and other values pass, so plain ``assert`` works).

    A step its requirements refuse (a claim approved before it was found eligible, a
    no-action decision appealed) is not a failure: the case stays as it is, and the refusal
    must name only the step's own requirements (a refusal for roles or time order is one).

    Run it with ``TestTicket = state_machine_for(SUPPORT_TICKET).TestCase`` in a test module
    (set ``TestTicket.settings = settings(max_examples=..., stateful_step_count=...)``), or
    ``hypothesis.stateful.run_state_machine_as_test(machine, settings=...)``.

    Arguments are checked when it is called, naming them: ``workflow`` a ``Workflow``,
    ``invariant`` callable or ``None`` (``InputTypeError``); ``data`` and ``evidence`` as in
    ``safetycore.testing.workflows.cases``; ``opened_at`` a strategy.

    >>> from hypothesis import settings
    >>> from hypothesis.stateful import run_state_machine_as_test
    >>> from safetycore.workflow import SUPPORT_TICKET
    >>> machine = state_machine_for(SUPPORT_TICKET, invariant=lambda case: case.trail)
    >>> run_state_machine_as_test(machine, settings=settings(max_examples=5))
    """
    check_workflow(workflow)
    if invariant is not None:
        _check_callable(invariant, "invariant", "a function of the Case")
    given_data = check_inputs(workflow, data, "data", step_data)
    given_evidence = check_inputs(workflow, evidence, "evidence", names_of)
    if opened_at is not None:
        check_strategy(opened_at, "opened_at")
    data_inputs, evidence_inputs = drawn_inputs(workflow, given_data, given_evidence)
    unknown = "no_such_step"
    while unknown in workflow.events:
        unknown += "_"

    namespace: dict[str, Any] = {
        "workflow": workflow,
        "user_invariant": staticmethod(invariant) if invariant is not None else None,
        "actors": actors_for(workflow),
        "unknown_event": unknown,
        "__doc__": f"Random walks of {workflow.name} version {workflow.version}, checked.",
    }

    def open_the_case(
        self: _WorkflowModel,
        at: datetime,
        tester: str,
        via: Channel,
        evidence: Iterable[str],
    ) -> None:
        self._open(at, tester, via, evidence)

    namespace["open_case"] = initialize(
        at=OPENED if opened_at is None else opened_at,
        tester=st.sampled_from(ACTORS),
        via=st.sampled_from(Channel),
        evidence=STOCK_OPENING.get(workflow.name, st.just(())),
    )(open_the_case)

    def refuse_untakeable(self: _WorkflowModel, inputs: st.DataObject) -> None:
        row = self.workflow.table[self.status]
        refused = [event for event in self.workflow.events if event not in row]
        self._refuse(inputs.draw(st.sampled_from([*refused, self.unknown_event]), "event"))

    namespace["refuse_untakeable"] = rule(inputs=st.data())(refuse_untakeable)
    for event in workflow.events:
        namespace[f"fire_{event}"] = _event_rule(
            event,
            data_inputs.get(event, st.just({})),
            evidence_inputs.get(event, st.just(())),
        )
    machine = type(f"{_camel(workflow.name)}Model", (_WorkflowModel,), namespace)
    machine.__module__ = __name__
    return machine


# -- paths ------------------------------------------------------------------------------


def _routes_from(workflow: Workflow, start: str) -> dict[str, tuple[str, ...]]:
    """Breadth first from ``start``: the first shortest walk found to each status reached.

    Each status's events are explored in declaration order, so among the shortest walks to a
    status the one found compares least, event by event, by declaration order.
    """
    targets = workflow.targets
    routes: dict[str, tuple[str, ...]] = {start: ()}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for event, there in targets[here].items():
            if there not in routes:
                routes[there] = (*routes[here], event)
                queue.append(there)
    return routes


def shortest_paths(workflow: Workflow) -> Mapping[str, tuple[str, ...]]:
    """The shortest walk of events from the initial status to each status, by the graph.

    A read-only mapping from every status name (in declaration order) to its walk; the
    initial status maps to ``()``. Every status is in it: ``Workflow`` refuses, when it is
    built, a status no walk reaches. Of several shortest walks the one whose events come
    first in declaration order (compared event by event) is given, so the answer is the
    same every run. Only the graph (``workflow.targets``) is read: roles and requirements
    are not, so a walk may need data, evidence or earlier steps that it does not hold (the
    shortest walk to ``approved`` skips recording eligibility); ``check_each_path`` says so,
    naming the step. ``workflow`` must be a ``Workflow`` (``InputTypeError``).

    >>> from safetycore.workflow import SUPPORT_TICKET
    >>> shortest_paths(SUPPORT_TICKET)["pending"]
    ('start_work', 'ask_customer')
    """
    check_workflow(workflow)
    routes = _routes_from(workflow, workflow.initial)
    return MappingProxyType({s.name: routes[s.name] for s in workflow.statuses})


def covering_paths(workflow: Workflow) -> tuple[tuple[str, ...], ...]:
    """A few walks from the initial status that together take every transition at least once.

    A transition is one source status of one step (``solve`` from ``new``, ``solve`` from
    ``open``, ...); every one of them is on some walk. Built greedily and deterministically:
    a walk takes the first untaken transition leaving its status (in declaration order) or,
    if none is left there, the shortest route to the nearest status that has one; it ends
    where no untaken transition can be reached (a final status). A new walk starts while
    any transition is left. Not minimal, but each walk covers at least one new transition
    and they are short in practice (two or three for the stock workflows). A workflow
    without steps gives ``()``.

    Like ``shortest_paths`` this reads the graph only (roles and requirements are not
    consulted). ``workflow`` must be a ``Workflow`` (``InputTypeError``).

    >>> from safetycore.workflow import SUPPORT_TICKET
    >>> for path in covering_paths(SUPPORT_TICKET):
    ...     print(" → ".join(path))
    start_work → ask_customer → customer_replied → hold → resume → solve → reopen → ask_customer → solve → close
    solve → reopen → hold → solve
    """  # noqa: E501 (the doctest output is one line)
    check_workflow(workflow)
    targets = workflow.targets
    untaken = {(source, step.event): None for step in workflow.steps for source in step.sources}
    paths: list[tuple[str, ...]] = []
    while untaken:
        status = workflow.initial
        path: list[str] = []
        while True:
            here = [event for event in targets[status] if (status, event) in untaken]
            if here:
                route: tuple[str, ...] = (here[0],)
            else:
                pending = {source for source, _ in untaken}
                reachable = _routes_from(workflow, status)
                nearest = [s.name for s in workflow.statuses if s.name in reachable]
                wanted = [name for name in nearest if name in pending]
                if not wanted:
                    break
                route = min((reachable[name] for name in wanted), key=len)
            for event in route:
                untaken.pop((status, event), None)
                path.append(event)
                status = targets[status][event]
        paths.append(tuple(path))
    return tuple(paths)


def _check_paths(paths: object) -> tuple[tuple[str, ...], ...]:
    if isinstance(paths, (str, bytes, Mapping)) or not isinstance(paths, Iterable):
        raise InputTypeError(
            "must be a collection of paths (sequences of event names)", field="paths", value=paths
        )
    checked = []
    for i, path in enumerate(paths):
        if isinstance(path, (str, bytes)) or not isinstance(path, Sequence):
            raise InputTypeError(
                "must be a sequence of event names (a list or tuple)",
                field=f"paths[{i}]",
                value=path,
            )
        for j, event in enumerate(path):
            if not isinstance(event, str) or not event:
                raise InputTypeError(
                    "must be an event name (text)", field=f"paths[{i}][{j}]", value=event
                )
        checked.append(tuple(path))
    return tuple(checked)


def _walk(
    workflow: Workflow,
    path: tuple[str, ...],
    number: int,
    data: Mapping[str, Mapping[str, Any]],
    evidence: Mapping[str, Iterable[str]],
    actors: tuple[Actor, ...],
) -> Case:
    """The case built along ``path`` with ``fire``, each step checked as the machine does."""
    at = PATH_OPENED_AT
    case = open_case(workflow, f"P-{number + 1}", at=at, actor=actors[0])
    for j, event in enumerate(path):
        if event not in workflow.table[case.status]:
            raise InvalidArgumentError(
                f"is not a step from status {case.status!r} (after {_words(path[:j])})",
                field=f"paths[{number}][{j}]",
                value=event,
            )
        at += _PATH_GAP
        step_inputs = data.get(event, {})
        step_evidence = tuple(evidence.get(event, ()))
        try:
            after = fire_by_anyone(
                workflow,
                case,
                event,
                at=at,
                actors=actors,
                data=step_inputs,
                evidence=step_evidence,
            )
        except TransitionRefusedError as error:
            reasons = "; ".join(str(reason) for reason in error.reasons)
            raise InvalidArgumentError(
                f"step {event!r} from {case.status!r} cannot be taken along "
                f"{_words(path[: j + 1])} with the data and evidence given ({reasons}); "
                "pass data= or evidence= for it, or paths= that take it later",
                field=f"paths[{number}][{j}]",
                value=event,
            ) from error
        _check_step(workflow, case, event, after, step_inputs, step_evidence)
        case = after
    return case


def check_each_path(
    workflow: Workflow,
    prop: CaseInvariant,
    *,
    paths: Iterable[Sequence[str]] | None = None,
    data: Mapping[str, Mapping[str, Any]] | None = None,
    evidence: Mapping[str, Iterable[str]] | None = None,
) -> None:
    """Build a real case along each path with ``fire`` and check ``prop`` on where it ends.

    ``paths`` are walks of event names from the initial status; by default
    ``covering_paths(workflow)``, so that every transition is taken on some case (pass
    ``shortest_paths(workflow).values()`` to end once in each status). Each case, ``P-1``,
    ``P-2``, ... in path order, opens at ``PATH_OPENED_AT`` and takes one step an hour, by
    the first of two testers holding every role the workflow names that ``fire`` accepts,
    with the fixed ``data[event]`` and ``evidence[event]`` (for the stock workflows, and
    versions derived from them, one value per event that satisfies their requirements is
    built in; yours override it event by event). Each step is checked as
    ``state_machine_for``'s are (status by the table, one record more, facts and evidence
    what the steps brought, ``replay`` gives the case back).

    ``prop(case)`` fails by raising ``AssertionError`` or returning ``False``; the first path
    on which it fails raises ``InvariantError`` naming the path (``created → start_work →
    solve``), the case and its status. A step that cannot be taken (not a step from the
    status the walk is in, or refused with the data and evidence given) raises
    ``InvalidArgumentError`` naming ``paths[i][j]``, the step and every reason.

    Arguments are checked first, naming them (``InputTypeError``): ``workflow`` a
    ``Workflow``, ``prop`` callable, ``paths`` a collection of lists or tuples of event names,
    ``data`` and ``evidence`` mappings keyed by the workflow's events (another key raises
    ``ConfigurationError``) of fixed values, checked as ``fire`` checks them; a strategy is
    refused, since each path is walked once.

    >>> from safetycore.workflow import GUARANTEE_CLAIM
    >>> check_each_path(GUARANTEE_CLAIM, lambda case: case.status != "submitted")
    """
    check_workflow(workflow)
    _check_callable(prop, "prop", "a function of the Case")
    walks = covering_paths(workflow) if paths is None else _check_paths(paths)
    given_data = check_inputs(workflow, data, "data", step_data, strategies=False)
    given_evidence = check_inputs(workflow, evidence, "evidence", names_of, strategies=False)
    data_inputs, evidence_inputs = example_inputs(workflow, given_data, given_evidence)
    actors = actors_for(workflow)
    for number, path in enumerate(walks):
        case = _walk(workflow, path, number, data_inputs, evidence_inputs, actors)
        why = _holds(prop, case)
        if why is not None:
            raise InvariantError(
                f"along {_words(path)} (paths[{number}]) case {case.case_id} ends in status "
                f"{case.status!r}: {_name_of(prop)} does not hold ({why})",
                invariant=_name_of(prop),
                example=case,
            )

"""Hypothesis strategies for workflows: event sequences, valid and invalid histories, cases.

A *history* here is what ``safetycore.workflow.validate_histories`` reads: a tuple of event
names taken from the workflow's initial status. The strategies walk the compiled table
(``Workflow.targets``), so they work for any ``Workflow``, stock or your own:

- ``event_sequences``: any sequence of the workflow's event names, possible or not;
- ``valid_histories``: a walk of the table, each event leaving the status the walk is in;
- ``invalid_histories``: a valid history with one event inserted, replaced or dropped so
  that it is impossible, with the index of its first impossible event;
- ``cases``: real ``Case`` values, built by ``open_case`` and ``fire``.

Use them with ``hypothesis.given``::

    from hypothesis import given
    from safetycore.testing.workflows import invalid_histories
    from safetycore.workflow import SUPPORT_TICKET, validate_histories

    @given(invalid_histories(SUPPORT_TICKET))
    def test_fails_where_expected(drawn):
        history, index = drawn
        assert validate_histories(SUPPORT_TICKET, [history]).failed_at == (index,)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from hypothesis import reject
from hypothesis import strategies as st

from safetycore._config import names_of, whole_number
from safetycore.errors import InvalidArgumentError, TransitionRefusedError
from safetycore.events import Channel
from safetycore.testing._workflow_inputs import (
    GAPS,
    OPENED,
    STOCK_OPENING,
    DataInputs,
    EvidenceInputs,
    actors_for,
    check_inputs,
    check_strategy,
    drawn_inputs,
    fire_by_anyone,
)
from safetycore.workflow import Case, Workflow, open_case
from safetycore.workflow.case import step_data
from safetycore.workflow.definition import check_workflow

__all__ = ["cases", "event_sequences", "invalid_histories", "valid_histories"]

DEFAULT_MAX_STEPS: Final = 20
DEFAULT_MAX_CASE_STEPS: Final = 12


def _check_steps(name: str, value: int, minimum: int) -> None:
    if whole_number(value, name) < minimum:
        raise InvalidArgumentError(f"must be an integer >= {minimum}", field=name, value=value)


def _first_impossible(workflow: Workflow, events: Sequence[str]) -> int | None:
    """The index of the first event of ``events`` that cannot be taken, or ``None``.

    Walks ``workflow.targets`` from the initial status; an event that does not leave the
    status the walk is in (including an unknown event) is impossible.
    """
    targets = workflow.targets
    status = workflow.initial
    for index, event in enumerate(events):
        following = targets[status].get(event)
        if following is None:
            return index
        status = following
    return None


def event_sequences(
    workflow: Workflow, *, min_steps: int = 0, max_steps: int = DEFAULT_MAX_STEPS
) -> st.SearchStrategy[tuple[str, ...]]:
    """Any sequence of the workflow's event names, possible or not.

    Each element is one of ``workflow.events``; the length is from ``min_steps`` to
    ``max_steps``. A workflow without events draws only the empty sequence (and
    ``min_steps`` above 0 is then an ``InvalidArgumentError``). ``workflow`` is a
    ``Workflow`` and the bounds whole numbers, ``0 <= min_steps <= max_steps``; anything else
    raises a ``SafetycoreError`` naming it.
    """
    check_workflow(workflow)
    _check_steps("min_steps", min_steps, 0)
    _check_steps("max_steps", max_steps, min_steps)
    if not workflow.events:
        if min_steps:
            raise InvalidArgumentError(
                "the workflow has no events to draw", field="min_steps", value=min_steps
            )
        return st.just(())
    return st.lists(st.sampled_from(workflow.events), min_size=min_steps, max_size=max_steps).map(
        tuple
    )


@st.composite
def _valid_history(draw: st.DrawFn, workflow: Workflow, max_steps: int) -> tuple[str, ...]:
    targets = workflow.targets
    length = draw(st.integers(0, max_steps))
    status = workflow.initial
    events: list[str] = []
    while len(events) < length:
        row = targets[status]
        if not row:  # a final status, or a status with no way out
            break
        event = draw(st.sampled_from(tuple(row)))
        events.append(event)
        status = row[event]
    return tuple(events)


def valid_histories(
    workflow: Workflow, *, max_steps: int = DEFAULT_MAX_STEPS
) -> st.SearchStrategy[tuple[str, ...]]:
    """Possible histories: walks of the compiled table from the initial status.

    At each step the walk takes one of the events leaving the status it is in. It stops after
    a drawn length (0 to ``max_steps`` events) or earlier, at a status no event leaves (every
    final status). So ``validate_histories`` accepts every drawn history, and no event ever
    follows a final status. Shrinks towards shorter histories and earlier-declared events.
    ``workflow`` is a ``Workflow`` and ``max_steps`` a whole number from 0.
    """
    check_workflow(workflow)
    _check_steps("max_steps", max_steps, 0)
    return _valid_history(workflow, max_steps)


def _statuses_along(workflow: Workflow, events: Sequence[str]) -> list[str]:
    """The status before each event of a possible history, then the status it ends in."""
    statuses = [workflow.initial]
    for event in events:
        statuses.append(workflow.targets[statuses[-1]][event])
    return statuses


@st.composite
def _invalid_history(
    draw: st.DrawFn, workflow: Workflow, max_steps: int
) -> tuple[tuple[str, ...], int]:
    history = draw(_valid_history(workflow, max_steps - 1))
    statuses = _statuses_along(workflow, history)
    refused = [
        tuple(event for event in workflow.events if event not in workflow.targets[status])
        for status in statuses
    ]
    kind = draw(st.sampled_from(("insert", "replace", "drop")))
    if kind == "drop" and history:
        index = draw(st.integers(0, len(history) - 1))
        mutated = (*history[:index], *history[index + 1 :])
        failed = _first_impossible(workflow, mutated)
        if failed is not None:
            return mutated, failed
        # Dropping a self-loop or a detour leaves a possible history: insert instead.
    if kind == "replace":
        places = [index for index in range(len(history)) if refused[index]]
        if places:
            index = draw(st.sampled_from(places))
            event = draw(st.sampled_from(refused[index]))
            mutated = (*history[:index], event, *history[index + 1 :])
            return mutated, _known_failure(workflow, mutated)
    places = [index for index in range(len(history) + 1) if refused[index]]
    if not places:
        reject()  # every status on this walk accepts every event; draw another walk
    index = draw(st.sampled_from(places))
    event = draw(st.sampled_from(refused[index]))
    mutated = (*history[:index], event, *history[index:])
    return mutated, _known_failure(workflow, mutated)


def _known_failure(workflow: Workflow, events: Sequence[str]) -> int:
    failed = _first_impossible(workflow, events)
    assert failed is not None, "an event refused by the status it follows is impossible"
    return failed


def invalid_histories(
    workflow: Workflow, *, max_steps: int = DEFAULT_MAX_STEPS
) -> st.SearchStrategy[tuple[tuple[str, ...], int]]:
    """Impossible histories, each with the index of its first impossible event.

    Draws a possible history (as ``valid_histories``, at most ``max_steps - 1`` events) and
    mutates it: inserts an event that the status at that point does not accept, replaces an
    event by one the status does not accept, or drops an event. A drop that leaves a possible
    history (a self-loop, a detour) becomes an insertion. The index is computed by walking
    the mutated history along ``workflow.targets``, so it is the event ``validate_histories``
    must report. Histories have 1 to ``max_steps`` events, all of them workflow events.

    Raises ``InvalidArgumentError`` if no impossible history exists (every status accepts
    every event, or there are no events). If most statuses accept every event, draws that
    never meet one that refuses something are rejected, which hypothesis may report as a
    health-check failure. ``workflow`` is a ``Workflow`` and ``max_steps`` a whole number
    from 1.
    """
    check_workflow(workflow)
    _check_steps("max_steps", max_steps, 1)
    if not any(
        event not in workflow.targets[status.name]
        for status in workflow.statuses
        for event in workflow.events
    ):
        raise InvalidArgumentError(
            "every status accepts every event: no history is impossible",
            field="workflow",
            value=workflow.name,
        )
    return _invalid_history(workflow, max_steps)


@st.composite
def _case(
    draw: st.DrawFn,
    workflow: Workflow,
    max_steps: int,
    data: Mapping[str, st.SearchStrategy[Mapping[str, Any]]],
    evidence: Mapping[str, st.SearchStrategy[Iterable[str]]],
    opened_at: st.SearchStrategy[datetime],
) -> Case:
    actors = actors_for(workflow)
    at = draw(opened_at)
    case = open_case(
        workflow,
        f"C-{draw(st.integers(1, 99_999))}",
        at=at,
        actor=draw(st.sampled_from(actors)),
        via=draw(st.sampled_from(Channel)),
        evidence=draw(STOCK_OPENING.get(workflow.name, st.just(()))),
    )
    length = draw(st.integers(0, max_steps))
    for _ in range(length):
        options = list(workflow.table[case.status])
        taken = None
        while options and taken is None:
            event = draw(st.sampled_from(options))
            at += draw(GAPS)
            first = draw(st.sampled_from(actors))
            try:
                taken = fire_by_anyone(
                    workflow,
                    case,
                    event,
                    at=at,
                    actors=(first, *(a for a in actors if a is not first)),
                    via=draw(st.sampled_from(Channel)),
                    data=draw(data.get(event, st.just({}))),
                    evidence=draw(evidence.get(event, st.just(()))),
                )
            except TransitionRefusedError:
                options.remove(event)
        if taken is None:  # no event can be taken with these inputs: the walk ends here
            break
        case = taken
    return case


def cases(
    workflow: Workflow,
    *,
    max_steps: int = DEFAULT_MAX_CASE_STEPS,
    data: DataInputs | None = None,
    evidence: EvidenceInputs | None = None,
    opened_at: st.SearchStrategy[datetime] | None = None,
) -> st.SearchStrategy[Case]:
    """Real ``Case`` values: opened, then walked with ``fire`` for 0 to ``max_steps`` steps.

    Two actors, ``tester:1`` and ``tester:2``, hold every role the workflow names (two, so
    that a step needing a second person, such as confirming a removal, can be taken). Each
    step carries ``data[event]`` and ``evidence[event]`` (a fixed value or a strategy; none
    if absent). For the stock workflows (and versions derived from them, matched by name)
    data and evidence that satisfy their requirements are built in; your entries override
    them event by event. Any workflow works, but steps whose requirements the given inputs
    cannot meet are never taken: at each step the walk only takes an event that ``fire``
    accepts (trying both actors), and it ends early where none is accepted.

    The case opens at a drawn instant (``opened_at``; by default UTC, years 2020 to 2030) and
    each step comes 0 to 3 days after the one before, so trails are in time order and may
    hold ties. Stock data values are JSON-compatible, so drawn stock cases round-trip
    through ``Case.to_dict`` and ``json`` exactly.

    The arguments are checked when ``cases`` is called: ``workflow`` is a ``Workflow``,
    ``max_steps`` a whole number from 0, ``data`` and ``evidence`` mappings keyed by the
    workflow's events (another key raises ``ConfigurationError``), each value a strategy or
    a fixed value checked as ``fire`` checks it (data JSON-like with text keys; evidence a
    collection of names, a bare str refused), ``opened_at`` a strategy.
    """
    check_workflow(workflow)
    _check_steps("max_steps", max_steps, 0)
    given_data = check_inputs(workflow, data, "data", step_data)
    given_evidence = check_inputs(workflow, evidence, "evidence", names_of)
    if opened_at is not None:
        check_strategy(opened_at, "opened_at")
    data_inputs, evidence_inputs = drawn_inputs(workflow, given_data, given_evidence)
    opened = OPENED if opened_at is None else opened_at
    return _case(workflow, max_steps, data_inputs, evidence_inputs, opened)

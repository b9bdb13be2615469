"""Paths through the stock workflows, walked with the real engine: valid by construction.

A walk opens a case and fires steps chosen at random (by weight) until the case reaches a
final status or stops short of one (cases still open at the end of the data), each step
with the data and evidence its requirements ask for; a step the engine refuses is never
recorded. ``case_history`` turns the trail into SLA events, and the conversation around
each step (a public reply when an agent asks or answers, a customer reply that reopens)
is put in at the step's instant. A walk is a template: the events' kinds, actors, data and
which kind of wait comes before each; the generator gives each case its own instants.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import attrs

from safetycore.errors import TransitionRefusedError
from safetycore.events import EventKind
from safetycore.workflow import Actor, Workflow, case_history, fire, open_case

_T0: Final = datetime(2025, 1, 1, tzinfo=UTC)

Gap = str
"""What comes before an event: ``now`` (no wait), or a kind of wait (``agent``, ...)."""


@attrs.frozen
class Script:
    """How to act out one step: its weight, data, evidence, actor and conversation.

    ``say`` is the conversation at the step's instant, before the status change: ``public``
    (an agent's public reply), ``internal`` (an internal note), ``customer`` (a customer
    reply). ``wait`` is the kind of wait before the step. ``second`` acts as the second
    person (a lead confirming what another proposed).
    """

    weight: float
    wait: Gap
    data: Mapping[str, Any] = attrs.field(factory=dict)
    evidence: frozenset[str] = frozenset()
    say: tuple[str, ...] = ()
    second: bool = False


@attrs.frozen
class Event:
    """One event of a template: what ``read_events`` reads, less the case and instant."""

    kind: str
    actor: str
    wait: Gap
    data: Mapping[str, Any]


_SAY: Final = {
    "public": (EventKind.AGENT_REPLIED.value, {"public": True}),
    "internal": (EventKind.AGENT_REPLIED.value, {"public": False}),
    "customer": (EventKind.CUSTOMER_REPLIED.value, {}),
}


def walk(
    workflow: Workflow,
    scripts: Mapping[str, Script | tuple[Script, ...]],
    rng: random.Random,
    *,
    stop: float,
    max_steps: int = 16,
) -> tuple[Event, ...]:
    """One template: a walk of ``workflow`` acting out the steps as ``scripts`` say.

    After each step the walk stops with probability ``stop`` (a case still open when the
    data ends), else goes on until a final status or ``max_steps``.
    """
    roles = frozenset(role for step in workflow.steps for role in step.roles)
    first, second = Actor("staff:1", roles), Actor("staff:2", roles)
    customer = Actor("customer:1", frozenset({"customer"}))
    at = _T0
    case = open_case(workflow, "W-1", at=at, actor=customer)
    said: dict[int, tuple[Gap, tuple[str, ...], str]] = {}  # trail position -> conversation
    for _ in range(max_steps):
        if case.status in workflow.final:
            break
        choices = [
            (name, option)
            for step in workflow.steps
            if case.status in step.sources
            for name in (step.event,)
            for option in _options(scripts.get(name, ()))
        ]
        # A weighted order to try them in (Efraimidis-Spirakis: key u ** (1 / weight)).
        choices.sort(key=lambda choice: -(rng.random() ** (1 / choice[1].weight)))
        at += timedelta(minutes=1)
        for name, script in choices:
            # A step anyone may take is the customer's; staff take the others.
            staff = second if script.second else first
            actor = staff if _roles(workflow, name) else customer
            try:
                case = fire(
                    workflow,
                    case,
                    name,
                    at=at,
                    actor=actor,
                    data=script.data,
                    evidence=script.evidence,
                )
            except TransitionRefusedError:
                continue
            said[len(case.trail) - 1] = (script.wait, script.say, actor.id)
            break
        else:
            break
        if rng.random() < stop:
            break
    events: list[Event] = []
    for position, event in enumerate(case_history(workflow, case).events):
        if position == 0:
            events.append(Event(event.kind.value, "customer:1", "now", {}))
            continue
        wait, say, actor_id = said[position]
        for k, what in enumerate(say):
            kind, data = _SAY[what]
            who = "customer:1" if what == "customer" else actor_id
            events.append(Event(kind, who, wait if k == 0 else "now", data))
        data = {key: event[key] for key in ("from", "to", "category")}
        events.append(Event(event.kind.value, actor_id, "now" if say else wait, data))
    return tuple(events)


def _roles(workflow: Workflow, event: str) -> frozenset[str]:
    """The roles that may take ``event`` (empty: anyone, the customer included)."""
    for step in workflow.steps:
        if step.event == event:
            return step.roles
    return frozenset()


def _options(value: Script | tuple[Script, ...]) -> tuple[Script, ...]:
    return value if isinstance(value, tuple) else (value,)

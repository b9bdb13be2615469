"""Build the python-statemachine class equivalent to a ``Workflow``.

Attribute names are prefixed (``s_<status>``, ``e_<event>``) with explicit ids, so a
status and an event may share a name; the state values are the status names. The class
keeps ``StateMachine`` semantics: an event with no transition from the current state raises
``TransitionNotAllowed`` and the state stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from statemachine import Event, State, StateMachine

if TYPE_CHECKING:
    from safetycore.workflow.definition import Workflow


def build_machine_class(workflow: Workflow) -> type[Any]:
    """Return a ``StateMachine`` subclass with the workflow's statuses and steps."""
    states = {
        status.name: State(
            status.title,
            value=status.name,
            initial=status.name == workflow.initial,
            final=status.name in workflow.final,
        )
        for status in workflow.statuses
    }
    namespace: dict[str, Any] = {f"s_{name}": state for name, state in states.items()}
    for event in workflow.events:
        transitions = None
        for step in workflow.steps:
            if step.event != event:
                continue
            for source in step.sources:
                transition = states[source].to(states[step.target])
                transitions = transition if transitions is None else transitions | transition
        namespace[f"e_{event}"] = Event(transitions, id=event)
    class_name = "".join(part.title() for part in workflow.name.replace("-", "_").split("_"))
    metaclass: Any = type(StateMachine)
    return metaclass(f"{class_name}Machine", (StateMachine,), namespace)  # type: ignore[no-any-return]

"""Declaring a workflow: ``Status``, ``Requirement``, ``Step`` and ``Workflow``.

A workflow is a flat state machine over named statuses, each in a fixed
``safetycore.events.StatusCategory`` (so SLA clocks read it), plus, for each step (event):
the statuses it leaves from, the status it goes to, the roles allowed to take it, and the
requirements that must hold, each with the reason given when it does not.

Definitions are immutable values. ``Workflow`` compiles itself once into a transition table
(for firing, ``available`` and bulk replay) and builds the equivalent python-statemachine
class on demand (``Workflow.machine_class``), with ``StateMachine`` semantics: a disallowed
event raises and the state stays. Customise a stock workflow with ``with_status``,
``with_step`` and ``with_requirement``, which return new workflows (give them a new version).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from functools import cached_property
from typing import Any, Final

import attrs
from statemachine import StateMachine

from safetycore._config import (
    enum_member,
    instance_of,
    items_of,
    names_of,
    reject_repeats,
    text,
)
from safetycore._html import workflow_html
from safetycore.errors import ConfigurationError, InputTypeError
from safetycore.events import StatusCategory
from safetycore.workflow.case import CREATED, MIGRATED, Actor, Case, instant

__all__ = ["Attempt", "Requirement", "Status", "Step", "Workflow"]

_NAME: Final = re.compile(r"^[a-z][a-z0-9_]*$")
_IDENTIFIER: Final = "must be a lower-case identifier (letters, digits, _)"
# Event names become attributes of the generated machine: they must not shadow its API.
_RESERVED: Final = frozenset(name for name in dir(StateMachine) if not name.startswith("_"))
_RESERVED_REASON: Final = "is reserved by python-statemachine (choose another name)"
# A trail's first record and a migration's record carry these event names: a step of the
# same name would be read as one of them (case_history, replay).
_TRAIL_EVENTS: Final = frozenset({CREATED, MIGRATED})


def _identifier(value: object, field: str) -> str:
    """``value`` if it is a lower-case identifier: ``InputTypeError`` if it is not text."""
    if not isinstance(value, str):
        raise InputTypeError("must be a name (text)", field=field, value=value)
    if not _NAME.match(value):
        raise ConfigurationError(_IDENTIFIER, field=field, value=value)
    return value


def _name(field: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_: object, __: attrs.Attribute[Any], value: object) -> None:
        _identifier(value, field)

    return check


def _line(*, empty: bool = False) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator: text on one line (it is written into diagrams line by line)."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or (not value and not empty):
            raise InputTypeError(
                "must be text" if empty else "must be non-empty text",
                field=attribute.name,
                value=value,
            )
        if "\n" in value or "\r" in value:
            raise ConfigurationError(
                "must be one line (diagrams are written line by line)",
                field=attribute.name,
                value=value,
            )

    return check


def _category(value: object) -> StatusCategory:
    return enum_member(StatusCategory, value, "category", error=ConfigurationError)


@attrs.frozen
class Status:
    """A status a case can be in: its ``name``, SLA ``category``, and a human ``label``.

    ``name`` is a lower-case identifier, ``category`` a ``StatusCategory`` (or its value),
    ``label`` one line of text.
    """

    name: str = attrs.field(validator=_name("status.name"))
    category: StatusCategory = attrs.field(converter=_category)
    label: str = attrs.field(default="", kw_only=True, validator=_line(empty=True))

    @property
    def title(self) -> str:
        """``label``, or the name in words."""
        return self.label or self.name.replace("_", " ").capitalize()


def _at(value: object) -> datetime:
    return instant(value, "at")


def _evidence(value: object) -> frozenset[str]:
    return names_of(value, "evidence")


def _callable(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        raise InputTypeError(
            "must be callable (a function of the Attempt returning a bool)",
            field=attribute.name,
            value=value,
        )


def _identifiers(values: tuple[object, ...], field: str) -> tuple[str, ...]:
    """At least one name, each a lower-case identifier (together they make up a code)."""
    if not values:
        raise ConfigurationError("needs at least one name", field=field, value=values)
    return tuple(_identifier(value, f"{field}[{i}]") for i, value in enumerate(values))


@attrs.frozen
class Attempt:
    """What a requirement sees: an attempt to take ``event`` on ``case`` now.

    ``data`` is what the attempt carries (merged into the case's facts if it succeeds);
    ``facts`` is the case's facts with ``data`` already merged, and ``evidence`` the case's
    evidence with the attempt's new evidence added. Built by hand (to test a requirement),
    each field is checked; the engine builds it from arguments it has checked already.
    """

    case: Case = attrs.field(validator=instance_of(Case))
    event: str = attrs.field(validator=text())
    actor: Actor = attrs.field(validator=instance_of(Actor))
    at: datetime = attrs.field(converter=_at)
    data: Mapping[str, Any] = attrs.field(validator=instance_of(Mapping))
    facts: Mapping[str, Any] = attrs.field(validator=instance_of(Mapping))
    evidence: frozenset[str] = attrs.field(converter=_evidence)


# A requirement's data form, as ``Requirement.spec`` holds it (hashable, compared exactly):
# ("evidence", names sorted), ("fact", name, equals), ("data", keys in order), ("check", name).
Spec = tuple[Any, ...]

_SCALARS: Final = (str, int, float, bool, type(None))


def _fact_value(value: object) -> object:
    """``equals`` if it is a JSON scalar (text, a whole or finite number, a bool, ``None``)."""
    if not isinstance(value, _SCALARS) or (isinstance(value, float) and not math.isfinite(value)):
        raise InputTypeError(
            "must be text, a whole or finite number, True, False or None (a value a"
            " configuration document can hold)",
            field="equals",
            value=value,
        )
    return value


@attrs.frozen
class Requirement:
    """A condition a step needs, with a stable ``code`` and the ``reason`` shown when unmet.

    ``check`` receives the ``Attempt`` and returns whether the condition holds. It must be
    pure (no side effects): it runs for ``available`` too. ``code`` is a lower-case
    identifier, ``reason`` non-empty text, ``check`` callable.

    ``spec`` is the requirement's data form, what ``Workflow.to_dict`` writes: set by the
    constructors ``evidence``, ``fact``, ``data`` and ``named`` (a check known by its name in
    a registry), and ``None`` for a requirement built directly from a callable, which
    ``to_dict`` refuses (it has no name to write). ``spec`` takes part in equality, the
    callable does not: two requirements are equal when their code, reason and data form
    are, so ``Workflow.from_dict(w.to_dict()) == w`` compares everything a document says.
    ``attrs.evolve`` drops ``spec`` (the evolved requirement is no longer that form).

    >>> needs_invoice = Requirement("invoice", "an itemised vet invoice is required",
    ...                             lambda attempt: "vet_invoice" in attempt.evidence)
    >>> needs_invoice.spec is None
    True
    >>> Requirement.evidence("vet_invoice").spec
    ('evidence', ('vet_invoice',))
    """

    code: str = attrs.field(validator=_name("requirement.code"))
    reason: str = attrs.field(validator=_line())
    check: Callable[[Attempt], bool] = attrs.field(eq=False, validator=_callable)
    spec: Spec | None = attrs.field(init=False, default=None)

    def _with_spec(self, spec: Spec) -> Requirement:
        object.__setattr__(self, "spec", spec)  # once, on a new instance (frozen otherwise)
        return self

    @classmethod
    def evidence(cls, *names: str) -> Requirement:
        """Every named piece of evidence must be on the case (or arrive with the attempt).

        At least one name; each a lower-case identifier, since the names make up the code.
        Data form: ``{"evidence": ["vet_invoice", "vet_records"]}`` (written sorted).
        """
        wanted = frozenset(_identifiers(names, "names"))

        def check(attempt: Attempt) -> bool:
            return wanted <= attempt.evidence

        ordered = tuple(sorted(wanted))
        listed = ", ".join(ordered)
        made = cls(f"evidence_{'_'.join(ordered)}", f"evidence required: {listed}", check)
        return made._with_spec(("evidence", ordered))

    @classmethod
    def fact(cls, name: str, *, equals: object, reason: str) -> Requirement:
        """The case fact ``name``, as recorded by earlier steps, must equal ``equals``.

        The attempt's own data does not count: a decision must have been recorded before
        (approving a claim cannot itself declare the claim eligible). ``name`` is a
        lower-case identifier (it makes up the code), ``reason`` non-empty text, and
        ``equals`` a value a document can hold: text, a whole or finite number, ``True``,
        ``False`` or ``None`` (``InputTypeError`` naming ``equals`` otherwise). Compared with
        ``==``, as Python compares (``1 == True``). Data form:
        ``{"fact": "eligibility", "equals": "eligible", "reason": "..."}``.
        """
        _identifier(name, "name")
        _fact_value(equals)

        def check(attempt: Attempt) -> bool:
            return bool(dict(attempt.case.facts).get(name) == equals)

        return cls(f"fact_{name}", reason, check)._with_spec(("fact", name, equals))

    @classmethod
    def data(cls, *keys: str) -> Requirement:
        """The attempt must carry each of ``keys`` in its data (a decision's amount, reasons).

        At least one key; each a lower-case identifier, since the keys make up the code.
        Data form: ``{"data": ["amount"]}`` (in the order given).
        """
        keys = _identifiers(keys, "keys")

        def check(attempt: Attempt) -> bool:
            return all(attempt.data.get(key) not in (None, "", (), []) for key in keys)

        made = cls(f"data_{'_'.join(keys)}", f"the step needs data: {', '.join(keys)}", check)
        return made._with_spec(("data", keys))

    @classmethod
    def named(
        cls, name: str, check: Callable[[Attempt], bool], *, reason: str, code: str | None = None
    ) -> Requirement:
        """A custom ``check``, known in documents by ``name`` in a registry of checks.

        ``Workflow.to_dict`` writes ``{"check": name, "reason": reason}`` (and ``code`` when
        it is not ``name``); ``Workflow.from_dict(data, checks={name: check})`` reads it
        back. ``name`` is a lower-case identifier, and so is ``code`` (default: ``name``).

        >>> Requirement.named("known_outcome", lambda attempt: True, reason="an outcome").spec
        ('check', 'known_outcome')
        """
        _identifier(name, "name")
        made = cls(name if code is None else code, reason, check)
        return made._with_spec(("check", name))


def _sources(value: object) -> tuple[str, ...]:
    # One status name is the documented shorthand for a collection of one (every stock step
    # is written so); the order is kept, for the diagrams.
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        value = tuple(value)  # once: an iterator read by the check would be spent
    names_of(value, "sources", single=True)
    sources: tuple[str, ...] = (value,) if isinstance(value, str) else value  # type: ignore[assignment]
    if not sources:
        raise ConfigurationError("a step leaves at least one status", field="sources", value=())
    reject_repeats(sources, "sources", "is given twice")
    return sources


def _roles(value: object) -> frozenset[str]:
    return names_of(value, "roles")


def _final(value: object) -> frozenset[str]:
    return names_of(value, "final")


def _requirements(value: object) -> tuple[Requirement, ...]:
    return items_of(value, Requirement, "requirements")  # type: ignore[arg-type]


@attrs.frozen
class Step:
    """An event that moves a case from any of ``sources`` to ``target``.

    ``sources``: status names, at least one, each once; one name as a bare ``str`` is
    shorthand for a collection of one (``Step("solve", "open", "solved")``).
    ``roles``: who may take it (an actor needs at least one; empty means anyone); a
    collection of names, a bare ``str`` refused (write ``{"agent"}``).
    ``requirements``: what must hold, each unmet one giving its reason (a collection of
    ``Requirement``). ``label``: one line of text for the diagrams.
    """

    event: str = attrs.field(validator=_name("step.event"))
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    target: str = attrs.field(validator=_name("step.target"))
    roles: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_roles)
    requirements: tuple[Requirement, ...] = attrs.field(
        default=(), kw_only=True, converter=_requirements
    )
    label: str = attrs.field(default="", kw_only=True, validator=_line(empty=True))


def _statuses(value: Iterable[Status]) -> tuple[Status, ...]:
    return items_of(value, Status, "statuses")


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return items_of(value, Step, "steps")


@attrs.frozen
class Workflow:
    """A named, versioned workflow: statuses, the initial one, and the steps between them.

    Checked at construction: ``name``, ``version`` and ``initial`` are one line of text,
    ``statuses`` and ``steps`` collections of ``Status`` and ``Step``, ``final`` a collection
    of names (a bare ``str`` refused); status names are unique identifiers, every step's
    statuses exist, an event leaves each status at most once (the machine is deterministic),
    every status is reachable from ``initial``, and no step leaves a ``final`` status.
    """

    name: str = attrs.field(validator=_line())
    version: str = attrs.field(validator=_line())
    statuses: tuple[Status, ...] = attrs.field(converter=_statuses)
    initial: str = attrs.field(validator=_line())
    steps: tuple[Step, ...] = attrs.field(converter=_steps)
    final: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_final)

    def __attrs_post_init__(self) -> None:
        for problem in graph_problems(self.statuses, self.initial, self.steps, self.final):
            raise problem

    def _repr_html_(self) -> str:
        """The notebook display: statuses, every step as a row, and the Mermaid source."""
        return workflow_html(self)

    # -- lookups --------------------------------------------------------------------------

    @cached_property
    def _status_by_name(self) -> dict[str, Status]:
        return {status.name: status for status in self.statuses}

    def status(self, name: str) -> Status:
        """The status called ``name``; ``ConfigurationError`` if there is none."""
        if not isinstance(name, str):
            raise InputTypeError("must be a status name (text)", field="status", value=name)
        try:
            return self._status_by_name[name]
        except KeyError:
            raise ConfigurationError(
                f"is not a status of workflow {self.name!r}", field="status", value=name
            ) from None

    @cached_property
    def events(self) -> tuple[str, ...]:
        """Every event name, in declaration order, each once."""
        return tuple(dict.fromkeys(step.event for step in self.steps))

    @cached_property
    def table(self) -> Mapping[str, Mapping[str, Step]]:
        """The compiled transition table: ``table[status][event]`` is the step taken."""
        table: dict[str, dict[str, Step]] = {status.name: {} for status in self.statuses}
        for step in self.steps:
            for source in step.sources:
                table[source][step.event] = step
        return table

    @cached_property
    def targets(self) -> Mapping[str, Mapping[str, str]]:
        """``targets[status][event]`` is the status the event leads to (for bulk replay)."""
        return {source: {e: s.target for e, s in row.items()} for source, row in self.table.items()}

    # -- customising ----------------------------------------------------------------------

    def with_status(
        self, status: Status, *steps: Step, version: str, final: bool = False
    ) -> Workflow:
        """A new version with one more status and the steps that lead to and from it."""
        if not isinstance(status, Status):
            raise InputTypeError("must be a Status", field="status", value=status)
        if not isinstance(final, bool):
            raise InputTypeError("must be True or False", field="final", value=final)
        return attrs.evolve(
            self,
            version=version,
            statuses=(*self.statuses, status),
            steps=(*self.steps, *steps),
            final=self.final | {status.name} if final else self.final,
        )

    def with_steps(self, *steps: Step, version: str) -> Workflow:
        """A new version with more steps between existing statuses."""
        return attrs.evolve(self, version=version, steps=(*self.steps, *steps))

    def with_requirement(self, event: str, requirement: Requirement, *, version: str) -> Workflow:
        """A new version in which every step of ``event`` also needs ``requirement``."""
        if not isinstance(event, str):
            raise InputTypeError("must be an event name (text)", field="event", value=event)
        if not isinstance(requirement, Requirement):
            raise InputTypeError("must be a Requirement", field="requirement", value=requirement)
        if event not in self.events:
            raise ConfigurationError(
                f"is not an event of {self.name!r}", field="event", value=event
            )
        steps = tuple(
            attrs.evolve(step, requirements=(*step.requirements, requirement))
            if step.event == event
            else step
            for step in self.steps
        )
        return attrs.evolve(self, version=version, steps=steps)

    # -- as data ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The workflow as a JSON-compatible document (``docs/config-workflows.md``).

        Deterministic: lists in declaration order, sets (roles, final) sorted, defaults
        (an empty label, no roles, no requirements) left out. ``Workflow.from_dict`` reads
        it back equal. A requirement built from a bare callable has no data form: each is
        refused, together, as a ``ConfigurationErrorGroup`` naming
        ``steps[i].requirements[j]``.
        """
        from safetycore.workflow._documents import workflow_to_dict

        return workflow_to_dict(self)

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        checks: Mapping[str, Callable[[Attempt], bool]] | None = None,
    ) -> Workflow:
        """The workflow a document describes, checked part by part.

        ``checks`` is the registry of custom requirement checks a document names
        (``{"check": "known_outcome", ...}``); nothing in the document is evaluated. Every
        problem (each status, step and requirement, then the graph checks the constructor
        makes) is raised at once as a ``ConfigurationErrorGroup`` whose members name their
        path: ``steps[3].requirements[0].check``, ``statuses[1].category``.
        """
        from safetycore.workflow._documents import workflow_from_dict

        return workflow_from_dict(data, checks)

    # -- python-statemachine --------------------------------------------------------------

    @cached_property
    def machine_class(self) -> type[Any]:
        """The equivalent ``statemachine.StateMachine`` subclass (flat, no guards).

        Its state values are the status names; requirements and roles are checked by
        safetycore before an event is sent, so the machine only holds the graph. An instance
        costs several hundred microseconds to build and a transition about 200 us here;
        firing and replay use ``table`` instead (``benchmarks/workflow_bench.py``).
        """
        from safetycore.workflow._machine import build_machine_class

        return build_machine_class(self)


def graph_problems(
    statuses: tuple[Status, ...],
    initial: str,
    steps: tuple[Step, ...],
    final: frozenset[str],
) -> Iterator[ConfigurationError]:
    """Every problem of a workflow's graph, each naming its path (``steps[2].target``).

    The constructor raises the first; ``Workflow.from_dict`` reports them all. Names,
    references and determinism are checked first; reachability only when those hold (an
    unknown status would otherwise make every status after it look unreachable).
    """
    names = [status.name for status in statuses]
    seen_names: set[str] = set()
    for i, name in enumerate(names):
        if name in seen_names:
            yield ConfigurationError("is declared twice", field=f"statuses[{i}].name", value=name)
        seen_names.add(name)
        if name in _RESERVED:
            yield ConfigurationError(_RESERVED_REASON, field=f"statuses[{i}].name", value=name)
    for i, step in enumerate(steps):
        if step.event in _RESERVED:
            yield ConfigurationError(_RESERVED_REASON, field=f"steps[{i}].event", value=step.event)
        elif step.event in _TRAIL_EVENTS:
            yield ConfigurationError(
                "is the name of the trail's own records (choose another name)",
                field=f"steps[{i}].event",
                value=step.event,
            )
    known = set(names)
    if initial not in known:
        yield ConfigurationError("is not one of the statuses", field="initial", value=initial)
    for name in sorted(final):
        if name not in known:
            yield ConfigurationError("is not one of the statuses", field="final", value=name)
    seen: dict[tuple[str, str], str] = {}
    broken = False
    for i, step in enumerate(steps):
        places = [(f"sources[{k}]", source) for k, source in enumerate(step.sources)]
        for place, status in (*places, ("target", step.target)):
            if status not in known:
                broken = True
                yield ConfigurationError(
                    "is not one of the statuses", field=f"steps[{i}].{place}", value=status
                )
        for place, source in places:
            if source in final:
                yield ConfigurationError(
                    "leaves a final status", field=f"steps[{i}].{place}", value=source
                )
            if (source, step.event) in seen:
                yield ConfigurationError(
                    f"leaves {source!r} twice (steps must be deterministic)",
                    field=f"steps[{i}]",
                    value=step.event,
                )
            seen[(source, step.event)] = step.target
    if broken or initial not in known:
        return
    reached = {initial}
    frontier = [initial]
    while frontier:
        here = frontier.pop()
        for (source, _), target in seen.items():
            if source == here and target not in reached:
                reached.add(target)
                frontier.append(target)
    unreachable = sorted(known - reached)
    if unreachable:
        yield ConfigurationError(
            "cannot be reached from the initial status", field="statuses", value=unreachable
        )
        return
    leaving = {source for source, _ in seen}
    dead_ends = sorted(known - leaving - final)
    if dead_ends:
        yield ConfigurationError(
            "have no step out and are not final (mark them final or add a step)",
            field="statuses",
            value=dead_ends,
        )
        return
    if final:
        ending = set(final)
        changed = True
        while changed:
            before = len(ending)
            ending |= {source for (source, _), target in seen.items() if target in ending}
            changed = len(ending) != before
        stuck = sorted(known - ending)
        if stuck:
            yield ConfigurationError(
                "can never reach a final status", field="statuses", value=stuck
            )


def check_workflow(value: object) -> Workflow:
    """``value`` if it is a ``Workflow``; ``InputTypeError`` naming ``workflow`` otherwise."""
    if not isinstance(value, Workflow):
        hint = ", not its name" if isinstance(value, str) else ""
        raise InputTypeError(
            f"must be a Workflow (such as safetycore.workflow.SUPPORT_TICKET){hint}",
            field="workflow",
            value=value,
        )
    return value

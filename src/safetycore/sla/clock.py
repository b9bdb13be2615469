"""SLA clocks: from a case's events to met / at risk / breached, live or in batch.

``ClockState`` is what a platform stores between events: ``apply`` one event, ``evaluate``
at any ``as_of``, and ``next_deadline`` says when to wake up for the next warning or breach.
``evaluate`` replays a whole ``CaseHistory`` at once and ``evaluate_many`` does many
histories against one policy. All three share one engine, so live and batch agree exactly.

Rules (``docs/sla.md`` has them with examples): a cycle's business time counts the open
time of its target's calendar while the clock runs; pauses (status categories the metric
pauses in, and holds from its pause signals to its resume signals) stop it; a reset signal
ends the running cycle as cancelled and begins the next from zero; the deadline is
inclusive (a stop at ``due_at`` is met); a priority change re-targets running cycles from
their original start, and a new target that is already exceeded breaches once, at the
instant of the change. Nothing reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from safetycore._config import enum_member, items_of, known_keys, required, text
from safetycore._time import from_micros, to_micros
from safetycore.errors import (
    ConfigurationError,
    HistoryOrderError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
    SafetycoreError,
)
from safetycore.events import CaseEvent, CaseHistory, EventKind, StatusCategory, StatusMap
from safetycore.sla.metrics import Restart
from safetycore.sla.policy import (
    CaseAttributes,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    Versioning,
    attributes_from,
)
from safetycore.sla.results import CycleResult, CycleState, SlaReport

__all__ = ["ClockState", "Deadline", "evaluate", "evaluate_many"]

_ENTERED = {category: f"status:{category}" for category in StatusCategory}
_ACTIVE_AFTER_SOLVED = (
    StatusCategory.NEW,
    StatusCategory.OPEN,
    StatusCategory.PENDING,
    StatusCategory.ON_HOLD,
)


class _Cycle:
    """One cycle of one metric while it is being tracked (mutable, engine-private)."""

    __slots__ = ("active_since", "cancelled", "ended", "number", "spans", "started", "targets")

    def __init__(
        self, number: int, started: int, target: Target | None, policy: str | None
    ) -> None:
        self.number = number
        self.started = started
        self.spans: list[tuple[int, int]] = []  # closed stretches during which the clock ran
        self.active_since: int | None = None
        self.ended: int | None = None
        self.cancelled = False
        # (since, target, policy row name): the target in force from each instant on.
        self.targets: list[tuple[int, Target | None, str | None]] = [(started, target, policy)]

    def copy(self) -> _Cycle:
        other = _Cycle.__new__(_Cycle)
        other.number = self.number
        other.started = self.started
        other.spans = list(self.spans)
        other.active_since = self.active_since
        other.ended = self.ended
        other.cancelled = self.cancelled
        other.targets = list(self.targets)
        return other

    def pause(self, t: int) -> None:
        if self.active_since is not None:
            if t > self.active_since:
                self.spans.append((self.active_since, t))
            self.active_since = None


class _Engine:
    """Tracks every metric's cycles for one case under one policy version."""

    __slots__ = (
        "attributes",
        "case_id",
        "category",
        "completed",
        "cycles",
        "held",
        "last",
        "plan",
        "policy",
        "running",
        "statuses",
        "version",
    )

    def __init__(self, version: PolicyVersion, case_id: str, statuses: StatusMap | None) -> None:
        self.version = version
        self.plan = version.plan
        self.statuses = statuses
        self.case_id = case_id
        self.category: StatusCategory | None = None
        self.attributes = CaseAttributes()
        self.policy: Policy | None = None
        self.last: int | None = None
        self.cycles: list[list[_Cycle]] = [[] for _ in self.plan.names]
        self.running: list[_Cycle | None] = [None] * len(self.plan.names)
        self.completed: set[int] = set()
        self.held = [False] * len(self.plan.names)  # held by a pause_on signal, not resumed

    def copy(self) -> _Engine:
        other = _Engine.__new__(_Engine)
        other.version = self.version
        other.plan = self.plan
        other.statuses = self.statuses
        other.case_id = self.case_id
        other.category = self.category
        other.attributes = self.attributes
        other.policy = self.policy
        other.last = self.last
        other.cycles = [[c.copy() for c in cycles] for cycles in self.cycles]
        other.running = [
            cycles[-1] if cycles and cycles[-1].ended is None else None for cycles in other.cycles
        ]
        other.completed = set(self.completed)
        other.held = list(self.held)
        return other

    def _target(self, metric: int) -> Target | None:
        return None if self.policy is None else self.policy.target(self.plan.names[metric])

    def feed(self, event: CaseEvent, position: int) -> None:
        if event.case_id != self.case_id:
            raise HistoryOrderError(
                f"belongs to case {event.case_id!r}, not {self.case_id!r}",
                field=f"events[{position}].case_id",
                value=event,
            )
        t = event.micros
        kind = event.kind
        if self.last is None:
            if kind is not EventKind.CREATED:
                raise HistoryOrderError(
                    "a case's clocks start with its created event",
                    field=f"events[{position}]",
                    value=event,
                )
        elif t < self.last:
            raise HistoryOrderError(
                "is earlier than the event before it", field=f"events[{position}].at", value=event
            )
        elif kind is EventKind.CREATED:
            raise HistoryOrderError(
                "a case is created once", field=f"events[{position}]", value=event
            )
        self.last = t
        signals, category = self._signals(event)
        plan = self.plan
        running = self.running
        # Stops, then cancels (a stop wins over a cancel in one event), then resets, then
        # starts: one reply can end a cycle and begin the next.
        for signal in signals:
            for i in plan.stops[signal]:
                cycle = running[i]
                if cycle is not None:
                    cycle.pause(t)
                    cycle.ended = t
                    running[i] = None
                    self.completed.add(i)
        for signal in signals:
            for i in plan.cancels[signal]:
                cycle = running[i]
                if cycle is not None:
                    cycle.pause(t)
                    cycle.ended = t
                    cycle.cancelled = True
                    running[i] = None
        reset: list[int] = []
        holds = False
        if plan.by_signal:
            for signal in signals:
                for i in plan.resets[signal]:
                    cycle = running[i]
                    if cycle is not None:  # ends as cancelled: not met, its time kept
                        cycle.pause(t)
                        cycle.ended = t
                        cycle.cancelled = True
                        running[i] = None
                        reset.append(i)
            # Pauses, then resumes: an event carrying both leaves the clock running.
            for signal in signals:
                for i in plan.pauses[signal]:
                    self.held[i] = holds = True
            for signal in signals:
                for i in plan.resumes[signal]:
                    self.held[i] = False
                    holds = True
        changed = category is not self.category
        self.category = category
        if kind is EventKind.CREATED:
            self.attributes = attributes_from(dict(event.data), event.via)
            self.policy = self.version.select(self.attributes)
        elif kind is EventKind.PRIORITY_CHANGED:
            self.attributes = attrs.evolve(self.attributes, priority=event["to"])
            self.policy = self.version.select(self.attributes)
            self._retarget(t)
        started = False
        for i in reset:  # the next cycle, from zero, whatever restart and after say
            self._begin(i, t)
            started = True
        for signal in signals:
            for i in plan.starts[signal]:
                after = plan.after[i]
                if running[i] is None and (after is None or after in self.completed):
                    started = self._start(i, t) or started
        if changed or started or holds:
            held = self.held
            for i, cycle in enumerate(running):
                if cycle is None:
                    continue
                if category in plan.pause_in[i] or held[i]:
                    cycle.pause(t)
                elif cycle.active_since is None:
                    cycle.active_since = t

    def _signals(self, event: CaseEvent) -> tuple[tuple[str, ...], StatusCategory]:
        kind = event.kind
        category = self.category or StatusCategory.NEW
        if kind is EventKind.CREATED:
            return ("created",), StatusCategory.NEW
        if kind is EventKind.STATUS_CHANGED:
            new = StatusCategory(event["category"])
            if self.statuses is not None:
                mapped = self.statuses.category(event["to"])  # UnknownStatusError if unknown
                if mapped is not new:
                    raise ConfigurationError(
                        f"says category {new}, but the policy maps {event['to']!r} to {mapped}",
                        field="data.category",
                        value=event,
                    )
            if category is StatusCategory.SOLVED and new in _ACTIVE_AFTER_SOLVED:
                return (_ENTERED[new], "reopened"), new
            return (_ENTERED[new],), new
        if kind is EventKind.AGENT_REPLIED:
            return ("agent_public_reply" if event["public"] else "agent_internal_reply",), category
        if kind is EventKind.CUSTOMER_REPLIED:
            return ("customer_reply",), category
        if kind is EventKind.REOPENED:
            reopened = category in (StatusCategory.SOLVED, StatusCategory.CLOSED)
            return ("reopened",), StatusCategory.OPEN if reopened else category
        return (str(kind),), category

    def _start(self, i: int, t: int) -> bool:
        """Start (or resume) metric ``i`` at ``t``; whether a cycle now runs."""
        cycles = self.cycles[i]
        restart = self.plan.restart[i]
        if cycles and restart is Restart.ONCE:
            return False
        if cycles and restart is Restart.RESUME and not cycles[-1].cancelled:
            cycle = cycles[-1]
            cycle.ended = None
            self.running[i] = cycle
        else:
            self._begin(i, t)
        return True

    def _begin(self, i: int, t: int) -> None:
        """Begin a new cycle of metric ``i`` at ``t``, under the target in force now."""
        cycles = self.cycles[i]
        cycle = _Cycle(len(cycles) + 1, t, self._target(i), self._policy_name())
        cycles.append(cycle)
        self.running[i] = cycle

    def _policy_name(self) -> str | None:
        return None if self.policy is None else self.policy.name

    def _retarget(self, t: int) -> None:
        for i, cycle in enumerate(self.running):
            if cycle is not None and cycle.targets[-1][1] != self._target(i):
                cycle.targets.append((t, self._target(i), self._policy_name()))

    # -- evaluation -----------------------------------------------------------------------

    def report(self, as_of: int, as_of_value: datetime) -> SlaReport:
        names = self.plan.names
        results = [
            _result(self.version, names[i], cycle, as_of)
            for i, cycles in enumerate(self.cycles)
            for cycle in cycles
        ]
        return SlaReport(
            self.case_id,
            as_of_value,
            "-" if self.policy is None else self.policy.name,
            self.version.version,
            tuple(results),
        )

    def deadlines(self, as_of: int) -> Iterator[Deadline]:
        for name, cycles in zip(self.plan.names, self.cycles, strict=True):
            for cycle in cycles:
                if cycle.ended is not None:
                    continue
                target = cycle.targets[-1][1]
                if target is None or cycle.active_since is None:
                    continue
                index = target.calendar.calendar._index
                budget = target.budget_us(cycle.started)
                for percent in target.warnings:
                    at = _reach(index, cycle, budget * percent // 100)
                    if at is not None and at >= as_of:
                        yield Deadline(
                            from_micros(at, target.calendar.calendar.tz),
                            name,
                            cycle.number,
                            f"warning {percent}%",
                        )
                due = _reach(index, cycle, budget)
                if due is not None and due + 1 >= as_of:
                    yield Deadline(
                        from_micros(due + 1, target.calendar.calendar.tz),
                        name,
                        cycle.number,
                        "breach",
                    )


def _reach(index: Any, cycle: _Cycle, amount: int, project_from: int | None = None) -> int | None:
    """The instant at which the cycle's business time reaches ``amount`` (> 0), or ``None``.

    Spans closed so far are walked in order; if the clock is running, its open span extends
    without end (the projection of the deadline). A stopped clock short of ``amount`` reaches
    it only when ``project_from`` says where to project from (an ended cycle's end).
    """
    total = 0
    for start, end in cycle.spans:
        gained = index.elapsed(start, end)
        if total + gained >= amount:
            return int(index.add(start, amount - total))
        total += gained
    if cycle.active_since is not None:
        return int(index.add(cycle.active_since, amount - total))
    if project_from is not None:
        return int(index.add(project_from, amount - total))
    return None


def _business(index: Any, cycle: _Cycle, end: int) -> int:
    total = sum(index.elapsed(a, min(b, end)) for a, b in cycle.spans if a < end)
    if cycle.active_since is not None and cycle.active_since < end:
        total += index.elapsed(cycle.active_since, end)
    return int(total)


Measures = tuple[CycleState, int | None, int | None, int | None, int | None]


def measured_under(cycle: _Cycle, breached: int | None) -> tuple[Target | None, str | None]:
    """The target a cycle is reported under, with the policy row it came from.

    The target in force last; but when a re-target left no target after the cycle breached,
    the last target it had (a breach is a fact and is never erased).
    """
    _, target, policy = cycle.targets[-1]
    if target is None and breached is not None:
        for _, earlier, row in reversed(cycle.targets):
            if earlier is not None:
                return earlier, row
    return target, policy


def _measure(cycle: _Cycle, as_of: int) -> Measures:
    """A cycle's state, due, breach, at-risk instants and business time, in microseconds.

    A breach outranks a later cancel and a later re-target to no target. The due instant of
    an ended cycle is projected as if its clock had run on from its end.
    """
    end = cycle.ended if cycle.ended is not None else as_of
    due = at_risk = business = None
    budget = 0
    if len(cycle.targets) == 1:  # one target all along (most cycles): its due decides
        target = cycle.targets[0][1]
        breached = None
        if target is not None:
            index = target.calendar.calendar._index
            budget = target.budget_us(cycle.started)
            business = _business(index, cycle, end)
            due = _reach(index, cycle, budget)
            if due is not None and due < end:
                breached = due + 1  # observable a microsecond after the inclusive deadline
            elif due is None and cycle.ended is not None:  # stopped short: projected on
                due = int(index.add(cycle.ended, budget - business))
    else:
        breached = _breach(cycle, end)
        target, _ = measured_under(cycle, breached)
        if target is not None:
            index = target.calendar.calendar._index
            budget = target.budget_us(cycle.started)
            business = _business(index, cycle, end)
            due = _reach(index, cycle, budget, cycle.ended)
    if target is None:
        state = CycleState.CANCELLED if cycle.cancelled else CycleState.NOT_APPLICABLE
    else:
        if target.warnings:
            at_risk = _reach(index, cycle, budget * target.warnings[0] // 100)
        if breached is not None:
            state = CycleState.BREACHED
        elif cycle.cancelled:
            state = CycleState.CANCELLED
        elif cycle.ended is not None:
            state = CycleState.MET
        elif cycle.active_since is None:
            state = CycleState.PAUSED
        elif at_risk is not None and as_of >= at_risk:
            state = CycleState.AT_RISK
        else:
            state = CycleState.RUNNING
    return state, due, breached, at_risk, business


def _result(version: PolicyVersion, name: str, cycle: _Cycle, as_of: int) -> CycleResult:
    end = cycle.ended if cycle.ended is not None else as_of
    state, due, breached, at_risk, business = _measure(cycle, as_of)
    target, policy = measured_under(cycle, breached)
    zone = target.calendar.calendar.tz if target is not None else pendulum.UTC
    budget = 0 if target is None else target.budget_us(cycle.started)

    def instant(micros: int | None) -> datetime | None:
        return None if micros is None else from_micros(micros, zone)

    return CycleResult(
        metric=name,
        cycle=cycle.number,
        state=state,
        running=cycle.ended is None,
        started_at=from_micros(cycle.started, zone),
        ended_at=instant(cycle.ended),
        due_at=instant(due),
        met_at=instant(cycle.ended) if state is CycleState.MET else None,
        breached_at=instant(breached),
        at_risk_at=instant(at_risk),
        target=None if target is None else timedelta(microseconds=budget),
        business_elapsed=None if business is None else timedelta(microseconds=business),
        actual_elapsed=timedelta(microseconds=end - cycle.started),
        remaining=None
        if target is None or business is None
        else timedelta(microseconds=budget - business),
        fraction_used=None if target is None or business is None else Fraction(business, budget),
        policy=policy,
        policy_version=version.version,
        calendar=None if target is None else target.calendar.name,
        calendar_version=None if target is None else target.calendar.version,
    )


def _breach(cycle: _Cycle, end: int) -> int | None:
    """The first instant at which the cycle counts as breached, or ``None`` (module rules).

    A cancel does not undo a breach that came before it: ``end`` is the cancel's instant.
    """
    segments = cycle.targets
    for k, (since, target, _) in enumerate(segments):
        if target is None:
            continue
        due = _reach(target.calendar.calendar._index, cycle, target.budget_us(cycle.started))
        if due is None:
            continue
        first = max(due + 1, since)
        last = segments[k + 1][0] - 1 if k + 1 < len(segments) else end
        if first <= last and first <= end:
            return first
    return None


@attrs.frozen
class Deadline:
    """When a platform should next evaluate: a warning threshold or a breach, per cycle.

    A breach is observable from one microsecond after ``due_at`` (the deadline is
    inclusive), so ``at`` is that instant for a breach.
    """

    at: datetime
    metric: str
    cycle: int
    kind: str


_FIRST_US: Final = to_micros(datetime(2, 1, 1, tzinfo=UTC), "as_of")
_END_US: Final = to_micros(datetime(9999, 1, 1, tzinfo=UTC), "as_of")


def _as_of(value: object) -> int:
    """``as_of`` in microseconds: an aware instant in the supported years 2 to 9998."""
    at = to_micros(value, "as_of")
    if not _FIRST_US <= at < _END_US:
        raise OutOfRangeError(
            "is outside the supported years 2 to 9998", field="as_of", value=value
        )
    return at


def _policy(value: object) -> SlaPolicy:
    if not isinstance(value, SlaPolicy):
        raise InputTypeError("must be a safetycore.sla.SlaPolicy", field="policy", value=value)
    return value


def _versioning(value: object) -> Versioning:
    if isinstance(value, Versioning):
        return value
    if not isinstance(value, str):
        raise InputTypeError(
            "must be a Versioning ('pin' or 'current')", field="versioning", value=value
        )
    return enum_member(Versioning, value, "versioning", error=InvalidArgumentError)


def _history(value: object, field: str) -> CaseHistory:
    if not isinstance(value, CaseHistory):
        raise InputTypeError(
            "must be a CaseHistory (build one with CaseHistory(case_id, events))",
            field=field,
            value=value,
        )
    return value


def _events(value: object) -> tuple[CaseEvent, ...]:
    return items_of(value, CaseEvent, "events")  # type: ignore[arg-type]


def in_case(error: SafetycoreError, position: int, case_id: str) -> SafetycoreError:
    """``error`` raised for one case of a batch, naming the case's position and id."""
    return type(error)(
        f"in case {case_id!r}: {error.reason}",
        field=f"histories[{position}].{error.field}",
        value=error.value,
    )


def _version(policy: SlaPolicy, versioning: Versioning, created: int, as_of: int) -> PolicyVersion:
    return policy.version_at(created if versioning is Versioning.PIN else as_of)


def named_version(
    policy: SlaPolicy, versioning: Versioning, version: object
) -> PolicyVersion | None:
    """The version called ``version`` (``None`` when no name is given), for every case.

    A name with ``Versioning.CURRENT`` is refused: that rule picks another version.
    """
    if version is None:
        return None
    if versioning is Versioning.CURRENT:
        raise InvalidArgumentError(
            "is given with versioning='current', which picks the version in force at as_of "
            "instead (give one or the other)",
            field="version",
            value=version,
        )
    return policy.version_named(version)  # type: ignore[arg-type]


@attrs.frozen(eq=False)
class ClockState:
    """A case's clocks after the events applied so far: what a platform stores.

    Immutable: ``apply`` returns a new state. ``evaluate(as_of)`` needs ``as_of`` at or after
    the last event. Under ``Versioning.CURRENT`` a report at an ``as_of`` where another
    policy version is in force replays the events under that version.

    ``version`` (keyword only) names the policy version to run under whatever the case's
    dates, as for ``evaluate``: checked when the state is built (``UnknownNameError`` for a
    name the policy lacks, listing its versions; ``InputTypeError`` for one that is not text;
    ``InvalidArgumentError`` with ``Versioning.CURRENT``), and kept by ``to_dict``.
    """

    policy: SlaPolicy = attrs.field(converter=_policy)
    case_id: str = attrs.field(validator=text())
    versioning: Versioning = attrs.field(default=Versioning.PIN, converter=_versioning)
    events: tuple[CaseEvent, ...] = attrs.field(default=(), converter=_events)
    version: str | None = attrs.field(default=None, kw_only=True)
    _engine: _Engine | None = attrs.field(default=None, repr=False, alias="_engine")

    def __attrs_post_init__(self) -> None:
        if self.version is not None and self._engine is None:
            named_version(self.policy, self.versioning, self.version)
        if self.events and self._engine is None:
            # Built with events: replay them, so the state is what applying them gives.
            state = ClockState(self.policy, self.case_id, self.versioning, version=self.version)
            for event in self.events:
                state = state.apply(event)
            object.__setattr__(self, "_engine", state._engine)

    def apply(self, event: CaseEvent) -> ClockState:
        """The state after ``event`` (which must not be earlier than the last one)."""
        if not isinstance(event, CaseEvent):
            raise InputTypeError(
                "must be a CaseEvent", field=f"events[{len(self.events)}]", value=event
            )
        if self._engine is None:
            if event.kind is not EventKind.CREATED:
                raise HistoryOrderError(
                    "a case's clocks start with its created event", field="events[0]", value=event
                )
            if self.version is None:
                version = _version(self.policy, self.versioning, event.micros, event.micros)
            else:  # the name was checked when this state was built
                version = self.policy.version_named(self.version)
            engine = _Engine(version, self.case_id, self.policy.statuses)
        else:
            engine = self._engine.copy()
        engine.feed(event, len(self.events))
        # Every field but the new event was validated when this state was built.
        state = object.__new__(ClockState)
        put = object.__setattr__
        put(state, "policy", self.policy)
        put(state, "case_id", self.case_id)
        put(state, "versioning", self.versioning)
        put(state, "events", (*self.events, event))
        put(state, "version", self.version)
        put(state, "_engine", engine)
        return state

    def evaluate(self, as_of: datetime) -> SlaReport:
        """Every metric cycle as of ``as_of`` (aware; at or after the last event)."""
        at = _as_of(as_of)
        engine = self._engine_for(at)
        return engine.report(at, as_of)

    def next_deadline(self, as_of: datetime) -> Deadline | None:
        """The earliest warning or breach at or after ``as_of``, or ``None``."""
        at = _as_of(as_of)
        found = list(self._engine_for(at).deadlines(at))
        return min(found, key=lambda d: to_micros(d.at, "at")) if found else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form to store between events (the events are the state).

        A chosen ``version`` is stored under ``"version"``; without one the key is left out,
        so the form is the one written before versions could be named.
        """
        stored: dict[str, Any] = {
            "case_id": self.case_id,
            "policy": self.policy.name,
            "versioning": str(self.versioning),
            "events": [event.to_dict() for event in self.events],
        }
        if self.version is not None:
            stored["version"] = self.version
        return stored

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], policy: SlaPolicy) -> ClockState:
        """Rebuild a stored state under ``policy`` (which must be the policy it names).

        ``data`` has the keys ``to_dict`` writes and no others; each stored event is checked
        as it is applied (an error names ``events[i]``). A stored ``version`` the policy no
        longer has raises ``UnknownNameError`` naming ``version``.
        """
        policy = _policy(policy)
        known_keys(data, ("case_id", "policy", "versioning", "version", "events"), "clock")
        name = required(data, "policy", "clock")
        if name != policy.name:
            raise ConfigurationError(
                f"was stored under policy {name!r}, not {policy.name!r}", field="policy", value=name
            )
        state = cls(
            policy,
            required(data, "case_id", "clock"),
            data.get("versioning", "pin"),
            version=data.get("version"),
        )
        stored = required(data, "events", "clock")
        if isinstance(stored, (str, Mapping)) or not isinstance(stored, (list, tuple)):
            raise InputTypeError("must be a list of events", field="clock.events", value=stored)
        for item in stored:
            state = state.apply(CaseEvent.from_dict(item))
        return state

    def _engine_for(self, at: int) -> _Engine:
        engine = self._engine
        if engine is None or engine.last is None:
            raise InvalidArgumentError("no events applied yet", field="events", value=())
        if at < engine.last:
            raise InvalidArgumentError(
                "is before the last event applied",
                field="as_of",
                value=from_micros(at, pendulum.UTC),
            )
        if self.version is not None:  # one version whatever as_of: the engine's
            return engine
        version = _version(self.policy, self.versioning, self.events[0].micros, at)
        if version is not engine.version:
            engine = _replay(self.events, version, self.case_id, self.policy.statuses)
        return engine


def _replay(
    events: Iterable[CaseEvent], version: PolicyVersion, case_id: str, statuses: StatusMap | None
) -> _Engine:
    engine = _Engine(version, case_id, statuses)
    for position, event in enumerate(events):
        engine.feed(event, position)
    return engine


def evaluate(
    history: CaseHistory,
    policy: SlaPolicy,
    as_of: datetime,
    *,
    versioning: Versioning = Versioning.PIN,
    version: str | None = None,
) -> SlaReport:
    """Replay a whole history and report every metric cycle as of ``as_of``.

    Events after ``as_of`` are left out (the report is what was known then). ``version``
    names the policy version to run under (``PolicyVersion.version``, such as
    ``"2026-Q3"``) whatever the case's dates, instead of choosing by ``versioning``: a name
    the policy lacks raises ``UnknownNameError`` listing its versions, and a name given with
    ``Versioning.CURRENT`` ``InvalidArgumentError``.
    """
    history = _history(history, "history")
    policy = _policy(policy)
    versioning = _versioning(versioning)
    named = named_version(policy, versioning, version)
    at = _as_of(as_of)
    events = [event for event in history.events if event.micros <= at]
    if not events:
        raise InvalidArgumentError("is before the case was created", field="as_of", value=as_of)
    chosen = _version(policy, versioning, events[0].micros, at) if named is None else named
    return _replay(events, chosen, history.case_id, policy.statuses).report(at, as_of)


def evaluate_many(
    histories: Iterable[CaseHistory],
    policy: SlaPolicy,
    as_of: datetime,
    *,
    versioning: Versioning = Versioning.PIN,
    version: str | None = None,
) -> list[SlaReport]:
    """``evaluate`` for many histories against one policy; calendars compile once.

    An error in one case names it: its position and id (``histories[7].as_of``, "in case
    'T-7': ..."). ``version`` is as for ``evaluate``, checked before any case.
    """
    policy = _policy(policy)
    versioning = _versioning(versioning)
    named_version(policy, versioning, version)
    _as_of(as_of)
    if isinstance(histories, (str, Mapping, CaseHistory)) or not isinstance(histories, Iterable):
        raise InputTypeError(
            "must be a collection of CaseHistory", field="histories", value=histories
        )
    reports = []
    for position, history in enumerate(histories):
        _history(history, f"histories[{position}]")
        try:
            reports.append(evaluate(history, policy, as_of, versioning=versioning, version=version))
        except SafetycoreError as error:
            raise in_case(error, position, history.case_id) from error
    return reports

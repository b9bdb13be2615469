"""What happened to a case: ``CaseEvent`` records in an append-only ``CaseHistory``.

One history drives both the case workflow (``safetycore.workflow`` emits status changes) and
the SLA clocks (``safetycore.sla`` reads them). Clock rules key on the fixed
``StatusCategory`` of a status, never on its name, so a team's custom statuses map onto the
categories with a ``StatusMap`` and survive renames.

Every event carries the data its kind needs, checked at construction:

========================  =====================================================
kind                      required ``data`` keys
========================  =====================================================
``status_changed``        ``from``, ``to`` (status names), ``category`` (of ``to``)
``agent_replied``         ``public`` (bool: visible to the customer)
``priority_changed``      ``from``, ``to``
``assigned``              ``assignee``
``merged``                ``into`` (the surviving case id)
others                    none
========================  =====================================================

>>> from datetime import datetime, timezone
>>> at = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
>>> history = CaseHistory("T-1").append(
...     CaseEvent("T-1", at, EventKind.CREATED, actor="customer:42", via=Channel.EMAIL))
>>> len(history), history.events[0].kind
(1, <EventKind.CREATED: 'created'>)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from itertools import takewhile
from typing import Any, Final, Self

import attrs

from safetycore._config import enum_member, required
from safetycore._time import aware, to_micros
from safetycore.errors import (
    ConfigurationError,
    HistoryOrderError,
    InputTypeError,
    UnknownStatusError,
)

__all__ = [
    "CaseEvent",
    "CaseHistory",
    "Channel",
    "EventKind",
    "StatusCategory",
    "StatusMap",
]


class Channel(enum.StrEnum):
    """How an event reached the team."""

    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    SMS = "sms"
    WEB = "web"
    SYSTEM = "system"


class StatusCategory(enum.StrEnum):
    """The fixed categories every custom status maps onto; clocks key on these."""

    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  # waiting on the customer
    ON_HOLD = "on_hold"  # waiting on a third party
    SOLVED = "solved"
    CLOSED = "closed"


class EventKind(enum.StrEnum):
    """What happened."""

    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    AGENT_REPLIED = "agent_replied"
    CUSTOMER_REPLIED = "customer_replied"
    CALL_QUEUED = "call_queued"
    CALL_ANSWERED = "call_answered"
    CALL_ABANDONED = "call_abandoned"
    PRIORITY_CHANGED = "priority_changed"
    ASSIGNED = "assigned"
    REOPENED = "reopened"
    MERGED = "merged"


_REQUIRED: Final[dict[EventKind, tuple[str, ...]]] = {
    EventKind.STATUS_CHANGED: ("from", "to", "category"),
    EventKind.AGENT_REPLIED: ("public",),
    EventKind.PRIORITY_CHANGED: ("from", "to"),
    EventKind.ASSIGNED: ("assignee",),
    EventKind.MERGED: ("into",),
}


_KIND_POSITION: Final = {kind.value: i for i, kind in enumerate(EventKind)}
_CATEGORY_POSITION: Final = {category.value: i for i, category in enumerate(StatusCategory)}
# The layout of ``CaseEvent.code`` (the bulk clock path decodes it with these names).
CODE_KIND_MASK: Final = 0b11111
"""Bits 0-4: the kind's position in ``EventKind``."""
CODE_PUBLIC_FLAG: Final = 1 << 5
"""Bit 5: a public agent reply."""
CODE_CATEGORY_SHIFT: Final = 6
CODE_CATEGORY_MASK: Final = 0b1111
"""Bits 6-9: a status change's target category's position in ``StatusCategory`` plus one."""
PRIORITY_CODE_FLAG: Final = 1 << 10
"""Bit 10, the highest: a priority change (so ``max`` over codes finds one)."""


def _at(value: object) -> datetime:
    return aware(value, "at")


def _kind(value: object) -> EventKind:
    return enum_member(EventKind, value, "kind")


def _channel(value: object) -> Channel:
    return enum_member(Channel, value, "via")


def _data(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    items = dict(value.items() if isinstance(value, Mapping) else value)
    for key in items:
        if not isinstance(key, str):
            raise InputTypeError("keys must be text", field="data", value=key)
    return tuple(sorted(items.items()))


def _text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InputTypeError("must be non-empty text", field=attribute.name, value=value)


@attrs.frozen
class CaseEvent:
    """One thing that happened to a case, at an aware instant.

    Attributes:
        case_id: the case it happened to.
        at: when (aware datetime, any zone; compared as instants).
        kind: what happened (``EventKind``).
        actor: who did it (``"agent:17"``, ``"customer:42"``, ``"system"``).
        via: the channel (``Channel``); ``system`` by default.
        data: what the kind needs (module docstring), as sorted ``(key, value)`` pairs; read
            it with ``event["key"]`` or ``event.get("key")``.
    """

    case_id: str = attrs.field(validator=_text)
    at: datetime = attrs.field(converter=_at)
    kind: EventKind = attrs.field(converter=_kind)
    actor: str = attrs.field(kw_only=True, validator=_text)
    via: Channel = attrs.field(default=Channel.SYSTEM, kw_only=True, converter=_channel)
    data: tuple[tuple[str, Any], ...] = attrs.field(default=(), kw_only=True, converter=_data)
    micros: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    """``at`` as integer microseconds since the epoch (UTC), computed once."""
    code: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    """What the bulk clock path reads of the event, packed in one int, computed once.

    Bits 0-4: the kind's position in ``EventKind``; bit 5: a public agent reply; bits 6-9:
    a status change's target category's position in ``StatusCategory`` plus one (0 for other
    kinds); bit 10: a priority change (the highest bit, so ``max`` finds one).
    """

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "micros", to_micros(self.at, "at"))
        present = {key for key, _ in self.data}
        for key in _REQUIRED.get(self.kind, ()):
            if key not in present:
                raise ConfigurationError(
                    f"a {self.kind} event needs data[{key!r}]", field=f"data.{key}", value=None
                )
        code = _KIND_POSITION[self.kind._value_]
        if self.kind is EventKind.STATUS_CHANGED:
            category = self["category"]
            if category not in StatusCategory.__members__.values():
                raise InputTypeError(
                    "is not a status category", field="data.category", value=category
                )
            code |= (_CATEGORY_POSITION[str(category)] + 1) << CODE_CATEGORY_SHIFT
        elif self.kind is EventKind.AGENT_REPLIED and self.get("public"):
            code |= CODE_PUBLIC_FLAG
        elif self.kind is EventKind.PRIORITY_CHANGED:
            code |= PRIORITY_CODE_FLAG
        object.__setattr__(self, "code", code)

    def __getitem__(self, key: str) -> Any:
        for name, value in self.data:
            if name == key:
                return value
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The data value under ``key``, or ``default``."""
        try:
            return self[key]
        except KeyError:
            return default

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form read by ``CaseEvent.from_dict``."""
        return {
            "case_id": self.case_id,
            "at": self.at.isoformat(),
            "kind": str(self.kind),
            "actor": self.actor,
            "via": str(self.via),
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from the form ``to_dict`` returns (``at`` as ISO 8601 with an offset)."""
        return cls(
            required(data, "case_id", "event"),
            aware(required(data, "at", "event"), "at"),
            required(data, "kind", "event"),
            actor=required(data, "actor", "event"),
            via=data.get("via", "system"),
            data=data.get("data", {}),
        )


def _events(values: Iterable[CaseEvent]) -> tuple[CaseEvent, ...]:
    return tuple(values)


@attrs.frozen
class CaseHistory:
    """The events of one case, in time order; append-only (``append`` returns a new history).

    Events at the same instant keep the order they were appended in. An event of another
    case, an event earlier than the last one, or an exact repeat of an event already in the
    history raises ``HistoryOrderError`` naming it; nothing is dropped silently.
    """

    case_id: str = attrs.field(validator=_text)
    events: tuple[CaseEvent, ...] = attrs.field(default=(), converter=_events)

    def __attrs_post_init__(self) -> None:
        last = None
        seen: set[CaseEvent] = set()
        for position, event in enumerate(self.events):
            _check_next(self.case_id, last, seen, event, position)
            last = event
            seen.add(event)

    def append(self, event: CaseEvent) -> CaseHistory:
        """A new history with ``event`` at the end; raises ``HistoryOrderError`` if it can't be."""
        last = self.events[-1] if self.events else None
        instant = event.micros
        # Only events at the new event's instant can equal it (the history is in time order).
        same_instant = takewhile(lambda e: e.micros == instant, reversed(self.events))
        _check_next(self.case_id, last, set(same_instant), event, len(self.events))
        history = object.__new__(CaseHistory)
        object.__setattr__(history, "case_id", self.case_id)
        object.__setattr__(history, "events", (*self.events, event))
        return history

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[CaseEvent]:
        return iter(self.events)


def _check_next(
    case_id: str, last: CaseEvent | None, seen: set[CaseEvent], event: CaseEvent, position: int
) -> None:
    if not isinstance(event, CaseEvent):
        raise InputTypeError("must be a CaseEvent", field=f"events[{position}]", value=event)
    if event.case_id != case_id:
        raise HistoryOrderError(
            f"belongs to case {event.case_id!r}, not {case_id!r}",
            field=f"events[{position}].case_id",
            value=event,
        )
    if last is not None and event.micros < last.micros:
        raise HistoryOrderError(
            f"is earlier than the event before it ({last.at.isoformat()})",
            field=f"events[{position}].at",
            value=event,
        )
    if event in seen:
        raise HistoryOrderError(
            "repeats an event already in the history", field=f"events[{position}]", value=event
        )


def _statuses(value: Mapping[str, Any]) -> tuple[tuple[str, StatusCategory], ...]:
    if not isinstance(value, Mapping):
        raise InputTypeError("must map status names to categories", field="statuses", value=value)
    pairs = []
    for name, category in value.items():
        try:
            pairs.append((name, StatusCategory(category)))
        except ValueError:
            raise ConfigurationError(
                f"is not a status category ({', '.join(StatusCategory)})",
                field=f"statuses.{name}",
                value=category,
            ) from None
    return tuple(sorted(pairs))


@attrs.frozen
class StatusMap:
    """A team's status names mapped onto the fixed ``StatusCategory`` values.

    >>> statuses = StatusMap({"Awaiting vet records": "pending", "Escalated": "open"})
    >>> statuses.category("Awaiting vet records")
    <StatusCategory.PENDING: 'pending'>
    """

    statuses: tuple[tuple[str, StatusCategory], ...] = attrs.field(converter=_statuses)

    def category(self, status: str) -> StatusCategory:
        """The category of ``status``; ``UnknownStatusError`` if the map does not know it."""
        for name, category in self.statuses:
            if name == status:
                return category
        raise UnknownStatusError(
            f"is not one of this team's statuses ({', '.join(n for n, _ in self.statuses)})",
            field="status",
            value=status,
        )

    @classmethod
    def identity(cls) -> Self:
        """The map in which each category's own name is a status (``"pending"`` -> PENDING)."""
        return cls({str(category): category for category in StatusCategory})

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

The data the clocks read is type-checked when the event is built (an ``InputTypeError``
naming ``data.<key>`` and the offending value): ``public`` is exactly ``True`` or ``False``
(never ``"false"`` or ``0``); ``from`` and ``to`` of a status or priority change,
``assignee`` and ``into`` are non-empty text (a priority change's ``from`` may be ``None``:
the case had no priority); a status change's ``category`` is a ``StatusCategory`` value; a
created event's ``priority`` and ``category`` (the case's) are non-empty text or ``None``
(absent). On any event, ``tags`` is a collection of non-empty text (a bare str is refused)
and ``channel``, if present and not ``None``, a ``Channel`` value.

Data is frozen so that an event stays an immutable, hashable value (histories refuse exact
repeats by hashing events, and bulk paths group cases by their created data):

- ``tags`` becomes a sorted tuple of distinct names (``["vip", "fraud", "vip"]`` reads back
  as ``("fraud", "vip")``);
- other values must be JSON-like: text, ``int``, finite ``float``, ``bool``, ``None``, lists
  (or tuples) and mappings with text keys of them, nested at most 32 deep. A list becomes a
  tuple and a mapping a read-only, hashable mapping (equal to the dict it came from), both
  recursively. Anything else (a datetime, a set, bytes, ``Decimal``, a numpy scalar) raises
  ``InputTypeError`` naming ``data.<key>`` (write an instant as ISO 8601 text); NaN and
  infinities raise ``InvalidArgumentError``;
- ``to_dict`` thaws the data back into lists and dicts, so its result is JSON as it stands
  and ``CaseEvent.from_dict(event.to_dict()) == event``.

An event's instant must lie in the supported years 2 to 9998 (``OutOfRangeError`` naming
``at``), where every zone's local date of it exists.

>>> from datetime import datetime, timezone
>>> at = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
>>> history = CaseHistory("T-1").append(
...     CaseEvent("T-1", at, EventKind.CREATED, actor="customer:42", via=Channel.EMAIL))
>>> len(history), history.events[0].kind
(1, <EventKind.CREATED: 'created'>)
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from itertools import takewhile
from typing import Any, Final, Self

import attrs

from safetycore._config import enum_member, known_keys, names_of, required
from safetycore._time import aware, to_micros
from safetycore.errors import (
    ConfigurationError,
    HistoryOrderError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
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


# -- the data each kind carries, checked when an event is built -----------------------------


def _flag(value: object, key: str) -> None:
    if value is not True and value is not False:
        raise InputTypeError("must be True or False", field=f"data.{key}", value=value)


def _name(value: object, key: str) -> None:
    if not isinstance(value, str) or not value:
        raise InputTypeError("must be non-empty text", field=f"data.{key}", value=value)


def _optional_name(value: object, key: str) -> None:
    if value is not None:
        _name(value, key)


def _category(value: object, key: str) -> None:
    if not isinstance(value, str) or value not in _CATEGORY_POSITION:
        raise InputTypeError(
            f"is not a status category ({', '.join(StatusCategory)})",
            field=f"data.{key}",
            value=value,
        )


_Check = Callable[[object, str], None]

_KIND_DATA: Final[dict[EventKind, tuple[tuple[str, bool, _Check], ...]]] = {
    # (key, required, check); the checks run only for the kinds the clocks read them on.
    EventKind.CREATED: (
        ("priority", False, _optional_name),
        ("category", False, _optional_name),
    ),
    EventKind.STATUS_CHANGED: (
        ("from", True, _name),
        ("to", True, _name),
        ("category", True, _category),
    ),
    EventKind.AGENT_REPLIED: (("public", True, _flag),),
    EventKind.PRIORITY_CHANGED: (("from", True, _optional_name), ("to", True, _name)),
    EventKind.ASSIGNED: (("assignee", True, _name),),
    EventKind.MERGED: (("into", True, _name),),
}


_KIND_POSITION: Final = {kind.value: i for i, kind in enumerate(EventKind)}
_CATEGORY_POSITION: Final = {category.value: i for i, category in enumerate(StatusCategory)}
_CHANNELS: Final = frozenset(channel.value for channel in Channel)
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

# The supported instants (errors.OutOfRangeError): years 2 to 9998, as microseconds (UTC).
_FIRST_US: Final = to_micros(datetime(2, 1, 1, tzinfo=UTC), "at")
_END_US: Final = to_micros(datetime(9999, 1, 1, tzinfo=UTC), "at")


def _at(value: object) -> datetime:
    return aware(value, "at")


def _kind(value: object) -> EventKind:
    return enum_member(EventKind, value, "kind")


def _channel(value: object) -> Channel:
    return enum_member(Channel, value, "via")


class _FrozenMapping(Mapping[str, Any]):
    """A read-only, hashable mapping: how a mapping inside an event's data is kept.

    It equals the dict it came from (``Mapping`` equality) and hashes its sorted items.
    """

    __slots__ = ("_items", "_lookup")

    def __init__(self, items: tuple[tuple[str, Any], ...]) -> None:
        self._items = items
        self._lookup = dict(items)

    def __getitem__(self, key: str) -> Any:
        return self._lookup[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lookup)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _FrozenMapping):
            return self._items == other._items
        return isinstance(other, Mapping) and self._lookup == dict(other.items())

    def __repr__(self) -> str:
        return repr(self._lookup)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_FrozenMapping, (self._items,))


_PLAIN: Final = frozenset({str, int, bool, type(None)})
_MAX_DEPTH: Final = 32
_JSON_LIKE: Final = (
    "must be JSON-like: text, a whole or finite number, True/False, None, "
    "or a list or text-keyed mapping of them"
)


def _freeze(value: object, field: str, depth: int = 0) -> Any:
    """``value`` made immutable and hashable (module docstring), or a safetycore error."""
    if type(value) in _PLAIN or isinstance(value, (str, int)):  # bool is an int
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidArgumentError(
                "must be a finite number (JSON has no NaN or infinity)", field=field, value=value
            )
        return value
    if depth >= _MAX_DEPTH:
        raise InputTypeError(f"is nested more than {_MAX_DEPTH} deep", field=field, value=value)
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(item, f"{field}[{i}]", depth + 1) for i, item in enumerate(value))
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise InputTypeError("keys must be text", field=field, value=key)
        return _FrozenMapping(
            tuple(
                sorted(
                    (key, _freeze(item, f"{field}.{key}", depth + 1)) for key, item in value.items()
                )
            )
        )
    raise InputTypeError(_JSON_LIKE, field=field, value=value)


def _thaw(value: Any) -> Any:
    """The JSON form of a frozen data value: tuples as lists, frozen mappings as dicts."""
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    if isinstance(value, _FrozenMapping):
        return {key: _thaw(item) for key, item in value.items()}
    return value


def _pairs(value: object) -> dict[str, Any]:
    """The items of ``data`` given as ``(key, value)`` pairs (the converted form, or a list)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InputTypeError("must be a mapping of names to values", field="data", value=value)
    items: dict[str, Any] = {}
    for i, pair in enumerate(value):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise InputTypeError("must be a (key, value) pair", field=f"data[{i}]", value=pair)
        key, item = pair
        if not isinstance(key, str) or not key:
            raise InputTypeError("keys must be non-empty text", field="data", value=key)
        if key in items:
            raise ConfigurationError("is given twice", field=f"data.{key}", value=item)
        items[key] = item
    return items


def _data(value: object) -> tuple[tuple[str, Any], ...]:
    items = dict(value) if isinstance(value, Mapping) else _pairs(value)
    for key, item in items.items():
        if not isinstance(key, str) or not key:
            raise InputTypeError("keys must be non-empty text", field="data", value=key)
        if type(item) not in _PLAIN:
            items[key] = _freeze(item, f"data.{key}")
    if "tags" in items:
        items["tags"] = tuple(sorted(names_of(items["tags"], "data.tags")))
    channel = items.get("channel")
    if channel is not None and (not isinstance(channel, str) or channel not in _CHANNELS):
        enum_member(Channel, channel, "data.channel")  # raises, listing the channels
        raise InputTypeError("is not a channel", field="data.channel", value=channel)
    return tuple(sorted(items.items()))


def _text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InputTypeError("must be non-empty text", field=attribute.name, value=value)


@attrs.frozen(repr=False)
class CaseEvent:
    """One thing that happened to a case, at an aware instant.

    Attributes:
        case_id: the case it happened to.
        at: when (aware datetime, any zone; compared as instants; years 2 to 9998).
        kind: what happened (``EventKind``).
        actor: who did it (``"agent:17"``, ``"customer:42"``, ``"system"``).
        via: the channel (``Channel``); ``system`` by default.
        data: what the kind needs (module docstring), as sorted ``(key, value)`` pairs, frozen
            (lists as tuples, mappings read-only); read it with ``event["key"]`` or
            ``event.get("key")``.

    Every field and the data the clocks read are checked here (module docstring): a wrong
    value raises a ``SafetycoreError`` naming the field (``data.public``) and the value.

    The repr is the call that builds the event, with ``at`` as ISO 8601 text with its UTC
    offset (the same instant, though not the zone's name), ``via`` only when it is not
    ``system``, and ``data`` as a mapping.

    >>> from datetime import datetime, timezone
    >>> at = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
    >>> CaseEvent("T-1", at, "created", actor="customer:42", data={"tags": ["vip", "b2b"]})["tags"]
    ('b2b', 'vip')
    >>> CaseEvent("T-1", at, "customer_replied", actor="customer:42")
    CaseEvent('T-1', '2025-03-03T09:00:00+00:00', 'customer_replied', actor='customer:42')
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
        micros = to_micros(self.at, "at")
        if not _FIRST_US <= micros < _END_US:
            raise OutOfRangeError(
                "is outside the supported years 2 to 9998", field="at", value=self.at
            )
        object.__setattr__(self, "micros", micros)
        kind = self.kind
        code = _KIND_POSITION[kind._value_]
        checks = _KIND_DATA.get(kind)
        if checks is not None:
            data = dict(self.data)
            for key, needed, check in checks:
                if key in data:
                    check(data[key], key)
                elif needed:
                    raise ConfigurationError(
                        f"a {kind} event needs data[{key!r}]", field=f"data.{key}", value=None
                    )
            if kind is EventKind.STATUS_CHANGED:
                code |= (_CATEGORY_POSITION[data["category"]] + 1) << CODE_CATEGORY_SHIFT
            elif kind is EventKind.AGENT_REPLIED:
                if data["public"]:
                    code |= CODE_PUBLIC_FLAG
            elif kind is EventKind.PRIORITY_CHANGED:
                code |= PRIORITY_CODE_FLAG
        object.__setattr__(self, "code", code)

    def __repr__(self) -> str:
        via = "" if self.via is Channel.SYSTEM else f", via={str(self.via)!r}"
        data = f", data={dict(self.data)!r}" if self.data else ""
        return (
            f"CaseEvent({self.case_id!r}, {self.at.isoformat()!r}, {str(self.kind)!r}, "
            f"actor={self.actor!r}{via}{data})"
        )

    def __getitem__(self, key: str) -> Any:
        for name, value in self.data:
            if name == key:
                return value
        raise KeyError(key)

    # ``__getitem__`` reads data by key; without this, ``tuple(event)`` would try ``event[0]``
    # (KeyError) instead of saying that an event is not a collection (PEP 234's opt-out).
    __iter__ = None

    def get(self, key: str, default: Any = None) -> Any:
        """The data value under ``key``, or ``default``."""
        try:
            return self[key]
        except KeyError:
            return default

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form read by ``CaseEvent.from_dict`` (data thawed: lists, dicts)."""
        return {
            "case_id": self.case_id,
            "at": self.at.isoformat(),
            "kind": str(self.kind),
            "actor": self.actor,
            "via": str(self.via),
            "data": {
                key: value if type(value) in _PLAIN else _thaw(value) for key, value in self.data
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from the form ``to_dict`` returns (``at`` as ISO 8601 with an offset).

        ``case_id``, ``at``, ``kind`` and ``actor`` are required, ``via`` (default
        ``"system"``) and ``data`` (a mapping) optional; another key is refused
        (``ConfigurationError`` naming ``event.<key>``).
        """
        known_keys(data, _FORM_KEYS, "event")
        payload = data.get("data", {})
        if not isinstance(payload, Mapping):
            raise InputTypeError("must be a mapping", field="data", value=payload)
        return cls(
            required(data, "case_id", "event"),
            aware(required(data, "at", "event"), "at"),
            required(data, "kind", "event"),
            actor=required(data, "actor", "event"),
            via=data.get("via", "system"),
            data=payload,
        )


_FORM_KEYS: Final = ("case_id", "at", "kind", "actor", "via", "data")


def _events(values: Iterable[CaseEvent]) -> tuple[CaseEvent, ...]:
    if isinstance(values, tuple):
        return values
    if isinstance(values, CaseEvent):
        raise InputTypeError(
            "must be a collection of events, not one event (write [event])",
            field="events",
            value=values,
        )
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise InputTypeError("must be a collection of CaseEvents", field="events", value=values)
    return tuple(values)


@attrs.frozen(repr=False)
class CaseHistory:
    """The events of one case, in time order; append-only (``append`` returns a new history).

    ``events`` is a collection of ``CaseEvent`` (one event, a str or a mapping is refused:
    ``InputTypeError`` naming ``events``). Events at the same instant keep the order they
    were appended in. An event of another case, an event earlier than the last one, or an
    exact repeat of an event already in the history raises ``HistoryOrderError`` naming its
    position and the offending field's value (``events[3].at`` and the instant); nothing is
    dropped silently. The repr is the call that builds the history, each event in its own
    short repr.
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

    def __repr__(self) -> str:
        return f"CaseHistory({self.case_id!r}, [{', '.join(map(repr, self.events))}])"

    def append(self, event: CaseEvent) -> CaseHistory:
        """A new history with ``event`` at the end; raises ``HistoryOrderError`` if it can't be."""
        if not isinstance(event, CaseEvent):
            raise InputTypeError(
                "must be a CaseEvent", field=f"events[{len(self.events)}]", value=event
            )
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
            value=event.case_id,
        )
    if last is not None and event.micros < last.micros:
        raise HistoryOrderError(
            f"is earlier than the event before it ({last.at.isoformat()})",
            field=f"events[{position}].at",
            value=event.at,
        )
    if event in seen:
        raise HistoryOrderError(
            f"repeats the {event.kind} event already in the history at this instant",
            field=f"events[{position}].at",
            value=event.at,
        )


def _statuses(value: Mapping[str, Any]) -> tuple[tuple[str, StatusCategory], ...]:
    if not isinstance(value, Mapping):
        raise InputTypeError("must map status names to categories", field="statuses", value=value)
    if not value:
        raise ConfigurationError(
            "maps no status (every status change would be refused)", field="statuses", value={}
        )
    pairs = []
    for name, category in value.items():
        if not isinstance(name, str) or not name:
            raise InputTypeError(
                "status names must be non-empty text", field="statuses", value=name
            )
        pairs.append(
            (
                name,
                enum_member(StatusCategory, category, f"statuses.{name}", error=ConfigurationError),
            )
        )
    return tuple(sorted(pairs))


@attrs.frozen
class StatusMap:
    """A team's status names mapped onto the fixed ``StatusCategory`` values.

    ``statuses`` is a non-empty mapping of non-empty text to categories (or their names);
    another name raises ``InputTypeError`` and an unknown category ``ConfigurationError``
    naming ``statuses.<name>``.

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
        if not isinstance(status, str):
            raise InputTypeError("must be a status name (text)", field="status", value=status)
        raise UnknownStatusError(
            f"is not one of this team's statuses ({', '.join(n for n, _ in self.statuses)})",
            field="status",
            value=status,
        )

    @classmethod
    def identity(cls) -> Self:
        """The map in which each category's own name is a status (``"pending"`` -> PENDING)."""
        return cls({str(category): category for category in StatusCategory})

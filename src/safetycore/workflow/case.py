"""A case under a workflow: ``Actor``, ``AuditRecord``, ``Case``, and why a step is refused.

Cases are immutable values: taking a step returns a new ``Case`` with one more
``AuditRecord`` in its trail. Every value round-trips exactly through plain JSON-compatible
dicts (``to_dict`` / ``from_dict``), instants as ISO 8601 text with their offset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Final, Self, TypeVar

import attrs

from safetycore._config import (
    enum_member,
    items_of,
    known_keys,
    names_of,
    required,
    text,
    whole_number,
)
from safetycore._html import case_html
from safetycore._time import aware, to_micros
from safetycore.errors import InputTypeError, InvalidArgumentError, OutOfRangeError
from safetycore.events import CaseEvent, Channel, EventKind, _freeze

__all__ = ["Actor", "AuditRecord", "Case", "Refusal"]

CREATED: Final = "created"
"""The event name of every trail's first record: the case was opened."""

MIGRATED: Final = "migrated"
"""The event name of a record that moved the case to another version of its workflow."""

_RECORD_KEYS: Final = (
    "case_id",
    "sequence",
    "at",
    "actor",
    "roles",
    "via",
    "event",
    "from",
    "to",
    "workflow",
    "version",
    "reason",
    "data",
    "evidence",
    "from_version",
)
_CASE_KEYS: Final = ("case_id", "workflow", "version", "status", "facts", "evidence", "trail")
# The supported instants (errors.OutOfRangeError), as in safetycore.events: years 2 to 9998.
_FIRST_US: Final = to_micros(datetime(2, 1, 1, tzinfo=UTC), "at")
_END_US: Final = to_micros(datetime(9999, 1, 1, tzinfo=UTC), "at")

_T = TypeVar("_T")


def unchecked(cls: type[_T], **fields: Any) -> _T:
    """An instance of the frozen attrs class ``cls`` from fields that are already valid.

    The engine builds each new case, record and attempt from values validated where they
    entered (``fire``'s arguments, the case it was given), so no converter or validator runs
    again per step: the house pattern for hot paths (``sla.ClockState.apply``). Every field
    must be given.
    """
    instance = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(instance, name, value)
    return instance


def instant(value: object, field: str) -> datetime:
    """An aware instant (or ISO 8601 text with an offset) within years 2 to 9998."""
    moment = aware(value, field)
    if not _FIRST_US <= to_micros(moment, field) < _END_US:
        raise OutOfRangeError("is outside the supported years 2 to 9998", field=field, value=value)
    return moment


def channel(value: object, field: str = "via") -> Channel:
    """A ``Channel``, or its value as text; another text lists the channels."""
    if isinstance(value, Channel):
        return value
    if not isinstance(value, str):
        raise InputTypeError("must be a Channel (or its value as text)", field=field, value=value)
    return enum_member(Channel, value, field, error=InvalidArgumentError)


def step_data(value: object, field: str) -> tuple[tuple[str, Any], ...]:
    """Data a step carries (or a case's facts), as sorted ``(key, value)`` pairs.

    A mapping, or ``(key, value)`` pairs (the converted form); keys are non-empty text and
    values JSON-like, by the rules of ``safetycore.events`` (the trail becomes events, and
    round-trips through JSON): text, whole or finite numbers, booleans, ``None``, and lists
    and text-keyed mappings of them. Values are kept as given, not frozen.
    """
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        items = []
        for i, pair in enumerate(value):
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise InputTypeError(
                    "must be a (key, value) pair", field=f"{field}[{i}]", value=pair
                )
            items.append(pair)
    else:
        raise InputTypeError("must be a mapping of names to values", field=field, value=value)
    found: dict[str, Any] = {}
    for key, item in items:
        if not isinstance(key, str) or not key:
            raise InputTypeError("keys must be non-empty text", field=field, value=key)
        if type(item) not in _PLAIN:
            _freeze(item, f"{field}.{key}")  # the events' own check; the frozen copy is dropped
        found[key] = item
    return tuple(sorted(found.items()))


_PLAIN: Final = frozenset({str, int, bool, type(None)})


def created_event(record: AuditRecord) -> CaseEvent:
    """The ``safetycore.events`` ``created`` event of a trail's first record.

    It carries the record's whole data (what ``open_case`` was given: the clocks read
    ``priority``, ``category`` and ``tags`` from it) and the channel as ``via``.
    """
    return CaseEvent(
        record.case_id,
        record.at,
        EventKind.CREATED,
        actor=record.actor,
        via=record.via,
        data=record.data,
    )


def _data(value: object) -> tuple[tuple[str, Any], ...]:
    return step_data(value, "data")


def _facts(value: object) -> tuple[tuple[str, Any], ...]:
    return step_data(value, "facts")


def _roles(value: object) -> frozenset[str]:
    return names_of(value, "roles")


def _evidence(value: object) -> frozenset[str]:
    return names_of(value, "evidence")


def _at(value: object) -> datetime:
    return instant(value, "at")


def _via(value: object) -> Channel:
    return channel(value)


def _sequence(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if whole_number(value, attribute.name) < 0:
        raise InvalidArgumentError("must not be negative", field=attribute.name, value=value)


@attrs.frozen
class Actor:
    """Who acts: a stable ``id`` (non-empty text) and the ``roles`` they hold now.

    ``roles`` is a collection of names; one role as a bare ``str`` is refused (write
    ``{"agent"}``), as everywhere a collection of names belongs.
    """

    id: str = attrs.field(validator=text())
    roles: frozenset[str] = attrs.field(default=frozenset(), converter=_roles)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form."""
        return {"id": self.id, "roles": sorted(self.roles)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``to_dict``'s form: the keys ``id`` and ``roles``, no others."""
        known_keys(data, ("id", "roles"), "actor")
        return cls(required(data, "id", "actor"), data.get("roles", ()))


@attrs.frozen
class Refusal:
    """One reason a step cannot be taken: a stable ``code`` and a sentence for people."""

    code: str = attrs.field(validator=text())
    reason: str = attrs.field(validator=text())

    def __str__(self) -> str:
        return self.reason


@attrs.frozen
class AuditRecord:
    """One transition of one case, as it happened; the trail is a tuple of these.

    ``sequence`` counts from 0 (the ``created`` record, whose ``from_status`` is empty).
    ``roles`` are the actor's roles at the time; ``data`` what the step carried (merged into
    the case's facts); ``evidence`` what evidence arrived with it; ``reason`` the actor's own
    words, if any.

    Every field is checked when the record is built: names are non-empty text (``reason``
    and ``from_status`` may be empty), ``sequence`` a whole number from 0, ``at`` an aware
    instant in years 2 to 9998, ``via`` a ``Channel``, ``roles`` and ``evidence``
    collections of names, ``data`` JSON-like with text keys. A ``created`` record's data
    must also be what a ``created`` event carries (``priority`` and ``category`` text,
    ``tags`` names, ``channel`` a ``Channel`` value), since ``case_history`` hands it to the
    SLA clocks.

    A ``migrated`` record (``safetycore.workflow.migrate``) moved the case from version
    ``from_version`` of its workflow to ``version``, and from status ``from_status`` (of the
    old version) to ``to_status`` (of the new one). ``from_version`` is non-empty text, other
    than ``version``, exactly on such records, and empty on every other.
    """

    case_id: str = attrs.field(validator=text())
    sequence: int = attrs.field(validator=_sequence)
    at: datetime = attrs.field(converter=_at)
    actor: str = attrs.field(validator=text())
    roles: frozenset[str] = attrs.field(converter=_roles)
    via: Channel = attrs.field(converter=_via)
    event: str = attrs.field(validator=text())
    from_status: str = attrs.field(validator=text(empty=True))
    to_status: str = attrs.field(validator=text())
    workflow: str = attrs.field(validator=text())
    version: str = attrs.field(validator=text())
    reason: str = attrs.field(default="", validator=text(empty=True))
    data: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_data)
    evidence: frozenset[str] = attrs.field(default=frozenset(), converter=_evidence)
    from_version: str = attrs.field(default="", kw_only=True, validator=text(empty=True))

    def __attrs_post_init__(self) -> None:
        if self.event == CREATED:
            created_event(self)  # refuses, now, opening data the clocks could not read
        if self.event == MIGRATED:
            if not self.from_version:
                raise InvalidArgumentError(
                    "a migrated record names the version it left", field="from_version", value=""
                )
            if self.from_version == self.version:
                raise InvalidArgumentError(
                    "must differ from version (a migration moves to another version)",
                    field="from_version",
                    value=self.from_version,
                )
        elif self.from_version:
            raise InvalidArgumentError(
                f"belongs only to a {MIGRATED!r} record, not to {self.event!r}",
                field="from_version",
                value=self.from_version,
            )

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form read by ``AuditRecord.from_dict``."""
        return {
            "case_id": self.case_id,
            "sequence": self.sequence,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "roles": sorted(self.roles),
            "via": str(self.via),
            "event": self.event,
            "from": self.from_status,
            "to": self.to_status,
            "workflow": self.workflow,
            "version": self.version,
            "reason": self.reason,
            "data": dict(self.data),
            "evidence": sorted(self.evidence),
            **({"from_version": self.from_version} if self.from_version else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``to_dict``'s form; a key it does not write is refused.

        ``from_version`` is written (and read) on ``migrated`` records only.
        """
        return cls._from_dict(data, "record")

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any], where: str) -> Self:
        known_keys(data, _RECORD_KEYS, where)
        return cls(
            required(data, "case_id", where),
            required(data, "sequence", where),
            instant(required(data, "at", where), f"{where}.at"),
            required(data, "actor", where),
            data.get("roles", ()),
            data.get("via", "system"),
            required(data, "event", where),
            required(data, "from", where),
            required(data, "to", where),
            required(data, "workflow", where),
            required(data, "version", where),
            reason=data.get("reason", ""),
            data=data.get("data", {}),
            evidence=data.get("evidence", ()),
            from_version=data.get("from_version", ""),
        )


def _trail(value: object) -> tuple[AuditRecord, ...]:
    records = items_of(value, AuditRecord, "trail")  # type: ignore[arg-type]
    if not records:
        raise InvalidArgumentError(
            "needs at least the created record (see open_case)", field="trail", value=records
        )
    return records


@attrs.frozen
class Case:
    """A case's current state under one workflow version, with its whole audit trail.

    ``facts`` hold what steps carried (an approved amount, an eligibility decision) as sorted
    ``(key, value)`` pairs; ``evidence`` the names of the evidence received so far.

    Checked when built: names are non-empty text, ``facts`` JSON-like with text keys,
    ``evidence`` a collection of names, ``trail`` a non-empty collection of ``AuditRecord``
    of this case. Whether the trail is possible under its workflow is ``replay``'s question.
    """

    case_id: str = attrs.field(validator=text())
    workflow: str = attrs.field(validator=text())
    version: str = attrs.field(validator=text())
    status: str = attrs.field(validator=text())
    facts: tuple[tuple[str, Any], ...] = attrs.field(converter=_facts)
    evidence: frozenset[str] = attrs.field(converter=_evidence)
    trail: tuple[AuditRecord, ...] = attrs.field(converter=_trail)

    def __attrs_post_init__(self) -> None:
        for i, record in enumerate(self.trail):
            if record.case_id != self.case_id:
                raise InvalidArgumentError(
                    f"belongs to another case than {self.case_id!r}",
                    field=f"trail[{i}].case_id",
                    value=record.case_id,
                )

    def _repr_html_(self) -> str:
        """The notebook display: the case, then its audit trail, times in the case's zone."""
        return case_html(self)

    @property
    def fact_map(self) -> dict[str, Any]:
        """``facts`` as a new dict."""
        return dict(self.facts)

    @property
    def opened_at(self) -> datetime:
        """When the case was opened (its first record's instant)."""
        return self.trail[0].at

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form read by ``Case.from_dict``; round-trips exactly."""
        return {
            "case_id": self.case_id,
            "workflow": self.workflow,
            "version": self.version,
            "status": self.status,
            "facts": dict(self.facts),
            "evidence": sorted(self.evidence),
            "trail": [record.to_dict() for record in self.trail],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``to_dict``'s form (no replay: see ``replay`` to check a trail).

        A key ``to_dict`` does not write is refused, at every depth; ``trail`` is a list of
        record dicts, each read as ``AuditRecord.from_dict`` reads one.
        """
        where = "case"
        known_keys(data, _CASE_KEYS, where)
        trail = required(data, "trail", where)
        if isinstance(trail, (str, bytes, Mapping)) or not isinstance(trail, Iterable):
            raise InputTypeError("must be a list of records", field="case.trail", value=trail)
        return cls(
            required(data, "case_id", where),
            required(data, "workflow", where),
            required(data, "version", where),
            required(data, "status", where),
            data.get("facts", {}),
            data.get("evidence", ()),
            [AuditRecord._from_dict(item, f"{where}.trail[{i}]") for i, item in enumerate(trail)],
        )

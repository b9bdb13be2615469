"""A case under a workflow: ``Actor``, ``AuditRecord``, ``Case``, and why a step is refused.

Cases are immutable values: taking a step returns a new ``Case`` with one more
``AuditRecord`` in its trail. Every value round-trips exactly through plain JSON-compatible
dicts (``to_dict`` / ``from_dict``), instants as ISO 8601 text with their offset.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final, Self

import attrs

from safetycore._config import required
from safetycore._time import aware
from safetycore.events import Channel

__all__ = ["Actor", "AuditRecord", "Case", "Refusal"]

CREATED: Final = "created"
"""The event name of every trail's first record: the case was opened."""


def _pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    items = dict(value.items() if isinstance(value, Mapping) else value)
    return tuple(sorted(items.items()))


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset((value,) if isinstance(value, str) else value)


def _records(value: Iterable[AuditRecord]) -> tuple[AuditRecord, ...]:
    return tuple(value)


def _channel(value: object) -> Channel:
    return Channel(str(value))


def _at(value: object) -> datetime:
    return aware(value, "at")


@attrs.frozen
class Actor:
    """Who acts: a stable ``id`` and the ``roles`` they hold now."""

    id: str
    roles: frozenset[str] = attrs.field(default=frozenset(), converter=_names)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form."""
        return {"id": self.id, "roles": sorted(self.roles)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``to_dict``'s form."""
        return cls(required(data, "id", "actor"), data.get("roles", ()))


@attrs.frozen
class Refusal:
    """One reason a step cannot be taken: a stable ``code`` and a sentence for people."""

    code: str
    reason: str

    def __str__(self) -> str:
        return self.reason


@attrs.frozen
class AuditRecord:
    """One transition of one case, as it happened; the trail is a tuple of these.

    ``sequence`` counts from 0 (the ``created`` record, whose ``from_status`` is empty).
    ``roles`` are the actor's roles at the time; ``data`` what the step carried (merged into
    the case's facts); ``evidence`` what evidence arrived with it; ``reason`` the actor's own
    words, if any.
    """

    case_id: str
    sequence: int
    at: datetime = attrs.field(converter=_at)
    actor: str
    roles: frozenset[str] = attrs.field(converter=_names)
    via: Channel = attrs.field(converter=_channel)
    event: str
    from_status: str
    to_status: str
    workflow: str
    version: str
    reason: str = ""
    data: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_pairs)
    evidence: frozenset[str] = attrs.field(default=frozenset(), converter=_names)

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
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from ``to_dict``'s form."""
        where = "record"
        return cls(
            required(data, "case_id", where),
            required(data, "sequence", where),
            aware(required(data, "at", where), "record.at"),
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
        )


@attrs.frozen
class Case:
    """A case's current state under one workflow version, with its whole audit trail.

    ``facts`` hold what steps carried (an approved amount, an eligibility decision) as sorted
    ``(key, value)`` pairs; ``evidence`` the names of the evidence received so far.
    """

    case_id: str
    workflow: str
    version: str
    status: str
    facts: tuple[tuple[str, Any], ...] = attrs.field(converter=_pairs)
    evidence: frozenset[str] = attrs.field(converter=_names)
    trail: tuple[AuditRecord, ...] = attrs.field(converter=_records)

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
        """Build from ``to_dict``'s form (no replay: see ``replay`` to check a trail)."""
        where = "case"
        return cls(
            required(data, "case_id", where),
            required(data, "workflow", where),
            required(data, "version", where),
            required(data, "status", where),
            data.get("facts", {}),
            data.get("evidence", ()),
            [AuditRecord.from_dict(item) for item in required(data, "trail", where)],
        )

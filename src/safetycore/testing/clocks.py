"""Hypothesis strategies for SLA clocks: case event histories.

>>> from hypothesis import given
>>> @given(case_histories())
... def test_histories_start_with_created(history):
...     assert history.events[0].kind == "created"
>>> test_histories_start_with_created()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from safetycore._config import names_of, whole_number
from safetycore._time import US_PER_SECOND, to_micros
from safetycore.errors import InputTypeError, InvalidArgumentError, OutOfRangeError
from safetycore.events import CaseEvent, CaseHistory, EventKind, StatusCategory

__all__ = ["EVENT_KINDS", "case_events", "case_histories"]

EVENT_KINDS: tuple[str, ...] = (
    "agent_public_reply",
    "agent_internal_reply",
    "customer_replied",
    "status_changed",
    "priority_changed",
    "call_queued",
    "call_answered",
    "call_abandoned",
    "reopened",
)
"""What ``case_histories`` draws after the created event (the reply kinds split by visibility)."""

_START = datetime(2025, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
# The last instant an event may carry: the end of year 9998 in UTC (events' supported range).
_LAST_US = to_micros(datetime(9998, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC), "at")


def _event(case_id: str, at: datetime, kind: str, draw: Any) -> CaseEvent:
    if kind == "agent_public_reply":
        return CaseEvent(
            case_id, at, EventKind.AGENT_REPLIED, actor="agent:1", data={"public": True}
        )
    if kind == "agent_internal_reply":
        return CaseEvent(
            case_id, at, EventKind.AGENT_REPLIED, actor="agent:1", data={"public": False}
        )
    if kind == "status_changed":
        category = draw(st.sampled_from(list(StatusCategory)))
        data = {"from": "?", "to": str(category), "category": str(category)}
        return CaseEvent(case_id, at, EventKind.STATUS_CHANGED, actor="agent:1", data=data)
    if kind == "priority_changed":
        data = {"from": "?", "to": draw(st.sampled_from(["low", "normal", "high", "urgent"]))}
        return CaseEvent(case_id, at, EventKind.PRIORITY_CHANGED, actor="agent:1", data=data)
    return CaseEvent(case_id, at, EventKind(kind), actor="customer:1")


def case_events(case_id: str = "C-1") -> st.SearchStrategy[CaseEvent]:
    """Single valid ``CaseEvent`` values of case ``case_id``, of any kind ``case_histories`` draws.

    A created event (with a drawn priority) or any kind in ``EVENT_KINDS``, at an instant in
    UTC from 2025-01-01 over 300 days, exact to the microsecond. Raises ``InputTypeError``
    unless ``case_id`` is non-empty text.
    """
    if not isinstance(case_id, str) or not case_id:
        raise InputTypeError("must be non-empty text", field="case_id", value=case_id)
    return _case_event(case_id)


@st.composite
def _case_event(draw: Any, case_id: str) -> CaseEvent:
    at = _START + timedelta(microseconds=draw(st.integers(0, timedelta(days=300) // _US)))
    kind = draw(st.sampled_from(("created", *EVENT_KINDS)))
    if kind == "created":
        priority = draw(st.sampled_from(["low", "normal", "high", "urgent"]))
        return CaseEvent(
            case_id, at, EventKind.CREATED, actor="customer:1", data={"priority": priority}
        )
    return _event(case_id, at, kind, draw)


def case_histories(
    case_id: str = "C-1",
    *,
    start: datetime = _START,
    spread: timedelta = timedelta(days=300),
    max_events: int = 12,
    max_gap: timedelta = timedelta(days=3),
    kinds: Sequence[str] = EVENT_KINDS,
    priorities: Sequence[str] = ("low", "normal", "high", "urgent"),
) -> st.SearchStrategy[CaseHistory]:
    """A valid ``CaseHistory``: a created event, then up to ``max_events`` more in time order.

    The case is created within ``spread`` after ``start`` with a drawn priority; each later
    event follows the one before by up to ``max_gap`` (zero included: events may share an
    instant), exact to the microsecond. ``kinds`` restricts what follows (names from
    ``EVENT_KINDS``).

    The arguments are checked when called, not when drawn: ``case_id`` non-empty text,
    ``start`` an aware datetime, ``spread`` and ``max_gap`` timedeltas of zero or more,
    ``max_events`` a whole number of zero or more, ``kinds`` and ``priorities`` non-empty
    collections of names (``kinds`` from ``EVENT_KINDS``). Each raises a ``SafetycoreError``
    naming the argument; ``OutOfRangeError`` when the last event could fall after year 9998.
    """
    if not isinstance(case_id, str) or not case_id:
        raise InputTypeError("must be non-empty text", field="case_id", value=case_id)
    start_us = to_micros(start, "start")
    for field, value in (("spread", spread), ("max_gap", max_gap)):
        if not isinstance(value, timedelta):
            raise InputTypeError("must be a timedelta", field=field, value=value)
        if value < timedelta(0):
            raise InvalidArgumentError("must not be negative", field=field, value=value)
    if whole_number(max_events, "max_events") < 0:
        raise InvalidArgumentError("must not be negative", field="max_events", value=max_events)
    span_us = spread // _US + max_events * (max_gap // _US)
    if start_us + span_us > _LAST_US:
        raise OutOfRangeError(
            f"plus spread and max_events * max_gap ({span_us // US_PER_SECOND} s) passes "
            "the supported years 2 to 9998",
            field="start",
            value=start,
        )
    chosen = _names(kinds, "kinds")
    unknown = sorted(set(chosen) - set(EVENT_KINDS))
    if unknown:
        raise InvalidArgumentError(
            f"names no kind case_histories draws (choose from {', '.join(EVENT_KINDS)})",
            field="kinds",
            value=unknown[0],
        )
    return _case_history(
        case_id, start, spread, max_events, max_gap, chosen, _names(priorities, "priorities")
    )


def _names(value: object, field: str) -> tuple[str, ...]:
    """``value`` as a sorted tuple of names: a non-empty collection, never a bare str."""
    names = names_of(value, field)
    if not names:
        raise InvalidArgumentError("must name at least one", field=field, value=value)
    return tuple(sorted(names))


@st.composite
def _case_history(
    draw: Any,
    case_id: str,
    start: datetime,
    spread: timedelta,
    max_events: int,
    max_gap: timedelta,
    kinds: tuple[str, ...],
    priorities: tuple[str, ...],
) -> CaseHistory:
    micros = draw(st.integers(0, spread // _US))
    at = start + timedelta(microseconds=micros)
    events = [
        CaseEvent(
            case_id,
            at,
            EventKind.CREATED,
            actor="customer:1",
            data={"priority": draw(st.sampled_from(priorities))},
        )
    ]
    gap_us = max_gap // _US
    for _ in range(draw(st.integers(0, max_events))):
        at = at + timedelta(microseconds=draw(st.integers(0, gap_us)))
        candidate = _event(case_id, at, draw(st.sampled_from(kinds)), draw)
        if candidate not in events:  # an exact repeat at the same instant is not an event
            events.append(candidate)
    return CaseHistory(case_id, events)

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

from safetycore.events import CaseEvent, CaseHistory, EventKind, StatusCategory

__all__ = ["EVENT_KINDS", "case_histories"]

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


@st.composite
def case_histories(
    draw: Any,
    case_id: str = "C-1",
    *,
    start: datetime = _START,
    spread: timedelta = timedelta(days=300),
    max_events: int = 12,
    max_gap: timedelta = timedelta(days=3),
    kinds: Sequence[str] = EVENT_KINDS,
    priorities: Sequence[str] = ("low", "normal", "high", "urgent"),
) -> CaseHistory:
    """A valid ``CaseHistory``: a created event, then up to ``max_events`` more in time order.

    The case is created within ``spread`` after ``start`` with a drawn priority; each later
    event follows the one before by up to ``max_gap`` (zero included: events may share an
    instant), exact to the microsecond. ``kinds`` restricts what follows (names from
    ``EVENT_KINDS``).
    """
    micros = draw(st.integers(0, spread // timedelta(microseconds=1)))
    at = start + timedelta(microseconds=micros)
    events = [
        CaseEvent(
            case_id,
            at,
            EventKind.CREATED,
            actor="customer:1",
            data={"priority": draw(st.sampled_from(list(priorities)))},
        )
    ]
    gap_us = max_gap // timedelta(microseconds=1)
    for _ in range(draw(st.integers(0, max_events))):
        at = at + timedelta(microseconds=draw(st.integers(0, gap_us)))
        candidate = _event(case_id, at, draw(st.sampled_from(list(kinds))), draw)
        if candidate not in events:  # an exact repeat at the same instant is not an event
            events.append(candidate)
    return CaseHistory(case_id, events)

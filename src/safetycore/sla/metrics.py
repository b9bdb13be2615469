"""What an SLA clock measures: ``Metric`` rules over signals, and the standard metrics.

A clock does not read events directly: each ``safetycore.events.CaseEvent`` becomes one or
more *signals* (the vocabulary below), and a metric says which signals start, stop (met) or
cancel its cycles, in which status categories it pauses, and what a new start does once a
cycle has ended. Teams define their own metrics from the same vocabulary.

Signals:

=======================  ==========================================================
``created``              the case was created
``agent_public_reply``   an agent replied where the customer sees it
``agent_internal_reply`` an agent wrote an internal note
``customer_reply``       the customer wrote
``call_queued``          a call entered the queue (``call_answered``, ``call_abandoned``)
``status:<category>``    the case entered a status of that category (``status:solved``)
``reopened``             the case left ``solved`` for an active category, or a
                         ``reopened`` event
``assigned``             the case was (re)assigned
``priority_changed``     the priority changed (clocks also re-target, see policies)
``merged``               the case was merged into another
=======================  ==========================================================
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs

from safetycore.errors import ConfigurationError
from safetycore.events import StatusCategory

__all__ = [
    "AGENT_WORK_TIME",
    "FIRST_REPLY",
    "NEXT_REPLY",
    "PERIODIC_UPDATE",
    "REQUESTER_WAIT_TIME",
    "RESOLUTION",
    "SIGNALS",
    "STANDARD_METRICS",
    "TIME_TO_ANSWER",
    "Metric",
    "Restart",
]

SIGNALS: Final = frozenset(
    {
        "created",
        "agent_public_reply",
        "agent_internal_reply",
        "customer_reply",
        "call_queued",
        "call_answered",
        "call_abandoned",
        "reopened",
        "assigned",
        "priority_changed",
        "merged",
        *(f"status:{category}" for category in StatusCategory),
    }
)


class Restart(enum.StrEnum):
    """What a start signal does when the metric already has an ended cycle."""

    NEW_CYCLE = "new_cycle"  # open another cycle (resolution after a reopen)
    RESUME = "resume"  # continue the last cycle, its time so far counted (requester wait)
    ONCE = "once"  # ignore it: the metric has one cycle per case (first reply)


def _to_signals(value: Iterable[str] | str, field: str) -> frozenset[str]:
    names = frozenset((value,) if isinstance(value, str) else value)
    unknown = sorted(names - SIGNALS)
    if unknown:
        raise ConfigurationError(
            f"unknown signals (see safetycore.sla.SIGNALS): {', '.join(unknown)}",
            field=field,
            value=unknown,
        )
    return names


def _start(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "start")


def _stop(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "stop")


def _cancel(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "cancel")


def _categories(value: Iterable[StatusCategory | str]) -> frozenset[StatusCategory]:
    try:
        return frozenset(StatusCategory(str(item)) for item in value)
    except ValueError as error:
        raise ConfigurationError(str(error), field="pause_in", value=value) from None


@attrs.frozen
class Metric:
    """A measured interval: which signals start, stop (met) and cancel its cycles.

    Within one event, stop and cancel signals apply before start signals, so a public reply
    can end one periodic-update cycle and begin the next. ``pause_in`` lists the status
    categories in which the clock does not run. ``after`` names a metric that must have met
    a cycle before this one's start signals count (next reply waits for the first reply).
    """

    name: str
    start: frozenset[str] = attrs.field(converter=_start)
    stop: frozenset[str] = attrs.field(converter=_stop)
    cancel: frozenset[str] = attrs.field(default=frozenset({"merged"}), converter=_cancel)
    pause_in: frozenset[StatusCategory] = attrs.field(default=frozenset(), converter=_categories)
    restart: Restart = attrs.field(default=Restart.NEW_CYCLE, converter=Restart)
    after: str | None = None


_ENDED: Final = ("status:solved", "status:closed", "merged")

TIME_TO_ANSWER: Final = Metric(
    "time_to_answer", start="call_queued", stop="call_answered", cancel=("call_abandoned", "merged")
)
"""Call queued -> answered; an abandoned call cancels the cycle; one cycle per call."""

FIRST_REPLY: Final = Metric(
    "first_reply", start="created", stop="agent_public_reply", cancel=_ENDED, restart=Restart.ONCE
)
"""Created -> first public agent reply; solved without a reply cancels it."""

NEXT_REPLY: Final = Metric(
    "next_reply",
    start="customer_reply",
    stop="agent_public_reply",
    cancel=_ENDED,
    after="first_reply",
)
"""Oldest unanswered customer message (after the first reply) -> next public agent reply."""

PERIODIC_UPDATE: Final = Metric(
    "periodic_update",
    start="agent_public_reply",
    stop="agent_public_reply",
    cancel=_ENDED,
    pause_in={StatusCategory.PENDING, StatusCategory.ON_HOLD},
)
"""Public agent reply -> the next one, while the case is open (paused when waiting)."""

REQUESTER_WAIT_TIME: Final = Metric(
    "requester_wait_time",
    start=("created", "reopened"),
    stop=("status:solved", "status:closed"),
    cancel="merged",
    pause_in={StatusCategory.PENDING},
    restart=Restart.RESUME,
)
"""Time the customer waits on the team: new, open and on hold count; pending does not."""

AGENT_WORK_TIME: Final = Metric(
    "agent_work_time",
    start=("created", "reopened"),
    stop=("status:solved", "status:closed"),
    cancel="merged",
    pause_in={StatusCategory.PENDING, StatusCategory.ON_HOLD},
    restart=Restart.RESUME,
)
"""Time the case is with the team: new and open count; pending and on hold do not."""

RESOLUTION: Final = Metric(
    "resolution",
    start=("created", "reopened"),
    stop=("status:solved", "status:closed"),
    cancel="merged",
    pause_in={StatusCategory.PENDING, StatusCategory.ON_HOLD},
)
"""Created -> solved, paused in pending and on hold; a reopen starts a new cycle."""

STANDARD_METRICS: Final = (
    TIME_TO_ANSWER,
    FIRST_REPLY,
    NEXT_REPLY,
    PERIODIC_UPDATE,
    REQUESTER_WAIT_TIME,
    AGENT_WORK_TIME,
    RESOLUTION,
)

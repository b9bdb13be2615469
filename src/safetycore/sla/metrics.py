"""What an SLA clock measures: ``Metric`` rules over signals, and the standard metrics.

A clock does not read events directly: each ``safetycore.events.CaseEvent`` becomes one or
more *signals* (the vocabulary below), and a metric says which signals start, stop (met),
cancel or reset its cycles, in which status categories it pauses, which signals pause and
resume it, and what a new start does once a cycle has ended. Teams define their own metrics
from the same vocabulary.

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
from typing import Final, TypeVar

import attrs

from safetycore._config import enum_member, names_of, text
from safetycore.errors import ConfigurationError, InputTypeError
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


_E = TypeVar("_E", bound=enum.Enum)


def choice(kind: type[_E], value: object, field: str) -> _E:
    """``value`` as a member of ``kind``: a member, or the text of one.

    Text that names no member raises ``ConfigurationError`` (a definition that cannot be
    right) listing the members; anything but text ``InputTypeError``. Both name ``field``.
    """
    if isinstance(value, kind):
        return value
    if not isinstance(value, str):
        allowed = ", ".join(str(member.value) for member in kind)
        raise InputTypeError(f"must be one of: {allowed}", field=field, value=value)
    return enum_member(kind, value, field, error=ConfigurationError)


def _to_signals(value: Iterable[str] | str, field: str, *, empty: bool) -> frozenset[str]:
    names = names_of(value, field, single=True)
    unknown = sorted(names - SIGNALS)
    if unknown:
        raise ConfigurationError(
            f"unknown signals (see safetycore.sla.SIGNALS): {', '.join(unknown)}",
            field=field,
            value=unknown,
        )
    if not names and not empty:
        raise ConfigurationError(
            f"needs at least one signal (a metric that never {field}s cannot be right)",
            field=field,
            value=value,
        )
    return names


def _start(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "start", empty=False)


def _stop(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "stop", empty=False)


def _cancel(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "cancel", empty=True)


def _reset(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "reset", empty=True)


def _pause_on(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "pause_on", empty=True)


def _resume_on(value: Iterable[str] | str) -> frozenset[str]:
    return _to_signals(value, "resume_on", empty=True)


def _categories(value: Iterable[StatusCategory | str]) -> frozenset[StatusCategory]:
    return frozenset(
        choice(StatusCategory, item, "pause_in") for item in sorted(names_of(value, "pause_in"))
    )


def _restart(value: object) -> Restart:
    return choice(Restart, value, "restart")


@attrs.frozen
class Metric:
    """A measured interval: which signals start, stop (met), cancel and reset its cycles.

    Within one event, stop and cancel signals apply before start signals, so a public reply
    can end one periodic-update cycle and begin the next. A ``reset`` signal ends a running
    cycle as cancelled (breached if its deadline had passed) and begins the next cycle at
    the same instant with its whole target, whatever ``restart`` says; with no cycle
    running it does nothing (list the signal in ``start`` too to start one then).
    ``pause_in`` lists the status categories in which the clock does not run; ``pause_on``
    signals hold the clock until one of the ``resume_on`` signals lifts the hold (a case
    fact, like its status: held or not whether a cycle runs). The clock runs only when
    neither holds it. Within one event pause signals apply before resume signals. ``after``
    names a metric that must have met a cycle before this one's start signals count (next
    reply waits for the first reply).

    Checked when built: ``name`` is non-empty text; ``start``, ``stop``, ``cancel``,
    ``reset``, ``pause_on`` and ``resume_on`` are collections of ``SIGNALS`` (one signal as
    a str is shorthand for a collection of one; ``start`` and ``stop`` need at least one);
    ``pause_in`` a collection of status categories (a bare str is refused); ``restart`` a
    ``Restart`` or its value; ``after`` the name of another metric, or ``None``. Junk raises
    ``InputTypeError``, a name that means nothing ``ConfigurationError``, each naming the
    field. So does a rule that cannot be right: a ``reset`` signal that also stops or
    cancels (``reset``), ``pause_on`` without ``resume_on`` or the reverse, and a signal in
    both (``resume_on``).

    >>> waiting = Metric(
    ...     "resolution_awaiting_customer",
    ...     start="created",
    ...     stop="status:solved",
    ...     pause_on="agent_public_reply",
    ...     resume_on="customer_reply",
    ... )
    >>> sorted(waiting.pause_on), sorted(waiting.resume_on)
    (['agent_public_reply'], ['customer_reply'])
    """

    name: str = attrs.field(validator=text())
    start: frozenset[str] = attrs.field(converter=_start)
    stop: frozenset[str] = attrs.field(converter=_stop)
    cancel: frozenset[str] = attrs.field(default=frozenset({"merged"}), converter=_cancel)
    pause_in: frozenset[StatusCategory] = attrs.field(default=frozenset(), converter=_categories)
    restart: Restart = attrs.field(default=Restart.NEW_CYCLE, converter=_restart)
    after: str | None = attrs.field(default=None, validator=text(optional=True))
    reset: frozenset[str] = attrs.field(default=frozenset(), converter=_reset, kw_only=True)
    pause_on: frozenset[str] = attrs.field(default=frozenset(), converter=_pause_on, kw_only=True)
    resume_on: frozenset[str] = attrs.field(default=frozenset(), converter=_resume_on, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.after == self.name:
            raise ConfigurationError(
                "a metric cannot wait on itself (it would never start)",
                field="after",
                value=self.after,
            )
        ending = sorted(self.reset & (self.stop | self.cancel))
        if ending:
            raise ConfigurationError(
                f"signals that also stop or cancel the metric: {', '.join(ending)} "
                "(which would they do?)",
                field="reset",
                value=ending,
            )
        if self.pause_on and not self.resume_on:
            raise ConfigurationError(
                "a metric that pauses on a signal needs one to resume on (it would never run "
                "again)",
                field="resume_on",
                value=self.resume_on,
            )
        if self.resume_on and not self.pause_on:
            raise ConfigurationError(
                "a metric that resumes on a signal needs one to pause on (nothing would hold)",
                field="pause_on",
                value=self.pause_on,
            )
        both = sorted(self.pause_on & self.resume_on)
        if both:
            raise ConfigurationError(
                f"signals that both pause and resume the metric: {', '.join(both)}",
                field="resume_on",
                value=both,
            )


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

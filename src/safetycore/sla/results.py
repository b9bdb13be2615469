"""What SLA clocks report: ``CycleState``, ``CycleResult`` per metric cycle, ``SlaReport``.

Instants are ``pendulum.DateTime`` in the zone of the calendar the target counts in;
durations are ``timedelta``; the fraction of the target used is an exact ``Fraction``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import datetime, timedelta
from fractions import Fraction

import attrs

from safetycore._html import cycle_html, sla_report_html, when

__all__ = ["CycleResult", "CycleState", "SlaReport"]


class CycleState(enum.StrEnum):
    """The state of one cycle of one metric at ``as_of``."""

    RUNNING = "running"
    AT_RISK = "at_risk"  # running, past its first warning threshold
    PAUSED = "paused"  # running, but in a status category the metric pauses in
    MET = "met"  # stopped at or before its due instant (the deadline is inclusive)
    BREACHED = "breached"  # past its due instant: stopped late, or still running late
    CANCELLED = "cancelled"  # ended without the measured thing happening (solved unreplied)
    NOT_APPLICABLE = "not_applicable"  # no policy row sets a target for this metric


@attrs.frozen
class CycleResult:
    """One cycle of one metric, as of an instant.

    ``business_elapsed`` counts open time of the target's calendar while the clock ran
    (pauses excluded); ``actual_elapsed`` is real time from start to end (or ``as_of``),
    pauses included. ``due_at`` is the instant at which business time reaches the target;
    for an ended cycle short of it, as projected from its end (the clock run on), and
    ``None`` only while paused short of it. ``breached_at`` is the first instant at which the
    cycle counts as breached: one microsecond after ``due_at``, or the instant of a
    priority change whose new target was already exceeded; a later cancel or a re-target to
    no target never erases it. ``remaining`` is negative once the target is exceeded.
    ``policy`` is the policy row whose target the cycle was measured under. ``target`` is the
    business time the cycle has: a duration target's ``within``, or a business-day target's
    budget for this cycle (``Target.budget_us`` of its start).
    """

    metric: str
    cycle: int
    state: CycleState
    running: bool
    started_at: datetime
    ended_at: datetime | None
    due_at: datetime | None
    met_at: datetime | None
    breached_at: datetime | None
    at_risk_at: datetime | None
    target: timedelta | None
    business_elapsed: timedelta | None
    actual_elapsed: timedelta
    remaining: timedelta | None
    fraction_used: Fraction | None
    policy: str | None
    policy_version: str
    calendar: str | None
    calendar_version: str | None

    def describe(self) -> str:
        """One line an agent can read."""
        head = f"{self.metric} #{self.cycle}: {self.state.value.replace('_', ' ')}"
        if self.target is None:
            return f"{head} (no target for this case)"
        used = f"{_hours(self.business_elapsed)} of {_hours(self.target)} business time"
        if self.state is CycleState.MET:
            return f"{head} at {_when(self.met_at)}, {used}"
        if self.state is CycleState.BREACHED:
            return f"{head} since {_when(self.breached_at)}, {used}"
        if self.state is CycleState.CANCELLED:
            return f"{head} at {_when(self.ended_at)}"
        due = f", due {_when(self.due_at)}" if self.due_at is not None else ""
        return f"{head}, {used}{due}"

    def _repr_html_(self) -> str:
        """The notebook display: every field, instants in the calendar's zone."""
        return cycle_html(self)


def _hours(value: timedelta | None) -> str:
    if value is None:
        return "-"
    sign = "-" if value < timedelta(0) else ""
    minutes = abs(value) // timedelta(minutes=1)
    return f"{sign}{minutes // 60}h{minutes % 60:02d}"


def _when(value: datetime | None) -> str:
    # The one format of every display: "Fri 2025-11-28 09:00 CST", the year included.
    return "-" if value is None else when(value)


@attrs.frozen
class SlaReport:
    """Every metric cycle of one case as of ``as_of``, with the policy that applied."""

    case_id: str
    as_of: datetime
    policy: str
    policy_version: str
    cycles: tuple[CycleResult, ...]

    def __iter__(self) -> Iterator[CycleResult]:
        return iter(self.cycles)

    def metric(self, name: str) -> tuple[CycleResult, ...]:
        """The cycles of one metric, oldest first."""
        return tuple(cycle for cycle in self.cycles if cycle.metric == name)

    def latest(self, name: str) -> CycleResult | None:
        """The newest cycle of one metric, or ``None`` if it never started."""
        found = self.metric(name)
        return found[-1] if found else None

    def render(self) -> str:
        """A plain-text summary for agents."""
        lines = [f"{self.case_id} as of {_when(self.as_of)} ({self.policy} v{self.policy_version})"]
        lines.extend(f"  {cycle.describe()}" for cycle in self.cycles)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        """The notebook display: one row per cycle (``safetycore._html.sla_report_html``)."""
        return sla_report_html(self)

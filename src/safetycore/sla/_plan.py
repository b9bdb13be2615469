"""A policy version's metrics compiled for the clock engine's event dispatch."""

from __future__ import annotations

from collections.abc import Sequence

from safetycore.sla.metrics import SIGNALS, Metric


class Plan:
    """A policy version's metrics compiled for dispatch: which metrics each signal touches."""

    __slots__ = (
        "after",
        "by_signal",
        "cancels",
        "metrics",
        "names",
        "pause_in",
        "pauses",
        "resets",
        "restart",
        "resumes",
        "starts",
        "stops",
    )

    def __init__(self, metrics: Sequence[Metric]) -> None:
        metrics = tuple(metrics)
        self.metrics = metrics
        self.names = tuple(metric.name for metric in metrics)
        index = {name: i for i, name in enumerate(self.names)}
        self.pause_in = tuple(metric.pause_in for metric in metrics)
        self.restart = tuple(metric.restart for metric in metrics)
        self.after = tuple(None if m.after is None else index[m.after] for m in metrics)
        self.stops = {s: tuple(i for i, m in enumerate(metrics) if s in m.stop) for s in SIGNALS}
        self.cancels = {
            s: tuple(i for i, m in enumerate(metrics) if s in m.cancel and s not in m.stop)
            for s in SIGNALS
        }
        self.starts = {s: tuple(i for i, m in enumerate(metrics) if s in m.start) for s in SIGNALS}
        self.resets = {s: tuple(i for i, m in enumerate(metrics) if s in m.reset) for s in SIGNALS}
        self.pauses = {
            s: tuple(i for i, m in enumerate(metrics) if s in m.pause_on) for s in SIGNALS
        }
        self.resumes = {
            s: tuple(i for i, m in enumerate(metrics) if s in m.resume_on) for s in SIGNALS
        }
        # Resets and pauses by signal are rules the vectorised clock of sla_frame does not
        # know: a version with any takes the event-by-event engine there.
        self.by_signal = any(m.reset or m.pause_on for m in metrics)

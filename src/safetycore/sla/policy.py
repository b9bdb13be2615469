"""SLA policies: targets per metric and per case condition, in effective-dated versions.

``SlaPolicy`` holds ``PolicyVersion``s, each in force from an instant on. A version holds
ordered ``Policy`` rows; the first whose ``Condition`` matches the case applies (as in the
leading help desks), giving a ``Target`` per metric: a duration in a named, versioned
calendar (business hours, or 24/7 for emergencies) with warning thresholds.

Which version a case runs under is the caller's choice (``Versioning``): the one in force
when the case was created (``PIN``), or the one in force at ``as_of`` (``CURRENT``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Final

import attrs

from safetycore._config import instance_of
from safetycore._time import aware, to_micros
from safetycore.errors import ConfigurationError, InputTypeError, OutOfRangeError
from safetycore.events import Channel, StatusMap
from safetycore.sla._plan import Plan
from safetycore.sla.calendar import Calendar
from safetycore.sla.metrics import STANDARD_METRICS, Metric

__all__ = [
    "CaseAttributes",
    "Condition",
    "Policy",
    "PolicyVersion",
    "SlaPolicy",
    "Target",
    "VersionedCalendar",
    "Versioning",
]

_ONE_US: Final = timedelta(microseconds=1)


class Versioning(enum.StrEnum):
    """Which policy version an in-flight case runs under."""

    PIN = "pin"  # the version in force when the case was created
    CURRENT = "current"  # the version in force at as_of


@attrs.frozen
class VersionedCalendar:
    """A calendar with the ``name`` and ``version`` that results cite."""

    name: str
    version: str
    calendar: Calendar = attrs.field(validator=instance_of(Calendar))


def _positive(value: object) -> timedelta:
    if not isinstance(value, timedelta):
        raise InputTypeError("must be a timedelta", field="within", value=value)
    if value <= timedelta(0):
        raise ConfigurationError("must be positive", field="within", value=value)
    return value


def _warnings(value: Iterable[int]) -> tuple[int, ...]:
    items = tuple(sorted(value))
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int) or not 0 < item < 100:
            raise ConfigurationError(
                "warning thresholds are whole percentages between 0 and 100",
                field="warnings",
                value=item,
            )
    return items


@attrs.frozen
class Target:
    """``metric`` must complete ``within`` business time of ``calendar``.

    ``warnings`` are percentages of ``within`` (default 50 and 75); reaching the first
    makes a running cycle "at risk".
    """

    metric: str
    within: timedelta = attrs.field(converter=_positive)
    calendar: VersionedCalendar
    warnings: tuple[int, ...] = attrs.field(default=(50, 75), converter=_warnings)

    @property
    def within_us(self) -> int:
        """``within`` in microseconds."""
        return self.within // _ONE_US


def _optional_set(value: Iterable[str] | str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset((value,) if isinstance(value, str) else (str(item) for item in value))


def _tag_set(value: Iterable[str] | str) -> frozenset[str]:
    return frozenset((value,) if isinstance(value, str) else value)


@attrs.frozen
class CaseAttributes:
    """What conditions look at: the case's priority, channel, category and tags."""

    priority: str | None = None
    channel: Channel | None = None
    category: str | None = None
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tag_set)


@attrs.frozen
class Condition:
    """Which cases a policy row applies to; an absent (``None``) criterion matches any case.

    ``tags`` matches a case having at least one of them.
    """

    priority: frozenset[str] | None = attrs.field(default=None, converter=_optional_set)
    channel: frozenset[str] | None = attrs.field(default=None, converter=_optional_set)
    category: frozenset[str] | None = attrs.field(default=None, converter=_optional_set)
    tags: frozenset[str] | None = attrs.field(default=None, converter=_optional_set)

    def matches(self, case: CaseAttributes) -> bool:
        """Whether every present criterion holds for ``case``."""
        return (
            (self.priority is None or case.priority in self.priority)
            and (
                self.channel is None
                or (case.channel is not None and str(case.channel) in self.channel)
            )
            and (self.category is None or case.category in self.category)
            and (self.tags is None or bool(self.tags & case.tags))
        )


def _targets(value: Iterable[Target]) -> tuple[Target, ...]:
    items = tuple(value)
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Target):
            raise InputTypeError("must be a Target", field="targets", value=item)
        if item.metric in seen:
            raise ConfigurationError(
                "has two targets for one metric", field="targets", value=item.metric
            )
        seen.add(item.metric)
    return items


@attrs.frozen
class Policy:
    """A policy row: its ``name``, the cases it applies to, and its targets by metric."""

    name: str
    targets: tuple[Target, ...] = attrs.field(converter=_targets)
    when: Condition = attrs.field(factory=Condition)

    def target(self, metric: str) -> Target | None:
        """The target for ``metric``, or ``None`` when this row sets none."""
        for target in self.targets:
            if target.metric == metric:
                return target
        return None


def _effective(value: object) -> datetime:
    return aware(value, "effective")


def _policies(value: Iterable[Policy]) -> tuple[Policy, ...]:
    return tuple(value)


def _metrics(value: Iterable[Metric]) -> tuple[Metric, ...]:
    return tuple(value)


@attrs.frozen
class PolicyVersion:
    """One version of a policy set, in force from the instant ``effective`` on.

    ``policies`` are tried in order; ``metrics`` are the metrics clocks track (the standard
    ones by default; every target must name one of them).
    """

    version: str
    effective: datetime = attrs.field(converter=_effective)
    policies: tuple[Policy, ...] = attrs.field(converter=_policies)
    metrics: tuple[Metric, ...] = attrs.field(default=STANDARD_METRICS, converter=_metrics)

    def __attrs_post_init__(self) -> None:
        names = {metric.name for metric in self.metrics}
        for policy in self.policies:
            for target in policy.targets:
                if target.metric not in names:
                    raise ConfigurationError(
                        f"policy {policy.name!r} targets a metric this version does not track",
                        field="targets.metric",
                        value=target.metric,
                    )
        for metric in self.metrics:
            if metric.after is not None and metric.after not in names:
                raise ConfigurationError(
                    f"metric {metric.name!r} waits on an unknown metric",
                    field="after",
                    value=metric.after,
                )

    @cached_property
    def effective_us(self) -> int:
        """``effective`` in microseconds since the epoch (UTC)."""
        return to_micros(self.effective, "effective")

    @cached_property
    def plan(self) -> Plan:
        """The metrics compiled for dispatch by signal (built once, on first use)."""
        return Plan(self.metrics)

    def select(self, case: CaseAttributes) -> Policy | None:
        """The first policy whose condition matches ``case``, or ``None``."""
        for policy in self.policies:
            if policy.when.matches(case):
                return policy
        return None


def _versions(value: Iterable[PolicyVersion]) -> tuple[PolicyVersion, ...]:
    items = tuple(sorted(value, key=lambda version: to_micros(version.effective, "effective")))
    if not items:
        raise ConfigurationError("needs at least one version", field="versions", value=())
    return items


@attrs.frozen
class SlaPolicy:
    """A named policy set with its effective-dated versions.

    With ``statuses``, every status change must name a status the map knows (else
    ``UnknownStatusError``), in the category the map gives it.
    """

    name: str
    versions: tuple[PolicyVersion, ...] = attrs.field(converter=_versions)
    statuses: StatusMap | None = attrs.field(default=None, kw_only=True)

    def version_at(self, micros: int) -> PolicyVersion:
        """The version in force at the instant ``micros`` (microseconds since the epoch)."""
        found = None
        for version in self.versions:
            if version.effective_us <= micros:
                found = version
        if found is None:
            raise OutOfRangeError(
                f"is before the first version of policy {self.name!r} "
                f"({self.versions[0].effective.isoformat()})",
                field="instant",
                value=micros,
            )
        return found

    def version_named(self, version: str) -> PolicyVersion:
        """The version called ``version``."""
        for item in self.versions:
            if item.version == version:
                return item
        raise ConfigurationError(
            f"is not a version of {self.name!r}", field="version", value=version
        )


def attributes_from(data: Mapping[str, Any], via: Channel) -> CaseAttributes:
    """Case attributes from a ``created`` event's data and channel."""
    tags: Iterable[str] | str = data.get("tags", ())
    return CaseAttributes(
        priority=data.get("priority"),
        channel=via,
        category=data.get("category"),
        tags=tags,
    )

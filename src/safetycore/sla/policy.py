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
from typing import Any, Final, TypeVar

import attrs
import pendulum

from safetycore._config import (
    enum_member,
    instance_of,
    items_of,
    names_of,
    reject_repeats,
    text,
    whole_number,
)
from safetycore._html import sla_policy_html
from safetycore._time import aware, from_micros, to_micros
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    OutOfRangeError,
    UnknownNameError,
)
from safetycore.events import Channel, StatusMap
from safetycore.sla._plan import Plan
from safetycore.sla.calendar import Calendar
from safetycore.sla.metrics import STANDARD_METRICS, Metric, choice

__all__ = [
    "BusinessDays",
    "CaseAttributes",
    "Condition",
    "EndOfBusinessDay",
    "Policy",
    "PolicyVersion",
    "SlaPolicy",
    "Target",
    "VersionedCalendar",
    "Versioning",
]

_ONE_US: Final = timedelta(microseconds=1)
_T = TypeVar("_T")


class Versioning(enum.StrEnum):
    """Which policy version an in-flight case runs under."""

    PIN = "pin"  # the version in force when the case was created
    CURRENT = "current"  # the version in force at as_of


def _collection(value: object, kind: type[_T], field: str) -> tuple[_T, ...]:
    """``value`` as a tuple of ``kind``: one ``kind``, a str, a mapping or junk is refused."""
    if isinstance(value, kind):
        raise InputTypeError(
            f"must be a collection of {kind.__name__}s, not one {kind.__name__} (write [...])",
            field=field,
            value=value,
        )
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InputTypeError(f"must be a collection of {kind.__name__}s", field=field, value=value)
    return items_of(value, kind, field)


@attrs.frozen
class VersionedCalendar:
    """A calendar with the ``name`` and ``version`` that results cite.

    ``name`` and ``version`` are non-empty text and ``calendar`` a ``Calendar``
    (``InputTypeError`` naming the field otherwise).
    """

    name: str = attrs.field(validator=text())
    version: str = attrs.field(validator=text())
    calendar: Calendar = attrs.field(validator=instance_of(Calendar))


def _day_count(value: object, field: str, least: int) -> int:
    count = whole_number(value, field)
    if count < least:
        raise ConfigurationError(f"must be at least {least}", field=field, value=value)
    return count


def _business_days_count(value: object) -> int:
    return _day_count(value, "days", 1)


def _end_of_day_count(value: object) -> int:
    return _day_count(value, "days", 0)


@attrs.frozen
class BusinessDays:
    """A target of ``days`` business days: "resolve within 3 business days".

    The deadline is the same local wall-clock time, ``days`` business days after the date
    the count starts on (``Calendar.add_business_days``). ``days`` is an ``int`` of at least
    1 (``InputTypeError`` for a non-int or a ``bool``, ``ConfigurationError`` below 1, both
    naming ``days``). How a cycle turns it into business time: ``Target.budget_us``.
    """

    days: int = attrs.field(converter=_business_days_count)


@attrs.frozen
class EndOfBusinessDay:
    """A target of the end of a business day: "by end of next business day" is ``1``.

    ``days = 0`` is the end of the business day the count starts on (or of the next one
    when that date is not a business day); ``days = n`` the end of the ``n``-th business day
    after it (``Calendar.end_of_business_day``). ``days`` is an ``int`` of at least 0
    (``InputTypeError`` / ``ConfigurationError`` naming ``days`` otherwise).
    """

    days: int = attrs.field(default=0, converter=_end_of_day_count)


Within = timedelta | BusinessDays | EndOfBusinessDay
"""What a target allows: business time, or a count of business days."""


def _positive(value: object) -> Within:
    if isinstance(value, (BusinessDays, EndOfBusinessDay)):
        return value
    if not isinstance(value, timedelta):
        raise InputTypeError(
            "must be a timedelta, a BusinessDays or an EndOfBusinessDay",
            field="within",
            value=value,
        )
    if value <= timedelta(0):
        raise ConfigurationError("must be positive", field="within", value=value)
    return value


def _warnings(value: Iterable[int]) -> tuple[int, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InputTypeError(
            "must be a collection of whole percentages (write [50])", field="warnings", value=value
        )
    items = tuple(value)
    for i, item in enumerate(items):
        whole_number(item, f"warnings[{i}]")
        if not 0 < item < 100:
            raise ConfigurationError(
                "warning thresholds are whole percentages between 0 and 100 (exclusive)",
                field=f"warnings[{i}]",
                value=item,
            )
    reject_repeats(items, "warnings", "is given twice (it would warn twice at one instant)")
    return tuple(sorted(items))


def _versioned_calendar(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, VersionedCalendar):
        hint = (
            " (wrap it: VersionedCalendar(name, version, calendar))"
            if isinstance(value, Calendar)
            else ""
        )
        raise InputTypeError(
            f"must be a VersionedCalendar{hint}", field=attribute.name, value=value
        )


@attrs.frozen
class Target:
    """``metric`` must complete ``within`` business time of ``calendar``.

    ``within`` is a duration of business time (a positive ``timedelta``), or a count of
    business days: ``BusinessDays(3)`` ("within 3 business days") or ``EndOfBusinessDay(1)``
    ("by end of next business day"). A day target becomes a business-time budget when a
    cycle starts (``budget_us``); from then on pauses, warnings and re-targets treat it
    exactly as a duration.

    ``warnings`` are percentages of the budget (default 50 and 75); reaching the first
    makes a running cycle "at risk".

    Checked when built: ``metric`` is non-empty text, ``within`` a positive ``timedelta``
    or a day form, ``calendar`` a ``VersionedCalendar`` (a bare ``Calendar`` is refused:
    results cite the calendar's name and version), ``warnings`` a collection of distinct
    ``int`` percentages strictly between 0 and 100 (kept sorted; empty means never at risk).
    Junk raises ``InputTypeError``, a value that cannot be right ``ConfigurationError``, each
    naming the field (``warnings[1]``).

    >>> from datetime import datetime, timedelta
    >>> from safetycore.sla import BusinessDays, Calendar, Target, VersionedCalendar
    >>> office = VersionedCalendar("office", "1", Calendar.from_dict(
    ...     {"zone": "Europe/London", "hours": {"mon-fri": "09:00-17:00"}}))
    >>> target = Target("resolution", BusinessDays(1), office)
    >>> friday = datetime(2025, 6, 6, 16, tzinfo=office.calendar.tz)
    >>> budget = target.budget_us(int(friday.timestamp()) * 1_000_000)  # to Monday 16:00
    >>> timedelta(microseconds=budget)
    datetime.timedelta(seconds=28800)
    """

    metric: str = attrs.field(validator=text())
    within: Within = attrs.field(converter=_positive)
    calendar: VersionedCalendar = attrs.field(validator=_versioned_calendar)
    warnings: tuple[int, ...] = attrs.field(default=(50, 75), converter=_warnings)

    @property
    def within_us(self) -> int:
        """A duration target's ``within`` in microseconds.

        A day target has no fixed length (its budget depends on when a cycle starts):
        ``InvalidArgumentError``; use ``budget_us``.
        """
        within = self.within
        if not isinstance(within, timedelta):
            raise InvalidArgumentError(
                "is a count of business days, not a fixed duration (use budget_us(start))",
                field="within",
                value=within,
            )
        return within // _ONE_US

    def budget_us(self, start_us: int) -> int:
        """The business time, in microseconds, that a cycle started at ``start_us`` has.

        ``start_us`` is an instant in microseconds since the epoch (UTC). A duration target's
        budget is ``within`` whatever the start. A day target counts from the start, or from
        the calendar's next opening when the calendar is closed then (a case created on
        Saturday, or after Thursday's close, counts from the next opening): the deadline is
        ``add_business_days(anchor, days)`` or ``end_of_business_day(anchor, days)`` in the
        calendar's zone, and the budget is the calendar's open time from the start to it.
        It is positive, since the count starts at an open instant. A calendar that never
        opens again raises ``OutOfRangeError``; a ``start_us`` that is not an ``int``
        ``InputTypeError``.
        """
        whole_number(start_us, "start_us")
        within = self.within
        if isinstance(within, timedelta):
            return within // _ONE_US
        calendar = self.calendar.calendar
        index = calendar._index
        anchor = int(index.next_open(start_us))
        at = from_micros(anchor, calendar.tz)
        if isinstance(within, BusinessDays):
            deadline = calendar.add_business_days(at, within.days)
        else:
            deadline = calendar.end_of_business_day(at, within.days)
        return int(index.elapsed(anchor, to_micros(deadline, "deadline")))


def _case_channel(value: object) -> Channel | None:
    if value is None or isinstance(value, Channel):
        return value
    return enum_member(Channel, value, "channel")


_NO_TAGS: Final[frozenset[str]] = frozenset()


def _tag_set(value: object) -> frozenset[str]:
    if (type(value) is tuple or type(value) is frozenset) and not value:  # no tags: the usual case
        return _NO_TAGS
    return names_of(value, "tags")


@attrs.frozen
class CaseAttributes:
    """What conditions look at: the case's priority, channel, category and tags.

    ``priority`` and ``category`` are non-empty text or ``None`` (absent); ``channel`` a
    ``Channel`` (or its value) or ``None``; ``tags`` a collection of non-empty text (a bare
    str is refused). Junk raises ``InputTypeError`` naming the field.
    """

    priority: str | None = attrs.field(default=None, validator=text(optional=True))
    channel: Channel | None = attrs.field(default=None, converter=_case_channel)
    category: str | None = attrs.field(default=None, validator=text(optional=True))
    tags: frozenset[str] = attrs.field(default=_NO_TAGS, converter=_tag_set)


def _criterion(value: Iterable[str] | str | None, field: str) -> frozenset[str] | None:
    if value is None:
        return None
    names = names_of(value, field, single=True)
    if not names:
        raise ConfigurationError(
            "matches no case (write None to match any)", field=field, value=value
        )
    return names


def _priorities(value: Iterable[str] | str | None) -> frozenset[str] | None:
    return _criterion(value, "priority")


def _channels(value: Iterable[str] | str | None) -> frozenset[str] | None:
    names = _criterion(value, "channel")
    if names is None:
        return None
    return frozenset(str(choice(Channel, name, "channel")) for name in sorted(names))


def _categories(value: Iterable[str] | str | None) -> frozenset[str] | None:
    return _criterion(value, "category")


def _tags(value: Iterable[str] | str | None) -> frozenset[str] | None:
    return _criterion(value, "tags")


@attrs.frozen
class Condition:
    """Which cases a policy row applies to; an absent (``None``) criterion matches any case.

    ``tags`` matches a case having at least one of them.

    Each criterion is a collection of names, or one name as a str (shorthand for a collection
    of one). Checked when built: the names are non-empty text (``InputTypeError`` naming
    ``priority[1]`` otherwise); a ``channel`` name must be a ``Channel`` value and an empty
    collection is refused, since either could never match (``ConfigurationError``).
    """

    priority: frozenset[str] | None = attrs.field(default=None, converter=_priorities)
    channel: frozenset[str] | None = attrs.field(default=None, converter=_channels)
    category: frozenset[str] | None = attrs.field(default=None, converter=_categories)
    tags: frozenset[str] | None = attrs.field(default=None, converter=_tags)

    def matches(self, case: CaseAttributes) -> bool:
        """Whether every present criterion holds for ``case``."""
        if not isinstance(case, CaseAttributes):
            raise InputTypeError("must be a CaseAttributes", field="case", value=case)
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
    items = _collection(value, Target, "targets")
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.metric in seen:
            raise ConfigurationError(
                "has two targets for one metric", field=f"targets[{i}].metric", value=item.metric
            )
        seen.add(item.metric)
    return items


@attrs.frozen
class Policy:
    """A policy row: its ``name``, the cases it applies to, and its targets by metric.

    ``name`` is non-empty text, ``targets`` a collection of ``Target`` (one ``Target`` on its
    own is refused; empty means every metric is not applicable) with at most one per metric,
    and ``when`` a ``Condition``.
    """

    name: str = attrs.field(validator=text())
    targets: tuple[Target, ...] = attrs.field(converter=_targets)
    when: Condition = attrs.field(factory=Condition, validator=instance_of(Condition))

    def target(self, metric: str) -> Target | None:
        """The target for ``metric``, or ``None`` when this row sets none."""
        for target in self.targets:
            if target.metric == metric:
                return target
        return None


def _effective(value: object) -> datetime:
    return aware(value, "effective")


def _policies(value: Iterable[Policy]) -> tuple[Policy, ...]:
    items = _collection(value, Policy, "policies")
    _reject_repeated_names([policy.name for policy in items], "policies", "name")
    return items


def _metrics(value: Iterable[Metric]) -> tuple[Metric, ...]:
    items = _collection(value, Metric, "metrics")
    _reject_repeated_names([metric.name for metric in items], "metrics", "name")
    return items


def _reject_repeated_names(names: list[str], field: str, key: str) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ConfigurationError(
                f"is the {key} of an earlier item too", field=f"{field}[{i}].{key}", value=name
            )
        seen.add(name)


@attrs.frozen
class PolicyVersion:
    """One version of a policy set, in force from the instant ``effective`` on.

    ``policies`` are tried in order; ``metrics`` are the metrics clocks track (the standard
    ones by default; every target must name one of them).

    Checked when built: ``version`` is non-empty text, ``effective`` an aware datetime (or
    ISO 8601 text with an offset), ``policies`` a collection of ``Policy`` with distinct
    names and ``metrics`` one of ``Metric`` with distinct names (one item on its own is
    refused). A target for a metric the version does not track, or a metric waiting
    (``after``) on one it does not track or on itself through others, raises
    ``ConfigurationError`` naming its place (``policies[0].targets[1].metric``).
    """

    version: str = attrs.field(validator=text())
    effective: datetime = attrs.field(converter=_effective)
    policies: tuple[Policy, ...] = attrs.field(converter=_policies)
    metrics: tuple[Metric, ...] = attrs.field(default=STANDARD_METRICS, converter=_metrics)

    def __attrs_post_init__(self) -> None:
        after = {metric.name: metric.after for metric in self.metrics}
        for i, policy in enumerate(self.policies):
            for j, target in enumerate(policy.targets):
                if target.metric not in after:
                    raise ConfigurationError(
                        f"policy {policy.name!r} targets a metric this version does not track",
                        field=f"policies[{i}].targets[{j}].metric",
                        value=target.metric,
                    )
        for i, metric in enumerate(self.metrics):
            if metric.after is None:
                continue
            if metric.after not in after:
                raise ConfigurationError(
                    f"metric {metric.name!r} waits on a metric this version does not track",
                    field=f"metrics[{i}].after",
                    value=metric.after,
                )
            waits: str | None = metric.after
            seen = {metric.name}
            while waits is not None:
                if waits in seen:
                    raise ConfigurationError(
                        f"metric {metric.name!r} waits on itself through {waits!r} "
                        "(it would never start)",
                        field=f"metrics[{i}].after",
                        value=metric.after,
                    )
                seen.add(waits)
                waits = after.get(waits)

    @cached_property
    def effective_us(self) -> int:
        """``effective`` in microseconds since the epoch (UTC)."""
        return to_micros(self.effective, "effective")

    @cached_property
    def plan(self) -> Plan:
        """The metrics compiled for dispatch by signal (built once, on first use)."""
        return Plan(self.metrics)

    @cached_property
    def counts_business_days(self) -> bool:
        """Whether any target of this version is a count of business days.

        Such a target's budget depends on when each cycle starts (``Target.budget_us``).
        """
        return any(
            not isinstance(target.within, timedelta)
            for row in self.policies
            for target in row.targets
        )

    def select(self, case: CaseAttributes) -> Policy | None:
        """The first policy whose condition matches ``case``, or ``None``."""
        for policy in self.policies:
            if policy.when.matches(case):
                return policy
        return None


def _versions(value: Iterable[PolicyVersion]) -> tuple[PolicyVersion, ...]:
    given = _collection(value, PolicyVersion, "versions")
    if not given:
        raise ConfigurationError("needs at least one version", field="versions", value=())
    _reject_repeated_names([version.version for version in given], "versions", "version")
    seen: set[int] = set()
    for i, version in enumerate(given):
        if version.effective_us in seen:
            raise ConfigurationError(
                "is the instant another version takes effect too (which is in force?)",
                field=f"versions[{i}].effective",
                value=version.effective,
            )
        seen.add(version.effective_us)
    return tuple(sorted(given, key=lambda version: version.effective_us))


def _instant(micros: int) -> object:
    """How an instant in microseconds reads in an error: a UTC datetime when it is one."""
    try:
        return from_micros(micros, pendulum.UTC)
    except (OverflowError, ValueError):
        return micros


@attrs.frozen
class SlaPolicy:
    """A named policy set with its effective-dated versions.

    With ``statuses``, every status change must name a status the map knows (else
    ``UnknownStatusError``), in the category the map gives it.

    Checked when built: ``name`` is non-empty text; ``versions`` a non-empty collection of
    ``PolicyVersion`` (one on its own is refused) with distinct names and distinct effective
    instants, kept in effective order; ``statuses`` a ``StatusMap`` or ``None``.
    """

    name: str = attrs.field(validator=text())
    versions: tuple[PolicyVersion, ...] = attrs.field(converter=_versions)
    statuses: StatusMap | None = attrs.field(
        default=None, kw_only=True, validator=attrs.validators.optional(instance_of(StatusMap))
    )

    def _repr_html_(self) -> str:
        """The notebook display: each version's rows, conditions, targets, and the calendars."""
        return sla_policy_html(self)

    def to_dict(self, *, inline_calendars: bool = True) -> dict[str, Any]:
        """The policy as plain JSON-able data (``docs/config-sla.md``); deterministic.

        Sets are written sorted and keys in one order, so two documents diff cleanly.
        Calendars are written in the document's ``calendars`` section, keyed by reference
        (the calendar's name, or ``name@version`` when two versions of one name are used);
        with ``inline_calendars=False`` the section is left out and ``from_dict`` needs them
        as ``calendars=``. ``SlaPolicy.from_dict(p.to_dict()) == p``.
        """
        from safetycore.sla._documents import to_document  # here: it imports this module

        return to_document(self, inline_calendars=inline_calendars)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, calendars: Mapping[str, VersionedCalendar] | None = None
    ) -> SlaPolicy:
        """The policy a document describes (the form ``to_dict`` writes).

        A target's calendar is a reference into the document's ``calendars`` section or into
        ``calendars`` (a mapping of references to ``VersionedCalendar``; a reference in both
        must be the same calendar). Every problem in the document is reported at once: a
        ``ConfigurationErrorGroup`` whose members name their full path from the root
        (``versions[0].policies[2].targets[0].calendar``). ``calendars`` that is not such a
        mapping raises ``InputTypeError``.
        """
        from safetycore.sla._documents import from_document  # here: it imports this module

        return from_document(data, calendars=calendars)

    def version_at(self, micros: int) -> PolicyVersion:
        """The version in force at the instant ``micros`` (``int`` microseconds since the epoch).

        Raises ``OutOfRangeError`` before the first version (its value the instant, in UTC).
        """
        whole_number(micros, "instant")
        found = None
        for version in self.versions:
            if version.effective_us <= micros:
                found = version
        if found is None:
            raise OutOfRangeError(
                f"is before the first version of policy {self.name!r} "
                f"({self.versions[0].effective.isoformat()})",
                field="instant",
                value=_instant(micros),
            )
        return found

    def version_named(self, version: str) -> PolicyVersion:
        """The version called ``version`` (its ``PolicyVersion.version``).

        Raises:
            InputTypeError: ``version`` is not text.
            UnknownNameError: no version has that name (the message lists the names); an
                ``InvalidArgumentError`` and a ``LookupError``.
        """
        if not isinstance(version, str):
            raise InputTypeError("must be a version's name (text)", field="version", value=version)
        for item in self.versions:
            if item.version == version:
                return item
        known = ", ".join(item.version for item in self.versions)
        raise UnknownNameError(
            f"is not a version of policy {self.name!r} (its versions: {known})",
            field="version",
            value=version,
        )


def attributes_from(data: Mapping[str, Any], via: Channel) -> CaseAttributes:
    """Case attributes from a ``created`` event's data and channel."""
    if not isinstance(data, Mapping):
        raise InputTypeError("must be a created event's data (a mapping)", field="data", value=data)
    tags: Iterable[str] | str = data.get("tags", ())
    return CaseAttributes(
        priority=data.get("priority"),
        channel=via,
        category=data.get("category"),
        tags=tags,
    )

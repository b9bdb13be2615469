"""SLA policies as data: ``SlaPolicy.to_dict`` and ``SlaPolicy.from_dict`` (docs/config-sla.md).

The document is plain JSON data in the shared envelope (``safetycore._config``)::

    {"kind": "sla_policy", "format": 1, "name": ..., "statuses": {...},
     "calendars": {"office": {"version": "2025", "calendar": {<Calendar.to_dict()>}}},
     "versions": [{"version": ..., "effective": ..., "metrics": [...],
                   "policies": [{"name": ..., "when": {...}, "targets": [...]}]}]}

Targets name their calendar by its *reference*: the calendar's name, or ``name@version``
when the document holds two versions of one name (every version of that name is then keyed
``name@version``). The reader checks every calendar, version, metric, row and target, and
raises every problem at once as a ``ConfigurationErrorGroup`` with full paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Final

from safetycore._config import (
    Problems,
    collection,
    duration,
    duration_text,
    envelope,
    known_keys,
    opened,
    required,
    text_of,
)
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    SafetycoreError,
    UnknownNameError,
)
from safetycore.events import StatusMap
from safetycore.sla.calendar import Calendar
from safetycore.sla.metrics import STANDARD_METRICS, Metric
from safetycore.sla.policy import (
    BusinessDays,
    Condition,
    EndOfBusinessDay,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
)

KIND: Final = "sla_policy"
_STANDARD: Final = {metric.name: metric for metric in STANDARD_METRICS}
_CRITERIA: Final = ("priority", "channel", "category", "tags")
_TARGET_FORMS: Final = ("within", "business_days", "end_of_business_day")


# -- writing -------------------------------------------------------------------------------


def references(policy: SlaPolicy) -> dict[VersionedCalendar, str]:
    """Each calendar a target of ``policy`` uses, with the reference the document gives it.

    The reference is the calendar's ``name``; when two versions of one name are used, each
    of them is ``name@version`` instead.
    """
    used: dict[VersionedCalendar, None] = {}
    for version in policy.versions:
        for row in version.policies:
            for target in row.targets:
                used.setdefault(target.calendar, None)
    versions_of: dict[str, set[str]] = {}
    for calendar in used:
        versions_of.setdefault(calendar.name, set()).add(calendar.version)
    return {
        calendar: calendar.name
        if len(versions_of[calendar.name]) == 1
        else f"{calendar.name}@{calendar.version}"
        for calendar in used
    }


def _metric_data(metric: Metric) -> str | dict[str, Any]:
    if _STANDARD.get(metric.name) == metric:
        return metric.name
    return {
        "name": metric.name,
        "start": sorted(metric.start),
        "stop": sorted(metric.stop),
        "cancel": sorted(metric.cancel),
        "reset": sorted(metric.reset),
        "pause_in": sorted(str(category) for category in metric.pause_in),
        "pause_on": sorted(metric.pause_on),
        "resume_on": sorted(metric.resume_on),
        "restart": str(metric.restart),
        "after": metric.after,
    }


def _condition_data(condition: Condition) -> dict[str, list[str]]:
    written = {}
    for key in _CRITERIA:
        names = getattr(condition, key)
        if names is not None:
            written[key] = sorted(names)
    return written


def _target_data(target: Target, reference: str) -> dict[str, Any]:
    written: dict[str, Any] = {"metric": target.metric}
    within = target.within
    if isinstance(within, timedelta):
        written["within"] = duration_text(within)
    elif isinstance(within, BusinessDays):
        written["business_days"] = within.days
    else:
        written["end_of_business_day"] = within.days
    written["calendar"] = reference
    written["warnings"] = list(target.warnings)
    return written


def to_document(policy: SlaPolicy, *, inline_calendars: bool = True) -> dict[str, Any]:
    """``policy`` as its document (``SlaPolicy.to_dict``); deterministic, sets sorted."""
    refs = references(policy)
    body: dict[str, Any] = {"name": policy.name}
    if policy.statuses is not None:
        body["statuses"] = {name: str(category) for name, category in policy.statuses.statuses}
    if inline_calendars:
        calendars: dict[str, Any] = {}
        for calendar, reference in sorted(refs.items(), key=lambda item: item[1]):
            entry: dict[str, Any] = {}
            if reference != calendar.name:
                entry["name"] = calendar.name
            entry["version"] = calendar.version
            entry["calendar"] = calendar.calendar.to_dict()
            calendars[reference] = entry
        body["calendars"] = calendars
    versions = []
    for version in policy.versions:
        written: dict[str, Any] = {
            "version": version.version,
            "effective": version.effective.isoformat(),
        }
        if version.metrics != STANDARD_METRICS:
            written["metrics"] = [_metric_data(metric) for metric in version.metrics]
        written["policies"] = [
            {
                "name": row.name,
                "when": _condition_data(row.when),
                "targets": [_target_data(t, refs[t.calendar]) for t in row.targets],
            }
            for row in version.policies
        ]
        versions.append(written)
    body["versions"] = versions
    return envelope(KIND, body)


# -- reading -------------------------------------------------------------------------------
#
# Each reader runs inside ``problems.at(path)``: errors name fields relative to ``path``
# (``known_keys`` and ``required`` are given ``path`` itself, so their fields are full).


def _list_of(value: object, field: str, noun: str) -> tuple[Any, ...]:
    if isinstance(value, Mapping):
        raise InputTypeError(f"must be a list of {noun}", field=field, value=value)
    return collection(value, field, noun)


class _Calendars(dict[str, VersionedCalendar | None]):
    """References to calendars; ``None`` for one the document defines but got wrong.

    ``unreadable`` when the whole section was: then no reference is reported as unknown
    (the section's own problem says why), only that one problem.
    """

    unreadable = False


def _read_calendars(
    data: object, given: Mapping[str, VersionedCalendar], problems: Problems
) -> _Calendars:
    known = _Calendars(given)
    if data is None:
        return known
    if not isinstance(data, Mapping):
        problems.add(
            InputTypeError(
                "must be a mapping of references to calendars", field="calendars", value=data
            )
        )
        known.unreadable = True
        return known
    for reference, entry in data.items():
        if not isinstance(reference, str) or not reference:
            problems.add(
                InputTypeError(
                    "a calendar's reference (its key) must be non-empty text",
                    field="calendars",
                    value=reference,
                )
            )
            continue
        path = f"calendars.{reference}"
        known[reference] = None  # until it is read: a target naming it is not "unknown"
        with problems.at(path):
            known_keys(entry, ("name", "version", "calendar"), path)
            body = required(entry, "calendar", path)
            if not isinstance(body, Mapping):
                raise InputTypeError("must be a calendar's mapping", field="calendar", value=body)
            calendar = None
            with problems.at(f"{path}.calendar"):
                calendar = Calendar.from_dict(body)
            if calendar is None:
                continue
            named = VersionedCalendar(
                entry.get("name", reference), required(entry, "version", path), calendar
            )
            if reference in given and given[reference] != named:
                raise ConfigurationError(
                    "is in the document and in calendars= as two different calendars",
                    field="",
                    value=reference,
                )
            known[reference] = named
    return known


_METRIC_KEYS: Final = (
    "name",
    "start",
    "stop",
    "cancel",
    "reset",
    "pause_in",
    "pause_on",
    "resume_on",
    "restart",
    "after",
)


def _read_metric(data: object, path: str) -> Metric:
    if isinstance(data, str):
        if data not in _STANDARD:
            raise UnknownNameError(
                f"is not a standard metric (standard: {', '.join(_STANDARD)}; write a custom "
                "one as a mapping)",
                field=path,
                value=data,
            )
        return _STANDARD[data]
    fields = known_keys(data, _METRIC_KEYS, path)
    optional = {key: fields[key] for key in _METRIC_KEYS[3:] if key in fields}
    return Metric(
        required(fields, "name", path),
        required(fields, "start", path),
        required(fields, "stop", path),
        **optional,
    )


def _read_within(data: Mapping[str, Any], path: str) -> object:
    given = [key for key in _TARGET_FORMS if key in data]
    if len(given) != 1:
        raise ConfigurationError(
            "needs exactly one of within, business_days, end_of_business_day",
            field=path,
            value=given,
        )
    key = given[0]
    value = data[key]
    if key == "within":
        return duration(value, f"{path}.within")
    try:
        return BusinessDays(value) if key == "business_days" else EndOfBusinessDay(value)
    except SafetycoreError as error:  # the count's own check, named by its key
        raise type(error)(error.reason, field=f"{path}.{key}", value=error.value) from error


def _read_target(
    data: object, calendars: _Calendars, problems: Problems, path: str
) -> Target | None:
    with problems.at(path):
        fields = known_keys(data, ("metric", *_TARGET_FORMS, "calendar", "warnings"), path)
        metric = required(fields, "metric", path)
        within = _read_within(fields, path)
        reference = required(fields, "calendar", path)
        text_of(reference, "calendar")
        if calendars.unreadable or (reference in calendars and calendars[reference] is None):
            return None  # its calendar's own problem is reported
        calendar = calendars.get(reference)
        if calendar is None:
            known = ", ".join(sorted(calendars)) or "none"
            raise UnknownNameError(
                f"unknown calendar (known: {known})", field="calendar", value=reference
            )
        if "warnings" in fields:
            return Target(metric, within, calendar, fields["warnings"])
        return Target(metric, within, calendar)
    return None


def _read_row(data: object, calendars: _Calendars, problems: Problems, path: str) -> Policy | None:
    with problems.at(path):
        fields = known_keys(data, ("name", "when", "targets"), path)
        condition = None
        with problems.at(f"{path}.when"):
            criteria = known_keys(fields.get("when", {}), _CRITERIA, f"{path}.when")
            condition = Condition(**criteria)
        items = _list_of(required(fields, "targets", path), "targets", "targets")
        targets = [
            _read_target(item, calendars, problems, f"{path}.targets[{k}]")
            for k, item in enumerate(items)
        ]
        # The row's own fields are checked even when a part of it was wrong (so that a bad
        # target does not hide a bad name); the checks across its targets need them all.
        name = required(fields, "name", path)
        if condition is None or None in targets:
            Policy(name, [], when=condition or Condition())
            return None
        return Policy(name, targets, when=condition)  # type: ignore[arg-type]
    return None


def _read_version(
    data: object, calendars: _Calendars, problems: Problems, path: str
) -> PolicyVersion | None:
    with problems.at(path):
        fields = known_keys(data, ("version", "effective", "metrics", "policies"), path)
        metrics: list[Metric | None] | None = None
        if "metrics" in fields:
            metrics = [
                problems.run(f"{path}.metrics[{m}]", _read_metric, item, f"{path}.metrics[{m}]")
                for m, item in enumerate(_list_of(fields["metrics"], "metrics", "metrics"))
            ]
        rows = _list_of(required(fields, "policies", path), "policies", "policy rows")
        policies = [
            _read_row(item, calendars, problems, f"{path}.policies[{j}]")
            for j, item in enumerate(rows)
        ]
        version = required(fields, "version", path)
        effective = required(fields, "effective", path)
        # As for a row: the version's own fields always, the checks across its parts (row
        # names, targets' metrics) only when every part was read.
        if None in policies or (metrics is not None and None in metrics):
            PolicyVersion(version, effective, [])
            return None
        if metrics is None:
            return PolicyVersion(version, effective, policies)  # type: ignore[arg-type]
        return PolicyVersion(version, effective, policies, metrics)  # type: ignore[arg-type]
    return None


def from_document(
    data: object, *, calendars: Mapping[str, VersionedCalendar] | None = None
) -> SlaPolicy:
    """The policy a document describes (``SlaPolicy.from_dict``); every problem at once."""
    given: Mapping[str, VersionedCalendar] = {}
    if calendars is not None:
        if not isinstance(calendars, Mapping) or not all(
            isinstance(key, str) and isinstance(value, VersionedCalendar)
            for key, value in calendars.items()
        ):
            raise InputTypeError(
                "must be a mapping of references (text) to VersionedCalendar",
                field="calendars",
                value=calendars,
            )
        given = calendars
    problems = Problems(KIND)
    document = opened(data, KIND, ("name", "statuses", "calendars", "versions"), problems)
    name = None
    if "name" not in document:
        problems.add(ConfigurationError("is required", field="name", value=None))
    else:
        name = problems.run("", text_of, document["name"], "name")
    statuses = None
    if "statuses" in document:
        with problems.at("statuses"):
            raw = document["statuses"]
            if not isinstance(raw, Mapping):
                raise InputTypeError(
                    "must be a mapping of status names to categories", field="", value=raw
                )
            statuses = StatusMap(raw)
    known = _read_calendars(document.get("calendars"), given, problems)
    versions: list[PolicyVersion | None] = []
    if "versions" not in document:
        problems.add(ConfigurationError("is required", field="versions", value=None))
    with problems.at("versions"):
        items = _list_of(document.get("versions", ()), "versions", "versions")
        versions = [
            _read_version(item, known, problems, f"versions[{i}]") for i, item in enumerate(items)
        ]
    problems.check()
    policy = problems.run("", SlaPolicy, name, versions, statuses=statuses)
    problems.check()
    assert policy is not None
    return policy

"""SLA what-if: the same cases under two policies, cycle by cycle and metric by metric.

``compare_sla`` evaluates the cases once under each policy with ``sla_frame`` (a table of
events is checked once, for both) and lines the cycles up by case, metric and cycle number.
A calendar what-if is a policy what-if: the ``after`` policy's targets name the other
calendar. Two versions of one policy compare as two sides of one policy, each version chosen
by name (``version_before``, ``version_after``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

import attrs
import pandas as pd

from safetycore.analysis.events_table import EventTable, read_events
from safetycore.analysis.sla_frame import sla_frame
from safetycore.errors import SafetycoreError
from safetycore.events import CaseHistory
from safetycore.sla import SlaPolicy, Versioning
from safetycore.sla.clock import _policy, _versioning, named_version

__all__ = ["SlaComparison", "compare_sla"]

_KEY: Final = ["case_id", "metric", "cycle"]
_COMPARED: Final = ("state", "breached_at", "due_at", "business_elapsed", "policy")
_OUTCOME: Final = ("state",)  # what makes a cycle a change
_SUMMARY: Final = (
    "cycles",
    "met",
    "breached",
    "attainment",
    "median_elapsed",
)


@attrs.frozen(eq=False)
class SlaComparison:
    """What ``compare_sla`` returns.

    Attributes:
        before: ``sla_frame`` of the cases under the ``before`` policy.
        after: the same under the ``after`` policy.
        changes: one row per cycle whose ``state`` differs (a new target moves every
            ``due_at`` and ``breached_at``, which alone is no change), by ``case_id``,
            ``metric`` and ``cycle``, with ``state``, ``breached_at``, ``due_at``,
            ``business_elapsed`` and ``policy`` twice (``state_before``, ``state_after``,
            ...). A cycle only one side has has the other side missing (``NaN``/``NaT``).
        summary: one row per metric (index ``metric``): for each side ``cycles`` (with a
            target), ``met``, ``breached``, ``attainment`` (met over met plus breached;
            ``NaN`` when none is decided) and ``median_elapsed`` (median business time of the
            cycles that ended met or breached: for ``first_reply``, the median time to first
            reply), then the ``_delta`` of each (after minus before).
    """

    before: pd.DataFrame = attrs.field(repr=False)
    after: pd.DataFrame = attrs.field(repr=False)
    changes: pd.DataFrame = attrs.field(repr=False)
    summary: pd.DataFrame


def compare_sla(
    histories: Iterable[CaseHistory] | EventTable | pd.DataFrame,
    before: SlaPolicy,
    after: SlaPolicy,
    as_of: datetime,
    *,
    versioning: Versioning = Versioning.PIN,
    version_before: str | None = None,
    version_after: str | None = None,
) -> SlaComparison:
    """The cases under two SLA policies as of ``as_of``: changed cycles and summary deltas.

    ``histories`` is what ``sla_frame`` takes (a DataFrame is read once with
    ``read_events``). Both sides use the same ``versioning``. ``version_before`` and
    ``version_after`` name the version each side runs under (``sla_frame``'s ``version``),
    so that ``compare_sla(cases, policy, policy, as_of, version_before="2025",
    version_after="2026-Q3")`` compares two versions of one policy; a side without a name
    chooses by ``versioning``. Both names are checked before any case, an error naming
    its side's argument (``UnknownNameError`` for a name that side's policy lacks,
    ``InvalidArgumentError`` for a name with ``Versioning.CURRENT``).

    >>> from datetime import UTC, datetime, timedelta
    >>> from safetycore.events import CaseEvent, CaseHistory
    >>> from safetycore.sla import (
    ...     Calendar, Policy, PolicyVersion, SlaPolicy, Target, VersionedCalendar)
    >>> always = VersionedCalendar("24x7", "1", Calendar.always("UTC"))
    >>> def reply_within(hours):
    ...     target = Target("first_reply", timedelta(hours=hours), always)
    ...     rows = [Policy("all", [target])]
    ...     version = PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), rows)
    ...     return SlaPolicy(f"{hours}h", [version])
    >>> t = datetime(2025, 3, 3, 9, tzinfo=UTC)
    >>> case = CaseHistory("T-1", [
    ...     CaseEvent("T-1", t, "created", actor="customer:1"),
    ...     CaseEvent("T-1", t + timedelta(hours=3), "agent_replied", actor="agent:1",
    ...               data={"public": True})])
    >>> what_if = compare_sla([case], reply_within(4), reply_within(2), t + timedelta(days=1))
    >>> what_if.changes[["case_id", "metric", "state_before", "state_after"]].to_dict("records")
    [{'case_id': 'T-1', 'metric': 'first_reply', 'state_before': 'met', 'state_after': 'breached'}]
    >>> what_if.summary.loc["first_reply", ["attainment_before", "attainment_after"]].tolist()
    [1.0, 0.0]
    """
    before, after = _policy(before), _policy(after)
    _named(before, versioning, version_before, "version_before")
    _named(after, versioning, version_after, "version_after")
    if isinstance(histories, pd.DataFrame):
        histories = read_events(histories)
    elif not isinstance(histories, EventTable):
        histories = list(histories) if isinstance(histories, Iterable) else histories
    first = sla_frame(histories, before, as_of, versioning=versioning, version=version_before)
    second = sla_frame(histories, after, as_of, versioning=versioning, version=version_after)
    return SlaComparison(first, second, _changes(first, second), _summary(first, second))


def _named(policy: SlaPolicy, versioning: object, version: object, field: str) -> None:
    """Check one side's version name as ``sla_frame`` would, naming that side's argument."""
    if version is None:
        return
    try:
        named_version(policy, _versioning(versioning), version)
    except SafetycoreError as error:
        raise type(error)(error.reason, field=field, value=error.value) from error


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The key and compared columns, categoricals as plain text (the two sides' differ)."""
    picked = frame[[*_KEY, *_COMPARED]].copy()
    for name in ("metric", "state", "policy"):
        picked[name] = picked[name].astype(object)
    return picked


def _changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    joined = _plain(before).merge(
        _plain(after), on=_KEY, how="outer", suffixes=("_before", "_after"), indicator=True
    )
    differs = joined["_merge"] != "both"
    for name in _OUTCOME:
        one, other = joined[f"{name}_before"], joined[f"{name}_after"]
        differs |= ~((one == other) | (one.isna() & other.isna()))
    columns = [*_KEY, *(f"{name}_{side}" for name in _COMPARED for side in ("before", "after"))]
    return joined.loc[differs.to_numpy(), columns].reset_index(drop=True)


def _side(frame: pd.DataFrame) -> pd.DataFrame:
    """The summary columns of one side, by metric."""
    state = frame["state"].astype(object)
    met = state == "met"
    breached = state == "breached"
    ended = (met | breached) & ~frame["running"]
    groups = frame.assign(
        _target=frame["target"].notna(),
        _met=met,
        _breached=breached,
        _elapsed=frame["business_elapsed"].where(ended),
    ).groupby(frame["metric"].astype(object), sort=True)
    summary = pd.DataFrame(
        {
            "cycles": groups["_target"].sum(),
            "met": groups["_met"].sum(),
            "breached": groups["_breached"].sum(),
            "median_elapsed": groups["_elapsed"].median(),
        }
    )
    decided = summary["met"] + summary["breached"]
    summary["attainment"] = (summary["met"] / decided.where(decided > 0)).astype(float)
    return summary[list(_SUMMARY)]


def _summary(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    first, second = _side(before), _side(after)
    metrics = sorted(set(first.index) | set(second.index))
    first, second = first.reindex(metrics), second.reindex(metrics)
    columns: dict[str, Any] = {}
    for name in _SUMMARY:
        columns[f"{name}_before"] = first[name]
        columns[f"{name}_after"] = second[name]
        columns[f"{name}_delta"] = second[name] - first[name]
    summary = pd.DataFrame(columns, index=pd.Index(metrics, name="metric"))
    for name in ("cycles", "met", "breached"):
        for side in ("before", "after", "delta"):
            summary[f"{name}_{side}"] = summary[f"{name}_{side}"].astype("Int64")
    return summary

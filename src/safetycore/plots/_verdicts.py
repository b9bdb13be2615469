"""Eligibility verdict counts and the rules claims fail most, as horizontal bars."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Final

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from safetycore._config import enum_member, items_of, whole_number
from safetycore.analysis.eligibility_frame import EligibilityFrames
from safetycore.eligibility import Decision, Verdict
from safetycore.errors import InputTypeError, InvalidArgumentError
from safetycore.plots._axes import TEXT, frame_with, labelled_ticks, note, text_title

__all__ = ["tallies", "verdicts"]

COLUMNS: Final = {"verdict": TEXT, "reasons": TEXT}


def tallies(decisions: object) -> tuple[dict[Verdict, int], Counter[str]]:
    """Claims per verdict (every verdict, zeros included) and claims failing each rule.

    ``decisions`` is an ``EligibilityFrames``, its ``decisions`` DataFrame (``verdict`` and
    ``reasons``: failed rule ids, ``;``-joined) or a collection of ``Decision``.
    """
    verdict_values: list[object]
    reasons: list[tuple[str, ...]]
    if isinstance(decisions, EligibilityFrames):
        decisions = decisions.decisions
    if isinstance(decisions, pd.DataFrame):
        frame = frame_with(decisions, COLUMNS, field="decisions", what="decide_frame's decisions")
        verdict_values = list(frame["verdict"])
        reasons = [
            () if pd.isna(text) else tuple(r for r in str(text).split(";") if r)
            for text in frame["reasons"]
        ]
        labels = list(frame.index)
    elif isinstance(decisions, Iterable) and not isinstance(decisions, str | bytes | Mapping):
        items = items_of(decisions, Decision, "decisions")
        verdict_values = [item.verdict for item in items]
        reasons = [tuple(r.rule_id for r in item.reasons) for item in items]
        labels = list(range(len(items)))
    else:
        raise InputTypeError(
            "must be EligibilityFrames, a decisions DataFrame or a collection of Decision",
            field="decisions",
            value=decisions,
        )
    counts = dict.fromkeys(Verdict, 0)
    for label, value in zip(labels, verdict_values, strict=True):
        read = value.value if isinstance(value, Verdict) else value
        verdict = enum_member(
            Verdict, read, f"decisions[{label!r}].verdict", error=InvalidArgumentError
        )
        counts[verdict] += 1
    failed: Counter[str] = Counter()
    for rules in reasons:
        failed.update(set(rules))
    return counts, failed


def verdicts(
    decisions: EligibilityFrames | pd.DataFrame | Iterable[Decision],
    *,
    top: int = 10,
    title: str | None = None,
) -> Figure:
    """Eligibility verdict counts and the ``top`` rules failed, two horizontal bar panels.

    The left panel has one bar per verdict, always all four in ``Verdict`` order (eligible,
    ineligible, needs_info, not_applicable, zeros included, so that two runs read alike),
    each labelled with its count. The right panel has the rules claims failed (the
    ``reasons`` of ineligible claims), most failed first (ties by rule id), at most ``top``
    of them, each bar the number of claims that failed that rule (a claim failing two rules
    counts for each).

    Args:
        decisions: an ``analysis.EligibilityFrames`` (what ``decide_frame`` returns), its
            ``decisions`` DataFrame (needs ``verdict`` and ``reasons``), or a collection
            of ``eligibility.Decision``.
        top: how many rules to show (a whole number, at least 1).
        title: the figure's title (default "Eligibility: <n> claims").

    Returns:
        A new ``Figure`` (pyplot is never used).

    Raises:
        InputTypeError: ``decisions`` is none of the above (or holds a non-Decision);
            ``top`` is not a whole number; ``title`` is not text.
        InvalidArgumentError: a needed column is missing, a verdict is unknown, ``top`` is
            below 1.
    """
    if whole_number(top, "top") < 1:
        raise InvalidArgumentError("must be at least 1", field="top", value=top)
    heading = text_title(title)
    counts, failed = tallies(decisions)
    figure = Figure(layout="constrained", figsize=(10.0, 4.0))
    claims = sum(counts.values())
    figure.suptitle(f"Eligibility: {claims} claims" if heading is None else heading)
    left, right = figure.subplots(1, 2, squeeze=True)
    _bars(left, [v.value for v in counts], list(counts.values()))
    left.set_title("verdicts")
    left.set_xlabel("claims")
    ranked = sorted(failed.items(), key=lambda item: (-item[1], item[0]))[:top]
    right.set_title(f"top {len(ranked)} reasons" if ranked else "reasons")
    if ranked:
        _bars(right, [rule for rule, _ in ranked], [n for _, n in ranked])
        right.set_xlabel("claims failing the rule")
    else:
        note(right, "no claim failed a rule")
    return figure


def _bars(axes: Axes, names: list[str], counts: list[int]) -> None:
    """One horizontal bar per name, the first at the top, each labelled with its count."""
    bars = axes.barh(range(len(names)), counts)
    axes.bar_label(bars, labels=[str(n) for n in counts], padding=2, fontsize=8)
    labelled_ticks(axes, names, axis="y")
    axes.invert_yaxis()
    axes.set_xlim(0, max(max(counts), 1) * 1.15)

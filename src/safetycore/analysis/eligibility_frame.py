"""Eligibility over a DataFrame: one row per claim in, decisions, a trace and counts out.

:func:`compare_frame` is the what-if: the rows whose verdict or amount changes between two
policies (or two pinned versions), under their own labels.

:func:`decide_frame` turns each row of a DataFrame into the policy's facts, decides them all
with :func:`~safetycore.eligibility.decide_many`, and returns three DataFrames
(:class:`EligibilityFrames`). Reading the rows:

- a column per fact, named as the fact; a fact without a column is MISSING;
- a missing cell (``None``, ``NaN``, ``NaT``, ``pd.NA``) is MISSING; the string
  ``"not applicable"`` is NOT_APPLICABLE;
- pandas Timestamps become ``date`` or aware ``datetime`` as the fact's kind says (a naive
  Timestamp for a datetime fact is an error, as everywhere in safetycore);
- numpy scalars become Python ones; a float for a ``Decimal`` fact goes through its shortest
  decimal text (``Decimal(repr(x))``: ``0.1`` is ``Decimal("0.1")``), because CSV readers give
  floats and that text is what the file said; a whole float for an ``int`` fact is that int
  (pandas reads an int column with a missing cell as floats);
- a list or array for a documents fact becomes a set.

A row that cannot become facts raises the facts class's error, with the row label in the field
(``rows[17].vet_bill``).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pandas as pd

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    DecisionBatch,
    FactSpec,
    Outcome,
    Policy,
    compare,
    decide_many,
)
from safetycore.errors import InputTypeError, SafetycoreError

__all__ = ["EligibilityFrames", "compare_frame", "decide_frame"]


@attrs.frozen(eq=False)
class EligibilityFrames:
    """What :func:`decide_frame` returns.

    Attributes:
        decisions: one row per claim (same index as the input): ``verdict``, ``version``,
            ``reasons`` (failed rule ids, ``;``-joined), ``needs`` (requirement names),
            ``payable`` (``Decimal`` or ``None``).
        trace: one row per claim and rule: ``claim`` (input label), ``version``, ``rule``,
            ``outcome``.
        counts: one row per rule: how many claims passed, failed, were unknown or not
            applicable.
        batch: the :class:`~safetycore.eligibility.DecisionBatch` behind them.
    """

    decisions: pd.DataFrame
    trace: pd.DataFrame
    counts: pd.DataFrame
    batch: DecisionBatch


def _cell(value: Any, spec: FactSpec, where: str) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, float | np.floating) and np.isnan(value):
        return MISSING
    if isinstance(value, str) and value == "not applicable":
        return NOT_APPLICABLE
    if spec.is_documents:
        if isinstance(value, list | tuple | set | frozenset | np.ndarray):
            return frozenset(value)
        return value
    if isinstance(value, pd.Timestamp):
        if spec.kind is _dt.date:
            return value.date()
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if spec.kind is Decimal and isinstance(value, float):
        return Decimal(repr(value))
    if spec.kind is int and isinstance(value, float) and value.is_integer():
        return int(value)  # an int column with a gap is read as floats
    if spec.kind is Decimal and isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _facts(policy: Policy, frame: pd.DataFrame) -> list[object]:
    specs = policy.fact_specs
    columns = [c for c in frame.columns if c in specs]
    unknown = [c for c in frame.columns if c not in specs]
    if unknown and not columns:
        raise InputTypeError(
            f"has no column named as a fact of {policy.facts.__name__}",
            field="frame.columns",
            value=list(frame.columns),
        )
    claims = []
    for label, row in zip(frame.index, frame[columns].itertuples(index=False), strict=True):
        where = f"rows[{label!r}]"
        values = {c: _cell(v, specs[c], f"{where}.{c}") for c, v in zip(columns, row, strict=True)}
        try:
            claims.append(policy.facts(**values))
        except SafetycoreError as error:
            raise type(error)(
                error.reason, field=f"{where}.{error.field}", value=error.value
            ) from None
    return claims


def decide_frame(policy: Policy, frame: pd.DataFrame, *, as_of: object = None) -> EligibilityFrames:
    """Decide every row of ``frame`` under ``policy`` (see the module docstring).

    Args:
        policy: the eligibility policy.
        frame: one row per claim, one column per fact (other columns are ignored).
        as_of: when the decisions are made, for evidence deadlines (aware datetime or date).
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError("must be a pandas DataFrame", field="frame", value=frame)
    batch = decide_many(policy, _facts(policy, frame), as_of=as_of)
    verdicts, versions, reasons, needs, payable = [], [], [], [], []
    for i, decision in enumerate(batch):
        verdicts.append(decision.verdict.value)
        versions.append(batch.version(i))
        reasons.append(";".join(r.rule_id for r in decision.reasons))
        needs.append(";".join(q.name for q in decision.requirements))
        payable.append(decision.payable)
    decisions = pd.DataFrame(
        {
            "verdict": verdicts,
            "version": pd.Series(versions, index=frame.index, dtype=object),
            "reasons": reasons,
            "needs": needs,
            "payable": payable,
        },
        index=frame.index,
    )
    labels = list(frame.index)
    rows = [(labels[i], v, r, o.value) for i, v, r, o in batch.trace()]
    trace = pd.DataFrame(rows, columns=["claim", "version", "rule", "outcome"])
    counts = pd.DataFrame(
        [
            {
                "rule": rule,
                **{outcome.value: tally.get(outcome, 0) for outcome in Outcome},
            }
            for rule, tally in batch.counts().items()
        ],
        columns=["rule", *(o.value for o in Outcome)],
    ).set_index("rule")
    return EligibilityFrames(decisions, trace, counts, batch)


def compare_frame(
    before: Policy, after: Policy, frame: pd.DataFrame, *, as_of: object = None
) -> pd.DataFrame:
    """What-if over a DataFrame: the rows whose verdict or amount changes between two policies.

    Rows are read as :func:`decide_frame` reads them (with the ``before`` policy's facts
    class; both policies must share it). The result has the input's index labels and the
    columns ``verdict_before``, ``verdict_after``, ``amount_before``, ``amount_after``,
    ``rules`` (the ids of the rules whose outcome changed, ``;``-joined) and ``why``. To
    compare two versions of one policy, pass ``policy.pinned(name)`` for each.
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError("must be a pandas DataFrame", field="frame", value=frame)
    if before.facts is not after.facts:
        raise InputTypeError(
            f"must read the same facts class as before ({before.facts.__name__})",
            field="after",
            value=after.facts,
        )
    report = compare(before, after, _facts(before, frame), as_of=as_of)
    labels = list(frame.index)
    return pd.DataFrame(
        {
            "verdict_before": [c.before.value for c in report.changes],
            "verdict_after": [c.after.value for c in report.changes],
            "amount_before": pd.Series([c.amount_before for c in report.changes], dtype=object),
            "amount_after": pd.Series([c.amount_after for c in report.changes], dtype=object),
            "rules": [";".join(c.rules) for c in report.changes],
            "why": [c.why for c in report.changes],
        },
    ).set_axis(pd.Index([labels[c.index] for c in report.changes], name=frame.index.name))

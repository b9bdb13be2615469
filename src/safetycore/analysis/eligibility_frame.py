"""Eligibility over a DataFrame: one row per claim in, decisions, a trace and counts out.

:func:`compare_frame` is the what-if: the rows whose verdict or amount changes between two
policies (or two pinned versions), under their own labels.

:func:`decide_frame` turns each row of a DataFrame into the policy's facts, decides them all
with :func:`~safetycore.eligibility.decide_many`, and returns three DataFrames
(:class:`EligibilityFrames`). Reading the rows:

- a column per fact, named as the fact; a fact without a column is MISSING. Every other
  column must be named in ``ignore`` (an id, a note): a column that is no fact is refused
  (``ConfigurationError``), since a misspelt column would leave its fact silently MISSING;
- a missing cell (``None``, ``NaN``, ``NaT``, ``pd.NA``) is MISSING; the string
  ``"not applicable"`` is NOT_APPLICABLE;
- pandas Timestamps become ``date`` or aware ``datetime`` as the fact's kind says. For a date
  fact only a naive midnight Timestamp (how pandas holds a date) is a date: a time-zone-aware
  one, or one with a time of day, is refused (``InputTypeError``) rather than cut to its date,
  as ``decide`` refuses a datetime where a date belongs. A naive Timestamp for a datetime
  fact is an error, as everywhere in safetycore;
- numpy scalars become Python ones; a float for a ``Decimal`` fact goes through its shortest
  decimal text (``Decimal(repr(x))``: ``0.1`` is ``Decimal("0.1")``), because CSV readers give
  floats and that text is what the file said; a whole float for an ``int`` fact is that int
  (pandas reads an int column with a missing cell as floats);
- a list or array for a documents fact becomes a set;
- text, as a CSV reader gives it, is read by the fact's kind: ISO 8601 dates, ISO 8601
  instants with an offset (naive text is refused, never read as UTC), ``true``/``false``,
  decimal and whole-number text, ``;``-joined document kinds, an enum choice by its value;
  empty text is MISSING; other text raises ``InputTypeError`` naming the row and column.

A row that cannot become facts raises the facts class's error, with the row label in the field
(``rows[17].vet_bill``). An unknown keyword (``keep=``) raises ``InputTypeError`` naming it.

``payable`` holds only what ELIGIBLE claims pay, so its sum is money owed; a NEEDS_INFO
claim's amount (what it would pay if the missing information came in its favour) is in
``would_pay`` instead.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Never

import attrs
import numpy as np
import pandas as pd

from safetycore._config import instance_of, names_of
from safetycore.analysis._convert import FALSE_TEXT, TRUE_TEXT
from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    DecisionBatch,
    FactSpec,
    Outcome,
    Policy,
    Verdict,
    compare,
    decide_many,
)
from safetycore.eligibility.engine import no_unknown
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    NaiveDatetimeError,
    SafetycoreError,
)

__all__ = ["EligibilityFrames", "compare_frame", "decide_frame"]


@attrs.frozen(eq=False)
class EligibilityFrames:
    """What :func:`decide_frame` returns.

    Attributes:
        decisions: one row per claim (same index as the input): ``verdict``, ``version``,
            ``reasons`` (failed rule ids, ``;``-joined), ``needs`` (requirement names),
            ``payable`` (the ``Decimal`` an ELIGIBLE claim pays, else ``None``) and
            ``would_pay`` (the ``Decimal`` a NEEDS_INFO claim would pay, else ``None``).
        trace: one row per claim and rule: ``claim`` (input label), ``version``, ``rule``,
            ``outcome``.
        counts: one row per rule: how many claims passed, failed, were unknown or not
            applicable.
        batch: the :class:`~safetycore.eligibility.DecisionBatch` behind them.
    """

    decisions: pd.DataFrame = attrs.field(validator=instance_of(pd.DataFrame))
    trace: pd.DataFrame = attrs.field(validator=instance_of(pd.DataFrame))
    counts: pd.DataFrame = attrs.field(validator=instance_of(pd.DataFrame))
    batch: DecisionBatch = attrs.field(validator=instance_of(DecisionBatch))


def _cell(value: Any, spec: FactSpec, where: str) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, float | np.floating) and np.isnan(value):
        return MISSING
    if isinstance(value, str) and value == "not applicable":
        return NOT_APPLICABLE
    if isinstance(value, str) and spec.kind is not str:
        return _text_cell(value, spec, where)
    if spec.is_documents:
        if isinstance(value, list | tuple | set | frozenset | np.ndarray):
            return frozenset(value)
        return value
    if isinstance(value, pd.Timestamp):
        if spec.kind is _dt.date:
            if value.tzinfo is not None or value != value.normalize():
                raise InputTypeError(
                    "must be a date, not an instant or a time of day (its date would depend "
                    "on a zone or cut the time: convert the column to dates first)",
                    field=where,
                    value=value,
                )
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


def _text_cell(text: str, spec: FactSpec, where: str) -> Any:
    """A text cell, as a CSV reader gives it, read by the fact's declared kind.

    Empty text is MISSING; dates are ISO 8601 dates, instants ISO 8601 with an offset (a
    naive one raises ``NaiveDatetimeError``), flags ``true``/``false``, numbers their
    decimal text, documents ``;``-joined kinds, and a choice that is an enum member its
    value. Anything else raises ``InputTypeError`` naming the cell.
    """
    if not text.strip():
        return MISSING
    kind = spec.kind
    if spec.is_documents:
        return frozenset(part.strip() for part in text.split(";") if part.strip())
    try:
        if kind is bool:
            if text in TRUE_TEXT or text in FALSE_TEXT:
                return text in TRUE_TEXT
        elif kind is _dt.date:
            if len(text) == 10:
                return _dt.date.fromisoformat(text)
        elif kind is _dt.datetime:
            moment = _dt.datetime.fromisoformat(text)
            if moment.utcoffset() is None:
                raise NaiveDatetimeError(
                    "is ISO 8601 text without a UTC offset (safetycore never guesses one)",
                    field=where,
                    value=text,
                )
            return moment
        elif kind is Decimal:
            number = Decimal(text.strip())
            if number.is_finite():
                return number
        elif kind is int:
            return int(text.strip())
        elif spec.choices is not None:
            for choice in spec.choices:
                if isinstance(choice, enum.Enum) and choice.value == text:
                    return choice
            return text
        else:
            return text
    except NaiveDatetimeError:
        raise
    except (ValueError, ArithmeticError):
        pass
    raise InputTypeError(
        f"is text that is no {_KIND_NAMES.get(kind, kind.__name__)}", field=where, value=text
    )


_KIND_NAMES = {
    bool: "flag (true or false)",
    _dt.date: "ISO 8601 date (2026-03-03)",
    _dt.datetime: "ISO 8601 instant with an offset (2026-03-03T10:00:00-05:00)",
    Decimal: "decimal number",
    int: "whole number",
}

_KEYWORDS = "as_of, ignore"


def _policy(policy: object, field: str) -> Policy:
    if not isinstance(policy, Policy):
        raise InputTypeError("must be a Policy", field=field, value=policy)
    return policy


def _facts(policy: Policy, frame: object, ignore: object) -> list[object]:
    if not isinstance(frame, pd.DataFrame):
        raise InputTypeError("must be a pandas DataFrame", field="frame", value=frame)
    specs = policy.fact_specs
    ignored = names_of(ignore, "ignore")
    for name in sorted(ignored):
        if name in specs:
            raise ConfigurationError(
                "is a fact: ignoring its column would leave it MISSING", field="ignore", value=name
            )
    seen: set[object] = set()
    for column in frame.columns:
        if column in seen:
            raise ConfigurationError("is two columns", field="frame.columns", value=column)
        seen.add(column)
        if column not in specs and column not in ignored:
            raise ConfigurationError(
                f"is not a fact of {policy.facts.__name__} (its facts: {', '.join(specs)}); "
                "name columns that are not facts in ignore=[...]",
                field="frame.columns",
                value=column,
            )
    columns = [c for c in frame.columns if c in specs]
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


def decide_frame(
    policy: Policy,
    frame: pd.DataFrame,
    *,
    as_of: object = None,
    ignore: Iterable[str] = (),
    **unknown: Never,
) -> EligibilityFrames:
    """Decide every row of ``frame`` under ``policy`` (see the module docstring).

    Args:
        policy: the eligibility policy.
        frame: one row per claim, one column per fact.
        as_of: when the decisions are made, for evidence deadlines (aware datetime or date).
        ignore: the columns that are not facts (ids, notes); any other such column is refused.
        **unknown: none; any other keyword raises ``InputTypeError`` naming it.
    """
    no_unknown(unknown, _KEYWORDS)
    claims = _facts(_policy(policy, "policy"), frame, ignore)
    batch = decide_many(policy, claims, as_of=as_of)
    verdicts, versions, reasons, needs = [], [], [], []
    payable: list[Decimal | None] = []
    would_pay: list[Decimal | None] = []
    for i, decision in enumerate(batch):
        verdicts.append(decision.verdict.value)
        versions.append(batch.version(i))
        reasons.append(";".join(r.rule_id for r in decision.reasons))
        needs.append(";".join(q.name for q in decision.requirements))
        amount = decision.payable
        eligible = decision.verdict is Verdict.ELIGIBLE
        payable.append(amount if eligible else None)
        would_pay.append(amount if decision.verdict is Verdict.NEEDS_INFO else None)
    decisions = pd.DataFrame(
        {
            "verdict": verdicts,
            "version": pd.Series(versions, index=frame.index, dtype=object),
            "reasons": reasons,
            "needs": needs,
            "payable": pd.Series(payable, index=frame.index, dtype=object),
            "would_pay": pd.Series(would_pay, index=frame.index, dtype=object),
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
    before: Policy,
    after: Policy,
    frame: pd.DataFrame,
    *,
    as_of: object = None,
    ignore: Iterable[str] = (),
    **unknown: Never,
) -> pd.DataFrame:
    """What-if over a DataFrame: the rows whose verdict or amount changes between two policies.

    Rows are read as :func:`decide_frame` reads them (with the ``before`` policy's facts
    class; both policies must share it). The result has the input's index labels and the
    columns ``verdict_before``, ``verdict_after``, ``amount_before``, ``amount_after``,
    ``rules`` (the ids of the rules whose outcome changed, ``;``-joined) and ``why``. To
    compare two versions of one policy, pass ``policy.pinned(name)`` for each. Columns that
    are not facts must be named in ``ignore``; an unknown keyword raises ``InputTypeError``.
    """
    no_unknown(unknown, _KEYWORDS)
    _policy(before, "before")
    _policy(after, "after")
    if before.facts is not after.facts:
        raise InputTypeError(
            f"must read the same facts class as before ({before.facts.__name__})",
            field="after",
            value=after.facts,
        )
    report = compare(before, after, _facts(before, frame, ignore), as_of=as_of)
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

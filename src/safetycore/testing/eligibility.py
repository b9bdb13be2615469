"""Hypothesis strategies for eligibility: facts, refinements of facts, random predicates.

- :func:`facts_for` draws instances of a facts class, each fact provided, missing, or (if
  asked) not applicable; values respect each fact's kind, ``choices`` and bounds.
- :func:`refinements` draws a copy of some facts with some missing facts provided: the
  monotonicity property ("more information never turns ELIGIBLE into INELIGIBLE") is stated
  over it.
- :func:`predicates_for` draws random rule predicates over a facts class, for testing the
  compiled path against the slow one, or your own policy's invariants.
- :func:`pet_guarantee_claims` draws plausible claims for the example guarantee (dates
  correlated so that every outcome of every rule occurs).

Each checks its arguments when called, not when drawn, and raises a ``SafetycoreError``
naming the argument (a facts class that is not one, a flag that is not ``True`` or
``False``, a ``fixed`` strategy for a fact the class lacks).
"""

from __future__ import annotations

import datetime as _dt
import operator
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from safetycore._config import whole_number
from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    F,
    FactSpec,
    InvoiceLine,
    Predicate,
    Value,
    days,
    fact_specs,
    hours,
)
from safetycore.eligibility.pet_guarantee import DOCUMENT_KINDS, SERVICES, PetGuaranteeClaim
from safetycore.errors import ConfigurationError, InputTypeError, InvalidArgumentError

__all__ = [
    "fact_values",
    "facts_for",
    "invoice_lines",
    "pet_guarantee_claims",
    "predicates_for",
    "refinements",
]

_FIRST_DAY = _dt.date(2024, 1, 1)
_LAST_DAY = _dt.date(2027, 12, 31)
_ZONES = ("America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC")


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputTypeError("must be True or False", field=field, value=value)
    return value


def _specs(kind: object) -> dict[str, FactSpec]:
    if not isinstance(kind, type):
        raise InputTypeError("must be a class made with @facts", field="kind", value=kind)
    return fact_specs(kind)


def invoice_lines() -> st.SearchStrategy[InvoiceLine]:
    """Invoice lines with cent amounts up to 40,000 and an optional date."""
    return st.builds(
        InvoiceLine,
        st.sampled_from(("surgery", "x_ray", "medication", "preventive", "grooming", "follow_up")),
        st.decimals(min_value=0, max_value=40_000, places=2),
        date=st.none() | st.dates(_FIRST_DAY, _LAST_DAY),
    )


# Wall-clock times inside New York's DST changes of 2025: the repeated hour (either pass)
# and the skipped one, where wall-clock order and instant order part ways.
_NEAR_DST = (_dt.datetime(2025, 11, 2, 1, 0), _dt.datetime(2025, 3, 9, 2, 0))


# Named functions, never lambdas, build the strategies below: hypothesis shows a strategy's
# functions in its repr, and a name reads better there than a lambda's source.


def _in_zone(naive: _dt.datetime, zone: str, fold: int) -> _dt.datetime:
    return naive.replace(tzinfo=ZoneInfo(zone), fold=fold)


def _in_new_york(start: _dt.datetime, minutes: int, fold: int) -> _dt.datetime:
    return _in_zone(start + _dt.timedelta(minutes=minutes), "America/New_York", fold)


def _aware_datetimes() -> st.SearchStrategy[_dt.datetime]:
    anywhere = st.builds(
        _in_zone,
        st.datetimes(_dt.datetime(2024, 1, 1), _dt.datetime(2027, 12, 31)),
        st.sampled_from(_ZONES),
        st.integers(0, 1),
    )
    near_dst = st.builds(
        _in_new_york, st.sampled_from(_NEAR_DST), st.integers(-90, 150), st.integers(0, 1)
    )
    return anywhere | near_dst


def fact_values(spec: FactSpec) -> st.SearchStrategy[Any]:
    """Provided values for one fact: its kind, within its choices and bounds."""
    if not isinstance(spec, FactSpec):
        raise InputTypeError("must be a FactSpec", field="spec", value=spec)
    if spec.is_documents:
        kinds = sorted(spec.choices or {"document_a", "document_b", "document_c"})
        return st.frozensets(st.sampled_from(kinds))
    if spec.choices is not None:
        return st.sampled_from(sorted(spec.choices, key=repr))
    kind = spec.kind
    low, high = spec.minimum, spec.maximum
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(low, high)
    if kind is Decimal:
        return st.decimals(
            min_value=low, max_value=high, places=2, allow_nan=False, allow_infinity=False
        )
    if kind is _dt.datetime:
        return _aware_datetimes()
    if kind is _dt.date:
        return st.dates(low or _FIRST_DAY, high or _LAST_DAY)
    if kind is tuple and spec.of is InvoiceLine:
        return st.lists(invoice_lines(), max_size=4).map(tuple)
    if kind is str:
        return st.text(max_size=8)
    return st.from_type(kind)


def facts_for(
    kind: type,
    *,
    missing: bool = True,
    not_applicable: bool = False,
    fixed: Mapping[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[Any]:
    """Instances of the facts class ``kind``.

    Args:
        kind: a class made with :func:`~safetycore.eligibility.facts`.
        missing: whether facts may be left :data:`MISSING`.
        not_applicable: whether facts may be :data:`NOT_APPLICABLE`.
        fixed: a strategy to use instead for some facts, by name.
    """
    specs = _specs(kind)
    _flag(missing, "missing")
    _flag(not_applicable, "not_applicable")
    if fixed is not None and not isinstance(fixed, Mapping):
        raise InputTypeError(
            "must be a mapping of fact names to strategies, or None", field="fixed", value=fixed
        )
    for name, strategy in (fixed or {}).items():
        if name not in specs:
            raise ConfigurationError(
                f"is not a fact of {kind.__name__} (its facts: {', '.join(specs)})",
                field="fixed",
                value=name,
            )
        if not isinstance(strategy, st.SearchStrategy):
            raise InputTypeError(
                "must be a hypothesis strategy", field=f"fixed[{name!r}]", value=strategy
            )
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, spec in specs.items():
        chosen = (fixed or {}).get(name)
        values = fact_values(spec) if chosen is None else chosen
        if missing:
            values = values | st.just(MISSING)
        if not_applicable:
            values = values | st.just(NOT_APPLICABLE)
        fields[name] = values
    return st.builds(kind, **fields)


def refinements(facts: Any) -> st.SearchStrategy[Any]:
    """``facts`` with some of its missing facts provided (never removes or changes a value).

    ``facts`` must be an instance of a class made with :func:`~safetycore.eligibility.facts`.
    """
    if getattr(type(facts), "__safetycore_facts__", None) is None:
        raise InputTypeError(
            "must be an instance of a class made with @facts", field="facts", value=facts
        )
    return _refinements(facts)


@st.composite
def _refinements(draw: st.DrawFn, facts: Any) -> Any:
    specs = fact_specs(type(facts))
    changes = {}
    for name, spec in specs.items():
        if getattr(facts, name) is MISSING and draw(st.booleans()):
            changes[name] = draw(fact_values(spec))
    return attrs.evolve(facts, **changes)


def _includes(value: Value, items: set[str], need: int) -> Predicate:
    return value.includes(items, need=min(need, len(items)))


def _fact(spec: FactSpec) -> Value:
    value: Value = getattr(F, spec.name)
    return value


def _within_days(value: Value, other: FactSpec, count: int) -> Predicate:
    return value.within(days(count), of=_fact(other))


def _at_most_hours_after(value: Value, other: Value, count: int) -> Predicate:
    return value <= other.plus(hours(count))


def _within_hours(value: Value, other: Value, count: int) -> Predicate:
    return value.within(hours(count), of=other)


def _leaf(spec: FactSpec, others: list[FactSpec]) -> st.SearchStrategy[Predicate]:
    value: Value = getattr(F, spec.name)
    this = st.just(value)
    if spec.is_documents:
        kinds = sorted(spec.choices or {"document_a"})
        return st.builds(
            _includes, this, st.sets(st.sampled_from(kinds), min_size=1), st.integers(1, 3)
        )
    if spec.kind is bool:
        return st.sampled_from((value.is_true(), value.is_false()))
    if spec.choices is not None:
        options = sorted(spec.choices, key=repr)
        return st.sampled_from(options).map(value.equals) | st.sets(st.sampled_from(options)).map(
            value.is_in
        )
    if spec.kind in (_dt.date, Decimal, int):
        constants = fact_values(spec)
        comparisons = st.sampled_from(("<", "<=", ">", ">=", "eq", "ne"))

        def compare(op: str, constant: Any) -> Predicate:
            if op == "eq":
                return value.equals(constant)
            if op == "ne":
                return value.differs(constant)
            if op == "<":
                return value.__lt__(constant)
            if op == "<=":
                return value.__le__(constant)
            return value.__gt__(constant) if op == ">" else value.__ge__(constant)

        leaves = st.builds(compare, comparisons, constants)
        peers = [o for o in others if o.kind is spec.kind and o.name != spec.name]
        if spec.kind is _dt.date and peers:
            leaves = leaves | st.builds(
                _within_days, this, st.sampled_from(peers), st.integers(0, 60)
            )
        return leaves
    if spec.kind is _dt.datetime:
        leaves = st.builds(operator.le, this, _aware_datetimes())
        peers = [o for o in others if o.kind is _dt.datetime and o.name != spec.name]
        if peers:
            other = st.sampled_from(peers).map(_fact)
            leaves = (
                leaves
                | st.builds(operator.le, this, other)
                | st.builds(_at_most_hours_after, this, other, st.integers(0, 72))
                | st.builds(_within_hours, this, other, st.integers(0, 72))
            )
        return leaves
    return st.nothing()


def predicates_for(kind: type, *, max_leaves: int = 8) -> st.SearchStrategy[Predicate]:
    """Random predicates over the facts of ``kind``: comparisons joined by ``&``, ``|``, ``~``.

    ``max_leaves`` (a whole number of 1 or more) bounds the comparisons in one predicate.
    """
    specs = list(_specs(kind).values())
    if whole_number(max_leaves, "max_leaves") < 1:
        raise InvalidArgumentError("must be at least 1", field="max_leaves", value=max_leaves)
    leaves = st.one_of([_leaf(spec, specs) for spec in specs])
    return st.recursive(leaves, _joined, max_leaves=max_leaves)


def _joined(inner: st.SearchStrategy[Predicate]) -> st.SearchStrategy[Predicate]:
    """Predicates from ``inner`` joined by ``&`` or ``|``, or negated with ``~``."""
    return (
        st.builds(operator.and_, inner, inner)
        | st.builds(operator.or_, inner, inner)
        | inner.map(operator.invert)
    )


def pet_guarantee_claims(*, missing: bool = True) -> st.SearchStrategy[PetGuaranteeClaim]:
    """Plausible claims for the example guarantee; each fact may be missing if ``missing``."""
    return _pet_guarantee_claims(missing=_flag(missing, "missing"))


@st.composite
def _pet_guarantee_claims(draw: st.DrawFn, *, missing: bool) -> PetGuaranteeClaim:
    zone = ZoneInfo(draw(st.sampled_from(_ZONES)))
    start = draw(st.dates(_dt.date(2025, 6, 1), _dt.date(2026, 12, 31)))
    end = start + _dt.timedelta(days=draw(st.integers(0, 14)))
    incident = start + _dt.timedelta(days=draw(st.integers(-2, (end - start).days + 2)))
    ended_at = _dt.datetime.combine(end, _dt.time(draw(st.integers(6, 22))), tzinfo=zone)
    reported = ended_at + _dt.timedelta(minutes=draw(st.integers(-600, 100 * 60)))
    visit = incident + _dt.timedelta(days=draw(st.integers(0, 35)))
    values: dict[str, Any] = {
        "incident_date": incident,
        "booked_on_platform": draw(st.booleans()) or draw(st.booleans()),
        "paid_on_platform": draw(st.booleans()) or draw(st.booleans()),
        "service": draw(st.sampled_from(sorted(SERVICES))),
        "service_start": start,
        "service_end": end,
        "booking_ended_at": ended_at,
        "reported_at": reported,
        "own_pet": draw(st.booleans()) or draw(st.booleans()),
        "cause": draw(st.sampled_from(("injury", "injury", "poisoning", "illness", "parasites"))),
        "pre_existing": draw(st.booleans()) and draw(st.booleans()),
        "first_vet_visit": visit,
        "documents": draw(st.frozensets(st.sampled_from(sorted(DOCUMENT_KINDS)))),
        "invoice": tuple(draw(st.lists(invoice_lines(), max_size=3))),
    }
    if missing:
        for name in list(values):
            if draw(st.integers(0, 9)) == 0:
                del values[name]
    return PetGuaranteeClaim(**values)

"""Typed facts: the attrs class a policy reads, and the two ways a fact can be absent.

A claim's facts are one frozen attrs class declared with :func:`facts` and :func:`fact`. Each
fact is in exactly one of four states, and safetycore never confuses them:

- **provided**: a value of the declared kind. An *empty* value (``""``, an empty set of
  documents, ``Decimal(0)``) is provided: rules see it as it is.
- **missing** (:data:`MISSING`, the default): nobody has told us yet. A rule that needs it is
  *unknown*, and the decision asks for it; it never counts as false.
- **not applicable** (:data:`NOT_APPLICABLE`): the question does not arise for this claim (the
  date an illness began, for an injury). A rule that needs it does not apply.
- **invalid**: a value of the wrong kind or outside the fact's ``choices`` or bounds. It never
  gets in: constructing the facts raises :class:`~safetycore.errors.InputTypeError` or
  :class:`~safetycore.errors.InvalidArgumentError` naming the fact and the value.

>>> from datetime import date
>>> from decimal import Decimal
>>> @facts
... class Claim:
...     species: str = fact(str, choices={"dog", "cat"})
...     incident_date: date = fact(date)
...     vet_bill: Decimal = fact(Decimal, minimum=0)
>>> Claim(species="dog").vet_bill
<Absent.MISSING>
>>> Claim(vet_bill=12.5)  # doctest: +ELLIPSIS
Traceback (most recent call last):
safetycore.errors.InputTypeError: vet_bill=12.5: must be a Decimal (a float cannot hold...
"""

from __future__ import annotations

import datetime as _dt
import enum
import inspect
from collections.abc import Collection, Hashable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar, dataclass_transform

import attrs

from safetycore._config import collection, names_of
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    SafetycoreError,
)

__all__ = [
    "MISSING",
    "NOT_APPLICABLE",
    "Absent",
    "FactSpec",
    "documents",
    "fact",
    "fact_specs",
    "facts",
]


class Absent(enum.Enum):
    """Why a fact has no value: not provided yet, or not applicable to this claim."""

    MISSING = "missing"
    NOT_APPLICABLE = "not applicable"

    def __repr__(self) -> str:
        return f"<Absent.{self.name}>"


MISSING: Final = Absent.MISSING
"""A fact nobody has provided yet: rules that need it are unknown, never false."""

NOT_APPLICABLE: Final = Absent.NOT_APPLICABLE
"""A fact that does not arise for this claim: rules that need it do not apply."""

_META: Final = "safetycore.fact"


@attrs.frozen
class FactSpec:
    """What a policy knows about one fact: its name, kind, label and accepted values.

    Attributes:
        name: the attribute name on the facts class.
        kind: the Python type of a provided value (``str``, ``Decimal``, ``date``...).
        label: plain-language name, used when the decision asks for the fact.
        choices: the values allowed, or ``None`` for any value of ``kind``.
        minimum: the smallest value allowed, or ``None``.
        maximum: the largest value allowed, or ``None``.
        is_documents: whether the fact is a set of received document kinds.
        of: the type of each item of a tuple or set fact, or ``None``.
    """

    name: str
    kind: type
    label: str
    choices: frozenset[Any] | None = None
    minimum: Any = None
    maximum: Any = None
    is_documents: bool = False
    of: type | None = None


def _check_kind(kind: type, value: object, field: str) -> None:
    # bool is an int and datetime is a date in Python; neither is what a policy means.
    if kind is not bool and isinstance(value, bool) and not issubclass(kind, bool):
        raise InputTypeError(f"must be a {kind.__name__}, not a bool", field=field, value=value)
    if kind is _dt.date and isinstance(value, _dt.datetime):
        raise InputTypeError("must be a date, not a datetime", field=field, value=value)
    if kind is Decimal and isinstance(value, float):
        raise InputTypeError(
            "must be a Decimal (a float cannot hold money exactly)", field=field, value=value
        )
    if not isinstance(value, kind):
        raise InputTypeError(f"must be a {kind.__name__}", field=field, value=value)
    if isinstance(value, _dt.datetime):
        if value.utcoffset() is None:
            raise NaiveDatetimeError("must be time-zone aware", field=field, value=value)
        if value.year in (1, 9999):  # rules compare instants in UTC: it must exist there
            try:
                value.astimezone(_dt.UTC)
            except OverflowError:
                raise OutOfRangeError(
                    "is an instant whose UTC time falls outside years 1 to 9999",
                    field=field,
                    value=value,
                ) from None
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidArgumentError("must be a finite number", field=field, value=value)


def _check(_: object, attribute: Any, value: Any) -> None:
    if value.__class__ is Absent:
        return
    meta = attribute.metadata[_META]
    name = attribute.name
    if meta["is_documents"] and not isinstance(value, frozenset):
        raise InputTypeError(
            "must be a frozenset of document kinds (any collection of str), or MISSING",
            field=name,
            value=value,
        )
    _check_kind(meta["kind"], value, name)
    choices = meta["choices"]
    if meta["is_documents"]:
        for item in value:
            if not isinstance(item, str):
                raise InputTypeError("document kinds must be str", field=name, value=value)
        if choices is not None and not value <= choices:
            unknown = sorted(value - choices)
            raise InvalidArgumentError(
                f"unknown document kinds {unknown}; known: {sorted(choices)}",
                field=name,
                value=value,
            )
        return
    of = meta["of"]
    if of is not None:
        for i, item in enumerate(value):
            if not isinstance(item, of):
                raise InputTypeError(f"must be a {of.__name__}", field=f"{name}[{i}]", value=item)
        return
    if choices is not None and value not in choices:
        allowed = ", ".join(sorted(map(str, choices)))
        raise InvalidArgumentError(f"must be one of: {allowed}", field=name, value=value)
    low, high = meta["minimum"], meta["maximum"]
    if low is not None and value < low:
        raise InvalidArgumentError(f"must be at least {low}", field=name, value=value)
    if high is not None and value > high:
        raise InvalidArgumentError(f"must be at most {high}", field=name, value=value)


def fact(
    kind: type,
    *,
    label: str | None = None,
    choices: Iterable[Any] | None = None,
    minimum: Any = None,
    maximum: Any = None,
    default: Any = MISSING,
    of: type | None = None,
) -> Any:
    """Declare one fact of a :func:`facts` class: an attrs field that defaults to MISSING.

    Args:
        kind: the type of a provided value. ``Decimal`` refuses floats, ``int`` refuses bools,
            ``date`` refuses datetimes, and ``datetime`` refuses naive values.
        label: plain-language name used when asking for the fact (default: the name with
            underscores as spaces).
        choices: the only values allowed.
        minimum: the smallest value allowed (inclusive).
        maximum: the largest value allowed (inclusive).
        default: the value when not given; :data:`MISSING` unless you say otherwise.
        of: for a ``tuple`` or ``frozenset`` fact, the type every item must have.
    """
    if not isinstance(kind, type):
        raise InputTypeError("must be a type, such as str or Decimal", field="kind", value=kind)
    if kind is float:
        raise InputTypeError(
            "must not be float (a float cannot hold money or counts exactly: use Decimal)",
            field="kind",
            value=kind,
        )
    if of is not None and not isinstance(of, type):
        raise InputTypeError("must be a type or None", field="of", value=of)
    if of is not None and kind not in (tuple, frozenset):
        raise ConfigurationError("is only for a tuple or frozenset fact", field="of", value=of)
    _check_label(label)
    for name, bound in (("minimum", minimum), ("maximum", maximum)):
        whole = kind is Decimal and isinstance(bound, int) and not isinstance(bound, bool)
        if bound is not None and not whole:
            _check_kind(kind, bound, name)
    if minimum is not None and maximum is not None:
        try:
            upside_down = minimum > maximum
        except TypeError:
            raise InputTypeError(
                f"cannot be compared with minimum={minimum!r}", field="maximum", value=maximum
            ) from None
        if upside_down:
            raise ConfigurationError(
                f"is below minimum={minimum!r}: no value could pass", field="maximum", value=maximum
            )
    allowed = None if choices is None else _choices(kind, choices, "choices")
    meta = _meta(kind, label, allowed, minimum, maximum, is_documents=False, of=of)
    if default is not MISSING:
        try:
            _check(None, _Spec(meta), default)  # a default must be a value the fact accepts
        except SafetycoreError as error:
            raise type(error)(error.reason, field="default", value=error.value) from None
    return attrs.field(default=default, validator=_check, metadata=meta, kw_only=True)


class _Spec:
    """Stands in for an attrs attribute when a default is checked before the class exists."""

    name = "default"

    def __init__(self, metadata: dict[str, dict[str, Any]]) -> None:
        self.metadata = metadata


def _check_label(label: object) -> None:
    if label is not None and (not isinstance(label, str) or not label.strip()):
        raise InputTypeError("must be non-empty text or None", field="label", value=label)


def _choices(kind: type, values: object, field: str) -> frozenset[Any]:
    """``values`` as the frozenset of a fact's choices, each one a value of ``kind``."""
    items = collection(values, field, "choices")
    for i, item in enumerate(items):
        _check_kind(kind, item, f"{field}[{i}]")
        if not isinstance(item, Hashable):
            raise InputTypeError("must be hashable", field=f"{field}[{i}]", value=item)
    if not items:
        raise ConfigurationError("must list at least one choice", field=field, value=items)
    try:
        return frozenset(items)
    except TypeError:
        raise InputTypeError("must hold hashable choices", field=field, value=items) from None


def _meta(
    kind: type,
    label: str | None,
    choices: Iterable[Any] | None,
    minimum: Any,
    maximum: Any,
    *,
    is_documents: bool,
    of: type | None,
) -> dict[str, dict[str, Any]]:
    """The attrs metadata that ``_check`` and ``facts`` read back."""
    return {
        _META: {
            "kind": kind,
            "label": label,
            "choices": None if choices is None else frozenset(choices),  # checked by the caller
            "minimum": minimum,
            "maximum": maximum,
            "is_documents": is_documents,
            "of": of,
        }
    }


def _to_documents(value: object) -> object:
    if value.__class__ is Absent or isinstance(value, frozenset):
        return value
    if isinstance(value, str | Mapping) or not isinstance(value, Collection):
        return value  # the validator names it
    try:
        return frozenset(value)
    except TypeError:
        return value  # unhashable items: the validator names the collection


def documents(*, label: str | None = None, kinds: Iterable[str] | None = None) -> Any:
    """Declare the set of document kinds received so far (``frozenset[str]``).

    An empty set is *provided*: we know nothing has arrived. :data:`MISSING` means we do not
    know what has arrived. Any collection of str is accepted and stored as a frozenset; a bare
    str is refused (it would be a set of letters). ``kinds`` lists the kinds that exist.
    """
    _check_label(label)
    known = None if kinds is None else names_of(kinds, "kinds")
    if known is not None and not known:
        raise ConfigurationError("must list at least one document kind", field="kinds", value=kinds)
    meta = _meta(frozenset, label, known, None, None, is_documents=True, of=str)
    return attrs.field(
        default=MISSING, validator=_check, converter=_to_documents, metadata=meta, kw_only=True
    )


_C = TypeVar("_C", bound=type)


# Type checkers see a frozen, keyword-only class whose every fact has a default (MISSING):
# ``fact`` and ``documents`` are deliberately not declared field specifiers, since a checker
# would then read a call without ``default=`` as a required field.
@dataclass_transform(kw_only_default=True, frozen_default=True)
def facts(cls: _C) -> _C:
    """Make ``cls`` a frozen, slotted, keyword-only attrs class of facts.

    Every attribute must be declared with :func:`fact` or :func:`documents`. The resulting
    instances are immutable and hashable, so they are safe to share between threads. Type
    checkers (through ``typing.dataclass_transform``) see the constructor: every fact by
    keyword, each optional, of its annotated type.
    """
    if not isinstance(cls, type):
        raise InputTypeError("must be a class", field="facts", value=cls)
    annotated = getattr(cls, "__annotations__", {})
    methods = (property, classmethod, staticmethod)
    for name, value in vars(cls).items():
        if name.startswith("_") or callable(value) or isinstance(value, methods):
            continue
        if name not in annotated:
            raise InputTypeError(
                "must be declared with fact() or documents(), with a type annotation",
                field=f"{cls.__name__}.{name}",
                value=value,
            )
    try:
        built = attrs.frozen(kw_only=True)(cls)
    except (TypeError, ValueError) as error:  # a built-in type, a custom __setattr__...
        raise InputTypeError(
            f"cannot be made a frozen facts class ({error})", field="facts", value=cls
        ) from None
    specs: dict[str, FactSpec] = {}
    for attribute in attrs.fields(built):
        meta = attribute.metadata.get(_META)
        if meta is None:
            raise InputTypeError(
                "must be declared with fact() or documents()",
                field=f"{cls.__name__}.{attribute.name}",
                value=attribute.default,
            )
        if attribute.name.startswith("_"):
            raise InputTypeError(
                "a fact's name must not start with '_' (it is given by name)",
                field=f"{cls.__name__}.{attribute.name}",
                value=attribute.name,
            )
        label = meta["label"] or attribute.name.replace("_", " ")
        specs[attribute.name] = FactSpec(name=attribute.name, **{**meta, "label": label})
    setattr(built, "__safetycore_facts__", specs)  # noqa: B010  (a class attribute, read back)
    _name_unknown_facts(built, specs)
    return built


def _name_unknown_facts(built: type, specs: dict[str, FactSpec]) -> None:
    """Make an unknown fact name (or a positional value) an ``InputTypeError`` naming it."""
    init = vars(built)["__init__"]

    def checked_init(self: object, *args: object, **values: object) -> None:
        try:
            init(self, *args, **values)
        except TypeError as error:
            if isinstance(error, InputTypeError):
                raise
            # Python's own error: a positional value or an unknown name. Only now look.
            if args:
                raise InputTypeError(
                    "facts are given by name only", field=built.__name__, value=args
                ) from None
            unknown = [name for name in values if name not in specs]
            if not unknown:
                raise
            raise InputTypeError(
                f"is not a fact of {built.__name__} (its facts: {', '.join(specs)})",
                field=unknown[0],
                value=values[unknown[0]],
            ) from None

    checked_init.__doc__ = init.__doc__
    checked_init.__signature__ = inspect.signature(init)  # type: ignore[attr-defined]
    checked_init.__name__ = checked_init.__qualname__ = "__init__"
    setattr(built, "__init__", checked_init)  # noqa: B010


def fact_specs(cls: type) -> dict[str, FactSpec]:
    """The :class:`FactSpec` of each fact of a :func:`facts` class, by name, in order."""
    specs: dict[str, FactSpec] | None = getattr(cls, "__safetycore_facts__", None)
    if specs is None:
        raise InputTypeError("must be a class made with @facts", field="facts", value=cls)
    return dict(specs)

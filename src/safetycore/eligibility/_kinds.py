"""Checking, when a policy is built, that each rule compares values of compatible kinds.

The facts class declares each fact's kind, so a rule comparing a date with a datetime, a
text with a number, or using ``includes`` on something that is not a set of documents is
a mistake we can name before any claim is decided, instead of a ``TypeError`` later.
Values whose kind cannot be known in advance (the result of ``call``) are not checked.

A fact that declares its ``choices`` (or a documents fact its ``kinds``) also names every
value it can hold, so ``F.channel.equals("webb")`` (never true), ``differs("webb")`` (never
false), an ``is_in`` option or an ``includes`` item outside them is a typo, refused too.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from safetycore.eligibility.expressions import (
    All,
    AnyOf,
    Between,
    Compare,
    Const,
    Deadline,
    Fact,
    Includes,
    IsIn,
    Not,
    ParamValue,
    Predicate,
    Truth,
    Value,
)
from safetycore.eligibility.facts import FactSpec
from safetycore.eligibility.parameters import Parameter
from safetycore.eligibility.windows import Unit
from safetycore.errors import ConfigurationError

_NUMBERS = (int, Decimal)


def kind_of(
    value: Value, specs: Mapping[str, FactSpec], parameters: Mapping[str, Parameter]
) -> type | None:
    """The Python type ``value`` takes for every claim, or ``None`` if it cannot be known."""
    if isinstance(value, Fact):
        return specs[value.name].kind
    if isinstance(value, Const):
        return type(value.value)
    if isinstance(value, ParamValue):
        return type(value.param.resolve(parameters))
    if isinstance(value, Deadline):
        anchor = kind_of(value.anchor, specs, parameters)
        timed = value.length.unit in (Unit.HOURS, Unit.BUSINESS_HOURS)
        if timed and anchor is not None and not issubclass(anchor, _dt.datetime):
            raise ConfigurationError(
                f"adds {value.length.unit.value} to a {anchor.__name__}: it needs a datetime",
                field="deadline",
                value=str(value),
            )
        return anchor
    return None


def _compatible(a: type | None, b: type | None) -> bool:
    if a is None or b is None:
        return True
    if issubclass(a, bool) != issubclass(b, bool):
        return False
    if issubclass(a, _NUMBERS) and issubclass(b, _NUMBERS):
        return True
    if issubclass(a, _dt.datetime) != issubclass(b, _dt.datetime):
        return False
    return issubclass(a, b) or issubclass(b, a)


def check_kinds(
    predicate: Predicate,
    specs: Mapping[str, FactSpec],
    parameters: Mapping[str, Parameter],
    where: str,
) -> None:
    """Raise ``ConfigurationError`` naming ``where`` for operands of incompatible kinds."""

    def kind(value: Value) -> type | None:
        return kind_of(value, specs, parameters)

    def refuse(message: str) -> None:
        raise ConfigurationError(message, field=where, value=str(predicate))

    def compared(*pairs: tuple[Value, Value]) -> None:
        for left, right in pairs:
            a, b = kind(left), kind(right)
            if not _compatible(a, b):
                refuse(f"compares a {_name(a)} with a {_name(b)}")

    def constant(value: Value) -> tuple[bool, Any]:
        if isinstance(value, Const):
            return True, value.value
        if isinstance(value, ParamValue):
            return True, value.param.resolve(parameters)
        return False, None

    def declared(fact: Value, values: Iterable[Any], what: str, so: str) -> None:
        allowed = specs[fact.name].choices if isinstance(fact, Fact) else None
        if allowed is None:
            return
        stray = [v for v in values if v not in allowed]
        if stray:
            refuse(
                f"{what} {', '.join(map(repr, stray))}, which {fact} never holds "
                f"(its choices: {', '.join(sorted(map(str, allowed)))}): {so}"
            )

    def equality(node: Compare) -> None:
        so = "it is never true" if node.op == "==" else "it is always true"
        for fact, other in ((node.left, node.right), (node.right, node.left)):
            known, value = constant(other)
            if known:
                declared(fact, (value,), "compares with", so)

    def walk(node: Predicate) -> None:
        try:
            visit(node)
        except ConfigurationError as error:
            if error.field == where:
                raise
            raise ConfigurationError(error.reason, field=where, value=error.value) from None

    def visit(node: Predicate) -> None:
        if isinstance(node, All | AnyOf):
            for part in node.parts:
                walk(part)
        elif isinstance(node, Not):
            walk(node.part)
        elif isinstance(node, Compare):
            compared((node.left, node.right))
            if node.op in ("==", "!="):
                equality(node)
        elif isinstance(node, Between):
            compared((node.low, node.value), (node.value, node.high))
        elif isinstance(node, IsIn):
            for option in node.options:
                if not _compatible(kind(node.value), type(option)):
                    refuse(f"tests a {_name(kind(node.value))} against the option {option!r}")
            declared(node.value, _ordered(node.options), "lists the option", "it never matches")
        elif isinstance(node, Includes):
            found = kind(node.value)
            if found is not None and not issubclass(found, frozenset):
                refuse(f"uses includes() on a {_name(found)}, not a set of documents")
            declared(node.value, sorted(node.items), "includes the kind", "it is never there")
        elif isinstance(node, Truth):
            found = kind(node.value)
            if found is not None and not issubclass(found, bool):
                refuse(f"uses a {_name(found)} as a condition (is_true needs a bool)")

    walk(predicate)


def _ordered(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=repr)  # options may be of kinds that do not compare


def _name(kind: type | None) -> str:
    return "value of unknown kind" if kind is None else kind.__name__

"""Reading the plain-dict (configuration file) form: required keys with clear errors."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from safetycore.errors import ConfigurationError, InputTypeError, SafetycoreError


def required(data: object, key: str, where: str) -> Any:
    """Return ``data[key]``, raising a safetycore error that names ``where.key`` otherwise."""
    if not isinstance(data, Mapping):
        raise InputTypeError("must be a mapping", field=where, value=data)
    if key not in data:
        raise ConfigurationError("is required", field=f"{where}.{key}", value=None)
    return data[key]


def instance_of(kind: type | tuple[type, ...]) -> Any:
    """An attrs validator like ``attrs.validators.instance_of`` raising ``InputTypeError``."""
    names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))

    def check(_: object, attribute: Any, value: object) -> None:
        if not isinstance(value, kind):
            raise InputTypeError(f"must be a {names}", field=attribute.name, value=value)

    return check


_E = TypeVar("_E", bound=enum.Enum)


def enum_member(
    kind: type[_E], value: object, field: str, *, error: type[SafetycoreError] = InputTypeError
) -> _E:
    """``kind(value)``, or ``error`` naming ``field``, ``value`` and the members allowed."""
    try:
        return kind(str(value))
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise error(f"must be one of: {allowed}", field=field, value=value) from None


def publish(namespace: dict[str, Any], names: list[str]) -> None:
    """Make the classes and functions re-exported by a package report its public path."""
    for name in names:
        item = namespace[name]
        if isinstance(item, type) or callable(item):
            item.__module__ = namespace["__name__"]


_T = TypeVar("_T")


def items_of(values: Iterable[_T], kind: type[_T], field: str) -> tuple[_T, ...]:
    """``values`` as a tuple, each checked to be a ``kind`` (``InputTypeError`` names its index)."""
    items = tuple(values)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InputTypeError(f"must be a {kind.__name__}", field=f"{field}[{i}]", value=item)
    return items


def reject_repeats(values: Iterable[object], field: str, message: str) -> None:
    """Raise ``ConfigurationError`` naming the first value that comes twice."""
    seen: set[object] = set()
    for value in values:
        if value in seen:
            raise ConfigurationError(message, field=field, value=value)
        seen.add(value)

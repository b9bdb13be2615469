"""Reading the plain-dict (configuration file) form: required keys with clear errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from safetycore.errors import ConfigurationError, InputTypeError


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
        if not isinstance(value, kind) or (kind is bool and not isinstance(value, bool)):
            raise InputTypeError(f"must be a {names}", field=attribute.name, value=value)

    return check

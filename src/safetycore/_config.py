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

"""Dated policy parameters with their source, and references to them from rules.

A policy version names its numbers (the owner's share, the cap, the reporting window) as
:class:`Parameter` values that say where they come from, and rules refer to them with
:class:`Param`. Each decision lists the parameters its version used, with their sources.

>>> from decimal import Decimal
>>> Parameter(Decimal("250"), source="Guarantee terms s. 4.2")
Parameter(value=Decimal('250'), source='Guarantee terms s. 4.2')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from safetycore._config import instance_of
from safetycore.errors import ConfigurationError, InputTypeError

__all__ = ["Param", "Parameter"]


def _check_value(_: object, attribute: Any, value: Any) -> None:
    if isinstance(value, float):
        raise InputTypeError(
            "must not be a float (use Decimal or int)", field=attribute.name, value=value
        )


@attrs.frozen
class Parameter:
    """A named number or setting of one policy version, and the clause it comes from.

    Attributes:
        value: the value (``Decimal`` for money; floats are refused).
        source: the policy clause, regulation section or memo that sets it.
    """

    value: Any = attrs.field(validator=_check_value)
    source: str = attrs.field(validator=instance_of(str))


@attrs.frozen
class Param:
    """A reference, inside a rule or a payout, to a parameter of the policy version in force.

    It is resolved when the version is compiled; a name the version lacks raises
    :class:`~safetycore.errors.ConfigurationError` then, never at decision time.
    """

    name: str = attrs.field(validator=instance_of(str))

    def resolve(self, parameters: Mapping[str, Parameter]) -> Any:
        """The parameter's value in ``parameters`` (a mapping of names to :class:`Parameter`)."""
        if not isinstance(parameters, Mapping):
            raise InputTypeError(
                "must be a mapping of names to Parameter", field="parameters", value=parameters
            )
        found = parameters.get(self.name)
        if isinstance(found, Parameter):
            return found.value
        if found is not None or self.name in parameters:
            raise InputTypeError(
                "must be a Parameter", field=f"parameters[{self.name!r}]", value=found
            )
        known = ", ".join(sorted(map(str, parameters))) or "none"
        raise ConfigurationError(
            f"is not a parameter of this policy version (known: {known})",
            field="Param.name",
            value=self.name,
        )


def resolve(value: Any, parameters: Mapping[str, Parameter]) -> Any:
    """``value`` itself, or the parameter's value if it is a :class:`Param`."""
    return value.resolve(parameters) if isinstance(value, Param) else value

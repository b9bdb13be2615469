"""Holidays from the ``holidays`` package, by country and subdivision: ``HolidaySource``.

A holiday is a local date of the calendar's zone and closes that whole date. Holiday data is
looked up lazily, for the years a query touches, and never written by hand here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Self

import attrs
import holidays

from safetycore._config import instance_of, known_keys, required
from safetycore.errors import ConfigurationError, InputTypeError

__all__ = ["HolidaySource"]


def _text(field: str, *, optional: bool = False) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (isinstance(value, str) or (optional and value is None)):
            raise InputTypeError("must be text", field=field, value=value)

    return check


@attrs.frozen
class HolidaySource:
    """The public holidays of ``country`` (ISO 3166-1 code) and optional ``subdivision``.

    ``observed`` (default true) includes the weekday on which a weekend holiday is observed,
    as the ``holidays`` package defines it for each country. An unknown country or subdivision
    raises ``ConfigurationError`` at construction.

    >>> from datetime import date
    >>> source = HolidaySource("US")
    >>> source.dates([2025])[date(2025, 7, 4)]
    'Independence Day'
    """

    country: str = attrs.field(validator=_text("country"))
    subdivision: str | None = attrs.field(
        default=None, validator=_text("subdivision", optional=True)
    )
    observed: bool = attrs.field(default=True, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        try:
            holidays.country_holidays(self.country, subdiv=self.subdivision)
        except NotImplementedError as error:
            field, value = (
                ("subdivision", self.subdivision)
                if self.country in holidays.list_supported_countries()
                else ("country", self.country)
            )
            raise ConfigurationError(
                "is not known to the holidays package", field=field, value=value
            ) from error

    def dates(self, years: Iterable[int]) -> dict[date, str]:
        """Return ``{local date: holiday name}`` for the given years (ints from 1 to 9999)."""
        if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
            raise InputTypeError("must be a collection of years", field="years", value=years)
        wanted = list(years)
        for i, year in enumerate(wanted):
            if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
                raise InputTypeError(
                    "must be a year (int from 1 to 9999)", field=f"years[{i}]", value=year
                )
        found = holidays.country_holidays(
            self.country, subdiv=self.subdivision, years=wanted, observed=self.observed
        )
        return dict(found.items())

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-dict form read by ``HolidaySource.from_dict``."""
        result: dict[str, Any] = {"country": self.country}
        if self.subdivision is not None:
            result["subdivision"] = self.subdivision
        if not self.observed:
            result["observed"] = False
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, field: str = "holidays") -> Self:
        """Build from ``{"country": "US", "subdivision": "NY", "observed": true}``.

        Only ``country`` is required; any other key (``"subdiv"``) is refused
        (``ConfigurationError``), so that a misspelt subdivision is never dropped silently.
        """
        known_keys(data, ("country", "subdivision", "observed"), field)
        country = required(data, "country", field)
        return cls(country, data.get("subdivision"), observed=data.get("observed", True))

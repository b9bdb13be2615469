"""Holidays from the ``holidays`` package, by country, subdivision and category: ``HolidaySource``.

A holiday is a local date of the calendar's zone and closes that whole date. Holiday data is
looked up lazily, for the years a query touches, and never written by hand here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final, Self

import attrs
import holidays
import holidays.constants

from safetycore._config import instance_of, known_keys, names_of, required
from safetycore.errors import ConfigurationError, InputTypeError

__all__ = ["HolidaySource"]

_PUBLIC: Final = frozenset({"public"})
# The holidays package's "workday" days are worked (commemorations without a day off), so a
# calendar, which closes every date a source lists, must not take them.
_WORKED: Final = "workday"


@functools.cache
def _known_categories() -> frozenset[str]:
    """Every category name the ``holidays`` package defines (its lower-case constants)."""
    return frozenset(
        value
        for name, value in vars(holidays.constants).items()
        if name.isupper() and isinstance(value, str) and value.isidentifier()
    )


def _categories(values: object) -> frozenset[str]:
    found = names_of(values, "categories")  # a bare str (a set of letters) is refused
    if not found:
        raise ConfigurationError(
            "must list at least one category (the default is public holidays only)",
            field="categories",
            value=found,
        )
    return found


def _text(field: str, *, optional: bool = False) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (isinstance(value, str) or (optional and value is None)):
            raise InputTypeError("must be text", field=field, value=value)

    return check


@attrs.frozen(repr=False)
class HolidaySource:
    """The holidays of ``country`` (ISO 3166-1 code) and optional ``subdivision``.

    ``observed`` (default true) includes the weekday on which a weekend holiday is observed,
    as the ``holidays`` package defines it for each country. ``categories`` selects the
    package's lists of holidays (``"public"``, ``"bank"``, ``"government"``, ``"optional"``...):
    a date in any of them is a holiday. The default is public holidays only.

    Raises ``ConfigurationError`` at construction for an unknown country or subdivision, an
    empty ``categories``, a category the package does not define or the country does not
    have (the message lists the country's), and ``"workday"`` (those days are worked);
    ``InputTypeError`` for categories that are not a collection of names (a bare str too).

    >>> from datetime import date
    >>> source = HolidaySource("US")
    >>> source.dates([2025])[date(2025, 7, 4)]
    'Independence Day'
    >>> federal = HolidaySource("US", categories={"public", "government"})
    >>> federal.dates([2025])[date(2025, 12, 26)]
    'Day After Christmas'
    >>> federal
    HolidaySource('US', categories=['government', 'public'])
    """

    country: str = attrs.field(validator=_text("country"))
    subdivision: str | None = attrs.field(
        default=None, validator=_text("subdivision", optional=True)
    )
    observed: bool = attrs.field(default=True, validator=instance_of(bool))
    categories: frozenset[str] = attrs.field(default=_PUBLIC, kw_only=True, converter=_categories)

    def __attrs_post_init__(self) -> None:
        try:
            found = holidays.country_holidays(self.country, subdiv=self.subdivision)
        except NotImplementedError as error:
            field, value = (
                ("subdivision", self.subdivision)
                if self.country in holidays.list_supported_countries()
                else ("country", self.country)
            )
            raise ConfigurationError(
                "is not known to the holidays package", field=field, value=value
            ) from error
        supported = frozenset(found.supported_categories)
        for category in sorted(self.categories):
            if category == _WORKED:
                raise ConfigurationError(
                    "lists days that are worked (commemorations without a day off), and a "
                    "calendar closes every date a holiday source lists",
                    field="categories",
                    value=category,
                )
            if category not in _known_categories():
                known = ", ".join(sorted(_known_categories() - {_WORKED}))
                raise ConfigurationError(
                    f"is not a category of the holidays package (known: {known})",
                    field="categories",
                    value=category,
                )
            if category not in supported:
                has = ", ".join(sorted(supported))
                raise ConfigurationError(
                    f"is not a holiday category of {self.country} ({self.country} has: {has})",
                    field="categories",
                    value=category,
                )

    def __repr__(self) -> str:
        parts = [repr(self.country)]
        if self.subdivision is not None:
            parts.append(repr(self.subdivision))
        if not self.observed:
            parts.append("observed=False")
        if self.categories != _PUBLIC:
            parts.append(f"categories={sorted(self.categories)!r}")
        return f"HolidaySource({', '.join(parts)})"

    def dates(self, years: Iterable[int]) -> dict[date, str]:
        """Return ``{local date: holiday name}`` for the given years (ints from 1 to 9999).

        Every date in any of the source's ``categories`` is listed; a date in several has
        their names joined with ``"; "``, as the ``holidays`` package joins them.
        """
        if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
            raise InputTypeError("must be a collection of years", field="years", value=years)
        wanted = list(years)
        for i, year in enumerate(wanted):
            if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
                raise InputTypeError(
                    "must be a year (int from 1 to 9999)", field=f"years[{i}]", value=year
                )
        found = holidays.country_holidays(
            self.country,
            subdiv=self.subdivision,
            years=wanted,
            observed=self.observed,
            categories=tuple(sorted(self.categories)),
        )
        return dict(found.items())

    def to_dict(self) -> dict[str, Any]:
        """Return the plain-dict form read by ``HolidaySource.from_dict``."""
        result: dict[str, Any] = {"country": self.country}
        if self.subdivision is not None:
            result["subdivision"] = self.subdivision
        if not self.observed:
            result["observed"] = False
        if self.categories != _PUBLIC:
            result["categories"] = sorted(self.categories)
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, field: str = "holidays") -> Self:
        """Build from the plain-dict form ``to_dict`` writes.

        ``{"country": "US", "subdivision": "NY", "observed": true, "categories": ["government",
        "public"]}``: only ``country`` is required; ``categories`` defaults to ``["public"]``.
        Any other key (``"subdiv"``, ``"category"``) is refused (``ConfigurationError``), so
        that a misspelt key is never dropped silently.
        """
        known_keys(data, ("country", "subdivision", "observed", "categories"), field)
        country = required(data, "country", field)
        return cls(
            country,
            data.get("subdivision"),
            observed=data.get("observed", True),
            categories=data.get("categories", _PUBLIC),
        )

"""Public holidays by country and subdivision: ``HolidaySource``."""

from __future__ import annotations

from datetime import date

import pytest

from safetycore.errors import ConfigurationError, InputTypeError
from safetycore.sla import HolidaySource


class TestHolidaySource:
    def test_defaults(self) -> None:
        """A source has no subdivision and includes observed days unless told otherwise."""
        source = HolidaySource("US")
        assert (source.country, source.subdivision, source.observed) == ("US", None, True)

    def test_unknown_country(self) -> None:
        """An unknown country raises ``ConfigurationError`` on ``country`` at construction."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource("XX")
        assert (info.value.field, info.value.value) == ("country", "XX")

    def test_unknown_subdivision(self) -> None:
        """An unknown subdivision of a known country raises on ``subdivision``."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource("US", "ZZ")
        assert (info.value.field, info.value.value) == ("subdivision", "ZZ")

    def test_country_code_is_case_sensitive(self) -> None:
        """Country codes are ISO 3166-1 upper case; ``us`` is unknown."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource("us")
        assert info.value.field == "country"

    def test_country_not_text(self) -> None:
        """A country that is not text raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            HolidaySource(1)  # type: ignore[arg-type]
        assert info.value.field == "country"

    def test_subdivision_not_text(self) -> None:
        """A subdivision that is neither text nor ``None`` raises ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            HolidaySource("US", 36)  # type: ignore[arg-type]
        assert info.value.field == "subdivision"

    def test_observed_not_bool(self) -> None:
        """``observed`` that is not a bool raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            HolidaySource("US", observed="yes")  # type: ignore[arg-type]

    def test_equality(self) -> None:
        """Sources are equal by country, subdivision and observed."""
        assert HolidaySource("US", "NY") == HolidaySource("US", "NY")
        assert HolidaySource("US", "NY") != HolidaySource("US", "NY", observed=False)


class TestDates:
    def test_us_2025(self) -> None:
        """The eleven US federal holidays of 2025, with their names."""
        assert HolidaySource("US").dates([2025]) == {
            date(2025, 1, 1): "New Year's Day",
            date(2025, 1, 20): "Martin Luther King Jr. Day",
            date(2025, 2, 17): "Washington's Birthday",
            date(2025, 5, 26): "Memorial Day",
            date(2025, 6, 19): "Juneteenth National Independence Day",
            date(2025, 7, 4): "Independence Day",
            date(2025, 9, 1): "Labor Day",
            date(2025, 10, 13): "Columbus Day",
            date(2025, 11, 11): "Veterans Day",
            date(2025, 11, 27): "Thanksgiving Day",
            date(2025, 12, 25): "Christmas Day",
        }

    def test_observed_day_included(self) -> None:
        """July 4th 2026 is a Saturday, so Friday July 3rd is observed and included."""
        days = HolidaySource("US").dates([2026])
        assert date(2026, 7, 3) in days
        assert date(2026, 7, 4) in days

    def test_observed_day_excluded(self) -> None:
        """With ``observed=False`` only the holiday itself is listed."""
        days = HolidaySource("US", observed=False).dates([2026])
        assert date(2026, 7, 3) not in days
        assert date(2026, 7, 4) in days

    def test_subdivision_adds_regional_days(self) -> None:
        """Easter Monday (April 21st 2025) is a bank holiday in England, not UK-wide."""
        assert date(2025, 4, 21) not in HolidaySource("GB").dates([2025])
        assert HolidaySource("GB", "ENG").dates([2025])[date(2025, 4, 21)] == "Easter Monday"

    def test_several_years(self) -> None:
        """Holidays of every requested year are returned, and no others."""
        days = HolidaySource("US").dates([2025, 2026])
        assert {day.year for day in days} == {2025, 2026}
        assert date(2025, 12, 25) in days
        assert date(2026, 12, 25) in days

    def test_no_years(self) -> None:
        """No years, no holidays."""
        assert HolidaySource("US").dates([]) == {}


class TestDatesJunk:
    @pytest.mark.parametrize("years", [None, 2025, "2025", [None], [2025.0], [True], [0], [10**6]])
    def test_years_that_are_not_years(self, years: object) -> None:
        """Years that are not a collection of ints from 1 to 9999 raise ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            HolidaySource("US").dates(years)  # type: ignore[arg-type]
        assert info.value.field.startswith("years")


class TestToDict:
    def test_country_only(self) -> None:
        """Defaults are omitted from the plain-dict form."""
        assert HolidaySource("US").to_dict() == {"country": "US"}

    def test_everything(self) -> None:
        """Subdivision and a false ``observed`` are written out."""
        source = HolidaySource("US", "NY", observed=False)
        assert source.to_dict() == {"country": "US", "subdivision": "NY", "observed": False}


class TestFromDict:
    @pytest.mark.parametrize(
        "source",
        [
            HolidaySource("US"),
            HolidaySource("US", "NY"),
            HolidaySource("GB", "ENG", observed=False),
        ],
    )
    def test_round_trip(self, source: HolidaySource) -> None:
        """``HolidaySource.from_dict(s.to_dict()) == s``."""
        assert HolidaySource.from_dict(source.to_dict()) == source

    def test_country_required(self) -> None:
        """A missing country raises ``ConfigurationError`` on ``holidays.country``."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource.from_dict({"subdivision": "NY"})
        assert info.value.field == "holidays.country"

    def test_not_a_mapping(self) -> None:
        """A non-mapping raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            HolidaySource.from_dict("US")  # type: ignore[arg-type]

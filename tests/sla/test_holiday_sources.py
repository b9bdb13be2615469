"""Public holidays by country and subdivision: ``HolidaySource``."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from safetycore.errors import ConfigurationError, InputTypeError
from safetycore.sla import Calendar, HolidaySource, WeeklySchedule

NY = ZoneInfo("America/New_York")


class TestHolidaySource:
    def test_defaults(self) -> None:
        """A source has no subdivision, includes observed days and lists public holidays only."""
        source = HolidaySource("US")
        assert (source.country, source.subdivision, source.observed) == ("US", None, True)
        assert source.categories == frozenset({"public"})

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
        """Sources are equal by country, subdivision, observed and categories."""
        assert HolidaySource("US", "NY") == HolidaySource("US", "NY")
        assert HolidaySource("US", "NY") != HolidaySource("US", "NY", observed=False)
        assert HolidaySource("US") == HolidaySource("US", categories={"public"})
        assert HolidaySource("US") != HolidaySource("US", categories={"public", "government"})
        assert hash(HolidaySource("US", categories=["government", "public"])) == hash(
            HolidaySource("US", categories=("public", "government"))
        )

    def test_calendar_equal_whatever_the_order_of_its_sources(self) -> None:
        """Two sources differing only in categories give equal calendars in either order."""
        public, government = HolidaySource("US"), HolidaySource("US", categories={"government"})
        one = Calendar("America/New_York", WeeklySchedule.always(), holidays=[public, government])
        other = Calendar("America/New_York", WeeklySchedule.always(), holidays=[government, public])
        assert one.holidays == other.holidays
        assert one == other
        assert hash(one) == hash(other)


class TestCategories:
    def test_stored_as_a_frozenset(self) -> None:
        """Categories are kept as a frozenset, whatever collection they came in."""
        source = HolidaySource("US", categories=["government", "public", "government"])
        assert source.categories == frozenset({"government", "public"})

    def test_unknown_category(self) -> None:
        """A category the holidays package does not have raises naming it and the known ones."""
        with pytest.raises(ConfigurationError, match=r"known: .*government") as info:
            HolidaySource("US", categories={"public", "goverment"})
        assert (info.value.field, info.value.value) == ("categories", "goverment")

    def test_category_the_country_lacks(self) -> None:
        """A real category the country does not have (US banks) raises listing the country's."""
        with pytest.raises(
            ConfigurationError, match="US has: government, half_day, public, unofficial"
        ) as info:
            HolidaySource("US", categories={"bank"})
        assert (info.value.field, info.value.value) == ("categories", "bank")

    def test_workday_refused(self) -> None:
        """Belarus' ``workday`` days are worked, so closing on them is refused."""
        with pytest.raises(ConfigurationError, match="worked") as info:
            HolidaySource("BY", categories={"public", "workday"})
        assert (info.value.field, info.value.value) == ("categories", "workday")

    def test_empty_refused(self) -> None:
        """No category at all raises ``ConfigurationError`` (the package would use its default)."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource("US", categories=())
        assert (info.value.field, info.value.value) == ("categories", frozenset())

    def test_bare_text_refused(self) -> None:
        """A bare str is not a collection of categories (it would be read letter by letter)."""
        with pytest.raises(InputTypeError) as info:
            HolidaySource("US", categories="public")  # type: ignore[arg-type]
        assert info.value.field == "categories"

    @pytest.mark.parametrize("categories", [None, 3, [3], [""], {"public": True}])
    def test_not_names(self, categories: object) -> None:
        """Categories that are not a collection of non-empty text raise ``InputTypeError``."""
        with pytest.raises(InputTypeError) as info:
            HolidaySource("US", categories=categories)  # type: ignore[arg-type]
        assert info.value.field.startswith("categories")

    def test_unknown_country_named_before_categories(self) -> None:
        """With an unknown country, the country is the error, not its categories."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource("XX", categories={"bank"})
        assert info.value.field == "country"


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

    def test_government_days_added(self) -> None:
        """US federal offices also closed 2025-01-09 (mourning President Carter), 12-24, 12-26."""
        public = HolidaySource("US").dates([2025])
        federal = HolidaySource("US", categories={"public", "government"}).dates([2025])
        assert sorted(set(federal) - set(public)) == [
            date(2025, 1, 9),
            date(2025, 12, 24),
            date(2025, 12, 26),
        ]
        assert federal[date(2025, 12, 24)] == "Christmas Eve"
        assert set(public) <= set(federal)

    def test_names_of_one_date_in_two_categories_are_joined(self) -> None:
        """MLK day is in both lists under two names, joined with '; ' as the package does."""
        federal = HolidaySource("US", categories={"public", "government"}).dates([2025])
        assert federal[date(2025, 1, 20)] == (
            "Birthday of Martin Luther King, Jr.; Martin Luther King Jr. Day"
        )

    def test_bank_holidays_only(self) -> None:
        """Belgium's bank holidays of 2025: Good Friday, the Friday after Ascension, Dec 26."""
        assert HolidaySource("BE", categories={"bank"}).dates([2025]) == {
            date(2025, 4, 18): "Good Friday",
            date(2025, 5, 30): "Friday after Ascension Day",
            date(2025, 12, 26): "Bank Holiday",
        }

    def test_optional_with_public(self) -> None:
        """Dutch Liberation Day is optional but in lustrum years (2025): 2026's only when asked."""
        assert date(2026, 5, 5) not in HolidaySource("NL").dates([2026])
        optional = HolidaySource("NL", categories={"public", "optional"}).dates([2026])
        assert optional[date(2026, 5, 5)] == "Liberation Day"

    def test_categories_with_subdivision(self) -> None:
        """Categories apply with a subdivision too: New York's days plus the federal closures."""
        days = HolidaySource("US", "NY", categories={"public", "government"}).dates([2025])
        assert date(2025, 2, 12) in days  # Lincoln's Birthday, a New York holiday
        assert date(2025, 12, 26) in days


class TestCalendarWithCategories:
    HOURS = WeeklySchedule.parse({"mon-fri": "09:00-17:00"})

    def test_government_closures_close_the_calendar(self) -> None:
        """Friday 2025-12-26 is open with public holidays and closed with government ones too."""
        friday = datetime(2025, 12, 26, 12, tzinfo=NY)
        public = Calendar("America/New_York", self.HOURS, holidays=[HolidaySource("US")])
        federal = Calendar(
            "America/New_York",
            self.HOURS,
            holidays=[HolidaySource("US", categories={"public", "government"})],
        )
        assert public.is_open(friday)
        assert not federal.is_open(friday)
        assert str(federal.next_open(friday)) == "2025-12-29 09:00:00-05:00"

    def test_plain_dict_round_trip(self) -> None:
        """A calendar's plain-dict form keeps its holiday categories."""
        data = {
            "zone": "America/New_York",
            "hours": {"mon-fri": "09:00-17:00"},
            "holidays": [{"country": "US", "categories": ["government", "public"]}],
        }
        calendar = Calendar.from_dict(data)
        assert calendar.holidays[0].categories == frozenset({"government", "public"})
        assert calendar.to_dict() == data


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
        """Subdivision, a false ``observed`` and categories (sorted) are written out."""
        source = HolidaySource("US", "NY", observed=False, categories={"public", "government"})
        assert source.to_dict() == {
            "country": "US",
            "subdivision": "NY",
            "observed": False,
            "categories": ["government", "public"],
        }

    def test_public_only_is_the_default(self) -> None:
        """Public holidays only, the default, are not written out."""
        assert HolidaySource("US", categories={"public"}).to_dict() == {"country": "US"}

    def test_one_other_category(self) -> None:
        """A single category other than public is written as a list of one."""
        source = HolidaySource("BE", categories={"bank"})
        assert source.to_dict() == {"country": "BE", "categories": ["bank"]}


class TestFromDict:
    @pytest.mark.parametrize(
        "source",
        [
            HolidaySource("US"),
            HolidaySource("US", "NY"),
            HolidaySource("GB", "ENG", observed=False),
            HolidaySource("US", categories={"government", "public"}),
            HolidaySource("BE", categories={"bank"}),
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

    def test_categories(self) -> None:
        """``categories`` is read as a list of names and checked like the constructor's."""
        source = HolidaySource.from_dict({"country": "NL", "categories": ["optional", "public"]})
        assert source == HolidaySource("NL", categories={"public", "optional"})
        with pytest.raises(ConfigurationError) as info:
            HolidaySource.from_dict({"country": "NL", "categories": ["bank"]})
        assert (info.value.field, info.value.value) == ("categories", "bank")
        with pytest.raises(InputTypeError):
            HolidaySource.from_dict({"country": "NL", "categories": "optional"})

    def test_misspelt_categories_key(self) -> None:
        """A misspelt key (``category``) is refused, not ignored."""
        with pytest.raises(ConfigurationError) as info:
            HolidaySource.from_dict({"country": "US", "category": ["government"]})
        assert info.value.field == "holidays.category"

    def test_not_a_mapping(self) -> None:
        """A non-mapping raises ``InputTypeError``."""
        with pytest.raises(InputTypeError):
            HolidaySource.from_dict("US")  # type: ignore[arg-type]

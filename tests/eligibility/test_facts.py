"""Typed facts: the four states of a fact, validation of provided values, and ``@facts`` itself."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest

from safetycore.eligibility import (
    MISSING,
    NOT_APPLICABLE,
    Absent,
    FactSpec,
    documents,
    fact,
    fact_specs,
    facts,
)
from safetycore.errors import (
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
    SafetycoreError,
)

NY = ZoneInfo("America/New_York")


@facts
class Claim:
    """A purpose-built facts class with one fact of each kind the validator treats specially."""

    species: str = fact(str, choices={"dog", "cat"})
    age: int = fact(int, minimum=0, maximum=30)
    bill: Decimal = fact(Decimal, minimum=0)
    incident_date: dt.date = fact(dt.date, label="date of the incident")
    reported_at: dt.datetime = fact(dt.datetime)
    vaccinated: bool = fact(bool)
    note: str = fact(str)
    docs: frozenset[str] = documents(kinds={"invoice", "records"})
    visits: tuple[int, ...] = fact(tuple, of=int)


class TestAbsent:
    def test_the_two_absent_states_differ(self) -> None:
        """MISSING and NOT_APPLICABLE are distinct members of ``Absent``."""
        assert MISSING is Absent.MISSING
        assert NOT_APPLICABLE is Absent.NOT_APPLICABLE
        assert MISSING != NOT_APPLICABLE

    def test_repr_names_the_member(self) -> None:
        """The repr of an absent value is ``<Absent.NAME>``."""
        assert repr(MISSING) == "<Absent.MISSING>"
        assert repr(NOT_APPLICABLE) == "<Absent.NOT_APPLICABLE>"


class TestFourStates:
    def test_a_fact_not_given_is_missing(self) -> None:
        """A fact left out of the constructor is MISSING."""
        assert Claim().note is MISSING

    def test_not_applicable_is_kept(self) -> None:
        """A fact given as NOT_APPLICABLE stays NOT_APPLICABLE, not MISSING."""
        assert Claim(note=NOT_APPLICABLE).note is NOT_APPLICABLE

    def test_empty_string_is_provided(self) -> None:
        """An empty string is a provided value, distinct from both absent states."""
        value = Claim(note="").note
        assert value == ""
        assert value is not MISSING
        assert value is not NOT_APPLICABLE

    def test_empty_documents_are_provided(self) -> None:
        """An empty set of documents is provided (nothing has arrived), not MISSING."""
        assert Claim(docs=set()).docs == frozenset()

    def test_zero_decimal_is_provided(self) -> None:
        """``Decimal(0)`` is a provided amount, not MISSING."""
        assert Claim(bill=Decimal(0)).bill == Decimal(0)

    def test_the_four_states_make_four_different_instances(self) -> None:
        """Provided, provided-empty, MISSING and NOT_APPLICABLE give four unequal instances."""
        states = [Claim(note="x"), Claim(note=""), Claim(), Claim(note=NOT_APPLICABLE)]
        assert len(set(states)) == 4

    def test_absent_values_bypass_validation(self) -> None:
        """MISSING and NOT_APPLICABLE are accepted for a fact with choices and bounds."""
        claim = Claim(species=NOT_APPLICABLE, age=MISSING)
        assert (claim.species, claim.age) == (NOT_APPLICABLE, MISSING)


class TestFactValidation:
    @pytest.mark.parametrize(
        ("field", "value", "error", "builtin", "words"),
        [
            ("bill", 12.5, InputTypeError, TypeError, "float"),
            ("age", True, InputTypeError, TypeError, "bool"),
            ("vaccinated", 1, InputTypeError, TypeError, "bool"),
            (
                "incident_date",
                dt.datetime(2026, 3, 1, 9, tzinfo=NY),
                InputTypeError,
                TypeError,
                "datetime",
            ),
            ("reported_at", dt.datetime(2026, 3, 1, 9), NaiveDatetimeError, ValueError, "aware"),
            ("reported_at", dt.date(2026, 3, 1), InputTypeError, TypeError, "datetime"),
            ("species", "horse", InvalidArgumentError, ValueError, "cat, dog"),
            ("age", -1, InvalidArgumentError, ValueError, "at least 0"),
            ("age", 31, InvalidArgumentError, ValueError, "at most 30"),
            ("bill", Decimal("-0.01"), InvalidArgumentError, ValueError, "at least 0"),
            ("bill", Decimal("Infinity"), InvalidArgumentError, ValueError, "finite"),
            ("note", 3, InputTypeError, TypeError, "str"),
            ("docs", "invoice", InputTypeError, TypeError, "frozenset"),
        ],
    )
    def test_invalid_value_is_refused(
        self,
        field: str,
        value: object,
        error: type[SafetycoreError],
        builtin: type[Exception],
        words: str,
    ) -> None:
        """Each invalid value raises its SafetycoreError, which is also the matching builtin."""
        with pytest.raises(error) as caught:
            Claim(**{field: value})
        assert isinstance(caught.value, SafetycoreError)
        assert isinstance(caught.value, builtin)
        assert caught.value.field == field
        assert caught.value.value == value
        message = str(caught.value)
        # Instants and dates read in ISO 8601 (with the zone's name); other values as repr.
        readable = isinstance(value, dt.date) and getattr(value, "tzinfo", True) is not None
        shown = repr(value.isoformat()) if readable else repr(value)
        assert message.startswith(f"{field}={shown[:-1]}")
        assert words in message

    def test_bounds_are_inclusive(self) -> None:
        """A value equal to the minimum or the maximum is accepted."""
        assert (Claim(age=0).age, Claim(age=30).age) == (0, 30)

    def test_aware_datetime_is_accepted(self) -> None:
        """A time-zone-aware datetime is a valid datetime fact."""
        at = dt.datetime(2026, 3, 1, 9, tzinfo=NY)
        assert Claim(reported_at=at).reported_at == at

    def test_unknown_document_kind_is_refused(self) -> None:
        """A document kind outside ``kinds`` raises InvalidArgumentError listing the unknown one."""
        with pytest.raises(InvalidArgumentError) as caught:
            Claim(docs={"invoice", "selfie"})
        assert isinstance(caught.value, ValueError)
        assert caught.value.field == "docs"
        assert caught.value.value == frozenset({"invoice", "selfie"})
        assert "['selfie']" in str(caught.value)

    def test_non_str_document_kind_is_refused(self) -> None:
        """A document kind that is not a str raises InputTypeError naming the fact."""
        with pytest.raises(InputTypeError) as caught:
            Claim(docs=[1])
        assert caught.value.field == "docs"
        assert "must be str" in str(caught.value)

    def test_documents_collection_is_stored_as_frozenset(self) -> None:
        """Any collection of document kinds is stored as a frozenset."""
        assert Claim(docs=["invoice", "invoice", "records"]).docs == frozenset(
            {"invoice", "records"}
        )

    def test_of_names_the_index_of_a_wrong_item(self) -> None:
        """A tuple item of the wrong type raises InputTypeError whose field has the index."""
        with pytest.raises(InputTypeError) as caught:
            Claim(visits=(1, 2, "3"))
        assert isinstance(caught.value, TypeError)
        assert caught.value.field == "visits[2]"
        assert caught.value.value == "3"
        assert str(caught.value).startswith("visits[2]='3': ")

    def test_of_accepts_items_of_the_type(self) -> None:
        """A tuple whose items all have the ``of`` type is accepted."""
        assert Claim(visits=(1, 2)).visits == (1, 2)

    def test_of_checks_the_container_kind_first(self) -> None:
        """A list for a tuple fact raises InputTypeError naming the fact itself."""
        with pytest.raises(InputTypeError) as caught:
            Claim(visits=[1, 2])
        assert caught.value.field == "visits"


class TestFacts:
    def test_undeclared_annotated_attribute_is_refused(self) -> None:
        """An annotated attribute not made with fact() raises InputTypeError naming Class.attr."""
        with pytest.raises(InputTypeError) as caught:

            @facts
            class Bad:
                good: int = fact(int)
                bad: int = 3

        assert isinstance(caught.value, TypeError)
        assert caught.value.field == "Bad.bad"
        assert caught.value.value == 3
        assert "fact()" in str(caught.value)

    def test_annotated_attribute_without_default_is_refused(self) -> None:
        """A bare annotation (no fact()) is refused too."""
        with pytest.raises(InputTypeError) as caught:

            @facts
            class Bad:
                bare: int

        assert caught.value.field == "Bad.bare"

    def test_unannotated_attribute_is_refused(self) -> None:
        """An unannotated class attribute that is not a fact() is refused."""
        with pytest.raises(InputTypeError):

            @facts
            class Bad:
                good: int = fact(int)
                bad = 3

    def test_instances_are_frozen(self) -> None:
        """Assigning to a fact raises attrs' FrozenInstanceError."""
        claim = Claim(note="x")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            claim.note = "y"  # type: ignore[misc]

    def test_instances_are_hashable_and_equal_by_value(self) -> None:
        """Two instances with the same facts are equal and hash alike."""
        one = Claim(species="dog", docs=["invoice"])
        two = Claim(species="dog", docs=("invoice",))
        assert one == two
        assert hash(one) == hash(two)
        assert len({one, two}) == 1

    def test_constructor_is_keyword_only(self) -> None:
        """Facts cannot be given positionally."""
        with pytest.raises(TypeError):
            Claim("dog")  # type: ignore[misc]

    def test_pickle_round_trips(self) -> None:
        """A pickled instance with provided and absent facts loads equal, absent states intact."""
        claim = Claim(
            species="cat",
            bill=Decimal("12.50"),
            incident_date=dt.date(2026, 3, 1),
            reported_at=dt.datetime(2026, 3, 2, 9, tzinfo=NY),
            note=NOT_APPLICABLE,
            docs={"invoice"},
            visits=(1, 2),
        )
        loaded = pickle.loads(pickle.dumps(claim))
        assert loaded == claim
        assert loaded.note is NOT_APPLICABLE
        assert loaded.age is MISSING


class TestFactSpecs:
    def test_label_defaults_to_name_with_spaces(self) -> None:
        """Without a label, a fact's label is its name with underscores as spaces."""
        assert fact_specs(Claim)["reported_at"].label == "reported at"

    def test_label_given_is_kept(self) -> None:
        """An explicit label is used as given."""
        assert fact_specs(Claim)["incident_date"].label == "date of the incident"

    def test_specs_are_in_declaration_order(self) -> None:
        """The specs are keyed by fact name in the order the class declares them."""
        assert list(fact_specs(Claim)) == [
            "species",
            "age",
            "bill",
            "incident_date",
            "reported_at",
            "vaccinated",
            "note",
            "docs",
            "visits",
        ]

    def test_spec_records_kind_choices_and_bounds(self) -> None:
        """A fact's spec holds its kind, choices, bounds and the ``of`` item type."""
        specs = fact_specs(Claim)
        assert specs["age"] == FactSpec(name="age", kind=int, label="age", minimum=0, maximum=30)
        assert specs["species"].choices == frozenset({"dog", "cat"})
        assert specs["visits"].of is int

    def test_documents_spec(self) -> None:
        """A documents() fact is a frozenset of str flagged as documents, its kinds as choices."""
        spec = fact_specs(Claim)["docs"]
        assert (spec.kind, spec.is_documents, spec.of) == (frozenset, True, str)
        assert spec.choices == frozenset({"invoice", "records"})

    def test_returns_a_copy(self) -> None:
        """Changing the returned dict does not change the class's specs."""
        fact_specs(Claim).clear()
        assert "species" in fact_specs(Claim)

    def test_refuses_a_plain_class(self) -> None:
        """A class not made with @facts raises InputTypeError naming ``facts``."""
        with pytest.raises(InputTypeError) as caught:
            fact_specs(int)
        assert caught.value.field == "facts"
        assert caught.value.value is int

"""The eligibility invariant checkers: pass on sound policies, fail in words on broken ones."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st

from safetycore.eligibility import MISSING
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT, EnrolmentRequest
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
)
from safetycore.testing import (
    InvariantError,
    check_complete,
    check_monotone,
    check_never_pays_less,
    check_no_worse,
    facts_for,
)
from tests.testing.eligibility_fixtures import (
    CLINIC,
    DOCUMENTS_DUE,
    DOCUMENTS_WAIT,
    DOGS_ONLY,
    NO_RABBITS,
    SURGERY_LIMIT,
    TABLE_GAP,
    UNLISTED_SPECIES,
    Visit,
    paid_visits,
    reported_pet_claims,
    visits,
)

OLD, NEW = PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01")
# Vaccinated pets of unknown species: the search is short, and so is hypothesis' explanation
# of the failure (its "explain" phase costs seconds on claims with many drawn parts).
VACCINATED = st.builds(Visit, seen_on=st.just(dt.date(2026, 3, 2)), vaccinated=st.just(True))
MONEY = r"\d[\d,]*\.\d\d USD"


class TestCheckMonotone:
    @pytest.mark.parametrize("policy", [PET_GUARANTEE, GROUP_HEALTH_ENROLMENT, CLINIC])
    def test_sound_policies_pass(self, policy: Any) -> None:
        """The stock policies and the clinic cover keep every definite verdict when refined."""
        check_monotone(policy, max_examples=60)

    @pytest.mark.parametrize("kind", [PetGuaranteeClaim, EnrolmentRequest])
    def test_not_applicable_facts(self, kind: type) -> None:
        """Facts that do not apply are neutral: the stock policies stay monotone with them."""
        policy = PET_GUARANTEE if kind is PetGuaranteeClaim else GROUP_HEALTH_ENROLMENT
        check_monotone(policy, claims=facts_for(kind, not_applicable=True), max_examples=40)

    def test_with_deadlines_passed(self) -> None:
        """The pet guarantee stays monotone when decided after every evidence deadline."""
        check_monotone(PET_GUARANTEE, as_of=dt.date(2099, 1, 1), max_examples=40)

    def test_conditional_only_policy_fails_in_words(self) -> None:
        """A rule that applies only to dogs turns ELIGIBLE into NOT_APPLICABLE for a cat."""
        with pytest.raises(InvariantError) as info:
            check_monotone(DOGS_ONLY, claims=VACCINATED, max_examples=100)
        message = str(info.value)
        assert message.startswith("claim Visit(")
        assert "was ELIGIBLE" in message
        assert "with species missing; filling in species='cat'" in message
        assert "made it NOT_APPLICABLE" in message
        assert message.endswith("; rules that changed: dogs-vaccinated pass->not_applicable")
        claim, refined = info.value.example
        assert claim.species is MISSING
        assert refined.species == "cat"
        assert info.value.invariant == "more information never changes a definite verdict"

    def test_dates_read_as_iso(self) -> None:
        """The claim in the message shows its dates in ISO 8601, not as date(...) calls."""
        with pytest.raises(InvariantError) as info:
            check_monotone(DOGS_ONLY, claims=VACCINATED, max_examples=100)
        assert re.search(r"seen_on=\d{4}-\d\d-\d\d", str(info.value))
        assert "datetime.date" not in str(info.value)


class TestCheckComplete:
    @pytest.mark.parametrize(
        "policy", [PET_GUARANTEE, GROUP_HEALTH_ENROLMENT, CLINIC, DOCUMENTS_DUE, DOGS_ONLY]
    )
    def test_sound_policies_pass(self, policy: Any) -> None:
        """With every fact provided and every deadline passed, these policies decide."""
        check_complete(policy, max_examples=60)

    @pytest.mark.parametrize("kind", [PetGuaranteeClaim, EnrolmentRequest])
    def test_not_applicable_facts_count_as_provided(self, kind: type) -> None:
        """NOT_APPLICABLE is an answer: complete claims with such facts are decided too."""
        policy = PET_GUARANTEE if kind is PetGuaranteeClaim else GROUP_HEALTH_ENROLMENT
        claims = facts_for(kind, missing=False, not_applicable=True)
        check_complete(policy, claims=claims, max_examples=40)

    def test_evidence_without_deadline_may_wait(self) -> None:
        """An evidence rule without a deadline waits for its documents: that is not a break."""
        check_complete(DOCUMENTS_WAIT, max_examples=60)

    def test_value_left_missing_fails_in_words(self) -> None:
        """A call that comes out MISSING for rabbits leaves a complete claim NEEDS_INFO."""
        with pytest.raises(InvariantError) as info:
            check_complete(UNLISTED_SPECIES, claims=visits(), max_examples=100)
        message = str(info.value)
        assert message.startswith("claim Visit(")
        assert "species='rabbit'" in message
        assert "has every fact provided but is NEEDS_INFO" in message
        assert "still unknown: age-limit (Within the age limit)" in message
        assert "it asks for: nothing" in message
        assert info.value.example.species == "rabbit"

    def test_decision_that_raises_fails_in_words(self) -> None:
        """A decision table without rabbits raises on a rabbit: reported with the claim."""
        with pytest.raises(InvariantError) as info:
            check_complete(TABLE_GAP, claims=visits(), max_examples=100)
        message = str(info.value)
        assert "deciding claim Visit(" in message
        assert "species='rabbit'" in message
        assert "under Table gap raised" in message
        assert isinstance(info.value.__cause__, Exception)

    def test_claims_with_missing_facts_refused(self) -> None:
        """A claims strategy that draws a missing fact raises InvalidArgumentError (claims)."""
        with pytest.raises(InvalidArgumentError) as info:
            check_complete(CLINIC, claims=st.just(Visit(seen_on=dt.date(2026, 1, 5))))
        assert info.value.field == "claims"
        assert "species" in str(info.value)


class TestCheckNeverPaysLess:
    def test_wider_window_pays_no_less(self) -> None:
        """The guarantee's 2026-01 version pays every claim at least what 2025-07 pays."""
        check_never_pays_less(OLD, NEW, claims=reported_pet_claims(), max_examples=60)

    def test_default_claims(self) -> None:
        """Without claims=, the pet guarantee's own correlated claims are drawn."""
        check_never_pays_less(OLD, NEW, max_examples=40)

    def test_higher_cap_pays_no_less(self) -> None:
        """The clinic's 2026 version (a higher cap) pays at least what 2025 pays."""
        check_never_pays_less(CLINIC.pinned("2025"), CLINIC.pinned("2026"), max_examples=60)

    def test_coinsurance_pays_less_in_words(self) -> None:
        """Adding 80% co-insurance pays less; the message gives both amounts and the step."""
        with pytest.raises(InvariantError) as info:
            check_never_pays_less(
                CLINIC.pinned("2026"), CLINIC.pinned("2027"), claims=paid_visits(), max_examples=100
            )
        message = str(info.value)
        assert message.startswith("claim Visit(")
        assert re.search(
            rf"before \(Clinic cover, version 2026\) pays {MONEY}; "
            rf"after \(Clinic cover, version 2027\) pays {MONEY}, {MONEY} less",
            message,
        )
        assert "rules that differ: none" in message
        assert "Co-insurance: pays 80% (after only)" in message
        assert re.search(r"InvoiceLine\('\w+', [\d.]+ USD", message)

    def test_category_limit_pays_less_on_some_claims(self) -> None:
        """A new surgery limit pays less on a claim whose surgery costs more than 500.00."""
        with pytest.raises(InvariantError) as info:
            check_never_pays_less(
                CLINIC.pinned("2025"), SURGERY_LIMIT, claims=paid_visits(), max_examples=100
            )
        message = str(info.value)
        assert "'surgery'" in message
        assert "Limit for surgery: 500.00 (after only)" in message

    def test_narrower_window_pays_nothing_in_words(self) -> None:
        """Going back to the 48-hour window leaves a claim reported at 60 hours unpaid."""
        with pytest.raises(InvariantError) as info:
            check_never_pays_less(NEW, OLD, claims=reported_pet_claims(), max_examples=100)
        message = str(info.value)
        assert message.startswith("claim PetGuaranteeClaim(")
        assert "before (Pet-care guarantee, version 2026-01) pays 1,550.00 USD" in message
        assert "pays nothing: INELIGIBLE (rule reported-in-time)" in message
        assert "1,550.00 USD less" in message
        assert "(rules that differ: reported-in-time pass->fail)" in message
        assert re.search(r"reported_at=\d{4}-\d\d-\d\dT\d\d:\d\d[-+]\d\d:\d\d", message)
        assert isinstance(info.value.example, PetGuaranteeClaim)


class TestCheckNoWorse:
    def test_wider_window_is_no_worse(self) -> None:
        """The guarantee's 2026-01 version makes no claim ineligible that 2025-07 accepts."""
        check_no_worse(OLD, NEW, claims=reported_pet_claims(), max_examples=60)

    def test_default_claims(self) -> None:
        """Without claims=, claims with some facts missing are drawn and the check passes."""
        check_no_worse(CLINIC.pinned("2025"), CLINIC.pinned("2027"), max_examples=60)

    def test_new_exclusion_fails_in_words(self) -> None:
        """Excluding rabbits makes an eligible rabbit ineligible; the message gives the text."""
        with pytest.raises(InvariantError) as info:
            check_no_worse(
                CLINIC.pinned("2025"), NO_RABBITS, claims=paid_visits(), max_examples=100
            )
        message = str(info.value)
        assert "species='rabbit'" in message
        assert "is ELIGIBLE" in message
        assert "under before (Clinic cover, version 2025) but INELIGIBLE (rule no-rabbits)" in (
            message
        )
        assert "no-rabbits absent->fail" in message
        assert "now failing: no-rabbits: Rabbits are no longer covered." in message

    def test_narrower_window_fails(self) -> None:
        """Going back to the 48-hour window makes a claim reported at 60 hours ineligible."""
        with pytest.raises(InvariantError) as info:
            check_no_worse(NEW, OLD, claims=reported_pet_claims(), max_examples=100)
        assert "reported-in-time: The harm was not reported within the window" in str(info.value)


def _one(check: Callable[..., None]) -> Callable[..., None]:
    """A one-policy checker, or a two-policy one given the same policy on both sides."""
    if check in (check_never_pays_less, check_no_worse):
        return lambda policy, **options: check(policy, policy, **options)
    return check


CHECKERS = [check_monotone, check_complete, check_never_pays_less, check_no_worse]


class TestArguments:
    @pytest.mark.parametrize("check", CHECKERS)
    @pytest.mark.parametrize(
        ("options", "field", "error"),
        [
            ({"claims": [Visit()]}, "claims", InputTypeError),
            ({"claims": st.just("a claim")}, "claims", InputTypeError),
            ({"claims": st.just(PetGuaranteeClaim())}, "claims", InputTypeError),
            ({"max_examples": 0}, "max_examples", InvalidArgumentError),
            ({"max_examples": "10"}, "max_examples", InputTypeError),
            ({"max_examples": True}, "max_examples", InputTypeError),
        ],
    )
    def test_junk_option_is_refused(
        self, check: Callable[..., None], options: dict[str, Any], field: str, error: type
    ) -> None:
        """A junk claims or max_examples raises a SafetycoreError naming it, not an invariant."""
        with pytest.raises(error) as info:
            _one(check)(CLINIC, **options)
        assert info.value.field == field

    @pytest.mark.parametrize("check", [check_monotone, check_complete])
    def test_policy_must_be_a_policy(self, check: Callable[..., None]) -> None:
        """Anything but a Policy raises InputTypeError naming policy."""
        with pytest.raises(InputTypeError) as info:
            check("pet-guarantee")
        assert info.value.field == "policy"

    @pytest.mark.parametrize("check", [check_never_pays_less, check_no_worse])
    @pytest.mark.parametrize(
        ("before", "after", "field"),
        [("pet-guarantee", NEW, "before"), (OLD, PET_GUARANTEE.versions[1], "after")],
    )
    def test_sides_must_be_policies(
        self, check: Callable[..., None], before: object, after: object, field: str
    ) -> None:
        """A side that is not a Policy (a PolicyVersion, a name) raises InputTypeError naming it."""
        with pytest.raises(InputTypeError) as info:
            check(before, after)
        assert info.value.field == field

    @pytest.mark.parametrize("check", [check_never_pays_less, check_no_worse])
    def test_sides_must_share_facts(self, check: Callable[..., None]) -> None:
        """Two policies over different facts classes raise ConfigurationError naming after."""
        with pytest.raises(ConfigurationError) as info:
            check(CLINIC, PET_GUARANTEE)
        assert info.value.field == "after"
        assert "Visit" in str(info.value)

    @pytest.mark.parametrize("check", [check_monotone, check_never_pays_less, check_no_worse])
    def test_naive_as_of_refused(self, check: Callable[..., None]) -> None:
        """A naive as_of raises NaiveDatetimeError naming as_of before any search."""
        with pytest.raises(NaiveDatetimeError) as info:
            _one(check)(CLINIC, as_of=dt.datetime(2026, 3, 1, 9, 0))
        assert info.value.field == "as_of"

    def test_as_of_must_be_a_moment(self) -> None:
        """An as_of that is neither a date nor a datetime raises InputTypeError naming it."""
        with pytest.raises(InputTypeError) as info:
            check_monotone(CLINIC, as_of=20260301)
        assert info.value.field == "as_of"

    def test_default_strategy_fits_facts_for(self) -> None:
        """A claims strategy made with facts_for over the policy's class is accepted."""
        check_monotone(CLINIC, claims=facts_for(Visit), max_examples=10)


class TestInvariantError:
    def test_public_and_an_assertion(self) -> None:
        """InvariantError reports safetycore.testing as its module and is an AssertionError."""
        assert InvariantError.__module__ == "safetycore.testing"
        assert issubclass(InvariantError, AssertionError)

    def test_pytest_sees_a_failed_assertion(self) -> None:
        """A broken promise is caught as an AssertionError, as pytest reports a failed test."""
        with pytest.raises(AssertionError):
            check_complete(UNLISTED_SPECIES, claims=visits(), max_examples=100)

"""Example: the pet-care guarantee's new version keeps the promises of the old one.

Version 2026-01 widened the reporting window from 48 to 72 hours. Three promises a policy
engineer states before shipping it, each checked in one line over claims hypothesis draws:
the new version never pays less than the old on the same claim, never turns an eligible
claim ineligible, and more information never flips a definite verdict. Run with pytest.
"""

from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
from safetycore.testing import check_monotone, check_never_pays_less, check_no_worse

OLD, NEW = PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01")


def test_the_new_version_never_pays_less() -> None:
    """On the same complete claim, 2026-01 pays at least what 2025-07 pays."""
    check_never_pays_less(OLD, NEW, max_examples=50)


def test_the_new_version_never_refuses_what_the_old_paid() -> None:
    """No claim eligible under 2025-07 is ineligible under 2026-01."""
    check_no_worse(OLD, NEW, max_examples=50)


def test_more_information_never_flips_a_verdict() -> None:
    """A definite verdict stays as it is when missing facts are filled in."""
    check_monotone(NEW, max_examples=50)

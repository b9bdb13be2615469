"""Fuzz safetycore.datasets: the sample-case generators."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from safetycore.datasets import (
    benefits_enrolments,
    guarantee_claims,
    pet_guarantee_claims,
    safety_incidents,
    support_tickets,
)
from tests.fuzz.junk import Entry, function, fuzz_test

# Small valid values: junk in one argument must not turn a call into minutes of data.
VALID = {
    "cases": st.integers(0, 30),
    "seed": st.integers(0, 2**32),
    "start": st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    "days": st.integers(1, 400),
    "zone": st.sampled_from(("America/New_York", "Europe/London", "UTC")),
    "country": st.sampled_from(("US", "GB")),
    "chunk_size": st.integers(1, 20),
}

ENTRIES: tuple[Entry, ...] = (
    function("datasets.support_tickets", support_tickets, **VALID),
    function("datasets.safety_incidents", safety_incidents, **VALID),
    function("datasets.guarantee_claims", guarantee_claims, **VALID),
    function(
        "datasets.benefits_enrolments",
        benefits_enrolments,
        **{name: VALID[name] for name in ("cases", "seed", "start", "days", "chunk_size")},
    ),
    function(
        "datasets.pet_guarantee_claims",
        pet_guarantee_claims,
        **{name: VALID[name] for name in ("cases", "seed", "start", "days", "chunk_size")},
    ),
)

EXEMPT: dict[str, str] = {}

test_only_safetycore_errors = fuzz_test(ENTRIES)

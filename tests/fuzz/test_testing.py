"""Fuzz safetycore.testing: the strategies' arguments (each drawn from) and ReferenceCalendar."""

from __future__ import annotations

from datetime import timedelta

import attrs
from hypothesis import strategies as st

from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.testing import (
    ReferenceCalendar,
    business_durations,
    calendars,
    case_histories,
    event_sequences,
    fact_values,
    facts_for,
    instants,
    invalid_histories,
    invoice_lines,
    pet_guarantee_claims,
    predicates_for,
    refinements,
    time_ranges,
    valid_histories,
    weekly_schedules,
    zones,
)
from tests.fuzz import samples as s
from tests.fuzz.junk import ZONE_NAMES, Entry, durations, function, fuzz_test, many, method
from tests.fuzz.junk import instants as good_instants

ORACLES = (ReferenceCalendar(s.CARE, horizon_days=30), ReferenceCalendar(s.RICH, horizon_days=30))
WORKFLOWS = many(s.WORKFLOWS)
STEPS = st.integers(0, 5)
YEARS = st.integers(2020, 2030)


def strategy(name: str, target: object, /, **valid: st.SearchStrategy[object]) -> Entry:
    """An entry for a strategy function: called with junk, then drawn from."""
    return attrs.evolve(function(name, target, **valid), draw_result=True)  # type: ignore[arg-type]


ENTRIES: tuple[Entry, ...] = (
    function(
        "testing.ReferenceCalendar",
        ReferenceCalendar,
        calendar=many(s.CALENDARS),
        horizon_days=st.integers(1, 60),
    ),
    method(
        "testing.ReferenceCalendar.open_intervals",
        ORACLES,
        start=good_instants(),
        end=good_instants(),
    ),
    method("testing.ReferenceCalendar.is_open", ORACLES, at=good_instants()),
    method(
        "testing.ReferenceCalendar.elapsed", ORACLES, start=good_instants(), end=good_instants()
    ),
    method("testing.ReferenceCalendar.add", ORACLES, start=good_instants(), duration=durations()),
    method("testing.ReferenceCalendar.next_open", ORACLES, at=good_instants()),
    method("testing.ReferenceCalendar.next_close", ORACLES, at=good_instants()),
    method("testing.ReferenceCalendar.is_business_day", ORACLES, day=st.dates()),
    method(
        "testing.ReferenceCalendar.add_business_days",
        ORACLES,
        start=good_instants(),
        days=st.integers(-5, 5),
    ),
    method(
        "testing.ReferenceCalendar.end_of_business_day",
        ORACLES,
        start=good_instants(),
        days=st.integers(0, 5),
    ),
    strategy(
        "testing.business_durations",
        business_durations,
        min_value=st.just(timedelta(0)),
        max_value=st.just(timedelta(days=2)),
    ),
    strategy(
        "testing.calendars",
        calendars,
        zone=many(ZONE_NAMES),
        hours=st.just(weekly_schedules()),
        min_year=st.just(2024),
        max_year=st.just(2026),
        holidays=st.booleans(),
        dated_rules=st.booleans(),
    ),
    strategy(
        "testing.case_histories",
        case_histories,
        case_id=st.just("C-1"),
        start=good_instants(),
        spread=st.just(timedelta(days=3)),
        max_events=st.integers(0, 5),
        max_gap=st.just(timedelta(days=1)),
        kinds=st.just(("customer_replied", "agent_public_reply")),
        priorities=st.just(("low", "urgent")),
    ),
    strategy(
        "testing.event_sequences",
        event_sequences,
        workflow=WORKFLOWS,
        min_steps=STEPS,
        max_steps=st.integers(5, 8),
    ),
    strategy("testing.fact_values", fact_values, spec=many(PET_GUARANTEE.fact_specs.values())),
    strategy(
        "testing.facts_for",
        facts_for,
        kind=st.just(PetGuaranteeClaim),
        missing=st.booleans(),
        not_applicable=st.booleans(),
        fixed=st.just({"cause": st.just("injury")}),
    ),
    strategy(
        "testing.instants",
        instants,
        zone=many(ZONE_NAMES),
        min_year=st.just(2024),
        max_year=st.just(2026),
        around=st.just(()),
    ),
    strategy("testing.invalid_histories", invalid_histories, workflow=WORKFLOWS, max_steps=STEPS),
    strategy("testing.valid_histories", valid_histories, workflow=WORKFLOWS, max_steps=STEPS),
    strategy("testing.invoice_lines", invoice_lines),
    strategy("testing.pet_guarantee_claims", pet_guarantee_claims, missing=st.booleans()),
    strategy(
        "testing.predicates_for",
        predicates_for,
        kind=st.just(PetGuaranteeClaim),
        max_leaves=st.integers(1, 4),
    ),
    strategy("testing.refinements", refinements, facts=many(s.CLAIMS)),
    strategy("testing.time_ranges", time_ranges, within_day=st.booleans()),
    strategy("testing.weekly_schedules", weekly_schedules),
    strategy("testing.zones", zones),
)

EXEMPT: dict[str, str] = {
    "testing.ZONES": "a tuple of zone names, nothing to call",
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

"""Fuzz safetycore.testing: the strategies' arguments (each drawn from) and ReferenceCalendar."""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.errors import SafetycoreError
from safetycore.testing import (
    ReferenceCalendar,
    business_durations,
    calendars,
    case_events,
    case_histories,
    check_each_path,
    closures,
    covering_paths,
    event_sequences,
    fact_values,
    facts_for,
    holiday_sources,
    hours_changes,
    instants,
    invalid_histories,
    invoice_lines,
    pet_guarantee_claims,
    predicates_for,
    refinements,
    shortest_paths,
    special_openings,
    state_machine_for,
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


class PropertyRaisedError(SafetycoreError):
    """What a junk property (``int``) raised when check_each_path called it: the caller's."""


@functools.wraps(check_each_path)
def each_path(*args: Any, **kwargs: Any) -> None:
    """``check_each_path`` with whatever the property itself raises set apart.

    A callable junk ``prop`` (``int``) fails when called on a case, as any broken property
    would; that is the property's error, not check_each_path's, so it is let through as a
    ``SafetycoreError``. Everything check_each_path raises itself is fuzzed as usual.
    """
    prop = kwargs.get("prop", args[1] if len(args) > 1 else None)
    if callable(prop):

        def guarded(case: object) -> object:
            try:
                return prop(case)
            except AssertionError:
                raise
            except Exception as error:
                raise PropertyRaisedError("it raised", field="prop", value=error) from error

        if "prop" in kwargs:
            kwargs["prop"] = guarded
        else:
            args = (args[0], guarded, *args[2:])
    check_each_path(*args, **kwargs)


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
    strategy("testing.case_events", case_events, case_id=st.just("C-1")),
    strategy("testing.closures", closures, min_year=st.just(2024), max_year=st.just(2026)),
    strategy("testing.holiday_sources", holiday_sources),
    strategy(
        "testing.hours_changes", hours_changes, min_year=st.just(2024), max_year=st.just(2026)
    ),
    strategy(
        "testing.special_openings",
        special_openings,
        min_year=st.just(2024),
        max_year=st.just(2026),
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
    function(
        "testing.state_machine_for",
        state_machine_for,
        workflow=WORKFLOWS,
        invariant=st.just(bool),
        data=st.just({}),
        evidence=st.just({}),
        opened_at=st.just(st.just(s.AT)),
    ),
    function("testing.shortest_paths", shortest_paths, workflow=WORKFLOWS),
    function("testing.covering_paths", covering_paths, workflow=WORKFLOWS),
    function(
        "testing.check_each_path",
        each_path,
        workflow=WORKFLOWS,
        prop=st.just(bool),
        paths=st.just([[]]),
        data=st.just({}),
        evidence=st.just({}),
    ),
)

_CHECKER = (
    "runs a hypothesis search itself (it cannot run inside this fuzz test's); its junk "
    "arguments are tested in tests/testing/test_eligibility_checks.py::TestArguments"
)

_SEARCHES = (
    "runs a hypothesis search of its own, which cannot nest in the fuzzer's @given; its "
    "argument checks are pinned in tests/testing/test_sla_checks.py"
)
EXEMPT: dict[str, str] = {
    "testing.CalendarExample": "a frozen record check_calendar_laws draws, built by it only",
    "testing.InvariantError": "an exception the checkers raise, not an entry point",
    "testing.ZONES": "a tuple of zone names, nothing to call",
    "testing.check_complete": _CHECKER,
    "testing.check_monotone": _CHECKER,
    "testing.check_never_pays_less": _CHECKER,
    "testing.check_no_worse": _CHECKER,
    "testing.check_calendar_laws": _SEARCHES,
    "testing.check_sla_bound": _SEARCHES,
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

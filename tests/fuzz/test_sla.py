"""Fuzz safetycore.sla: calendars, schedules, closures, policies, clocks and their methods."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from safetycore.sla import (
    BusinessDays,
    Calendar,
    CaseAttributes,
    ClockState,
    Closure,
    Condition,
    CycleResult,
    Deadline,
    EndOfBusinessDay,
    HolidaySource,
    HoursChange,
    Metric,
    OpenInterval,
    Policy,
    PolicyVersion,
    SlaPolicy,
    SlaReport,
    SpecialOpening,
    Target,
    TimeRange,
    VersionedCalendar,
    Versioning,
    WeeklySchedule,
    evaluate,
    evaluate_many,
)
from tests.fuzz import samples as s
from tests.fuzz.junk import (
    ZONE_NAMES,
    Entry,
    durations,
    function,
    fuzz_test,
    instants,
    like,
    many,
    method,
    spoiled,
)

CALENDARS = many(s.CALENDARS)
SCHEDULES = many((s.HOURS, s.NIGHTS, WeeklySchedule.always(), WeeklySchedule.closed()))
ZONES = many(ZONE_NAMES)
DAYS = st.integers(0, 30)
HISTORIES = st.just(s.HISTORY)
POLICIES = st.just(s.SLA_POLICY)
SCHEDULE_SPECS = many(
    (
        {"mon-fri": "08:00-18:00"},
        {"mon-fri": ["09:00-12:00", "13:00-17:00"], "sat": "22:00-02:00"},
        {"sun": "00:00-24:00"},
    )
)
INTERVAL = s.CARE.open_intervals(s.AT, s.AT + timedelta(days=2))[0]

ENTRIES: tuple[Entry, ...] = (
    function(
        "sla.Calendar",
        Calendar,
        zone=ZONES,
        hours=SCHEDULES,
        hours_changes=st.just([s.CHANGE]),
        closures=st.just([s.CLOSURE]),
        openings=st.just([s.OPENING]),
        holidays=st.just([s.HOLIDAYS]),
    ),
    function("sla.Calendar.always", Calendar.always, zone=ZONES),
    function(
        "sla.Calendar.from_dict",
        Calendar.from_dict,
        data=st.one_of(spoiled(s.RICH.to_dict()), spoiled(s.CARE.to_dict())),
    ),
    method("sla.Calendar.to_dict", s.CALENDARS),
    method("sla.Calendar.is_open", CALENDARS, at=instants()),
    method("sla.Calendar.next_open", CALENDARS, at=instants()),
    method("sla.Calendar.next_close", CALENDARS, at=instants()),
    method("sla.Calendar.previous_open", CALENDARS, at=instants()),
    method("sla.Calendar.previous_close", CALENDARS, at=instants()),
    method("sla.Calendar.open_intervals", CALENDARS, start=instants(), end=instants()),
    method("sla.Calendar.elapsed", CALENDARS, start=instants(), end=instants()),
    method("sla.Calendar.add", CALENDARS, start=instants(), duration=durations()),
    method("sla.Calendar.is_business_day", CALENDARS, day=st.dates()),
    method("sla.Calendar.add_business_days", CALENDARS, start=instants(), days=DAYS),
    method("sla.Calendar.end_of_business_day", CALENDARS, start=instants(), days=DAYS),
    function("sla.WeeklySchedule", WeeklySchedule, days=st.just(s.HOURS.days)),
    function(
        "sla.WeeklySchedule.parse", WeeklySchedule.parse, spec=SCHEDULE_SPECS.flatmap(spoiled)
    ),
    function("sla.WeeklySchedule.always", WeeklySchedule.always),
    function("sla.WeeklySchedule.closed", WeeklySchedule.closed),
    method("sla.WeeklySchedule.to_dict", (s.HOURS, s.NIGHTS)),
    function("sla.TimeRange", TimeRange, **like(s.TIME_RANGE)),
    function("sla.TimeRange.parse", TimeRange.parse, text=many(("09:00-17:00", "22:00-06:00"))),
    function("sla.Closure", Closure, date=st.dates(), times=st.just("12:00-13:00"), name=st.text()),
    function("sla.Closure.from_dict", Closure.from_dict, data=spoiled(s.CLOSURE.to_dict())),
    method("sla.Closure.to_dict", (s.CLOSURE,)),
    method("sla.Closure.sort_key", (s.CLOSURE,)),
    function("sla.SpecialOpening", SpecialOpening, **like(s.OPENING)),
    function(
        "sla.SpecialOpening.from_dict", SpecialOpening.from_dict, data=spoiled(s.OPENING.to_dict())
    ),
    method("sla.SpecialOpening.to_dict", (s.OPENING,)),
    function(
        "sla.HolidaySource",
        HolidaySource,
        country=many(("US", "GB", "DE")),
        subdivision=many(("CA", None)),
        observed=st.booleans(),
        categories=many(({"public"}, {"public", "government"}, ["bank"], ("school",))),
    ),
    function(
        "sla.HolidaySource.from_dict",
        HolidaySource.from_dict,
        data=spoiled(
            {
                "country": "US",
                "subdivision": "CA",
                "observed": False,
                "categories": ["government", "public"],
            }
        ),
    ),
    method("sla.HolidaySource.to_dict", (s.HOLIDAYS, s.FEDERAL_HOLIDAYS)),
    method(
        "sla.HolidaySource.dates",
        (s.HOLIDAYS, s.FEDERAL_HOLIDAYS),
        years=st.lists(st.integers(2000, 2030)),
    ),
    function("sla.HoursChange", HoursChange, effective=st.dates(), hours=SCHEDULES),
    function("sla.VersionedCalendar", VersionedCalendar, **like(s.VERSIONED)),
    function(
        "sla.Target",
        Target,
        **{
            **like(s.TARGET),
            "within": many((s.TARGET.within, BusinessDays(2), EndOfBusinessDay(0))),
        },
    ),
    function("sla.BusinessDays", BusinessDays, days=st.integers(1, 30)),
    function("sla.EndOfBusinessDay", EndOfBusinessDay, days=DAYS),
    method(
        "sla.Target.budget_us",
        (s.TARGET, s.DAY_TARGET, s.END_OF_DAY_TARGET),
        start_us=st.integers(-(2**62), 2**62),
    ),
    function("sla.Condition", Condition, **like(s.CONDITION)),
    method("sla.Condition.matches", (s.CONDITION, Condition()), case=st.just(s.ATTRIBUTES)),
    function("sla.CaseAttributes", CaseAttributes, **like(s.ATTRIBUTES)),
    function("sla.Metric", Metric, **like(s.METRIC)),
    function("sla.Policy", Policy, **like(s.SLA_POLICY_PART)),
    method("sla.Policy.target", (s.SLA_POLICY_PART, s.URGENT), metric=st.just("first_reply")),
    function("sla.PolicyVersion", PolicyVersion, **like(s.SLA_VERSION)),
    method("sla.PolicyVersion.select", (s.SLA_VERSION,), case=st.just(s.ATTRIBUTES)),
    function("sla.SlaPolicy", SlaPolicy, **like(s.SLA_POLICY)),
    method(
        "sla.SlaPolicy.version_at",
        (s.SLA_POLICY,),
        micros=st.integers(0, 2**62),
    ),
    method("sla.SlaPolicy.version_named", (s.SLA_POLICY,), version=st.just("1")),
    method("sla.SlaPolicy.to_dict", (s.SLA_POLICY, s.DAY_POLICY), inline_calendars=st.booleans()),
    function(
        "sla.SlaPolicy.from_dict",
        SlaPolicy.from_dict,
        data=st.one_of(spoiled(s.SLA_POLICY.to_dict()), spoiled(s.DAY_POLICY.to_dict())),
        calendars=many((None, {"care": s.VERSIONED})),
    ),
    function(
        "sla.ClockState",
        ClockState,
        policy=POLICIES,
        case_id=st.just("T-1"),
        versioning=many(Versioning),
        events=st.just(s.EVENTS),
        version=many((None, "1", "2026-Q4")),
    ),
    method("sla.ClockState.apply", (s.CLOCK,), event=st.just(s.REPLY)),
    method("sla.ClockState.evaluate", (s.CLOCK,), as_of=instants()),
    method("sla.ClockState.next_deadline", (s.CLOCK,), as_of=instants()),
    method("sla.ClockState.to_dict", (s.CLOCK,)),
    function(
        "sla.ClockState.from_dict",
        ClockState.from_dict,
        data=st.one_of(spoiled(s.CLOCK.to_dict()), spoiled(s.NAMED_CLOCK.to_dict())),
        policy=POLICIES,
    ),
    function(
        "sla.evaluate",
        evaluate,
        history=HISTORIES,
        policy=POLICIES,
        as_of=instants(),
        versioning=many(Versioning),
        version=many((None, "1")),
    ),
    function(
        "sla.evaluate_many",
        evaluate_many,
        histories=st.just([s.HISTORY]),
        policy=POLICIES,
        as_of=instants(),
        versioning=many(Versioning),
        version=many((None, "1")),
    ),
    function("sla.SlaReport", SlaReport, **like(s.REPORT)),
    method("sla.SlaReport.metric", (s.REPORT,), name=st.just("first_reply")),
    method("sla.SlaReport.latest", (s.REPORT,), name=st.just("resolution")),
    method("sla.SlaReport.render", (s.REPORT,)),
    function("sla.CycleResult", CycleResult, **like(s.CYCLE)),
    method("sla.CycleResult.describe", s.REPORT.cycles),
    function("sla.Deadline", Deadline, **like(s.DEADLINE)),
    function("sla.OpenInterval", OpenInterval, **like(INTERVAL)),
)

EXEMPT: dict[str, str] = {
    "sla.AGENT_WORK_TIME": "a Metric constant; Metric itself is fuzzed",
    "sla.FIRST_REPLY": "a Metric constant; Metric itself is fuzzed",
    "sla.NEXT_REPLY": "a Metric constant; Metric itself is fuzzed",
    "sla.PERIODIC_UPDATE": "a Metric constant; Metric itself is fuzzed",
    "sla.REQUESTER_WAIT_TIME": "a Metric constant; Metric itself is fuzzed",
    "sla.RESOLUTION": "a Metric constant; Metric itself is fuzzed",
    "sla.TIME_TO_ANSWER": "a Metric constant; Metric itself is fuzzed",
    "sla.SIGNALS": "a frozenset of signal names, nothing to call",
    "sla.STANDARD_METRICS": "a tuple of the Metric constants, nothing to call",
    "sla.CycleState": "an enum class; its members are fuzzed as junk",
    "sla.Restart": "an enum class; its members are fuzzed as junk",
    "sla.Versioning": "an enum class; its members are fuzzed as junk",
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

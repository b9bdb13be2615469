"""Real, valid safetycore values: the arguments a fuzz call keeps while one other is junk.

Built once at import, so that drawing them costs nothing and the first example of a test is
not the one that pays for compiling a calendar.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from safetycore.eligibility import (
    Anything,
    DecisionTable,
    Exclusion,
    F,
    Input,
    InvoiceLine,
    OneOf,
    Param,
    Parameter,
    Payout,
    Range,
    Row,
    Rule,
    business_days,
    compare,
    days,
    decide,
    decide_many,
    hours,
)
from safetycore.eligibility import Policy as EligibilityPolicy
from safetycore.eligibility import PolicyVersion as EligibilityVersion
from safetycore.eligibility import Requirement as EligibilityRequirement
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT, EnrolmentRequest
from safetycore.events import CaseEvent, CaseHistory, Channel, StatusMap
from safetycore.sla import (
    FIRST_REPLY,
    BusinessDays,
    Calendar,
    CaseAttributes,
    ClockState,
    Closure,
    Condition,
    EndOfBusinessDay,
    HolidaySource,
    HoursChange,
    Policy,
    PolicyVersion,
    SlaPolicy,
    SpecialOpening,
    Target,
    TimeRange,
    VersionedCalendar,
    WeeklySchedule,
    evaluate,
)
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    SUPPORT_TICKET,
    Actor,
    Attempt,
    Refusal,
    Requirement,
    Status,
    Step,
    available,
    fire,
    open_case,
    validate_histories,
)

CHI = ZoneInfo("America/Chicago")
NY = ZoneInfo("America/New_York")
AT = datetime(2025, 11, 26, 16, 30, tzinfo=CHI)

# --- sla --------------------------------------------------------------------------------------
HOURS = WeeklySchedule.parse({"mon-fri": "08:00-18:00"})
NIGHTS = WeeklySchedule.parse({"mon-fri": "22:00-06:00", "sat": "10:00-14:00"})
CARE = Calendar.from_dict(
    {
        "zone": "America/Chicago",
        "hours": {"mon-fri": "08:00-18:00"},
        "holidays": [{"country": "US"}],
    }
)
CLOSURE = Closure("2025-12-24", "12:00-18:00", name="Christmas Eve")
OPENING = SpecialOpening("2025-12-27", "10:00-14:00", name="Saturday sale")
CHANGE = HoursChange("2026-01-01", NIGHTS)
HOLIDAYS = HolidaySource("US")
FEDERAL_HOLIDAYS = HolidaySource("US", categories={"public", "government"})
RICH = Calendar(
    "America/New_York",
    HOURS,
    hours_changes=[CHANGE],
    closures=[CLOSURE, Closure("2025-12-31")],
    openings=[OPENING],
    holidays=[HOLIDAYS],
)
ALWAYS = Calendar.always()
CALENDARS = (CARE, RICH, ALWAYS, Calendar.always("Australia/Lord_Howe"))
TIME_RANGE = TimeRange.parse("09:00-17:00")
VERSIONED = VersionedCalendar("care", "2025", CARE)
TARGET = Target("first_reply", timedelta(hours=8), VERSIONED)
DAY_TARGET = Target("resolution", BusinessDays(2), VERSIONED)
END_OF_DAY_TARGET = Target("first_reply", EndOfBusinessDay(1), VERSIONED)
CONDITION = Condition(priority="urgent")
SLA_POLICY_PART = Policy(
    "standard",
    [TARGET, Target("resolution", timedelta(hours=30), VERSIONED)],
)
URGENT = Policy("urgent", [Target("first_reply", timedelta(hours=1), VERSIONED)], when=CONDITION)
SLA_VERSION = PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), [URGENT, SLA_POLICY_PART])
SLA_POLICY = SlaPolicy("care", [SLA_VERSION])
ATTRIBUTES = CaseAttributes(priority="urgent", channel=Channel.EMAIL)
METRIC = FIRST_REPLY

# --- events -----------------------------------------------------------------------------------
STATUSES = StatusMap({"Escalated": "open", "Waiting": "pending"})
DAY_POLICY = SlaPolicy(
    "days",
    [
        PolicyVersion(
            "1",
            datetime(2025, 1, 1, tzinfo=UTC),
            [Policy("all", [END_OF_DAY_TARGET, DAY_TARGET], when=CONDITION)],
        )
    ],
    statuses=STATUSES,
)
CREATED = CaseEvent("T-1", AT, "created", actor="customer:42")
REPLY = CaseEvent(
    "T-1", AT + timedelta(hours=1), "agent_replied", actor="agent:1", data={"public": True}
)
HISTORY = CaseHistory("T-1", [CREATED, REPLY])
EVENTS = (CREATED, REPLY)
CLOCK = ClockState(SLA_POLICY, "T-1").apply(CREATED)
NAMED_CLOCK = ClockState(SLA_POLICY, "T-1", version="1").apply(CREATED)
REPORT = evaluate(HISTORY, SLA_POLICY, AT + timedelta(days=2))
CYCLE = REPORT.cycles[0]
DEADLINE = CLOCK.next_deadline(AT)

# --- workflow ---------------------------------------------------------------------------------
WORKFLOWS = (SUPPORT_TICKET, SAFETY_INCIDENT, GUARANTEE_CLAIM)
CUSTOMER = Actor("customer:1")
AGENT = Actor("agent:1", roles={"agent"})
ACTORS = (CUSTOMER, AGENT, Actor("lead:1", roles={"agent", "lead"}))
CASE = open_case(SUPPORT_TICKET, "T-1", at=AT, actor=CUSTOMER)
WORKED = fire(SUPPORT_TICKET, CASE, "start_work", at=AT + timedelta(minutes=5), actor=AGENT)
CASES = (CASE, WORKED)
RECORD = WORKED.trail[-1]
RECORDS = WORKED.trail
STATUS = Status("triage", "open", label="Triage")
STEP = Step("triage", "new", "triage", roles={"agent"})
WF_REQUIREMENT = Requirement.data("amount")
REFUSAL = Refusal("role", "needs the agent role")
AVAILABILITY = available(SUPPORT_TICKET, CASE, CUSTOMER, at=AT)
BULK = validate_histories(SUPPORT_TICKET, [["start_work"], ["nonsense"]])
ATTEMPT = Attempt(CASE, "start_work", AGENT, AT, {}, {}, frozenset())
EVENT_NAMES = tuple(sorted({step.event for flow in WORKFLOWS for step in flow.steps}))

# --- eligibility ------------------------------------------------------------------------------
CLAIM = PetGuaranteeClaim(incident_date=dt.date(2026, 3, 2), cause="illness")
FULL_CLAIM = PetGuaranteeClaim(
    incident_date=dt.date(2026, 3, 2),
    booked_on_platform=True,
    paid_on_platform=True,
    service="boarding",
    cause="injury",
    booking_ended_at=datetime(2026, 3, 5, 18, tzinfo=NY),
    documents=frozenset({"itemised_vet_invoice"}),
)
ENROLMENT = EnrolmentRequest(event="new_hire", event_date=dt.date(2026, 1, 5))
CLAIMS = (CLAIM, FULL_CLAIM, PetGuaranteeClaim())
POLICIES = (PET_GUARANTEE, GROUP_HEALTH_ENROLMENT)
DECISION = decide(PET_GUARANTEE, FULL_CLAIM)
BATCH = decide_many(PET_GUARANTEE, CLAIMS)
PINNED = PET_GUARANTEE.pinned(PET_GUARANTEE.versions[0].version)
COMPARISON = compare(PINNED, PET_GUARANTEE, CLAIMS)
PREDICATE = F.booked_on_platform.is_true()
VALUE = F.incident_date
RULE = Rule("booked", "Booked on the platform", PREDICATE)
EXCLUSION = Exclusion("preventive", "Preventive care", F.cause.equals("preventive"))
EVIDENCE = next(
    rule for rule in PET_GUARANTEE.versions[-1].rules if type(rule).__name__ == "Evidence"
)
PAYOUT = PET_GUARANTEE.versions[-1].payout
PARAMETER = Parameter(5, "terms section 2")
PARAM = Param("documents_within_days")
LENGTH = days(3)
BUSINESS_LENGTH = business_days(2, CARE)
HOURS_LENGTH = hours(48)
LINE = InvoiceLine("consultation", Decimal("120.00"), date=dt.date(2026, 3, 3))
PARAMETERS = PET_GUARANTEE.versions[-1].parameters
PAYOUT_RESULT = PAYOUT.compute((LINE,), PARAMETERS, dt.date(2026, 3, 2)) if PAYOUT else None
RULE_RESULT = DECISION.results[0]
ELIGIBILITY_REQUIREMENT = next(iter(decide(PET_GUARANTEE, PetGuaranteeClaim()).requirements), None)
SPEC = next(iter(PET_GUARANTEE.fact_specs.values()))
TABLE = DecisionTable(
    "pet premium",
    (Input("species", domain={"dog", "cat", "rabbit"}), Input("age")),
    (
        Row(('"dog"', "< 8"), Decimal("30.00")),
        Row(('"dog"', ">= 8"), Decimal("45.00"), label="senior dog"),
        Row(('"cat"', "-"), Decimal("20.00")),
        Row(('"rabbit"', "-"), Decimal("12.50")),
    ),
)
ROW = TABLE.rows[0]
# Every payout step: a fixed benefit from TABLE (species, age), a share, co-insurance, a cap.
FULL_PAYOUT = Payout(
    Decimal("10"),
    Decimal("1000"),
    limits={"consultation": Decimal("100")},
    pays_percent=Decimal("80"),
    benefit=TABLE,
)
INPUT = TABLE.inputs[0]
CELLS = (Anything(), OneOf({"dog", "cat"}), Range(1, 8))
SMALL_POLICY = EligibilityPolicy(
    id="demo",
    title="Demo guarantee",
    facts=PetGuaranteeClaim,
    decided_by="incident_date",
    versions=[EligibilityVersion("1", dt.date(2026, 1, 1), [RULE, EXCLUSION])],
)
CHANGE_SAMPLE = COMPARISON.changes[0] if COMPARISON.changes else None

# --- analysis ---------------------------------------------------------------------------------
CLAIM_FRAME = pd.DataFrame(
    {
        "incident_date": pd.to_datetime(["2026-03-02", "2026-03-02", None]),
        "booked_on_platform": [True, False, True],
        "paid_on_platform": [True, True, None],
        "service": ["boarding", "meet_and_greet", "boarding"],
        "cause": ["injury", "not applicable", None],
        "booking_ended_at": pd.to_datetime(["2026-03-05 18:00"] * 3).tz_localize(
            "America/New_York"
        ),
        "documents": [["itemised_vet_invoice"], [], None],
    },
    index=["A", "B", "C"],
)
STARTS = pd.Series(pd.to_datetime(["2025-11-26 16:30", "2025-11-28 09:00"]).tz_localize(CHI))
ENDS = STARTS + pd.Timedelta(hours=30)
DURATIONS = pd.Series([pd.Timedelta(hours=8), pd.Timedelta(minutes=1)])


def _present(*values: Any) -> tuple[Any, ...]:
    return tuple(value for value in values if value is not None)


# Real safetycore values, handed where a value of another kind belongs.
WRONG_KINDS: tuple[Any, ...] = _present(
    CARE,
    HOURS,
    TIME_RANGE,
    CLOSURE,
    OPENING,
    CHANGE,
    HOLIDAYS,
    FEDERAL_HOLIDAYS,
    VERSIONED,
    TARGET,
    DAY_TARGET,
    END_OF_DAY_TARGET,
    CONDITION,
    SLA_POLICY_PART,
    SLA_VERSION,
    SLA_POLICY,
    ATTRIBUTES,
    METRIC,
    STATUSES,
    CREATED,
    HISTORY,
    CLOCK,
    NAMED_CLOCK,
    REPORT,
    CYCLE,
    DEADLINE,
    SUPPORT_TICKET,
    AGENT,
    CASE,
    RECORD,
    STATUS,
    STEP,
    WF_REQUIREMENT,
    REFUSAL,
    AVAILABILITY,
    BULK,
    CLAIM,
    ENROLMENT,
    PET_GUARANTEE,
    DECISION,
    BATCH,
    COMPARISON,
    PREDICATE,
    VALUE,
    RULE,
    EXCLUSION,
    EVIDENCE,
    PAYOUT,
    FULL_PAYOUT,
    PARAMETER,
    PARAM,
    LENGTH,
    LINE,
    PAYOUT_RESULT,
    RULE_RESULT,
    ELIGIBILITY_REQUIREMENT,
    SPEC,
    TABLE,
    ROW,
    INPUT,
    *CELLS,
    EligibilityRequirement,
    CLAIM_FRAME,
)

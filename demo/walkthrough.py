"""A closer look: calendars, case workflows, SLA clocks and eligibility, case by case.

Reads demo/data/ (team calendars as plain dicts, tickets as CSV, an incident and a claim as
JSON steps, case event histories as JSON, guarantee claims as CSV) and shows what an agent
would see, edge by edge. ``make demo`` runs it after the main report (``demo/run.py``).
Every instant is printed in one format, in the case's own zone, with the year (``when``).
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pandas as pd

from safetycore import analysis
from safetycore.eligibility import InvoiceLine, compare, decide
from safetycore.eligibility.benefits import Entry, SpecialEnrolmentEvent, WaitingPeriod
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
from safetycore.eligibility.us_benefits import (
    GROUP_HEALTH_ENROLMENT,
    EnrolmentRequest,
    coverage_start,
)
from safetycore.errors import SafetycoreError, TransitionRefusedError
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    Condition,
    CycleResult,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
)
from safetycore.workflow import (
    GUARANTEE_CLAIM,
    SAFETY_INCIDENT,
    Actor,
    Workflow,
    available,
    fire,
    open_case,
)

DATA = Path(__file__).parent / "data"


def when(at: datetime) -> str:
    """The one way an instant is printed, as the library's displays print it.

    ``Wed 2025-11-26 16:30 CST``: weekday, ISO date with the year, 24-hour time, the zone's
    abbreviation.
    """
    return f"{at:%a %Y-%m-%d %H:%M} {at.tzname()}"


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60}h{minutes % 60:02d}"


def _title(text: str) -> None:
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}")


def calendars_section() -> dict[str, Calendar]:
    _title("1. Business-time calendars")
    with (DATA / "calendars.json").open() as handle:
        calendars = {name: Calendar.from_dict(spec) for name, spec in json.load(handle).items()}
    with (DATA / "tickets.csv").open() as handle:
        tickets = list(csv.DictReader(handle))

    print("Team calendars (plain dicts in demo/data/calendars.json):")
    for name, cal in calendars.items():
        print(f"  {name:22} {cal.zone:18} {cal.hours.to_dict()}")

    print("\nFirst-reply SLA per ticket, in each team's business time:")
    for row in tickets:
        cal = calendars[row["team"]]
        opened = datetime.fromisoformat(row["opened_at"])
        replied = datetime.fromisoformat(row["replied_at"])
        target = timedelta(hours=int(row["first_reply_target_hours"]))
        due = cal.add(opened, target)
        used = cal.elapsed(opened, replied)
        verdict = "met" if replied <= due else "BREACHED"
        print(f"\n  {row['ticket']} ({row['team']}), target {_hours(target)} business time")
        opened = opened.astimezone(cal.tz)
        replied = replied.astimezone(cal.tz)
        state = "open" if cal.is_open(opened) else "closed"
        print(f"    opened       {when(opened)} (the team was {state} then)")
        print(f"    work starts  {when(cal.next_open(opened))}")
        print(f"    due          {when(due)}")
        print(f"    replied      {when(replied)}, {_hours(used)} used -> {verdict}")
        print(f"    resolve by   {when(cal.end_of_business_day(opened, 3))} (end of the third")
        print("                 business day after the day it was opened)")

    print("\nEdges, computed exactly:")
    care = calendars["payroll-care"]
    wed = datetime.fromisoformat("2025-11-26T17:00:00-06:00")
    print(
        f"  Thanksgiving: Wed 17:00 + 2h -> {when(care.add(wed, timedelta(hours=2)))}"
        " (Thu holiday, Fri 08:00-09:00 used)"
    )
    nights = calendars["trust-safety-nights"]
    for label, night in (
        ("spring", "2025-03-29T22:00:00+00:00"),
        ("autumn", "2025-10-25T22:00:00+01:00"),
    ):
        start = datetime.fromisoformat(night)
        shift = nights.open_intervals(start, start + timedelta(hours=12))[0]
        print(
            f"  UK {label} change: Saturday night shift {shift.start:%H:%M %Z} -> "
            f"{shift.end:%H:%M %Z} holds {_hours(shift.duration)} of real time"
        )
    line = calendars["pet-emergency-line"]
    fold = datetime.fromisoformat("2025-11-02T00:30:00-04:00")
    print(
        "  24/7 across the US fall-back: 00:30 EDT + 2h -> "
        f"{when(line.add(fold, timedelta(hours=2)))} (two real hours; a wall-clock sum would say"
        " 02:30)"
    )

    print("\nAnalyst view: the payroll-care tickets as pandas columns (bulk path):")
    frame = pd.DataFrame(tickets)
    frame = frame[frame["team"] == "payroll-care"]
    opened = pd.to_datetime(frame["opened_at"], utc=True)
    replied = pd.to_datetime(frame["replied_at"], utc=True)
    used = analysis.elapsed(care, opened, replied)
    for ticket, at, spent in zip(frame["ticket"], opened, used, strict=True):
        print(f"  {ticket}  opened {when(at.tz_convert(care.tz))}  {_hours(spent)} to reply")
    return calendars


def _run_case(workflow: Workflow, spec: dict[str, object]) -> None:
    zone = ZoneInfo(str(spec["zone"]))  # the team's zone: every instant is shown in it
    opened = spec["opened"]
    assert isinstance(opened, dict)
    case = open_case(
        workflow,
        str(spec["case_id"]),
        at=datetime.fromisoformat(opened["at"]),
        actor=Actor(opened["actor"]),
        via=opened["via"],
        data=opened["data"],
    )
    print(f"\n{case.case_id} ({workflow.name} v{workflow.version}) opened: {case.status}")
    steps = spec["steps"]
    assert isinstance(steps, list)
    for step in steps:
        actor = Actor(step["actor"], step["roles"])
        try:
            case = fire(
                workflow,
                case,
                step["event"],
                at=datetime.fromisoformat(step["at"]),
                actor=actor,
                data=step.get("data", {}),
                evidence=step.get("evidence", ()),
            )
            print(f"  {step['event']:20} by {actor.id:18} -> {case.status}")
        except TransitionRefusedError as refusal:
            print(f"  {step['event']:20} by {actor.id:18} REFUSED (case unchanged: {case.status})")
            for reason in refusal.reasons:
                print(f"      - {reason.reason}")
    now = case.trail[-1].at
    agent = Actor("claims:eve", {"claims_agent"}) if workflow is GUARANTEE_CLAIM else None
    if agent is not None:
        options = available(workflow, case, agent, at=now)
        print(f"  {agent.id} may now: {', '.join(options.allowed) or 'nothing'}")
    print("  audit trail:")
    for record in case.trail:
        print(
            f"    #{record.sequence} {when(record.at.astimezone(zone))} {record.actor:18} "
            f"{record.event:18} {record.from_status or '-':>16} -> {record.to_status}"
        )


def workflows_section() -> None:
    _title("2. Case workflows: an incident and a claim, with refused steps and their reasons")
    with (DATA / "claim_and_incident.json").open() as handle:
        specs = json.load(handle)
    _run_case(SAFETY_INCIDENT, specs["incident"])
    _run_case(GUARANTEE_CLAIM, specs["claim"])


def clocks_section(care: Calendar) -> None:
    _title("3. SLA clocks, as an agent sees them")
    hours = VersionedCalendar("payroll-care hours", "2025", care)
    always = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))
    hour = timedelta(hours=1)
    policy = SlaPolicy(
        "payroll-care",
        [
            PolicyVersion(
                "2025.1",
                datetime.fromisoformat("2025-01-01T00:00:00-06:00"),
                [
                    Policy(
                        "urgent",
                        [
                            Target("first_reply", hour, always),
                            Target("periodic_update", 2 * hour, always),
                            Target("resolution", 24 * hour, always),
                        ],
                        when=Condition(priority="urgent"),
                    ),
                    Policy(
                        "standard",
                        [
                            Target("first_reply", 8 * hour, hours),
                            Target("next_reply", 4 * hour, hours),
                            Target("resolution", 30 * hour, hours),
                        ],
                    ),
                ],
            )
        ],
    )
    with (DATA / "sla_cases.json").open() as handle:
        data = json.load(handle)
    as_of = datetime.fromisoformat(data["as_of"]).astimezone(care.tz)
    for case_id, rows in data["cases"].items():
        events = [
            CaseEvent(case_id, datetime.fromisoformat(at), kind, actor=actor, data=extra)
            for at, kind, actor, extra in rows
        ]
        report = evaluate(CaseHistory(case_id, events), policy, as_of)
        print(f"\n{case_id} as of {when(as_of)} under {report.policy} v{report.policy_version}")
        for cycle in report:
            if cycle.target is not None:  # metrics without a target are tracked, not shown here
                print(f"  {_cycle_line(cycle, care.tz)}")


def _cycle_line(cycle: CycleResult, zone: Any) -> str:
    """One clock cycle: its state, the business time used of its target, and its instant."""
    used = _hours(cycle.business_elapsed or timedelta(0))
    target = _hours(cycle.target or timedelta(0))
    state = cycle.state.value.replace("_", " ")
    head = f"{cycle.metric} #{cycle.cycle}: {state}, {used} of {target} business time"
    if cycle.met_at is not None:
        return f"{head}, met {when(cycle.met_at.astimezone(zone))}"
    if cycle.breached_at is not None:
        return f"{head}, breached since {when(cycle.breached_at.astimezone(zone))}"
    if cycle.due_at is not None:
        return f"{head}, due {when(cycle.due_at.astimezone(zone))}"
    return head


def _guarantee_claims() -> pd.DataFrame:
    """The claims CSV as typed facts: dates, aware datetimes, document sets, invoice lines."""
    frame = pd.read_csv(DATA / "guarantee_claims.csv", index_col="claim", dtype=str)
    typed: dict[str, list[object]] = {}
    for column in frame.columns:
        cells: list[object] = []
        for text in frame[column]:
            if column == "documents":  # an empty cell: we know nothing has arrived
                cells.append(frozenset(text.split(";")) if isinstance(text, str) else frozenset())
            elif not isinstance(text, str):
                cells.append(None)  # missing
            elif column == "invoice":
                lines = [part.split(":") for part in text.split("|")]
                cells.append(
                    tuple(
                        InvoiceLine(cat, Decimal(amount), date=date.fromisoformat(day))
                        for cat, amount, day in lines
                    )
                )
            elif text in ("true", "false"):
                cells.append(text == "true")
            elif column.endswith("_at"):
                cells.append(datetime.fromisoformat(text))
            elif column in ("incident_date", "service_start", "service_end", "first_vet_visit"):
                cells.append(date.fromisoformat(text))
            else:
                cells.append(text)
        typed[column] = cells
    return pd.DataFrame(typed, index=frame.index, dtype=object)


def eligibility_section() -> None:
    _title("4. Eligibility: guarantee claims decided, with every reason, need and amount")
    claims = _guarantee_claims()
    as_of = date(2026, 5, 20)
    result = analysis.decide_frame(PET_GUARANTEE, claims, as_of=as_of)
    print(f"{len(claims)} claims from demo/data/guarantee_claims.csv, decided as of {as_of}:\n")
    print(f"  {'claim':7} {'verdict':11} {'version':8} {'amount':>22}  reasons / still needed")
    for label, row in result.decisions.iterrows():
        if not pd.isna(row["payable"]):
            amount = f"pays {row['payable']:,.2f} USD"
        elif not pd.isna(row["would_pay"]):
            amount = f"would pay {row['would_pay']:,.2f} USD"
        else:
            amount = "no payout"
        why = (row["reasons"] or row["needs"] or "").replace(";", ", ")
        print(f"  {label:7} {row['verdict']:11} {row['version']:8} {amount:>22}  {why}")
    for i, label in enumerate(claims.index):
        print(f"\n--- {label} ---")
        print(result.batch[i].render())

    print("\nPer-rule outcome counts (an analyst's view):")
    print(result.counts.to_string())

    print(
        f"\nWhat-if: the same {len(claims)} claims, all decided under version 2025-07"
        " (48 h reporting window), then all under 2026-01 (72 h):"
    )
    older, newer = PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01")
    report = compare(older, newer, result.batch.claims, as_of=as_of, labels=list(claims.index))
    print(report.render())

    _title("5. Eligibility: a benefits enrolment and the 90-day waiting-period check")
    request = EnrolmentRequest(
        event=SpecialEnrolmentEvent.BIRTH,
        event_date=date(2026, 5, 3),
        request_date=date(2026, 6, 4),
        hours_in_month=Decimal("134.5"),
        documents=frozenset(),
    )
    print(decide(GROUP_HEALTH_ENROLMENT, request).render())
    on_time = attrs.evolve(request, request_date=date(2026, 6, 2))
    print()
    print(decide(GROUP_HEALTH_ENROLMENT, on_time).render())
    print(f"Coverage starts on {coverage_start(on_time)} (a birth: the day of the birth).")
    print("\nA plan whose waiting period is 'first of the month strictly after 60 days':")
    try:
        WaitingPeriod(60, Entry.FIRST_OF_MONTH_AFTER)
    except SafetycoreError as error:
        print(f"  refused: {error}")


def main() -> None:
    """Every section, in order."""
    calendars = calendars_section()
    workflows_section()
    clocks_section(calendars["payroll-care"])
    eligibility_section()


if __name__ == "__main__":
    main()

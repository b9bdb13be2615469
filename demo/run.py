"""safetycore demo: business-time deadlines for a few real-looking tickets.

Reads the shipped sample data in demo/data/ (team calendars as plain dicts, tickets as CSV),
then shows what an agent and an analyst would see. Run with ``make demo``.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from safetycore import analysis
from safetycore.sla import Calendar

DATA = Path(__file__).parent / "data"


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60}h{minutes % 60:02d}"


def main() -> None:
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
        print(f"    opened   {opened.isoformat()}  open now: {cal.is_open(opened)}")
        print(f"    work starts {cal.next_open(opened).isoformat()}")
        print(f"    due      {due.isoformat()}")
        print(f"    replied  {replied.isoformat()}  used {_hours(used)} -> {verdict}")
        print(f"    resolve by end of 3rd business day: {cal.end_of_business_day(opened, 3)}")

    print("\nEdges, computed exactly:")
    care = calendars["payroll-care"]
    wed = datetime.fromisoformat("2025-11-26T17:00:00-06:00")
    print(
        f"  Thanksgiving: Wed 17:00 + 2h -> {care.add(wed, timedelta(hours=2))}"
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
        f"  24/7 across the US fall-back: 00:30 EDT + 2h -> {line.add(fold, timedelta(hours=2))}"
        " (two real hours; a wall-clock sum would say 02:30)"
    )

    print("\nAnalyst view: the same tickets as a pandas column (bulk path):")
    frame = pd.DataFrame(tickets)
    frame = frame[frame["team"] == "payroll-care"]
    opened = pd.to_datetime(frame["opened_at"], utc=True)
    replied = pd.to_datetime(frame["replied_at"], utc=True)
    frame["business_time_to_reply"] = analysis.elapsed(care, opened, replied)
    print(frame[["ticket", "opened_at", "business_time_to_reply"]].to_string(index=False))


if __name__ == "__main__":
    main()

"""SLA clock throughput: histories per second through the live, batch and bulk paths.

Synthetic cases (seeded): a created event and seven more (public and internal replies,
customer replies, status changes, and a priority change in about one case in twenty, which
sends that case to the event-by-event path), spread over 2025, evaluated
against a two-row policy (urgent in 24/7 time, standard in Mon-Fri 08:00-18:00 Chicago with
US holidays). Prints histories per second for ``evaluate_many`` (rich reports),
``analysis.sla_frame`` (one DataFrame) and ``ClockState.apply`` (per event, live), and checks
on a sample that ``sla_frame`` and ``evaluate`` agree.

Run ``.venv/bin/python benchmarks/sla_bench.py [--quick]``.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta

from _timing import best
from safetycore import analysis
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    ClockState,
    Condition,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    evaluate,
    evaluate_many,
)

HOUR = timedelta(hours=1)
HOURS = VersionedCalendar(
    "care",
    "1",
    Calendar.from_dict(
        {
            "zone": "America/Chicago",
            "hours": {"mon-fri": "08:00-18:00"},
            "holidays": [{"country": "US"}],
        }
    ),
)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))
POLICY = SlaPolicy(
    "care",
    [
        PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [
                Policy(
                    "urgent",
                    [
                        Target("first_reply", HOUR, ALWAYS),
                        Target("periodic_update", 4 * HOUR, ALWAYS),
                        Target("resolution", 24 * HOUR, ALWAYS),
                    ],
                    when=Condition(priority="urgent"),
                ),
                Policy(
                    "standard",
                    [
                        Target("first_reply", 8 * HOUR, HOURS),
                        Target("next_reply", 8 * HOUR, HOURS),
                        Target("requester_wait_time", 40 * HOUR, HOURS),
                        Target("agent_work_time", 30 * HOUR, HOURS),
                        Target("resolution", 30 * HOUR, HOURS),
                    ],
                ),
            ],
        )
    ],
)
AS_OF = datetime(2026, 1, 1, tzinfo=UTC)


def history(rng: random.Random, number: int) -> CaseHistory:
    """One synthetic case with a created event and seven more."""
    case_id = f"C-{number}"
    at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(300 * 86_400))
    priority = rng.choice(["normal", "normal", "normal", "urgent"])
    events = [CaseEvent(case_id, at, "created", actor="customer", data={"priority": priority})]
    for _ in range(7):
        at += timedelta(seconds=rng.randrange(60, 20 * 3_600))
        roll = rng.random()
        if roll < 0.3:
            events.append(
                CaseEvent(case_id, at, "agent_replied", actor="agent", data={"public": True})
            )
        elif roll < 0.45:
            events.append(CaseEvent(case_id, at, "customer_replied", actor="customer"))
        elif roll < 0.8:
            category = rng.choice(["open", "pending", "on_hold", "solved"])
            data = {"from": "?", "to": category, "category": category}
            events.append(CaseEvent(case_id, at, "status_changed", actor="agent", data=data))
        elif roll < 0.8075:
            data = {"from": priority, "to": rng.choice(["normal", "urgent"])}
            events.append(CaseEvent(case_id, at, "priority_changed", actor="agent", data=data))
        else:
            events.append(
                CaseEvent(case_id, at, "agent_replied", actor="agent", data={"public": False})
            )
    return CaseHistory(case_id, events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    n = 2_000 if args.quick else 20_000
    rng = random.Random(20251122)
    histories = [history(rng, i) for i in range(n)]
    events = sum(len(h) for h in histories)
    evaluate_many(histories[:100], POLICY, AS_OF)  # compile calendars and plans
    analysis.sla_frame(histories[:100], POLICY, AS_OF)

    rich = best(lambda: evaluate_many(histories, POLICY, AS_OF), 3)
    bulk = best(lambda: analysis.sla_frame(histories, POLICY, AS_OF), 3)

    def live() -> None:
        for h in histories[: n // 10]:
            state = ClockState(POLICY, h.case_id)
            for event in h.events:
                state = state.apply(event)

    live_time = best(live, 3) * 10

    sample = histories[:200]
    frame = analysis.sla_frame(sample, POLICY, AS_OF)
    expected = [
        (h.case_id, c.metric, c.cycle, c.state.value)
        for h in sample
        for c in evaluate(h, POLICY, AS_OF)
    ]
    got = list(zip(frame["case_id"], frame["metric"], frame["cycle"], frame["state"], strict=True))
    disagreements = sum(1 for a, b in zip(got, expected, strict=True) if a != b)

    print(
        f"{n:,} histories, {events:,} events ({events / n:.1f} per history), as of {AS_OF:%Y-%m-%d}"
    )
    print(f"{'path':40} {'histories/s':>12} {'us/history':>11}")
    for name, seconds in (
        ("evaluate_many (SlaReport objects)", rich),
        ("analysis.sla_frame (one DataFrame)", bulk),
        ("ClockState.apply per event (live)", live_time),
    ):
        print(f"{name:40} {n / seconds:12,.0f} {seconds / n * 1e6:11.1f}")
    print("target (issue): >= 50,000 histories/s on one core for the bulk path")
    print(f"sla_frame vs evaluate on {len(sample)} cases: {disagreements} disagreements")


if __name__ == "__main__":
    main()

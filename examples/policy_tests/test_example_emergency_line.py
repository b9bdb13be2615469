"""Example: "no emergency waits more than an hour of wall time" on the pet emergency line.

The care policy answers urgent cases around the clock and the rest in office hours;
``check_sla_bound`` draws case histories that the urgent row selects and checks that the
first reply is due within one hour of wall-clock time, DST changes included. Run with pytest.
"""

from datetime import UTC, datetime, timedelta

from safetycore.sla import (
    Calendar,
    Condition,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
)
from safetycore.testing import check_sla_bound

OFFICE = VersionedCalendar(
    "office",
    "1",
    Calendar.from_dict({"zone": "America/Chicago", "hours": {"mon-fri": "08:00-18:00"}}),
)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))
URGENT = Condition(priority="urgent")

EMERGENCY_LINE = SlaPolicy(
    "emergency-line",
    [
        PolicyVersion(
            "2026",
            datetime(2026, 1, 1, tzinfo=UTC),
            [
                Policy("urgent", [Target("first_reply", timedelta(hours=1), ALWAYS)], when=URGENT),
                Policy("standard", [Target("first_reply", timedelta(hours=8), OFFICE)]),
            ],
        )
    ],
)


def test_no_emergency_waits_more_than_an_hour() -> None:
    """Every urgent case's first reply is due within one wall-clock hour of its start."""
    check_sla_bound(
        EMERGENCY_LINE,
        metric="first_reply",
        within=timedelta(hours=1),
        where=URGENT,
        max_examples=50,
    )

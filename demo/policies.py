"""The demo's two SLA policies: the care team's current one and a proposal to compare it with.

Both run on the same calendars: Chicago office hours (Monday to Friday 08:00-18:00, US
holidays closed) for standard tickets, and around the clock for urgent ones.
"""

from __future__ import annotations

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

ZONE = "America/Chicago"
OFFICE = VersionedCalendar(
    "office",
    "2025",
    Calendar.from_dict(
        {"zone": ZONE, "hours": {"mon-fri": "08:00-18:00"}, "holidays": [{"country": "US"}]}
    ),
)
ALWAYS = VersionedCalendar("24/7", "1", Calendar.always(ZONE))
_HOUR = timedelta(hours=1)
_SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def _policy(name: str, urgent_reply: timedelta, resolution: timedelta) -> SlaPolicy:
    return SlaPolicy(
        "care",
        [
            PolicyVersion(
                name,
                _SINCE,
                [
                    Policy(
                        "urgent",
                        [
                            Target("first_reply", urgent_reply, ALWAYS),
                            Target("resolution", 24 * _HOUR, ALWAYS),
                        ],
                        when=Condition(priority="urgent"),
                    ),
                    Policy(
                        "high",
                        [
                            Target("first_reply", 4 * _HOUR, OFFICE),
                            Target("resolution", 16 * _HOUR, OFFICE),
                        ],
                        when=Condition(priority="high"),
                    ),
                    Policy(
                        "standard",
                        [
                            Target("first_reply", 8 * _HOUR, OFFICE),
                            Target("resolution", resolution, OFFICE),
                        ],
                    ),
                ],
            )
        ],
    )


CURRENT = _policy("current", urgent_reply=_HOUR, resolution=40 * _HOUR)
"""Today's policy: urgent tickets answered within an hour, others resolved within 40 h."""

PROPOSED = _policy("proposed", urgent_reply=30 * timedelta(minutes=1), resolution=30 * _HOUR)
"""The proposal: urgent first replies within 30 minutes, standard resolution within 30 h."""

"""Policies and calendars for the invariant checkers' own tests: sound ones and broken ones.

The broken ones are broken on purpose, each in one way a policy engineer or a calendar
implementer could get wrong; a checker must fail on each and pass on the sound ones.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import pendulum

from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    Condition,
    HolidaySource,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    WeeklySchedule,
)

CHICAGO = ZoneInfo("America/Chicago")
HOUR = timedelta(hours=1)
EFFECTIVE = datetime(2025, 1, 1, tzinfo=UTC)

OFFICE = Calendar("America/Chicago", WeeklySchedule.parse({"mon-fri": "09:00-17:00"}))
"""Weekdays 09:00-17:00 in Chicago, no holidays."""
OFFICE_WITH_HOLIDAYS = Calendar(
    "America/Chicago",
    WeeklySchedule.parse({"mon-fri": "09:00-17:00"}),
    holidays=[HolidaySource("US")],
)
"""Weekdays 09:00-17:00 in Chicago, closed on US federal holidays."""

OFFICE_HOURS = VersionedCalendar("office", "1", OFFICE)
ROUND_THE_CLOCK = VersionedCalendar("24/7", "1", Calendar.always("America/Chicago"))


def _policy(*rows: Policy) -> SlaPolicy:
    return SlaPolicy("care", [PolicyVersion("1", EFFECTIVE, rows)])


_STANDARD = Policy(
    "standard",
    [Target("first_reply", 8 * HOUR, OFFICE_HOURS), Target("resolution", 30 * HOUR, OFFICE_HOURS)],
)

URGENT_IN_BUSINESS_HOURS = _policy(
    Policy(
        "urgent",
        [Target("first_reply", HOUR, OFFICE_HOURS)],
        when=Condition(priority="urgent"),
    ),
    _STANDARD,
)
"""BROKEN for "urgent cases are due within 1 h": the hour counts in office hours only.

An urgent case created on Friday evening waits all weekend for its first reply.
"""

URGENT_ROUND_THE_CLOCK = _policy(
    Policy(
        "urgent",
        [Target("first_reply", HOUR, ROUND_THE_CLOCK)],
        when=Condition(priority="urgent"),
    ),
    _STANDARD,
)
"""SOUND for "urgent cases are due within 1 h": the hour counts on a 24/7 calendar."""

URGENT_FALLS_THROUGH = _policy(
    # "urgnet": a misspelt priority, so urgent cases fall through to the catch-all row,
    # which sets no first-reply target.
    Policy(
        "urgent",
        [Target("first_reply", HOUR, ROUND_THE_CLOCK)],
        when=Condition(priority="urgnet"),
    ),
    Policy("catch-all", [Target("resolution", 30 * HOUR, OFFICE_HOURS)]),
)
"""BROKEN: no row gives an urgent case a first-reply target at all."""

EMEA_ROUND_THE_CLOCK = _policy(
    Policy(
        "emea",
        [Target("first_reply", HOUR, ROUND_THE_CLOCK)],
        when=Condition(category="emea"),
    ),
    Policy("rest", [Target("first_reply", HOUR, OFFICE_HOURS)]),
)
"""SOUND for cases of category "emea" (24/7); BROKEN for every case (the rest: office hours)."""

VIP_PHONE_ONLY = _policy(
    Policy(
        "vip phone",
        [Target("first_reply", HOUR, ROUND_THE_CLOCK)],
        when=Condition(channel="phone", tags="vip"),
    ),
    Policy("rest", [Target("resolution", 30 * HOUR, OFFICE_HOURS)]),
)
"""SOUND only for VIP phone cases: every other case has no first-reply target at all."""

TWO_VERSIONS = SlaPolicy(
    "care",
    [
        PolicyVersion("2025", EFFECTIVE, URGENT_IN_BUSINESS_HOURS.versions[0].policies),
        PolicyVersion(
            "2026", datetime(2026, 1, 1, tzinfo=UTC), URGENT_ROUND_THE_CLOCK.versions[0].policies
        ),
    ],
)
"""Version "2025" counts the urgent hour in office hours (BROKEN), "2026" round the clock."""

FRIDAY_EVENING = datetime(2026, 3, 6, 16, 55, tzinfo=CHICAGO)
FRIDAY_EVENING_URGENT = CaseHistory(
    "T-1",
    [CaseEvent("T-1", FRIDAY_EVENING, "created", actor="customer:1", data={"priority": "urgent"})],
)
"""An urgent case created five minutes before Friday's close, the weekend before US DST."""


class MinuteLateCalendar(Calendar):
    """BROKEN: ``add`` answers a minute late whenever the answer is on a later local date.

    The kind of slip a hand-written "carry over to the next day" branch makes.
    """

    def add(self, start: datetime, duration: timedelta) -> pendulum.DateTime:
        answer = super().add(start, duration)
        if answer.date() > pendulum.instance(start).in_tz(self.zone).date():
            return answer.add(minutes=1)
        return answer


class NextOpeningAtCloseCalendar(Calendar):
    """BROKEN: ``add`` landing exactly on a close answers the next opening instead.

    ``elapsed`` still round-trips (nothing is open in between), but the deadline is no longer
    the earliest instant with that much business time (docs/calendar.md, section 5).
    """

    def add(self, start: datetime, duration: timedelta) -> pendulum.DateTime:
        answer = super().add(start, duration)
        if duration > timedelta(0) and not self.is_open(answer):
            return self.next_open(answer)
        return answer


class HolidayBlindCalendar(Calendar):
    """BROKEN: answers every question as if it had no holidays, consistently.

    Every law among its own answers holds; only ``ReferenceCalendar``, which reads the
    holidays it declares, can tell.
    """

    @cached_property
    def _blind(self) -> Calendar:
        return Calendar(self.zone, self.hours)

    def is_open(self, at: datetime) -> bool:
        return self._blind.is_open(at)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return self._blind.elapsed(start, end)

    def add(self, start: datetime, duration: timedelta) -> pendulum.DateTime:
        return self._blind.add(start, duration)

    def next_open(self, at: datetime) -> pendulum.DateTime:
        return self._blind.next_open(at)

    def next_close(self, at: datetime) -> pendulum.DateTime:
        return self._blind.next_close(at)

    def previous_open(self, at: datetime) -> pendulum.DateTime:
        return self._blind.previous_open(at)

    def previous_close(self, at: datetime) -> pendulum.DateTime:
        return self._blind.previous_close(at)


class LateOpeningCalendar(Calendar):
    """BROKEN: ``previous_open`` answers a minute after the opening."""

    def previous_open(self, at: datetime) -> pendulum.DateTime:
        return super().previous_open(at).add(minutes=1)


def late_opening() -> LateOpeningCalendar:
    """Office hours whose ``previous_open`` is a minute late."""
    return LateOpeningCalendar(OFFICE.zone, OFFICE.hours)


def minute_late() -> MinuteLateCalendar:
    """Office hours whose ``add`` is a minute late across a day."""
    return MinuteLateCalendar(OFFICE.zone, OFFICE.hours)


def next_opening_at_close() -> NextOpeningAtCloseCalendar:
    """Office hours whose ``add`` skips from a close to the next opening."""
    return NextOpeningAtCloseCalendar(OFFICE.zone, OFFICE.hours)


def holiday_blind() -> HolidayBlindCalendar:
    """Office hours with US holidays declared, and answers that ignore them."""
    return HolidayBlindCalendar(OFFICE.zone, OFFICE.hours, holidays=[HolidaySource("US")])

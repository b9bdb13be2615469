"""SLAs in business time: calendars of open hours, holidays, closures and special openings.

>>> from safetycore.sla import Calendar, WeeklySchedule
>>> cal = Calendar("Europe/London", WeeklySchedule.parse({"mon-fri": "09:00-17:00"}))
>>> cal.zone
'Europe/London'
"""

from safetycore._config import publish
from safetycore.sla.calendar import Calendar, OpenInterval
from safetycore.sla.clock import ClockState, Deadline, evaluate, evaluate_many
from safetycore.sla.closures import Closure, SpecialOpening
from safetycore.sla.holiday_sources import HolidaySource
from safetycore.sla.metrics import (
    AGENT_WORK_TIME,
    FIRST_REPLY,
    NEXT_REPLY,
    PERIODIC_UPDATE,
    REQUESTER_WAIT_TIME,
    RESOLUTION,
    SIGNALS,
    STANDARD_METRICS,
    TIME_TO_ANSWER,
    Metric,
    Restart,
)
from safetycore.sla.policy import (
    BusinessDays,
    CaseAttributes,
    Condition,
    EndOfBusinessDay,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    Versioning,
)
from safetycore.sla.results import CycleResult, CycleState, SlaReport
from safetycore.sla.schedule import HoursChange, TimeRange, WeeklySchedule

__all__ = [
    "AGENT_WORK_TIME",
    "FIRST_REPLY",
    "NEXT_REPLY",
    "PERIODIC_UPDATE",
    "REQUESTER_WAIT_TIME",
    "RESOLUTION",
    "SIGNALS",
    "STANDARD_METRICS",
    "TIME_TO_ANSWER",
    "BusinessDays",
    "Calendar",
    "CaseAttributes",
    "ClockState",
    "Closure",
    "Condition",
    "CycleResult",
    "CycleState",
    "Deadline",
    "EndOfBusinessDay",
    "HolidaySource",
    "HoursChange",
    "Metric",
    "OpenInterval",
    "Policy",
    "PolicyVersion",
    "Restart",
    "SlaPolicy",
    "SlaReport",
    "SpecialOpening",
    "Target",
    "TimeRange",
    "VersionedCalendar",
    "Versioning",
    "WeeklySchedule",
    "evaluate",
    "evaluate_many",
]

publish(globals(), __all__)  # report the public path, not the private module


def __dir__() -> list[str]:
    return list(__all__)

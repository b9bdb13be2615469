"""SLAs in business time: calendars of open hours, holidays, closures and special openings.

>>> from safetycore.sla import Calendar, WeeklySchedule
>>> cal = Calendar("Europe/London", WeeklySchedule.parse({"mon-fri": "09:00-17:00"}))
>>> cal.zone
'Europe/London'
"""

from safetycore.sla.calendar import Calendar, OpenInterval
from safetycore.sla.closures import Closure, SpecialOpening
from safetycore.sla.holiday_sources import HolidaySource
from safetycore.sla.schedule import HoursChange, TimeRange, WeeklySchedule

__all__ = [
    "Calendar",
    "Closure",
    "HolidaySource",
    "HoursChange",
    "OpenInterval",
    "SpecialOpening",
    "TimeRange",
    "WeeklySchedule",
]

for _name in __all__:
    globals()[_name].__module__ = __name__  # report the public path, not the private module
del _name


def __dir__() -> list[str]:
    return list(__all__)

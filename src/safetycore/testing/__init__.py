"""Tools for testing code built on safetycore (the ``testing`` extra; needs hypothesis).

``hypothesis`` strategies that draw valid calendars, schedules, instants near DST changes and
business durations (``safetycore.testing.strategies``), case event histories for SLA clocks
(``safetycore.testing.clocks``), workflow histories valid and invalid and real cases
(``safetycore.testing.workflows``), eligibility facts, refinements of them and random
predicates (``safetycore.testing.eligibility``), ``ReferenceCalendar``, a slow and
obviously correct implementation of a calendar's answers to test against, and invariant
checkers that state a promise in one call and raise ``InvariantError`` with the shrunk
counterexample in words (``check_sla_bound``, ``check_calendar_laws``).
"""

# The extra's dependencies are imported first, so that a missing one says which extra to
# install instead of failing deep inside with a bare "No module named ...".
try:
    import hypothesis  # noqa: F401
except ImportError as _missing:
    raise ModuleNotFoundError(
        f"{__name__} needs {_missing.name} (the 'testing' extra): "
        "pip install 'safetycore[testing]'",
        name=_missing.name,
    ) from _missing

from safetycore.testing._search import InvariantError
from safetycore.testing.clocks import case_histories
from safetycore.testing.eligibility import (
    fact_values,
    facts_for,
    invoice_lines,
    pet_guarantee_claims,
    predicates_for,
    refinements,
)
from safetycore.testing.oracle import ReferenceCalendar
from safetycore.testing.sla_checks import CalendarExample, check_calendar_laws, check_sla_bound
from safetycore.testing.strategies import (
    ZONES,
    business_durations,
    calendars,
    instants,
    time_ranges,
    weekly_schedules,
    zones,
)
from safetycore.testing.workflows import event_sequences, invalid_histories, valid_histories

__all__ = [
    "ZONES",
    "CalendarExample",
    "InvariantError",
    "ReferenceCalendar",
    "business_durations",
    "calendars",
    "case_histories",
    "check_calendar_laws",
    "check_sla_bound",
    "event_sequences",
    "fact_values",
    "facts_for",
    "instants",
    "invalid_histories",
    "invoice_lines",
    "pet_guarantee_claims",
    "predicates_for",
    "refinements",
    "time_ranges",
    "valid_histories",
    "weekly_schedules",
    "zones",
]

# Report the public path, not the private module.
for _public in (CalendarExample, InvariantError, ReferenceCalendar):
    _public.__module__ = __name__
del _public


def __dir__() -> list[str]:
    return list(__all__)

"""Tools for testing code built on safetycore (the ``testing`` extra; needs hypothesis).

``hypothesis`` strategies that draw valid calendars, schedules, instants near DST changes and
business durations (``safetycore.testing.strategies``), case event histories for SLA clocks
(``safetycore.testing.clocks``), workflow histories valid and invalid and real cases
(``safetycore.testing.workflows``), model-based tests of workflows, a generated state
machine and every path walked (``safetycore.testing.workflow_model``), eligibility facts,
refinements of them and random predicates (``safetycore.testing.eligibility``), and
``ReferenceCalendar``, a slow and obviously correct implementation of a calendar's answers to
test against.

Invariant checkers search for a break in a promise and raise :class:`InvariantError` (an
``AssertionError``) with the smallest one found, in the domain's words: for eligibility
policies (``safetycore.testing.eligibility_checks``) :func:`check_monotone`,
:func:`check_complete`, :func:`check_never_pays_less` and :func:`check_no_worse`; for SLA
policies and calendars (``safetycore.testing.sla_checks``) :func:`check_sla_bound` and
:func:`check_calendar_laws`.

With safetycore installed, hypothesis' entry point registers these strategies for the value
types (``safetycore._hypothesis_setup``): ``st.from_type(Calendar)`` and ``st.builds`` of a
class with a ``CaseHistory`` field draw from them without importing this package.
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
from safetycore.testing.clocks import case_events, case_histories
from safetycore.testing.eligibility import (
    fact_values,
    facts_for,
    invoice_lines,
    pet_guarantee_claims,
    predicates_for,
    refinements,
)
from safetycore.testing.eligibility_checks import (
    check_complete,
    check_monotone,
    check_never_pays_less,
    check_no_worse,
)
from safetycore.testing.oracle import ReferenceCalendar
from safetycore.testing.sla_checks import CalendarExample, check_calendar_laws, check_sla_bound
from safetycore.testing.strategies import (
    ZONES,
    business_durations,
    calendars,
    closures,
    holiday_sources,
    hours_changes,
    instants,
    special_openings,
    time_ranges,
    weekly_schedules,
    zones,
)
from safetycore.testing.workflow_model import (
    check_each_path,
    covering_paths,
    shortest_paths,
    state_machine_for,
)
from safetycore.testing.workflows import event_sequences, invalid_histories, valid_histories

__all__ = [
    "ZONES",
    "CalendarExample",
    "InvariantError",
    "ReferenceCalendar",
    "business_durations",
    "calendars",
    "case_events",
    "case_histories",
    "check_calendar_laws",
    "check_complete",
    "check_each_path",
    "check_monotone",
    "check_never_pays_less",
    "check_no_worse",
    "check_sla_bound",
    "closures",
    "covering_paths",
    "event_sequences",
    "fact_values",
    "facts_for",
    "holiday_sources",
    "hours_changes",
    "instants",
    "invalid_histories",
    "invoice_lines",
    "pet_guarantee_claims",
    "predicates_for",
    "refinements",
    "shortest_paths",
    "special_openings",
    "state_machine_for",
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

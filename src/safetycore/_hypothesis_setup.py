"""Hypothesis' entry point into safetycore: ``st.from_type`` for safetycore's value types.

safetycore declares, in ``pyproject.toml``::

    [project.entry-points.hypothesis]
    safetycore = "safetycore._hypothesis_setup:_hypothesis_setup_hook"

and hypothesis calls each hook of its ``hypothesis`` entry-point group when it is imported
(``HYPOTHESIS_NO_PLUGINS`` set in the environment turns hooks off). So, with both installed,
``st.from_type(Calendar)`` draws from ``safetycore.testing.calendars()`` without anyone
importing ``safetycore.testing``, and so does ``st.builds`` for a field annotated with one of
these types:

- ``safetycore.sla``: ``Calendar``, ``WeeklySchedule``, ``TimeRange``, ``HoursChange``,
  ``Closure``, ``SpecialOpening``, ``HolidaySource``;
- ``safetycore.events``: ``CaseEvent``, ``CaseHistory``;
- ``safetycore.eligibility``: ``InvoiceLine``, ``PetGuaranteeClaim`` and ``EnrolmentRequest``
  (``safetycore.eligibility.us_benefits``; drawn by ``facts_for`` with facts missing or not
  applicable).

Registering needs the classes, so the hook imports the modules that define them; it does not
import ``safetycore.testing``. Each registration is a function that hypothesis calls when it
first resolves the type, and only then is ``safetycore.testing`` imported and the strategy
built. Subclasses of these types are not covered: hypothesis resolves them on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__: list[str] = []  # nothing public: hypothesis finds the hook through the entry point


def _calendar(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import calendars

    return calendars()


def _weekly_schedule(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import weekly_schedules

    return weekly_schedules()


def _time_range(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import time_ranges

    return time_ranges()


def _hours_change(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import hours_changes

    return hours_changes()


def _closure(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import closures

    return closures()


def _special_opening(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import special_openings

    return special_openings()


def _holiday_source(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import holiday_sources

    return holiday_sources()


def _case_event(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import case_events

    return case_events()


def _case_history(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import case_histories

    return case_histories()


def _invoice_line(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import invoice_lines

    return invoice_lines()


def _pet_guarantee_claim(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import pet_guarantee_claims

    return pet_guarantee_claims()


def _enrolment_request(thing: type[Any]) -> SearchStrategy[Any]:
    from safetycore.testing import facts_for

    return facts_for(thing, missing=True, not_applicable=True)


def _register() -> None:
    """Register a strategy for each type in the module docstring with hypothesis.

    Imports ``safetycore.sla``, ``safetycore.events`` and ``safetycore.eligibility`` (and
    hypothesis), and raises what those imports raise. Registering again replaces the same
    registrations with equal ones, so calling it twice is harmless.
    """
    from hypothesis import strategies as st

    from safetycore.eligibility import InvoiceLine
    from safetycore.eligibility.pet_guarantee import PetGuaranteeClaim
    from safetycore.eligibility.us_benefits import EnrolmentRequest
    from safetycore.events import CaseEvent, CaseHistory
    from safetycore.sla import (
        Calendar,
        Closure,
        HolidaySource,
        HoursChange,
        SpecialOpening,
        TimeRange,
        WeeklySchedule,
    )

    st.register_type_strategy(Calendar, _calendar)
    st.register_type_strategy(WeeklySchedule, _weekly_schedule)
    st.register_type_strategy(TimeRange, _time_range)
    st.register_type_strategy(HoursChange, _hours_change)
    st.register_type_strategy(Closure, _closure)
    st.register_type_strategy(SpecialOpening, _special_opening)
    st.register_type_strategy(HolidaySource, _holiday_source)
    st.register_type_strategy(CaseEvent, _case_event)
    st.register_type_strategy(CaseHistory, _case_history)
    st.register_type_strategy(InvoiceLine, _invoice_line)
    st.register_type_strategy(PetGuaranteeClaim, _pet_guarantee_claim)
    st.register_type_strategy(EnrolmentRequest, _enrolment_request)


def _hypothesis_setup_hook() -> None:
    """Register safetycore's strategies; hypothesis calls this as it is imported.

    An ``ImportError`` from ``_register`` (safetycore or one of its dependencies cannot be
    imported: a broken or partial install, a module blocked in ``sys.modules``) is swallowed,
    and then nothing is registered: hypothesis must import whatever state safetycore is in,
    and ``from_type`` then falls back to hypothesis' own inference. Any other exception is a
    bug in safetycore and propagates, so that it is found rather than hidden.
    """
    try:
        _register()
    except ImportError:
        return

"""Seeded, realistic sample data: cases made by walking the stock workflows.

Each generator streams tables, a chunk of cases at a time, from a hundred cases to ten
million: tables of events (the schema ``safetycore.analysis.read_events`` reads) for
tickets, incidents and claims, tables of facts (what ``decide_frame`` reads) for benefits
enrolments and pet-care guarantee claims. Every case is a
walk the workflow allows, taken with the real engine; arrivals peak as real ones do
(evenings and around holidays for tickets, nights and holidays for safety incidents, office
hours for claims). Needs the ``analysis`` extra (numpy, pandas).

>>> from safetycore import datasets
>>> datasets.__all__  # doctest: +NORMALIZE_WHITESPACE
['benefits_enrolments', 'guarantee_claims', 'pet_guarantee_claims', 'safety_incidents',
 'support_tickets']
"""

try:
    import numpy  # noqa: F401
    import pandas  # noqa: F401
except ImportError as _missing:
    raise ModuleNotFoundError(
        f"{__name__} needs {_missing.name} (the 'analysis' extra): "
        "pip install 'safetycore[analysis]'",
        name=_missing.name,
    ) from _missing

from safetycore._config import publish
from safetycore.datasets.cases import guarantee_claims, safety_incidents, support_tickets
from safetycore.datasets.enrolments import benefits_enrolments
from safetycore.datasets.pet_claims import pet_guarantee_claims

__all__ = [
    "benefits_enrolments",
    "guarantee_claims",
    "pet_guarantee_claims",
    "safety_incidents",
    "support_tickets",
]

publish(globals(), __all__)


def __dir__() -> list[str]:
    return list(__all__)

"""Bulk paths for analysts: business time, SLA clocks and eligibility over pandas (extra).

>>> from safetycore import analysis
>>> analysis.__all__  # doctest: +NORMALIZE_WHITESPACE
['EligibilityFrames', 'EventTable', 'SlaComparison', 'add', 'compare_frame', 'compare_sla',
 'decide_frame', 'elapsed', 'events_frame', 'read_events', 'sla_frame']
"""

# The extra's dependencies are imported first, so that a missing one says which extra to
# install instead of failing deep inside with a bare "No module named ...".
# numba is only found here (importing it takes half a second: the clocks do, when first run).
import importlib.util as _util

try:
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    if _util.find_spec("numba") is None:
        raise ModuleNotFoundError("No module named 'numba'", name="numba")
except ImportError as _missing:
    raise ModuleNotFoundError(
        f"{__name__} needs {_missing.name} (the 'analysis' extra): "
        "pip install 'safetycore[analysis]'",
        name=_missing.name,
    ) from _missing

from safetycore._config import publish
from safetycore.analysis.business_time import add, elapsed
from safetycore.analysis.eligibility_frame import EligibilityFrames, compare_frame, decide_frame
from safetycore.analysis.events_table import EventTable, events_frame, read_events
from safetycore.analysis.sla_compare import SlaComparison, compare_sla
from safetycore.analysis.sla_frame import sla_frame

__all__ = [
    "EligibilityFrames",
    "EventTable",
    "SlaComparison",
    "add",
    "compare_frame",
    "compare_sla",
    "decide_frame",
    "elapsed",
    "events_frame",
    "read_events",
    "sla_frame",
]

publish(globals(), __all__)  # report the public path, not the private module


def __dir__() -> list[str]:
    return list(__all__)

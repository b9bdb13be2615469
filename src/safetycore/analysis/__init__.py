"""Bulk paths for analysts: business time, SLA clocks and eligibility over pandas (extra).

>>> from safetycore import analysis
>>> analysis.__all__
['EligibilityFrames', 'add', 'compare_frame', 'decide_frame', 'elapsed', 'sla_frame']
"""

from safetycore._config import publish
from safetycore.analysis.business_time import add, elapsed
from safetycore.analysis.eligibility_frame import EligibilityFrames, compare_frame, decide_frame
from safetycore.analysis.sla_frame import sla_frame

__all__ = ["EligibilityFrames", "add", "compare_frame", "decide_frame", "elapsed", "sla_frame"]

publish(globals(), __all__)  # report the public path, not the private module


def __dir__() -> list[str]:
    return list(__all__)

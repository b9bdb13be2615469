"""Bulk paths for analysts: business time over pandas and numpy columns (``analysis`` extra).

>>> from safetycore import analysis
>>> analysis.__all__
['add', 'elapsed', 'sla_frame']
"""

from safetycore.analysis.business_time import add, elapsed
from safetycore.analysis.sla_frame import sla_frame

__all__ = ["add", "elapsed", "sla_frame"]

for _function in (add, elapsed, sla_frame):
    _function.__module__ = __name__  # report the public path, not the private module
del _function


def __dir__() -> list[str]:
    return list(__all__)

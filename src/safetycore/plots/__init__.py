"""Plots of safetycore's outputs, each a ``matplotlib.figure.Figure`` (the ``plots`` extra).

Every function takes what the library returns (an ``analysis.sla_frame``, an
``SlaComparison``, ``EligibilityFrames`` or a ``Decision``), checks it before drawing, and
returns a new ``Figure`` (or the figure of the ``ax`` it was given). Figures are built with
``matplotlib.figure.Figure`` directly: pyplot is never imported, nothing is shown, no global
state is touched and no backend is needed, so the functions are pure and safe from threads.
Save with ``figure.savefig(...)``; a notebook shows a returned figure as it is.

>>> from safetycore import plots
>>> plots.__all__  # doctest: +NORMALIZE_WHITESPACE
['attainment', 'breach_heatmap', 'payout_waterfall', 'reply_time_distribution', 'verdicts',
 'what_if']
"""

# The extra's dependency is imported first, so that a missing one says which extra to
# install instead of failing deep inside with a bare "No module named ...". The plots read
# pandas frames, so the ``analysis`` extra is needed too: importing it says so when missing.
try:
    import matplotlib  # noqa: F401
except ImportError as _missing:
    raise ModuleNotFoundError(
        f"{__name__} needs {_missing.name} (the 'plots' extra): pip install 'safetycore[plots]'",
        name=_missing.name,
    ) from _missing

from safetycore import analysis as _analysis  # noqa: F401  (says so when pandas is missing)
from safetycore._config import publish
from safetycore.plots._attainment import attainment
from safetycore.plots._distribution import reply_time_distribution
from safetycore.plots._heatmap import breach_heatmap
from safetycore.plots._verdicts import verdicts
from safetycore.plots._waterfall import payout_waterfall
from safetycore.plots._what_if import what_if

__all__ = [
    "attainment",
    "breach_heatmap",
    "payout_waterfall",
    "reply_time_distribution",
    "verdicts",
    "what_if",
]

publish(globals(), __all__)  # report the public path, not the private module


def __dir__() -> list[str]:
    return list(__all__)

"""safetycore: support-operations policy as exact, testable code.

Subpackages: ``safetycore.sla`` (business-time calendars and SLA clocks),
``safetycore.workflow`` (case workflows), ``safetycore.eligibility`` (eligibility decisions),
``safetycore.analysis`` (bulk paths over numpy and pandas; the ``analysis`` extra) and
``safetycore.testing`` (hypothesis strategies; the ``testing`` extra). Errors live in
``safetycore.errors``.
"""

from importlib.metadata import version as _version

__version__ = _version("safetycore")
__all__ = ["__version__"]

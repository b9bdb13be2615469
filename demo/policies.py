"""The demo's two SLA policies: the care team's current one and a proposal to compare it with.

Both are shipped as data (``safetycore/policies/support_sla_current.json`` and
``support_sla_proposed.json``) and read by ``SlaPolicy.from_dict``, the same code that reads
an admin's configuration file. They run on the same calendars, defined in the documents:
Chicago office hours (Monday to Friday 08:00-18:00, US holidays closed) for standard
tickets, and around the clock for urgent ones.

Today's policy: urgent tickets answered within an hour, others resolved within 40 business
hours. The proposal: urgent first replies within 30 minutes, standard resolution within 30.
"""

from __future__ import annotations

import json
from importlib.resources import files

from safetycore.sla import SlaPolicy

ZONE = "America/Chicago"


def _load(name: str) -> SlaPolicy:
    text = (files("safetycore") / "policies" / f"{name}.json").read_text(encoding="utf-8")
    return SlaPolicy.from_dict(json.loads(text))


CURRENT = _load("support_sla_current")
"""Today's policy: urgent tickets answered within an hour, others resolved within 40 h."""

PROPOSED = _load("support_sla_proposed")
"""The proposal: urgent first replies within 30 minutes, standard resolution within 30 h."""

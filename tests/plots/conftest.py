"""Seven hand-built cases on a 24/7 UTC calendar, and their sla_frame, for every plot test.

Created Monday 2025-03-03 09:00 UTC; first reply within 1 h for urgent cases, else 4 h with
resolution within 24 h (urgent cases have no resolution target). Nothing is solved, and
``AS_OF`` is two days on, so every resolution cycle is breached (while running) at Tuesday
09:00. Replies, in hours after creation:

====  ========  =====  ======================================
case  priority  reply  first_reply
====  ========  =====  ======================================
U1    urgent    0.5    met
U2    urgent    2      breached at Mon 10:00 (+1 us)
N1    normal    1      met
N2    normal    3      met
N3    normal    5      breached at Mon 13:00 (+1 us)
L1    low       4      met (the deadline is inclusive)
X1    (none)    1      met
====  ========  =====  ======================================
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from safetycore.analysis import SlaComparison, compare_sla, sla_frame
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    Condition,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
)

ALWAYS = VersionedCalendar("24x7", "1", Calendar.always("UTC"))
T = datetime(2025, 3, 3, 9, tzinfo=UTC)  # a Monday
AS_OF = T + timedelta(days=2)
HOUR = timedelta(hours=1)
REPLIES = {
    "U1": ("urgent", 0.5),
    "U2": ("urgent", 2),
    "N1": ("normal", 1),
    "N2": ("normal", 3),
    "N3": ("normal", 5),
    "L1": ("low", 4),
    "X1": (None, 1),
}


def policy(reply_hours: float) -> SlaPolicy:
    """Urgent: first reply in 1 h; else first reply in ``reply_hours``, resolution in 24 h."""
    rows = [
        Policy("urgent", [Target("first_reply", HOUR, ALWAYS)], when=Condition(priority="urgent")),
        Policy(
            "standard",
            [
                Target("first_reply", reply_hours * HOUR, ALWAYS),
                Target("resolution", 24 * HOUR, ALWAYS),
            ],
        ),
    ]
    return SlaPolicy(f"{reply_hours}h", [PolicyVersion("1", T - 365 * 24 * HOUR, rows)])


def cases() -> list[CaseHistory]:
    """The seven cases of the module docstring."""
    histories = []
    for case_id, (priority, hours) in REPLIES.items():
        data = {} if priority is None else {"priority": priority}
        histories.append(
            CaseHistory(
                case_id,
                [
                    CaseEvent(case_id, T, "created", actor="customer:1", data=data),
                    CaseEvent(
                        case_id,
                        T + hours * HOUR,
                        "agent_replied",
                        actor="agent:1",
                        data={"public": True},
                    ),
                ],
            )
        )
    return histories


@pytest.fixture(scope="session")
def frame() -> pd.DataFrame:
    """The seven cases' sla_frame under the 4 h policy."""
    return sla_frame(cases(), policy(4), AS_OF)


@pytest.fixture(scope="session")
def comparison() -> SlaComparison:
    """The seven cases under the 4 h policy (before) and a 2 h one (after)."""
    return compare_sla(cases(), policy(4), policy(2), AS_OF)


@pytest.fixture(autouse=True)
def no_pyplot_figures() -> Iterator[None]:
    """Every test ends with pyplot holding no figure: the plots never go through pyplot."""
    assert plt.get_fignums() == []
    yield
    assert plt.get_fignums() == []

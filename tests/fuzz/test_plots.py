"""Fuzz safetycore.plots: junk outputs, frames with a column spoilt, and junk options."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st
from matplotlib.figure import Figure

from safetycore.analysis import compare_sla, decide_frame, sla_frame
from safetycore.plots import (
    attainment,
    breach_heatmap,
    payout_waterfall,
    reply_time_distribution,
    verdicts,
    what_if,
)
from tests.fuzz import samples as s
from tests.fuzz.junk import Entry, function, fuzz_test, many, spoiled_frame

AS_OF = s.AT + timedelta(days=2)
SLA_FRAME = sla_frame([s.HISTORY], s.SLA_POLICY, AS_OF)
FRAMES = spoiled_frame(SLA_FRAME)
COMPARISON = compare_sla([s.HISTORY], s.SLA_POLICY, s.SLA_POLICY, AS_OF)
DECIDED = decide_frame(s.PET_GUARANTEE, s.CLAIM_FRAME)
TITLES = st.one_of(st.none(), st.text(max_size=20))
# A fresh Axes each draw: a figure drawn into again and again would only grow.
AXES = st.one_of(st.none(), st.builds(lambda: Figure().add_subplot()))

ENTRIES: tuple[Entry, ...] = (
    function("plots.attainment", attainment, frame=FRAMES, title=TITLES, ax=AXES),
    function(
        "plots.breach_heatmap",
        breach_heatmap,
        frame=FRAMES,
        zone=st.one_of(many(("UTC", "America/Chicago")), st.just({"care": "America/Chicago"})),
        metric=many((None, "first_reply", "resolution")),
        title=TITLES,
        ax=AXES,
    ),
    function(
        "plots.reply_time_distribution",
        reply_time_distribution,
        frame=FRAMES,
        metric=many(("first_reply", "resolution")),
        unit=many(("hours", "minutes")),
        bins=st.integers(1, 30),
        title=TITLES,
    ),
    function(
        "plots.what_if",
        what_if,
        comparison=st.just(COMPARISON),
        labels=st.just(("before", "after")),
        title=TITLES,
    ),
    function(
        "plots.verdicts",
        verdicts,
        decisions=st.one_of(
            st.just(DECIDED), spoiled_frame(DECIDED.decisions), st.just([s.DECISION])
        ),
        top=st.integers(1, 12),
        title=TITLES,
    ),
    function(
        "plots.payout_waterfall",
        payout_waterfall,
        decision=many((s.DECISION, s.PAYOUT_RESULT)),
        title=TITLES,
        ax=AXES,
    ),
)

EXEMPT: dict[str, str] = {}

test_only_safetycore_errors = fuzz_test(ENTRIES)

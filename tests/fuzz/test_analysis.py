"""Fuzz safetycore.analysis: business time over columns, sla_frame, decide_frame, compare_frame."""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

from safetycore.analysis import (
    EligibilityFrames,
    add,
    compare_frame,
    compare_sla,
    decide_frame,
    elapsed,
    events_frame,
    read_events,
    sla_frame,
)
from safetycore.sla import Versioning
from tests.fuzz import samples as s
from tests.fuzz.junk import (
    Entry,
    function,
    fuzz_test,
    instants,
    junk_series,
    like,
    many,
    method,
    spoiled_frame,
)

CALENDARS = many(s.CALENDARS)
TEAMS = {f"team-{i}": calendar for i, calendar in enumerate(s.CALENDARS)}
# One calendar, or calendars by team with each row's team (either pairing may meet the other).
CALENDAR_OR_TEAMS = st.one_of(CALENDARS, st.just(TEAMS))
BY = st.one_of(st.none(), st.just([sorted(TEAMS)[i % len(TEAMS)] for i in range(len(s.STARTS))]))
STARTS = st.one_of(st.just(s.STARTS), st.just(pd.DatetimeIndex(s.STARTS)), junk_series())
ENDS = st.one_of(st.just(s.ENDS), junk_series())
DURATIONS = st.one_of(st.just(s.DURATIONS), junk_series())
FRAMES = spoiled_frame(s.CLAIM_FRAME)
AS_OF = st.one_of(st.none(), instants())
EVENTS_FRAME = events_frame([s.HISTORY])
EVENT_TABLES = st.just(read_events(EVENTS_FRAME))

ENTRIES: tuple[Entry, ...] = (
    function(
        "analysis.add",
        add,
        calendar=CALENDAR_OR_TEAMS,
        start=STARTS,
        duration=DURATIONS,
        by=BY,
        utc=st.booleans(),
    ),
    function(
        "analysis.elapsed",
        elapsed,
        calendar=CALENDAR_OR_TEAMS,
        start=STARTS,
        end=ENDS,
        by=BY,
        utc=st.booleans(),
    ),
    function("analysis.read_events", read_events, frame=spoiled_frame(EVENTS_FRAME)),
    function("analysis.events_frame", events_frame, histories=st.just([s.HISTORY])),
    function(
        "analysis.compare_sla",
        compare_sla,
        histories=st.one_of(st.just([s.HISTORY]), EVENT_TABLES),
        before=st.just(s.SLA_POLICY),
        after=st.just(s.SLA_POLICY),
        as_of=instants(),
        versioning=many(Versioning),
        version_before=many((None, "1", "2026-Q4")),
        version_after=many((None, "1", "2026-Q4")),
    ),
    method("analysis.EventTable.history", EVENT_TABLES, case=st.just(0)),
    method("analysis.EventTable.histories", EVENT_TABLES),
    method("analysis.EventTable.created", EVENT_TABLES),
    method("analysis.EventTable.starts", EVENT_TABLES),
    function(
        "analysis.sla_frame",
        sla_frame,
        histories=st.one_of(st.just([s.HISTORY]), EVENT_TABLES, spoiled_frame(EVENTS_FRAME)),
        policy=st.just(s.SLA_POLICY),
        as_of=instants(),
        versioning=many(Versioning),
        version=many((None, "1", "2026-Q4")),  # a name, an unknown name; junk when spoilt
    ),
    function(
        "analysis.decide_frame", decide_frame, policy=many(s.POLICIES), frame=FRAMES, as_of=AS_OF
    ),
    function(
        "analysis.compare_frame",
        compare_frame,
        before=st.just(s.PINNED),
        after=st.just(s.PET_GUARANTEE),
        frame=FRAMES,
        as_of=AS_OF,
    ),
    function(
        "analysis.EligibilityFrames",
        EligibilityFrames,
        **like(decide_frame(s.PET_GUARANTEE, s.CLAIM_FRAME)),
    ),
)

EXEMPT: dict[str, str] = {
    "analysis.SlaComparison": "returned by compare_sla (fuzzed); it holds the frames it made",
    "analysis.EventTable": "made by read_events (fuzzed); its constructor takes encoded columns",
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

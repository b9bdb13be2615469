"""Fuzz safetycore.events: case events, histories and status maps."""

from __future__ import annotations

from hypothesis import strategies as st

from safetycore.events import CaseEvent, CaseHistory, StatusMap
from tests.fuzz import samples as s
from tests.fuzz.junk import Entry, function, fuzz_test, like, many, method, spoiled

ENTRIES: tuple[Entry, ...] = (
    function("events.CaseEvent", CaseEvent, **like(s.REPLY)),
    function(
        "events.CaseEvent.from_dict",
        CaseEvent.from_dict,
        data=st.one_of(spoiled(s.CREATED.to_dict()), spoiled(s.REPLY.to_dict())),
    ),
    method("events.CaseEvent.to_dict", s.EVENTS),
    method("events.CaseEvent.get", s.EVENTS, key=many(("public", "priority")), default=st.none()),
    function("events.CaseHistory", CaseHistory, case_id=st.just("T-1"), events=st.just(s.EVENTS)),
    method("events.CaseHistory.append", (s.HISTORY,), event=st.just(s.REPLY)),
    function(
        "events.StatusMap",
        StatusMap,
        statuses=spoiled({"Escalated": "open", "Waiting": "pending", "Done": "solved"}),
    ),
    method("events.StatusMap.category", (s.STATUSES,), status=many(("Escalated", "open"))),
    function("events.StatusMap.identity", StatusMap.identity),
)

EXEMPT: dict[str, str] = {
    "events.Channel": "an enum class; its members are fuzzed as junk",
    "events.EventKind": "an enum class; its members are fuzzed as junk",
    "events.StatusCategory": "an enum class; its members are fuzzed as junk",
}

test_only_safetycore_errors = fuzz_test(ENTRIES)

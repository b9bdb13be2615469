"""SLA what-if: ``compare_sla`` lines two policies' cycles up and sums the differences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from safetycore.analysis import compare_sla, events_frame
from safetycore.errors import InputTypeError, InvalidArgumentError, UnknownNameError
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    Policy,
    PolicyVersion,
    SlaPolicy,
    Target,
    VersionedCalendar,
    Versioning,
)

ALWAYS = VersionedCalendar("24x7", "1", Calendar.always("UTC"))
T = datetime(2025, 3, 3, 9, tzinfo=UTC)
AS_OF = T + timedelta(days=2)
HOUR = timedelta(hours=1)


def reply_within(hours: int, *, resolution: bool = False) -> SlaPolicy:
    """A one-row policy: first reply within ``hours`` (and resolution within a day)."""
    targets = [Target("first_reply", hours * HOUR, ALWAYS)]
    if resolution:
        targets.append(Target("resolution", 24 * HOUR, ALWAYS))
    version = PolicyVersion("1", datetime(2025, 1, 1, tzinfo=UTC), [Policy("all", targets)])
    return SlaPolicy(f"{hours}h", [version])


def replied_after(case_id: str, hours: int) -> CaseHistory:
    """A case created at ``T`` with a public reply ``hours`` later."""
    return CaseHistory(
        case_id,
        [
            CaseEvent(case_id, T, "created", actor="customer:1"),
            CaseEvent(
                case_id, T + hours * HOUR, "agent_replied", actor="agent:1", data={"public": True}
            ),
        ],
    )


CASES = [replied_after("A", 1), replied_after("B", 3), replied_after("C", 5)]


class TestCompareSla:
    def test_hand_computed(self) -> None:
        """Replies at 1 h, 3 h, 5 h: a 4 h target meets two, a 2 h target one."""
        what_if = compare_sla(CASES, reply_within(4), reply_within(2), AS_OF)
        changes = what_if.changes
        assert changes["case_id"].tolist() == ["B"]
        assert (changes["state_before"][0], changes["state_after"][0]) == ("met", "breached")
        row = what_if.summary.loc["first_reply"]
        assert row["attainment_before"] == pytest.approx(2 / 3)
        assert row["attainment_after"] == pytest.approx(1 / 3)
        assert row["attainment_delta"] == pytest.approx(-1 / 3)
        assert (row["breached_before"], row["breached_after"], row["breached_delta"]) == (1, 2, 1)
        assert row["median_elapsed_before"] == pd.Timedelta(hours=3)
        assert row["median_elapsed_delta"] == pd.Timedelta(0)

    def test_same_policy_changes_nothing(self) -> None:
        """Under one policy twice: no changed cycle, every delta zero."""
        what_if = compare_sla(CASES, reply_within(4), reply_within(4), AS_OF)
        assert what_if.changes.empty
        assert (what_if.summary["breached_delta"] == 0).all()

    def test_a_metric_only_one_side_tracks(self) -> None:
        """A target only ``after`` has: untargeted cycles before, so every one is a change."""
        what_if = compare_sla(CASES, reply_within(4), reply_within(4, resolution=True), AS_OF)
        added = what_if.changes[what_if.changes["metric"] == "resolution"]
        assert sorted(added["case_id"]) == ["A", "B", "C"]
        assert set(added["state_before"]) == {"not_applicable"}
        assert set(added["state_after"]) == {"breached"}  # open two days against one
        row = what_if.summary.loc["resolution"]
        assert (row["cycles_before"], row["cycles_after"], row["breached_delta"]) == (0, 3, 3)
        assert pd.isna(row["attainment_before"])

    def test_due_alone_is_no_change(self) -> None:
        """A tighter target that changes no outcome moves ``due_at`` but lists no change."""
        what_if = compare_sla(CASES[:1], reply_within(4), reply_within(3), AS_OF)
        assert what_if.changes.empty

    def test_an_events_table_is_read_once_for_both(self) -> None:
        """A DataFrame of events gives the same comparison as the histories."""
        from_table = compare_sla(events_frame(CASES), reply_within(4), reply_within(2), AS_OF)
        from_histories = compare_sla(CASES, reply_within(4), reply_within(2), AS_OF)
        pd.testing.assert_frame_equal(from_table.changes, from_histories.changes)
        pd.testing.assert_frame_equal(from_table.summary, from_histories.summary)

    def test_policies_must_be_sla_policies(self) -> None:
        """A non-policy is refused naming it."""
        with pytest.raises(InputTypeError):
            compare_sla(CASES, reply_within(4), "2h", AS_OF)  # type: ignore[arg-type]


# One policy, two versions: "2025" (first reply within 4 h) and "2026-Q3" (within 2 h, from
# July 2026, after every case here).
VERSIONS = SlaPolicy(
    "care",
    [
        PolicyVersion(
            "2025",
            datetime(2025, 1, 1, tzinfo=UTC),
            [Policy("all", [Target("first_reply", 4 * HOUR, ALWAYS)])],
        ),
        PolicyVersion(
            "2026-Q3",
            datetime(2026, 7, 1, tzinfo=UTC),
            [Policy("all", [Target("first_reply", 2 * HOUR, ALWAYS)])],
        ),
    ],
)


class TestCompareVersions:
    """Issue 15: two versions of one policy, each side's chosen by name."""

    def test_hand_computed(self) -> None:
        """Replies at 1 h, 3 h, 5 h: "2025" (4 h) meets two, "2026-Q3" (2 h) one: B changes."""
        what_if = compare_sla(
            CASES, VERSIONS, VERSIONS, AS_OF, version_before="2025", version_after="2026-Q3"
        )
        changes = what_if.changes
        assert changes["case_id"].tolist() == ["B"]
        assert (changes["state_before"][0], changes["state_after"][0]) == ("met", "breached")
        assert set(what_if.before["policy_version"]) == {"2025"}
        assert set(what_if.after["policy_version"]) == {"2026-Q3"}
        replies = what_if.after[what_if.after["metric"] == "first_reply"]
        assert replies["target"].tolist() == [2 * HOUR] * 3
        row = what_if.summary.loc["first_reply"]
        assert row["attainment_before"] == pytest.approx(2 / 3)
        assert row["attainment_after"] == pytest.approx(1 / 3)
        assert (row["breached_before"], row["breached_after"], row["breached_delta"]) == (1, 2, 1)

    def test_one_side_named(self) -> None:
        """Only ``version_after`` named: ``before`` runs by date (every case pinned to "2025")."""
        named = compare_sla(CASES, VERSIONS, VERSIONS, AS_OF, version_after="2026-Q3")
        both = compare_sla(
            CASES, VERSIONS, VERSIONS, AS_OF, version_before="2025", version_after="2026-Q3"
        )
        pd.testing.assert_frame_equal(named.changes, both.changes)
        pd.testing.assert_frame_equal(named.summary, both.summary)

    def test_an_events_table_too(self) -> None:
        """From a table of events, the same comparison."""
        options = {"version_before": "2025", "version_after": "2026-Q3"}
        table = compare_sla(events_frame(CASES), VERSIONS, VERSIONS, AS_OF, **options)
        histories = compare_sla(CASES, VERSIONS, VERSIONS, AS_OF, **options)
        pd.testing.assert_frame_equal(table.changes, histories.changes)

    @pytest.mark.parametrize("side", ["version_before", "version_after"])
    def test_an_unknown_name_names_its_side(self, side: str) -> None:
        """A name the side's policy lacks: UnknownNameError naming that side's argument."""
        with pytest.raises(UnknownNameError) as info:
            compare_sla(CASES, VERSIONS, VERSIONS, AS_OF, **{side: "2026-Q4"})  # type: ignore[arg-type]
        assert (info.value.field, info.value.value) == (side, "2026-Q4")
        assert "(its versions: 2025, 2026-Q3)" in str(info.value)

    def test_a_name_with_current_versioning_is_refused(self) -> None:
        """A name with ``versioning="current"`` contradicts it, as for ``sla_frame``."""
        with pytest.raises(InvalidArgumentError) as info:
            compare_sla(
                CASES,
                VERSIONS,
                VERSIONS,
                AS_OF,
                versioning=Versioning.CURRENT,
                version_after="2025",
            )
        assert (info.value.field, info.value.value) == ("version_after", "2025")

    def test_a_name_that_is_not_text(self) -> None:
        """A name that is not text is an InputTypeError naming the side."""
        with pytest.raises(InputTypeError) as info:
            compare_sla(CASES, VERSIONS, VERSIONS, AS_OF, version_before=1)  # type: ignore[arg-type]
        assert info.value.field == "version_before"

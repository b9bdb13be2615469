"""``safetycore.datasets``: seeded sample cases, valid by construction, with real peaks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest

from safetycore import datasets
from safetycore.analysis import read_events, sla_frame
from safetycore.errors import InputTypeError, InvalidArgumentError, UnknownTimeZoneError
from safetycore.sla import HolidaySource
from safetycore.workflow import GUARANTEE_CLAIM, SAFETY_INCIDENT, SUPPORT_TICKET, Workflow
from tests.property.test_clock_properties import POLICY

Generator = Callable[..., Iterator[pd.DataFrame]]
KINDS: list[tuple[Generator, Workflow, str]] = [
    (datasets.support_tickets, SUPPORT_TICKET, "T"),
    (datasets.safety_incidents, SAFETY_INCIDENT, "S"),
    (datasets.guarantee_claims, GUARANTEE_CLAIM, "G"),
]


def _one(generate: Generator, cases: int, **options: Any) -> pd.DataFrame:
    return pd.concat(list(generate(cases, **options)), ignore_index=True)


@pytest.mark.parametrize(("generate", "workflow", "prefix"), KINDS)
class TestEveryKind:
    def test_every_row_reads(self, generate: Generator, workflow: Workflow, prefix: str) -> None:
        """Every generated table reads with no bad row, the cases numbered in order."""
        frame = _one(generate, 500, seed=3)
        table = read_events(frame)
        assert table.case_ids == tuple(f"{prefix}-{n:07d}" for n in range(500))

    def test_status_changes_follow_the_workflow(
        self, generate: Generator, workflow: Workflow, prefix: str
    ) -> None:
        """Each case's status changes are steps of the workflow, each from the status before."""
        steps = {(source, step.target) for step in workflow.steps for source in step.sources}
        frame = _one(generate, 300, seed=5)
        changes = frame[frame["kind"] == "status_changed"]
        for _, case in changes.groupby("case_id", sort=False):
            status = workflow.initial
            for source, target in zip(case["from"], case["to"], strict=True):
                assert source == status
                assert (source, target) in steps
                status = target

    def test_same_seed_same_data(
        self, generate: Generator, workflow: Workflow, prefix: str
    ) -> None:
        """The same arguments give the same tables; another seed gives others."""
        one = _one(generate, 200, seed=11, chunk_size=70)
        pd.testing.assert_frame_equal(one, _one(generate, 200, seed=11, chunk_size=70))
        assert not one.equals(_one(generate, 200, seed=12, chunk_size=70))

    def test_chunks(self, generate: Generator, workflow: Workflow, prefix: str) -> None:
        """Tables of ``chunk_size`` cases, the last one shorter; ids run on across them."""
        chunks = list(generate(250, seed=1, chunk_size=100))
        assert [chunk["case_id"].nunique() for chunk in chunks] == [100, 100, 50]
        assert chunks[2]["case_id"].iloc[-1] == f"{prefix}-0000249"

    def test_the_clocks_run_on_them(
        self, generate: Generator, workflow: Workflow, prefix: str
    ) -> None:
        """``sla_frame`` takes a generated table as it is."""
        frame = next(generate(100, seed=2))
        result = sla_frame(frame, POLICY, datetime(2026, 3, 1, tzinfo=UTC))
        assert set(result["case_id"]) == set(frame["case_id"])


class TestPeaks:
    def _created_at(self, generate: Generator, **options: Any) -> pd.Series:
        frame = _one(generate, 20_000, seed=9, **options)
        created = frame.loc[frame["kind"] == "created", "at"]
        return created.dt.tz_convert("America/New_York")

    def test_tickets_peak_in_the_evening(self) -> None:
        """Tickets: the hours 18:00 to 22:00 hold well over their uniform share (1/6)."""
        hours = self._created_at(datasets.support_tickets).dt.hour
        assert ((hours >= 18) & (hours < 22)).mean() > 0.2

    def test_incidents_peak_at_night_and_on_holidays(self) -> None:
        """Incidents: nights over their share; a holiday well over an ordinary day."""
        created = self._created_at(datasets.safety_incidents)
        hours = created.dt.hour
        assert ((hours >= 22) | (hours < 4)).mean() > 0.3
        holidays = set(HolidaySource("US").dates([2025]))
        per_day = created.dt.date.value_counts()
        on = per_day[[day for day in per_day.index if day in holidays]].mean()
        assert on > 1.5 * per_day.mean()

    def test_urgent_incidents_are_triaged_in_minutes(self) -> None:
        """An emergency triage follows its report by minutes, not hours (median under 30)."""
        frame = _one(datasets.safety_incidents, 2_000, seed=4)
        created = frame[frame["kind"] == "created"].set_index("case_id")["at"]
        triage = frame[frame["to"] == "triaged_emergency"].groupby("case_id")["at"].first()
        waits = (triage - created[triage.index]).dt.total_seconds() / 60
        assert 0 < np.median(waits) < 30


class TestArguments:
    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"cases": -1}, "cases"),
            ({"cases": 1.5}, "cases"),
            ({"chunk_size": 0}, "chunk_size"),
            ({"chunk_size": 10**7 + 1}, "chunk_size"),
            ({"cases": 10**9 + 1}, "cases"),
            ({"days": 0}, "days"),
            ({"seed": "7"}, "seed"),
            ({"seed": -1}, "seed"),
            ({"seed": True}, "seed"),
            ({"start": "2025-01-01"}, "start"),
            ({"start": date(1800, 1, 1)}, "start"),
            ({"country": 1}, "country"),
        ],
    )
    def test_junk_is_refused_when_called(self, options: dict[str, Any], field: str) -> None:
        """A junk argument raises when the generator is called, before any table is made."""
        arguments = {"cases": 10, **options}
        with pytest.raises((InputTypeError, InvalidArgumentError)) as info:
            datasets.support_tickets(**arguments)
        assert info.value.field == field

    def test_unknown_zone(self) -> None:
        """A zone the tz database lacks is refused."""
        with pytest.raises(UnknownTimeZoneError):
            datasets.support_tickets(10, zone="Mars/Olympus")

    def test_no_cases(self) -> None:
        """No cases: no tables."""
        assert list(datasets.support_tickets(0)) == []


class TestBenefitsEnrolments:
    def test_every_request_is_decided(self) -> None:
        """Each table is a facts table the group health policy decides, row by row."""
        from safetycore.analysis import decide_frame
        from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT

        table = _one(datasets.benefits_enrolments, 3_000, seed=2, chunk_size=1_000)
        frames = decide_frame(GROUP_HEALTH_ENROLMENT, table, ignore=["request_id"])
        shares = frames.decisions["verdict"].value_counts(normalize=True)
        assert 0.5 < shares["eligible"] < 0.9
        assert shares["ineligible"] > 0.05
        assert shares["needs_info"] > 0.05
        assert table["request_id"].iloc[-1] == "E-0002999"

    def test_hires_cluster_on_mondays(self) -> None:
        """New hires start on Mondays well over a seventh of the time."""
        table = _one(datasets.benefits_enrolments, 5_000, seed=3)
        hires = table[table["event"] == "new_hire"]
        mondays = pd.Series([day.weekday() == 0 for day in hires["event_date"]])
        assert mondays.mean() > 0.3

    def test_same_seed_same_data(self) -> None:
        """The same arguments give the same tables."""
        one = _one(datasets.benefits_enrolments, 300, seed=5, chunk_size=120)
        pd.testing.assert_frame_equal(
            one, _one(datasets.benefits_enrolments, 300, seed=5, chunk_size=120)
        )

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"cases": -1}, "cases"),
            ({"chunk_size": 0}, "chunk_size"),
            ({"start": 2025}, "start"),
            ({"seed": -1}, "seed"),
        ],
    )
    def test_junk_is_refused_when_called(self, options: dict[str, Any], field: str) -> None:
        """A junk argument raises when called, naming it."""
        with pytest.raises((InputTypeError, InvalidArgumentError)) as info:
            datasets.benefits_enrolments(**{"cases": 10, **options})
        assert info.value.field == field


class TestArrivalsOnDstDays:
    """Wall times drawn on DST days are placed as ``Calendar`` places them."""

    def _placed(self, day: date, hour: int) -> np.ndarray:
        from safetycore.datasets._arrivals import Profile, arrivals

        only = [0.0] * 24
        only[hour] = 1.0
        profile = Profile(only, [1.0] * 7, holiday=1.0, beside_holiday=1.0)
        rng = np.random.default_rng(0)
        return arrivals(
            rng, 200, start=day, days=1, zone="America/New_York", country="US", profile=profile
        )

    def test_a_time_in_the_spring_gap_reads_forward(self) -> None:
        """02:xx on 2025-03-09 (no such wall time) is 03:xx EDT, not all at 03:00."""
        utc = pd.to_datetime(self._placed(date(2025, 3, 9), 2), unit="us", utc=True)
        local = utc.tz_convert("America/New_York")
        assert set(local.hour) == {3}
        assert local.minute.nunique() > 30  # spread over the hour, not all at 03:00

    def test_a_time_in_the_autumn_fold_is_the_later_one(self) -> None:
        """01:xx on 2025-11-02 (twice) is the second occurrence, in standard time (EST)."""
        utc = pd.to_datetime(self._placed(date(2025, 11, 2), 1), unit="us", utc=True)
        assert set(utc.hour) == {6}  # 01:xx EST is 06:xx UTC (EDT would be 05:xx)

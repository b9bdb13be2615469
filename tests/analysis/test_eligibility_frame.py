"""decide_frame: DataFrames of claims in, decisions, trace and counts out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from safetycore.analysis import decide_frame
from safetycore.eligibility import MISSING, NOT_APPLICABLE, decide
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.errors import InvalidArgumentError, NaiveDatetimeError

NY = "America/New_York"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "incident_date": pd.to_datetime(["2026-03-02", "2026-03-02", None]),
            "booked_on_platform": [True, False, True],
            "paid_on_platform": [True, True, None],
            "service": ["boarding", "meet_and_greet", "boarding"],
            "cause": ["injury", "not applicable", np.nan],
            "booking_ended_at": pd.to_datetime(["2026-03-05 18:00"] * 3).tz_localize(NY),
            "documents": [["itemised_vet_invoice"], [], None],
            "ignored": [1, 2, 3],
        },
        index=["A", "B", "C"],
    )


class TestDecideFrame:
    """Rows become facts and decisions; the result frames line up with the input."""

    def test_rows_become_facts(self) -> None:
        """Missing cells are MISSING, "not applicable" is NOT_APPLICABLE, Timestamps convert."""
        result = decide_frame(PET_GUARANTEE, _frame())
        first, second, third = (result.batch[i] for i in range(3))
        assert first.version == "2026-01"
        assert second.outcome("not-illness").value == "not_applicable"
        assert third.verdict.value == "needs_info"
        assert [q.name for q in third.requirements] == ["incident_date"]

    def test_same_as_decide(self) -> None:
        """Each row's verdict equals deciding its facts one by one."""
        frame = _frame()
        result = decide_frame(PET_GUARANTEE, frame)
        claim = PetGuaranteeClaim(
            incident_date=dt.date(2026, 3, 2),
            booked_on_platform=False,
            paid_on_platform=True,
            service="meet_and_greet",
            cause=NOT_APPLICABLE,
            booking_ended_at=pd.Timestamp("2026-03-05 18:00", tz=NY).to_pydatetime(),
            documents=frozenset(),
        )
        expected = decide(PET_GUARANTEE, claim)
        assert result.decisions.loc["B", "verdict"] == expected.verdict.value == "ineligible"
        assert result.decisions.loc["B", "reasons"] == "on-platform;not-meet-and-greet"
        assert list(result.decisions.index) == ["A", "B", "C"]

    def test_trace_and_counts(self) -> None:
        """The trace has a row per decided claim and rule; counts add up per rule."""
        result = decide_frame(PET_GUARANTEE, _frame())
        assert len(result.trace) == 2 * 12
        assert set(result.trace["claim"]) == {"A", "B"}
        assert (result.counts.sum(axis=1) == 2).all()
        assert result.counts.loc["on-platform", "fail"] == 1

    def test_float_money_goes_through_its_text(self) -> None:
        """A float cell for a Decimal fact becomes the decimal it printed as."""
        from safetycore.analysis.eligibility_frame import _cell
        from safetycore.eligibility import FactSpec

        spec = FactSpec("bill", Decimal, "bill")
        assert _cell(0.1, spec, "x") == Decimal("0.1")
        assert _cell(np.float64("nan"), spec, "x") is MISSING

    def test_bad_row_names_the_row(self) -> None:
        """An invalid cell raises the facts error with the row label in the field."""
        frame = _frame()
        frame.loc["B", "service"] = "grooming"
        with pytest.raises(InvalidArgumentError, match=r"rows\['B'\].service"):
            decide_frame(PET_GUARANTEE, frame)

    def test_naive_timestamp_refused(self) -> None:
        """A naive Timestamp for a datetime fact is an error, not a guess."""
        frame = _frame()
        frame["booking_ended_at"] = pd.to_datetime(["2026-03-05 18:00"] * 3)
        with pytest.raises(NaiveDatetimeError):
            decide_frame(PET_GUARANTEE, frame)


class TestCells:
    """Ordinary missing cells of any column are MISSING, and ints survive a gap."""

    def test_nan_in_a_documents_column_is_missing(self) -> None:
        """A NaN documents cell is MISSING, not an invalid value."""
        frame = _frame()
        frame["documents"] = [["itemised_vet_invoice"], np.nan, None]
        result = decide_frame(PET_GUARANTEE, frame)
        assert result.batch.claims[1].documents is MISSING  # type: ignore[attr-defined]

    def test_int_column_with_a_gap(self) -> None:
        """An int column read as floats because of a NaN gives back ints."""
        from safetycore.analysis.eligibility_frame import _cell
        from safetycore.eligibility import FactSpec

        spec = FactSpec("age", int, "age")
        assert _cell(np.float64(3.0), spec, "x") == 3
        assert type(_cell(np.float64(3.0), spec, "x")) is int
        assert _cell(np.float64("nan"), spec, "x") is MISSING

    def test_version_is_none_without_a_version(self) -> None:
        """A claim without its date has no version: the column holds None, not NaN."""
        result = decide_frame(PET_GUARANTEE, _frame())
        assert result.decisions.loc["C", "version"] is None


class TestCompareFrame:
    """What-if over a DataFrame: changed rows only, by their labels."""

    def test_versions_on_a_frame(self) -> None:
        """A claim reported 60 hours after its booking ended changes between 48 h and 72 h."""
        from safetycore.analysis import compare_frame

        ended = pd.Timestamp("2026-03-05 18:00", tz=NY)
        frame = pd.DataFrame(
            {
                "booking_ended_at": [ended, ended],
                "reported_at": [ended + pd.Timedelta(hours=60), ended + pd.Timedelta(hours=10)],
            },
            index=pd.Index(["late", "early"], name="claim"),
        )
        changes = compare_frame(
            PET_GUARANTEE.pinned("2025-07"), PET_GUARANTEE.pinned("2026-01"), frame
        )
        assert list(changes.index) == ["late"]
        assert changes.index.name == "claim"
        assert changes.loc["late", "rules"] == "reported-in-time"
        assert changes.loc["late", "verdict_before"] == "ineligible"

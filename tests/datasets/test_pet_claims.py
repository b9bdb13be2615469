"""``safetycore.datasets.pet_guarantee_claims``: seeded claims the pet guarantee decides."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from safetycore import datasets
from safetycore.analysis import compare_frame, decide_frame
from safetycore.eligibility.money import InvoiceLine
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE
from safetycore.errors import InputTypeError, InvalidArgumentError


def _one(cases: int, **options: Any) -> pd.DataFrame:
    return pd.concat(list(datasets.pet_guarantee_claims(cases, **options)), ignore_index=True)


class TestDecided:
    def test_every_claim_is_decided(self) -> None:
        """Each table is a facts table the pet guarantee decides, row by row, with every verdict."""
        table = _one(3_000, seed=2, chunk_size=1_000)
        frames = decide_frame(PET_GUARANTEE, table, ignore=["claim_id"])
        shares = frames.decisions["verdict"].value_counts(normalize=True)
        assert set(shares.index) == {"eligible", "ineligible", "needs_info"}
        assert 0.5 < shares["eligible"] < 0.8
        assert shares["ineligible"] > 0.15
        assert shares["needs_info"] > 0.05
        assert set(frames.decisions["version"]) == {"2025-07", "2026-01"}

    def test_claims_fail_for_many_reasons(self) -> None:
        """The ineligible claims fail for at least eight different rules, none for most."""
        table = _one(3_000, seed=3)
        decisions = decide_frame(PET_GUARANTEE, table, ignore=["claim_id"]).decisions
        failed = decisions.loc[decisions["verdict"] == "ineligible", "reasons"]
        shares = failed.str.split(";").explode().value_counts(normalize=True)
        assert len(shares) >= 8
        assert shares.iloc[0] < 0.5

    def test_the_versions_differ_on_late_reports(self) -> None:
        """The 72-hour window of 2026-01 takes in some claims 2025-07's 48 hours leaves out."""
        table = _one(3_000, seed=4)
        changes = compare_frame(
            PET_GUARANTEE.pinned("2025-07"),
            PET_GUARANTEE.pinned("2026-01"),
            table,
            ignore=["claim_id"],
        )
        assert 0.005 < len(changes) / len(table) < 0.1
        assert set(changes["rules"]) == {"reported-in-time"}
        assert set(changes["verdict_before"]) == {"ineligible"}
        assert set(changes["verdict_after"]) <= {"eligible", "needs_info"}

    def test_cells_are_the_facts_kinds(self) -> None:
        """Dates are dates, times aware in a US zone, documents sets, invoices Decimal lines."""
        table = _one(2_000, seed=5)
        assert list(table.columns) == ["claim_id", *PET_GUARANTEE.fact_specs]
        for column in ("incident_date", "service_start", "service_end"):
            assert all(type(day) is date for day in table[column])
        for column in ("booking_ended_at", "reported_at"):
            moments = table[column]
            assert all(isinstance(m, datetime) and isinstance(m.tzinfo, ZoneInfo) for m in moments)
            assert {m.tzinfo.key.split("/")[0] for m in moments} == {"America"}
        assert all(isinstance(kinds, frozenset) for kinds in table["documents"])
        for invoice in table["invoice"].dropna():
            assert 1 <= len(invoice) <= 4
            assert all(isinstance(line, InvoiceLine) for line in invoice)
            assert all(line.amount.as_tuple().exponent == -2 for line in invoice)
        assert (table["service_start"] <= table["service_end"]).all()
        during = (table["service_start"] <= table["incident_date"]) & (
            table["incident_date"] <= table["service_end"]
        )
        assert 0.95 < during.mean() < 1
        assert 0 < table["pre_existing"].isna().mean() < 0.05


class TestStream:
    def test_same_seed_same_data(self) -> None:
        """The same arguments give the same tables; another seed gives others."""
        one = _one(300, seed=11, chunk_size=70)
        pd.testing.assert_frame_equal(one, _one(300, seed=11, chunk_size=70))
        assert not one.equals(_one(300, seed=12, chunk_size=70))

    @pytest.mark.parametrize("chunk_size", [1, 70, 1_000, 1_001, 10_000])
    def test_chunk_size_does_not_change_the_claims(self, chunk_size: int) -> None:
        """The claims are the same whatever the tables' size, and whatever their number."""
        claims = _one(2_100, seed=6)
        pd.testing.assert_frame_equal(claims, _one(2_100, seed=6, chunk_size=chunk_size))
        pd.testing.assert_frame_equal(claims.iloc[:300], _one(300, seed=6))

    def test_chunks(self) -> None:
        """Tables of ``chunk_size`` claims, the last one shorter; ids run on across them."""
        chunks = list(datasets.pet_guarantee_claims(2_500, seed=1, chunk_size=1_000))
        assert [len(chunk) for chunk in chunks] == [1_000, 1_000, 500]
        assert all(chunk.index.equals(pd.RangeIndex(len(chunk))) for chunk in chunks)
        ids = pd.concat([chunk["claim_id"] for chunk in chunks], ignore_index=True)
        assert list(ids) == [f"G-{n:07d}" for n in range(2_500)]

    def test_no_cases_no_tables(self) -> None:
        """No claims: no tables."""
        assert list(datasets.pet_guarantee_claims(0)) == []

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"cases": -1}, "cases"),
            ({"cases": 1.5}, "cases"),
            ({"chunk_size": 0}, "chunk_size"),
            ({"start": 2025}, "start"),
            ({"days": 0}, "days"),
            ({"seed": -1}, "seed"),
        ],
    )
    def test_junk_is_refused_when_called(self, options: dict[str, Any], field: str) -> None:
        """A junk argument raises when called, naming it."""
        with pytest.raises((InputTypeError, InvalidArgumentError)) as info:
            datasets.pet_guarantee_claims(**{"cases": 10, **options})
        assert info.value.field == field

"""``safetycore.datasets.pet_guarantee_claims``: seeded claims the pet guarantee decides."""

from __future__ import annotations

from typing import Any

import pandas as pd

from safetycore import datasets
from safetycore.analysis import decide_frame
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE


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
        assert table["claim_id"].iloc[-1] == "G-0002999"

"""decide_frame: DataFrames of claims in, decisions, trace and counts out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from safetycore.analysis import decide_frame
from safetycore.eligibility import MISSING, NOT_APPLICABLE, InvoiceLine, decide
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE as POLICY
from safetycore.errors import (
    ConfigurationError,
    InputTypeError,
    InvalidArgumentError,
    NaiveDatetimeError,
)

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


def _complete(**changes: object) -> dict[str, object]:
    """The cells of one complete, eligible guarantee claim with a 1,200.00 invoice."""
    ended = pd.Timestamp("2026-03-05 18:00", tz=NY)
    cells: dict[str, object] = {
        "incident_date": pd.Timestamp("2026-03-03"),
        "booked_on_platform": True,
        "paid_on_platform": True,
        "service": "boarding",
        "service_start": pd.Timestamp("2026-03-01"),
        "service_end": pd.Timestamp("2026-03-05"),
        "booking_ended_at": ended,
        "reported_at": ended + pd.Timedelta(hours=2),
        "own_pet": True,
        "cause": "injury",
        "pre_existing": False,
        "first_vet_visit": pd.Timestamp("2026-03-04"),
        "documents": ["itemised_vet_invoice", "vet_records"],
        "invoice": (InvoiceLine("surgery", Decimal("1200.00"), date=dt.date(2026, 3, 4)),),
    }
    return {**cells, **changes}


class TestColumns:
    """Every column names a fact (or is ignored by name); a misspelt one is refused."""

    def test_column_that_is_no_fact(self) -> None:
        """A misspelt column raises ConfigurationError naming it, not a silently missing fact."""
        frame = _frame().rename(columns={"incident_date": "incident_dat"})
        with pytest.raises(ConfigurationError, match="incident_date") as caught:
            decide_frame(PET_GUARANTEE, frame)
        assert (caught.value.field, caught.value.value) == ("frame.columns", "incident_dat")

    def test_ignored_columns(self) -> None:
        """Columns named in ``ignore`` are left alone; the result is as without them."""
        frame = _frame().assign(claim_id=[1, 2, 3], note="x")
        result = decide_frame(PET_GUARANTEE, frame, ignore=["claim_id", "note"])
        plain = decide_frame(PET_GUARANTEE, _frame())
        assert result.decisions.equals(plain.decisions)

    def test_ignoring_a_fact_is_refused(self) -> None:
        """``ignore`` naming a fact raises ConfigurationError (it would drop the fact)."""
        with pytest.raises(ConfigurationError) as caught:
            decide_frame(PET_GUARANTEE, _frame(), ignore=["cause"])
        assert (caught.value.field, caught.value.value) == ("ignore", "cause")

    def test_ignore_as_a_bare_str(self) -> None:
        """``ignore="note"`` raises InputTypeError (a str is a set of letters)."""
        with pytest.raises(InputTypeError) as caught:
            decide_frame(PET_GUARANTEE, _frame(), ignore="note")
        assert caught.value.field == "ignore"

    def test_repeated_column(self) -> None:
        """Two columns of one name raise ConfigurationError naming the name."""
        frame = pd.concat([_frame(), _frame()[["cause"]]], axis=1)
        with pytest.raises(ConfigurationError) as caught:
            decide_frame(PET_GUARANTEE, frame)
        assert (caught.value.field, caught.value.value) == ("frame.columns", "cause")

    @pytest.mark.parametrize("function", ["decide_frame", "compare_frame"])
    def test_unknown_keyword(self, function: str) -> None:
        """``keep=`` raises InputTypeError naming the keyword, not Python's bare TypeError."""
        from safetycore import analysis

        policies = (PET_GUARANTEE,) if function == "decide_frame" else (POLICY, POLICY)
        with pytest.raises(InputTypeError, match="ignore") as caught:
            getattr(analysis, function)(*policies, _frame(), keep=["claim_id"])
        assert (caught.value.field, caught.value.value) == ("keep", ["claim_id"])

    @pytest.mark.parametrize("policy", [None, "pet-guarantee", POLICY.versions[0]])
    def test_not_a_policy(self, policy: object) -> None:
        """A policy that is not a Policy raises InputTypeError naming ``policy``."""
        with pytest.raises(InputTypeError) as caught:
            decide_frame(policy, _frame())  # type: ignore[arg-type]
        assert caught.value.field == "policy"

    def test_compare_not_a_policy(self) -> None:
        """``compare_frame`` names ``before`` or ``after`` when either is not a Policy."""
        from safetycore.analysis import compare_frame

        with pytest.raises(InputTypeError) as caught:
            compare_frame([], POLICY, _frame())  # type: ignore[arg-type]
        assert caught.value.field == "before"


class TestWouldPay:
    """Amounts of claims still waiting for information are kept apart from what is payable."""

    def test_needs_info_amount_is_would_pay(self) -> None:
        """An eligible claim's amount is ``payable``; a NEEDS_INFO claim's is ``would_pay``."""
        frame = pd.DataFrame(
            [_complete(), _complete(pre_existing=None)], index=["paid", "waiting"], dtype=object
        )
        decisions = decide_frame(PET_GUARANTEE, frame).decisions
        assert list(decisions["verdict"]) == ["eligible", "needs_info"]
        assert decisions.loc["paid", "payable"] == Decimal("950.00")
        assert decisions.loc["paid", "would_pay"] is None
        assert decisions.loc["waiting", "payable"] is None
        assert decisions.loc["waiting", "would_pay"] == Decimal("950.00")
        assert sum(v for v in decisions["payable"] if v is not None) == Decimal("950.00")


class TestDateColumns:
    """A date fact's column holds dates: an instant or a time of day is refused, not cut."""

    def test_aware_timestamp_in_a_date_column(self) -> None:
        """A tz-aware Timestamp for a date fact raises InputTypeError naming row and column."""
        frame = _frame()
        frame["incident_date"] = pd.to_datetime(["2026-03-02 23:30"] * 3).tz_localize(NY)
        with pytest.raises(InputTypeError) as caught:
            decide_frame(PET_GUARANTEE, frame)
        assert caught.value.field == "rows['A'].incident_date"

    def test_time_of_day_in_a_date_column(self) -> None:
        """A naive Timestamp with a time of day for a date fact is refused the same way."""
        frame = _frame()
        frame["incident_date"] = pd.to_datetime(["2026-03-02 00:00", "2026-03-02 12:00", None])
        with pytest.raises(InputTypeError) as caught:
            decide_frame(PET_GUARANTEE, frame)
        assert caught.value.field == "rows['B'].incident_date"

    def test_midnight_timestamps_are_dates(self) -> None:
        """Naive midnight Timestamps (how pandas reads a date column) are dates."""
        result = decide_frame(PET_GUARANTEE, _frame())
        assert result.batch.claims[0].incident_date == dt.date(2026, 3, 2)  # type: ignore[attr-defined]


class TestWhatACsvGives:
    """Text cells, as a CSV reader gives them, are read by each fact's declared kind."""

    def _csv_row(self, **changes: object) -> pd.DataFrame:
        cells: dict[str, object] = {
            "incident_date": "2026-03-03",
            "booked_on_platform": "true",
            "paid_on_platform": "True",
            "service": "boarding",
            "service_start": "2026-03-01",
            "service_end": "2026-03-05",
            "booking_ended_at": "2026-03-05T18:00:00-05:00",
            "reported_at": "2026-03-05T20:00:00-05:00",
            "own_pet": "TRUE",
            "cause": "injury",
            "pre_existing": "false",
            "first_vet_visit": "2026-03-04",
            "documents": "itemised_vet_invoice; vet_records",
            "invoice": (InvoiceLine("surgery", Decimal("1200.00"), date=dt.date(2026, 3, 4)),),
        }
        cells.update(changes)
        return pd.DataFrame([cells], index=["R1"])

    def test_text_cells_decide_as_typed_ones(self) -> None:
        """ISO dates and instants, true/false and ;-joined documents decide as typed cells."""
        from_text = decide_frame(PET_GUARANTEE, self._csv_row())
        typed = decide_frame(PET_GUARANTEE, pd.DataFrame([_complete()], index=["R1"]))
        assert from_text.decisions.to_dict() == typed.decisions.to_dict()
        claim = from_text.batch.claims[0]
        assert claim.incident_date == dt.date(2026, 3, 3)  # type: ignore[attr-defined]
        assert claim.own_pet is True  # type: ignore[attr-defined]
        assert claim.documents == {"itemised_vet_invoice", "vet_records"}  # type: ignore[attr-defined]

    def test_empty_text_is_missing(self) -> None:
        """An empty cell of a typed fact is MISSING, as a CSV reader's gap is."""
        claim = decide_frame(PET_GUARANTEE, self._csv_row(first_vet_visit="")).batch.claims[0]
        assert claim.first_vet_visit is MISSING  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        ("column", "text", "error"),
        [
            ("own_pet", "yes", InputTypeError),
            ("incident_date", "2026-03-03T10:00:00", InputTypeError),
            ("incident_date", "03/03/2026", InputTypeError),
            ("reported_at", "2026-03-05T20:00:00", NaiveDatetimeError),
            ("reported_at", "soon", InputTypeError),
        ],
    )
    def test_bad_text_names_row_and_column(
        self, column: str, text: str, error: type[Exception]
    ) -> None:
        """Text that is no value of the fact's kind raises naming the row and the column."""
        with pytest.raises(error) as info:
            decide_frame(PET_GUARANTEE, self._csv_row(**{column: text}))
        assert info.value.field == f"rows['R1'].{column}"  # type: ignore[attr-defined]

    def test_numbers_and_enum_choices_from_text(self) -> None:
        """Decimal and int text, and an enum choice named by its value, are read."""
        from safetycore.analysis.eligibility_frame import _cell
        from safetycore.eligibility import FactSpec
        from safetycore.eligibility.benefits import SpecialEnrolmentEvent

        assert _cell("12.50", FactSpec("fee", Decimal, "fee"), "x") == Decimal("12.50")
        assert _cell("3", FactSpec("age", int, "age"), "x") == 3
        event = FactSpec("event", object, "event", choices=frozenset(SpecialEnrolmentEvent))
        assert _cell("birth", event, "x") is SpecialEnrolmentEvent.BIRTH
        with pytest.raises(InputTypeError):
            _cell("3.5", FactSpec("age", int, "age"), "x")

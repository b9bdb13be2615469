"""``read_events`` over pyarrow text: the compiled passes equal pandas on every layout.

pyarrow-backed ``str`` columns are read through their buffers (``_arrow_text``): blank cells,
runs of equal case ids, and whether the runs' ids are distinct. Each answer is held equal to
the obvious pandas computation on columns of many chunks, sliced chunks (non-zero offsets),
missing and empty cells and non-ASCII text; and ``read_events`` gives the same table and the
same bad rows from pyarrow text as from object columns of the same cells.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.analysis import EventTable, _arrow_text, events_frame, read_events
from safetycore.analysis.events_table import _case_numbers
from safetycore.events import CODE_PUBLIC_FLAG, CaseHistory
from safetycore.testing.clocks import case_histories

CELLS = st.lists(st.one_of(st.none(), st.sampled_from(["", "a", "b", "ab", "é", "ba", "a b"])))
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)


@st.composite
def arrow_columns(draw: st.DrawFn, cells: st.SearchStrategy[list[str | None]] = CELLS) -> pd.Series:
    """A pandas ``str`` or ``string`` column of ``cells`` in random chunks, some sliced."""
    values = draw(cells)
    cuts = sorted(draw(st.lists(st.integers(0, len(values)), max_size=4)))
    pieces = []
    for a, b in zip([0, *cuts], [*cuts, len(values)], strict=True):
        padding = draw(st.integers(0, 2))  # a chunk sliced out of a longer array
        whole = pa.array(["pad"] * padding + values[a:b] + ["pad"] * padding, pa.large_string())
        pieces.append(whole.slice(padding, b - a))
    chunked = pa.chunked_array(pieces, type=pa.large_string())
    na = draw(st.sampled_from([np.nan, pd.NA]))  # the str dtype, or the string dtype
    return pd.Series(pd.arrays.ArrowStringArray(chunked, dtype=pd.StringDtype("pyarrow", na)))


def _cells(column: pd.Series) -> list[str | None]:
    return [None if pd.isna(value) else value for value in column.tolist()]


class TestPasses:
    @given(arrow_columns())
    def test_blanks(self, column: pd.Series) -> None:
        """Missing or empty cells, marked; ``None`` when there is none."""
        parts = _arrow_text.chunks(column)
        assert parts is not None
        expected = [value is None or value == "" for value in _cells(column)]
        got = _arrow_text.blanks(parts)
        if any(expected):
            assert got is not None
            assert got.tolist() == expected
        else:
            assert got is None

    @given(arrow_columns())
    def test_runs(self, column: pd.Series) -> None:
        """Each cell that differs from the one before; a missing cell equals only another."""
        parts = _arrow_text.chunks(column)
        assert parts is not None
        cells = _cells(column)
        expected = [i for i in range(len(cells)) if i == 0 or cells[i] != cells[i - 1]]
        assert _arrow_text.runs(parts).tolist() == expected

    @given(arrow_columns())
    def test_distinct(self, column: pd.Series) -> None:
        cells = _cells(column)
        expected = None not in cells and len(set(cells)) == len(cells)
        assert _arrow_text.distinct(column.array) is expected

    def test_a_column_of_one_chunk(self) -> None:
        """As pandas makes text from a list: one chunk, no offset."""
        parts = _arrow_text.chunks(pd.Series(["a", "", None, "a"], dtype="str"))
        assert parts is not None
        assert len(parts) == 1
        blank = _arrow_text.blanks(parts)
        assert blank is not None
        assert blank.tolist() == [False, True, True, False]
        assert _arrow_text.runs(parts).tolist() == [0, 1, 2, 3]

    @pytest.mark.parametrize("dtype", [object, "string[python]"])
    def test_other_columns_take_the_pandas_path(self, dtype: object) -> None:
        assert _arrow_text.chunks(pd.Series(["a", "b"], dtype=dtype)) is None  # type: ignore[call-overload]


class TestCaseNumbers:
    @given(arrow_columns(st.lists(st.one_of(st.none(), st.sampled_from(["A", "B", "C", "é"])))))
    def test_equal_to_factorize(self, column: pd.Series) -> None:
        """Runs or not, ids back after another's run or not: as ``pd.factorize`` numbers them."""
        codes, labels = _case_numbers(column)
        expected_codes, expected_labels = pd.factorize(column.astype(object), use_na_sentinel=True)
        assert codes.tolist() == expected_codes.tolist()
        assert list(labels) == list(expected_labels)

    def test_an_id_back_after_another(self) -> None:
        """A, B, A: two cases, not three runs of three cases."""
        codes, labels = _case_numbers(pd.Series(["A", "B", "A"], dtype="str"))
        assert codes.tolist() == [0, 1, 0]
        assert list(labels) == ["A", "B"]

    def test_descending_ids_are_cases_too(self) -> None:
        codes, labels = _case_numbers(pd.Series(["C", "C", "B", "A"], dtype="str"))
        assert codes.tolist() == [0, 0, 1, 2]
        assert list(labels) == ["C", "B", "A"]


MANY = st.lists(st.integers(0, 99), min_size=1, max_size=5, unique=True).flatmap(
    lambda ids: st.tuples(*(case_histories(f"C-{i}") for i in ids))
)
TEXT = ("case_id", "kind", "actor", "via", "priority", "category", "from", "to")
BAD = st.sampled_from([None, "", "nonsense", "é"])


class TestSameAsObjectColumns:
    @settings(max_examples=80)
    @given(MANY, st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TEXT), BAD), max_size=4))
    def test_same_table_and_bad_rows(
        self, histories: tuple[CaseHistory, ...], edits: list[tuple[int, str, object]]
    ) -> None:
        """Pyarrow text and object columns of the same cells: same rows read, same reports."""
        frame = events_frame(histories)
        frame["public"] = frame["public"].map(
            lambda value: None if value is None else str(value).lower()
        )
        for row, column, value in edits:
            frame.loc[row % len(frame), column] = value
        text = frame.astype(dict.fromkeys((*TEXT, "public"), "str"))
        objects = frame.astype(dict.fromkeys((*TEXT, "public"), object))
        got, expected = (read_events(f, errors="report") for f in (text, objects))
        assert got.case_ids == expected.case_ids
        assert got.excluded == expected.excluded
        for name in ("lengths", "at", "code", "rows"):
            assert np.array_equal(getattr(got, name), getattr(expected, name)), name

        def reports(table: EventTable) -> list[list[object]]:  # a missing id: NaN or None
            rows = table.rejected[["row", "case_id", "column", "reason"]].values.tolist()
            return [[None if pd.isna(cell) else cell for cell in row] for row in rows]

        assert reports(got) == reports(expected)

    def test_public_text_and_missing_cells(self) -> None:
        """``public`` as text: true and false read, a missing cell and another text reported."""
        frame = pd.DataFrame(
            {
                "case_id": ["T-1"] * 5,
                "at": [T0 + timedelta(hours=h) for h in range(5)],
                "kind": ["created"] + ["agent_replied"] * 4,
                "actor": ["customer:1"] + ["agent:1"] * 4,
                "public": [None, "true", "false", None, "maybe"],
            }
        ).astype({"public": "str"})
        rejected = read_events(frame, errors="report").rejected
        assert rejected[["row", "column"]].values.tolist() == [[3, "public"], [4, "public"]]
        assert rejected["reason"].tolist() == [
            "a agent_replied row needs public",
            "must be True or False (or the text true / false)",
        ]
        good = read_events(frame.iloc[:3])
        assert [bool(c & CODE_PUBLIC_FLAG) for c in good.code.tolist()] == [False, True, False]


def test_starts_are_computed_once_and_read_only() -> None:
    """``history(case)`` reads the table's starts; no caller can change them."""
    frame = pd.DataFrame(
        {
            "case_id": ["A", "A", "B"],
            "at": [T0, T0 + timedelta(hours=1), T0],
            "kind": ["created", "customer_replied", "created"],
            "actor": ["customer:1"] * 3,
        }
    )
    table = read_events(frame)
    assert table.starts() is table.starts()
    assert table.starts().tolist() == [0, 2]
    with pytest.raises(ValueError, match="read-only"):
        table.starts()[0] = 1
    assert table.history(1).case_id == "B"

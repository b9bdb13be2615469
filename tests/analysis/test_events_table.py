"""Tables of events: ``read_events`` checks every row; ``sla_frame`` over a table is exact.

``sla_frame`` over the table equals ``sla_frame`` over the same cases as ``CaseHistory``
objects (which a property test holds equal to ``evaluate``).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.analysis import EventTable, events_frame, read_events, sla_frame
from safetycore.analysis.events_table import _time_order
from safetycore.errors import InputTypeError, InvalidArgumentError, NaiveDatetimeError
from safetycore.events import CaseEvent, CaseHistory, Channel
from safetycore.sla import Versioning
from safetycore.testing.clocks import case_histories
from tests.analysis.test_sla_frame import TestVersioning
from tests.property.test_clock_properties import POLICY

T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
MANY_CASES = st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
    lambda ids: st.tuples(*(case_histories(f"C-{i}") for i in ids))
)


def _fields(history: CaseHistory) -> list[tuple[object, ...]]:
    return [(e.case_id, e.micros, e.kind, e.actor, e.via, e.data) for e in history.events]


def _table(**columns: list[object]) -> pd.DataFrame:
    """A two-row table: a case created at T0 and a public reply an hour later, then edits."""
    base: dict[str, list[object]] = {
        "case_id": ["T-1", "T-1"],
        "at": ["2025-03-03T09:00:00+00:00", "2025-03-03T10:00:00+00:00"],
        "kind": ["created", "agent_replied"],
        "actor": ["customer:1", "agent:1"],
        "priority": ["high", None],
        "public": [None, True],
    }
    base.update(columns)
    return pd.DataFrame(base)


class TestSameAsHistories:
    @settings(max_examples=60)
    @given(MANY_CASES, st.integers(0, 40 * 86_400 * 1_000_000))
    def test_frame_equals_the_histories_frame(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """The table path gives the very frame the histories path gives (priority changes too)."""
        as_of = max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)
        expected = sla_frame(histories, POLICY, as_of)
        got = sla_frame(events_frame(histories), POLICY, as_of)
        pd.testing.assert_frame_equal(got, expected)

    @settings(max_examples=40)
    @given(MANY_CASES, st.integers(-5 * 86_400 * 1_000_000, 5 * 86_400 * 1_000_000))
    def test_rows_in_time_order_across_cases(
        self, histories: tuple[CaseHistory, ...], shift_us: int
    ) -> None:
        """A table sorted by time (cases interleaved) reads as the cases by first appearance.

        ``as_of`` may fall among the events: later events are left out on both paths.
        """
        frame = events_frame(histories)
        interleaved = frame.sort_values("at", kind="stable")
        by_appearance = sorted(histories, key=lambda h: h.events[0].micros)
        as_of = histories[0].events[-1].at + timedelta(microseconds=shift_us)
        if as_of < min(h.events[0].at for h in histories):
            return
        expected = sla_frame(by_appearance, POLICY, as_of).reset_index(drop=True)
        got = sla_frame(interleaved, POLICY, as_of)
        pd.testing.assert_frame_equal(got, expected)

    @settings(max_examples=40)
    @given(MANY_CASES)
    def test_histories_round_trip(self, histories: tuple[CaseHistory, ...]) -> None:
        """``read_events(events_frame(h)).histories()`` gives back every event, field by field."""
        table = read_events(events_frame(histories))
        assert table.case_ids == tuple(h.case_id for h in histories)
        for given_history, read in zip(histories, table.histories(), strict=True):
            assert _fields(read) == _fields(given_history)

    def test_versioning(self) -> None:
        """Pinned and current versions are chosen per case as on the histories path."""
        policy = TestVersioning._policy()
        histories = [
            CaseHistory(
                f"C-{day}",
                [
                    CaseEvent(f"C-{day}", start, "created", actor="customer:1"),
                    CaseEvent(
                        f"C-{day}",
                        start + timedelta(hours=3),
                        "agent_replied",
                        actor="agent:1",
                        data={"public": True},
                    ),
                ],
            )
            for day, start in ((1, datetime(2025, 1, 5, 9, tzinfo=UTC)), (2, T0))
        ]
        as_of = datetime(2025, 6, 1, tzinfo=UTC)
        for versioning in Versioning:
            expected = sla_frame(histories, policy, as_of, versioning=versioning)  # type: ignore[arg-type]
            got = sla_frame(events_frame(histories), policy, as_of, versioning=versioning)  # type: ignore[arg-type]
            pd.testing.assert_frame_equal(got, expected)


class TestWhatACsvGives:
    def test_text_cells(self) -> None:
        """ISO text with offsets, ``true``/``false`` text and ``;``-joined tags are read."""
        frame = _table(public=[None, "true"], tags=["vip; b2b", None])
        table = read_events(frame)
        history = table.history(0)
        assert history.events[0]["tags"] == ("b2b", "vip")
        assert history.events[0]["priority"] == "high"
        assert history.events[1]["public"] is True
        assert history.events[1].at == T0 + timedelta(hours=1)

    @pytest.mark.parametrize("column", ["case_id", "actor"])
    def test_a_missing_cell_in_a_text_column_is_a_bad_row(self, column: str) -> None:
        """An empty required cell of a CSV read as text (a pandas string column) is refused.

        A missing cell of a ``str`` column is ``NaN``, not ``""``: it must not pass as text
        (the actor would have read ``"nan"``).
        """
        text = "case_id,at,kind,actor\nT-1,2025-03-03T09:00:00+00:00,created,customer:1\n"
        frame = pd.read_csv(io.StringIO(text), dtype=str)
        frame.loc[0, column] = None
        assert isinstance(frame[column].dtype, pd.StringDtype) or frame[column].dtype == object
        table = read_events(frame, errors="report")
        assert table.rejected[["row", "column"]].values.tolist() == [[0, column]]
        assert len(table) == 0

    def test_a_row_without_a_case_id_joins_no_case(self) -> None:
        """A row whose case id is missing is reported, and no other case gets its event."""
        frame = _table(case_id=["T-1", None], public=[None, True])
        frame = pd.concat([frame, _table(case_id=["T-2", "T-2"])], ignore_index=True)
        table = read_events(frame, errors="report")
        assert table.rejected[["row", "column"]].values.tolist() == [[1, "case_id"]]
        assert table.case_ids == ("T-1", "T-2")
        assert [len(h.events) for h in table.histories()] == [1, 2]
        assert [e.kind.value for e in table.history(0).events] == ["created"]

    def test_tags_as_text_and_as_lists(self) -> None:
        """A text tags column (each distinct cell parsed once) reads as lists of names do."""
        cases = ["T-1", "T-1", "T-2", "T-3", "T-4"]
        kinds = ["created", "agent_replied", "created", "created", "created"]
        at = ["2025-03-03T09:00:00+00:00", "2025-03-03T10:00:00+00:00", *["2025-03-03T09:00Z"] * 3]
        frame = pd.DataFrame(
            {
                "case_id": cases,
                "at": at,
                "kind": kinds,
                "actor": ["customer:1"] * 5,
                "public": [None, True, None, None, None],
            }
        )
        text = frame.assign(tags=pd.Series(["vip; b2b", None, " b2b;vip ", None, "vip; b2b"]))
        lists = frame.assign(
            tags=pd.Series([["vip", "b2b"], None, ["b2b", "vip"], None, ["b2b", "vip"]])
        )
        assert isinstance(text["tags"].dtype, pd.StringDtype)
        got = read_events(text).created()["tags"].tolist()
        assert got == [("b2b", "vip"), ("b2b", "vip"), (), ("b2b", "vip")]
        assert read_events(lists).created()["tags"].tolist() == got

    def test_created_attributes(self) -> None:
        """``created()`` gives each case's priority, category, tags and channel."""
        table = read_events(_table(via=["email", None]))
        created = table.created()
        row = created.loc["T-1"]
        assert (row["priority"], row["category"], row["tags"], row["via"]) == (
            "high",
            None,
            (),
            Channel.EMAIL,
        )
        assert row["category"] is None
        assert type(row["via"]) is Channel

    def test_created_columns_keep_their_objects(self) -> None:
        """Python objects whatever string dtype pandas infers (pyarrow's once installed)."""
        two = _table(case_id=["T-1", "T-2"], kind=["created", "created"], public=[None, None])
        created = read_events(two).created()
        assert created.dtypes.tolist() == [np.dtype(object)] * 4
        assert created["priority"].tolist() == ["high", None]
        assert created["priority"].tolist()[1] is None
        assert [type(via) for via in created["via"]] == [Channel, Channel]


def _events(*rows: tuple[str, int, str, object]) -> pd.DataFrame:
    """Rows (case, minutes after T0, kind, public) by actor agent:1, each case created first."""
    return pd.DataFrame(
        {
            "case_id": [case for case, _, _, _ in rows],
            "at": [T0 + timedelta(minutes=minutes) for _, minutes, _, _ in rows],
            "kind": [kind for _, _, kind, _ in rows],
            "actor": ["agent:1"] * len(rows),
            "public": [public for _, _, _, public in rows],
        }
    )


class TestRepeats:
    """A row that repeats an earlier row of its case exactly is a bad row; nothing else is."""

    def _repeated(self, frame: pd.DataFrame) -> list[int]:
        rejected = read_events(frame, errors="report").rejected
        return [int(row) for row in rejected["row"]]

    def test_the_later_of_two_equal_rows(self) -> None:
        """Two equal replies: the second in table order is the repeat."""
        frame = _events(
            ("A", 0, "created", None),
            ("A", 5, "agent_replied", True),
            ("A", 5, "agent_replied", True),
        )
        assert self._repeated(frame) == [2]
        assert read_events(frame, errors="report").rejected["reason"].str.contains("repeats").all()

    def test_other_rows_between(self) -> None:
        """Rows of other cases and kinds between the two, and a third copy: both later ones."""
        frame = _events(
            ("A", 0, "created", None),
            ("A", 5, "agent_replied", True),
            ("B", 0, "created", None),
            ("A", 5, "customer_replied", None),
            ("B", 5, "agent_replied", True),
            ("A", 5, "agent_replied", True),
            ("A", 5, "agent_replied", True),
        )
        assert self._repeated(frame) == [5, 6]

    @pytest.mark.parametrize(
        "rows",
        [
            # another kind at the same instant: two events
            [
                ("A", 0, "created", None),
                ("A", 5, "agent_replied", True),
                ("A", 5, "customer_replied", None),
            ],
            # the same kind with other data (an internal note beside a public reply)
            [
                ("A", 0, "created", None),
                ("A", 5, "agent_replied", True),
                ("A", 5, "agent_replied", False),
            ],
            # the same reply a minute later
            [
                ("A", 0, "created", None),
                ("A", 5, "agent_replied", True),
                ("A", 6, "agent_replied", True),
            ],
            # the same instant and kind in another case
            [("A", 0, "created", None), ("B", 0, "created", None)],
        ],
    )
    def test_not_repeats(self, rows: list[tuple[str, int, str, object]]) -> None:
        """Rows that differ in kind, data, instant or case are all kept."""
        assert self._repeated(_events(*rows)) == []


class TestBadRows:
    @pytest.mark.parametrize(
        ("columns", "field", "value"),
        [
            ({"at": ["2025-03-03T09:00:00", "2025-03-03T10:00:00+00:00"]}, "events[0].at", None),
            ({"at": ["2025-03-03T09:00:00+00:00", "soon+01:00"]}, "events[1].at", "soon+01:00"),
            ({"kind": ["created", "replied"]}, "events[1].kind", "replied"),
            ({"public": [None, "yes"]}, "events[1].public", "yes"),
            ({"public": [None, None]}, "events[1].public", None),
            ({"actor": ["customer:1", ""]}, "events[1].actor", ""),
            ({"case_id": ["T-1", 7]}, "events[1].case_id", 7),
            ({"via": ["fax", None]}, "events[0].via", "fax"),
            ({"priority": [3, None]}, "events[0].priority", 3),
            ({"tags": [["vip", 2], None]}, "events[0].tags", None),
            (
                {"kind": ["agent_replied", "created"], "public": [True, None]},
                "events[0].kind",
                None,
            ),
            (
                {
                    "at": ["2025-03-03T10:00:00+00:00"] * 2,
                    "kind": ["created"] * 2,
                    "actor": ["customer:1"] * 2,
                    "priority": ["high"] * 2,
                },
                "events[1].at",
                None,
            ),
        ],
    )
    def test_a_bad_row_raises_naming_row_and_column(
        self, columns: dict[str, list[object]], field: str, value: object
    ) -> None:
        """The first bad row raises InvalidArgumentError naming ``events[row].column``."""
        with pytest.raises(InvalidArgumentError) as info:
            read_events(_table(**columns))
        assert info.value.field == field
        if value is not None:
            assert info.value.value == value

    @pytest.mark.parametrize("dtype", ["str", object])
    def test_unknown_members_in_text_and_object_columns(self, dtype: object) -> None:
        """A kind, channel or category that names no member is reported, whatever the column.

        pyarrow text (``str``) looks each cell up among the names; an object column numbers
        its distinct values first: the same rows come back, with the same reasons.
        """
        frame = pd.DataFrame(
            {
                "case_id": ["T-1", "T-1", "T-1", "T-1"],
                "at": [f"2025-03-03T{hour:02}:00:00+00:00" for hour in (9, 10, 11, 12)],
                "kind": ["created", "replied", "status_changed", "status_changed"],
                "actor": ["customer:1", "agent:1", "agent:1", "agent:1"],
                "via": [None, "fax", "email", None],
                "to": [None, None, "waiting", "open"],
                "category": [None, None, "waiting", "open"],
            }
        )
        for name in ("kind", "via", "category"):
            frame[name] = frame[name].astype(dtype)  # type: ignore[call-overload]
        rejected = read_events(frame, errors="report").rejected
        assert rejected[["row", "column", "value"]].values.tolist() == [
            [1, "kind", "replied"],
            [2, "category", "waiting"],
        ]
        assert rejected["reason"].tolist()[0].startswith("is not an event kind (created, ")
        frame["via"] = frame["via"].replace({"email": "pigeon"})
        rejected = read_events(frame, errors="report").rejected
        assert rejected[["row", "column", "value"]].values.tolist() == [
            [1, "kind", "replied"],
            [2, "via", "pigeon"],
        ]

    def test_status_change_needs_to_and_category(self) -> None:
        """A status change without its status or with an unknown category is a bad row."""
        frame = _table(
            kind=["created", "status_changed"], public=[None, None], to=[None, "waiting"]
        )
        with pytest.raises(InvalidArgumentError) as info:
            read_events(frame)
        assert info.value.field == "events[1].category"
        frame["category"] = [None, "waiting"]
        with pytest.raises(InvalidArgumentError, match="is not a status category"):
            read_events(frame)

    def test_report_keeps_the_good_cases(self) -> None:
        """``errors='report'`` lists the bad rows, leaves their cases out, keeps the rest."""
        good = _table()
        bad = _table(case_id=["T-2", "T-2"], public=[None, "maybe"])
        frame = pd.concat([good, bad], ignore_index=True)
        frame.index = [10, 11, 12, 13]
        table = read_events(frame, errors="report")
        assert table.case_ids == ("T-1",)
        assert table.excluded == ("T-2",)
        assert table.rejected.to_dict("records") == [
            {
                "row": 13,
                "case_id": "T-2",
                "column": "public",
                "value": "maybe",
                "reason": "must be True or False (or the text true / false)",
            }
        ]
        result = sla_frame(table, POLICY, T0 + timedelta(days=1))
        assert set(result["case_id"]) == {"T-1"}

    def test_the_count_of_other_bad_rows_is_given(self) -> None:
        """The error says how many more bad rows there are and how to list them."""
        frame = _table(actor=["", ""])
        with pytest.raises(InvalidArgumentError, match="1 more bad rows; read_events"):
            read_events(frame)

    def test_nanoseconds_are_refused(self) -> None:
        """An instant finer than a microsecond is a bad row, not truncated."""
        at = pd.Series(
            pd.to_datetime(["2025-03-03 09:00", "2025-03-03 10:00:00.000000001"], format="ISO8601")
        )
        with pytest.raises(InvalidArgumentError, match="nanoseconds") as info:
            read_events(_table(at=list(at.dt.tz_localize("UTC"))))
        assert info.value.field == "events[1].at"

    def test_years_outside_the_range(self) -> None:
        """An instant in year 9999 is a bad row."""
        late = datetime(9999, 6, 1, tzinfo=UTC)
        with pytest.raises(InvalidArgumentError, match="supported years") as info:
            read_events(_table(at=[T0, late]))
        assert info.value.field == "events[1].at"


class TestBadTables:
    def test_not_a_frame(self) -> None:
        """A list of events is not a table."""
        with pytest.raises(InputTypeError) as info:
            read_events([{"case_id": "T-1"}])  # type: ignore[arg-type]
        assert info.value.field == "events"

    def test_misspelt_column(self) -> None:
        """An unknown column is refused by name (it would silently drop what it holds)."""
        frame = _table().rename(columns={"priority": "priorty"})
        with pytest.raises(InvalidArgumentError, match="select the columns") as info:
            read_events(frame)
        assert (info.value.field, info.value.value) == ("events.columns", "priorty")

    def test_missing_required_column(self) -> None:
        """A table without ``actor`` is refused by name."""
        with pytest.raises(InvalidArgumentError) as info:
            read_events(_table().drop(columns=["actor"]))
        assert info.value.value == "actor"

    def test_naive_datetime_column(self) -> None:
        """A naive ``datetime64`` column raises NaiveDatetimeError: no zone is guessed."""
        frame = _table(at=list(pd.to_datetime(["2025-03-03 09:00", "2025-03-03 10:00"])))
        frame["at"] = pd.to_datetime(frame["at"])
        with pytest.raises(NaiveDatetimeError):
            read_events(frame)

    def test_errors_must_be_raise_or_report(self) -> None:
        """Another value of ``errors`` is refused."""
        with pytest.raises(InvalidArgumentError) as info:
            read_events(_table(), errors="ignore")  # type: ignore[arg-type]
        assert info.value.field == "errors"

    def test_an_empty_table(self) -> None:
        """No rows: no cases, and an empty frame of results."""
        table = read_events(_table().iloc[0:0])
        assert isinstance(table, EventTable)
        assert len(table) == 0
        assert sla_frame(table, POLICY, T0).empty

    def test_numpy_bool_public(self) -> None:
        """A bool column of ``public`` is read as flags."""
        frame = _table(public=np.array([False, True]))
        assert read_events(frame).history(0).events[1]["public"] is True


class TestHistoryArgument:
    @pytest.mark.parametrize("case", [-1, 1, True, "0", 0.0])
    def test_case_must_be_a_position(self, case: object) -> None:
        """``history(case)`` takes a whole number within the table's cases."""
        table = read_events(_table())
        with pytest.raises((InputTypeError, InvalidArgumentError)) as info:
            table.history(case)  # type: ignore[arg-type]
        assert info.value.field == "case"


class TestTimeOrder:
    @given(
        st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5)), max_size=30),
        st.booleans(),
    )
    def test_equals_a_full_sort(self, rows: list[tuple[int, int]], presorted: bool) -> None:
        """The order is (case, instant, position) whether the rows come sorted or not.

        Rows already in that order are recognised (``None``: no row moves).
        """
        if presorted:
            rows = sorted(rows)
        case = np.array([c for c, _ in rows], dtype=np.int64)
        at = np.array([t for _, t in rows], dtype=np.int64)
        expected = np.lexsort((np.arange(len(rows)), at, case))
        order = _time_order(case, at)
        if presorted:
            assert order is None
        got = np.arange(len(rows)) if order is None else order
        assert got.tolist() == expected.tolist()

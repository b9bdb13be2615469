"""Per-case codes of an events table (``_case_codes``): the frame ``sla_frame`` builds from them.

``sla_frame`` over a table reads each case's created priority, category, tags and channel
as codes into a few labels, whatever the source columns' dtypes: the frame is the one the
histories give, from pyarrow text, pandas' other text dtypes and object columns alike, with
missing cells, absent columns, priority changes and excluded cases.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore.analysis import EventTable, _arrow_text, events_frame, read_events, sla_frame
from safetycore.analysis import _case_codes as codes
from safetycore.events import PRIORITY_CODE_FLAG, CaseEvent, CaseHistory, Channel, EventKind
from safetycore.sla import Condition, Policy, PolicyVersion, SlaPolicy, Target
from safetycore.testing.clocks import case_histories
from tests.property.test_clock_properties import ALWAYS, HOURS, TARGETS

H = timedelta(hours=1)
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)

# Rows whose conditions read every attribute: tags, channel with category, priority.
POLICY = SlaPolicy(
    "attributes",
    [
        PolicyVersion(
            "1",
            datetime(2020, 1, 1, tzinfo=UTC),
            [
                Policy("vip", [Target("first_reply", H / 2, ALWAYS)], when=Condition(tags="vip")),
                Policy(
                    "email_billing",
                    [Target("first_reply", 2 * H, HOURS), Target("resolution", 48 * H, HOURS)],
                    when=Condition(channel="email", category="billing"),
                ),
                Policy(
                    "urgent",
                    [Target("first_reply", H, ALWAYS), Target("resolution", 24 * H, ALWAYS)],
                    when=Condition(priority="urgent"),
                ),
                Policy("standard", TARGETS),
            ],
        )
    ],
)

CHANNELS = [Channel.EMAIL, Channel.WEB, Channel.CHAT, Channel.SYSTEM]


@st.composite
def _created_data(draw: st.DrawFn) -> tuple[dict[str, object], Channel]:
    """A created event's data (each attribute present or not) and channel."""
    data: dict[str, object] = {}
    priority = draw(st.sampled_from([None, "low", "high", "urgent"]))
    if priority is not None:
        data["priority"] = priority
    category = draw(st.sampled_from([None, "billing", "technical"]))
    if category is not None:
        data["category"] = category
    tags = draw(st.sampled_from([None, (), ("vip",), ("b2b", "vip"), ("b2b",)]))
    if tags is not None:
        data["tags"] = list(tags)
    return data, draw(st.sampled_from(CHANNELS))


@st.composite
def _histories(draw: st.DrawFn) -> tuple[CaseHistory, ...]:
    """Up to eight cases, each created with drawn attributes, then any events."""
    ids = draw(st.lists(st.integers(0, 10_000), min_size=1, max_size=8, unique=True))
    found = []
    for i in ids:
        history = draw(case_histories(f"C-{i}", max_events=10))
        data, via = draw(_created_data())
        created = history.events[0]
        first = CaseEvent(
            created.case_id, created.at, "created", actor=created.actor, via=via, data=data
        )
        found.append(CaseHistory(history.case_id, [first, *history.events[1:]]))
    return tuple(found)


def _as_text(frame: pd.DataFrame, dtype: Any) -> pd.DataFrame:
    """``frame`` (``events_frame``'s object columns) with its text columns in ``dtype``.

    Tags become ``;``-joined text (but as objects: tuples); ``public`` stays objects; a
    missing cell stays missing.
    """
    out = frame.copy()
    for name in out.columns:
        if name in ("at", "public"):
            continue
        values = out[name]
        if name == "tags" and dtype is not object:
            values = values.map(lambda tags: None if tags is None else ";".join(tags))
        out[name] = values.astype(dtype)
    return out


TEXT_DTYPES = {
    "object": object,
    "str (pyarrow)": pd.StringDtype("pyarrow", na_value=np.nan),
    "string[pyarrow]": pd.StringDtype("pyarrow"),
    "string[python]": pd.StringDtype("python"),
}


def _as_of(histories: tuple[CaseHistory, ...], later_us: int) -> datetime:
    return max(h.events[-1].at for h in histories) + timedelta(microseconds=later_us)


class TestSameFrameFromEveryDtype:
    @settings(max_examples=80, deadline=None)
    @given(_histories(), st.integers(-20 * 86_400 * 1_000_000, 20 * 86_400 * 1_000_000))
    def test_every_text_dtype_gives_the_histories_frame(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Object, pyarrow and python text columns: the histories' frame, dtypes included.

        Missing priorities, categories and tags, every channel, priority changes (that keep
        the row or not: mixed blocks), cases created after ``as_of``.
        """
        as_of = _as_of(histories, later_us)
        expected = sla_frame(histories, POLICY, as_of)
        frame = events_frame(histories)
        for name, dtype in TEXT_DTYPES.items():
            got = sla_frame(read_events(_as_text(frame, dtype)), POLICY, as_of)
            pd.testing.assert_frame_equal(got, expected, obj=name)

    @settings(max_examples=40, deadline=None)
    @given(_histories(), st.integers(0, 20 * 86_400 * 1_000_000))
    def test_rows_in_any_order_and_any_index(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Rows sorted by instant (cases interleaved), labelled out of order: the same frame.

        The source rows a case's attributes come from are positions in the table read,
        not its index labels.
        """
        as_of = _as_of(histories, later_us)
        frame = _as_text(events_frame(histories), TEXT_DTYPES["str (pyarrow)"])
        frame.index = np.arange(len(frame))[::-1] * 3
        shuffled = frame.sort_values("at", kind="stable")
        # Cases come in the order their ids first appear: here, by created instant.
        by_creation = tuple(sorted(histories, key=lambda h: h.events[0].micros))
        expected = sla_frame(by_creation, POLICY, as_of)
        pd.testing.assert_frame_equal(sla_frame(read_events(shuffled), POLICY, as_of), expected)

    @settings(max_examples=40, deadline=None)
    @given(_histories(), st.integers(0, 20 * 86_400 * 1_000_000))
    def test_created_rows_out_of_table_order(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Created rows after their cases' later rows, in reverse case order: the same frame.

        Each case's events after its created instant come first in the table (in their
        order), then the created rows (with the events at their instant), cases reversed:
        the created rows are in no order (the pass over pyarrow's buffers leaves them to
        pyarrow's take). Cases come in the order their ids first appear.
        """
        as_of = _as_of(histories, later_us)
        frame = _as_text(events_frame(histories), TEXT_DTYPES["str (pyarrow)"])
        created_at = frame.groupby("case_id", sort=False)["at"].transform("first")
        later = frame[frame["at"] > created_at]
        opening = [
            rows for _, rows in frame[frame["at"] == created_at].groupby("case_id", sort=False)
        ]
        table = pd.concat([later, *opening[::-1]])
        by_id = {history.case_id: history for history in histories}
        expected = tuple(by_id[case_id] for case_id in pd.unique(table["case_id"]))
        got = sla_frame(read_events(table), POLICY, as_of)
        pd.testing.assert_frame_equal(got, sla_frame(expected, POLICY, as_of))


def _case(
    case_id: str, data: dict[str, object], *, via: str = "web", reply: bool = True
) -> list[CaseEvent]:
    events = [CaseEvent(case_id, T0, "created", actor="customer:1", via=via, data=data)]
    if reply:
        events.append(
            CaseEvent(case_id, T0 + H, "agent_replied", actor="agent:1", data={"public": True})
        )
    return events


class TestAttributes:
    @pytest.mark.parametrize("dtype", list(TEXT_DTYPES.values()), ids=list(TEXT_DTYPES))
    def test_missing_cells(self, dtype: Any) -> None:
        """Missing cells: a missing priority in the frame, no category or tags to select by.

        Such cases take the standard row, not vip or email_billing.
        """
        histories = [
            CaseHistory("A", _case("A", {}, via="email")),
            CaseHistory("B", _case("B", {"priority": "low", "category": "billing"}, via="email")),
            CaseHistory("C", _case("C", {"tags": ["vip"]})),
        ]
        as_of = T0 + 3 * H
        frame = sla_frame(read_events(_as_text(events_frame(histories), dtype)), POLICY, as_of)
        pd.testing.assert_frame_equal(frame, sla_frame(histories, POLICY, as_of))
        policy = frame.groupby("case_id", observed=True)["policy"].first()
        assert policy.to_dict() == {"A": "standard", "B": "email_billing", "C": "vip"}
        assert frame.loc[frame["case_id"] == "A", "priority"].isna().all()
        assert list(frame["priority"].cat.categories) == ["low"]
        assert list(frame["channel"].cat.categories) == ["email", "web"]

    @pytest.mark.parametrize("dtype", list(TEXT_DTYPES.values()), ids=list(TEXT_DTYPES))
    @pytest.mark.parametrize(
        "absent", [("priority",), ("category",), ("tags",), ("priority", "category", "tags", "via")]
    )
    def test_absent_columns(self, dtype: Any, absent: tuple[str, ...]) -> None:
        """A table without a priority, category, tags or via column: as if every cell missing."""
        histories = [
            CaseHistory("A", _case("A", {}, via="system")),
            CaseHistory("B", _case("B", {}, via="system", reply=False)),
        ]
        frame = _as_text(events_frame(histories), dtype)
        frame = frame.drop(columns=[*absent, "from", "to", "assignee", "into"])
        as_of = T0 + 3 * H
        got = sla_frame(read_events(frame), POLICY, as_of)
        pd.testing.assert_frame_equal(got, sla_frame(histories, POLICY, as_of))
        assert got["priority"].isna().all()
        assert list(got["channel"].cat.categories) == ["system"]

    @pytest.mark.parametrize("dtype", list(TEXT_DTYPES.values()), ids=list(TEXT_DTYPES))
    def test_priority_changes_that_keep_the_row(self, dtype: Any) -> None:
        """Priority changes that keep the row write the last new priority into its rows.

        Such a case keeps the vectorised path, even with a priority no case was created
        with; a change to another row's priority takes the event-by-event path (mixed
        blocks); only changes up to ``as_of`` count.
        """

        def changed(case_id: str, created: str, *later: str) -> CaseHistory:
            events = _case(case_id, {"priority": created})
            before = created
            for k, to in enumerate(later):
                events.append(
                    CaseEvent(
                        case_id,
                        T0 + (2 + k) * H,
                        "priority_changed",
                        actor="agent:1",
                        data={"from": before, "to": to},
                    )
                )
                before = to
            return CaseHistory(case_id, events)

        histories = [
            changed("A", "low", "high", "normal"),  # standard throughout: normal at the end
            changed("B", "low", "urgent"),  # re-targeted: the event-by-event path
            changed("C", "high"),
            changed("D", "low", "high", "high", "urgent"),  # urgent after as_of
        ]
        as_of = T0 + 3 * H + H / 2
        table = read_events(_as_text(events_frame(histories), dtype))
        frame = sla_frame(table, POLICY, as_of)
        pd.testing.assert_frame_equal(frame, sla_frame(histories, POLICY, as_of))
        priority = frame.groupby("case_id", observed=True)["priority"].last()
        assert priority.to_dict() == {"A": "normal", "B": "urgent", "C": "high", "D": "high"}
        assert list(frame["priority"].cat.categories) == ["high", "normal", "urgent"]
        unchanged = frame[frame["case_id"] != "B"]
        assert set(unchanged["policy"]) == {"standard"}

    @pytest.mark.parametrize("dtype", list(TEXT_DTYPES.values()), ids=list(TEXT_DTYPES))
    def test_cases_excluded_by_report(self, dtype: Any) -> None:
        """Cases left out by ``errors="report"`` leave no rows; the others keep their own.

        Their ids and attributes come from their own rows, not their neighbours'.
        """
        histories = [
            CaseHistory("A", _case("A", {"priority": "urgent"}, via="chat")),
            CaseHistory("B", _case("B", {"priority": "low"}, via="email")),
            CaseHistory("C", _case("C", {"tags": ["vip"]}, via="web")),
            CaseHistory("D", _case("D", {"priority": "high", "category": "billing"}, via="email")),
        ]
        frame = _as_text(events_frame(histories), dtype)
        bad = frame.index[(frame["case_id"] == "B") & (frame["kind"] == "agent_replied")]
        frame.loc[bad, "public"] = "perhaps"
        frame.loc[frame.index[frame["case_id"] == "C"][0], "actor"] = ""
        table = read_events(frame, errors="report")
        assert table.excluded == ("B", "C")
        as_of = T0 + 3 * H
        got = sla_frame(table, POLICY, as_of)
        kept = [histories[0], histories[3]]
        pd.testing.assert_frame_equal(got, sla_frame(kept, POLICY, as_of))
        assert set(got["case_id"]) == {"A", "D"}
        assert list(got["channel"].cat.categories) == ["chat", "email"]


def _table(histories: list[CaseHistory], dtype: Any = object) -> EventTable:
    return read_events(_as_text(events_frame(histories), dtype))


class TestCreatedCodes:
    @settings(max_examples=60, deadline=None)
    @given(_histories(), st.sampled_from(list(TEXT_DTYPES.values())))
    def test_codes_name_created_values(
        self, histories: tuple[CaseHistory, ...], dtype: Any
    ) -> None:
        """Each case's ``labels[code]`` is ``EventTable.created()``'s value.

        Missing is ``None`` (tags ``()``); labels are distinct; codes are bytes.
        """
        table = _table(list(histories), dtype)
        created = table.created()
        found = codes.created_codes(table, table.starts())
        for name, coded in found.items():
            assert coded.codes.dtype == np.int8
            assert [coded.labels[code] for code in coded.codes.tolist()] == created[name].tolist()
            assert len(set(coded.labels)) == len(coded.labels)

    def test_tag_texts_naming_the_same_tags_are_one_label(self) -> None:
        """Texts naming the same tags ("vip;b2b", "b2b; vip;") are one label; missing is ``()``."""
        frame = pd.DataFrame(
            {
                "case_id": ["A", "B", "C", "D", "E"],
                "at": [T0] * 5,
                "kind": ["created"] * 5,
                "actor": ["customer:1"] * 5,
                "tags": pd.array(["vip;b2b", "b2b;vip", "b2b; vip;", None, ""], dtype="str"),
            }
        )
        table = read_events(frame)
        tags = codes.created_codes(table, table.starts())["tags"]
        assert sorted(tags.labels) == [(), ("b2b", "vip")]
        assert [tags.labels[code] for code in tags.codes.tolist()] == [("b2b", "vip")] * 3 + [
            ()
        ] * 2

    def test_case_labels_are_the_ids_as_text(self) -> None:
        """From any dtype, the ids of the cases asked for, in pandas' ``str`` dtype."""
        histories = [CaseHistory(f"C-{k}", _case(f"C-{k}", {})) for k in range(4)]
        for dtype in TEXT_DTYPES.values():
            table = _table(histories, dtype)
            starts = table.starts()
            labels = codes.case_labels(table, starts[[3, 1]])
            assert labels.dtype == pd.array([], dtype="str").dtype
            assert labels.tolist() == ["C-3", "C-1"]


class TestTakeText:
    @pytest.mark.parametrize("dtype", list(TEXT_DTYPES.values())[1:], ids=list(TEXT_DTYPES)[1:])
    def test_as_pandas_takes(self, dtype: Any) -> None:
        """Taken by pyarrow, pandas text (one chunk or several) is as pandas takes it."""
        one = pd.array(["a", None, "c"], dtype=dtype)
        several = pd.concat([pd.Series(one), pd.Series(one)], ignore_index=True).array
        for cells in (one, several):
            positions = np.array([2, 0, 0, 1, 2, 1, 0, 2], dtype=np.int32) % len(cells)
            got = codes.take_text(cells, positions)
            assert got.dtype == cells.dtype
            pd.testing.assert_extension_array_equal(got, cells.take(positions))


class TestCombined:
    @given(
        st.lists(
            st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 1)),
            min_size=1,
            max_size=60,
        )
    )
    def test_one_number_per_combination(self, cells: list[tuple[int, int, int]]) -> None:
        """Equal combinations, equal numbers, by first appearance; each number's first case."""
        columns = [
            codes.Coded(np.array([cell[k] for cell in cells], dtype=np.int8), list(range(size)))
            for k, size in enumerate((4, 3, 2))
        ]
        kinds, first = codes.combined(columns)
        seen: dict[tuple[int, int, int], int] = {}
        for case, cell in enumerate(cells):
            number = seen.setdefault(cell, len(seen))
            assert kinds[case] == number
        assert first.tolist() == [cells.index(cell) for cell in seen]

    def test_many_labels_renumbered(self) -> None:
        """Columns of many labels each (their product past int64): still one number each."""
        size = 2**21
        values = np.array([0, size - 1, 5, size - 1, 0], dtype=np.int64)
        columns = [codes.Coded(values, [None] * size)] * 4
        kinds, first = codes.combined(columns)
        assert kinds.tolist() == [0, 1, 2, 1, 0]
        assert first.tolist() == [0, 1, 2]

    def test_no_cases(self) -> None:
        """No cases: no numbers."""
        kinds, first = codes.combined([codes.Coded(np.zeros(0, dtype=np.int8), [None])])
        assert (len(kinds), len(first)) == (0, 0)


class TestKeptEvents:
    @settings(max_examples=60, deadline=None)
    @given(_histories(), st.integers(-20 * 86_400 * 1_000_000, 20 * 86_400 * 1_000_000))
    def test_prefix_counts_and_flagged_events(
        self, histories: tuple[CaseHistory, ...], later_us: int
    ) -> None:
        """Per case, the events at or before ``as_of``; the kept priority changes' positions."""
        table = _table(list(histories))
        as_of = int(table.at.max()) + later_us
        starts = table.starts()
        kept, flagged = codes.kept_events(table, starts, as_of, PRIORITY_CODE_FLAG)
        case_of = np.repeat(np.arange(len(table)), table.lengths)
        within = table.at <= as_of
        assert kept.tolist() == np.bincount(case_of[within], minlength=len(table)).tolist()
        changes = [
            position
            for position in range(len(table.at))
            if within[position] and table.code[position] & PRIORITY_CODE_FLAG
        ]
        assert flagged.tolist() == changes
        kinds = [
            event.kind for history in histories for event in history.events if event.micros <= as_of
        ]
        assert len(changes) == kinds.count(EventKind.PRIORITY_CHANGED)


TEXTS = st.one_of(st.none(), st.sampled_from(["", "low", "high", "héllo", "日本", "a;b", "b; a"]))


@st.composite
def _chunked_texts(draw: st.DrawFn) -> tuple[Any, np.ndarray]:
    """Optional texts as a pyarrow chunked array (chunks sliced or not), and rows in order."""
    kind = draw(st.sampled_from([pa.string(), pa.large_string()]))
    chunks = []
    for cells in draw(st.lists(st.lists(TEXTS, max_size=12), min_size=1, max_size=4)):
        head = draw(st.integers(0, 3))
        tail = draw(st.integers(0, 3))
        whole = pa.array(["pad"] * head + cells + ["pad"] * tail, type=kind)
        chunks.append(whole.slice(head, len(cells)))  # an offset into shared buffers
    array = pa.chunked_array(chunks, type=kind)
    rows = sorted(draw(st.sets(st.integers(0, max(len(array) - 1, 0)), max_size=len(array))))
    return array, np.array(rows if len(array) else [], dtype=np.int64)


def _numbered(array: Any, rows: np.ndarray) -> tuple[np.ndarray, list[str]] | None:
    """``_arrow_text.numbered`` of a pyarrow array's cells, as pandas holds them."""
    column = pd.Series(pd.arrays.ArrowStringArray(array))
    parts = _arrow_text.chunks(column)
    assert parts is not None
    return _arrow_text.numbered(parts, rows)


class TestArrowNumbered:
    @settings(max_examples=200, deadline=None)
    @given(_chunked_texts())
    def test_numbers_as_pyarrow_factorizes(self, drawn: tuple[Any, np.ndarray]) -> None:
        """The compiled pass over the buffers numbers as ``pd.factorize`` of the taken cells.

        Any chunks (sliced ones too), both text types, missing cells, empty and non-ASCII
        text.
        """
        array, rows = drawn
        found = _numbered(array, rows)
        assert found is not None
        taken = pd.array(array.take(rows), dtype=pd.StringDtype("pyarrow", na_value=np.nan))
        expected, uniques = pd.factorize(taken, use_na_sentinel=True)
        assert found[0].tolist() == expected.tolist()
        assert found[1] == uniques.tolist()

    def test_left_to_pyarrow(self) -> None:
        """Rows out of order or more than 256 distinct texts: ``None``.

        ``_numbered_text`` then numbers the taken cells with pyarrow, to the same result.
        """
        few = pd.Series(["b", "a", None, "b"], dtype="str")
        assert _numbered(few.array.__arrow_array__(), np.array([2, 0, 1])) is None
        many = pd.Series([f"t{k}" for k in range(300)], dtype="str")
        assert _numbered(pa.chunked_array([many.tolist()]), np.arange(300)) is None
        numbers, labels = codes._numbered_text(few, np.array([2, 0, 1]))  # type: ignore[misc]
        assert (numbers.tolist(), labels) == ([-1, 0, 1], ["b", "a"])
        numbers, labels = codes._numbered_text(many, np.arange(300))  # type: ignore[misc]
        assert (numbers.tolist(), labels) == (list(range(300)), [f"t{k}" for k in range(300)])
        assert codes._numbered_text(pd.Series(["a"], dtype=object), np.array([0])) is None

    def test_texts_of_one_size_in_a_crowded_table(self) -> None:
        """Texts of one length in one hash slot are told apart by their bytes.

        A table of four slots; the three texts hash to the same one, so each lookup probes
        the others' labels first.
        """

        def slot(text: str) -> int:  # FNV-1a, as the pass hashes, in a table of four
            h = 14695981039346656037
            for byte in text.encode():
                h = ((h ^ byte) * 1099511628211) % 2**64
            return h & 3

        same = [text for text in (f"a{k:02d}" for k in range(100)) if slot(text) == slot("abc")]
        one, two = same[:2]
        texts = ["abc", one, two, "abc", None, one, two]
        chunk = pa.array(texts, type=pa.large_string())
        validity, offsets, data = chunk.buffers()
        out = np.empty(len(chunk), dtype=np.int16)
        label_ends = np.zeros(4, dtype=np.int64)
        label_bytes = np.empty(16, dtype=np.uint8)
        number = _arrow_text._kernels().number
        buffers = (
            np.frombuffer(validity, dtype=np.uint8),
            np.frombuffer(offsets, dtype=np.int64),
            np.frombuffer(data, dtype=np.uint8),
            0,
            len(chunk),
        )
        fits = number(
            *buffers,
            np.arange(len(chunk)),
            out,
            np.full(4, -1, dtype=np.int32),
            label_ends,
            label_bytes,
            np.zeros(1, dtype=np.int64),
        )
        assert fits
        assert out.tolist() == [0, 1, 2, 0, -1, 1, 2]
        assert bytes(label_bytes[: label_ends[3]]) == f"abc{one}{two}".encode()
        # Room for two labels only: the third does not fit.
        assert not number(
            *buffers,
            np.arange(len(chunk)),
            out,
            np.full(4, -1, dtype=np.int32),
            np.zeros(3, dtype=np.int64),
            label_bytes,
            np.zeros(1, dtype=np.int64),
        )


class TestCategory:
    @settings(max_examples=100, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["labels", "codes", "indexed"]),
                st.lists(st.one_of(st.none(), st.sampled_from(["b", "a", "c", "d"])), min_size=1),
                st.lists(st.integers(-1, 20), max_size=12),
            ),
            max_size=4,
        ),
        st.booleans(),
        st.randoms(use_true_random=False),
    )
    def test_blocks_compose_as_their_values(
        self, drawn: list[tuple[str, list[str | None], list[int]]], reverse: bool, random: Any
    ) -> None:
        """Every block form (labels, codes, codes by case), missing codes, in any order.

        The column is the categorical of its rows' values, categories the sorted values
        present, whichever block holds which.
        """
        from safetycore.analysis.sla_frame import _category

        parts: list[Any] = []
        values: list[str | None] = []
        for form, labels, picks in drawn:
            chosen = [pick if pick < 0 else pick % len(labels) for pick in picks]
            if form == "labels":
                parts.append(labels)
                values.extend(labels)
            elif form == "codes":
                parts.append((np.array(chosen, dtype=np.int8), labels))
                values.extend(None if c < 0 else labels[c] for c in chosen)
            else:  # codes a case, and each row's case
                cases = np.array(chosen, dtype=np.int64)
                rows = np.array([random.randrange(len(cases)) for _ in range(len(cases))], np.int32)
                parts.append((rows, cases, labels))
                values.extend(None if cases[r] < 0 else labels[cases[r]] for r in rows.tolist())
        order = np.arange(len(values))[::-1].copy() if reverse else None
        column = _category(parts, order)
        if order is not None:
            values = [values[k] for k in order.tolist()]
        present = sorted({value for value in values if value is not None})
        expected = pd.Categorical(values, categories=pd.Index(present, dtype=object))
        pd.testing.assert_extension_array_equal(column, expected)
        assert list(column.categories) == present

    def test_many_labels(self) -> None:
        """Hundreds of labels (codes of two bytes), some unused: categories of those used."""
        from safetycore.analysis.sla_frame import _category

        labels = [f"v{k:03d}" for k in range(300)][::-1]
        codes_ = np.array([0, 299, 5, -1, 150], dtype=np.int16)
        column = _category([(codes_, labels), ["v000", "v999"]], None)
        used = sorted({labels[0], labels[299], labels[5], labels[150], "v000", "v999"})
        assert list(column.categories) == used
        assert column.codes.dtype == np.int8
        assert column.tolist()[:5] == [labels[0], labels[299], labels[5], np.nan, labels[150]]

"""No bad document ends in a traceback: every problem is a line naming the file and a path."""

from __future__ import annotations

import copy
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetycore import config, datasets
from safetycore.__main__ import main
from safetycore._cli import main as run

from .conftest import csv_cell

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["", "PT4H", "2026-01-01", "2026-01-01T00:00:00", "open", "agent"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


@st.composite
def _mutated(draw: st.DrawFn) -> Any:
    """A shipped example with one value replaced by any JSON value (or a key dropped)."""
    document = copy.deepcopy(config.example_document(draw(st.sampled_from(config.examples()))))
    path = draw(st.sampled_from(sorted(_paths(document), key=repr)))
    if not path:
        return draw(_JSON)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(_JSON)
    return document


def _validate(document: Any) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        code = run(["validate", str(path)], stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue().replace(str(path), "FILE")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_any_broken_document_is_reported_not_raised(document: Any) -> None:
    """Any shipped example with one value broken: exit 0 or 1, each problem a FILE: path line."""
    code, out, err = _validate(document)
    assert code in (0, 1)
    if code == 1:
        assert out == ""
        assert err
        for line in err.splitlines():
            assert line.startswith("FILE: "), line
            assert line.count(": ") >= 2, line
    else:
        assert out.endswith(")\n")


@settings(max_examples=30, deadline=None)
@given(_JSON)
def test_any_json_value_is_reported_not_raised(document: Any) -> None:
    """Any JSON value at all is a document with problems (exit 1), never a traceback."""
    code, _, err = _validate(document)
    assert code == 1
    assert all(line.startswith("FILE: ") for line in err.splitlines())


def test_main_is_the_entry_point() -> None:
    """The module's ``main`` is the one the console script runs."""
    assert callable(main)


_CELL = st.one_of(
    st.just(""),
    st.text(max_size=10),
    st.sampled_from(
        [
            "created",
            "status_changed",
            "true",
            "nan",
            "2025-03-01T10:00:00",
            "2025-03-01T10:00:00+00:00",
            "9999-12-31T23:59:59+00:00",
            "0001-01-01T00:00:00+00:00",
            "-1",
            "1e400",
            "not applicable",
            "a;b",
        ]
    ),
)


def _table_text(name: str) -> str:
    frame = next(
        datasets.support_tickets(4, seed=5)
        if name == "events"
        else datasets.benefits_enrolments(6, seed=5)
    )
    return frame.map(csv_cell).to_csv(index=False)


_TABLES = {name: _table_text(name) for name in ("events", "claims")}


def _run_table(command: str, policy: str, text: str, *extra: str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "t.csv"
        table.write_text(text, encoding="utf-8")
        document = Path(folder) / "p.json"
        document.write_text(json.dumps(config.example_document(policy)), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        code = run([command, "--policy", str(document), str(table), *extra], stdout=out, stderr=err)
        return code, err.getvalue().replace(str(table), "FILE")


def _broken(text: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    row = data.draw(st.integers(1, len(lines) - 1))
    cells = lines[row].split(",")
    column = data.draw(st.integers(0, len(cells) - 1))
    cells[column] = data.draw(_CELL).replace(",", ";").replace("\n", " ").replace('"', "'")
    lines[row] = ",".join(cells)
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_broken_events_cell_is_reported_not_raised(data: st.DataObject) -> None:
    """Any one events cell replaced by any text: exit 0 or 1, problems named by row."""
    code, err = _run_table("evaluate", "support_sla_current", _broken(_TABLES["events"], data))
    assert code in (0, 1), err
    for line in err.splitlines():
        assert line.startswith("FILE: "), line


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_broken_claims_cell_is_reported_not_raised(data: st.DataObject) -> None:
    """Any one claims cell replaced by any text: exit 0 or 1, problems named by row."""
    text = _broken(_TABLES["claims"], data)
    code, err = _run_table("decide", "us_benefits_enrolment", text, "--id", "request_id")
    assert code in (0, 1), err
    for line in err.splitlines():
        assert line.startswith("FILE: "), line

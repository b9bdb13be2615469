"""The command line run in-process: ``main(argv)`` with its output captured by ``capsys``."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from pathlib import Path

import attrs
import pandas as pd
import pytest

from safetycore import config, datasets
from safetycore.__main__ import main


@attrs.frozen
class Run:
    """One run of the command line: its exit code and what it wrote."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("validate", "a.json")``: run ``safetycore`` with those arguments."""

    def run(*argv: object) -> Run:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def csv_cell(value: object) -> object:
    """A cell as a CSV file holds it: an enum by its value, a collection ``;``-joined."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list | set | frozenset):
        return ";".join(sorted(str(item) for item in value))
    return value


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """``frame`` written to ``path`` as a CSV file of plain cells (no index)."""
    frame.map(csv_cell).to_csv(path, index=False)
    return path


def write_json(data: object, path: Path) -> Path:
    """``data`` written to ``path`` as JSON."""
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def tickets_csv(tmp_path: Path) -> Path:
    """Thirty sample support tickets as an events CSV (``datasets.support_tickets``)."""
    return write_csv(next(datasets.support_tickets(30, seed=11)), tmp_path / "events.csv")


@pytest.fixture
def enrolments_csv(tmp_path: Path) -> Path:
    """Sixty sample enrolment requests as a claims CSV (``datasets.benefits_enrolments``)."""
    return write_csv(next(datasets.benefits_enrolments(60, seed=11)), tmp_path / "claims.csv")


def shipped(name: str, tmp_path: Path) -> Path:
    """The shipped example ``name`` written to ``tmp_path`` as ``name.json``."""
    return write_json(config.example_document(name), tmp_path / f"{name}.json")

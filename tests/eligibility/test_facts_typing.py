"""``@facts`` classes type-check: mypy sees their keyword-only, defaulted constructors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

_PROGRAM = """
import datetime as dt

from safetycore.eligibility import fact, facts
from safetycore.eligibility.pet_guarantee import PetGuaranteeClaim


@facts
class Claim:
    incident: dt.date = fact(dt.date)
    amount: int = fact(int)


Claim(incident=dt.date(2026, 1, 2))
Claim()
PetGuaranteeClaim(incident_date=dt.date(2026, 1, 2), booked_on_platform=True)
"""


def _mypy(tmp_path: Path, program: str) -> tuple[str, int]:
    source = tmp_path / "program.py"
    source.write_text(textwrap.dedent(program))
    out, err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(source)]
    )
    return out + err, status


class TestFactsConstructors:
    def test_keyword_constructors_type_check(self, tmp_path: Path) -> None:
        """A facts class takes any subset of its facts by keyword (the rest stay MISSING)."""
        report, status = _mypy(tmp_path, _PROGRAM)
        assert status == 0, report

    def test_wrong_types_and_positions_are_reported(self, tmp_path: Path) -> None:
        """Type checkers still catch a mistyped, positional or unknown fact, or a write."""
        program = _PROGRAM + textwrap.dedent(
            """
            Claim(incident="2026-01-02")
            Claim(dt.date(2026, 1, 2))
            Claim(reported=dt.date(2026, 1, 2))
            Claim().amount = 3
            """
        )
        report, status = _mypy(tmp_path, program)
        assert status == 1
        lines = [line for line in report.splitlines() if ": error:" in line]
        assert len(lines) == 4, report
        assert 'Argument "incident" to "Claim" has incompatible type "str"' in lines[0]
        assert "Too many positional arguments" in lines[1]
        assert 'Unexpected keyword argument "reported"' in lines[2]
        assert "read-only" in lines[3] or "frozen" in lines[3]

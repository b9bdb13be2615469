"""``make demo`` keeps working: the main job's report and plots, then the walkthrough's edges."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "demo" / "run.py"
PLOTS = ("attainment", "breach_heatmap", "first_reply_times", "what_if", "verdicts")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [sys.executable, str(DEMO), "--cases", "5000", "--claims", "2000", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, out


class TestMainJob:
    def test_the_report_has_each_part(self, demo: tuple[str, Path]) -> None:
        """Attainment per metric and priority, the what-if, and the claims' outcomes."""
        text, _ = demo
        assert "1. SLA attainment: 5,000 support tickets" in text
        assert re.search(r"first_reply +urgent +[\d,]+ +[\d.]+ % +[\d.]+ %", text)
        assert re.search(r"What-if, per metric.*\n\n  first_reply +breaches", text)
        assert "2. Guarantee claims: 2,000 claims decided" in text
        assert "Top reasons a claim is refused" in text

    def test_the_policies_read_as_data_give_the_same_report(self, demo: tuple[str, Path]) -> None:
        """The policies read from their shipped JSON give the numbers the Python-built ones did."""
        text, _ = demo
        for line in (
            "  first_reply  high            12      98.3 %        98.3 %",
            "  first_reply  urgent          28      87.7 %        67.1 %",
            "  resolution   normal          81      97.4 %        97.4 %",
            "  first_reply  breaches    100 ->    147  attainment  98.0 % ->  97.1 %",
            "  resolution   breaches    154 ->    154  attainment  97.2 % ->  97.2 %",
            "47 tickets change state; the first few, by ticket id:",
        ):
            assert line in text

    def test_changes_are_named_by_id(self, demo: tuple[str, Path]) -> None:
        """What-if changes name tickets and claims by their ids, never by position."""
        text, _ = demo
        assert re.search(r"^  T-\d{7} first_reply: met -> breached$", text, re.M)
        assert re.search(r"^  G-\d{7}: ineligible -> ", text, re.M)
        assert not re.search(r"claim \d+:", text)

    def test_the_command_line_checks_the_shipped_files(self, demo: tuple[str, Path]) -> None:
        """The shipped policy files pass ``safetycore validate``, one ok line each."""
        text, _ = demo
        assert "4. The command line: safetycore validate on the " in text
        assert "  support_ticket.workflow.json: ok (workflow)" in text
        assert "  support_sla_current.json: ok (sla_policy)" in text
        assert "  exit code 0 (docs/cli.md" in text

    def test_every_plot_is_written(self, demo: tuple[str, Path]) -> None:
        """Each plot is a PNG file in the output folder."""
        _, out = demo
        for name in PLOTS:
            assert (out / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class TestWalkthrough:
    def test_dst_night_shifts(self, demo: tuple[str, Path]) -> None:
        """The walkthrough still shows the DST night shifts it is about."""
        text, _ = demo
        assert "UK spring change: Saturday night shift 22:00 GMT -> 06:00 BST holds 7h00" in text
        assert "UK autumn change: Saturday night shift 22:00 BST -> 06:00 GMT holds 9h00" in text

    def test_one_id_per_ticket(self, demo: tuple[str, Path]) -> None:
        """A ticket id names one ticket: PET-0093 is the emergency line's, nowhere else."""
        text, _ = demo
        assert "PAY-1058 as of" in text
        assert "PET-0093 as of" not in text

    def test_one_date_format(self, demo: tuple[str, Path]) -> None:
        """Instants print one way, with the year: no ISO text, no day without its year."""
        text, _ = demo
        assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}", text)
        assert not re.search(r"\b\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)
        assert "Wed 2025-11-26 16:30 CST" in text

    def test_no_python_reprs(self, demo: tuple[str, Path]) -> None:
        """No Python None, nan or 'open now' (which meant 'open when opened')."""
        text, _ = demo
        assert not re.search(r"\bNone\b|\bnan\b|open now", text)
        assert "(the team was closed then)" in text

    def test_the_what_if_counts_what_was_loaded(self, demo: tuple[str, Path]) -> None:
        """The claims what-if counts the four claims loaded and names them by id."""
        text, _ = demo
        assert "the same 4 claims" in text
        assert "1 of 4 claims change." in text
        assert "  G-104: ineligible -> eligible" in text

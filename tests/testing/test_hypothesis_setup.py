"""``st.from_type`` on safetycore's value types, through hypothesis' entry point."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetycore import _hypothesis_setup
from safetycore.eligibility import InvoiceLine, Verdict, decide
from safetycore.eligibility.pet_guarantee import PET_GUARANTEE, PetGuaranteeClaim
from safetycore.eligibility.us_benefits import GROUP_HEALTH_ENROLMENT, EnrolmentRequest
from safetycore.errors import OutOfRangeError
from safetycore.events import CaseEvent, CaseHistory
from safetycore.sla import (
    Calendar,
    Closure,
    HolidaySource,
    HoursChange,
    SpecialOpening,
    TimeRange,
    WeeklySchedule,
)

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
NOON = dt.datetime(2025, 6, 2, 12, tzinfo=dt.UTC)

# The entry point registers these when safetycore is installed; registering here as well keeps
# the tests meaningful in a checkout whose installed metadata predates the entry point.
_hypothesis_setup._register()


class TestFromType:
    @settings(max_examples=25)
    @given(st.from_type(Calendar))
    def test_calendar(self, calendar: Calendar) -> None:
        """``from_type(Calendar)`` draws calendars that answer ``is_open`` and ``next_open``."""
        assert isinstance(calendar, Calendar)
        calendar.is_open(NOON)
        try:
            assert calendar.is_open(calendar.next_open(NOON))
        except OutOfRangeError:
            assert not calendar.is_open(NOON)  # some drawn calendars never open again

    @given(st.from_type(WeeklySchedule))
    def test_weekly_schedule(self, schedule: WeeklySchedule) -> None:
        """``from_type(WeeklySchedule)`` draws schedules that survive their own text form."""
        assert isinstance(schedule, WeeklySchedule)
        assert WeeklySchedule.parse(schedule.to_dict()) == schedule

    @given(st.from_type(TimeRange))
    def test_time_range(self, time_range: TimeRange) -> None:
        """``from_type(TimeRange)`` draws ranges that end after they start, by a day at most."""
        assert isinstance(time_range, TimeRange)
        assert time_range.start < time_range.end <= time_range.start + dt.timedelta(days=1)

    @given(st.from_type(HoursChange))
    def test_hours_change(self, change: HoursChange) -> None:
        """``from_type(HoursChange)`` draws a date and a valid schedule."""
        assert isinstance(change, HoursChange)
        assert isinstance(change.hours, WeeklySchedule)
        assert isinstance(change.effective, dt.date)

    @given(st.from_type(Closure))
    def test_closure(self, closure: Closure) -> None:
        """``from_type(Closure)`` draws closures a calendar accepts."""
        assert isinstance(closure, Closure)
        Calendar("UTC", WeeklySchedule.always(), closures=[closure])

    @given(st.from_type(SpecialOpening))
    def test_special_opening(self, opening: SpecialOpening) -> None:
        """``from_type(SpecialOpening)`` draws openings a calendar accepts."""
        assert isinstance(opening, SpecialOpening)
        Calendar("UTC", WeeklySchedule.closed(), openings=[opening])

    @settings(max_examples=10)
    @given(st.from_type(HolidaySource))
    def test_holiday_source(self, source: HolidaySource) -> None:
        """``from_type(HolidaySource)`` draws sources that list some holidays in 2025."""
        assert isinstance(source, HolidaySource)
        assert source.dates([2025])

    @given(st.from_type(CaseEvent))
    def test_case_event(self, event: CaseEvent) -> None:
        """``from_type(CaseEvent)`` draws events that a history of their case accepts."""
        assert isinstance(event, CaseEvent)
        assert CaseHistory(event.case_id, [event]).events == (event,)

    @given(st.from_type(CaseHistory))
    def test_case_history(self, history: CaseHistory) -> None:
        """``from_type(CaseHistory)`` draws histories that start with a created event, in order."""
        assert isinstance(history, CaseHistory)
        assert history.events[0].kind == "created"
        instants = [event.at for event in history]
        assert instants == sorted(instants)

    @given(st.from_type(InvoiceLine))
    def test_invoice_line(self, line: InvoiceLine) -> None:
        """``from_type(InvoiceLine)`` draws lines with a non-negative amount."""
        assert isinstance(line, InvoiceLine)
        assert line.amount >= 0

    @settings(max_examples=50)
    @given(st.from_type(PetGuaranteeClaim))
    def test_pet_guarantee_claim(self, claim: PetGuaranteeClaim) -> None:
        """``from_type(PetGuaranteeClaim)`` draws claims the example guarantee decides."""
        assert isinstance(claim, PetGuaranteeClaim)
        assert isinstance(decide(PET_GUARANTEE, claim).verdict, Verdict)

    @settings(max_examples=50)
    @given(st.from_type(EnrolmentRequest))
    def test_enrolment_request(self, request: EnrolmentRequest) -> None:
        """``from_type(EnrolmentRequest)`` draws requests the group health policy decides."""
        assert isinstance(request, EnrolmentRequest)
        assert isinstance(decide(GROUP_HEALTH_ENROLMENT, request).verdict, Verdict)


class TestHook:
    def test_register_twice(self) -> None:
        """``_register`` may run twice (the hook, then a test) and ``from_type`` still works."""
        _hypothesis_setup._register()
        _hypothesis_setup._register()

        @settings(max_examples=5)
        @given(st.from_type(TimeRange))
        def draws(time_range: TimeRange) -> None:
            assert isinstance(time_range, TimeRange)

        draws()

    def test_hook_survives_unimportable_safetycore(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The hook returns quietly when a safetycore module cannot be imported."""
        monkeypatch.setitem(sys.modules, "safetycore.sla", None)
        with pytest.raises(ImportError):
            _hypothesis_setup._register()
        assert _hypothesis_setup._hypothesis_setup_hook() is None

    def test_hook_lets_bugs_through(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An error other than ``ImportError`` is a bug, and the hook does not hide it."""

        def broken() -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(_hypothesis_setup, "_register", broken)
        with pytest.raises(RuntimeError, match="a bug"):
            _hypothesis_setup._hypothesis_setup_hook()


ENTRY_POINT = "safetycore._hypothesis_setup:_hypothesis_setup_hook"


def _run(code: str, *path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with ``path`` and safetycore's source importable."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HYPOTHESIS_NO_PLUGINS", "PYTHONPATH", "PYTEST_CURRENT_TEST")
    }
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (*path, SRC))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _fake_distribution(root: Path) -> Path:
    """A dist-info directory under ``root`` that declares only safetycore's hypothesis hook."""
    info = root / "safetycore_hook_probe-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: safetycore-hook-probe\nVersion: 0.0\n"
    )
    (info / "entry_points.txt").write_text(f"[hypothesis]\nsafetycore = {ENTRY_POINT}\n")
    return root


class TestEntryPoint:
    def test_declared_in_pyproject(self) -> None:
        """pyproject.toml declares the hook under hypothesis' entry-point group, and it resolves."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
        declared = project["entry-points"]["hypothesis"]["safetycore"]
        assert declared == ENTRY_POINT
        (point,) = importlib.metadata.EntryPoints(
            [importlib.metadata.EntryPoint("safetycore", declared, "hypothesis")]
        )
        assert point.load() is _hypothesis_setup._hypothesis_setup_hook

    def test_hypothesis_runs_the_hook_on_import(self, tmp_path: Path) -> None:
        """Importing hypothesis with the entry point installed makes ``from_type`` draw values.

        A fresh interpreter sees safetycore's entry point through a fake distribution, never
        imports ``safetycore.testing`` itself, and gets a ``Calendar`` from ``from_type``.
        """
        result = _run(
            """
            import sys
            import importlib.metadata
            names = [e.value for e in importlib.metadata.entry_points(group="hypothesis")]
            assert "safetycore._hypothesis_setup:_hypothesis_setup_hook" in names, names
            from hypothesis import strategies as st
            assert "safetycore.sla" in sys.modules  # the hook ran as hypothesis was imported
            assert "safetycore.testing" not in sys.modules  # and imported only the types
            from safetycore.sla import Calendar
            calendar = st.from_type(Calendar).example()
            assert type(calendar) is Calendar, type(calendar)
            print("drawn", len(repr(calendar)))
            """,
            _fake_distribution(tmp_path),
        )
        assert result.returncode == 0, result.stderr
        assert "drawn" in result.stdout

    def test_no_plugins_turns_the_hook_off(self, tmp_path: Path) -> None:
        """With ``HYPOTHESIS_NO_PLUGINS`` set, importing hypothesis imports no safetycore module."""
        result = _run(
            """
            import os, sys
            os.environ["HYPOTHESIS_NO_PLUGINS"] = "1"
            import hypothesis
            assert not any(name.startswith("safetycore") for name in sys.modules)
            """,
            _fake_distribution(tmp_path),
        )
        assert result.returncode == 0, result.stderr
